//! Conflicts computed from the figures, not hand-flagged.
//!
//! Two figures conflict when they state the same thing and their values differ beyond rounding.
//! The same thing is, for a statement of the claims ledger, the same indicator, kind of claim
//! (actual, target, forecast), unit and period;
//! for a quoted fact, the same indicator, unit and period. The two sides must also be
//! comparable: the same side, or one of them `joint`, or a statement flagged
//! `side_unspecified` (whose side the source does not say). Kazakhstan's and Uzbekistan's own
//! figures for one period are never a conflict: they are the two sides' published figures,
//! which differ by valuation and attribution. The portfolio statements of the agenda are left
//! out: under one indicator and month they give a whole and its parts (69 projects, 12 of them
//! completed, 3 under implementation), told apart by the speaker's words, and are compared with
//! the project registry instead.
//!
//! "Beyond rounding" reads each value as the range a published, rounded figure stands for:
//! half a unit of its last significant digit either way, with at least two significant digits
//! read ("$5 billion" is $5.0 bn, so $4.95–5.05 bn; "$4.6 billion" is $4.55–4.65 bn). A
//! qualifier widens the range: "more than" and "over" have no upper end, "up to" and "less
//! than" no lower end; "about" and "nearly" keep the rounding range. Two figures conflict when
//! their ranges do not meet.
//!
//! A conflict is a property of the pair: [`Conflicts::of`] gives each figure the others it
//! conflicts with, so a report shows the conflict on both rows. The hand flag `conflicting`
//! in a data file only annotates (a note may explain a conflict no rule finds, such as two
//! figures for different periods that cannot both hold).
//!
//! Finding the conflicts of a figure costs a binary search in its group, not a comparison with
//! every other figure, so a ledger of thousands of statements of one indicator and period is
//! checked in O(n log n).

use std::cmp::Ordering;
use std::collections::HashMap;

use dostyk_core_model::agenda::statement::{ClaimFlag, ClaimKind, Statement};
use dostyk_core_model::facts::QuotedFact;
use dostyk_core_model::provenance::ReportingSide;
use rust_decimal::Decimal;
use uuid::Uuid;

/// A figure of the dataset that a conflict names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FigureRef {
    /// A statement of `agenda.statements` (ledger or portfolio), by its id.
    Statement(Uuid),
    /// A quoted fact, by its index in `Dataset::water_facts`.
    WaterFact(usize),
    /// A quoted fact, by its index in `Dataset::transit_facts`.
    TransitFact(usize),
}

/// How a figure was stated, from its qualifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Bound {
    /// Stated as a value (rounded as published): no qualifier, or "about", "nearly", "almost",
    /// "approximately", "around" and any qualifier not named below.
    Rounded,
    /// A lower bound: "more than", "over", "exceeded", "at least", "above".
    AtLeast,
    /// An upper bound: "up to", "less than", "under", "at most", "below".
    AtMost,
}

impl Bound {
    /// The bound a qualifier as published states (case and surrounding spaces ignored).
    pub fn from_qualifier(qualifier: &str) -> Bound {
        let q = qualifier.trim().to_lowercase();
        let starts = |words: &[&str]| words.iter().any(|w| q.starts_with(w));
        if starts(&[
            "more than",
            "over",
            "exceed",
            "at least",
            "above",
            "surpass",
        ]) {
            Bound::AtLeast
        } else if starts(&["up to", "less than", "under", "at most", "below"]) {
            Bound::AtMost
        } else {
            Bound::Rounded
        }
    }
}

/// The values a stated figure stands for: from `low` (included) to `high` (excluded); `None`
/// is no end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The lowest value, or `None` for no lower end.
    pub low: Option<Decimal>,
    /// The first value above the range, or `None` for no upper end.
    pub high: Option<Decimal>,
}

impl Range {
    /// The range of `value` stated with `bound` (see the module documentation).
    pub fn of(value: Decimal, bound: Bound) -> Range {
        let half = half_rounding_step(value);
        let low = value.checked_sub(half);
        let high = value.checked_add(half);
        match bound {
            Bound::Rounded => Range { low, high },
            Bound::AtLeast => Range { low, high: None },
            Bound::AtMost => Range { low: None, high },
        }
    }

