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
//! ## Limits, intake and compliance
//!
//! | module | holds |
//! |---|---|
//! | [`limits`] | ICWC limits per country, line (`total`, `dostyk-canal`), season and optional dekad; the limits CSV |
//! | [`intake`] | actual intake per dekad, as a volume or a mean flow converted with the dekad's real length; the intake CSV |
//! | [`compliance`] | limit against actual per dekad, month and season: deviation, deviation %, cumulative deviation, dekads over the limit |
//! | [`withdrawals`] | what each country (or the whole basin) withdrew in a season as ICWC publishes it — a volume, a shortfall below the limit or a share of it — set against the seasonal limit, and the seasons with no published figure |
//! | [`metering`] | discharge readings at transboundary sites, data-quality findings, trapezoid integration into dekad volumes with coverage |
//! | [`reservoir`] | the reservoir water balance, its residual and the tolerance flag; the balance CSV |
//! | [`error`] | [`WaterError`], the readers' error naming file, line and field |
//!
//! The seasons (growing 1 April–30 September, non-growing 1 October–31 March) and dekads (days
//! 1–10, 11–20, 21–end) come from [`dostyk_core_model::period`]; volumes and flows are
//! [`dostyk_core_model::quantity`] types. Formulas and their sources are in
//! `docs/methodology.md`, section *Water limits and compliance*.
//!
//! ## Example
//!
//! Kazakhstan's Dostyk canal limit for the 2024 growing season was 922 million m³ (ICWC, reported
//! by Trend on 2024-05-13). Against a constructed intake of 58 m³/s in every dekad — not a
//! published series — how much of the limit is used and is it exceeded?
//!
//! ```
//! use dostyk_water::compliance::{assess, DekadLimits, LimitBasis};
//! use dostyk_water::intake::parse_intake_csv;
//! use dostyk_water::limits::parse_limits_csv;
//!
//! let limits = parse_limits_csv(
//!     "country,line,season,dekad,volume,unit,source\n\
//!      KAZ,dostyk-canal,growing-2024,,922,Mm3,trend-az-2024-05-13\n",
//!     "limits.csv",
//! )?;
//! let mut intake_csv = String::from("country,line,dekad,value,unit,source\n");
//! for month in 4..=9 {
//!     for dekad in 1..=3 {
//!         intake_csv += &format!("KAZ,dostyk-canal,2024-{month:02}-D{dekad},58,m3/s,constructed\n");
//!     }
//! }
//! let intake = parse_intake_csv(&intake_csv, "intake.csv")?;
//! let report = assess(&limits, &intake, DekadLimits::AsGiven)?;
//! let line = &report.lines[0];
//! // Only a seasonal limit: it is compared on the season total, not spread over dekads.
//! assert_eq!(line.limit_basis, LimitBasis::SeasonTotalOnly);
//! // 58 m³/s × 86,400 s × 183 days = 917.0496 million m³: 99.5 % of the limit, 4.95 under.
//! let total = &line.season_total;
//! assert_eq!(format!("{:.2}", total.actual), "917.05 Mm3");
//! assert_eq!(format!("{:.2}", total.deviation.unwrap()), "-4.95 Mm3");
//! assert!(!total.over_limit);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## CSV files
//!
//! Every CSV file read here (limits, intake, metering, balance) follows the same conventions,
//! those of [`dostyk_core_model::read::Table`]:
//!
//! - UTF-8, comma-separated, a header row naming the columns; columns are found by name
//!   (ignoring case), so their order is free and extra columns (a `note`, say) are ignored;
//! - lines starting with `#` are comments (use them to say where the figures come from, or that a
//!   file holds constructed test data); blank lines are skipped; both count in line numbers;
//! - spaces around a field are trimmed; numbers use a decimal point and no thousands separator
//!   (`909`, `0.909`, `1.5e3`).
//!
//! A problem is a [`WaterError`] whose message names the file, the line (as an editor shows it),
//! the field and what was expected, for example
//! `limits.csv, line 4, field "unit": found "mm3"; expected a volume unit: one of m3, tcm, Mm3, km3 (case matters: Mm3 is a million m³)`.
//!
//! ## Allocation engine
//!
//! [`schema::Model`] reads a pywr 1.x model; [`engine::Engine`] builds its linear programme
//! once and solves it day by day with a warm-started bounded simplex, giving the same
//! allocation as pywr wherever the optimum is unique. The results are one value per day and
//! node, looked up by [`NaiveDate`] and [`engine::Attribute`]: `Flow` for network nodes,
//! end-of-day `Volume` for storages.
//!
//! A model can be edited in code: [`schema::Model::node_mut`] and
//! [`schema::Model::parameter_mut`] reach a node or parameter, [`schema::Model::validate`]
//! applies the checks of [`schema::Model::load`] (and [`engine::Engine::new`] calls it, so an
//! invalid edit is refused naming node and field), and the model serialises back to pywr 1.x
//! JSON ([`schema::Model::to_json_string`]). [`prelude`] gathers the types, chrono's
//! [`NaiveDate`] included; `examples/edit_and_run.rs` shows the whole round.
//!
//! ```
//! use dostyk_water::prelude::*;
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
//! let day = NaiveDate::from_ymd_opt(2024, 4, 2).unwrap();
//! assert_eq!(results.value(day, "farms", Attribute::Flow), Some(6.0));
//! assert_eq!(results.value(day, "sea", Attribute::Flow), Some(4.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod compliance;
pub mod engine;
pub mod error;
pub mod intake;
pub mod limits;
pub mod metering;
pub mod reservoir;
pub mod schema;
pub mod withdrawals;

/// The date type of the public API (`chrono::NaiveDate`), so that callers need not depend on
/// chrono themselves.
pub use chrono::NaiveDate;
/// The shared Dostyk types that appear in this crate's signatures (countries, periods,
/// quantities, sources).
pub use dostyk_core_model as core_model;

/// What a user of the allocation engine and the water tables usually needs, in one `use`:
/// `use dostyk_water::prelude::*;`.
pub mod prelude {
    pub use crate::WaterError;
    pub use crate::engine::{Attribute, Engine, EngineError, Results};
    pub use crate::schema::{
        Edge, LossFactorType, Model, Node, NodeKind, Parameter, ParameterKind, ParameterValue,
        SchemaError, Step, StorageSpec, Timestep, Timestepper, VirtualStorageSpec,
    };
    pub use chrono::NaiveDate;
    pub use dostyk_core_model::country::Country;
    pub use dostyk_core_model::period::{IcwcSeason, Period, PeriodKind};
    pub use dostyk_core_model::provenance::SourceId;
    pub use dostyk_core_model::quantity::{Duration, FlowRate, FlowRateUnit, Volume, VolumeUnit};
}
pub use error::WaterError;
