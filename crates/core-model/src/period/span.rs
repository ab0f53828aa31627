//! [`Span`]: what a stated figure covers, as one type for every form the dataset writes.

use std::cmp::{Ordering, Reverse};
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::{
    DateRange, IcwcSeason, MAX_YEAR, MONTH_ABBR, Period, PeriodError, PeriodKind, YearToDate,
    check_month, check_year, digits, month_start,
};
use crate::read::{ReadError, Row};

/// The list of the text forms of a [`Span`].
macro_rules! forms {
    () => {
        "YYYY, YYYY-Qq, YYYY-MM, YYYY-MM-Dd (dekad), YYYY-MM-DD, YYYY-YTDmm (January to month \
         mm), growing-YYYY, non-growing-YYYY-YY, YYYY/YY-MYmm (a marketing year starting in \
         month mm) or FIRST/LAST (a range of two periods of one kind)"
    };
}

/// The text forms of a [`Span`], as [`PeriodError::SpanSyntax`] lists them.
pub(super) const FORMS: &str = forms!();

/// What a cell holding a [`Span`] must hold, as a reader's error says it (the `expected` of
/// [`parse_cell`]): `a period: YYYY, YYYY-Qq, …`.
pub const SPAN_FORMS: &str = concat!("a period: ", forms!());

/// What a stated or computed figure covers: a calendar period, or a span built from periods.
///
/// Statements in the claims ledger, quoted facts and the totals of the gas balance all carry a
/// `Span`. Each form has one canonical text, which `Display` writes, `FromStr` reads and serde
/// uses (so a JSON report and a CSV file show the same text):
///
/// | form | text | covers | example |
/// |---|---|---|---|
/// | [`Span::Period`] | `YYYY`, `YYYY-Qq`, `YYYY-MM`, `YYYY-MM-Dd`, `YYYY-MM-DD` | a year, quarter, month, dekad or day | `2023`, `2023-Q1`, `2023-11-27` |
/// | [`Span::YearToDate`] | `YYYY-YTDmm` | 1 January to the end of month `mm` | `2023-YTD08` (January–August 2023) |
/// | [`Span::Season`] | `growing-YYYY`, `non-growing-YYYY-YY` | an ICWC season | `non-growing-2025-26` |
/// | [`Span::MarketingYear`] | `YYYY/YY-MYmm` | twelve months from month `mm` of the first year | `2022/23-MY07` (July 2022–June 2023) |
/// | [`Span::Range`] | `FIRST/LAST` | from the first day of `FIRST` to the last day of `LAST`, two periods of one kind | `2021/2025`, `2023-10-01/2025-09-30` |
///
/// Reading is strict about the form and tells what is wrong: a text of no accepted form is a
/// [`PeriodError::SpanSyntax`] listing the forms; a text of an accepted form with a part that
/// does not exist (month 13, 30 February, a marketing year starting in January) names that
/// part. Surrounding whitespace is ignored and `q`/`d` may be lower case; the output is always
/// canonical. Two spellings of one span are read as one: a range of months from January to a
/// month of the same year is the year-to-date span (`2023-01/2023-11` reads as `2023-YTD11`),
/// and a range whose ends are the same period is that period (`2023/2023` reads as `2023`).
///
/// Equality compares the form, not only the days: `2023-Q1` and `2023-YTD03` cover the same
/// days, but sources state them differently and the ledger keeps them apart; compare
/// [`Span::range`] for the days. Spans order by their first day; among spans that start on the
/// same day the longer comes first, then by form in the order of the table.
///
/// In a table, read a span with [`parse_cell`], which turns the error into a
/// [`ReadError`] naming the file, line and field.
///
/// ```
/// use dostyk_core_model::period::Span;
///
/// let season: Span = "2022/23-MY07".parse()?;
/// let august: Span = "2023-YTD08".parse()?;
/// assert_eq!(season.to_string(), "2022/23-MY07");
/// assert_eq!(season.days(), 365); // 1 July 2022 to 30 June 2023
/// assert!(season.contains(&"2023-Q2".parse()?));
/// assert!(season.overlaps(&august) && !season.contains(&august));
/// assert_eq!("2023-01/2023-11".parse::<Span>()?.to_string(), "2023-YTD11");
/// assert_eq!("2024".parse::<Span>()?.year(), Some(2024));
/// # Ok::<(), dostyk_core_model::period::PeriodError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Span {
    /// A calendar period: year, quarter, month, dekad or day.
    Period(Period),
    /// January through a month of one year.
    YearToDate(YearToDate),
    /// An ICWC water-allocation season.
    Season(IcwcSeason),
    /// Twelve months from a month other than January (a July–June grain season).
    MarketingYear(MarketingYear),
    /// From one period to a later one of the same kind (several years, a run of days).
    Range(PeriodRange),
}

