//! Nodes of a pywr 1.x network.

use serde_json::Value as Json;

use super::fields::Fields;
use super::parameters::ParameterValue;
use super::splits::{RiverSplitSpec, parse_river_split};
use super::{Ctx, SchemaError};

const SUPPORTED_NODES: &str = "input, output, link, river, catchment, storage, reservoir, rivergauge, losslink, \
    piecewiselink, riversplit, riversplitwithgauge, breaklink, aggregatednode, aggregatedstorage, \
    annualvirtualstorage, seasonalvirtualstorage, monthlyvirtualstorage and rollingvirtualstorage";

/// A named node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The node's unique name.
    pub name: String,
    /// Its type and attributes.
    pub kind: NodeKind,
}

impl Node {
    /// The node's `min_flow`, to read or replace, for the kinds that have one (input, output,
    /// link, loss link, aggregated node); `None` for the others.
    pub fn min_flow_mut(&mut self) -> Option<&mut Option<ParameterValue>> {
        match &mut self.kind {
            NodeKind::Input { min_flow, .. }
            | NodeKind::Output { min_flow, .. }
            | NodeKind::Link { min_flow, .. }
            | NodeKind::LossLink { min_flow, .. }
            | NodeKind::Aggregated { min_flow, .. } => Some(min_flow),
            _ => None,
        }
    }

    /// The node's `max_flow`, to read or replace, for the kinds that have one (input, output,
    /// link, loss link, aggregated node); `None` for the others.
    pub fn max_flow_mut(&mut self) -> Option<&mut Option<ParameterValue>> {
        match &mut self.kind {
            NodeKind::Input { max_flow, .. }
            | NodeKind::Output { max_flow, .. }
            | NodeKind::Link { max_flow, .. }
            | NodeKind::LossLink { max_flow, .. }
            | NodeKind::Aggregated { max_flow, .. } => Some(max_flow),
            _ => None,
        }
    }

    /// The node's per-unit `cost`, to read or replace, for the kinds where it is optional
    /// (input, output, link, catchment, loss link, river gauge); a storage's cost is
    /// [`StorageSpec::cost`].
    pub fn cost_mut(&mut self) -> Option<&mut Option<ParameterValue>> {
        match &mut self.kind {
            NodeKind::Input { cost, .. }
            | NodeKind::Output { cost, .. }
            | NodeKind::Link { cost, .. }
            | NodeKind::Catchment { cost, .. }
            | NodeKind::LossLink { cost, .. }
            | NodeKind::RiverGauge { cost, .. } => Some(cost),
            _ => None,
        }
    }
}

/// Whether a `losslink` loss factor is a share of the net (delivered) or the gross flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LossFactorType {
    /// loss = factor × net flow (pywr's default).
    Net,
    /// loss = factor × gross flow.
    Gross,
}

/// Attributes shared by `storage` and `reservoir`.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageSpec {
    /// Maximum volume (a constant or a parameter).
    pub max_volume: ParameterValue,
    /// Minimum volume (default 0).
    pub min_volume: ParameterValue,
    /// Absolute initial volume.
    pub initial_volume: Option<f64>,
    /// Initial volume as a proportion of `max_volume`.
    pub initial_volume_pc: Option<f64>,
    /// Cost of net flow into the store (+cost entering, −cost leaving).
    pub cost: ParameterValue,
    /// Number of release sub-nodes (edge `from_slot`s).
    pub inputs: usize,
    /// Number of receiving sub-nodes (edge `to_slot`s).
    pub outputs: usize,
    /// The surface area (a number or parameter). pywr only records it; the allocation does
    /// not use it, but its parameter is checked and kept.
    pub area: Option<ParameterValue>,
    /// The water level (a number or parameter), kept as `area` is.
    pub level: Option<ParameterValue>,
}

