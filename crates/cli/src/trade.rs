//! `dostyk trade summary|mirror`: thin over `dostyk_trade::summary`; `dostyk trade fetch` is in
//! `trade_fetch`, `dostyk trade query|convert` in `trade_query`.
//!
//! The whole output is built before anything is printed, so a bad file ends the command with
//! its error and a non-zero exit and never with a partial table.

use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::path::PathBuf;

use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::ReadOptions;
use dostyk_trade::mirror::{MirrorOptions, MirrorRow};
use dostyk_trade::summary::{self, SummaryRecord};
use rust_decimal::Decimal;

use crate::format::{self, Format};
use crate::{Progress, TaskResult, output};

const SUMMARY_HELP: &str = "\
Reads: UN Comtrade files in any mix of layouts: the current API CSV, bulk TSV (gzip or plain)
and the legacy CSV (human or machine headings); columns are matched by name. A bad file stops
the command with its file, line and column, and nothing is printed.

Examples:
  dostyk trade summary comtrade_kaz_uzb.csv --reporter KAZ --partner UZB --format table
  dostyk trade summary bulk_2023.txt.gz legacy_2017.csv --out summary.json";

const MIRROR_HELP: &str = "\
Reads: UN Comtrade files in any mix of layouts (API CSV, bulk TSV gzip or plain, legacy CSV);
both sides' declarations must be among them.

Examples:
  dostyk trade mirror kaz.csv uzb.csv --a KAZ --b UZB --format table
  dostyk trade mirror comtrade_kaz_uzb.csv --a KAZ --b UZB --cif-fob 1.08";

/// `dostyk trade`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum TradeCommand {
    /// Exports, imports, turnover and balance per reporter, partner and period, with the rows
    /// used and the rows skipped and why.
    #[command(after_help = SUMMARY_HELP)]
    Summary(SummaryArgs),
    /// Mirror statistics: per period and direction both declarations, the gap, the gap % and
    /// the CIF/FOB-adjusted gap %.
    #[command(after_help = MIRROR_HELP)]
    Mirror(MirrorArgs),
    /// Fetch UN Comtrade data from the Comtrade+ API into a dataset folder: calls planned
    /// under the record cap, rate-limited, retried, cached (a rerun resumes), with provenance.
    #[command(after_help = crate::trade_fetch::FETCH_HELP)]
    Fetch(crate::trade_fetch::FetchArgs),
    /// SQL over Comtrade files or their Parquet conversion (table `comtrade`), printed as CSV
    /// or written as Parquet; on DataFusion, or on Ballista with --engine ballista. Needs the
    /// cargo feature `query`.
    #[command(after_help = crate::trade_query::QUERY_HELP)]
    Query(crate::trade_query::QueryArgs),
    /// Comtrade files to Parquet, partitioned by year and reporter. Needs the cargo feature
    /// `query`.
    #[command(after_help = crate::trade_query::CONVERT_HELP)]
    Convert(crate::trade_query::ConvertArgs),
}

/// The files and output options both trade commands take.
#[derive(Debug, clap::Args)]
pub(crate) struct Common {
    /// Comtrade files (API CSV, bulk TSV gzip or plain, legacy CSV)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format: table or json
    #[arg(long, default_value = "json", value_parser = format::parser(format::TABLE_JSON))]
    format: Format,
    /// Write the result to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
}

/// `dostyk trade summary`.
#[derive(Debug, clap::Args)]
pub(crate) struct SummaryArgs {
    #[command(flatten)]
    common: Common,
    /// Keep only this reporter (ISO3 code such as KAZ, or an M49 number)
    #[arg(long, value_name = "ISO3", value_parser = parse_area)]
    reporter: Option<M49Area>,
    /// Keep only this partner (ISO3 code such as UZB, or an M49 number)
    #[arg(long, value_name = "ISO3", value_parser = parse_area)]
    partner: Option<M49Area>,
    /// Threads that parse each plain (not gzip) file; 1 reads it as a stream [default: one per
    /// core]. The result is the same at any count.
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    threads: Option<NonZeroUsize>,
}

/// `dostyk trade mirror`.
#[derive(Debug, clap::Args)]
pub(crate) struct MirrorArgs {
    #[command(flatten)]
    common: Common,
    /// One side (ISO3 code such as KAZ)
    #[arg(long, value_name = "ISO3", value_parser = parse_area)]
    a: M49Area,
    /// The other side (ISO3 code such as UZB)
    #[arg(long, value_name = "ISO3", value_parser = parse_area)]
    b: M49Area,
    /// The CIF/FOB factor that turns the importer's CIF value into FOB [default: 1.06, IMF DOTS]
    #[arg(long, value_name = "FACTOR", value_parser = parse_factor)]
    cif_fob: Option<Decimal>,
}

fn parse_area(text: &str) -> Result<M49Area, String> {
    M49Area::from_code(text).map_err(|e| e.to_string())
}

fn parse_threads(text: &str) -> Result<NonZeroUsize, String> {
    text.parse()
        .map_err(|_| "expected a whole number of threads, 1 or more".to_owned())
}

fn parse_factor(text: &str) -> Result<Decimal, String> {
    text.parse()
        .map_err(|_| "expected a decimal such as 1.06".to_owned())
}

