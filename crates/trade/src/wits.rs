//! The World Bank WITS trade indicators, with the exact WITS formulas.
//!
//! Notation (WITS): i reporter, j partner, k product, w world; x exports, m imports; X and M
//! totals. Each formula, with the WITS page it comes from, is in `docs/methodology.md`,
//! "Trade". Values are US dollars as [`Decimal`]; the indices are returned as [`Decimal`] too,
//! computed exactly up to the 28 significant digits of a decimal.
//!
//! | function | index | formula |
//! |---|---|---|
//! | [`revealed_comparative_advantage`] | RCA (Balassa) | (x_ik / X_i) / (x_wk / X_w) |
//! | [`export_specialization`] | ES | (x_ik / X_i) / (m_jk / M_j) |
//! | [`trade_complementarity`] | TC | 100 × (1 − Σ_k \|m_jk/M_j − x_ik/X_i\| / 2) |
//! | [`trade_intensity`] | TII | (x_ij / X_i) / (x_wj / X_w) |
//! | [`hirschman_herfindahl`] | HH | Σ_k (x_ik / X_i)² |
//! | [`grubel_lloyd`], [`grubel_lloyd_aggregate`] | GL | 1 − \|x_k − m_k\| / (x_k + m_k); 1 − Σ\|x_k − m_k\| / Σ(x_k + m_k) |

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::error::{Result, TradeError};

fn non_negative(v: Decimal, what: &str) -> Result<Decimal> {
    if v.is_sign_negative() && !v.is_zero() {
        return Err(TradeError::Input(format!(
            "{what} is {v}: trade values must not be negative"
        )));
    }
    Ok(v)
}

fn ratio(num: Decimal, den: Decimal, what: &str) -> Result<Decimal> {
    non_negative(num, what)?;
    non_negative(den, what)?;
    if den.is_zero() {
        return Err(TradeError::Input(format!(
            "{what}: the denominator is zero; the index is undefined without trade in it"
        )));
    }
    num.checked_div(den)
        .ok_or_else(|| TradeError::Input(format!("{what}: the ratio overflows")))
}

fn ratio_of_shares(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    if b.is_zero() {
        return Err(TradeError::Input(format!(
            "{what}: the reference share is zero; the index is undefined"
        )));
    }
    a.checked_div(b)
        .ok_or_else(|| TradeError::Input(format!("{what}: the ratio overflows")))
}

/// Revealed comparative advantage (Balassa): `(x_ik / X_i) / (x_wk / X_w)`; above 1 the
/// reporter has a revealed comparative advantage in product k.
pub fn revealed_comparative_advantage(
    x_ik: Decimal,
    x_i: Decimal,
    x_wk: Decimal,
    x_w: Decimal,
) -> Result<Decimal> {
    let own = ratio(x_ik, x_i, "RCA: reporter's share of product k")?;
    let world = ratio(x_wk, x_w, "RCA: world's share of product k")?;
    ratio_of_shares(own, world, "RCA")
}

/// Export specialization: `(x_ik / X_i) / (m_jk / M_j)`: RCA with the partner's import
/// structure in the denominator.
pub fn export_specialization(
    x_ik: Decimal,
    x_i: Decimal,
    m_jk: Decimal,
    m_j: Decimal,
) -> Result<Decimal> {
    let own = ratio(x_ik, x_i, "ES: reporter's export share of product k")?;
    let partner = ratio(m_jk, m_j, "ES: partner's import share of product k")?;
    ratio_of_shares(own, partner, "ES")
}

/// Trade intensity: `(x_ij / X_i) / (x_wj / X_w)`; above 1 the reporter trades with the
/// partner more intensely than the world does.
pub fn trade_intensity(
    x_ij: Decimal,
    x_i: Decimal,
    x_wj: Decimal,
    x_w: Decimal,
) -> Result<Decimal> {
    let own = ratio(x_ij, x_i, "TII: reporter's exports to the partner")?;
    let world = ratio(x_wj, x_w, "TII: world's exports to the partner")?;
    ratio_of_shares(own, world, "TII")
}

fn shares<K: Ord + Clone>(
    values: &BTreeMap<K, Decimal>,
    what: &str,
) -> Result<BTreeMap<K, Decimal>> {
    let mut total = Decimal::ZERO;
    for v in values.values() {
        total += non_negative(*v, what)?;
    }
    if total.is_zero() {
        return Err(TradeError::Input(format!(
            "{what}: the total is zero; give at least one product with trade"
        )));
    }
    Ok(values
        .iter()
        .map(|(k, v)| (k.clone(), *v / total))
        .collect())
}

