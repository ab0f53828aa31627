//! The allocation engine: the network becomes one linear programme, built once; each day only
//! its bounds and costs are updated and it is re-solved from the previous optimal basis.
//!
//! Formulation (edge-based; equivalent to pywr 1.x's route formulation for the supported
//! nodes): one column per chain of edges (edges joined through a `link` with one edge in and
//! one out share a column), plus two columns per `rivergauge` (the MRF band and the rest).
//! A node's flow is a linear expression in the columns; its `min_flow`/`max_flow` become the
//! bounds of that column when the expression is a single column, else a ranged row. Rows also
//! hold mass balance at links, loss links and gauges, the storage rows
//! `−max(V − V_min, 0)/Δt ≤ inflow − outflow ≤ max(V_max − V, 0)/Δt`, the virtual-storage rows,
//! and the aggregated-node sums and factor ratios. Costs: a node's cost is added to every
//! column of its flow expression; a storage's cost is `+cost` on columns entering it and
//! `−cost` on columns leaving it (pywr's sign convention). See docs/methodology.md.

mod params;
mod results;
mod simplex;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::schema::{
    LossFactorType, Model, NodeKind, ParameterValue, StorageSpec, VirtualStorageSpec,
};

pub use results::Results;

use params::{ParamBuilder, Params, Source};
use simplex::{Simplex, SolveFailure};

/// An error while building or running the engine.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// The model cannot be turned into a linear programme.
    #[error("{path}: {location}: {message}")]
    Build {
        /// The model file.
        path: PathBuf,
        /// The node or parameter at fault.
        location: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// No allocation satisfies the constraints on a day.
    #[error(
        "{path}: infeasible on {date}: the bounds of {} cannot all hold; check their flows, capacities, \
         volumes and licences for that day (a catchment's inflow must always have somewhere to go)",
        nodes.join(", ")
    )]
    Infeasible {
        /// The model file.
        path: PathBuf,
        /// The day that failed.
        date: NaiveDate,
        /// The nodes whose constraints bind in the contradiction.
        nodes: Vec<String>,
    },
    /// The objective can decrease without limit on a day.
    #[error(
        "{path}: unbounded on {date} through {}; give that route a max_flow or remove the negative-cost cycle",
        nodes.join(", ")
    )]
    Unbounded {
        /// The model file.
        path: PathBuf,
        /// The day that failed.
        date: NaiveDate,
        /// The nodes on the unbounded direction.
        nodes: Vec<String>,
    },
    /// A parameter produced a value that is not a number (for example 0/0) on a day.
    #[error(
        "{path}: on {date} a parameter of {} evaluated to NaN; check its inputs (a zero factor or volume?)",
        nodes.join(", ")
    )]
    NotANumber {
        /// The model file.
        path: PathBuf,
        /// The day.
        date: NaiveDate,
        /// The nodes whose bounds or costs are affected.
        nodes: Vec<String>,
    },
    /// The model needs more memory than the engine allows itself: a linear programme with too
    /// many rows, or results too large to hold.
    #[error("{path}: the model is too large: {what}")]
    TooLarge {
        /// The model file.
        path: PathBuf,
        /// What is too large, by how much, and what to do.
        what: String,
    },
    /// The simplex did not converge on a day (numerical trouble).
    #[error(
        "{path}: the solver did not converge on {date}; please report the model to the Dostyk developers"
    )]
    NotConverged {
        /// The model file.
        path: PathBuf,
        /// The day that failed.
        date: NaiveDate,
    },
}

/// The largest linear programme [`Engine::new`] builds, in rows (constraints). The simplex keeps
/// a dense basis inverse of `rows x rows` numbers and forms two more while refactorising, so
/// 10,000 rows take 0.8 GB each, 2.4 GB at the peak; a larger model is refused with
/// [`EngineError::TooLarge`] instead of aborting when memory runs out. Real basin models have
/// hundreds to a few thousand rows.
pub const MAX_LP_ROWS: usize = 10_000;

/// The most result values (recorded nodes x days) an [`Engine`] holds: 500 million, 4 GB.
pub const MAX_RESULT_CELLS: usize = 500_000_000;

/// A linear expression in the LP columns.
type Expr = Vec<(usize, f64)>;

fn normalise(mut e: Expr) -> Expr {
    e.sort_by_key(|t| t.0);
    let mut out: Expr = Vec::with_capacity(e.len());
    for (c, v) in e {
        match out.last_mut() {
            Some(last) if last.0 == c => last.1 += v,
            _ => out.push((c, v)),
        }
    }
    out.retain(|t| t.1 != 0.0);
    out
}

/// A bound that a node puts on a variable (a column or a row's logical).
#[derive(Debug, Clone, Copy)]
struct BoundTerm {
    var: usize,
    lo: Source,
    hi: Source,
}

