//! What became known between two days: [`Dataset::changes_between`].
//!
//! A briefing for a meeting opens with what changed since the last one. A row *became known*
//! on the day the [`as_of`](crate::as_of) rule gives it ([`Dataset::known_since`]: the
//! publication day of its earliest dated source, else the last day of its own date); a row
//! changed between `since` and `until` when that day is after `since` and on or before `until`.
//! So the changes are exactly the rows of [`Dataset::as_known_on`]`(until)` that
//! [`Dataset::as_known_on`]`(since)` leaves out (rows that cannot be placed in time are in
//! neither).
//!
//! Rows listed, each as a [`Change`] of a [`ChangeKind`]: statements (the claims ledger and the
//! agenda's own statements), each statement of a target, each report on a measure's status, each
//! project's status (at its status date), and published figures — trade figures, border
//! crossing figures and the quoted water and transit facts — new, or revised when a figure of
//! the same subject and period (and unit) known on an earlier day gave another value. Each change cites only the sources
//! published by `until` (and its undated ones), as the as-of edition of `until` does.
//!
//! ```
//! use std::path::Path;
//!
//! let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini");
//! let dataset = dostyk_dataset::load(&dir)?;
//! let changes = dataset.changes_between("2024-02-09".parse()?, "2024-02-10".parse()?);
//! assert!(changes.iter().all(|c| c.known.to_string() == "2024-02-10"));
//! assert!(!changes.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use dostyk_core_model::agenda::measure::MeasureStatus;
use dostyk_core_model::agenda::project::ProjectStatus;
use dostyk_core_model::agenda::{EventDate, Horizon};
use dostyk_core_model::period::Span;
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use rust_decimal::Decimal;

use dostyk_trade::national::NationalFlow;
use dostyk_transit_gas::crossings::CrossingStatus;

use crate::Dataset;
use crate::translations::{Subject, SubjectKind};

/// What kind of change a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ChangeKind {
    /// A statement of a figure (the claims ledger or the agenda's statements).
    Statement,
    /// A target stated or restated (`agenda`, `[[targets]]`).
    TargetRestated,
    /// A report on a roadmap measure's status.
    MeasureStatus,
    /// A joint project's status, as of its status date.
    ProjectStatus,
    /// A published figure: trade, a border crossing, a quoted water or transit fact.
    NewFigure,
    /// A published figure that gives another value for what a figure known on an earlier day
    /// gave (the same subject and period, with the same unit).
    RevisedFigure,
}

/// The value a change records.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeValue {
    /// A figure in a unit (`USD`, `bcm`, `count`, … as the row states it).
    Amount {
        /// The figure.
        value: Decimal,
        /// Its unit, as the dataset writes it.
        unit: String,
        /// A qualifier as published ("more than", "about"); empty when stated as exact.
        qualifier: String,
    },
    /// A measure's reported status.
    Measure(MeasureStatus),
    /// A project's status.
    Project(ProjectStatus),
}

/// One row that became known between two days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The day it became known.
    pub known: NaiveDate,
    /// What kind of change it is.
    pub kind: ChangeKind,
    /// What it is about, typed so a report can name it in its language; displays in the
    /// dataset's own English words.
    pub what: ChangeSubject,
    /// The period its value covers; [`ChangePeriod::None`] when the row states none (a status).
    pub period: ChangePeriod,
    /// Its value.
    pub value: ChangeValue,
    /// Its sources published by the end of the window (and its undated ones).
    pub sources: Vec<SourceId>,
}

/// What a change is about. Each dataset name is carried with the [`Subject`] its
/// translations are keyed by ([`crate::translations`]), so a report looks them up; it displays
/// in the dataset's English (`Kazakhstan-Uzbekistan trade turnover, USD, KZ PM`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeSubject {
    /// A statement of an indicator's figure, and who stated it.
    Statement {
        /// The indicator (`indicator/<key>`).
        indicator: Subject,
        /// Its English name.
        name: String,
        /// Who stated it, as the dataset writes it.
        speaker: String,
    },
    /// A target stated or restated, and who stated it.
    Target {
        /// The indicator (`indicator/<key>`).
        indicator: Subject,
        /// Its English name.
        name: String,
        /// Who stated it, as the dataset writes it.
        issuer: String,
    },
    /// A roadmap measure.
    Measure {
        /// The measure (`measure/<key>`).
        measure: Subject,
        /// Its English title.
        title: String,
    },
    /// A joint project.
    Project {
        /// The project (`project/<key>`).
        project: Subject,
        /// Its English name.
        name: String,
    },
    /// A national trade figure: its flow and the side whose figure it is.
    Trade {
        /// Turnover, exports or imports.
        flow: NationalFlow,
        /// The side whose figure it is, if stated.
        side: Option<ReportingSide>,
    },
    /// A border crossing figure.
    Crossing {
        /// The crossing point (`crossing/<name>`).
        crossing: Subject,
        /// What is measured (`crossing-measure/<indicator>`).
        measure: Subject,
        /// Capacity now, traffic observed or capacity planned.
        status: CrossingStatus,
    },
    /// A quoted water or transit fact (`fact/<indicator>`).
    Fact(Subject),
}

