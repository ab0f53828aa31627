//! Progress rules: the growth a target requires, the path to it, where the recent trend leads,
//! and red/amber/green ratings for targets and for dated promises.
//!
//! Every rule is a plain function of its inputs and is written out, with its citation, in
//! `docs/methodology.md` under "Agenda progress rules".
//!
//! Growth rates are returned as [`Decimal`] fractions rounded to [`RATE_DECIMALS`] places, like
//! the values they derive from; a fractional power has no exact decimal value, so the power is
//! taken in `f64` from the exact decimal inputs. Values on a path or a projection are computed in `f64` from the
//! exact decimal inputs and returned as [`Decimal`] rounded to [`PATH_DECIMALS`] places, half
//! away from zero; end points that are inputs are returned exactly.
//!
//! ```
//! use dostyk_core_model::agenda::progress::{rag_status, target_path, Rag, RagThresholds};
//! use rust_decimal::Decimal;
//!
//! // $4.97bn in 2024 towards $10bn in 2030: the path asks for $5.5842bn in 2025.
//! let path = target_path(Decimal::new(497, 2), 2024, Decimal::from(10), 2030)?;
//! assert_eq!(path[1], (2025, Decimal::new(55842, 4)));
//! let rag = rag_status(Decimal::new(51, 1), path[1].1, true, &RagThresholds::default())?;
//! assert_eq!(rag, Rag::Amber); // 5.1 is below the path but within 10 % of it
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::agenda::measure::{Due, Measure, MeasureStatus};
use crate::agenda::project::{Project, ProjectStatus};

/// Decimal places of the values on a target path or a projection.
pub const PATH_DECIMALS: u32 = 4;

/// Decimal places of a growth rate returned by [`required_cagr`] (a fraction: 0.1235 is
/// 12.35 % a year).
pub const RATE_DECIMALS: u32 = 10;

/// The default last year [`year_target_reached`] looks at.
pub const DEFAULT_CAP_YEAR: i32 = 2050;

/// The default amber band: an actual within 10 % of the path value (below it for an ascending
/// indicator, above it for a descending one) is amber.
pub const DEFAULT_AMBER_FRACTION: Decimal = Decimal::from_parts(10, 0, 0, false, 2);

/// The default warning window: a promise due within 90 days on which no work is reported is
/// amber.
pub const DEFAULT_DUE_SOON_DAYS: u32 = 90;

/// What went wrong applying a progress rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProgressError {
    /// A value that must be positive for a growth rate is zero or negative.
    #[error(
        "the {what} is {value}: growth rates need positive values; check the unit and the sign"
    )]
    NonPositive {
        /// Which value ("latest value", "target", "baseline", "path value").
        what: &'static str,
        /// The value given.
        value: Decimal,
    },
    /// The target year is not after the start year.
    #[error("the target year {to} is not after the start year {from}: give a later target year")]
    YearOrder {
        /// The start year.
        from: i32,
        /// The target year.
        to: i32,
    },
    /// A history that is empty or whose years are not strictly increasing.
    #[error(
        "the history must list years in strictly increasing order, without gaps in the trend window; problem at year {year}"
    )]
    History {
        /// The first year where the order breaks (or the year missing from the trend window).
        year: i32,
    },
    /// An empty history.
    #[error("the history is empty: give at least two years of values")]
    EmptyHistory,
    /// A trend over zero years.
    #[error("a trend needs at least one year: ask for years_of_trend >= 1")]
    ZeroTrendYears,
    /// A year that the path does not cover.
    #[error(
        "the target path has no value for {year}: rate years between its baseline and target years"
    )]
    YearNotOnPath {
        /// The year asked for.
        year: i32,
    },
    /// A computation that left the range of numbers.
    #[error("the computation overflowed: the values or the number of years are too large")]
    Overflow,
}