/// Attributes of the virtual storages (licences). The reset date and `end` apply to the annual
/// and seasonal kinds only (a monthly one keeps `reset_to_initial_volume`).
#[derive(Debug, Clone, PartialEq)]
pub struct VirtualStorageSpec {
    /// Member nodes whose flows draw on the licence.
    pub nodes: Vec<String>,
    /// One factor per member (default 1).
    pub factors: Vec<f64>,
    /// Licence volume.
    pub max_volume: ParameterValue,
    /// Minimum volume (default 0).
    pub min_volume: ParameterValue,
    /// Absolute initial volume.
    pub initial_volume: Option<f64>,
    /// Initial volume as a proportion of `max_volume`.
    pub initial_volume_pc: Option<f64>,
    /// Day of month of the yearly reset (default 1).
    pub reset_day: u32,
    /// Month of the yearly reset (default 1).
    pub reset_month: u32,
    /// Reset to the initial volume instead of `max_volume`.
    pub reset_to_initial_volume: bool,
    /// For `seasonalvirtualstorage`: (day, month) when the node stops operating (exclusive).
    pub end: Option<(u32, u32)>,
}

/// The supported node types.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NodeKind {
    /// `input`: a source with flow bounds and a cost per unit.
    Input {
        /// Minimum flow.
        min_flow: Option<ParameterValue>,
        /// Maximum flow (unbounded when absent).
        max_flow: Option<ParameterValue>,
        /// Cost per unit of flow.
        cost: Option<ParameterValue>,
    },
    /// `output`: a sink (demand); a negative cost is a benefit.
    Output {
        /// Minimum flow.
        min_flow: Option<ParameterValue>,
        /// Maximum flow (unbounded when absent).
        max_flow: Option<ParameterValue>,
        /// Cost per unit of flow.
        cost: Option<ParameterValue>,
    },
    /// `link`: a conveyance with flow bounds and a cost.
    Link {
        /// Minimum flow.
        min_flow: Option<ParameterValue>,
        /// Maximum flow (unbounded when absent).
        max_flow: Option<ParameterValue>,
        /// Cost per unit of flow.
        cost: Option<ParameterValue>,
    },
    /// `catchment`: an input whose flow is forced to `flow`.
    Catchment {
        /// The inflow.
        flow: Option<ParameterValue>,
        /// Cost per unit of flow.
        cost: Option<ParameterValue>,
    },
    /// `storage`.
    Storage(StorageSpec),
    /// `reservoir`: a storage whose cost is `above_curve_cost` at or above `control_curve` and 0
    /// below it (a model giving both `cost` and `above_curve_cost` is rejected, see the schema).
    Reservoir {
        /// Storage attributes.
        storage: StorageSpec,
        /// The control curve as a proportional volume (default 1.0 when `above_curve_cost` is
        /// set). pywr 1.x accepts only a number here when loading JSON.
        control_curve: Option<f64>,
        /// Cost when the proportional volume is at or above the curve.
        above_curve_cost: Option<f64>,
    },
    /// `rivergauge`: up to `mrf` at `mrf_cost`, the rest at `cost`.
    RiverGauge {
        /// Minimum residual flow band.
        mrf: Option<ParameterValue>,
        /// Cost of flow within the MRF band.
        mrf_cost: Option<ParameterValue>,
        /// Cost of flow above the MRF band.
        cost: Option<ParameterValue>,
    },
    /// `losslink`: a link losing a share of its flow.
    LossLink {
        /// The loss factor (a parameter only with the net type).
        loss_factor: ParameterValue,
        /// Net or gross.
        loss_factor_type: LossFactorType,
        /// Minimum net flow.
        min_flow: Option<ParameterValue>,
        /// Maximum net flow.
        max_flow: Option<ParameterValue>,
        /// Cost per unit of net flow.
        cost: Option<ParameterValue>,
    },
    /// `aggregatednode`: bounds on a weighted sum of member flows and fixed flow ratios.
    Aggregated {
        /// Member nodes.
        nodes: Vec<String>,
        /// Minimum of the weighted sum.
        min_flow: Option<ParameterValue>,
        /// Maximum of the weighted sum.
        max_flow: Option<ParameterValue>,
        /// Ratios fixed between member flows (numbers or parameters).
        factors: Option<Vec<ParameterValue>>,
        /// Weights in the sum (default 1 each).
        flow_weights: Option<Vec<f64>>,
    },
    /// `piecewiselink`: parallel bands, band `k` carrying up to `max_flows[k]` at `costs[k]`;
    /// the node's flow is their sum (pywr's `PiecewiseLink`).
    PiecewiseLink {
        /// Each band's capacity (`None`: no limit).
        max_flows: Vec<Option<ParameterValue>>,
        /// Each band's cost per unit of flow.
        costs: Vec<ParameterValue>,
    },
    /// `aggregatedstorage`: the summed volume of its member storages (recorded; it adds
    /// nothing to the allocation).
    AggregatedStorage {
        /// The member storage nodes.
        storage_nodes: Vec<String>,
    },
    /// `annualvirtualstorage`.
    AnnualVirtualStorage(VirtualStorageSpec),
    /// `seasonalvirtualstorage`.
    SeasonalVirtualStorage(VirtualStorageSpec),
    /// `monthlyvirtualstorage`: a licence refilled every `months` months.
    MonthlyVirtualStorage {
        /// The licence (its reset date and `end` unused).
        spec: VirtualStorageSpec,
        /// Months between refills (pywr's default 1).
        months: u32,
        /// How many months of the first period have passed when the run starts (default 0).
        initial_months: u32,
    },
    /// `rollingvirtualstorage`: a licence over a rolling window, each step's use returning to
    /// it once the window has passed.
    RollingVirtualStorage {
        /// The licence (its reset date, `end` and `reset_to_initial_volume` unused).
        spec: VirtualStorageSpec,
        /// The window's length.
        window: RollingWindow,
    },
    /// `riversplit` and `riversplitwithgauge`: outflow split among slots in fixed ratios.
    RiverSplit(RiverSplitSpec),
}

