//! Reporting periods: years, quarters, months, dekads and days, and the spans built from them.
//!
//! A [`Period`] is one calendar interval of a given [`PeriodKind`]. Every period has one
//! canonical text form, which [`Period`]'s `Display` writes and `FromStr` reads back:
//!
//! | kind | form | example |
//! |---|---|---|
//! | year | `YYYY` | `2023` |
//! | quarter | `YYYY-Qq` | `2023-Q1` |
//! | month | `YYYY-MM` | `2023-11` |
//! | dekad | `YYYY-MM-Dd` | `2023-11-D2` |
//! | day | `YYYY-MM-DD` | `2023-11-05` |
//!
//! A **dekad** (Russian *декада*) is the ten-day period used in Central Asian water management:
//! days 1–10, 11–20 and 21 to the end of the month, so the third dekad has 8 to 11 days and a year
//! has 36 dekads.
//!
//! Spans that are not a single calendar unit have their own types: [`YearToDate`] ("January to
//! November 2023"), [`WaterYear`] (1 October to 30 September) and [`IcwcSeason`] (the growing
//! season 1 April–30 September and the non-growing season 1 October–31 March, as the Interstate
//! Commission for Water Coordination sets its limits). All of them convert to a half-open
//! [`DateRange`].
//!
//! What a stated figure covers is a [`Span`]: one of these, a [`MarketingYear`] (the July–June
//! grain season `2022/23-MY07`) or a [`PeriodRange`] (`2021/2025`). The claims ledger, the
//! quoted facts and the gas balance totals all use it; its docs list every text form.
//!
//! ```
//! use dostyk_core_model::period::{Period, PeriodKind};
//!
//! let feb: Period = "2024-02".parse()?;
//! let dekads = feb.split(PeriodKind::Dekad)?;
//! assert_eq!(dekads.len(), 3);
//! assert_eq!(dekads[2].to_string(), "2024-02-D3");
//! assert_eq!(dekads[2].days(), 9); // 21–29 February of a leap year
//! assert!(feb.contains(&dekads[2]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

mod span;

pub use span::{MarketingYear, PeriodRange, SPAN_FORMS, Span, parse_cell};

/// The first year a [`Period`] may fall in.
pub const MIN_YEAR: i32 = 1;
/// The last year a [`Period`] may fall in (keeps the four-digit text form).
pub const MAX_YEAR: i32 = 9999;

/// What went wrong building or parsing a period.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The text is not one of the canonical forms.
    #[error(
        "\"{text}\" is not a period: expected YYYY, YYYY-Qq, YYYY-MM, YYYY-MM-Dd (dekad 1-3) or YYYY-MM-DD"
    )]
    Syntax {
        /// The text that was given.
        text: String,
    },
    /// The text is not a year-to-date span `YYYY-YTDmm`.
    #[error(
        "\"{text}\" is not a year-to-date span: expected YYYY-YTDmm, e.g. 2023-YTD11 for January to November 2023"
    )]
    YearToDateSyntax {
        /// The text that was given.
        text: String,
    },
    /// The text is not an ICWC season `growing-YYYY` or `non-growing-YYYY-YY`.
    #[error(
        "\"{text}\" is not an ICWC season: expected growing-YYYY or non-growing-YYYY-YY with consecutive years, e.g. non-growing-2025-26"
    )]
    SeasonSyntax {
        /// The text that was given.
        text: String,
    },
    /// The year is outside 1..=9999.
    #[error("year {year} is out of range: expected {MIN_YEAR} to {MAX_YEAR}")]
    Year {
        /// The year that was given.
        year: i32,
    },
    /// The quarter is outside 1..=4.
    #[error("quarter {quarter} does not exist: expected 1 to 4")]
    Quarter {
        /// The quarter that was given.
        quarter: u32,
    },
    /// The month is outside 1..=12.
    #[error("month {month} does not exist: expected 1 to 12")]
    Month {
        /// The month that was given.
        month: u32,
    },
    /// The dekad is outside 1..=3.
    #[error(
        "dekad {dekad} does not exist: a month has dekads 1 (days 1-10), 2 (11-20) and 3 (21-end)"
    )]
    Dekad {
        /// The dekad that was given.
        dekad: u32,
    },
    /// The day does not exist in that month.
    #[error("{year:04}-{month:02}-{day:02} is not a calendar date")]
    Day {
        /// Year.
        year: i32,
        /// Month.
        month: u32,
        /// Day of month.
        day: u32,
    },
    /// `split` was asked for a kind that is not finer than the period.
    #[error("a {from} cannot be split into {into}s: ask for a finer kind")]
    Split {
        /// The kind of the period being split.
        from: PeriodKind,
        /// The kind asked for.
        into: PeriodKind,
    },
    /// A year-to-date span with a month outside 1..=12.
    #[error("year to date through month {month} does not exist: expected 1 to 12")]
    ThroughMonth {
        /// The month that was given.
        month: u32,
    },
    /// The text is none of the forms of a [`Span`].
    #[error("\"{text}\" is not a period: expected {}", span::FORMS)]
    SpanSyntax {
        /// The text that was given.
        text: String,
    },
    /// The text is not a marketing year `YYYY/YY-MYmm`.
    #[error(
        "\"{text}\" is not a marketing year: expected YYYY/YY-MYmm with consecutive years and the starting month, e.g. 2022/23-MY07 for July 2022 to June 2023"
    )]
    MarketingYearSyntax {
        /// The text that was given.
        text: String,
    },
    /// A marketing year starting in a month outside 2..=12.
    #[error(
        "a marketing year starting in month {month} does not exist: expected 2 to 12 (one starting in January is the calendar year: write YYYY)"
    )]
    StartMonth {
        /// The month that was given.
        month: u32,
    },
    /// A range whose two ends are periods of different kinds.
    #[error(
        "a range runs between two periods of one kind, not from a {first} to a {last}: write both ends as years, quarters, months, dekads or days"
    )]
    RangeKinds {
        /// The kind of the first end.
        first: PeriodKind,
        /// The kind of the last end.
        last: PeriodKind,
    },
    /// A range whose last period comes before its first.
    #[error("the range {first}/{last} ends before it starts: write the earlier period first")]
    RangeOrder {
        /// The first end as written.
        first: Period,
        /// The last end as written.
        last: Period,
    },
}