/// `(target / latest)^(1 / (target_year − latest_year)) − 1`: the compound annual growth rate
/// that takes `latest` (in `latest_year`) to `target` (in `target_year`).
///
/// Returned as a fraction (0.1235 is 12.35 % a year), a [`Decimal`] like the values it derives
/// from, rounded to [`RATE_DECIMALS`] places half away from zero (a fractional power has no
/// exact decimal value; ten places are far below any rounding a report applies). Errors if
/// either value is not positive or `target_year <= latest_year`.
///
/// ```
/// # use dostyk_core_model::agenda::progress::required_cagr;
/// # use rust_decimal::Decimal;
/// let rate = required_cagr(Decimal::new(497, 2), Decimal::from(10), 2024, 2030)?;
/// assert_eq!(rate.round_dp(5), Decimal::new(12359, 5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn required_cagr(
    latest: Decimal,
    target: Decimal,
    latest_year: i32,
    target_year: i32,
) -> Result<Decimal, ProgressError> {
    let rate = growth_rate(latest, target, latest_year, target_year)?;
    Decimal::from_f64_retain(rate)
        .map(|r| r.round_dp_with_strategy(RATE_DECIMALS, RoundingStrategy::MidpointAwayFromZero))
        .ok_or(ProgressError::Overflow)
}

/// A growth rate (a fraction, as [`required_cagr`] returns it) in percent, rounded to
/// `decimals` places half away from zero, trailing zeros dropped: the one rounding rule of every
/// growth rate Dostyk shows. `None` when the percentage is beyond the range of [`Decimal`].
///
/// ```
/// # use dostyk_core_model::agenda::progress::rate_pct;
/// # use rust_decimal::Decimal;
/// assert_eq!(rate_pct(Decimal::new(123_588, 6), 2), Some(Decimal::new(1236, 2)));
/// assert_eq!(rate_pct(Decimal::new(15, 2), 1), Some(Decimal::from(15)));
/// assert_eq!(rate_pct(Decimal::MAX, 1), None);
/// ```
pub fn rate_pct(rate: Decimal, decimals: u32) -> Option<Decimal> {
    rate.checked_mul(Decimal::ONE_HUNDRED).map(|pct| {
        pct.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    })
}

/// [`required_cagr`] in `f64`, for the paths and projections that compound it further.
fn growth_rate(
    latest: Decimal,
    target: Decimal,
    latest_year: i32,
    target_year: i32,
) -> Result<f64, ProgressError> {
    let ratio = ratio(latest, "latest value", target, "target")?;
    let years = year_span(latest_year, target_year)?;
    Ok(ratio.powf(1.0 / f64::from(years)) - 1.0)
}

/// The geometric path from `baseline` in `baseline_year` to `target` in `target_year`, one value
/// per year, both ends included.
///
/// The value for year `y` is `baseline × (target / baseline)^((y − baseline_year) /
/// (target_year − baseline_year))`, i.e. growth at the constant rate [`required_cagr`]. Values
/// are rounded to [`PATH_DECIMALS`] places (half away from zero); the two ends are the inputs
/// exactly.
pub fn target_path(
    baseline: Decimal,
    baseline_year: i32,
    target: Decimal,
    target_year: i32,
) -> Result<Vec<(i32, Decimal)>, ProgressError> {
    let ratio = ratio(baseline, "baseline", target, "target")?;
    let years = year_span(baseline_year, target_year)?;
    let mut path = Vec::with_capacity(years as usize + 1);
    path.push((baseline_year, baseline));
    for k in 1..years {
        let factor = ratio.powf(f64::from(k) / f64::from(years));
        path.push((baseline_year + k as i32, scale(baseline, factor)?));
    }
    path.push((target_year, target));
    Ok(path)
}

/// Where the recent trend leads: the growth rate of the last years and the values it gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// The trend: the compound annual growth rate over the trend window, as a fraction.
    pub rate: f64,
    /// The first year of the trend window.
    pub from_year: i32,
    /// The last year of history, where the projection starts.
    pub last_year: i32,
    /// Projected values for each year after `last_year` up to the year asked for.
    pub values: Vec<(i32, Decimal)>,
}

