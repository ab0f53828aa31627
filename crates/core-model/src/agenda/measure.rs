//! Roadmap measures: what was promised, by when, and what was reported since.
//!
//! A [`Measure`] keeps every dated [`StatusEvent`] reported for it. Whether it is done or overdue
//! on a given day is derived from its due date and the latest event on or before that day; it is
//! never stored, so a report as of 2026-01-01 and one as of 2027-07-01 read the same record.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::agenda::{AgendaError, Area, EventDate};
use crate::id::stable_id;
use crate::period::Period;
use crate::provenance::SourceId;

/// When a measure or milestone is due: a day, a period (year, quarter, month) or a half-year.
///
/// Text (and serde) forms: `2027-06-30`, `2027`, `2027-Q2`, `2027-06`, and `2027-H1` / `2027-H2`
/// for half-years, which [`Period`] does not have but which roadmaps use ("official opening H1
/// 2027"). A measure due in a period is due by the **last day** of that period
/// ([`Due::deadline`]): `2027-H1` is due by 30 June 2027 and becomes overdue on 1 July 2027.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Due {
    /// A day or a calendar period (year, quarter, month, dekad, day).
    Period(Period),
    /// A half-year.
    HalfYear(HalfYear),
}

/// January–June (H1) or July–December (H2) of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HalfYear {
    /// Its first quarter (Q1 or Q3).
    first: Period,
    /// Its last quarter (Q2 or Q4).
    last: Period,
}

impl HalfYear {
    /// Half `half` (1 or 2) of `year`.
    pub fn new(year: i32, half: u8) -> Result<Self, AgendaError> {
        let err = || AgendaError::Due {
            text: format!("{year:04}-H{half}"),
        };
        if !(1..=2).contains(&half) {
            return Err(err());
        }
        let q = u32::from(half) * 2;
        Ok(Self {
            first: Period::quarter(year, q - 1).map_err(|_| err())?,
            last: Period::quarter(year, q).map_err(|_| err())?,
        })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.first.calendar_year()
    }

    /// 1 for January–June, 2 for July–December.
    pub fn half(&self) -> u8 {
        if self.first.first_day().month() == 1 {
            1
        } else {
            2
        }
    }
}

impl Due {
    /// Due by the end of `half` (1 or 2) of `year`.
    pub fn half_year(year: i32, half: u8) -> Result<Self, AgendaError> {
        HalfYear::new(year, half).map(Due::HalfYear)
    }

    /// The first day of the due period.
    pub fn first_day(&self) -> NaiveDate {
        match self {
            Due::Period(p) => p.first_day(),
            Due::HalfYear(h) => h.first.first_day(),
        }
    }

    /// The last day on which the measure is still on time.
    pub fn deadline(&self) -> NaiveDate {
        match self {
            Due::Period(p) => p.last_day(),
            Due::HalfYear(h) => h.last.last_day(),
        }
    }
}

impl From<Period> for Due {
    fn from(period: Period) -> Self {
        Due::Period(period)
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Period(p) => fmt::Display::fmt(p, f),
            Due::HalfYear(h) => write!(f, "{:04}-H{}", h.year(), h.half()),
        }
    }
}

impl FromStr for Due {
    type Err = AgendaError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || AgendaError::Due {
            text: text.to_owned(),
        };
        let s = text.trim();
        if let Some((year, half)) = s
            .split_once(['-'])
            .filter(|(_, h)| h.starts_with(['H', 'h']))
        {
            let year: i32 = (year.len() == 4)
                .then(|| year.parse().ok())
                .flatten()
                .ok_or_else(err)?;
            let half: u8 = half[1..].parse().map_err(|_| err())?;
            return Due::half_year(year, half).map_err(|_| err());
        }
        s.parse::<Period>()
            .map(Due::Period)
            .map_err(|e| crate::agenda::out_of_range(text, e).unwrap_or_else(err))
    }
}

crate::text_serde::serde_as_text!(Due);

/// The reported state of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// Promised, no work reported yet.
    Planned,
    /// Work reported under way.
    InProgress,
    /// Reported complete.
    Done,
    /// Dropped.
    Cancelled,
    /// Put off, usually with a new due date ([`StatusEvent::new_due`]).
    Postponed,
}

impl MeasureStatus {
    /// Whether nothing more is expected: done or cancelled.
    pub fn is_closed(&self) -> bool {
        matches!(self, MeasureStatus::Done | MeasureStatus::Cancelled)
    }
}

