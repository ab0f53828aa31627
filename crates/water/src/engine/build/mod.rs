//! Lowering a model to the linear programme, once per [`Engine`].
//!
//! [`lower`] runs in four steps: the edges become columns ([`network`]); each network node adds
//! its rows, bounds and costs, and each storage and virtual storage its [`Store`] (first pass
//! of [`nodes`], in file order, so that store indices follow node order); aggregated nodes and
//! virtual storages then refer to their members' flows (second pass); finally node bounds
//! become column bounds or ranged rows, the simplex is set up and the results columns are
//! chosen.

mod network;
mod nodes;
mod splits;

use crate::schema::{Model, NodeKind};
use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::params::{ParamBuilder, Source};
use super::program::{BoundTerm, CostTerm, DynRow, Expr, Record};
use super::simplex::Simplex;
use super::state::Store;
use super::{Attribute, Engine, EngineError, MAX_LP_ROWS, MAX_RESULT_CELLS};

use network::Network;

/// Lowers `model` (already validated) to an [`Engine`].
pub(super) fn lower(model: &Model) -> Result<Engine, EngineError> {
    if model.nodes.is_empty() {
        return Err(EngineError::Build {
            path: model.path.clone(),
            location: "nodes".to_owned(),
            message: "the model has no nodes, so nothing to simulate (pywr refuses an empty model too); add the network's nodes and edges".to_owned(),
        });
    }
    let periods = model.timestepper.periods();
    let mut storage_index = BTreeMap::new();
    for n in &model.nodes {
        if n.kind.is_storage() {
            let k = storage_index.len();
            storage_index.insert(n.name.clone(), k);
        }
    }
    let mut pb = ParamBuilder::new(model, &storage_index, &periods);
    let net = Network::new(model).map_err(|e| EngineError::Build {
        path: model.path.clone(),
        location: format!("edges[{e}]"),
        message: "names a node that does not exist".to_owned(),
    })?;
    if let Some((i, why)) = net.unrouted_node(model) {
        return Err(EngineError::Build {
            path: model.path.clone(),
            location: format!("node \"{}\"", model.nodes[i].name),
            message: format!(
                "is on no route from a source to a sink: {why} (pywr refuses such a model: \"not part of any routes\"); add the missing edge or remove the node"
            ),
        });
    }
    let mut lowering = Lowering::new(model, &net, &storage_index);
    for i in 0..model.nodes.len() {
        lowering.network_node(&mut pb, i)?;
    }
    lowering.member_nodes(&mut pb)?;
    lowering.assemble(pb, &periods)
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

/// A bound on a node's flow expression, before it is known to be a column bound or a row.
struct FlowBound {
    expr: Expr,
    lo: Source,
    hi: Source,
    node: String,
}

/// The linear programme under construction.
struct Lowering<'a> {
    model: &'a Model,
    net: &'a Network<'a>,
    /// Storage-kind nodes' indices among the stores, by name.
    storage_index: &'a BTreeMap<String, usize>,
    /// Number of columns: the edge columns and two per river gauge.
    n_cols: usize,
    /// The nodes of each column (for error messages).
    col_labels: Vec<Vec<String>>,
    /// The fixed bounds of each column.
    col_base: Vec<(f64, f64)>,
    rows: RowSet,
    flow_bounds: Vec<FlowBound>,
    costs: Vec<CostTerm>,
    /// Each node's flow as an expression in the columns (none for virtual storages).
    flows: Vec<Option<Expr>>,
    stores: Vec<Store>,
    store_of_node: BTreeMap<usize, usize>,
    dyn_rows: Vec<DynRow>,
}

