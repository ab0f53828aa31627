//! pywr's index parameters that select among values: `controlcurveindex` (the zone a storage
//! is in) and `indexedarray` (the parameter an index parameter selects).

use super::SchemaError;
use super::fields::Fields;
use super::parameters::parse_value;
use super::parameters::{ParameterKind, ParameterValue};
use serde_json::Value as Json;

/// `controlcurveindex` (pywr's `ControlCurveIndexParameter`): `storage_node` and its
/// `control_curves`, highest first; the index is the first curve the storage is at or above.
pub(crate) fn parse_control_curve_index(f: &mut Fields<'_>) -> Result<ParameterKind, SchemaError> {
    let ctx = f.ctx();
    let at = format!("{}.control_curves", f.location());
    let storage_node = f.string("storage_node")?;
    // pywr's `load` reads `control_curves` only (no single `control_curve`).
    let control_curves = match f.take("control_curves") {
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| parse_value(v, &format!("{at}[{i}]"), ctx))
            .collect::<Result<Vec<_>, _>>()?,
        _ => {
            return Err(ctx.invalid(
                &at,
                "a list of control curves (numbers or parameters, highest first)",
            ));
        }
    };
    Ok(ParameterKind::ControlCurveIndex {
        storage_node,
        control_curves,
    })
}

/// `indexedarray` (pywr's `IndexedArrayParameter`): `index_parameter` and `params` (or
/// `parameters`), one per index.
pub(crate) fn parse_indexed_array(f: &mut Fields<'_>) -> Result<ParameterKind, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let index_parameter = match f.value("index_parameter")? {
        Some(ParameterValue::Constant(_)) | None => {
            return Err(ctx.invalid(
                &format!("{location}.index_parameter"),
                "an index parameter (its name, or one written in place)",
            ));
        }
        Some(p) => p,
    };
    // pywr reads `params`, else `parameters`.
    let params = match f.values("params")? {
        Some(p) => p,
        None => f.values("parameters")?.ok_or_else(|| {
            ctx.invalid(
                &format!("{location}.params"),
                "a list of parameters or numbers, one per index",
            )
        })?,
    };
    if params.is_empty() {
        return Err(ctx.invalid(
            &format!("{location}.params"),
            "a non-empty list of parameters or numbers, one per index",
        ));
    }
    Ok(ParameterKind::IndexedArray {
        index_parameter,
        params,
    })
}