/// The trend over the last `years_of_trend` years of `history`, projected to `until_year`.
///
/// `history` lists `(year, value)` in strictly increasing years. With the last entry
/// `(L, v_L)` and the entry for year `L − N` (`N = years_of_trend`) `(L − N, v_S)`, the trend is
/// `r = (v_L / v_S)^(1/N) − 1` and the value projected for year `L + k` is `v_L × (1 + r)^k`,
/// rounded to [`PATH_DECIMALS`] places. Errors if the history is empty or out of order, if it
/// has no entry for `L − N`, or if either value is not positive. When `until_year <= L` the
/// projection is empty.
pub fn projection_at_trend(
    history: &[(i32, Decimal)],
    years_of_trend: u32,
    until_year: i32,
) -> Result<Projection, ProgressError> {
    let (from_year, last_year, last, rate) = trend(history, years_of_trend)?;
    let mut values = Vec::new();
    let mut year = last_year;
    while year < until_year {
        year += 1;
        let k = year - last_year;
        values.push((year, scale(last, (1.0 + rate).powi(k))?));
    }
    Ok(Projection {
        rate,
        from_year,
        last_year,
        values,
    })
}

/// When a target is reached at the recent trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "year", rename_all = "snake_case")]
pub enum TargetYear {
    /// Reached in this year: the last year of history if its value already meets the target,
    /// else the first projected year whose value does.
    Reached(i32),
    /// Not reached by this year (the cap), or never at a flat or falling trend.
    NotBefore(i32),
}

/// The first year the trend of the last `years_of_trend` years of `history` reaches `target`,
/// looking no further than `cap_year` ([`DEFAULT_CAP_YEAR`] is 2050).
///
/// Uses the same trend and the same rounded values as [`projection_at_trend`]; a value equal
/// to the target counts as reached. The rule is for ascending indicators (larger is better).
pub fn year_target_reached(
    history: &[(i32, Decimal)],
    years_of_trend: u32,
    target: Decimal,
    cap_year: i32,
) -> Result<TargetYear, ProgressError> {
    let (_, last_year, last, rate) = trend(history, years_of_trend)?;
    if last >= target {
        return Ok(TargetYear::Reached(last_year));
    }
    if rate <= 0.0 {
        return Ok(TargetYear::NotBefore(cap_year));
    }
    let mut year = last_year;
    while year < cap_year {
        year += 1;
        if scale(last, (1.0 + rate).powi(year - last_year))? >= target {
            return Ok(TargetYear::Reached(year));
        }
    }
    Ok(TargetYear::NotBefore(cap_year))
}

/// A red/amber/green rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// On track or complete.
    Green,
    /// At risk.
    Amber,
    /// Off track or overdue.
    Red,
    /// Not rated: cancelled, or no due date to rate against.
    Grey,
}

/// The thresholds of the RAG rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagThresholds {
    /// How far an actual may fall short of the path value and still be amber, as a fraction of
    /// the path value ([`DEFAULT_AMBER_FRACTION`], 0.10).
    pub amber_fraction: Decimal,
    /// How many days before its deadline a promise with no work reported turns amber
    /// ([`DEFAULT_DUE_SOON_DAYS`], 90).
    pub due_soon_days: u32,
}

impl Default for RagThresholds {
    fn default() -> Self {
        Self {
            amber_fraction: DEFAULT_AMBER_FRACTION,
            due_soon_days: DEFAULT_DUE_SOON_DAYS,
        }
    }
}

/// The RAG rating of an `actual` value against the `path` value for the same year.
///
/// For an ascending indicator (larger is better): green if `actual >= path`, amber if
/// `actual >= (1 − amber_fraction) × path`, red otherwise. For a descending one the mirror
/// image: green if `actual <= path`, amber if `actual <= (1 + amber_fraction) × path`. Errors
/// if `path` is not positive.
pub fn rag_status(
    actual: Decimal,
    path: Decimal,
    ascending: bool,
    thresholds: &RagThresholds,
) -> Result<Rag, ProgressError> {
    if path <= Decimal::ZERO {
        return Err(ProgressError::NonPositive {
            what: "path value",
            value: path,
        });
    }
    let band = path
        .checked_mul(thresholds.amber_fraction)
        .ok_or(ProgressError::Overflow)?;
    Ok(if ascending {
        if actual >= path {
            Rag::Green
        } else if actual >= path - band {
            Rag::Amber
        } else {
            Rag::Red
        }
    } else if actual <= path {
        Rag::Green
    } else if actual <= path + band {
        Rag::Amber
    } else {
        Rag::Red
    })
}

