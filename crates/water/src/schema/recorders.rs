//! Recorders: what a pywr model asks to be measured over a run (its `recorders` key), read into
//! typed definitions. The engine computes them ([`crate::engine::RecorderValues`]); a recorder
//! type it does not compute is refused here, by name, never ignored.
//!
//! pywr 1.31 semantics: every recorder has one value per scenario (its `values()`), which
//! `agg_func` (default `mean`) reduces over the scenarios to one number (its
//! `aggregated_value()`). The time-series recorders (`numpyarray…`) first reduce their series
//! over time with `temporal_agg_func` (default `mean`).

use serde_json::Value as Json;

use super::fields::Fields;
use super::hydropower::{Turbine, parse_turbine};
use super::parameters::{ParameterValue, parse_value};
use super::{Ctx, SchemaError};

/// The recorder types Dostyk computes (pywr's names; the `recorder` suffix is optional).
pub const SUPPORTED_RECORDERS: &str = "numpyarraynode, numpyarraynodedeficit, \
    numpyarraynodesuppliedratio, numpyarraynodecurtailmentratio, numpyarraynodecost, \
    numpyarraystorage, numpyarrayparameter, numpyarrayindexparameter, \
    numpyarraydailyprofileparameter, rollingwindowparameter, rollingmeanflownode, \
    totaldeficitnode, totalflownode, meanflownode, deficitfrequencynode, minimumvolumestorage, \
    minimumthresholdvolumestorage, timestepcountindexparameter, annualcountindexparameter, \
    annualtotalflow, totalparameter, meanparameter, flowdurationcurve, \
    seasonalflowdurationcurve, flowdurationcurvedeviation, storagedurationcurve, hydropower, \
    totalhydroenergy, aggregated and csv (pywr's CSVRecorder, which writes a file)";

/// A function that reduces a list of numbers to one (pywr's `Aggregator`, numpy's and scipy's
/// functions of the same names).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Aggregation {
    /// Σ values (`numpy.sum`; 0 for none).
    Sum,
    /// Smallest value (NaN for none, or when one is NaN, as `numpy.min`).
    Min,
    /// Largest value (NaN for none, or when one is NaN).
    Max,
    /// Arithmetic mean (NaN for none).
    Mean,
    /// Median: the mean of the two middle values of an even count (NaN for none).
    Median,
    /// Π values (1 for none).
    Product,
    /// How many values are not zero (NaN counts).
    CountNonzero,
    /// 1 when any value is not zero, else 0 (`numpy.any`; pywr's aggregated index parameter).
    Any,
    /// 1 when every value is not zero, else 0 (`numpy.all`).
    All,
    /// `numpy.percentile(values, q, method)`.
    Percentile {
        /// The percentile, 0–100.
        q: f64,
        /// How a percentile between two values is interpolated.
        method: PercentileMethod,
    },
    /// `scipy.stats.percentileofscore(values, score, kind)`: the percentage of values below
    /// `score` (0–100).
    PercentileOfScore {
        /// The score.
        score: f64,
        /// How values equal to the score count.
        kind: ScoreKind,
    },
}

/// numpy's `method` (formerly `interpolation`) of `percentile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PercentileMethod {
    /// Linear between the two nearest ranks (numpy's default).
    Linear,
    /// The lower of the two.
    Lower,
    /// The higher of the two.
    Higher,
    /// The nearer of the two (halfway: the even rank).
    Nearest,
    /// Halfway between the two.
    Midpoint,
}

/// scipy's `kind` of `percentileofscore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScoreKind {
    /// The average percentage ranking of the score (scipy's default).
    Rank,
    /// Values at or below the score.
    Weak,
    /// Values strictly below the score.
    Strict,
    /// The mean of `weak` and `strict`.
    Mean,
}

/// What a time-series node recorder records each timestep.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum NodeMeasure {
    /// The flow × `factor` (`numpyarraynode`).
    Flow {
        /// The scale applied to the flow (pywr holds it in single precision, and so does
        /// the engine).
        factor: f64,
    },
    /// `max_flow` − flow (`numpyarraynodedeficit`).
    Deficit,
    /// flow / `max_flow`, 1 when `max_flow` is 0 (`numpyarraynodesuppliedratio`).
    SuppliedRatio,
    /// 1 − flow / `max_flow`, 0 when `max_flow` is 0 (`numpyarraynodecurtailmentratio`).
    CurtailmentRatio,
    /// The node's unit cost (`numpyarraynodecost`).
    Cost,
}

/// Optimisation attributes of a recorder, read and kept: pywr passes them to optimisation
/// wrappers; a simulation ignores them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecorderObjective {
    /// `is_objective`: `Some(true)` to maximise, `Some(false)` to minimise.
    pub maximise: Option<bool>,
    /// `epsilon` (pywr's default 1).
    pub epsilon: Option<f64>,
    /// `constraint_lower_bounds`.
    pub constraint_lower_bounds: Option<f64>,
    /// `constraint_upper_bounds`.
    pub constraint_upper_bounds: Option<f64>,
}

/// One entry of a model's `recorders`.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorder {
    /// Its name (the key in `recorders`).
    pub name: String,
    /// The `type` as written in the model.
    pub type_name: String,
    /// What it computes.
    pub kind: RecorderKind,
    /// `agg_func`: the reduction over scenarios (default mean).
    pub agg_func: Aggregation,
    /// `ignore_nan`: NaN values are left out of the aggregations.
    pub ignore_nan: bool,
    /// Optimisation attributes (kept, not used in a run).
    pub objective: RecorderObjective,
    /// The definition as written, saved back unchanged by [`super::Model::to_json`].
    pub(crate) definition: Json,
}

