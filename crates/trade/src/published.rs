//! Each side's published annual turnover, one figure per year, with the conflicts kept.
//!
//! The two statistics agencies, ministries and the press publish the same year's turnover more
//! than once, and the figures differ (preliminary and final, rounded and exact, another
//! definition). To draw a series a single value per side and year is needed; this module takes
//! the figure of the **most recent publication** (statistics are revised, so a later publication
//! supersedes an earlier one; an undated publication counts as older than any dated one; among
//! equals the later row of the file wins). A figure its sources mark as doubtful (`unverified` or
//! `period_unverified`) is never chosen: [`doubtful_turnover`] lists those apart. Every other
//! published value is kept beside the choice, so the briefing shows what it set aside.
//!
//! ```
//! use dostyk_core_model::provenance::{ReportingSide, SourceId};
//! use dostyk_trade::national::{NationalFigure, NationalFlow};
//! use dostyk_trade::published::{annual_turnover, side_by_side};
//! use rust_decimal::Decimal;
//!
//! let fig = |side, value: i64, source: &str, line| NationalFigure {
//!     period: "2024".parse().unwrap(),
//!     side: Some(side),
//!     flow: NationalFlow::Turnover,
//!     partner: dostyk_trade::area::M49Area::from_code("UZB").unwrap(),
//!     value_usd: Decimal::from(value),
//!     source: SourceId::new(source).unwrap(),
//!     flags: Vec::new(),
//!     statement_date: None,
//!     line,
//! };
//! let figures = [
//!     fig(ReportingSide::Kazakhstan, 4_400, "kz-early", 2),
//!     fig(ReportingSide::Kazakhstan, 4_420, "kz-final", 3),
//!     fig(ReportingSide::Uzbekistan, 4_970, "uz", 4),
//! ];
//! let published = |id: &SourceId| match id.as_str() {
//!     "kz-early" => chrono::NaiveDate::from_ymd_opt(2025, 1, 20),
//!     _ => chrono::NaiveDate::from_ymd_opt(2025, 2, 14),
//! };
//! let kz = annual_turnover(&figures, ReportingSide::Kazakhstan, &published);
//! assert_eq!(kz[0].value_usd, Decimal::from(4_420));
//! assert_eq!(kz[0].others.len(), 1);
//! let uz = annual_turnover(&figures, ReportingSide::Uzbekistan, &published);
//! let rows = side_by_side(&kz, &uz);
//! assert_eq!(rows[0].gap_usd, Some(Decimal::from(-550)));
//! ```

use chrono::NaiveDate;
use dostyk_core_model::agenda::statement::ClaimFlag;
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::national::{NationalFigure, NationalFlow};

/// One side's turnover for one year, as chosen, with the other published values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedYear {
    /// The calendar year.
    pub year: i32,
    /// The side that published it.
    pub side: ReportingSide,
    /// The chosen value in US dollars.
    pub value_usd: Decimal,
    /// The source of the chosen value.
    pub source: SourceId,
    /// Every other value published for the same side and year, with its source.
    pub others: Vec<(Decimal, SourceId)>,
}

/// Both sides' figures for one year and the gap between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SideBySide {
    /// The calendar year.
    pub year: i32,
    /// Kazakhstan's figure.
    pub kazakhstan: Option<PublishedYear>,
    /// Uzbekistan's figure.
    pub uzbekistan: Option<PublishedYear>,
    /// Kazakhstan's figure minus Uzbekistan's, when both exist.
    pub gap_usd: Option<Decimal>,
    /// The gap as a percentage of Uzbekistan's figure: (KZ − UZ) / UZ × 100.
    pub gap_pct: Option<Decimal>,
}

/// The annual turnover `side` published, one figure per year (see the module docs for the
/// rule), in year order. `published` gives a source's publication date.
pub fn annual_turnover(
    figures: &[NationalFigure],
    side: ReportingSide,
    published: &dyn Fn(&SourceId) -> Option<NaiveDate>,
) -> Vec<PublishedYear> {
    let mut candidates: Vec<(i32, &NationalFigure)> = figures
        .iter()
        .filter(|f| f.side == Some(side) && f.flow == NationalFlow::Turnover && !is_doubtful(f))
        .filter_map(|f| f.period.year().map(|year| (year, f)))
        .collect();
    // The preferred figure last within a year: (year, dated, date, line).
    candidates.sort_by_key(|(year, f)| {
        let date = published(&f.source);
        (*year, date.is_some(), date, f.line)
    });
    let mut out: Vec<PublishedYear> = Vec::new();
    for (year, f) in candidates {
        match out.last_mut() {
            Some(last) if last.year == year => {
                // A later candidate supersedes; the previous choice becomes an alternative.
                let previous = (last.value_usd, last.source.clone());
                last.value_usd = f.value_usd;
                last.source = f.source.clone();
                last.others.push(previous);
            }
            _ => out.push(PublishedYear {
                year,
                side,
                value_usd: f.value_usd,
                source: f.source.clone(),
                others: Vec::new(),
            }),
        }
    }
    for y in &mut out {
        y.others.reverse();
        // Values equal to the chosen one are repeats, not conflicts.
        let chosen = y.value_usd;
        y.others.retain(|(v, _)| *v != chosen);
    }
    out
}

/// Whether the sources mark a figure as doubtful: `unverified` or `period_unverified`.
pub fn is_doubtful(figure: &NationalFigure) -> bool {
    figure
        .flags
        .iter()
        .any(|g| matches!(g, ClaimFlag::Unverified | ClaimFlag::PeriodUnverified))
}

