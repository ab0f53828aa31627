//! Mirror statistics: what A declares exporting to B against what B declares importing from A.
//!
//! For each period and direction (exporter → importer):
//! - gap = importer's CIF imports − exporter's FOB exports, and gap % = gap / exports × 100;
//! - the importer's figure brought to FOB by dividing by the CIF/FOB factor (IMF DOTS uses 1.06),
//!   and the gap after that adjustment;
//! - a reconciled estimate with its method: the BACI weighted mean (Gaulier & Zignago 2010)
//!   when reporter reliabilities are given, otherwise the importer's figure adjusted to FOB
//!   (or the one declaration there is). The method is recorded on the result.
//!
//! Formulas and citations: `docs/methodology.md`, "Trade".

use std::collections::BTreeMap;

use dostyk_core_model::period::Period;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Deserialize, Serialize};

use crate::aggregate::{Direction, FlowTotal};
use crate::area::M49Area;
use crate::error::{Result, TradeError};

/// The IMF Direction of Trade Statistics CIF/FOB factor: CIF imports ÷ 1.06 ≈ FOB.
pub const DOTS_CIF_FOB_FACTOR: Decimal = Decimal::from_parts(106, 0, 0, false, 2);

/// The reliability of the two declarations as the standard deviations σ of their log errors
/// (BACI: `V_i = V·E_i`, `ln E_i ~ N(0, σ_i²)`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// σ of the exporter's declarations.
    pub sigma_exporter: f64,
    /// σ of the importer's declarations.
    pub sigma_importer: f64,
}

/// How the mirror comparison is made.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MirrorOptions {
    /// CIF/FOB factor (default [`DOTS_CIF_FOB_FACTOR`]).
    pub cif_fob_factor: Decimal,
    /// Reporter reliabilities; when given, the reconciled value is the BACI weighted mean.
    pub reliability: Option<Reliability>,
}

impl Default for MirrorOptions {
    fn default() -> Self {
        Self {
            cif_fob_factor: DOTS_CIF_FOB_FACTOR,
            reliability: None,
        }
    }
}

/// How a reconciled value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum ReconciliationMethod {
    /// `w·X + (1 − w)·M/f` with `w = Var(E_m) / (Var(E_x) + Var(E_m))`,
    /// `Var(E) = e^{σ²}(e^{σ²} − 1)` (Gaulier & Zignago 2010).
    BaciWeighted {
        /// The weight on the exporter's figure (rounded to 10 places).
        exporter_weight: Decimal,
        /// The reliabilities used.
        reliability: Reliability,
        /// The CIF/FOB factor applied to the importer's figure.
        cif_fob_factor: Decimal,
    },
    /// The importer's figure divided by the CIF/FOB factor.
    ImporterFob {
        /// The factor.
        cif_fob_factor: Decimal,
    },
    /// Only the exporter declared the flow: its FOB figure.
    ExporterOnly,
}

/// A reconciled estimate of a flow, FOB.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reconciled {
    /// The estimate in US dollars, FOB.
    pub value_usd: Decimal,
    /// How it was obtained.
    pub method: ReconciliationMethod,
}

/// One direction of one period, seen from both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MirrorRow {
    /// The exporting country.
    pub exporter: M49Area,
    /// The importing country.
    pub importer: M49Area,
    /// The period.
    pub period: Period,
    /// What the exporter declares exporting (FOB).
    pub exporter_declared_usd: Option<Decimal>,
    /// What the importer declares importing (CIF).
    pub importer_declared_usd: Option<Decimal>,
    /// Importer's figure − exporter's figure.
    pub gap_usd: Option<Decimal>,
    /// The gap over the exporter's figure, in percent.
    pub gap_pct: Option<Decimal>,
    /// The importer's figure divided by the CIF/FOB factor.
    pub importer_fob_usd: Option<Decimal>,
    /// Importer's FOB-adjusted figure − exporter's figure.
    pub adjusted_gap_usd: Option<Decimal>,
    /// The adjusted gap over the exporter's figure, in percent.
    pub adjusted_gap_pct: Option<Decimal>,
    /// The reconciled estimate, when at least one side declared the flow.
    pub reconciled: Option<Reconciled>,
}

/// `Var(E) = e^{σ²}(e^{σ²} − 1)` for a log-normal error with log standard deviation σ.
fn lognormal_variance(sigma: f64) -> f64 {
    let e = (sigma * sigma).exp();
    e * (e - 1.0)
}

