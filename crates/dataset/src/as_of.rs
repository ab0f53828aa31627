//! The dataset as it was known on a past day: [`Dataset::as_known_on`].
//!
//! A briefing written for a past meeting may use only what had been published by then. Every
//! figure row of a dataset names its sources, and the manifest gives each source's publication
//! day; a row is *known on* a day when
//!
//! 1. one of its sources with a publication day was published on or before that day (a figure
//!    is known as soon as its first source prints it), or
//! 2. none of its sources has a publication day, and the row carries a date of its own (a
//!    statement's `date`, a published trade figure's `statement_date`, a crossing figure's
//!    `date`) whose **last** day is on or before that day: a row dated only `2023-07` counts from
//!    31 July 2023, one dated `2023` from 31 December 2023, so an as-of edition never shows a
//!    figure that may not yet have been published.
//!
//! Any other row is left out: a row whose sources were all published later, and a row whose
//! sources are all undated and which has no date of its own (it cannot be placed in time). Each
//! row left out is listed as a [`LeftOut`] with its [`Reason`], so a briefing can say how many
//! rows it set aside and why.
//!
//! Rows filtered: published trade figures, the claims ledger (the agenda's statements and every
//! `trade.statements` file), gas volumes, freight, border-crossing figures, water limits and
//! intake, the quoted water and transit facts, and in the agenda each statement of a target
//! (its own date: when it was stated), each measure (when it was promised) and each report on
//! its status (its day), each project (its status date) and each milestone (when it was reached,
//! else its project's status date; one without sources rests on its project's). A row kept cites only its sources published by
//! the day (and its undated ones). The conflicts among figures are computed again over the rows
//! kept. Meetings and agreements are kept whole (the briefing does not list them, and measures
//! refer to them); a project's status is the one its dataset row records (the agenda keeps one
//! status per project, with its date), so a project whose status was reported later still
//! shows that status.
//!
//! ```
//! use std::path::Path;
//!
//! let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini");
//! let dataset = dostyk_dataset::load(&dir)?;
//! let day = "2000-01-01".parse()?;
//! let known = dataset.as_known_on(day);
//! assert!(known.dataset.trade_national.is_empty());
//! assert!(known.dataset.agenda.statements.is_empty());
//! assert!(!known.left_out.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::file::Agenda;
use dostyk_core_model::provenance::SourceId;

use crate::Dataset;
use crate::conflicts::Conflicts;

/// Which table a row comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RowKind {
    /// A published trade figure (`trade.national`).
    TradeNational,
    /// A statement of the claims ledger (`trade.statements`, or the agenda's own statements).
    Statement,
    /// A gas volume (`gas.national`).
    GasNational,
    /// A freight figure (`transit.freight`).
    Freight,
    /// A border-crossing figure (`transit.crossings`).
    Crossing,
    /// A water withdrawal limit (`water.limits`).
    WaterLimit,
    /// A dekad's water intake (`water.intake`).
    WaterIntake,
    /// A season's published withdrawal (`water.withdrawals`).
    WaterWithdrawal,
    /// A quoted water fact (`water.facts`).
    WaterFact,
    /// A quoted transit fact (`transit.facts`).
    TransitFact,
    /// A statement of a target (`agenda`, `[[targets]]`).
    Target,
    /// A roadmap measure (`agenda`, `[[measures]]`).
    Measure,
    /// A report on a measure's status (`agenda`, a measure's `history`).
    MeasureReport,
    /// A joint project (`agenda`, `[[projects]]`).
    Project,
    /// A project's milestone (`agenda`, a project's `milestones`).
    Milestone,
}

impl RowKind {
    /// The file kind the rows are read from, as `dataset.toml` names it.
    pub fn file_kind(self) -> &'static str {
        match self {
            RowKind::TradeNational => "trade.national",
            RowKind::Statement => "trade.statements",
            RowKind::GasNational => "gas.national",
            RowKind::Freight => "transit.freight",
            RowKind::Crossing => "transit.crossings",
            RowKind::WaterLimit => "water.limits",
            RowKind::WaterIntake => "water.intake",
            RowKind::WaterWithdrawal => "water.withdrawals",
            RowKind::WaterFact => "water.facts",
            RowKind::TransitFact => "transit.facts",
            RowKind::Target
            | RowKind::Measure
            | RowKind::MeasureReport
            | RowKind::Project
            | RowKind::Milestone => "agenda",
        }
    }
}

