//! The model's recorders ([`crate::schema::Recorder`]) compiled against the lowered model:
//! each timestep every recorder samples one number (a flow, a volume, a parameter value …)
//! into its tape; after the run the tapes are reduced to pywr's per-scenario values and
//! aggregated over the scenarios ([`RecorderValues`]).
//!
//! A run of one scenario fills one [`Tape`]; [`Recorders::finish`] takes one tape per scenario
//! (in the scenarios' order), so that scenarios run apart (in parallel) combine here.
//!
//! | module | holds |
//! |---|---|
//! | `aggregate` | pywr's aggregation functions (numpy's sum, mean, percentile …) |
//! | [`values`](RecorderValues) | the computed values and their JSON |

mod aggregate;
mod csv_file;
mod values;

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::schema::{
    Aggregation, Model, NodeKind, NodeMeasure, ParameterValue, RecorderKind, Step, Timestep,
    Turbine,
};

use super::params::{ParamBuilder, Params, Source, dayofyear_index};
use super::state::Store;
use super::{Attribute, EngineError};

pub use csv_file::RecorderFile;
pub use values::{RecorderValue, RecorderValues, Series, SeriesIndex};

use csv_file::CsvFileSpec;

use aggregate::{aggregate, percentile};

/// What a recorder samples each timestep.
#[derive(Debug, Clone)]
enum Probe {
    /// A results column (a flow or a volume) × a factor.
    Column { col: usize, factor: f64 },
    /// `max_flow` − flow.
    Deficit { col: usize, max: Source },
    /// flow / `max_flow` (1 when `max_flow` is 0).
    Supplied { col: usize, max: Source },
    /// 1 − flow / `max_flow` (0 when `max_flow` is 0).
    Curtailed { col: usize, max: Source },
    /// flow − `max_flow` (for the deficit frequency).
    Shortfall { col: usize, max: Source },
    /// A cost, parameter or literal.
    Value(Source),
    /// A parameter's value × a factor.
    Slot { slot: usize, factor: f64 },
    /// An index parameter's index.
    Index(usize),
    /// A storage's proportional volume at the end of the step.
    Proportion(usize),
    /// Σ factor × flow of several columns.
    Columns(Vec<(usize, f64)>),
    /// A turbine's power from a flow and the water elevation parameter's slot.
    Power {
        col: usize,
        turbine: Box<Turbine>,
        elevation: Option<usize>,
    },
    /// Several columns side by side (a `CSVRecorder`'s row): one sample each.
    Row(Vec<usize>),
    /// Nothing (an aggregated recorder).
    None,
}

/// How a recorder's tape becomes its value for a scenario.
#[derive(Debug, Clone)]
enum Reduce {
    /// `temporal_agg_func` of the series.
    Temporal(Aggregation),
    /// No value (pywr's `numpyarrayindexparameter` and `rollingwindowparameter`).
    Nothing,
    /// The last sample (pywr's `rollingmeanflownode`, whose value is the node's last flow).
    Last,
    /// Σ sample × the step's days.
    SumDays,
    /// Σ sample.
    Sum,
    /// Σ sample ÷ timesteps.
    MeanSteps,
    /// Timesteps with |sample| > 1e-6, ÷ timesteps.
    Frequency,
    /// The smallest sample (NaN once one is NaN), +∞ for none.
    Minimum,
    /// 1 when a sample is at or below the threshold.
    AtOrBelow(f64),
    /// Timesteps whose sample is at least the threshold.
    CountAtLeast(i64),
    /// Calendar years whose largest sample (from 0) is at least the threshold.
    YearsAtLeast(i64),
    /// Σ sample × days per calendar year (a step across New Year split by its days), then
    /// the aggregation over the years.
    Annual(Aggregation),
    /// The last sample on each day of the year (366, from 0), then the aggregation.
    DailyProfile(Aggregation),
    /// Percentiles of the samples (of the steps in `months` only, when given), then the
    /// aggregation over the percentiles.
    Duration {
        percentiles: Vec<f64>,
        months: Option<Vec<u32>>,
        temporal: Aggregation,
    },
    /// The percentiles' relative deviation from target curves (0 between them), then the
    /// aggregation.
    Deviation {
        percentiles: Vec<f64>,
        lower: Option<Vec<Vec<f64>>>,
        upper: Option<Vec<Vec<f64>>>,
        temporal: Aggregation,
    },
    /// Other recorders' values combined per scenario.
    Combine {
        members: Vec<usize>,
        func: Aggregation,
    },
}

