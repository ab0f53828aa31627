//! Figures published by the two statistics agencies and the ministries, as a simple CSV table.
//!
//! Columns (matched by name, any order and letter case; other columns are ignored):
//!
//! | column | holds | example |
//! |---|---|---|
//! | `period` | `YYYY`, `YYYY-Qq`, `YYYY-MM`, year to date `YYYY-YTDmm`, or months `YYYY-01/YYYY-mm` | `2023-01/2023-11` |
//! | `reporting_side` | `KZ`, `UZ` (or `KAZ`, `UZB`, `kazakhstan`, `uzbekistan`), `joint`, `third_party`, `unspecified` | `KZ` |
//! | `flow` | `turnover`, `export` or `import`, seen from the reporting side | `export` |
//! | `partner` | the partner's ISO code | `UZB` |
//! | `value` | the figure, `.` as decimal point | `3.1` |
//! | `unit` | `USD`, `thousand USD`, `million USD` or `billion USD` | `billion USD` |
//! | `source_id` | the id of the source in the dataset | `stat-gov-kz-2024-02` |
//! | `flags` | optional caveats separated by `;`: `unverified`, `undated_source`, `period_unverified`, `side_unspecified`, `conflicting` | `unverified` |

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dostyk_core_model::agenda::statement::{ClaimFlag, StatementPeriod};
use dostyk_core_model::period::YearToDate;
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::area::Area;
use crate::error::{Result, TradeError};

/// What a national figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalFlow {
    /// Exports + imports.
    Turnover,
    /// Exports of the reporting side.
    Export,
    /// Imports of the reporting side.
    Import,
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalFigure {
    /// The period it covers.
    pub period: StatementPeriod,
    /// The side that published it; `None` when the source does not say.
    pub side: Option<ReportingSide>,
    /// What it measures.
    pub flow: NationalFlow,
    /// The partner.
    pub partner: Area,
    /// The value in US dollars (the unit's scale applied).
    pub value_usd: Decimal,
    /// The source id.
    pub source: SourceId,
    /// Caveats from the optional `flags` column (`unverified`, `period_unverified`, …,
    /// separated by `;`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<ClaimFlag>,
    /// The line it was read from.
    pub line: u64,
}

/// Parses a reporting side (see the module table); `Ok(None)` for `unspecified`.
pub(crate) fn parse_side(text: &str) -> std::result::Result<Option<ReportingSide>, ()> {
    Ok(Some(match text.trim().to_ascii_lowercase().as_str() {
        "kz" | "kaz" | "kazakhstan" => ReportingSide::Kazakhstan,
        "uz" | "uzb" | "uzbekistan" => ReportingSide::Uzbekistan,
        "joint" => ReportingSide::Joint,
        "third_party" | "third party" => ReportingSide::ThirdParty,
        "unspecified" | "" => return Ok(None),
        _ => return Err(()),
    }))
}

/// Parses a period (see the module table).
pub(crate) fn parse_period(text: &str) -> Option<StatementPeriod> {
    let t = text.trim();
    if let Some((from, to)) = t.split_once('/') {
        // Cumulative months from January: 2023-01/2023-11.
        let (fy, fm) = from.split_once('-')?;
        let (ty, tm) = to.split_once('-')?;
        if fy != ty || fm != "01" || tm.len() != 2 {
            return None;
        }
        let ytd = YearToDate::new(fy.parse().ok()?, tm.parse().ok()?).ok()?;
        return Some(StatementPeriod::YearToDate(ytd));
    }
    t.parse().ok()
}

/// The scale of a money unit in US dollars.
pub(crate) fn unit_scale(text: &str) -> Option<Decimal> {
    Some(match text.trim().to_ascii_lowercase().as_str() {
        "usd" => Decimal::ONE,
        "thousand usd" | "usd thousand" | "kusd" => Decimal::from(1_000),
        "million usd" | "usd million" | "musd" => Decimal::from(1_000_000),
        "billion usd" | "usd billion" | "bnusd" => Decimal::from(1_000_000_000),
        _ => return None,
    })
}

/// A CSV table read into records with named columns; shared by the national and statements
/// readers.
pub(crate) struct Table {
    pub(crate) file: PathBuf,
    header: Vec<String>,
    reader: csv::Reader<std::fs::File>,
}