/// A cost that a node adds to a column.
#[derive(Debug, Clone, Copy)]
struct CostTerm {
    col: usize,
    src: Source,
    sign: f64,
}

/// A matrix coefficient that follows parameters.
#[derive(Debug, Clone, Copy)]
enum Coef {
    /// A fixed multiplier.
    Fixed(f64),
    /// −(1 + L): the net side of a net-type loss link with loss factor L.
    LossNet(Source),
    /// −F_0/F_k: the second member of an aggregated-node factor row.
    Ratio(Source, Source),
}

impl Coef {
    fn get(self, values: &[f64]) -> f64 {
        match self {
            Coef::Fixed(v) => v,
            Coef::LossNet(l) => -(1.0 + l.get(values)),
            Coef::Ratio(a, b) => -(a.get(values) / b.get(values)),
        }
    }
}

/// A row whose coefficients are recomputed each day: Σ over parts of coefficient × expression.
#[derive(Debug, Clone)]
struct DynRow {
    row: usize,
    parts: Vec<(Expr, Coef)>,
}

/// Seasonal and annual licence state.
#[derive(Debug, Clone)]
struct Licence {
    reset_day: u32,
    reset_month: u32,
    reset_to_initial_volume: bool,
    end: Option<(u32, u32)>,
    max_is_parameter: bool,
    active: bool,
    last_reset_year: Option<i32>,
    last_active_year: Option<i32>,
}

/// A storage or virtual storage.
#[derive(Debug, Clone)]
struct Store {
    max_volume: Source,
    min_volume: Source,
    /// `max_volume` when it is a literal or a `constant` parameter.
    max_constant: Option<f64>,
    initial_volume: Option<f64>,
    initial_pc: Option<f64>,
    /// Net inflow in the columns (for a licence: −Σ factor × member flow).
    expr: Expr,
    /// The row index of its constraint.
    row: usize,
    licence: Option<Licence>,
    volume: f64,
    pc_raw: f64,
}

impl Store {
    /// pywr's `get_initial_volume` / `get_initial_pc`.
    fn initial(&self) -> (f64, f64) {
        match self.max_constant {
            Some(mxv) => {
                let vol = match (self.initial_pc, self.initial_volume) {
                    (Some(pc), _) => pc * mxv,
                    (None, Some(v)) => v,
                    (None, None) => 0.0,
                };
                let pc = match (self.initial_pc, self.initial_volume) {
                    (Some(pc), _) => pc,
                    (None, Some(v)) if mxv != 0.0 => v / mxv,
                    _ => f64::NAN,
                };
                (vol, pc)
            }
            None => (
                self.initial_volume.unwrap_or(0.0),
                self.initial_pc.unwrap_or(f64::NAN),
            ),
        }
    }

    /// pywr's `get_current_pc`: NaN or above 1 → 1, below 0 → 0.
    fn current_pc(&self) -> f64 {
        if self.pc_raw.is_nan() || self.pc_raw > 1.0 {
            1.0
        } else if self.pc_raw < 0.0 {
            0.0
        } else {
            self.pc_raw
        }
    }
}

/// What a results column records.
#[derive(Debug, Clone)]
enum Record {
    Flow(Expr),
    Volume(usize),
}

/// A model compiled into a linear programme, ready to run.
#[derive(Debug, Clone)]
pub struct Engine {
    path: PathBuf,
    dates: Vec<NaiveDate>,
    lp: Simplex,
    base_lower: Vec<f64>,
    base_upper: Vec<f64>,
    bounds: Vec<BoundTerm>,
    costs: Vec<CostTerm>,
    dyn_rows: Vec<DynRow>,
    params: Params,
    stores: Vec<Store>,
    records: Vec<(String, &'static str, Record)>,
    var_labels: Vec<Vec<String>>,
    col_values: Vec<f64>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[rb] = ra;
        }
    }
}

/// Rows under construction.
struct RowSet {
    exprs: Vec<Expr>,
    lower: Vec<f64>,
    upper: Vec<f64>,
    owner: Vec<String>,
}

impl RowSet {
    fn push(&mut self, e: Expr, lo: f64, hi: f64, owner: &str) -> usize {
        self.exprs.push(e);
        self.lower.push(lo);
        self.upper.push(hi);
        self.owner.push(owner.to_owned());
        self.exprs.len() - 1
    }
}

