//! The pywr 1.x JSON model format, as far as the Dostyk allocation engine supports it.
//!
//! [`Model::load`] reads a model file, resolves `dataframe` CSV paths relative to it and checks
//! every node, parameter and edge. Anything the engine does not implement (a node or parameter
//! type, or an attribute of a supported type) is an error that names it and the model path: it
//! is never silently ignored, because an ignored constraint changes the allocation.
//!
//! The types here describe the *input*; the engine in [`crate::engine`] turns them into a linear
//! programme. Keeping the two apart lets the schema be tested (and fuzzed) on its own.
//!
//! A model built or edited in code ([`Model::node_mut`], [`Model::parameter_mut`], the public
//! fields) is checked by [`Model::validate`] — the same checks `load` applies, in `validate.rs`
//! — and saved as pywr 1.x JSON by its `Serialize` implementation or
//! [`Model::to_json_string`] (`save.rs`); what is saved reads back to an equal model.

mod data_file;
mod excel;
mod fields;
mod flow_history;
mod hydropower;
mod includes;
mod indexed;
mod inline_frame;
mod nodes;
mod parameters;
mod recorders;
mod save;
mod scenarios;
mod splits;
mod tables;
mod timestep;
mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dostyk_core_model::read::{self, ReadError};
use serde_json::Value as Json;

pub use hydropower::{HydropowerTarget, Interpolation, Turbine};
pub use nodes::{LossFactorType, Node, NodeKind, RollingWindow, StorageSpec, VirtualStorageSpec};
pub use parameters::{
    AggFunc, FrameOrigin, IndexColumn, Parameter, ParameterKind, ParameterValue, Predicate,
    SheetName, ThresholdOn, Variable,
};
pub use recorders::{
    Aggregation, FileCompression, NodeMeasure, PercentileMethod, Recorder, RecorderKind,
    RecorderObjective, SUPPORTED_RECORDERS, ScoreKind,
};
pub use scenarios::{MAX_SCENARIO_COMBINATIONS, MAX_SCENARIO_SIZE, Scenario, ScenarioSlice};
pub use splits::{RiverSplitSpec, Slot};
pub use timestep::{Step, Timestep};

use fields::Fields;

/// The largest pywr model file [`Model::load`] reads, and the largest `dataframe` CSV: 256 MiB. A model's JSON holds its network
/// and parameters; long series belong in `dataframe` CSV files, so a larger file is almost
/// always the wrong file (and reading it whole could exhaust memory).
pub const MAX_MODEL_BYTES: u64 = 256 << 20;

/// The most JSON values (objects, arrays, strings, numbers, booleans, nulls) a model file may
/// hold: 2 million. [`Model::load`] counts them while it parses and stops at the limit, so the
/// parsed tree stays within about 0.4 GB whatever the file's size (a JSON tree takes many times
/// its text: a 262 MB model of small nodes took 7.3 GB before, issue #21). Real basin models
/// have thousands of values ([`crate::engine::MAX_LP_ROWS`] allows 10,000 LP rows); 2 million
/// is 50 daily series of a century written inline.
pub const MAX_MODEL_VALUES: u64 = 2_000_000;

/// The most JSON objects and arrays a model file may hold: 400,000 (each takes hundreds of bytes
/// parsed, whatever its text). A node, a parameter or an edge is one or a few, so a chain of
/// 199,000 links (two per link) still reads.
pub const MAX_MODEL_CONTAINERS: u64 = 400_000;

/// The limits [`Model::from_json_str`] parses within.
const MODEL_JSON_LIMITS: read::JsonLimits = read::JsonLimits {
    max_values: MAX_MODEL_VALUES,
    max_containers: MAX_MODEL_CONTAINERS,
    advice: "a pywr model holds its network and parameters; keep long time series in `dataframe` CSV files beside it",
};

/// The largest magnitude of a number in a model: 10^15. Flows, volumes, costs, factors and
/// parameter values beyond it are refused by [`Model::validate`] (and so by [`Model::load`]).
///
/// Basin models measure flows in m³/s or Mm³/day, volumes in Mm³ (the Aral Sea held about 10^12
/// m³) and costs as small penalties, so 10^15 leaves ample room; beyond it the simplex's
/// arithmetic loses the small flows next to the huge ones (10^15 × 2.2·10^-16 is already 0.2)
/// and a bound like 10^308 overflows to infinity in its sums (issue #21). Use a missing
/// `max_flow` for "no limit", not a huge number.
pub const MAX_MODEL_MAGNITUDE: f64 = 1e15;

