//! scipy's `interp1d(x, y, kind="cubic")`: the not-a-knot cubic spline through the points
//! (pywr's interpolated parameters with `interp_kwargs` `{"kind": "cubic"}`).
//!
//! scipy builds it with `make_interp_spline(x, y, k=3)` (B-splines, not-a-knot ends); the
//! same spline is found here from its second derivatives `M` at the points: continuity of the
//! first derivative at each interior point, and of the third derivative at the second and the
//! second-to-last point (not-a-knot). With four points that is the one cubic through them.
//! The two end conditions are folded into the neighbouring rows, which leaves a tridiagonal
//! system, solved with partial pivoting (LAPACK's `gtsv`). Values agree with scipy's to
//! round-off.

use std::fmt;

/// Why the points define no cubic spline (scipy raises `ValueError` for each).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SplineError {
    /// `x` and `y` differ in length.
    Lengths {
        /// Points in `x`.
        x: usize,
        /// Values in `y`.
        y: usize,
    },
    /// Fewer than 4 points (a cubic needs 4).
    TooFewPoints(usize),
    /// A point or value is NaN or infinite.
    NotFinite,
    /// Two points share an `x`.
    Duplicate(f64),
    /// The spacing or values overflow (the coefficients are not finite).
    Overflow,
}

impl fmt::Display for SplineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplineError::Lengths { x, y } => {
                write!(
                    f,
                    "as many values as points, found {x} points and {y} values"
                )
            }
            SplineError::TooFewPoints(n) => write!(
                f,
                "at least 4 points for a cubic interpolation, found {n} (scipy's interp1d needs 4)"
            ),
            SplineError::NotFinite => write!(f, "finite points and values"),
            SplineError::Duplicate(x) => {
                write!(
                    f,
                    "distinct points, found {x} twice (scipy refuses duplicates)"
                )
            }
            SplineError::Overflow => write!(
                f,
                "points and values whose differences are finite (the spline's coefficients overflow)"
            ),
        }
    }
}

/// A not-a-knot cubic spline through points sorted by `x`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CubicSpline {
    x: Vec<f64>,
    y: Vec<f64>,
    /// Second derivative at each point.
    m: Vec<f64>,
}

