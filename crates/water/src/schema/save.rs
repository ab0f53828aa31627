//! Saving a model: [`Model`] serialises to pywr 1.x JSON that [`Model::load`] and
//! [`Model::from_json_str`] read back to an equal model.
//!
//! Attributes are written as the reader expects them: literal numbers as numbers, named
//! parameters as their names, inline parameters as objects. Defaults the reader fills in
//! (a storage's `min_volume`, `cost`, `inputs` and `outputs`, a licence's reset day) are
//! written out, so the saved file states everything the engine uses. A `dataframe` parameter
//! keeps its CSV: its `url` is written relative to the model's folder, so save the model in the
//! folder it was loaded from (or copy the CSV files along).

use serde::{Serialize, Serializer};
use serde_json::{Map, Value as Json, json};

use super::{
    AggFunc, Edge, FrameOrigin, IndexColumn, Interpolation, LossFactorType, Model, Node, NodeKind,
    Parameter, ParameterKind, ParameterValue, RiverSplitSpec, RollingWindow, Scenario, SheetName,
    Slot, StorageSpec, ThresholdOn, VirtualStorageSpec,
};

impl Serialize for Model {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl Model {
    /// The model as pywr 1.x JSON (see [`Model::to_json_string`] for text).
    ///
    /// A number that is not finite has no JSON form and is written as `null`; run
    /// [`Model::validate`] first to catch one.
    pub fn to_json(&self) -> Json {
        let mut top = Map::new();
        if let Some(title) = &self.title {
            top.insert("metadata".to_owned(), json!({ "title": title }));
        }
        top.insert(
            "timestepper".to_owned(),
            json!({
                "start": self.timestepper.start.format("%Y-%m-%d").to_string(),
                "end": self.timestepper.end.format("%Y-%m-%d").to_string(),
                "timestep": self.timestepper.step.to_json(),
            }),
        );
        let base_dir = self
            .path
            .parent()
            .unwrap_or_else(|| std::path::Path::new(""));
        if !self.scenarios.is_empty() {
            top.insert(
                "scenarios".to_owned(),
                Json::Array(self.scenarios.iter().map(scenario).collect()),
            );
        }
        if let Some(c) = &self.scenario_combinations {
            top.insert("scenario_combinations".to_owned(), json!(c));
        }
        if !self.parameters.is_empty() {
            let params = self
                .parameters
                .iter()
                .map(|(name, p)| (name.clone(), parameter(p, base_dir)))
                .collect();
            top.insert("parameters".to_owned(), Json::Object(params));
        }
        top.insert(
            "nodes".to_owned(),
            Json::Array(self.nodes.iter().map(|n| node(n, base_dir)).collect()),
        );
        top.insert(
            "edges".to_owned(),
            Json::Array(self.edges.iter().map(edge).collect()),
        );
        if let Some(b) = &self.bisection {
            let mut m = Map::new();
            m.insert("parameter".to_owned(), Json::String(b.parameter.clone()));
            put(&mut m, "epsilon", b.epsilon.map(number));
            put(
                &mut m,
                "error_on_infeasible",
                b.error_on_infeasible.map(Json::Bool),
            );
            top.insert("bisection".to_owned(), Json::Object(m));
        }
        if !self.recorders.is_empty() {
            // A recorder is saved as it was written (its typed fields are read from it).
            let recorders = self
                .recorders
                .iter()
                .map(|r| (r.name.clone(), r.definition.clone()))
                .collect();
            top.insert("recorders".to_owned(), Json::Object(recorders));
        }
        Json::Object(top)
    }

    /// The model as indented pywr 1.x JSON text, ready to write to a `.json` file.
    pub fn to_json_string(&self) -> String {
        // Serialising a `serde_json::Value` cannot fail (all map keys are strings).
        serde_json::to_string_pretty(&self.to_json()).unwrap_or_default()
    }
}

fn scenario(s: &Scenario) -> Json {
    let mut m = Map::new();
    m.insert("name".to_owned(), Json::String(s.name.clone()));
    m.insert("size".to_owned(), Json::from(s.size));
    put(
        &mut m,
        "ensemble_names",
        s.ensemble_names.as_ref().map(|n| json!(n)),
    );
    put(
        &mut m,
        "slice",
        s.slice.map(|sl| json!([sl.start, sl.stop, sl.step])),
    );
    Json::Object(m)
}

fn rows<R: AsRef<[f64]>>(rows: &[R]) -> Json {
    Json::Array(rows.iter().map(|r| numbers(r.as_ref())).collect())
}

fn edge(e: &Edge) -> Json {
    let slot = |s: &Option<Slot>| s.as_ref().map_or(Json::Null, Slot::to_json);
    if e.from_slot.is_none() && e.to_slot.is_none() {
        json!([e.from, e.to])
    } else {
        json!([e.from, e.to, slot(&e.from_slot), slot(&e.to_slot)])
    }
}

/// A number, or `null` when it has no JSON form (NaN, ±∞).
fn number(v: f64) -> Json {
    serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number)
}

