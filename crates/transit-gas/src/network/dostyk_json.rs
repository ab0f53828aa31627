//! Dostyk's own network JSON (`"format": "dostyk-gas-network/1"`), described by
//! `docs/network.schema.json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::NORMAL_TEMPERATURE_K;
use dostyk_core_model::read::{Location, ReadError, json_error, line_of_id};

use super::error::NetworkError;
use super::fluid::{Fluid, Property};
use super::friction::FrictionModel;
use super::model::{
    Compressor, ElementId, FlowControl, Junction, Load, Network, Pipe, PressureControl, Pump,
    PumpCurve, Slack, Valve,
};
use super::pump_curve;

/// The format tag every Dostyk network carries.
pub const FORMAT: &str = "dostyk-gas-network/1";

/// Top level of the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkFile {
    /// Must be `"dostyk-gas-network/1"`.
    pub format: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The gas.
    pub fluid: FluidSpec,
    /// Friction model: `nikuradse` (default), `colebrook` or `swamee-jain`.
    #[serde(default)]
    pub friction_model: FrictionModel,
    /// Gas temperature of every junction unless the junction gives its own, K.
    pub temperature_k: f64,
    /// Junctions.
    pub junctions: Vec<JunctionSpec>,
    /// Pipes.
    #[serde(default)]
    pub pipes: Vec<PipeSpec>,
    /// Valves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub valves: Vec<ValveSpec>,
    /// Junctions held at a fixed pressure (external grids).
    pub slack_nodes: Vec<SlackSpec>,
    /// Withdrawals.
    #[serde(default)]
    pub sinks: Vec<FlowSpec>,
    /// Injections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<FlowSpec>,
    /// Mass storages (pandapipes `mass_storage`): a positive flow fills the storage, a negative
    /// one draws from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mass_storages: Vec<FlowSpec>,
    /// Pumps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pumps: Vec<PumpSpec>,
    /// Compressors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compressors: Vec<CompressorSpec>,
    /// Pressure controls (regulators).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pressure_controls: Vec<PressureControlSpec>,
    /// Flow controls.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flow_controls: Vec<FlowControlSpec>,
}

/// A pump: one of pandapipes' standard curves (`std_type`), the polynomial
/// (`curve_coefficients`) or points to fit one to (`curve_points`); exactly one of the three.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PumpSpec {
    /// Unique identifier.
    pub id: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Inlet junction id.
    pub from: String,
    /// Outlet junction id.
    pub to: String,
    /// pandapipes standard curve: `P1`, `P2` or `P3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub std_type: Option<String>,
    /// Lift in bar as a polynomial of the inlet volume flow in m³/h, highest power first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curve_coefficients: Option<Vec<f64>>,
    /// Points of the curve, fitted by least squares as pandapipes'
    /// `create_pump_from_parameters` does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curve_points: Option<CurvePointsSpec>,
    /// In service (default true).
    #[serde(default = "yes")]
    pub in_service: bool,
}

/// Points of a pump curve and the degree of the polynomial fitted to them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurvePointsSpec {
    /// Inlet volume flows, m³/h.
    pub volume_flow_m3_per_h: Vec<f64>,
    /// Lifts at those flows, bar.
    pub pressure_bar: Vec<f64>,
    /// Degree of the polynomial (pandapipes' `reg_polynomial_degree`, default 2).
    #[serde(default = "two")]
    pub degree: usize,
}

fn two() -> usize {
    2
}

/// A compressor.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompressorSpec {
    /// Unique identifier.
    pub id: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Suction junction id.
    pub from: String,
    /// Discharge junction id.
    pub to: String,
    /// Absolute discharge pressure over absolute suction pressure (1 to 100).
    pub pressure_ratio: f64,
    /// In service (default true).
    #[serde(default = "yes")]
    pub in_service: bool,
}