/// An error while reading or checking a pywr model.
///
/// Every variant names the model file; the location says which node, parameter or field is at
/// fault and what was expected there.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaError {
    /// The model file (or a `dataframe` CSV it references) cannot be read: it is missing, not
    /// a regular file (a folder, a named pipe, a device), not UTF-8, or not well-formed JSON;
    /// the [`ReadError`] names the file and, for JSON, the line and column.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The model file, or a `dataframe` CSV, is larger than [`MAX_MODEL_BYTES`].
    #[error(
        "{}: the {what} is {bytes} bytes; Dostyk reads pywr models up to {MAX_MODEL_BYTES} bytes (256 MiB), and `dataframe` CSV files as well; is this the right file? Keep long time series in `dataframe` CSV files beside the model (a daily series of a century is about 1 MB)",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What it is: `model file` or `dataframe CSV`.
        what: &'static str,
        /// Its size as far as it was read.
        bytes: u64,
    },
    /// A field has the wrong type or value.
    #[error("{path}: {location}: expected {expected}")]
    Invalid {
        /// The model file.
        path: PathBuf,
        /// Where in the model, e.g. `nodes[3] "shardara".max_volume`.
        location: String,
        /// What was expected there.
        expected: String,
    },
    /// A node type, parameter type or attribute that the engine does not implement.
    #[error(
        "{path}: {location}: unsupported {what} \"{name}\"; the Dostyk engine implements {supported}. \
         Rewrite the model with the supported types (pywr semantics would otherwise be silently lost)"
    )]
    Unsupported {
        /// The model file.
        path: PathBuf,
        /// Where in the model.
        location: String,
        /// "node type", "parameter type" or "attribute".
        what: &'static str,
        /// The unsupported name as written in the model.
        name: String,
        /// The supported alternatives.
        supported: String,
    },
    /// A CSV file used by a `dataframe` parameter is malformed.
    #[error("{csv}: line {line}: {message} (used by parameter {parameter} of model {path})")]
    Csv {
        /// The model file.
        path: PathBuf,
        /// The CSV file.
        csv: PathBuf,
        /// 1-based line in the CSV file (0 when the problem is the file as a whole).
        line: u64,
        /// The parameter that reads the file.
        parameter: String,
        /// What is wrong.
        message: String,
    },
}

/// The `timestepper` block: a daily run from `start` to `end`, both inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestepper {
    /// First day simulated.
    pub start: NaiveDate,
    /// Last day simulated (pywr includes the period that contains `end`).
    pub end: NaiveDate,
    /// The length of each timestep (`timestep`; daily when absent).
    pub step: Step,
}

impl Timestepper {
    /// Every timestep, in order (pandas' `period_range(start, end, freq)`).
    pub fn periods(&self) -> Vec<Timestep> {
        timestep::periods(self.start, self.end, self.step)
    }
}

/// An edge `[from, to]` or `[from, to, from_slot, to_slot]`, in the direction of flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Upstream node name.
    pub from: String,
    /// Downstream node name.
    pub to: String,
    /// Slot of the upstream node (a storage's release sub-node index, a river split's outlet).
    pub from_slot: Option<Slot>,
    /// Slot of the downstream node (a storage's receiving sub-node index).
    pub to_slot: Option<Slot>,
}

/// A checked pywr 1.x model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The file the model came from (used in every error message).
    pub path: PathBuf,
    /// The `metadata.title`, when given.
    pub title: Option<String>,
    /// The simulated period.
    pub timestepper: Timestepper,
    /// The nodes, in file order.
    pub nodes: Vec<Node>,
    /// The edges, in file order.
    pub edges: Vec<Edge>,
    /// Named parameters.
    pub parameters: BTreeMap<String, Parameter>,
    /// The `scenarios`: the dimensions scenario-aware parameters vary along (empty: one run).
    pub scenarios: Vec<Scenario>,
    /// The `scenario_combinations` to run, each a member index per scenario; `None` runs every
    /// combination of the scenarios' (sliced) members.
    pub scenario_combinations: Option<Vec<Vec<usize>>>,
    /// The `recorders`, in file order: what the run measures besides flows and volumes.
    pub recorders: Vec<Recorder>,
    /// The `bisection` block, when given: kept for pywr's bisection search (which varies a
    /// parameter over many runs); a run uses the parameter's value as written.
    pub bisection: Option<Bisection>,
}

