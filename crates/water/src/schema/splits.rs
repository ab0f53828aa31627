//! `riversplit` and `RiverSplitWithGauge`: pywr's `MultiSplitLink` family, a link whose flow
//! leaves by named slots in fixed proportions.

use serde_json::Value as Json;

use super::fields::Fields;
use super::parameters::{ParameterValue, parse_value};
use super::{Ctx, SchemaError};

/// An edge's slot on a node: an index (a storage's sub-node) or a name (a river split's
/// outlet). pywr matches a slot by equality, so the number `1` and the string `"1"` differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// An integer slot.
    Index(u64),
    /// A named slot.
    Name(String),
}

impl std::fmt::Display for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Slot::Index(i) => write!(f, "{i}"),
            Slot::Name(s) => write!(f, "\"{s}\""),
        }
    }
}

impl Slot {
    /// The slot of a JSON value (an integer or a string), if it is one.
    pub(crate) fn from_json(v: &Json) -> Option<Slot> {
        match v {
            Json::Number(n) => n.as_u64().map(Slot::Index),
            Json::String(s) => Some(Slot::Name(s.clone())),
            _ => None,
        }
    }

    /// The slot as JSON.
    pub(crate) fn to_json(&self) -> Json {
        match self {
            Slot::Index(i) => Json::from(*i),
            Slot::Name(s) => Json::from(s.as_str()),
        }
    }
}

/// A river split (pywr's `RiverSplit`, `RiverSplitWithGauge`, both `MultiSplitLink`s).
///
/// Inside, the inflow divides among sub-links: bands (as a `piecewiselink`'s), then one extra
/// sub-link per extra slot. The bands and the extra sub-links leave by the first slot; each
/// extra sub-link may also leave by its own slot. The flows of the last band and of the extra
/// sub-links keep the ratios of `factors`. The node's flow is the sum of all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct RiverSplitSpec {
    /// Each sub-link's capacity (`None`: no limit): the bands, then one per extra slot (pywr
    /// sets a model's `max_flows` on every sub-link).
    pub max_flows: Vec<Option<ParameterValue>>,
    /// Each sub-link's cost per unit of flow, as `max_flows`.
    pub costs: Vec<ParameterValue>,
    /// One entry per slot: the share of the last band (first entry) and of each extra
    /// sub-link; `None` leaves that sub-link out of the ratios.
    pub factors: Vec<Option<f64>>,
    /// The slot names edges leave by: the first is the bands' outlet, then one per extra
    /// sub-link.
    pub slot_names: Vec<Slot>,
    /// Written as `RiverSplitWithGauge`: two bands, `[mrf, none]` at `[mrf_cost, cost]`.
    pub with_gauge: bool,
}

impl RiverSplitSpec {
    /// The number of bands (the sub-links that are not an extra slot's).
    pub fn bands(&self) -> usize {
        self.costs
            .len()
            .saturating_sub(self.slot_names.len().saturating_sub(1))
    }

    /// The index of `slot` among the slot names, if it is one.
    pub fn slot_index(&self, slot: &Slot) -> Option<usize> {
        self.slot_names.iter().position(|s| s == slot)
    }
}

