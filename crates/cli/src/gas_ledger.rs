//! `dostyk gas convert` and `dostyk gas balance`: the gas ledger of `dostyk-transit-gas` on
//! the command line.

use dostyk_core_model::read;
use rust_decimal::prelude::ToPrimitive as _;
use std::fmt::Write as _;
use std::path::PathBuf;

use dostyk_transit_gas::amount::GasAmount;
use dostyk_transit_gas::balance::{BalanceOptions, SeriesTariff, VolumeTarget};
use dostyk_transit_gas::reference::{
    self, AnyUnit, ConversionRequest, FactorBasis, Gcv, ReferenceConditions,
};

use crate::format::{self, Format};
use crate::{Progress, TaskResult, output};

/// Help shown after the options of `gas convert`.
pub(crate) const CONVERT_HELP: &str = "\
COND: gost (20 °C), iso (15 °C), normal (0 °C), all at 101.325 kPa. A volume without --from is
refused: guessing the conditions is how 5 % errors are made.
UNIT: m3, 1000m3, mcm, bcm, or kWh, MWh, GWh, TWh, MJ, GJ, PJ, MMBtu.

Formats: table (the default) or json.

Examples:
  dostyk gas convert 5.6 bcm --from gost --to normal
  dostyk gas convert 1.28 bcm --from gost --to normal --gcv \"10.303 kWh/m3 25/20\" --format json";

/// Help shown after the options of `gas balance`.
pub(crate) const BALANCE_HELP: &str = "\
Reads: ENTSOG transparency exports (CSV or JSON, detected) and national gas tables (CSV with a
reference_conditions column), in any mix. A bad cell stops the command with its file, line and
field.

Formats: table (the default) or json.

Examples:
  dostyk gas balance entsog.csv national.csv
  dostyk gas balance entsog.json --to normal --ytd 2025-YTD06 --format json --out balance.json
  dostyk gas balance national.csv \\
    --target \"annual=11 unit=bcm conditions=gost from=2026 exporter=RUS importer=UZB kind=transit source=ID\"";

/// Parses a command-line value with the type's own parser; its message says what is expected.
pub(crate) fn from_text<T: std::str::FromStr>(text: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    text.parse::<T>().map_err(|e| e.to_string())
}

fn parse_value(text: &str) -> Result<f64, String> {
    text.parse()
        .map_err(|_| format!("\"{text}\": expected a number such as 1.28"))
}

/// `dostyk gas convert`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConvertArgs {
    /// The amount, e.g. 1.28
    #[arg(value_name = "VALUE", value_parser = parse_value, allow_negative_numbers = true)]
    value: f64,
    /// Its unit: a volume (m3, 1000m3, mcm, bcm) or an energy (kWh … TWh, MJ, GJ, PJ, MMBtu)
    #[arg(value_name = "UNIT", value_parser = from_text::<AnyUnit>)]
    unit: AnyUnit,
    /// The reference conditions the volume is stated at: gost, iso or normal
    #[arg(long, value_name = "COND", value_parser = from_text::<ReferenceConditions>)]
    from: Option<ReferenceConditions>,
    /// The reference conditions to restate it at: gost, iso or normal
    #[arg(long, value_name = "COND", value_parser = from_text::<ReferenceConditions>)]
    to: Option<ReferenceConditions>,
    /// Gross calorific value with its basis, e.g. "10.303 kWh/m3 25/20" (combustion 25 °C,
    /// metering 20 °C); gives the energy
    #[arg(long, value_name = "\"VALUE UNIT C/M\"", value_parser = from_text::<Gcv>)]
    gcv: Option<Gcv>,
    /// Factors for an ideal gas or for methane: ideal or methane [default: ideal]
    #[arg(long, value_name = "BASIS", value_parser = from_text::<FactorBasis>)]
    basis: Option<FactorBasis>,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = format::parser(format::TABLE_JSON))]
    format: Format,
    /// Write the result to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
}

