//! How late a recorded date may be: the date of something that has happened (a statement, a
//! target's statement, a dataset's `as_of`) cannot lie years ahead. A date in 2099 or 9999 is a
//! typing error (2099 for 2029, 9999 for "unknown"), and taken as written it would win every
//! "latest statement" and "in force on" comparison.

use chrono::{DateTime, Datelike, NaiveDate};

/// The last year a recorded date may fall in: the year after the current one, by the system
/// clock (UTC). A year of slack allows a dataset prepared ahead of a meeting and clocks that
/// are off; anything later is refused.
pub fn latest_recorded_year() -> i32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    DateTime::from_timestamp(now, 0).map_or(1970, |t| t.year()) + 1
}

/// `Ok` when `date` is no later than the end of [`latest_recorded_year`]; otherwise what is
/// wrong, naming `what` the date is (e.g. "a statement's date"), for an error message.
pub fn check_recorded_date(date: NaiveDate, what: &str) -> Result<(), String> {
    let last = latest_recorded_year();
    if date.year() > last {
        // The year itself is left out so a message (and a test of it) reads the same every year.
        Err(format!(
            "{date} is in the future: {what} can be no later than the end of next year (by the system clock); check the year"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_up_to_the_end_of_next_year_are_recorded_dates() {
        let last = latest_recorded_year();
        assert!(last >= 2027, "the clock says {last}");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(check_recorded_date(day(last, 12, 31), "a statement's date").is_ok());
        assert!(check_recorded_date(day(2010, 1, 1), "a statement's date").is_ok());
        let e = check_recorded_date(day(9999, 1, 1), "a statement's date").unwrap_err();
        assert!(
            e == "9999-01-01 is in the future: a statement's date can be no later than the end of next year (by the system clock); check the year",
            "{e}"
        );
        assert!(check_recorded_date(day(last + 1, 1, 1), "a statement's date").is_err());
    }
}