impl PeriodError {
    /// Whether the text has the wrong shape (no accepted form, a form written wrongly, the
    /// ends of a range that do not fit), rather than an accepted form with a part that does
    /// not exist (month 13, 30 February, year 0). Readers quote the text for the latter as
    /// "is out of range" (see [`parse_cell`]).
    pub fn is_form_error(&self) -> bool {
        matches!(
            self,
            PeriodError::Syntax { .. }
                | PeriodError::SpanSyntax { .. }
                | PeriodError::YearToDateSyntax { .. }
                | PeriodError::SeasonSyntax { .. }
                | PeriodError::MarketingYearSyntax { .. }
                | PeriodError::RangeKinds { .. }
                | PeriodError::RangeOrder { .. }
        )
    }
}

/// The granularity of a [`Period`], from coarsest to finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar year.
    Year,
    /// A calendar quarter.
    Quarter,
    /// A calendar month.
    Month,
    /// A dekad: days 1–10, 11–20 or 21–end of a month.
    Dekad,
    /// A single day.
    Day,
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PeriodKind::Year => "year",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Month => "month",
            PeriodKind::Dekad => "dekad",
            PeriodKind::Day => "day",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Repr {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
    Dekad(i32, u8, u8),
    Day(NaiveDate),
}

/// One calendar interval: a year, quarter, month, dekad or day.
///
/// Periods order by their first day, and among periods that start on the same day the longer
/// comes first: `2023` < `2023-Q1` < `2023-01` < `2023-01-D1` < `2023-01-01` < `2023-01-02`.
/// Serde writes the canonical text form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period(Repr);

fn check_year(year: i32) -> Result<i32, PeriodError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(PeriodError::Year { year })
    }
}

fn check_month(month: u32) -> Result<u8, PeriodError> {
    if (1..=12).contains(&month) {
        Ok(month as u8)
    } else {
        Err(PeriodError::Month { month })
    }
}

/// First day of a month whose year and month are already validated.
fn month_start(year: i32, month: u32) -> NaiveDate {
    // Invariant: year in 1..=9999 and month in 1..=12 are checked by every constructor, and
    // chrono represents every such date.
    NaiveDate::from_ymd_opt(year, month, 1).expect("validated year and month")
}

/// Number of days in a month whose year and month are already validated.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    let start = month_start(year, month);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match next {
        Some(next) => (next - start).num_days() as u32,
        // Only December 9999 has no following month in range of our checks; it has 31 days.
        None => 31,
    }
}

impl Period {
    /// The calendar year `year`.
    pub fn year(year: i32) -> Result<Self, PeriodError> {
        Ok(Self(Repr::Year(check_year(year)?)))
    }

    /// Quarter `quarter` (1–4) of `year`.
    pub fn quarter(year: i32, quarter: u32) -> Result<Self, PeriodError> {
        let year = check_year(year)?;
        if !(1..=4).contains(&quarter) {
            return Err(PeriodError::Quarter { quarter });
        }
        Ok(Self(Repr::Quarter(year, quarter as u8)))
    }

    /// Month `month` (1–12) of `year`.
    pub fn month(year: i32, month: u32) -> Result<Self, PeriodError> {
        Ok(Self(Repr::Month(check_year(year)?, check_month(month)?)))
    }

    /// Dekad `dekad` (1–3) of the month `month` of `year`.
    pub fn dekad(year: i32, month: u32, dekad: u32) -> Result<Self, PeriodError> {
        let year = check_year(year)?;
        let month = check_month(month)?;
        if !(1..=3).contains(&dekad) {
            return Err(PeriodError::Dekad { dekad });
        }
        Ok(Self(Repr::Dekad(year, month, dekad as u8)))
    }

