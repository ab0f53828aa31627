//! The network's edges as LP columns: edges joined through a `link` with one edge in and one
//! out carry the same flow and share a column.

use std::collections::{BTreeMap, HashSet};

use crate::schema::{Model, NodeKind};

use super::super::program::{Expr, normalise};

/// Disjoint sets of edges (path-halving, union by first root).
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

/// The node graph and the column of every edge.
pub(super) struct Network<'m> {
    /// Node index by name.
    pub(super) index: BTreeMap<&'m str, usize>,
    /// Edges entering each node.
    pub(super) ins: Vec<Vec<usize>>,
    /// Edges leaving each node.
    pub(super) outs: Vec<Vec<usize>>,
    /// The (from, to) nodes of each edge.
    pub(super) ends: Vec<(usize, usize)>,
    /// The LP column of each edge.
    edge_col: Vec<usize>,
    /// Number of edge columns.
    pub(super) n_cols: usize,
}

impl<'m> Network<'m> {
    /// The graph of `model`; `Err(e)` names the first edge `e` whose node does not exist.
    pub(super) fn new(model: &'m Model) -> Result<Self, usize> {
        let index: BTreeMap<&str, usize> = model
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.as_str(), i))
            .collect();
        let nn = model.nodes.len();
        let mut ins: Vec<Vec<usize>> = vec![Vec::new(); nn];
        let mut outs: Vec<Vec<usize>> = vec![Vec::new(); nn];
        let mut ends = Vec::with_capacity(model.edges.len());
        for (e, edge) in model.edges.iter().enumerate() {
            let (Some(&a), Some(&b)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
            else {
                return Err(e);
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
        Ok(Network {
            index,
            ins,
            outs,
            ends,
            edge_col,
            n_cols: group_col.len(),
        })
    }

    /// The names of the nodes at either end of each column's edges, for error messages.
    ///
    /// Linear in the number of edges: a chain of links is one column with one label per link,
    /// so looking a name up in the column's list would be quadratic (issue #21: 100,000 links
    /// took 45 s). A set of the (column, node) pairs already labelled answers in constant time.
    pub(super) fn column_labels(&self, model: &Model) -> Vec<Vec<String>> {
        let mut col_labels: Vec<Vec<String>> = vec![Vec::new(); self.n_cols];
        let mut seen: HashSet<(usize, usize)> = HashSet::with_capacity(2 * self.ends.len());
        for (e, &(a, b)) in self.ends.iter().enumerate() {
            let col = self.edge_col[e];
            for node in [a, b] {
                if seen.insert((col, node)) {
                    col_labels[col].push(model.nodes[node].name.clone());
                }
            }
        }
        col_labels
    }

    /// `coef` × the sum of the flows on edges `es`.
    pub(super) fn sum(&self, es: &[usize], coef: f64) -> Expr {
        normalise(es.iter().map(|&e| (self.edge_col[e], coef)).collect())
    }

    /// The flow that starts at node `i`: its outflow less its inflow (an input or catchment
    /// with incoming edges passes that water through, as in pywr's route formulation).
    pub(super) fn own_outflow(&self, i: usize) -> Expr {
        let mut e = self.sum(&self.outs[i], 1.0);
        e.extend(self.sum(&self.ins[i], -1.0));
        normalise(e)
    }

    /// The flow that ends at node `i`: its inflow less its outflow (an output with outgoing
    /// edges passes the rest on).
    pub(super) fn own_inflow(&self, i: usize) -> Expr {
        let mut e = self.sum(&self.ins[i], 1.0);
        e.extend(self.sum(&self.outs[i], -1.0));
        normalise(e)
    }

    /// The first node (in file order) on no route from a source to a sink, and which side of
    /// it lacks one; `None` when every node lies on a route.
    ///
    /// pywr's route formulation has one LP column per route from an input (an `input`, a
    /// `catchment`, the release side of a storage) to an output (an `output`, the receiving
    /// side of a storage) through links, inputs and outputs, and refuses a
    /// model where a node is on none (its `ModelStructureError` "node ... is not part of any
    /// routes"): such a node could carry no water, and a model with one is almost always
    /// missing an edge. A node lies on a route when water can reach it from a source (a
    /// source itself needs none) and go on from it to a sink (a sink needs none). Aggregated
    /// nodes and virtual storages are not part of the graph and need no route.
    pub(super) fn unrouted_node(&self, model: &Model) -> Option<(usize, &'static str)> {
        let kind = |i: usize| &model.nodes[i].kind;
        let is_storage =
            |i: usize| matches!(kind(i), NodeKind::Storage(_) | NodeKind::Reservoir { .. });
        let in_graph = |i: usize| kind(i).is_connectable();
        let source = |i: usize| {
            matches!(kind(i), NodeKind::Input { .. } | NodeKind::Catchment { .. }) || is_storage(i)
        };
        let sink = |i: usize| matches!(kind(i), NodeKind::Output { .. }) || is_storage(i);
        // Water reaching a storage ends its route there; it passes every other node.
        let passes = |i: usize| in_graph(i) && !is_storage(i);
        let n = model.nodes.len();
        let walk = |starts: &dyn Fn(usize) -> bool, forward: bool| {
            let mut reached = vec![false; n];
            let mut stack: Vec<usize> = (0..n).filter(|&i| in_graph(i) && starts(i)).collect();
            let mut expanded = vec![false; n];
            while let Some(i) = stack.pop() {
                if std::mem::replace(&mut expanded[i], true) {
                    continue;
                }
                let edges = if forward { &self.outs[i] } else { &self.ins[i] };
                for &e in edges {
                    let next = if forward {
                        self.ends[e].1
                    } else {
                        self.ends[e].0
                    };
                    reached[next] = true;
                    if passes(next) && !expanded[next] {
                        stack.push(next);
                    }
                }
            }
            reached
        };
        let from_source = walk(&source, true);
        let to_sink = walk(&sink, false);
        (0..n).filter(|&i| in_graph(i)).find_map(|i| {
            let fed = from_source[i] || (source(i) && !is_storage(i));
            let drained = to_sink[i] || (sink(i) && !is_storage(i));
            if is_storage(i) {
                // pywr's storage `outputs` are its receiving sub-nodes (network outputs): with
                // none, nothing needs to reach it. Its releasing side always exists.
                let receives = !matches!(kind(i), NodeKind::Storage(s) | NodeKind::Reservoir { storage: s, .. } if s.outputs == 0);
                if receives && !from_source[i] {
                    return Some((i, "no water can reach it from an input or catchment"));
                }
                if !to_sink[i] {
                    return Some((i, "its releases can reach no output"));
                }
                return None;
            }
            match (fed, drained) {
                (true, true) => None,
                (false, _) => Some((i, "no water can reach it from an input, catchment or storage")),
                (true, false) => Some((i, "water in it can reach no output or storage")),
            }
        })
    }

    /// Two members of an aggregated node such that water can flow from one to the other
    /// within a single pywr route (through links, loss links and gauges only), if any.
    pub(super) fn members_on_one_route<'n>(
        &self,
        model: &Model,
        members: &'n [String],
    ) -> Option<(&'n str, &'n str)> {
        let ids: Vec<Option<usize>> = members
            .iter()
            .map(|m| self.index.get(m.as_str()).copied())
            .collect();
        let passes = |i: usize| {
            matches!(
                model.nodes[i].kind,
                NodeKind::Link { .. }
                    | NodeKind::LossLink { .. }
                    | NodeKind::RiverGauge { .. }
                    | NodeKind::PiecewiseLink { .. }
                    | NodeKind::RiverSplit(_)
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
                for &e in &self.outs[i] {
                    let next = self.ends[e].1;
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str) -> Model {
        Model::from_json_str(text, std::path::Path::new("t.json")).unwrap()
    }

    #[test]
    fn a_link_with_one_edge_in_and_one_out_joins_them_in_one_column() {
        let m = model(
            r#"{"timestepper": {"start": "2024-01-01", "end": "2024-01-01"},
                "nodes": [{"name": "a", "type": "input"}, {"name": "l", "type": "link"},
                          {"name": "b", "type": "output"}, {"name": "c", "type": "output"}],
                "edges": [["a", "l"], ["l", "b"], ["a", "c"]]}"#,
        );
        let net = Network::new(&m).unwrap();
        assert_eq!(net.n_cols, 2);
        assert_eq!(net.sum(&[0, 1], 1.0), vec![(0, 2.0)]);
        assert_eq!(net.column_labels(&m)[0], ["a", "l", "b"]);
        let members = ["a".to_owned(), "b".to_owned()];
        assert_eq!(net.members_on_one_route(&m, &members), Some(("a", "b")));
    }
}