/// A pressure control (regulator).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PressureControlSpec {
    /// Unique identifier.
    pub id: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Inlet junction id.
    pub from: String,
    /// Outlet junction id.
    pub to: String,
    /// Junction whose pressure is held (default: the outlet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controlled_junction: Option<String>,
    /// Set pressure at the controlled junction, bar gauge.
    pub set_pressure_bar_g: f64,
    /// Control active (default true); otherwise a fixed loss.
    #[serde(default = "yes")]
    pub control_active: bool,
    /// Loss coefficient when the control is not active (default 0).
    #[serde(default)]
    pub loss_coefficient: f64,
    /// In service (default true).
    #[serde(default = "yes")]
    pub in_service: bool,
}

/// A flow control.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowControlSpec {
    /// Unique identifier.
    pub id: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Inlet junction id.
    pub from: String,
    /// Outlet junction id.
    pub to: String,
    /// Controlled mass flow, kg/s.
    pub mass_flow_kg_per_s: f64,
    /// Control active (default true); otherwise fully open.
    #[serde(default = "yes")]
    pub control_active: bool,
    /// In service (default true).
    #[serde(default = "yes")]
    pub in_service: bool,
}

/// The gas, with constant viscosity and pandapipes' linear compressibility law.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FluidSpec {
    /// Name, for example `lgas`.
    pub name: String,
    /// Density at 0 °C and 1.01325 bar, kg/m³.
    pub normal_density_kg_per_m3: f64,
    /// Dynamic viscosity, Pa·s.
    pub dynamic_viscosity_pa_s: f64,
    /// Z = offset + slope × p (p absolute mean pressure, bar).
    pub compressibility: CompressibilitySpec,
}

/// Linear compressibility law.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompressibilitySpec {
    /// Slope, 1/bar (pandapipes lgas/hgas: −0.0022).
    pub slope_per_bar: f64,
    /// Value at zero pressure (1 for real gases).
    #[serde(default = "one")]
    pub offset: f64,
}

fn one() -> f64 {
    1.0
}

fn yes() -> bool {
    true
}

fn one_section() -> u32 {
    1
}

/// A junction.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JunctionSpec {
    /// Unique identifier.
    pub id: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Height, m.
    #[serde(default)]
    pub height_m: f64,
    /// Gas temperature, K (default: the network's `temperature_k`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature_k: Option<f64>,
    /// Starting pressure for the solver, bar gauge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_pressure_bar_g: Option<f64>,
    /// In service (default true).
    #[serde(default = "yes")]
    pub in_service: bool,
}

/// A pipe.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipeSpec {
    /// Unique identifier.
    pub id: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// From-junction id.
    pub from: String,
    /// To-junction id.
    pub to: String,
    /// Length, km.
    pub length_km: f64,
    /// Inner diameter, mm.
    pub inner_diameter_mm: f64,
    /// Wall roughness, mm.
    pub roughness_mm: f64,
    /// Minor-loss coefficient ζ.
    #[serde(default)]
    pub loss_coefficient: f64,
    /// Number of sections (default 1).
    #[serde(default = "one_section")]
    pub sections: u32,
    /// In service (default true).
    #[serde(default = "yes")]
    pub in_service: bool,
}

/// A valve.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValveSpec {
    /// Unique identifier.
    pub id: String,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// From-junction id.
    pub from: String,
    /// To-junction id.
    pub to: String,
    /// Inner diameter, mm.
    pub inner_diameter_mm: f64,
    /// Loss coefficient ζ (0: ideal connector when open).
    #[serde(default)]
    pub loss_coefficient: f64,
    /// Open (true) or closed.
    pub open: bool,
}

/// A pressure slack.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlackSpec {
    /// Optional identifier (default `slack/<position>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Junction id.
    pub junction: String,
    /// Pressure, bar gauge.
    pub pressure_bar_g: f64,
}