/// A recorder ready to sample.
#[derive(Debug, Clone)]
struct Compiled {
    name: String,
    type_name: String,
    probe: Probe,
    /// A rolling window: the series is `agg` of the last `window` samples.
    rolling: Option<(usize, Aggregation)>,
    reduce: Reduce,
    agg_func: Aggregation,
    ignore_nan: bool,
    /// Whether the series is part of the output (pywr's `data`).
    keeps_series: bool,
    /// The file a `CSVRecorder` writes.
    file: Option<CsvFileSpec>,
}

/// The compiled recorders of a model.
#[derive(Debug, Clone, Default)]
pub(super) struct Recorders {
    items: Vec<Compiled>,
}

/// One scenario's samples: per recorder, the raw sample of every timestep and (for a rolling
/// recorder) the rolled series.
#[derive(Debug, Clone)]
pub(super) struct Tape {
    raw: Vec<Vec<f64>>,
    rolled: Vec<Vec<f64>>,
    /// Each recorder's series value at the last timestep (what `recorderthreshold` reads).
    pub(super) last: Vec<f64>,
}

/// What the recorders read after a step.
pub(super) struct StepView<'a> {
    /// The results row (flows and volumes) of the step.
    pub(super) row: &'a [f64],
    /// The parameters, as evaluated for the step.
    pub(super) params: &'a Params,
    /// The stores after the step.
    pub(super) stores: &'a [Store],
}

/// The lowered model's pieces the recorders refer to.
pub(super) struct Lowered<'a> {
    /// The results columns: (node, attribute).
    pub(super) columns: Vec<(&'a str, Attribute)>,
    /// Storage-kind node name → store index.
    pub(super) storage_index: &'a BTreeMap<String, usize>,
    /// The step length.
    pub(super) step: Step,
}