    /// The day `date`.
    pub fn day(date: NaiveDate) -> Result<Self, PeriodError> {
        check_year(date.year())?;
        Ok(Self(Repr::Day(date)))
    }

    /// The day given by year, month and day of month.
    pub fn ymd(year: i32, month: u32, day: u32) -> Result<Self, PeriodError> {
        check_year(year)?;
        check_month(month)?;
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or(PeriodError::Day {
            year,
            month,
            day,
        })?;
        Ok(Self(Repr::Day(date)))
    }

    /// The period of kind `kind` that contains `date`.
    pub fn containing(date: NaiveDate, kind: PeriodKind) -> Result<Self, PeriodError> {
        let year = check_year(date.year())?;
        let month = date.month();
        Ok(Self(match kind {
            PeriodKind::Year => Repr::Year(year),
            PeriodKind::Quarter => Repr::Quarter(year, ((month - 1) / 3 + 1) as u8),
            PeriodKind::Month => Repr::Month(year, month as u8),
            PeriodKind::Dekad => Repr::Dekad(year, month as u8, dekad_of_day(date.day())),
            PeriodKind::Day => Repr::Day(date),
        }))
    }

    /// The kind of this period.
    pub fn kind(&self) -> PeriodKind {
        match self.0 {
            Repr::Year(_) => PeriodKind::Year,
            Repr::Quarter(..) => PeriodKind::Quarter,
            Repr::Month(..) => PeriodKind::Month,
            Repr::Dekad(..) => PeriodKind::Dekad,
            Repr::Day(_) => PeriodKind::Day,
        }
    }

    /// The calendar year the period falls in.
    pub fn calendar_year(&self) -> i32 {
        match self.0 {
            Repr::Year(y) | Repr::Quarter(y, _) | Repr::Month(y, _) | Repr::Dekad(y, _, _) => y,
            Repr::Day(d) => d.year(),
        }
    }

    /// The month (1–12) for months, dekads and days; `None` for years and quarters.
    pub fn month_number(&self) -> Option<u32> {
        match self.0 {
            Repr::Month(_, m) | Repr::Dekad(_, m, _) => Some(u32::from(m)),
            Repr::Day(d) => Some(d.month()),
            Repr::Year(_) | Repr::Quarter(..) => None,
        }
    }

    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        match self.0 {
            Repr::Year(y) => month_start(y, 1),
            Repr::Quarter(y, q) => month_start(y, u32::from(q) * 3 - 2),
            Repr::Month(y, m) => month_start(y, u32::from(m)),
            Repr::Dekad(y, m, d) => month_start(y, u32::from(m))
                .checked_add_days(Days::new(u64::from(d - 1) * 10))
                .expect("a dekad starts inside its month"),
            Repr::Day(d) => d,
        }
    }

    /// The number of days in the period (1 to 366).
    pub fn days(&self) -> u32 {
        match self.0 {
            Repr::Year(y) => (1..=12).map(|m| days_in_month(y, m)).sum(),
            Repr::Quarter(y, q) => {
                let first = u32::from(q) * 3 - 2;
                (first..first + 3).map(|m| days_in_month(y, m)).sum()
            }
            Repr::Month(y, m) => days_in_month(y, u32::from(m)),
            Repr::Dekad(y, m, d) => {
                if d < 3 {
                    10
                } else {
                    days_in_month(y, u32::from(m)) - 20
                }
            }
            Repr::Day(_) => 1,
        }
    }

    /// The last day of the period (inclusive).
    pub fn last_day(&self) -> NaiveDate {
        self.first_day()
            .checked_add_days(Days::new(u64::from(self.days() - 1)))
            .expect("the last day of a period in 1..=9999 is representable")
    }

    /// The period as a half-open date range `[first_day, last_day + 1)`.
    pub fn range(&self) -> DateRange {
        DateRange {
            start: self.first_day(),
            end: self
                .last_day()
                .succ_opt()
                .expect("the day after 9999-12-31 is representable"),
        }
    }

    /// Whether `date` falls in the period.
    pub fn contains_date(&self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// Whether `other` lies entirely inside this period (a period contains itself).
    pub fn contains(&self, other: &Period) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }

    /// The sub-periods of kind `into` that tile this period exactly, in order.
    ///
    /// `into` must be finer than the period's own kind; asking for the same kind returns the
    /// period itself. A quarter splits into months, dekads or days, never into years.
    pub fn split(&self, into: PeriodKind) -> Result<Vec<Period>, PeriodError> {
        let from = self.kind();
        if into < from {
            return Err(PeriodError::Split { from, into });
        }
        if into == from {
            return Ok(vec![*self]);
        }
        let mut out = Vec::new();
        let last = self.last_day();
        let mut cursor = self.first_day();
        loop {
            let part = Period::containing(cursor, into)?;
            out.push(part);
            if part.last_day() >= last {
                break;
            }
            cursor = part
                .last_day()
                .succ_opt()
                .expect("inside the period, a next day exists");
        }
        Ok(out)
    }

    /// The period of the coarser kind `kind` that contains this one (itself for the same kind).
    pub fn parent(&self, kind: PeriodKind) -> Result<Period, PeriodError> {
        let from = self.kind();
        if kind > from {
            return Err(PeriodError::Split {
                from: kind,
                into: from,
            });
        }
        Period::containing(self.first_day(), kind)
    }

    /// The period of the same kind that follows this one, if it is within year 9999.
    pub fn succ(&self) -> Option<Period> {
        let next = self.last_day().succ_opt()?;
        Period::containing(next, self.kind()).ok()
    }

    /// The period of the same kind that precedes this one, if it is within year 1.
    pub fn pred(&self) -> Option<Period> {
        let prev = self.first_day().pred_opt()?;
        Period::containing(prev, self.kind()).ok()
    }

    /// The same period one year earlier (for year-on-year comparisons). For 29 February the
    /// previous year's 28 February is returned.
    pub fn previous_year(&self) -> Option<Period> {
        let y = self.calendar_year() - 1;
        match self.0 {
            Repr::Year(_) => Period::year(y).ok(),
            Repr::Quarter(_, q) => Period::quarter(y, u32::from(q)).ok(),
            Repr::Month(_, m) => Period::month(y, u32::from(m)).ok(),
            Repr::Dekad(_, m, d) => Period::dekad(y, u32::from(m), u32::from(d)).ok(),
            Repr::Day(date) => {
                let day = date.day().min(days_in_month_checked(y, date.month())?);
                Period::ymd(y, date.month(), day).ok()
            }
        }
    }

    /// For a dekad, its number in the year: 1 to 36. `None` for other kinds.
    ///
    /// dekad of year = 3 × (month − 1) + dekad of month.
    pub fn dekad_of_year(&self) -> Option<u32> {
        match self.0 {
            Repr::Dekad(_, m, d) => Some(3 * (u32::from(m) - 1) + u32::from(d)),
            _ => None,
        }
    }
}

