//! Parameters: numbers that nodes read each timestep (profiles, time series, control curves).

use dostyk_core_model::read::{Layout, ReadError, Table};
use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::Value as Json;

use super::fields::Fields;
use super::hydropower::{
    HydropowerTarget, Interpolation, parse_hydropower_target, parse_interp_kwargs,
};
use super::tables::Source;
use super::{Ctx, SchemaError, parse_date_str};

const SUPPORTED_PARAMETERS: &str = "constant, monthlyprofile, dailyprofile, dataframe, controlcurve, \
    controlcurveinterpolated, storage, interpolatedvolume, uniformdrawdownprofile, aggregated, \
    constantscenario, constantscenarioindex, scenariomonthlyprofile, scenariodailyprofile, \
    scenarioweeklyprofile, scenariowrapper, arrayindexedscenario, \
    arrayindexedscenariomonthlyfactors, recorderthreshold, parameterthreshold, storagethreshold, \
    nodethreshold, currentyearthreshold, currentordinaldaythreshold, flow, hydropowertarget, \
    controlcurveindex, indexedarray, deficit, discountfactor, interpolatedflow and \
    rollingmeanflownode";

/// A numeric attribute: a literal, the name of a parameter, or a parameter defined inline.
#[derive(Debug, Clone, PartialEq)]
pub enum ParameterValue {
    /// A literal number.
    Constant(f64),
    /// A reference to an entry of the model's `parameters`.
    Named(String),
    /// A parameter written in place.
    Inline(Box<Parameter>),
}

/// A parameter definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// What the parameter computes.
    pub kind: ParameterKind,
    /// Its optimisation attributes (`is_variable`, `lower_bounds`, `upper_bounds`), when
    /// given: read and kept for optimisation tools; the model runs with the given values.
    pub variable: Option<Variable>,
}

impl Parameter {
    /// A parameter of this kind without optimisation attributes.
    pub fn new(kind: ParameterKind) -> Self {
        Parameter {
            kind,
            variable: None,
        }
    }
}

/// pywr's optimisation attributes of a parameter. A simulation does not use them: pywr's
/// optimisation wrappers (platypus, pygmo) vary the parameter's values within the bounds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Variable {
    /// `is_variable`.
    pub is_variable: bool,
    /// `lower_bounds`: one number, or one per value.
    pub lower_bounds: Option<Vec<f64>>,
    /// `upper_bounds`: one number, or one per value.
    pub upper_bounds: Option<Vec<f64>>,
}

/// The comparison of a threshold parameter: `value PREDICATE threshold`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Predicate {
    /// `<` (`LT`, pywr's default).
    Lt,
    /// `>` (`GT`).
    Gt,
    /// `==` (`EQ`).
    Eq,
    /// `<=` (`LE`).
    Le,
    /// `>=` (`GE`).
    Ge,
}

impl Predicate {
    /// pywr's name (`LT`, `GT`, `EQ`, `LE`, `GE`).
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Lt => "LT",
            Predicate::Gt => "GT",
            Predicate::Eq => "EQ",
            Predicate::Le => "LE",
            Predicate::Ge => "GE",
        }
    }

    /// Whether `x PREDICATE threshold` holds (false when either is NaN, except that no
    /// comparison with NaN holds in pywr either).
    pub fn holds(self, x: f64, threshold: f64) -> bool {
        match self {
            Predicate::Lt => x < threshold,
            Predicate::Gt => x > threshold,
            Predicate::Eq => x == threshold,
            Predicate::Le => x <= threshold,
            Predicate::Ge => x >= threshold,
        }
    }
}

/// What a threshold parameter compares with its threshold.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ThresholdOn {
    /// A recorder's value of the previous timestep (`recorderthreshold`); on the first
    /// timestep the index is `initial_value`.
    Recorder {
        /// The recorder's name in `recorders`.
        recorder: String,
        /// The index on the first timestep (pywr's default 1).
        initial_value: i64,
    },
    /// A parameter's value this timestep (`parameterthreshold`).
    Parameter(ParameterValue),
    /// A storage's volume at the start of the timestep (`storagethreshold`).
    Storage(String),
    /// A node's flow in the previous timestep; index 0 on the first (`nodethreshold`).
    Node(String),
    /// The year of the timestep (`currentyearthreshold`).
    CurrentYear,
    /// The proleptic Gregorian ordinal of the timestep's first day, 1 January of year 1
    /// being 1 (`currentordinaldaythreshold`).
    CurrentOrdinalDay,
}

/// How an `aggregated` parameter combines its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AggFunc {
    /// Σ values.
    Sum,
    /// Smallest value.
    Min,
    /// Largest value.
    Max,
    /// Arithmetic mean.
    Mean,
    /// Π values.
    Product,
}

/// Where a `dataframe`'s values were read from (pywr's `read_dataframe`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameOrigin {
    /// A CSV file, plain or compressed as its extension says (`.gz`, `.bz2`).
    Csv,
    /// A sheet of an Excel workbook (`.xlsx`, `.xls`; pandas' `read_excel`).
    Excel {
        /// pandas' `sheet_name`.
        sheet: SheetName,
    },
    /// Values written in the model (`data`: an object of columns, each an object of dates).
    Inline,
}

/// pandas' `sheet_name`: a sheet of an Excel workbook by name, or by position from 0 (the
/// default, 0, is the first sheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetName {
    /// The sheet with this name.
    Name(String),
    /// The sheet at this position (0 is the first).
    Position(usize),
}

