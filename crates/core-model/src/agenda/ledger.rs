//! The claims ledger as a CSV file: who said which figure, when, about which indicator.
//!
//! One row per published statement. Columns are matched by name (any order, case-insensitive):
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `date` | yes | when it was said: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` |
//! | `speaker` | yes | who said it ("President Tokayev", "KZ Bureau of National Statistics") |
//! | `body` | no | the body or office |
//! | `side` | yes | `kazakhstan`, `uzbekistan`, `joint` or `third_party` |
//! | `kind` | yes | `actual`, `target` or `forecast` |
//! | `indicator` | yes | the key of an indicator of the agenda file |
//! | `period` | yes | the period the figure covers: `2023`, `2023-Q1`, `2023-11`, `2023-YTD11` |
//! | `value` | yes | the figure, a plain decimal (`4100000000`; no thousands separators) |
//! | `unit` | yes | `USD` (or another ISO 4217 code), `bcm`, `Mt`, `kt`, `%`, `count` |
//! | `qualifier` | no | "more than", "about", "up to" as published |
//! | `wording` | no | the words of the statement |
//! | `source_id` | yes | the source id(s) in dataset.toml, several separated by `;` |
//! | `flags` | no | caveats separated by `;`: `unverified`, `undated_source`, `period_unverified`, `side_unspecified`, `conflicting` |
//! | `note` | no | anything else a reader should know |
//!
//! Every bad cell is reported (line, column, what was expected), not just the first.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::agenda::EventDate;
use crate::agenda::file::{Agenda, AgendaFileError};
use crate::agenda::indicator::Unit;
use crate::agenda::statement::{ClaimFlag, ClaimKind, Statement, StatementPeriod};
use crate::dataset::Problem;
use crate::provenance::{ReportingSide, SourceId};

const REQUIRED: [&str; 9] = [
    "date",
    "speaker",
    "side",
    "kind",
    "indicator",
    "period",
    "value",
    "unit",
    "source_id",
];

fn side(text: &str) -> Option<ReportingSide> {
    match text {
        "kazakhstan" => Some(ReportingSide::Kazakhstan),
        "uzbekistan" => Some(ReportingSide::Uzbekistan),
        "joint" => Some(ReportingSide::Joint),
        "third_party" => Some(ReportingSide::ThirdParty),
        _ => None,
    }
}

fn kind(text: &str) -> Option<ClaimKind> {
    match text {
        "actual" => Some(ClaimKind::Actual),
        "target" => Some(ClaimKind::Target),
        "forecast" => Some(ClaimKind::Forecast),
        _ => None,
    }
}

/// Reads a claims-ledger CSV; `file` names it in errors, `agenda` resolves indicator keys and
/// `known_sources`, when given, lists the source ids a row may cite.
pub fn parse_csv(
    text: &str,
    file: &str,
    agenda: &Agenda,
    known_sources: Option<&BTreeSet<SourceId>>,
) -> Result<Vec<Statement>, AgendaFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let syntax = |e: &csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let message =
            crate::csv_sheet::unclosed_quote(text, e).map_or_else(|| e.to_string(), str::to_owned);
        AgendaFileError::Syntax {
            file: file.to_owned(),
            line,
            column: 1,
            message,
        }
    };
    let headers = reader.headers().map_err(|e| syntax(&e))?.clone();
    if let Some(message) =
        crate::csv_sheet::header_problem(&headers, &REQUIRED, &REQUIRED.join(", "))
    {
        return Err(AgendaFileError::InvalidLedger {
            file: file.to_owned(),
            problems: vec![Problem {
                key: "line 1 (header)".into(),
                message,
            }],
        });
    }
    let col = |name: &str| crate::csv_sheet::column(&headers, name);
    let mut problems = Vec::new();
    let mut out = Vec::new();
    // The line of each statement, by its natural id: the same speaker giving two figures for
    // the same indicator and period on the same date is a data-entry error.
    let mut first_line = std::collections::BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| syntax(&e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let get = |name: &str| col(name).and_then(|i| record.get(i)).unwrap_or("").trim();
        let mut bad = |column: &str, message: String| {
            problems.push(Problem {
                key: format!("line {line}, column {column}"),
                message,
            });
        };
        let date = get("date")
            .parse::<EventDate>()
            .map_err(|e| bad("date", e.to_string()))
            .ok();
        let speaker = get("speaker");
        if speaker.is_empty() {
            bad("speaker", "is empty; name who made the statement".into());
        }
        let side_value = side(get("side"));
        if side_value.is_none() {
            bad(
                "side",
                format!(
                    "\"{}\" is not a side: expected kazakhstan, uzbekistan, joint or third_party",
                    get("side")
                ),
            );
        }
        let kind_value = kind(get("kind"));
        if kind_value.is_none() {
            bad(
                "kind",
                format!(
                    "\"{}\" is not a kind: expected actual, target or forecast",
                    get("kind")
                ),
            );
        }
        let indicator = agenda.indicator_id(get("indicator"));
        if indicator.is_none() {
            bad(
                "indicator",
                format!(
                    "\"{}\" is not the key of an indicator in the agenda file",
                    get("indicator")
                ),
            );
        }
        let period = get("period")
            .parse::<StatementPeriod>()
            .map_err(|e| bad("period", e.to_string()))
            .ok();
        let value = get("value")
            .parse::<Decimal>()
            .map_err(|_| {
                bad(
                    "value",
                    format!(
                        "\"{}\" is not a number: write a plain decimal such as 4100000000 or 0.922",
                        get("value")
                    ),
                );
            })
            .ok();
        let unit = get("unit")
            .parse::<Unit>()
            .map_err(|e| bad("unit", e.to_string()))
            .ok();
        let mut sources = Vec::new();
        for part in get("source_id")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match SourceId::new(part) {
                Ok(id) if known_sources.is_none_or(|k| k.contains(&id)) => sources.push(id),
                Ok(id) => bad(
                    "source_id",
                    format!("\"{id}\" is not a source listed in dataset.toml"),
                ),
                Err(e) => bad("source_id", e.to_string()),
            }
        }
        if sources.is_empty() && get("source_id").is_empty() {
            bad(
                "source_id",
                "is empty; every figure names its source".into(),
            );
        }
        let mut flags = Vec::new();
        for part in get("flags")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match part.parse::<ClaimFlag>() {
                Ok(f) => flags.push(f),
                Err(e) => bad("flags", e.to_string()),
            }
        }
        if let (
            Some(date),
            Some(side),
            Some(kind),
            Some(indicator),
            Some(period),
            Some(value),
            Some(unit),
        ) = (date, side_value, kind_value, indicator, period, value, unit)
        {
            let id = Statement::natural_id(&date, speaker, indicator, &period);
            if let Some(first) = first_line.get(&id) {
                problems.push(Problem {
                    key: format!("line {line}"),
                    message: format!(
                        "repeats the statement of line {first} (same date, speaker, indicator and period); keep one row per statement"
                    ),
                });
                continue;
            }
            first_line.insert(id, line);
            out.push(Statement {
                id,
                date,
                speaker: speaker.to_owned(),
                body: get("body").to_owned(),
                side,
                kind,
                indicator,
                period,
                value,
                unit,
                qualifier: get("qualifier").to_owned(),
                wording: get("wording").to_owned(),
                sources,
                flags,
                note: get("note").to_owned(),
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(AgendaFileError::InvalidLedger {
            file: file.to_owned(),
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::file::AgendaFile;

    fn agenda() -> Agenda {
        AgendaFile::parse(
            "[[indicators]]\nkey = \"turnover\"\nname = \"Trade turnover\"\narea = \"trade\"\nunit = \"USD\"\n",
            "agenda.toml",
            None,
        )
        .unwrap()
    }

    const HEAD: &str = "date,speaker,body,side,kind,indicator,period,value,unit,qualifier,wording,source_id,flags,note\n";

    #[test]
    fn rows_become_statements() {
        let text = format!(
            "{HEAD}2023-12,KZ MTI,,kazakhstan,actual,turnover,2023-YTD11,4100000000,USD,,,a;b,conflicting;unverified,\n"
        );
        let known: BTreeSet<SourceId> = ["a", "b"]
            .iter()
            .map(|s| SourceId::new(*s).unwrap())
            .collect();
        let rows = parse_csv(&text, "statements.csv", &agenda(), Some(&known)).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].value, Decimal::from(4_100_000_000u64));
        assert_eq!(rows[0].period.to_string(), "2023-YTD11");
        assert_eq!(rows[0].sources.len(), 2);
        assert_eq!(
            rows[0].flags,
            [ClaimFlag::Conflicting, ClaimFlag::Unverified]
        );
    }

    #[test]
    fn every_bad_cell_is_reported() {
        let text = format!("{HEAD}2023-13,,,kz,said,gdp,2023-YTD13,\"12,5\",USD,,,,maybe,\n");
        let err = parse_csv(&text, "statements.csv", &agenda(), None).unwrap_err();
        let AgendaFileError::InvalidLedger { problems, .. } = err else {
            panic!()
        };
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "line 2, column date",
                "line 2, column speaker",
                "line 2, column side",
                "line 2, column kind",
                "line 2, column indicator",
                "line 2, column period",
                "line 2, column value",
                "line 2, column source_id",
                "line 2, column flags",
            ]
        );
        assert!(problems[6].message.contains("\"12,5\" is not a number"));
    }

    #[test]
    fn missing_columns_are_listed() {
        let err = parse_csv("date,speaker\n", "s.csv", &agenda(), None).unwrap_err();
        assert!(
            err.to_string().contains(
                "missing column(s) side, kind, indicator, period, value, unit, source_id"
            ),
            "{err}"
        );
    }

    #[test]
    fn headers_with_another_separator_or_a_repeated_column_are_refused() {
        let open = format!("{HEAD}2023,\"turnover,KZ\n");
        let err = parse_csv(&open, "q.csv", &agenda(), None).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("q.csv:2:1: a quoted field opened on this line is never closed"),
            "{err}"
        );
        let semicolons = HEAD.replace(',', ";");
        let err = parse_csv(&semicolons, "s.csv", &agenda(), None).unwrap_err();
        assert!(err.to_string().contains("separated by ';'"), "{err}");
        let twice = HEAD.replace(",note\n", ",Value\n");
        let err = parse_csv(&twice, "s.csv", &agenda(), None).unwrap_err();
        assert!(
            err.to_string()
                .contains("column(s) value appear more than once"),
            "{err}"
        );
    }

    #[test]
    fn a_statement_entered_twice_is_refused() {
        let row = "2023-12,KZ MTI,,kazakhstan,actual,turnover,2023-YTD11,4100000000,USD,,,a,,\n";
        let other = row.replace("4100000000", "4200000000");
        let text = format!("{HEAD}{row}{other}{other}");
        let err = parse_csv(&text, "s.csv", &agenda(), None).unwrap_err();
        let AgendaFileError::InvalidLedger { problems, .. } = err else {
            panic!("expected Invalid")
        };
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["line 3", "line 4"]);
        assert!(
            problems[1]
                .message
                .contains("repeats the statement of line 2")
        );
    }

    proptest::proptest! {
        #[test]
        fn parser_never_panics(body in "\\PC{0,200}") {
            let _ = parse_csv(&format!("{HEAD}{body}"), "s.csv", &agenda(), None);
        }
    }
}
