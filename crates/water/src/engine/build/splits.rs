//! `riversplit` and `riversplitwithgauge` (pywr's `MultiSplitLink`): the sub-links inside the
//! node as LP columns.
//!
//! pywr builds the node from an output `Xo` taking the inflow, sub-links `X0…` in their own
//! domain (the bands, then one per extra slot) and inputs passing water on: every sub-link
//! feeds the main outlet (the first slot), and each extra sub-link may also feed its own slot.
//! An aggregated node keeps the last band and the extra sub-links in the ratios of `factors`.
//! Here each band is a column, each extra sub-link two (to the main outlet, to its slot), and
//! the domain crossings are balance rows.

use crate::schema::RiverSplitSpec;

use super::super::params::{ParamBuilder, Source};
use super::super::program::{Expr, normalise};
use super::{EngineError, Lowering};

impl Lowering<'_> {
    /// A river split's columns, balance rows, band bounds and costs, and ratio rows.
    pub(super) fn river_split(
        &mut self,
        pb: &mut ParamBuilder<'_>,
        i: usize,
        spec: &RiverSplitSpec,
    ) -> Result<(), EngineError> {
        let model = self.model;
        let node = &model.nodes[i];
        let at = |attr: String| format!("node \"{}\".{attr}", node.name);
        let bands = self.new_columns(spec.bands(), &node.name);
        let extra = spec.slot_names.len() - 1;
        // Each extra sub-link: (to the main outlet, to its own slot).
        let extras: Vec<(usize, usize)> = (0..extra)
            .map(|_| {
                let c = self.new_columns(2, &node.name);
                (c[0], c[1])
            })
            .collect();
        // Flow in = every sub-link.
        let mut inflow = self.net.sum(&self.net.ins[i], 1.0);
        inflow.extend(bands.iter().map(|&b| (b, -1.0)));
        inflow.extend(extras.iter().flat_map(|&(m, x)| [(m, -1.0), (x, -1.0)]));
        self.rows.push(normalise(inflow), 0.0, 0.0, &node.name);
        // Each slot's outflow: the bands and the extras' main parts by the first slot, each
        // extra's own part by its slot. Validation gave every edge leaving a slot.
        let mut slot_edges = vec![Vec::new(); spec.slot_names.len()];
        for &e in &self.net.outs[i] {
            if let Some(k) = model.edges[e]
                .from_slot
                .as_ref()
                .and_then(|s| spec.slot_index(s))
            {
                slot_edges[k].push(e);
            }
        }
        for (k, edges) in slot_edges.iter().enumerate() {
            let mut row = self.net.sum(edges, 1.0);
            if k == 0 {
                row.extend(bands.iter().map(|&b| (b, -1.0)));
                row.extend(extras.iter().map(|&(m, _)| (m, -1.0)));
            } else {
                row.push((extras[k - 1].1, -1.0));
            }
            self.rows.push(normalise(row), 0.0, 0.0, &node.name);
        }
        // Each sub-link's flow: a band's column, an extra's two parts.
        let sub_links = bands
            .iter()
            .map(|&b| vec![(b, 1.0)])
            .chain(extras.iter().map(|&(m, x)| vec![(m, 1.0), (x, 1.0)]));
        for (k, flow) in sub_links.enumerate() {
            let hi = pb.source(
                spec.max_flows[k].as_ref(),
                f64::INFINITY,
                &at(format!("max_flows[{k}]")),
            )?;
            let cost = pb.source(Some(&spec.costs[k]), 0.0, &at(format!("costs[{k}]")))?;
            self.bound(flow.clone(), Source::Literal(0.0), hi, &node.name);
            self.add_costs(&flow, cost, 1.0);
        }
        // The ratio members: the last band, then each extra sub-link (both its parts).
        let last = bands[bands.len() - 1];
        let members: Vec<(Expr, f64)> = std::iter::once(vec![(last, 1.0)])
            .chain(extras.iter().map(|&(m, x)| vec![(m, 1.0), (x, 1.0)]))
            .zip(&spec.factors)
            .filter_map(|(e, f)| f.map(|f| (e, f)))
            .collect();
        if let Some(((first, f0), rest)) = members.split_first() {
            for (e, fk) in rest {
                // f_first·(1/F_first) = f_k·(1/F_k), as pywr's aggregated node's factors.
                let mut row = first.clone();
                row.extend(e.iter().map(|&(c, v)| (c, -(f0 / fk) * v)));
                self.rows.push(normalise(row), 0.0, 0.0, &node.name);
            }
        }
        let mut flow: Expr = bands.iter().map(|&b| (b, 1.0)).collect();
        flow.extend(extras.iter().flat_map(|&(m, x)| [(m, 1.0), (x, 1.0)]));
        self.flows[i] = Some(flow);
        Ok(())
    }

    /// `n` new columns labelled with `node`, each from 0 to +∞.
    fn new_columns(&mut self, n: usize, node: &str) -> Vec<usize> {
        let first = self.n_cols;
        self.n_cols += n;
        for _ in 0..n {
            self.col_base.push((0.0, f64::INFINITY));
            self.col_labels.push(vec![node.to_owned()]);
        }
        (first..first + n).collect()
    }
}
