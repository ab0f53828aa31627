//! An amount of gas as balances give it: a volume at its reference conditions, or an energy.
//!
//! ENTSOG publishes flows and capacities in energy (kWh/d, GWh/d); national tables publish
//! volumes (mcm, bcm) at stated reference conditions. A balance keeps each amount in its kind and
//! never adds one to the other, since that needs a calorific value. [`GasAmount`] is either kind;
//! [`GasUnit`] says which kind and in what unit, and writes itself as balances write their unit
//! column: `kWh`, `m3 (gost)`.
//!
//! ```
//! use dostyk_core_model::quantity::{Energy, EnergyUnit};
//! use dostyk_transit_gas::amount::{GasAmount, GasUnit};
//! use dostyk_transit_gas::reference::{GasVolume, ReferenceConditions, VolumeUnit};
//!
//! let transit = GasAmount::from(GasVolume::new(5.6, VolumeUnit::Km3, ReferenceConditions::Gost2939));
//! assert_eq!(transit.unit().to_string(), "m3 (gost)");
//! assert_eq!(transit.value(), 5.6e9);
//! assert_eq!(transit.to_string(), "5.6 bcm (gost, 20 °C)");
//!
//! let flow = GasAmount::from(Energy::from_gwh(99.0));
//! assert_eq!(flow.unit(), GasUnit::Energy(EnergyUnit::Gwh));
//! assert_eq!(flow.value_in(GasUnit::Energy(EnergyUnit::Kwh)), Some(99e6));
//! // An energy has no value in a volume unit: that needs a calorific value.
//! assert_eq!(flow.value_in(transit.unit()), None);
//! ```

use std::fmt;

use dostyk_core_model::quantity::{Energy, EnergyUnit, VolumeUnit};
use serde::{Deserialize, Serialize, Serializer};

use crate::reference::{GasVolume, ReferenceConditions, volume_symbol};

/// The unit of a [`GasAmount`]: an energy unit, or a volume unit at reference conditions.
///
/// Displays (and serialises) as a balance's unit column: the energy symbol (`kWh`), or the gas
/// statistics volume symbol with the conditions' code (`m3 (gost)`, `bcm (normal)`). Ordered
/// energy first, then volume, as those texts sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GasUnit {
    /// An energy unit.
    Energy(EnergyUnit),
    /// A volume unit at reference conditions.
    Volume {
        /// The volume unit.
        unit: VolumeUnit,
        /// The reference conditions the volume is stated at.
        conditions: ReferenceConditions,
    },
}

impl GasUnit {
    /// Cubic metres at `conditions`, the unit balances restate volumes in.
    pub fn m3(conditions: ReferenceConditions) -> Self {
        GasUnit::Volume {
            unit: VolumeUnit::M3,
            conditions,
        }
    }

    /// `value` in this unit. A volume is held in m³, as [`GasVolume`] holds it, so the amount's
    /// [`unit`](GasAmount::unit) is m³ at the same conditions; an energy keeps this unit.
    pub fn amount(self, value: f64) -> GasAmount {
        match self {
            GasUnit::Energy(unit) => GasAmount::Energy(Energy::new(value, unit)),
            GasUnit::Volume { unit, conditions } => {
                GasAmount::Volume(GasVolume::new(value, unit, conditions))
            }
        }
    }
}

impl fmt::Display for GasUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GasUnit::Energy(unit) => f.write_str(unit.symbol()),
            GasUnit::Volume { unit, conditions } => {
                write!(f, "{} ({conditions})", volume_symbol(*unit))
            }
        }
    }
}

impl Serialize for GasUnit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An amount of gas: a volume at its reference conditions, or an energy.
///
/// Displays as the amount it holds (`5.6 bcm (gost, 20 °C)`, `99 GWh`). Serialised with its
/// kind: `{"volume": {"m3": 5600000000.0, "conditions": "gost"}}` or `{"energy": "99 GWh"}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GasAmount {
    /// A volume at reference conditions.
    Volume(GasVolume),
    /// An energy.
    Energy(Energy),
}

impl GasAmount {
    /// The unit the amount is held in.
    pub fn unit(self) -> GasUnit {
        match self {
            GasAmount::Volume(v) => GasUnit::Volume {
                unit: v.volume.unit(),
                conditions: v.conditions,
            },
            GasAmount::Energy(e) => GasUnit::Energy(e.unit()),
        }
    }

    /// The number, in [`unit`](Self::unit).
    pub fn value(self) -> f64 {
        match self {
            GasAmount::Volume(v) => v.volume.value(),
            GasAmount::Energy(e) => e.value(),
        }
    }

    /// The number in `unit`, if the amount can be stated in it without a calorific value or a
    /// change of reference conditions: an energy in any energy unit, a volume in any volume
    /// unit at its own conditions (restate it with [`GasVolume::convert`] first); `None`
    /// otherwise.
    pub fn value_in(self, unit: GasUnit) -> Option<f64> {
        match (self, unit) {
            (GasAmount::Energy(e), GasUnit::Energy(u)) => Some(e.value_in(u)),
            (GasAmount::Volume(v), GasUnit::Volume { unit, conditions })
                if v.conditions == conditions =>
            {
                Some(v.volume.value_in(unit))
            }
            _ => None,
        }
    }

    /// The volume, for an amount of that kind.
    pub fn volume(self) -> Option<GasVolume> {
        match self {
            GasAmount::Volume(v) => Some(v),
            GasAmount::Energy(_) => None,
        }
    }

    /// The energy, for an amount of that kind.
    pub fn energy(self) -> Option<Energy> {
        match self {
            GasAmount::Energy(e) => Some(e),
            GasAmount::Volume(_) => None,
        }
    }
}