impl Span {
    /// The span from `first` to `last`, both included, written the one way it is read back:
    /// the period itself when `first == last`, the year-to-date span for months from January
    /// to a month of the same year, otherwise a [`PeriodRange`].
    pub fn between(first: Period, last: Period) -> Result<Span, PeriodError> {
        if first == last {
            return Ok(Span::Period(first));
        }
        let range = PeriodRange::new(first, last)?;
        if first.kind() == PeriodKind::Month
            && first.month_number() == Some(1)
            && first.calendar_year() == last.calendar_year()
            && let Some(month) = last.month_number()
        {
            return YearToDate::new(first.calendar_year(), month).map(Span::YearToDate);
        }
        Ok(Span::Range(range))
    }

    /// The days covered, as a half-open range. `None` only for a season built with a year
    /// outside chrono's calendar (every span read from text has a range).
    pub fn range(&self) -> Option<DateRange> {
        match self {
            Span::Period(p) => Some(p.range()),
            Span::YearToDate(y) => Some(y.range()),
            Span::Season(s) => s.range(),
            Span::MarketingYear(m) => Some(m.range()),
            Span::Range(r) => Some(r.range()),
        }
    }

    /// The first day covered (see [`Span::range`] for `None`).
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.range().map(|r| r.start)
    }

    /// The last day covered (see [`Span::range`] for `None`).
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.range().and_then(|r| r.last_day())
    }

    /// The number of days covered (0 for a span without a [`Span::range`]).
    pub fn days(&self) -> u32 {
        self.range().map_or(0, |r| r.days())
    }

    /// The calendar year, when the span is exactly one calendar year written as one (`2024`;
    /// not `2024-YTD12`, whose source stated months).
    pub fn year(&self) -> Option<i32> {
        match self {
            Span::Period(p) if p.kind() == PeriodKind::Year => Some(p.calendar_year()),
            _ => None,
        }
    }

    /// The calendar period, for a [`Span::Period`].
    pub fn as_period(&self) -> Option<Period> {
        match self {
            Span::Period(p) => Some(*p),
            _ => None,
        }
    }

    /// Whether `date` is covered.
    pub fn contains_date(&self, date: NaiveDate) -> bool {
        self.range().is_some_and(|r| r.contains(date))
    }

    /// Whether every day of `other` is covered (a span contains itself).
    pub fn contains(&self, other: &Span) -> bool {
        match (self.range(), other.range()) {
            (Some(a), Some(b)) => a.start <= b.start && b.end <= a.end,
            _ => false,
        }
    }

    /// Whether the two spans share at least one day.
    pub fn overlaps(&self, other: &Span) -> bool {
        match (self.range(), other.range()) {
            (Some(a), Some(b)) => a.intersect(&b).is_some(),
            _ => false,
        }
    }

    /// The form's place in the table of the type docs, for ordering.
    fn rank(&self) -> u8 {
        match self {
            Span::Period(_) => 0,
            Span::YearToDate(_) => 1,
            Span::Season(_) => 2,
            Span::MarketingYear(_) => 3,
            Span::Range(_) => 4,
        }
    }
}