/// The length of a `rollingvirtualstorage`'s window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollingWindow {
    /// A number of timesteps.
    Timesteps(u32),
    /// A number of days (pywr: valid with a timestep of whole days; it spans
    /// `days / step` timesteps, rounded down).
    Days(u32),
}

impl NodeKind {
    /// The node's per-unit `cost` when it has one of its own (input, output, link,
    /// catchment, loss link, river gauge).
    pub fn cost(&self) -> Option<&ParameterValue> {
        match self {
            NodeKind::Input { cost, .. }
            | NodeKind::Output { cost, .. }
            | NodeKind::Link { cost, .. }
            | NodeKind::Catchment { cost, .. }
            | NodeKind::LossLink { cost, .. }
            | NodeKind::RiverGauge { cost, .. } => cost.as_ref(),
            _ => None,
        }
    }

    /// Whether edges may attach to this node.
    pub fn is_connectable(&self) -> bool {
        !matches!(
            self,
            NodeKind::Aggregated { .. }
                | NodeKind::AggregatedStorage { .. }
                | NodeKind::AnnualVirtualStorage(_)
                | NodeKind::SeasonalVirtualStorage(_)
                | NodeKind::MonthlyVirtualStorage { .. }
                | NodeKind::RollingVirtualStorage { .. }
        )
    }

    /// Whether this node holds a volume (results report `volume`, not `flow`).
    pub fn is_storage(&self) -> bool {
        matches!(
            self,
            NodeKind::Storage(_)
                | NodeKind::Reservoir { .. }
                | NodeKind::AnnualVirtualStorage(_)
                | NodeKind::SeasonalVirtualStorage(_)
                | NodeKind::MonthlyVirtualStorage { .. }
                | NodeKind::RollingVirtualStorage { .. }
        )
    }

    /// The licence of a virtual storage node.
    pub fn virtual_storage(&self) -> Option<&VirtualStorageSpec> {
        match self {
            NodeKind::AnnualVirtualStorage(v)
            | NodeKind::SeasonalVirtualStorage(v)
            | NodeKind::MonthlyVirtualStorage { spec: v, .. }
            | NodeKind::RollingVirtualStorage { spec: v, .. } => Some(v),
            _ => None,
        }
    }

    /// Whether this is a `losslink` (a compound node pywr refuses as a licence member).
    pub fn is_loss_link(&self) -> bool {
        matches!(self, NodeKind::LossLink { .. })
    }