fn days_in_month_checked(year: i32, month: u32) -> Option<u32> {
    check_year(year).ok()?;
    Some(days_in_month(year, month))
}

/// Dekad of month (1–3) for a day of month.
fn dekad_of_day(day: u32) -> u8 {
    ((day.saturating_sub(1) / 10).min(2) + 1) as u8
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then_with(|| self.kind().cmp(&other.kind()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Year(y) => write!(f, "{y:04}"),
            Repr::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Repr::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Repr::Dekad(y, m, d) => write!(f, "{y:04}-{m:02}-D{d}"),
            Repr::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let syntax = || PeriodError::Syntax {
            text: text.to_owned(),
        };
        let s = text.trim();
        let mut parts = s.split('-');
        let year = parts.next().and_then(|p| digits(p, 4)).ok_or_else(syntax)? as i32;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return Err(syntax());
        }
        match (second, third) {
            (None, None) => Period::year(year),
            (Some(q), None) if q.starts_with(['Q', 'q']) => {
                let quarter = digits(&q[1..], 1).ok_or_else(syntax)?;
                Period::quarter(year, quarter)
            }
            (Some(m), None) => Period::month(year, digits(m, 2).ok_or_else(syntax)?),
            (Some(m), Some(d)) => {
                let month = digits(m, 2).ok_or_else(syntax)?;
                if let Some(dekad) = d.strip_prefix(['D', 'd']) {
                    Period::dekad(year, month, digits(dekad, 1).ok_or_else(syntax)?)
                } else {
                    Period::ymd(year, month, digits(d, 2).ok_or_else(syntax)?)
                }
            }
            (None, Some(_)) => Err(syntax()),
        }
    }
}

crate::text_serde::serde_as_text!(Period);

/// A half-open range of days `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DateRange {
    /// The first day in the range.
    pub start: NaiveDate,
    /// The first day after the range.
    pub end: NaiveDate,
}

impl DateRange {
    /// Whether `date` is in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end
    }

    /// The number of days in the range (0 when `end <= start`).
    pub fn days(&self) -> u32 {
        (self.end - self.start).num_days().max(0) as u32
    }

    /// The last day in the range, if it is not empty.
    pub fn last_day(&self) -> Option<NaiveDate> {
        (self.end > self.start)
            .then(|| self.end.pred_opt())
            .flatten()
    }

    /// The days both ranges share, if any.
    pub fn intersect(&self, other: &DateRange) -> Option<DateRange> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(DateRange { start, end })
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {})", self.start, self.end)
    }
}

