//! The cooperation agenda: meetings, agreements, roadmap measures, indicators and targets, the
//! claims ledger, joint projects, and the rules that rate progress.
//!
//! The model follows how the agenda is actually published. Leaders meet ([`meeting::Meeting`]) and
//! sign agreements, programmes and roadmaps ([`agreement::Agreement`]); a roadmap holds measures
//! ([`measure::Measure`]) with a due date and a dated status history, so "promised at meeting X,
//! reported at meeting Y" is two entries of one record. Trade and other goals are
//! [`indicator::Indicator`]s with [`indicator::Target`]s, and because the same goal is restated
//! with changing horizons ("$10 bn in the medium term", then "$10 bn by 2030") every restatement
//! is kept in a [`indicator::TargetHistory`]. Figures that officials announce go to the claims
//! ledger as [`statement::Statement`]s, conflicting ones side by side. Joint industrial projects
//! are [`project::Project`]s with IATI-like statuses and dated milestones. The [`progress`] rules
//! (required growth rate, target path, trend projection, red/amber/green ratings) work on these
//! types and are written out with their citations in `docs/methodology.md`.
//!
//! Everything here is a plain value: no file I/O, serde on every type, ids that stay the same
//! when the same item is loaded twice (UUID v5 from [`crate::id::stable_id`]; each type documents
//! its natural key). Statuses such as "overdue" are derived from dates when asked, never stored.
//!
//! ```
//! use dostyk_core_model::agenda::measure::{Due, Measure, MeasureStatus, StatusEvent};
//! use dostyk_core_model::agenda::Area;
//! use chrono::NaiveDate;
//!
//! let mut icic = Measure::new("ICIC Central Asia: official opening", Area::Industry, "2024-02-15".parse()?);
//! icic.due = Some("2027-H1".parse::<Due>()?);
//! icic.history.push(StatusEvent::new(NaiveDate::from_ymd_opt(2024, 8, 8).unwrap(), MeasureStatus::InProgress));
//! let as_of = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
//! assert!(icic.is_overdue(as_of)); // due 30 June 2027 and not reported done
//! assert!(!icic.is_overdue(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::{Period, PeriodKind};

pub mod agreement;
pub mod file;
pub mod indicator;
pub mod ledger;
pub mod measure;
pub mod meeting;
pub mod progress;
pub mod project;
pub mod statement;

/// What went wrong building or reading an agenda item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AgendaError {
    /// A claim flag Dostyk does not know.
    #[error(
        "\"{text}\" is not a claim flag: expected unverified, undated_source, period_unverified, side_unspecified or conflicting"
    )]
    ClaimFlag {
        /// The text that was given.
        text: String,
    },
    /// A date that is neither `YYYY-MM-DD`, `YYYY-MM` nor `YYYY`.
    #[error(
        "\"{text}\" is not an event date: write YYYY-MM-DD, or YYYY-MM / YYYY when only the month or year is known"
    )]
    EventDate {
        /// The text that was given.
        text: String,
    },
    /// A due date that is neither a date, a period nor a half-year.
    #[error(
        "\"{text}\" is not a due date: write YYYY-MM-DD, a period (YYYY, YYYY-Qq, YYYY-MM) or a half-year (YYYY-H1, YYYY-H2)"
    )]
    Due {
        /// The text that was given.
        text: String,
    },
    /// A date or period written in an accepted form that does not exist: month 13, 30 February,
    /// dekad 4, quarter 5.
    #[error("\"{text}\" is out of range: {reason}")]
    NoSuchPeriod {
        /// The text that was given.
        text: String,
        /// Which part is out of range.
        reason: crate::period::PeriodError,
    },
    /// A unit that is empty.
    #[error(
        "an indicator unit cannot be empty: write an ISO 4217 code (USD), bcm, Mt, kt, % or count"
    )]
    EmptyUnit,
}

/// The area of the agenda an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Trade in goods and services, the turnover target, trade houses.
    Trade,
    /// Agriculture, food, veterinary and plant quarantine.
    Agriculture,
    /// Industrial cooperation, joint ventures, the ICIC.
    Industry,
    /// Transit, rail and road transport, border crossings, logistics.
    TransitTransport,
    /// Natural gas supply, transit and pipelines.
    Gas,
    /// Transboundary water: allocation, reservoirs, canals.
    Water,
    /// Electricity and other energy besides gas.
    Energy,
    /// Anything else (justice, culture, security, geology).
    Other,
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Area::Trade => "trade",
            Area::Agriculture => "agriculture",
            Area::Industry => "industry",
            Area::TransitTransport => "transit_transport",
            Area::Gas => "gas",
            Area::Water => "water",
            Area::Energy => "energy",
            Area::Other => "other",
        })
    }
}