impl std::fmt::Display for ChangeSubject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeSubject::Statement { name, speaker, .. } => write!(f, "{name}, {speaker}"),
            ChangeSubject::Target { name, issuer, .. } => write!(f, "{name}, {issuer}"),
            ChangeSubject::Measure { title, .. } => f.write_str(title),
            ChangeSubject::Project { name, .. } => f.write_str(name),
            ChangeSubject::Trade { flow, side } => {
                f.write_str(match flow {
                    NationalFlow::Turnover => "Trade turnover",
                    NationalFlow::Export => "Exports",
                    NationalFlow::Import => "Imports",
                })?;
                f.write_str(match side {
                    Some(ReportingSide::Kazakhstan) => ", Kazakhstan's figures",
                    Some(ReportingSide::Uzbekistan) => ", Uzbekistan's figures",
                    Some(ReportingSide::Joint) => ", joint figures",
                    Some(ReportingSide::ThirdParty) => ", a third party's figures",
                    None => "",
                })
            }
            ChangeSubject::Crossing {
                crossing,
                measure,
                status,
            } => write!(
                f,
                "{}: {} ({})",
                crossing.key,
                measure.key,
                format!("{status:?}").to_lowercase()
            ),
            ChangeSubject::Fact(fact) => f.write_str(&fact.key),
        }
    }
}

/// The period a change's value covers, as typed as the row it comes from. Displays in its
/// canonical text form (`2024`, `2023-YTD10`, `by 2030`, `2025-03-01`; nothing for `None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangePeriod {
    /// The row states none (a status report).
    None,
    /// What a figure covers.
    Span(Span),
    /// A target's horizon.
    Horizon(Horizon),
    /// The day or month a crossing figure refers to.
    Date(EventDate),
}

impl std::fmt::Display for ChangePeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangePeriod::None => Ok(()),
            ChangePeriod::Span(s) => s.fmt(f),
            ChangePeriod::Horizon(h) => h.fmt(f),
            ChangePeriod::Date(d) => d.fmt(f),
        }
    }
}

fn amount(value: Decimal, unit: impl Into<String>) -> ChangeValue {
    ChangeValue::Amount {
        value,
        unit: unit.into(),
        qualifier: String::new(),
    }
}