/// A sink or source: exactly one of the two flow fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlowSpec {
    /// Optional identifier (default `sink/<position>` or `source/<position>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Optional name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Junction id.
    pub junction: String,
    /// Mass flow, kg/s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mass_flow_kg_per_s: Option<f64>,
    /// Volume flow at normal conditions (0 °C, 1.01325 bar), m³/h; converted with the normal
    /// density.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normal_volume_flow_m3_per_h: Option<f64>,
}

/// Parses a Dostyk network from JSON text; `source_name` names the input in messages.
pub fn parse(text: &str, source_name: &str) -> Result<Network, NetworkError> {
    let file: NetworkFile = serde_json::from_str(text).map_err(|e| json_error(source_name, &e))?;
    build(&file, source_name).map_err(|e| with_line(e, text))
}

/// The curve of a pump given by exactly one of `std_type`, `curve_coefficients` and
/// `curve_points`; `Err((field, problem))` otherwise.
fn pump_curve_of(c: &PumpSpec) -> Result<PumpCurve, (&'static str, String)> {
    match (&c.std_type, &c.curve_coefficients, &c.curve_points) {
        (Some(name), None, None) => pump_curve::standard(name).ok_or_else(|| {
            (
                "std_type",
                format!("is \"{name}\"; expected one of pandapipes' pump std_types P1, P2, P3"),
            )
        }),
        (None, Some(coefficients), None) => {
            pump_curve::check_coefficients(coefficients).map_err(|p| ("curve_coefficients", p))?;
            Ok(PumpCurve {
                name: format!("{} curve", c.id),
                coefficients: coefficients.clone(),
            })
        }
        (None, None, Some(points)) => pump_curve::fit(
            &points.volume_flow_m3_per_h,
            &points.pressure_bar,
            points.degree,
        )
        .map(|coefficients| PumpCurve {
            name: format!("{} curve", c.id),
            coefficients,
        })
        .map_err(|p| ("curve_points", p)),
        _ => Err((
            "std_type",
            "needs exactly one of std_type, curve_coefficients and curve_points".to_owned(),
        )),
    }
}

/// Adds the line of the element's `"id"` to a field error, so that the message names file, line
/// and field.
fn with_line(error: NetworkError, text: &str) -> NetworkError {
    let NetworkError::Read(ReadError::Invalid { at, problem }) = error else {
        return error;
    };
    // The problem starts with the element: `pipe "P12" must be …`.
    let id = problem.split('"').nth(1).unwrap_or("");
    let line = if id.is_empty() {
        None
    } else {
        line_of_id(text, id)
    };
    let at = match (line, at.field_name()) {
        (Some(line), Some(field)) => Location::file(at.path()).line(line).field(field),
        (Some(line), None) => Location::file(at.path()).line(line),
        (None, _) => *at,
    };
    ReadError::invalid(at, problem).into()
}

/// The error for `field` of `element` (`pipe "P12"`) in the network read from `source`;
/// `problem` continues the sentence: `must be a positive number (mm)`.
pub(crate) fn invalid(
    source: &str,
    element: impl std::fmt::Display,
    field: &str,
    problem: impl Into<String>,
) -> NetworkError {
    ReadError::invalid(
        Location::file(source).field(field),
        format!("{element} {}", problem.into()),
    )
    .into()
}

