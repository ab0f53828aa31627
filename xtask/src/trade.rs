//! `cargo xtask trade summary|mirror`: thin over `dostyk_trade::summary`.
//!
//! The whole output is built before anything is printed, so a bad file ends the task with its
//! error and a non-zero exit and never with a partial table.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::ReadOptions;
use dostyk_trade::mirror::{MirrorOptions, MirrorRow};
use dostyk_trade::summary::{self, SummaryRecord};
use rust_decimal::Decimal;

use crate::TaskResult;

const HELP: &str = "\
cargo xtask trade <command> FILE... [options]

Commands:
  summary FILE... [--reporter ISO3] [--partner ISO3] [--format json|table]
      exports, imports, turnover and balance per reporter, partner and period, with the rows
      used and the rows skipped and why
  mirror FILE... --a ISO3 --b ISO3 [--cif-fob FACTOR] [--format json|table]
      per period and direction: both declarations, gap, gap % and CIF/FOB-adjusted gap %
      (FACTOR defaults to the IMF DOTS 1.06)

FILE: UN Comtrade API CSV, bulk TSV (gzip or plain) or legacy CSV; layouts may be mixed.
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Table,
}

struct Args {
    files: Vec<PathBuf>,
    reporter: Option<M49Area>,
    partner: Option<M49Area>,
    a: Option<M49Area>,
    b: Option<M49Area>,
    cif_fob: Option<Decimal>,
    format: Format,
}

fn parse(args: Vec<OsString>) -> Result<Args, Box<dyn std::error::Error>> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_args(args);
    let mut out = Args {
        files: Vec::new(),
        reporter: None,
        partner: None,
        a: None,
        b: None,
        cif_fob: None,
        format: Format::Json,
    };
    let area = |v: OsString, flag: &str| -> Result<M49Area, Box<dyn std::error::Error>> {
        let text = v.into_string().map_err(|_| format!("{flag}: not UTF-8"))?;
        M49Area::from_code(&text).map_err(|e| format!("{flag} {text}: {e}").into())
    };
    while let Some(arg) = p.next()? {
        match arg {
            Long("reporter") => out.reporter = Some(area(p.value()?, "--reporter")?),
            Long("partner") => out.partner = Some(area(p.value()?, "--partner")?),
            Long("a") => out.a = Some(area(p.value()?, "--a")?),
            Long("b") => out.b = Some(area(p.value()?, "--b")?),
            Long("cif-fob") => {
                let v: String = p.value()?.string()?;
                let f: Decimal = v
                    .parse()
                    .map_err(|_| format!("--cif-fob {v}: expected a decimal such as 1.06"))?;
                out.cif_fob = Some(f);
            }
            Long("format") => {
                out.format = match p.value()?.string()?.as_str() {
                    "json" => Format::Json,
                    "table" => Format::Table,
                    other => return Err(format!("--format {other}: expected json or table").into()),
                }
            }
            Value(v) => out.files.push(PathBuf::from(v)),
            _ => return Err(arg.unexpected().into()),
        }
    }
    if out.files.is_empty() {
        return Err(format!("no FILE given\n\n{HELP}").into());
    }
    Ok(out)
}

pub(crate) fn run(args: Vec<OsString>) -> TaskResult {
    let (command, rest) = crate::split_command(args);
    let text = match command.as_str() {
        "summary" => summary_text(&parse(rest)?)?,
        "mirror" => mirror_text(&parse(rest)?)?,
        "" | "help" | "-h" | "--help" => HELP.to_owned(),
        other => {
            return Err(format!("unknown trade command \"{other}\"\n\n{HELP}").into());
        }
    };
    print!("{text}");
    Ok(())
}

fn summary_text(args: &Args) -> Result<String, Box<dyn std::error::Error>> {
    let options = ReadOptions {
        reporters: args.reporter.into_iter().collect(),
        partners: args.partner.into_iter().collect(),
        ..ReadOptions::default()
    };
    let agg = summary::read_files(&args.files, &options)?;
    let records = summary::summarize(&agg);
    Ok(match args.format {
        Format::Json => serde_json::to_string_pretty(&records)? + "\n",
        Format::Table => summary_table(&records),
    })
}

fn mirror_text(args: &Args) -> Result<String, Box<dyn std::error::Error>> {
    let (Some(a), Some(b)) = (args.a, args.b) else {
        return Err("mirror needs --a ISO3 and --b ISO3 (e.g. --a KAZ --b UZB)".into());
    };
    let mut options = MirrorOptions::default();
    if let Some(f) = args.cif_fob {
        options.cif_fob_factor = f;
    }
    let rows = summary::mirror_files(&args.files, a, b, &options)?;
    Ok(match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&rows.iter().map(mirror_json).collect::<Vec<_>>())? + "\n"
        }
        Format::Table => mirror_table(&rows),
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
            let _ = writeln!(
                notes,
                "{} {} {}: {} row(s) skipped: {} (first at {})",
                r.reporter,
                r.partner,
                r.period,
                g.rows,
                g.reason,
                g.first.join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> OsString {
        crate::project_root()
            .join("crates/trade/tests/data")
            .join(name)
            .into_os_string()
    }

    fn args(list: &[&str], files: &[&str]) -> Args {
        let mut v: Vec<OsString> = files.iter().map(|f| fixture(f)).collect();
        v.extend(list.iter().map(OsString::from));
        parse(v).unwrap()
    }

    #[test]
    fn summary_json_has_the_documented_fields() {
        let a = args(
            &["--reporter", "kaz", "--partner", "UZB"],
            &[
                "comtrade_api_kaz_uzb.csv",
                "comtrade_legacy_human_kaz_2017.csv",
            ],
        );
        let text = summary_text(&a).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let first = &v[0];
        assert_eq!(first["reporter"], "KAZ");
        assert_eq!(first["partner"], "UZB");
        assert_eq!(first["period"], "2017");
        assert_eq!(first["exports_usd"], "1300000000");
        assert_eq!(first["imports_usd"], "735200000");
        assert_eq!(first["turnover_usd"], "2035200000");
        assert_eq!(first["balance_usd"], "564800000");
        assert_eq!(v.as_array().unwrap().len(), 3);
        assert_eq!(v[2]["rows_skipped"].as_array().unwrap().len(), 7);
    }

    #[test]
    fn table_and_mirror_outputs() {
        let a = args(&["--format", "table"], &["comtrade_api_kaz_uzb.csv"]);
        let text = summary_text(&a).unwrap();
        assert!(text.starts_with("reporter  partner  period"), "{text}");
        assert!(
            text.contains("KAZ       UZB      2023     3100000000"),
            "{text}"
        );
        let a = args(
            &["--a", "KAZ", "--b", "UZB", "--format", "table"],
            &["comtrade_api_kaz_uzb.csv"],
        );
        let text = mirror_text(&a).unwrap();
        assert!(text.contains("2022    KAZ->UZB"), "{text}");
        assert!(text.contains("-5.66"), "{text}");
    }

    #[test]
    fn a_bad_file_is_an_error_and_nothing_is_returned() {
        let a = args(&[], &["comtrade_api_kaz_uzb.csv", "bad_decimal_comma.csv"]);
        let err = summary_text(&a).unwrap_err().to_string();
        assert!(
            err.contains("line 3, field \"primaryValue\": \"12,5\" is not a number"),
            "{err}"
        );
        assert!(parse(vec![OsString::from("--format"), OsString::from("xml")]).is_err());
        let a = args(&[], &["comtrade_api_kaz_uzb.csv"]);
        assert!(mirror_text(&a).is_err());
    }
}