    /// Whether the two ranges share a value.
    pub fn meets(&self, other: &Range) -> bool {
        below(self.low, other.high) && below(other.low, self.high)
    }
}

/// `low < high`, where `None` is no end (always true).
fn below(low: Option<Decimal>, high: Option<Decimal>) -> bool {
    match (low, high) {
        (Some(l), Some(h)) => l < h,
        _ => true,
    }
}

/// Half a unit of the last significant digit of `value`, reading at least two significant
/// digits (`5000000000` → 50000000; `4.6` → 0.05; `271200000` → 50000).
fn half_rounding_step(value: Decimal) -> Decimal {
    let value = value.normalize();
    let mantissa = value.mantissa().unsigned_abs();
    let scale = i64::from(value.scale());
    let digits = mantissa.checked_ilog10().map_or(1, |d| i64::from(d) + 1);
    let mut trailing = 0i64;
    let mut m = mantissa;
    while m != 0 && m.is_multiple_of(10) {
        m /= 10;
        trailing += 1;
    }
    let last = trailing - scale;
    let leading = digits - 1 - scale;
    let step = last.min(leading - 1);
    // Half of 10^step is 5 × 10^(step − 1).
    let exponent = step - 1;
    if exponent >= 0 {
        let mut half = Decimal::from(5u8);
        for _ in 0..exponent {
            match half.checked_mul(Decimal::TEN) {
                Some(h) => half = h,
                None => return Decimal::MAX,
            }
        }
        half
    } else {
        let scale = u32::try_from(-exponent).unwrap_or(u32::MAX).min(28);
        Decimal::new(5, scale)
    }
}

/// Whether two stated figures differ beyond rounding (their [`Range`]s do not meet).
pub fn differ_beyond_rounding(a: (Decimal, Bound), b: (Decimal, Bound)) -> bool {
    !Range::of(a.0, a.1).meets(&Range::of(b.0, b.1))
}

/// A figure as the comparison sees it.
#[derive(Debug, Clone, Copy)]
struct Entry {
    figure: FigureRef,
    range: Range,
}

/// The figures of one thing, from comparable sides, at least two of which conflict.
#[derive(Debug, Clone, Default)]
struct Group {
    /// Sorted by `range.low` (no lower end first).
    by_low: Vec<Entry>,
    /// Sorted by `range.high` (no upper end last).
    by_high: Vec<Entry>,
}

fn cmp_low(a: Option<Decimal>, b: Option<Decimal>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => a.cmp(&b),
    }
}

/// Orders upper ends: `None` (no end) last.
fn cmp_high(a: Option<Decimal>, b: Option<Decimal>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => a.cmp(&b),
    }
}

impl Group {
    fn new(entries: Vec<Entry>) -> Option<Group> {
        let mut by_low = entries.clone();
        by_low.sort_by(|a, b| cmp_low(a.range.low, b.range.low));
        let mut by_high = entries;
        by_high.sort_by(|a, b| cmp_high(a.range.high, b.range.high));
        // Some pair fails to meet exactly when the highest lower end is at or above the lowest
        // upper end (of another figure: a range always meets itself).
        let highest_low = by_low.last()?.range.low;
        let lowest_high = by_high.first()?.range.high;
        let conflict = match (highest_low, lowest_high) {
            (Some(l), Some(h)) => l >= h,
            _ => false,
        };
        conflict.then_some(Group { by_low, by_high })
    }

    /// The figures whose range lies wholly below or wholly above `range`.
    fn against(&self, range: Range) -> (&[Entry], &[Entry]) {
        // Wholly below: upper end at or under our lower end.
        let below = match range.low {
            Some(low) => {
                let n = self
                    .by_high
                    .partition_point(|e| e.range.high.is_some_and(|h| h <= low));
                &self.by_high[..n]
            }
            None => &[],
        };
        // Wholly above: lower end at or over our upper end.
        let above = match range.high {
            Some(high) => {
                let n = self
                    .by_low
                    .partition_point(|e| e.range.low.is_none_or(|l| l < high));
                &self.by_low[n..]
            }
            None => &[],
        };
        (below, above)
    }
}

