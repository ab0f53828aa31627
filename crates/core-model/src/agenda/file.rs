//! The agenda file: the whole agenda as one TOML document an analyst can edit.
//!
//! Items refer to each other by short human keys, unique within their table (`key = "sic-2024-08-08"`,
//! `promised_at = "sic-2024-08-08"`), never by UUID; [`AgendaFile::parse`] resolves the keys and
//! gives every item its stable v5 id from its natural key (see [`crate::id`]). Every problem is
//! reported at once, each with the file, the table and index, and the field.
//!
//! ```toml
//! [[meetings]]
//! key = "sic-2024-08-08"
//! kind = "supreme_interstate_council"
//! date = "2024-08-08"
//! place = "Astana"
//! title = "Supreme Interstate Council, 1st meeting"
//! sources = ["gazeta-uz-2024-08-08"]
//!
//! [[indicators]]
//! key = "trade-turnover"
//! name = "Bilateral trade turnover"
//! area = "trade"
//! unit = "USD"
//! measure = "unit"
//! ascending = true
//!
//! [[targets]]
//! indicator = "trade-turnover"
//! stated = "2025-03-15"
//! issuer = "Trade ministers of Kazakhstan and Uzbekistan"
//! value = "10000000000"
//! horizon = { kind = "by_year", year = 2030 }
//! sources = ["urdupoint-2025-03-19"]
//!
//! [[measures]]
//! key = "icic"
//! title = "International Center for Industrial Cooperation \"Central Asia\" opens"
//! area = "industry"
//! promised_on = "2024-02-15"
//! due = "2027-H1"
//! sources = ["astanatimes-2024-02-20"]
//!
//! [[measures.history]]
//! date = "2025-11-15"
//! status = "in_progress"
//! evidence = "Operations symbolically launched; under construction"
//! meeting = "sic-2024-08-08"
//! sources = ["trend-2025-11-15"]
//! ```
//!
//! Tables: `meetings`, `agreements`, `indicators`, `targets`, `measures` (with `history`) and
//! `projects` (with `milestones`). Field names and values are those of the model types
//! ([`Meeting`], [`Agreement`], [`Indicator`], [`Target`], [`Measure`], [`Project`]) with keys
//! in place of ids.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use uuid::Uuid;

use crate::agenda::agreement::{Agreement, AgreementKind};
use crate::agenda::indicator::{
    Baseline, Indicator, IndicatorMeasure, Target, TargetHistory, Unit,
};
use crate::agenda::measure::{Due, Measure, MeasureStatus, Responsible, StatusEvent};
use crate::agenda::meeting::{Meeting, MeetingKind};
use crate::agenda::project::{Milestone, Project, ProjectStatus};
use crate::agenda::statement::{ClaimFlag, ClaimKind, Statement};
use crate::agenda::{Area, EventDate, Horizon};
use crate::dataset::Problem;
use crate::money::Money;
use crate::period::Span;
use crate::provenance::{ReportingSide, SourceId};
use crate::read::ReadError;

/// What went wrong reading an agenda file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AgendaFileError {
    /// Not valid TOML, or a value of the wrong type.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file name given by the caller.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// Broken references, duplicate keys, unknown sources; every one is listed.
    #[error("{file}: {count} problem(s) in the agenda:\n{list}", count = problems.len(), list = problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The file name given by the caller.
        file: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// A claims-ledger CSV ([`crate::agenda::ledger`]) that cannot be read, or its bad cells
    /// and rows: one as the [`ReadError`] naming its line and field, several as
    /// [`ReadError::Many`].
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// The agenda, with ids resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// Meetings, in file order.
    pub meetings: Vec<Meeting>,
    /// Agreements and programmes.
    pub agreements: Vec<Agreement>,
    /// Indicators.
    pub indicators: Vec<Indicator>,
    /// Every statement of every target, grouped by indicator, oldest first.
    pub targets: Vec<TargetHistory>,
    /// Roadmap measures.
    pub measures: Vec<Measure>,
    /// Joint projects.
    pub projects: Vec<Project>,
    /// Statements of figures (the claims ledger) given in the agenda file, e.g. portfolio
    /// statements; a dataset's `trade.statements` files add more (see [`crate::agenda::ledger`]).
    pub statements: Vec<Statement>,
    /// The human key of every item, by id.
    pub keys: BTreeMap<Uuid, String>,
}

