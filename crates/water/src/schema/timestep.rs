//! pywr's timestep lengths (`timestepper.timestep`) and the periods they cut the simulated span
//! into, as pandas' `period_range(start, end, freq)` does.
//!
//! A whole number of days (`7`, `"7D"`) starts its periods on `start`; a calendar frequency
//! (`"W"`, `"W-THU"`, `"M"`, `"Y"`) uses the calendar week, month or year that contains `start`,
//! so the first period may begin before it. pywr's timestep `day`, `month` and day of year are
//! those of the period's *first* day for a number of days and of its *last* day for a calendar
//! frequency (pandas' `Period` attributes).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde_json::Value as Json;

/// The length of one timestep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A whole number of days (at least 1); `Days(1)` is pywr's default, daily steps.
    Days(u32),
    /// Calendar weeks ending on the given weekday (pandas `W-MON` … `W-SUN`; `W` is `W-SUN`).
    WeeksEnding(Weekday),
    /// Calendar months (pandas `M`).
    Months,
    /// Calendar years (pandas `Y`, `A`).
    Years,
}

impl Default for Step {
    fn default() -> Self {
        Step::Days(1)
    }
}

/// The weekday suffixes pandas accepts after `W-`.
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("MON", Weekday::Mon),
    ("TUE", Weekday::Tue),
    ("WED", Weekday::Wed),
    ("THU", Weekday::Thu),
    ("FRI", Weekday::Fri),
    ("SAT", Weekday::Sat),
    ("SUN", Weekday::Sun),
];

/// What `timestepper.timestep` may be (for error messages).
pub(crate) const SUPPORTED: &str = "a whole number of days of at least 1 (e.g. 7), or a pandas frequency \"D\", \"7D\", \"W\", \"W-MON\" … \"W-SUN\", \"M\" or \"Y\"";

impl Step {
    /// Reads `timestepper.timestep`: a JSON integer or a pandas frequency string; `None` if
    /// it is neither (the caller names the field).
    pub(crate) fn from_json(v: &Json) -> Option<Step> {
        match v {
            Json::Number(n) => n
                .as_u64()
                .and_then(|d| u32::try_from(d).ok())
                .filter(|&d| d >= 1)
                .map(Step::Days),
            Json::String(s) => Step::from_frequency(s),
            _ => None,
        }
    }

    fn from_frequency(s: &str) -> Option<Step> {
        let upper = s.to_ascii_uppercase();
        match upper.as_str() {
            "M" | "ME" => return Some(Step::Months),
            "Y" | "A" | "Y-DEC" | "A-DEC" | "YE" | "YE-DEC" => return Some(Step::Years),
            "W" => return Some(Step::WeeksEnding(Weekday::Sun)),
            _ => {}
        }
        if let Some(day) = upper.strip_prefix("W-") {
            return WEEKDAYS
                .iter()
                .find(|(name, _)| *name == day)
                .map(|&(_, w)| Step::WeeksEnding(w));
        }
        let count = upper.strip_suffix('D')?;
        if count.is_empty() {
            return Some(Step::Days(1));
        }
        if !count.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        count
            .parse::<u32>()
            .ok()
            .filter(|&d| d >= 1)
            .map(Step::Days)
    }

    /// The value written back to `timestepper.timestep`.
    pub(crate) fn to_json(self) -> Json {
        match self {
            Step::Days(d) => Json::from(d),
            Step::WeeksEnding(w) => {
                let name = WEEKDAYS
                    .iter()
                    .find(|(_, x)| *x == w)
                    .map_or("SUN", |p| p.0);
                Json::from(format!("W-{name}"))
            }
            Step::Months => Json::from("M"),
            Step::Years => Json::from("Y"),
        }
    }

    /// The period of a calendar step that contains `date`, as (first day, last day); `None`
    /// for a number of days (its periods depend on the start) or beyond chrono's dates.
    fn calendar_period(self, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Step::Days(_) => None,
            Step::WeeksEnding(w) => {
                let ahead =
                    (7 + w.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
                let last = date.checked_add_days(Days::new(u64::from(ahead)))?;
                Some((last.checked_sub_days(Days::new(6))?, last))
            }
            Step::Months => {
                let first = date.with_day(1)?;
                let next = first.checked_add_months(chrono::Months::new(1))?;
                Some((first, next.pred_opt()?))
            }
            Step::Years => Some((
                NaiveDate::from_ymd_opt(date.year(), 1, 1)?,
                NaiveDate::from_ymd_opt(date.year(), 12, 31)?,
            )),
        }
    }
}

/// One timestep: the days it covers and the day pywr's calendar attributes refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestep {
    /// Its first day (the date its results are written under, as pywr's `to_timestamp()`).
    pub start: NaiveDate,
    /// How many days it covers (pywr's `timestep.days`).
    pub days: u32,
    /// The day whose month, day of month and day of year pywr's `Timestep` reports (the
    /// first day for a number of days, the last day for a calendar week, month or year).
    pub calendar: NaiveDate,
}

