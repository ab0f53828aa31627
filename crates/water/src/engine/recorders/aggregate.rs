//! pywr's aggregation functions ([`Aggregation`]) over a list of numbers, as numpy and scipy
//! compute them: NaN propagates (except through `count_nonzero`, `any`, `all` and
//! `percentileofscore`'s counts), an empty list gives the function's identity (0 for sum and
//! counts, 1 for product) or NaN, and nothing panics whatever the numbers.

use crate::schema::{Aggregation, PercentileMethod, ScoreKind};

/// `agg` of `values`; with `ignore_nan`, NaN values are left out first (pywr's
/// `ignore_nan`: NaN when none is left).
pub(crate) fn aggregate(agg: Aggregation, values: &[f64], ignore_nan: bool) -> f64 {
    if ignore_nan && values.iter().any(|v| v.is_nan()) {
        let kept: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
        if kept.is_empty() {
            return f64::NAN;
        }
        return aggregate(agg, &kept, false);
    }
    let n = values.len();
    match agg {
        Aggregation::Sum => values.iter().sum(),
        Aggregation::Product => values.iter().product(),
        Aggregation::Min => extreme(values, |a, b| a < b),
        Aggregation::Max => extreme(values, |a, b| a > b),
        Aggregation::Mean if n == 0 => f64::NAN,
        // numpy's mean is the sum divided by the count; a sum that overflows is ±∞ there too.
        Aggregation::Mean => values.iter().sum::<f64>() / n as f64,
        Aggregation::Median => percentile(values, 50.0, PercentileMethod::Linear),
        Aggregation::CountNonzero => values.iter().filter(|&&v| v != 0.0).count() as f64,
        Aggregation::Any => f64::from(u8::from(values.iter().any(|&v| v != 0.0))),
        Aggregation::All => f64::from(u8::from(values.iter().all(|&v| v != 0.0))),
        Aggregation::Percentile { q, method } => percentile(values, q, method),
        Aggregation::PercentileOfScore { score, kind } => percentile_of_score(values, score, kind),
    }
}

/// The smallest (`better` = less) or largest value; NaN for none or when one is NaN.
fn extreme(values: &[f64], better: impl Fn(f64, f64) -> bool) -> f64 {
    let mut it = values.iter().copied();
    let Some(mut best) = it.next() else {
        return f64::NAN;
    };
    for v in it {
        if v.is_nan() {
            return f64::NAN;
        }
        if better(v, best) {
            best = v;
        }
    }
    best
}

/// `numpy.percentile(values, q, method=method)`: NaN for none or when one is NaN.
pub(crate) fn percentile(values: &[f64], q: f64, method: PercentileMethod) -> f64 {
    if values.is_empty() || values.iter().any(|v| v.is_nan()) || q.is_nan() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let last = sorted.len() - 1;
    // The rank q/100 × (n − 1), within 0..=n−1.
    let rank = (q.clamp(0.0, 100.0) / 100.0) * last as f64;
    let lo = (rank.floor() as usize).min(last);
    let hi = (rank.ceil() as usize).min(last);
    let frac = rank - lo as f64;
    let (a, b) = (sorted[lo], sorted[hi]);
    match method {
        PercentileMethod::Lower => a,
        PercentileMethod::Higher => b,
        PercentileMethod::Midpoint => {
            if lo == hi {
                a
            } else {
                lerp(a, b, 0.5)
            }
        }
        PercentileMethod::Nearest => {
            // numpy rounds half to even.
            let r = rank.round_ties_even() as usize;
            sorted[r.min(last)]
        }
        PercentileMethod::Linear => {
            if lo == hi || a == b {
                a
            } else {
                lerp(a, b, frac)
            }
        }
    }
}