impl Table {
    pub(crate) fn open(path: &Path, required: &[&str], expected: &'static str) -> Result<Self> {
        let file = path.to_path_buf();
        let f = std::fs::File::open(path).map_err(|source| TradeError::Io {
            file: file.clone(),
            source,
        })?;
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(f);
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(&file, &e))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        let missing: Vec<String> = required
            .iter()
            .filter(|r| !header.iter().any(|h| h == *r))
            .map(|r| (*r).to_owned())
            .collect();
        if !missing.is_empty() {
            if let Some(e) = TradeError::semicolon_header(&file, &header, "comma-separated CSV") {
                return Err(e);
            }
            return Err(TradeError::MissingColumns {
                file,
                missing,
                expected,
            });
        }
        Ok(Self {
            file,
            header,
            reader,
        })
    }

    /// Every record with its line number.
    pub(crate) fn rows(&mut self) -> Result<Vec<(u64, csv::StringRecord)>> {
        let mut out = Vec::new();
        for r in self.reader.records() {
            let r = r.map_err(|e| csv_error(&self.file, &e))?;
            let line = r.position().map_or(0, csv::Position::line);
            out.push((line, r));
        }
        Ok(out)
    }

    pub(crate) fn get<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.header
            .iter()
            .position(|h| h == column)
            .and_then(|i| record.get(i))
            .unwrap_or("")
    }

    pub(crate) fn bad(&self, line: u64, column: &str, value: &str, problem: &str) -> TradeError {
        TradeError::cell(&self.file, line, column, value.as_bytes(), problem)
    }
}

fn flow_name(flow: NationalFlow) -> &'static str {
    match flow {
        NationalFlow::Turnover => "turnover",
        NationalFlow::Export => "export",
        NationalFlow::Import => "import",
    }
}

fn csv_error(file: &Path, e: &csv::Error) -> TradeError {
    TradeError::Row {
        file: file.to_path_buf(),
        line: e.position().map_or(0, csv::Position::line),
        problem: format!("{e}; expected a comma-separated table with one value per column"),
    }
}