/// The recorder types Dostyk computes.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RecorderKind {
    /// A node's [`NodeMeasure`] each timestep, reduced over time by `temporal_agg_func`.
    NodeSeries {
        /// The node.
        node: String,
        /// What is recorded.
        measure: NodeMeasure,
        /// The reduction over time.
        temporal: Aggregation,
    },
    /// A storage's end-of-step volume (or its proportion of `max_volume`) each timestep
    /// (`numpyarraystorage`).
    StorageSeries {
        /// The storage.
        node: String,
        /// Whether the proportional volume (0–1) is recorded.
        proportional: bool,
        /// The reduction over time.
        temporal: Aggregation,
    },
    /// A parameter's value each timestep (`numpyarrayparameter`).
    ParameterSeries {
        /// The parameter.
        parameter: ParameterValue,
        /// The reduction over time.
        temporal: Aggregation,
    },
    /// An index parameter's index each timestep (`numpyarrayindexparameter`; pywr gives it
    /// no value, only the series).
    IndexSeries {
        /// The index parameter.
        parameter: ParameterValue,
    },
    /// A parameter's last value on each of the 366 days of the year
    /// (`numpyarraydailyprofileparameter`), reduced by `temporal_agg_func`.
    DailyProfileParameter {
        /// The parameter.
        parameter: ParameterValue,
        /// The reduction over the 366 days.
        temporal: Aggregation,
    },
    /// `temporal_agg_func` of a parameter's values over the last `window` timesteps, each
    /// timestep (`rollingwindowparameter`; a series only, as in pywr).
    RollingWindowParameter {
        /// The parameter.
        parameter: ParameterValue,
        /// Timesteps in the window (at least 1).
        window: usize,
        /// The reduction over the window.
        temporal: Aggregation,
    },
    /// The mean flow of a node over the last `timesteps` timesteps, each timestep
    /// (`rollingmeanflownode`; a series only, as in pywr).
    RollingMeanFlow {
        /// The node.
        node: String,
        /// Timesteps in the window (pywr's `timesteps`, or `days` ÷ the step's days).
        timesteps: Option<usize>,
        /// The window in days (daily models).
        days: Option<usize>,
    },
    /// Σ (`max_flow` − flow) × days (`totaldeficitnode`).
    TotalDeficit {
        /// The node.
        node: String,
    },
    /// Σ flow × `factor` × days (`totalflownode`).
    TotalFlow {
        /// The node.
        node: String,
        /// The scale.
        factor: f64,
    },
    /// Σ flow × `factor` ÷ timesteps (`meanflownode`).
    MeanFlow {
        /// The node.
        node: String,
        /// The scale.
        factor: f64,
    },
    /// The share of timesteps where the flow is more than 1e-6 from `max_flow`
    /// (`deficitfrequencynode`).
    DeficitFrequency {
        /// The node.
        node: String,
    },
    /// The smallest end-of-step volume (`minimumvolumestorage`).
    MinimumVolume {
        /// The storage.
        node: String,
    },
    /// 1 when the volume was at or below `threshold` at the end of any timestep, else 0
    /// (`minimumthresholdvolumestorage`).
    MinimumThresholdVolume {
        /// The storage.
        node: String,
        /// The volume threshold.
        threshold: f64,
    },
    /// The number of timesteps whose index is at least `threshold`
    /// (`timestepcountindexparameter`).
    TimestepCountIndex {
        /// The index parameter.
        parameter: ParameterValue,
        /// The threshold.
        threshold: i64,
    },
    /// The number of calendar years in which the index reached `threshold`
    /// (`annualcountindexparameter`).
    AnnualCountIndex {
        /// The index parameter.
        parameter: ParameterValue,
        /// The threshold.
        threshold: i64,
    },
    /// Σ flow × factor × days of several nodes per calendar year, reduced over the years by
    /// `temporal_agg_func` (default sum) (`annualtotalflow`).
    AnnualTotalFlow {
        /// The nodes.
        nodes: Vec<String>,
        /// One factor per node (1 each by default).
        factors: Vec<f64>,
        /// The reduction over the years.
        temporal: Aggregation,
    },
    /// Σ parameter × `factor` (× days with `integrate`) (`totalparameter`).
    TotalParameter {
        /// The parameter.
        parameter: ParameterValue,
        /// The scale.
        factor: f64,
        /// Whether each value is multiplied by the step's days.
        integrate: bool,
    },
    /// Σ parameter × `factor` ÷ timesteps (`meanparameter`).
    MeanParameter {
        /// The parameter.
        parameter: ParameterValue,
        /// The scale.
        factor: f64,
    },
    /// The flow's (or, `storage`, the volume's) percentiles over the run (those timesteps
    /// in `months` only, when given), reduced by `temporal_agg_func` (`flowdurationcurve`,
    /// `seasonalflowdurationcurve`, `storagedurationcurve`).
    DurationCurve {
        /// The node.
        node: String,
        /// Whether the storage volume (not a flow) is ranked.
        storage: bool,
        /// The percentiles, 0–100.
        percentiles: Vec<f64>,
        /// The months (1–12) counted, for the seasonal curve.
        months: Option<Vec<u32>>,
        /// The reduction over the percentiles.
        temporal: Aggregation,
    },
    /// The flow-duration curve's relative deviation from target curves, reduced over the
    /// percentiles by `temporal_agg_func` (`flowdurationcurvedeviation`).
    DurationCurveDeviation {
        /// The node.
        node: String,
        /// The percentiles, 0–100.
        percentiles: Vec<f64>,
        /// Lower target per percentile (one column, or one per scenario).
        lower_target: Option<Vec<Vec<f64>>>,
        /// Upper target per percentile.
        upper_target: Option<Vec<Vec<f64>>>,
        /// The reduction over the percentiles.
        temporal: Aggregation,
    },
    /// A turbine's power each timestep from a node's flow and the head at the start of the
    /// step, reduced over time by `temporal_agg_func` (`hydropower`, pywr's
    /// `HydropowerRecorder`).
    Hydropower {
        /// The turbine's node.
        node: String,
        /// The turbine.
        turbine: Turbine,
        /// The reduction over time.
        temporal: Aggregation,
    },
    /// Σ power × days over the run (`totalhydroenergy`, pywr's `TotalHydroEnergyRecorder`).
    TotalHydroEnergy {
        /// The turbine's node.
        node: String,
        /// The turbine.
        turbine: Turbine,
    },
    /// pywr's `CSVRecorder`: a CSV file of the nodes' flows (a storage's volume) each
    /// timestep, for one scenario combination; it has no value.
    CsvFile {
        /// The file, as written in the model (`url`; Dostyk writes it under the folder the
        /// user names, see `dostyk water run --recorders`).
        url: String,
        /// The nodes, in the file's column order (`nodes`; `None`: every node, sorted by
        /// name).
        nodes: Option<Vec<String>>,
        /// The position of the scenario combination recorded (`scenario_index`, from 0).
        scenario_index: usize,
        /// `complib`: the file is packed with gzip or bzip2.
        compression: Option<FileCompression>,
        /// `complevel` (1–9; pywr's default 9).
        level: u32,
    },
    /// Other recorders' values combined per scenario by `recorder_agg_func` (default: the
    /// `agg_func`) (`aggregated`).
    Aggregated {
        /// The recorders' names.
        recorders: Vec<String>,
        /// The combination per scenario (sum, min, max, mean or product).
        recorder_agg_func: Aggregation,
    },
}