/// The RAG rating of `actual` in `year` against a path from [`target_path`].
pub fn target_rag(
    actual: Decimal,
    year: i32,
    path: &[(i32, Decimal)],
    ascending: bool,
    thresholds: &RagThresholds,
) -> Result<Rag, ProgressError> {
    let (_, on_path) = path
        .iter()
        .find(|(y, _)| *y == year)
        .ok_or(ProgressError::YearNotOnPath { year })?;
    rag_status(actual, *on_path, ascending, thresholds)
}

/// The RAG rating of a dated promise with status `status` and due date `due`, on `as_of`.
///
/// Adapted from the automatic status rule in agenda.md section 10.2 (green on track or
/// complete, amber at risk, red off track), with the deadline in place of the completion gap:
///
/// 1. done → green;
/// 2. cancelled, or no due date → grey (not rated);
/// 3. deadline before `as_of` → red (overdue);
/// 4. deadline within `due_soon_days` days of `as_of` (inclusive) and the status is planned or
///    postponed (no work reported) → amber;
/// 5. otherwise → green.
pub fn due_rag(
    status: MeasureStatus,
    due: Option<Due>,
    as_of: NaiveDate,
    thresholds: &RagThresholds,
) -> Rag {
    match (status, due) {
        (MeasureStatus::Done, _) => Rag::Green,
        (MeasureStatus::Cancelled, _) | (_, None) => Rag::Grey,
        (status, Some(due)) => {
            let deadline = due.deadline();
            if deadline < as_of {
                Rag::Red
            } else if (deadline - as_of).num_days() <= i64::from(thresholds.due_soon_days)
                && status != MeasureStatus::InProgress
            {
                Rag::Amber
            } else {
                Rag::Green
            }
        }
    }
}

/// The RAG rating of a measure on `as_of`: [`due_rag`] of its status and due date in force then
/// ([`Measure::status_as_of`], [`Measure::due_as_of`]).
pub fn measure_rag(measure: &Measure, as_of: NaiveDate, thresholds: &RagThresholds) -> Rag {
    due_rag(
        measure.status_as_of(as_of),
        measure.due_as_of(as_of),
        as_of,
        thresholds,
    )
}

/// The RAG rating of a project on `as_of`: the worst [`due_rag`] over its planned milestones.
///
/// A completed project is green and a cancelled one grey, whatever its milestones. Otherwise a
/// milestone reached by `as_of` counts as done; one not reached counts as in progress while the
/// project is in implementation or finalisation, and as planned (no work reported) while it is
/// in the pipeline or suspended. A project with no planned milestone is grey.
pub fn project_rag(project: &Project, as_of: NaiveDate, thresholds: &RagThresholds) -> Rag {
    let ongoing = match project.status {
        ProjectStatus::Completed => return Rag::Green,
        ProjectStatus::Cancelled => return Rag::Grey,
        ProjectStatus::Implementation | ProjectStatus::Finalisation => MeasureStatus::InProgress,
        ProjectStatus::Pipeline | ProjectStatus::Suspended => MeasureStatus::Planned,
    };
    project
        .milestones
        .iter()
        .filter(|m| m.planned.is_some())
        .map(|m| {
            let status = if m.is_reached(as_of) {
                MeasureStatus::Done
            } else {
                ongoing
            };
            due_rag(status, m.planned, as_of, thresholds)
        })
        .filter(|r| *r != Rag::Grey)
        .max_by_key(|r| match r {
            Rag::Green => 0,
            Rag::Amber => 1,
            Rag::Red => 2,
            Rag::Grey => -1,
        })
        .unwrap_or(Rag::Grey)
}

