//! pywr's parameters computed from a node's flows in earlier timesteps: `deficit`,
//! `rollingmeanflownode` and `interpolatedflow`.

use super::SchemaError;
use super::fields::Fields;
use super::parameters::ParameterKind;
use serde_json::Value as Json;

/// `deficit` (pywr's `DeficitParameter`): the `node` whose deficit it tracks.
pub(crate) fn parse_deficit(f: &mut Fields<'_>) -> Result<ParameterKind, SchemaError> {
    Ok(ParameterKind::Deficit {
        node: f.string("node")?,
    })
}

/// `rollingmeanflownode` (pywr's `RollingMeanFlowNodeParameter`): `node`, a window of
/// `timesteps` or `days` (`days` wins when both are given, as in pywr) and `initial_flow`.
pub(crate) fn parse_rolling_mean_flow(f: &mut Fields<'_>) -> Result<ParameterKind, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let node = f.string("node")?;
    // pywr takes `int(...)`; 0 counts as not given.
    let mut window = |key: &str| -> Result<Option<u32>, SchemaError> {
        match f.take(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Number(n)) => match n.as_f64() {
                Some(x) if x.fract() == 0.0 && (0.0..=f64::from(MAX_WINDOW)).contains(&x) => {
                    Ok((x > 0.0).then_some(x as u32))
                }
                _ => Err(ctx.invalid(
                    &format!("{location}.{key}"),
                    &format!("a whole number of {key} from 1 to {MAX_WINDOW}"),
                )),
            },
            Some(_) => Err(ctx.invalid(
                &format!("{location}.{key}"),
                &format!("a whole number of {key} from 1 to {MAX_WINDOW}"),
            )),
        }
    };
    let timesteps = window("timesteps")?;
    let days = window("days")?;
    if timesteps.is_none() && days.is_none() {
        return Err(ctx.invalid(
            &format!("{location}.timesteps"),
            "a window of timesteps (or days) of at least 1",
        ));
    }
    let initial_flow = f.number("initial_flow")?.unwrap_or(0.0);
    Ok(ParameterKind::RollingMeanFlowNode {
        node,
        timesteps,
        days,
        initial_flow,
    })
}

/// The longest rolling window, in timesteps or days (about 270 years of days): the engine
/// keeps that many flows per parameter and scenario combination.
pub(crate) const MAX_WINDOW: u32 = 100_000;

/// `interpolatedflow` (pywr's `InterpolatedFlowParameter`): `values` interpolated linearly on
/// `node`'s previous flow between `flows` (increasing).
pub(crate) fn parse_interpolated_flow(f: &mut Fields<'_>) -> Result<ParameterKind, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let node = f.string("node")?;
    let flows = f.numbers("flows")?;
    let values = f.numbers("values")?;
    linear_only(f)?;
    let (Some(flows), Some(values)) = (flows, values) else {
        return Err(ctx.invalid(
            &format!("{location}.flows"),
            "flows and values: lists of numbers of the same length",
        ));
    };
    if flows.len() != values.len() || flows.len() < 2 || flows.windows(2).any(|w| w[0] >= w[1]) {
        return Err(ctx.invalid(
            &format!("{location}.flows"),
            "at least two increasing flows, one per value",
        ));
    }
    Ok(ParameterKind::InterpolatedFlow {
        node,
        flows,
        values,
    })
}

/// `interp_kwargs` of an interpolated parameter: only scipy's `kind` `"linear"` (the default)
/// is computed; a value outside the points is an error in pywr (`bounds_error`) and not a
/// number here.
fn linear_only(f: &mut Fields<'_>) -> Result<(), SchemaError> {
    let ctx = f.ctx();
    let at = format!("{}.interp_kwargs", f.location());
    let Some(kw) = f.take("interp_kwargs") else {
        return Ok(());
    };
    let mut k = Fields::new(kw, &at, ctx)?;
    match k.take("kind") {
        None => {}
        Some(Json::String(s)) if s == "linear" => {}
        Some(other) => {
            return Err(ctx.unsupported(
                &format!("{at}.kind"),
                "interpolation",
                &other.to_string(),
                "linear",
            ));
        }
    }
    k.finish()
}
