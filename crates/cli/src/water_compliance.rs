//! `dostyk water compliance`: ICWC limits against actual intake (dispatched from `water.rs`).
//!
//! Thin: reads the two CSV files with `dostyk_water`, runs `compliance::assess` and prints the
//! report as a table or as JSON (or writes it to `--out`, whole or not at all).

use std::path::PathBuf;

use dostyk_water::compliance::{self, DekadLimits};
use dostyk_water::intake::read_intake_csv;
use dostyk_water::limits::read_limits_csv;

use crate::format::{self, Format};
use crate::{Progress, TaskResult};

/// Help shown after the options of `water compliance`.
pub(crate) const HELP: &str = "\
Reads:
  LIMITS.csv  ICWC limits: country,line,season,dekad,volume,unit,source
  INTAKE.csv  actual intake per dekad: country,line,dekad,value,unit,source
A bad cell stops the command with its file, line and field.

Formats: table (volumes in million m3, the default) or json (volumes in m3).

Examples:
  dostyk water compliance limits.csv intake.csv
  dostyk water compliance limits.csv intake.csv --pro-rata-by-days --format json --out compliance.json";

/// `dostyk water compliance`.
#[derive(Debug, clap::Args)]
pub(crate) struct ComplianceArgs {
    /// ICWC limits (CSV)
    #[arg(value_name = "LIMITS.csv")]
    limits: PathBuf,
    /// Actual intake per dekad (CSV)
    #[arg(value_name = "INTAKE.csv")]
    intake: PathBuf,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = format::parser(format::TABLE_JSON))]
    format: Format,
    /// Where a line has only a seasonal limit, split it over the dekads by days (an assumption;
    /// the result says so)
    #[arg(long)]
    pro_rata_by_days: bool,
    /// Write the result to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
}

/// `dostyk water compliance LIMITS.csv INTAKE.csv [--format table|json] …`.
pub(crate) fn run(args: &ComplianceArgs, progress: Progress) -> TaskResult {
    crate::output::refuse_out_over_input(
        args.out.as_deref(),
        [args.limits.as_path(), args.intake.as_path()],
    )?;
    let (limits_path, intake_path) = (&args.limits, &args.intake);
    let dekad_limits = if args.pro_rata_by_days {
        DekadLimits::ProRataByDays
    } else {
        DekadLimits::AsGiven
    };
    progress.line(format_args!(
        "reading {} and {}",
        limits_path.display(),
        intake_path.display()
    ));
    let limits = read_limits_csv(limits_path)?;
    let intake = read_intake_csv(intake_path)?;
    let report = compliance::assess(&limits, &intake, dekad_limits)?;
    let text = if args.format == Format::Json {
        report.to_json()?
    } else {
        report.to_table()
    };
    crate::output::emit(&text, args.out.as_deref())
}