/// Trade complementarity: `100 × (1 − Σ_k |m_jk / M_j − x_ik / X_i| / 2)`, from 0 (no overlap
/// of i's exports with j's imports) to 100 (a perfect match). Products missing from one map
/// count as zero there.
pub fn trade_complementarity<K: Ord + Clone>(
    exports_i: &BTreeMap<K, Decimal>,
    imports_j: &BTreeMap<K, Decimal>,
) -> Result<Decimal> {
    let x = shares(exports_i, "TC: reporter's exports")?;
    let m = shares(imports_j, "TC: partner's imports")?;
    let keys: BTreeSet<&K> = x.keys().chain(m.keys()).collect();
    let mut sum = Decimal::ZERO;
    for k in keys {
        let xs = x.get(k).copied().unwrap_or_default();
        let ms = m.get(k).copied().unwrap_or_default();
        sum += (ms - xs).abs();
    }
    Ok(Decimal::ONE_HUNDRED * (Decimal::ONE - sum / Decimal::TWO))
}

/// Hirschman–Herfindahl concentration: `Σ_k (x_ik / X_i)²`, from 1/n (n products of equal
/// value) to 1 (a single product). Used over products or, with mirror exports, over partners.
pub fn hirschman_herfindahl(values: &[Decimal]) -> Result<Decimal> {
    let mut total = Decimal::ZERO;
    for v in values {
        total += non_negative(*v, "HH: a value")?;
    }
    if total.is_zero() {
        return Err(TradeError::Input(
            "HH: the total is zero; give at least one value with trade".into(),
        ));
    }
    Ok(values
        .iter()
        .map(|v| {
            let s = *v / total;
            s * s
        })
        .sum())
}

/// Grubel–Lloyd intra-industry trade of one product: `1 − |x_k − m_k| / (x_k + m_k)`, from 0
/// (trade one way only) to 1 (exports equal imports).
pub fn grubel_lloyd(x_k: Decimal, m_k: Decimal) -> Result<Decimal> {
    non_negative(x_k, "GL: exports")?;
    non_negative(m_k, "GL: imports")?;
    let total = x_k + m_k;
    if total.is_zero() {
        return Err(TradeError::Input(
            "GL: no trade in the product; the index is undefined".into(),
        ));
    }
    Ok(Decimal::ONE - (x_k - m_k).abs() / total)
}

