//! Pump curves: pandapipes' standard pump types and the least-squares fit of a curve to points.

use super::model::PumpCurve;

/// pandapipes 0.16's pump std_types (`pandapipes/std_types/library/Pump/P1.csv` … `P3.csv`):
/// name, volume flows (m³/h), lifts (bar); each is fitted with a polynomial of degree 2.
const STANDARD: &[(&str, &[f64], &[f64])] = &[
    ("P1", &[0.0, 19.0, 83.0], &[6.1, 5.8, 4.0]),
    (
        "P2",
        &[0.0, 40.0, 60.0, 80.0, 90.0],
        &[10.0, 8.4, 7.0, 4.5, 3.0],
    ),
    ("P3", &[0.0, 100.0, 200.0], &[5.0, 4.999, 4.998]),
];

/// The largest polynomial degree of a pump curve.
pub const MAX_DEGREE: usize = 10;

/// The standard pump curve `name` (`P1`, `P2`, `P3`), as pandapipes fits it.
pub fn standard(name: &str) -> Option<PumpCurve> {
    let &(_, x, y) = STANDARD.iter().find(|(n, _, _)| *n == name)?;
    let coefficients = fit(x, y, 2).ok()?;
    Some(PumpCurve {
        name: name.to_owned(),
        coefficients,
    })
}

/// Checks that a curve's coefficients are finite and at most [`MAX_DEGREE`] + 1.
pub fn check_coefficients(coefficients: &[f64]) -> Result<(), String> {
    if coefficients.is_empty() || coefficients.len() > MAX_DEGREE + 1 {
        return Err(format!(
            "has {} coefficients; expected 1 to {} (highest power first)",
            coefficients.len(),
            MAX_DEGREE + 1
        ));
    }
    if let Some(bad) = coefficients.iter().find(|c| !c.is_finite()) {
        return Err(format!("holds {bad}; expected finite numbers"));
    }
    Ok(())
}

/// Least-squares polynomial of `degree` through the points (x: m³/h, y: bar), highest power
/// first, as numpy's `polyfit` (which pandapipes uses): Householder QR of the Vandermonde
/// matrix with its columns scaled to unit length.
#[allow(clippy::many_single_char_names)]
pub fn fit(x: &[f64], y: &[f64], degree: usize) -> Result<Vec<f64>, String> {
    if x.len() != y.len() {
        return Err(format!(
            "has {} volume flows and {} pressures; expected as many of each",
            x.len(),
            y.len()
        ));
    }
    if degree > MAX_DEGREE || x.len() <= degree {
        return Err(format!(
            "has {} points for degree {degree}; expected more points than the degree, and a \
             degree of at most {MAX_DEGREE}",
            x.len()
        ));
    }
    if let Some(bad) = x.iter().chain(y).find(|v| !v.is_finite()) {
        return Err(format!("holds {bad}; expected finite numbers"));
    }
    let cols = degree + 1;
    // Columns: x^degree … x^0.
    let mut a: Vec<Vec<f64>> = (0..cols)
        .map(|j| x.iter().map(|&xi| xi.powi((degree - j) as i32)).collect())
        .collect();
    let scale: Vec<f64> = a
        .iter()
        .map(|col| col.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect();
    for (col, &s) in a.iter_mut().zip(&scale) {
        if s > 0.0 {
            for v in col.iter_mut() {
                *v /= s;
            }
        }
    }
    let mut b = y.to_vec();
    for k in 0..cols {
        let norm = a[k][k..].iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm.is_nan() || norm <= 1e-14 {
            return Err(
                "gives no curve: the volume flows are not distinct enough for the \
                        degree; give more distinct points or a lower degree"
                    .to_owned(),
            );
        }
        let alpha = if a[k][k] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = a[k][k..].to_vec();
        v[0] -= alpha;
        let vv: f64 = v.iter().map(|t| t * t).sum();
        if vv > 0.0 {
            for col in a.iter_mut().skip(k) {
                let dot: f64 = v.iter().zip(&col[k..]).map(|(p, q)| p * q).sum();
                let f = 2.0 * dot / vv;
                for (c, vi) in col[k..].iter_mut().zip(&v) {
                    *c -= f * vi;
                }
            }
            let dot: f64 = v.iter().zip(&b[k..]).map(|(p, q)| p * q).sum();
            let f = 2.0 * dot / vv;
            for (c, vi) in b[k..].iter_mut().zip(&v) {
                *c -= f * vi;
            }
        }
    }
    let mut c = vec![0.0; cols];
    for i in (0..cols).rev() {
        let mut acc = b[i];
        for j in i + 1..cols {
            acc -= a[j][i] * c[j];
        }
        c[i] = acc / a[i][i];
    }
    Ok(c.iter()
        .zip(&scale)
        .map(|(ci, &s)| if s > 0.0 { ci / s } else { 0.0 })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// pandapipes 0.16.0's `reg_par` of its std_types (printed by
    /// `pp.create_empty_network().std_types["pump"][name].reg_par`).
    #[test]
    fn standard_curves_are_pandapipes_fits() {
        let expected: [(&str, [f64; 3]); 3] = [
            (
                "P1",
                [
                    -0.000_148_620_798_985_413_93,
                    -0.012_965_678_503_487_791,
                    6.1,
                ],
            ),
            (
                "P2",
                [
                    -0.000_824_761_047_533_323_7,
                    -0.002_640_478_333_547_740_6,
                    9.972_144_357_292_87,
                ],
            ),
            (
                "P3",
                [7.283_991_040_105_737e-20, -1.000_000_000_002_070_2e-5, 5.0],
            ),
        ];
        for (name, want) in expected {
            let got = standard(name).unwrap().coefficients;
            for (g, w) in got.iter().zip(want) {
                assert!(
                    (g - w).abs() <= 1e-12 * w.abs().max(1e-6),
                    "{name}: {got:?} vs {want:?}"
                );
            }
        }
        assert!(standard("P4").is_none());
    }

    #[test]
    fn bad_points_are_refused() {
        assert!(fit(&[0.0, 1.0], &[1.0], 1).is_err());
        assert!(fit(&[0.0, 1.0], &[1.0, 2.0], 2).is_err());
        assert!(fit(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0], 2).is_err());
        assert!(fit(&[0.0, f64::NAN, 2.0], &[1.0, 2.0, 3.0], 1).is_err());
        let line = fit(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0], 1).unwrap();
        assert!((line[0] - 2.0).abs() < 1e-12 && (line[1] - 1.0).abs() < 1e-12);
    }
}
