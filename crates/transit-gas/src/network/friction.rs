//! Darcy friction factor λ of a pipe and its derivative with respect to the mass flow, in the
//! three models pandapipes offers for gas (`pandapipes.pf.derivative_calculation.calc_lambda`).

use serde::{Deserialize, Serialize};

/// The friction-factor model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrictionModel {
    /// Nikuradse's rough-pipe law plus the laminar term: λ = 64/Re + 1/(2·log10(D/k) + 1.14)²
    /// (pandapipes' default).
    #[default]
    Nikuradse,
    /// Colebrook–White, 1/√λ = −2·log10(2.51/(Re·√λ) + k/(3.71·D)), solved per pipe by Newton's
    /// method from the Nikuradse value (no laminar term).
    Colebrook,
    /// Swamee–Jain's explicit approximation of Colebrook–White,
    /// λ = 0.25/[log10(k/(3.7·D) + 5.74/Re^0.9)]² (no laminar term).
    SwameeJain,
}

impl FrictionModel {
    /// Parses the names pandapipes uses (`"nikuradse"`, `"colebrook"`, `"swamee-jain"`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "nikuradse" | "n" => Some(Self::Nikuradse),
            "colebrook" | "colebrook-white" | "prandtl-colebrook" | "pc" => Some(Self::Colebrook),
            "swamee-jain" | "swamee_jain" => Some(Self::SwameeJain),
            _ => None,
        }
    }

    /// The pandapipes name of the model.
    pub fn name(self) -> &'static str {
        match self {
            Self::Nikuradse => "nikuradse",
            Self::Colebrook => "colebrook",
            Self::SwameeJain => "swamee-jain",
        }
    }
}

/// Geometry and viscosity of one pipe section, fixed during the solve.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PipeFriction {
    /// Inner diameter, m.
    pub(crate) d_m: f64,
    /// Wall roughness, m.
    pub(crate) k_m: f64,
    /// η·A/D, so that Re = |ṁ| / `eta_a_over_d`.
    pub(crate) eta_a_over_d: f64,
    /// Length, m (Colebrook is skipped for zero-length elements, as in pandapipes).
    pub(crate) length_m: f64,
    /// Nikuradse's rough-pipe term 1/(2·log10(D/k) + 1.14)², fixed per pipe.
    pub(crate) rough: f64,
}

impl PipeFriction {
    /// Geometry of a pipe: inner diameter and roughness in m, η·A/D, length in m.
    pub(crate) fn new(d_m: f64, k_m: f64, eta_a_over_d: f64, length_m: f64) -> Self {
        let rough = 1.0 / (2.0 * (d_m / k_m).log10() + 1.14).powi(2);
        PipeFriction {
            d_m,
            k_m,
            eta_a_over_d,
            length_m,
            rough,
        }
    }
}

/// Colebrook–White for all pipes together, as pandapipes does it
/// (`derivative_toolbox.colebrook_np` / `colebrook_numba`): Newton's method from the Nikuradse
/// value for every pipe with flow and length, until the largest step of all pipes is below
/// `tolerance` (pandapipes' `tolerance_colebrook`, default 1e-4); `tolerance = 0` solves each
/// pipe to machine precision. Writes (λ, dλ/dṁ, Re) per pipe into `out`.
pub(crate) fn colebrook_all(
    pipes: &[PipeFriction],
    m: &[f64],
    tolerance: f64,
    out: &mut [(f64, f64, f64)],
) {
    if tolerance <= 0.0 {
        for (i, p) in pipes.iter().enumerate() {
            out[i] = lambda(FrictionModel::Colebrook, p, m[i]);
        }
        return;
    }
    let ln10 = std::f64::consts::LN_10;
    let mut any_active = false;
    for (i, p) in pipes.iter().enumerate() {
        let re = m[i].abs() / p.eta_a_over_d;
        let start = p.rough;
        // Inactive pipes keep the start value with zero derivative (NaN marks "active").
        let active = re > 1e-8 && p.length_m.abs() > 1e-11;
        any_active |= active;
        out[i] = (start, if active { f64::NAN } else { 0.0 }, re);
    }
    if !any_active {
        return;
    }
    for _ in 0..100 {
        let mut max_step = 0.0_f64;
        for (i, p) in pipes.iter().enumerate() {
            let (lam, flag, re) = out[i];
            if !flag.is_nan() {
                continue;
            }
            let s = lam.sqrt();
            let b = 2.51 / (re * s) + p.k_m / (3.71 * p.d_m);
            let f = 1.0 / s + 2.0 * b.log10();
            let df = -0.5 / (s * s * s) - 2.51 / re / (s * s * s) / (ln10 * b);
            let step = -f / df;
            out[i].0 = lam + step;
            max_step = max_step.max(step.abs());
        }
        if max_step < tolerance {
            break;
        }
    }
    for (i, p) in pipes.iter().enumerate() {
        let (lam, flag, re) = out[i];
        if flag.is_nan() {
            out[i] = (lam, colebrook_derivative(p, m[i], lam), re);
        }
    }
}