/// `dostyk gas balance`.
#[derive(Debug, clap::Args)]
pub(crate) struct BalanceArgs {
    /// ENTSOG-format CSV/JSON exports and national gas tables
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// State volumes at these reference conditions: gost, iso or normal [default: gost]
    #[arg(long, value_name = "COND", value_parser = from_text::<ReferenceConditions>)]
    to: Option<ReferenceConditions>,
    /// Factors for an ideal gas or for methane: ideal or methane [default: ideal]
    #[arg(long, value_name = "BASIS", value_parser = from_text::<FactorBasis>)]
    basis: Option<FactorBasis>,
    /// Also total the year to date up to this month, e.g. 2025-YTD06
    #[arg(long, value_name = "YYYY-YTDmm", value_parser = from_text::<dostyk_core_model::period::YearToDate>)]
    ytd: Option<dostyk_core_model::period::YearToDate>,
    /// A volume target to track (repeatable): "annual=11 unit=bcm conditions=gost from=2026
    /// exporter=RUS importer=UZB kind=transit source=ID"
    #[arg(long, value_name = "TARGET", value_parser = from_text::<VolumeTarget>)]
    target: Vec<VolumeTarget>,
    /// A transit tariff to price a series with (repeatable): "rate=1.75 currency=USD
    /// per=1000m3_100km conditions=gost distance_km=1000 exporter=RUS importer=UZB kind=transit
    /// source=ID", or per=MWh without distance_km
    #[arg(long, value_name = "TARIFF", value_parser = from_text::<SeriesTariff>)]
    tariff: Vec<SeriesTariff>,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = format::parser(format::TABLE_JSON))]
    format: Format,
    /// Write the result to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
}

/// Formats a number with nine significant digits and no exponent, trailing zeros trimmed.
pub(crate) fn number(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{x}");
    }
    let magnitude = x.abs().log10().floor() as i32 + 1;
    let decimals = (9 - magnitude).clamp(0, 12) as usize;
    let mut s = format!("{x:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    s
}

/// `dostyk gas convert VALUE UNIT --from COND --to COND [--gcv ...]`.
pub(crate) fn convert(args: &ConvertArgs) -> TaskResult {
    let request = ConversionRequest {
        value: args.value,
        unit: args.unit,
        from: args.from,
        to: args.to,
        gcv: args.gcv,
        basis: args.basis.unwrap_or(FactorBasis::IdealGas),
    };
    let result = reference::convert(&request)?;
    let text = if args.format == Format::Json {
        format!("{}\n", serde_json::to_string_pretty(&result)?)
    } else {
        let mut out = format!(
            "{} {}{}",
            number(result.input.value),
            result.input.unit,
            result
                .from
                .map(|c| format!(" at {c} ({} °C)", c.temperature_c()))
                .unwrap_or_default()
        );
        if let (Some(to), Some(f)) = (result.to, result.volume_factor) {
            write!(
                out,
                " -> {to} ({} °C), factor {} ({})",
                to.temperature_c(),
                number(f),
                result.factor_basis
            )?;
        }
        if let Some(g) = &result.gcv {
            write!(
                out,
                "; GCV {} MJ/m3 on basis {}",
                number(g.mj_per_m3),
                g.basis()
            )?;
        }
        out.push('\n');
        let mut rows: Vec<Vec<String>> = Vec::new();
        for a in &result.volumes {
            let cond = result.to.map(ReferenceConditions::code).unwrap_or_default();
            rows.push(vec![format!("{} ({cond})", a.unit), number(a.value)]);
        }
        for a in &result.energies {
            rows.push(vec![a.unit.clone(), number(a.value)]);
        }
        out.push_str(&output::table(&["unit", " amount"], &rows));
        out
    };
    output::emit(&text, args.out.as_deref())
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), number)
}

/// An amount's number in its unit (the table states the unit in its own column).
fn amount(a: GasAmount) -> String {
    number(a.value())
}

fn opt_amount(a: Option<GasAmount>) -> String {
    a.map_or_else(|| "-".to_owned(), amount)
}

