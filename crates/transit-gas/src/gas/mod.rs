//! The gas ledger: volumes with their reference conditions, the ENTSOG and national readers,
//! balances and tariffs.
//!
//! | module | holds |
//! |---|---|
//! | [`reference`](mod@reference) | reference conditions (GOST 20 °C, ISO 15 °C, normal 0 °C), gas volumes, volume factors, calorific values, energy |
//! | [`amount`] | an amount of gas, a volume at reference conditions or an energy, and its unit |
//! | [`entsog`] | ENTSOG-style flow records and their CSV/JSON readers |
//! | [`national`] | national gas tables with stated reference conditions |
//! | [`balance`] | point, country and series balances, target progress |
//! | [`tariff`] | sourced transit tariffs and the revenue they imply |
//!
//! Each module is also reachable at the crate root (`dostyk_transit_gas::national`, …).

pub mod amount;
pub mod balance;
pub mod entsog;
mod fnv;
pub mod national;
pub mod reference;
pub mod tariff;
