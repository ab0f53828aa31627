//! Query planning: a request (reporters, partners, periods, flows, commodities) becomes calls
//! that each stay under the record cap.
//!
//! A call is split before it is sent when its upper estimate ([`Query`] dimensions multiplied)
//! exceeds the cap, and again after it is sent when the answer holds as many records as the cap
//! (the API cut it short). Splits go, in order: by period, by HS chapter, by partner, by
//! reporter, by flow. A call that cannot be split further and still reaches the cap is an
//! error, never data taken as complete.

use serde::{Deserialize, Serialize};

use super::query::{ApiPeriod, Commodities, Endpoint, Frequency, Query};
use crate::area::M49Area;
use crate::error::{Result, TradeError};
use crate::flow::FlowCode;
use crate::hs::HsChapter;

/// The most periods one call asks for.
pub const MAX_PERIODS_PER_CALL: usize = 12;

/// What to fetch: the library form of `dostyk trade fetch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchRequest {
    /// Reporters; at least one.
    pub reporters: Vec<M49Area>,
    /// Partners; empty means every partner (World and the aggregates included).
    pub partners: Vec<M49Area>,
    /// Annual or monthly.
    pub frequency: Frequency,
    /// The periods; at least one. See [`FetchRequest::periods_between`].
    pub periods: Vec<ApiPeriod>,
    /// Flows; empty means every flow.
    pub flows: Vec<FlowCode>,
    /// Commodities.
    pub commodities: Commodities,
}

impl FetchRequest {
    /// Every year from `first` to `last` (both included), or every month of them when
    /// `monthly`.
    pub fn periods_between(first: u16, last: u16, monthly: bool) -> Vec<ApiPeriod> {
        (first..=last)
            .flat_map(|year| {
                let months: Vec<Option<u8>> = if monthly {
                    (1..=12).map(Some).collect()
                } else {
                    vec![None]
                };
                months
                    .into_iter()
                    .map(move |month| ApiPeriod { year, month })
            })
            .collect()
    }