fn numbers(vs: &[f64]) -> Json {
    Json::Array(vs.iter().copied().map(number).collect())
}

fn value(v: &ParameterValue, base_dir: &std::path::Path) -> Json {
    match v {
        ParameterValue::Constant(c) => number(*c),
        ParameterValue::Named(name) => Json::String(name.clone()),
        ParameterValue::Inline(p) => parameter(p, base_dir),
    }
}

fn values(vs: &[ParameterValue], base_dir: &std::path::Path) -> Json {
    Json::Array(vs.iter().map(|v| value(v, base_dir)).collect())
}

/// Inserts `key` when `v` is given.
fn put(map: &mut Map<String, Json>, key: &str, v: Option<Json>) {
    if let Some(v) = v {
        map.insert(key.to_owned(), v);
    }
}

/// Where a `dataframe`'s values come from: its `url` (with `filetype` and `sheet_name` for an
/// Excel sheet), or its values written inline as `data` (`columns` named, one value per date).
fn frame_source(
    m: &mut Map<String, Json>,
    url: &std::path::Path,
    origin: &FrameOrigin,
    dates: &[chrono::NaiveDate],
    columns: &[(String, &Vec<f64>)],
    base_dir: &std::path::Path,
) {
    match origin {
        FrameOrigin::Inline => {
            let data: Map<String, Json> = columns
                .iter()
                .map(|(name, values)| {
                    let column: Map<String, Json> = dates
                        .iter()
                        .zip(values.iter())
                        .map(|(d, v)| (d.format("%Y-%m-%d").to_string(), number(*v)))
                        .collect();
                    (name.clone(), Json::Object(column))
                })
                .collect();
            m.insert("data".to_owned(), Json::Object(data));
        }
        FrameOrigin::Excel { sheet } => {
            m.insert("url".to_owned(), Json::String(relative_url(url, base_dir)));
            m.insert("filetype".to_owned(), Json::String("excel".to_owned()));
            let sheet = match sheet {
                SheetName::Name(n) => Json::String(n.clone()),
                SheetName::Position(p) => Json::from(*p),
            };
            m.insert("sheet_name".to_owned(), sheet);
        }
        FrameOrigin::Csv => {
            m.insert("url".to_owned(), Json::String(relative_url(url, base_dir)));
            // A CSV whose extension does not say so was read with `"filetype": "csv"`.
            let by_extension = url.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["csv", "txt", "gz", "bz2"].contains(&e.to_ascii_lowercase().as_str())
            });
            if !by_extension {
                m.insert("filetype".to_owned(), Json::String("csv".to_owned()));
            }
        }
    }
}

