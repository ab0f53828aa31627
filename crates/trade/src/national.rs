//! Figures published by the two statistics agencies and the ministries, as a simple CSV table.
//!
//! Columns (matched by name, any order and letter case; other columns are ignored):
//!
//! | column | holds | example |
//! |---|---|---|
//! | `period` | a [`Span`]: `YYYY`, `YYYY-Qq`, `YYYY-MM`, year to date `YYYY-YTDmm` (or months `YYYY-01/YYYY-mm`, read as the same), a marketing year `YYYY/YY-MYmm`, … | `2023-01/2023-11` |
//! | `reporting_side` | `KZ`, `UZ` (or `KAZ`, `UZB`, `kazakhstan`, `uzbekistan`), `joint`, `third_party`, `unspecified` | `KZ` |
//! | `flow` | `turnover`, `export` or `import`, seen from the reporting side | `export` |
//! | `partner` | the partner's ISO code | `UZB` |
//! | `value` | the figure, `.` as decimal point | `3.1` |
//! | `unit` | `USD`, `thousand USD`, `million USD` or `billion USD` | `billion USD` |
//! | `source_id` | the id of the source in the dataset | `stat-gov-kz-2024-02` |
//! | `statement_date` | optional: when the figure was published, `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (empty when not known); an as-of edition uses it for a row whose source is undated | `2024-02-04` |
//! | `flags` | optional caveats separated by `;`: `unverified`, `undated_source`, `period_unverified`, `side_unspecified`, `conflicting` | `unverified` |

use std::collections::HashMap;
use std::path::Path;

use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::statement::ClaimFlag;
use dostyk_core_model::period::{SPAN_FORMS, Span, parse_cell};
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use dostyk_core_model::read::{self, Column, Layout, Location, ReadError, Table};

use crate::comtrade::number::{NumberError, OUT_OF_RANGE_USD, parse_decimal};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::area::M49Area;
use crate::error::Result;

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
    pub period: Span,
    /// The side that published it; `None` when the source does not say.
    pub side: Option<ReportingSide>,
    /// What it measures.
    pub flow: NationalFlow,
    /// The partner.
    pub partner: M49Area,
    /// The value in US dollars (the unit's scale applied).
    pub value_usd: Decimal,
    /// The source id.
    pub source: SourceId,
    /// Caveats from the optional `flags` column (`unverified`, `period_unverified`, …,
    /// separated by `;`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<ClaimFlag>,
    /// When the figure was published, from the optional `statement_date` column: the day, or
    /// only the month or year when that is all the dataset knows; `None` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_date: Option<EventDate>,
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

/// The columns of a national-statistics table (the table in the [module docs](self)).
const LAYOUT: Layout = Layout::new(&[
    Column::required("period"),
    Column::required("reporting_side"),
    Column::required("flow"),
    Column::required("partner"),
    Column::required("value"),
    Column::required("unit"),
    Column::required("source_id"),
    Column::optional("flags"),
    Column::optional("statement_date"),
]);

fn flow_name(flow: NationalFlow) -> &'static str {
    match flow {
        NationalFlow::Turnover => "turnover",
        NationalFlow::Export => "export",
        NationalFlow::Import => "import",
    }
}

/// What a `value` cell holds, as errors say it.
const A_NUMBER: &str = "a number with '.' as the decimal point and no thousands separator, such as 12.5 or 6804128143.0";

/// Reads a national-statistics table of at most [`read::MAX_TEXT_FILE_BYTES`]; a folder, pipe
/// or device is refused.
pub fn read_national(path: impl AsRef<Path>) -> Result<Vec<NationalFigure>> {
    let path = path.as_ref();
    let text = read::read_text(path, read::MAX_TEXT_FILE_BYTES)?;
    parse_national(&text, path)
}

