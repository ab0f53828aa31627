//! Parameter evaluation: each timestep every parameter is computed once, in dependency order,
//! from the date and the storages' proportional volumes at the *start* of the step (pywr
//! evaluates parameters in `before()`, after the previous step's volume update).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::schema::{
    AggFunc, HydropowerTarget, Interpolation, Model, NodeKind, ParameterKind, ParameterValue,
    Predicate, Step, ThresholdOn, Timestep,
};

use super::EngineError;
use super::flow_history::FlowWindow;
use super::spline::CubicSpline;

/// A parameter reduced to what evaluation needs; references are slot indices.
#[derive(Debug, Clone)]
enum Compiled {
    Const(f64),
    Monthly([f64; 12]),
    Daily(Vec<f64>),
    /// One value per timestep.
    Series(Vec<f64>),
    ControlCurve {
        storage: usize,
        curves: Vec<usize>,
        values: Vec<usize>,
    },
    ControlCurveInterpolated {
        storage: usize,
        curves: Vec<usize>,
        values: Vec<usize>,
    },
    Aggregated {
        func: AggFunc,
        items: Vec<usize>,
    },
    /// A storage's volume, or its proportional volume.
    Volume {
        storage: usize,
        proportional: bool,
    },
    /// Linear interpolation on a storage's volume (`NaN` outside the points).
    InterpolatedVolume {
        storage: usize,
        volumes: Vec<f64>,
        values: Vec<f64>,
    },
    /// A cubic spline on a storage's volume (`NaN` outside the points).
    CubicVolume {
        storage: usize,
        spline: CubicSpline,
    },
    /// The flow for a power target (slots of the target, elevation and bounds).
    HydropowerTarget {
        spec: Box<HydropowerTarget>,
        target: usize,
        elevation: Option<usize>,
        max_flow: Option<usize>,
        min_flow: Option<usize>,
    },
    /// 52 values, one per week of the year (pywr's `week_index`).
    Weekly(Vec<f64>),
    /// The value of another slot (computed before this one).
    Ref(usize),
    /// One item per member of scenario `scenario` (its index in the model's `scenarios`);
    /// [`Params::for_combination`] replaces it by the member a run simulates.
    PerMember {
        scenario: usize,
        members: Vec<Compiled>,
    },
    /// A node's previous flow (a model node index until [`Params::resolve_nodes`], then a
    /// results column), `initial` on the first timestep.
    PreviousFlow {
        node: usize,
        initial: f64,
    },
    /// An index parameter: the position of the first curve the storage's proportional
    /// volume is at or above, else the number of curves.
    CurveIndex {
        storage: usize,
        curves: Vec<usize>,
    },
    /// The value of `params[index]`, `index` being the index of slot `index` (negative
    /// indices count from the end, as a Python list's).
    Indexed {
        index: usize,
        params: Vec<usize>,
    },
    /// A node's `max_flow` less its flow, set after each step (a model node index until
    /// [`Params::resolve_nodes`], then a results column); 0 before the first.
    Deficit {
        node: usize,
        max_flow: Source,
    },
    /// Linear interpolation on a node's previous flow (0 on the first step; `NaN` outside
    /// the points).
    InterpolatedFlow {
        node: usize,
        flows: Vec<f64>,
        values: Vec<f64>,
    },
    /// The mean of a node's flows in the last steps (`initial` on the first step).
    RollingMean {
        node: usize,
        window: FlowWindow,
        initial: f64,
    },
    /// A threshold (index) parameter: index 1 when `compared PREDICATE threshold`.
    Threshold {
        on: Compare,
        threshold: usize,
        values: Option<Vec<f64>>,
        predicate: Predicate,
        ratchet: bool,
    },
}

/// What a threshold parameter compares.
#[derive(Debug, Clone, Copy)]
enum Compare {
    /// The previous timestep's value of the recorder with this index in the model's
    /// `recorders`; `initial` on the first timestep.
    Recorder { recorder: usize, initial: i64 },
    /// A parameter slot's value this timestep.
    Slot(usize),
    /// A storage's volume at the start of the timestep.
    Volume(usize),
    /// The previous timestep's flow of the node with this index in the model (a results
    /// column once [`Params::resolve_nodes`] has run); index 0 on the first timestep.
    NodeFlow(usize),
    /// The timestep's year.
    Year,
    /// The timestep's proleptic Gregorian ordinal.
    Ordinal,
}

/// What a step's threshold parameters read from the step before.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Previous<'a> {
    /// Each recorder's last value per timestep (its series), in the model's order.
    pub(crate) recorders: &'a [f64],
    /// The results row of the previous timestep (flows and volumes).
    pub(crate) row: &'a [f64],
}

/// Where a number comes from: a literal or a parameter slot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Source {
    /// A literal.
    Literal(f64),
    /// The current value of a parameter slot.
    Slot(usize),
}

impl Source {
    /// The value this step.
    #[inline]
    pub(crate) fn get(self, values: &[f64]) -> f64 {
        match self {
            Source::Literal(v) => v,
            Source::Slot(i) => values[i],
        }
    }
}

/// All compiled parameters of a model, with their current values.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    items: Vec<Compiled>,
    /// Current value of every slot.
    pub(crate) values: Vec<f64>,
    /// Whether any parameter reads a storage volume (else the order does not matter).
    dynamic: Vec<bool>,
    /// Current index of every slot (0 except for index parameters).
    indices: Vec<i64>,
    /// Whether a ratchet threshold parameter has triggered (per slot).
    triggered: Vec<bool>,
}