impl Ord for Span {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |s: &Span| {
            let range = s.range();
            (
                range.map(|r| r.start),
                Reverse(range.map(|r| r.end)),
                s.rank(),
            )
        };
        key(self)
            .cmp(&key(other))
            .then_with(|| match (self, other) {
                (Span::Period(a), Span::Period(b)) => a.cmp(b),
                (Span::YearToDate(a), Span::YearToDate(b)) => a.cmp(b),
                (Span::Season(a), Span::Season(b)) => a.cmp(b),
                (Span::MarketingYear(a), Span::MarketingYear(b)) => a.cmp(b),
                (Span::Range(a), Span::Range(b)) => a.cmp(b),
                // Different forms have different ranks, compared above.
                _ => Ordering::Equal,
            })
    }
}

impl PartialOrd for Span {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Span::Period(p) => fmt::Display::fmt(p, f),
            Span::YearToDate(y) => fmt::Display::fmt(y, f),
            Span::Season(s) => fmt::Display::fmt(s, f),
            Span::MarketingYear(m) => fmt::Display::fmt(m, f),
            Span::Range(r) => fmt::Display::fmt(r, f),
        }
    }
}

impl FromStr for Span {
    type Err = PeriodError;

    /// Reads any form of the table in the type docs. The form is told by its marks: a
    /// `growing-` prefix, `-MY`, `YTD`, then `/`; anything else must be a [`Period`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let s = text.trim();
        if s.starts_with("growing-") || s.starts_with("non-growing-") {
            return s.parse().map(Span::Season);
        }
        if s.contains("-MY") {
            return s.parse().map(Span::MarketingYear);
        }
        if s.contains("YTD") {
            return s.parse().map(Span::YearToDate);
        }
        // A part of the wrong form makes the whole text of no accepted form.
        let whole = |e: PeriodError| match e {
            PeriodError::Syntax { .. } => PeriodError::SpanSyntax {
                text: text.to_owned(),
            },
            other => other,
        };
        if let Some((first, last)) = s.split_once('/') {
            let first: Period = first.parse().map_err(whole)?;
            let last: Period = last.parse().map_err(whole)?;
            return Span::between(first, last);
        }
        s.parse().map(Span::Period).map_err(whole)
    }
}

crate::text_serde::serde_as_text!(Span);

impl From<Period> for Span {
    fn from(p: Period) -> Self {
        Span::Period(p)
    }
}

impl From<YearToDate> for Span {
    fn from(y: YearToDate) -> Self {
        Span::YearToDate(y)
    }
}

impl From<IcwcSeason> for Span {
    fn from(s: IcwcSeason) -> Self {
        Span::Season(s)
    }
}

impl From<MarketingYear> for Span {
    fn from(m: MarketingYear) -> Self {
        Span::MarketingYear(m)
    }
}

impl From<PeriodRange> for Span {
    fn from(r: PeriodRange) -> Self {
        Span::Range(r)
    }
}

/// Twelve months from the first day of month `start_month` of `start_year`: a marketing
/// (crop) year such as the July–June grain season.
///
/// Text form `YYYY/YY-MYmm`: the two calendar years it spans, as grain statistics write them,
/// and the month it starts in, because marketing years differ by crop and by agency (wheat
/// July–June, cotton August–July, sugar October–September). `2022/23-MY07` is 1 July 2022 to
/// 30 June 2023. A year starting in January is a calendar year and is refused
/// ([`PeriodError::StartMonth`]): write `YYYY`.
///
/// ```
/// use dostyk_core_model::period::MarketingYear;
///
/// let wheat = MarketingYear::new(2022, 7)?;
/// assert_eq!(wheat.to_string(), "2022/23-MY07");
/// assert_eq!(wheat.label(), "2022/23 Jul\u{2013}Jun");
/// assert_eq!(wheat.months().len(), 12);
/// assert_eq!("2022/23-MY07".parse::<MarketingYear>()?, wheat);
/// assert!("2022/24-MY07".parse::<MarketingYear>().is_err()); // not consecutive years
/// # Ok::<(), dostyk_core_model::period::PeriodError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MarketingYear {
    start_year: i32,
    start_month: u8,
}

