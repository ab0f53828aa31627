//! One lowering function per node kind or family: what each adds to the linear programme.
//!
//! First pass, in file order ([`Lowering::network_node`]): input, output and link
//! ([`Lowering::input_output_link`]), catchment, loss link, river gauge, storage and reservoir,
//! and the placeholder row of each virtual storage. Second pass ([`Lowering::member_nodes`]),
//! once every member's flow is known: aggregated nodes and the rows of virtual storages.

use crate::schema::{
    LossFactorType, Node, NodeKind, ParameterValue, RollingWindow, Step, StorageSpec,
    VirtualStorageSpec,
};

use super::super::params::{ParamBuilder, Source};
use super::super::program::{Coef, DynRow, Expr, normalise};
use super::super::state::{AnnualLicence, Licence, MonthlyLicence, RollingLicence, Store};
use super::{EngineError, Lowering};

/// `node "NAME".attr`, the location of a node attribute in errors.
fn at(node: &Node, attr: &str) -> String {
    format!("node \"{}\".{attr}", node.name)
}

/// The flow bounds and cost of an input, output or link.
struct FlowAttributes<'m> {
    min_flow: Option<&'m ParameterValue>,
    max_flow: Option<&'m ParameterValue>,
    cost: Option<&'m ParameterValue>,
}

