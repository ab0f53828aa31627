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
//! Depends only on `dostyk-core-model`; never on another domain crate or on reporting.
//!
//! ## The gas ledger and the corridors
//!
//! The crate has three parts: [`gas`] (the ledger), [`transit`] (the corridors) and [`network`]
//! (the solver). The modules of the first two are re-exported at the crate root:
//!
//! | module | holds |
//! |---|---|
//! | [`reference`](mod@reference) | [`reference::ReferenceConditions`] (GOST 20 °C, ISO 15 °C, normal 0 °C), [`reference::GasVolume`], volume factors (ideal gas and methane), [`reference::Gcv`] with its basis, energy |
//! | [`amount`] | [`amount::GasAmount`], a volume at its reference conditions or an energy, and its unit [`amount::GasUnit`] (`kWh`, `m3 (gost)`) |
//! | [`entsog`] | ENTSOG-style flow records (operator, point, direction, indicator, period, unit, value, flow status, last update) and their CSV/JSON readers |
//! | [`national`] | national gas tables: monthly, quarterly or annual volumes between countries with stated reference conditions |
//! | [`balance`] | point balances (nominated, allocated, physical, utilisation), country balances, totals by country pair and route, target progress |
//! | [`tariff`] | sourced transit tariffs and the revenue they imply (never assumed) |
//! | [`freight`] | freight series by corridor, mode, direction and period, in tonnes and TEU |
//! | [`cpmm`] | CAREC CPMM indicators TFI1–TFI4 and speed without delay from trip and crossing records |
//! | [`corridor`] | a corridor network and its fastest and cheapest routes (Dijkstra), moving and border time apart |
//! | [`error`] | the one error type, whose reading errors name file, line and field |
//!
//! Every formula is written out with its citation in `docs/methodology.md`, sections "Gas units
//! and balances" and "Transit corridors (CPMM)".
//!
//! ## Example
//!
//! Russian gas transited through Kazakhstan to Uzbekistan: 5.6 bcm in 2024, stated, as Gazprom
//! and QazaqGaz state volumes, at 20 °C. The same gas at the EU's 0 °C is 7 % less; its energy
//! at 10.303 kWh/m³ (methane, 25 °C combustion, 20 °C metering) is 57.7 TWh; and the 11 bcm a
//! year planned from 2026 asks for 40 % growth a year.
//!
//! ```
//! use dostyk_core_model::quantity::EnergyUnit;
//! use dostyk_transit_gas::reference::{FactorBasis, GasVolume, Gcv, ReferenceConditions, VolumeUnit};
//! use dostyk_transit_gas::balance::{balance, BalanceOptions};
//! use dostyk_transit_gas::national;
//!
//! let transit_2024 = GasVolume::new(5.6, VolumeUnit::Km3, ReferenceConditions::Gost2939);
//! let at_normal = transit_2024.convert(ReferenceConditions::Normal, FactorBasis::IdealGas);
//! assert!((at_normal.in_unit(VolumeUnit::Km3) - 5.218).abs() < 1e-3);
//!
//! let gcv: Gcv = "10.303 kWh/m3 25/20".parse()?;
//! let energy = transit_2024.energy(&gcv, FactorBasis::IdealGas);
//! assert!((energy.value_in(EnergyUnit::Twh) - 57.697).abs() < 1e-3);
//!
//! let table = "period,exporter,importer,via,route,kind,status,value,unit,reference_conditions,source_id,note\n\
//!              2024,RUS,UZB,KAZ,CAC,transit,actual,5.6,bcm,gost,interfax-2025-04-11,\n";
//! let rows = national::parse_csv(table, "national.csv")?;
//! let options = BalanceOptions {
//!     targets: vec!["annual=11 unit=bcm conditions=gost from=2026 exporter=RUS importer=UZB \
//!                    kind=transit source=interfax-2025-04-11".parse()?],
//!     ..BalanceOptions::default()
//! };
//! let report = balance(&[], &rows, &options)?;
//! assert_eq!(report.outlook[0].required_annual_growth.round_dp(4).to_string(), "0.4015");
//!
//! // A volume whose conditions are not stated is refused.
//! assert!(GasVolume::from_stated(5.6, VolumeUnit::Km3, None).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod error;
pub mod gas;
pub mod network;
pub mod transit;

mod statistics_period;

pub use error::Error;
// The modules at the paths users import them from: `dostyk_transit_gas::national::parse_csv`.
pub use gas::{amount, balance, entsog, national, reference, tariff};
pub use transit::{corridor, cpmm, crossings, freight};