impl Timestep {
    /// Its last day.
    pub fn last(&self) -> NaiveDate {
        self.start
            .checked_add_days(Days::new(u64::from(self.days) - 1))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// pandas' `period_range(start, end, freq)`: every period from the one containing `start` to
/// the one containing `end` (for a number of days: every `days`-th day from `start` on or
/// before `end`). Stops early at the end of chrono's calendar.
pub(crate) fn periods(start: NaiveDate, end: NaiveDate, step: Step) -> Vec<Timestep> {
    let mut out = Vec::new();
    if let Step::Days(n) = step {
        let mut day = Some(start);
        while let Some(s) = day.filter(|d| *d <= end) {
            out.push(Timestep {
                start: s,
                days: n,
                calendar: s,
            });
            day = s.checked_add_days(Days::new(u64::from(n)));
        }
        return out;
    }
    let mut at = Some(start);
    while let Some((first, last)) = at.and_then(|d| step.calendar_period(d)) {
        if first > end {
            break;
        }
        let days = (last - first).num_days() + 1;
        out.push(Timestep {
            start: first,
            days: u32::try_from(days).unwrap_or(u32::MAX),
            calendar: last,
        });
        at = last.succ_opt();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn frequencies_pywr_accepts_are_read() {
        assert_eq!(Step::from_json(&json!(1)), Some(Step::Days(1)));
        assert_eq!(Step::from_json(&json!(7)), Some(Step::Days(7)));
        assert_eq!(Step::from_json(&json!("7D")), Some(Step::Days(7)));
        assert_eq!(Step::from_json(&json!("d")), Some(Step::Days(1)));
        assert_eq!(Step::from_json(&json!("M")), Some(Step::Months));
        assert_eq!(Step::from_json(&json!("Y")), Some(Step::Years));
        assert_eq!(
            Step::from_json(&json!("W-THU")),
            Some(Step::WeeksEnding(Weekday::Thu))
        );
        assert_eq!(
            Step::from_json(&json!("W")),
            Some(Step::WeeksEnding(Weekday::Sun))
        );
    }

    #[test]
    fn other_values_are_refused() {
        for v in [
            json!(0),
            json!(-7),
            json!(7.5),
            json!(1e308),
            json!("MS"),
            json!("2M"),
            json!("0D"),
            json!("-1D"),
            json!("W-XYZ"),
            json!("H"),
            json!(""),
            json!(null),
            json!(99_999_999_999u64),
        ] {
            assert_eq!(Step::from_json(&v), None, "{v}");
        }
    }

    #[test]
    fn written_back_as_read() {
        for s in [
            Step::Days(1),
            Step::Days(7),
            Step::Months,
            Step::Years,
            Step::WeeksEnding(Weekday::Thu),
        ] {
            assert_eq!(Step::from_json(&s.to_json()), Some(s));
        }
    }

    // The expected periods are pandas 2.3's `period_range("2015-01-01", "2015-03-10", freq)`.
    #[test]
    fn periods_match_pandas_period_range() {
        let (s, e) = (day(2015, 1, 1), day(2015, 3, 10));
        let p = periods(s, e, Step::Days(7));
        assert_eq!(p.len(), 10);
        assert_eq!(p[9].start, day(2015, 3, 5));
        assert_eq!((p[0].days, p[0].calendar), (7, s));

        let p = periods(s, e, Step::Months);
        assert_eq!(p.len(), 3);
        assert_eq!(
            (p[0].start, p[0].days, p[0].calendar),
            (s, 31, day(2015, 1, 31))
        );
        assert_eq!(p[1].days, 28);

        let p = periods(s, e, Step::WeeksEnding(Weekday::Thu));
        assert_eq!(p.len(), 11);
        assert_eq!((p[0].start, p[0].calendar), (day(2014, 12, 26), s));
        assert_eq!(p[10].start, day(2015, 3, 6));

        let p = periods(s, e, Step::WeeksEnding(Weekday::Sun));
        assert_eq!((p.len(), p[0].start), (11, day(2014, 12, 29)));

        let p = periods(s, e, Step::Years);
        assert_eq!(
            (p.len(), p[0].days, p[0].calendar),
            (1, 365, day(2015, 12, 31))
        );
    }

    #[test]
    fn periods_stop_at_the_end_of_the_calendar() {
        let p = periods(NaiveDate::MAX, NaiveDate::MAX, Step::Days(u32::MAX));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].last(), NaiveDate::MAX);
        assert_eq!(
            periods(NaiveDate::MAX, NaiveDate::MAX, Step::Years).len(),
            1
        );
        let daily = periods(day(2024, 1, 1), day(2024, 12, 31), Step::Days(1));
        assert_eq!(daily.len(), 366);
        assert!(daily.iter().all(|p| p.calendar == p.start && p.days == 1));
    }

    proptest::proptest! {
        // Any string or number is read or refused, never a panic; every period is contiguous
        // with the next, covers `days` days and the span from start to end.
        #[test]
        fn any_timestep_is_read_or_refused_and_periods_tile_the_span(
            text in ".{0,12}",
            n in proptest::prelude::any::<u64>(),
            from in 0i64..40_000,
            span in 0i64..800,
            kind in 0usize..5,
        ) {
            let _ = Step::from_json(&Json::from(text));
            let _ = Step::from_json(&Json::from(n));
            let start = day(1900, 1, 1) + chrono::Duration::days(from);
            let end = start + chrono::Duration::days(span);
            let step = [Step::Days(1), Step::Days(10), Step::Months, Step::Years,
                Step::WeeksEnding(Weekday::Wed)][kind];
            let p = periods(start, end, step);
            proptest::prop_assert!(p[0].start <= start && p[p.len() - 1].start <= end);
            proptest::prop_assert!(p[p.len() - 1].last() >= end);
            for w in p.windows(2) {
                proptest::prop_assert_eq!(w[0].last().succ_opt(), Some(w[1].start));
            }
        }
    }
}