impl Agenda {
    /// The meeting with id `id`.
    pub fn meeting(&self, id: Uuid) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// The indicator with key `key`.
    pub fn indicator_by_key(&self, key: &str) -> Option<&Indicator> {
        self.indicators
            .iter()
            .find(|i| self.keys.get(&i.id).is_some_and(|k| k == key))
    }

    /// The target history of the indicator with id `id`.
    pub fn targets_of(&self, id: Uuid) -> Option<&TargetHistory> {
        self.targets.iter().find(|t| t.indicator == id)
    }

    /// The id of the indicator with key `key`.
    pub fn indicator_id(&self, key: &str) -> Option<Uuid> {
        self.indicator_by_key(key).map(|i| i.id)
    }

    /// The key of item `id`, if it has one.
    pub fn key(&self, id: Uuid) -> Option<&str> {
        self.keys.get(&id).map(String::as_str)
    }

    /// The target in force on `as_of` for the indicator with key `indicator` (for the bundled
    /// dataset, one of [`keys`](crate::agenda::indicator::keys)): the latest restatement
    /// stated on or before that day, as [`TargetHistory::in_force`] defines it.
    ///
    /// ```
    /// use dostyk_core_model::agenda::file::AgendaFile;
    /// use chrono::NaiveDate;
    ///
    /// let agenda = AgendaFile::parse(r#"
    /// [[indicators]]
    /// key = "turnover"
    /// name = "Trade turnover"
    /// area = "trade"
    /// unit = "USD"
    ///
    /// [[targets]]
    /// indicator = "turnover"
    /// stated = "2019-04-15"
    /// issuer = "Presidents"
    /// value = "5000000000"
    /// horizon = { kind = "by_year", year = 2021 }
    /// sources = ["s1"]
    ///
    /// [[targets]]
    /// indicator = "turnover"
    /// stated = "2022-12-22"
    /// issuer = "Presidents"
    /// value = "10000000000"
    /// horizon = { kind = "by_year", year = 2030 }
    /// sources = ["s1"]
    /// "#, "agenda.toml", None)?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let target = agenda.target_in_force("turnover", day(2024, 2, 4)).unwrap();
    /// assert_eq!(target.horizon.target_year(), Some(2030));
    /// assert_eq!(agenda.target_in_force("turnover", day(2020, 1, 1)).unwrap().horizon.target_year(), Some(2021));
    /// assert!(agenda.target_in_force("turnover", day(2019, 1, 1)).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn target_in_force(&self, indicator: &str, as_of: NaiveDate) -> Option<&Target> {
        let id = self.indicator_id(indicator)?;
        self.targets_of(id)?.in_force(as_of)
    }

    /// The headline target of an area in a unit: of the indicators of `area` measured in
    /// `unit`, in file order, the first with a target in force on `as_of`, with that target.
    ///
    /// The briefing uses this rule for "the target in force" of a section (the turnover target
    /// in US dollars, the gas target in bcm), so a dataset need not use the bundled keys.
    pub fn headline_target(
        &self,
        area: Area,
        unit: &Unit,
        as_of: NaiveDate,
    ) -> Option<(&Indicator, &Target)> {
        self.indicators
            .iter()
            .filter(|i| i.area == area && &i.unit == unit)
            .find_map(|i| Some((i, self.targets_of(i.id)?.in_force(as_of)?)))
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    meetings: Vec<RawMeeting>,
    #[serde(default)]
    agreements: Vec<RawAgreement>,
    #[serde(default)]
    indicators: Vec<RawIndicator>,
    #[serde(default)]
    targets: Vec<RawTarget>,
    #[serde(default)]
    measures: Vec<RawMeasure>,
    #[serde(default)]
    projects: Vec<RawProject>,
    #[serde(default)]
    statements: Vec<RawStatement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    key: Option<String>,
    date: EventDate,
    speaker: String,
    #[serde(default)]
    body: String,
    side: ReportingSide,
    kind: ClaimKind,
    indicator: String,
    period: Span,
    value: Decimal,
    unit: Unit,
    #[serde(default)]
    qualifier: String,
    #[serde(default)]
    wording: String,
    #[serde(default)]
    flags: Vec<ClaimFlag>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    sources: Vec<SourceId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    key: String,
    kind: MeetingKind,
    date: EventDate,
    place: Option<String>,
    title: String,
    #[serde(default)]
    outcomes: Vec<String>,
    #[serde(default)]
    sources: Vec<SourceId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    key: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: AgreementKind,
    signed: Option<EventDate>,
    #[serde(default)]
    signatories: Vec<String>,
    meeting: Option<String>,
    #[serde(default)]
    areas: Vec<Area>,
    measures: Option<u32>,
    #[serde(default = "not_stated")]
    horizon: Horizon,
    #[serde(default)]
    sources: Vec<SourceId>,
}