impl Dataset {
    /// Every row that became known after `since` and on or before `until` (see the
    /// [module docs](self)), ordered by the day it became known, then by kind, then as the
    /// dataset lists them. Empty when nothing changed, or when `until` is not after `since`.
    pub fn changes_between(&self, since: NaiveDate, until: NaiveDate) -> Vec<Change> {
        if until <= since {
            return Vec::new();
        }
        let known = self.as_known_on(until).dataset;
        let mut out = Vec::new();
        let mut push = |kind, sources: &[SourceId], own: Option<EventDate>, what, period, value| {
            if let Some(day) = self.known_since(sources, own).day()
                && day > since
            {
                out.push(Change {
                    known: day,
                    kind,
                    what,
                    period,
                    value,
                    sources: sources.to_vec(),
                });
            }
        };
        let agenda = &known.agenda;
        let indicator = |id: uuid::Uuid| {
            let key = agenda.key(id).map_or_else(|| id.to_string(), str::to_owned);
            let name = agenda
                .indicators
                .iter()
                .find(|i| i.id == id)
                .map_or_else(|| id.to_string(), |i| i.name.clone());
            (Subject::new(SubjectKind::Indicator, key), name)
        };
        let keyed = |kind, id: uuid::Uuid| {
            Subject::new(
                kind,
                agenda.key(id).map_or_else(|| id.to_string(), str::to_owned),
            )
        };
        for s in &agenda.statements {
            push(
                ChangeKind::Statement,
                &s.sources,
                Some(s.date),
                {
                    let (indicator, name) = indicator(s.indicator);
                    ChangeSubject::Statement {
                        indicator,
                        name,
                        speaker: s.speaker.clone(),
                    }
                },
                ChangePeriod::Span(s.period),
                ChangeValue::Amount {
                    value: s.value,
                    unit: s.unit.to_string(),
                    qualifier: s.qualifier.clone(),
                },
            );
        }
        for history in &agenda.targets {
            for t in &history.restatements {
                push(
                    ChangeKind::TargetRestated,
                    &t.sources,
                    Some(t.stated),
                    {
                        let (indicator, name) = indicator(t.indicator);
                        ChangeSubject::Target {
                            indicator,
                            name,
                            issuer: t.issuer.clone(),
                        }
                    },
                    ChangePeriod::Horizon(t.horizon.clone()),
                    amount(t.value, indicator_unit(agenda, t.indicator)),
                );
            }
        }
        for m in &agenda.measures {
            for e in &m.history {
                push(
                    ChangeKind::MeasureStatus,
                    &e.sources,
                    EventDate::day(e.date).ok(),
                    ChangeSubject::Measure {
                        measure: keyed(SubjectKind::Measure, m.id),
                        title: m.title.clone(),
                    },
                    ChangePeriod::None,
                    ChangeValue::Measure(e.status),
                );
            }
        }
        for p in &agenda.projects {
            push(
                ChangeKind::ProjectStatus,
                &p.sources,
                Some(p.status_date),
                ChangeSubject::Project {
                    project: keyed(SubjectKind::Project, p.id),
                    name: p.name.clone(),
                },
                ChangePeriod::None,
                ChangeValue::Project(p.status),
            );
        }
        for r in &known.trade_national {
            push(
                ChangeKind::NewFigure,
                std::slice::from_ref(&r.source),
                r.statement_date,
                ChangeSubject::Trade {
                    flow: r.flow,
                    side: r.side,
                },
                ChangePeriod::Span(r.period),
                amount(r.value_usd, "USD"),
            );
        }
        for r in &known.crossings {
            push(
                ChangeKind::NewFigure,
                std::slice::from_ref(&r.source),
                r.date,
                ChangeSubject::Crossing {
                    crossing: Subject::new(SubjectKind::Crossing, r.crossing.as_str()),
                    measure: Subject::new(SubjectKind::CrossingMeasure, r.indicator.as_str()),
                    status: r.status,
                },
                r.date.map_or(ChangePeriod::None, ChangePeriod::Date),
                amount(r.value, r.unit.code()),
            );
        }
        for r in known.water_facts.iter().chain(&known.transit_facts) {
            push(
                ChangeKind::NewFigure,
                std::slice::from_ref(&r.source),
                None,
                ChangeSubject::Fact(Subject::new(SubjectKind::Fact, r.indicator.as_str())),
                r.period.map_or(ChangePeriod::None, ChangePeriod::Span),
                amount(r.value, r.unit.clone()),
            );
        }
        // Stable: rows of one day and kind keep the dataset's order.
        out.sort_by_key(|c| (c.known, c.kind));
        self.mark_revisions(since, &mut out);
        out.sort_by_key(|c| (c.known, c.kind));
        out
    }

    /// Marks as revised each new figure of `changes` whose subject, period and unit a figure
    /// known on an earlier day (by `since`, or earlier in the window) gave another value for.
    fn mark_revisions(&self, since: NaiveDate, changes: &mut [Change]) {
        let earlier = if since > NaiveDate::MIN {
            self.changes_between(NaiveDate::MIN, since)
        } else {
            Vec::new()
        };
        let mut values: HashMap<(ChangeSubject, ChangePeriod, String), (Decimal, NaiveDate)> =
            HashMap::new();
        let key_value = |c: &Change| match &c.value {
            ChangeValue::Amount { value, unit, .. }
                if matches!(c.kind, ChangeKind::NewFigure | ChangeKind::RevisedFigure) =>
            {
                Some(((c.what.clone(), c.period.clone(), unit.clone()), *value))
            }
            _ => None,
        };
        for c in &earlier {
            if let Some((key, value)) = key_value(c) {
                values.insert(key, (value, c.known));
            }
        }
        for c in changes.iter_mut() {
            let Some((key, value)) = key_value(c) else {
                continue;
            };
            if let Some(&(before, day)) = values.get(&key)
                && day < c.known
                && before != value
            {
                c.kind = ChangeKind::RevisedFigure;
            }
            values.insert(key, (value, c.known));
        }
    }
}