/// January through month `through_month` of `year`: "the first eleven months of 2023".
///
/// Text form `YYYY-YTDmm` (`2023-YTD11`); [`YearToDate::label`] gives the English reading
/// `2023 Jan–Nov`. Compare with [`YearToDate::previous_year`] for growth on the same months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearToDate {
    year: i32,
    through_month: u8,
}

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl YearToDate {
    /// January to `through_month` (1–12) of `year`.
    pub fn new(year: i32, through_month: u32) -> Result<Self, PeriodError> {
        let year = check_year(year)?;
        if !(1..=12).contains(&through_month) {
            return Err(PeriodError::ThroughMonth {
                month: through_month,
            });
        }
        Ok(Self {
            year,
            through_month: through_month as u8,
        })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The last month included (1–12).
    pub fn through_month(&self) -> u32 {
        u32::from(self.through_month)
    }

    /// The months covered, in order.
    pub fn months(&self) -> Vec<Period> {
        (1..=u32::from(self.through_month))
            .map(|m| Period(Repr::Month(self.year, m as u8)))
            .collect()
    }

    /// Whether the month `period` (or any period inside the span) is covered.
    pub fn contains(&self, period: &Period) -> bool {
        let range = self.range();
        range.contains(period.first_day()) && range.contains(period.last_day())
    }

    /// The span as a half-open date range.
    pub fn range(&self) -> DateRange {
        let start = month_start(self.year, 1);
        let last = Period(Repr::Month(self.year, self.through_month)).last_day();
        DateRange {
            start,
            end: last.succ_opt().expect("within year 9999"),
        }
    }

    /// The same months one year earlier.
    pub fn previous_year(&self) -> Option<YearToDate> {
        YearToDate::new(self.year - 1, u32::from(self.through_month)).ok()
    }

    /// Whether the span is the whole year.
    pub fn is_full_year(&self) -> bool {
        self.through_month == 12
    }

    /// English label such as `2023 Jan–Nov` (`2023 Jan` for a single month).
    pub fn label(&self) -> String {
        let last = MONTH_ABBR[usize::from(self.through_month) - 1];
        if self.through_month == 1 {
            format!("{:04} Jan", self.year)
        } else {
            format!("{:04} Jan\u{2013}{last}", self.year)
        }
    }
}

impl fmt::Display for YearToDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-YTD{:02}", self.year, self.through_month)
    }
}

impl FromStr for YearToDate {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let syntax = || PeriodError::YearToDateSyntax {
            text: text.to_owned(),
        };
        let (year, month) = text.trim().split_once("-YTD").ok_or_else(syntax)?;
        let year = digits(year, 4).ok_or_else(syntax)? as i32;
        let month = digits(month, 2).ok_or_else(syntax)?;
        YearToDate::new(year, month)
    }
}

crate::text_serde::serde_as_text!(YearToDate);

/// The water-management year: 1 October of `start_year` to 30 September of the next year.
///
/// It is the non-growing season followed by the growing season. Text form `2024/25`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WaterYear {
    /// The calendar year in which the water year starts (on 1 October).
    pub start_year: i32,
}

impl WaterYear {
    /// The water year that contains `date`.
    pub fn containing(date: NaiveDate) -> Self {
        let start_year = if date.month() >= 10 {
            date.year()
        } else {
            date.year() - 1
        };
        Self { start_year }
    }

    /// `[1 Oct start_year, 1 Oct start_year + 1)`.
    pub fn range(&self) -> Option<DateRange> {
        Some(DateRange {
            start: NaiveDate::from_ymd_opt(self.start_year, 10, 1)?,
            end: NaiveDate::from_ymd_opt(self.start_year.checked_add(1)?, 10, 1)?,
        })
    }

    /// The two ICWC seasons of this water year: non-growing, then growing.
    pub fn seasons(&self) -> [IcwcSeason; 2] {
        [
            IcwcSeason::NonGrowing {
                start_year: self.start_year,
            },
            IcwcSeason::Growing {
                year: self.start_year.saturating_add(1),
            },
        ]
    }
}

impl fmt::Display for WaterYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}/{:02}",
            self.start_year,
            (self.start_year.rem_euclid(100) + 1) % 100
        )
    }
}

/// An ICWC water-allocation season.
///
/// The growing (vegetation) season runs 1 April–30 September, the non-growing season
/// 1 October–31 March; as half-open ranges `[1 Apr, 1 Oct)` and `[1 Oct, 1 Apr next year)`.
/// Text forms: `growing-2024` and `non-growing-2025-26`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IcwcSeason {
    /// 1 April – 30 September of `year`.
    Growing {
        /// The calendar year.
        year: i32,
    },
    /// 1 October of `start_year` – 31 March of the next year.
    NonGrowing {
        /// The calendar year in which the season starts.
        start_year: i32,
    },
}

impl IcwcSeason {
    /// The season that contains `date`.
    pub fn containing(date: NaiveDate) -> Self {
        match date.month() {
            4..=9 => IcwcSeason::Growing { year: date.year() },
            10..=12 => IcwcSeason::NonGrowing {
                start_year: date.year(),
            },
            _ => IcwcSeason::NonGrowing {
                start_year: date.year() - 1,
            },
        }
    }