/// A data file's path relative to the model's folder, with `/` separators.
fn relative_url(url: &std::path::Path, base_dir: &std::path::Path) -> String {
    url.strip_prefix(base_dir)
        .unwrap_or(url)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn index_json(index_col: &IndexColumn) -> Json {
    match index_col {
        IndexColumn::Name(n) => Json::String(n.clone()),
        IndexColumn::Position(p) => Json::from(*p),
    }
}

fn parameter(p: &Parameter, base_dir: &std::path::Path) -> Json {
    let mut m = Map::new();
    let kind = match &p.kind {
        ParameterKind::Constant { value } => {
            m.insert("value".to_owned(), number(*value));
            "constant"
        }
        ParameterKind::MonthlyProfile { values } => {
            m.insert("values".to_owned(), numbers(values));
            "monthlyprofile"
        }
        ParameterKind::DailyProfile { values } => {
            m.insert("values".to_owned(), numbers(values));
            "dailyprofile"
        }
        ParameterKind::DataFrame {
            url,
            origin,
            dates,
            values,
            column,
            index_col,
            dayfirst,
        } => {
            let name = column.clone().unwrap_or_else(|| "0".to_owned());
            frame_source(&mut m, url, origin, dates, &[(name, values)], base_dir);
            put(&mut m, "column", column.clone().map(Json::String));
            if *origin != FrameOrigin::Inline {
                m.insert("index_col".to_owned(), index_json(index_col));
            }
            m.insert("parse_dates".to_owned(), Json::Bool(true));
            if *dayfirst {
                m.insert("dayfirst".to_owned(), Json::Bool(true));
            }
            "dataframe"
        }
        ParameterKind::ControlCurve {
            storage_node,
            control_curves,
            values: vs,
        }
        | ParameterKind::ControlCurveInterpolated {
            storage_node,
            control_curves,
            values: vs,
        } => {
            m.insert(
                "storage_node".to_owned(),
                Json::String(storage_node.clone()),
            );
            m.insert(
                "control_curves".to_owned(),
                values(control_curves, base_dir),
            );
            // Numbers go in `values`, anything else in `parameters`; both read back the same.
            let key = if vs.iter().all(|v| matches!(v, ParameterValue::Constant(_))) {
                "values"
            } else {
                "parameters"
            };
            m.insert(key.to_owned(), values(vs, base_dir));
            if matches!(p.kind, ParameterKind::ControlCurve { .. }) {
                "controlcurve"
            } else {
                "controlcurveinterpolated"
            }
        }
        ParameterKind::Storage {
            storage_node,
            use_proportional_volume,
        } => {
            m.insert(
                "storage_node".to_owned(),
                Json::String(storage_node.clone()),
            );
            m.insert(
                "use_proportional_volume".to_owned(),
                Json::Bool(*use_proportional_volume),
            );
            "storage"
        }
        ParameterKind::InterpolatedVolume {
            node,
            volumes,
            values,
            kind,
        } => {
            m.insert("node".to_owned(), Json::String(node.clone()));
            m.insert("volumes".to_owned(), numbers(volumes));
            m.insert("values".to_owned(), numbers(values));
            if *kind != Interpolation::Linear {
                m.insert("interp_kwargs".to_owned(), json!({"kind": kind.name()}));
            }
            "interpolatedvolume"
        }
        ParameterKind::UniformDrawdownProfile {
            reset_day,
            reset_month,
            residual_days,
        } => {
            m.insert("reset_day".to_owned(), Json::from(*reset_day));
            m.insert("reset_month".to_owned(), Json::from(*reset_month));
            m.insert("residual_days".to_owned(), number(*residual_days));
            "uniformdrawdownprofile"
        }
        ParameterKind::Aggregated {
            agg_func,
            parameters,
        } => {
            let func = match agg_func {
                AggFunc::Sum => "sum",
                AggFunc::Min => "min",
                AggFunc::Max => "max",
                AggFunc::Mean => "mean",
                AggFunc::Product => "product",
            };
            m.insert("agg_func".to_owned(), Json::String(func.to_owned()));
            m.insert("parameters".to_owned(), values(parameters, base_dir));
            "aggregated"
        }
        ParameterKind::ConstantScenario { scenario, values } => {
            m.insert("scenario".to_owned(), Json::String(scenario.clone()));
            m.insert("values".to_owned(), numbers(values));
            "constantscenario"
        }
        ParameterKind::ConstantScenarioIndex { scenario, values } => {
            m.insert("scenario".to_owned(), Json::String(scenario.clone()));
            m.insert("values".to_owned(), json!(values));
            "constantscenarioindex"
        }
        ParameterKind::ScenarioMonthlyProfile { scenario, values } => {
            m.insert("scenario".to_owned(), Json::String(scenario.clone()));
            m.insert("values".to_owned(), rows(values));
            "scenariomonthlyprofile"
        }
        ParameterKind::ScenarioDailyProfile { scenario, values }
        | ParameterKind::ScenarioWeeklyProfile { scenario, values }
        | ParameterKind::ArrayIndexedScenario { scenario, values } => {
            m.insert("scenario".to_owned(), Json::String(scenario.clone()));
            m.insert("values".to_owned(), rows(values));
            match p.kind {
                ParameterKind::ScenarioDailyProfile { .. } => "scenariodailyprofile",
                ParameterKind::ScenarioWeeklyProfile { .. } => "scenarioweeklyprofile",
                _ => "arrayindexedscenario",
            }
        }
        ParameterKind::ScenarioWrapper {
            scenario,
            parameters,
        } => {
            m.insert("scenario".to_owned(), Json::String(scenario.clone()));
            m.insert("parameters".to_owned(), values(parameters, base_dir));
            "scenariowrapper"
        }
        ParameterKind::ArrayIndexedScenarioMonthlyFactors {
            scenario,
            values,
            factors,
        } => {
            m.insert("scenario".to_owned(), Json::String(scenario.clone()));
            m.insert("values".to_owned(), numbers(values));
            m.insert("factors".to_owned(), rows(factors));
            "arrayindexedscenariomonthlyfactors"
        }
        ParameterKind::ScenarioDataFrame {
            url,
            origin,
            scenario,
            dates,
            columns,
            index_col,
            dayfirst,
        } => {
            // Written inline, the columns are named by position, zero-padded so that the
            // sorted keys of the saved object keep the members' order.
            let width = columns.len().saturating_sub(1).to_string().len();
            let named: Vec<(String, &Vec<f64>)> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("{i:0width$}"), c))
                .collect();
            frame_source(&mut m, url, origin, dates, &named, base_dir);
            m.insert("scenario".to_owned(), Json::String(scenario.clone()));
            if *origin != FrameOrigin::Inline {
                m.insert("index_col".to_owned(), index_json(index_col));
            }
            m.insert("parse_dates".to_owned(), Json::Bool(true));
            if *dayfirst {
                m.insert("dayfirst".to_owned(), Json::Bool(true));
            }
            "dataframe"
        }
        ParameterKind::HydropowerTarget(h) => {
            m.insert("target".to_owned(), value(&h.target, base_dir));
            put(
                &mut m,
                "max_flow",
                h.max_flow.as_ref().map(|v| value(v, base_dir)),
            );
            put(
                &mut m,
                "min_flow",
                h.min_flow.as_ref().map(|v| value(v, base_dir)),
            );
            m.insert("min_head".to_owned(), number(h.min_head));
            let t = &h.turbine;
            put(
                &mut m,
                "water_elevation_parameter",
                t.water_elevation.as_ref().map(|v| value(v, base_dir)),
            );
            m.insert("turbine_elevation".to_owned(), number(t.turbine_elevation));
            m.insert("efficiency".to_owned(), number(t.efficiency));
            m.insert("density".to_owned(), number(t.density));
            m.insert(
                "flow_unit_conversion".to_owned(),
                number(t.flow_unit_conversion),
            );
            m.insert(
                "energy_unit_conversion".to_owned(),
                number(t.energy_unit_conversion),
            );
            "hydropowertarget"
        }
        ParameterKind::ControlCurveIndex {
            storage_node,
            control_curves,
        } => {
            m.insert(
                "storage_node".to_owned(),
                Json::String(storage_node.clone()),
            );
            m.insert(
                "control_curves".to_owned(),
                values(control_curves, base_dir),
            );
            "controlcurveindex"
        }
        ParameterKind::IndexedArray {
            index_parameter,
            params,
        } => {
            m.insert(
                "index_parameter".to_owned(),
                value(index_parameter, base_dir),
            );
            m.insert("params".to_owned(), values(params, base_dir));
            "indexedarray"
        }
        ParameterKind::Deficit { node } => {
            m.insert("node".to_owned(), Json::String(node.clone()));
            "deficit"
        }
        ParameterKind::DiscountFactor { rate, base_year } => {
            m.insert("rate".to_owned(), number(*rate));
            m.insert("base_year".to_owned(), Json::from(*base_year));
            "discountfactor"
        }
        ParameterKind::InterpolatedFlow {
            node,
            flows,
            values: vs,
        } => {
            m.insert("node".to_owned(), Json::String(node.clone()));
            m.insert("flows".to_owned(), numbers(flows));
            m.insert("values".to_owned(), numbers(vs));
            "interpolatedflow"
        }
        ParameterKind::RollingMeanFlowNode {
            node,
            timesteps,
            days,
            initial_flow,
        } => {
            m.insert("node".to_owned(), Json::String(node.clone()));
            put(&mut m, "timesteps", timesteps.map(Json::from));
            put(&mut m, "days", days.map(Json::from));
            m.insert("initial_flow".to_owned(), number(*initial_flow));
            "rollingmeanflownode"
        }
        ParameterKind::Flow {
            node,
            initial_value,
        } => {
            m.insert("node".to_owned(), Json::String(node.clone()));
            m.insert("initial_value".to_owned(), number(*initial_value));
            "flow"
        }
        ParameterKind::Threshold {
            on,
            threshold,
            values: vals,
            predicate,
            ratchet,
        } => {
            m.insert("threshold".to_owned(), value(threshold, base_dir));
            put(&mut m, "values", vals.as_deref().map(numbers));
            m.insert(
                "predicate".to_owned(),
                Json::String(predicate.as_str().to_owned()),
            );
            if *ratchet {
                m.insert("ratchet".to_owned(), Json::Bool(true));
            }
            match on {
                ThresholdOn::Recorder {
                    recorder,
                    initial_value,
                } => {
                    m.insert("recorder".to_owned(), Json::String(recorder.clone()));
                    m.insert("initial_value".to_owned(), Json::from(*initial_value));
                    "recorderthreshold"
                }
                ThresholdOn::Parameter(p) => {
                    m.insert("parameter".to_owned(), value(p, base_dir));
                    "parameterthreshold"
                }
                ThresholdOn::Storage(n) => {
                    m.insert("storage_node".to_owned(), Json::String(n.clone()));
                    "storagethreshold"
                }
                ThresholdOn::Node(n) => {
                    m.insert("node".to_owned(), Json::String(n.clone()));
                    "nodethreshold"
                }
                ThresholdOn::CurrentYear => "currentyearthreshold",
                ThresholdOn::CurrentOrdinalDay => "currentordinaldaythreshold",
            }
        }
    };
    if let Some(v) = &p.variable {
        m.insert("is_variable".to_owned(), Json::Bool(v.is_variable));
        let bounds = |b: &[f64]| match b {
            [one] => number(*one),
            many => numbers(many),
        };
        put(
            &mut m,
            "lower_bounds",
            v.lower_bounds.as_deref().map(bounds),
        );
        put(
            &mut m,
            "upper_bounds",
            v.upper_bounds.as_deref().map(bounds),
        );
    }
    m.insert("type".to_owned(), Json::String(kind.to_owned()));
    Json::Object(m)
}