impl Recorders {
    /// Compiles the model's recorders, in its order; their parameters become slots of `pb`.
    pub(super) fn compile(
        model: &Model,
        pb: &mut ParamBuilder<'_>,
        lowered: &Lowered<'_>,
    ) -> Result<Self, EngineError> {
        let err = |location: &str, message: String| EngineError::Build {
            path: model.path.clone(),
            location: location.to_owned(),
            message,
        };
        let mut items = Vec::with_capacity(model.recorders.len());
        let by_name: std::collections::HashMap<(&str, Attribute), usize> = lowered
            .columns
            .iter()
            .enumerate()
            .map(|(c, &key)| (key, c))
            .collect();
        let mut combinations: Option<usize> = None;
        for r in &model.recorders {
            let location = format!("recorders \"{}\"", r.name);
            let mut file = None;
            let column = |node: &str, attr: Attribute| {
                by_name.get(&(node, attr)).copied().ok_or_else(|| {
                    err(
                        &format!("{location}.node"),
                        format!("\"{node}\" has no {attr} to record"),
                    )
                })
            };
            let flow = |node: &str| column(node, Attribute::Flow);
            let max_flow = |pb: &mut ParamBuilder<'_>, node: &str| -> Result<Source, EngineError> {
                let n = model.node(node);
                let v = n.and_then(|n| match &n.kind {
                    NodeKind::Input { max_flow, .. }
                    | NodeKind::Output { max_flow, .. }
                    | NodeKind::Link { max_flow, .. }
                    | NodeKind::LossLink { max_flow, .. }
                    | NodeKind::Aggregated { max_flow, .. } => max_flow.as_ref(),
                    NodeKind::Catchment { flow, .. } => flow.as_ref(),
                    _ => None,
                });
                let default = if n.is_some_and(|n| matches!(n.kind, NodeKind::Catchment { .. })) {
                    0.0
                } else {
                    f64::INFINITY
                };
                pb.source(v, default, &format!("node \"{node}\".max_flow"))
            };
            let slot = |pb: &mut ParamBuilder<'_>, p: &ParameterValue| {
                pb.slot(p, &format!("{location}.parameter"))
            };
            let series = Reduce::Temporal;
            let power = |pb: &mut ParamBuilder<'_>, node: &str, turbine: &Turbine| {
                let elevation = turbine
                    .water_elevation
                    .as_ref()
                    .map(|p| pb.slot(p, &format!("{location}.water_elevation_parameter")))
                    .transpose()?;
                Ok::<_, EngineError>(Probe::Power {
                    col: flow(node)?,
                    turbine: Box::new(turbine.clone()),
                    elevation,
                })
            };
            let (probe, rolling, reduce, keeps_series) = match &r.kind {
                RecorderKind::NodeSeries {
                    node,
                    measure,
                    temporal,
                } => {
                    let col = flow(node)?;
                    let probe = match measure {
                        // pywr keeps this recorder's factor in a C `float`: 86.4 scales by
                        // 86.40000152587890625 there, and so here.
                        NodeMeasure::Flow { factor } => Probe::Column {
                            col,
                            factor: f64::from(*factor as f32),
                        },
                        NodeMeasure::Deficit => Probe::Deficit {
                            col,
                            max: max_flow(pb, node)?,
                        },
                        NodeMeasure::SuppliedRatio => Probe::Supplied {
                            col,
                            max: max_flow(pb, node)?,
                        },
                        NodeMeasure::CurtailmentRatio => Probe::Curtailed {
                            col,
                            max: max_flow(pb, node)?,
                        },
                        NodeMeasure::Cost => {
                            let cost = model.node(node).and_then(|n| n.kind.cost());
                            Probe::Value(pb.source(cost, 0.0, &format!("node \"{node}\".cost"))?)
                        }
                    };
                    (probe, None, series(*temporal), true)
                }
                RecorderKind::StorageSeries {
                    node,
                    proportional,
                    temporal,
                } => {
                    let probe = if *proportional {
                        let Some(&s) = lowered.storage_index.get(node) else {
                            return Err(err(&location, format!("\"{node}\" is not a storage")));
                        };
                        Probe::Proportion(s)
                    } else {
                        Probe::Column {
                            col: column(node, Attribute::Volume)?,
                            factor: 1.0,
                        }
                    };
                    (probe, None, series(*temporal), true)
                }
                RecorderKind::ParameterSeries {
                    parameter,
                    temporal,
                } => (
                    Probe::Slot {
                        slot: slot(pb, parameter)?,
                        factor: 1.0,
                    },
                    None,
                    series(*temporal),
                    true,
                ),
                RecorderKind::IndexSeries { parameter } => (
                    Probe::Index(index_slot(pb, parameter, &location)?),
                    None,
                    Reduce::Nothing,
                    true,
                ),
                RecorderKind::DailyProfileParameter {
                    parameter,
                    temporal,
                } => (
                    Probe::Slot {
                        slot: slot(pb, parameter)?,
                        factor: 1.0,
                    },
                    None,
                    Reduce::DailyProfile(*temporal),
                    true,
                ),
                RecorderKind::RollingWindowParameter {
                    parameter,
                    window,
                    temporal,
                } => (
                    Probe::Slot {
                        slot: slot(pb, parameter)?,
                        factor: 1.0,
                    },
                    Some((*window, *temporal)),
                    // pywr's recorder has no `values()`: only its series.
                    Reduce::Nothing,
                    true,
                ),
                RecorderKind::RollingMeanFlow {
                    node,
                    timesteps,
                    days,
                } => {
                    let window = match (timesteps, days, lowered.step) {
                        (Some(t), _, _) => *t,
                        (None, Some(d), Step::Days(n)) => *d / n as usize,
                        _ => {
                            return Err(err(
                                &format!("{location}.days"),
                                "a window in days needs steps of a whole number of days; give `timesteps`".to_owned(),
                            ));
                        }
                    };
                    if window == 0 {
                        return Err(err(
                            &format!("{location}.days"),
                            "a window of at least one timestep (days ÷ the step's days is 0)"
                                .to_owned(),
                        ));
                    }
                    (
                        Probe::Column {
                            col: flow(node)?,
                            factor: 1.0,
                        },
                        Some((window, Aggregation::Mean)),
                        Reduce::Last,
                        true,
                    )
                }
                RecorderKind::TotalDeficit { node } => (
                    Probe::Deficit {
                        col: flow(node)?,
                        max: max_flow(pb, node)?,
                    },
                    None,
                    Reduce::SumDays,
                    false,
                ),
                RecorderKind::TotalFlow { node, factor } => (
                    Probe::Column {
                        col: flow(node)?,
                        factor: *factor,
                    },
                    None,
                    Reduce::SumDays,
                    false,
                ),
                RecorderKind::MeanFlow { node, factor } => (
                    Probe::Column {
                        col: flow(node)?,
                        factor: *factor,
                    },
                    None,
                    Reduce::MeanSteps,
                    false,
                ),
                RecorderKind::DeficitFrequency { node } => (
                    Probe::Shortfall {
                        col: flow(node)?,
                        max: max_flow(pb, node)?,
                    },
                    None,
                    Reduce::Frequency,
                    false,
                ),
                RecorderKind::MinimumVolume { node } => (
                    Probe::Column {
                        col: column(node, Attribute::Volume)?,
                        factor: 1.0,
                    },
                    None,
                    Reduce::Minimum,
                    false,
                ),
                RecorderKind::MinimumThresholdVolume { node, threshold } => (
                    Probe::Column {
                        col: column(node, Attribute::Volume)?,
                        factor: 1.0,
                    },
                    None,
                    Reduce::AtOrBelow(*threshold),
                    false,
                ),
                RecorderKind::TimestepCountIndex {
                    parameter,
                    threshold,
                } => (
                    Probe::Index(index_slot(pb, parameter, &location)?),
                    None,
                    Reduce::CountAtLeast(*threshold),
                    false,
                ),
                RecorderKind::AnnualCountIndex {
                    parameter,
                    threshold,
                } => (
                    Probe::Index(index_slot(pb, parameter, &location)?),
                    None,
                    Reduce::YearsAtLeast(*threshold),
                    false,
                ),
                RecorderKind::CsvFile {
                    url,
                    nodes,
                    scenario_index,
                    compression,
                    level,
                } => {
                    let names: Vec<String> = nodes.clone().unwrap_or_else(|| {
                        let mut all: Vec<String> =
                            model.nodes.iter().map(|n| n.name.clone()).collect();
                        all.sort();
                        all
                    });
                    // A storage's volume, else the flow (pywr: `AbstractStorage` → volume).
                    let cols = names
                        .iter()
                        .map(|n| {
                            by_name
                                .get(&(n.as_str(), Attribute::Volume))
                                .copied()
                                .map_or_else(|| flow(n), Ok)
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    let runs = *combinations
                        .get_or_insert_with(|| model.combinations().map_or(1, |c| c.len()));
                    if *scenario_index >= runs {
                        return Err(err(
                            &format!("{location}.scenario_index"),
                            format!(
                                "{scenario_index} is beyond the run's {runs} scenario combination(s); give a position from 0"
                            ),
                        ));
                    }
                    file = Some(CsvFileSpec {
                        url: url.clone(),
                        names,
                        scenario: *scenario_index,
                        compression: *compression,
                        level: *level,
                    });
                    (Probe::Row(cols), None, Reduce::Nothing, false)
                }
                RecorderKind::AnnualTotalFlow {
                    nodes,
                    factors,
                    temporal,
                } => {
                    let cols = nodes
                        .iter()
                        .zip(factors)
                        .map(|(n, &f)| flow(n).map(|c| (c, f)))
                        .collect::<Result<Vec<_>, _>>()?;
                    (Probe::Columns(cols), None, Reduce::Annual(*temporal), true)
                }
                RecorderKind::TotalParameter {
                    parameter,
                    factor,
                    integrate,
                } => (
                    Probe::Slot {
                        slot: slot(pb, parameter)?,
                        factor: *factor,
                    },
                    None,
                    if *integrate {
                        Reduce::SumDays
                    } else {
                        Reduce::Sum
                    },
                    false,
                ),
                RecorderKind::MeanParameter { parameter, factor } => (
                    Probe::Slot {
                        slot: slot(pb, parameter)?,
                        factor: *factor,
                    },
                    None,
                    Reduce::MeanSteps,
                    false,
                ),
                RecorderKind::DurationCurve {
                    node,
                    storage,
                    percentiles,
                    months,
                    temporal,
                } => (
                    Probe::Column {
                        col: column(
                            node,
                            if *storage {
                                Attribute::Volume
                            } else {
                                Attribute::Flow
                            },
                        )?,
                        factor: 1.0,
                    },
                    None,
                    Reduce::Duration {
                        percentiles: percentiles.clone(),
                        months: months.clone(),
                        temporal: *temporal,
                    },
                    true,
                ),
                RecorderKind::DurationCurveDeviation {
                    node,
                    percentiles,
                    lower_target,
                    upper_target,
                    temporal,
                } => (
                    Probe::Column {
                        col: flow(node)?,
                        factor: 1.0,
                    },
                    None,
                    Reduce::Deviation {
                        percentiles: percentiles.clone(),
                        lower: lower_target.clone(),
                        upper: upper_target.clone(),
                        temporal: *temporal,
                    },
                    true,
                ),
                RecorderKind::Hydropower {
                    node,
                    turbine,
                    temporal,
                } => (power(pb, node, turbine)?, None, series(*temporal), true),
                RecorderKind::TotalHydroEnergy { node, turbine } => {
                    (power(pb, node, turbine)?, None, Reduce::SumDays, false)
                }
                RecorderKind::Aggregated {
                    recorders,
                    recorder_agg_func,
                } => {
                    let members = recorders
                        .iter()
                        .map(|m| {
                            let i = model.recorders.iter().position(|x| &x.name == m);
                            match i {
                                Some(i) if !matches!(model.recorders[i].kind, RecorderKind::IndexSeries { .. }) => Ok(i),
                                Some(_) => Err(err(
                                    &format!("{location}.recorders"),
                                    format!("\"{m}\" is a numpyarrayindexparameter recorder, which has no value to aggregate (pywr: NotImplementedError)"),
                                )),
                                None => Err(err(
                                    &format!("{location}.recorders"),
                                    format!("no recorder named \"{m}\""),
                                )),
                            }
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    (
                        Probe::None,
                        None,
                        Reduce::Combine {
                            members,
                            func: *recorder_agg_func,
                        },
                        false,
                    )
                }
            };
            items.push(Compiled {
                name: r.name.clone(),
                type_name: r.type_name.clone(),
                probe,
                rolling,
                reduce,
                agg_func: r.agg_func,
                ignore_nan: r.ignore_nan,
                keeps_series,
                file,
            });
        }
        Ok(Recorders { items })
    }

    /// Whether the model has no recorders.
    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// An empty tape for a run of `steps` timesteps.
    pub(super) fn tape(&self, steps: usize) -> Tape {
        let n = self.items.len();
        let with = |keep: bool| {
            if keep {
                Vec::with_capacity(steps)
            } else {
                Vec::new()
            }
        };
        Tape {
            raw: self
                .items
                .iter()
                .map(|c| with(!matches!(c.probe, Probe::None)))
                .collect(),
            rolled: self
                .items
                .iter()
                .map(|c| with(c.rolling.is_some()))
                .collect(),
            last: vec![f64::NAN; n],
        }
    }

    /// Samples every recorder after a step.
    pub(super) fn observe(&self, tape: &mut Tape, view: &StepView<'_>) {
        let values = &view.params.values;
        for (i, c) in self.items.iter().enumerate() {
            let flow = |col: usize| view.row[col];
            let x = match &c.probe {
                Probe::None => continue,
                Probe::Column { col, factor } => flow(*col) * factor,
                Probe::Deficit { col, max } => max.get(values) - flow(*col),
                Probe::Shortfall { col, max } => flow(*col) - max.get(values),
                Probe::Supplied { col, max } => {
                    let m = max.get(values);
                    if m == 0.0 { 1.0 } else { flow(*col) / m }
                }
                Probe::Curtailed { col, max } => {
                    let m = max.get(values);
                    if m == 0.0 { 0.0 } else { 1.0 - flow(*col) / m }
                }
                Probe::Value(s) => s.get(values),
                Probe::Slot { slot, factor } => values[*slot] * factor,
                Probe::Index(slot) => view.params.index_of(*slot) as f64,
                Probe::Proportion(s) => view.stores[*s].pc_raw,
                Probe::Columns(cols) => cols.iter().map(|&(col, f)| flow(col) * f).sum(),
                Probe::Power {
                    col,
                    turbine,
                    elevation,
                } => turbine.power(flow(*col), turbine.head(elevation.map(|j| values[j]))),
                Probe::Row(cols) => {
                    tape.raw[i].extend(cols.iter().map(|&col| flow(col)));
                    continue;
                }
            };
            tape.raw[i].push(x);
            tape.last[i] = x;
            if let Some((window, agg)) = c.rolling {
                let raw = &tape.raw[i];
                let from = raw.len().saturating_sub(window);
                let v = aggregate(agg, &raw[from..], false);
                tape.rolled[i].push(v);
                tape.last[i] = v;
            }
        }
    }

    /// The recorders' values from one tape per scenario (in the scenarios' order), every tape
    /// of a run over `periods`.
    pub(super) fn finish(&self, tapes: &[Tape], periods: &[Timestep]) -> RecorderValues {
        let scenarios = tapes.len();
        let mut per_scenario: Vec<Vec<f64>> = vec![vec![f64::NAN; scenarios]; self.items.len()];
        let mut series: Vec<Option<Series>> = vec![None; self.items.len()];
        // Members of an aggregated recorder come before it unless it names a later one; the
        // model check refused cycles, so repeated passes settle every value.
        let mut done = vec![false; self.items.len()];
        while done.iter().any(|d| !d) {
            let mut progressed = false;
            for (i, c) in self.items.iter().enumerate() {
                if done[i] {
                    continue;
                }
                if let Reduce::Combine { members, func } = &c.reduce {
                    if members.iter().any(|&m| !done[m]) {
                        continue;
                    }
                    let combined: Vec<f64> = (0..scenarios)
                        .map(|s| {
                            let vals: Vec<f64> =
                                members.iter().map(|&m| per_scenario[m][s]).collect();
                            aggregate(*func, &vals, false)
                        })
                        .collect();
                    per_scenario[i] = combined;
                } else {
                    for (s, tape) in tapes.iter().enumerate() {
                        per_scenario[i][s] = reduce(c, &tape.raw[i], &tape.rolled[i], periods, s);
                    }
                    if c.keeps_series {
                        series[i] = Some(series_of(c, tapes, i, periods));
                    }
                }
                done[i] = true;
                progressed = true;
            }
            if !progressed {
                break;
            }
        }
        let recorders = self
            .items
            .iter()
            .zip(per_scenario)
            .zip(series)
            .map(|((c, values), series)| {
                let has_value = !matches!(c.reduce, Reduce::Nothing);
                RecorderValue {
                    name: c.name.clone(),
                    type_name: c.type_name.clone(),
                    value: has_value.then(|| aggregate(c.agg_func, &values, c.ignore_nan)),
                    values: if has_value { values } else { Vec::new() },
                    series,
                }
            })
            .collect();
        let files = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let spec = c.file.as_ref()?;
                let tape = tapes.get(spec.scenario)?;
                Some(spec.render(&c.name, &tape.raw[i], periods))
            })
            .collect();
        RecorderValues {
            scenarios,
            recorders,
            files,
        }
    }
}