/// `dostyk gas balance FILE... [--format table|json]`.
pub(crate) fn balance(args: &BalanceArgs, progress: Progress) -> TaskResult {
    use dostyk_transit_gas::balance;
    use dostyk_transit_gas::{entsog, national};
    output::refuse_out_over_input(args.out.as_deref(), args.files.iter().map(PathBuf::as_path))?;
    let mut options = BalanceOptions::default();
    if let Some(conditions) = args.to {
        options.conditions = conditions;
    }
    if let Some(basis) = args.basis {
        options.basis = basis;
    }
    options.ytd = args.ytd;
    options.targets.clone_from(&args.target);
    options.tariffs.clone_from(&args.tariff);
    let files = &args.files;
    progress.line(format_args!("reading {} gas file(s)", files.len()));
    let mut records = Vec::new();
    let mut rows = Vec::new();
    for file in files {
        // Bounded, and a folder, a named pipe or a device is refused instead of read.
        let text = read::read_text(file, read::MAX_TEXT_FILE_BYTES)?;
        if national::is_national_table(&text) {
            rows.extend(national::parse_csv(&text, file)?);
        } else if entsog::is_json(&text) {
            records.extend(entsog::parse_json(&text, file)?);
        } else {
            records.extend(entsog::parse_csv(&text, file)?);
        }
    }
    let report = balance::balance(&records, &rows, &options)?;
    let text = if args.format == Format::Json {
        format!("{}\n", serde_json::to_string_pretty(&report)?)
    } else {
        let mut out = format!(
            "Volumes at {} ({} °C, 101.325 kPa), {} factors; {} superseded record(s), {} without a country\n",
            report.conditions,
            report.conditions.temperature_c(),
            report.factor_basis,
            report.superseded_records,
            report.unassigned_records
        );
        if !report.points.is_empty() {
            out.push_str("\nPoints\n");
            let rows: Vec<Vec<String>> = report
                .points
                .iter()
                .map(|p| {
                    vec![
                        p.period.to_string(),
                        p.operator_key.clone(),
                        p.point_key.clone(),
                        p.direction.to_string(),
                        p.unit.to_string(),
                        opt_amount(p.renominated.or(p.nominated)),
                        opt_amount(p.allocated),
                        opt_amount(p.physical),
                        opt_amount(p.firm_technical),
                        opt(p.utilisation),
                        p.flow_status.unwrap_or("-").to_owned(),
                    ]
                })
                .collect();
            out.push_str(&output::table(
                &[
                    "period",
                    "operator",
                    "point",
                    "dir",
                    "unit",
                    " nominated",
                    " allocated",
                    " physical",
                    " firm tech",
                    " utilisation",
                    "status",
                ],
                &rows,
            ));
        }
        if !report.countries.is_empty() {
            out.push_str("\nCountries (physical flows)\n");
            let rows: Vec<Vec<String>> = report
                .countries
                .iter()
                .map(|c| {
                    vec![
                        c.country.to_string(),
                        c.period.to_string(),
                        c.unit.to_string(),
                        amount(c.entry),
                        amount(c.exit),
                        amount(c.domestic_offtake),
                        amount(c.residual),
                        amount(c.transit),
                    ]
                })
                .collect();
            out.push_str(&output::table(
                &[
                    "country",
                    "period",
                    "unit",
                    " entry",
                    " exit",
                    " offtake",
                    " entry-exit-offtake",
                    " transit",
                ],
                &rows,
            ));
        }
        for (title, totals) in [
            ("Annual totals", &report.annual),
            ("Year to date", &report.year_to_date),
        ] {
            if totals.is_empty() {
                continue;
            }
            write!(out, "\n{title}\n")?;
            let rows: Vec<Vec<String>> = totals
                .iter()
                .map(|t| {
                    vec![
                        t.span.to_string(),
                        format!(
                            "{}>{}{}",
                            t.series.exporter,
                            t.series.importer,
                            t.series
                                .via
                                .as_ref()
                                .map(|v| format!(" via {v}"))
                                .unwrap_or_default()
                        ),
                        t.series.route.clone(),
                        t.series.kind.to_string(),
                        t.series.status.to_string(),
                        t.unit.to_string(),
                        amount(t.total),
                        format!("{}/{}", t.coverage_days, t.span_days),
                        t.revenue.as_ref().map_or_else(
                            || "-".to_owned(),
                            |r| format!("{} {}", r.amount.amount, r.amount.currency),
                        ),
                        t.sources
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" "),
                    ]
                })
                .collect();
            out.push_str(&output::table(
                &[
                    "span", "pair", "route", "kind", "status", "unit", " total", " days",
                    " revenue", "sources",
                ],
                &rows,
            ));
        }
        if !report.targets.is_empty() {
            out.push_str("\nTarget progress\n");
            let rows: Vec<Vec<String>> = report
                .targets
                .iter()
                .map(|t| {
                    vec![
                        t.span.to_string(),
                        format!("{}>{}", t.series.exporter, t.series.importer),
                        number(t.actual.m3()),
                        number(t.target.m3()),
                        format!("{:.1} %", t.share * 100.0),
                        if t.in_force { "yes" } else { "not yet" }.to_owned(),
                        if t.complete { "yes" } else { "partial" }.to_owned(),
                        t.rag
                            .map_or_else(|| "-".to_owned(), |r| format!("{r:?}").to_lowercase()),
                        t.source.to_string(),
                    ]
                })
                .collect();
            out.push_str(&output::table(
                &[
                    "span",
                    "pair",
                    " actual",
                    " target",
                    " share",
                    "in force",
                    "complete",
                    "rag",
                    "target source",
                ],
                &rows,
            ));
        }
        for o in &report.outlook {
            write!(
                out,
                "\n{}>{} {}: from {} {} in {} to {} {} in {} needs {:.1} % a year (target source {})\n",
                o.series.exporter,
                o.series.importer,
                o.series.kind,
                number(o.latest_actual.m3()),
                o.unit,
                o.latest_year,
                number(o.target.m3()),
                o.unit,
                o.target_year,
                o.required_annual_growth.to_f64().unwrap_or(f64::NAN) * 100.0,
                o.source
            )?;
        }
        out
    };
    output::emit(&text, args.out.as_deref())
}