/// Compiles parameter references into slots (named parameters once each).
pub(crate) struct ParamBuilder<'a> {
    model: &'a Model,
    storage_index: &'a BTreeMap<String, usize>,
    periods: &'a [Timestep],
    named: BTreeMap<String, usize>,
    in_progress: BTreeSet<String>,
    items: Vec<Compiled>,
}

impl<'a> ParamBuilder<'a> {
    pub(crate) fn new(
        model: &'a Model,
        storage_index: &'a BTreeMap<String, usize>,
        periods: &'a [Timestep],
    ) -> Self {
        ParamBuilder {
            model,
            storage_index,
            periods,
            named: BTreeMap::new(),
            in_progress: BTreeSet::new(),
            items: Vec::new(),
        }
    }

    /// The model file (for error messages).
    pub(crate) fn model_path(&self) -> std::path::PathBuf {
        self.model.path.clone()
    }

    fn err(&self, location: &str, message: &str) -> EngineError {
        EngineError::Build {
            path: self.model.path.clone(),
            location: location.to_owned(),
            message: message.to_owned(),
        }
    }

    /// The source of a node attribute; `default` when absent.
    pub(crate) fn source(
        &mut self,
        v: Option<&ParameterValue>,
        default: f64,
        location: &str,
    ) -> Result<Source, EngineError> {
        match v {
            None => Ok(Source::Literal(default)),
            Some(ParameterValue::Constant(c)) => Ok(Source::Literal(*c)),
            Some(other) => self.slot(other, location).map(Source::Slot),
        }
    }

    /// A new slot holding a control-curve step function on `storage` (used by reservoirs).
    pub(crate) fn control_curve(
        &mut self,
        storage: usize,
        curve: Source,
        values: [f64; 2],
    ) -> usize {
        let curve_slot = self.literal_slot(curve);
        let a = self.push(Compiled::Const(values[0]));
        let b = self.push(Compiled::Const(values[1]));
        self.push(Compiled::ControlCurve {
            storage,
            curves: vec![curve_slot],
            values: vec![a, b],
        })
    }

    fn literal_slot(&mut self, s: Source) -> usize {
        match s {
            Source::Slot(i) => i,
            Source::Literal(v) => self.push(Compiled::Const(v)),
        }
    }

    fn push(&mut self, c: Compiled) -> usize {
        self.items.push(c);
        self.items.len() - 1
    }

    /// Whether the value is a literal or a `constant` parameter (pywr's `is_constant`).
    pub(crate) fn constant_value(&self, v: &ParameterValue) -> Option<f64> {
        match v {
            ParameterValue::Constant(c) => Some(*c),
            ParameterValue::Named(n) => match self.model.parameters.get(n).map(|p| &p.kind) {
                Some(ParameterKind::Constant { value }) => Some(*value),
                _ => None,
            },
            ParameterValue::Inline(p) => match &p.kind {
                ParameterKind::Constant { value } => Some(*value),
                _ => None,
            },
        }
    }

    /// Whether the value is an index parameter (a threshold parameter), written in place or
    /// named.
    pub(crate) fn is_index(&self, v: &ParameterValue) -> bool {
        let kind = match v {
            ParameterValue::Constant(_) => return false,
            ParameterValue::Named(n) => self.model.parameters.get(n).map(|p| &p.kind),
            ParameterValue::Inline(p) => Some(&p.kind),
        };
        kind.is_some_and(ParameterKind::is_index)
    }

    /// The slot of a parameter value.
    pub(crate) fn slot(
        &mut self,
        v: &ParameterValue,
        location: &str,
    ) -> Result<usize, EngineError> {
        match v {
            ParameterValue::Constant(c) => Ok(self.push(Compiled::Const(*c))),
            ParameterValue::Named(name) => {
                if let Some(&i) = self.named.get(name) {
                    return Ok(i);
                }
                if !self.in_progress.insert(name.clone()) {
                    return Err(self.err(
                        location,
                        &format!("parameter \"{name}\" depends on itself; break the cycle"),
                    ));
                }
                let Some(p) = self.model.parameters.get(name) else {
                    return Err(self.err(location, &format!("no parameter named \"{name}\"")));
                };
                let kind = p.kind.clone();
                let i = self.compile(&kind, &format!("parameters \"{name}\""))?;
                self.in_progress.remove(name);
                self.named.insert(name.clone(), i);
                Ok(i)
            }
            ParameterValue::Inline(p) => {
                let kind = p.kind.clone();
                self.compile(&kind, location)
            }
        }
    }

    fn slots(&mut self, vs: &[ParameterValue], location: &str) -> Result<Vec<usize>, EngineError> {
        vs.iter()
            .enumerate()
            .map(|(i, v)| self.slot(v, &format!("{location}[{i}]")))
            .collect()
    }