impl MarketingYear {
    /// The marketing year that starts in month `start_month` (2–12) of `start_year`; it must
    /// end by year 9999.
    pub fn new(start_year: i32, start_month: u32) -> Result<Self, PeriodError> {
        let start_year = check_year(start_year)?;
        if start_year == MAX_YEAR {
            return Err(PeriodError::Year {
                year: start_year.saturating_add(1),
            });
        }
        if !(2..=12).contains(&start_month) {
            return Err(PeriodError::StartMonth { month: start_month });
        }
        Ok(Self {
            start_year,
            start_month: check_month(start_month)?,
        })
    }

    /// The calendar year it starts in.
    pub fn start_year(&self) -> i32 {
        self.start_year
    }

    /// The month it starts in (2–12).
    pub fn start_month(&self) -> u32 {
        u32::from(self.start_month)
    }

    /// The last month it covers (1–11): the month before [`MarketingYear::start_month`].
    pub fn last_month(&self) -> u32 {
        (self.start_month() + 10) % 12 + 1
    }

    /// The two calendar years it spans, as grain statistics write them: `2022/23`.
    pub fn years(&self) -> String {
        format!(
            "{:04}/{:02}",
            self.start_year,
            (self.start_year.rem_euclid(100) + 1) % 100
        )
    }

    /// Its twelve months, in order.
    pub fn months(&self) -> Vec<Period> {
        (0..12u32)
            .map(|i| {
                let index = self.start_month() - 1 + i;
                let year = self.start_year + i32::from(u8::from(index >= 12));
                Period::month(year, index % 12 + 1).expect("a checked marketing year")
            })
            .collect()
    }

    /// The year as a half-open date range.
    pub fn range(&self) -> DateRange {
        DateRange {
            start: month_start(self.start_year, self.start_month()),
            end: month_start(self.start_year + 1, self.start_month()),
        }
    }

    /// English label such as `2022/23 Jul–Jun`.
    pub fn label(&self) -> String {
        let month = |m: u32| MONTH_ABBR[m as usize - 1];
        format!(
            "{} {}\u{2013}{}",
            self.years(),
            month(self.start_month()),
            month(self.last_month())
        )
    }
}

impl fmt::Display for MarketingYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-MY{:02}", self.years(), self.start_month)
    }
}

impl FromStr for MarketingYear {
    type Err = PeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let syntax = || PeriodError::MarketingYearSyntax {
            text: text.to_owned(),
        };
        let (years, month) = text.trim().split_once("-MY").ok_or_else(syntax)?;
        let (first, second) = years.split_once('/').ok_or_else(syntax)?;
        let first = digits(first, 4).ok_or_else(syntax)? as i32;
        let second = digits(second, 2).ok_or_else(syntax)? as i32;
        let month = digits(month, 2).ok_or_else(syntax)?;
        if second != (first + 1).rem_euclid(100) {
            return Err(syntax());
        }
        MarketingYear::new(first, month)
    }
}

crate::text_serde::serde_as_text!(MarketingYear);

/// From the first day of one period to the last day of a later period of the same kind.
///
/// Text form `FIRST/LAST` (the ISO 8601 interval of two dates, at any precision): `2021/2025`
/// for five calendar years, `2022-07/2023-05` for eleven months, `2023-10-01/2025-09-30` for a
/// contract term. Build one through [`Span::between`] to get the canonical [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PeriodRange {
    first: Period,
    last: Period,
}

impl PeriodRange {
    /// The range from `first` to `last`, both of one kind, `first` not after `last`.
    pub fn new(first: Period, last: Period) -> Result<Self, PeriodError> {
        if first.kind() != last.kind() {
            return Err(PeriodError::RangeKinds {
                first: first.kind(),
                last: last.kind(),
            });
        }
        if last < first {
            return Err(PeriodError::RangeOrder { first, last });
        }
        Ok(Self { first, last })
    }

    /// The first period.
    pub fn first(&self) -> Period {
        self.first
    }

    /// The last period (included).
    pub fn last(&self) -> Period {
        self.last
    }

    /// The range as a half-open date range.
    pub fn range(&self) -> DateRange {
        DateRange {
            start: self.first.first_day(),
            end: self.last.range().end,
        }
    }
}