/// `to / from` as `f64`, both checked positive.
fn ratio(
    from: Decimal,
    from_what: &'static str,
    to: Decimal,
    to_what: &'static str,
) -> Result<f64, ProgressError> {
    for (value, what) in [(from, from_what), (to, to_what)] {
        if value <= Decimal::ZERO {
            return Err(ProgressError::NonPositive { what, value });
        }
    }
    let from = from.to_f64().ok_or(ProgressError::Overflow)?;
    let to = to.to_f64().ok_or(ProgressError::Overflow)?;
    let r = to / from;
    if r.is_finite() && r > 0.0 {
        Ok(r)
    } else {
        Err(ProgressError::Overflow)
    }
}

/// `to − from`, checked positive.
fn year_span(from: i32, to: i32) -> Result<u32, ProgressError> {
    if to > from {
        u32::try_from(i64::from(to) - i64::from(from)).map_err(|_| ProgressError::Overflow)
    } else {
        Err(ProgressError::YearOrder { from, to })
    }
}

/// `value × factor`, rounded to [`PATH_DECIMALS`] places half away from zero.
fn scale(value: Decimal, factor: f64) -> Result<Decimal, ProgressError> {
    let factor = Decimal::try_from(factor).map_err(|_| ProgressError::Overflow)?;
    value
        .checked_mul(factor)
        .map(|v| v.round_dp_with_strategy(PATH_DECIMALS, RoundingStrategy::MidpointAwayFromZero))
        .ok_or(ProgressError::Overflow)
}

