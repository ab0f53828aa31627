//! The network model the solver works on: junctions, pipes, valves, slacks and loads, in SI
//! units (m, kg/s, K) with pressures in bar gauge.

use std::fmt;

use serde::Serialize;

use super::fluid::Fluid;
use super::friction::FrictionModel;

/// Identifier of an element: the pandapipes table index for imported networks, the `id` string
/// for Dostyk networks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(untagged)]
pub enum ElementId {
    /// A pandapipes table index.
    Index(u64),
    /// A Dostyk identifier.
    Key(String),
}

impl fmt::Display for ElementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ElementId::Index(i) => write!(f, "{i}"),
            ElementId::Key(k) => write!(f, "\"{k}\""),
        }
    }
}

/// A node of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct Junction {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Height above sea level, m (sets the ambient pressure and the hydrostatic term).
    pub height_m: f64,
    /// Gas temperature at the junction, K.
    pub temperature_k: f64,
    /// Starting pressure for Newton's method, bar gauge (pandapipes `pn_bar`); `None` starts from
    /// the slack pressure.
    pub initial_pressure_bar_g: Option<f64>,
    /// Out-of-service junctions and everything attached to them are left out.
    pub in_service: bool,
}

/// A pipe between two junctions.
#[derive(Debug, Clone, PartialEq)]
pub struct Pipe {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the from-junction in [`Network::junctions`].
    pub from: usize,
    /// Index of the to-junction in [`Network::junctions`].
    pub to: usize,
    /// Length, m.
    pub length_m: f64,
    /// Inner diameter, m.
    pub inner_diameter_m: f64,
    /// Wall roughness, m.
    pub roughness_m: f64,
    /// Minor-loss coefficient ζ (dimensionless), added to λ·L/D.
    pub loss_coefficient: f64,
    /// Number of equal sections the pipe is split into (pandapipes `sections`), at least 1.
    pub sections: u32,
    /// Out-of-service pipes carry no flow.
    pub in_service: bool,
}

/// A valve: a zero-length element with a loss coefficient, open or closed.
#[derive(Debug, Clone, PartialEq)]
pub struct Valve {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the from-junction.
    pub from: usize,
    /// Index of the to-junction.
    pub to: usize,
    /// Inner diameter, m.
    pub inner_diameter_m: f64,
    /// Loss coefficient ζ; 0 makes an open valve an ideal connector.
    pub loss_coefficient: f64,
    /// Closed valves carry no flow.
    pub open: bool,
}

/// A pressure slack (pandapipes `ext_grid` of type "p" or "pt").
#[derive(Debug, Clone, PartialEq)]
pub struct Slack {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the junction.
    pub junction: usize,
    /// Fixed pressure, bar gauge.
    pub pressure_bar_g: f64,
}

/// A fixed mass-flow withdrawal (sink, positive) or injection (source, negative).
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the junction.
    pub junction: usize,
    /// Withdrawal in kg/s (negative for a source).
    pub withdrawal_kg_per_s: f64,
}

/// A pump curve: pressure lift in bar as a polynomial of the volume flow at the pump's inlet
/// in m³/h (pandapipes `PumpStdType`: `reg_par`, highest power first). The lift is cut to 0 for
/// a reverse flow and where the polynomial would be negative, as in pandapipes.
#[derive(Debug, Clone, PartialEq)]
pub struct PumpCurve {
    /// Name of the curve (pandapipes `std_type`, for example `P1`).
    pub name: String,
    /// Polynomial coefficients, highest power first: lift (bar) = Σ cₖ·V̇ᵏ with V̇ in m³/h.
    pub coefficients: Vec<f64>,
}

/// A pump (pandapipes `pump`): raises the pressure from `from` to `to` by its curve's lift at
/// the inlet volume flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Pump {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the inlet junction.
    pub from: usize,
    /// Index of the outlet junction.
    pub to: usize,
    /// The pump curve.
    pub curve: PumpCurve,
    /// Out-of-service pumps carry no flow.
    pub in_service: bool,
}

/// A compressor (pandapipes `compressor`): the absolute outlet pressure is `pressure_ratio`
/// times the absolute inlet pressure, for flow from `from` to `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Compressor {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the inlet (suction) junction.
    pub from: usize,
    /// Index of the outlet (discharge) junction.
    pub to: usize,
    /// Ratio of absolute outlet to absolute inlet pressure, at least 1.
    pub pressure_ratio: f64,
    /// Out-of-service compressors carry no flow.
    pub in_service: bool,
}

/// A pressure control (pandapipes `pressure_control`): a regulator from `from` to `to` that
/// holds `controlled_junction` (the outlet or a junction further downstream) at a set pressure.
#[derive(Debug, Clone, PartialEq)]
pub struct PressureControl {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the inlet junction.
    pub from: usize,
    /// Index of the outlet junction.
    pub to: usize,
    /// Index of the junction whose pressure is held.
    pub controlled_junction: usize,
    /// Set pressure at the controlled junction, bar gauge.
    pub set_pressure_bar_g: f64,
    /// When `false` the regulator is a fixed loss (its `loss_coefficient`, 0 = fully open).
    pub control_active: bool,
    /// Loss coefficient ζ used when the control is not active (diameter 0.1 m, as pandapipes).
    pub loss_coefficient: f64,
    /// Out-of-service pressure controls carry no flow.
    pub in_service: bool,
}

/// A flow control (pandapipes `flow_control`): holds the mass flow from `from` to `to` at a set
/// value.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowControl {
    /// Identifier.
    pub id: ElementId,
    /// Optional name.
    pub name: Option<String>,
    /// Index of the inlet junction.
    pub from: usize,
    /// Index of the outlet junction.
    pub to: usize,
    /// Controlled mass flow, kg/s (from → to positive).
    pub mass_flow_kg_per_s: f64,
    /// When `false` the flow control is fully open (no loss).
    pub control_active: bool,
    /// Out-of-service flow controls carry no flow.
    pub in_service: bool,
}

/// A steady-state gas network.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Optional name.
    pub name: Option<String>,
    /// The file (or other input) the network was read from, as given to the reader; [`solve`]
    /// names it in its errors. `None` for a network built in code.
    ///
    /// [`solve`]: super::solve
    pub source_name: Option<String>,
    /// The gas.
    pub fluid: Fluid,
    /// Friction model used unless the solver options override it.
    pub friction_model: FrictionModel,
    /// Junctions.
    pub junctions: Vec<Junction>,
    /// Pipes.
    pub pipes: Vec<Pipe>,
    /// Valves.
    pub valves: Vec<Valve>,
    /// Pressure slacks.
    pub slacks: Vec<Slack>,
    /// Sinks and sources (and mass storages, as their withdrawal).
    pub loads: Vec<Load>,
    /// Pumps.
    pub pumps: Vec<Pump>,
    /// Compressors.
    pub compressors: Vec<Compressor>,
    /// Pressure controls.
    pub pressure_controls: Vec<PressureControl>,
    /// Flow controls.
    pub flow_controls: Vec<FlowControl>,
}

impl Network {
    /// "id (name)" of a junction for messages.
    pub(crate) fn junction_label(&self, j: usize) -> String {
        let junction = &self.junctions[j];
        match &junction.name {
            Some(name) => format!("{} ({name})", junction.id),
            None => junction.id.to_string(),
        }
    }
}

pub(crate) fn label(id: &ElementId, name: Option<&String>) -> String {
    match name {
        Some(name) => format!("{id} ({name})"),
        None => id.to_string(),
    }
}
