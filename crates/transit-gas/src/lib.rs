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
//! The gas network solver is in [`network`]: read a network (Dostyk JSON or a file saved by
//! `pandapipes.to_json`) and solve it for junction pressures and pipe flows:
//!
//! ```
//! use dostyk_transit_gas::network::{parse_network, solve, SolverOptions};
//!
//! let text = r#"{"format": "dostyk-gas-network/1",
//!   "fluid": {"name": "lgas", "normal_density_kg_per_m3": 0.799495,
//!             "dynamic_viscosity_pa_s": 1.16859e-5, "compressibility": {"slope_per_bar": -0.0022}},
//!   "temperature_k": 288.15,
//!   "junctions": [{"id": "Beineu"}, {"id": "Shymkent"}],
//!   "pipes": [{"id": "BBSh", "from": "Beineu", "to": "Shymkent", "length_km": 100,
//!              "inner_diameter_mm": 1000, "roughness_mm": 0.02}],
//!   "slack_nodes": [{"junction": "Beineu", "pressure_bar_g": 54}],
//!   "sinks": [{"junction": "Shymkent", "normal_volume_flow_m3_per_h": 500000}]}"#;
//! let solution = solve(&parse_network(text, "example")?, &SolverOptions::default())?;
//! assert!(solution.junctions[1].pressure_bar_g.unwrap_or(0.0) < 54.0);
//! # Ok::<(), dostyk_transit_gas::network::NetworkError>(())
//! ```
//!
//! From the command line: `cargo xtask gas solve NETWORK.json [--out result.json]`.
//!
//! Depends only on `dostyk-core-model`; never on another domain crate or on reporting.

pub mod network;
