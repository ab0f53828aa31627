//! Progress of the bilateral turnover toward a [`Target`] (e.g. $10 bn by 2030), separately for
//! each reporting side.
//!
//! The growth, path and trend rules are core-model's
//! ([`dostyk_core_model::agenda::progress`]); this module only feeds them each side's annual
//! turnover (computed once, by [`crate::turnover`]) and gathers the answers:
//! - progress = latest actual / target × 100;
//! - the required CAGR from the latest actual to the target year;
//! - the target path year by year from the latest actual;
//! - the projection at the recent trend, and the year the target is reached at that trend
//!   (or "not before 2050").

use std::fmt;

use dostyk_core_model::agenda::indicator::{Target, Unit};
use dostyk_core_model::agenda::progress::{
    self, DEFAULT_CAP_YEAR, Projection, TargetYear, projection_at_trend, required_cagr,
    target_path, year_target_reached,
};
use dostyk_core_model::provenance::ReportingSide;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Result, TradeError};
use crate::turnover::{TurnoverSeries, share_pct};

/// The years of history the trend projection looks back over by default: three years smooth
/// one exceptional year without reaching back past the changes in the two countries' trade
/// regimes (see docs/methodology.md, "Target tracking").
pub const DEFAULT_TREND_YEARS: u32 = 3;

/// Decimal places of the required growth in percent ([`SideProgress::required_growth_pct`]):
/// hundredths of a percentage point, the precision the two sides publish growth rates with.
pub const REQUIRED_GROWTH_PCT_DECIMALS: u32 = 2;

/// A target in US dollars with its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetUsd {
    /// The target value in US dollars.
    pub value_usd: Decimal,
    /// The year it is due.
    pub year: i32,
}

impl TargetUsd {
    /// The target of an agenda [`Target`] of an indicator measured in `unit` (the indicator's
    /// [`Unit`]): the value is taken as US dollars only when the unit is US dollars, so a target
    /// of another unit or currency is an error instead of a figure off by a scale. Errors too
    /// when the horizon names no year.
    pub fn from_target(target: &Target, unit: &Unit) -> Result<Self> {
        if !matches!(unit, Unit::Money(c) if c.code() == "USD") {
            return Err(TradeError::Input(format!(
                "the target stated by {} is in {unit}, not USD; progress in US dollars needs an indicator measured in USD",
                target.issuer
            )));
        }
        let year = target.horizon.target_year().ok_or_else(|| {
            TradeError::Input(format!(
                "the target stated by {} has no year ({}); progress needs a target year",
                target.issuer, target.horizon
            ))
        })?;
        Ok(Self {
            value_usd: target.value,
            year,
        })
    }
}

impl SideProgress {
    /// The required growth a year in percent, rounded to [`REQUIRED_GROWTH_PCT_DECIMALS`]
    /// places (half away from zero, trailing zeros dropped); `None` when the target year is
    /// not ahead of the latest year.
    pub fn required_growth_pct(&self) -> Option<Decimal> {
        self.required_cagr
            .and_then(|r| progress::rate_pct(r, REQUIRED_GROWTH_PCT_DECIMALS))
    }
}

/// When the target is reached at the recent trend, in words: "2031" or "not before 2050".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReachedAtTrend(pub TargetYear);

impl fmt::Display for ReachedAtTrend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            TargetYear::Reached(y) => write!(f, "{y}"),
            TargetYear::NotBefore(y) => write!(f, "not before {y}"),
        }
    }
}

/// Where one reporting side stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideProgress {
    /// The side whose figures these are.
    pub side: ReportingSide,
    /// The target.
    pub target: TargetUsd,
    /// The latest year with an annual turnover.
    pub latest_year: i32,
    /// Its turnover.
    pub latest_usd: Decimal,
    /// Latest / target × 100.
    pub progress_pct: Option<Decimal>,
    /// The growth a year needed from the latest year to the target (a fraction: 0.15 is 15 %);
    /// `None` when the target year is not after the latest year.
    pub required_cagr: Option<Decimal>,
    /// The path from the latest actual to the target, year by year.
    pub path: Vec<(i32, Decimal)>,
    /// The projection at the trend of the last `years_of_trend` years, to the target year.
    pub projection: Option<Projection>,
    /// When the target is reached at that trend.
    pub reached: Option<ReachedAtTrend>,
}

