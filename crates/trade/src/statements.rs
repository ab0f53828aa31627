//! Figures quoted in speeches and press releases, read into core-model's claims ledger
//! ([`Statement`]).
//!
//! A CSV with one statement per row; columns matched by name, any order and letter case:
//!
//! | column | holds | example |
//! |---|---|---|
//! | `date` | when it was said: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` | `2024-08-08` |
//! | `speaker` | who said it | `President Tokayev` |
//! | `body` | office or body (optional) | `Akorda` |
//! | `side` | `KZ`, `UZ`, `joint`, `third_party` | `KZ` |
//! | `kind` | `actual`, `target` or `forecast` | `actual` |
//! | `indicator` | the indicator's name (its id is derived from it) | `KZ-UZ trade turnover` |
//! | `period` | as in national tables: `YYYY`, `YYYY-MM`, `YYYY-YTDmm`, `YYYY-01/YYYY-mm` | `2023` |
//! | `value` | the figure, `.` as decimal point | `4.4` |
//! | `unit` | core-model unit text (`USD`, `bcm`, `%`…) | `USD` |
//! | `qualifier` | "about", "more than"… (optional) | `about` |
//! | `wording` | the words as published (optional) | |
//! | `sources` | source ids separated by `;` | `kazinform-2024-08-08` |

use std::path::Path;

use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::indicator::{Indicator, Unit};
use dostyk_core_model::agenda::statement::{ClaimKind, Statement};
use dostyk_core_model::provenance::SourceId;
use rust_decimal::Decimal;

use crate::error::Result;
use crate::national::{Table, parse_period, parse_side};

/// Reads a statements CSV into the claims ledger's [`Statement`]s, in file order.
pub fn read_statements(path: impl AsRef<Path>) -> Result<Vec<Statement>> {
    let mut t = Table::open(
        path.as_ref(),
        &[
            "date",
            "speaker",
            "side",
            "kind",
            "indicator",
            "period",
            "value",
            "unit",
            "sources",
        ],
        "a statements table (date, speaker, side, kind, indicator, period, value, unit, sources)",
    )?;
    let mut out = Vec::new();
    for (line, r) in t.rows()? {
        let date_text = t.get(&r, "date");
        let date: EventDate = date_text.trim().parse().map_err(|_| {
            t.bad(
                line,
                "date",
                date_text,
                "is not a date (expected YYYY-MM-DD, or YYYY-MM / YYYY when only that is known)",
            )
        })?;
        let speaker = t.get(&r, "speaker").trim().to_owned();
        if speaker.is_empty() {
            return Err(t.bad(
                line,
                "speaker",
                "",
                "is empty (expected who made the statement)",
            ));
        }
        let side_text = t.get(&r, "side");
        let Ok(Some(side)) = parse_side(side_text) else {
            return Err(t.bad(
                line,
                "side",
                side_text,
                "is not a reporting side (expected KZ, UZ, joint or third_party)",
            ));
        };
        let kind_text = t.get(&r, "kind");
        let kind = match kind_text.trim().to_ascii_lowercase().as_str() {
            "actual" => ClaimKind::Actual,
            "target" => ClaimKind::Target,
            "forecast" => ClaimKind::Forecast,
            _ => {
                return Err(t.bad(
                    line,
                    "kind",
                    kind_text,
                    "is not a claim kind (expected actual, target or forecast)",
                ));
            }
        };
        let indicator_name = t.get(&r, "indicator").trim();
        if indicator_name.is_empty() {
            return Err(t.bad(
                line,
                "indicator",
                "",
                "is empty (expected the indicator's name)",
            ));
        }
        let indicator = Indicator::natural_id(indicator_name);
        let period_text = t.get(&r, "period");
        let period = parse_period(period_text).ok_or_else(|| {
            t.bad(
                line,
                "period",
                period_text,
                "is not a period (expected YYYY, YYYY-Qq, YYYY-MM, YYYY-YTDmm or YYYY-01/YYYY-mm)",
            )
        })?;
        let value_text = t.get(&r, "value");
        let value: Decimal = value_text
            .trim()
            .parse()
            .map_err(|_| t.bad(line, "value", value_text, crate::comtrade::NOT_A_NUMBER))?;
        let unit_text = t.get(&r, "unit");
        let unit: Unit = unit_text
            .parse()
            .map_err(|e| t.bad(line, "unit", unit_text, &format!("is not a unit: {e}")))?;
        let sources_text = t.get(&r, "sources");
        let sources = sources_text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(SourceId::new)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| {
                t.bad(
                    line,
                    "sources",
                    sources_text,
                    &format!("holds a bad source id: {e}"),
                )
            })?;
        if sources.is_empty() {
            return Err(t.bad(
                line,
                "sources",
                sources_text,
                "is empty (expected at least one source id; separate several with ';')",
            ));
        }
        out.push(Statement {
            id: Statement::natural_id(&date, &speaker, indicator, &period),
            date,
            speaker,
            body: t.get(&r, "body").trim().to_owned(),
            side,
            kind,
            indicator,
            period,
            value,
            unit,
            qualifier: t.get(&r, "qualifier").trim().to_owned(),
            wording: t.get(&r, "wording").trim().to_owned(),
            sources,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dostyk_core_model::provenance::ReportingSide;
    use rust_decimal_macros::dec;

    #[test]
    fn reads_statements_into_the_ledger() {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            f.path(),
            "date,speaker,body,side,kind,indicator,period,value,unit,qualifier,wording,sources\n\
             2024-08-08,President Tokayev,Akorda,KZ,actual,KZ-UZ trade turnover,2023,4.4,USD,,\"trade reached $4.4bn\",kazinform-2024-08-08\n\
             2024-01-06,trade ministers,,joint,actual,KZ-UZ trade turnover,2023-01/2023-11,4.1,USD,,,menafn-2024-01-06;kt-kz-2024-02-04\n",
        )
        .unwrap();
        let s = read_statements(f.path()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].side, ReportingSide::Kazakhstan);
        assert_eq!(s[0].value, dec!(4.4));
        assert_eq!(
            s[0].indicator,
            Indicator::natural_id("KZ-UZ trade turnover")
        );
        assert_eq!(s[1].period.to_string(), "2023-YTD11");
        assert_eq!(s[1].sources.len(), 2);
        assert_eq!(
            s[0].id,
            Statement::natural_id(
                &s[0].date,
                "President Tokayev",
                s[0].indicator,
                &s[0].period
            )
        );
    }

    #[test]
    fn bad_kind_names_line_and_column() {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            f.path(),
            "date,speaker,side,kind,indicator,period,value,unit,sources\n2024,X,KZ,promise,T,2023,1,USD,s\n",
        )
        .unwrap();
        let e = read_statements(f.path()).unwrap_err().to_string();
        assert!(
            e.contains("line 2, column kind: \"promise\" is not a claim kind"),
            "{e}"
        );
    }
}