/// The conflicts of a dataset: for each figure, the figures it conflicts with.
#[derive(Debug, Clone, Default)]
pub struct Conflicts {
    groups: Vec<Group>,
    /// Each figure in a group with a conflict: its range and the groups it is in (several for
    /// a figure of an unspecified or joint side, which is compared with every side's figures).
    member: HashMap<FigureRef, (Range, Vec<usize>)>,
}

/// The figures one figure conflicts with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConflictsOf {
    /// The first of them, up to the number asked for: those below the figure, then those
    /// above, each in the order of their values.
    pub figures: Vec<FigureRef>,
    /// How many there are in all.
    pub total: usize,
}

impl Conflicts {
    /// The conflicts among `statements` (the claims ledger's) and the quoted facts.
    pub fn detect<'s>(
        statements: impl IntoIterator<Item = &'s Statement>,
        water_facts: &[QuotedFact],
        transit_facts: &[QuotedFact],
    ) -> Conflicts {
        // Statements: grouped by (indicator, kind, unit, period), then by side.
        let mut things: HashMap<String, Vec<(Side, Entry)>> = HashMap::new();
        for st in statements {
            let kind = match st.kind {
                ClaimKind::Actual => "actual",
                ClaimKind::Target => "target",
                ClaimKind::Forecast => "forecast",
            };
            let key = format!(
                "statement|{}|{kind}|{}|{}",
                st.indicator, st.unit, st.period
            );
            let side = Side {
                side: st.side,
                unspecified: st.flags.contains(&ClaimFlag::SideUnspecified),
            };
            things.entry(key).or_default().push((
                side,
                Entry {
                    figure: FigureRef::Statement(st.id),
                    range: Range::of(st.value, Bound::from_qualifier(&st.qualifier)),
                },
            ));
        }
        for (table, facts, make) in [
            (
                "water",
                water_facts,
                FigureRef::WaterFact as fn(usize) -> FigureRef,
            ),
            ("transit", transit_facts, FigureRef::TransitFact),
        ] {
            for (index, f) in facts.iter().enumerate() {
                let period = f.period.map(|p| p.to_string()).unwrap_or_default();
                let key = format!("{table}|{}|{}|{period}", f.indicator, f.unit);
                things.entry(key).or_default().push((
                    Side {
                        side: f.side,
                        unspecified: false,
                    },
                    Entry {
                        figure: make(index),
                        range: Range::of(f.value, Bound::Rounded),
                    },
                ));
            }
        }
        let mut conflicts = Conflicts::default();
        let mut keys: Vec<String> = things.keys().cloned().collect();
        keys.sort_unstable();
        for key in keys {
            let figures = &things[&key];
            if figures.len() < 2 {
                continue;
            }
            // One group per side: each side's own figures and those of unspecified or joint
            // sides, which compare with every side.
            let mut sides: Vec<ReportingSide> = figures
                .iter()
                .filter(|(s, _)| !s.any())
                .map(|(s, _)| s.side)
                .collect();
            sides.sort_by_key(|s| side_order(*s));
            sides.dedup();
            if sides.is_empty() {
                sides.push(ReportingSide::Joint);
            }
            for side in sides {
                let entries: Vec<Entry> = figures
                    .iter()
                    .filter(|(s, _)| s.any() || s.side == side)
                    .map(|(_, e)| *e)
                    .collect();
                conflicts.add(entries);
            }
        }
        conflicts
    }

    /// Adds the group of `entries` if two of them conflict.
    fn add(&mut self, entries: Vec<Entry>) {
        let Some(group) = Group::new(entries) else {
            return;
        };
        let index = self.groups.len();
        for e in &group.by_low {
            self.member
                .entry(e.figure)
                .or_insert_with(|| (e.range, Vec::new()))
                .1
                .push(index);
        }
        self.groups.push(group);
    }

    /// Whether no two figures conflict.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every figure that conflicts with another, in the order of [`FigureRef`].
    pub fn figures(&self) -> Vec<FigureRef> {
        let mut figures: Vec<FigureRef> = self
            .member
            .keys()
            .copied()
            .filter(|f| self.of(*f, 0).total > 0)
            .collect();
        figures.sort_unstable();
        figures
    }

    /// The figures `figure` conflicts with: the first `limit` of them and how many there are.
    ///
    /// A figure of one side is in one group, and the count is two binary searches; a figure
    /// compared with every side is in a group per side, whose members are merged.
    pub fn of(&self, figure: FigureRef, limit: usize) -> ConflictsOf {
        let Some((range, groups)) = self.member.get(&figure) else {
            return ConflictsOf::default();
        };
        let mut out = ConflictsOf::default();
        if let [only] = groups.as_slice() {
            let (below, above) = self.groups[*only].against(*range);
            out.total = below.len() + above.len();
            out.figures = below
                .iter()
                .chain(above)
                .take(limit)
                .map(|e| e.figure)
                .collect();
            return out;
        }
        let mut seen = std::collections::HashSet::new();
        for &g in groups {
            let (below, above) = self.groups[g].against(*range);
            for e in below.iter().chain(above) {
                if seen.insert(e.figure) {
                    if out.figures.len() < limit {
                        out.figures.push(e.figure);
                    }
                    out.total += 1;
                }
            }
        }
        out
    }
}