/// The BACI weight on the exporter's declaration: `Var(E_m) / (Var(E_x) + Var(E_m))`; 0.5 when
/// both are perfectly reliable (σ = 0).
pub fn baci_exporter_weight(reliability: Reliability) -> Result<Decimal> {
    let Reliability {
        sigma_exporter,
        sigma_importer,
    } = reliability;
    if !(sigma_exporter.is_finite() && sigma_importer.is_finite())
        || sigma_exporter < 0.0
        || sigma_importer < 0.0
    {
        return Err(TradeError::Input(format!(
            "reliabilities must be finite and not negative, got σ exporter {sigma_exporter}, σ importer {sigma_importer}"
        )));
    }
    let vx = lognormal_variance(sigma_exporter);
    let vm = lognormal_variance(sigma_importer);
    let w = if vx + vm == 0.0 { 0.5 } else { vm / (vx + vm) };
    Decimal::from_f64(w)
        .map(|d| d.round_dp(10))
        .ok_or_else(|| TradeError::Input(format!("weight {w} is not representable")))
}

/// Reconciles one flow from its two declarations.
pub fn reconcile(
    exporter_usd: Option<Decimal>,
    importer_usd: Option<Decimal>,
    options: &MirrorOptions,
) -> Result<Option<Reconciled>> {
    let f = options.cif_fob_factor;
    if f <= Decimal::ZERO {
        return Err(TradeError::Input(format!(
            "the CIF/FOB factor must be positive, got {f}; the IMF DOTS factor is 1.06"
        )));
    }
    Ok(match (exporter_usd, importer_usd) {
        (Some(x), Some(m)) => Some(match options.reliability {
            Some(rel) => {
                let w = baci_exporter_weight(rel)?;
                Reconciled {
                    value_usd: w * x + (Decimal::ONE - w) * (m / f),
                    method: ReconciliationMethod::BaciWeighted {
                        exporter_weight: w,
                        reliability: rel,
                        cif_fob_factor: f,
                    },
                }
            }
            None => Reconciled {
                value_usd: m / f,
                method: ReconciliationMethod::ImporterFob { cif_fob_factor: f },
            },
        }),
        (None, Some(m)) => Some(Reconciled {
            value_usd: m / f,
            method: ReconciliationMethod::ImporterFob { cif_fob_factor: f },
        }),
        (Some(x), None) => Some(Reconciled {
            value_usd: x,
            method: ReconciliationMethod::ExporterOnly,
        }),
        (None, None) => None,
    })
}