fn node(n: &Node, base_dir: &std::path::Path) -> Json {
    let mut m = Map::new();
    m.insert("name".to_owned(), Json::String(n.name.clone()));
    let opt = |v: &Option<ParameterValue>| v.as_ref().map(|v| value(v, base_dir));
    let kind = match &n.kind {
        NodeKind::Input {
            min_flow,
            max_flow,
            cost,
        }
        | NodeKind::Output {
            min_flow,
            max_flow,
            cost,
        }
        | NodeKind::Link {
            min_flow,
            max_flow,
            cost,
        } => {
            put(&mut m, "min_flow", opt(min_flow));
            put(&mut m, "max_flow", opt(max_flow));
            put(&mut m, "cost", opt(cost));
            match n.kind {
                NodeKind::Input { .. } => "input",
                NodeKind::Output { .. } => "output",
                _ => "link",
            }
        }
        NodeKind::Catchment { flow, cost } => {
            put(&mut m, "flow", opt(flow));
            put(&mut m, "cost", opt(cost));
            "catchment"
        }
        NodeKind::Storage(spec) => {
            storage(&mut m, spec, true, base_dir);
            "storage"
        }
        NodeKind::Reservoir {
            storage: spec,
            control_curve,
            above_curve_cost,
        } => {
            // The reader refuses `cost` beside `above_curve_cost` (pywr would drop one).
            storage(&mut m, spec, above_curve_cost.is_none(), base_dir);
            put(&mut m, "control_curve", control_curve.map(number));
            put(&mut m, "above_curve_cost", above_curve_cost.map(number));
            "reservoir"
        }
        NodeKind::AggregatedStorage { storage_nodes } => {
            m.insert("storage_nodes".to_owned(), json!(storage_nodes));
            "aggregatedstorage"
        }
        NodeKind::PiecewiseLink { max_flows, costs } => {
            m.insert("nsteps".to_owned(), Json::from(costs.len()));
            m.insert(
                "max_flows".to_owned(),
                Json::Array(
                    max_flows
                        .iter()
                        .map(|v| v.as_ref().map_or(Json::Null, |v| value(v, base_dir)))
                        .collect(),
                ),
            );
            m.insert(
                "costs".to_owned(),
                Json::Array(costs.iter().map(|v| value(v, base_dir)).collect()),
            );
            "piecewiselink"
        }
        NodeKind::RiverGauge {
            mrf,
            mrf_cost,
            cost,
        } => {
            put(&mut m, "mrf", opt(mrf));
            put(&mut m, "mrf_cost", opt(mrf_cost));
            put(&mut m, "cost", opt(cost));
            "rivergauge"
        }
        NodeKind::LossLink {
            loss_factor,
            loss_factor_type,
            min_flow,
            max_flow,
            cost,
        } => {
            m.insert("loss_factor".to_owned(), value(loss_factor, base_dir));
            let t = match loss_factor_type {
                LossFactorType::Net => "net",
                LossFactorType::Gross => "gross",
            };
            m.insert("loss_factor_type".to_owned(), Json::String(t.to_owned()));
            put(&mut m, "min_flow", opt(min_flow));
            put(&mut m, "max_flow", opt(max_flow));
            put(&mut m, "cost", opt(cost));
            "losslink"
        }
        NodeKind::Aggregated {
            nodes,
            min_flow,
            max_flow,
            factors,
            flow_weights,
        } => {
            m.insert("nodes".to_owned(), json!(nodes));
            put(&mut m, "min_flow", opt(min_flow));
            put(&mut m, "max_flow", opt(max_flow));
            put(
                &mut m,
                "factors",
                factors.as_ref().map(|fs| values(fs, base_dir)),
            );
            put(&mut m, "flow_weights", flow_weights.as_deref().map(numbers));
            "aggregatednode"
        }
        NodeKind::AnnualVirtualStorage(spec) => {
            virtual_storage(&mut m, spec, base_dir);
            reset_date(&mut m, spec);
            "annualvirtualstorage"
        }
        NodeKind::SeasonalVirtualStorage(spec) => {
            virtual_storage(&mut m, spec, base_dir);
            reset_date(&mut m, spec);
            "seasonalvirtualstorage"
        }
        NodeKind::MonthlyVirtualStorage {
            spec,
            months,
            initial_months,
        } => {
            virtual_storage(&mut m, spec, base_dir);
            m.insert(
                "reset_to_initial_volume".to_owned(),
                Json::Bool(spec.reset_to_initial_volume),
            );
            m.insert("months".to_owned(), Json::from(*months));
            m.insert("initial_months".to_owned(), Json::from(*initial_months));
            "monthlyvirtualstorage"
        }
        NodeKind::RollingVirtualStorage { spec, window } => {
            virtual_storage(&mut m, spec, base_dir);
            match window {
                RollingWindow::Timesteps(t) => m.insert("timesteps".to_owned(), Json::from(*t)),
                RollingWindow::Days(d) => m.insert("days".to_owned(), Json::from(*d)),
            };
            "rollingvirtualstorage"
        }
        NodeKind::RiverSplit(spec) => river_split(&mut m, spec, base_dir),
    };
    m.insert("type".to_owned(), Json::String(kind.to_owned()));
    Json::Object(m)
}