/// The supported parameter types.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ParameterKind {
    /// `constant`: always `value`.
    Constant {
        /// The value.
        value: f64,
    },
    /// `monthlyprofile`: the value of the current calendar month (January first).
    MonthlyProfile {
        /// Twelve values.
        values: [f64; 12],
    },
    /// `dailyprofile`: `values[dayofyear_index]`, 366 values, index 59 is 29 February.
    DailyProfile {
        /// 366 values.
        values: Vec<f64>,
    },
    /// `dataframe`: a daily time series read from a CSV file, an Excel sheet or written inline.
    DataFrame {
        /// The data file (resolved against the model's folder), or the model file itself when
        /// the values are written inline (`data`).
        url: PathBuf,
        /// How the values were read: CSV, an Excel sheet, or inline.
        origin: FrameOrigin,
        /// The dates of the rows, in file order.
        dates: Vec<NaiveDate>,
        /// The values of the selected column, one per date.
        values: Vec<f64>,
        /// The `column` the values were read from (needed when the CSV has several value
        /// columns).
        column: Option<String>,
        /// The `index_col` holding the dates.
        index_col: IndexColumn,
        /// pywr's `dayfirst`: a date such as `02/01/15` is 2 January, not 1 February.
        dayfirst: bool,
    },
    /// `controlcurve`: a step function of a storage's proportional volume.
    ControlCurve {
        /// The storage whose proportional volume is compared with the curves.
        storage_node: String,
        /// Curves, highest first.
        control_curves: Vec<ParameterValue>,
        /// One value per zone (curves + 1): above the first curve first.
        values: Vec<ParameterValue>,
    },
    /// `controlcurveinterpolated`: piecewise-linear in the proportional volume.
    ControlCurveInterpolated {
        /// The storage whose proportional volume is used.
        storage_node: String,
        /// Curves, highest first.
        control_curves: Vec<ParameterValue>,
        /// Values at 100 %, at each curve, and at 0 % (curves + 2).
        values: Vec<ParameterValue>,
    },
    /// `storage`: a storage's volume at the start of the timestep (its proportion of
    /// `max_volume` with `use_proportional_volume`), pywr's `StorageParameter`.
    Storage {
        /// The storage (or virtual storage) node.
        storage_node: String,
        /// Whether the value is the proportional volume (0–1) instead of the volume.
        use_proportional_volume: bool,
    },
    /// `interpolatedvolume`: interpolation of `values` on a storage's volume at the start of
    /// the timestep (pywr's `InterpolatedVolumeParameter` with scipy's `interp1d`, `kind`
    /// linear or cubic; a volume outside `volumes` is an error there and not a number here).
    InterpolatedVolume {
        /// The storage node.
        node: String,
        /// The volumes, increasing.
        volumes: Vec<f64>,
        /// The value at each volume.
        values: Vec<f64>,
        /// How values between the points are found (`interp_kwargs.kind`).
        kind: Interpolation,
    },
    /// `hydropowertarget`: the flow that gives a power target (pywr's
    /// `HydropowerTargetParameter`).
    HydropowerTarget(HydropowerTarget),
    /// `uniformdrawdownprofile`: 1 on the reset day, falling uniformly to
    /// `residual_days / days in the year` a year later (pywr's
    /// `UniformDrawdownProfileParameter`, a control curve for an annual licence).
    UniformDrawdownProfile {
        /// Day of the month of the reset (1–31).
        reset_day: u32,
        /// Month of the reset (1–12).
        reset_month: u32,
        /// Days of licence to keep in hand at the end of the year.
        residual_days: f64,
    },
    /// A threshold parameter (pywr's index parameters `recorderthreshold`,
    /// `parameterthreshold`, `storagethreshold`, `nodethreshold`, `currentyearthreshold`,
    /// `currentordinaldaythreshold`): index 1 when `value PREDICATE threshold` holds, else 0;
    /// its value is `values[index]` (NaN without `values`).
    Threshold {
        /// What is compared.
        on: ThresholdOn,
        /// The threshold.
        threshold: ParameterValue,
        /// The value for index 0 and index 1 (more are allowed and unused).
        values: Option<Vec<f64>>,
        /// The comparison.
        predicate: Predicate,
        /// Once index 1, always index 1 (`ratchet`).
        ratchet: bool,
    },
    /// `flow`: a node's flow in the previous timestep, `initial_value` on the first (pywr's
    /// `FlowParameter`).
    Flow {
        /// The node.
        node: String,
        /// The value on the first timestep (pywr's default 0).
        initial_value: f64,
    },
    /// `controlcurveindex`: the zone a storage is in at the start of the timestep, an index
    /// parameter (pywr's `ControlCurveIndexParameter`): the position of the first curve its
    /// proportional volume is at or above, or the number of curves when below them all.
    ControlCurveIndex {
        /// The storage whose proportional volume is compared with the curves.
        storage_node: String,
        /// Curves, highest first.
        control_curves: Vec<ParameterValue>,
    },
    /// `indexedarray`: the value of the parameter an index parameter selects (pywr's
    /// `IndexedArrayParameter`).
    IndexedArray {
        /// The index parameter (`controlcurveindex`, `constantscenarioindex` or a threshold).
        index_parameter: ParameterValue,
        /// One parameter (or number) per index.
        params: Vec<ParameterValue>,
    },
    /// `deficit`: a node's `max_flow` less its flow in the previous timestep, 0 on the first
    /// (pywr's `DeficitParameter`, computed after each timestep's allocation; a recorder of
    /// it records the timestep's own deficit).
    Deficit {
        /// The node.
        node: String,
    },
    /// `discountfactor`: `1 / (1 + rate)^(year − base_year)`, the year being the timestep's
    /// (pywr's `DiscountFactorParameter`).
    DiscountFactor {
        /// The discount rate per year (0.035 is 3.5 %).
        rate: f64,
        /// The year whose factor is 1.
        base_year: i32,
    },
    /// `interpolatedflow`: `values` interpolated linearly on a node's flow in the previous
    /// timestep (0 on the first) between `flows` (pywr's `InterpolatedFlowParameter`; a flow
    /// outside `flows` is an error there and not a number here).
    InterpolatedFlow {
        /// The node.
        node: String,
        /// The flows, increasing.
        flows: Vec<f64>,
        /// The value at each flow.
        values: Vec<f64>,
    },
    /// `rollingmeanflownode`: the mean of a node's flows over the last `timesteps` (or
    /// `days`) timesteps before this one, `initial_flow` on the first (pywr's
    /// `RollingMeanFlowNodeParameter`; fewer flows while fewer timesteps have run).
    RollingMeanFlowNode {
        /// The node.
        node: String,
        /// The window in timesteps (ignored when `days` is given).
        timesteps: Option<u32>,
        /// The window in days, a whole number of timesteps of a fixed number of days.
        days: Option<u32>,
        /// The value on the first timestep.
        initial_flow: f64,
    },
    /// `aggregated`: a function of several parameters.
    Aggregated {
        /// The aggregation.
        agg_func: AggFunc,
        /// The members.
        parameters: Vec<ParameterValue>,
    },
    /// `constantscenario`: a constant per member of a scenario (pywr's
    /// `ConstantScenarioParameter`).
    ConstantScenario {
        /// The name of the scenario (an entry of the model's `scenarios`).
        scenario: String,
        /// One value per member.
        values: Vec<f64>,
    },
    /// `constantscenarioindex`: an integer per member of a scenario (pywr's
    /// `ConstantScenarioIndexParameter`); its value is that integer.
    ConstantScenarioIndex {
        /// The name of the scenario.
        scenario: String,
        /// One integer per member.
        values: Vec<i32>,
    },
    /// `scenariomonthlyprofile`: a monthly profile per member (pywr's
    /// `ScenarioMonthlyProfileParameter`).
    ScenarioMonthlyProfile {
        /// The name of the scenario.
        scenario: String,
        /// Twelve values (January first) per member.
        values: Vec<[f64; 12]>,
    },
    /// `scenariodailyprofile`: a daily profile per member, 366 values each, indexed as
    /// `dailyprofile` (pywr's `ScenarioDailyProfileParameter`).
    ScenarioDailyProfile {
        /// The name of the scenario.
        scenario: String,
        /// 366 values per member.
        values: Vec<Vec<f64>>,
    },
    /// `scenarioweeklyprofile`: a weekly profile per member, 52 values each; week
    /// `dayofyear_index / 7`, the last week taking the year's last one or two days (pywr's
    /// `ScenarioWeeklyProfileParameter`).
    ScenarioWeeklyProfile {
        /// The name of the scenario.
        scenario: String,
        /// 52 values per member.
        values: Vec<Vec<f64>>,
    },
    /// `scenariowrapper`: a different parameter per member (pywr's `ScenarioWrapperParameter`).
    ScenarioWrapper {
        /// The name of the scenario.
        scenario: String,
        /// One parameter per member.
        parameters: Vec<ParameterValue>,
    },
    /// `arrayindexedscenario`: a table with a row per timestep and a column per member
    /// (pywr's `ArrayIndexedScenarioParameter`; rows by position, not by date).
    ArrayIndexedScenario {
        /// The name of the scenario.
        scenario: String,
        /// One row per timestep (at least as many as the run has), one value per member.
        values: Vec<Vec<f64>>,
    },
    /// `arrayindexedscenariomonthlyfactors`: a value per timestep times a monthly factor per
    /// member (pywr's `ArrayIndexedScenarioMonthlyFactorsParameter`).
    ArrayIndexedScenarioMonthlyFactors {
        /// The name of the scenario.
        scenario: String,
        /// One value per timestep (at least as many as the run has).
        values: Vec<f64>,
        /// Twelve factors (January first) per member.
        factors: Vec<[f64; 12]>,
    },
    /// `dataframe` with a `scenario`: a CSV with one value column per member (pywr's
    /// `DataFrameParameter` of a frame with several columns).
    ScenarioDataFrame {
        /// The data file (resolved against the model's folder), or the model file itself when
        /// the values are written inline (`data`).
        url: PathBuf,
        /// How the values were read: CSV, an Excel sheet, or inline.
        origin: FrameOrigin,
        /// The name of the scenario.
        scenario: String,
        /// The dates of the rows, in file order.
        dates: Vec<NaiveDate>,
        /// One series per member (the value columns in file order), one value per date.
        columns: Vec<Vec<f64>>,
        /// The `index_col` holding the dates.
        index_col: IndexColumn,
        /// pywr's `dayfirst`.
        dayfirst: bool,
    },
}