/// Builds the solver model from a parsed file, checking references and value ranges.
pub fn build(file: &NetworkFile, source: &str) -> Result<Network, NetworkError> {
    if file.format != FORMAT {
        return Err(invalid(
            source,
            "network",
            "format",
            format!("has format \"{}\"; expected \"{FORMAT}\"", file.format),
        ));
    }
    let fl = &file.fluid;
    let fluid_el = || format!("fluid \"{}\"", fl.name);
    if !(fl.normal_density_kg_per_m3 > 0.0 && fl.normal_density_kg_per_m3.is_finite()) {
        return Err(invalid(
            source,
            fluid_el(),
            "normal_density_kg_per_m3",
            "must be a positive number (kg/m³)",
        ));
    }
    if !(fl.dynamic_viscosity_pa_s > 0.0 && fl.dynamic_viscosity_pa_s.is_finite()) {
        return Err(invalid(
            source,
            fluid_el(),
            "dynamic_viscosity_pa_s",
            "must be a positive number (Pa·s)",
        ));
    }
    if !(fl.compressibility.slope_per_bar.is_finite() && fl.compressibility.offset > 0.0) {
        return Err(invalid(
            source,
            fluid_el(),
            "compressibility",
            "needs a finite slope and a positive offset",
        ));
    }
    if !(file.temperature_k > 0.0 && file.temperature_k.is_finite()) {
        return Err(invalid(
            source,
            "network",
            "temperature_k",
            "must be a positive temperature in K",
        ));
    }
    let fluid = Fluid {
        name: fl.name.clone(),
        density_kg_per_m3: Property::Constant {
            value: fl.normal_density_kg_per_m3,
        },
        viscosity_pa_s: Property::Constant {
            value: fl.dynamic_viscosity_pa_s,
        },
        compressibility: Property::Linear {
            slope: fl.compressibility.slope_per_bar,
            offset: fl.compressibility.offset,
        },
    };
    debug_assert!(
        (fluid.density_kg_per_m3.at(NORMAL_TEMPERATURE_K) - fl.normal_density_kg_per_m3).abs()
            == 0.0
    );
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut junctions = Vec::with_capacity(file.junctions.len());
    for j in &file.junctions {
        let el = format!("junction \"{}\"", j.id);
        if index.insert(j.id.as_str(), junctions.len()).is_some() {
            return Err(invalid(
                source,
                el,
                "id",
                "has an id another junction has; give every junction its own id",
            ));
        }
        let temperature_k = j.temperature_k.unwrap_or(file.temperature_k);
        if !(temperature_k > 0.0 && temperature_k.is_finite() && j.height_m.is_finite()) {
            return Err(invalid(
                source,
                el,
                "temperature_k or height_m",
                "must be finite (temperature above 0 K)",
            ));
        }
        junctions.push(Junction {
            id: ElementId::Key(j.id.clone()),
            name: j.name.clone(),
            height_m: j.height_m,
            temperature_k,
            initial_pressure_bar_g: j.initial_pressure_bar_g,
            in_service: j.in_service,
        });
    }
    let find = |el: &str, field: &str, id: &str| {
        index.get(id).copied().ok_or_else(|| {
            invalid(
                source,
                el.to_string(),
                field,
                format!("refers to junction \"{id}\", which is not in `junctions`"),
            )
        })
    };
    let mut ids = std::collections::BTreeSet::new();
    let mut pipes = Vec::with_capacity(file.pipes.len());
    for p in &file.pipes {
        let el = format!("pipe \"{}\"", p.id);
        if !ids.insert(p.id.as_str()) {
            return Err(invalid(
                source,
                el,
                "id",
                "has an id another pipe or valve has; give every pipe and valve its own id",
            ));
        }
        if !(p.inner_diameter_mm > 0.0 && p.inner_diameter_mm.is_finite()) {
            return Err(invalid(
                source,
                el,
                "inner_diameter_mm",
                "must be a positive number (mm)",
            ));
        }
        if !(p.length_km >= 0.0
            && p.length_km.is_finite()
            && p.roughness_mm >= 0.0
            && p.roughness_mm.is_finite())
        {
            return Err(invalid(
                source,
                el,
                "length_km or roughness_mm",
                "must be a non-negative number",
            ));
        }
        if !(p.loss_coefficient >= 0.0
            && p.loss_coefficient.is_finite()
            && (1..=10_000).contains(&p.sections))
        {
            return Err(invalid(
                source,
                el,
                "loss_coefficient or sections",
                "must be non-negative (sections from 1 to 10000)",
            ));
        }
        if p.length_km == 0.0 && p.loss_coefficient == 0.0 {
            return Err(invalid(
                source,
                el,
                "length_km",
                "has length 0 and no loss coefficient; give it a length, or use an open valve for an ideal connection",
            ));
        }
        pipes.push(Pipe {
            id: ElementId::Key(p.id.clone()),
            name: p.name.clone(),
            from: find(&el, "from", &p.from)?,
            to: find(&el, "to", &p.to)?,
            length_m: p.length_km * 1000.0,
            inner_diameter_m: p.inner_diameter_mm / 1000.0,
            roughness_m: p.roughness_mm / 1000.0,
            loss_coefficient: p.loss_coefficient,
            sections: p.sections,
            in_service: p.in_service,
        });
    }
    let mut valves = Vec::with_capacity(file.valves.len());
    for v in &file.valves {
        let el = format!("valve \"{}\"", v.id);
        if !ids.insert(v.id.as_str()) {
            return Err(invalid(
                source,
                el,
                "id",
                "has an id another pipe or valve has; give every pipe and valve its own id",
            ));
        }
        if !(v.inner_diameter_mm > 0.0
            && v.inner_diameter_mm.is_finite()
            && v.loss_coefficient >= 0.0
            && v.loss_coefficient.is_finite())
        {
            return Err(invalid(
                source,
                el,
                "inner_diameter_mm or loss_coefficient",
                "must be positive (diameter) and non-negative (loss coefficient)",
            ));
        }
        valves.push(Valve {
            id: ElementId::Key(v.id.clone()),
            name: v.name.clone(),
            from: find(&el, "from", &v.from)?,
            to: find(&el, "to", &v.to)?,
            inner_diameter_m: v.inner_diameter_mm / 1000.0,
            loss_coefficient: v.loss_coefficient,
            open: v.open,
        });
    }
    let mut slacks = Vec::with_capacity(file.slack_nodes.len());
    for (i, s) in file.slack_nodes.iter().enumerate() {
        let id = s.id.clone().unwrap_or_else(|| format!("slack/{i}"));
        let el = format!("slack node \"{id}\"");
        if !s.pressure_bar_g.is_finite() {
            return Err(invalid(
                source,
                el,
                "pressure_bar_g",
                "must be a number (bar gauge)",
            ));
        }
        slacks.push(Slack {
            id: ElementId::Key(id),
            name: s.name.clone(),
            junction: find(&el, "junction", &s.junction)?,
            pressure_bar_g: s.pressure_bar_g,
        });
    }
    let rho_n = fl.normal_density_kg_per_m3;
    let mut loads = Vec::new();
    for (kind, list, sign) in [
        ("sink", &file.sinks, 1.0),
        ("source", &file.sources, -1.0),
        ("mass_storage", &file.mass_storages, 1.0),
    ] {
        for (i, s) in list.iter().enumerate() {
            let id = s.id.clone().unwrap_or_else(|| format!("{kind}/{i}"));
            let el = format!("{kind} \"{id}\"");
            let mass = match (s.mass_flow_kg_per_s, s.normal_volume_flow_m3_per_h) {
                (Some(m), None) => m,
                (None, Some(v)) => v * rho_n / 3600.0,
                _ => {
                    return Err(invalid(
                        source,
                        el,
                        "mass_flow_kg_per_s",
                        "gives both mass_flow_kg_per_s and normal_volume_flow_m3_per_h; give exactly one of the two",
                    ));
                }
            };
            if !mass.is_finite() {
                return Err(invalid(
                    source,
                    el,
                    "mass_flow_kg_per_s",
                    "must be a number",
                ));
            }
            loads.push(Load {
                id: ElementId::Key(id),
                name: s.name.clone(),
                junction: find(&el, "junction", &s.junction)?,
                withdrawal_kg_per_s: sign * mass,
            });
        }
    }
    let duplicate = |el: &str| {
        invalid(
            source,
            el,
            "id",
            "has an id another pipe, valve or component has; give each its own id",
        )
    };
    let mut pumps = Vec::with_capacity(file.pumps.len());
    for c in &file.pumps {
        let el = format!("pump \"{}\"", c.id);
        if !ids.insert(c.id.as_str()) {
            return Err(duplicate(&el));
        }
        let curve =
            pump_curve_of(c).map_err(|(field, problem)| invalid(source, &el, field, problem))?;
        pumps.push(Pump {
            id: ElementId::Key(c.id.clone()),
            name: c.name.clone(),
            from: find(&el, "from", &c.from)?,
            to: find(&el, "to", &c.to)?,
            curve,
            in_service: c.in_service,
        });
    }
    let mut compressors = Vec::with_capacity(file.compressors.len());
    for c in &file.compressors {
        let el = format!("compressor \"{}\"", c.id);
        if !ids.insert(c.id.as_str()) {
            return Err(duplicate(&el));
        }
        if !(1.0..=super::MAX_PRESSURE_RATIO).contains(&c.pressure_ratio) {
            return Err(invalid(
                source,
                el,
                "pressure_ratio",
                format!(
                    "is {}; expected a ratio of absolute pressures from 1 to {} (a compressor \
                     raises the pressure; use a pressure control to lower it)",
                    c.pressure_ratio,
                    super::MAX_PRESSURE_RATIO
                ),
            ));
        }
        compressors.push(Compressor {
            id: ElementId::Key(c.id.clone()),
            name: c.name.clone(),
            from: find(&el, "from", &c.from)?,
            to: find(&el, "to", &c.to)?,
            pressure_ratio: c.pressure_ratio,
            in_service: c.in_service,
        });
    }
    let mut pressure_controls = Vec::with_capacity(file.pressure_controls.len());
    for c in &file.pressure_controls {
        let el = format!("pressure control \"{}\"", c.id);
        if !ids.insert(c.id.as_str()) {
            return Err(duplicate(&el));
        }
        if !c.set_pressure_bar_g.is_finite() {
            return Err(invalid(
                source,
                el,
                "set_pressure_bar_g",
                "must be a number (bar gauge)",
            ));
        }
        if !(c.loss_coefficient >= 0.0 && c.loss_coefficient.is_finite()) {
            return Err(invalid(
                source,
                el,
                "loss_coefficient",
                "must be a non-negative number",
            ));
        }
        let to = find(&el, "to", &c.to)?;
        pressure_controls.push(PressureControl {
            id: ElementId::Key(c.id.clone()),
            name: c.name.clone(),
            from: find(&el, "from", &c.from)?,
            to,
            controlled_junction: match &c.controlled_junction {
                Some(id) => find(&el, "controlled_junction", id)?,
                None => to,
            },
            set_pressure_bar_g: c.set_pressure_bar_g,
            control_active: c.control_active,
            loss_coefficient: c.loss_coefficient,
            in_service: c.in_service,
        });
    }
    let mut flow_controls = Vec::with_capacity(file.flow_controls.len());
    for c in &file.flow_controls {
        let el = format!("flow control \"{}\"", c.id);
        if !ids.insert(c.id.as_str()) {
            return Err(duplicate(&el));
        }
        if !c.mass_flow_kg_per_s.is_finite() {
            return Err(invalid(
                source,
                el,
                "mass_flow_kg_per_s",
                "must be a number (kg/s)",
            ));
        }
        flow_controls.push(FlowControl {
            id: ElementId::Key(c.id.clone()),
            name: c.name.clone(),
            from: find(&el, "from", &c.from)?,
            to: find(&el, "to", &c.to)?,
            mass_flow_kg_per_s: c.mass_flow_kg_per_s,
            control_active: c.control_active,
            in_service: c.in_service,
        });
    }
    Ok(Network {
        name: file.name.clone(),
        source_name: Some(source.to_owned()),
        fluid,
        friction_model: file.friction_model,
        junctions,
        pipes,
        valves,
        slacks,
        loads,
        pumps,
        compressors,
        pressure_controls,
        flow_controls,
    })
}