impl fmt::Display for RowKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_kind())
    }
}

/// When a row became known, by the rule of the [module docs](self).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// The publication day of its earliest dated source.
    Published(NaiveDate),
    /// Its sources are undated: the last day of its own date.
    RowDate(NaiveDate),
    /// Its sources are undated and it has no date of its own.
    Undated,
}

impl Known {
    /// The day it counts from, if any.
    pub fn day(self) -> Option<NaiveDate> {
        match self {
            Known::Published(day) | Known::RowDate(day) => Some(day),
            Known::Undated => None,
        }
    }
}

/// Why a row was left out of an as-of edition.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// Its earliest dated source was published after the day.
    PublishedAfter {
        /// That source.
        source: SourceId,
        /// Its publication day.
        published: NaiveDate,
    },
    /// Its sources are undated and its own date ends after the day.
    DatedAfter {
        /// The last day of the row's date.
        date: NaiveDate,
    },
    /// Its sources are undated and it has no date of its own.
    Undated,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::PublishedAfter { source, published } => {
                write!(f, "its source {source} was published on {published}")
            }
            Reason::DatedAfter { date } => {
                write!(f, "its sources are undated and its own date runs to {date}")
            }
            Reason::Undated => f.write_str("its sources are undated and it has no date of its own"),
        }
    }
}

/// A row left out of an as-of edition, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The table it comes from.
    pub kind: RowKind,
    /// Its line in its file, where the row keeps it.
    pub line: Option<u64>,
    /// Its sources.
    pub sources: Vec<SourceId>,
    /// Why it was left out.
    pub reason: Reason,
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} row", self.kind)?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A dataset as it was known on a day: the rows known then, and the rows left out.
#[derive(Debug, Clone)]
pub struct KnownOn {
    /// The day.
    pub date: NaiveDate,
    /// The dataset with only the rows known on the day (and its conflicts computed over them).
    pub dataset: Dataset,
    /// Every row left out, in the order of the tables in [`Dataset`] and of the rows in each.
    pub left_out: Vec<LeftOut>,
}

impl KnownOn {
    /// How many rows were left out because their sources are undated and they have no date of
    /// their own.
    pub fn undated(&self) -> usize {
        self.left_out
            .iter()
            .filter(|l| l.reason == Reason::Undated)
            .count()
    }
}

/// The publication days of a manifest's sources, and the rule of the [module docs](self).
struct Clock {
    published: HashMap<SourceId, Option<NaiveDate>>,
    date: NaiveDate,
}