fn not_stated() -> Horizon {
    Horizon::NotStated
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    key: String,
    name: String,
    area: Area,
    unit: Unit,
    #[serde(default = "unit_measure")]
    measure: IndicatorMeasure,
    #[serde(default = "yes")]
    ascending: bool,
    #[serde(default)]
    description: String,
}

fn unit_measure() -> IndicatorMeasure {
    IndicatorMeasure::Unit
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    indicator: String,
    stated: EventDate,
    issuer: String,
    baseline: Option<Baseline>,
    value: Decimal,
    #[serde(default = "not_stated")]
    horizon: Horizon,
    #[serde(default)]
    wording: String,
    #[serde(default)]
    sources: Vec<SourceId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    date: NaiveDate,
    status: MeasureStatus,
    #[serde(default)]
    evidence: String,
    meeting: Option<String>,
    new_due: Option<Due>,
    #[serde(default)]
    sources: Vec<SourceId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    key: String,
    title: String,
    area: Area,
    #[serde(default)]
    responsible: Responsible,
    agreement: Option<String>,
    promised_on: EventDate,
    promised_at: Option<String>,
    due: Option<Due>,
    #[serde(default)]
    history: Vec<RawEvent>,
    #[serde(default)]
    sources: Vec<SourceId>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    key: String,
    name: String,
    sector: String,
    area: Area,
    location: String,
    country: ReportingSide,
    value: Option<Money>,
    jobs: Option<u32>,
    #[serde(default)]
    partners: Vec<String>,
    status: ProjectStatus,
    status_date: EventDate,
    #[serde(default)]
    milestones: Vec<Milestone>,
    #[serde(default)]
    statements: Vec<String>,
    #[serde(default)]
    sources: Vec<SourceId>,
}

/// The years a target or agreement horizon may name: from independence (1991) to 2100. A year
/// outside is a typing error (`20300` for `2030`).
pub const HORIZON_YEARS: std::ops::RangeInclusive<i32> = 1991..=2100;

struct Checker<'a> {
    problems: Vec<Problem>,
    known_sources: Option<&'a BTreeSet<SourceId>>,
    /// Keys seen, per table: a measure and a project may share a key.
    keys: BTreeSet<(String, String)>,
}