/// Compares the declarations of `a` and `b` in both directions for every period either side
/// declared, sorted by period then direction (`a` → `b` first).
pub fn mirror(
    totals: &[FlowTotal],
    a: M49Area,
    b: M49Area,
    options: &MirrorOptions,
) -> Result<Vec<MirrorRow>> {
    // (period, exporter) -> (exporter's X, importer's M)
    type Sides = (Option<Decimal>, Option<Decimal>);
    let mut by: BTreeMap<(Period, bool), Sides> = BTreeMap::new();
    for total in totals {
        let key = total.key;
        let (exporter_is_a, side_export) = match (key.reporter, key.partner, key.direction) {
            (r, p, Direction::Export) if r == a && p == b => (true, true),
            (r, p, Direction::Export) if r == b && p == a => (false, true),
            (r, p, Direction::Import) if r == b && p == a => (true, false),
            (r, p, Direction::Import) if r == a && p == b => (false, false),
            _ => continue,
        };
        // `!exporter_is_a` sorts a → b (false) before b → a (true).
        let entry = by.entry((key.period, !exporter_is_a)).or_default();
        if side_export {
            entry.0 = Some(total.value_usd);
        } else {
            entry.1 = Some(total.value_usd);
        }
    }
    let factor = options.cif_fob_factor;
    let mut out = Vec::with_capacity(by.len());
    for ((period, b_exports), (x, m)) in by {
        let (exporter, importer) = if b_exports { (b, a) } else { (a, b) };
        let gap = x.zip(m).and_then(|(x, m)| m.checked_sub(x));
        let importer_fob = if factor > Decimal::ZERO {
            m.and_then(|m| m.checked_div(factor))
        } else {
            None
        };
        let adjusted_gap = x.zip(importer_fob).and_then(|(x, mf)| mf.checked_sub(x));
        let pct = |g: Option<Decimal>| g.zip(x).and_then(|(g, x)| crate::turnover::share_pct(g, x));
        out.push(MirrorRow {
            exporter,
            importer,
            period,
            exporter_declared_usd: x,
            importer_declared_usd: m,
            gap_usd: gap,
            gap_pct: pct(gap),
            importer_fob_usd: importer_fob,
            adjusted_gap_usd: adjusted_gap,
            adjusted_gap_pct: pct(adjusted_gap),
            reconciled: reconcile(x, m, options)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::FlowKey;
    use crate::flow::Level;
    use rust_decimal_macros::dec;

    const KAZ: M49Area = M49Area::from_m49(398);
    const UZB: M49Area = M49Area::from_m49(860);

    fn t(r: M49Area, p: M49Area, d: Direction, v: Decimal) -> FlowTotal {
        FlowTotal {
            key: FlowKey {
                reporter: r,
                partner: p,
                period: "2023".parse().unwrap(),
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

    #[test]
    fn gaps_by_hand() {
        // KZ declares exports 100 to UZ, UZ declares imports 112 from KZ.
        let totals = vec![
            t(KAZ, UZB, Direction::Export, dec!(100)),
            t(UZB, KAZ, Direction::Import, dec!(112)),
            t(UZB, KAZ, Direction::Export, dec!(50)),
        ];
        let rows = mirror(&totals, KAZ, UZB, &MirrorOptions::default()).unwrap();
        assert_eq!(rows.len(), 2);
        let r = &rows[0];
        assert_eq!((r.exporter, r.importer), (KAZ, UZB));
        assert_eq!(r.gap_usd, Some(dec!(12)));
        assert_eq!(r.gap_pct, Some(dec!(12)));
        // 112 / 1.06 = 105.66037735849056603773584906; gap 5.66...; 5.66 %.
        assert_eq!(r.importer_fob_usd.unwrap().round_dp(4), dec!(105.6604));
        assert_eq!(r.adjusted_gap_pct.unwrap().round_dp(4), dec!(5.6604));
        assert_eq!(
            r.reconciled.unwrap().method,
            ReconciliationMethod::ImporterFob {
                cif_fob_factor: dec!(1.06)
            }
        );
        // The reverse direction: only UZ's exports are declared.
        let r = &rows[1];
        assert_eq!((r.exporter, r.importer), (UZB, KAZ));
        assert_eq!(r.gap_usd, None);
        assert_eq!(r.reconciled.unwrap().value_usd, dec!(50));
        assert_eq!(
            r.reconciled.unwrap().method,
            ReconciliationMethod::ExporterOnly
        );
    }

    #[test]
    fn baci_weights_by_hand() {
        // Equal reliabilities: weight 0.5.
        let w = baci_exporter_weight(Reliability {
            sigma_exporter: 0.3,
            sigma_importer: 0.3,
        })
        .unwrap();
        assert_eq!(w, dec!(0.5));
        // σx = 0 (perfect exporter): all weight on the exporter.
        let w = baci_exporter_weight(Reliability {
            sigma_exporter: 0.0,
            sigma_importer: 0.5,
        })
        .unwrap();
        assert_eq!(w, Decimal::ONE);
        // σx = 0.5, σm = 1: Var = e^.25(e^.25-1) = 0.3647..., e(e-1) = 4.6708...;
        // w = 4.6708 / (0.3647 + 4.6708) = 0.92757...
        let rel = Reliability {
            sigma_exporter: 0.5,
            sigma_importer: 1.0,
        };
        let w = baci_exporter_weight(rel).unwrap();
        assert_eq!(w.round_dp(4), dec!(0.9276));
        let opts = MirrorOptions {
            reliability: Some(rel),
            ..MirrorOptions::default()
        };
        let r = reconcile(Some(dec!(100)), Some(dec!(106)), &opts)
            .unwrap()
            .unwrap();
        // 106 / 1.06 = 100, so any weight gives 100.
        assert_eq!(r.value_usd, dec!(100));
        assert!(
            baci_exporter_weight(Reliability {
                sigma_exporter: -1.0,
                sigma_importer: 0.0
            })
            .is_err()
        );
    }

    #[test]
    fn factor_is_configurable_and_checked() {
        let opts = MirrorOptions {
            cif_fob_factor: dec!(1.10),
            reliability: None,
        };
        let r = reconcile(Some(dec!(100)), Some(dec!(110)), &opts)
            .unwrap()
            .unwrap();
        assert_eq!(r.value_usd, dec!(100));
        let bad = MirrorOptions {
            cif_fob_factor: dec!(0),
            reliability: None,
        };
        assert!(reconcile(Some(dec!(1)), None, &bad).is_err());
    }
}