impl Clock {
    /// When a row with `sources` and its own date `own` became known.
    fn known<'s>(
        &self,
        sources: impl IntoIterator<Item = &'s SourceId>,
        own: Option<EventDate>,
    ) -> (Known, Option<SourceId>) {
        let earliest = sources
            .into_iter()
            .filter_map(|s| {
                self.published
                    .get(s)
                    .copied()
                    .flatten()
                    .map(|d| (d, s.clone()))
            })
            .min();
        match (earliest, own) {
            (Some((day, source)), _) => (Known::Published(day), Some(source)),
            (None, Some(own)) => (Known::RowDate(own.latest()), None),
            (None, None) => (Known::Undated, None),
        }
    }

    /// Drops from `sources` those published after the day: a row known on the day cites only
    /// what had been published by then (undated sources stay, the row's date placed them).
    fn strip(&self, sources: &mut Vec<SourceId>) {
        sources.retain(|s| {
            self.published
                .get(s)
                .copied()
                .flatten()
                .is_none_or(|d| d <= self.date)
        });
    }

    /// Keeps the rows of `rows` known on the day; records the others in `left_out`.
    fn keep<T>(
        &self,
        rows: &mut Vec<T>,
        kind: RowKind,
        left_out: &mut Vec<LeftOut>,
        about: impl Fn(&T) -> (Vec<SourceId>, Option<EventDate>, Option<u64>),
    ) {
        rows.retain(|row| {
            let (sources, own, line) = about(row);
            let Some(reason) = self.reason(&sources, own) else {
                return true;
            };
            left_out.push(LeftOut {
                kind,
                line,
                sources,
                reason,
            });
            false
        });
    }

    /// Why a row with `sources` and its own date `own` is not known on the day; `None` when
    /// it is.
    fn reason(&self, sources: &[SourceId], own: Option<EventDate>) -> Option<Reason> {
        let (known, source) = self.known(sources, own);
        Some(match (known, source) {
            (Known::Published(day) | Known::RowDate(day), _) if day <= self.date => {
                return None;
            }
            (Known::Published(published), Some(source)) => {
                Reason::PublishedAfter { source, published }
            }
            (Known::Published(date) | Known::RowDate(date), _) => Reason::DatedAfter { date },
            (Known::Undated, _) => Reason::Undated,
        })
    }

    /// Keeps the agenda's targets, measures (and their reports) and projects (and their
    /// milestones) known on the day, each citing only the sources published by then. Meetings
    /// and agreements are kept: the briefing does not show them, and measures refer to them.
    fn agenda(&self, agenda: &mut Agenda, left_out: &mut Vec<LeftOut>) {
        for history in &mut agenda.targets {
            self.keep(&mut history.restatements, RowKind::Target, left_out, |t| {
                (t.sources.clone(), Some(t.stated), None)
            });
            for t in &mut history.restatements {
                self.strip(&mut t.sources);
            }
        }
        self.keep(&mut agenda.measures, RowKind::Measure, left_out, |m| {
            (m.sources.clone(), Some(m.promised_on), None)
        });
        for m in &mut agenda.measures {
            self.strip(&mut m.sources);
            self.keep(&mut m.history, RowKind::MeasureReport, left_out, |e| {
                (e.sources.clone(), EventDate::day(e.date).ok(), None)
            });
            for e in &mut m.history {
                self.strip(&mut e.sources);
            }
        }
        self.keep(&mut agenda.projects, RowKind::Project, left_out, |p| {
            (p.sources.clone(), Some(p.status_date), None)
        });
        for p in &mut agenda.projects {
            self.strip(&mut p.sources);
            // A milestone without sources of its own rests on the project's; one not reached
            // is dated with the project's status.
            let (project, status_date) = (p.sources.clone(), p.status_date);
            self.keep(&mut p.milestones, RowKind::Milestone, left_out, |m| {
                let sources = if m.sources.is_empty() {
                    project.clone()
                } else {
                    m.sources.clone()
                };
                (sources, m.actual.or(Some(status_date)), None)
            });
            for m in &mut p.milestones {
                self.strip(&mut m.sources);
            }
        }
        for st in &mut agenda.statements {
            self.strip(&mut st.sources);
        }
    }
}

impl Dataset {
    /// When a row with `sources` and its own date `own` became known, by the rule of the
    /// [`as_of`](crate::as_of) module.
    pub fn known_since(&self, sources: &[SourceId], own: Option<EventDate>) -> Known {
        self.clock(NaiveDate::MIN).known(sources, own).0
    }

    fn clock(&self, date: NaiveDate) -> Clock {
        Clock {
            published: self
                .manifest
                .sources
                .iter()
                .map(|s| (s.id.clone(), s.published))
                .collect(),
            date,
        }
    }