impl ParameterKind {
    /// The storage node a control-curve parameter reads, if any.
    pub fn storage_node(&self) -> Option<&str> {
        match self {
            ParameterKind::ControlCurve { storage_node, .. }
            | ParameterKind::ControlCurveInterpolated { storage_node, .. }
            | ParameterKind::ControlCurveIndex { storage_node, .. }
            | ParameterKind::Storage { storage_node, .. }
            | ParameterKind::InterpolatedVolume {
                node: storage_node, ..
            }
            | ParameterKind::Threshold {
                on: ThresholdOn::Storage(storage_node),
                ..
            } => Some(storage_node),
            _ => None,
        }
    }

    /// Whether this is one of pywr's index parameters (an integer each timestep, which an
    /// `indexedarray` or an index recorder reads): a threshold parameter,
    /// `controlcurveindex` or `constantscenarioindex`.
    pub fn is_index(&self) -> bool {
        matches!(
            self,
            ParameterKind::Threshold { .. }
                | ParameterKind::ControlCurveIndex { .. }
                | ParameterKind::ConstantScenarioIndex { .. }
        )
    }

    /// The parameter values this parameter depends on.
    pub fn children(&self) -> Vec<&ParameterValue> {
        match self {
            ParameterKind::ControlCurve {
                control_curves,
                values,
                ..
            }
            | ParameterKind::ControlCurveInterpolated {
                control_curves,
                values,
                ..
            } => control_curves.iter().chain(values.iter()).collect(),
            ParameterKind::ControlCurveIndex { control_curves, .. } => {
                control_curves.iter().collect()
            }
            ParameterKind::IndexedArray {
                index_parameter,
                params,
            } => std::iter::once(index_parameter).chain(params).collect(),
            ParameterKind::Aggregated { parameters, .. }
            | ParameterKind::ScenarioWrapper { parameters, .. } => parameters.iter().collect(),
            ParameterKind::Threshold { on, threshold, .. } => match on {
                ThresholdOn::Parameter(p) => vec![p, threshold],
                _ => vec![threshold],
            },
            ParameterKind::HydropowerTarget(h) => std::iter::once(&h.target)
                .chain(&h.max_flow)
                .chain(&h.min_flow)
                .chain(&h.turbine.water_elevation)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The scenario a scenario-aware parameter varies along, and how many members it gives
    /// values for (which must be the scenario's size).
    pub fn scenario(&self) -> Option<(&str, usize)> {
        match self {
            ParameterKind::ConstantScenario { scenario, values } => Some((scenario, values.len())),
            ParameterKind::ConstantScenarioIndex { scenario, values } => {
                Some((scenario, values.len()))
            }
            ParameterKind::ScenarioMonthlyProfile { scenario, values } => {
                Some((scenario, values.len()))
            }
            ParameterKind::ScenarioDailyProfile { scenario, values }
            | ParameterKind::ScenarioWeeklyProfile { scenario, values } => {
                Some((scenario, values.len()))
            }
            ParameterKind::ScenarioWrapper {
                scenario,
                parameters,
            } => Some((scenario, parameters.len())),
            ParameterKind::ArrayIndexedScenario { scenario, values } => {
                Some((scenario, values.first().map_or(0, Vec::len)))
            }
            ParameterKind::ArrayIndexedScenarioMonthlyFactors {
                scenario, factors, ..
            } => Some((scenario, factors.len())),
            ParameterKind::ScenarioDataFrame {
                scenario, columns, ..
            } => Some((scenario, columns.len())),
            _ => None,
        }
    }
}

/// Parses a number, a parameter name or an inline parameter.
pub(crate) fn parse_value(
    v: &Json,
    location: &str,
    ctx: &Ctx,
) -> Result<ParameterValue, SchemaError> {
    match v {
        Json::Number(n) => n
            .as_f64()
            .map(ParameterValue::Constant)
            .ok_or_else(|| ctx.invalid(location, "a finite number")),
        Json::String(s) => Ok(ParameterValue::Named(s.clone())),
        Json::Object(map) if !map.contains_key("type") && map.contains_key("table") => {
            super::tables::table_number(v, location, ctx).map(ParameterValue::Constant)
        }
        Json::Object(_) => Ok(ParameterValue::Inline(Box::new(parse_parameter(
            v, location, ctx,
        )?))),
        _ => Err(ctx.invalid(
            location,
            "a number, a parameter name or an inline parameter object",
        )),
    }
}

/// Parses one parameter definition.
pub(crate) fn parse_parameter(
    v: &Json,
    location: &str,
    ctx: &Ctx,
) -> Result<Parameter, SchemaError> {
    let mut f = Fields::new(v, location, ctx)?;
    let type_name = f.string("type")?;
    let _ = f.take("comment");
    let _ = f.take("name");
    let variable = parse_variable(&mut f)?;
    let lower = type_name.to_ascii_lowercase();
    let key = lower.strip_suffix("parameter").unwrap_or(&lower);
    let kind = match key {
        "constant" => {
            // pywr: `value`, else `values` (here a single number), else `url`/`table`.
            let value = match (f.number("value")?, f.take("values"), Source::take(&mut f)?) {
                (Some(v), None, None) => v,
                (None, Some(Json::Number(n)), None) => n
                    .as_f64()
                    .ok_or_else(|| ctx.invalid(&format!("{location}.values"), "a finite number"))?,
                (None, None, Some(source)) => source.scalar()?,
                _ => {
                    return Err(ctx.invalid(
                        &format!("{location}.value"),
                        "a number: one of value, values (one number), or url/table with column and index",
                    ));
                }
            };
            ParameterKind::Constant { value }
        }
        "monthlyprofile" => {
            let values = profile_values(&mut f)?.unwrap_or_default();
            let values: [f64; 12] = values.try_into().map_err(|_| {
                ctx.invalid(
                    &format!("{location}.values"),
                    "exactly 12 numbers (January to December)",
                )
            })?;
            ParameterKind::MonthlyProfile { values }
        }
        "dailyprofile" => {
            let values = profile_values(&mut f)?.unwrap_or_default();
            if values.len() != 366 {
                return Err(ctx.invalid(
                    &format!("{location}.values"),
                    "exactly 366 numbers (29 February at index 59)",
                ));
            }
            ParameterKind::DailyProfile { values }
        }
        "dataframe" => parse_dataframe(&mut f)?,
        "constantscenario" => ParameterKind::ConstantScenario {
            scenario: f.string("scenario")?,
            values: list_or_source(&mut f, "values")?,
        },
        "constantscenarioindex" => {
            let scenario = f.string("scenario")?;
            let at = format!("{location}.values");
            let values = list_or_source(&mut f, "values")?
                .into_iter()
                .map(|v| {
                    (v.fract() == 0.0 && v.abs() <= f64::from(i32::MAX))
                        .then_some(v as i32)
                        .ok_or_else(|| ctx.invalid(&at, "integers (one per member)"))
                })
                .collect::<Result<_, _>>()?;
            ParameterKind::ConstantScenarioIndex { scenario, values }
        }
        "scenariomonthlyprofile" => {
            let scenario = f.string("scenario")?;
            let rows = matrix(&mut f, "values")?;
            let values = rows
                .into_iter()
                .map(|r| <[f64; 12]>::try_from(r).ok())
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    ctx.invalid(
                        &format!("{location}.values"),
                        "a row of 12 numbers (January to December) per member",
                    )
                })?;
            ParameterKind::ScenarioMonthlyProfile { scenario, values }
        }
        "scenariodailyprofile" | "scenarioweeklyprofile" => {
            let scenario = f.string("scenario")?;
            let values = matrix(&mut f, "values")?;
            let (len, what) = if key == "scenariodailyprofile" {
                (
                    366,
                    "a row of 366 numbers (29 February at index 59) per member",
                )
            } else {
                (52, "a row of 52 numbers (one per week) per member")
            };
            if values.iter().any(|r| r.len() != len) {
                return Err(ctx.invalid(&format!("{location}.values"), what));
            }
            if len == 366 {
                ParameterKind::ScenarioDailyProfile { scenario, values }
            } else {
                ParameterKind::ScenarioWeeklyProfile { scenario, values }
            }
        }
        "scenariowrapper" => ParameterKind::ScenarioWrapper {
            scenario: f.string("scenario")?,
            parameters: f.values("parameters")?.unwrap_or_default(),
        },
        "arrayindexedscenario" => {
            let scenario = f.string("scenario")?;
            let values = matrix(&mut f, "values")?;
            if values.windows(2).any(|w| w[0].len() != w[1].len()) {
                return Err(ctx.invalid(
                    &format!("{location}.values"),
                    "rows of equal length (a row per timestep, a value per member)",
                ));
            }
            ParameterKind::ArrayIndexedScenario { scenario, values }
        }
        "arrayindexedscenariomonthlyfactors" => {
            let scenario = f.string("scenario")?;
            let values = number_list(&mut f, "values")?;
            let factors = matrix(&mut f, "factors")?
                .into_iter()
                .map(|r| <[f64; 12]>::try_from(r).ok())
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| {
                    ctx.invalid(
                        &format!("{location}.factors"),
                        "a row of 12 factors (January to December) per member",
                    )
                })?;
            ParameterKind::ArrayIndexedScenarioMonthlyFactors {
                scenario,
                values,
                factors,
            }
        }
        "controlcurve" | "controlcurveinterpolated" => {
            let storage_node = f.string("storage_node")?;
            let curves = match (f.value("control_curve")?, f.values("control_curves")?) {
                (Some(c), None) => vec![c],
                (None, Some(cs)) => cs,
                _ => {
                    return Err(
                        ctx.invalid(location, "exactly one of control_curve or control_curves")
                    );
                }
            };
            let interpolated = key == "controlcurveinterpolated";
            let expected_len = curves.len() + if interpolated { 2 } else { 1 };
            let values = match (f.numbers("values")?, f.values("parameters")?) {
                (Some(v), None) => v
                    .into_iter()
                    .map(ParameterValue::Constant)
                    .collect::<Vec<_>>(),
                (None, Some(p)) => p,
                _ => return Err(ctx.invalid(location, "exactly one of values or parameters")),
            };
            if values.len() != expected_len {
                return Err(ctx.invalid(
                    &format!("{location}.values"),
                    &format!(
                        "{expected_len} values ({} control curves {})",
                        curves.len(),
                        if interpolated { "+ 2" } else { "+ 1" }
                    ),
                ));
            }
            if interpolated {
                ParameterKind::ControlCurveInterpolated {
                    storage_node,
                    control_curves: curves,
                    values,
                }
            } else {
                ParameterKind::ControlCurve {
                    storage_node,
                    control_curves: curves,
                    values,
                }
            }
        }
        "storage" => ParameterKind::Storage {
            storage_node: f.string("storage_node")?,
            use_proportional_volume: f.boolean("use_proportional_volume")?.unwrap_or(false),
        },
        "interpolatedvolume" => {
            let node = f.string("node")?;
            let volumes = number_list(&mut f, "volumes")?;
            let values = number_list(&mut f, "values")?;
            let kind = parse_interp_kwargs(&mut f, location, ctx)?;
            kind.check_points(ctx, location, &volumes, &values)?;
            ParameterKind::InterpolatedVolume {
                node,
                volumes,
                values,
                kind,
            }
        }
        "uniformdrawdownprofile" => {
            let reset_day = f.integer("reset_day", 1, 31)?.unwrap_or(1);
            let reset_month = f.integer("reset_month", 1, 12)?.unwrap_or(1);
            if NaiveDate::from_ymd_opt(2016, reset_month, reset_day).is_none() {
                return Err(ctx.invalid(
                    &format!("{location}.reset_day"),
                    "a day that exists in reset_month",
                ));
            }
            let residual_days = f.number("residual_days")?.unwrap_or(0.0);
            ParameterKind::UniformDrawdownProfile {
                reset_day,
                reset_month,
                residual_days,
            }
        }
        "aggregated" => {
            let func = f.string("agg_func")?;
            let agg_func = match func.to_ascii_lowercase().as_str() {
                "sum" => AggFunc::Sum,
                "min" => AggFunc::Min,
                "max" => AggFunc::Max,
                "mean" => AggFunc::Mean,
                "product" => AggFunc::Product,
                _ => {
                    return Err(ctx.unsupported(
                        &format!("{location}.agg_func"),
                        "agg_func",
                        &func,
                        "sum, min, max, mean and product",
                    ));
                }
            };
            let parameters = f.values("parameters")?.unwrap_or_default();
            if parameters.is_empty() {
                return Err(ctx.invalid(
                    &format!("{location}.parameters"),
                    "a non-empty list of parameters",
                ));
            }
            ParameterKind::Aggregated {
                agg_func,
                parameters,
            }
        }
        "hydropowertarget" => {
            ParameterKind::HydropowerTarget(parse_hydropower_target(&mut f, location, ctx)?)
        }
        "tablesarray" => {
            // pywr's `TablesArrayParameter` reads an array from an HDF5 file (PyTables).
            let url = match f.take("url") {
                Some(Json::String(u)) => u.clone(),
                _ => "(no url given)".to_owned(),
            };
            return Err(ctx.unsupported(
                &format!("{location}.url"),
                "data file format",
                &format!("{url} (HDF5, read by a tablesarray parameter)"),
                "CSV files: Dostyk has no HDF5 reader (no pure-Rust one serves); export the array to a CSV beside the model and use a dataframe or arrayindexedscenario parameter",
            ));
        }
        "controlcurveindex" => super::indexed::parse_control_curve_index(&mut f)?,
        "indexedarray" => super::indexed::parse_indexed_array(&mut f)?,
        "deficit" => super::flow_history::parse_deficit(&mut f)?,
        "rollingmeanflownode" => super::flow_history::parse_rolling_mean_flow(&mut f)?,
        "interpolatedflow" => super::flow_history::parse_interpolated_flow(&mut f)?,
        "discountfactor" => {
            let rate = f.number("rate")?.ok_or_else(|| {
                ctx.invalid(
                    &format!("{location}.rate"),
                    "a discount rate (0.035 is 3.5 %)",
                )
            })?;
            let base_year = match f.take("base_year") {
                Some(Json::Number(n)) => n
                    .as_i64()
                    .and_then(|y| i32::try_from(y).ok())
                    .filter(|y| (-9999..=9999).contains(y)),
                _ => None,
            }
            .ok_or_else(|| {
                ctx.invalid(
                    &format!("{location}.base_year"),
                    "a year (a whole number from -9999 to 9999) whose factor is 1",
                )
            })?;
            ParameterKind::DiscountFactor { rate, base_year }
        }
        "flow" => ParameterKind::Flow {
            node: f.string("node")?,
            initial_value: f.number("initial_value")?.unwrap_or(0.0),
        },
        "recorderthreshold"
        | "parameterthreshold"
        | "storagethreshold"
        | "nodethreshold"
        | "currentyearthreshold"
        | "currentordinaldaythreshold" => parse_threshold(&mut f, key)?,
        _ => {
            return Err(ctx.unsupported(
                location,
                "parameter type",
                &type_name,
                SUPPORTED_PARAMETERS,
            ));
        }
    };
    f.finish()?;
    Ok(Parameter { kind, variable })
}