/// How precisely an [`EventDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// Only the year is known (`2025`).
    Year,
    /// Only the month is known (`2022-05`).
    Month,
    /// The day is known (`2024-08-08`).
    Day,
}

/// The date of an event as published: a day, or only a month or a year.
///
/// Sources often give "May 2022" for a meeting; such a date is kept as `2022-05` rather than
/// invented as the first of the month. Its text (and serde) form is `YYYY-MM-DD`, `YYYY-MM` or
/// `YYYY`. [`EventDate::earliest`] and [`EventDate::latest`] give the first and last day it can
/// mean; rules that need one day say which they use. Dates order by their earliest day, a coarser
/// date first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventDate(Period);

impl EventDate {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Result<Self, AgendaError> {
        Period::day(date)
            .map(Self)
            .map_err(|_| AgendaError::EventDate {
                text: date.to_string(),
            })
    }

    /// A date known only to the month.
    pub fn month(year: i32, month: u32) -> Result<Self, AgendaError> {
        Period::month(year, month)
            .map(Self)
            .map_err(|_| AgendaError::EventDate {
                text: format!("{year:04}-{month:02}"),
            })
    }

    /// A date known only to the year.
    pub fn year(year: i32) -> Result<Self, AgendaError> {
        Period::year(year)
            .map(Self)
            .map_err(|_| AgendaError::EventDate {
                text: format!("{year:04}"),
            })
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> DatePrecision {
        match self.0.kind() {
            PeriodKind::Year => DatePrecision::Year,
            PeriodKind::Month => DatePrecision::Month,
            // Only years, months and days are ever stored (see the constructors and `FromStr`).
            _ => DatePrecision::Day,
        }
    }

    /// Whether only the month or the year is known.
    pub fn is_approximate(&self) -> bool {
        self.precision() != DatePrecision::Day
    }

    /// The first day the date can mean.
    pub fn earliest(&self) -> NaiveDate {
        self.0.first_day()
    }

    /// The last day the date can mean.
    pub fn latest(&self) -> NaiveDate {
        self.0.last_day()
    }

    /// The date as a period (a year, month or day).
    pub fn as_period(&self) -> Period {
        self.0
    }

    /// The calendar year.
    pub fn calendar_year(&self) -> i32 {
        self.0.calendar_year()
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for EventDate {
    type Err = AgendaError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || AgendaError::EventDate {
            text: text.to_owned(),
        };
        let period: Period = text
            .trim()
            .parse()
            .map_err(|e| out_of_range(text, e).unwrap_or_else(err))?;
        match period.kind() {
            PeriodKind::Year | PeriodKind::Month | PeriodKind::Day => Ok(Self(period)),
            _ => Err(err()),
        }
    }
}

crate::text_serde::serde_as_text!(EventDate);

/// The error for `text` when `e` says it has an accepted form but does not exist (month 13,
/// dekad 4), so the reason is not lost behind a generic "write YYYY-MM-DD"; `None` for a text of
/// the wrong form.
pub(crate) fn out_of_range(text: &str, e: crate::period::PeriodError) -> Option<AgendaError> {
    (!e.is_form_error()).then(|| AgendaError::NoSuchPeriod {
        text: text.to_owned(),
        reason: e,
    })
}

/// The horizon of a target or programme, as worded by its source.
///
/// Sources give "by 2030", "2024–2034", "in the medium term" or nothing. A worded horizon may
/// carry the year it implies when the wording makes that explicit ("in the next five years",
/// said in 2021, is about 2026); Dostyk does not guess a year for "medium term".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Horizon {
    /// By the end of a year ("by 2030").
    ByYear {
        /// The year.
        year: i32,
    },
    /// A span of years ("2024–2034").
    Years {
        /// First year covered.
        first: i32,
        /// Last year covered.
        last: i32,
    },
    /// A wording without a firm year ("medium term", "in the next five years").
    Worded {
        /// The wording, as published.
        text: String,
        /// The year the wording implies, when it is explicit enough to say.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        implied_year: Option<i32>,
    },
    /// The source states no horizon.
    NotStated,
}

impl Horizon {
    /// The year by which the target is due, if the horizon gives one: the year of `ByYear`, the
    /// last year of `Years`, the implied year of `Worded`.
    pub fn target_year(&self) -> Option<i32> {
        match self {
            Horizon::ByYear { year } => Some(*year),
            Horizon::Years { last, .. } => Some(*last),
            Horizon::Worded { implied_year, .. } => *implied_year,
            Horizon::NotStated => None,
        }
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Horizon::ByYear { year } => write!(f, "by {year}"),
            Horizon::Years { first, last } => write!(f, "{first}\u{2013}{last}"),
            Horizon::Worded { text, .. } => write!(f, "\u{201c}{text}\u{201d}"),
            Horizon::NotStated => f.write_str("not stated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_of_the_right_form_that_does_not_exist_says_why() {
        let err = "2024-13-08".parse::<EventDate>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"2024-13-08\" is out of range: month 13 does not exist: expected 1 to 12"
        );
        assert!(matches!(
            "08.08.2024".parse::<EventDate>(),
            Err(AgendaError::EventDate { .. })
        ));
        assert!(matches!(
            "2023-11-D4".parse::<measure::Due>(),
            Err(AgendaError::NoSuchPeriod { .. })
        ));
    }