impl From<GasVolume> for GasAmount {
    fn from(v: GasVolume) -> Self {
        GasAmount::Volume(v)
    }
}

impl From<Energy> for GasAmount {
    fn from(e: Energy) -> Self {
        GasAmount::Energy(e)
    }
}

impl fmt::Display for GasAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GasAmount::Volume(v) => fmt::Display::fmt(v, f),
            GasAmount::Energy(e) => fmt::Display::fmt(e, f),
        }
    }
}

/// Serialises an amount as its bare number, for a result whose `unit` field states the unit.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` hands the field by reference.
pub(crate) fn serialize_value<S: Serializer>(amount: &GasAmount, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(amount.value())
}

/// Serialises an optional amount as its bare number or `null`.
#[allow(clippy::ref_option)] // serde's `serialize_with` hands the field by reference.
pub(crate) fn serialize_optional_value<S: Serializer>(
    amount: &Option<GasAmount>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match amount {
        Some(a) => s.serialize_some(&a.value()),
        None => s.serialize_none(),
    }
}

/// Serialises a gas volume as its bare number of m³, for a result whose `unit` field states
/// the conditions.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` hands the field by reference.
pub(crate) fn serialize_m3<S: Serializer>(volume: &GasVolume, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(volume.m3())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn units_write_as_the_balance_column() {
        assert_eq!(GasUnit::Energy(EnergyUnit::Kwh).to_string(), "kWh");
        assert_eq!(
            GasUnit::m3(ReferenceConditions::Gost2939).to_string(),
            "m3 (gost)"
        );
        assert_eq!(
            GasUnit::Volume {
                unit: VolumeUnit::Km3,
                conditions: ReferenceConditions::Normal
            }
            .to_string(),
            "bcm (normal)"
        );
        // Energy sorts before volume, as "kWh" before "m3 (…)".
        assert!(GasUnit::Energy(EnergyUnit::Twh) < GasUnit::m3(ReferenceConditions::Normal));
        assert_eq!(
            serde_json::to_string(&GasUnit::m3(ReferenceConditions::Iso13443)).unwrap(),
            "\"m3 (iso)\""
        );
    }

    #[test]
    fn amounts_keep_their_kind_and_conditions() {
        let gost = GasUnit::m3(ReferenceConditions::Gost2939);
        let v = gost.amount(1.28e9);
        assert_eq!(v.unit(), gost);
        assert_eq!(v.value(), 1.28e9);
        assert_eq!(
            v.value_in(GasUnit::Volume {
                unit: VolumeUnit::Km3,
                conditions: ReferenceConditions::Gost2939
            }),
            Some(1.28)
        );
        // Other conditions need a factor basis: no value.
        assert_eq!(v.value_in(GasUnit::m3(ReferenceConditions::Normal)), None);
        assert_eq!(v.value_in(GasUnit::Energy(EnergyUnit::Kwh)), None);
        assert_eq!(v.energy(), None);
        assert_eq!(v.volume().unwrap().m3(), 1.28e9);
        let e = GasUnit::Energy(EnergyUnit::Kwh).amount(240_000.0);
        assert_eq!(e.value_in(GasUnit::Energy(EnergyUnit::Mwh)), Some(240.0));
        assert_eq!(e.to_string(), "240000 kWh");
        assert_eq!(v.to_string(), "1.28 bcm (gost, 20 °C)");
        assert_eq!(e.volume(), None);
    }

    #[test]
    fn serde_states_the_kind() {
        let v = GasAmount::from(GasVolume::from_m3(5.6e9, ReferenceConditions::Gost2939));
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"volume":{"m3":5600000000.0,"conditions":"gost"}}"#
        );
        assert_eq!(serde_json::from_str::<GasAmount>(&json).unwrap(), v);
        let e = GasAmount::from(Energy::from_gwh(99.0));
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"energy":"99 GWh"}"#);
        assert_eq!(serde_json::from_str::<GasAmount>(&json).unwrap(), e);
        assert!(serde_json::from_str::<GasAmount>(r#"{"energy":"99 bcm"}"#).is_err());
    }

    fn units() -> impl Strategy<Value = GasUnit> {
        prop_oneof![
            proptest::sample::select(EnergyUnit::ALL).prop_map(GasUnit::Energy),
            (
                proptest::sample::select(VolumeUnit::ALL),
                proptest::sample::select(ReferenceConditions::ALL.to_vec())
            )
                .prop_map(|(unit, conditions)| GasUnit::Volume { unit, conditions }),
        ]
    }

    proptest! {
        #[test]
        fn never_panics_and_round_trips_in_its_own_unit(
            value in prop_oneof![any::<f64>(), Just(1e308), Just(-1e308), Just(0.0), Just(f64::MIN_POSITIVE)],
            unit in units(),
            other in units(),
        ) {
            let amount = unit.amount(value);
            let _ = amount.to_string();
            let _ = format!("{amount:.3}");
            let _ = amount.value_in(other);
            let _ = serde_json::to_string(&amount);
            prop_assert_eq!(amount.unit().to_string().is_empty(), false);
            // An energy is held in its unit, so it reads back exactly; a volume is held in m³,
            // so it reads back within rounding while value × factor stays finite.
            if let Some(back) = amount.value_in(unit) {
                match unit {
                    GasUnit::Energy(_) => prop_assert!(back.to_bits() == value.to_bits() || value.is_nan()),
                    GasUnit::Volume { unit: u, .. } => {
                        if (value * u.factor()).is_finite() {
                            prop_assert!((back - value).abs() <= 1e-12 * value.abs());
                        }
                    }
                }
            } else {
                prop_assert!(false, "an amount has a value in its own unit");
            }
        }
    }
}