/// pywr's `bisection` block: the settings of its `BisectionSearchModel`, which runs the model
/// many times to find the largest value of `parameter` that meets the recorders' constraints.
/// pywr's `Model.load` and Dostyk's run keep it without using it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bisection {
    /// The parameter varied.
    pub parameter: String,
    /// The smallest gap of the search (`epsilon`).
    pub epsilon: Option<f64>,
    /// Whether an infeasible search is an error (`error_on_infeasible`).
    pub error_on_infeasible: Option<bool>,
}

impl Model {
    /// Reads and checks the model at `path`; `dataframe` CSV paths are relative to its folder.
    ///
    /// A file larger than [`MAX_MODEL_BYTES`] is refused with [`SchemaError::TooLarge`] before
    /// it is read, and a path that names a folder, a named pipe or a device with
    /// [`SchemaError::Read`].
    pub fn load(path: impl AsRef<Path>) -> Result<Self, SchemaError> {
        let path = path.as_ref();
        let text = read_model_text(path, "model file")?;
        Self::from_json_str(&text, path)
    }

    /// Parses a model from JSON text; `path` names the model in errors and anchors relative
    /// `dataframe` paths. A key given twice in one object is refused (pywr would keep the last
    /// one silently), and so is a text of more than [`MAX_MODEL_VALUES`] values or
    /// [`MAX_MODEL_CONTAINERS`] objects and arrays, as soon as the parse reaches the limit.
    pub fn from_json_str(text: &str, path: &Path) -> Result<Self, SchemaError> {
        Self::parse(text, path).map_err(|e| with_line(e, text))
    }

    fn parse(text: &str, path: &Path) -> Result<Self, SchemaError> {
        let mut json: Json = read::json_value_within(path, text, MODEL_JSON_LIMITS)?;
        let mut ctx = Ctx {
            path: path.to_path_buf(),
            base_dir: path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            tables: BTreeMap::new(),
            data_orders: inline_frame::key_orders(text),
        };
        // pywr's `includes`: other JSON files whose lists and objects join the model's.
        includes::merge(&mut json, &mut ctx)?;
        // pywr's `tables`: CSV files that parameters and numbers refer to by name.
        if let Some(tables) = json.get("tables") {
            let map = tables.as_object().ok_or_else(|| {
                ctx.invalid(
                    "tables",
                    "an object mapping table names to {url, index_col}",
                )
            })?;
            ctx.tables = map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        }
        let mut top = Fields::new(&json, "model", &ctx)?;
        let _ = top.take("tables");
        let title = match top.take("metadata") {
            None => None,
            Some(meta) => meta.get("title").and_then(Json::as_str).map(str::to_owned),
        };
        let bisection = match top.take("bisection") {
            None => None,
            Some(b) => {
                let mut f = Fields::new(b, "bisection", &ctx)?;
                let parameter = f.string("parameter")?;
                let epsilon = f.number("epsilon")?;
                let error_on_infeasible = f.boolean("error_on_infeasible")?;
                f.finish()?;
                Some(Bisection {
                    parameter,
                    epsilon,
                    error_on_infeasible,
                })
            }
        };
        let recorders = match top.take("recorders") {
            Some(r) => recorders::parse_recorders(r, &ctx)?,
            None => Vec::new(),
        };
        if let Some(solver) = top.take("solver") {
            let name = solver.get("name").and_then(Json::as_str).unwrap_or("glpk");
            if !name.starts_with("glpk") {
                return Err(ctx.unsupported(
                    "solver",
                    "solver",
                    name,
                    "glpk or glpk-edge (both solve the same LP)",
                ));
            }
        }
        let timestepper = match top.take("timestepper") {
            Some(t) => parse_timestepper(t, &ctx)?,
            None => {
                return Err(
                    ctx.invalid("timestepper", "a timestepper with start, end and timestep")
                );
            }
        };
        let mut parameters = BTreeMap::new();
        if let Some(params) = top.take("parameters") {
            let map = params.as_object().ok_or_else(|| {
                ctx.invalid(
                    "parameters",
                    "an object mapping parameter names to definitions",
                )
            })?;
            for (name, def) in map {
                let location = format!("parameters \"{name}\"");
                let p = parameters::parse_parameter(def, &location, &ctx)?;
                parameters.insert(name.clone(), p);
            }
        }
        let nodes_json = top
            .take("nodes")
            .ok_or_else(|| ctx.invalid("nodes", "a list of node objects"))?;
        let nodes_list = nodes_json
            .as_array()
            .ok_or_else(|| ctx.invalid("nodes", "a list of node objects"))?;
        let mut nodes = Vec::with_capacity(nodes_list.len());
        for (i, n) in nodes_list.iter().enumerate() {
            nodes.push(nodes::parse_node(n, i, &ctx)?);
        }
        let edges_json = top
            .take("edges")
            .ok_or_else(|| ctx.invalid("edges", "a list of [from, to] pairs"))?;
        let edges = parse_edges(edges_json, &ctx)?;
        let scenarios = match top.take("scenarios") {
            None | Some(Json::Null) => Vec::new(),
            Some(v) => scenarios::parse_scenarios(v, &ctx)?,
        };
        let scenario_combinations = match top.take("scenario_combinations") {
            None | Some(Json::Null) => None,
            Some(v) => Some(scenarios::parse_combinations(v, &ctx)?),
        };
        // Merged above.
        let _ = top.take("includes");
        top.finish()?;
        let model = Model {
            path: path.to_path_buf(),
            title,
            timestepper,
            nodes,
            edges,
            parameters,
            scenarios,
            scenario_combinations,
            recorders,
            bisection,
        };
        model.validate()?;
        Ok(model)
    }

