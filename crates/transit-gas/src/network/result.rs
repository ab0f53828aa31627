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

impl std::fmt::Display for PipeResult {
    /// `pipe "P01": 120 kg/s (540341 m³/h at 0 °C), 2.498 m/s, Re 1.307e7, λ 0.009010` (with
    /// `{:.3}`; a precision applies to every number), or `pipe "P01": out of service`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let precision = f.precision();
        let number = |x: f64| match precision {
            Some(p) => format!("{x:.p$}"),
            None => x.to_string(),
        };
        write!(f, "pipe {}", self.id)?;
        if let Some(name) = &self.name {
            write!(f, " ({name})")?;
        }
        let Some(mass) = self.mass_flow_kg_per_s else {
            return f.write_str(": out of service");
        };
        write!(f, ": {} kg/s", number(mass))?;
        if let Some(volume) = self.normal_volume_flow_m3_per_h {
            write!(f, " ({} m³/h at 0 °C)", number(volume))?;
        }
        if let Some(v) = self.velocity_m_per_s {
            write!(f, ", {} m/s", number(v))?;
        }
        if let Some(re) = self.reynolds {
            match precision {
                Some(p) => write!(f, ", Re {re:.p$e}")?,
                None => write!(f, ", Re {re:e}")?,
            }
        }
        if let Some(lambda) = self.lambda {
            write!(f, ", λ {}", number(lambda))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_result_reads_as_a_sentence() {
        let mut r = PipeResult {
            id: ElementId::Key("P01".into()),
            name: None,
            mass_flow_kg_per_s: Some(120.0),
            normal_volume_flow_m3_per_h: Some(540_341.06),
            velocity_m_per_s: Some(2.4979),
            reynolds: Some(1.3074e7),
            lambda: Some(0.009_01),
        };
        assert_eq!(
            format!("{r:.2}"),
            "pipe \"P01\": 120.00 kg/s (540341.06 m³/h at 0 °C), 2.50 m/s, Re 1.31e7, λ 0.01"
        );
        r.mass_flow_kg_per_s = None;
        assert_eq!(r.to_string(), "pipe \"P01\": out of service");
    }
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

/// Flow through a pump, compressor, pressure control or flow control (from → to positive).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentResult {
    /// The component's id.
    pub id: ElementId,
    /// Its name.
    pub name: Option<String>,
    /// Mass flow, kg/s; `null` when out of service.
    pub mass_flow_kg_per_s: Option<f64>,
    /// Volume flow at normal conditions, m³/h.
    pub normal_volume_flow_m3_per_h: Option<f64>,
    /// Pressure at the outlet junction minus pressure at the inlet junction, bar (gauge
    /// pressures; positive for a pump or compressor, negative across a pressure control).
    pub pressure_lift_bar: Option<f64>,
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
    /// Pumps, in input order (left out of the JSON when the network has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pumps: Vec<ComponentResult>,
    /// Compressors, in input order (left out of the JSON when the network has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compressors: Vec<ComponentResult>,
    /// Pressure controls, in input order (left out of the JSON when the network has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pressure_controls: Vec<ComponentResult>,
    /// Flow controls, in input order (left out of the JSON when the network has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flow_controls: Vec<ComponentResult>,
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