/// Runs a trade command.
pub(crate) fn run(command: TradeCommand, progress: Progress) -> TaskResult {
    let (text, out) = match command {
        // Writes into a dataset folder, not to --out.
        TradeCommand::Fetch(args) => return crate::trade_fetch::run(args, progress),
        // Write their own outputs (CSV on standard output, Parquet files under --out).
        TradeCommand::Query(args) => return crate::trade_query::query(args, progress),
        TradeCommand::Convert(args) => return crate::trade_query::convert(args, progress),
        TradeCommand::Summary(args) => {
            refuse_out_over_input(&args.common)?;
            progress.line(format_args!(
                "reading {} Comtrade file(s)",
                args.common.files.len()
            ));
            (summary_text(&args)?, args.common.out)
        }
        TradeCommand::Mirror(args) => {
            if args.a == args.b {
                // A mirror compares two sides' declarations; one area against itself has none
                // and would print an empty list. A usage error (exit 2), like clap's own.
                clap::Error::raw(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!(
                        "--a and --b name the same area ({}); a mirror compares two different areas' declarations, e.g. --a KAZ --b UZB\n",
                        args.a
                    ),
                )
                .exit();
            }
            refuse_out_over_input(&args.common)?;
            progress.line(format_args!(
                "reading {} Comtrade file(s)",
                args.common.files.len()
            ));
            (mirror_text(&args)?, args.common.out)
        }
    };
    output::emit(&text, out.as_deref())
}

/// Refuses an `--out` that names one of the input files, before anything is read.
fn refuse_out_over_input(common: &Common) -> TaskResult {
    output::refuse_out_over_input(
        common.out.as_deref(),
        common.files.iter().map(PathBuf::as_path),
    )
}

fn summary_text(args: &SummaryArgs) -> Result<String, Box<dyn std::error::Error>> {
    let options = ReadOptions {
        reporters: args.reporter.into_iter().collect(),
        partners: args.partner.into_iter().collect(),
        threads: args.threads,
        ..ReadOptions::default()
    };
    let agg = summary::read_files(&args.common.files, &options)?;
    let records = summary::summarize(&agg);
    Ok(if args.common.format == Format::Json {
        serde_json::to_string_pretty(&records)? + "\n"
    } else {
        summary_table(&records)
    })
}

fn mirror_text(args: &MirrorArgs) -> Result<String, Box<dyn std::error::Error>> {
    let mut options = MirrorOptions::default();
    if let Some(f) = args.cif_fob {
        options.cif_fob_factor = f;
    }
    let rows = summary::mirror_files(&args.common.files, args.a, args.b, &options)?;
    Ok(if args.common.format == Format::Json {
        serde_json::to_string_pretty(&rows.iter().map(mirror_json).collect::<Vec<_>>())? + "\n"
    } else {
        mirror_table(&rows)
    })
}

fn money(v: Option<Decimal>) -> String {
    v.map_or_else(|| "-".to_owned(), |d| d.round_dp(2).normalize().to_string())
}

fn pct(v: Option<Decimal>) -> String {
    v.map_or_else(|| "-".to_owned(), |d| format!("{:.2}", d.round_dp(2)))
}

fn mirror_json(r: &MirrorRow) -> serde_json::Value {
    let round = |v: Option<Decimal>, dp: u32| v.map(|d| d.round_dp(dp).normalize().to_string());
    serde_json::json!({
        "period": r.period.to_string(),
        "exporter": r.exporter,
        "importer": r.importer,
        "exporter_declared_usd": round(r.exporter_declared_usd, 2),
        "importer_declared_usd": round(r.importer_declared_usd, 2),
        "gap_usd": round(r.gap_usd, 2),
        "gap_pct": round(r.gap_pct, 2),
        "importer_fob_usd": round(r.importer_fob_usd, 2),
        "adjusted_gap_usd": round(r.adjusted_gap_usd, 2),
        "adjusted_gap_pct": round(r.adjusted_gap_pct, 2),
        "reconciled_usd": round(r.reconciled.map(|c| c.value_usd), 2),
        "reconciliation": r.reconciled.map(|c| c.method),
    })
}

/// Left-aligns the first `text_cols` columns and right-aligns the rest.
fn table(header: &[&str], rows: &[Vec<String>], text_cols: usize) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            if i < text_cols {
                let _ = write!(l, "{c:<w$}");
            } else {
                let _ = write!(l, "{c:>w$}");
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    for r in rows {
        line(r.iter().map(String::as_str).collect());
    }
    out
}

fn summary_table(records: &[SummaryRecord]) -> String {
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.reporter.to_string(),
                r.partner.to_string(),
                r.period.to_string(),
                money(r.exports_usd),
                money(r.imports_usd),
                money(r.turnover_usd),
                money(r.balance_usd),
                r.rows_used.to_string(),
                r.rows_skipped
                    .iter()
                    .map(|g| g.rows)
                    .sum::<u64>()
                    .to_string(),
            ]
        })
        .collect();
    let mut out = table(
        &[
            "reporter",
            "partner",
            "period",
            "exports_usd",
            "imports_usd",
            "turnover_usd",
            "balance_usd",
            "rows_used",
            "rows_skipped",
        ],
        &rows,
        3,
    );
    let mut notes = String::new();
    for r in records {
        for g in &r.rows_skipped {
            // A place holds commas (`a.csv, line 10`), so places are separated by `; `.
            let first: Vec<String> = g.first.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                notes,
                "{} {} {}: {} row(s) skipped: {} (first at {})",
                r.reporter,
                r.partner,
                r.period,
                g.rows,
                g.reason,
                first.join("; ")
            );
        }
    }
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    out
}

fn mirror_table(rows: &[MirrorRow]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.period.to_string(),
                format!("{}->{}", r.exporter, r.importer),
                money(r.exporter_declared_usd),
                money(r.importer_declared_usd),
                money(r.gap_usd),
                pct(r.gap_pct),
                pct(r.adjusted_gap_pct),
            ]
        })
        .collect();
    table(
        &[
            "period",
            "direction",
            "exporter_declared_usd",
            "importer_declared_usd",
            "gap_usd",
            "gap_pct",
            "adjusted_gap_pct",
        ],
        &cells,
        2,
    )
}