impl Engine {
    /// Builds the linear programme of `model`.
    pub fn new(model: &Model) -> Result<Self, EngineError> {
        let path = model.path.clone();
        let build_err = |location: &str, message: &str| EngineError::Build {
            path: path.clone(),
            location: location.to_owned(),
            message: message.to_owned(),
        };
        let dates = model.timestepper.dates();
        let index: BTreeMap<&str, usize> = model
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.as_str(), i))
            .collect();
        let mut storage_index = BTreeMap::new();
        for n in &model.nodes {
            if n.kind.is_storage() {
                let k = storage_index.len();
                storage_index.insert(n.name.clone(), k);
            }
        }
        let mut pb = ParamBuilder::new(model, &storage_index, &dates);

        // Edges and their columns.
        let nn = model.nodes.len();
        let mut ins: Vec<Vec<usize>> = vec![Vec::new(); nn];
        let mut outs: Vec<Vec<usize>> = vec![Vec::new(); nn];
        let mut ends = Vec::with_capacity(model.edges.len());
        for (e, edge) in model.edges.iter().enumerate() {
            let (Some(&a), Some(&b)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
            else {
                return Err(build_err(
                    &format!("edges[{e}]"),
                    "names a node that does not exist",
                ));
            };
            outs[a].push(e);
            ins[b].push(e);
            ends.push((a, b));
        }
        let mut uf = UnionFind((0..model.edges.len()).collect());
        for (i, n) in model.nodes.iter().enumerate() {
            if matches!(n.kind, NodeKind::Link { .. })
                && ins[i].len() == 1
                && outs[i].len() == 1
                && ins[i][0] != outs[i][0]
            {
                uf.union(ins[i][0], outs[i][0]);
            }
        }
        let mut group_col: BTreeMap<usize, usize> = BTreeMap::new();
        let mut edge_col = Vec::with_capacity(model.edges.len());
        for e in 0..model.edges.len() {
            let root = uf.find(e);
            let next = group_col.len();
            edge_col.push(*group_col.entry(root).or_insert(next));
        }
        let mut n_cols = group_col.len();
        let mut col_labels: Vec<Vec<String>> = vec![Vec::new(); n_cols];
        for (e, &(a, b)) in ends.iter().enumerate() {
            for name in [&model.nodes[a].name, &model.nodes[b].name] {
                if !col_labels[edge_col[e]].contains(name) {
                    col_labels[edge_col[e]].push(name.clone());
                }
            }
        }
        let sum = |es: &[usize], coef: f64| -> Expr {
            normalise(es.iter().map(|&e| (edge_col[e], coef)).collect())
        };

        let mut rows = RowSet {
            exprs: Vec::new(),
            lower: Vec::new(),
            upper: Vec::new(),
            owner: Vec::new(),
        };
        let mut flow_bounds: Vec<(Expr, Source, Source, String)> = Vec::new();
        let mut costs: Vec<CostTerm> = Vec::new();
        let mut col_base: Vec<(f64, f64)> = vec![(0.0, f64::INFINITY); n_cols];
        let mut flows: Vec<Option<Expr>> = vec![None; nn];
        let mut stores: Vec<Store> = Vec::new();
        let mut store_of_node: BTreeMap<usize, usize> = BTreeMap::new();
        let mut dyn_rows: Vec<DynRow> = Vec::new();

        let add_costs = |costs: &mut Vec<CostTerm>, e: &Expr, src: Source, sign: f64| {
            if src != Source::Literal(0.0) {
                for &(c, v) in e {
                    costs.push(CostTerm {
                        col: c,
                        src,
                        sign: sign * v.signum(),
                    });
                }
            }
        };

        for (i, node) in model.nodes.iter().enumerate() {
            let at = |attr: &str| format!("node \"{}\".{attr}", node.name);
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
                    let expr = match &node.kind {
                        NodeKind::Input { .. } => sum(&outs[i], 1.0),
                        _ => sum(&ins[i], 1.0),
                    };
                    if matches!(node.kind, NodeKind::Link { .. }) {
                        let mut balance = sum(&ins[i], 1.0);
                        balance.extend(sum(&outs[i], -1.0));
                        let balance = normalise(balance);
                        if !balance.is_empty() {
                            rows.push(balance, 0.0, 0.0, &node.name);
                        }
                    }
                    let lo = pb.source(min_flow.as_ref(), 0.0, &at("min_flow"))?;
                    let hi = pb.source(max_flow.as_ref(), f64::INFINITY, &at("max_flow"))?;
                    let c = pb.source(cost.as_ref(), 0.0, &at("cost"))?;
                    add_costs(&mut costs, &expr, c, 1.0);
                    flow_bounds.push((expr.clone(), lo, hi, node.name.clone()));
                    flows[i] = Some(expr);
                }
                NodeKind::Catchment { flow, cost } => {
                    let expr = sum(&outs[i], 1.0);
                    let f = pb.source(flow.as_ref(), 0.0, &at("flow"))?;
                    let c = pb.source(cost.as_ref(), 0.0, &at("cost"))?;
                    add_costs(&mut costs, &expr, c, 1.0);
                    flow_bounds.push((expr.clone(), f, f, node.name.clone()));
                    flows[i] = Some(expr);
                }
                NodeKind::LossLink {
                    loss_factor,
                    loss_factor_type,
                    min_flow,
                    max_flow,
                    cost,
                } => {
                    let net = sum(&outs[i], 1.0);
                    let gross = sum(&ins[i], 1.0);
                    match (
                        pb.source(Some(loss_factor), 0.0, &at("loss_factor"))?,
                        loss_factor_type,
                    ) {
                        (Source::Literal(l), _) => {
                            let (g, nf) = match loss_factor_type {
                                LossFactorType::Net => (1.0, -(1.0 + l)),
                                LossFactorType::Gross => (1.0 - l, -1.0),
                            };
                            let mut row = sum(&ins[i], g);
                            row.extend(sum(&outs[i], nf));
                            let row = normalise(row);
                            if !row.is_empty() {
                                rows.push(row, 0.0, 0.0, &node.name);
                            }
                        }
                        (l, LossFactorType::Net) => {
                            // Σ in − (1 + L)·Σ out = 0 with L from a parameter each day.
                            let mut structure = gross.clone();
                            structure.extend(net.iter().map(|&(c, _)| (c, 1.0)));
                            let row = rows.push(normalise(structure), 0.0, 0.0, &node.name);
                            dyn_rows.push(DynRow {
                                row,
                                parts: vec![
                                    (gross.clone(), Coef::Fixed(1.0)),
                                    (net.clone(), Coef::LossNet(l)),
                                ],
                            });
                        }
                        (_, LossFactorType::Gross) => {
                            return Err(build_err(
                                &at("loss_factor"),
                                "must be a number with the gross type",
                            ));
                        }
                    }
                    let lo = pb.source(min_flow.as_ref(), 0.0, &at("min_flow"))?;
                    let hi = pb.source(max_flow.as_ref(), f64::INFINITY, &at("max_flow"))?;
                    let c = pb.source(cost.as_ref(), 0.0, &at("cost"))?;
                    add_costs(&mut costs, &net, c, 1.0);
                    flow_bounds.push((net.clone(), lo, hi, node.name.clone()));
                    flows[i] = Some(net);
                }
                NodeKind::RiverGauge {
                    mrf,
                    mrf_cost,
                    cost,
                } => {
                    let a = n_cols;
                    let b = n_cols + 1;
                    n_cols += 2;
                    col_base.push((0.0, f64::INFINITY));
                    col_base.push((0.0, f64::INFINITY));
                    col_labels.push(vec![node.name.clone()]);
                    col_labels.push(vec![node.name.clone()]);
                    for side in [sum(&ins[i], 1.0), sum(&outs[i], 1.0)] {
                        let mut row = side;
                        row.push((a, -1.0));
                        row.push((b, -1.0));
                        rows.push(normalise(row), 0.0, 0.0, &node.name);
                    }
                    let m = pb.source(mrf.as_ref(), 0.0, &at("mrf"))?;
                    let mc = pb.source(mrf_cost.as_ref(), 0.0, &at("mrf_cost"))?;
                    let c = pb.source(cost.as_ref(), 0.0, &at("cost"))?;
                    flow_bounds.push((vec![(a, 1.0)], Source::Literal(0.0), m, node.name.clone()));
                    add_costs(&mut costs, &vec![(a, 1.0)], mc, 1.0);
                    add_costs(&mut costs, &vec![(b, 1.0)], c, 1.0);
                    flows[i] = Some(vec![(a, 1.0), (b, 1.0)]);
                }
                NodeKind::Storage(spec) | NodeKind::Reservoir { storage: spec, .. } => {
                    let mut expr = sum(&ins[i], 1.0);
                    expr.extend(sum(&outs[i], -1.0));
                    let expr = normalise(expr);
                    // Every storage-kind node was entered in storage_index above.
                    let k = storage_index
                        .get(&node.name)
                        .copied()
                        .unwrap_or(stores.len());
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
                        _ => pb.source(Some(&spec.cost), 0.0, &at("cost"))?,
                    };
                    add_costs(&mut costs, &expr, cost, 1.0);
                    let row = rows.push(expr.clone(), 0.0, 0.0, &node.name);
                    let store = storage_store(&mut pb, spec, expr.clone(), row, &node.name)?;
                    debug_assert_eq!(stores.len(), k);
                    store_of_node.insert(i, stores.len());
                    stores.push(store);
                    flows[i] = Some(expr);
                }
                NodeKind::Aggregated { .. } => {}
                NodeKind::AnnualVirtualStorage(spec) | NodeKind::SeasonalVirtualStorage(spec) => {
                    // Placeholder so that store indices follow node order; filled in below.
                    let row = rows.push(Vec::new(), f64::NEG_INFINITY, f64::INFINITY, &node.name);
                    let store = virtual_store(&mut pb, spec, row, &node.name)?;
                    store_of_node.insert(i, stores.len());
                    stores.push(store);
                }
            }
        }

        // Aggregated and virtual nodes refer to member flows.
        let member = |name: &str, owner: &str| -> Result<Expr, EngineError> {
            let i = *index.get(name).ok_or_else(|| {
                build_err(
                    &format!("node \"{owner}\".nodes"),
                    &format!("no node named \"{name}\""),
                )
            })?;
            flows[i].clone().ok_or_else(|| {
                build_err(
                    &format!("node \"{owner}\".nodes"),
                    &format!("\"{name}\" has no flow of its own (aggregated or virtual node); list network nodes"),
                )
            })
        };
        let mut agg_flows: Vec<(usize, Expr)> = Vec::new();
        for (i, node) in model.nodes.iter().enumerate() {
            let at = |attr: &str| format!("node \"{}\".{attr}", node.name);
            match &node.kind {
                NodeKind::Aggregated {
                    nodes,
                    min_flow,
                    max_flow,
                    factors,
                    flow_weights,
                } => {
                    let members = nodes
                        .iter()
                        .map(|m| member(m, &node.name))
                        .collect::<Result<Vec<_>, _>>()?;
                    if (min_flow.is_some() || max_flow.is_some())
                        && let Some((a, b)) =
                            members_on_one_route(model, &index, &outs, &ends, nodes)
                    {
                        return Err(build_err(
                            &at("nodes"),
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
                            return Err(build_err(&at(attr), "give one number per member node"));
                        }
                    }
                    let mut total = Vec::new();
                    for (k, e) in members.iter().enumerate() {
                        let w = flow_weights.as_ref().map_or(1.0, |ws| ws[k]);
                        total.extend(e.iter().map(|&(c, v)| (c, v * w)));
                    }
                    let total = normalise(total);
                    let lo = pb.source(min_flow.as_ref(), 0.0, &at("min_flow"))?;
                    let hi = pb.source(max_flow.as_ref(), f64::INFINITY, &at("max_flow"))?;
                    flow_bounds.push((total.clone(), lo, hi, node.name.clone()));
                    if let Some(fs) = factors {
                        let fs = fs
                            .iter()
                            .map(|f| pb.source(Some(f), 1.0, &at("factors")))
                            .collect::<Result<Vec<_>, _>>()?;
                        for k in 1..members.len() {
                            if let (Source::Literal(f0), Source::Literal(fk)) = (fs[0], fs[k]) {
                                let ratio = f0 / fk;
                                let mut row = members[0].clone();
                                row.extend(members[k].iter().map(|&(c, v)| (c, -ratio * v)));
                                rows.push(normalise(row), 0.0, 0.0, &node.name);
                            } else {
                                // f_0 − (F_0/F_k)·f_k = 0 with factors from parameters each day.
                                let mut structure = members[0].clone();
                                structure.extend(members[k].iter().map(|&(c, _)| (c, 1.0)));
                                let row = rows.push(normalise(structure), 0.0, 0.0, &node.name);
                                dyn_rows.push(DynRow {
                                    row,
                                    parts: vec![
                                        (members[0].clone(), Coef::Fixed(1.0)),
                                        (members[k].clone(), Coef::Ratio(fs[0], fs[k])),
                                    ],
                                });
                            }
                        }
                    }
                    agg_flows.push((i, total));
                }
                NodeKind::AnnualVirtualStorage(spec) | NodeKind::SeasonalVirtualStorage(spec) => {
                    if spec.factors.len() != spec.nodes.len() {
                        return Err(build_err(&at("factors"), "give one number per member node"));
                    }
                    let mut expr = Vec::new();
                    for (name, f) in spec.nodes.iter().zip(&spec.factors) {
                        let e = member(name, &node.name)?;
                        expr.extend(e.iter().map(|&(c, v)| (c, -f * v)));
                    }
                    let expr = normalise(expr);
                    // Every virtual storage got a store in the first pass.
                    let Some(&s) = store_of_node.get(&i) else {
                        continue;
                    };
                    rows.exprs[stores[s].row].clone_from(&expr);
                    stores[s].expr = expr;
                }
                _ => {}
            }
        }
        for (i, e) in agg_flows {
            flows[i] = Some(e);
        }

        // Node bounds: column bounds for single-column flows, else ranged rows.
        let mut bounds = Vec::new();
        let mut var_labels_rows: Vec<(usize, String)> = Vec::new();
        for (expr, lo, hi, name) in flow_bounds {
            if expr.len() == 1 && expr[0].1 == 1.0 {
                let c = expr[0].0;
                bounds.push(BoundTerm { var: c, lo, hi });
                if !col_labels[c].contains(&name) {
                    col_labels[c].push(name);
                }
            } else {
                let r = rows.push(expr, f64::NEG_INFINITY, f64::INFINITY, &name);
                var_labels_rows.push((r, name));
                bounds.push(BoundTerm {
                    var: usize::MAX - r,
                    lo,
                    hi,
                });
            }
        }
        let m = rows.exprs.len();
        for b in &mut bounds {
            if b.var > usize::MAX / 2 {
                b.var = n_cols + (usize::MAX - b.var);
            }
        }
        let mut columns: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n_cols];
        for (r, e) in rows.exprs.iter().enumerate() {
            for &(c, v) in e {
                columns[c].push((r, v));
            }
        }
        if m > MAX_LP_ROWS {
            return Err(EngineError::TooLarge {
                path,
                what: format!(
                    "its linear programme has {m} rows (about one per node and constraint); the engine keeps a dense basis inverse of rows x rows numbers ({:.1} GB here) and accepts at most {MAX_LP_ROWS} rows; split the model into parts that exchange flows, or merge links that carry the same flow",
                    8.0 * (m as f64) * (m as f64) / 1e9
                ),
            });
        }
        let lp = Simplex::new(m, columns);
        let mut base_lower = Vec::with_capacity(n_cols + m);
        let mut base_upper = Vec::with_capacity(n_cols + m);
        for &(l, u) in &col_base {
            base_lower.push(l);
            base_upper.push(u);
        }
        base_lower.extend(&rows.lower);
        base_upper.extend(&rows.upper);
        let mut var_labels = col_labels;
        var_labels.extend(rows.owner.iter().map(|o| vec![o.clone()]));

        let mut records = Vec::new();
        let mut sorted: Vec<usize> = (0..nn).collect();
        sorted.sort_by(|&a, &b| model.nodes[a].name.cmp(&model.nodes[b].name));
        for i in sorted {
            let name = model.nodes[i].name.clone();
            if let Some(&s) = store_of_node.get(&i) {
                records.push((name, "volume", Record::Volume(s)));
            } else if let Some(e) = flows[i].clone() {
                records.push((name, "flow", Record::Flow(e)));
            }
        }
        let cells = records.len().saturating_mul(dates.len());
        if cells > MAX_RESULT_CELLS {
            return Err(EngineError::TooLarge {
                path,
                what: format!(
                    "its results are {} recorded nodes x {} days = {cells} values ({:.1} GB); the engine holds at most {MAX_RESULT_CELLS} ({} GB); shorten the timestepper's span or run it in parts",
                    records.len(),
                    dates.len(),
                    8.0 * cells as f64 / 1e9,
                    MAX_RESULT_CELLS * 8 / 1_000_000_000
                ),
            });
        }
        let params = pb.finish();
        Ok(Engine {
            path: model.path.clone(),
            dates,
            lp,
            base_lower,
            base_upper,
            bounds,
            costs,
            dyn_rows,
            params,
            stores,
            records,
            var_labels,
            col_values: vec![0.0; n_cols],
        })
    }

    /// Number of rows and structural columns of the linear programme.
    pub fn lp_size(&self) -> (usize, usize) {
        (
            self.base_lower.len() - self.lp.structural(),
            self.lp.structural(),
        )
    }

    /// Number of simulated days.
    pub fn steps(&self) -> usize {
        self.dates.len()
    }

    /// Simplex pivots performed so far (all runs).
    pub fn pivots(&self) -> u64 {
        self.lp.total_pivots
    }

    /// Runs the whole period from the initial volumes.
    pub fn run(&mut self) -> Result<Results, EngineError> {
        for s in &mut self.stores {
            let (v, pc) = s.initial();
            s.volume = v;
            s.pc_raw = pc;
            if let Some(l) = &mut s.licence {
                l.active = true;
                l.last_reset_year = None;
                l.last_active_year = None;
            }
        }
        let width = self.records.len();
        let mut values = vec![0.0; width * self.dates.len()];
        let mut pcs = vec![0.0; self.stores.len()];
        let dates = self.dates.clone();
        for (k, &date) in dates.iter().enumerate() {
            self.before_nodes(k, date);
            for (p, s) in pcs.iter_mut().zip(&self.stores) {
                *p = s.current_pc();
            }
            self.params.evaluate(k, date, &pcs);
            self.update_lp();
            let nan: Vec<usize> = (0..self.base_lower.len())
                .filter(|&j| {
                    self.lp.lower[j].is_nan()
                        || self.lp.upper[j].is_nan()
                        || self.lp.cost[j].is_nan()
                })
                .collect();
            if !nan.is_empty() {
                return Err(EngineError::NotANumber {
                    path: self.path.clone(),
                    date,
                    nodes: self.labels(&nan),
                });
            }
            if let Err(f) = self.lp.solve() {
                return Err(self.failure(f, date));
            }
            // Debug builds (all tests) re-check feasibility and optimality of every solve.
            #[cfg(debug_assertions)]
            {
                let check = self.lp.verify();
                debug_assert!(
                    check.is_ok(),
                    "simplex invariant broken on {date}: {check:?}"
                );
            }
            for (c, v) in self.col_values.iter_mut().enumerate() {
                *v = self.lp.value(c);
            }
            self.after_nodes();
            let row = &mut values[k * width..(k + 1) * width];
            for (slot, (_, _, rec)) in row.iter_mut().zip(&self.records) {
                *slot = match rec {
                    Record::Flow(e) => eval(e, &self.col_values),
                    Record::Volume(s) => self.stores[*s].volume,
                };
            }
        }
        Ok(Results {
            dates,
            columns: self
                .records
                .iter()
                .map(|(n, a, _)| (n.clone(), *a))
                .collect(),
            values,
        })
    }

    /// The node names attached to LP variables, sorted and without repeats.
    fn labels(&self, vars: &[usize]) -> Vec<String> {
        let mut names: Vec<String> = vars
            .iter()
            .filter_map(|&j| self.var_labels.get(j))
            .flatten()
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn failure(&self, f: SolveFailure, date: NaiveDate) -> EngineError {
        let names = |vars: &[usize]| self.labels(vars);
        match f {
            SolveFailure::Infeasible(vars) => EngineError::Infeasible {
                path: self.path.clone(),
                date,
                nodes: names(&vars),
            },
            SolveFailure::Unbounded(j) => EngineError::Unbounded {
                path: self.path.clone(),
                date,
                nodes: names(&[j]),
            },
            SolveFailure::IterationLimit => EngineError::NotConverged {
                path: self.path.clone(),
                date,
            },
        }
    }

    /// Licence resets and season switches (pywr's node `before`).
    fn before_nodes(&mut self, k: usize, date: NaiveDate) {
        let (y, mo, d) = (date.year(), date.month(), date.day());
        let values = &self.params.values;
        for s in &mut self.stores {
            let init = s.initial();
            let Some(l) = &mut s.licence else { continue };
            if k == 0 && (mo > l.reset_month || (mo == l.reset_month && d > l.reset_day)) {
                l.last_reset_year = Some(y);
            }
            if l.last_reset_year != Some(y)
                && (mo > l.reset_month || (mo == l.reset_month && d >= l.reset_day))
            {
                let use_initial = l.reset_to_initial_volume || (k == 0 && l.max_is_parameter);
                if use_initial {
                    (s.volume, s.pc_raw) = init;
                } else {
                    let mxv = s.max_volume.get(values);
                    s.volume = mxv;
                    s.pc_raw = if mxv == 0.0 { f64::NAN } else { 1.0 };
                }
                l.last_reset_year = Some(y);
                l.active = true;
            }
            if let Some((end_day, end_month)) = l.end
                && l.last_active_year != Some(y)
            {
                if k == 0 {
                    if l.last_reset_year == Some(y) {
                        if end_month < l.reset_month
                            || (end_month == l.reset_month && end_day <= l.reset_day)
                        {
                            l.last_active_year = Some(y);
                        }
                    } else if end_month > l.reset_month
                        || (end_month == l.reset_month && end_day >= l.reset_day)
                    {
                        l.active = false;
                    }
                } else if mo > end_month || (mo == end_month && d >= end_day) {
                    l.last_active_year = Some(y);
                    l.active = false;
                }
            }
        }
    }

    /// Sets this step's bounds and costs.
    fn update_lp(&mut self) {
        let values = &self.params.values;
        self.lp.lower.copy_from_slice(&self.base_lower);
        self.lp.upper.copy_from_slice(&self.base_upper);
        for b in &self.bounds {
            let lo = clean(b.lo.get(values));
            let hi = clean(b.hi.get(values));
            let j = b.var;
            if lo > self.lp.lower[j] {
                self.lp.lower[j] = lo;
            }
            if hi < self.lp.upper[j] {
                self.lp.upper[j] = hi;
            }
        }
        let n = self.lp.structural();
        for s in &self.stores {
            let j = n + s.row;
            let mxv = s.max_volume.get(values);
            let mnv = s.min_volume.get(values);
            let (lo, hi) = if mxv == mnv {
                (0.0, 0.0)
            } else if s.licence.as_ref().is_some_and(|l| !l.active) {
                (f64::NEG_INFINITY, f64::INFINITY)
            } else {
                (
                    clean(-(s.volume - mnv).max(0.0)),
                    clean((mxv - s.volume).max(0.0)),
                )
            };
            self.lp.lower[j] = lo;
            self.lp.upper[j] = hi;
        }
        for d in &self.dyn_rows {
            let mut coefs: Expr = Vec::new();
            for (e, coef) in &d.parts {
                let k = coef.get(values);
                coefs.extend(e.iter().map(|&(c, v)| (c, v * k)));
            }
            coefs.sort_by_key(|t| t.0);
            let mut merged: Expr = Vec::with_capacity(coefs.len());
            for (c, v) in coefs {
                match merged.last_mut() {
                    Some(last) if last.0 == c => last.1 += v,
                    _ => merged.push((c, v)),
                }
            }
            for (c, v) in merged {
                self.lp.set_coefficient(d.row, c, v);
            }
        }
        self.lp.cost[..n].iter_mut().for_each(|c| *c = 0.0);
        for t in &self.costs {
            self.lp.cost[t.col] += t.sign * t.src.get(values);
        }
    }

    /// Volume updates (pywr's node `after`): V ← V + net inflow × 1 day, snapped to the
    /// bounds within 1e-6.
    fn after_nodes(&mut self) {
        let values = &self.params.values;
        for s in &mut self.stores {
            if s.licence.as_ref().is_some_and(|l| !l.active) {
                continue;
            }
            s.volume += eval(&s.expr, &self.col_values);
            let mxv = s.max_volume.get(values);
            let mnv = s.min_volume.get(values);
            if (s.volume - mxv).abs() < 1e-6 {
                s.volume = mxv;
            }
            if (s.volume - mnv).abs() < 1e-6 {
                s.volume = mnv;
            }
            s.pc_raw = if mxv == 0.0 { f64::NAN } else { s.volume / mxv };
        }
    }
}