/// `is_variable`, `lower_bounds` and `upper_bounds`, when any is given.
fn parse_variable(f: &mut Fields<'_>) -> Result<Option<Variable>, SchemaError> {
    let is_variable = f.boolean("is_variable")?;
    let mut bounds = |key: &str| -> Result<Option<Vec<f64>>, SchemaError> {
        let at = format!("{}.{key}", f.location());
        let ctx = f.ctx();
        match f.take(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Number(n)) => Ok(n.as_f64().map(|x| vec![x])),
            Some(Json::Array(items)) => items
                .iter()
                .map(Json::as_f64)
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| ctx.invalid(&at, "a number or a list of numbers")),
            Some(_) => Err(ctx.invalid(&at, "a number or a list of numbers")),
        }
    };
    let lower_bounds = bounds("lower_bounds")?;
    let upper_bounds = bounds("upper_bounds")?;
    if is_variable.is_none() && lower_bounds.is_none() && upper_bounds.is_none() {
        return Ok(None);
    }
    Ok(Some(Variable {
        is_variable: is_variable.unwrap_or(false),
        lower_bounds,
        upper_bounds,
    }))
}

/// pywr's threshold parameters (`key` without the `parameter` suffix).
fn parse_threshold(f: &mut Fields<'_>, key: &str) -> Result<ParameterKind, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let on = match key {
        "recorderthreshold" => {
            let recorder = match f.take("recorder") {
                Some(Json::String(s)) => s.clone(),
                _ => {
                    return Err(ctx.invalid(
                        &format!("{location}.recorder"),
                        "the name of a recorder in \"recorders\"",
                    ));
                }
            };
            let initial_value = match f.take("initial_value") {
                None => 1,
                Some(v) => v.as_i64().filter(|i| (0..=1).contains(i)).ok_or_else(|| {
                    ctx.invalid(&format!("{location}.initial_value"), "an index, 0 or 1")
                })?,
            };
            ThresholdOn::Recorder {
                recorder,
                initial_value,
            }
        }
        "parameterthreshold" => ThresholdOn::Parameter(
            f.value("parameter")?
                .ok_or_else(|| ctx.invalid(&format!("{location}.parameter"), "a parameter"))?,
        ),
        "storagethreshold" => ThresholdOn::Storage(f.string("storage_node")?),
        "nodethreshold" => ThresholdOn::Node(f.string("node")?),
        "currentyearthreshold" => ThresholdOn::CurrentYear,
        _ => ThresholdOn::CurrentOrdinalDay,
    };
    let threshold = f
        .value("threshold")?
        .ok_or_else(|| ctx.invalid(&format!("{location}.threshold"), "a number or a parameter"))?;
    let values = f.numbers("values")?;
    if values.as_ref().is_some_and(|v| v.len() < 2) {
        return Err(ctx.invalid(
            &format!("{location}.values"),
            "two values: for index 0 (the comparison fails) and index 1 (it holds)",
        ));
    }
    let predicate = match f.take("predicate") {
        None | Some(Json::Null) => Predicate::Lt,
        Some(Json::String(p)) => match p.to_ascii_uppercase().as_str() {
            "LT" | "<" => Predicate::Lt,
            "GT" | ">" => Predicate::Gt,
            "EQ" | "=" => Predicate::Eq,
            "LE" | "<=" => Predicate::Le,
            "GE" | ">=" => Predicate::Ge,
            _ => {
                return Err(ctx.invalid(
                    &format!("{location}.predicate"),
                    &format!("one of LT, GT, EQ, LE, GE (or <, >, =, <=, >=), found \"{p}\""),
                ));
            }
        },
        Some(_) => {
            return Err(ctx.invalid(
                &format!("{location}.predicate"),
                "one of LT, GT, EQ, LE, GE",
            ));
        }
    };
    let ratchet = f.boolean("ratchet")?.unwrap_or(false);
    Ok(ParameterKind::Threshold {
        on,
        threshold,
        values,
        predicate,
        ratchet,
    })
}