    fn compile(&mut self, kind: &ParameterKind, location: &str) -> Result<usize, EngineError> {
        let c = match kind {
            ParameterKind::Constant { value } => Compiled::Const(*value),
            ParameterKind::MonthlyProfile { values } => Compiled::Monthly(*values),
            ParameterKind::DailyProfile { values } => {
                if values.len() != 366 {
                    return Err(self.err(location, "a dailyprofile needs exactly 366 values"));
                }
                Compiled::Daily(values.clone())
            }
            ParameterKind::DataFrame {
                url, dates, values, ..
            } => Compiled::Series(self.resample(url, dates, values, location)?),
            ParameterKind::ScenarioDataFrame {
                url,
                scenario,
                dates,
                columns,
                ..
            } => Compiled::PerMember {
                scenario: self.scenario_of(scenario, location)?,
                members: columns
                    .iter()
                    .map(|c| self.resample(url, dates, c, location).map(Compiled::Series))
                    .collect::<Result<_, _>>()?,
            },
            ParameterKind::ConstantScenario { scenario, values } => Compiled::PerMember {
                scenario: self.scenario_of(scenario, location)?,
                members: values.iter().map(|&v| Compiled::Const(v)).collect(),
            },
            ParameterKind::ConstantScenarioIndex { scenario, values } => Compiled::PerMember {
                scenario: self.scenario_of(scenario, location)?,
                members: values
                    .iter()
                    .map(|&v| Compiled::Const(f64::from(v)))
                    .collect(),
            },
            ParameterKind::ScenarioMonthlyProfile { scenario, values } => Compiled::PerMember {
                scenario: self.scenario_of(scenario, location)?,
                members: values.iter().map(|&v| Compiled::Monthly(v)).collect(),
            },
            ParameterKind::ScenarioDailyProfile { scenario, values } => Compiled::PerMember {
                scenario: self.scenario_of(scenario, location)?,
                members: values.iter().map(|v| Compiled::Daily(v.clone())).collect(),
            },
            ParameterKind::ScenarioWeeklyProfile { scenario, values } => Compiled::PerMember {
                scenario: self.scenario_of(scenario, location)?,
                members: values.iter().map(|v| Compiled::Weekly(v.clone())).collect(),
            },
            ParameterKind::ScenarioWrapper {
                scenario,
                parameters,
            } => Compiled::PerMember {
                scenario: self.scenario_of(scenario, location)?,
                members: self
                    .slots(parameters, &format!("{location}.parameters"))?
                    .into_iter()
                    .map(Compiled::Ref)
                    .collect(),
            },
            ParameterKind::ArrayIndexedScenario { scenario, values } => {
                let scenario_index = self.scenario_of(scenario, location)?;
                self.check_rows(values.len(), location)?;
                let members = values.first().map_or(0, Vec::len);
                Compiled::PerMember {
                    scenario: scenario_index,
                    members: (0..members)
                        .map(|m| {
                            Compiled::Series(
                                values[..self.periods.len()].iter().map(|r| r[m]).collect(),
                            )
                        })
                        .collect(),
                }
            }
            ParameterKind::ArrayIndexedScenarioMonthlyFactors {
                scenario,
                values,
                factors,
            } => {
                let scenario_index = self.scenario_of(scenario, location)?;
                self.check_rows(values.len(), location)?;
                Compiled::PerMember {
                    scenario: scenario_index,
                    members: factors
                        .iter()
                        .map(|f| {
                            Compiled::Series(
                                self.periods
                                    .iter()
                                    .zip(values)
                                    .map(|(p, v)| v * f[p.calendar.month0() as usize])
                                    .collect(),
                            )
                        })
                        .collect(),
                }
            }
            ParameterKind::ControlCurve {
                storage_node,
                control_curves,
                values,
            }
            | ParameterKind::ControlCurveInterpolated {
                storage_node,
                control_curves,
                values,
            } => {
                let Some(&storage) = self.storage_index.get(storage_node) else {
                    return Err(self.err(
                        location,
                        &format!("\"{storage_node}\" is not a storage node"),
                    ));
                };
                let interpolated = matches!(kind, ParameterKind::ControlCurveInterpolated { .. });
                let expected = control_curves.len() + if interpolated { 2 } else { 1 };
                if values.len() != expected {
                    return Err(self.err(
                        location,
                        &format!(
                            "{expected} values for {} control curves",
                            control_curves.len()
                        ),
                    ));
                }
                let curves = self.slots(control_curves, &format!("{location}.control_curves"))?;
                let values = self.slots(values, &format!("{location}.values"))?;
                if matches!(kind, ParameterKind::ControlCurve { .. }) {
                    Compiled::ControlCurve {
                        storage,
                        curves,
                        values,
                    }
                } else {
                    Compiled::ControlCurveInterpolated {
                        storage,
                        curves,
                        values,
                    }
                }
            }
            ParameterKind::Storage {
                storage_node,
                use_proportional_volume,
            } => Compiled::Volume {
                storage: self.storage_of(storage_node, location)?,
                proportional: *use_proportional_volume,
            },
            ParameterKind::InterpolatedVolume {
                node,
                volumes,
                values,
                kind: Interpolation::Cubic,
            } => Compiled::CubicVolume {
                storage: self.storage_of(node, location)?,
                spline: CubicSpline::new(volumes, values)
                    .map_err(|e| self.err(&format!("{location}.volumes"), &e.to_string()))?,
            },
            ParameterKind::InterpolatedVolume {
                node,
                volumes,
                values,
                ..
            } => Compiled::InterpolatedVolume {
                storage: self.storage_of(node, location)?,
                volumes: volumes.clone(),
                values: values.clone(),
            },
            ParameterKind::HydropowerTarget(h) => {
                let mut optional = |v: &Option<ParameterValue>, attr: &str| {
                    v.as_ref()
                        .map(|v| self.slot(v, &format!("{location}.{attr}")))
                        .transpose()
                };
                let max_flow = optional(&h.max_flow, "max_flow")?;
                let min_flow = optional(&h.min_flow, "min_flow")?;
                let elevation = optional(&h.turbine.water_elevation, "water_elevation_parameter")?;
                Compiled::HydropowerTarget {
                    spec: Box::new(h.clone()),
                    target: self.slot(&h.target, &format!("{location}.target"))?,
                    elevation,
                    max_flow,
                    min_flow,
                }
            }
            ParameterKind::UniformDrawdownProfile {
                reset_day,
                reset_month,
                residual_days,
            } => Compiled::Series(
                self.periods
                    .iter()
                    .map(|p| uniform_drawdown(p.calendar, *reset_day, *reset_month, *residual_days))
                    .collect(),
            ),
            ParameterKind::Flow {
                node,
                initial_value,
            } => Compiled::PreviousFlow {
                node: self.node_of(node, location)?,
                initial: *initial_value,
            },
            ParameterKind::Threshold {
                on,
                threshold,
                values,
                predicate,
                ratchet,
            } => {
                let on = match on {
                    ThresholdOn::Recorder {
                        recorder,
                        initial_value,
                    } => Compare::Recorder {
                        recorder: self
                            .model
                            .recorders
                            .iter()
                            .position(|r| &r.name == recorder)
                            .ok_or_else(|| {
                                self.err(location, &format!("no recorder named \"{recorder}\""))
                            })?,
                        initial: *initial_value,
                    },
                    ThresholdOn::Parameter(p) => {
                        Compare::Slot(self.slot(p, &format!("{location}.parameter"))?)
                    }
                    ThresholdOn::Storage(n) => Compare::Volume(self.storage_of(n, location)?),
                    ThresholdOn::Node(n) => Compare::NodeFlow(self.node_of(n, location)?),
                    ThresholdOn::CurrentYear => Compare::Year,
                    ThresholdOn::CurrentOrdinalDay => Compare::Ordinal,
                };
                Compiled::Threshold {
                    on,
                    threshold: self.slot(threshold, &format!("{location}.threshold"))?,
                    values: values.clone(),
                    predicate: *predicate,
                    ratchet: *ratchet,
                }
            }
            ParameterKind::ControlCurveIndex {
                storage_node,
                control_curves,
            } => Compiled::CurveIndex {
                storage: self.storage_of(storage_node, location)?,
                curves: self.slots(control_curves, &format!("{location}.control_curves"))?,
            },
            ParameterKind::IndexedArray {
                index_parameter,
                params,
            } => {
                let at = format!("{location}.index_parameter");
                if !self.is_index(index_parameter) {
                    return Err(self.err(
                        &at,
                        "an index parameter (controlcurveindex, constantscenarioindex or a threshold parameter)",
                    ));
                }
                Compiled::Indexed {
                    index: self.slot(index_parameter, &at)?,
                    params: self.slots(params, &format!("{location}.params"))?,
                }
            }
            ParameterKind::Deficit { node } => {
                let n = self.node_of(node, location)?;
                let (attr, v, default) = match &self.model.nodes[n].kind {
                    NodeKind::Input { max_flow, .. }
                    | NodeKind::Output { max_flow, .. }
                    | NodeKind::Link { max_flow, .. } => {
                        ("max_flow", max_flow.clone(), f64::INFINITY)
                    }
                    // pywr's catchment sets max_flow (and min_flow) to its flow, 0 by default.
                    NodeKind::Catchment { flow, .. } => ("flow", flow.clone(), 0.0),
                    _ => {
                        return Err(self.err(
                            &format!("{location}.node"),
                            &format!("\"{node}\" is not an input, output, link or catchment node"),
                        ));
                    }
                };
                let at = format!("node \"{node}\".{attr}");
                Compiled::Deficit {
                    node: n,
                    max_flow: self.source(v.as_ref(), default, &at)?,
                }
            }
            ParameterKind::DiscountFactor { rate, base_year } => Compiled::Series(
                self.periods
                    .iter()
                    .map(|p| discount_factor(*rate, *base_year, p.calendar.year()))
                    .collect(),
            ),
            ParameterKind::InterpolatedFlow {
                node,
                flows,
                values,
            } => Compiled::InterpolatedFlow {
                node: self.node_of(node, location)?,
                flows: flows.clone(),
                values: values.clone(),
            },
            ParameterKind::RollingMeanFlowNode {
                node,
                timesteps,
                days,
                initial_flow,
            } => {
                let steps = match (days, timesteps) {
                    (Some(d), _) => match self.model.timestepper.step {
                        Step::Days(n) if d / n > 0 => d / n,
                        Step::Days(n) => {
                            return Err(self.err(
                                &format!("{location}.days"),
                                &format!("a window of at least one timestep of {n} days, found {d} days (pywr: \"Timesteps is less than 1\")"),
                            ));
                        }
                        _ => {
                            return Err(self.err(
                                &format!("{location}.days"),
                                "a window of days needs timesteps of a whole number of days (pywr refuses it with calendar timesteps too); give the window in \"timesteps\" instead",
                            ));
                        }
                    },
                    (None, Some(t)) => *t,
                    (None, None) => {
                        return Err(self.err(
                            &format!("{location}.timesteps"),
                            "a window of timesteps (or days) of at least 1",
                        ));
                    }
                };
                Compiled::RollingMean {
                    node: self.node_of(node, location)?,
                    window: FlowWindow::new(steps as usize),
                    initial: *initial_flow,
                }
            }
            ParameterKind::Aggregated { parameters, .. } if parameters.is_empty() => {
                return Err(self.err(
                    location,
                    "an aggregated parameter needs at least one parameter",
                ));
            }
            ParameterKind::Aggregated {
                agg_func,
                parameters,
            } => Compiled::Aggregated {
                func: *agg_func,
                items: self.slots(parameters, &format!("{location}.parameters"))?,
            },
        };
        Ok(self.push(c))
    }

