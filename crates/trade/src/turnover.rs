//! Turnover, balance and growth from one reporter's view; shares and top products.
//!
//! Turnover = exports + imports of one reporter with one partner; balance = exports − imports
//! (`docs/methodology.md`, "Trade"). Both are `None` unless both flows are known: a missing
//! flow is never taken as zero.
//!
//! A year is the reporter's annual figure when the data has one, otherwise the sum of its
//! twelve months; a quarter and a year-to-date span are sums of months and need every month.

use std::collections::BTreeMap;

use dostyk_core_model::period::{Period, PeriodKind, YearToDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::aggregate::{Direction, FlowTotal};
use crate::area::M49Area;
use crate::error::{Result, TradeError};
use crate::flow::HsCode;
use crate::hs::HsSection;

/// Exports, imports, turnover and balance of one reporter with one partner for one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turnover {
    /// Exports (FOB), when known.
    pub exports_usd: Option<Decimal>,
    /// Imports (CIF), when known.
    pub imports_usd: Option<Decimal>,
}

impl Turnover {
    /// Exports + imports, when both are known (and the sum is within the range of [`Decimal`]).
    pub fn turnover_usd(&self) -> Option<Decimal> {
        self.exports_usd?.checked_add(self.imports_usd?)
    }

    /// Exports − imports, when both are known (and within the range of [`Decimal`]).
    pub fn balance_usd(&self) -> Option<Decimal> {
        self.exports_usd?.checked_sub(self.imports_usd?)
    }

    fn add(self, other: Turnover) -> Turnover {
        Turnover {
            exports_usd: self
                .exports_usd
                .zip(other.exports_usd)
                .and_then(|(a, b)| a.checked_add(b)),
            imports_usd: self
                .imports_usd
                .zip(other.imports_usd)
                .and_then(|(a, b)| a.checked_add(b)),
        }
    }
}

/// Growth in percent: `(current / previous − 1) × 100`; `None` when `previous` is zero or the
/// result is beyond the range of [`Decimal`].
pub fn growth_pct(current: Decimal, previous: Decimal) -> Option<Decimal> {
    if previous.is_zero() {
        return None;
    }
    current
        .checked_div(previous)?
        .checked_sub(Decimal::ONE)?
        .checked_mul(Decimal::ONE_HUNDRED)
}

/// Share in percent: `part / whole × 100`; `None` when `whole` is zero or the result is beyond
/// the range of [`Decimal`].
pub fn share_pct(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_div(whole)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// One row of a turnover table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnoverRecord {
    /// The reporter.
    pub reporter: M49Area,
    /// The partner.
    pub partner: M49Area,
    /// The period.
    pub period: Period,
    /// The flows.
    pub turnover: Turnover,
}

/// Groups flow totals by reporter, partner and period, sorted.
pub fn by_period(totals: &[FlowTotal]) -> Vec<TurnoverRecord> {
    let mut map: BTreeMap<(M49Area, M49Area, Period), Turnover> = BTreeMap::new();
    for t in totals {
        let e = map
            .entry((t.key.reporter, t.key.partner, t.key.period))
            .or_insert(Turnover {
                exports_usd: None,
                imports_usd: None,
            });
        match t.key.direction {
            Direction::Export => e.exports_usd = Some(t.value_usd),
            Direction::Import => e.imports_usd = Some(t.value_usd),
        }
    }
    map.into_iter()
        .map(|((reporter, partner, period), turnover)| TurnoverRecord {
            reporter,
            partner,
            period,
            turnover,
        })
        .collect()
}

/// The periods of one reporter with one partner, for sums over months and comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnoverSeries {
    /// The reporter.
    pub reporter: M49Area,
    /// The partner.
    pub partner: M49Area,
    periods: BTreeMap<Period, Turnover>,
}

/// The year-to-date turnover of two years on the same months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YtdComparison {
    /// The current span (e.g. `2023-YTD11`, "2023 Jan–Nov").
    pub current_span: YearToDate,
    /// The current flows.
    pub current: Turnover,
    /// The same months a year before.
    pub previous_span: YearToDate,
    /// The flows a year before.
    pub previous: Turnover,
}

impl YtdComparison {
    /// Turnover growth in percent.
    pub fn turnover_growth_pct(&self) -> Option<Decimal> {
        growth_pct(self.current.turnover_usd()?, self.previous.turnover_usd()?)
    }