/// The trend window of `history`: (first year, last year, last value, rate).
fn trend(
    history: &[(i32, Decimal)],
    years_of_trend: u32,
) -> Result<(i32, i32, Decimal, f64), ProgressError> {
    if years_of_trend == 0 {
        return Err(ProgressError::ZeroTrendYears);
    }
    let &(last_year, last) = history.last().ok_or(ProgressError::EmptyHistory)?;
    if let Some(w) = history.windows(2).find(|w| w[1].0 <= w[0].0) {
        return Err(ProgressError::History { year: w[1].0 });
    }
    let from_year = i32::try_from(i64::from(last_year) - i64::from(years_of_trend))
        .map_err(|_| ProgressError::Overflow)?;
    let &(_, start) = history
        .iter()
        .find(|(y, _)| *y == from_year)
        .ok_or(ProgressError::History { year: from_year })?;
    let rate = growth_rate(start, last, from_year, last_year)?;
    Ok((from_year, last_year, last, rate))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::agenda::Area;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn required_cagr_by_hand() {
        // (10 / 4.97)^(1/5) − 1 = 2.0120724^(0.2) − 1 = 0.150082 (5 years, 2025→2030).
        let five = required_cagr(dec!(4.97), dec!(10), 2025, 2030).unwrap();
        assert_eq!(five.round_dp(6), dec!(0.150082), "{five}");
        // (10 / 4.97)^(1/6) − 1 = 0.123588 (6 years, 2024→2030).
        let six = required_cagr(dec!(4.97), dec!(10), 2024, 2030).unwrap();
        assert_eq!(six.round_dp(6), dec!(0.123588), "{six}");
        assert!(six.scale() <= RATE_DECIMALS);
        // Doubling in one year is 100 %; halving over one year is −50 %.
        assert_eq!(
            required_cagr(dec!(2), dec!(4), 2020, 2021).unwrap(),
            dec!(1)
        );
        assert_eq!(
            required_cagr(dec!(4), dec!(2), 2020, 2021).unwrap(),
            dec!(-0.5)
        );
    }

    proptest::proptest! {
        #[test]
        fn required_cagr_never_panics_and_is_a_decimal_rate(
            latest in proptest::sample::select(vec![Decimal::MAX, Decimal::MIN, Decimal::ZERO, Decimal::ONE, Decimal::new(1, 28), dec!(-5), dec!(4.97)]),
            target in proptest::sample::select(vec![Decimal::MAX, Decimal::MIN, Decimal::ZERO, Decimal::ONE, Decimal::new(1, 28), dec!(-5), dec!(10)]),
            from in proptest::num::i32::ANY,
            span in proptest::sample::select(vec![-1i64, 0, 1, 2, 30, i64::from(i32::MAX)]),
        ) {
            let to = i32::try_from(i64::from(from) + span).unwrap_or(i32::MAX);
            if let Ok(rate) = required_cagr(latest, target, from, to) {
                proptest::prop_assert!(rate.scale() <= RATE_DECIMALS);
                proptest::prop_assert!(rate >= Decimal::NEGATIVE_ONE);
                let _ = rate_pct(rate, 2);
            }
        }
    }

    #[test]
    fn required_cagr_rejects_bad_input() {
        assert_eq!(
            required_cagr(dec!(0), dec!(10), 2024, 2030),
            Err(ProgressError::NonPositive {
                what: "latest value",
                value: dec!(0)
            })
        );
        assert!(matches!(
            required_cagr(dec!(5), dec!(-1), 2024, 2030),
            Err(ProgressError::NonPositive { what: "target", .. })
        ));
        assert_eq!(
            required_cagr(dec!(5), dec!(10), 2030, 2030),
            Err(ProgressError::YearOrder {
                from: 2030,
                to: 2030
            })
        );
        assert!(required_cagr(dec!(5), dec!(10), 2031, 2030).is_err());
    }

    #[test]
    fn target_path_by_hand() {
        // 1 → 8 over three years doubles every year.
        let path = target_path(dec!(1), 2020, dec!(8), 2023).unwrap();
        assert_eq!(
            path,
            vec![
                (2020, dec!(1)),
                (2021, dec!(2)),
                (2022, dec!(4)),
                (2023, dec!(8))
            ]
        );
        // 4.97 → 10 over 2024–2030 at 12.3588 %: 4.97 × 1.123588 = 5.58423 → 5.5842;
        // 4.97 × 1.123588² = 4.97 × 1.262451 = 6.27438 → 6.2744.
        let path = target_path(dec!(4.97), 2024, dec!(10), 2030).unwrap();
        assert_eq!(path.len(), 7);
        assert_eq!(path[0], (2024, dec!(4.97)));
        assert_eq!(path[1], (2025, dec!(5.5842)));
        assert_eq!(path[2], (2026, dec!(6.2744)));
        assert_eq!(path[6], (2030, dec!(10)));
        assert!(path.windows(2).all(|w| w[0].1 < w[1].1));
        assert!(target_path(dec!(4.97), 2030, dec!(10), 2024).is_err());
        assert!(target_path(dec!(-1), 2024, dec!(10), 2030).is_err());
    }

    #[test]
    fn projection_and_year_reached_by_hand() {
        // 4 → 6.25 over 2021–2023 is 25 % a year: (6.25 / 4)^(1/2) = 1.25.
        let history = [
            (2020, dec!(3)),
            (2021, dec!(4)),
            (2022, dec!(5)),
            (2023, dec!(6.25)),
        ];
        let p = projection_at_trend(&history, 2, 2025).unwrap();
        assert!((p.rate - 0.25).abs() < 1e-12);
        assert_eq!((p.from_year, p.last_year), (2021, 2023));
        // 6.25 × 1.25 = 7.8125; × 1.25 = 9.765625 → 9.7656.
        assert_eq!(p.values, vec![(2024, dec!(7.8125)), (2025, dec!(9.7656))]);
        assert!(
            projection_at_trend(&history, 2, 2023)
                .unwrap()
                .values
                .is_empty()
        );
        // 10 is passed in 2026 (9.7656 × 1.25 = 12.207).
        assert_eq!(
            year_target_reached(&history, 2, dec!(10), DEFAULT_CAP_YEAR).unwrap(),
            TargetYear::Reached(2026)
        );
        // 1000: 1.25^n ≥ 160 needs n ≥ ln 160 / ln 1.25 = 22.74, so n = 23: 2046
        // (6.25 × 1.25^22 = 847.03, × 1.25^23 = 1058.79).
        assert_eq!(
            year_target_reached(&history, 2, dec!(1000), DEFAULT_CAP_YEAR).unwrap(),
            TargetYear::Reached(2046)
        );
        assert_eq!(
            year_target_reached(&history, 2, dec!(1000), 2045).unwrap(),
            TargetYear::NotBefore(2045)
        );
        // Already met.
        assert_eq!(
            year_target_reached(&history, 2, dec!(6), DEFAULT_CAP_YEAR).unwrap(),
            TargetYear::Reached(2023)
        );
        // A falling trend never reaches it.
        let falling = [(2022, dec!(5)), (2023, dec!(4))];
        assert_eq!(
            year_target_reached(&falling, 1, dec!(10), DEFAULT_CAP_YEAR).unwrap(),
            TargetYear::NotBefore(2050)
        );
    }

    #[test]
    fn projection_rejects_bad_history() {
        assert_eq!(
            projection_at_trend(&[], 1, 2030),
            Err(ProgressError::EmptyHistory)
        );
        let h = [(2022, dec!(5)), (2023, dec!(6))];
        assert_eq!(
            projection_at_trend(&h, 0, 2030),
            Err(ProgressError::ZeroTrendYears)
        );
        assert_eq!(
            projection_at_trend(&h, 3, 2030),
            Err(ProgressError::History { year: 2020 })
        );
        let unordered = [(2023, dec!(5)), (2022, dec!(6))];
        assert_eq!(
            projection_at_trend(&unordered, 1, 2030),
            Err(ProgressError::History { year: 2022 })
        );
        let zero = [(2022, dec!(0)), (2023, dec!(6))];
        assert!(matches!(
            projection_at_trend(&zero, 1, 2030),
            Err(ProgressError::NonPositive { .. })
        ));
    }

    #[test]
    fn rag_against_the_path() {
        let t = RagThresholds::default();
        assert_eq!(t.amber_fraction, dec!(0.10));
        // Path 5.5842: amber floor 0.9 × 5.5842 = 5.02578.
        assert_eq!(
            rag_status(dec!(5.6), dec!(5.5842), true, &t).unwrap(),
            Rag::Green
        );
        assert_eq!(
            rag_status(dec!(5.5842), dec!(5.5842), true, &t).unwrap(),
            Rag::Green
        );
        assert_eq!(
            rag_status(dec!(5.1), dec!(5.5842), true, &t).unwrap(),
            Rag::Amber
        );
        assert_eq!(
            rag_status(dec!(5.02578), dec!(5.5842), true, &t).unwrap(),
            Rag::Amber
        );
        assert_eq!(
            rag_status(dec!(5.02577), dec!(5.5842), true, &t).unwrap(),
            Rag::Red
        );
        // Descending (smaller is better): ceiling 1.1 × 10 = 11.
        assert_eq!(
            rag_status(dec!(9), dec!(10), false, &t).unwrap(),
            Rag::Green
        );
        assert_eq!(
            rag_status(dec!(11), dec!(10), false, &t).unwrap(),
            Rag::Amber
        );
        assert_eq!(
            rag_status(dec!(11.5), dec!(10), false, &t).unwrap(),
            Rag::Red
        );
        // A wider band.
        let wide = RagThresholds {
            amber_fraction: dec!(0.25),
            ..t
        };
        assert_eq!(
            rag_status(dec!(7.5), dec!(10), true, &wide).unwrap(),
            Rag::Amber
        );
        assert_eq!(rag_status(dec!(7.5), dec!(10), true, &t).unwrap(), Rag::Red);
        assert!(rag_status(dec!(1), dec!(0), true, &t).is_err());

        let path = target_path(dec!(4.97), 2024, dec!(10), 2030).unwrap();
        assert_eq!(
            target_rag(dec!(5.1), 2025, &path, true, &t).unwrap(),
            Rag::Amber
        );
        assert_eq!(
            target_rag(dec!(5.1), 2031, &path, true, &t),
            Err(ProgressError::YearNotOnPath { year: 2031 })
        );
    }

    #[test]
    fn rag_for_due_dates() {
        let t = RagThresholds::default();
        let h1: Due = "2027-H1".parse().unwrap(); // deadline 2027-06-30
        // 2027-04-01 is 90 days before the deadline: inside the window.
        assert_eq!(
            due_rag(MeasureStatus::Planned, Some(h1), d(2027, 4, 1), &t),
            Rag::Amber
        );
        assert_eq!(
            due_rag(MeasureStatus::Postponed, Some(h1), d(2027, 4, 1), &t),
            Rag::Amber
        );
        assert_eq!(
            due_rag(MeasureStatus::InProgress, Some(h1), d(2027, 4, 1), &t),
            Rag::Green
        );
        // 2027-03-31 is 91 days before: outside.
        assert_eq!(
            due_rag(MeasureStatus::Planned, Some(h1), d(2027, 3, 31), &t),
            Rag::Green
        );
        assert_eq!(
            due_rag(MeasureStatus::InProgress, Some(h1), d(2027, 6, 30), &t),
            Rag::Green
        );
        assert_eq!(
            due_rag(MeasureStatus::InProgress, Some(h1), d(2027, 7, 1), &t),
            Rag::Red
        );
        assert_eq!(
            due_rag(MeasureStatus::Done, Some(h1), d(2027, 7, 1), &t),
            Rag::Green
        );
        assert_eq!(
            due_rag(MeasureStatus::Cancelled, Some(h1), d(2027, 7, 1), &t),
            Rag::Grey
        );
        assert_eq!(
            due_rag(MeasureStatus::Planned, None, d(2027, 7, 1), &t),
            Rag::Grey
        );

        let mut m = Measure::new(
            "ICIC Central Asia: official opening",
            Area::Industry,
            "2024-02-15".parse().unwrap(),
        );
        m.due = Some(h1);
        assert_eq!(measure_rag(&m, d(2027, 4, 1), &t), Rag::Amber);
        m.history.push(crate::agenda::measure::StatusEvent::new(
            d(2024, 8, 8),
            MeasureStatus::InProgress,
        ));
        assert_eq!(measure_rag(&m, d(2027, 4, 1), &t), Rag::Green);
        assert_eq!(measure_rag(&m, d(2027, 7, 1), &t), Rag::Red);
    }

    #[test]
    fn rag_for_projects() {
        use crate::agenda::project::Milestone;
        use crate::provenance::ReportingSide;
        let t = RagThresholds::default();
        let milestone = |planned: &str, actual: Option<&str>| Milestone {
            description: planned.into(),
            planned: Some(planned.parse().unwrap()),
            actual: actual.map(|a| a.parse().unwrap()),
            sources: Vec::new(),
        };
        let mut p = Project {
            id: Project::natural_id("ICIC", "border"),
            name: "ICIC".into(),
            sector: "Industrial zone".into(),
            area: Area::Industry,
            location: "border".into(),
            country: ReportingSide::Joint,
            value: None,
            jobs: None,
            partners: Vec::new(),
            status: ProjectStatus::Implementation,
            status_date: "2025-11-15".parse().unwrap(),
            milestones: vec![milestone("2026-Q4", None), milestone("2027-H1", None)],
            statements: Vec::new(),
            sources: Vec::new(),
        };
        assert_eq!(project_rag(&p, d(2026, 1, 1), &t), Rag::Green);
        assert_eq!(project_rag(&p, d(2027, 1, 1), &t), Rag::Red);
        p.milestones[0].actual = Some("2026-12-20".parse().unwrap());
        assert_eq!(project_rag(&p, d(2027, 1, 1), &t), Rag::Green);
        p.status = ProjectStatus::Suspended;
        assert_eq!(project_rag(&p, d(2027, 4, 1), &t), Rag::Amber);
        p.status = ProjectStatus::Cancelled;
        assert_eq!(project_rag(&p, d(2027, 4, 1), &t), Rag::Grey);
        p.status = ProjectStatus::Completed;
        assert_eq!(project_rag(&p, d(2028, 1, 1), &t), Rag::Green);
        p.status = ProjectStatus::Pipeline;
        p.milestones.clear();
        assert_eq!(project_rag(&p, d(2027, 4, 1), &t), Rag::Grey);
    }
}