/// numpy's `_lerp`: a + (b − a)·t, from the other end when t ≥ 0.5; when b − a overflows
/// (values near ±1.8e308) the weighted sum, which stays between a and b.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if !d.is_finite() {
        return a * (1.0 - t) + b * t;
    }
    if t >= 0.5 {
        b - d * (1.0 - t)
    } else {
        a + d * t
    }
}

/// `scipy.stats.percentileofscore(values, score, kind)`: NaN for none, or when a value or
/// the score is NaN (scipy's `nan_policy="propagate"`).
pub(crate) fn percentile_of_score(values: &[f64], score: f64, kind: ScoreKind) -> f64 {
    let n = values.len();
    if n == 0 || score.is_nan() || values.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    let left = values.iter().filter(|&&v| v < score).count() as f64;
    let right = values.iter().filter(|&&v| v <= score).count() as f64;
    let n = n as f64;
    match kind {
        ScoreKind::Rank => {
            let plus1 = if left < right { 1.0 } else { 0.0 };
            (left + right + plus1) * (50.0 / n)
        }
        ScoreKind::Strict => left * (100.0 / n),
        ScoreKind::Weak => right * (100.0 / n),
        ScoreKind::Mean => (left + right) * (50.0 / n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LIN: PercentileMethod = PercentileMethod::Linear;

    #[test]
    fn the_simple_functions_follow_numpy() {
        let v = [3.0, 1.0, 4.0, 1.0, 5.0];
        assert_eq!(aggregate(Aggregation::Sum, &v, false), 14.0);
        assert_eq!(aggregate(Aggregation::Min, &v, false), 1.0);
        assert_eq!(aggregate(Aggregation::Max, &v, false), 5.0);
        assert_eq!(aggregate(Aggregation::Mean, &v, false), 2.8);
        assert_eq!(aggregate(Aggregation::Median, &v, false), 3.0);
        assert_eq!(
            aggregate(Aggregation::Median, &[1.0, 2.0, 3.0, 10.0], false),
            2.5
        );
        assert_eq!(aggregate(Aggregation::Product, &v, false), 60.0);
        assert_eq!(
            aggregate(
                Aggregation::CountNonzero,
                &[0.0, -0.0, 2.0, f64::NAN],
                false
            ),
            2.0
        );
        assert_eq!(aggregate(Aggregation::Any, &[0.0, 2.0], false), 1.0);
        assert_eq!(aggregate(Aggregation::All, &[0.0, 2.0], false), 0.0);
        assert_eq!(aggregate(Aggregation::Sum, &[], false), 0.0);
        assert_eq!(aggregate(Aggregation::Product, &[], false), 1.0);
        assert!(aggregate(Aggregation::Mean, &[], false).is_nan());
        assert!(aggregate(Aggregation::Min, &[1.0, f64::NAN], false).is_nan());
        assert_eq!(aggregate(Aggregation::Min, &[1.0, f64::NAN], true), 1.0);
        assert!(aggregate(Aggregation::Min, &[f64::NAN], true).is_nan());
    }

    #[test]
    fn percentiles_follow_numpy() {
        let v = [10.0, 7.0, 4.0, 3.0, 2.0, 1.0];
        // numpy.percentile([10, 7, 4, 3, 2, 1], q) for q = 0, 20, 50, 75, 100.
        assert_eq!(percentile(&v, 0.0, LIN), 1.0);
        assert_eq!(percentile(&v, 20.0, LIN), 2.0);
        assert_eq!(percentile(&v, 50.0, LIN), 3.5);
        assert_eq!(percentile(&v, 75.0, LIN), 6.25);
        assert_eq!(percentile(&v, 100.0, LIN), 10.0);
        assert_eq!(percentile(&v, 75.0, PercentileMethod::Lower), 4.0);
        assert_eq!(percentile(&v, 75.0, PercentileMethod::Higher), 7.0);
        assert_eq!(percentile(&v, 75.0, PercentileMethod::Midpoint), 5.5);
        assert_eq!(percentile(&v, 75.0, PercentileMethod::Nearest), 7.0);
        // Rank 2.5 rounds to the even rank 2.
        assert_eq!(percentile(&v, 50.0, PercentileMethod::Nearest), 3.0);
    }

    #[test]
    fn percentile_of_score_follows_scipy() {
        // scipy 1.16: percentileofscore([1, 2, 3, 4], 3, kind) = 75, 75, 50, 62.5 and, with 3
        // twice, ([1, 2, 3, 3, 4], 3) = 70, 80, 40, 60.
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile_of_score(&v, 3.0, ScoreKind::Rank), 75.0);
        assert_eq!(percentile_of_score(&v, 3.0, ScoreKind::Weak), 75.0);
        assert_eq!(percentile_of_score(&v, 3.0, ScoreKind::Strict), 50.0);
        assert_eq!(percentile_of_score(&v, 3.0, ScoreKind::Mean), 62.5);
        let w = [1.0, 2.0, 3.0, 3.0, 4.0];
        assert_eq!(percentile_of_score(&w, 3.0, ScoreKind::Rank), 70.0);
        assert_eq!(percentile_of_score(&w, 3.0, ScoreKind::Weak), 80.0);
        assert_eq!(percentile_of_score(&w, 3.0, ScoreKind::Strict), 40.0);
        assert_eq!(percentile_of_score(&w, 3.0, ScoreKind::Mean), 60.0);
        // A score between values: rank = weak = strict.
        assert_eq!(percentile_of_score(&v, 2.5, ScoreKind::Rank), 50.0);
        assert!(percentile_of_score(&[], 1.0, ScoreKind::Rank).is_nan());
    }

    fn any_aggregation() -> impl Strategy<Value = Aggregation> {
        prop_oneof![
            Just(Aggregation::Sum),
            Just(Aggregation::Min),
            Just(Aggregation::Max),
            Just(Aggregation::Mean),
            Just(Aggregation::Median),
            Just(Aggregation::Product),
            Just(Aggregation::CountNonzero),
            Just(Aggregation::Any),
            Just(Aggregation::All),
            (-1e308..1e308f64, 0usize..5).prop_map(|(q, m)| Aggregation::Percentile {
                q,
                method: [
                    PercentileMethod::Linear,
                    PercentileMethod::Lower,
                    PercentileMethod::Higher,
                    PercentileMethod::Nearest,
                    PercentileMethod::Midpoint
                ][m],
            }),
            (any::<f64>(), 0usize..4).prop_map(|(score, k)| Aggregation::PercentileOfScore {
                score,
                kind: [
                    ScoreKind::Rank,
                    ScoreKind::Weak,
                    ScoreKind::Strict,
                    ScoreKind::Mean
                ][k],
            }),
        ]
    }

    fn extreme_number() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(1e308),
            Just(-1e308),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            Just(0.0),
            Just(-0.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            -1e6..1e6f64,
        ]
    }

    proptest! {
        /// Whatever the numbers (1e308, NaN, ±∞, none, negatives), no function panics; a
        /// percentile of finite numbers lies between their minimum and maximum.
        #[test]
        fn aggregations_never_panic(
            agg in any_aggregation(),
            values in proptest::collection::vec(extreme_number(), 0..40),
            ignore_nan in any::<bool>(),
        ) {
            let v = aggregate(agg, &values, ignore_nan);
            if let Aggregation::Percentile { .. } | Aggregation::Median = agg
                && !values.is_empty()
                && values.iter().all(|x| x.is_finite())
            {
                let lo = aggregate(Aggregation::Min, &values, false);
                let hi = aggregate(Aggregation::Max, &values, false);
                prop_assert!(v >= lo && v <= hi, "{v} outside {lo}..={hi}");
            }
            if let Aggregation::PercentileOfScore { .. } = agg && !v.is_nan() {
                prop_assert!((0.0..=100.0).contains(&v));
            }
        }
    }
}
