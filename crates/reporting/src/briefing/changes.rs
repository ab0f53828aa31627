//! "Changes since": the section that opens a briefing given a day to compare with — what became
//! known after that day and by the briefing's as-of date (`dostyk_dataset::changes` computes
//! the list, by the as-of rule), each row with its value, period, sources and the day it became
//! known.

use chrono::NaiveDate;

use super::Builder;
use super::agenda::{measure_status_name, sources_text, status_name};
use super::facts::unit;
use crate::dataset::changes::{Change, ChangeKind, ChangePeriod, ChangeSubject, ChangeValue};
use crate::document::{Block, Cell, Column, Section, Table};
use crate::figure::Figure;
use crate::i18n::Messages;
use dostyk_trade::national::NationalFlow;
use dostyk_transit_gas::crossings::CrossingStatus;

/// The message id naming a kind of change.
fn kind_message(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Statement => "change-statement",
        ChangeKind::TargetRestated => "change-target",
        ChangeKind::MeasureStatus => "change-measure",
        ChangeKind::ProjectStatus => "change-project",
        ChangeKind::RevisedFigure => "change-revised",
        // `ChangeKind` is non-exhaustive: a kind added later reads as a figure until it has
        // words of its own.
        _ => "change-figure",
    }
}

/// The id part naming a kind of change.
fn kind_key(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Statement => "statement",
        ChangeKind::TargetRestated => "target",
        ChangeKind::MeasureStatus => "measure",
        ChangeKind::ProjectStatus => "project",
        ChangeKind::RevisedFigure => "revised",
        _ => "figure",
    }
}

/// What `change` is about, in the report's language: dataset names through their
/// translations, the words of the report's own for the rest.
fn subject_text(msg: &Messages, what: &ChangeSubject) -> String {
    match what {
        ChangeSubject::Statement {
            indicator,
            name,
            speaker,
        } => format!(
            "{}, {}",
            msg.label(indicator, "name", name),
            msg.english(speaker)
        ),
        ChangeSubject::Target {
            indicator,
            name,
            issuer,
        } => format!(
            "{}, {}",
            msg.label(indicator, "name", name),
            msg.english(issuer)
        ),
        ChangeSubject::Measure { measure, title } => msg.label(measure, "title", title),
        ChangeSubject::Project { project, name } => msg.label(project, "name", name),
        ChangeSubject::Trade { flow, side } => {
            let flow = msg.text(match flow {
                NationalFlow::Turnover => "flow-turnover",
                NationalFlow::Export => "flow-export",
                NationalFlow::Import => "flow-import",
            });
            match side {
                Some(side) => format!("{flow}, {}", super::agenda::side_name(msg, *side)),
                None => flow,
            }
        }
        ChangeSubject::Crossing {
            crossing,
            measure,
            status,
        } => format!(
            "{}: {} ({})",
            msg.label(crossing, "name", &crossing.key),
            msg.label(measure, "name", &measure.key.replace('_', " ")),
            msg.text(match status {
                CrossingStatus::Current => "crossing-current",
                CrossingStatus::Observed => "crossing-observed",
                CrossingStatus::Planned => "crossing-planned",
            })
        ),
        ChangeSubject::Fact(fact) => msg.label(fact, "name", &fact.key.replace('-', " ")),
        // `ChangeSubject` is non-exhaustive: a subject added later reads in the dataset's
        // words, marked as English, until it has words of its own.
        other => msg.english(&other.to_string()),
    }
}

/// A unit the report has no figure unit for (`minutes`, `vehicles`), in the report's language:
/// the message `unit-name-<unit>`, else the dataset's English.
fn unit_text(msg: &Messages, unit: &str) -> String {
    let id = format!("unit-name-{unit}");
    if msg.has(&id) {
        msg.text(&id)
    } else {
        msg.english(unit)
    }
}

/// The value cell of `change`: a figure with its sources when the value is an amount in a unit
/// the report has and the row has sources; else the value as published, the sources cited.
fn value(b: &mut Builder<'_>, change: &Change) -> Cell {
    match &change.value {
        ChangeValue::Amount {
            value,
            unit: text,
            qualifier: _,
        } => match unit(text) {
            Some(u) if !change.sources.is_empty() => {
                let period = match &change.period {
                    ChangePeriod::None => "unspecified".to_owned(),
                    p => p.to_string(),
                };
                let figure = Figure::new(
                    format!("changes.{}.{}", kind_key(change.kind), change.known),
                    format!("changes.{}", kind_key(change.kind)),
                    period,
                    *value,
                    u,
                )
                .sources(change.sources.iter().cloned());
                Cell::Figure(b.figure(figure))
            }
            _ => {
                b.cite(&change.sources);
                Cell::Text(format!(
                    "{} {}",
                    b.msg.number(*value, 28),
                    unit_text(b.msg, text)
                ))
            }
        },
        ChangeValue::Measure(status) => {
            b.cite(&change.sources);
            Cell::Text(measure_status_name(b.msg, *status))
        }
        ChangeValue::Project(status) => {
            b.cite(&change.sources);
            Cell::Text(status_name(b.msg, *status))
        }
        _ => {
            b.cite(&change.sources);
            Cell::Empty
        }
    }
}

/// The "Changes since `since`" section: every change in the dataset between `since` and the
/// briefing's as-of date, oldest first; one line saying so when nothing changed.
pub(super) fn changes(b: &mut Builder<'_>, since: NaiveDate) -> Section {
    let msg = b.msg;
    let title = msg.format("section-changes", &[("date", &msg.date(since))]);
    let changes = b.dataset.changes_between(since, b.as_of);
    if changes.is_empty() {
        return Section {
            id: "changes".into(),
            title,
            blocks: vec![Block::Absent {
                text: msg.format(
                    "changes-none",
                    &[("since", &msg.date(since)), ("date", &msg.date(b.as_of))],
                ),
            }],
        };
    }
    let mut rows = Vec::with_capacity(changes.len());
    for change in &changes {
        let qualifier = match &change.value {
            ChangeValue::Amount { qualifier, .. } => msg.qualifier(qualifier),
            _ => String::new(),
        };
        rows.push(vec![
            Cell::Text(change.known.to_string()),
            Cell::Text(msg.text(kind_message(change.kind))),
            Cell::Text(subject_text(msg, &change.what)),
            Cell::Text(match &change.period {
                ChangePeriod::Span(span) => msg.period(span),
                other => other.to_string(),
            }),
            Cell::Text(qualifier),
            value(b, change),
            Cell::Text(sources_text(&change.sources)),
        ]);
    }
    let col = |id: &str, numeric| Column {
        label: msg.text(id),
        numeric,
    };
    Section {
        id: "changes".into(),
        title,
        blocks: vec![Block::Table(Table {
            id: "changes".into(),
            caption: msg.format(
                "caption-changes",
                &[("since", &msg.date(since)), ("date", &msg.date(b.as_of))],
            ),
            columns: vec![
                col("col-known", false),
                col("col-change", false),
                col("col-subject", false),
                col("col-period", false),
                col("col-qualifier", false),
                col("col-value", true),
                col("col-sources", false),
            ],
            rows,
        })],
    }
}