    /// The dataset as it was known on `date`: only the rows published by then (see the
    /// [`as_of`](crate::as_of) module for the rule), with every row left out listed and why.
    pub fn as_known_on(&self, date: NaiveDate) -> KnownOn {
        let clock = self.clock(date);
        let mut ds = self.clone();
        let mut left_out = Vec::new();
        let one = |s: &SourceId| vec![s.clone()];
        clock.keep(
            &mut ds.trade_national,
            RowKind::TradeNational,
            &mut left_out,
            |r| (one(&r.source), r.statement_date, Some(r.line)),
        );
        clock.keep(
            &mut ds.agenda.statements,
            RowKind::Statement,
            &mut left_out,
            |s| (s.sources.clone(), Some(s.date), None),
        );
        clock.agenda(&mut ds.agenda, &mut left_out);
        clock.keep(
            &mut ds.gas_national,
            RowKind::GasNational,
            &mut left_out,
            |r| (one(&r.source), None, Some(r.line)),
        );
        clock.keep(&mut ds.freight, RowKind::Freight, &mut left_out, |r| {
            (one(&r.source), None, Some(r.line))
        });
        clock.keep(&mut ds.crossings, RowKind::Crossing, &mut left_out, |r| {
            (one(&r.source), r.date, Some(r.line))
        });
        clock.keep(
            &mut ds.water_limits,
            RowKind::WaterLimit,
            &mut left_out,
            |r| (one(&r.source), None, None),
        );
        clock.keep(
            &mut ds.water_intake,
            RowKind::WaterIntake,
            &mut left_out,
            |r| (one(&r.source), None, None),
        );
        clock.keep(
            &mut ds.water_withdrawals,
            RowKind::WaterWithdrawal,
            &mut left_out,
            |r| (one(&r.source), None, None),
        );
        clock.keep(
            &mut ds.water_facts,
            RowKind::WaterFact,
            &mut left_out,
            |r| (one(&r.source), None, Some(r.line)),
        );
        clock.keep(
            &mut ds.transit_facts,
            RowKind::TransitFact,
            &mut left_out,
            |r| (one(&r.source), None, Some(r.line)),
        );
        let ledger = ds
            .agenda
            .statements
            .iter()
            .filter(|s| ds.agenda.key(s.id).is_none());
        ds.conflicts = Conflicts::detect(ledger, &ds.water_facts, &ds.transit_facts);
        KnownOn {
            date,
            dataset: ds,
            left_out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test dataset: `test-statement` was published on 2025-03-15, `test-press` is undated.
    fn mini() -> Dataset {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini");
        crate::load(&dir).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn reasons(known: &KnownOn, kind: RowKind) -> Vec<Reason> {
        known
            .left_out
            .iter()
            .filter(|l| l.kind == kind)
            .map(|l| l.reason.clone())
            .collect()
    }

    #[test]
    fn a_row_counts_from_its_sources_publication_day() {
        let ds = mini();
        let before = ds.as_known_on(day("2025-03-14"));
        assert!(before.dataset.gas_national.is_empty());
        let after = Reason::PublishedAfter {
            source: SourceId::new("test-statement").unwrap(),
            published: day("2025-03-15"),
        };
        assert_eq!(
            reasons(&before, RowKind::GasNational),
            [after.clone(), after.clone()]
        );
        assert_eq!(reasons(&before, RowKind::WaterLimit).len(), 3);
        let on = ds.as_known_on(day("2025-03-15"));
        assert_eq!(on.dataset.gas_national, ds.gas_national);
        assert_eq!(on.dataset.water_limits, ds.water_limits);
        assert!(reasons(&on, RowKind::GasNational).is_empty());
    }

    #[test]
    fn a_dated_source_wins_over_the_rows_own_date() {
        let ds = mini();
        // The third statement is dated 2023-12-05 but its only dated source is of 2025-03-15;
        // the first has an undated source and counts from its own date, 2024-02-10.
        let known = ds.as_known_on(day("2024-02-10"));
        let kept: Vec<String> = known
            .dataset
            .agenda
            .statements
            .iter()
            .filter(|s| ds.agenda.key(s.id).is_none())
            .map(|s| s.date.to_string())
            .collect();
        assert_eq!(kept, ["2024-02-10"]);
        let third = ds
            .agenda
            .statements
            .iter()
            .find(|s| s.date.to_string() == "2023-12-05")
            .unwrap();
        assert_eq!(
            ds.known_since(&third.sources, Some(third.date)),
            Known::Published(day("2025-03-15"))
        );
        let earlier = ds.as_known_on(day("2024-02-09"));
        assert!(
            earlier
                .dataset
                .agenda
                .statements
                .iter()
                .all(|s| ds.agenda.key(s.id).is_some())
        );
        assert!(
            reasons(&earlier, RowKind::Statement).contains(&Reason::DatedAfter {
                date: day("2024-02-10")
            })
        );
    }

    #[test]
    fn a_row_dated_to_the_month_counts_from_the_months_last_day() {
        let ds = mini();
        // The third crossing figure (undated source) is dated 2025-12.
        let minutes = |k: &KnownOn| {
            k.dataset
                .crossings
                .iter()
                .filter(|c| c.indicator == "crossing_minutes")
                .count()
        };
        let before = ds.as_known_on(day("2025-12-30"));
        assert_eq!(minutes(&before), 0);
        let reason = before
            .left_out
            .iter()
            .find(|l| l.kind == RowKind::Crossing && l.line == Some(4))
            .map(|l| l.reason.clone());
        assert_eq!(
            reason,
            Some(Reason::DatedAfter {
                date: day("2025-12-31")
            })
        );
        assert_eq!(minutes(&ds.as_known_on(day("2025-12-31"))), 1);
    }

    #[test]
    fn rows_with_only_undated_sources_and_no_date_are_left_out_with_a_reason() {
        let ds = mini();
        let known = ds.as_known_on(ds.manifest.as_of);
        // test-press rows without a date of their own: three trade figures, the freight row
        // and the eighteen intake dekads.
        assert_eq!(known.undated(), 22, "{:#?}", known.left_out);
        assert_eq!(known.left_out.len(), 22);
        // The agenda: every item dates itself, so none is left out on the dataset's day.
        assert_eq!(known.dataset.agenda.measures, ds.agenda.measures);
        assert_eq!(known.dataset.agenda.projects, ds.agenda.projects);
        assert_eq!(known.dataset.trade_national.len(), 4);
        assert!(known.dataset.freight.is_empty());
        assert!(known.dataset.water_intake.is_empty());
        let text = known.left_out[0].to_string();
        assert_eq!(
            text,
            "a trade.national row (line 2): its sources are undated and it has no date of its own"
        );
    }

    #[test]
    fn every_row_is_either_kept_or_left_out_whatever_the_day() {
        let ds = mini();
        let total = |d: &Dataset| {
            d.trade_national.len()
                + d.agenda.statements.len()
                + d.gas_national.len()
                + d.freight.len()
                + d.crossings.len()
                + d.water_limits.len()
                + d.water_intake.len()
                + d.water_withdrawals.len()
                + d.water_facts.len()
                + d.transit_facts.len()
        };
        for date in [NaiveDate::MIN, day("2024-06-30"), NaiveDate::MAX] {
            let known = ds.as_known_on(date);
            let tables = known
                .left_out
                .iter()
                .filter(|l| l.kind.file_kind() != "agenda")
                .count();
            assert_eq!(total(&known.dataset) + tables, total(&ds));
            let targets = |d: &Dataset| {
                d.agenda
                    .targets
                    .iter()
                    .map(|t| t.restatements.len())
                    .sum::<usize>()
            };
            let of = |kind| known.left_out.iter().filter(|l| l.kind == kind).count();
            assert_eq!(targets(&known.dataset) + of(RowKind::Target), targets(&ds));
            assert_eq!(
                known.dataset.agenda.measures.len() + of(RowKind::Measure),
                ds.agenda.measures.len()
            );
            assert_eq!(
                known.dataset.agenda.projects.len() + of(RowKind::Project),
                ds.agenda.projects.len()
            );
            for l in &known.left_out {
                match &l.reason {
                    Reason::PublishedAfter { published, .. } => assert!(*published > date),
                    Reason::DatedAfter { date: own } => assert!(*own > date),
                    Reason::Undated => {}
                }
            }
        }
        // The agenda's keyed statements (portfolio statements) are dated too: none at MIN.
        assert_eq!(
            ds.as_known_on(NaiveDate::MIN)
                .dataset
                .agenda
                .statements
                .len(),
            0
        );
        assert_eq!(ds.as_known_on(NaiveDate::MAX).undated(), 22);
    }
}