/// The annual turnover figures of `side` that the sources mark as doubtful, as
/// `(year, value, source)` in year and file order; they are shown, never chosen.
pub fn doubtful_turnover(
    figures: &[NationalFigure],
    side: ReportingSide,
) -> Vec<(i32, Decimal, SourceId)> {
    let mut out: Vec<(i32, Decimal, SourceId, u64)> = figures
        .iter()
        .filter(|f| f.side == Some(side) && f.flow == NationalFlow::Turnover && is_doubtful(f))
        .filter_map(|f| {
            f.period
                .year()
                .map(|year| (year, f.value_usd, f.source.clone(), f.line))
        })
        .collect();
    out.sort_by_key(|(year, _, _, line)| (*year, *line));
    out.into_iter().map(|(y, v, s, _)| (y, v, s)).collect()
}

/// Pairs the two sides' years (every year either side published) and computes the gap.
pub fn side_by_side(kazakhstan: &[PublishedYear], uzbekistan: &[PublishedYear]) -> Vec<SideBySide> {
    let mut years: Vec<i32> = kazakhstan
        .iter()
        .chain(uzbekistan)
        .map(|y| y.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let kz = kazakhstan.iter().find(|y| y.year == year).cloned();
            let uz = uzbekistan.iter().find(|y| y.year == year).cloned();
            let (gap_usd, gap_pct) = match (&kz, &uz) {
                (Some(k), Some(u)) => {
                    let gap = k.value_usd.checked_sub(u.value_usd);
                    let pct = gap
                        .and_then(|g| crate::turnover::share_pct(g, u.value_usd))
                        .map(|p| p.round_dp(2));
                    (gap, pct)
                }
                _ => (None, None),
            };
            SideBySide {
                year,
                kazakhstan: kz,
                uzbekistan: uz,
                gap_usd,
                gap_pct,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::area::M49Area;

    fn fig(
        side: ReportingSide,
        period: &str,
        value: i64,
        source: &str,
        line: u64,
    ) -> NationalFigure {
        NationalFigure {
            period: period.parse().unwrap(),
            side: Some(side),
            flow: NationalFlow::Turnover,
            partner: M49Area::from_code("UZB").unwrap(),
            value_usd: Decimal::from(value),
            source: SourceId::new(source).unwrap(),
            flags: Vec::new(),
            statement_date: None,
            line,
        }
    }

    #[test]
    fn the_latest_publication_wins_and_the_rest_are_kept() {
        use ReportingSide::Kazakhstan as Kz;
        let figures = [
            fig(Kz, "2023", 100, "undated", 9),
            fig(Kz, "2023", 110, "early", 2),
            fig(Kz, "2023", 120, "late", 3),
            fig(Kz, "2023", 120, "late-repeat", 1),
            fig(Kz, "2023-YTD11", 90, "late", 4),
            fig(Kz, "2022", 80, "early", 5),
        ];
        let published = |id: &SourceId| match id.as_str() {
            "early" => NaiveDate::from_ymd_opt(2024, 1, 1),
            "late" | "late-repeat" => NaiveDate::from_ymd_opt(2024, 3, 1),
            _ => None,
        };
        let series = annual_turnover(&figures, Kz, &published);
        assert_eq!(series.len(), 2);
        assert_eq!(series[1].year, 2023);
        assert_eq!(series[1].value_usd, Decimal::from(120));
        assert_eq!(
            series[1].source.as_str(),
            "late",
            "same date: the later row of the file wins"
        );
        let others: Vec<_> = series[1].others.iter().map(|(v, _)| *v).collect();
        assert_eq!(others, [Decimal::from(110), Decimal::from(100)]);
        assert!(annual_turnover(&figures, ReportingSide::Uzbekistan, &published).is_empty());

        // A doubtful figure is never chosen, however recent, and is listed apart.
        let mut doubtful = fig(Kz, "2022", 40, "late", 8);
        doubtful.flags = vec![ClaimFlag::Unverified];
        let mut lone = fig(Kz, "2021", 30, "late", 9);
        lone.flags = vec![ClaimFlag::PeriodUnverified];
        let figures = [fig(Kz, "2022", 80, "undated", 5), doubtful, lone];
        let series = annual_turnover(&figures, Kz, &published);
        assert_eq!(
            series.len(),
            1,
            "a year with only a doubtful figure has no value"
        );
        assert_eq!(series[0].value_usd, Decimal::from(80));
        assert!(series[0].others.is_empty());
        let apart: Vec<(i32, Decimal)> = doubtful_turnover(&figures, Kz)
            .iter()
            .map(|(y, v, _)| (*y, *v))
            .collect();
        assert_eq!(
            apart,
            [(2021, Decimal::from(30)), (2022, Decimal::from(40))]
        );
    }

    #[test]
    fn gaps_are_relative_to_uzbekistan() {
        let k = |year, v: i64| PublishedYear {
            year,
            side: ReportingSide::Kazakhstan,
            value_usd: Decimal::from(v),
            source: SourceId::new("k").unwrap(),
            others: vec![],
        };
        let u = |year, v: i64| PublishedYear {
            year,
            side: ReportingSide::Uzbekistan,
            value_usd: Decimal::from(v),
            source: SourceId::new("u").unwrap(),
            others: vec![],
        };
        let rows = side_by_side(&[k(2022, 110), k(2023, 90)], &[u(2023, 100), u(2024, 50)]);
        assert_eq!(
            rows.iter().map(|r| r.year).collect::<Vec<_>>(),
            [2022, 2023, 2024]
        );
        assert_eq!(rows[1].gap_usd, Some(Decimal::from(-10)));
        assert_eq!(rows[1].gap_pct, Some(Decimal::from(-10)));
        assert_eq!(rows[0].gap_usd, None);
    }
}