impl CubicSpline {
    /// The spline through `(x[i], y[i])`; the points are sorted first, as `interp1d` sorts
    /// them.
    ///
    /// # Errors
    ///
    /// A [`SplineError`] where scipy raises: lengths differ, fewer than 4 points, a value not
    /// finite, a repeated `x`, or coefficients that overflow.
    // The names are the textbook's (x, y, h, s, M): spelling them out would hide the formulas.
    #[allow(clippy::many_single_char_names)]
    pub(super) fn new(x: &[f64], y: &[f64]) -> Result<Self, SplineError> {
        if x.len() != y.len() {
            return Err(SplineError::Lengths {
                x: x.len(),
                y: y.len(),
            });
        }
        let n = x.len();
        if n < 4 {
            return Err(SplineError::TooFewPoints(n));
        }
        if x.iter().chain(y).any(|v| !v.is_finite()) {
            return Err(SplineError::NotFinite);
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
        let xs: Vec<f64> = order.iter().map(|&i| x[i]).collect();
        let ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
        if let Some(w) = xs.windows(2).find(|w| w[0] == w[1]) {
            return Err(SplineError::Duplicate(w[0]));
        }
        let h: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        // Slopes of the chords.
        let s: Vec<f64> = (0..n - 1).map(|i| (ys[i + 1] - ys[i]) / h[i]).collect();
        if h.iter().chain(&s).any(|v| !v.is_finite()) {
            return Err(SplineError::Overflow);
        }
        // Unknowns M_1 … M_{n−2}; row i (1 ≤ i ≤ n−2):
        //   h_{i−1} M_{i−1} + 2(h_{i−1} + h_i) M_i + h_i M_{i+1} = 6 (s_i − s_{i−1}),
        // with M_0 = ((h_0 + h_1) M_1 − h_0 M_2) / h_1 and
        // M_{n−1} = ((h_{n−3} + h_{n−2}) M_{n−2} − h_{n−2} M_{n−3}) / h_{n−3} (not-a-knot).
        let k = n - 2;
        let mut sub = vec![0.0; k];
        let mut diag = vec![0.0; k];
        let mut sup = vec![0.0; k];
        let mut rhs = vec![0.0; k];
        for r in 0..k {
            let i = r + 1;
            sub[r] = h[i - 1];
            diag[r] = 2.0 * (h[i - 1] + h[i]);
            sup[r] = h[i];
            rhs[r] = 6.0 * (s[i] - s[i - 1]);
        }
        // Fold M_0 into the first row.
        let (h0, h1) = (h[0], h[1]);
        diag[0] += h0 * (h0 + h1) / h1;
        // n ≥ 4, so there are at least two rows.
        sup[0] -= h0 * h0 / h1;
        // Fold M_{n−1} into the last row.
        let (ha, hb) = (h[n - 3], h[n - 2]);
        diag[k - 1] += hb * (ha + hb) / ha;
        sub[k - 1] -= hb * hb / ha;
        let inner = solve_tridiagonal(&sub, &diag, &sup, &rhs).ok_or(SplineError::Overflow)?;
        let mut m = Vec::with_capacity(n);
        m.push(((h0 + h1) * inner[0] - h0 * inner[1]) / h1);
        m.extend_from_slice(&inner);
        m.push(((ha + hb) * inner[k - 1] - hb * inner[k - 2]) / ha);
        if m.iter().any(|v| !v.is_finite()) {
            return Err(SplineError::Overflow);
        }
        Ok(CubicSpline { x: xs, y: ys, m })
    }

    /// The spline at `t`; `NaN` outside the points (where `interp1d`, with pywr's
    /// `bounds_error`, raises) or at a `NaN`.
    #[allow(clippy::many_single_char_names)]
    pub(super) fn value(&self, t: f64) -> f64 {
        let n = self.x.len();
        if !(t >= self.x[0] && t <= self.x[n - 1]) {
            return f64::NAN;
        }
        // The interval [x_j, x_{j+1}] holding t.
        let j = self.x.partition_point(|&p| p <= t).clamp(1, n - 1) - 1;
        let (x0, x1) = (self.x[j], self.x[j + 1]);
        let h = x1 - x0;
        let (a, b) = (x1 - t, t - x0);
        let (m0, m1) = (self.m[j], self.m[j + 1]);
        m0 * a * a * a / (6.0 * h)
            + m1 * b * b * b / (6.0 * h)
            + (self.y[j] / h - m0 * h / 6.0) * a
            + (self.y[j + 1] / h - m1 * h / 6.0) * b
    }
}

/// Solves the tridiagonal system (`sub[0]` and `sup[n−1]` unused) by Gaussian elimination
/// with partial pivoting; `None` when it is singular or the solution not finite.
#[allow(clippy::many_single_char_names)]
fn solve_tridiagonal(sub: &[f64], diag: &[f64], sup: &[f64], rhs: &[f64]) -> Option<Vec<f64>> {
    let n = diag.len();
    // Row r holds a[r][r], a[r][r+1], a[r][r+2] after elimination (the last from a swap).
    let mut d = diag.to_vec();
    let mut u1: Vec<f64> = (0..n)
        .map(|r| if r + 1 < n { sup[r] } else { 0.0 })
        .collect();
    let mut u2 = vec![0.0; n];
    let mut b = rhs.to_vec();
    let mut l: Vec<f64> = (0..n)
        .map(|r| if r + 1 < n { sub[r + 1] } else { 0.0 })
        .collect();
    for r in 0..n.saturating_sub(1) {
        // Row r+1 is (l[r], d[r+1], u1[r+1]) in columns r, r+1, r+2.
        if l[r].abs() > d[r].abs() {
            // Swap rows r and r+1.
            let (row_d, row_u1, row_u2, row_b) = (d[r], u1[r], u2[r], b[r]);
            d[r] = l[r];
            u1[r] = d[r + 1];
            u2[r] = u1[r + 1];
            b[r] = b[r + 1];
            l[r] = row_d;
            d[r + 1] = row_u1;
            u1[r + 1] = row_u2;
            b[r + 1] = row_b;
        }
        if d[r] == 0.0 {
            return None;
        }
        let f = l[r] / d[r];
        d[r + 1] -= f * u1[r];
        if r + 2 < n {
            u1[r + 1] -= f * u2[r];
        }
        b[r + 1] -= f * b[r];
        l[r] = 0.0;
    }
    if d[n - 1] == 0.0 {
        return None;
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let mut v = b[r];
        if r + 1 < n {
            v -= u1[r] * x[r + 1];
        }
        if r + 2 < n {
            v -= u2[r] * x[r + 2];
        }
        x[r] = v / d[r];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

#[cfg(test)]
// scipy's values as it prints them.
#[allow(clippy::unreadable_literal)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_scipy_on_a_level_curve_and_on_four_points() {
        let x = [0.0, 25000.0, 50000.0, 75000.0, 100000.0, 150000.0, 200000.0];
        let y = [0.0, 29.2, 36.8, 42.2, 46.4, 53.1, 58.5];
        let s = CubicSpline::new(&x, &y).unwrap();
        for (t, want) in SCIPY_LEVELS {
            let got = s.value(t);
            assert!(
                (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                "{t}: {got} vs {want}"
            );
        }
        let s = CubicSpline::new(&[3.0, 0.0, 1.0, 2.0], &[27.0, 0.0, 1.0, 8.0]).unwrap();
        for t in [0.0, 0.5, 1.7, 3.0] {
            assert!(
                (s.value(t) - t * t * t).abs() < 1e-12,
                "a cubic is its own spline"
            );
        }
    }

    /// `interp1d(x, y, kind="cubic")(t)` with scipy 1.16.3 for the level curve above.
    const SCIPY_LEVELS: [(f64, f64); 10] = [
        (0.0, 0.0),
        (1000.0, 1.8875027348837217),
        (12345.6, 18.64383697694317),
        (25000.0, 29.200000000000003),
        (60000.0, 38.92113488372093),
        (99999.0, 46.399852503601075),
        (123456.7, 49.70980732028018),
        (170000.0, 55.41183255813954),
        (199999.5, 58.49995225187671),
        (200000.0, 58.5),
    ];

    #[test]
    fn scipy_errors_are_errors() {
        assert_eq!(
            CubicSpline::new(&[0.0, 1.0, 2.0], &[0.0, 1.0, 2.0]),
            Err(SplineError::TooFewPoints(3))
        );
        assert_eq!(
            CubicSpline::new(&[0.0, 1.0, 1.0, 2.0], &[0.0; 4]),
            Err(SplineError::Duplicate(1.0))
        );
        assert_eq!(
            CubicSpline::new(&[0.0, 1.0, 2.0, f64::NAN], &[0.0; 4]),
            Err(SplineError::NotFinite)
        );
        assert!(matches!(
            CubicSpline::new(&[0.0, 1.0], &[0.0; 3]),
            Err(SplineError::Lengths { .. })
        ));
        let s = CubicSpline::new(&[0.0, 1.0, 2.0, 3.0], &[1.0; 4]).unwrap();
        assert!(s.value(-0.1).is_nan() && s.value(3.1).is_nan() && s.value(f64::NAN).is_nan());
    }

    proptest! {
        /// Through its points, whatever their order and spacing; never a panic, even at
        /// ±1e308 (then an overflow error).
        #[test]
        fn passes_through_its_points_and_never_panics(
            pts in prop::collection::vec((-1e308f64..1e308, -1e308f64..1e308), 0..40),
            scale in prop::sample::select(vec![1e-300, 1e-6, 1.0, 1e6, 1e300]),
        ) {
            let x: Vec<f64> = pts.iter().map(|p| p.0 * scale / 1e308 * 1e3).collect();
            let y: Vec<f64> = pts.iter().map(|p| p.1).collect();
            if let Ok(s) = CubicSpline::new(&x, &y) {
                let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for (&xi, &yi) in x.iter().zip(&y) {
                    let v = s.value(xi);
                    prop_assert!(v.is_finite() || yi.abs() > 1e300, "{xi}: {v}");
                    let tol = 1e-6 * y.iter().fold(0.0f64, |a, b| a.max(b.abs())) + 1e-300;
                    prop_assert!((v - yi).abs() <= tol || !v.is_finite(), "{xi}: {v} vs {yi}");
                }
                let _ = s.value(f64::midpoint(lo, hi));
                let _ = s.value(f64::MAX);
            }
            let raw: Vec<f64> = pts.iter().map(|p| p.0).collect();
            let _ = CubicSpline::new(&raw, &y).map(|s| s.value(0.0));
        }
    }
}