    /// The scenario combinations a run simulates, in order, each a member index per entry of
    /// [`Model::scenarios`] (pywr's `get_combinations`): the `scenario_combinations` when given,
    /// else every combination of the scenarios' members (each within its `slice`), the last
    /// scenario varying fastest. A model without scenarios is one combination with no indices.
    ///
    /// More than [`MAX_SCENARIO_COMBINATIONS`], or none, is [`SchemaError::Invalid`] (which
    /// [`Model::validate`] reports too).
    pub fn combinations(&self) -> Result<Vec<Vec<usize>>, SchemaError> {
        scenarios::combinations(&self.scenarios, self.scenario_combinations.as_deref()).map_err(
            |why| SchemaError::Invalid {
                path: self.path.clone(),
                location: "scenarios".to_owned(),
                expected: format!("a run of at least one combination: {why}"),
            },
        )
    }

    /// The label of a combination in the results: each scenario's `name=member` (the member's
    /// ensemble name when the scenario names them, else its index), joined by `;`, e.g.
    /// `climate=wet;demand=2`.
    pub fn combination_label(&self, combination: &[usize]) -> String {
        self.scenarios
            .iter()
            .zip(combination)
            .map(|(s, &i)| s.member_label(i))
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The node called `name`.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.name == name)
    }

    /// The node called `name`, to edit. Call [`Model::validate`] after editing (or let
    /// [`crate::engine::Engine::new`] do it): an edit can break a rule that loading enforces.
    pub fn node_mut(&mut self, name: &str) -> Option<&mut Node> {
        self.nodes.iter_mut().find(|n| n.name == name)
    }

    /// The entry `name` of the model's `parameters`.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.get(name)
    }

    /// The entry `name` of the model's `parameters`, to edit (validate after editing, as for
    /// [`Model::node_mut`]).
    pub fn parameter_mut(&mut self, name: &str) -> Option<&mut Parameter> {
        self.parameters.get_mut(name)
    }

    /// The recorder called `name`.
    pub fn recorder(&self, name: &str) -> Option<&Recorder> {
        self.recorders.iter().find(|r| r.name == name)
    }
}

/// The text of a file a model reads (`what` it is: the `model file` itself, or a `dataframe
/// CSV`): a regular UTF-8 file of at most [`MAX_MODEL_BYTES`], read through
/// [`read::read_text`], so a folder, a named pipe or a device is refused instead of read for
/// ever.
pub(crate) fn read_model_text(path: &Path, what: &'static str) -> Result<String, SchemaError> {
    read::read_text(path, MAX_MODEL_BYTES).map_err(|e| match e {
        ReadError::TooLarge { file, bytes, .. } => SchemaError::TooLarge {
            path: file,
            what,
            bytes,
        },
        other => SchemaError::Read(other),
    })
}

