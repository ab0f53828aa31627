//! Transit corridors: freight series, CAREC CPMM indicators, border crossings and routing on a
//! corridor network.
//!
//! | module | holds |
//! |---|---|
//! | [`freight`] | freight series by corridor, mode, direction and period |
//! | [`cpmm`] | CAREC CPMM indicators TFI1–TFI4 and speed without delay |
//! | [`crossings`] | border crossing points and their capacities |
//! | [`corridor`] | a corridor network and its fastest and cheapest routes |
//!
//! Each module is also reachable at the crate root (`dostyk_transit_gas::freight`, …).

pub mod corridor;
pub mod cpmm;
pub mod crossings;
pub mod freight;