    /// pywr's `align_and_resample_dataframe` down-sampling of a `dataframe` series: the mean
    /// of the rows within each timestep (a daily model: the one row of that day).
    fn resample(
        &self,
        url: &std::path::Path,
        dates: &[NaiveDate],
        values: &[f64],
        location: &str,
    ) -> Result<Vec<f64>, EngineError> {
        let mut series = Vec::with_capacity(self.periods.len());
        let mut k = 0;
        for p in self.periods {
            while k < dates.len() && dates[k] < p.start {
                k += 1;
            }
            let last = p.last();
            // -0.0 is the identity of addition: one row of -0 stays -0, as before.
            let (mut sum, mut rows) = (-0.0, 0u32);
            while k < dates.len() && dates[k] <= last {
                sum += values[k];
                rows += 1;
                k += 1;
            }
            if rows == 0 {
                let what = if p.days == 1 {
                    format!("{}", p.start)
                } else {
                    format!("{} to {last}", p.start)
                };
                return Err(self.err(
                    location,
                    &format!(
                        "{} has no row for {what}; the CSV must cover every simulated timestep",
                        url.display()
                    ),
                ));
            }
            series.push(sum / f64::from(rows));
        }
        Ok(series)
    }

    /// The index of scenario `name` in the model's `scenarios`.
    fn scenario_of(&self, name: &str, location: &str) -> Result<usize, EngineError> {
        self.model
            .scenarios
            .iter()
            .position(|s| s.name == name)
            .ok_or_else(|| self.err(location, &format!("no scenario named \"{name}\"")))
    }

