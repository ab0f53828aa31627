//! The lowered linear programme's moving parts: the terms that tie its bounds, costs and
//! coefficients to parameters, and what each results column records. Built once by
//! [`super::build`]; read every day by [`super::step`].

use super::params::Source;

/// A linear expression in the LP columns.
pub(super) type Expr = Vec<(usize, f64)>;

/// Sorts `e` by column, adds up repeated columns and drops zero coefficients.
pub(super) fn normalise(mut e: Expr) -> Expr {
    e.sort_by_key(|t| t.0);
    let mut out: Expr = Vec::with_capacity(e.len());
    for (c, v) in e {
        match out.last_mut() {
            Some(last) if last.0 == c => last.1 += v,
            _ => out.push((c, v)),
        }
    }
    out.retain(|t| t.1 != 0.0);
    out
}

/// The value of `e` at the column values `x`.
#[inline]
pub(super) fn eval(e: &Expr, x: &[f64]) -> f64 {
    e.iter().map(|&(c, v)| v * x[c]).sum()
}

/// pywr zeroes bounds smaller than 1e-8 in magnitude.
#[inline]
pub(super) fn clean(v: f64) -> f64 {
    if v.abs() < 1e-8 { 0.0 } else { v }
}

/// A bound that a node puts on a variable (a column or a row's logical).
#[derive(Debug, Clone, Copy)]
pub(super) struct BoundTerm {
    pub(super) var: usize,
    pub(super) lo: Source,
    pub(super) hi: Source,
}

/// A cost that a node adds to a column.
#[derive(Debug, Clone, Copy)]
pub(super) struct CostTerm {
    pub(super) col: usize,
    pub(super) src: Source,
    pub(super) sign: f64,
}

/// A matrix coefficient that follows parameters.
#[derive(Debug, Clone, Copy)]
pub(super) enum Coef {
    /// A fixed multiplier.
    Fixed(f64),
    /// −(1 + L): the net side of a net-type loss link with loss factor L.
    LossNet(Source),
    /// −F_0/F_k: the second member of an aggregated-node factor row.
    Ratio(Source, Source),
}

impl Coef {
    /// The coefficient with this step's parameter values.
    pub(super) fn get(self, values: &[f64]) -> f64 {
        match self {
            Coef::Fixed(v) => v,
            Coef::LossNet(l) => -(1.0 + l.get(values)),
            Coef::Ratio(a, b) => -(a.get(values) / b.get(values)),
        }
    }
}

/// A row whose coefficients are recomputed each day: Σ over parts of coefficient × expression.
#[derive(Debug, Clone)]
pub(super) struct DynRow {
    pub(super) row: usize,
    pub(super) parts: Vec<(Expr, Coef)>,
}

/// What a results column records.
#[derive(Debug, Clone)]
pub(super) enum Record {
    /// A flow: an expression in the columns.
    Flow(Expr),
    /// The end-of-day volume of the store with this index.
    Volume(usize),
    /// The summed end-of-day volume of these stores (an aggregated storage).
    Volumes(Vec<usize>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_merges_repeated_columns_and_drops_zeros() {
        let e = normalise(vec![(3, 1.0), (1, 2.0), (3, -1.0), (1, 0.5), (2, 0.0)]);
        assert_eq!(e, vec![(1, 2.5)]);
    }

    #[test]
    fn clean_zeroes_tiny_bounds_only() {
        assert_eq!(clean(5e-9), 0.0);
        assert_eq!(clean(-5e-9), 0.0);
        assert_eq!(clean(2e-8), 2e-8);
        assert_eq!(clean(f64::INFINITY), f64::INFINITY);
    }

    #[test]
    fn coefficients_follow_parameter_values() {
        let values = [0.25, 2.0, 4.0];
        assert_eq!(Coef::Fixed(1.5).get(&values), 1.5);
        assert_eq!(Coef::LossNet(Source::Slot(0)).get(&values), -1.25);
        assert_eq!(
            Coef::Ratio(Source::Slot(1), Source::Slot(2)).get(&values),
            -0.5
        );
        assert_eq!(eval(&vec![(0, 2.0), (2, -1.0)], &values), -3.5);
    }
}