    /// Names of member nodes (aggregated and virtual nodes).
    pub fn member_names(&self) -> &[String] {
        match self {
            NodeKind::Aggregated { nodes, .. } => nodes,
            NodeKind::AggregatedStorage { storage_nodes } => storage_nodes,
            _ => self.virtual_storage().map_or(&[], |v| &v.nodes),
        }
    }

    /// Every parameter-valued attribute, with its name.
    pub fn values(&self) -> Vec<(&'static str, &ParameterValue)> {
        let mut refs = Vec::new();
        for name in ["min_flow", "max_flow", "cost", "flow", "mrf", "mrf_cost"] {
            if let Some(v) = self.attribute(name) {
                refs.push((name, v));
            }
        }
        match self {
            NodeKind::Storage(s) | NodeKind::Reservoir { storage: s, .. } => {
                refs.push(("max_volume", &s.max_volume));
                refs.push(("min_volume", &s.min_volume));
                refs.push(("cost", &s.cost));
                refs.extend(s.area.iter().map(|v| ("area", v)));
                refs.extend(s.level.iter().map(|v| ("level", v)));
            }
            NodeKind::AnnualVirtualStorage(v)
            | NodeKind::SeasonalVirtualStorage(v)
            | NodeKind::MonthlyVirtualStorage { spec: v, .. }
            | NodeKind::RollingVirtualStorage { spec: v, .. } => {
                refs.push(("max_volume", &v.max_volume));
                refs.push(("min_volume", &v.min_volume));
            }
            NodeKind::RiverSplit(s) => {
                refs.extend(s.max_flows.iter().flatten().map(|v| ("max_flows", v)));
                refs.extend(s.costs.iter().map(|v| ("costs", v)));
            }
            NodeKind::LossLink { loss_factor, .. } => refs.push(("loss_factor", loss_factor)),
            NodeKind::PiecewiseLink { max_flows, costs } => {
                refs.extend(max_flows.iter().flatten().map(|v| ("max_flows", v)));
                refs.extend(costs.iter().map(|v| ("costs", v)));
            }
            NodeKind::Aggregated {
                factors: Some(fs), ..
            } => refs.extend(fs.iter().map(|v| ("factors", v))),
            _ => {}
        }
        refs
    }

    fn attribute(&self, name: &str) -> Option<&ParameterValue> {
        match (self, name) {
            (
                NodeKind::Input { min_flow: v, .. }
                | NodeKind::Output { min_flow: v, .. }
                | NodeKind::Link { min_flow: v, .. }
                | NodeKind::LossLink { min_flow: v, .. }
                | NodeKind::Aggregated { min_flow: v, .. },
                "min_flow",
            )
            | (
                NodeKind::Input { max_flow: v, .. }
                | NodeKind::Output { max_flow: v, .. }
                | NodeKind::Link { max_flow: v, .. }
                | NodeKind::LossLink { max_flow: v, .. }
                | NodeKind::Aggregated { max_flow: v, .. },
                "max_flow",
            )
            | (
                NodeKind::Input { cost: v, .. }
                | NodeKind::Output { cost: v, .. }
                | NodeKind::Link { cost: v, .. }
                | NodeKind::LossLink { cost: v, .. }
                | NodeKind::Catchment { cost: v, .. }
                | NodeKind::RiverGauge { cost: v, .. },
                "cost",
            )
            | (NodeKind::Catchment { flow: v, .. }, "flow")
            | (NodeKind::RiverGauge { mrf: v, .. }, "mrf")
            | (NodeKind::RiverGauge { mrf_cost: v, .. }, "mrf_cost") => v.as_ref(),
            _ => None,
        }
    }
}

