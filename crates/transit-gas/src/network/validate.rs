//! The checks [`solve`](super::solve) makes before it starts: every reference resolves and
//! every value is a finite number in its domain. The readers check their files the same way
//! (with file and line); these checks protect a network built or changed in code, which
//! otherwise could make the solver index out of bounds or divide by NaN.

use super::error::NetworkError;
use super::fluid::Property;
use super::model::{ElementId, Network};
use super::solver::SolverOptions;

/// The error for `field` of `element`.
fn invalid(element: String, field: &'static str, problem: impl Into<String>) -> NetworkError {
    NetworkError::InvalidElement {
        element,
        field,
        problem: problem.into(),
    }
}

fn element(kind: &str, index: usize, id: &ElementId) -> String {
    format!("{kind} {id} (number {index} in `{kind}s`)")
}

/// `value` must be finite and satisfy `ok`; `expected` says what it must be.
fn check(
    value: f64,
    ok: impl Fn(f64) -> bool,
    at: impl Fn() -> String,
    field: &'static str,
    expected: &str,
) -> Result<(), NetworkError> {
    if value.is_finite() && ok(value) {
        Ok(())
    } else {
        Err(invalid(
            at(),
            field,
            format!("is {value}; expected {expected}"),
        ))
    }
}

fn check_property(property: &Property, field: &'static str) -> Result<(), NetworkError> {
    property
        .validate(field)
        .map_err(|problem| invalid("fluid".to_owned(), field, format!("is invalid: {problem}")))
}

/// Checks `net` and `options` as [`solve`](super::solve) needs them.
pub(super) fn validate(net: &Network, options: &SolverOptions) -> Result<(), NetworkError> {
    let fluid = &net.fluid;
    check_property(&fluid.density_kg_per_m3, "density_kg_per_m3")?;
    check_property(&fluid.viscosity_pa_s, "viscosity_pa_s")?;
    check_property(&fluid.compressibility, "compressibility")?;
    check(
        fluid.normal_density_kg_per_m3(),
        |v| v > 0.0,
        || "fluid".to_owned(),
        "density_kg_per_m3",
        "a positive density at 273.15 K (kg/m³)",
    )?;
    let options_el = || "solver options".to_owned();
    for (value, field) in [
        (options.tolerance_bar, "tolerance_bar"),
        (options.tolerance_mass, "tolerance_mass"),
        (options.colebrook_tolerance, "colebrook_tolerance"),
    ] {
        check(
            value,
            |v| v >= 0.0,
            options_el,
            field,
            "a non-negative number",
        )?;
    }
    let junctions = net.junctions.len();
    let resolves = |el: &dyn Fn() -> String, field: &'static str, j: usize| {
        if j < junctions {
            Ok(())
        } else {
            Err(invalid(
                el(),
                field,
                format!(
                    "refers to junction number {j}, but the network has {junctions} junction(s); \
                     use a JunctionId from this network's builder or an index below {junctions}"
                ),
            ))
        }
    };
    for (i, j) in net.junctions.iter().enumerate() {
        let el = || element("junction", i, &j.id);
        check(
            j.height_m,
            |v| v.abs() <= 20_000.0,
            el,
            "height_m",
            "a height between -20000 and 20000 m",
        )?;
        check(
            j.temperature_k,
            |v| v > 0.0,
            el,
            "temperature_k",
            "a temperature above 0 K",
        )?;
        if let Some(p) = j.initial_pressure_bar_g {
            check(
                p,
                |_| true,
                el,
                "initial_pressure_bar_g",
                "a finite pressure (bar gauge)",
            )?;
        }
    }
    for (i, p) in net.pipes.iter().enumerate() {
        let el = || element("pipe", i, &p.id);
        resolves(&el, "from", p.from)?;
        resolves(&el, "to", p.to)?;
        check(
            p.length_m,
            |v| v >= 0.0,
            el,
            "length_m",
            "a non-negative length (m)",
        )?;
        check(
            p.inner_diameter_m,
            |v| v > 0.0,
            el,
            "inner_diameter_m",
            "a positive diameter (m)",
        )?;
        check(
            p.roughness_m,
            |v| v >= 0.0,
            el,
            "roughness_m",
            "a non-negative roughness (m)",
        )?;
        check(
            p.loss_coefficient,
            |v| v >= 0.0,
            el,
            "loss_coefficient",
            "a non-negative loss coefficient",
        )?;
        if p.sections == 0 {
            return Err(invalid(el(), "sections", "is 0; expected at least 1"));
        }
    }
    for (i, v) in net.valves.iter().enumerate() {
        let el = || element("valve", i, &v.id);
        resolves(&el, "from", v.from)?;
        resolves(&el, "to", v.to)?;
        check(
            v.inner_diameter_m,
            |d| d > 0.0,
            el,
            "inner_diameter_m",
            "a positive diameter (m)",
        )?;
        check(
            v.loss_coefficient,
            |z| z >= 0.0,
            el,
            "loss_coefficient",
            "a non-negative loss coefficient",
        )?;
    }
    for (i, s) in net.slacks.iter().enumerate() {
        let el = || element("slack", i, &s.id);
        resolves(&el, "junction", s.junction)?;
        check(
            s.pressure_bar_g,
            |_| true,
            el,
            "pressure_bar_g",
            "a finite pressure (bar gauge)",
        )?;
    }
    for (i, c) in net.pumps.iter().enumerate() {
        let el = || element("pump", i, &c.id);
        resolves(&el, "from", c.from)?;
        resolves(&el, "to", c.to)?;
        if c.in_service {
            super::pump_curve::check_coefficients(&c.curve.coefficients)
                .map_err(|problem| invalid(el(), "curve", problem))?;
        }
    }
    for (i, c) in net.compressors.iter().enumerate() {
        let el = || element("compressor", i, &c.id);
        resolves(&el, "from", c.from)?;
        resolves(&el, "to", c.to)?;
        check(
            c.pressure_ratio,
            |r| (1.0..=super::MAX_PRESSURE_RATIO).contains(&r),
            el,
            "pressure_ratio",
            "a ratio of absolute pressures from 1 to 100 (a compressor raises the pressure; \
             use a pressure control to lower it)",
        )?;
    }
    for (i, c) in net.pressure_controls.iter().enumerate() {
        let el = || element("pressure control", i, &c.id);
        resolves(&el, "from", c.from)?;
        resolves(&el, "to", c.to)?;
        resolves(&el, "controlled_junction", c.controlled_junction)?;
        check(
            c.set_pressure_bar_g,
            |_| true,
            el,
            "set_pressure_bar_g",
            "a finite pressure (bar gauge)",
        )?;
        check(
            c.loss_coefficient,
            |z| z >= 0.0,
            el,
            "loss_coefficient",
            "a non-negative loss coefficient",
        )?;
    }
    for (i, c) in net.flow_controls.iter().enumerate() {
        let el = || element("flow control", i, &c.id);
        resolves(&el, "from", c.from)?;
        resolves(&el, "to", c.to)?;
        check(
            c.mass_flow_kg_per_s,
            |_| true,
            el,
            "mass_flow_kg_per_s",
            "a finite mass flow (kg/s)",
        )?;
    }
    for (i, l) in net.loads.iter().enumerate() {
        let el = || element("load", i, &l.id);
        resolves(&el, "junction", l.junction)?;
        check(
            l.withdrawal_kg_per_s,
            |_| true,
            el,
            "withdrawal_kg_per_s",
            "a finite mass flow (kg/s; negative for a source)",
        )?;
    }
    Ok(())
}