    /// The season as a half-open date range (`None` only outside chrono's calendar).
    pub fn range(&self) -> Option<DateRange> {
        match *self {
            IcwcSeason::Growing { year } => Some(DateRange {
                start: NaiveDate::from_ymd_opt(year, 4, 1)?,
                end: NaiveDate::from_ymd_opt(year, 10, 1)?,
            }),
            IcwcSeason::NonGrowing { start_year } => Some(DateRange {
                start: NaiveDate::from_ymd_opt(start_year, 10, 1)?,
                end: NaiveDate::from_ymd_opt(start_year.checked_add(1)?, 4, 1)?,
            }),
        }
    }

    /// Whether this is the growing season.
    pub fn is_growing(&self) -> bool {
        matches!(self, IcwcSeason::Growing { .. })
    }

    /// The water year the season belongs to.
    pub fn water_year(&self) -> WaterYear {
        match *self {
            IcwcSeason::Growing { year } => WaterYear {
                start_year: year.saturating_sub(1),
            },
            IcwcSeason::NonGrowing { start_year } => WaterYear { start_year },
        }
    }

    /// The months of the season, in order (six of them).
    pub fn months(&self) -> Result<Vec<Period>, PeriodError> {
        let (y, m) = match *self {
            IcwcSeason::Growing { year } => (year, 4),
            IcwcSeason::NonGrowing { start_year } => (start_year, 10),
        };
        let mut month = Period::month(y, m)?;
        let mut out = vec![month];
        for _ in 1..6 {
            month = month.succ().ok_or(PeriodError::Year { year: y + 1 })?;
            out.push(month);
        }
        Ok(out)
    }

    /// The 18 dekads of the season, in order.
    pub fn dekads(&self) -> Result<Vec<Period>, PeriodError> {
        let mut out = Vec::with_capacity(18);
        for month in self.months()? {
            out.extend(month.split(PeriodKind::Dekad)?);
        }
        Ok(out)
    }
}

impl fmt::Display for IcwcSeason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            IcwcSeason::Growing { year } => write!(f, "growing-{year:04}"),
            IcwcSeason::NonGrowing { start_year } => write!(
                f,
                "non-growing-{start_year:04}-{:02}",
                (start_year.rem_euclid(100) + 1) % 100
            ),
        }
    }
}

impl FromStr for IcwcSeason {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let syntax = || PeriodError::SeasonSyntax {
            text: text.to_owned(),
        };
        let s = text.trim();
        if let Some(rest) = s.strip_prefix("non-growing-") {
            let (start, end) = rest.split_once('-').ok_or_else(syntax)?;
            let start_year = check_year(digits(start, 4).ok_or_else(syntax)? as i32)?;
            let end = digits(end, 2).ok_or_else(syntax)? as i32;
            if end != (start_year + 1).rem_euclid(100) {
                return Err(syntax());
            }
            Ok(IcwcSeason::NonGrowing { start_year })
        } else if let Some(year) = s.strip_prefix("growing-") {
            let year = check_year(digits(year, 4).ok_or_else(syntax)? as i32)?;
            Ok(IcwcSeason::Growing { year })
        } else {
            Err(syntax())
        }
    }
}

crate::text_serde::serde_as_text!(IcwcSeason);