/// Adds the line of the named node or parameter to a location such as `nodes[3] "shardara".cost`
/// (the first line where that name is written as a JSON string).
fn with_line(err: SchemaError, text: &str) -> SchemaError {
    let add = |location: String| -> String {
        let Some(start) = location.find('"') else {
            return location;
        };
        let Some(len) = location[start + 1..].find('"') else {
            return location;
        };
        let quoted = &location[start..start + len + 2];
        match text.find(quoted) {
            Some(pos) => {
                let line = text[..pos].matches('\n').count() + 1;
                format!("{location} (line {line})")
            }
            None => location,
        }
    };
    match err {
        SchemaError::Invalid {
            path,
            location,
            expected,
        } => SchemaError::Invalid {
            path,
            location: add(location),
            expected,
        },
        SchemaError::Unsupported {
            path,
            location,
            what,
            name,
            supported,
        } => SchemaError::Unsupported {
            path,
            location: add(location),
            what,
            name,
            supported,
        },
        other => other,
    }
}

/// Context for error messages: the model path and the folder relative paths start from.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub(crate) path: PathBuf,
    pub(crate) base_dir: PathBuf,
    /// The model's `tables` entries (a name and its `url`, `index_col`, `header`).
    pub(crate) tables: BTreeMap<String, Json>,
    /// The written key order of every object under a `data` key in the model's text and its
    /// includes (an inline `dataframe`'s columns are in that order).
    pub(crate) data_orders: inline_frame::KeyOrders,
}

impl Ctx {
    pub(crate) fn invalid(&self, location: &str, expected: &str) -> SchemaError {
        SchemaError::Invalid {
            path: self.path.clone(),
            location: location.to_owned(),
            expected: expected.to_owned(),
        }
    }

    pub(crate) fn unsupported(
        &self,
        location: &str,
        what: &'static str,
        name: &str,
        supported: &str,
    ) -> SchemaError {
        SchemaError::Unsupported {
            path: self.path.clone(),
            location: location.to_owned(),
            what,
            name: name.to_owned(),
            supported: supported.to_owned(),
        }
    }
}

fn parse_timestepper(t: &Json, ctx: &Ctx) -> Result<Timestepper, SchemaError> {
    let mut f = Fields::new(t, "timestepper", ctx)?;
    let start = parse_date(f.take("start"), "timestepper.start", ctx)?;
    let end = parse_date(f.take("end"), "timestepper.end", ctx)?;
    let step = match f.take("timestep") {
        None => Step::default(),
        Some(v) => Step::from_json(v).ok_or_else(|| {
            ctx.unsupported(
                "timestepper.timestep",
                "timestep",
                &v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                timestep::SUPPORTED,
            )
        })?,
    };
    f.finish()?;
    if end < start {
        return Err(ctx.invalid("timestepper.end", "a date on or after timestepper.start"));
    }
    Ok(Timestepper { start, end, step })
}

pub(crate) fn parse_date(
    v: Option<&Json>,
    location: &str,
    ctx: &Ctx,
) -> Result<NaiveDate, SchemaError> {
    let s = v
        .and_then(Json::as_str)
        .ok_or_else(|| ctx.invalid(location, "a date as \"YYYY-MM-DD\""))?;
    parse_date_str(s).ok_or_else(|| {
        ctx.invalid(
            location,
            &format!("a date as \"YYYY-MM-DD\", found \"{s}\""),
        )
    })
}

