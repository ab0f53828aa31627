//! The allocation engine: the network becomes one linear programme, built once; each day only
//! its bounds and costs are updated and it is re-solved from the previous optimal basis.
//!
//! Formulation (edge-based; equivalent to pywr 1.x's route formulation for the supported
//! nodes): one column per chain of edges (edges joined through a `link` with one edge in and
//! one out share a column), plus two columns per `rivergauge` (the MRF band and the rest).
//! A node's flow is a linear expression in the columns; its `min_flow`/`max_flow` become the
//! bounds of that column when the expression is a single column, else a ranged row. Rows also
//! hold mass balance at links, loss links and gauges, the storage rows
//! `−max(V − V_min, 0)/Δt ≤ inflow − outflow ≤ max(V_max − V, 0)/Δt`, the virtual-storage rows,
//! and the aggregated-node sums and factor ratios. Costs: a node's cost is added to every
//! column of its flow expression; a storage's cost is `+cost` on columns entering it and
//! `−cost` on columns leaving it (pywr's sign convention). See docs/methodology.md.
//!
//! | module | holds |
//! |---|---|
//! | `build` | lowering the model to the LP: the edges' columns (`build::network`) and one function per node kind (`build::nodes`) |
//! | `step` | the daily update and solve, [`Engine::run`] |
//! | `state` | what is carried from day to day: storages' and virtual storages' volumes, licence seasons |
//! | `program` | the LP terms that follow parameters (bounds, costs, varying coefficients) and what the results record |
//! | `params` | parameters compiled to slots and evaluated each day |
//! | [`recorders`](RecorderValues) | the model's recorders: sampled each step, reduced after the run |
//! | `simplex` | the warm-started bounded simplex |
//! | [`results`](Results) | the results table and its CSV |

mod build;
mod params;
mod program;
mod recorders;
mod results;
mod simplex;
mod state;
mod step;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::schema::{Model, Timestep};

pub use recorders::{RecorderValue, RecorderValues, Series, SeriesIndex};
pub use results::{Attribute, Results, UnknownAttribute};

use params::Params;
use program::{BoundTerm, CostTerm, DynRow, Record};
use simplex::Simplex;
use state::Store;

/// An error while building or running the engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The model breaks a rule of [`Model::validate`] (a model built or edited in code; a
    /// loaded model has been checked already).
    #[error("{0}; correct the model before running it")]
    Invalid(#[from] crate::schema::SchemaError),
    /// The model cannot be turned into a linear programme.
    #[error("{path}: {location}: {message}")]
    Build {
        /// The model file.
        path: PathBuf,
        /// The node or parameter at fault.
        location: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// No allocation satisfies the constraints on a day.
    #[error(
        "{path}: infeasible on {date}: the bounds of {} cannot all hold; check their flows, capacities, \
         volumes and licences for that day (a catchment's inflow must always have somewhere to go)",
        nodes.join(", ")
    )]
    Infeasible {
        /// The model file.
        path: PathBuf,
        /// The day that failed.
        date: NaiveDate,
        /// The nodes whose constraints bind in the contradiction.
        nodes: Vec<String>,
    },
    /// The objective can decrease without limit on a day.
    #[error(
        "{path}: unbounded on {date} through {}; give that route a max_flow or remove the negative-cost cycle",
        nodes.join(", ")
    )]
    Unbounded {
        /// The model file.
        path: PathBuf,
        /// The day that failed.
        date: NaiveDate,
        /// The nodes on the unbounded direction.
        nodes: Vec<String>,
    },
    /// A parameter produced a value that is not a number (for example 0/0) on a day, or a
    /// bound, cost or varying coefficient beyond 10^18 (a product of huge numbers, a division
    /// by a tiny volume).
    #[error(
        "{path}: on {date} a parameter of {} evaluated to NaN (or to a bound, cost or coefficient beyond 1e18); check its inputs (a zero factor or volume? a product of huge numbers?)",
        nodes.join(", ")
    )]
    NotANumber {
        /// The model file.
        path: PathBuf,
        /// The day.
        date: NaiveDate,
        /// The nodes whose bounds or costs are affected.
        nodes: Vec<String>,
    },
    /// The model needs more memory than the engine allows itself: a linear programme with too
    /// many rows, or results too large to hold.
    #[error("{path}: the model is too large: {what}")]
    TooLarge {
        /// The model file.
        path: PathBuf,
        /// What is too large, by how much, and what to do.
        what: String,
    },
    /// The results could not be written ([`Engine::write_csv`]).
    #[error("{path}: cannot write the results: {source}; check that the output has room")]
    Write {
        /// The model file.
        path: PathBuf,
        /// The failure of the output.
        source: std::io::Error,
    },
    /// The simplex did not converge on a day (numerical trouble).
    #[error(
        "{path}: the solver did not converge on {date}; please report the model to the Dostyk developers"
    )]
    NotConverged {
        /// The model file.
        path: PathBuf,
        /// The day that failed.
        date: NaiveDate,
    },
}