/// Two members of an aggregated node such that water can flow from one to the other within a
/// single pywr route (through links, loss links and gauges only), if any.
fn members_on_one_route<'m>(
    model: &Model,
    index: &BTreeMap<&str, usize>,
    outs: &[Vec<usize>],
    ends: &[(usize, usize)],
    members: &'m [String],
) -> Option<(&'m str, &'m str)> {
    let ids: Vec<Option<usize>> = members
        .iter()
        .map(|m| index.get(m.as_str()).copied())
        .collect();
    let passes = |i: usize| {
        matches!(
            model.nodes[i].kind,
            NodeKind::Link { .. } | NodeKind::LossLink { .. } | NodeKind::RiverGauge { .. }
        )
    };
    for (ka, a) in ids.iter().enumerate() {
        let Some(a) = *a else { continue };
        if !(passes(a)
            || matches!(
                model.nodes[a].kind,
                NodeKind::Input { .. } | NodeKind::Catchment { .. }
            ))
        {
            continue;
        }
        let mut seen = vec![false; model.nodes.len()];
        let mut stack = vec![a];
        while let Some(i) = stack.pop() {
            for &e in &outs[i] {
                let next = ends[e].1;
                if seen[next] {
                    continue;
                }
                seen[next] = true;
                if let Some(kb) = ids.iter().position(|b| *b == Some(next))
                    && kb != ka
                {
                    return Some((&members[ka], &members[kb]));
                }
                if passes(next) {
                    stack.push(next);
                }
            }
        }
    }
    None
}