/// One dated report on a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    /// The day the status was reported (or the day of the event it reports).
    pub date: NaiveDate,
    /// The status reported.
    pub status: MeasureStatus,
    /// What was reported, as published.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// The meeting at which it was reported, if any: a measure promised at one meeting is often
    /// reported on at the next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Uuid>,
    /// A new due date announced with this report (a postponement or a rescheduling); it replaces
    /// the measure's due date from `date` on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_due: Option<Due>,
    /// The sources of the report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceId>,
}

impl StatusEvent {
    /// A report of `status` on `date` with no evidence, meeting, new due date or sources yet.
    pub fn new(date: NaiveDate, status: MeasureStatus) -> Self {
        Self {
            date,
            status,
            evidence: String::new(),
            meeting: None,
            new_due: None,
            sources: Vec::new(),
        }
    }
}

/// The bodies responsible for a measure on each side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsible {
    /// Kazakh bodies (e.g. "MTI").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kazakhstan: Vec<String>,
    /// Uzbek bodies (e.g. "MIIT").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uzbekistan: Vec<String>,
}

/// A roadmap item: a promise with a due date and its reported history.
///
/// Natural key: title and the date it was promised (as published), as in
/// `stable_id("measure", &["ICIC Central Asia", "2024-02-15"])`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// Stable id from the natural key (see [`Measure::natural_id`]).
    pub id: Uuid,
    /// What was promised.
    pub title: String,
    /// The agenda area.
    pub area: Area,
    /// Who is responsible on each side.
    #[serde(default)]
    pub responsible: Responsible,
    /// The roadmap or programme it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Uuid>,
    /// When it was promised.
    pub promised_on: EventDate,
    /// The meeting at which it was promised, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_at: Option<Uuid>,
    /// The due date as first promised; later reports may move it ([`StatusEvent::new_due`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    /// Every report, in any order; rules sort by date themselves.
    #[serde(default)]
    pub history: Vec<StatusEvent>,
    /// The sources of the promise itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceId>,
}

impl Measure {
    /// The id of the measure `title` promised on `promised_on`.
    pub fn natural_id(title: &str, promised_on: &EventDate) -> Uuid {
        stable_id("measure", &[title, &promised_on.to_string()])
    }

    /// A measure with its id computed from the natural key and nothing else known yet.
    pub fn new(title: impl Into<String>, area: Area, promised_on: EventDate) -> Self {
        let title = title.into();
        Self {
            id: Self::natural_id(&title, &promised_on),
            title,
            area,
            responsible: Responsible::default(),
            agreement: None,
            promised_on,
            promised_at: None,
            due: None,
            history: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// The latest report on or before `as_of`; of two reports on the same day, the one listed
    /// later in `history`. `None` if nothing had been reported by then.
    pub fn latest_event(&self, as_of: NaiveDate) -> Option<&StatusEvent> {
        self.history
            .iter()
            .enumerate()
            .filter(|(_, e)| e.date <= as_of)
            .max_by_key(|(i, e)| (e.date, *i))
            .map(|(_, e)| e)
    }

    /// The status in force on `as_of`: that of the latest report on or before it, or
    /// [`MeasureStatus::Planned`] if nothing had been reported.
    pub fn status_as_of(&self, as_of: NaiveDate) -> MeasureStatus {
        self.latest_event(as_of)
            .map_or(MeasureStatus::Planned, |e| e.status)
    }

    /// The due date in force on `as_of`: the latest `new_due` reported on or before it, else
    /// the due date first promised.
    pub fn due_as_of(&self, as_of: NaiveDate) -> Option<Due> {
        self.history
            .iter()
            .enumerate()
            .filter(|(_, e)| e.date <= as_of && e.new_due.is_some())
            .max_by_key(|(i, e)| (e.date, *i))
            .and_then(|(_, e)| e.new_due)
            .or(self.due)
    }

    /// Whether the measure had been reported done by `as_of`.
    pub fn is_done(&self, as_of: NaiveDate) -> bool {
        self.status_as_of(as_of) == MeasureStatus::Done
    }

    /// Whether the measure is overdue on `as_of`: its due date in force ([`Measure::due_as_of`])
    /// has a deadline before `as_of`, and its status in force is neither done nor cancelled.
    /// A measure without a due date is never overdue.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        match self.due_as_of(as_of) {
            Some(due) => due.deadline() < as_of && !self.status_as_of(as_of).is_closed(),
            None => false,
        }
    }
}

/// How the measures of one area stand on a date: the roadmap table of a briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaProgress {
    /// The area.
    pub area: Area,
    /// Measures in the area.
    pub total: u32,
    /// Whose due date in force has passed by the as-of date (done or not).
    pub due: u32,
    /// Reported done by the as-of date.
    pub done: u32,
    /// Overdue on the as-of date ([`Measure::is_overdue`]).
    pub overdue: u32,
    /// Cancelled by the as-of date.
    pub cancelled: u32,
}

