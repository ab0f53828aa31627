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

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_decimal::Decimal;

use crate::agenda::EventDate;
use crate::agenda::file::{Agenda, AgendaFileError};
use crate::agenda::indicator::Unit;
use crate::agenda::statement::{ClaimFlag, ClaimKind, Statement};
use crate::period::{SPAN_FORMS, Span, parse_cell};
use crate::provenance::{ReportingSide, SourceId};
use crate::read::{Column, Layout, Location, ReadError, Table};

/// The columns of a claims ledger (the table in the [module docs](self)).
const LAYOUT: Layout = Layout::new(&[
    Column::required("date"),
    Column::required("speaker"),
    Column::optional("body"),
    Column::required("side"),
    Column::required("kind"),
    Column::required("indicator"),
    Column::required("period"),
    Column::required("value"),
    Column::required("unit"),
    Column::optional("qualifier"),
    Column::optional("wording"),
    Column::required("source_id"),
    Column::optional("flags"),
    Column::optional("note"),
]);

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
///
/// Every bad cell is reported: one problem as the [`ReadError`] that names its line and field,
/// several as [`ReadError::Many`], wrapped in [`AgendaFileError::Read`].
pub fn parse_csv(
    text: &str,
    file: impl AsRef<Path>,
    agenda: &Agenda,
    known_sources: Option<&BTreeSet<SourceId>>,
) -> Result<Vec<Statement>, AgendaFileError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut problems = Vec::new();
    let mut out = Vec::new();
    // The line of each statement, by its natural id: the same speaker giving two figures for
    // the same indicator and period on the same date is a data-entry error.
    let mut first_line = BTreeMap::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line();
        let date = row
            .get("date")
            .parse::<EventDate>()
            .map_err(|e| e.to_string())
            .and_then(|date| {
                crate::read::check_recorded_date(date.earliest(), "a statement's date")
                    .map(|()| date)
            })
            .map_err(|message| problems.push(row.invalid("date", message)))
            .ok();
        let speaker = row.get("speaker");
        if speaker.is_empty() {
            problems.push(row.invalid("speaker", "the cell is empty; name who made the statement"));
        }
        let side_value = side(row.get("side"));
        if side_value.is_none() {
            problems.push(row.value_error("side", "kazakhstan, uzbekistan, joint or third_party"));
        }
        let kind_value = kind(row.get("kind"));
        if kind_value.is_none() {
            problems.push(row.value_error("kind", "actual, target or forecast"));
        }
        let indicator = agenda.indicator_id(row.get("indicator"));
        if indicator.is_none() {
            problems
                .push(row.value_error("indicator", "the key of an indicator in the agenda file"));
        }
        let period = parse_cell::<Span>(&row, "period", SPAN_FORMS)
            .map_err(|e| problems.push(e))
            .ok();
        let value = row
            .get("value")
            .parse::<Decimal>()
            .map_err(|_| {
                problems.push(row.value_error(
                    "value",
                    "a plain decimal such as 4100000000 or 0.922 ('.' as the decimal point, no thousands separators)",
                ));
            })
            .ok();
        let unit = row
            .get("unit")
            .parse::<Unit>()
            .map_err(|e| problems.push(row.invalid("unit", e.to_string())))
            .ok();
        if let (Some(value), Some(unit)) = (value, &unit)
            && unit.is_quantity()
            && value.is_sign_negative()
            && !value.is_zero()
        {
            problems.push(row.invalid("value", crate::agenda::file::negative_amount(value, unit)));
        }
        let mut sources = Vec::new();
        for part in row
            .get("source_id")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match SourceId::new(part) {
                Ok(id) if known_sources.is_none_or(|k| k.contains(&id)) => sources.push(id),
                Ok(id) => problems.push(ReadError::value(
                    row.location("source_id"),
                    id.as_str(),
                    "a source listed in dataset.toml",
                )),
                Err(e) => problems.push(row.invalid("source_id", e.to_string())),
            }
        }
        if sources.is_empty() && row.get("source_id").is_empty() {
            problems.push(row.invalid(
                "source_id",
                "the cell is empty; every figure names its source (an id listed in dataset.toml)",
            ));
        }
        let mut flags = Vec::new();
        for part in row
            .get("flags")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match part.parse::<ClaimFlag>() {
                Ok(f) => flags.push(f),
                Err(e) => problems.push(row.invalid("flags", e.to_string())),
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
                problems.push(ReadError::invalid(
                    Location::file(file).line(line),
                    format!(
                        "repeats the statement of line {first} (same date, speaker, indicator and period); keep one row per statement"
                    ),
                ));
                continue;
            }
            first_line.insert(id, line);
            out.push(Statement {
                id,
                date,
                speaker: speaker.to_owned(),
                body: row.get("body").to_owned(),
                side,
                kind,
                indicator,
                period,
                value,
                unit,
                qualifier: row.get("qualifier").to_owned(),
                wording: row.get("wording").to_owned(),
                sources,
                flags,
                note: row.get("note").to_owned(),
                line,
            });
        }
    }
    match ReadError::collect(file, problems) {
        None => Ok(out),
        Some(e) => Err(e.into()),
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
    fn each_statement_keeps_its_line_and_serializes_without_it() {
        let row = "2023-12,KZ MTI,,kazakhstan,actual,turnover,2023-YTD11,4100000000,USD,,,a,,";
        let other = row.replace("KZ MTI", "UZ MIIT");
        let text = format!("{HEAD}{row}\n\n{other}\n");
        let rows = parse_csv(&text, "statements.csv", &agenda(), None).unwrap();
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert!(json.get("line").is_none(), "{json}");
    }

    /// The `(line, field)` of every problem of a ledger error.
    fn places(err: &AgendaFileError) -> Vec<(u64, String)> {
        let AgendaFileError::Read(e) = err else {
            panic!("expected a read error: {err}")
        };
        let list = match e {
            ReadError::Many { problems, .. } => problems.iter().collect(),
            one => vec![one],
        };
        list.iter()
            .map(|p| {
                let at = p.location();
                (
                    at.line_number().unwrap_or(0),
                    at.field_name().unwrap_or("").to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn every_bad_cell_is_reported() {
        let text = format!("{HEAD}2023-13,,,kz,said,gdp,2023-YTD13,\"12,5\",USD,,,,maybe,\n");
        let err = parse_csv(&text, "statements.csv", &agenda(), None).unwrap_err();
        let fields: Vec<String> = places(&err).into_iter().map(|(_, f)| f).collect();
        assert_eq!(
            fields,
            [
                "date",
                "speaker",
                "side",
                "kind",
                "indicator",
                "period",
                "value",
                "source_id",
                "flags",
            ]
        );
        assert!(places(&err).iter().all(|(line, _)| *line == 2));
        let message = err.to_string();
        assert!(
            message.starts_with("statements.csv: 9 problem(s):\n  - line 2, field \"date\": "),
            "{message}"
        );
        assert!(
            message.contains("line 2, field \"value\": found \"12,5\"; expected a plain decimal"),
            "{message}"
        );
    }

    #[test]
    fn missing_columns_are_listed() {
        let err = parse_csv("date,speaker\n", "s.csv", &agenda(), None).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "s.csv, line 1: the header has no column \"side\", \"kind\", \"indicator\", \"period\", \"value\", \"unit\", \"source_id\"; it must name date, speaker, side"
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
                .starts_with("q.csv, line 2: a quoted field opened on this line is never closed"),
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
        assert_eq!(places(&err), [(3, String::new()), (4, String::new())]);
        assert!(
            err.to_string()
                .ends_with("line 4: repeats the statement of line 2 (same date, speaker, indicator and period); keep one row per statement"),
            "{err}"
        );
    }

    proptest::proptest! {
        #[test]
        fn parser_never_panics(body in "\\PC{0,200}") {
            let _ = parse_csv(&format!("{HEAD}{body}"), "s.csv", &agenda(), None);
        }
    }
}