impl Lowering<'_> {
    /// First pass: what network node `i` adds; storages and virtual storages get their store.
    pub(super) fn network_node(
        &mut self,
        pb: &mut ParamBuilder<'_>,
        i: usize,
    ) -> Result<(), EngineError> {
        let model = self.model;
        let node = &model.nodes[i];
        match &node.kind {
            NodeKind::Input {
                min_flow,
                max_flow,
                cost,
            }
            | NodeKind::Output {
                min_flow,
                max_flow,
                cost,
            }
            | NodeKind::Link {
                min_flow,
                max_flow,
                cost,
            } => {
                let attributes = FlowAttributes {
                    min_flow: min_flow.as_ref(),
                    max_flow: max_flow.as_ref(),
                    cost: cost.as_ref(),
                };
                self.input_output_link(pb, i, &attributes)
            }
            NodeKind::Catchment { flow, cost } => {
                self.catchment(pb, i, flow.as_ref(), cost.as_ref())
            }
            NodeKind::LossLink { .. } => self.loss_link(pb, i),
            NodeKind::RiverGauge {
                mrf,
                mrf_cost,
                cost,
            } => self.river_gauge(pb, i, [mrf.as_ref(), mrf_cost.as_ref(), cost.as_ref()]),
            NodeKind::Storage(spec) | NodeKind::Reservoir { storage: spec, .. } => {
                self.storage(pb, i, spec)
            }
            NodeKind::PiecewiseLink { max_flows, costs } => {
                self.piecewise_link(pb, i, max_flows, costs)
            }
            NodeKind::Aggregated { .. } | NodeKind::AggregatedStorage { .. } => Ok(()),
            NodeKind::AnnualVirtualStorage(_)
            | NodeKind::SeasonalVirtualStorage(_)
            | NodeKind::MonthlyVirtualStorage { .. }
            | NodeKind::RollingVirtualStorage { .. } => self.virtual_storage(pb, i),
            NodeKind::RiverSplit(spec) => self.river_split(pb, i, spec),
        }
    }

    /// Second pass: aggregated nodes and virtual storages, which refer to member flows.
    pub(super) fn member_nodes(&mut self, pb: &mut ParamBuilder<'_>) -> Result<(), EngineError> {
        let model = self.model;
        let mut agg_flows: Vec<(usize, Expr)> = Vec::new();
        for (i, node) in model.nodes.iter().enumerate() {
            match &node.kind {
                NodeKind::Aggregated { .. } => {
                    let total = self.aggregated(pb, node)?;
                    agg_flows.push((i, total));
                }
                kind => {
                    if let Some(spec) = kind.virtual_storage() {
                        self.virtual_storage_members(i, node, spec)?;
                    }
                }
            }
        }
        for (i, e) in agg_flows {
            self.flows[i] = Some(e);
        }
        Ok(())
    }

    /// `input` (flow = outflow less any inflow), `output` (flow = inflow less any outflow)
    /// and `link` (flow = inflow; a link also balances): bounds `min_flow..=max_flow` and
    /// `cost` on the flow.
    ///
    /// An input or output with edges on both sides passes the other water through, as in
    /// pywr's route formulation: its bounds and cost apply only to the routes that start (an
    /// input) or end (an output) there, and its recorded flow is theirs alone. The bound keeps
    /// its own flow at or above `min_flow` (0 by default), so water entering it goes on.
    fn input_output_link(
        &mut self,
        pb: &mut ParamBuilder<'_>,
        i: usize,
        attributes: &FlowAttributes<'_>,
    ) -> Result<(), EngineError> {
        let net = self.net;
        let model = self.model;
        let node = &model.nodes[i];
        let expr = match &node.kind {
            NodeKind::Input { .. } => net.own_outflow(i),
            NodeKind::Output { .. } => net.own_inflow(i),
            _ => net.sum(&net.ins[i], 1.0),
        };
        if matches!(node.kind, NodeKind::Link { .. }) {
            let mut balance = net.sum(&net.ins[i], 1.0);
            balance.extend(net.sum(&net.outs[i], -1.0));
            let balance = normalise(balance);
            if !balance.is_empty() {
                self.rows.push(balance, 0.0, 0.0, &node.name);
            }
        }
        let lo = pb.source(attributes.min_flow, 0.0, &at(node, "min_flow"))?;
        let hi = pb.source(attributes.max_flow, f64::INFINITY, &at(node, "max_flow"))?;
        let c = pb.source(attributes.cost, 0.0, &at(node, "cost"))?;
        self.add_costs(&expr, c, 1.0);
        self.bound(expr.clone(), lo, hi, &node.name);
        self.flows[i] = Some(expr);
        Ok(())
    }

    /// `catchment`: its own outflow (outflow less any inflow, which passes through as at an
    /// `input`) is fixed at `flow`.
    fn catchment(
        &mut self,
        pb: &mut ParamBuilder<'_>,
        i: usize,
        flow: Option<&ParameterValue>,
        cost: Option<&ParameterValue>,
    ) -> Result<(), EngineError> {
        let model = self.model;
        let node = &model.nodes[i];
        let expr = self.net.own_outflow(i);
        let f = pb.source(flow, 0.0, &at(node, "flow"))?;
        let c = pb.source(cost, 0.0, &at(node, "cost"))?;
        self.add_costs(&expr, c, 1.0);
        self.bound(expr.clone(), f, f, &node.name);
        self.flows[i] = Some(expr);
        Ok(())
    }

    /// `losslink`: the loss row (fixed coefficients for a literal factor, recomputed daily for
    /// a net factor from a parameter); bounds and cost on the net (delivered) flow.
    fn loss_link(&mut self, pb: &mut ParamBuilder<'_>, i: usize) -> Result<(), EngineError> {
        let net_graph = self.net;
        let model = self.model;
        let node = &model.nodes[i];
        let NodeKind::LossLink {
            loss_factor,
            loss_factor_type,
            min_flow,
            max_flow,
            cost,
        } = &node.kind
        else {
            return Ok(());
        };
        let net = net_graph.sum(&net_graph.outs[i], 1.0);
        let gross = net_graph.sum(&net_graph.ins[i], 1.0);
        match (
            pb.source(Some(loss_factor), 0.0, &at(node, "loss_factor"))?,
            loss_factor_type,
        ) {
            (Source::Literal(l), _) => {
                let (g, nf) = match loss_factor_type {
                    LossFactorType::Net => (1.0, -(1.0 + l)),
                    LossFactorType::Gross => (1.0 - l, -1.0),
                };
                let mut row = net_graph.sum(&net_graph.ins[i], g);
                row.extend(net_graph.sum(&net_graph.outs[i], nf));
                let row = normalise(row);
                if !row.is_empty() {
                    self.rows.push(row, 0.0, 0.0, &node.name);
                }
            }
            (l, LossFactorType::Net) => {
                // Σ in − (1 + L)·Σ out = 0 with L from a parameter each day.
                let mut structure = gross.clone();
                structure.extend(net.iter().map(|&(c, _)| (c, 1.0)));
                let row = self.rows.push(normalise(structure), 0.0, 0.0, &node.name);
                self.dyn_rows.push(DynRow {
                    row,
                    parts: vec![
                        (gross.clone(), Coef::Fixed(1.0)),
                        (net.clone(), Coef::LossNet(l)),
                    ],
                });
            }
            (_, LossFactorType::Gross) => {
                return Err(self.error(
                    &at(node, "loss_factor"),
                    "must be a number with the gross type",
                ));
            }
        }
        let lo = pb.source(min_flow.as_ref(), 0.0, &at(node, "min_flow"))?;
        let hi = pb.source(max_flow.as_ref(), f64::INFINITY, &at(node, "max_flow"))?;
        let c = pb.source(cost.as_ref(), 0.0, &at(node, "cost"))?;
        self.add_costs(&net, c, 1.0);
        self.bound(net.clone(), lo, hi, &node.name);
        self.flows[i] = Some(net);
        Ok(())
    }

    /// `rivergauge`: two new columns, the MRF band (up to `mrf`, at `mrf_cost`) and the rest
    /// (at `cost`), each side of the gauge balanced against their sum.
    fn river_gauge(
        &mut self,
        pb: &mut ParamBuilder<'_>,
        i: usize,
        [mrf, mrf_cost, cost]: [Option<&ParameterValue>; 3],
    ) -> Result<(), EngineError> {
        let model = self.model;
        let node = &model.nodes[i];
        let band = self.n_cols;
        let rest = self.n_cols + 1;
        self.n_cols += 2;
        self.col_base.push((0.0, f64::INFINITY));
        self.col_base.push((0.0, f64::INFINITY));
        self.col_labels.push(vec![node.name.clone()]);
        self.col_labels.push(vec![node.name.clone()]);
        for side in [
            self.net.sum(&self.net.ins[i], 1.0),
            self.net.sum(&self.net.outs[i], 1.0),
        ] {
            let mut row = side;
            row.push((band, -1.0));
            row.push((rest, -1.0));
            self.rows.push(normalise(row), 0.0, 0.0, &node.name);
        }
        let band_max = pb.source(mrf, 0.0, &at(node, "mrf"))?;
        let band_cost = pb.source(mrf_cost, 0.0, &at(node, "mrf_cost"))?;
        let rest_cost = pb.source(cost, 0.0, &at(node, "cost"))?;
        self.bound(
            vec![(band, 1.0)],
            Source::Literal(0.0),
            band_max,
            &node.name,
        );
        self.add_costs(&vec![(band, 1.0)], band_cost, 1.0);
        self.add_costs(&vec![(rest, 1.0)], rest_cost, 1.0);
        self.flows[i] = Some(vec![(band, 1.0), (rest, 1.0)]);
        Ok(())
    }

    /// `piecewiselink`: one new column per band (up to its `max_flows` entry, at its `costs`
    /// entry), each side of the link balanced against their sum, as pywr's sub-links between
    /// the link's output and input halves.
    fn piecewise_link(
        &mut self,
        pb: &mut ParamBuilder<'_>,
        i: usize,
        max_flows: &[Option<ParameterValue>],
        costs: &[ParameterValue],
    ) -> Result<(), EngineError> {
        let model = self.model;
        let node = &model.nodes[i];
        let first = self.n_cols;
        let bands: Vec<usize> = (first..first + costs.len()).collect();
        self.n_cols += bands.len();
        for _ in &bands {
            self.col_base.push((0.0, f64::INFINITY));
            self.col_labels.push(vec![node.name.clone()]);
        }
        for side in [
            self.net.sum(&self.net.ins[i], 1.0),
            self.net.sum(&self.net.outs[i], 1.0),
        ] {
            let mut row = side;
            row.extend(bands.iter().map(|&b| (b, -1.0)));
            self.rows.push(normalise(row), 0.0, 0.0, &node.name);
        }
        for (k, &band) in bands.iter().enumerate() {
            let hi = pb.source(
                max_flows[k].as_ref(),
                f64::INFINITY,
                &at(node, &format!("max_flows[{k}]")),
            )?;
            let cost = pb.source(Some(&costs[k]), 0.0, &at(node, &format!("costs[{k}]")))?;
            self.bound(vec![(band, 1.0)], Source::Literal(0.0), hi, &node.name);
            self.add_costs(&vec![(band, 1.0)], cost, 1.0);
        }
        self.flows[i] = Some(bands.iter().map(|&b| (b, 1.0)).collect());
        Ok(())
    }

    /// `storage` and `reservoir`: the storage row (its bounds follow the volume each day),
    /// the cost on net inflow (a reservoir's from its control curve), and the store.
    fn storage(
        &mut self,
        pb: &mut ParamBuilder<'_>,
        i: usize,
        spec: &StorageSpec,
    ) -> Result<(), EngineError> {
        let model = self.model;
        let node = &model.nodes[i];
        let mut expr = self.net.sum(&self.net.ins[i], 1.0);
        expr.extend(self.net.sum(&self.net.outs[i], -1.0));
        let expr = normalise(expr);
        // Every storage-kind node was entered in storage_index.
        let k = self
            .storage_index
            .get(&node.name)
            .copied()
            .unwrap_or(self.stores.len());
        let cost = match &node.kind {
            NodeKind::Reservoir {
                control_curve,
                above_curve_cost: Some(above),
                ..
            } => {
                // pywr's Reservoir: `above_curve_cost` at or above the curve, 0 below.
                let curve = Source::Literal(control_curve.unwrap_or(1.0));
                Source::Slot(pb.control_curve(k, curve, [*above, 0.0]))
            }
            _ => pb.source(Some(&spec.cost), 0.0, &at(node, "cost"))?,
        };
        self.add_costs(&expr, cost, 1.0);
        let row = self.rows.push(expr.clone(), 0.0, 0.0, &node.name);
        let volumes = Volumes {
            max: &spec.max_volume,
            min: &spec.min_volume,
            initial: spec.initial_volume,
            initial_pc: spec.initial_volume_pc,
        };
        let store = Store {
            expr: expr.clone(),
            ..store(pb, &volumes, row, &node.name)?
        };
        debug_assert_eq!(self.stores.len(), k);
        self.store_of_node.insert(i, self.stores.len());
        self.stores.push(store);
        self.flows[i] = Some(expr);
        Ok(())
    }

    /// Virtual storages, first pass: a placeholder row (so that store indices follow node
    /// order) and the licence's store.
    fn virtual_storage(&mut self, pb: &mut ParamBuilder<'_>, i: usize) -> Result<(), EngineError> {
        let model = self.model;
        let node = &model.nodes[i];
        let Some(spec) = node.kind.virtual_storage() else {
            return Ok(());
        };
        let row = self
            .rows
            .push(Vec::new(), f64::NEG_INFINITY, f64::INFINITY, &node.name);
        let volumes = Volumes {
            max: &spec.max_volume,
            min: &spec.min_volume,
            initial: spec.initial_volume,
            initial_pc: spec.initial_volume_pc,
        };
        let mut store = store(pb, &volumes, row, &node.name)?;
        store.licence = Some(match &node.kind {
            NodeKind::MonthlyVirtualStorage {
                months,
                initial_months,
                ..
            } => Licence::Monthly(MonthlyLicence {
                months: *months,
                initial_months: *initial_months,
                reset_to_initial_volume: spec.reset_to_initial_volume,
                count: i64::from(*initial_months) - 1,
                last_month: None,
            }),
            NodeKind::RollingVirtualStorage { window, .. } => {
                Licence::Rolling(self.rolling(node, *window, &store)?)
            }
            _ => Licence::Annual(AnnualLicence {
                reset_day: spec.reset_day,
                reset_month: spec.reset_month,
                reset_to_initial_volume: spec.reset_to_initial_volume,
                end: spec.end,
                max_is_parameter: !matches!(spec.max_volume, ParameterValue::Constant(_)),
                active: true,
                last_reset_year: None,
                last_active_year: None,
            }),
        });
        self.store_of_node.insert(i, self.stores.len());
        self.stores.push(store);
        Ok(())
    }

    /// A `rollingvirtualstorage`'s window in timesteps and the use assumed before the run
    /// (pywr's `setup`): the room below `max_volume` at the start, spread over the window.
    fn rolling(
        &self,
        node: &Node,
        window: RollingWindow,
        store: &Store,
    ) -> Result<RollingLicence, EngineError> {
        let timesteps = match (window, self.model.timestepper.step) {
            (RollingWindow::Timesteps(t), _) => t,
            (RollingWindow::Days(d), Step::Days(n)) => d / n,
            (RollingWindow::Days(_), _) => {
                return Err(self.error(
                    &at(node, "days"),
                    "a window in days needs a timestep of whole days (pywr rule); give `timesteps` instead",
                ));
            }
        };
        if timesteps < 2 {
            return Err(self.error(
                &at(node, "days"),
                &format!("a window of at least 2 timesteps (pywr rule), found {timesteps}"),
            ));
        }
        let (volume, pc) = store.initial();
        let steps = f64::from(timesteps - 1);
        let initial_use = if pc == 0.0 {
            let Some(mxv) = store.max_constant else {
                return Err(self.error(
                    &at(node, "max_volume"),
                    "a number when the initial volume is 0 (pywr rule: the use before the run is max_volume spread over the window)",
                ));
            };
            mxv / steps
        } else {
            (volume / pc - volume) / steps
        };
        Ok(RollingLicence {
            initial_use,
            memory: vec![initial_use; timesteps as usize - 1],
            pointer: 0,
        })
    }

    /// The flow of member `name` of node `owner`.
    fn member(&self, name: &str, owner: &str) -> Result<Expr, EngineError> {
        let i = *self.net.index.get(name).ok_or_else(|| {
            self.error(
                &format!("node \"{owner}\".nodes"),
                &format!("no node named \"{name}\""),
            )
        })?;
        self.flows[i].clone().ok_or_else(|| {
            self.error(
                &format!("node \"{owner}\".nodes"),
                &format!("\"{name}\" has no flow of its own (aggregated or virtual node); list network nodes"),
            )
        })
    }

    /// `aggregatednode`: bounds on the weighted sum of member flows and the factor rows (fixed,
    /// or recomputed daily when a factor is a parameter). Returns the node's flow.
    fn aggregated(&mut self, pb: &mut ParamBuilder<'_>, node: &Node) -> Result<Expr, EngineError> {
        let NodeKind::Aggregated {
            nodes,
            min_flow,
            max_flow,
            factors,
            flow_weights,
        } = &node.kind
        else {
            return Ok(Vec::new());
        };
        let members = nodes
            .iter()
            .map(|m| self.member(m, &node.name))
            .collect::<Result<Vec<_>, _>>()?;
        if (min_flow.is_some() || max_flow.is_some())
            && let Some((a, b)) = self.net.members_on_one_route(self.model, nodes)
        {
            return Err(self.error(
                &at(node, "nodes"),
                &format!(
                    "members \"{a}\" and \"{b}\" lie on one route; pywr counts such a route once in \
                         min_flow/max_flow while a sum of member flows counts it twice. List only one of them"
                ),
            ));
        }
        let lengths = [
            ("factors", factors.as_ref().map(Vec::len)),
            ("flow_weights", flow_weights.as_ref().map(Vec::len)),
        ];
        for (attr, len) in lengths {
            if len.is_some_and(|l| l != members.len()) {
                return Err(self.error(&at(node, attr), "give one number per member node"));
            }
        }
        let mut total = Vec::new();
        for (k, e) in members.iter().enumerate() {
            let w = flow_weights.as_ref().map_or(1.0, |ws| ws[k]);
            total.extend(e.iter().map(|&(c, v)| (c, v * w)));
        }
        let total = normalise(total);
        let lo = pb.source(min_flow.as_ref(), 0.0, &at(node, "min_flow"))?;
        let hi = pb.source(max_flow.as_ref(), f64::INFINITY, &at(node, "max_flow"))?;
        self.bound(total.clone(), lo, hi, &node.name);
        if let Some(fs) = factors {
            let fs = fs
                .iter()
                .map(|f| pb.source(Some(f), 1.0, &at(node, "factors")))
                .collect::<Result<Vec<_>, _>>()?;
            for k in 1..members.len() {
                if let (Source::Literal(f0), Source::Literal(fk)) = (fs[0], fs[k]) {
                    let ratio = f0 / fk;
                    let mut row = members[0].clone();
                    row.extend(members[k].iter().map(|&(c, v)| (c, -ratio * v)));
                    self.rows.push(normalise(row), 0.0, 0.0, &node.name);
                } else {
                    // f_0 − (F_0/F_k)·f_k = 0 with factors from parameters each day.
                    let mut structure = members[0].clone();
                    structure.extend(members[k].iter().map(|&(c, _)| (c, 1.0)));
                    let row = self.rows.push(normalise(structure), 0.0, 0.0, &node.name);
                    self.dyn_rows.push(DynRow {
                        row,
                        parts: vec![
                            (members[0].clone(), Coef::Fixed(1.0)),
                            (members[k].clone(), Coef::Ratio(fs[0], fs[k])),
                        ],
                    });
                }
            }
        }
        Ok(total)
    }

    /// Virtual storages, second pass: the licence row `−Σ factor × member flow` replaces the
    /// placeholder.
    fn virtual_storage_members(
        &mut self,
        i: usize,
        node: &Node,
        spec: &VirtualStorageSpec,
    ) -> Result<(), EngineError> {
        if spec.factors.len() != spec.nodes.len() {
            return Err(self.error(&at(node, "factors"), "give one number per member node"));
        }
        let mut expr = Vec::new();
        for (name, f) in spec.nodes.iter().zip(&spec.factors) {
            let e = self.member(name, &node.name)?;
            expr.extend(e.iter().map(|&(c, v)| (c, -f * v)));
        }
        let expr = normalise(expr);
        // Every virtual storage got a store in the first pass.
        let Some(&s) = self.store_of_node.get(&i) else {
            return Ok(());
        };
        self.rows.exprs[self.stores[s].row].clone_from(&expr);
        self.stores[s].expr = expr;
        Ok(())
    }
}