/// Aggregate Grubel–Lloyd over products: `1 − Σ_k |x_k − m_k| / Σ_k (x_k + m_k)`.
pub fn grubel_lloyd_aggregate(pairs: &[(Decimal, Decimal)]) -> Result<Decimal> {
    let (mut diff, mut total) = (Decimal::ZERO, Decimal::ZERO);
    for (x, m) in pairs {
        non_negative(*x, "GL: exports")?;
        non_negative(*m, "GL: imports")?;
        diff += (*x - *m).abs();
        total += *x + *m;
    }
    if total.is_zero() {
        return Err(TradeError::Input(
            "GL: no trade in any product; the index is undefined".into(),
        ));
    }
    Ok(Decimal::ONE - diff / total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rca_by_hand() {
        // Reporter: wheat 30 of 100 exports; world: wheat 50 of 1000. (0.3) / (0.05) = 6.
        assert_eq!(
            revealed_comparative_advantage(dec!(30), dec!(100), dec!(50), dec!(1000)).unwrap(),
            dec!(6)
        );
        assert!(revealed_comparative_advantage(dec!(30), dec!(0), dec!(50), dec!(1000)).is_err());
        assert!(revealed_comparative_advantage(dec!(30), dec!(100), dec!(0), dec!(1000)).is_err());
        assert!(revealed_comparative_advantage(dec!(-1), dec!(100), dec!(5), dec!(10)).is_err());
    }

    #[test]
    fn export_specialization_by_hand() {
        // 0.3 / (20 / 400 = 0.05) = 6; 0.3 / 0.6 = 0.5.
        assert_eq!(
            export_specialization(dec!(30), dec!(100), dec!(20), dec!(400)).unwrap(),
            dec!(6)
        );
        assert_eq!(
            export_specialization(dec!(30), dec!(100), dec!(60), dec!(100)).unwrap(),
            dec!(0.5)
        );
    }

    #[test]
    fn trade_intensity_by_hand() {
        // KZ sends 8 % of its exports to UZ; the world sends 0.2 % of its exports to UZ: 40.
        assert_eq!(
            trade_intensity(dec!(8), dec!(100), dec!(2), dec!(1000)).unwrap(),
            dec!(40)
        );
    }

    #[test]
    fn complementarity_by_hand() {
        // i exports shares: a 0.5, b 0.5; j import shares: a 0.25, b 0.25, c 0.5.
        // Σ|diff| = 0.25 + 0.25 + 0.5 = 1; TC = 100 × (1 − 0.5) = 50.
        let x = BTreeMap::from([("a", dec!(10)), ("b", dec!(10))]);
        let m = BTreeMap::from([("a", dec!(1)), ("b", dec!(1)), ("c", dec!(2))]);
        assert_eq!(trade_complementarity(&x, &m).unwrap(), dec!(50));
        assert_eq!(trade_complementarity(&x, &x).unwrap(), dec!(100));
        let disjoint = BTreeMap::from([("z", dec!(5))]);
        assert_eq!(trade_complementarity(&x, &disjoint).unwrap(), dec!(0));
    }

    #[test]
    fn hhi_by_hand() {
        // Shares 0.5, 0.3, 0.2: 0.25 + 0.09 + 0.04 = 0.38.
        assert_eq!(
            hirschman_herfindahl(&[dec!(50), dec!(30), dec!(20)]).unwrap(),
            dec!(0.38)
        );
        assert_eq!(hirschman_herfindahl(&[dec!(7)]).unwrap(), dec!(1));
        assert!(hirschman_herfindahl(&[]).is_err());
    }

    #[test]
    fn grubel_lloyd_by_hand() {
        // x 30, m 10: 1 − 20/40 = 0.5; x 5, m 5: 1; x 5, m 0: 0.
        assert_eq!(grubel_lloyd(dec!(30), dec!(10)).unwrap(), dec!(0.5));
        assert_eq!(grubel_lloyd(dec!(5), dec!(5)).unwrap(), dec!(1));
        assert_eq!(grubel_lloyd(dec!(5), dec!(0)).unwrap(), dec!(0));
        // Aggregate: |30−10| + |5−5| = 20 over 50: 1 − 0.4 = 0.6.
        assert_eq!(
            grubel_lloyd_aggregate(&[(dec!(30), dec!(10)), (dec!(5), dec!(5))]).unwrap(),
            dec!(0.6)
        );
        assert!(grubel_lloyd(dec!(0), dec!(0)).is_err());
    }

    fn money() -> impl Strategy<Value = Decimal> {
        (0i64..1_000_000_000_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s))
    }

    // Decimal division rounds at 28 significant digits; the bounds hold to within this.
    const EPS: Decimal = Decimal::from_parts(1, 0, 0, false, 20);

    proptest! {
        #[test]
        fn hhi_lies_between_one_over_n_and_one(values in proptest::collection::vec(money(), 1..30)) {
            prop_assume!(values.iter().any(|v| !v.is_zero()));
            let h = hirschman_herfindahl(&values).unwrap();
            let n = Decimal::from(values.len());
            prop_assert!(h >= Decimal::ONE / n - EPS, "{h} < 1/{n}");
            prop_assert!(h <= Decimal::ONE + EPS, "{h} > 1");
        }

        #[test]
        fn gl_lies_between_zero_and_one(x in money(), m in money()) {
            prop_assume!(!(x + m).is_zero());
            let g = grubel_lloyd(x, m).unwrap();
            prop_assert!(g >= Decimal::ZERO && g <= Decimal::ONE);
        }

        #[test]
        fn aggregate_gl_lies_between_zero_and_one(pairs in proptest::collection::vec((money(), money()), 1..20)) {
            prop_assume!(pairs.iter().any(|(x, m)| !(*x + *m).is_zero()));
            let g = grubel_lloyd_aggregate(&pairs).unwrap();
            prop_assert!(g >= Decimal::ZERO && g <= Decimal::ONE);
        }

        #[test]
        fn tci_lies_between_zero_and_one_hundred(
            x in proptest::collection::btree_map(0u8..20, money(), 1..15),
            m in proptest::collection::btree_map(0u8..20, money(), 1..15),
        ) {
            prop_assume!(x.values().any(|v| !v.is_zero()) && m.values().any(|v| !v.is_zero()));
            let t = trade_complementarity(&x, &m).unwrap();
            let eps = EPS * Decimal::ONE_HUNDRED;
            prop_assert!(t >= -eps && t <= Decimal::ONE_HUNDRED + eps, "{t}");
        }
    }
}