/// Parses the attributes of a `riversplit` (`with_gauge` false) or `riversplitwithgauge` node.
pub(crate) fn parse_river_split(
    f: &mut Fields<'_>,
    with_gauge: bool,
) -> Result<RiverSplitSpec, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let factors = match f.take("factors") {
        Some(Json::Array(items)) if items.len() >= 2 => items
            .iter()
            .map(|v| match v {
                Json::Null => Ok(None),
                v => v
                    .as_f64()
                    .filter(|x| x.is_finite() && *x > 0.0)
                    .map(Some)
                    .ok_or(()),
            })
            .collect::<Result<Vec<_>, ()>>()
            .map_err(|()| {
                ctx.invalid(
                    &format!("{location}.factors"),
                    "positive numbers, shares of the flow (or null for a sub-link without a ratio)",
                )
            })?,
        _ => {
            return Err(ctx.invalid(
                &format!("{location}.factors"),
                "a list of at least two factors, one per slot (the first for the main outlet)",
            ));
        }
    };
    let slot_names = match f.take("slot_names") {
        None => (0..factors.len() as u64).map(Slot::Index).collect(),
        Some(Json::Array(items)) => items
            .iter()
            .map(Slot::from_json)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| {
                ctx.invalid(
                    &format!("{location}.slot_names"),
                    "a list of slot names (strings or integers)",
                )
            })?,
        Some(_) => {
            return Err(ctx.invalid(
                &format!("{location}.slot_names"),
                "a list of slot names (strings or integers)",
            ));
        }
    };
    check_slot_names(ctx, &location, &slot_names, factors.len())?;
    let extra = factors.len() - 1;
    let (max_flows, costs) = if with_gauge {
        let mrf = f.value("mrf")?.unwrap_or(ParameterValue::Constant(0.0));
        let mrf_cost = f
            .value("mrf_cost")?
            .unwrap_or(ParameterValue::Constant(0.0));
        let cost = f.value("cost")?.unwrap_or(ParameterValue::Constant(0.0));
        let mut max_flows = vec![Some(mrf), None];
        max_flows.extend(std::iter::repeat_n(None, extra));
        let mut costs = vec![mrf_cost, cost];
        costs.extend(std::iter::repeat_n(ParameterValue::Constant(0.0), extra));
        (max_flows, costs)
    } else {
        sub_links(f, ctx, &location, extra)?
    };
    Ok(RiverSplitSpec {
        max_flows,
        costs,
        factors,
        slot_names,
        with_gauge,
    })
}

/// A river split's `nsteps` (bands, default 1), `max_flows` and `costs`. pywr sets the lists
/// given in a model on every sub-link, the extra slots' included, so each has one entry per
/// band and per extra slot (by default no limit and cost 0).
fn sub_links(
    f: &mut Fields<'_>,
    ctx: &Ctx,
    location: &str,
    extra: usize,
) -> Result<(Vec<Option<ParameterValue>>, Vec<ParameterValue>), SchemaError> {
    let nsteps = f.integer("nsteps", 1, 1024)?.map_or(1, |n| n as usize);
    let count = nsteps + extra;
    let max_flows = match f.take("max_flows") {
        None => vec![None; count],
        Some(Json::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(k, v)| match v {
                Json::Null => Ok(None),
                v => parse_value(v, &format!("{location}.max_flows[{k}]"), ctx).map(Some),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => {
            return Err(ctx.invalid(
                &format!("{location}.max_flows"),
                "a list with one capacity (or null for none) per sub-link",
            ));
        }
    };
    let costs = f
        .values("costs")?
        .unwrap_or_else(|| vec![ParameterValue::Constant(0.0); count]);
    for (attr, len) in [("max_flows", max_flows.len()), ("costs", costs.len())] {
        if len != count {
            return Err(ctx.invalid(
                &format!("{location}.{attr}"),
                &format!(
                    "one entry per sub-link: nsteps ({nsteps}) bands and one per extra slot ({extra}), {count} in all, found {len} (pywr: \"Piecewise {attr} must be the same length as the number of sub-links\")"
                ),
            ));
        }
    }
    Ok((max_flows, costs))
}

/// One distinct slot name per factor.
pub(crate) fn check_slot_names(
    ctx: &Ctx,
    location: &str,
    slot_names: &[Slot],
    n_factors: usize,
) -> Result<(), SchemaError> {
    if slot_names.len() != n_factors {
        return Err(ctx.invalid(
            &format!("{location}.slot_names"),
            &format!(
                "one slot name per factor ({n_factors}), found {}",
                slot_names.len()
            ),
        ));
    }
    for (k, s) in slot_names.iter().enumerate() {
        if slot_names[..k].contains(s) {
            return Err(ctx.invalid(
                &format!("{location}.slot_names[{k}]"),
                &format!("distinct slot names, found {s} twice"),
            ));
        }
    }
    Ok(())
}