/// A figure's side for the comparison.
#[derive(Debug, Clone, Copy)]
struct Side {
    side: ReportingSide,
    /// The source does not say whose figure it is.
    unspecified: bool,
}

impl Side {
    /// Whether the figure compares with every side: its side is not stated, or both sides
    /// gave it.
    fn any(self) -> bool {
        self.unspecified || self.side == ReportingSide::Joint
    }
}

fn side_order(side: ReportingSide) -> u8 {
    match side {
        ReportingSide::Kazakhstan => 0,
        ReportingSide::Uzbekistan => 1,
        ReportingSide::Joint => 2,
        ReportingSide::ThirdParty => 3,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn a_rounded_figure_stands_for_half_its_last_digit_either_way() {
        let r = Range::of(dec!(5000000000), Bound::Rounded);
        assert_eq!(
            (r.low, r.high),
            (Some(dec!(4950000000)), Some(dec!(5050000000)))
        );
        let r = Range::of(dec!(4.6), Bound::Rounded);
        assert_eq!((r.low, r.high), (Some(dec!(4.55)), Some(dec!(4.65))));
        let r = Range::of(dec!(271200000), Bound::Rounded);
        assert_eq!(
            (r.low, r.high),
            (Some(dec!(271150000)), Some(dec!(271250000)))
        );
        let r = Range::of(dec!(0), Bound::Rounded);
        assert!(r.meets(&r));
    }

    #[test]
    fn qualifiers_set_the_bound() {
        assert_eq!(Bound::from_qualifier("more than"), Bound::AtLeast);
        assert_eq!(Bound::from_qualifier(" Over "), Bound::AtLeast);
        assert_eq!(Bound::from_qualifier("up to"), Bound::AtMost);
        assert_eq!(Bound::from_qualifier("about"), Bound::Rounded);
        assert_eq!(Bound::from_qualifier(""), Bound::Rounded);
    }

    #[test]
    fn figures_differ_beyond_rounding_only_when_their_ranges_do_not_meet() {
        let bn = |v: Decimal| v * dec!(1000000000);
        let exact = |v| (bn(v), Bound::Rounded);
        let over = |v| (bn(v), Bound::AtLeast);
        // $4.6 bn against $5 bn (2022), $4.4 bn against $4.5 bn (2023).
        assert!(differ_beyond_rounding(exact(dec!(4.6)), exact(dec!(5))));
        assert!(differ_beyond_rounding(exact(dec!(4.4)), exact(dec!(4.5))));
        // "over $4.6 bn" against $4.5 bn and $4.4 bn; against $4.6 bn it holds.
        assert!(differ_beyond_rounding(over(dec!(4.6)), exact(dec!(4.5))));
        assert!(!differ_beyond_rounding(over(dec!(4.6)), exact(dec!(4.6))));
        // "about $4 bn" against $4.3 bn; "over $4 bn" does not conflict with it.
        assert!(differ_beyond_rounding(exact(dec!(4)), exact(dec!(4.3))));
        assert!(!differ_beyond_rounding(over(dec!(4)), exact(dec!(4.3))));
        // "surpassed $5 bn" and "$5 bn"; 5.6 and 5.64 bcm are the same figure rounded.
        assert!(!differ_beyond_rounding(over(dec!(5)), exact(dec!(5))));
        assert!(!differ_beyond_rounding(
            (dec!(5.6), Bound::Rounded),
            (dec!(5.64), Bound::Rounded)
        ));
        // 997 against 975 Mm3.
        assert!(differ_beyond_rounding(
            (dec!(997), Bound::Rounded),
            (dec!(975), Bound::Rounded)
        ));
    }

    fn fact(period: &str, side: ReportingSide, value: Decimal) -> QuotedFact {
        QuotedFact {
            period: Some(period.parse().unwrap()),
            side,
            indicator: "north-aral-delivery-planned".into(),
            value,
            unit: "Mm3".into(),
            source: dostyk_core_model::provenance::SourceId::new("s").unwrap(),
            note: String::new(),
            line: 2,
        }
    }

    #[test]
    fn a_conflict_is_found_on_both_figures() {
        let facts = [
            fact("growing-2025", ReportingSide::Kazakhstan, dec!(997)),
            fact("growing-2025", ReportingSide::Kazakhstan, dec!(975)),
            fact("growing-2025", ReportingSide::Kazakhstan, dec!(997)),
            // Another season, and the other side's own figure: not compared.
            fact("growing-2024", ReportingSide::Kazakhstan, dec!(500)),
            fact("growing-2025", ReportingSide::Uzbekistan, dec!(100)),
        ];
        let c = Conflicts::detect([], &facts, &[]);
        let of = |i| c.of(FigureRef::WaterFact(i), 10);
        assert_eq!(of(0).figures, [FigureRef::WaterFact(1)]);
        assert_eq!(of(2).figures, [FigureRef::WaterFact(1)]);
        assert_eq!(of(1).total, 2);
        assert_eq!(of(3).total, 0);
        assert_eq!(of(4).total, 0);
        assert_eq!(c.figures(), [0, 1, 2].map(FigureRef::WaterFact).to_vec());
        // A joint figure compares with each side.
        let facts = [
            fact("growing-2025", ReportingSide::Kazakhstan, dec!(997)),
            fact("growing-2025", ReportingSide::Uzbekistan, dec!(975)),
            fact("growing-2025", ReportingSide::Joint, dec!(975)),
        ];
        let c = Conflicts::detect([], &facts, &[]);
        assert_eq!(
            c.of(FigureRef::WaterFact(0), 10).figures,
            [FigureRef::WaterFact(2)]
        );
        assert_eq!(c.of(FigureRef::WaterFact(1), 10).total, 0);
        assert_eq!(
            c.of(FigureRef::WaterFact(2), 10).figures,
            [FigureRef::WaterFact(0)]
        );
        assert_eq!(c.of(FigureRef::WaterFact(2), 0).total, 1);
    }

    #[test]
    fn thousands_of_figures_of_one_thing_are_checked_quickly() {
        let facts: Vec<QuotedFact> = (0..20_000u32)
            .map(|i| fact("growing-2025", ReportingSide::Kazakhstan, Decimal::from(i)))
            .collect();
        let started = std::time::Instant::now();
        let c = Conflicts::detect([], &facts, &[]);
        let of = c.of(FigureRef::WaterFact(0), 3);
        assert_eq!(of.total, 19_999);
        assert_eq!(of.figures.len(), 3);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            Just(Decimal::MAX),
            Just(Decimal::MIN),
            Just(Decimal::ZERO),
            Just(Decimal::new(1, 28)),
            any::<i64>().prop_map(Decimal::from),
            (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        ]
    }

    fn bound() -> impl Strategy<Value = Bound> {
        prop_oneof![
            Just(Bound::Rounded),
            Just(Bound::AtLeast),
            Just(Bound::AtMost)
        ]
    }

    proptest! {
        /// Never panics; symmetric; a figure never conflicts with itself.
        #[test]
        fn the_comparison_is_symmetric_and_reflexive(a in decimal(), b in decimal(), ba in bound(), bb in bound()) {
            prop_assert_eq!(differ_beyond_rounding((a, ba), (b, bb)), differ_beyond_rounding((b, bb), (a, ba)));
            prop_assert!(!differ_beyond_rounding((a, ba), (a, ba)));
        }
    }
}
