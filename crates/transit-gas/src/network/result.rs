//! The solution and its JSON form.

use serde::Serialize;

use super::friction::FrictionModel;
use super::model::{ElementId, Pipe};

/// Pressure at a junction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JunctionResult {
    /// The junction's id (pandapipes index for imported networks).
    pub id: ElementId,
    /// Its name.
    pub name: Option<String>,
    /// Pressure in bar gauge at the junction's height; `null` when out of service.
    pub pressure_bar_g: Option<f64>,
}

/// Flow in a pipe (from → to positive).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipeResult {
    /// The pipe's id.
    pub id: ElementId,
    /// Its name.
    pub name: Option<String>,
    /// Mass flow, kg/s; `null` when out of service.
    pub mass_flow_kg_per_s: Option<f64>,
    /// Volume flow at normal conditions (0 °C, 1.01325 bar), m³/h.
    pub normal_volume_flow_m3_per_h: Option<f64>,
    /// Mean gas velocity, m/s (pandapipes `v_mean_m_per_s`: normal velocity × pₙ·Tₘ·Z(pₘ)/(Tₙ·pₘ)).
    pub velocity_m_per_s: Option<f64>,
    /// Reynolds number.
    pub reynolds: Option<f64>,
    /// Darcy friction factor λ.
    pub lambda: Option<f64>,
}

impl PipeResult {
    pub(crate) fn inactive(pipe: &Pipe) -> Self {
        PipeResult {
            id: pipe.id.clone(),
            name: pipe.name.clone(),
            mass_flow_kg_per_s: None,
            normal_volume_flow_m3_per_h: None,
            velocity_m_per_s: None,
            reynolds: None,
            lambda: None,
        }
    }
}

/// Flow through a valve (from → to positive).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValveResult {
    /// The valve's id.
    pub id: ElementId,
    /// Its name.
    pub name: Option<String>,
    /// Mass flow, kg/s (0 when closed, `null` when a junction is out of service).
    pub mass_flow_kg_per_s: Option<f64>,
    /// Volume flow at normal conditions, m³/h.
    pub normal_volume_flow_m3_per_h: Option<f64>,
}

/// The solved network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// Always `true` for a returned solution (failures are errors).
    pub converged: bool,
    /// Newton iterations.
    pub iterations: usize,
    /// Largest residual at the solution (bar for branch equations, kg/s for node balances).
    pub residual: f64,
    /// Wall-clock time of the solve alone (analysis and Newton iterations), s. Not written to
    /// the JSON, so the same network always gives the same result file byte for byte; report it
    /// on its own if you need it.
    #[serde(skip)]
    pub solve_seconds: f64,
    /// The friction model used.
    pub friction_model: FrictionModel,
    /// Junction pressures, in input order.
    pub junctions: Vec<JunctionResult>,
    /// Pipe flows, in input order.
    pub pipes: Vec<PipeResult>,
    /// Valve flows, in input order.
    pub valves: Vec<ValveResult>,
}

impl Solution {
    /// Pretty JSON with a trailing newline. Identical inputs give identical text (the timing,
    /// [`Solution::solve_seconds`], is left out).
    pub fn to_json_string(&self) -> String {
        // Serialising plain structs of numbers and strings cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The pressure of the junction with this id, bar gauge.
    pub fn pressure_bar_g(&self, id: &ElementId) -> Option<f64> {
        self.junctions
            .iter()
            .find(|j| &j.id == id)
            .and_then(|j| j.pressure_bar_g)
    }

    /// The result of the pipe with this id.
    pub fn pipe(&self, id: &ElementId) -> Option<&PipeResult> {
        self.pipes.iter().find(|p| &p.id == id)
    }
}
