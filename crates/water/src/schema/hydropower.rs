//! Hydropower (pywr's `HydropowerRecorder`, `TotalHydroEnergyRecorder` and
//! `HydropowerTargetParameter`) and the interpolation kinds of interpolated parameters.

use serde_json::Value as Json;

use super::fields::Fields;
use super::parameters::{ParameterValue, parse_value};
use super::{Ctx, SchemaError};

/// scipy's `interp1d` `kind` of an interpolated parameter (`interp_kwargs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Interpolation {
    /// Straight lines between the points (pywr's default).
    #[default]
    Linear,
    /// The not-a-knot cubic spline through the points (at least 4).
    Cubic,
}

impl Interpolation {
    /// The name scipy gives it.
    pub fn name(self) -> &'static str {
        match self {
            Interpolation::Linear => "linear",
            Interpolation::Cubic => "cubic",
        }
    }

    /// How many points it needs at least.
    pub fn min_points(self) -> usize {
        match self {
            Interpolation::Linear => 2,
            Interpolation::Cubic => 4,
        }
    }

    /// Checks the points of an `interpolatedvolume` at `location`: one volume per value, at
    /// least [`Interpolation::min_points`], volumes increasing. Read and validation both ask.
    pub(crate) fn check_points(
        self,
        ctx: &Ctx,
        location: &str,
        volumes: &[f64],
        values: &[f64],
    ) -> Result<(), SchemaError> {
        if volumes.len() != values.len()
            || volumes.len() < self.min_points()
            || volumes.windows(2).any(|w| w[0] >= w[1])
        {
            return Err(ctx.invalid(
                &format!("{location}.volumes"),
                &format!(
                    "at least {} increasing volumes (for {} interpolation), one per value",
                    self.min_points(),
                    self.name()
                ),
            ));
        }
        Ok(())
    }
}

/// Reads `interp_kwargs` (only `kind`, `"linear"` or `"cubic"`; pywr's default
/// `bounds_error` stands: a value outside the points is an error there and not a number here).
pub(crate) fn parse_interp_kwargs(
    f: &mut Fields<'_>,
    location: &str,
    ctx: &Ctx,
) -> Result<Interpolation, SchemaError> {
    let Some(kw) = f.take("interp_kwargs") else {
        return Ok(Interpolation::Linear);
    };
    let mut k = Fields::new(kw, &format!("{location}.interp_kwargs"), ctx)?;
    let kind = match k.take("kind") {
        None => Interpolation::Linear,
        Some(Json::String(s)) if s == "linear" => Interpolation::Linear,
        Some(Json::String(s)) if s == "cubic" => Interpolation::Cubic,
        Some(other) => {
            return Err(ctx.unsupported(
                &format!("{location}.interp_kwargs.kind"),
                "interpolation",
                &other.to_string(),
                "linear and cubic",
            ));
        }
    };
    k.finish()?;
    Ok(kind)
}

/// A turbine: what turns a flow into power (pywr's `hydropower_calculation`):
/// `power = density × flow × flow_unit_conversion × 9.81 × head × efficiency ×
/// energy_unit_conversion`, the head being the water elevation less `turbine_elevation`
/// (without a water elevation, `turbine_elevation` itself), never below 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Turbine {
    /// The elevation of the water entering the turbine (a parameter, e.g. a level from an
    /// `interpolatedvolume`).
    pub water_elevation: Option<ParameterValue>,
    /// The turbine's elevation (default 0).
    pub turbine_elevation: f64,
    /// Efficiency (default 1).
    pub efficiency: f64,
    /// Water density in kg/m³ (default 1000).
    pub density: f64,
    /// Converts the model's flow unit to m³/day (default 1).
    pub flow_unit_conversion: f64,
    /// Converts J/day to the energy unit recorded (default 1e-6: MJ/day).
    pub energy_unit_conversion: f64,
}

/// Acceleration due to gravity in pywr's hydropower equations, m/s².
const GRAVITY: f64 = 9.81;

impl Turbine {
    /// The head for a water elevation (pywr: elevation − turbine elevation, or the turbine
    /// elevation without one; never below 0).
    pub fn head(&self, water_elevation: Option<f64>) -> f64 {
        let head = match water_elevation {
            Some(e) => e - self.turbine_elevation,
            None => self.turbine_elevation,
        };
        head.max(0.0)
    }

    /// The power of `flow` at `head` (pywr's `hydropower_calculation`, in its order of
    /// operations).
    pub fn power(&self, flow: f64, head: f64) -> f64 {
        let q = flow * self.flow_unit_conversion;
        let power = self.density * q * GRAVITY * head.max(0.0) * self.efficiency;
        power * self.energy_unit_conversion
    }

    /// The flow giving `power` at `head` (pywr's `inverse_hydropower_calculation`): +∞ when
    /// the divisor is 0 (pywr catches the division by zero).
    pub fn flow_for(&self, power: f64, head: f64) -> f64 {
        let divisor = self.energy_unit_conversion
            * self.density
            * GRAVITY
            * head.max(0.0)
            * self.efficiency
            * self.flow_unit_conversion;
        if divisor == 0.0 {
            f64::INFINITY
        } else {
            power / divisor
        }
    }

    /// The numbers written in the definition (which must be finite).
    pub fn numbers(&self) -> [f64; 5] {
        [
            self.turbine_elevation,
            self.efficiency,
            self.density,
            self.flow_unit_conversion,
            self.energy_unit_conversion,
        ]
    }
}