#[cfg(feature = "proptest")]
mod arbitrary {
    use super::{Period, PeriodKind};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    impl Arbitrary for Period {
        type Parameters = ();
        type Strategy = BoxedStrategy<Period>;

        fn arbitrary_with((): ()) -> Self::Strategy {
            // Days from 1900-01-01 to 2199-12-31 and any kind: the period containing that day.
            (0u64..109_572, 0u8..5)
                .prop_map(|(offset, kind)| {
                    let base = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");
                    let date = base + chrono::Days::new(offset);
                    let kind = match kind {
                        0 => PeriodKind::Year,
                        1 => PeriodKind::Quarter,
                        2 => PeriodKind::Month,
                        3 => PeriodKind::Dekad,
                        _ => PeriodKind::Day,
                    };
                    Period::containing(date, kind).expect("years 1900-2199 are in range")
                })
                .boxed()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn canonical_forms_parse_and_display() {
        for s in ["2023", "2023-Q1", "2023-11", "2023-11-D2", "2023-11-05"] {
            assert_eq!(p(s).to_string(), s);
        }
        assert_eq!(p("2023-q4").to_string(), "2023-Q4");
        assert_eq!(p("2023-11-d3").to_string(), "2023-11-D3");
    }

    #[test]
    fn bad_forms_are_refused_with_the_reason() {
        assert!(matches!(
            "2023-11-D4".parse::<Period>(),
            Err(PeriodError::Dekad { dekad: 4 })
        ));
        assert!(matches!(
            "2023-13".parse::<Period>(),
            Err(PeriodError::Month { month: 13 })
        ));
        assert!(matches!(
            "2023-Q5".parse::<Period>(),
            Err(PeriodError::Quarter { quarter: 5 })
        ));
        assert!(matches!(
            "2023-02-30".parse::<Period>(),
            Err(PeriodError::Day { .. })
        ));
        for bad in [
            "",
            "23",
            "2023-1",
            "2023-11-5",
            "2023/11",
            "2023-11-D",
            "x2023",
            "2023-11-05-01",
        ] {
            assert!(
                matches!(bad.parse::<Period>(), Err(PeriodError::Syntax { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            "2023-11-D4".parse::<Period>().unwrap_err().to_string(),
            "dekad 4 does not exist: a month has dekads 1 (days 1-10), 2 (11-20) and 3 (21-end)"
        );
    }

    #[test]
    fn third_dekad_has_eight_to_eleven_days() {
        assert_eq!(p("2023-02-D3").days(), 8);
        assert_eq!(p("2024-02-D3").days(), 9);
        assert_eq!(p("2023-04-D3").days(), 10);
        assert_eq!(p("2023-01-D3").days(), 11);
        assert_eq!(p("2023-01-D3").first_day(), d(2023, 1, 21));
        assert_eq!(p("2023-01-D3").last_day(), d(2023, 1, 31));
        assert_eq!(p("2023-12-D3").dekad_of_year(), Some(36));
        assert_eq!(p("2023-04-D1").dekad_of_year(), Some(10));
    }

    #[test]
    fn lengths_and_bounds() {
        assert_eq!(p("2024").days(), 366);
        assert_eq!(p("2023").days(), 365);
        assert_eq!(p("2023-Q1").days(), 90);
        assert_eq!(p("2024-Q1").days(), 91);
        assert_eq!(p("2023-Q4").last_day(), d(2023, 12, 31));
        assert_eq!(p("9999-12").last_day(), d(9999, 12, 31));
        assert_eq!(p("2023-11").range().days(), 30);
    }

    #[test]
    fn ordering_puts_longer_first_on_the_same_start() {
        let mut v = [
            p("2023-01-02"),
            p("2023-01-01"),
            p("2023-01-D1"),
            p("2023-01"),
            p("2023-Q1"),
            p("2023"),
        ];
        v.sort();
        let text: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "2023",
                "2023-Q1",
                "2023-01",
                "2023-01-D1",
                "2023-01-01",
                "2023-01-02"
            ]
        );
    }

    #[test]
    fn split_refuses_a_coarser_kind() {
        assert!(matches!(
            p("2023-Q1").split(PeriodKind::Year),
            Err(PeriodError::Split { .. })
        ));
        assert_eq!(
            p("2023-Q1").split(PeriodKind::Quarter).unwrap(),
            vec![p("2023-Q1")]
        );
        assert_eq!(p("2023-Q2").split(PeriodKind::Month).unwrap().len(), 3);
    }

    #[test]
    fn succ_pred_parent_and_previous_year() {
        assert_eq!(p("2023-12").succ(), Some(p("2024-01")));
        assert_eq!(p("2023-01-D1").pred(), Some(p("2022-12-D3")));
        assert_eq!(p("2023-Q4").succ(), Some(p("2024-Q1")));
        assert_eq!(p("9999").succ(), None);
        assert_eq!(
            p("2023-11-D2").parent(PeriodKind::Quarter).unwrap(),
            p("2023-Q4")
        );
        assert!(p("2023").parent(PeriodKind::Month).is_err());
        assert_eq!(p("2024-02-29").previous_year(), Some(p("2023-02-28")));
        assert_eq!(p("2024-Q3").previous_year(), Some(p("2023-Q3")));
    }

    #[test]
    fn year_to_date() {
        let ytd: YearToDate = "2023-YTD11".parse().unwrap();
        assert_eq!(ytd.label(), "2023 Jan\u{2013}Nov");
        assert_eq!(ytd.months().len(), 11);
        assert_eq!(ytd.range().days(), 334);
        assert!(ytd.contains(&p("2023-11")));
        assert!(!ytd.contains(&p("2023-12")));
        assert!(!ytd.contains(&p("2023")));
        assert_eq!(ytd.previous_year().unwrap().to_string(), "2022-YTD11");
        assert!(YearToDate::new(2023, 13).is_err());
        assert_eq!(YearToDate::new(2023, 1).unwrap().label(), "2023 Jan");
    }

    #[test]
    fn seasons_and_water_year_boundaries() {
        assert_eq!(
            IcwcSeason::containing(d(2024, 3, 31)),
            IcwcSeason::NonGrowing { start_year: 2023 }
        );
        assert_eq!(
            IcwcSeason::containing(d(2024, 4, 1)),
            IcwcSeason::Growing { year: 2024 }
        );
        assert_eq!(
            IcwcSeason::containing(d(2024, 9, 30)),
            IcwcSeason::Growing { year: 2024 }
        );
        assert_eq!(
            IcwcSeason::containing(d(2024, 10, 1)),
            IcwcSeason::NonGrowing { start_year: 2024 }
        );
        let growing = IcwcSeason::Growing { year: 2024 };
        assert_eq!(growing.range().unwrap().days(), 183);
        assert_eq!(
            IcwcSeason::NonGrowing { start_year: 2023 }
                .range()
                .unwrap()
                .days(),
            183
        );
        assert_eq!(
            IcwcSeason::NonGrowing { start_year: 2024 }
                .range()
                .unwrap()
                .days(),
            182
        );
        let dekads = growing.dekads().unwrap();
        assert_eq!(dekads.len(), 18);
        assert_eq!(dekads[0].dekad_of_year(), Some(10));
        assert_eq!(dekads[17].dekad_of_year(), Some(27));
        assert_eq!(growing.to_string(), "growing-2024");
        let ng: IcwcSeason = "non-growing-2025-26".parse().unwrap();
        assert_eq!(ng, IcwcSeason::NonGrowing { start_year: 2025 });
        assert_eq!(ng.to_string(), "non-growing-2025-26");
        assert!(matches!(
            "non-growing-2025-27".parse::<IcwcSeason>(),
            Err(PeriodError::SeasonSyntax { .. })
        ));
        assert!(matches!(
            "2023 Jan-Nov".parse::<YearToDate>(),
            Err(PeriodError::YearToDateSyntax { .. })
        ));
        let wy = WaterYear::containing(d(2025, 3, 1));
        assert_eq!(wy.to_string(), "2024/25");
        assert_eq!(wy.range().unwrap().days(), 365);
        assert_eq!(wy.seasons()[1], IcwcSeason::Growing { year: 2025 });
        assert_eq!(IcwcSeason::containing(d(2025, 3, 1)).water_year(), wy);
    }

    #[test]
    fn serde_uses_the_text_form() {
        let json = serde_json::to_string(&[p("2023"), p("2023-11-D2")]).unwrap();
        assert_eq!(json, r#"["2023","2023-11-D2"]"#);
        let back: Vec<Period> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [p("2023"), p("2023-11-D2")]);
        assert!(serde_json::from_str::<Period>(r#""2023-11-D4""#).is_err());
    }

    fn any_kind() -> impl Strategy<Value = PeriodKind> {
        prop_oneof![
            Just(PeriodKind::Year),
            Just(PeriodKind::Quarter),
            Just(PeriodKind::Month),
            Just(PeriodKind::Dekad),
            Just(PeriodKind::Day),
        ]
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0u64..146_097).prop_map(|o| d(1900, 1, 1) + Days::new(o))
    }

    fn any_period() -> impl Strategy<Value = Period> {
        (any_date(), any_kind()).prop_map(|(date, kind)| Period::containing(date, kind).unwrap())
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(period in any_period()) {
            let text = period.to_string();
            prop_assert_eq!(text.parse::<Period>().unwrap(), period);
        }

        #[test]
        fn parser_never_panics(text in "\\PC{0,16}") {
            let _ = text.parse::<Period>();
            let _ = text.parse::<YearToDate>();
            let _ = text.parse::<IcwcSeason>();
        }

        #[test]
        fn sub_periods_tile_their_parent(period in any_period(), into in any_kind()) {
            prop_assume!(into >= period.kind());
            let parts = period.split(into).unwrap();
            prop_assert_eq!(parts[0].first_day(), period.first_day());
            prop_assert_eq!(parts[parts.len() - 1].last_day(), period.last_day());
            for pair in parts.windows(2) {
                prop_assert_eq!(pair[0].last_day().succ_opt().unwrap(), pair[1].first_day());
            }
            let days: u32 = parts.iter().map(Period::days).sum();
            prop_assert_eq!(days, period.days());
            for part in &parts {
                prop_assert!(period.contains(part));
                prop_assert_eq!(part.parent(period.kind()).unwrap(), period);
            }
        }

        #[test]
        fn dekads_of_a_year_cover_every_day_once(year in 1900i32..2200) {
            let dekads = Period::year(year).unwrap().split(PeriodKind::Dekad).unwrap();
            prop_assert_eq!(dekads.len(), 36);
            let numbers: Vec<u32> = dekads.iter().filter_map(Period::dekad_of_year).collect();
            prop_assert_eq!(numbers, (1..=36).collect::<Vec<_>>());
            let mut day = d(year, 1, 1);
            for dekad in &dekads {
                prop_assert!((8..=11).contains(&dekad.days()));
                for _ in 0..dekad.days() {
                    prop_assert!(dekad.contains_date(day));
                    prop_assert_eq!(Period::containing(day, PeriodKind::Dekad).unwrap(), *dekad);
                    day = day.succ_opt().unwrap();
                }
            }
            prop_assert_eq!(day, d(year + 1, 1, 1));
        }

        #[test]
        fn succ_is_adjacent_and_pred_inverts_it(period in any_period()) {
            let next = period.succ().unwrap();
            prop_assert_eq!(period.last_day().succ_opt().unwrap(), next.first_day());
            prop_assert_eq!(next.pred().unwrap(), period);
            prop_assert!(period < next);
        }

        #[test]
        fn every_day_is_in_exactly_one_season(date in any_date()) {
            let season = IcwcSeason::containing(date);
            prop_assert!(season.range().unwrap().contains(date));
            prop_assert!(season.water_year().range().unwrap().contains(date));
            prop_assert_eq!(WaterYear::containing(date), season.water_year());
        }
    }
}