impl Checker<'_> {
    fn push(&mut self, key: String, message: String) {
        self.problems.push(Problem { key, message });
    }

    fn key(&mut self, at: String, key: &str) {
        let table = at.split('[').next().unwrap_or_default().to_owned();
        let ok = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !ok {
            self.push(
                at,
                format!("\"{key}\" is not a key: use ASCII letters, digits, '-', '_' or '.'"),
            );
        } else if !self.keys.insert((table.clone(), key.to_owned())) {
            self.push(
                at,
                format!("\"{key}\" is used by an earlier item of {table}; keys must be unique in a table"),
            );
        }
    }

    /// A horizon's years lie in [`HORIZON_YEARS`] and a span does not end before it starts.
    fn horizon(&mut self, at: String, horizon: &Horizon) {
        let years: Vec<i32> = match horizon {
            Horizon::ByYear { year } => vec![*year],
            Horizon::Years { first, last } => vec![*first, *last],
            Horizon::Worded { implied_year, .. } => implied_year.iter().copied().collect(),
            Horizon::NotStated => Vec::new(),
        };
        if let Some(year) = years.iter().find(|y| !HORIZON_YEARS.contains(*y)) {
            self.push(
                at,
                format!(
                    "year {year} is out of range: expected a year from {} to {}",
                    HORIZON_YEARS.start(),
                    HORIZON_YEARS.end()
                ),
            );
        } else if let Horizon::Years { first, last } = horizon
            && last < first
        {
            self.push(
                at,
                format!("the span {first}-{last} ends before it starts: expected first <= last"),
            );
        }
    }

    /// A date of something that happened is no later than the end of next year.
    fn recorded(&mut self, at: String, date: NaiveDate, what: &str) {
        if let Err(message) = crate::read::check_recorded_date(date, what) {
            self.push(at, message);
        }
    }

    /// A target of a quantity (money, bcm, Mt, kt, a count) is above zero for an indicator that
    /// is to rise, and zero or more for one that is to fall; its baseline is zero or more.
    fn target(
        &mut self,
        at: &str,
        indicator: &Indicator,
        value: Decimal,
        baseline: Option<&Baseline>,
    ) {
        let unit = &indicator.unit;
        if !unit.is_quantity() {
            return;
        }
        if indicator.ascending && value <= Decimal::ZERO {
            self.push(
                format!("{at}.value"),
                format!(
                    "{value} {unit} is not a target for \"{}\", which is to rise: expected an amount above 0",
                    indicator.name
                ),
            );
        } else if value.is_sign_negative() && !value.is_zero() {
            self.push(format!("{at}.value"), negative_amount(value, unit));
        }
        if let Some(b) = baseline
            && b.value.is_sign_negative()
            && !b.value.is_zero()
        {
            self.push(
                format!("{at}.baseline.value"),
                negative_amount(b.value, unit),
            );
        }
    }

    fn sources(&mut self, at: &str, sources: &[SourceId], required: bool) {
        if required && sources.is_empty() {
            self.push(
                format!("{at}.sources"),
                "is empty; every item names at least one source from dataset.toml".into(),
            );
        }
        if let Some(known) = self.known_sources {
            for (i, s) in sources.iter().enumerate() {
                if !known.contains(s) {
                    self.push(
                        format!("{at}.sources[{i}]"),
                        format!("\"{s}\" is not a source listed in dataset.toml"),
                    );
                }
            }
        }
    }
}

/// The message for a negative amount of a quantity unit (also the ledger's).
pub(crate) fn negative_amount(value: Decimal, unit: &Unit) -> String {
    format!(
        "{value} {unit} is negative: expected an amount of 0 or more (an amount in {unit} cannot be below zero)"
    )
}

fn resolve(
    map: &BTreeMap<String, Uuid>,
    what: &str,
    key: Option<&String>,
    at: String,
    checker: &mut Checker<'_>,
) -> Option<Uuid> {
    let key = key?;
    if let Some(id) = map.get(key) {
        Some(*id)
    } else {
        checker.push(at, format!("no {what} has the key \"{key}\""));
        None
    }
}

/// Reading agenda files.
pub struct AgendaFile;