/// How a recorder's file is packed (pywr's `complib`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileCompression {
    /// `gzip`.
    Gzip,
    /// `bz2` or `bzip2`.
    Bzip2,
}

impl RecorderKind {
    /// The nodes the recorder reads.
    pub fn nodes(&self) -> Vec<&str> {
        match self {
            RecorderKind::NodeSeries { node, .. }
            | RecorderKind::StorageSeries { node, .. }
            | RecorderKind::RollingMeanFlow { node, .. }
            | RecorderKind::TotalDeficit { node }
            | RecorderKind::TotalFlow { node, .. }
            | RecorderKind::MeanFlow { node, .. }
            | RecorderKind::DeficitFrequency { node }
            | RecorderKind::MinimumVolume { node }
            | RecorderKind::MinimumThresholdVolume { node, .. }
            | RecorderKind::DurationCurve { node, .. }
            | RecorderKind::DurationCurveDeviation { node, .. }
            | RecorderKind::Hydropower { node, .. }
            | RecorderKind::TotalHydroEnergy { node, .. } => vec![node],
            RecorderKind::AnnualTotalFlow { nodes, .. }
            | RecorderKind::CsvFile {
                nodes: Some(nodes), ..
            } => nodes.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// The parameter the recorder reads, if any.
    pub fn parameter(&self) -> Option<&ParameterValue> {
        match self {
            RecorderKind::ParameterSeries { parameter, .. }
            | RecorderKind::IndexSeries { parameter }
            | RecorderKind::DailyProfileParameter { parameter, .. }
            | RecorderKind::RollingWindowParameter { parameter, .. }
            | RecorderKind::TimestepCountIndex { parameter, .. }
            | RecorderKind::AnnualCountIndex { parameter, .. }
            | RecorderKind::TotalParameter { parameter, .. }
            | RecorderKind::MeanParameter { parameter, .. } => Some(parameter),
            RecorderKind::Hydropower { turbine, .. }
            | RecorderKind::TotalHydroEnergy { turbine, .. } => turbine.water_elevation.as_ref(),
            _ => None,
        }
    }

    /// The numbers written in the definition (factors, thresholds, percentiles, targets),
    /// which must be finite.
    pub fn numbers(&self) -> Vec<f64> {
        match self {
            RecorderKind::NodeSeries {
                measure: NodeMeasure::Flow { factor },
                ..
            }
            | RecorderKind::TotalFlow { factor, .. }
            | RecorderKind::MeanFlow { factor, .. }
            | RecorderKind::TotalParameter { factor, .. }
            | RecorderKind::MeanParameter { factor, .. } => vec![*factor],
            RecorderKind::MinimumThresholdVolume { threshold, .. } => vec![*threshold],
            RecorderKind::Hydropower { turbine, .. }
            | RecorderKind::TotalHydroEnergy { turbine, .. } => turbine.numbers().to_vec(),
            RecorderKind::AnnualTotalFlow { factors, .. } => factors.clone(),
            RecorderKind::DurationCurve { percentiles, .. } => percentiles.clone(),
            RecorderKind::DurationCurveDeviation {
                percentiles,
                lower_target,
                upper_target,
                ..
            } => percentiles
                .iter()
                .copied()
                .chain(lower_target.iter().flatten().flatten().copied())
                .chain(upper_target.iter().flatten().flatten().copied())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the recorder keeps a value per timestep that a `recorderthreshold` parameter
    /// can read (pywr's `data`).
    pub fn has_series(&self) -> bool {
        matches!(
            self,
            RecorderKind::NodeSeries { .. }
                | RecorderKind::StorageSeries { .. }
                | RecorderKind::ParameterSeries { .. }
                | RecorderKind::IndexSeries { .. }
                | RecorderKind::RollingWindowParameter { .. }
                | RecorderKind::RollingMeanFlow { .. }
                | RecorderKind::Hydropower { .. }
        )
    }
}

/// Reads the model's `recorders`: an object of name → definition (or pywr's older list of
/// definitions with `name`).
pub(crate) fn parse_recorders(v: &Json, ctx: &Ctx) -> Result<Vec<Recorder>, SchemaError> {
    let entries: Vec<(String, &Json)> = match v {
        Json::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.get("name")
                    .and_then(Json::as_str)
                    .map(|n| (n.to_owned(), v))
                    .ok_or_else(|| {
                        ctx.invalid(&format!("recorders[{i}]"), "a recorder with a \"name\"")
                    })
            })
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(ctx.invalid(
                "recorders",
                "an object mapping recorder names to definitions",
            ));
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for (name, def) in entries {
        let location = format!("recorders \"{name}\"");
        out.push(parse_recorder(&name, def, &location, ctx)?);
    }
    Ok(out)
}

fn parse_recorder(
    name: &str,
    v: &Json,
    location: &str,
    ctx: &Ctx,
) -> Result<Recorder, SchemaError> {
    let mut f = Fields::new(v, location, ctx)?;
    let type_name = f.string("type")?;
    let _ = f.take("comment");
    let _ = f.take("name");
    let lower = type_name.to_ascii_lowercase();
    let key = lower.strip_suffix("recorder").unwrap_or(&lower);
    let agg_func = match f.take("agg_func") {
        None => Aggregation::Mean,
        Some(a) => parse_aggregation(a, &format!("{location}.agg_func"), ctx)?,
    };
    let ignore_nan = f.boolean("ignore_nan")?.unwrap_or(false);
    let objective = RecorderObjective {
        maximise: match f.take("is_objective") {
            None | Some(Json::Null) => None,
            Some(Json::String(s)) => match s.to_ascii_lowercase().as_str() {
                "maximise" | "maximize" | "max" => Some(true),
                "minimise" | "minimize" | "min" => Some(false),
                _ => {
                    return Err(ctx.invalid(
                        &format!("{location}.is_objective"),
                        "maximise, maximize, max, minimise, minimize or min",
                    ));
                }
            },
            Some(_) => {
                return Err(ctx.invalid(&format!("{location}.is_objective"), "a direction"));
            }
        },
        epsilon: f.number("epsilon")?,
        constraint_lower_bounds: f.number("constraint_lower_bounds")?,
        constraint_upper_bounds: f.number("constraint_upper_bounds")?,
    };
    let temporal = |f: &mut Fields<'_>, default: Aggregation, legacy: Option<&str>| {
        let given = f.take("temporal_agg_func");
        let old = legacy.and_then(|k| f.take(k));
        match (given, old) {
            (Some(_), Some(_)) => Err(ctx.invalid(
                &format!("{location}.temporal_agg_func"),
                &format!(
                    "one of temporal_agg_func or {} (pywr refuses both)",
                    legacy.unwrap_or_default()
                ),
            )),
            (Some(a), None) | (None, Some(a)) => {
                parse_aggregation(a, &format!("{location}.temporal_agg_func"), ctx)
            }
            (None, None) => Ok(default),
        }
    };
    let parameter = |f: &mut Fields<'_>| -> Result<ParameterValue, SchemaError> {
        let _ = f.take("node");
        match f.take("parameter") {
            Some(p) => parse_value(p, &format!("{location}.parameter"), ctx),
            None => Err(ctx.invalid(&format!("{location}.parameter"), "a parameter")),
        }
    };
    let factor = |f: &mut Fields<'_>| Ok::<_, SchemaError>(f.number("factor")?.unwrap_or(1.0));
    let percentiles = |f: &mut Fields<'_>| -> Result<Vec<f64>, SchemaError> {
        let p = f.numbers("percentiles")?.unwrap_or_default();
        if p.is_empty() || p.iter().any(|q| !(0.0..=100.0).contains(q)) {
            return Err(ctx.invalid(
                &format!("{location}.percentiles"),
                "a non-empty list of percentiles from 0 to 100",
            ));
        }
        Ok(p)
    };
    let threshold_index = |f: &mut Fields<'_>| -> Result<i64, SchemaError> {
        match f.take("threshold").and_then(Json::as_i64) {
            Some(t) => Ok(t),
            None => Err(ctx.invalid(&format!("{location}.threshold"), "an integer index")),
        }
    };
    let kind = match key {
        "numpyarraynode"
        | "numpyarraynodedeficit"
        | "numpyarraynodesuppliedratio"
        | "numpyarraynodecurtailmentratio"
        | "numpyarraynodecost" => {
            let measure = match key {
                "numpyarraynode" => NodeMeasure::Flow {
                    factor: factor(&mut f)?,
                },
                "numpyarraynodedeficit" => NodeMeasure::Deficit,
                "numpyarraynodesuppliedratio" => NodeMeasure::SuppliedRatio,
                "numpyarraynodecurtailmentratio" => NodeMeasure::CurtailmentRatio,
                _ => NodeMeasure::Cost,
            };
            RecorderKind::NodeSeries {
                node: f.string("node")?,
                measure,
                temporal: temporal(&mut f, Aggregation::Mean, None)?,
            }
        }
        "numpyarraystorage" => RecorderKind::StorageSeries {
            node: f.string("node")?,
            proportional: f.boolean("proportional")?.unwrap_or(false),
            temporal: temporal(&mut f, Aggregation::Mean, None)?,
        },
        "numpyarrayparameter" => RecorderKind::ParameterSeries {
            parameter: parameter(&mut f)?,
            temporal: temporal(&mut f, Aggregation::Mean, None)?,
        },
        "numpyarrayindexparameter" => {
            let parameter = parameter(&mut f)?;
            // pywr accepts and ignores it here: the recorder has no value to reduce to.
            let _ = temporal(&mut f, Aggregation::Mean, None)?;
            RecorderKind::IndexSeries { parameter }
        }
        "numpyarraydailyprofileparameter" => RecorderKind::DailyProfileParameter {
            parameter: parameter(&mut f)?,
            temporal: temporal(&mut f, Aggregation::Mean, None)?,
        },
        "rollingwindowparameter" => {
            let parameter = parameter(&mut f)?;
            let window = f.integer("window", 1, 1_000_000)?.ok_or_else(|| {
                ctx.invalid(
                    &format!("{location}.window"),
                    "a window of 1 or more timesteps",
                )
            })? as usize;
            RecorderKind::RollingWindowParameter {
                parameter,
                window,
                temporal: temporal(&mut f, Aggregation::Mean, None)?,
            }
        }
        "rollingmeanflownode" => {
            let node = f.string("node")?;
            let timesteps = f.integer("timesteps", 0, 1_000_000)?.map(|t| t as usize);
            let days = f.integer("days", 0, 1_000_000)?.map(|t| t as usize);
            if timesteps.unwrap_or(0) == 0 && days.unwrap_or(0) == 0 {
                return Err(ctx.invalid(
                    &format!("{location}.timesteps"),
                    "timesteps or days: a window of 1 or more",
                ));
            }
            RecorderKind::RollingMeanFlow {
                node,
                timesteps: timesteps.filter(|&t| t > 0),
                days: days.filter(|&d| d > 0),
            }
        }
        "hydropower" => RecorderKind::Hydropower {
            node: f.string("node")?,
            turbine: parse_turbine(&mut f, location, ctx)?,
            temporal: temporal(&mut f, Aggregation::Mean, None)?,
        },
        "totalhydroenergy" => RecorderKind::TotalHydroEnergy {
            node: f.string("node")?,
            turbine: parse_turbine(&mut f, location, ctx)?,
        },
        "totaldeficitnode" => RecorderKind::TotalDeficit {
            node: f.string("node")?,
        },
        "totalflownode" => RecorderKind::TotalFlow {
            node: f.string("node")?,
            factor: factor(&mut f)?,
        },
        "meanflownode" => RecorderKind::MeanFlow {
            node: f.string("node")?,
            factor: factor(&mut f)?,
        },
        "deficitfrequencynode" => RecorderKind::DeficitFrequency {
            node: f.string("node")?,
        },
        "minimumvolumestorage" => RecorderKind::MinimumVolume {
            node: f.string("node")?,
        },
        "minimumthresholdvolumestorage" => RecorderKind::MinimumThresholdVolume {
            node: f.string("node")?,
            threshold: f.number("threshold")?.ok_or_else(|| {
                ctx.invalid(&format!("{location}.threshold"), "a volume threshold")
            })?,
        },
        "timestepcountindexparameter" => RecorderKind::TimestepCountIndex {
            parameter: parameter(&mut f)?,
            threshold: threshold_index(&mut f)?,
        },
        "annualcountindexparameter" => RecorderKind::AnnualCountIndex {
            parameter: parameter(&mut f)?,
            threshold: threshold_index(&mut f)?,
        },
        "annualtotalflow" => {
            let nodes = f.strings("nodes")?.unwrap_or_default();
            let factors = f
                .numbers("factors")?
                .unwrap_or_else(|| vec![1.0; nodes.len()]);
            if nodes.is_empty() || factors.len() != nodes.len() {
                return Err(ctx.invalid(
                    &format!("{location}.nodes"),
                    "a non-empty list of nodes, and as many factors when given",
                ));
            }
            RecorderKind::AnnualTotalFlow {
                nodes,
                factors,
                temporal: temporal(&mut f, Aggregation::Sum, None)?,
            }
        }
        "totalparameter" => RecorderKind::TotalParameter {
            parameter: parameter(&mut f)?,
            factor: factor(&mut f)?,
            integrate: f.boolean("integrate")?.unwrap_or(false),
        },
        "meanparameter" => RecorderKind::MeanParameter {
            parameter: parameter(&mut f)?,
            factor: factor(&mut f)?,
        },
        "flowdurationcurve" | "seasonalflowdurationcurve" | "storagedurationcurve" => {
            let storage = key == "storagedurationcurve";
            let node = f.string("node")?;
            let percentiles = percentiles(&mut f)?;
            let months = if key == "seasonalflowdurationcurve" {
                let m = f.numbers("months")?.unwrap_or_default();
                if m.is_empty()
                    || m.iter()
                        .any(|x| x.fract() != 0.0 || !(1.0..=12.0).contains(x))
                {
                    return Err(ctx.invalid(
                        &format!("{location}.months"),
                        "a non-empty list of months from 1 to 12",
                    ));
                }
                Some(m.iter().map(|&x| x as u32).collect())
            } else {
                None
            };
            let legacy = if storage {
                "sdc_agg_func"
            } else {
                "fdc_agg_func"
            };
            RecorderKind::DurationCurve {
                node,
                storage,
                percentiles,
                months,
                temporal: temporal(&mut f, Aggregation::Mean, Some(legacy))?,
            }
        }
        "flowdurationcurvedeviation" => {
            let node = f.string("node")?;
            let percentiles = percentiles(&mut f)?;
            let mut target = |k: &str| -> Result<Option<Vec<Vec<f64>>>, SchemaError> {
                let at = format!("{location}.{k}");
                match f.take(k) {
                    None | Some(Json::Null) => Ok(None),
                    // A table or file, one row per percentile (pywr's `load_parameter_values`
                    // with the percentiles as `indexes`).
                    Some(v @ Json::Object(_)) => {
                        super::tables::indexed_rows(v, &percentiles, &at, ctx).map(Some)
                    }
                    Some(v) => target_curve(v, percentiles.len(), &at, ctx).map(Some),
                }
            };
            let lower_target = target("lower_target_fdc")?;
            let upper_target = target("upper_target_fdc")?;
            if lower_target.is_none() && upper_target.is_none() {
                return Err(ctx.invalid(
                    &format!("{location}.lower_target_fdc"),
                    "lower_target_fdc or upper_target_fdc (at least one)",
                ));
            }
            if f.take("scenario").is_some_and(|s| !s.is_null()) {
                return Err(ctx.unsupported(
                    &format!("{location}.scenario"),
                    "attribute",
                    "scenario",
                    "target curves with one column, or one per scenario combination",
                ));
            }
            RecorderKind::DurationCurveDeviation {
                node,
                percentiles,
                lower_target,
                upper_target,
                temporal: temporal(&mut f, Aggregation::Mean, Some("fdc_agg_func"))?,
            }
        }
        "csv" => {
            let url = f.string("url")?;
            let nodes = f.strings("nodes")?;
            let scenario_index = match f.take("scenario_index") {
                None => 0,
                Some(v) => v.as_u64().map_or(usize::MAX, |i| i as usize),
            };
            if scenario_index == usize::MAX {
                return Err(ctx.invalid(
                    &format!("{location}.scenario_index"),
                    "the position of a scenario combination, from 0",
                ));
            }
            let compression = match f.take("complib") {
                None | Some(Json::Null) => None,
                Some(Json::String(c)) if c == "gzip" => Some(FileCompression::Gzip),
                Some(Json::String(c)) if c == "bz2" || c == "bzip2" => Some(FileCompression::Bzip2),
                Some(other) => {
                    return Err(ctx.unsupported(
                        &format!("{location}.complib"),
                        "compression library",
                        &other
                            .as_str()
                            .map_or_else(|| other.to_string(), str::to_owned),
                        "gzip, bz2 (or bzip2), or none",
                    ));
                }
            };
            let level = match f.number("complevel")? {
                None => 9,
                Some(l) if (1.0..=9.0).contains(&l) && l.fract() == 0.0 => l as u32,
                Some(_) => {
                    return Err(ctx.invalid(
                        &format!("{location}.complevel"),
                        "a compression level from 1 to 9",
                    ));
                }
            };
            RecorderKind::CsvFile {
                url,
                nodes,
                scenario_index,
                compression,
                level,
            }
        }
        "aggregated" => {
            let recorders = f.strings("recorders")?.unwrap_or_default();
            if recorders.is_empty() {
                return Err(ctx.invalid(
                    &format!("{location}.recorders"),
                    "a non-empty list of recorder names",
                ));
            }
            let recorder_agg_func = match f.take("recorder_agg_func") {
                None => agg_func,
                Some(a) => parse_aggregation(a, &format!("{location}.recorder_agg_func"), ctx)?,
            };
            if !matches!(
                recorder_agg_func,
                Aggregation::Sum
                    | Aggregation::Min
                    | Aggregation::Max
                    | Aggregation::Mean
                    | Aggregation::Product
            ) {
                return Err(ctx.unsupported(
                    &format!("{location}.recorder_agg_func"),
                    "recorder_agg_func",
                    &format!("{recorder_agg_func:?}").to_ascii_lowercase(),
                    "sum, min, max, mean and product",
                ));
            }
            RecorderKind::Aggregated {
                recorders,
                recorder_agg_func,
            }
        }
        _ => {
            return Err(ctx.unsupported(
                location,
                "recorder type",
                &type_name,
                SUPPORTED_RECORDERS,
            ));
        }
    };
    f.finish()?;
    Ok(Recorder {
        name: name.to_owned(),
        type_name,
        kind,
        agg_func,
        ignore_nan,
        objective,
        definition: v.clone(),
    })
}

