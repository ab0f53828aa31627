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
    /// Sinks and sources.
    pub loads: Vec<Load>,
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