/// The largest linear programme [`Engine::new`] builds, in rows (constraints). The simplex keeps
/// a dense basis inverse of `rows x rows` numbers and forms two more while refactorising, so
/// 10,000 rows take 0.8 GB each, 2.4 GB at the peak; a larger model is refused with
/// [`EngineError::TooLarge`] instead of aborting when memory runs out. Real basin models have
/// hundreds to a few thousand rows.
pub const MAX_LP_ROWS: usize = 10_000;

/// The most result values (recorded nodes x timesteps) an [`Engine`] holds: 50 million, 400 MB of
/// numbers (and about 2 GB of results CSV). [`Engine::new`] estimates the results from the
/// model (recorded nodes x the timestepper's timesteps) and refuses a larger model with
/// [`EngineError::TooLarge`] before allocating or running anything: a 10 KB model of 160
/// outputs over 2000-9999 would otherwise hold 467 million values (issue #21). A century of
/// daily results for 1,000 nodes is 36.5 million.
pub const MAX_RESULT_CELLS: usize = 50_000_000;

/// A model compiled into a linear programme, ready to run.
#[derive(Debug, Clone)]
pub struct Engine {
    path: PathBuf,
    periods: Vec<Timestep>,
    lp: Simplex,
    base_lower: Vec<f64>,
    base_upper: Vec<f64>,
    bounds: Vec<BoundTerm>,
    costs: Vec<CostTerm>,
    dyn_rows: Vec<DynRow>,
    params: Params,
    stores: Vec<Store>,
    records: Vec<(String, Attribute, Record)>,
    recorders: recorders::Recorders,
    recorder_values: RecorderValues,
    var_labels: Vec<Vec<String>>,
    col_values: Vec<f64>,
    /// The time the last run spent computing its days, without handing their results on.
    last_run: std::time::Duration,
}

impl Engine {
    /// Builds the linear programme of `model`, after checking it with [`Model::validate`]
    /// (an edited model that breaks a rule is refused with [`EngineError::Invalid`]).
    pub fn new(model: &Model) -> Result<Self, EngineError> {
        model.validate()?;
        build::lower(model)
    }

    /// Number of rows and structural columns of the linear programme.
    pub fn lp_size(&self) -> (usize, usize) {
        (
            self.base_lower.len() - self.lp.structural(),
            self.lp.structural(),
        )
    }

    /// Number of timesteps.
    pub fn steps(&self) -> usize {
        self.periods.len()
    }

    /// The time the last [`Engine::run`] or [`Engine::write_csv`] spent computing its days
    /// (parameters, the LP update and solve, storages), without the time the results took to
    /// be kept or written: the engine's speed, comparable with another engine's time loop.
    pub fn last_run_time(&self) -> std::time::Duration {
        self.last_run
    }

    /// The values of the model's recorders after the last [`Engine::run`] or
    /// [`Engine::write_csv`] (empty before a run, and for a model without recorders).
    pub fn recorder_values(&self) -> &RecorderValues {
        &self.recorder_values
    }

    /// Simplex pivots performed so far (all runs).
    pub fn pivots(&self) -> u64 {
        self.lp.total_pivots
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Node, ParameterValue};

    #[test]
    fn an_edited_model_that_breaks_a_rule_is_refused_naming_node_and_field() {
        let mut model = Model::from_json_str(
            r#"{"timestepper": {"start": "2024-01-01", "end": "2024-01-02"},
                "nodes": [{"name": "in", "type": "input", "max_flow": 5},
                          {"name": "out", "type": "output", "cost": -1}],
                "edges": [["in", "out"]]}"#,
            std::path::Path::new("m.json"),
        )
        .unwrap();
        assert!(Engine::new(&model).is_ok());
        *model.node_mut("out").and_then(Node::cost_mut).unwrap() =
            Some(ParameterValue::Constant(f64::NAN));
        let err = Engine::new(&model).unwrap_err();
        assert!(matches!(err, EngineError::Invalid(_)), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(r#"node "out".cost"#), "{text}");
        assert!(text.contains("correct the model"), "{text}");
    }
}