/// A list of numbers written out, or read from a CSV column (`{"url": ..., "column": ...}`).
fn number_list(f: &mut Fields<'_>, key: &str) -> Result<Vec<f64>, SchemaError> {
    let ctx = f.ctx();
    let at = format!("{}.{key}", f.location());
    match f.take(key) {
        Some(Json::Array(items)) => items
            .iter()
            .map(|x| {
                x.as_f64()
                    .ok_or_else(|| ctx.invalid(&at, "a list of numbers"))
            })
            .collect(),
        Some(v @ Json::Object(_)) => {
            let mut inner = Fields::new(v, &at, ctx)?;
            let source = Source::take(&mut inner)?
                .ok_or_else(|| ctx.invalid(&at, "a list of numbers or {url, column}"))?;
            inner.finish()?;
            source.column_values()
        }
        _ => Err(ctx.invalid(&at, "a list of numbers or {url, column}")),
    }
}

/// A list of numbers under `key` (written out, or `{url, column}`), else the parameter's own
/// `url`/`table` column (pywr's `load_parameter_values`).
fn list_or_source(f: &mut Fields<'_>, key: &str) -> Result<Vec<f64>, SchemaError> {
    if f.has(key) {
        return number_list(f, key);
    }
    let at = format!("{}.{key}", f.location());
    match Source::take(f)? {
        Some(source) => source.column_values(),
        None => Err(f
            .ctx()
            .invalid(&at, "a list of numbers, or url/table with column")),
    }
}