impl<'a> Lowering<'a> {
    fn new(
        model: &'a Model,
        net: &'a Network<'a>,
        storage_index: &'a BTreeMap<String, usize>,
    ) -> Self {
        Lowering {
            model,
            net,
            storage_index,
            n_cols: net.n_cols,
            col_labels: net.column_labels(model),
            col_base: vec![(0.0, f64::INFINITY); net.n_cols],
            rows: RowSet {
                exprs: Vec::new(),
                lower: Vec::new(),
                upper: Vec::new(),
                owner: Vec::new(),
            },
            flow_bounds: Vec::new(),
            costs: Vec::new(),
            flows: vec![None; model.nodes.len()],
            stores: Vec::new(),
            store_of_node: BTreeMap::new(),
            dyn_rows: Vec::new(),
        }
    }

    fn error(&self, location: &str, message: &str) -> EngineError {
        EngineError::Build {
            path: self.model.path.clone(),
            location: location.to_owned(),
            message: message.to_owned(),
        }
    }

    /// Adds `sign × src` to the cost of every column of `e` (with the sign of its coefficient).
    fn add_costs(&mut self, e: &Expr, src: Source, sign: f64) {
        if src != Source::Literal(0.0) {
            for &(c, v) in e {
                self.costs.push(CostTerm {
                    col: c,
                    src,
                    sign: sign * v.signum(),
                });
            }
        }
    }

    /// Bounds `expr` (the flow of `node`) by `lo..=hi`.
    fn bound(&mut self, expr: Expr, lo: Source, hi: Source, node: &str) {
        self.flow_bounds.push(FlowBound {
            expr,
            lo,
            hi,
            node: node.to_owned(),
        });
    }