/// Reads a national-statistics table from `text`; `file` names it in errors. The first bad
/// cell ends the reading with a [`TradeError::Read`](crate::TradeError::Read) naming its line
/// and field.
pub fn parse_national(text: &str, file: impl AsRef<Path>) -> Result<Vec<NationalFigure>> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line();
        let period = parse_cell::<Span>(&row, "period", SPAN_FORMS)?;
        let side = row.parse_with(
            "reporting_side",
            "a reporting side: KZ, UZ, joint, third_party or unspecified",
            |t| parse_side(t).ok(),
        )?;
        let flow = row.parse_with("flow", "turnover, export or import", |t| {
            match t.to_ascii_lowercase().as_str() {
                "turnover" => Some(NationalFlow::Turnover),
                "export" | "exports" => Some(NationalFlow::Export),
                "import" | "imports" => Some(NationalFlow::Import),
                _ => None,
            }
        })?;
        let partner = row.parse_with(
            "partner",
            "a country code: ISO alpha-3 such as UZB, alpha-2, or M49 numeric",
            |t| M49Area::from_code(t).ok(),
        )?;
        let value: Decimal = row.parse("value", A_NUMBER).map_err(|e| {
            // A number too large for any value is out of range, not "not a number".
            let raw = row.get("value");
            match parse_decimal(raw.as_bytes()) {
                Err(NumberError::OutOfRange) => row.invalid(
                    "value",
                    format!("\"{}\" {OUT_OF_RANGE_USD}", read::printable(raw)),
                ),
                _ => e,
            }
        })?;
        let unit_text = row.get("unit");
        let scale = row.parse_with(
            "unit",
            "a money unit: USD, thousand USD, million USD or billion USD",
            unit_scale,
        )?;
        let value_usd = value
            .checked_mul(scale)
            .filter(|v| *v <= crate::flow::MAX_VALUE_USD)
            .ok_or_else(|| {
                row.invalid(
                    "value",
                    format!(
                        "\"{}\" in {unit_text}: {}",
                        read::printable(row.get("value")),
                        crate::comtrade::TOO_LARGE
                    ),
                )
            })?;
        if value_usd.is_sign_negative() && !value_usd.is_zero() {
            return Err(row
                .invalid(
                    "value",
                    format!(
                        "\"{}\" is negative; a published trade figure is zero or more (give exports and imports as separate rows, not a balance)",
                        read::printable(row.get("value"))
                    ),
                )
                .into());
        }
        let source = SourceId::new(row.get("source_id")).map_err(|e| {
            row.invalid(
                "source_id",
                format!(
                    "\"{}\" is not a source id: {e}",
                    read::printable(row.get("source_id"))
                ),
            )
        })?;
        let mut flags = Vec::new();
        for part in row
            .get("flags")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            flags.push(
                part.parse::<ClaimFlag>()
                    .map_err(|e| row.invalid("flags", e.to_string()))?,
            );
        }
        let statement_date = match row.get("statement_date").trim() {
            "" => None,
            text => Some(text.parse::<EventDate>().map_err(|_| {
                row.invalid(
                    "statement_date",
                    format!(
                        "\"{}\" is not a date: write YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known, or leave it empty",
                        read::printable(text)
                    ),
                )
            })?),
        };
        let key = (period, side, flow, partner, source.clone());
        if let Some(first) = seen.insert(key, line) {
            return Err(ReadError::invalid(
                Location::file(file).line(line),
                format!(
                    "repeats line {first}: the same source {source} gives a {} figure for {} ({}, partner {partner}) twice; keep one row (two sources may each give a figure, one source only one)",
                    flow_name(flow),
                    row.get("period"),
                    row.get("reporting_side"),
                ),
            )
            .into());
        }
        out.push(NationalFigure {
            period,
            side,
            flow,
            partner,
            value_usd,
            source,
            flags,
            statement_date,
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
    fn the_statement_date_is_read_to_its_precision() {
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id,statement_date\n\
             2022,KZ,turnover,UZB,5,billion USD,a,2024-02-04\n\
             2021,KZ,turnover,UZB,4,billion USD,b,2021-12\n\
             2020,KZ,turnover,UZB,3,billion USD,c,\n",
        );
        let rows = read_national(f.path()).unwrap();
        let dates: Vec<Option<String>> = rows
            .iter()
            .map(|r| r.statement_date.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            dates,
            [
                Some("2024-02-04".to_owned()),
                Some("2021-12".to_owned()),
                None
            ]
        );
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id,statement_date\n\
             2022,KZ,turnover,UZB,5,billion USD,a,04.02.2024\n",
        );
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("line 2, field \"statement_date\"") && e.contains("YYYY-MM-DD"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id\n2023,KZ,export,UZB,\"3,1\",billion USD,x\n",
        );
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("line 2, field \"value\": found \"3,1\"; expected a number with '.'"),
            "{e}"
        );
        let f = write("period,flow,partner,value\n");
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("no column \"reporting_side\", \"unit\", \"source_id\""),
            "{e}"
        );
        let f = write(
            "period,reporting_side,flow,partner,value,unit,source_id\n2023,KZ,export,UZB,1,RUB,x\n",
        );
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(e.contains("field \"unit\": found \"RUB\""), "{e}");
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
            e.contains("field \"flags\": \"maybe\" is not a claim flag: expected unverified,"),
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
    fn text_is_read_as_a_file_is() {
        let text = "\u{feff}Period,Reporting_Side,flow,partner,value,unit,source_id\r\n2023,KZ,export,UZB,3.1,billion USD,s1\r\n";
        let rows = parse_national(text, "n.csv").unwrap();
        assert_eq!((rows[0].line, rows[0].value_usd), (2, dec!(3100000000.0)));
        let e = parse_national("period,flow\n", "n.csv").unwrap_err();
        let crate::TradeError::Read(read) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(read.location().line_number(), Some(1));
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.csv");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read_national(&path).unwrap_err().to_string();
            assert!(
                e.contains("is a named pipe (FIFO), not a regular file"),
                "{e}"
            );
            let e = crate::comtrade::ComtradeReader::open(
                &path,
                crate::comtrade::ReadOptions::default(),
            )
            .unwrap_err()
            .to_string();
            assert!(
                e.contains("is a named pipe (FIFO), not a regular file"),
                "{e}"
            );
        }
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
            e.contains("field \"value\": \"1493333333333333333333333336.2\" in million USD: is larger than 10^15 US dollars"),
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

    #[test]
    fn numbers_beyond_decimal_are_out_of_range_and_control_characters_escaped() {
        let head = "period,reporting_side,flow,partner,value,unit,source_id\n";
        for value in ["1e400", "99999999999999999999999999999999"] {
            let f = write(&format!("{head}2023,UZ,import,KAZ,{value},USD,s1\n"));
            let e = read_national(f.path()).unwrap_err().to_string();
            assert!(
                e.contains(&format!("field \"value\": \"{value}\" is out of range: the largest value accepted is 10^15 US dollars")),
                "{e}"
            );
        }
        let f = write(&format!("{head}2023,UZ,import,KAZ,1\u{0}2,USD,s1\n"));
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(e.contains("found \"1\\u{0}2\"; expected a number"), "{e}");
        let f = write(&format!("{head}2023,UZ,import,XX\u{1b}[31m,1,USD,s1\n"));
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(e.contains("found \"XX\\u{1b}[31m\""), "{e}");
    }

    #[test]
    fn utf16_tables_are_named_as_utf16() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            "period,reporting_side,flow,partner,value,unit,source_id\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), bytes).unwrap();
        let e = read_national(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("the text is UTF-16 (little-endian, byte-order mark FF FE), not UTF-8; save the file as UTF-8"),
            "{e}"
        );
    }
}