    /// `Ok` when a table indexed by timestep has a row for each of the run's timesteps.
    fn check_rows(&self, rows: usize, location: &str) -> Result<(), EngineError> {
        if rows < self.periods.len() {
            return Err(self.err(
                location,
                &format!(
                    "{rows} rows of values for {} timesteps; give a row per timestep",
                    self.periods.len()
                ),
            ));
        }
        Ok(())
    }

    /// The index in the model of node `name`.
    fn node_of(&self, name: &str, location: &str) -> Result<usize, EngineError> {
        self.model
            .nodes
            .iter()
            .position(|m| m.name == name)
            .ok_or_else(|| self.err(location, &format!("no node named \"{name}\"")))
    }

    /// The store index of storage node `name`.
    fn storage_of(&self, name: &str, location: &str) -> Result<usize, EngineError> {
        self.storage_index
            .get(name)
            .copied()
            .ok_or_else(|| self.err(location, &format!("\"{name}\" is not a storage node")))
    }

    /// The finished set of parameters.
    pub(crate) fn finish(self) -> Params {
        Params::from_items(self.items)
    }
}

/// pywr's `Timestep.dayofyear_index`: 0..=365 with 29 February at 59, skipped in common years.
pub(crate) fn dayofyear_index(date: NaiveDate) -> usize {
    let i = date.ordinal0() as usize;
    let leap = NaiveDate::from_ymd_opt(date.year(), 2, 29).is_some();
    if !leap && i >= 59 { i + 1 } else { i }
}

impl Params {
    fn from_items(items: Vec<Compiled>) -> Params {
        let dynamic = items
            .iter()
            .map(|c| !matches!(c, Compiled::Const(_)))
            .collect();
        let values = items
            .iter()
            .map(|c| match c {
                Compiled::Const(v) => *v,
                _ => 0.0,
            })
            .collect();
        Params {
            indices: vec![0; items.len()],
            triggered: vec![false; items.len()],
            items,
            values,
            dynamic,
        }
    }

    /// The parameters of one scenario combination (a member index per scenario of the
    /// model): every scenario-aware parameter reduced to the member it simulates.
    pub(crate) fn for_combination(&self, combination: &[usize]) -> Params {
        let items = self
            .items
            .iter()
            .map(|c| match c {
                Compiled::PerMember { scenario, members } => combination
                    .get(*scenario)
                    .and_then(|&m| members.get(m))
                    .cloned()
                    // Validation makes every combination index a member; NaN would stop the run.
                    .unwrap_or(Compiled::Const(f64::NAN)),
                other => other.clone(),
            })
            .collect();
        Params::from_items(items)
    }

    /// Turns the node indices of `nodethreshold` parameters into results columns
    /// (`column[node]`); `Err` names a node without a flow column.
    pub(crate) fn resolve_nodes(&mut self, column: &[Option<usize>]) -> Result<(), usize> {
        for c in &mut self.items {
            if let Compiled::Threshold {
                on: Compare::NodeFlow(n),
                ..
            }
            | Compiled::PreviousFlow { node: n, .. }
            | Compiled::Deficit { node: n, .. }
            | Compiled::InterpolatedFlow { node: n, .. }
            | Compiled::RollingMean { node: n, .. } = c
            {
                *n = column.get(*n).copied().flatten().ok_or(*n)?;
            }
        }
        Ok(())
    }