/// Counts the measures of each area on `as_of`: total, due, done, overdue and cancelled, with
/// the same derived rules as [`Measure::is_overdue`] and [`Measure::is_done`]. Areas come in
/// [`Area`] order; areas without measures are left out.
pub fn progress_by_area(measures: &[Measure], as_of: NaiveDate) -> Vec<AreaProgress> {
    let mut out: Vec<AreaProgress> = Vec::new();
    for m in measures {
        let idx = if let Some(i) = out.iter().position(|p| p.area == m.area) {
            i
        } else {
            out.push(AreaProgress {
                area: m.area,
                total: 0,
                due: 0,
                done: 0,
                overdue: 0,
                cancelled: 0,
            });
            out.len() - 1
        };
        let p = &mut out[idx];
        p.total += 1;
        if m.due_as_of(as_of).is_some_and(|d| d.deadline() < as_of) {
            p.due += 1;
        }
        if m.is_done(as_of) {
            p.done += 1;
        }
        if m.is_overdue(as_of) {
            p.overdue += 1;
        }
        if m.status_as_of(as_of) == MeasureStatus::Cancelled {
            p.cancelled += 1;
        }
    }
    out.sort_by_key(|p| p.area);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::meeting::{Meeting, MeetingKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn src(id: &str) -> SourceId {
        SourceId::new(id).unwrap()
    }

    /// The ICIC opening promised on 2024-02-15 (agenda.md section 4).
    pub(super) fn icic_opening() -> Measure {
        let mut m = Measure::new(
            "ICIC Central Asia: official opening",
            Area::Industry,
            "2024-02-15".parse().unwrap(),
        );
        m.responsible = Responsible {
            // The roadmap was signed by deputy heads of the border regions; the ICIC straddles the
            // Turkestan (KZ) and Syrdarya (UZ) regions; the KZ dates were announced by MTI.
            kazakhstan: vec![
                "Ministry of Trade and Integration".into(),
                "Turkestan region".into(),
            ],
            uzbekistan: vec!["Syrdarya region".into()],
        };
        m.due = Some("2027-H1".parse().unwrap());
        m.sources = vec![src("astanatimes-2024-02-20")];
        let sic1 = Meeting::natural_id(
            MeetingKind::SupremeInterstateCouncil,
            &"2024-08-08".parse().unwrap(),
            Some("Astana (Akorda)"),
        );
        let sic2 = Meeting::natural_id(
            MeetingKind::SupremeInterstateCouncil,
            &"2025-11-15".parse().unwrap(),
            Some("Tashkent"),
        );
        let mut construction = StatusEvent::new(d(2024, 8, 8), MeasureStatus::InProgress);
        construction.evidence =
            "Presidents agree to accelerate construction, in the Syrdarya region".into();
        construction.meeting = Some(sic1);
        construction.sources = vec![src("menafn-2024-08-09")];
        let mut launch = StatusEvent::new(d(2025, 11, 15), MeasureStatus::InProgress);
        launch.evidence = "Presidents press a symbolic button starting ICIC activity; \"currently under construction\"".into();
        launch.meeting = Some(sic2);
        launch.sources = vec![src("trend-az-4117877"), src("qazinform-bcd534")];
        m.history = vec![construction, launch];
        m
    }

    #[test]
    fn due_forms_and_deadlines() {
        let h1: Due = "2027-H1".parse().unwrap();
        assert_eq!(h1.first_day(), d(2027, 1, 1));
        assert_eq!(h1.deadline(), d(2027, 6, 30));
        let h2: Due = "2026-h2".parse().unwrap();
        assert_eq!(h2.to_string(), "2026-H2");
        assert_eq!(h2.first_day(), d(2026, 7, 1));
        assert_eq!(h2.deadline(), d(2026, 12, 31));
        let q4: Due = "2026-Q4".parse().unwrap();
        assert_eq!(q4.deadline(), d(2026, 12, 31));
        let aug: Due = "2024-08".parse().unwrap();
        assert_eq!(aug.deadline(), d(2024, 8, 31));
        let day: Due = "2024-08-31".parse().unwrap();
        assert_eq!(day.deadline(), d(2024, 8, 31));
        assert!("2027-H3".parse::<Due>().is_err());
        assert!("27-H1".parse::<Due>().is_err());
        assert!("2027-Hx".parse::<Due>().is_err());
        assert!("soon".parse::<Due>().is_err());
        assert_eq!(serde_json::to_string(&h1).unwrap(), r#""2027-H1""#);
        assert_eq!(serde_json::from_str::<Due>(r#""2027-H1""#).unwrap(), h1);
    }

    #[test]
    fn overdue_is_derived_from_the_as_of_date() {
        let m = icic_opening();
        // Before any report: planned, not overdue.
        assert_eq!(m.status_as_of(d(2024, 3, 1)), MeasureStatus::Planned);
        assert!(!m.is_overdue(d(2024, 3, 1)));
        // After the 1st SIC: in progress.
        assert_eq!(m.status_as_of(d(2024, 8, 8)), MeasureStatus::InProgress);
        assert_eq!(m.status_as_of(d(2024, 8, 7)), MeasureStatus::Planned);
        // The deadline day itself is still on time; the next day is overdue.
        assert!(!m.is_overdue(d(2027, 6, 30)));
        assert!(m.is_overdue(d(2027, 7, 1)));
        assert!(!m.is_done(d(2027, 7, 1)));

        // Reported done on 2027-05-20: not overdue afterwards, but overdue runs before do not change.
        let mut done = m.clone();
        done.history
            .push(StatusEvent::new(d(2027, 5, 20), MeasureStatus::Done));
        assert!(done.is_done(d(2027, 7, 1)));
        assert!(!done.is_overdue(d(2027, 7, 1)));
        assert!(!done.is_done(d(2027, 5, 19)));

        // Done late, on 2027-09-01: overdue in July and August, not from September.
        let mut late = m.clone();
        late.history
            .push(StatusEvent::new(d(2027, 9, 1), MeasureStatus::Done));
        assert!(late.is_overdue(d(2027, 8, 31)));
        assert!(!late.is_overdue(d(2027, 9, 1)));

        // Postponed on 2027-03-01 to 2027-H2: the new deadline applies from that day.
        let mut moved = m.clone();
        let mut postpone = StatusEvent::new(d(2027, 3, 1), MeasureStatus::Postponed);
        postpone.new_due = Some("2027-H2".parse().unwrap());
        moved.history.push(postpone);
        assert_eq!(moved.due_as_of(d(2027, 2, 28)), m.due);
        assert!(!moved.is_overdue(d(2027, 7, 1)));
        assert!(moved.is_overdue(d(2028, 1, 1)));

        // Cancelled measures are not overdue.
        let mut cancelled = m.clone();
        cancelled
            .history
            .push(StatusEvent::new(d(2026, 1, 10), MeasureStatus::Cancelled));
        assert!(!cancelled.is_overdue(d(2028, 1, 1)));

        // No due date: never overdue.
        let mut open = m;
        open.due = None;
        assert!(!open.is_overdue(d(2040, 1, 1)));
    }

    #[test]
    fn same_day_reports_take_the_later_entry() {
        let mut m = icic_opening();
        m.history
            .push(StatusEvent::new(d(2025, 11, 15), MeasureStatus::Done));
        assert_eq!(m.status_as_of(d(2025, 11, 15)), MeasureStatus::Done);
        m.history.reverse();
        assert_eq!(m.status_as_of(d(2025, 11, 15)), MeasureStatus::InProgress);
    }

    #[test]
    fn serde_form() {
        let m = icic_opening();
        assert_eq!(
            m.id,
            stable_id(
                "measure",
                &["ICIC Central Asia: official opening", "2024-02-15"]
            )
        );
        insta::assert_json_snapshot!(m);
        let back: Measure = serde_json::from_value(serde_json::to_value(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn progress_by_area_counts_on_the_as_of_date() {
        let mut a = Measure::new("A", Area::Trade, EventDate::day(d(2024, 1, 1)).unwrap());
        a.due = Some("2024-06".parse().unwrap());
        let mut b = Measure::new("B", Area::Trade, EventDate::day(d(2024, 1, 1)).unwrap());
        b.due = Some("2024-03".parse().unwrap());
        b.history
            .push(StatusEvent::new(d(2024, 2, 1), MeasureStatus::Done));
        let mut c = Measure::new("C", Area::Gas, EventDate::day(d(2024, 1, 1)).unwrap());
        c.due = Some("2026".parse().unwrap());
        let rows = progress_by_area(&[c, a, b], d(2024, 7, 1));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].area, Area::Trade);
        assert_eq!(
            (rows[0].total, rows[0].due, rows[0].done, rows[0].overdue),
            (2, 2, 1, 1)
        );
        assert_eq!((rows[1].total, rows[1].due, rows[1].overdue), (1, 0, 0));
    }
}
