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
//!
//! ## Allocation engine
//!
//! [`schema::Model`] reads a pywr 1.x model; [`engine::Engine`] builds its linear programme
//! once and solves it day by day with a warm-started bounded simplex, giving the same
//! allocation as pywr wherever the optimum is unique. The results are one value per day and
//! node: `flow` for network nodes, end-of-day `volume` for storages.
//!
//! ```
//! use dostyk_water::engine::Engine;
//! use dostyk_water::schema::Model;
//!
//! // A river (10 units/day) feeding a demand of 6 units/day at a benefit of 10 per unit.
//! let json = r#"{
//!   "metadata": {"title": "one demand"},
//!   "timestepper": {"start": "2024-04-01", "end": "2024-04-03", "timestep": 1},
//!   "nodes": [
//!     {"name": "river", "type": "catchment", "flow": 10},
//!     {"name": "canal", "type": "link", "max_flow": 8, "cost": 1},
//!     {"name": "farms", "type": "output", "max_flow": 6, "cost": -10},
//!     {"name": "sea", "type": "output"}
//!   ],
//!   "edges": [["river", "canal"], ["canal", "farms"], ["river", "sea"]]
//! }"#;
//! let model = Model::from_json_str(json, std::path::Path::new("example.json"))?;
//! let results = Engine::new(&model)?.run()?;
//! assert_eq!(results.value("2024-04-02", "farms", "flow"), Some(6.0));
//! assert_eq!(results.value("2024-04-02", "sea", "flow"), Some(4.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod engine;
pub mod schema;
