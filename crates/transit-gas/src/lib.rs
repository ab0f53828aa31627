//! # dostyk-transit-gas
//!
//! The transit-transport and gas spheres of the Kazakhstan–Uzbekistan agenda: Russian gas to
//! Uzbekistan through Kazakhstan, the Central Asia–China lines, rail and road freight and the
//! border crossings.
//!
//! Responsibilities:
//! - a gas flow ledger in ENTSOG Transparency terms, with volumes that always carry their
//!   reference conditions (GOST 20 °C, ISO 15 °C, normal 0 °C);
//! - balances per point and period, transit through a country, progress toward a volume target;
//! - freight series and CAREC CPMM corridor indicators, and routing on a corridor network;
//! - a steady-state gas network solver that reads pandapipes networks.
//!
//! Depends only on `dostyk-core-model`; never on another domain crate or on reporting.

pub mod network;