    /// Clears the ratchets' state before a run.
    pub(crate) fn reset(&mut self) {
        self.triggered.iter_mut().for_each(|t| *t = false);
        self.indices.iter_mut().for_each(|i| *i = 0);
        for (c, v) in self.items.iter_mut().zip(&mut self.values) {
            match c {
                Compiled::Deficit { .. } => *v = 0.0,
                Compiled::RollingMean { window, .. } => window.clear(),
                _ => {}
            }
        }
    }

    /// After a step's allocation, with its results `row`: each `deficit` parameter becomes
    /// its node's `max_flow` less its flow (pywr computes it in `after()`, so a parameter
    /// reading it next step sees this step's deficit, and a recorder this step records it).
    pub(crate) fn after_step(&mut self, row: &[f64]) {
        for i in 0..self.items.len() {
            if let Compiled::Deficit { node, max_flow } = self.items[i] {
                self.values[i] = max_flow.get(&self.values) - row[node];
            }
        }
    }

    /// The index of slot `j`: an index parameter's, or for `constantscenarioindex` (a
    /// constant once the combination is chosen) its value.
    pub(crate) fn index_of(&self, j: usize) -> i64 {
        match self.items[j] {
            Compiled::Threshold { .. } | Compiled::CurveIndex { .. } => self.indices[j],
            // Integers validated at load; `as` saturates anything else.
            _ => self.values[j] as i64,
        }
    }

    /// Evaluates every parameter for step `step` on `date`; `pc` holds each storage's
    /// proportional volume at the start of the step (already clamped to 0..=1), `volume`
    /// its volume, and `previous` what the step before left (for threshold parameters).
    pub(crate) fn evaluate(
        &mut self,
        step: usize,
        date: NaiveDate,
        pc: &[f64],
        volume: &[f64],
        previous: Previous<'_>,
    ) {
        let when = When {
            step,
            month: date.month0() as usize,
            doy: dayofyear_index(date),
        };
        for i in 0..self.items.len() {
            if !self.dynamic[i] {
                continue;
            }
            let stateful = match &mut self.items[i] {
                // Set after each step (`after_step`), not before.
                Compiled::Deficit { .. } => continue,
                Compiled::RollingMean {
                    node,
                    window,
                    initial,
                } => {
                    if step == 0 {
                        Some(*initial)
                    } else {
                        window.push(previous.row[*node]);
                        window.mean().or(Some(*initial))
                    }
                }
                Compiled::CurveIndex { storage, curves } => {
                    let p = pc[*storage];
                    let index = curves
                        .iter()
                        .position(|&c| p >= self.values[c])
                        .unwrap_or(curves.len());
                    self.indices[i] = index as i64;
                    Some(index as f64)
                }
                _ => None,
            };
            if let Some(v) = stateful {
                self.values[i] = v;
                continue;
            }
            let v = match &self.items[i] {
                // A threshold keeps state (its ratchet and index), so it is evaluated here.
                Compiled::Threshold {
                    on,
                    threshold,
                    values,
                    predicate,
                    ratchet,
                } => {
                    let index = if *ratchet && self.triggered[i] {
                        1
                    } else {
                        let x = match *on {
                            Compare::Recorder { initial, .. } if step == 0 => Err(initial),
                            Compare::NodeFlow(_) if step == 0 => Err(0),
                            Compare::Recorder { recorder, .. } => Ok(previous.recorders[recorder]),
                            Compare::NodeFlow(col) => Ok(previous.row[col]),
                            Compare::Slot(j) => Ok(self.values[j]),
                            Compare::Volume(s) => Ok(volume[s]),
                            Compare::Year => Ok(f64::from(date.year())),
                            Compare::Ordinal => Ok(f64::from(date.num_days_from_ce())),
                        };
                        match x {
                            // pywr returns these before comparing (and before the ratchet).
                            Err(fixed) => fixed,
                            Ok(x) => {
                                let holds = predicate.holds(x, self.values[*threshold]);
                                self.triggered[i] |= holds;
                                i64::from(holds)
                            }
                        }
                    };
                    self.indices[i] = index;
                    values.as_ref().map_or(f64::NAN, |v| {
                        usize::try_from(index)
                            .ok()
                            .and_then(|k| v.get(k))
                            .copied()
                            .unwrap_or(f64::NAN)
                    })
                }
                c => self.value_of(c, &when, pc, volume, previous),
            };
            self.values[i] = v;
        }
    }

