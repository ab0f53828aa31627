//! Transit tariffs and the revenue they imply, computed only from a stated, sourced tariff.
//!
//! No per-unit tariff is published for Russian gas carried through Kazakhstan to Uzbekistan or
//! for the Central Asia–China lines (gas.md section 11). So a tariff is never assumed here: it is
//! an input with its source, and revenue exists only where a tariff was given.
//!
//! ```
//! use dostyk_core_model::money::{Currency, Money};
//! use dostyk_core_model::provenance::SourceId;
//! use dostyk_transit_gas::reference::{GasVolume, ReferenceConditions, VolumeUnit};
//! use dostyk_transit_gas::tariff::{Tariff, TariffBasis};
//! use rust_decimal::Decimal;
//!
//! // An illustrative tariff of 1.75 USD per 1000 m³ (20 °C) per 100 km.
//! let tariff = Tariff {
//!     rate: Money::new(Decimal::new(175, 2), Currency::from_code("USD")?),
//!     basis: TariffBasis::Per1000M3Per100Km { conditions: ReferenceConditions::Gost2939 },
//!     source: SourceId::new("illustrative")?,
//! };
//! let volume = GasVolume::new(1.0, VolumeUnit::Mm3, ReferenceConditions::Gost2939);
//! let revenue = tariff.revenue_for_volume(volume, 500.0)?;
//! assert_eq!(revenue.amount, Decimal::new(875000, 2)); // 1000 × 5 × 1.75
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use dostyk_core_model::money::Money;
use dostyk_core_model::provenance::SourceId;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::Serialize;

use crate::error::Error;
use dostyk_core_model::quantity::{Energy, EnergyUnit};

use crate::reference::{FactorBasis, GasVolume, ReferenceConditions, serialize_energy_unit};

/// What a tariff rate is per.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "per")]
pub enum TariffBasis {
    /// Per 1000 m³ (at `conditions`) per 100 km carried, the CIS convention.
    #[serde(rename = "1000m3_100km")]
    Per1000M3Per100Km {
        /// The conditions of the cubic metres the tariff is per.
        conditions: ReferenceConditions,
    },
    /// Per unit of energy carried (ENTSOG tariffs are per kWh).
    Energy {
        /// The energy unit.
        #[serde(serialize_with = "serialize_energy_unit")]
        unit: EnergyUnit,
    },
}

/// A tariff rate with what it is per and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tariff {
    /// The rate, exact, in its currency.
    pub rate: Money,
    /// What it is per.
    pub basis: TariffBasis,
    /// The source that states it.
    pub source: SourceId,
}

fn decimal(x: f64, what: &str) -> Result<Decimal, Error> {
    Decimal::from_f64(x).ok_or_else(|| Error::Value(format!("{what} {x} cannot be priced")))
}

fn priced(rate: &Money, quantity: Decimal) -> Result<Money, Error> {
    let amount = rate
        .amount
        .checked_mul(quantity)
        .ok_or_else(|| Error::Value("the revenue overflows".to_owned()))?;
    let dp = rate.currency.info().minor_units.map_or(2, u32::from);
    Ok(Money::new(
        amount.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointNearestEven),
        rate.currency,
    ))
}

impl Tariff {
    /// The revenue from carrying `volume` over `distance_km`: `rate × (V / 1000 m³) × (d / 100 km)`,
    /// with the volume first restated at the tariff's conditions (ideal-gas factor). Only for a
    /// per-volume tariff; the amount is rounded to the currency's minor unit, half to even.
    pub fn revenue_for_volume(&self, volume: GasVolume, distance_km: f64) -> Result<Money, Error> {
        let TariffBasis::Per1000M3Per100Km { conditions } = self.basis else {
            return Err(Error::Value(
                "this tariff is per energy: price the energy with revenue_for_energy".to_owned(),
            ));
        };
        if !(distance_km.is_finite() && distance_km >= 0.0) {
            return Err(Error::Value(format!(
                "distance {distance_km} km: expected a non-negative number"
            )));
        }
        let v = volume.convert(conditions, FactorBasis::IdealGas).m3();
        let thousands = decimal(v, "volume")? / Decimal::from(1000);
        let hundreds_km = decimal(distance_km, "distance")? / Decimal::from(100);
        priced(&self.rate, thousands * hundreds_km)
    }

    /// The revenue from carrying `energy`: `rate × E`. Only for a per-energy tariff.
    pub fn revenue_for_energy(&self, energy: Energy) -> Result<Money, Error> {
        let TariffBasis::Energy { unit } = self.basis else {
            return Err(Error::Value(
                "this tariff is per volume and distance: price a volume with revenue_for_volume"
                    .to_owned(),
            ));
        };
        priced(&self.rate, decimal(energy.value_in(unit), "energy")?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::VolumeUnit;
    use dostyk_core_model::money::Currency;

    fn usd(cents: i64) -> Money {
        Money::new(Decimal::new(cents, 2), Currency::from_code("USD").unwrap())
    }

    #[test]
    fn volume_tariff_restates_the_volume() {
        let t = Tariff {
            rate: usd(200),
            basis: TariffBasis::Per1000M3Per100Km {
                conditions: ReferenceConditions::Gost2939,
            },
            source: SourceId::new("test").unwrap(),
        };
        // 1 mcm at 0 C is 1.07322 mcm at 20 C: 1073.22 thousand m3 x 2 (200 km) x 2 USD.
        let v = GasVolume::new(1.0, VolumeUnit::Mm3, ReferenceConditions::Normal);
        let r = t.revenue_for_volume(v, 200.0).unwrap();
        assert_eq!(r.amount, Decimal::new(429_288, 2));
        assert!(t.revenue_for_energy(Energy::from_mwh(1.0)).is_err());
    }

    #[test]
    fn energy_tariff() {
        let t = Tariff {
            rate: usd(150),
            basis: TariffBasis::Energy {
                unit: EnergyUnit::Mwh,
            },
            source: SourceId::new("test").unwrap(),
        };
        let r = t.revenue_for_energy(Energy::from_mwh(10_303.0)).unwrap();
        assert_eq!(r.amount, Decimal::new(1_545_450, 2));
    }
}