    /// Export growth in percent.
    pub fn exports_growth_pct(&self) -> Option<Decimal> {
        growth_pct(self.current.exports_usd?, self.previous.exports_usd?)
    }

    /// Import growth in percent.
    pub fn imports_growth_pct(&self) -> Option<Decimal> {
        growth_pct(self.current.imports_usd?, self.previous.imports_usd?)
    }
}

impl TurnoverSeries {
    /// The series of `reporter` with `partner` from flow totals.
    pub fn new(totals: &[FlowTotal], reporter: M49Area, partner: M49Area) -> Self {
        let periods = by_period(totals)
            .into_iter()
            .filter(|r| r.reporter == reporter && r.partner == partner)
            .map(|r| (r.period, r.turnover))
            .collect();
        Self {
            reporter,
            partner,
            periods,
        }
    }

    /// The flows of a period as read (a year or a month), without summing.
    pub fn get(&self, period: &Period) -> Option<Turnover> {
        self.periods.get(period).copied()
    }

    /// The periods present, in order.
    pub fn periods(&self) -> impl Iterator<Item = &Period> {
        self.periods.keys()
    }

    fn sum_months(&self, months: &[Period], what: &str) -> Result<Turnover> {
        let missing: Vec<String> = months
            .iter()
            .filter(|m| !self.periods.contains_key(m))
            .map(ToString::to_string)
            .collect();
        if !missing.is_empty() {
            return Err(TradeError::Input(format!(
                "{what} of reporter {} with partner {} needs every month; missing {}: read a file with these months",
                self.reporter,
                self.partner,
                missing.join(", ")
            )));
        }
        let mut it = months.iter().filter_map(|m| self.periods.get(m).copied());
        let first = it
            .next()
            .ok_or_else(|| TradeError::Input(format!("{what}: no months asked for")))?;
        Ok(it.fold(first, Turnover::add))
    }

    /// A year: the annual figure when present, else the sum of twelve months.
    pub fn year(&self, year: i32) -> Result<Turnover> {
        let p = Period::year(year).map_err(|e| TradeError::Input(e.to_string()))?;
        if let Some(t) = self.periods.get(&p) {
            return Ok(*t);
        }
        let months = p
            .split(PeriodKind::Month)
            .map_err(|e| TradeError::Input(e.to_string()))?;
        self.sum_months(&months, &format!("year {year}"))
    }

    /// A quarter: the sum of its three months.
    pub fn quarter(&self, year: i32, quarter: u32) -> Result<Turnover> {
        let p = Period::quarter(year, quarter).map_err(|e| TradeError::Input(e.to_string()))?;
        let months = p
            .split(PeriodKind::Month)
            .map_err(|e| TradeError::Input(e.to_string()))?;
        self.sum_months(&months, &format!("quarter {p}"))
    }

    /// January through a month: the sum of the months.
    pub fn year_to_date(&self, span: YearToDate) -> Result<Turnover> {
        self.sum_months(&span.months(), &span.label())
    }

    /// A year-to-date span against the same months of the year before
    /// (`2023 Jan–Nov` against `2022 Jan–Nov`).
    pub fn year_to_date_comparison(&self, span: YearToDate) -> Result<YtdComparison> {
        let previous_span = span
            .previous_year()
            .ok_or_else(|| TradeError::Input(format!("{} has no previous year", span.label())))?;
        Ok(YtdComparison {
            current_span: span,
            current: self.year_to_date(span)?,
            previous_span,
            previous: self.year_to_date(previous_span)?,
        })
    }

    /// Turnover growth of a year over the year before, in percent.
    pub fn year_growth_pct(&self, year: i32) -> Result<Option<Decimal>> {
        let cur = self.year(year)?;
        let prev = self.year(year - 1)?;
        Ok(cur
            .turnover_usd()
            .zip(prev.turnover_usd())
            .and_then(|(c, p)| growth_pct(c, p)))
    }
}

/// A product's value, share of the flow and growth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopProduct {
    /// The HS code.
    pub code: HsCode,
    /// Its value in the current period.
    pub value_usd: Decimal,
    /// Its share of the flow's total, in percent.
    pub share_pct: Option<Decimal>,
    /// Growth over the previous period's value of the same code, in percent; `None` when the
    /// code was absent or zero before.
    pub growth_pct: Option<Decimal>,
}