/// Reads a national-statistics table.
pub fn read_national(path: impl AsRef<Path>) -> Result<Vec<NationalFigure>> {
    let mut t = Table::open(
        path.as_ref(),
        &[
            "period",
            "reporting_side",
            "flow",
            "partner",
            "value",
            "unit",
            "source_id",
        ],
        "a national-statistics table (period, reporting_side, flow, partner, value, unit, source_id)",
    )?;
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    for (line, r) in t.rows()? {
        let period_text = t.get(&r, "period");
        let period = parse_period(period_text).ok_or_else(|| {
            t.bad(
                line,
                "period",
                period_text,
                "is not a period (expected YYYY, YYYY-Qq, YYYY-MM, YYYY-YTDmm or YYYY-01/YYYY-mm)",
            )
        })?;
        let side_text = t.get(&r, "reporting_side");
        let side = parse_side(side_text).map_err(|()| {
            t.bad(
                line,
                "reporting_side",
                side_text,
                "is not a reporting side (expected KZ, UZ, joint, third_party or unspecified)",
            )
        })?;
        let flow_text = t.get(&r, "flow");
        let flow = match flow_text.trim().to_ascii_lowercase().as_str() {
            "turnover" => NationalFlow::Turnover,
            "export" | "exports" => NationalFlow::Export,
            "import" | "imports" => NationalFlow::Import,
            _ => {
                return Err(t.bad(
                    line,
                    "flow",
                    flow_text,
                    "is not a flow (expected turnover, export or import)",
                ));
            }
        };
        let partner_text = t.get(&r, "partner");
        let partner = Area::from_code(partner_text).map_err(|_| {
            t.bad(line, "partner", partner_text, "is not a country code (expected ISO alpha-3 such as UZB, or alpha-2, or M49 numeric)")
        })?;
        let value_text = t.get(&r, "value");
        let value: Decimal = value_text
            .trim()
            .parse()
            .map_err(|_| t.bad(line, "value", value_text, crate::comtrade::NOT_A_NUMBER))?;
        let unit_text = t.get(&r, "unit");
        let scale = unit_scale(unit_text).ok_or_else(|| {
            t.bad(
                line,
                "unit",
                unit_text,
                "is not a money unit (expected USD, thousand USD, million USD or billion USD)",
            )
        })?;
        let value_usd = value
            .checked_mul(scale)
            .filter(|v| *v <= crate::flow::MAX_VALUE_USD)
            .ok_or_else(|| {
                t.bad(
                    line,
                    "value",
                    value_text,
                    &format!("in {}: {}", unit_text.trim(), crate::comtrade::TOO_LARGE),
                )
            })?;
        if value_usd.is_sign_negative() && !value_usd.is_zero() {
            return Err(t.bad(
                line,
                "value",
                value_text,
                "is negative; a published trade figure is zero or more (give exports and imports as separate rows, not a balance)",
            ));
        }
        let source_text = t.get(&r, "source_id");
        let source = SourceId::new(source_text.trim()).map_err(|e| {
            t.bad(
                line,
                "source_id",
                source_text,
                &format!("is not a source id: {e}"),
            )
        })?;
        let mut flags = Vec::new();
        for part in t
            .get(&r, "flags")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            flags.push(part.parse::<ClaimFlag>().map_err(|e| {
                // The core-model message starts with the quoted text, which `bad` quotes too.
                let message = e.to_string();
                let problem = message
                    .strip_prefix(&format!("\"{part}\" "))
                    .unwrap_or(&message);
                t.bad(line, "flags", part, problem)
            })?);
        }
        let key = (period, side, flow, partner, source.clone());
        if let Some(first) = seen.insert(key, line) {
            return Err(TradeError::Row {
                file: t.file.clone(),
                line,
                problem: format!(
                    "repeats line {first}: the same source {source} gives a {} figure for {} ({}, partner {partner}) twice; keep one row (two sources may each give a figure, one source only one)",
                    flow_name(flow),
                    period_text.trim(),
                    side_text.trim(),
                ),
            });
        }
        out.push(NationalFigure {
            period,
            side,
            flow,
            partner,
            value_usd,
            source,
            flags,
            line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn write(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), text).unwrap();
        f
    }

    #[test]
    fn reads_a_table() {
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id,note\n\
             2023,KZ,export,UZB,3.1,billion USD,news-az-2024-07-12,21st IGC\n\
             2023-01/2023-03,KZ,import,UZB,248.9,million USD,finprom-2023-06,\n\
             2025,UZ,turnover,KAZ,4970000000,USD,trend-2026-02-01,\n",
        );
        let rows = read_national(f.path()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].value_usd, dec!(3100000000.0));
        assert_eq!(rows[0].side, Some(ReportingSide::Kazakhstan));
        assert_eq!(rows[1].period.to_string(), "2023-YTD03");
        assert_eq!(rows[1].value_usd, dec!(248900000.0));
        assert_eq!(rows[2].partner.label(), "KAZ");
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn errors_name_line_and_column() {
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id\n2023,KZ,export,UZB,\"3,1\",billion USD,x\n",
        );
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("line 2, column value: \"3,1\" is not a number"),
            "{e}"
        );
        let f = write("period,flow,partner,value\n");
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(e.contains("reporting_side, unit, source_id"), "{e}");
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id\n2023,KZ,export,UZB,1,RUB,x\n",
        );
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(e.contains("column unit"), "{e}");
    }

    #[test]
    fn one_source_gives_one_figure_per_period_side_flow_and_partner() {
        let head = "period,reporting_side,flow,partner,value,unit,source_id\n";
        let f = write(&format!(
            "{head}2023,KZ,turnover,UZB,1.2,billion USD,s1\n2023,KZ,turnover,UZB,1.3,billion USD,s1\n"
        ));
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("line 3: repeats line 2: the same source s1 gives a turnover figure for 2023 (KZ, partner UZB) twice"),
            "{e}"
        );
        // Two sources may each give a figure for the same period; one source may give figures
        // for two periods, sides or flows.
        let f = write(&format!(
            "{head}2023,KZ,turnover,UZB,1.2,billion USD,s1\n2023,KZ,turnover,UZB,1.3,billion USD,s2\n\
             2023,UZ,turnover,KAZ,1.3,billion USD,s1\n2023,KZ,export,UZB,1,billion USD,s1\n2022,KZ,turnover,UZB,1,billion USD,s1\n"
        ));
        assert_eq!(read_national(f.path()).unwrap().len(), 5);
    }

    #[test]
    fn flags_and_delimiters_get_plain_messages() {
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id,flags\n2023,KZ,export,UZB,1,USD,s1,maybe\n",
        );
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("column flags: \"maybe\" is not a claim flag: expected unverified,"),
            "{e}"
        );
        let f = write(
            "period;reporting_side;flow;partner;value;unit;source_id\n2023;KZ;export;UZB;1;USD;s1\n",
        );
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("line 1: the columns are separated by ';', not ','"),
            "{e}"
        );
    }

    #[test]
    fn values_beyond_any_trade_are_refused_not_overflowed() {
        // Found by `cargo fuzz run national_trade`: the value times its unit overflowed
        // `Decimal` and panicked.
        let head = "period,reporting_side,flow,partner,value,unit,source_id\n";
        let f = write(&format!(
            "{head}2023,UZ,import,KAZ,1493333333333333333333333336.2,million USD,s1\n"
        ));
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("column value: \"1493333333333333333333333336.2\" in million USD: is larger than 10^15 US dollars"),
            "{e}"
        );
        let f = write(&format!("{head}2023,UZ,import,KAZ,1001,trillion USD,s1\n"));
        assert!(read_national(f.path()).is_err());
        let f = write(&format!("{head}2023,UZ,import,KAZ,1000,billion USD,s1\n"));
        assert_eq!(
            read_national(f.path()).unwrap()[0].value_usd,
            dec!(1_000_000_000_000)
        );
        let f = write(&format!("{head}2023,UZ,import,KAZ,-5,million USD,s1\n"));
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(e.contains("\"-5\" is negative"), "{e}");
    }
}