/// The slot of an index parameter (a threshold parameter); an error for another parameter.
fn index_slot(
    pb: &mut ParamBuilder<'_>,
    p: &ParameterValue,
    location: &str,
) -> Result<usize, EngineError> {
    if !pb.is_index(p) {
        return Err(EngineError::Build {
            path: pb.model_path(),
            location: format!("{location}.parameter"),
            message: "an index parameter (recorderthreshold, parameterthreshold, storagethreshold, nodethreshold, currentyearthreshold, currentordinaldaythreshold, controlcurveindex or constantscenarioindex)".to_owned(),
        });
    }
    pb.slot(p, &format!("{location}.parameter"))
}

/// One scenario's value of recorder `c` from its samples.
fn reduce(c: &Compiled, raw: &[f64], rolled: &[f64], periods: &[Timestep], scenario: usize) -> f64 {
    let n = raw.len() as f64;
    let data = if c.rolling.is_some() { rolled } else { raw };
    match &c.reduce {
        Reduce::Temporal(agg) => aggregate(*agg, data, c.ignore_nan),
        Reduce::Nothing | Reduce::Combine { .. } => f64::NAN,
        Reduce::Last => raw.last().copied().unwrap_or(f64::NAN),
        Reduce::SumDays => raw
            .iter()
            .zip(periods)
            .map(|(x, p)| x * f64::from(p.days))
            .sum(),
        Reduce::Sum => raw.iter().sum(),
        Reduce::MeanSteps => raw.iter().sum::<f64>() / n,
        Reduce::Frequency => raw.iter().filter(|x| x.abs() > 1e-6).count() as f64 / n,
        Reduce::Minimum => raw.iter().fold(f64::INFINITY, |m, &x| {
            if m.is_nan() || x.is_nan() {
                f64::NAN
            } else {
                m.min(x)
            }
        }),
        Reduce::AtOrBelow(t) => f64::from(u8::from(raw.iter().any(|x| x <= t))),
        Reduce::CountAtLeast(t) => raw.iter().filter(|&&x| x >= *t as f64).count() as f64,
        Reduce::YearsAtLeast(t) => {
            let mut count = 0.0;
            for (_, max) in by_year(raw, periods, |acc: &mut f64, x, _| {
                if x > *acc {
                    *acc = x;
                }
            }) {
                if max >= *t as f64 {
                    count += 1.0;
                }
            }
            count
        }
        Reduce::Annual(agg) => {
            let years = annual_totals(raw, periods);
            let v: Vec<f64> = years.iter().map(|y| y.1).collect();
            aggregate(*agg, &v, c.ignore_nan)
        }
        Reduce::DailyProfile(agg) => aggregate(*agg, &daily_profile(raw, periods), c.ignore_nan),
        Reduce::Duration {
            percentiles,
            months,
            temporal,
        } => aggregate(
            *temporal,
            &duration_curve(raw, periods, percentiles, months.as_deref()),
            c.ignore_nan,
        ),
        Reduce::Deviation {
            percentiles,
            lower,
            upper,
            temporal,
        } => {
            let fdc = duration_curve(raw, periods, percentiles, None);
            aggregate(
                *temporal,
                &deviations(&fdc, lower.as_deref(), upper.as_deref(), scenario),
                c.ignore_nan,
            )
        }
    }
}