/// The `n` largest products of a flow (ties broken by code), with share of `total_usd` and
/// growth against `previous`.
pub fn top_products(
    current: &[(HsCode, Decimal)],
    previous: &[(HsCode, Decimal)],
    total_usd: Decimal,
    n: usize,
) -> Vec<TopProduct> {
    let prev: BTreeMap<HsCode, Decimal> = previous.iter().copied().collect();
    let mut sorted: Vec<(HsCode, Decimal)> = current.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorted
        .into_iter()
        .take(n)
        .map(|(code, value_usd)| TopProduct {
            code,
            value_usd,
            share_pct: share_pct(value_usd, total_usd),
            growth_pct: prev.get(&code).and_then(|p| growth_pct(value_usd, *p)),
        })
        .collect()
}

/// The agri-food lens (HS chapters 01–24) of a set of products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgriFoodLens {
    /// Value of chapters 01–24.
    pub agri_food_usd: Decimal,
    /// Value of the other chapters.
    pub other_usd: Decimal,
    /// Share of agri-food in the total, in percent.
    pub agri_food_share_pct: Option<Decimal>,
}

/// Splits products (all at one level) into agri-food (HS 01–24) and the rest.
pub fn agri_food_lens(products: &[(HsCode, Decimal)]) -> AgriFoodLens {
    let (mut agri, mut other) = (Decimal::ZERO, Decimal::ZERO);
    for (code, v) in products {
        if code.is_agri_food() {
            agri += *v;
        } else {
            other += *v;
        }
    }
    AgriFoodLens {
        agri_food_usd: agri,
        other_usd: other,
        agri_food_share_pct: share_pct(agri, agri + other),
    }
}

/// Values summed by HS section with their share of the total, largest first; products of
/// chapters outside every section (98, 99) are under `None`.
pub fn shares_by_section(
    products: &[(HsCode, Decimal)],
) -> Vec<(Option<HsSection>, Decimal, Option<Decimal>)> {
    let mut by: BTreeMap<Option<u8>, Decimal> = BTreeMap::new();
    let mut total = Decimal::ZERO;
    for (code, v) in products {
        *by.entry(code.section().map(HsSection::number)).or_default() += *v;
        total += *v;
    }
    let mut out: Vec<_> = by
        .into_iter()
        .map(|(s, v)| {
            (
                s.and_then(|n| HsSection::new(u32::from(n)).ok()),
                v,
                share_pct(v, total),
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.map(HsSection::number).cmp(&b.0.map(HsSection::number)))
    });
    out
}