    /// Node bounds become column bounds (single-column flows) or ranged rows; then the
    /// simplex, the variables' labels and the results columns.
    fn assemble(
        self,
        pb: ParamBuilder<'_>,
        periods: &[crate::schema::Timestep],
    ) -> Result<Engine, EngineError> {
        let self_storage_index = self.storage_index;
        let Lowering {
            model,
            n_cols,
            mut col_labels,
            col_base,
            mut rows,
            flow_bounds,
            costs,
            flows,
            stores,
            store_of_node,
            dyn_rows,
            ..
        } = self;
        let path = model.path.clone();
        let mut bounds = Vec::new();
        let mut bound_nodes = Vec::new();
        // (column, node) pairs already labelled, so that labelling stays linear on long
        // chains of links (one column with a label per link).
        let bounded: BTreeSet<usize> = flow_bounds
            .iter()
            .filter(|b| b.expr.len() == 1 && b.expr[0].1 == 1.0)
            .map(|b| b.expr[0].0)
            .collect();
        let mut labelled: HashSet<(usize, String)> = bounded
            .iter()
            .flat_map(|&c| col_labels[c].iter().map(move |n| (c, n.clone())))
            .collect();
        for FlowBound { expr, lo, hi, node } in flow_bounds {
            if expr.len() == 1 && expr[0].1 == 1.0 {
                let c = expr[0].0;
                bounds.push(BoundTerm { var: c, lo, hi });
                bound_nodes.push(node.clone());
                if labelled.insert((c, node.clone())) {
                    col_labels[c].push(node);
                }
            } else {
                let r = rows.push(expr, f64::NEG_INFINITY, f64::INFINITY, &node);
                bounds.push(BoundTerm {
                    var: usize::MAX - r,
                    lo,
                    hi,
                });
                bound_nodes.push(node);
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
                    "its linear programme has {m} rows (about one per node and constraint); the engine accepts at most {MAX_LP_ROWS} rows; split the model into parts that exchange flows, or merge links that carry the same flow"
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

        let records = records(model, &store_of_node, &flows);
        let cells = records.len().saturating_mul(periods.len());
        if cells > MAX_RESULT_CELLS {
            return Err(EngineError::TooLarge {
                path,
                what: format!(
                    "its results are {} recorded nodes x {} timesteps = {cells} values ({:.1} GB); the engine holds at most {MAX_RESULT_CELLS} ({} MB); shorten the timestepper's span or run it in parts",
                    records.len(),
                    periods.len(),
                    8.0 * cells as f64 / 1e9,
                    MAX_RESULT_CELLS * 8 / 1_000_000
                ),
            });
        }
        let combinations = model.combinations()?;
        // Each recorder keeps a number per timestep and scenario combination until the run
        // ends.
        let kept = model
            .recorders
            .len()
            .saturating_mul(periods.len())
            .saturating_mul(combinations.len().max(1));
        if kept > MAX_RESULT_CELLS {
            return Err(EngineError::TooLarge {
                path,
                what: format!(
                    "its {} recorders x {} timesteps x {} scenario combinations keep {kept} values ({:.1} GB); the engine holds at most {MAX_RESULT_CELLS}; record fewer, shorten the timestepper's span or run fewer combinations",
                    model.recorders.len(),
                    periods.len(),
                    combinations.len().max(1),
                    8.0 * kept as f64 / 1e9,
                ),
            });
        }
        let mut pb = pb;
        let lowered = super::recorders::Lowered {
            columns: records.iter().map(|(n, a, _)| (n.as_str(), *a)).collect(),
            storage_index: self_storage_index,
            step: model.timestepper.step,
        };
        let recorders = super::recorders::Recorders::compile(model, &mut pb, &lowered)?;
        let mut params = pb.finish();
        // `nodethreshold` parameters read a node's previous flow from the results row.
        // A map, not a search per node: a chain of 100,000 links would take 10^10 steps.
        let flow_column: std::collections::HashMap<&str, usize> = records
            .iter()
            .enumerate()
            .filter(|(_, (_, a, _))| *a == Attribute::Flow)
            .map(|(c, (name, _, _))| (name.as_str(), c))
            .collect();
        let node_column: Vec<Option<usize>> = model
            .nodes
            .iter()
            .map(|n| flow_column.get(n.name.as_str()).copied())
            .collect();
        if let Err(i) = params.resolve_nodes(&node_column) {
            return Err(EngineError::Build {
                path,
                location: format!("node \"{}\"", model.nodes[i].name),
                message: "has no flow for a flow, nodethreshold, deficit, interpolatedflow or rollingmeanflownode parameter to read".to_owned(),
            });
        }
        let scenario_labels = if model.scenarios.is_empty() {
            Vec::new()
        } else {
            combinations
                .iter()
                .map(|c| model.combination_label(c))
                .collect()
        };
        let mut engine = Engine {
            path,
            periods: periods.to_vec(),
            lp,
            base_lower,
            base_upper,
            bounds,
            bound_nodes,
            costs,
            dyn_rows,
            params,
            stores,
            records,
            recorders,
            recorder_values: super::RecorderValues::default(),
            var_labels,
            col_values: vec![0.0; n_cols],
            last_run: std::time::Duration::ZERO,
            combinations,
            scenario_labels,
            threads: 1,
        };
        engine.set_threads(0);
        Ok(engine)
    }
}

/// The results columns, sorted by node name: `volume` for storage-kind nodes, `flow` for the
/// others.
fn records(
    model: &Model,
    store_of_node: &BTreeMap<usize, usize>,
    flows: &[Option<Expr>],
) -> Vec<(String, Attribute, Record)> {
    let mut records = Vec::new();
    let mut sorted: Vec<usize> = (0..model.nodes.len()).collect();
    sorted.sort_by(|&a, &b| model.nodes[a].name.cmp(&model.nodes[b].name));
    for i in sorted {
        let name = model.nodes[i].name.clone();
        if let NodeKind::AggregatedStorage { storage_nodes } = &model.nodes[i].kind {
            // Validation made every member a storage node, which has a store.
            let stores = storage_nodes
                .iter()
                .filter_map(|m| model.nodes.iter().position(|n| &n.name == m))
                .filter_map(|j| store_of_node.get(&j).copied())
                .collect();
            records.push((name, Attribute::Volume, Record::Volumes(stores)));
        } else if let Some(&s) = store_of_node.get(&i) {
            records.push((name, Attribute::Volume, Record::Volume(s)));
        } else if let Some(e) = flows[i].clone() {
            records.push((name, Attribute::Flow, Record::Flow(e)));
        }
    }
    records
}