/// Folds the samples per calendar year (the year of each step's calendar day), from 0.
fn by_year(
    raw: &[f64],
    periods: &[Timestep],
    mut fold: impl FnMut(&mut f64, f64, &Timestep),
) -> Vec<(i32, f64)> {
    let mut out: Vec<(i32, f64)> = Vec::new();
    for (&x, p) in raw.iter().zip(periods) {
        let y = p.calendar.year();
        if out.last().is_none_or(|l| l.0 != y) {
            out.push((y, 0.0));
        }
        if let Some(last) = out.last_mut() {
            fold(&mut last.1, x, p);
        }
    }
    out
}

/// Σ sample × days per calendar year from the first to the last year of the run; a step
/// that runs into the next year adds its days there to that year (pywr's
/// `AnnualTotalFlowRecorder`).
fn annual_totals(raw: &[f64], periods: &[Timestep]) -> Vec<(i32, f64)> {
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        return Vec::new();
    };
    let y0 = first.calendar.year();
    let years: Vec<i32> = (y0..=last.calendar.year()).collect();
    let mut totals = vec![0.0; years.len()];
    for (&x, p) in raw.iter().zip(periods) {
        let idx = (p.calendar.year() - y0) as usize;
        let end_of_year = chrono::NaiveDate::from_ymd_opt(p.start.year() + 1, 1, 1);
        let in_this = end_of_year
            .map_or(i64::from(p.days), |e| (e - p.start).num_days())
            .min(i64::from(p.days)) as f64;
        let days = f64::from(p.days);
        if let Some(t) = totals.get_mut(idx) {
            *t += x * in_this;
        }
        if in_this < days
            && let Some(t) = totals.get_mut(idx + 1)
        {
            *t += x * (days - in_this);
        }
    }
    years.into_iter().zip(totals).collect()
}