    /// The value of `c` this step, from the values of the slots before it.
    fn value_of(
        &self,
        c: &Compiled,
        when: &When,
        pc: &[f64],
        volume: &[f64],
        previous: Previous<'_>,
    ) -> f64 {
        match c {
            Compiled::Const(v) => *v,
            Compiled::Monthly(vals) => vals[when.month],
            Compiled::Daily(vals) => vals[when.doy],
            Compiled::Weekly(vals) => vals[(when.doy / 7).min(51)],
            Compiled::Series(vals) => vals[when.step],
            Compiled::Ref(slot) => self.values[*slot],
            // Only a model run without specialising to a combination reaches this: member 0.
            Compiled::PerMember { members, .. } => members
                .first()
                .map_or(f64::NAN, |m| self.value_of(m, when, pc, volume, previous)),
            Compiled::ControlCurve {
                storage,
                curves,
                values,
            } => {
                let p = pc[*storage];
                let mut out = self.values[values[values.len() - 1]];
                for (j, c) in curves.iter().enumerate() {
                    if p >= self.values[*c] {
                        out = self.values[values[j]];
                        break;
                    }
                }
                out
            }
            Compiled::ControlCurveInterpolated {
                storage,
                curves,
                values,
            } => interpolate(
                pc[*storage],
                curves.iter().map(|c| self.values[*c]),
                |j| self.values[values[j]],
                values.len(),
            ),
            Compiled::Volume {
                storage,
                proportional,
            } => {
                if *proportional {
                    pc[*storage]
                } else {
                    volume[*storage]
                }
            }
            Compiled::InterpolatedVolume {
                storage,
                volumes,
                values,
            } => interpolate_points(volume[*storage], volumes, values),
            Compiled::CubicVolume { storage, spline } => spline.value(volume[*storage]),
            Compiled::HydropowerTarget {
                spec,
                target,
                elevation,
                max_flow,
                min_flow,
            } => {
                let v = |slot: &Option<usize>| slot.map(|j| self.values[j]);
                let head = spec.turbine.head(v(elevation));
                spec.flow(self.values[*target], head, v(max_flow), v(min_flow))
            }
            Compiled::PreviousFlow { node, initial } => {
                if when.step == 0 {
                    *initial
                } else {
                    previous.row[*node]
                }
            }
            Compiled::Indexed { index, params } => {
                let k = self.index_of(*index);
                let n = params.len() as i64;
                // A Python list's indexing: -n..n, negatives from the end; else no value.
                let k = if k < 0 { k + n } else { k };
                usize::try_from(k)
                    .ok()
                    .and_then(|k| params.get(k))
                    .map_or(f64::NAN, |&s| self.values[s])
            }
            Compiled::InterpolatedFlow {
                node,
                flows,
                values,
            } => {
                let flow = if when.step == 0 {
                    0.0
                } else {
                    previous.row[*node]
                };
                interpolate_points(flow, flows, values)
            }
            // Stateful: `evaluate` computes these (a deficit: `after_step`) and never passes
            // one here (no scenario-aware parameter has such members).
            Compiled::Deficit { .. }
            | Compiled::RollingMean { .. }
            | Compiled::CurveIndex { .. }
            | Compiled::Threshold { .. } => f64::NAN,
            Compiled::Aggregated { func, items } => {
                let it = items.iter().map(|j| self.values[*j]);
                match func {
                    AggFunc::Sum => it.sum(),
                    AggFunc::Min => it.fold(f64::INFINITY, f64::min),
                    AggFunc::Max => it.fold(f64::NEG_INFINITY, f64::max),
                    AggFunc::Mean => it.sum::<f64>() / items.len() as f64,
                    AggFunc::Product => it.product(),
                }
            }
        }
    }
}

/// The calendar position of a step, for profiles and series.
struct When {
    step: usize,
    month: usize,
    /// pywr's `dayofyear_index`; its week is `doy / 7`, the last week taking days 364–365.
    doy: usize,
}

/// pywr's `UniformDrawdownProfileParameter` on `date`: 1 on the reset day, then down by
/// `(1 − residual_days / N) / N` a day, N being the days (365 or 366) of the licence year. Day
/// counts use pywr's `dayofyear_index` (29 February always counted as index 59), as pywr does.
fn uniform_drawdown(date: NaiveDate, reset_day: u32, reset_month: u32, residual_days: f64) -> f64 {
    let leap = |y: i32| NaiveDate::from_ymd_opt(y, 2, 29).is_some();
    // The reset day's index in a leap year (2016), zero-based.
    let reset_idoy = NaiveDate::from_ymd_opt(2016, reset_month, reset_day)
        .map_or(0, |d| i64::from(d.ordinal0()));
    let current = dayofyear_index(date) as i64;
    let mut year = date.year();
    let mut days_into = current - reset_idoy;
    if days_into < 0 {
        year -= 1;
    }
    if reset_idoy > 59 {
        year += 1;
    }
    let total = if leap(year) { 366.0 } else { 365.0 };
    if days_into < 0 {
        days_into += 366;
        if !leap(date.year()) && current > 59 {
            days_into -= 1;
        }
    }
    let slope = (residual_days / total - 1.0) / total;
    1.0 + slope * days_into as f64
}

/// pywr's `DiscountFactorParameter` in `year`: `1 / (1 + rate)^(year − base_year)`.
pub(crate) fn discount_factor(rate: f64, base_year: i32, year: i32) -> f64 {
    1.0 / (1.0 + rate).powf(f64::from(year) - f64::from(base_year))
}

/// `values` interpolated linearly at `x` between `points` (increasing); `NaN` outside them,
/// where scipy's `interp1d` (pywr's default `bounds_error`) raises.
fn interpolate_points(x: f64, points: &[f64], values: &[f64]) -> f64 {
    let k = points.partition_point(|&p| p < x);
    if k == 0 {
        return if x == points[0] { values[0] } else { f64::NAN };
    }
    if k == points.len() {
        return f64::NAN;
    }
    let (x0, x1) = (points[k - 1], points[k]);
    let w = (x - x0) / (x1 - x0);
    values[k - 1] + w * (values[k] - values[k - 1])
}