/// A table of numbers under `key` (a list of rows written out, or `{url, ...}`), else read from
/// the parameter's own `url`/`table` (every value column of every row).
fn matrix(f: &mut Fields<'_>, key: &str) -> Result<Vec<Vec<f64>>, SchemaError> {
    let ctx = f.ctx();
    let at = format!("{}.{key}", f.location());
    let expected = "a list of rows of numbers, or url/table naming a CSV";
    match f.take(key) {
        Some(Json::Array(rows)) => rows
            .iter()
            .map(|r| {
                r.as_array()
                    .and_then(|xs| xs.iter().map(Json::as_f64).collect::<Option<Vec<_>>>())
                    .ok_or_else(|| ctx.invalid(&at, expected))
            })
            .collect(),
        Some(v @ Json::Object(_)) => {
            let mut inner = Fields::new(v, &at, ctx)?;
            let source = Source::take(&mut inner)?.ok_or_else(|| ctx.invalid(&at, expected))?;
            inner.finish()?;
            source.matrix()
        }
        Some(_) => Err(ctx.invalid(&at, expected)),
        None => match Source::take(f)? {
            Some(source) => source.matrix(),
            None => Err(ctx.invalid(&at, expected)),
        },
    }
}

/// A profile's `values`, written out or read from a CSV column (`url` or `table` with
/// `column`; pywr's `load_parameter_values`). Such a CSV's first column is a row number or day,
/// not a date: `parse_dates` may only be false.
fn profile_values(f: &mut Fields<'_>) -> Result<Option<Vec<f64>>, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    if let Some(v) = f.numbers("values")? {
        return Ok(Some(v));
    }
    if let Some(pd) = f.boolean("parse_dates")?
        && pd
    {
        return Err(ctx.invalid(
            &format!("{location}.parse_dates"),
            "false (a profile's rows are in order, not dated)",
        ));
    }
    match Source::take(f)? {
        Some(source) => source.column_values().map(Some),
        None => Ok(None),
    }
}