/// The last sample of each day of the year (366, 29 February at index 59), 0 where none.
fn daily_profile(raw: &[f64], periods: &[Timestep]) -> Vec<f64> {
    let mut days = vec![0.0; 366];
    for (&x, p) in raw.iter().zip(periods) {
        days[dayofyear_index(p.calendar)] = x;
    }
    days
}

/// `numpy.percentile` of the samples (of the steps starting in `months`, when given) at each
/// percentile.
fn duration_curve(
    raw: &[f64],
    periods: &[Timestep],
    percentiles: &[f64],
    months: Option<&[u32]>,
) -> Vec<f64> {
    let kept: Vec<f64> = match months {
        None => raw.to_vec(),
        Some(ms) => raw
            .iter()
            .zip(periods)
            .filter(|(_, p)| ms.contains(&p.start.month()))
            .map(|(x, _)| *x)
            .collect(),
    };
    percentiles
        .iter()
        .map(|&q| percentile(&kept, q, crate::schema::PercentileMethod::Linear))
        .collect()
}

/// pywr's `FlowDurationCurveDeviationRecorder`: per percentile the larger of the relative
/// excess over the upper target and the relative shortfall under the lower target, 0 between
/// them, NaN where a target is 0. A target with one column per scenario uses `scenario`'s.
fn deviations(
    fdc: &[f64],
    lower: Option<&[Vec<f64>]>,
    upper: Option<&[Vec<f64>]>,
    scenario: usize,
) -> Vec<f64> {
    let pick = |row: &Vec<f64>| {
        if row.len() == 1 {
            row[0]
        } else {
            row.get(scenario).copied().unwrap_or(f64::NAN)
        }
    };
    fdc.iter()
        .enumerate()
        .map(|(k, &f)| {
            let rel = |t: f64, d: f64| if t == 0.0 { f64::NAN } else { d / t };
            let u = upper.map_or(Ok(0.0), |up| {
                let t = pick(&up[k]);
                let v = rel(t, f - t);
                if v.is_nan() { Err(()) } else { Ok(v) }
            });
            let l = lower.map_or(Ok(0.0), |lo| {
                let t = pick(&lo[k]);
                let v = rel(t, t - f);
                if v.is_nan() { Err(()) } else { Ok(v) }
            });
            match (u, l) {
                (Ok(u), Ok(l)) => u.max(l).max(0.0),
                _ => f64::NAN,
            }
        })
        .collect()
}

