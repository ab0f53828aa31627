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
//! | `build` | lowering the model to the LP: the edges' columns (`build::network`), one function per node kind (`build::nodes`) and the river splits' sub-links (`build::splits`) |
//! | `step` | the daily update and solve, [`Engine::run`] |
//! | `state` | what is carried from day to day: storages' and virtual storages' volumes, licence seasons |
//! | `program` | the LP terms that follow parameters (bounds, costs, varying coefficients) and what the results record |
//! | `params` | parameters compiled to slots and evaluated each day |
//! | `spline` | scipy's not-a-knot cubic spline (`interp_kwargs` kind `cubic`) |
//! | [`recorders`](RecorderValues) | the model's recorders: sampled each step, reduced after the run |
//! | `simplex` | the warm-started bounded simplex |
//! | `explain` | one day's binding constraints and shadow prices, or its conflicting bounds ([`Engine::explain`]) |
//! | `basis` | the sparse basis inverse (an eta file) of the simplex on large programmes |
//! | [`results`](Results) | the results table and its CSV |

mod basis;
mod build;
mod explain;
mod flow_history;
mod params;
mod program;
mod recorders;
mod results;
mod simplex;
mod spline;
mod state;
mod step;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::schema::{Model, Timestep};

pub use explain::{Binding, Bound, ConstraintKind, Explanation, Side};
pub use recorders::{RecorderFile, RecorderValue, RecorderValues, Series, SeriesIndex};
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
    /// A run of one scenario combination failed (the label names its members).
    #[error("scenario {scenario}: {source}")]
    InScenario {
        /// The combination's label (see [`Model::combination_label`]).
        scenario: String,
        /// The failure.
        source: Box<EngineError>,
    },
    /// [`Engine::explain`] was asked for a day outside the model's timesteps.
    #[error(
        "{path}: {date} is not a day of the run ({}); give a date within the timestepper's span",
        match (first, last) { (Some(a), Some(b)) => format!("its timesteps start from {a} to {b}"), _ => "it has no timesteps".to_owned() }
    )]
    DateOutsideRun {
        /// The model file.
        path: PathBuf,
        /// The date asked for.
        date: NaiveDate,
        /// The start of the first timestep.
        first: Option<NaiveDate>,
        /// The start of the last timestep.
        last: Option<NaiveDate>,
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

/// The largest linear programme [`Engine::new`] builds, in rows (constraints); a larger model is
/// refused with [`EngineError::TooLarge`]. The limit dates from the dense basis inverse (0.8 GB
/// at 10,000 rows); above 100 rows the simplex now keeps a sparse one whose memory grows with
/// the nonzeros, so the limit could be raised once larger models are measured. Real basin
/// models have hundreds to a few thousand rows.
pub const MAX_LP_ROWS: usize = 10_000;

/// The most result values (recorded nodes x timesteps) an [`Engine`] holds: 50 million, 400 MB of
/// numbers (and about 2 GB of results CSV). [`Engine::new`] estimates the results from the
/// model (recorded nodes x the timestepper's timesteps) and refuses a larger model with
/// [`EngineError::TooLarge`] before allocating or running anything: a 10 KB model of 160
/// outputs over 2000-9999 would otherwise hold 467 million values (issue #21). A century of
/// daily results for 1,000 nodes is 36.5 million.
pub const MAX_RESULT_CELLS: usize = 50_000_000;

/// The most threads [`Engine::set_threads`] uses: 256 (each holds a copy of the linear
/// programme and a batch of results; more threads than cores only share them).
pub const MAX_THREADS: usize = 256;

/// A model compiled into a linear programme, ready to run.
#[derive(Debug, Clone)]
pub struct Engine {
    path: PathBuf,
    periods: Vec<Timestep>,
    lp: Simplex,
    base_lower: Vec<f64>,
    base_upper: Vec<f64>,
    bounds: Vec<BoundTerm>,
    /// The node that set each of `bounds`.
    bound_nodes: Vec<String>,
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
    /// The scenario combinations, a member index per scenario of the model (one empty
    /// combination for a model without scenarios).
    combinations: Vec<Vec<usize>>,
    /// The combinations' labels; empty for a model without scenarios.
    scenario_labels: Vec<String>,
    /// How many scenario combinations run at once, each on its own thread.
    threads: usize,
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

    /// The labels of the scenario combinations a run simulates, in order (see
    /// [`Model::combination_label`]); empty for a model without scenarios.
    pub fn scenarios(&self) -> &[String] {
        &self.scenario_labels
    }

    /// The number of runs of the model a run makes: its scenario combinations (1 without
    /// scenarios).
    pub fn runs(&self) -> usize {
        self.combinations.len()
    }

    /// Runs up to `threads` scenario combinations at once, each on its own thread with its
    /// own linear programme (0: one per available core, the default; at most
    /// [`MAX_THREADS`]). The results are the same whatever the number: every combination
    /// starts from the same state and basis.
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = if threads == 0 {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        } else {
            threads
        }
        .min(MAX_THREADS);
    }

    /// The values of the model's recorders after the last [`Engine::run`] or
    /// [`Engine::write_csv`] (empty before a run, and for a model without recorders): with
    /// scenarios, one value per combination (in the order of [`Engine::scenarios`]) and their
    /// aggregate, whatever the number of threads.
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