/// pywr zeroes bounds smaller than 1e-8 in magnitude.
#[inline]
fn clean(v: f64) -> f64 {
    if v.abs() < 1e-8 { 0.0 } else { v }
}

#[inline]
fn eval(e: &Expr, x: &[f64]) -> f64 {
    e.iter().map(|&(c, v)| v * x[c]).sum()
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

fn storage_store(
    pb: &mut ParamBuilder<'_>,
    spec: &StorageSpec,
    expr: Expr,
    row: usize,
    name: &str,
) -> Result<Store, EngineError> {
    let volumes = Volumes {
        max: &spec.max_volume,
        min: &spec.min_volume,
        initial: spec.initial_volume,
        initial_pc: spec.initial_volume_pc,
    };
    Ok(Store {
        expr,
        ..store(pb, &volumes, row, name)?
    })
}

fn virtual_store(
    pb: &mut ParamBuilder<'_>,
    spec: &VirtualStorageSpec,
    row: usize,
    name: &str,
) -> Result<Store, EngineError> {
    let volumes = Volumes {
        max: &spec.max_volume,
        min: &spec.min_volume,
        initial: spec.initial_volume,
        initial_pc: spec.initial_volume_pc,
    };
    Ok(Store {
        licence: Some(Licence {
            reset_day: spec.reset_day,
            reset_month: spec.reset_month,
            reset_to_initial_volume: spec.reset_to_initial_volume,
            end: spec.end,
            max_is_parameter: !matches!(spec.max_volume, ParameterValue::Constant(_)),
            active: true,
            last_reset_year: None,
            last_active_year: None,
        }),
        ..store(pb, &volumes, row, name)?
    })
}