/// dλ/dṁ of Colebrook–White at (ṁ, λ) by the implicit function theorem.
fn colebrook_derivative(pipe: &PipeFriction, m: f64, lam: f64) -> f64 {
    let ln10 = std::f64::consts::LN_10;
    let m_abs = m.abs();
    let sign = if m < 0.0 { -1.0 } else { 1.0 };
    let s = lam.sqrt();
    let b = 2.51 * pipe.eta_a_over_d / (m_abs * s) + pipe.k_m / (3.71 * pipe.d_m);
    let df_dm = -sign * 2.0 * 2.51 * pipe.eta_a_over_d / (m * m * s) / (ln10 * b);
    let df_dl =
        -0.5 * lam.powf(-1.5) - (2.51 * pipe.eta_a_over_d / m_abs) * lam.powf(-1.5) / (ln10 * b);
    -df_dm / df_dl
}

/// λ, dλ/dṁ and the Reynolds number at mass flow `m` (kg/s); Colebrook–White solved to
/// machine precision.
pub(crate) fn lambda(model: FrictionModel, pipe: &PipeFriction, m: f64) -> (f64, f64, f64) {
    let m_abs = m.abs();
    let re = m_abs / pipe.eta_a_over_d;
    // np.isclose(re, 0) in pandapipes: |re| <= 1e-8.
    let re_zero = re <= 1e-8;
    let sign = if m < 0.0 { -1.0 } else { 1.0 };
    let nikuradse_turbulent = pipe.rough;
    match model {
        FrictionModel::Nikuradse => {
            if re_zero {
                (nikuradse_turbulent, 0.0, re)
            } else {
                let laminar = 64.0 / re;
                // d(64·ηA/(|ṁ|D))/dṁ = −64·ηA/(D·ṁ²)·sign(ṁ)
                let der = -sign * 64.0 * pipe.eta_a_over_d / (m * m);
                (laminar + nikuradse_turbulent, der, re)
            }
        }
        FrictionModel::Colebrook => {
            if re_zero || pipe.length_m.abs() <= 1e-11 {
                return (nikuradse_turbulent, 0.0, re);
            }
            let rel = pipe.k_m / (3.71 * pipe.d_m);
            let ln10 = std::f64::consts::LN_10;
            let mut lam = nikuradse_turbulent;
            for _ in 0..100 {
                let s = lam.sqrt();
                let b = 2.51 / (re * s) + rel;
                let f = 1.0 / s + 2.0 * b.log10();
                let df = -0.5 * lam.powf(-1.5) - (2.51 / re) * lam.powf(-1.5) / (ln10 * b);
                let step = f / df;
                let mut next = lam - step;
                if next <= 0.0 {
                    next = lam / 2.0;
                }
                let done = (next - lam).abs() <= 1e-15 * lam.max(1e-300);
                lam = next;
                if done {
                    break;
                }
            }
            (lam, colebrook_derivative(pipe, m, lam), re)
        }
        FrictionModel::SwameeJain => {
            if re_zero {
                // log10(∞) = ∞: pandapipes' formula gives λ = 0 at zero flow.
                return (0.0, 0.0, re);
            }
            let param = pipe.k_m / (3.7 * pipe.d_m) + 5.74 / re.powf(0.9);
            let lam = 0.25 / param.log10().powi(2);
            // dλ/dparam · dparam/d|ṁ| · sign(ṁ)
            let ln10 = std::f64::consts::LN_10;
            let dlam_dparam = -0.5 * ln10 * ln10 / (param.ln().powi(3) * param);
            let dparam_dm = -0.9 * 5.74 * re.powf(-1.9) / pipe.eta_a_over_d;
            (lam, sign * dlam_dparam * dparam_dm, re)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p01() -> PipeFriction {
        // gas.md 12.6, pipe P01: D = 1 m, k = 0.02 mm, lgas at 288.15 K.
        let area = std::f64::consts::PI / 4.0;
        PipeFriction::new(1.0, 2e-5, 1.16859e-5 * area, 1e5)
    }

    #[test]
    fn nikuradse_matches_published_value() {
        let (lam, _, re) = lambda(FrictionModel::Nikuradse, &p01(), 120.0);
        assert!((re - 1.3075e7).abs() / 1.3075e7 < 1e-4, "re {re}");
        assert!((lam - 0.009_010_0).abs() < 5e-7, "lambda {lam}");
    }

    #[test]
    fn colebrook_and_swamee_jain_match_published_values() {
        let (c, _, _) = lambda(FrictionModel::Colebrook, &p01(), 120.0);
        assert!((c - 0.009_488).abs() < 1e-6, "colebrook {c}");
        let (s, _, _) = lambda(FrictionModel::SwameeJain, &p01(), 120.0);
        assert!((s - 0.009_554).abs() < 1e-6, "swamee-jain {s}");
    }

    #[test]
    fn derivatives_agree_with_finite_differences() {
        for model in [
            FrictionModel::Nikuradse,
            FrictionModel::Colebrook,
            FrictionModel::SwameeJain,
        ] {
            for m in [-50.0_f64, -0.01, 0.02, 3.0, 120.0] {
                let h = m.abs() * 1e-6;
                let (_, der, _) = lambda(model, &p01(), m);
                let (up, _, _) = lambda(model, &p01(), m + h);
                let (down, _, _) = lambda(model, &p01(), m - h);
                let fd = (up - down) / (2.0 * h);
                assert!(
                    (der - fd).abs() <= 1e-5 * fd.abs().max(1e-12),
                    "{model:?} at {m}: analytic {der}, numeric {fd}"
                );
            }
        }
    }
}