/// The unit of an indicator's values, as the agenda writes it.
fn indicator_unit(agenda: &dostyk_core_model::agenda::file::Agenda, id: uuid::Uuid) -> String {
    agenda
        .indicators
        .iter()
        .find(|i| i.id == id)
        .map_or_else(String::new, |i| i.unit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(dir: &str) -> Dataset {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::load(&root.join(dir)).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_changes_are_the_rows_known_at_the_end_and_not_at_the_start() {
        for ds in [load("tests/data/mini"), load("../../data/kz-uz")] {
            for (since, until) in [
                ("2024-02-04", "2024-12-31"),
                ("2000-01-01", "2030-01-01"),
                ("2024-02-09", "2024-02-10"),
            ] {
                let (since, until) = (day(since), day(until));
                let changes = ds.changes_between(since, until);
                assert!(changes.iter().all(|c| c.known > since && c.known <= until));
                assert!(changes.windows(2).all(|w| w[0].known <= w[1].known));
                let (start, end) = (ds.as_known_on(since), ds.as_known_on(until));
                let statements = |k: &crate::as_of::KnownOn| k.dataset.agenda.statements.len();
                let of = |kind| changes.iter().filter(|c| c.kind == kind).count();
                assert_eq!(
                    of(ChangeKind::Statement),
                    statements(&end) - statements(&start)
                );
                let projects = |k: &crate::as_of::KnownOn| k.dataset.agenda.projects.len();
                assert_eq!(
                    of(ChangeKind::ProjectStatus),
                    projects(&end) - projects(&start)
                );
                let figures = |k: &crate::as_of::KnownOn| {
                    let d = &k.dataset;
                    d.trade_national.len()
                        + d.crossings.len()
                        + d.water_facts.len()
                        + d.transit_facts.len()
                };
                assert_eq!(
                    of(ChangeKind::NewFigure) + of(ChangeKind::RevisedFigure),
                    figures(&end) - figures(&start)
                );
            }
        }
    }

    #[test]
    fn a_figure_given_again_with_another_value_is_a_revision() {
        let ds = load("../../data/kz-uz");
        let changes = ds.changes_between(NaiveDate::MIN, NaiveDate::MAX);
        let revised: Vec<&Change> = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::RevisedFigure)
            .collect();
        assert!(!revised.is_empty());
        for r in revised {
            // An earlier figure of the same subject, period and unit with another value.
            assert!(
                changes.iter().any(|e| e.known < r.known
                    && e.what == r.what
                    && e.period == r.period
                    && e.kind >= ChangeKind::NewFigure
                    && e.value != r.value),
                "{r:?}"
            );
        }
    }

    #[test]
    fn nothing_changes_in_an_empty_or_reversed_window() {
        let ds = load("../../data/kz-uz");
        assert!(
            ds.changes_between(day("2024-06-01"), day("2024-06-01"))
                .is_empty()
        );
        assert!(
            ds.changes_between(day("2025-01-01"), day("2024-01-01"))
                .is_empty()
        );
        assert!(
            ds.changes_between(NaiveDate::MAX - chrono::Days::new(1), NaiveDate::MAX)
                .is_empty()
        );
    }

    #[test]
    fn the_mini_dataset_statement_of_2024_02_10_is_a_change_of_that_day() {
        let ds = load("tests/data/mini");
        let changes = ds.changes_between(day("2024-02-09"), day("2024-02-10"));
        let statements: Vec<&Change> = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Statement)
            .collect();
        assert!(!statements.is_empty());
        assert!(statements.iter().all(|c| c.known == day("2024-02-10")));
        // The statement dated 2023-12-05 was published on 2025-03-15: not a change of 2023.
        let earlier = ds.changes_between(day("2023-12-01"), day("2023-12-31"));
        assert!(earlier.iter().all(|c| c.kind != ChangeKind::Statement));
        assert!(
            ds.changes_between(day("2025-03-14"), day("2025-03-15"))
                .iter()
                .any(|c| c.kind == ChangeKind::Statement)
        );
    }

    #[test]
    fn the_bundled_dataset_lists_the_statements_of_spring_2024() {
        let ds = load("../../data/kz-uz");
        let changes = ds.changes_between(day("2024-02-04"), day("2024-12-31"));
        let days: Vec<NaiveDate> = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Statement)
            .map(|c| c.known)
            .collect();
        assert!(days.contains(&day("2024-04-05")), "{days:?}");
        assert!(days.contains(&day("2024-05-04")), "{days:?}");
        assert!(!days.contains(&day("2024-02-04")));
        assert!(
            changes
                .iter()
                .all(|c| !c.sources.is_empty() || c.kind >= ChangeKind::NewFigure)
        );
    }
}