/// A target duration curve: one number per percentile, or one row per percentile with a
/// number per scenario.
fn target_curve(v: &Json, n: usize, at: &str, ctx: &Ctx) -> Result<Vec<Vec<f64>>, SchemaError> {
    let expected = format!(
        "a list of {n} numbers (one per percentile), or {n} lists of one number per scenario"
    );
    let rows = v.as_array().ok_or_else(|| ctx.invalid(at, &expected))?;
    if rows.len() != n {
        return Err(ctx.invalid(at, &expected));
    }
    rows.iter()
        .map(|r| match r {
            Json::Number(x) => x.as_f64().map(|x| vec![x]),
            Json::Array(xs) if !xs.is_empty() => xs.iter().map(Json::as_f64).collect(),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .filter(|rows| rows.iter().all(|r| r.len() == rows[0].len()))
        .ok_or_else(|| ctx.invalid(at, &expected))
}

/// pywr's aggregation function: a name (`"sum"`), or `{"func": name, "args": [...],
/// "kwargs": {...}}` for `percentile` (`q`, `method`) and `percentileofscore` (`score`,
/// `kind`).
pub(crate) fn parse_aggregation(
    v: &Json,
    location: &str,
    ctx: &Ctx,
) -> Result<Aggregation, SchemaError> {
    const NAMES: &str = "sum, min, max, mean, median, product, count_nonzero, \
        {\"func\": \"percentile\", \"args\": [q]} and {\"func\": \"percentileofscore\", \"kwargs\": {\"score\": s}}";
    let unsupported = |name: &str| ctx.unsupported(location, "aggregation function", name, NAMES);
    let (name, args, kwargs) = match v {
        Json::String(s) => (s.to_ascii_lowercase(), &[][..], None),
        Json::Object(_) => {
            let mut f = Fields::new(v, location, ctx)?;
            let name = f.string("func")?.to_ascii_lowercase();
            let args = match f.take("args") {
                None => &[][..],
                Some(Json::Array(a)) => a.as_slice(),
                Some(_) => return Err(ctx.invalid(&format!("{location}.args"), "a list")),
            };
            let kwargs = match f.take("kwargs") {
                None => None,
                Some(Json::Object(k)) => Some(k),
                Some(_) => return Err(ctx.invalid(&format!("{location}.kwargs"), "an object")),
            };
            f.finish()?;
            (name, args, kwargs)
        }
        _ => {
            return Err(ctx.invalid(
                location,
                "an aggregation function name or {func, args, kwargs}",
            ));
        }
    };
    let simple = match name.as_str() {
        "sum" => Some(Aggregation::Sum),
        "min" => Some(Aggregation::Min),
        "max" => Some(Aggregation::Max),
        "mean" => Some(Aggregation::Mean),
        "median" => Some(Aggregation::Median),
        "product" => Some(Aggregation::Product),
        "count_nonzero" => Some(Aggregation::CountNonzero),
        _ => None,
    };
    if let Some(a) = simple {
        if !args.is_empty() || kwargs.is_some_and(|k| !k.is_empty()) {
            return Err(ctx.invalid(location, &format!("no arguments for {name}")));
        }
        return Ok(a);
    }
    // Positional arguments first, then keywords, as Python binds them.
    let arg = |i: usize, key: &str| -> Option<&Json> {
        args.get(i).or_else(|| kwargs.and_then(|k| k.get(key)))
    };
    let check_keys = |allowed: &[&str]| -> Result<(), SchemaError> {
        if let Some(k) = kwargs.and_then(|k| k.keys().find(|k| !allowed.contains(&k.as_str()))) {
            return Err(ctx.unsupported(
                &format!("{location}.kwargs"),
                "argument",
                k,
                &allowed.join(", "),
            ));
        }
        if args.len() > 1 {
            return Err(ctx.invalid(&format!("{location}.args"), "one argument"));
        }
        Ok(())
    };
    match name.as_str() {
        "percentile" => {
            check_keys(&["q", "method", "interpolation"])?;
            let q = arg(0, "q")
                .and_then(Json::as_f64)
                .filter(|q| (0.0..=100.0).contains(q));
            let q = q.ok_or_else(|| {
                ctx.invalid(
                    location,
                    "one percentile q from 0 to 100 (args: [q] or kwargs: {\"q\": q})",
                )
            })?;
            let method = kwargs
                .and_then(|k| k.get("method").or_else(|| k.get("interpolation")))
                .map_or(Some("linear"), Json::as_str);
            let method = match method {
                Some("linear") => PercentileMethod::Linear,
                Some("lower") => PercentileMethod::Lower,
                Some("higher") => PercentileMethod::Higher,
                Some("nearest") => PercentileMethod::Nearest,
                Some("midpoint") => PercentileMethod::Midpoint,
                other => {
                    return Err(ctx.unsupported(
                        &format!("{location}.kwargs.method"),
                        "percentile method",
                        other.unwrap_or("?"),
                        "linear, lower, higher, nearest and midpoint",
                    ));
                }
            };
            Ok(Aggregation::Percentile { q, method })
        }
        "percentileofscore" => {
            check_keys(&["score", "kind"])?;
            let score = arg(0, "score").and_then(Json::as_f64).ok_or_else(|| {
                ctx.invalid(
                    location,
                    "a score (args: [score] or kwargs: {\"score\": s})",
                )
            })?;
            let kind = match kwargs
                .and_then(|k| k.get("kind"))
                .map_or(Some("rank"), Json::as_str)
            {
                Some("rank") => ScoreKind::Rank,
                Some("weak") => ScoreKind::Weak,
                Some("strict") => ScoreKind::Strict,
                Some("mean") => ScoreKind::Mean,
                other => {
                    return Err(ctx.unsupported(
                        &format!("{location}.kwargs.kind"),
                        "percentileofscore kind",
                        other.unwrap_or("?"),
                        "rank, weak, strict and mean",
                    ));
                }
            };
            Ok(Aggregation::PercentileOfScore { score, kind })
        }
        other => Err(unsupported(other)),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::schema::Model;

    fn load(recorders: &str, parameters: &str) -> Result<Model, SchemaError> {
        let text = format!(
            r#"{{"timestepper": {{"start": "2024-01-01", "end": "2024-01-03"}},
                "parameters": {{{parameters}}},
                "nodes": [{{"name": "in", "type": "input", "max_flow": 5}},
                          {{"name": "dam", "type": "storage", "max_volume": 10, "initial_volume": 5}},
                          {{"name": "out", "type": "output", "max_flow": 4, "cost": -1}}],
                "edges": [["in", "dam"], ["dam", "out"]],
                "recorders": {{{recorders}}}}}"#
        );
        Model::from_json_str(&text, Path::new("/m/r.json"))
    }

    #[test]
    fn recorders_are_read_with_their_functions_and_attributes() {
        let m = load(
            r#""a": {"type": "NumpyArrayNodeRecorder", "node": "out", "agg_func": "max",
                     "temporal_agg_func": {"func": "percentile", "args": [95]}, "is_objective": "min",
                     "epsilon": 0.5, "constraint_upper_bounds": 3, "comment": "kept"},
               "b": {"type": "totalflownode", "node": "out", "factor": 2},
               "c": {"type": "aggregated", "recorders": ["a", "b"], "recorder_agg_func": "sum"},
               "d": {"type": "flowdurationcurve", "node": "out", "percentiles": [10, 90], "fdc_agg_func": "min"},
               "e": {"type": "numpyarraystorage", "node": "dam",
                     "temporal_agg_func": {"func": "percentileofscore", "kwargs": {"score": 2, "kind": "strict"}}}"#,
            "",
        )
        .unwrap();
        let a = m.recorder("a").unwrap();
        assert_eq!(a.agg_func, Aggregation::Max);
        assert_eq!(
            a.kind,
            RecorderKind::NodeSeries {
                node: "out".to_owned(),
                measure: NodeMeasure::Flow { factor: 1.0 },
                temporal: Aggregation::Percentile {
                    q: 95.0,
                    method: PercentileMethod::Linear
                },
            }
        );
        assert_eq!(a.objective.maximise, Some(false));
        assert_eq!(a.objective.constraint_upper_bounds, Some(3.0));
        let RecorderKind::DurationCurve { temporal, .. } = &m.recorder("d").unwrap().kind else {
            panic!("d is a duration curve");
        };
        assert_eq!(*temporal, Aggregation::Min);
        // Saved as written, read back equal.
        let again = Model::from_json_str(&m.to_json_string(), &m.path).unwrap();
        assert_eq!(again, m);
    }

    #[test]
    fn an_unknown_recorder_type_is_refused_by_name() {
        let err = load(r#""p": {"type": "EventRecorder", "node": "out"}"#, "")
            .unwrap_err()
            .to_string();
        assert!(err.contains(r#"recorders "p""#), "{err}");
        assert!(
            err.contains(r#"unsupported recorder type "EventRecorder""#),
            "{err}"
        );
        assert!(err.contains("totalflownode"), "{err}");
        let err = load(r#""c": {"type": "TablesRecorder", "url": "out.h5"}"#, "")
            .unwrap_err()
            .to_string();
        assert!(err.contains(r#""TablesRecorder""#), "{err}");
        let err = load(
            r#""c": {"type": "CSVRecorder", "url": "out.csv", "complib": "zstd"}"#,
            "",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains(r#"compression library "zstd""#), "{err}");
    }

    #[test]
    fn bad_recorders_name_the_field() {
        let cases = [
            (
                r#""t": {"type": "totalflownode", "node": "nowhere"}"#,
                "",
                "\"nowhere\"",
            ),
            (
                r#""t": {"type": "totalflownode", "node": "dam"}"#,
                "",
                "a node with a flow",
            ),
            (
                r#""t": {"type": "minimumvolumestorage", "node": "out"}"#,
                "",
                "a storage node",
            ),
            (
                r#""t": {"type": "totalflownode", "node": "out", "agg_func": "mode"}"#,
                "",
                "\"mode\"",
            ),
            (
                r#""t": {"type": "numpyarraynode", "node": "out", "temporal_agg_func": {"func": "percentile", "args": [101]}}"#,
                "",
                "one percentile q from 0 to 100",
            ),
            (
                r#""t": {"type": "flowdurationcurve", "node": "out", "percentiles": []}"#,
                "",
                "percentiles from 0 to 100",
            ),
            (
                r#""t": {"type": "aggregated", "recorders": ["u"]}"#,
                "",
                "found \"u\"",
            ),
            (
                r#""t": {"type": "aggregated", "recorders": ["t"]}"#,
                "",
                "(a cycle)",
            ),
            (
                r#""t": {"type": "aggregated", "recorders": ["u"], "recorder_agg_func": "median"}, "u": {"type": "totalflownode", "node": "out"}"#,
                "",
                "recorder_agg_func",
            ),
            (
                r#""p": {"type": "totalflownode", "node": "out"}"#,
                r#""p": {"type": "constant", "value": 1}"#,
                "one namespace",
            ),
            (
                r#""t": {"type": "totalflownode", "node": "out"}"#,
                r#""p": {"type": "recorderthreshold", "recorder": "t", "threshold": 1}"#,
                "is a totalflownode",
            ),
            (
                "",
                r#""p": {"type": "recorderthreshold", "recorder": "none", "threshold": 1}"#,
                "found \"none\"",
            ),
            (
                "",
                r#""p": {"type": "parameterthreshold", "parameter": 1, "threshold": 1, "predicate": "NE"}"#,
                "one of LT, GT, EQ, LE, GE",
            ),
            (
                "",
                r#""p": {"type": "storagethreshold", "storage_node": "out", "threshold": 1}"#,
                "storage",
            ),
            (
                "",
                r#""p": {"type": "nodethreshold", "node": "dam", "threshold": 1, "values": [1, 2]}"#,
                "a node with a flow",
            ),
            (
                "",
                r#""p": {"type": "currentyearthreshold", "threshold": 2024, "values": [1]}"#,
                "two values",
            ),
            (
                "",
                r#""p": {"type": "constant", "value": 1, "is_variable": "yes"}"#,
                "is_variable",
            ),
        ];
        for (recorders, parameters, expected) in cases {
            let err = load(recorders, parameters).unwrap_err().to_string();
            assert!(err.contains(expected), "{recorders} {parameters}: {err}");
        }
    }

    #[test]
    fn thresholds_and_optimisation_attributes_read_back_equal() {
        let m = load(
            r#""t": {"type": "numpyarraynode", "node": "out"}"#,
            r#""r": {"type": "recorderthreshold", "recorder": "t", "threshold": 2, "values": [5, 1], "initial_value": 0},
               "q": {"type": "parameterthreshold", "parameter": "r", "threshold": 3, "predicate": ">=", "ratchet": true},
               "s": {"type": "storagethreshold", "storage_node": "dam", "threshold": 4, "values": [1, 0]},
               "n": {"type": "nodethreshold", "node": "in", "threshold": 1, "values": [1, 0], "predicate": "GT"},
               "y": {"type": "currentyearthreshold", "threshold": 2024, "values": [1, 2]},
               "o": {"type": "currentordinaldaythreshold", "threshold": 738900, "values": [1, 2], "predicate": "LE"},
               "v": {"type": "constant", "value": 3, "is_variable": true, "lower_bounds": 0, "upper_bounds": [10]}"#,
        )
        .unwrap();
        let v = m.parameter("v").unwrap().variable.as_ref().unwrap();
        assert!(v.is_variable);
        assert_eq!(v.upper_bounds.as_deref(), Some(&[10.0][..]));
        let again = Model::from_json_str(&m.to_json_string(), &m.path).unwrap();
        assert_eq!(again, m);
    }
}