/// An attribute that pywr sets as a `Parameter` object: a name or a parameter written in
/// place; a plain number (or table value) is refused, as pywr refuses it ("Cannot convert
/// int to Parameter").
fn parameter(v: &Json, location: &str, ctx: &Ctx) -> Result<ParameterValue, SchemaError> {
    match parse_value(v, location, ctx)? {
        ParameterValue::Constant(_) => Err(ctx.invalid(
            location,
            "a parameter (a name or an object with a type; pywr refuses a plain number here: \
             write {\"type\": \"constant\", \"value\": N})",
        )),
        p => Ok(p),
    }
}

/// An optional parameter-only attribute (see [`parameter`]).
fn optional_parameter(
    f: &mut Fields<'_>,
    key: &str,
    location: &str,
    ctx: &Ctx,
) -> Result<Option<ParameterValue>, SchemaError> {
    match f.take(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => parameter(v, &format!("{location}.{key}"), ctx).map(Some),
    }
}

/// Reads a turbine's attributes.
pub(crate) fn parse_turbine(
    f: &mut Fields<'_>,
    location: &str,
    ctx: &Ctx,
) -> Result<Turbine, SchemaError> {
    let water_elevation = optional_parameter(f, "water_elevation_parameter", location, ctx)?;
    let turbine = Turbine {
        water_elevation,
        turbine_elevation: f.number("turbine_elevation")?.unwrap_or(0.0),
        efficiency: f.number("efficiency")?.unwrap_or(1.0),
        density: f.number("density")?.unwrap_or(1000.0),
        flow_unit_conversion: f.number("flow_unit_conversion")?.unwrap_or(1.0),
        energy_unit_conversion: f.number("energy_unit_conversion")?.unwrap_or(1e-6),
    };
    let names = [
        "turbine_elevation",
        "efficiency",
        "density",
        "flow_unit_conversion",
        "energy_unit_conversion",
    ];
    for (name, v) in names.iter().zip(turbine.numbers()) {
        if !v.is_finite() {
            return Err(ctx.invalid(&format!("{location}.{name}"), "a finite number"));
        }
    }
    Ok(turbine)
}

/// `hydropowertarget` (pywr's `HydropowerTargetParameter`): the flow that makes `target`
/// power at the current head, within `min_flow..=max_flow`; 0 below `min_head`.
#[derive(Debug, Clone, PartialEq)]
pub struct HydropowerTarget {
    /// The power wanted (energy per day in the turbine's energy unit).
    pub target: ParameterValue,
    /// The largest flow returned.
    pub max_flow: Option<ParameterValue>,
    /// The smallest flow returned (applied after `max_flow`, as pywr does).
    pub min_flow: Option<ParameterValue>,
    /// Below this head the flow is 0 (default 0).
    pub min_head: f64,
    /// The turbine.
    pub turbine: Turbine,
}

impl HydropowerTarget {
    /// The flow for `power` at `head`, bounded as pywr bounds it.
    pub fn flow(&self, power: f64, head: f64, max_flow: Option<f64>, min_flow: Option<f64>) -> f64 {
        if head < self.min_head {
            return 0.0;
        }
        let mut q = self.turbine.flow_for(power, head);
        if let Some(m) = max_flow {
            q = m.min(q);
        }
        if let Some(m) = min_flow {
            q = m.max(q);
        }
        q
    }
}

/// Reads a `hydropowertarget` parameter's attributes.
pub(crate) fn parse_hydropower_target(
    f: &mut Fields<'_>,
    location: &str,
    ctx: &Ctx,
) -> Result<HydropowerTarget, SchemaError> {
    let target = optional_parameter(f, "target", location, ctx)?.ok_or_else(|| {
        ctx.invalid(
            &format!("{location}.target"),
            "the power target (a parameter)",
        )
    })?;
    let max_flow = optional_parameter(f, "max_flow", location, ctx)?;
    let min_flow = optional_parameter(f, "min_flow", location, ctx)?;
    let min_head = f.number("min_head")?.unwrap_or(0.0);
    if !min_head.is_finite() {
        return Err(ctx.invalid(&format!("{location}.min_head"), "a finite number"));
    }
    let turbine = parse_turbine(f, location, ctx)?;
    Ok(HydropowerTarget {
        target,
        max_flow,
        min_flow,
        min_head,
        turbine,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turbine() -> Turbine {
        Turbine {
            water_elevation: None,
            turbine_elevation: 35.0,
            efficiency: 0.85,
            density: 1000.0,
            flow_unit_conversion: 1e3,
            energy_unit_conversion: 1e-6,
        }
    }

    #[test]
    fn power_and_its_inverse_agree_and_a_negative_head_gives_nothing() {
        let t = turbine();
        let head = t.head(Some(58.5));
        assert_eq!(head, 23.5);
        let p = t.power(40.0, head);
        assert!((p - 1000.0 * 40e3 * 9.81 * 23.5 * 0.85 * 1e-6).abs() < 1e-9);
        assert!((t.flow_for(p, head) - 40.0).abs() < 1e-12);
        assert_eq!(t.head(Some(10.0)), 0.0);
        assert_eq!(t.power(40.0, 0.0), 0.0);
        assert_eq!(t.flow_for(5.0, 0.0), f64::INFINITY);
        assert_eq!(t.head(None), 35.0);
    }

    #[test]
    fn the_target_flow_is_bounded_max_first_then_min() {
        let h = HydropowerTarget {
            target: ParameterValue::Constant(1e5),
            max_flow: None,
            min_flow: None,
            min_head: 5.0,
            turbine: turbine(),
        };
        assert_eq!(h.flow(1e5, 4.0, Some(10.0), Some(1.0)), 0.0);
        assert_eq!(h.flow(1e5, 0.0, Some(1000.0), Some(500.0)), 0.0);
        assert_eq!(h.flow(1e9, 20.0, Some(10.0), Some(20.0)), 20.0);
        assert_eq!(h.flow(1e9, 20.0, Some(10.0), None), 10.0);
    }
}