fn storage(
    m: &mut Map<String, Json>,
    s: &StorageSpec,
    with_cost: bool,
    base_dir: &std::path::Path,
) {
    m.insert("max_volume".to_owned(), value(&s.max_volume, base_dir));
    m.insert("min_volume".to_owned(), value(&s.min_volume, base_dir));
    put(m, "initial_volume", s.initial_volume.map(number));
    put(m, "initial_volume_pc", s.initial_volume_pc.map(number));
    if with_cost {
        m.insert("cost".to_owned(), value(&s.cost, base_dir));
    }
    m.insert("inputs".to_owned(), Json::from(s.inputs));
    m.insert("outputs".to_owned(), Json::from(s.outputs));
    put(m, "area", s.area.as_ref().map(|v| value(v, base_dir)));
    put(m, "level", s.level.as_ref().map(|v| value(v, base_dir)));
}

fn virtual_storage(m: &mut Map<String, Json>, v: &VirtualStorageSpec, base_dir: &std::path::Path) {
    m.insert("nodes".to_owned(), json!(v.nodes));
    m.insert("factors".to_owned(), numbers(&v.factors));
    m.insert("max_volume".to_owned(), value(&v.max_volume, base_dir));
    m.insert("min_volume".to_owned(), value(&v.min_volume, base_dir));
    put(m, "initial_volume", v.initial_volume.map(number));
    put(m, "initial_volume_pc", v.initial_volume_pc.map(number));
}