impl fmt::Display for PeriodRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.first, self.last)
    }
}

/// Reads the cell `field` of `row` as a span or period (`T` is [`Span`], [`Period`],
/// [`YearToDate`], [`IcwcSeason`] or [`MarketingYear`]), with an error that names the file,
/// line and field:
///
/// - a text of no accepted form: `found "…"; expected {expected}`;
/// - a text of a form `T` recognises but gets wrong (`2023-YTD1`, `non-growing-2024-26`):
///   that form's own message;
/// - a text of an accepted form with a part that does not exist:
///   `"2023-13" is out of range: month 13 does not exist: expected 1 to 12`.
///
/// ```
/// use dostyk_core_model::period::{Span, parse_cell, SPAN_FORMS};
/// use dostyk_core_model::read::{Column, Layout, Table};
///
/// const LAYOUT: Layout = Layout::new(&[Column::required("period")]);
/// let mut table = Table::new("period\n2023-13\n", "facts.csv", &LAYOUT)?;
/// let row = table.next_row().unwrap()?;
/// let e = parse_cell::<Span>(&row, "period", SPAN_FORMS).unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "facts.csv, line 2, field \"period\": \"2023-13\" is out of range: month 13 does not exist: expected 1 to 12"
/// );
/// # Ok::<(), dostyk_core_model::read::ReadError>(())
/// ```
pub fn parse_cell<T>(row: &Row<'_, '_>, field: &str, expected: &str) -> Result<T, ReadError>
where
    T: FromStr<Err = PeriodError>,
{
    let text = row.get(field);
    text.parse().map_err(|e: PeriodError| match e {
        PeriodError::Syntax { .. } | PeriodError::SpanSyntax { .. } => {
            row.value_error(field, expected)
        }
        e if e.is_form_error() => row.invalid(field, e.to_string()),
        reason => row.invalid(field, format!("\"{text}\" is out of range: {reason}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(text: &str) -> Span {
        text.parse().unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_form_parses_and_displays_canonically() {
        for text in [
            "2023",
            "2023-Q1",
            "2023-11",
            "2023-11-D2",
            "2023-11-27",
            "2023-YTD08",
            "growing-2024",
            "non-growing-2025-26",
            "2022/23-MY07",
            "1999/00-MY10",
            "2021/2025",
            "2022-07/2023-05",
            "2023-10-01/2025-09-30",
            "2023-Q2/2024-Q1",
        ] {
            assert_eq!(s(text).to_string(), text);
            assert_eq!(s(&format!("  {text} ")).to_string(), text);
        }
        assert_eq!(s("2023-q4").to_string(), "2023-Q4");
        assert!(matches!(s("2023-YTD08"), Span::YearToDate(_)));
        assert!(matches!(s("growing-2024"), Span::Season(_)));
        assert!(matches!(s("2022/23-MY07"), Span::MarketingYear(_)));
        assert!(matches!(s("2021/2025"), Span::Range(_)));
    }

    #[test]
    fn two_spellings_of_one_span_read_as_one() {
        assert_eq!(s("2023-01/2023-11"), s("2023-YTD11"));
        assert_eq!(s("2023-01/2023-01"), s("2023-01"));
        assert_eq!(s("2023/2023"), s("2023"));
        // Months from February are a range, not a year to date.
        assert_eq!(s("2023-02/2023-11").to_string(), "2023-02/2023-11");
        // January to a month of the next year is a range too.
        assert_eq!(s("2023-01/2024-02").to_string(), "2023-01/2024-02");
    }

    #[test]
    fn bad_forms_say_what_is_wrong() {
        let err = |t: &str| t.parse::<Span>().unwrap_err();
        for bad in [
            "",
            "last year",
            "2023 Jan-Nov",
            "23-11",
            "2023-11/",
            "/2023",
            "2022/23",
        ] {
            assert!(
                matches!(err(bad), PeriodError::SpanSyntax { .. }),
                "{bad}: {:?}",
                err(bad)
            );
        }
        assert_eq!(
            err("27.11.2023").to_string(),
            format!("\"27.11.2023\" is not a period: expected {FORMS}")
        );
        assert!(matches!(err("2023-13"), PeriodError::Month { month: 13 }));
        assert!(matches!(
            err("2023-YTD13"),
            PeriodError::ThroughMonth { month: 13 }
        ));
        assert!(matches!(
            err("2023-YTD1"),
            PeriodError::YearToDateSyntax { .. }
        ));
        assert!(matches!(
            err("non-growing-2024-26"),
            PeriodError::SeasonSyntax { .. }
        ));
        assert!(matches!(
            err("2022/24-MY07"),
            PeriodError::MarketingYearSyntax { .. }
        ));
        assert!(matches!(
            err("2022/23-MY7"),
            PeriodError::MarketingYearSyntax { .. }
        ));
        assert!(matches!(
            err("2022/23-MY01"),
            PeriodError::StartMonth { month: 1 }
        ));
        assert!(matches!(
            err("2022/23-MY13"),
            PeriodError::StartMonth { month: 13 }
        ));
        assert!(matches!(
            err("9999/00-MY07"),
            PeriodError::Year { year: 10000 }
        ));
        assert!(matches!(
            err("2023/2024-05"),
            PeriodError::RangeKinds {
                first: PeriodKind::Year,
                last: PeriodKind::Month
            }
        ));
        assert!(matches!(err("2025/2021"), PeriodError::RangeOrder { .. }));
        assert_eq!(
            err("2025/2021").to_string(),
            "the range 2025/2021 ends before it starts: write the earlier period first"
        );
        assert!(matches!(
            err("2023-02-30/2023-03-01"),
            PeriodError::Day { .. }
        ));
        for e in [err("2022/24-MY07"), err("2025/2021"), err("growing-24")] {
            assert!(e.is_form_error(), "{e}");
        }
        for e in [err("2022/23-MY01"), err("2023-13"), err("0000")] {
            assert!(!e.is_form_error(), "{e}");
        }
    }

    #[test]
    fn ranges_and_lengths() {
        let wheat = s("2022/23-MY07");
        assert_eq!(wheat.first_day(), Some(d(2022, 7, 1)));
        assert_eq!(wheat.last_day(), Some(d(2023, 6, 30)));
        assert_eq!(wheat.days(), 365);
        assert_eq!(s("2023/24-MY07").days(), 366);
        assert_eq!(s("2023-YTD08").days(), 243);
        assert_eq!(s("2021/2025").days(), 1826);
        assert_eq!(s("2023-10-01/2025-09-30").days(), 731);
        assert_eq!(s("non-growing-2025-26").days(), 182);
        let months = MarketingYear::new(2022, 7).unwrap().months();
        assert_eq!(months.first().unwrap().to_string(), "2022-07");
        assert_eq!(months.last().unwrap().to_string(), "2023-06");
        let december = MarketingYear::new(2022, 12).unwrap();
        assert_eq!(december.label(), "2022/23 Dec\u{2013}Nov");
        assert_eq!((december.start_month(), december.last_month()), (12, 11));
        assert_eq!(MarketingYear::new(2022, 2).unwrap().last_month(), 1);
        assert_eq!(MarketingYear::new(1999, 10).unwrap().years(), "1999/00");
        assert_eq!(s("9998/99-MY12").last_day(), Some(d(9999, 11, 30)));
        assert_eq!(s("9990/9999").last_day(), Some(d(9999, 12, 31)));
    }

    #[test]
    fn year_is_only_a_whole_calendar_year_written_as_one() {
        assert_eq!(s("2024").year(), Some(2024));
        assert_eq!(s("2024-YTD12").year(), None);
        assert_eq!(s("2024-Q1").year(), None);
        assert_eq!(s("2024/2025").year(), None);
        assert_eq!(s("2024-Q1").as_period().unwrap().to_string(), "2024-Q1");
        assert_eq!(s("growing-2024").as_period(), None);
    }

    #[test]
    fn contains_and_overlaps() {
        let wheat = s("2022/23-MY07");
        assert!(wheat.contains(&wheat));
        assert!(wheat.contains(&s("2022-07")));
        assert!(wheat.contains(&s("2023-Q2")));
        assert!(wheat.contains(&s("2023-YTD06")));
        assert!(!wheat.contains(&s("2023-YTD07")));
        assert!(!wheat.contains(&s("2022")));
        assert!(wheat.overlaps(&s("2022")) && wheat.overlaps(&s("2023-YTD08")));
        assert!(!wheat.overlaps(&s("2023-07")));
        assert!(!wheat.overlaps(&s("2022-06-30")));
        assert!(s("2021/2025").contains(&s("growing-2024")));
        assert!(s("2023-10-01/2025-09-30").contains(&s("2024/25-MY07")));
        assert!(wheat.contains_date(d(2023, 6, 30)) && !wheat.contains_date(d(2023, 7, 1)));
        assert!(s("non-growing-2023-24").overlaps(&s("2024-Q1")));
        let outside = Span::Season(IcwcSeason::Growing { year: i32::MAX });
        assert_eq!(outside.range(), None);
        assert!(!outside.contains(&outside) && !outside.overlaps(&wheat));
        assert_eq!(outside.days(), 0);
    }

    #[test]
    fn ordering_is_by_start_then_longer_first_then_form() {
        let mut v: Vec<Span> = [
            "2023-07",
            "2023-YTD03",
            "2023-Q1",
            "2023/24-MY07",
            "2022/23-MY07",
            "2023",
            "2023/2024",
            "growing-2023",
            "2022-07-01",
            "2023-01-01",
        ]
        .iter()
        .map(|t| s(t))
        .collect();
        v.sort();
        let text: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "2022/23-MY07",
                "2022-07-01",
                "2023/2024",
                "2023",
                "2023-Q1",
                "2023-YTD03",
                "2023-01-01",
                "growing-2023",
                "2023/24-MY07",
                "2023-07",
            ]
        );
    }

    #[test]
    fn serde_uses_the_text_form() {
        let spans = [
            s("2023"),
            s("2023-YTD08"),
            s("2022/23-MY07"),
            s("2021/2025"),
        ];
        let json = serde_json::to_string(&spans).unwrap();
        assert_eq!(json, r#"["2023","2023-YTD08","2022/23-MY07","2021/2025"]"#);
        let back: Vec<Span> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, spans);
        assert!(serde_json::from_str::<Span>(r#""2022/23-MY01""#).is_err());
    }

    #[test]
    fn cells_are_read_with_file_line_and_field() {
        use crate::read::{Column, Layout, Table};
        const LAYOUT: Layout = Layout::new(&[Column::required("p")]);
        let text = "p\n2022/23-MY07\nsoon\n2023-13\n2023-YTD1\n2022/23-MY01\n2025/2021\n";
        let mut table = Table::new(text, "t.csv", &LAYOUT).unwrap();
        let mut got = Vec::new();
        while let Some(row) = table.next_row() {
            let row = row.unwrap();
            got.push(match parse_cell::<Span>(&row, "p", "a span") {
                Ok(span) => span.to_string(),
                Err(e) => e.to_string(),
            });
        }
        assert_eq!(
            got,
            [
                "2022/23-MY07",
                "t.csv, line 3, field \"p\": found \"soon\"; expected a span",
                "t.csv, line 4, field \"p\": \"2023-13\" is out of range: month 13 does not exist: expected 1 to 12",
                "t.csv, line 5, field \"p\": \"2023-YTD1\" is not a year-to-date span: expected YYYY-YTDmm, e.g. 2023-YTD11 for January to November 2023",
                "t.csv, line 6, field \"p\": \"2022/23-MY01\" is out of range: a marketing year starting in month 1 does not exist: expected 2 to 12 (one starting in January is the calendar year: write YYYY)",
                "t.csv, line 7, field \"p\": the range 2025/2021 ends before it starts: write the earlier period first",
            ]
        );
    }

    fn any_period() -> impl Strategy<Value = Period> {
        let kind = prop_oneof![
            Just(PeriodKind::Year),
            Just(PeriodKind::Quarter),
            Just(PeriodKind::Month),
            Just(PeriodKind::Dekad),
            Just(PeriodKind::Day),
        ];
        // Days from 0001-01-01 to 9999-12-31.
        (0u64..3_652_059, kind).prop_map(|(offset, kind)| {
            Period::containing(d(1, 1, 1) + chrono::Days::new(offset), kind).unwrap()
        })
    }

    fn any_span() -> impl Strategy<Value = Span> {
        let period = any_period().prop_map(Span::Period);
        let ytd = (1..=MAX_YEAR, 1u32..=12)
            .prop_map(|(y, m)| Span::YearToDate(YearToDate::new(y, m).unwrap()));
        let season = (1..MAX_YEAR, any::<bool>()).prop_map(|(y, growing)| {
            Span::Season(if growing {
                IcwcSeason::Growing { year: y }
            } else {
                IcwcSeason::NonGrowing { start_year: y }
            })
        });
        let marketing = (1..MAX_YEAR, 2u32..=12)
            .prop_map(|(y, m)| Span::MarketingYear(MarketingYear::new(y, m).unwrap()));
        let range = (any_period(), 0u32..400).prop_map(|(p, steps)| {
            let mut last = p;
            for _ in 0..steps {
                last = last.succ().unwrap_or(last);
            }
            Span::between(p, last).unwrap()
        });
        prop_oneof![period, ytd, season, marketing, range]
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(span in any_span()) {
            prop_assert_eq!(span.to_string().parse::<Span>().unwrap(), span);
        }

        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,40}") {
            let _ = text.parse::<Span>();
            let _ = text.parse::<MarketingYear>();
        }

        #[test]
        fn never_panics_on_span_like_text(
            a in any::<i64>(),
            b in any::<i64>(),
            m in any::<u32>(),
            sep in prop::sample::select(vec!["/", "-MY", "-YTD", "-", "/", "-Q"]),
        ) {
            for text in [
                format!("{a}{sep}{b}"),
                format!("{a:04}/{b:02}-MY{m:02}"),
                format!("{a}-{m:02}/{b}-{m:02}"),
                format!("{:04}/{:02}-MY{:02}", a.rem_euclid(10_000), b.rem_euclid(100), m % 100),
            ] {
                if let Ok(span) = text.parse::<Span>() {
                    prop_assert_eq!(span.to_string().parse::<Span>().unwrap(), span);
                    prop_assert!(span.range().is_some());
                }
            }
        }

        #[test]
        fn extreme_years_never_panic(year in prop_oneof![Just(i32::MIN), Just(i32::MAX), Just(0), Just(-1), Just(MAX_YEAR), Just(MAX_YEAR + 1), any::<i32>()], month in any::<u32>()) {
            let _ = MarketingYear::new(year, month);
            let _ = YearToDate::new(year, month);
            for season in [IcwcSeason::Growing { year }, IcwcSeason::NonGrowing { start_year: year }] {
                let span = Span::Season(season);
                let _ = (span.range(), span.days(), span.contains(&span), season.water_year());
                // The text is read back as the same season, or refused, never a panic.
                if let Ok(back) = span.to_string().parse::<Span>() {
                    prop_assert_eq!(back, span);
                }
            }
            let water = crate::period::WaterYear { start_year: year };
            let _ = (water.to_string(), water.range(), water.seasons());
        }

        #[test]
        fn order_agrees_with_equality_and_days(a in any_span(), b in any_span()) {
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b);
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            if a.first_day() < b.first_day() {
                prop_assert!(a < b);
            }
        }

        #[test]
        fn contains_implies_overlaps_and_is_by_days(a in any_span(), b in any_span()) {
            let (ra, rb) = (a.range().unwrap(), b.range().unwrap());
            prop_assert_eq!(a.contains(&b), ra.start <= rb.start && rb.end <= ra.end);
            prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
            if a.contains(&b) {
                prop_assert!(a.overlaps(&b));
                prop_assert!(a.days() >= b.days());
            }
            prop_assert!(a.contains(&a) && a.overlaps(&a));
        }
    }
}
