//! `cargo xtask gas convert` and `cargo xtask gas balance`: the gas ledger of
//! `dostyk-transit-gas` on the command line.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use dostyk_transit_gas::reference::{self, ConversionRequest, FactorBasis, ReferenceConditions};

use crate::TaskResult;
use crate::output::{self, Format};

pub(crate) const GAS_HELP: &str = "\
cargo xtask gas convert VALUE UNIT --from COND --to COND [--gcv \"VALUE UNIT C/M\"] [--basis ideal|methane]
                        [--format json|table] [--output FILE]
    restate a gas volume at other reference conditions, and in energy with a calorific value
    COND: gost (20 °C), iso (15 °C), normal (0 °C), all at 101.325 kPa; a volume without --from is refused
    UNIT: m3, 1000m3, mcm, bcm, or kWh, MWh, GWh, TWh, MJ, GJ, PJ, MMBtu
    --gcv: gross calorific value with its basis, e.g. \"10.303 kWh/m3 25/20\" (combustion 25 °C, metering 20 °C)
cargo xtask gas balance FILE... [--to COND] [--basis ideal|methane] [--ytd YYYY-YTDmm]
                        [--target \"VOLUME UNIT COND FROM_YEAR SOURCE_ID\"] [--format json|table] [--output FILE]
    balances from ENTSOG-format CSV/JSON exports and national gas tables (CSV with a reference_conditions column)
";

fn parse<T: std::str::FromStr>(value: OsString, flag: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    let text = value
        .into_string()
        .map_err(|_| format!("{flag}: not valid UTF-8"))?;
    text.parse::<T>().map_err(|e| format!("{flag} {text}: {e}"))
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

/// `cargo xtask gas convert VALUE UNIT --from COND --to COND [--gcv ...]`.
pub(crate) fn convert(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut positional: Vec<String> = Vec::new();
    let mut from = None;
    let mut to = None;
    let mut gcv = None;
    let mut basis = FactorBasis::IdealGas;
    let mut format = Format::Table;
    let mut output_path: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("from") => from = Some(parse::<ReferenceConditions>(parser.value()?, "--from")?),
            Long("to") => to = Some(parse::<ReferenceConditions>(parser.value()?, "--to")?),
            Long("gcv") => gcv = Some(parse::<reference::Gcv>(parser.value()?, "--gcv")?),
            Long("basis") => basis = parse(parser.value()?, "--basis")?,
            Long("format") => format = parse(parser.value()?, "--format")?,
            Long("output") => output_path = Some(parser.value()?.into()),
            Long("help") | Short('h') => {
                print!("{GAS_HELP}");
                return Ok(());
            }
            Value(v) => positional.push(
                v.into_string()
                    .map_err(|_| "arguments must be valid UTF-8".to_owned())?,
            ),
            other => return Err(other.unexpected().into()),
        }
    }
    let [value, unit] = positional.as_slice() else {
        return Err(
            "expected VALUE UNIT, e.g. `cargo xtask gas convert 1.28 bcm --from gost --to normal`"
                .into(),
        );
    };
    let value: f64 = value
        .parse()
        .map_err(|_| format!("VALUE \"{value}\": expected a number such as 1.28"))?;
    let unit: reference::AnyUnit = unit.parse()?;
    let request = ConversionRequest {
        value,
        unit,
        from,
        to,
        gcv,
        basis,
    };
    let result = reference::convert(&request)?;
    let text = match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&result)?),
        Format::Table => {
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
        }
    };
    output::emit(&text, output_path.as_deref())
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), number)
}

/// `cargo xtask gas balance FILE... [--format json|table]`.
pub(crate) fn balance(args: Vec<OsString>) -> TaskResult {
    use dostyk_transit_gas::balance::{self, BalanceOptions};
    use dostyk_transit_gas::{entsog, national};
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut options = BalanceOptions::default();
    let mut format = Format::Table;
    let mut output_path: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("to") => options.conditions = parse(parser.value()?, "--to")?,
            Long("basis") => options.basis = parse(parser.value()?, "--basis")?,
            Long("ytd") => options.ytd = Some(parse(parser.value()?, "--ytd")?),
            Long("target") => options.targets.push(parse(parser.value()?, "--target")?),
            Long("tariff") => options.tariffs.push(parse(parser.value()?, "--tariff")?),
            Long("format") => format = parse(parser.value()?, "--format")?,
            Long("output") => output_path = Some(parser.value()?.into()),
            Long("help") | Short('h') => {
                print!("{GAS_HELP}");
                return Ok(());
            }
            Value(v) => files.push(v.into()),
            other => return Err(other.unexpected().into()),
        }
    }
    if files.is_empty() {
        return Err(
            "expected at least one FILE (ENTSOG-format CSV/JSON or a national gas table)".into(),
        );
    }
    let mut records = Vec::new();
    let mut rows = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        if national::is_national_table(&text) {
            rows.extend(national::parse_csv(&text, file)?);
        } else if entsog::is_json(&text) {
            records.extend(entsog::parse_json(&text, file)?);
        } else {
            records.extend(entsog::parse_csv(&text, file)?);
        }
    }
    let report = balance::balance(&records, &rows, &options)?;
    let text = match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&report)?),
        Format::Table => {
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
                            p.unit.clone(),
                            opt(p.renominated.or(p.nominated)),
                            opt(p.allocated),
                            opt(p.physical),
                            opt(p.firm_technical),
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
                            c.unit.clone(),
                            number(c.entry),
                            number(c.exit),
                            number(c.domestic_offtake),
                            number(c.residual),
                            number(c.transit),
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
                            t.unit.clone(),
                            number(t.total),
                            format!("{}/{}", t.coverage_days, t.span_days),
                            t.revenue.as_ref().map_or_else(
                                || "-".to_owned(),
                                |r| format!("{} {}", r.amount.amount, r.amount.currency),
                            ),
                            t.sources.join(" "),
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
                            number(t.actual),
                            number(t.target),
                            format!("{:.1} %", t.share * 100.0),
                            if t.in_force { "yes" } else { "not yet" }.to_owned(),
                            if t.complete { "yes" } else { "partial" }.to_owned(),
                            t.rag.map_or_else(
                                || "-".to_owned(),
                                |r| format!("{r:?}").to_lowercase(),
                            ),
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
                    number(o.latest_actual),
                    o.unit,
                    o.latest_year,
                    number(o.target),
                    o.unit,
                    o.target_year,
                    o.required_annual_growth * 100.0,
                    o.source
                )?;
            }
            out
        }
    };
    output::emit(&text, output_path.as_deref())
}