/// Linear interpolation of `value(j)` on the proportional volume `p` between 100 %, each curve
/// (highest first) and 0 %: pywr's `ControlCurveInterpolatedParameter`.
fn interpolate(
    p: f64,
    curves: impl Iterator<Item = f64>,
    value: impl Fn(usize) -> f64,
    n_values: usize,
) -> f64 {
    let mut prev = 1.0;
    for (j, cc) in curves.enumerate() {
        if p >= cc {
            if prev == cc {
                return value(j + 1);
            }
            let w = (p - cc) / (prev - cc);
            return value(j) * w + value(j + 1) * (1.0 - w);
        }
        prev = cc;
    }
    if prev == 0.0 {
        return value(n_values - 2);
    }
    let w = p / prev;
    value(n_values - 2) * w + value(n_values - 1) * (1.0 - w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dayofyear_index_skips_29_february_in_common_years() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(dayofyear_index(d(2021, 2, 28)), 58);
        assert_eq!(dayofyear_index(d(2021, 3, 1)), 60);
        assert_eq!(dayofyear_index(d(2020, 2, 29)), 59);
        assert_eq!(dayofyear_index(d(2020, 3, 1)), 60);
        assert_eq!(dayofyear_index(d(2021, 12, 31)), 365);
    }

    #[test]
    fn interpolated_volume_is_linear_between_points_and_nan_outside() {
        let (x, y) = ([0.0, 50.0, 200.0], [0.0, 20.0, 50.0]);
        assert_eq!(interpolate_points(0.0, &x, &y), 0.0);
        assert_eq!(interpolate_points(25.0, &x, &y), 10.0);
        assert_eq!(interpolate_points(50.0, &x, &y), 20.0);
        assert_eq!(interpolate_points(125.0, &x, &y), 35.0);
        assert_eq!(interpolate_points(200.0, &x, &y), 50.0);
        assert!(interpolate_points(-1e-9, &x, &y).is_nan());
        assert!(interpolate_points(200.5, &x, &y).is_nan());
        assert!(interpolate_points(f64::NAN, &x, &y).is_nan());
    }

    #[test]
    fn uniform_drawdown_follows_pywr() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        // Reset on 1 January: 1 on the day, then down by 1/366 a day in a leap year.
        assert_eq!(uniform_drawdown(d(2020, 1, 1), 1, 1, 0.0), 1.0);
        assert!((uniform_drawdown(d(2020, 1, 2), 1, 1, 0.0) - (1.0 - 1.0 / 366.0)).abs() < 1e-12);
        // Reset on 1 April, the day before: the licence year ends (2021-04-01 − 1 day,
        // a common year ending: 365 days, 364 into it).
        let v = uniform_drawdown(d(2021, 3, 31), 1, 4, 0.0);
        assert!((v - (1.0 - 364.0 / 365.0)).abs() < 1e-12, "{v}");
        // A residual of 10 days ends the year at 10/365 instead of 0.
        let v = uniform_drawdown(d(2021, 3, 31), 1, 4, 10.0);
        let slope = (10.0 / 365.0 - 1.0) / 365.0;
        assert!((v - (1.0 + slope * 364.0)).abs() < 1e-12, "{v}");
    }

    #[test]
    fn discount_factor_is_one_in_the_base_year_and_compounds() {
        assert_eq!(discount_factor(0.035, 2015, 2015), 1.0);
        assert!((discount_factor(0.035, 2015, 2016) - 1.0 / 1.035).abs() < 1e-15);
        assert!((discount_factor(0.035, 2015, 2017) - 1.0 / (1.035 * 1.035)).abs() < 1e-15);
        // Before the base year the factor grows, as pywr's formula gives.
        assert!((discount_factor(0.05, 2020, 2019) - 1.05).abs() < 1e-15);
    }

    proptest::proptest! {
        /// From the base year on and for a rate of 0 or more the factor is in [0, 1] (0 only
        /// once (1 + rate)^years overflows) and never rises from one year to the next; no
        /// rate or year panics.
        #[test]
        fn discount_factor_stays_in_0_1_and_falls(
            rate in proptest::prop_oneof![
                proptest::strategy::Just(0.0),
                proptest::strategy::Just(1e308),
                proptest::strategy::Just(f64::MIN_POSITIVE),
                0.0..10.0f64
            ],
            base in -9999..=9999i32,
            years in 0..20_000i32,
        ) {
            let year = base.saturating_add(years);
            let f = discount_factor(rate, base, year);
            proptest::prop_assert!((0.0..=1.0).contains(&f), "{f}");
            proptest::prop_assert!(discount_factor(rate, base, year.saturating_add(1)) <= f);
            let _ = discount_factor(-rate, year, base);
            let _ = discount_factor(f64::NAN, base, year);
        }
    }

    #[test]
    fn interpolation_matches_the_pywr_docstring_example() {
        // Curves 0.5, 0.3; values 0, −5, −10, −20 at 100 %, 50 %, 30 %, 0 %.
        let vals = [0.0, -5.0, -10.0, -20.0];
        let f = |p: f64| interpolate(p, [0.5, 0.3].into_iter(), |j| vals[j], 4);
        assert!((f(1.0) - 0.0).abs() < 1e-12);
        assert!((f(0.75) + 2.5).abs() < 1e-12);
        assert!((f(0.5) + 5.0).abs() < 1e-12);
        assert!((f(0.4) + 7.5).abs() < 1e-12);
        assert!((f(0.15) + 15.0).abs() < 1e-12);
        assert!((f(0.0) + 20.0).abs() < 1e-12);
    }
}