/// The reset date, `reset_to_initial_volume` and season end of an annual or seasonal licence.
fn reset_date(m: &mut Map<String, Json>, v: &VirtualStorageSpec) {
    m.insert("reset_day".to_owned(), Json::from(v.reset_day));
    m.insert("reset_month".to_owned(), Json::from(v.reset_month));
    m.insert(
        "reset_to_initial_volume".to_owned(),
        Json::Bool(v.reset_to_initial_volume),
    );
    if let Some((day, month)) = v.end {
        m.insert("end_day".to_owned(), Json::from(day));
        m.insert("end_month".to_owned(), Json::from(month));
    }
}

/// A river split's attributes; returns its type name.
fn river_split(
    m: &mut Map<String, Json>,
    s: &RiverSplitSpec,
    base_dir: &std::path::Path,
) -> &'static str {
    let factors = s.factors.iter().map(|f| f.map_or(Json::Null, number));
    m.insert("factors".to_owned(), Json::Array(factors.collect()));
    let slots = s.slot_names.iter().map(Slot::to_json).collect();
    m.insert("slot_names".to_owned(), Json::Array(slots));
    let opt = |v: &Option<ParameterValue>| v.as_ref().map_or(Json::Null, |v| value(v, base_dir));
    if s.with_gauge {
        // Parsing made two bands: [mrf, none] at [mrf_cost, cost].
        m.insert("mrf".to_owned(), opt(&s.max_flows[0]));
        m.insert("mrf_cost".to_owned(), value(&s.costs[0], base_dir));
        m.insert("cost".to_owned(), value(&s.costs[1], base_dir));
        "riversplitwithgauge"
    } else {
        m.insert("nsteps".to_owned(), Json::from(s.bands()));
        m.insert(
            "max_flows".to_owned(),
            Json::Array(s.max_flows.iter().map(opt).collect()),
        );
        m.insert("costs".to_owned(), values(&s.costs, base_dir));
        "riversplit"
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    fn parse(text: &str) -> Model {
        Model::from_json_str(text, Path::new("/models/m.json")).unwrap()
    }

    fn round_trip(m: &Model) -> Model {
        let text = m.to_json_string();
        Model::from_json_str(&text, &m.path).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    /// Every node kind and every parameter kind that needs no file.
    const EVERY_KIND: &str = r#"{
        "metadata": {"title": "every kind"},
        "timestepper": {"start": "2024-01-01", "end": "2024-12-31", "timestep": 1},
        "parameters": {
            "c": {"type": "constant", "value": 2.5},
            "m": {"type": "monthlyprofile", "values": [1,2,3,4,5,6,7,8,9,10,11,12.5]},
            "cc": {"type": "controlcurve", "storage_node": "res", "control_curve": 0.5, "values": [-10, 0]},
            "cci": {"type": "controlcurveinterpolated", "storage_node": "res",
                    "control_curves": [0.8, {"type": "constant", "value": 0.3}], "parameters": ["c", 1, 0, -1]},
            "agg": {"type": "aggregated", "agg_func": "min", "parameters": ["c", "m", 7]}
        },
        "nodes": [
            {"name": "river", "type": "catchment", "flow": "m", "cost": -0.5},
            {"name": "in", "type": "input", "min_flow": 0, "max_flow": 1e15},
            {"name": "gauge", "type": "rivergauge", "mrf": 2, "mrf_cost": -100, "cost": 0.25},
            {"name": "res", "type": "reservoir", "max_volume": 100, "initial_volume_pc": 0.5,
             "control_curve": 0.7, "above_curve_cost": -2},
            {"name": "pond", "type": "storage", "max_volume": "c", "min_volume": 0,
             "initial_volume": 1, "initial_volume_pc": 0.4, "cost": "cc", "outputs": 2},
            {"name": "loss", "type": "losslink", "loss_factor": "c", "max_flow": 30},
            {"name": "gross", "type": "losslink", "loss_factor": 0.1, "loss_factor_type": "gross"},
            {"name": "canal", "type": "link", "max_flow": {"type": "constant", "value": 8}, "cost": "agg"},
            {"name": "farms", "type": "output", "max_flow": "cci", "cost": -10},
            {"name": "sea", "type": "output"},
            {"name": "both", "type": "aggregatednode", "nodes": ["farms", "sea"], "max_flow": 50,
             "factors": [1, "c"], "flow_weights": [1, 0.5]},
            {"name": "annual", "type": "annualvirtualstorage", "nodes": ["farms"], "max_volume": 900,
             "initial_volume": 900, "reset_month": 4, "reset_to_initial_volume": true},
            {"name": "season", "type": "seasonalvirtualstorage", "nodes": ["farms", "canal"], "factors": [1, 0.5],
             "max_volume": 500, "initial_volume_pc": 1, "reset_day": 1, "reset_month": 4, "end_day": 1, "end_month": 10}
        ],
        "edges": [["river", "gauge"], ["in", "gauge"], ["gauge", "res"], ["res", "pond", null, 0],
                  ["pond", "loss", 0, null], ["loss", "gross"], ["gross", "canal"], ["canal", "farms"], ["res", "sea"]]
    }"#;

    #[test]
    fn every_node_and_parameter_kind_reads_back_equal() {
        let m = parse(EVERY_KIND);
        assert_eq!(round_trip(&m), m);
        // Saving is stable: the saved text of the re-read model is the same text.
        assert_eq!(round_trip(&m).to_json_string(), m.to_json_string());
    }

    #[test]
    fn several_small_models_read_back_equal() {
        for text in [
            r#"{"timestepper": {"start": "2024-01-01", "end": "2024-01-01"},
                "nodes": [{"name": "a", "type": "input"}, {"name": "b", "type": "output"}],
                "edges": [["a", "b"]]}"#,
            r#"{"metadata": {"title": "t"}, "timestepper": {"start": "2020-02-28", "end": "2020-03-01"},
                "nodes": [{"name": "s", "type": "storage", "max_volume": 0, "initial_volume": 0}],
                "edges": []}"#,
            r#"{"timestepper": {"start": "2024-01-01", "end": "2024-01-05"},
                "parameters": {"d": {"type": "dailyprofile", "values": [PROFILE]}},
                "nodes": [{"name": "a", "type": "catchment", "flow": "d"}, {"name": "b", "type": "output"}],
                "edges": [["a", "b"]]}"#,
        ] {
            let profile = (0..366)
                .map(|i| format!("{}", f64::from(i) / 4.0))
                .collect::<Vec<_>>();
            let m = parse(&text.replace("PROFILE", &profile.join(",")));
            assert_eq!(round_trip(&m), m, "{text}");
        }
    }

    #[test]
    fn an_edit_is_saved() {
        let mut m = parse(EVERY_KIND);
        *m.node_mut("canal").and_then(Node::max_flow_mut).unwrap() =
            Some(ParameterValue::Constant(6.5));
        let back = round_trip(&m);
        assert_eq!(
            back.node("canal").unwrap().kind,
            m.node("canal").unwrap().kind
        );
        assert_ne!(back, parse(EVERY_KIND));
    }

    /// Any finite number, with the extremes and zero made likely.
    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-4_000_000i64..4_000_000).prop_map(|i| i as f64 / 8.0),
            any::<f64>().prop_filter("finite", |v| v.is_finite()),
            // Read one unit in the last place off without serde_json's float_roundtrip.
            Just(1.767_616_382_257_983e-8),
            Just(1e308),
            Just(-1e308),
            Just(0.0),
        ]
    }

    fn opt_value() -> impl Strategy<Value = Option<ParameterValue>> {
        prop_oneof![
            Just(None),
            number().prop_map(|v| Some(ParameterValue::Constant(v))),
            Just(Some(ParameterValue::Named("p".to_owned()))),
        ]
    }

    /// A network node of a random kind with random attributes.
    fn node_kind() -> impl Strategy<Value = NodeKind> {
        prop_oneof![
            (opt_value(), opt_value(), opt_value()).prop_map(|(min_flow, max_flow, cost)| {
                NodeKind::Link {
                    min_flow,
                    max_flow,
                    cost,
                }
            }),
            (opt_value(), opt_value()).prop_map(|(flow, cost)| NodeKind::Catchment { flow, cost }),
            (opt_value(), opt_value(), opt_value()).prop_map(|(mrf, mrf_cost, cost)| {
                NodeKind::RiverGauge {
                    mrf,
                    mrf_cost,
                    cost,
                }
            }),
            (
                number(),
                proptest::option::of(0.0..1.0f64),
                1usize..4,
                0usize..4
            )
                .prop_map(|(max, pc, inputs, outputs)| NodeKind::Storage(
                    StorageSpec {
                        max_volume: ParameterValue::Constant(max),
                        min_volume: ParameterValue::Constant(0.0),
                        initial_volume: Some(0.0),
                        initial_volume_pc: pc.map(|p| (p * 64.0).round() / 64.0),
                        cost: ParameterValue::Constant(0.0),
                        inputs,
                        outputs,
                        area: None,
                        level: None,
                    }
                )),
            (0u32..8, opt_value(), opt_value()).prop_map(|(l, max_flow, cost)| {
                NodeKind::LossLink {
                    loss_factor: ParameterValue::Constant(f64::from(l) / 8.0),
                    loss_factor_type: LossFactorType::Net,
                    min_flow: None,
                    max_flow,
                    cost,
                }
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn generated_models_read_back_equal(
            kinds in proptest::collection::vec(node_kind(), 1..8),
            p in number(),
            title in proptest::option::of("[a-z ]{0,12}"),
        ) {
            let mut nodes: Vec<Node> = kinds
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Node { name: format!("n{i}"), kind })
                .collect();
            nodes.push(Node {
                name: "sink".to_owned(),
                kind: NodeKind::Output { min_flow: None, max_flow: None, cost: None },
            });
            let edges = nodes
                .windows(2)
                .map(|w| Edge { from: w[0].name.clone(), to: w[1].name.clone(), from_slot: None, to_slot: None })
                .collect();
            let mut parameters = std::collections::BTreeMap::new();
            parameters.insert("p".to_owned(), Parameter::new(ParameterKind::Constant { value: p }));
            let m = Model {
                path: "/models/generated.json".into(),
                title,
                timestepper: crate::schema::Timestepper {
                    start: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                    end: chrono::NaiveDate::from_ymd_opt(2024, 1, 3).unwrap(),
                    step: crate::schema::Step::Days(1),
                },
                nodes,
                edges,
                parameters,
                scenarios: Vec::new(),
                scenario_combinations: None,
                recorders: Vec::new(),
                bisection: None,
            };
            // Independent random minima and maxima can contradict; only valid models are saved.
            prop_assume!(m.validate().is_ok());
            prop_assert_eq!(round_trip(&m), m);
        }
    }
}