/// The series a recorder keeps, one row per index entry and one column per scenario.
fn series_of(c: &Compiled, tapes: &[Tape], i: usize, periods: &[Timestep]) -> Series {
    let columns = |f: &dyn Fn(&Tape) -> Vec<f64>| -> Vec<Vec<f64>> {
        let per: Vec<Vec<f64>> = tapes.iter().map(f).collect();
        let rows = per.first().map_or(0, Vec::len);
        (0..rows)
            .map(|r| per.iter().map(|s| s[r]).collect())
            .collect()
    };
    match &c.reduce {
        Reduce::Annual(_) => Series {
            index: SeriesIndex::Years(
                tapes
                    .first()
                    .map(|t| {
                        annual_totals(&t.raw[i], periods)
                            .iter()
                            .map(|y| y.0)
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            values: columns(&|t| {
                annual_totals(&t.raw[i], periods)
                    .iter()
                    .map(|y| y.1)
                    .collect()
            }),
        },
        Reduce::DailyProfile(_) => Series {
            index: SeriesIndex::DaysOfYear,
            values: columns(&|t| daily_profile(&t.raw[i], periods)),
        },
        Reduce::Duration {
            percentiles,
            months,
            ..
        } => Series {
            index: SeriesIndex::Percentiles(percentiles.clone()),
            values: columns(&|t| {
                duration_curve(&t.raw[i], periods, percentiles, months.as_deref())
            }),
        },
        Reduce::Deviation {
            percentiles,
            lower,
            upper,
            ..
        } => {
            let per: Vec<Vec<f64>> = tapes
                .iter()
                .enumerate()
                .map(|(s, t)| {
                    let fdc = duration_curve(&t.raw[i], periods, percentiles, None);
                    deviations(&fdc, lower.as_deref(), upper.as_deref(), s)
                })
                .collect();
            Series {
                index: SeriesIndex::Percentiles(percentiles.clone()),
                values: (0..percentiles.len())
                    .map(|r| per.iter().map(|s| s[r]).collect())
                    .collect(),
            }
        }
        _ => Series {
            index: SeriesIndex::Timesteps(periods.iter().map(|p| p.start).collect()),
            values: columns(&|t| {
                if c.rolling.is_some() {
                    t.rolled[i].clone()
                } else {
                    t.raw[i].clone()
                }
            }),
        },
    }
}