/// A `dataframe` CSV names its own columns: it is read with an empty layout and its cells by
/// position (the index column and the value column the parameter names).
const DATAFRAME: Layout = Layout::new(&[]);

fn parse_dataframe(f: &mut Fields<'_>) -> Result<ParameterKind, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let scenario = match f.take("scenario") {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(ctx.invalid(&format!("{location}.scenario"), "the name of a scenario"));
        }
    };
    let column = match f.take("column") {
        None => None,
        Some(Json::String(s)) => Some(s.clone()),
        Some(_) => return Err(ctx.invalid(&format!("{location}.column"), "a column name")),
    };
    let index_col = match f.take("index_col") {
        None => IndexColumn::Position(0),
        Some(Json::String(s)) => IndexColumn::Name(s.clone()),
        Some(Json::Number(n)) => IndexColumn::Position(n.as_u64().unwrap_or(u64::MAX) as usize),
        Some(_) => {
            return Err(ctx.invalid(
                &format!("{location}.index_col"),
                "a column name or position",
            ));
        }
    };
    if let Some(pd) = f.boolean("parse_dates")?
        && !pd
    {
        return Err(ctx.invalid(
            &format!("{location}.parse_dates"),
            "true (the index must hold dates)",
        ));
    }
    let dayfirst = f.boolean("dayfirst")?.unwrap_or(false);
    // The values: a data file (`url`, resolved as pywr resolves it, see `data_file`), or an
    // object written in the model (`data`), made into the same CSV text.
    let (path, text, origin) = match (f.take("url"), f.take("data")) {
        (Some(Json::String(url)), None) => {
            let checksum = f.take("checksum");
            // Bounded, and a folder, pipe or device is refused (see `read_model_text`).
            let (path, text, origin) = super::data_file::read_table_text(f, url)?;
            if let Some(sums) = checksum {
                check_checksums(&path, sums, &format!("{location}.checksum"), ctx)?;
            }
            (path, text, origin)
        }
        (None, Some(data)) => (
            ctx.path.clone(),
            super::inline_frame::frame_as_csv(data, &format!("{location}.data"), ctx)?,
            FrameOrigin::Inline,
        ),
        _ => {
            return Err(ctx.invalid(
                &location,
                "one of url (the path of a CSV or Excel file) or data (the values written in the model)",
            ));
        }
    };
    let csv_err = |line: u64, message: String| SchemaError::Csv {
        path: ctx.path.clone(),
        csv: path.clone(),
        line,
        parameter: location.clone(),
        message,
    };
    let from_read = |e: &ReadError| csv_err(e.location().line_number().unwrap_or(1), e.problem());
    let mut table = Table::new(&text, &path, &DATAFRAME).map_err(|e| from_read(&e))?;
    let headers = table.header().to_vec();
    let header_line = table.header_line();
    let idx = match &index_col {
        IndexColumn::Name(n) => headers.iter().position(|h| h == n).ok_or_else(|| {
            csv_err(
                header_line,
                format!("no index column \"{n}\" in the header"),
            )
        })?,
        IndexColumn::Position(p) if *p < headers.len() => *p,
        IndexColumn::Position(p) => {
            return Err(csv_err(
                header_line,
                format!("index_col {p} is beyond the {} columns", headers.len()),
            ));
        }
    };
    let cols: Vec<usize> = match (&column, &scenario) {
        (Some(c), _) => vec![headers.iter().position(|h| h == c).ok_or_else(|| {
            csv_err(
                header_line,
                format!("no column \"{c}\" in the header; give an existing column"),
            )
        })?],
        (None, _) if headers.len() == 2 => vec![1 - idx],
        (None, Some(_)) => (0..headers.len()).filter(|&i| i != idx).collect(),
        (None, None) => {
            return Err(csv_err(
                header_line,
                "several value columns; name one with \"column\", or give the \"scenario\" that has a member per column".to_owned(),
            ));
        }
    };
    let mut dates = Vec::new();
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); cols.len()];
    while let Some(row) = table.next_row() {
        let row = row.map_err(|e| from_read(&e))?;
        let line = row.line();
        let d = row.cell(idx);
        let date = parse_frame_date(d, dayfirst).ok_or_else(|| {
            csv_err(
                line,
                format!(
                    "expected a date YYYY-MM-DD or {}, found \"{d}\"",
                    if dayfirst {
                        "DD/MM/YYYY (dayfirst)"
                    } else {
                        "MM/DD/YYYY"
                    }
                ),
            )
        })?;
        for (series, &col) in columns.iter_mut().zip(&cols) {
            let raw = row.cell(col);
            let value: f64 = raw
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
                .ok_or_else(|| {
                    csv_err(line, format!("expected a finite number, found \"{raw}\""))
                })?;
            series.push(value);
        }
        if let Some(prev) = dates.last()
            && date <= *prev
        {
            return Err(csv_err(
                line,
                format!("dates must increase; {date} follows {prev}"),
            ));
        }
        dates.push(date);
    }
    if let Some(scenario) = scenario {
        return Ok(ParameterKind::ScenarioDataFrame {
            url: path,
            origin,
            scenario,
            dates,
            columns,
            index_col,
            dayfirst,
        });
    }
    let values = columns.pop().unwrap_or_default();
    Ok(ParameterKind::DataFrame {
        url: path,
        origin,
        dates,
        values,
        column,
        index_col,
        dayfirst,
    })
}

