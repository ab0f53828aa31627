//! # dostyk-water
//!
//! Transboundary water shared by Kazakhstan and Uzbekistan: the Syr Darya, the Shardara
//! (Chardara) reservoir and the Dostyk canal.
//!
//! Responsibilities:
//! - ICWC withdrawal limits per country, canal line, season and dekad, and compliance of actual
//!   intake with them;
//! - metering data validation and integration of flow into dekad volumes;
//! - reservoir water balance and its residual;
//! - an allocation engine that reads pywr 1.x JSON models (the `schema`) and solves each timestep's
//!   linear program (the `engine`), kept apart as in pywr-next.
//!
//! Depends only on `dostyk-core-model`; never on another domain crate or on reporting.

pub mod csv_input;
pub mod limits;
pub mod compliance;
pub mod intake;
pub mod metering;
pub mod reservoir;