    #[test]
    fn event_dates_keep_their_precision() {
        let may: EventDate = "2022-05".parse().unwrap();
        assert_eq!(may.precision(), DatePrecision::Month);
        assert!(may.is_approximate());
        assert_eq!(may.earliest(), NaiveDate::from_ymd_opt(2022, 5, 1).unwrap());
        assert_eq!(may.latest(), NaiveDate::from_ymd_opt(2022, 5, 31).unwrap());
        assert_eq!(may.to_string(), "2022-05");
        let year: EventDate = "2025".parse().unwrap();
        assert_eq!(
            year.latest(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        );
        let day: EventDate = "2024-08-08".parse().unwrap();
        assert!(!day.is_approximate());
        assert_eq!(day.latest(), day.earliest());
        assert_eq!(serde_json::to_string(&day).unwrap(), r#""2024-08-08""#);
        assert_eq!(
            serde_json::from_str::<EventDate>(r#""2022-05""#).unwrap(),
            may
        );
        assert!("2022-Q2".parse::<EventDate>().is_err());
        assert!("May 2022".parse::<EventDate>().is_err());
        assert!(EventDate::month(2022, 13).is_err());
        assert_eq!(EventDate::month(2022, 5).unwrap(), may);
        let y2022: EventDate = "2022".parse().unwrap();
        let first_may: EventDate = "2022-05-01".parse().unwrap();
        assert!(y2022 < may && may < first_may && first_may < day);
    }

    #[test]
    fn horizons_give_target_years() {
        assert_eq!(Horizon::ByYear { year: 2030 }.target_year(), Some(2030));
        assert_eq!(
            Horizon::Years {
                first: 2024,
                last: 2034
            }
            .target_year(),
            Some(2034)
        );
        let medium = Horizon::Worded {
            text: "medium term".into(),
            implied_year: None,
        };
        assert_eq!(medium.target_year(), None);
        assert_eq!(Horizon::NotStated.target_year(), None);
        assert_eq!(
            serde_json::to_string(&Horizon::ByYear { year: 2030 }).unwrap(),
            r#"{"kind":"by_year","year":2030}"#
        );
    }

    proptest::proptest! {
        #[test]
        fn parsers_never_panic(text in "\\PC{0,16}") {
            let _ = text.parse::<EventDate>();
            let _ = text.parse::<measure::Due>();
            let _ = text.parse::<indicator::Unit>();
        }

        #[test]
        fn text_forms_round_trip(year in 1i32..=9999, month in 1u32..=12, day in 1u32..=31, half in 1u8..=2) {
            let m = EventDate::month(year, month).unwrap();
            proptest::prop_assert_eq!(m.to_string().parse::<EventDate>().unwrap(), m);
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                let d = EventDate::day(date).unwrap();
                proptest::prop_assert_eq!(d.to_string().parse::<EventDate>().unwrap(), d);
                // The day lies in the month, and the month (coarser, same or earlier start) orders first.
                proptest::prop_assert!(m.earliest() <= date && date <= m.latest());
                proptest::prop_assert!(m < d);
            }
            let due = measure::Due::half_year(year, half).unwrap();
            proptest::prop_assert_eq!(due.to_string().parse::<measure::Due>().unwrap(), due);
            proptest::prop_assert!(due.first_day() < due.deadline());
        }
    }
}