impl AgendaFile {
    /// Parses and checks the text of an agenda file; `file` names it in errors. When
    /// `known_sources` is given, every source an item cites must be in it.
    pub fn parse(
        text: &str,
        file: &str,
        known_sources: Option<&BTreeSet<SourceId>>,
    ) -> Result<Agenda, AgendaFileError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| crate::dataset::line_column(text, span.start));
            AgendaFileError::Syntax {
                file: file.to_owned(),
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        let mut c = Checker {
            problems: Vec::new(),
            known_sources,
            keys: BTreeSet::new(),
        };
        let mut agenda = Agenda::default();

        let mut meetings = BTreeMap::new();
        for (i, m) in raw.meetings.into_iter().enumerate() {
            let at = format!("meetings[{i}]");
            c.key(format!("{at}.key"), &m.key);
            c.sources(&at, &m.sources, true);
            let mut meeting = Meeting::new(m.kind, m.date, m.place, m.title);
            meeting.outcomes = m.outcomes;
            meeting.sources = m.sources;
            meetings.insert(m.key.clone(), meeting.id);
            agenda.keys.insert(meeting.id, m.key);
            agenda.meetings.push(meeting);
        }

        let mut agreements = BTreeMap::new();
        for (i, a) in raw.agreements.into_iter().enumerate() {
            let at = format!("agreements[{i}]");
            c.key(format!("{at}.key"), &a.key);
            c.sources(&at, &a.sources, true);
            let mut agreement = Agreement::new(a.name, a.kind, a.signed);
            agreement.aliases = a.aliases;
            agreement.signatories = a.signatories;
            agreement.meeting = resolve(
                &meetings,
                "meeting",
                a.meeting.as_ref(),
                format!("{at}.meeting"),
                &mut c,
            );
            agreement.areas = a.areas;
            agreement.measures = a.measures;
            c.horizon(format!("{at}.horizon"), &a.horizon);
            agreement.horizon = a.horizon;
            agreement.sources = a.sources;
            agreements.insert(a.key.clone(), agreement.id);
            agenda.keys.insert(agreement.id, a.key);
            agenda.agreements.push(agreement);
        }

        let mut indicators = BTreeMap::new();
        for (i, ind) in raw.indicators.into_iter().enumerate() {
            let at = format!("indicators[{i}]");
            c.key(format!("{at}.key"), &ind.key);
            let mut indicator = Indicator::new(ind.name, ind.area, ind.unit);
            indicator.measure = ind.measure;
            indicator.ascending = ind.ascending;
            indicator.description = ind.description;
            indicators.insert(ind.key.clone(), indicator.id);
            agenda.keys.insert(indicator.id, ind.key);
            agenda.indicators.push(indicator);
        }

        for (i, t) in raw.targets.into_iter().enumerate() {
            let at = format!("targets[{i}]");
            c.sources(&at, &t.sources, true);
            let Some(indicator) = resolve(
                &indicators,
                "indicator",
                Some(&t.indicator),
                format!("{at}.indicator"),
                &mut c,
            ) else {
                continue;
            };
            c.horizon(format!("{at}.horizon"), &t.horizon);
            c.recorded(
                format!("{at}.stated"),
                t.stated.earliest(),
                "the date a target was stated",
            );
            if let Some(ind) = agenda.indicators.iter().find(|i| i.id == indicator) {
                c.target(&at, ind, t.value, t.baseline.as_ref());
            }
            let target = Target {
                indicator,
                stated: t.stated,
                issuer: t.issuer,
                baseline: t.baseline,
                value: t.value,
                horizon: t.horizon,
                statement: None,
                wording: t.wording,
                sources: t.sources,
            };
            if let Some(history) = agenda.targets.iter_mut().find(|h| h.indicator == indicator) {
                history.restatements.push(target);
            } else {
                let mut history = TargetHistory::new(indicator);
                history.restatements.push(target);
                agenda.targets.push(history);
            }
        }
        for history in &mut agenda.targets {
            history
                .restatements
                .sort_by_key(|t| (t.stated.earliest(), t.stated.latest()));
        }

        for (i, m) in raw.measures.into_iter().enumerate() {
            let at = format!("measures[{i}]");
            c.key(format!("{at}.key"), &m.key);
            c.sources(&at, &m.sources, true);
            let mut measure = Measure::new(m.title, m.area, m.promised_on);
            measure.responsible = m.responsible;
            measure.agreement = resolve(
                &agreements,
                "agreement",
                m.agreement.as_ref(),
                format!("{at}.agreement"),
                &mut c,
            );
            measure.promised_at = resolve(
                &meetings,
                "meeting",
                m.promised_at.as_ref(),
                format!("{at}.promised_at"),
                &mut c,
            );
            measure.due = m.due;
            for (j, e) in m.history.into_iter().enumerate() {
                let at_event = format!("{at}.history[{j}]");
                c.sources(&at_event, &e.sources, true);
                let mut event = StatusEvent::new(e.date, e.status);
                event.evidence = e.evidence;
                event.meeting = resolve(
                    &meetings,
                    "meeting",
                    e.meeting.as_ref(),
                    format!("{at_event}.meeting"),
                    &mut c,
                );
                event.new_due = e.new_due;
                event.sources = e.sources;
                measure.history.push(event);
            }
            measure.history.sort_by_key(|e| e.date);
            measure.sources = m.sources;
            agenda.keys.insert(measure.id, m.key);
            agenda.measures.push(measure);
        }

        let mut statements = BTreeMap::new();
        for (i, st) in raw.statements.into_iter().enumerate() {
            let at = format!("statements[{i}]");
            if let Some(key) = &st.key {
                c.key(format!("{at}.key"), key);
            }
            c.sources(&at, &st.sources, true);
            let Some(indicator) = resolve(
                &indicators,
                "indicator",
                Some(&st.indicator),
                format!("{at}.indicator"),
                &mut c,
            ) else {
                continue;
            };
            c.recorded(
                format!("{at}.date"),
                st.date.earliest(),
                "a statement's date",
            );
            if st.unit.is_quantity() && st.value.is_sign_negative() && !st.value.is_zero() {
                c.push(format!("{at}.value"), negative_amount(st.value, &st.unit));
            }
            let statement = Statement {
                id: Statement::natural_id(&st.date, &st.speaker, indicator, &st.period),
                date: st.date,
                speaker: st.speaker,
                body: st.body,
                side: st.side,
                kind: st.kind,
                indicator,
                period: st.period,
                value: st.value,
                unit: st.unit,
                qualifier: st.qualifier,
                wording: st.wording,
                sources: st.sources,
                flags: st.flags,
                note: st.note,
                line: 0,
            };
            if let Some(key) = st.key {
                statements.insert(key.clone(), statement.id);
                agenda.keys.insert(statement.id, key);
            }
            agenda.statements.push(statement);
        }

        for (i, p) in raw.projects.into_iter().enumerate() {
            let at = format!("projects[{i}]");
            c.key(format!("{at}.key"), &p.key);
            c.sources(&at, &p.sources, true);
            for (j, m) in p.milestones.iter().enumerate() {
                c.sources(&format!("{at}.milestones[{j}]"), &m.sources, false);
            }
            let project = Project {
                id: Project::natural_id(&p.name, &p.location),
                name: p.name,
                sector: p.sector,
                area: p.area,
                location: p.location,
                country: p.country,
                value: p.value,
                jobs: p.jobs,
                partners: p.partners,
                status: p.status,
                status_date: p.status_date,
                milestones: p.milestones,
                statements: p
                    .statements
                    .iter()
                    .enumerate()
                    .filter_map(|(j, key)| {
                        resolve(
                            &statements,
                            "statement",
                            Some(key),
                            format!("{at}.statements[{j}]"),
                            &mut c,
                        )
                    })
                    .collect(),
                sources: p.sources,
            };
            agenda.keys.insert(project.id, p.key);
            agenda.projects.push(project);
        }

        if c.problems.is_empty() {
            Ok(agenda)
        } else {
            Err(AgendaFileError::Invalid {
                file: file.to_owned(),
                problems: c.problems,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[[meetings]]
key = "sic-2024-08-08"
kind = "supreme_interstate_council"
date = "2024-08-08"
place = "Astana"
title = "Supreme Interstate Council, 1st meeting"
sources = ["gazeta"]

[[indicators]]
key = "trade-turnover"
name = "Bilateral trade turnover"
area = "trade"
unit = "USD"

[[targets]]
indicator = "trade-turnover"
stated = "2025-03-15"
issuer = "Trade ministers"
value = "10000000000"
horizon = { kind = "by_year", year = 2030 }
sources = ["urdupoint"]

[[targets]]
indicator = "trade-turnover"
stated = "2021-11-26"
issuer = "Prime ministers"
value = "10000000000"
horizon = { kind = "worded", text = "within five years", implied_year = 2026 }
sources = ["inform"]

[[measures]]
key = "icic"
title = "ICIC Central Asia opens"
area = "industry"
promised_on = "2024-02-15"
promised_at = "sic-2024-08-08"
due = "2027-H1"
sources = ["astanatimes"]

[[measures.history]]
date = "2025-11-15"
status = "in_progress"
evidence = "Symbolic launch"
meeting = "sic-2024-08-08"
sources = ["trend"]
"#;

    fn known() -> BTreeSet<SourceId> {
        ["gazeta", "urdupoint", "inform", "astanatimes", "trend"]
            .into_iter()
            .map(|s| SourceId::new(s).unwrap())
            .collect()
    }

    #[test]
    fn keys_resolve_to_stable_ids() {
        let a = AgendaFile::parse(TEXT, "agenda.toml", Some(&known())).unwrap();
        let b = AgendaFile::parse(TEXT, "agenda.toml", Some(&known())).unwrap();
        assert_eq!(a, b);
        let measure = &a.measures[0];
        let meeting = a.meeting(measure.promised_at.unwrap()).unwrap();
        assert_eq!(a.key(meeting.id), Some("sic-2024-08-08"));
        assert_eq!(measure.history[0].meeting, Some(meeting.id));
        let turnover = a.indicator_by_key("trade-turnover").unwrap();
        let history = a.targets_of(turnover.id).unwrap();
        assert_eq!(history.restatements.len(), 2);
        assert_eq!(history.restatements[0].issuer, "Prime ministers");
        assert!(measure.is_overdue(NaiveDate::from_ymd_opt(2027, 7, 1).unwrap()));
    }

    #[test]
    fn every_problem_is_listed() {
        let bad = TEXT
            .replace(
                "promised_at = \"sic-2024-08-08\"",
                "promised_at = \"sic-2099\"",
            )
            .replace("sources = [\"trend\"]", "sources = [\"nowhere\"]")
            .replace("key = \"icic\"", "key = \"sic-2024-08-08\"")
            .replace(
                "key = \"trade-turnover\"\nname",
                "key = \"trade turnover\"\nname",
            )
            .replace(
                "indicator = \"trade-turnover\"\nstated = \"2021",
                "indicator = \"gdp\"\nstated = \"2021",
            );
        let err = AgendaFile::parse(&bad, "agenda.toml", Some(&known())).unwrap_err();
        let AgendaFileError::Invalid { problems, .. } = &err else {
            panic!("{err:?}");
        };
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "indicators[0].key",
                "targets[0].indicator",
                "targets[1].indicator",
                "measures[0].promised_at",
                "measures[0].history[0].sources[0]",
            ]
        );
    }

    #[test]
    fn horizon_years_are_checked() {
        for (horizon, message) in [
            (
                r#"{ kind = "by_year", year = 20300 }"#,
                "year 20300 is out of range: expected a year from 1991 to 2100",
            ),
            (
                r#"{ kind = "years", first = 2034, last = 2024 }"#,
                "the span 2034-2024 ends before it starts",
            ),
            (
                r#"{ kind = "worded", text = "soon", implied_year = 3 }"#,
                "year 3 is out of range",
            ),
        ] {
            let bad = TEXT.replacen(r#"{ kind = "by_year", year = 2030 }"#, horizon, 1);
            assert_ne!(bad, TEXT);
            let err = AgendaFile::parse(&bad, "agenda.toml", Some(&known())).unwrap_err();
            let AgendaFileError::Invalid { problems, .. } = &err else {
                panic!("{err:?}");
            };
            assert_eq!(problems.len(), 1, "{err}");
            assert_eq!(problems[0].key, "targets[0].horizon");
            assert!(problems[0].message.contains(message), "{err}");
        }
    }

    #[test]
    fn keys_are_unique_within_a_table_only() {
        let twice = format!(
            "{TEXT}\n[[indicators]]\nkey = \"trade-turnover\"\nname = \"Other\"\narea = \"trade\"\nunit = \"USD\"\n"
        );
        let err = AgendaFile::parse(&twice, "agenda.toml", None).unwrap_err();
        assert!(err.to_string().contains("indicators[1].key"), "{err}");
        // A measure may share its key with a meeting.
        let shared = TEXT.replace("key = \"icic\"", "key = \"sic-2024-08-08\"");
        assert!(AgendaFile::parse(&shared, "agenda.toml", None).is_ok());
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let bad = TEXT.replace("due = \"2027-H1\"", "due = \"2027-H3\"");
        match AgendaFile::parse(&bad, "agenda.toml", None) {
            Err(AgendaFileError::Syntax { line, .. }) => assert_eq!(line, 38),
            other => panic!("{other:?}"),
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,300}") {
            let _ = AgendaFile::parse(&text, "fuzz.toml", None);
        }
    }
}