/// Values summed by HS chapter (1–99) with their share of the total, largest first.
pub fn shares_by_chapter(products: &[(HsCode, Decimal)]) -> Vec<(u8, Decimal, Option<Decimal>)> {
    let mut by: BTreeMap<u8, Decimal> = BTreeMap::new();
    let mut total = Decimal::ZERO;
    for (code, v) in products {
        *by.entry(code.chapter()).or_default() += *v;
        total += *v;
    }
    let mut out: Vec<_> = by
        .into_iter()
        .map(|(ch, v)| (ch, v, share_pct(v, total)))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::FlowKey;
    use crate::flow::Level;

    #[test]
    fn ratios_beyond_the_decimal_range_are_none_not_a_panic() {
        let tiny = Decimal::new(1, 28);
        assert_eq!(growth_pct(Decimal::MAX, tiny), None);
        assert_eq!(share_pct(Decimal::MAX, tiny), None);
        assert_eq!(growth_pct(Decimal::ONE, Decimal::ZERO), None);
        assert_eq!(
            growth_pct(Decimal::new(110, 0), Decimal::ONE_HUNDRED),
            Some(Decimal::new(10, 0))
        );
        let t = Turnover {
            exports_usd: Some(Decimal::MAX),
            imports_usd: Some(Decimal::MAX),
        };
        assert_eq!(t.turnover_usd(), None);
        assert_eq!(t.balance_usd(), Some(Decimal::ZERO));
    }
    use rust_decimal_macros::dec;

    fn total(reporter: u16, period: &str, d: Direction, v: Decimal) -> FlowTotal {
        FlowTotal {
            key: FlowKey {
                reporter: M49Area::from_m49(reporter),
                partner: M49Area::from_m49(860),
                period: period.parse().unwrap(),
                direction: d,
            },
            value_usd: v,
            level: Level::Total,
            rows: 1,
            cif_usd: None,
            fob_usd: None,
            sources: vec![],
        }
    }

    fn monthly() -> Vec<FlowTotal> {
        let mut t = Vec::new();
        for y in [2022, 2023] {
            for m in 1..=11 {
                let x = Decimal::from(100 * m + if y == 2023 { 10 } else { 0 });
                t.push(total(398, &format!("{y}-{m:02}"), Direction::Export, x));
                t.push(total(
                    398,
                    &format!("{y}-{m:02}"),
                    Direction::Import,
                    Decimal::from(50),
                ));
            }
        }
        t
    }

    #[test]
    fn year_to_date_against_the_same_months() {
        let s = TurnoverSeries::new(&monthly(), M49Area::from_m49(398), M49Area::from_m49(860));
        let c = s
            .year_to_date_comparison(YearToDate::new(2023, 11).unwrap())
            .unwrap();
        // 2022: exports 100*(1+..+11) = 6600, imports 550; 2023: exports 6600 + 110.
        assert_eq!(c.previous.exports_usd, Some(dec!(6600)));
        assert_eq!(c.current.exports_usd, Some(dec!(6710)));
        assert_eq!(c.current.turnover_usd(), Some(dec!(7260)));
        assert_eq!(c.current.balance_usd(), Some(dec!(6160)));
        // (7260 / 7150 - 1) * 100
        let g = c.turnover_growth_pct().unwrap().round_dp(6);
        assert_eq!(g, dec!(1.538462));
        assert_eq!(c.current_span.label(), "2023 Jan\u{2013}Nov");
    }

    #[test]
    fn quarters_and_missing_months() {
        let s = TurnoverSeries::new(&monthly(), M49Area::from_m49(398), M49Area::from_m49(860));
        let q1 = s.quarter(2023, 1).unwrap();
        assert_eq!(q1.exports_usd, Some(dec!(630)));
        let err = s.quarter(2023, 4).unwrap_err().to_string();
        assert!(err.contains("missing 2023-12"), "{err}");
        let err = s.year(2023).unwrap_err().to_string();
        assert!(err.contains("2023-12"), "{err}");
    }

    #[test]
    fn missing_flow_is_not_zero() {
        let t = vec![total(398, "2023", Direction::Export, dec!(5))];
        let r = by_period(&t);
        assert_eq!(r[0].turnover.turnover_usd(), None);
        assert_eq!(r[0].turnover.balance_usd(), None);
    }

    #[test]
    fn top_products_share_growth_and_agri_lens() {
        let c = |s: &str| HsCode::parse(s).unwrap();
        let cur = vec![
            (c("10"), dec!(900)),
            (c("27"), dec!(400)),
            (c("72"), dec!(350)),
            (c("11"), dec!(150)),
        ];
        let prev = vec![(c("10"), dec!(600)), (c("27"), dec!(500))];
        let top = top_products(&cur, &prev, dec!(1800), 2);
        assert_eq!(top[0].code, c("10"));
        assert_eq!(top[0].share_pct, Some(dec!(50)));
        assert_eq!(top[0].growth_pct, Some(dec!(50)));
        assert_eq!(top[1].growth_pct, Some(dec!(-20)));
        let lens = agri_food_lens(&cur);
        assert_eq!(lens.agri_food_usd, dec!(1050));
        assert_eq!(lens.agri_food_share_pct.unwrap().round_dp(4), dec!(58.3333));
        let ch = shares_by_chapter(&cur);
        assert_eq!(ch[0].0, 10);
        // Section II (chapters 6-14): 900 + 150; V (25-27): 400; XV (72-83): 350.
        let sec = shares_by_section(&cur);
        assert_eq!(sec[0].0.unwrap().roman(), "II");
        assert_eq!(sec[0].1, dec!(1050));
        assert_eq!(sec[2].0.unwrap().roman(), "XV");
    }

    proptest::proptest! {
        #[test]
        fn turnover_is_exports_plus_imports(x in 0i64..1_000_000_000_000, m in 0i64..1_000_000_000_000, s in 0u32..4) {
            let t = Turnover { exports_usd: Some(Decimal::new(x, s)), imports_usd: Some(Decimal::new(m, s)) };
            proptest::prop_assert_eq!(t.turnover_usd().unwrap(), t.exports_usd.unwrap() + t.imports_usd.unwrap());
            proptest::prop_assert_eq!(t.turnover_usd().unwrap() - t.balance_usd().unwrap(), Decimal::TWO * t.imports_usd.unwrap());
        }
    }
}