/// pywr's `checksum` of a data file: each SHA-2 digest given (`sha256`, `sha224`, `sha384`,
/// `sha512`) must be the file's; an `md5` is accepted beside one of them (the SHA-2 digest
/// checks the same bytes more strongly) and refused alone, as it cannot be checked here.
fn check_checksums(
    path: &std::path::Path,
    sums: &Json,
    location: &str,
    ctx: &Ctx,
) -> Result<(), SchemaError> {
    use sha2::Digest;
    let expected = "an object of digests: sha256 (or sha224, sha384, sha512) in hexadecimal, optionally with md5";
    let map = sums
        .as_object()
        .ok_or_else(|| ctx.invalid(location, expected))?;
    let bytes = dostyk_core_model::read::read_bytes(path, super::MAX_MODEL_BYTES)?;
    let mut checked = false;
    for (algorithm, digest) in map {
        let digest = digest.as_str().ok_or_else(|| {
            ctx.invalid(&format!("{location}.{algorithm}"), "a hexadecimal digest")
        })?;
        let actual: String = match algorithm.to_ascii_lowercase().as_str() {
            "sha224" => hex(&sha2::Sha224::digest(&bytes)),
            "sha256" => hex(&sha2::Sha256::digest(&bytes)),
            "sha384" => hex(&sha2::Sha384::digest(&bytes)),
            "sha512" => hex(&sha2::Sha512::digest(&bytes)),
            "md5" => continue,
            other => {
                return Err(ctx.unsupported(
                    &format!("{location}.{other}"),
                    "checksum algorithm",
                    other,
                    "sha224, sha256, sha384 and sha512 (md5 beside one of them)",
                ));
            }
        };
        if !actual.eq_ignore_ascii_case(digest.trim()) {
            return Err(ctx.invalid(
                &format!("{location}.{algorithm}"),
                &format!(
                    "the {algorithm} of {} ({actual}), found {digest}; the file has changed since the model was written",
                    path.display()
                ),
            ));
        }
        checked = true;
    }
    if checked {
        Ok(())
    } else {
        Err(ctx.invalid(
            location,
            "a sha256 (or sha224, sha384, sha512) digest: an md5 alone cannot be checked by Dostyk",
        ))
    }
}

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// A date in a `dataframe` index as pandas reads it: `YYYY-MM-DD` (with an optional time), or
/// three numbers split by `/`, `-` or `.`: year first when it has four digits, else day first
/// with `dayfirst` and month first without (either order is tried the other way when the
/// first reading is no date, as dateutil does). A two-digit year is 1969–2068, as `%y` reads
/// it (pandas infers `%d/%m/%y` from such an index).
pub(crate) fn parse_frame_date(s: &str, dayfirst: bool) -> Option<NaiveDate> {
    if let Some(d) = parse_date_str(s) {
        return Some(d);
    }
    let s = s.trim();
    let day_part = s.split([' ', 'T']).next()?;
    let parts: Vec<&str> = day_part.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let num = |x: &str| -> Option<u32> {
        (!x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let (a_n, b_n, c_n) = (num(a)?, num(b)?, num(c)?);
    if a.len() == 4 {
        return NaiveDate::from_ymd_opt(i32::try_from(a_n).ok()?, b_n, c_n);
    }
    let year = match c.len() {
        4 => i32::try_from(c_n).ok()?,
        2 if c_n < 69 => 2000 + i32::try_from(c_n).ok()?,
        2 => 1900 + i32::try_from(c_n).ok()?,
        _ => return None,
    };
    let (day, month) = if dayfirst { (a_n, b_n) } else { (b_n, a_n) };
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, day, month))
}

/// The `index_col` of a `dataframe` parameter: the CSV column that holds the dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexColumn {
    /// The column with this header.
    Name(String),
    /// The column at this 0-based position (pywr's default is 0).
    Position(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dataframe_dates_read_as_pandas_reads_them() {
        assert_eq!(parse_frame_date("2015-01-31", false), ymd(2015, 1, 31));
        assert_eq!(parse_frame_date("02/01/15", true), ymd(2015, 1, 2));
        assert_eq!(parse_frame_date("02/01/15", false), ymd(2015, 2, 1));
        assert_eq!(parse_frame_date("31/01/2014", true), ymd(2014, 1, 31));
        // Month first cannot be 31: read day first, as dateutil does.
        assert_eq!(parse_frame_date("31/01/2014", false), ymd(2014, 1, 31));
        assert_eq!(parse_frame_date("01/02/70", true), ymd(1970, 2, 1));
        assert_eq!(parse_frame_date("2014/03/05", true), ymd(2014, 3, 5));
        assert_eq!(parse_frame_date("1.2.2020 00:00", true), ymd(2020, 2, 1));
        for bad in ["", "01/02", "32/13/2014", "a/b/c", "01/02/123", "1/2/3/4"] {
            assert_eq!(parse_frame_date(bad, true), None, "{bad}");
        }
    }
}