/// Parses `YYYY-MM-DD`, allowing a trailing time part (`YYYY-MM-DD 00:00:00` or `T00:00`).
pub(crate) fn parse_date_str(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let day = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('T')) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn parse_edges(v: &Json, ctx: &Ctx) -> Result<Vec<Edge>, SchemaError> {
    let list = v
        .as_array()
        .ok_or_else(|| ctx.invalid("edges", "a list of [from, to] pairs"))?;
    let mut edges = Vec::with_capacity(list.len());
    for (i, e) in list.iter().enumerate() {
        let location = format!("edges[{i}]");
        let expected = "[from, to] or [from, to, from_slot, to_slot] with node names and integer, string (or null) slots";
        let items = e
            .as_array()
            .ok_or_else(|| ctx.invalid(&location, expected))?;
        if items.len() != 2 && items.len() != 4 {
            return Err(ctx.invalid(&location, expected));
        }
        let name = |j: usize| {
            items[j]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| ctx.invalid(&location, expected))
        };
        let slot = |j: usize| -> Result<Option<Slot>, SchemaError> {
            match items.get(j) {
                None | Some(Json::Null) => Ok(None),
                Some(v) => Slot::from_json(v)
                    .map(Some)
                    .ok_or_else(|| ctx.invalid(&location, expected)),
            }
        };
        edges.push(Edge {
            from: name(0)?,
            to: name(1)?,
            from_slot: slot(2)?,
            to_slot: slot(3)?,
        });
    }
    Ok(edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Model, SchemaError> {
        Model::from_json_str(text, Path::new("/models/test.json"))
    }

    const SIMPLE: &str = r#"{
        "metadata": {"title": "t"},
        "timestepper": {"start": "2020-01-01", "end": "2020-01-03", "timestep": 1},
        "nodes": [
            {"name": "in", "type": "Input", "max_flow": 5, "cost": 1},
            {"name": "l", "type": "link"},
            {"name": "out", "type": "output", "max_flow": {"type": "monthlyprofile", "values": [1,2,3,4,5,6,7,8,9,10,11,12]}, "cost": -10}
        ],
        "edges": [["in", "l"], ["l", "out"]]
    }"#;

    #[test]
    fn parses_a_simple_model() {
        let m = load(SIMPLE).unwrap();
        assert_eq!(m.nodes.len(), 3);
        assert_eq!(m.timestepper.periods().len(), 3);
        assert_eq!(m.title.as_deref(), Some("t"));
    }

    #[test]
    fn unsupported_node_type_names_type_and_path() {
        let text = SIMPLE.replace("\"type\": \"link\"", "\"type\": \"delaynode\"");
        let err = load(&text).unwrap_err().to_string();
        assert!(err.contains("delaynode"), "{err}");
        assert!(err.contains("/models/test.json"), "{err}");
    }

    #[test]
    fn unknown_attribute_is_an_error() {
        let text = SIMPLE.replace("\"max_flow\": 5", "\"max_flo\": 5");
        let err = load(&text).unwrap_err().to_string();
        assert!(err.contains("max_flo"), "{err}");
    }

    #[test]
    fn unknown_parameter_reference_is_an_error() {
        let text = SIMPLE.replace("\"cost\": 1", "\"cost\": \"nope\"");
        let err = load(&text).unwrap_err().to_string();
        assert!(err.contains("nope"), "{err}");
    }

    #[test]
    fn json_syntax_error_gives_line() {
        let err = load("{\n\"nodes\": [,]}").unwrap_err();
        let SchemaError::Read(read) = &err else {
            panic!("expected a read error: {err}")
        };
        assert_eq!(read.location().line_number(), Some(2), "{err}");
        assert!(
            err.to_string()
                .starts_with("/models/test.json, line 2, column "),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_as_model_and_as_dataframe() {
        let dir = std::env::temp_dir().join(format!("dostyk-schema-fifo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = |name: &str| {
            let path = dir.join(name);
            std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .is_ok_and(|s| s.success())
                .then_some(path)
        };
        if let (Some(model), Some(_)) = (fifo("model.json"), fifo("flows.csv")) {
            let err = Model::load(&model).unwrap_err();
            assert!(
                matches!(&err, SchemaError::Read(ReadError::NotAFile { .. })),
                "{err}"
            );
            assert!(
                err.to_string()
                    .contains("is a named pipe (FIFO), not a regular file")
            );
            let json = SIMPLE.replace(
                "\"max_flow\": 5",
                "\"max_flow\": {\"type\": \"dataframe\", \"url\": \"flows.csv\", \"column\": \"flow\"}",
            );
            let err = Model::from_json_str(&json, &dir.join("m.json")).unwrap_err();
            assert!(
                matches!(&err, SchemaError::Read(ReadError::NotAFile { .. })),
                "{err}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unsupported_timestep_is_rejected_with_the_field_named() {
        let text = SIMPLE.replace("\"timestep\": 1", "\"timestep\": \"MS\"");
        let err = load(&text).unwrap_err().to_string();
        assert!(
            err.contains("timestepper.timestep") && err.contains("MS"),
            "{err}"
        );
        let text = SIMPLE.replace("\"timestep\": 1", "\"timestep\": 7");
        assert_eq!(load(&text).unwrap().timestepper.step, Step::Days(7));
    }

    #[test]
    fn dates_accept_time_suffix() {
        assert_eq!(
            parse_date_str("2020-02-29 00:00:00"),
            NaiveDate::from_ymd_opt(2020, 2, 29)
        );
        assert_eq!(parse_date_str("2020-02-30"), None);
        assert_eq!(parse_date_str("2020-01-01x"), None);
    }
}