/// The volumes of a storage or virtual storage node: the part both kinds share.
struct Volumes<'s> {
    max: &'s ParameterValue,
    min: &'s ParameterValue,
    initial: Option<f64>,
    initial_pc: Option<f64>,
}

/// A [`Store`] of `volumes`, with no LP expression and no licence (the callers set them).
fn store(
    pb: &mut ParamBuilder<'_>,
    volumes: &Volumes<'_>,
    row: usize,
    name: &str,
) -> Result<Store, EngineError> {
    let max_constant = pb.constant_value(volumes.max);
    if max_constant.is_none() && (volumes.initial.is_none() || volumes.initial_pc.is_none()) {
        return Err(EngineError::Build {
            path: pb.model_path(),
            location: format!("node \"{name}\""),
            message: "max_volume is a varying parameter, so give both initial_volume and initial_volume_pc (pywr rule)".to_owned(),
        });
    }
    Ok(Store {
        max_volume: pb.source(
            Some(volumes.max),
            0.0,
            &format!("node \"{name}\".max_volume"),
        )?,
        min_volume: pb.source(
            Some(volumes.min),
            0.0,
            &format!("node \"{name}\".min_volume"),
        )?,
        max_constant,
        initial_volume: volumes.initial,
        initial_pc: volumes.initial_pc,
        expr: Vec::new(),
        row,
        licence: None,
        volume: 0.0,
        pc_raw: f64::NAN,
    })
}