/// Parses the node at `nodes[index]`.
pub(crate) fn parse_node(v: &Json, index: usize, ctx: &Ctx) -> Result<Node, SchemaError> {
    let bare = format!("nodes[{index}]");
    let mut f = Fields::new(v, &bare, ctx)?;
    let name = f.string("name")?;
    let location = format!("nodes[{index}] \"{name}\"");
    let mut f = Fields::new(v, &location, ctx)?;
    let _ = f.take("name");
    let type_name = f.string("type")?;
    let _ = f.take("comment");
    let _ = f.take("position");
    // pywr keeps `tags` for the user (to group or find nodes); they change no result.
    if let Some(tags) = f.take("tags")
        && !tags.is_object()
    {
        return Err(ctx.invalid(
            &format!("{location}.tags"),
            "an object of tags (name: value)",
        ));
    }
    let kind = match type_name.to_ascii_lowercase().as_str() {
        "input" => NodeKind::Input {
            min_flow: f.value("min_flow")?,
            max_flow: f.value("max_flow")?,
            cost: f.value("cost")?,
        },
        "output" => NodeKind::Output {
            min_flow: f.value("min_flow")?,
            max_flow: f.value("max_flow")?,
            cost: f.value("cost")?,
        },
        // pywr's `river` is a `link` (RiverDomainMixin only sets its colour), and its
        // `breaklink` a link behind a storage of zero volume: the same flows, fewer routes.
        "link" | "river" | "breaklink" => NodeKind::Link {
            min_flow: f.value("min_flow")?,
            max_flow: f.value("max_flow")?,
            cost: f.value("cost")?,
        },
        "catchment" => NodeKind::Catchment {
            flow: f.value("flow")?,
            cost: f.value("cost")?,
        },
        "storage" => NodeKind::Storage(parse_storage(&mut f)?),
        "reservoir" => {
            let control_curve = f.number("control_curve")?;
            let above_curve_cost = f.number("above_curve_cost")?;
            if above_curve_cost.is_some() && v.get("cost").is_some() {
                // pywr 1.x sets `cost` after building the control-curve cost, so a model with both
                // silently loses above_curve_cost there; refuse the ambiguity instead.
                return Err(ctx.invalid(
                    &format!("{location}.cost"),
                    "no cost when above_curve_cost is given (pywr 1.x would silently ignore above_curve_cost; \
                     the cost below the curve is 0 — use a controlcurve parameter as cost for other values)",
                ));
            }
            let storage = parse_storage(&mut f)?;
            NodeKind::Reservoir {
                storage,
                control_curve,
                above_curve_cost,
            }
        }
        "rivergauge" => NodeKind::RiverGauge {
            mrf: f.value("mrf")?,
            mrf_cost: f.value("mrf_cost")?,
            cost: f.value("cost")?,
        },
        "losslink" => {
            let loss_factor = f
                .value("loss_factor")?
                .unwrap_or(ParameterValue::Constant(0.0));
            let loss_factor_type = match f.take("loss_factor_type") {
                None => LossFactorType::Net,
                Some(Json::String(s)) if s == "net" => LossFactorType::Net,
                Some(Json::String(s)) if s == "gross" => LossFactorType::Gross,
                Some(_) => {
                    return Err(ctx.invalid(
                        &format!("{location}.loss_factor_type"),
                        "\"net\" or \"gross\"",
                    ));
                }
            };
            match (&loss_factor, loss_factor_type) {
                (ParameterValue::Constant(l), _) if !(0.0..=1.0).contains(l) => {
                    return Err(
                        ctx.invalid(&format!("{location}.loss_factor"), "a number from 0 to 1")
                    );
                }
                (ParameterValue::Constant(l), LossFactorType::Net) if *l >= 1.0 => {
                    return Err(ctx.invalid(
                        &format!("{location}.loss_factor"),
                        "a net loss factor below 1",
                    ));
                }
                (ParameterValue::Constant(_), _) | (_, LossFactorType::Net) => {}
                (_, LossFactorType::Gross) => {
                    return Err(ctx.invalid(
                        &format!("{location}.loss_factor"),
                        "a number with loss_factor_type \"gross\" (pywr 1.x rule); use \"net\" for a parameter",
                    ));
                }
            }
            NodeKind::LossLink {
                loss_factor,
                loss_factor_type,
                min_flow: f.value("min_flow")?,
                max_flow: f.value("max_flow")?,
                cost: f.value("cost")?,
            }
        }
        "piecewiselink" => {
            let max_flows = match f.take("max_flows") {
                Some(Json::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(k, v)| match v {
                        Json::Null => Ok(None),
                        v => super::parameters::parse_value(
                            v,
                            &format!("{location}.max_flows[{k}]"),
                            ctx,
                        )
                        .map(Some),
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                _ => {
                    return Err(ctx.invalid(
                        &format!("{location}.max_flows"),
                        "a list with one capacity (or null for none) per band",
                    ));
                }
            };
            let costs = f.values("costs")?.unwrap_or_default();
            let nsteps = f.integer("nsteps", 1, 1024)?.map(|n| n as usize);
            if costs.len() != max_flows.len()
                || max_flows.is_empty()
                || nsteps.is_some_and(|n| n != costs.len())
            {
                return Err(ctx.invalid(
                    &location,
                    "nsteps bands with one entry each in max_flows and costs",
                ));
            }
            NodeKind::PiecewiseLink { max_flows, costs }
        }
        "aggregatedstorage" => {
            let storage_nodes = f.strings("storage_nodes")?.unwrap_or_default();
            if storage_nodes.is_empty() {
                return Err(ctx.invalid(
                    &format!("{location}.storage_nodes"),
                    "a non-empty list of storage node names",
                ));
            }
            NodeKind::AggregatedStorage { storage_nodes }
        }
        "aggregatednode" => {
            let nodes = f.strings("nodes")?.unwrap_or_default();
            if nodes.is_empty() {
                return Err(ctx.invalid(
                    &format!("{location}.nodes"),
                    "a non-empty list of node names",
                ));
            }
            let factors = f.values("factors")?;
            let flow_weights = f.numbers("flow_weights")?;
            let lengths = [
                ("factors", factors.as_ref().map(Vec::len)),
                ("flow_weights", flow_weights.as_ref().map(Vec::len)),
            ];
            for (attr, len) in lengths {
                if let Some(len) = len
                    && len != nodes.len()
                {
                    return Err(
                        ctx.invalid(&format!("{location}.{attr}"), "one number per member node")
                    );
                }
            }
            if let Some(fs) = &factors
                && fs.contains(&ParameterValue::Constant(0.0))
            {
                return Err(ctx.invalid(&format!("{location}.factors"), "non-zero factors"));
            }
            NodeKind::Aggregated {
                nodes,
                min_flow: f.value("min_flow")?,
                max_flow: f.value("max_flow")?,
                factors,
                flow_weights,
            }
        }
        "riversplit" => NodeKind::RiverSplit(parse_river_split(&mut f, false)?),
        "riversplitwithgauge" => NodeKind::RiverSplit(parse_river_split(&mut f, true)?),
        "monthlyvirtualstorage" => {
            let months = f.integer("months", 1, 1200)?.unwrap_or(1);
            let initial_months = f.integer("initial_months", 0, 1200)?.unwrap_or(0);
            let spec = parse_virtual(&mut f, Licence::Monthly)?;
            NodeKind::MonthlyVirtualStorage {
                spec,
                months,
                initial_months,
            }
        }
        "rollingvirtualstorage" => {
            let timesteps = f.integer("timesteps", 0, 100_000)?.filter(|&t| t > 0);
            let days = f.integer("days", 0, 100_000)?.filter(|&d| d > 0);
            let window = match (days, timesteps) {
                // pywr uses `days` when both are given.
                (Some(d), _) => RollingWindow::Days(d),
                (None, Some(t)) => RollingWindow::Timesteps(t),
                (None, None) => {
                    return Err(ctx.invalid(
                        &format!("{location}.timesteps"),
                        "a rolling window: `timesteps` or `days` (a whole number above 1)",
                    ));
                }
            };
            let spec = parse_virtual(&mut f, Licence::Rolling)?;
            NodeKind::RollingVirtualStorage { spec, window }
        }
        t @ ("annualvirtualstorage" | "seasonalvirtualstorage") => {
            let seasonal = t == "seasonalvirtualstorage";
            let spec = parse_virtual(
                &mut f,
                if seasonal {
                    Licence::Seasonal
                } else {
                    Licence::Annual
                },
            )?;
            if seasonal {
                NodeKind::SeasonalVirtualStorage(spec)
            } else {
                NodeKind::AnnualVirtualStorage(spec)
            }
        }
        _ => {
            return Err(ctx.unsupported(&location, "node type", &type_name, SUPPORTED_NODES));
        }
    };
    f.finish()?;
    Ok(Node { name, kind })
}

fn initial(f: &mut Fields<'_>) -> Result<(Option<f64>, Option<f64>), SchemaError> {
    let iv = f.number_or_table("initial_volume")?;
    let ipc = f.number("initial_volume_pc")?;
    if iv.is_none() && ipc.is_none() {
        return Err(f
            .ctx()
            .invalid(f.location(), "initial_volume or initial_volume_pc"));
    }
    Ok((iv, ipc))
}

fn parse_storage(f: &mut Fields<'_>) -> Result<StorageSpec, SchemaError> {
    let (initial_volume, initial_volume_pc) = initial(f)?;
    let max_volume = f
        .value("max_volume")?
        .unwrap_or(ParameterValue::Constant(0.0));
    let inputs = f.integer("inputs", 1, 64)?.map_or(1, |x| x as usize);
    let outputs = f.integer("outputs", 0, 64)?.map_or(1, |x| x as usize);
    let area = f.value("area")?;
    let level = f.value("level")?;
    Ok(StorageSpec {
        area,
        level,
        max_volume,
        min_volume: f
            .value("min_volume")?
            .unwrap_or(ParameterValue::Constant(0.0)),
        initial_volume,
        initial_volume_pc,
        cost: f.value("cost")?.unwrap_or(ParameterValue::Constant(0.0)),
        inputs,
        outputs,
    })
}

/// Which virtual storage `parse_virtual` reads: the attributes each kind takes differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Licence {
    Annual,
    Seasonal,
    Monthly,
    Rolling,
}

fn parse_virtual(f: &mut Fields<'_>, kind: Licence) -> Result<VirtualStorageSpec, SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let nodes = f.strings("nodes")?.unwrap_or_default();
    if nodes.is_empty() {
        return Err(ctx.invalid(
            &format!("{location}.nodes"),
            "a non-empty list of node names",
        ));
    }
    let factors = f
        .numbers("factors")?
        .unwrap_or_else(|| vec![1.0; nodes.len()]);
    if factors.len() != nodes.len() {
        return Err(ctx.invalid(&format!("{location}.factors"), "one number per member node"));
    }
    match f.number("cost")? {
        None | Some(0.0) => {}
        Some(_) => {
            return Err(ctx.invalid(
                &format!("{location}.cost"),
                "0 (pywr virtual storages take no cost)",
            ));
        }
    }
    let (initial_volume, initial_volume_pc) = if kind == Licence::Rolling {
        // pywr's RollingVirtualStorage starts empty (initial_volume 0) unless told.
        let iv = f.number_or_table("initial_volume")?;
        let ipc = f.number("initial_volume_pc")?;
        (iv.or(if ipc.is_none() { Some(0.0) } else { None }), ipc)
    } else {
        initial(f)?
    };
    let max_volume = f
        .value("max_volume")?
        .unwrap_or(ParameterValue::Constant(0.0));
    let min_volume = f
        .value("min_volume")?
        .unwrap_or(ParameterValue::Constant(0.0));
    let annual = matches!(kind, Licence::Annual | Licence::Seasonal);
    let (reset_day, reset_month) = if annual {
        (
            f.integer("reset_day", 1, 31)?.unwrap_or(1),
            f.integer("reset_month", 1, 12)?.unwrap_or(1),
        )
    } else {
        (1, 1)
    };
    let reset_to_initial_volume = if kind == Licence::Rolling {
        false
    } else {
        f.boolean("reset_to_initial_volume")?.unwrap_or(false)
    };
    let end = if kind == Licence::Seasonal {
        Some((
            f.integer("end_day", 1, 31)?.unwrap_or(31),
            f.integer("end_month", 1, 12)?.unwrap_or(12),
        ))
    } else {
        None
    };
    Ok(VirtualStorageSpec {
        nodes,
        factors,
        max_volume,
        min_volume,
        initial_volume,
        initial_volume_pc,
        reset_day,
        reset_month,
        reset_to_initial_volume,
        end,
    })
}