/// The annual turnover of a series for the years that have it (an annual figure or all twelve
/// months), in order.
pub fn annual_history(
    series: &TurnoverSeries,
    years: impl IntoIterator<Item = i32>,
) -> Vec<(i32, Decimal)> {
    years
        .into_iter()
        .filter_map(|y| series.year(y).ok()?.turnover_usd().map(|t| (y, t)))
        .collect()
}

/// The progress of one side from its annual turnover `history` (strictly increasing years),
/// with the trend taken over the last `years_of_trend` years (when the history is long enough).
pub fn side_progress(
    side: ReportingSide,
    target: TargetUsd,
    history: &[(i32, Decimal)],
    years_of_trend: u32,
) -> Result<SideProgress> {
    let err = |e: progress::ProgressError| TradeError::Input(format!("{side} side: {e}"));
    let &(latest_year, latest_usd) = history.last().ok_or_else(|| {
        TradeError::Input(format!(
            "{side} side: no annual turnover to measure progress from; read a year of data"
        ))
    })?;
    let ahead = target.year > latest_year;
    let required = if ahead {
        Some(required_cagr(latest_usd, target.value_usd, latest_year, target.year).map_err(err)?)
    } else {
        None
    };
    let path = if ahead {
        target_path(latest_usd, latest_year, target.value_usd, target.year).map_err(err)?
    } else {
        Vec::new()
    };
    let has_trend = years_of_trend >= 1
        && history
            .iter()
            .any(|(y, _)| *y == latest_year - years_of_trend as i32);
    let (projection, reached) = if has_trend {
        (
            Some(projection_at_trend(history, years_of_trend, target.year).map_err(err)?),
            Some(ReachedAtTrend(
                year_target_reached(history, years_of_trend, target.value_usd, DEFAULT_CAP_YEAR)
                    .map_err(err)?,
            )),
        )
    } else {
        (None, None)
    };
    Ok(SideProgress {
        side,
        target,
        latest_year,
        latest_usd,
        progress_pct: share_pct(latest_usd, target.value_usd),
        required_cagr: required,
        path,
        projection,
        reached,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn bn(v: Decimal) -> Decimal {
        v * dec!(1_000_000_000)
    }

    #[test]
    fn ten_billion_by_2030_from_each_side() {
        let target = TargetUsd {
            value_usd: bn(dec!(10)),
            year: 2030,
        };
        // UZ side: 4.46 (derived 2024) then 4.97 (2025, UZ MIIT).
        let uz = side_progress(
            ReportingSide::Uzbekistan,
            target,
            &[(2024, bn(dec!(4.46))), (2025, bn(dec!(4.97)))],
            1,
        )
        .unwrap();
        assert_eq!(uz.progress_pct, Some(dec!(49.7)));
        // (10 / 4.97)^(1/5) - 1 = 0.1501...
        assert_eq!(uz.required_cagr.unwrap().round_dp(4), dec!(0.1501));
        assert_eq!(uz.path.first(), Some(&(2025, bn(dec!(4.97)))));
        assert_eq!(uz.path.last(), Some(&(2030, bn(dec!(10)))));
        assert_eq!(uz.path.len(), 6);
        // Trend 4.97 / 4.46 - 1 = 11.43 %: 4.97 × 1.1143^6 = 9.5 < 10, ^7 = 10.6: 2032.
        assert_eq!(uz.reached.unwrap().to_string(), "2032");
        // KZ side: 5.0 (2022) then 4.4 (2023): a falling trend never gets there.
        let kz = side_progress(
            ReportingSide::Kazakhstan,
            target,
            &[(2022, bn(dec!(5.0))), (2023, bn(dec!(4.4)))],
            1,
        )
        .unwrap();
        assert_eq!(kz.reached.unwrap().to_string(), "not before 2050");
        assert_eq!(kz.progress_pct, Some(dec!(44)));
    }

    #[test]
    fn short_history_has_no_trend_and_empty_history_is_an_error() {
        let target = TargetUsd {
            value_usd: dec!(10),
            year: 2030,
        };
        let p = side_progress(ReportingSide::Kazakhstan, target, &[(2025, dec!(5))], 3).unwrap();
        assert!(p.projection.is_none() && p.reached.is_none());
        assert!(side_progress(ReportingSide::Kazakhstan, target, &[], 1).is_err());
    }
}