    /// Checks the request: reporters and periods given, periods matching the frequency, HS
    /// codes of 2, 4 or 6 digits, levels 2, 4 or 6.
    pub fn check(&self) -> Result<()> {
        let bad = |m: String| Err(TradeError::Input(m));
        if self.reporters.is_empty() {
            return bad("no reporter given; name at least one (e.g. KAZ)".into());
        }
        if self.periods.is_empty() {
            return bad("no period given; name at least one year (e.g. 2023)".into());
        }
        for p in &self.periods {
            let monthly = self.frequency == Frequency::Monthly;
            if p.month.is_some() != monthly || p.month.is_some_and(|m| !(1..=12).contains(&m)) {
                return bad(format!(
                    "period {p} does not fit {} data; give {}",
                    if monthly { "monthly" } else { "annual" },
                    if monthly {
                        "months as YYYYMM with MM 01 to 12"
                    } else {
                        "years as YYYY"
                    }
                ));
            }
        }
        match &self.commodities {
            Commodities::Total => {}
            Commodities::Level(n) if [2, 4, 6].contains(n) => {}
            Commodities::Level(n) => {
                return bad(format!(
                    "HS level {n} does not exist; give 2, 4 or 6 (chapters, headings, subheadings)"
                ));
            }
            Commodities::Codes(codes) => {
                if codes.is_empty() {
                    return bad("no HS code given; give codes such as 02,0201,020130".into());
                }
                for c in codes {
                    let ok = [2, 4, 6].contains(&c.len())
                        && c.bytes().all(|b| b.is_ascii_digit())
                        && crate::hs::chapter(c).is_ok();
                    if !ok {
                        return bad(format!(
                            "\"{c}\" is not an HS code; give 2, 4 or 6 digits of an existing chapter (01 to 99), such as 02, 0201 or 020130"
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The calls that cover the request, each estimated to stay under `cap` records where a
    /// split can bring it there.
    pub fn plan(&self, endpoint: Endpoint, cap: u32) -> Result<Vec<Query>> {
        self.check()?;
        let mut periods = self.periods.clone();
        periods.sort_unstable();
        periods.dedup();
        let mut todo: Vec<Query> = periods
            .chunks(MAX_PERIODS_PER_CALL)
            .rev()
            .map(|chunk| Query {
                endpoint,
                frequency: self.frequency,
                reporters: self.reporters.clone(),
                partners: self.partners.clone(),
                periods: chunk.to_vec(),
                flows: self.flows.clone(),
                commodities: self.commodities.clone(),
                max_records: cap,
            })
            .collect();
        let mut calls = Vec::new();
        while let Some(q) = todo.pop() {
            match split(&q) {
                Some(parts) if q.estimate() > u64::from(cap) => {
                    todo.extend(parts.into_iter().rev());
                }
                _ => calls.push(q),
            }
        }
        Ok(calls)
    }
}

/// The calls that together ask for what `query` asks for, each for less: by period, then by HS
/// chapter, then by partner, reporter and flow. `None` when the call cannot be split (one
/// period, one chapter's codes or a whole HS level, one or every partner, one reporter, one or
/// every flow).
pub fn split(query: &Query) -> Option<Vec<Query>> {
    let with = |f: &dyn Fn(&mut Query)| {
        let mut q = query.clone();
        f(&mut q);
        q
    };
    if query.periods.len() > 1 {
        return Some(
            query
                .periods
                .iter()
                .map(|p| with(&|q| q.periods = vec![*p]))
                .collect(),
        );
    }
    let chapters: Option<Vec<Vec<String>>> = match &query.commodities {
        Commodities::Level(2) => Some(HsChapter::all().map(|c| vec![c.to_string()]).collect()),
        Commodities::Codes(codes) if codes.len() > 1 => {
            let mut groups: Vec<Vec<String>> = Vec::new();
            for code in codes {
                match groups.last_mut() {
                    Some(g) if g[0].get(..2) == code.get(..2) => g.push(code.clone()),
                    _ => groups.push(vec![code.clone()]),
                }
            }
            if groups.len() == 1 {
                // One chapter: halve its codes.
                let (a, b) = codes.split_at(codes.len() / 2);
                Some(vec![a.to_vec(), b.to_vec()])
            } else {
                Some(groups)
            }
        }
        _ => None,
    };
    if let Some(groups) = chapters {
        // Two halves along chapter boundaries, so each split at most doubles the calls.
        let half = groups.len().div_ceil(2);
        let parts: Vec<Query> = groups
            .chunks(half)
            .map(|g| with(&|q| q.commodities = Commodities::Codes(g.concat())))
            .collect();
        return Some(parts);
    }
    if query.partners.len() > 1 {
        return Some(
            query
                .partners
                .iter()
                .map(|p| with(&|q| q.partners = vec![*p]))
                .collect(),
        );
    }
    if query.reporters.len() > 1 {
        return Some(
            query
                .reporters
                .iter()
                .map(|r| with(&|q| q.reporters = vec![*r]))
                .collect(),
        );
    }
    if query.flows.len() > 1 {
        return Some(
            query
                .flows
                .iter()
                .map(|f| with(&|q| q.flows = vec![f.clone()]))
                .collect(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(code: u16) -> M49Area {
        M49Area::from_m49(code)
    }

    fn request(commodities: Commodities) -> FetchRequest {
        FetchRequest {
            reporters: vec![area(398), area(860)],
            partners: vec![area(860), area(398)],
            frequency: Frequency::Annual,
            periods: FetchRequest::periods_between(2015, 2025, false),
            flows: vec![FlowCode::Export, FlowCode::Import],
            commodities,
        }
    }

    #[test]
    fn totals_fit_in_one_call_per_twelve_periods() {
        let calls = request(Commodities::Total)
            .plan(Endpoint::Data, 100_000)
            .unwrap();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].periods.len(), 11);
        let mut monthly = request(Commodities::Total);
        monthly.frequency = Frequency::Monthly;
        monthly.periods = FetchRequest::periods_between(2015, 2025, true);
        let calls = monthly.plan(Endpoint::Data, 100_000).unwrap();
        assert_eq!(calls.len(), 11);
        assert!(calls.iter().all(|c| c.periods.len() == 12));
    }

    #[test]
    fn hs6_under_the_preview_cap_splits_down_to_single_periods_partners_and_flows() {
        let calls = request(Commodities::Level(6))
            .plan(Endpoint::Preview, 500)
            .unwrap();
        // 11 years x 2 partners x 2 reporters x 2 flows, none further divisible.
        assert_eq!(calls.len(), 11 * 2 * 2 * 2);
        assert!(calls.iter().all(|c| c.periods.len() == 1
            && c.partners.len() == 1
            && c.reporters.len() == 1
            && c.flows.len() == 1));
    }

    #[test]
    fn hs2_splits_by_chapter_before_partner() {
        let mut r = request(Commodities::Level(2));
        r.periods.truncate(1);
        let calls = r.plan(Endpoint::Preview, 500).unwrap();
        // 97-99 chapters x 2 x 2 x 2 = ~800 > 500: split into chapter halves, each ~400.
        assert_eq!(calls.len(), 2);
        let Commodities::Codes(first) = &calls[0].commodities else {
            panic!("split by chapter: {:?}", calls[0].commodities)
        };
        assert_eq!(first[0], "01");
        assert_eq!(calls[0].partners.len(), 2);
    }

    #[test]
    fn codes_split_along_chapters_then_within_one() {
        let q = request(Commodities::Codes(vec![
            "0201".into(),
            "0202".into(),
            "1001".into(),
        ]))
        .plan(Endpoint::Data, 100_000)
        .unwrap()
        .remove(0);
        let mut q = q;
        q.periods.truncate(1);
        let parts = split(&q).unwrap();
        assert_eq!(
            parts
                .iter()
                .map(|p| p.commodities.param())
                .collect::<Vec<_>>(),
            ["0201,0202", "1001"]
        );
        let within = split(&parts[0]).unwrap();
        assert_eq!(within[0].commodities.param(), "0201");
        assert_eq!(within[1].commodities.param(), "0202");
    }

    #[test]
    fn a_single_cell_cannot_be_split() {
        let q = Query {
            endpoint: Endpoint::Data,
            frequency: Frequency::Annual,
            reporters: vec![area(398)],
            partners: vec![],
            periods: vec![ApiPeriod {
                year: 2023,
                month: None,
            }],
            flows: vec![FlowCode::Export],
            commodities: Commodities::Level(6),
            max_records: 500,
        };
        assert!(split(&q).is_none());
    }

    proptest::proptest! {
        /// Every plan covers each period exactly once, and no call is split further than it
        /// must be, whatever the cap (1 to u32::MAX) and the size of the request.
        #[test]
        fn plans_cover_every_period_once(cap in 1u32.., years in 1u16..30, level in proptest::sample::select(vec![0u8, 2, 4, 6])) {
            let mut r = request(if level == 0 { Commodities::Total } else { Commodities::Level(level) });
            r.periods = FetchRequest::periods_between(2000, 2000 + years - 1, false);
            let calls = r.plan(Endpoint::Data, cap).unwrap();
            let mut cells = std::collections::BTreeMap::new();
            for c in &calls {
                for p in &c.periods {
                    for rep in &c.reporters {
                        for par in &c.partners {
                            for f in &c.flows {
                                *cells.entry((*p, *rep, *par, f.clone(), c.commodities.param())).or_insert(0) += 1;
                            }
                        }
                    }
                }
            }
            proptest::prop_assert!(cells.values().all(|n| *n == 1));
            proptest::prop_assert!(calls.iter().all(|c| c.periods.len() <= MAX_PERIODS_PER_CALL));
        }
    }

    #[test]
    fn bad_requests_are_refused_with_what_to_give() {
        let mut r = request(Commodities::Codes(vec!["2x".into()]));
        let e = r.check().unwrap_err().to_string();
        assert!(e.contains("\"2x\" is not an HS code"), "{e}");
        r.commodities = Commodities::Level(8);
        assert!(r.check().unwrap_err().to_string().contains("level 8"));
        r.commodities = Commodities::Total;
        r.periods = vec![ApiPeriod {
            year: 2023,
            month: Some(1),
        }];
        assert!(r.check().unwrap_err().to_string().contains("annual"));
        r.reporters.clear();
        assert!(r.check().unwrap_err().to_string().contains("reporter"));
    }
}
