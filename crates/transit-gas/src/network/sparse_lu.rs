//! Sparse LU factorisation without pivoting for the reduced Newton system.
//!
//! The reduced system (nodal pressures after eliminating the branch mass flows) has the sparsity
//! pattern of the network graph and is column diagonally dominant (each branch adds `+w` on a
//! diagonal and `−w` below or above it in the same column), so Gaussian elimination needs no
//! pivoting. The work is split into a symbolic phase, run once per network topology (an
//! approximate minimum-degree ordering on the quotient graph, the pattern of L and U from the
//! elimination tree, and its transpose), and a numeric phase run at every Newton iteration: an
//! up-looking factorisation that gathers each row's updates in a dense work row, so that its cost
//! is the flop count of the ordering and its memory the factor itself.

/// State of a node in the quotient graph of [`minimum_degree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    /// Not yet eliminated.
    Variable,
    /// Eliminated; stands for the clique of its remaining neighbours.
    Element,
    /// An element whose clique is contained in a later one.
    Absorbed,
}

/// Approximate minimum-degree ordering on the quotient graph (the idea of Amestoy, Davis and
/// Duff's AMD, without supervariables): an eliminated node becomes an *element* that stands for
/// the clique of its neighbours, so the elimination graph is never formed (its work grows with
/// the size of the factor, not with that of the elimination graph: 1.3 ms for a 2,025-node grid,
/// 35 ms for 8,100 nodes under a load average of 19, against 1 s before). The degree of a variable is bounded by
/// `|A_i| + |L_p \ i| + Σ |L_e \ L_p|` over its other elements `e` (AMD's approximate degree),
/// elements whose clique lies inside the new one are absorbed, and the next pivot is a variable
/// of least degree (degree buckets; ties go to the most recently updated variable, so the order
/// is deterministic). Returns the elimination order.
fn minimum_degree(n: usize, adj: &[Vec<usize>]) -> Vec<usize> {
    let mut vars: Vec<Vec<usize>> = adj.to_vec();
    let mut elems: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut clique: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut state = vec![Node::Variable; n];
    let mut degree: Vec<usize> = adj.iter().map(Vec::len).collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for v in (0..n).rev() {
        buckets[degree[v]].push(v);
    }
    // `mark[v] == stamp`: v is in the new clique. `outside[e]`: |L_e \ L_p| for the elements
    // seen at this step (`seen[e] == stamp`).
    let mut mark = vec![usize::MAX; n];
    let mut seen = vec![usize::MAX; n];
    let mut outside = vec![0_usize; n];
    let mut perm = Vec::with_capacity(n);
    let mut min_degree = 0;
    let mut lp: Vec<usize> = Vec::new();
    while perm.len() < n {
        let Some(p) = buckets[min_degree].pop() else {
            min_degree += 1;
            continue;
        };
        if state[p] != Node::Variable || degree[p] != min_degree {
            continue;
        }
        let stamp = perm.len();
        perm.push(p);
        // L_p: the variables adjacent to p directly or through its elements, which p absorbs.
        lp.clear();
        mark[p] = stamp;
        for &v in &vars[p] {
            if state[v] == Node::Variable && mark[v] != stamp {
                mark[v] = stamp;
                lp.push(v);
            }
        }
        for &e in &elems[p] {
            if state[e] != Node::Element {
                continue;
            }
            for &v in &clique[e] {
                if state[v] == Node::Variable && mark[v] != stamp {
                    mark[v] = stamp;
                    lp.push(v);
                }
            }
            state[e] = Node::Absorbed;
            clique[e] = Vec::new();
        }
        state[p] = Node::Element;
        vars[p] = Vec::new();
        elems[p] = Vec::new();
        // |L_e \ L_p| for every other element adjacent to the new clique.
        for &i in &lp {
            for &e in &elems[i] {
                if state[e] != Node::Element {
                    continue;
                }
                if seen[e] != stamp {
                    // A live element's clique holds variables only: eliminating one of its
                    // variables absorbs it.
                    seen[e] = stamp;
                    outside[e] = clique[e].len();
                }
                outside[e] -= 1;
            }
        }
        // Elements inside L_p are absorbed by p.
        for &i in &lp {
            for &e in &elems[i] {
                if state[e] == Node::Element && outside[e] == 0 {
                    state[e] = Node::Absorbed;
                    clique[e] = Vec::new();
                }
            }
        }
        let remaining = n - perm.len();
        for &i in &lp {
            // The variables of L_p are now reached through p.
            elems[i].retain(|&e| state[e] == Node::Element);
            vars[i].retain(|&v| state[v] == Node::Variable && mark[v] != stamp);
            let mut d = vars[i].len() + lp.len() - 1;
            for &e in &elems[i] {
                d += outside[e];
            }
            elems[i].push(p);
            let d = d.min(remaining - 1).min(degree[i] + lp.len());
            degree[i] = d;
            buckets[d].push(i);
            min_degree = min_degree.min(d);
        }
        clique[p].clone_from(&lp);
    }
    perm
}

/// Symbolic factorisation: elimination order and the pattern of L and U.
#[derive(Debug, Clone)]
pub(crate) struct SymbolicLu {
    n: usize,
    /// `perm[k]` = original index eliminated at step `k`.
    perm: Vec<usize>,
    /// `inv[i]` = step at which original index `i` is eliminated.
    inv: Vec<usize>,
    /// For each step k, the later steps j > k coupled to k (sorted): row pattern of U and
    /// column pattern of L.
    struct_start: Vec<usize>,
    struct_idx: Vec<usize>,
    /// Per step a, the steps k < a whose structure holds a, with a's index in that structure
    /// (the row pattern of L and column pattern of U at step a): `row_start[a]..row_start[a + 1]`
    /// into `row_step` and `row_slot`.
    row_start: Vec<usize>,
    row_step: Vec<usize>,
    row_slot: Vec<usize>,
}

/// Numeric values laid out for a [`SymbolicLu`]: `n` diagonal entries, then for each step k its
/// U row entries then its L column entries.
#[derive(Debug, Clone)]
pub(crate) struct NumericLu {
    pub(crate) values: Vec<f64>,
    scratch: Vec<f64>,
    /// Dense work row of the up-looking factorisation, (U row, L column) entries by step.
    work: Vec<[f64; 2]>,
}

impl SymbolicLu {
    /// Orders and analyses the symmetric pattern given by `edges` (pairs of distinct indices
    /// below `n`; duplicates allowed).
    pub(crate) fn analyse(n: usize, edges: &[(usize, usize)]) -> Self {
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(a, b) in edges {
            if a != b {
                adj[a].push(b);
                adj[b].push(a);
            }
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        let perm = minimum_degree(n, &adj);
        let mut inv = vec![0; n];
        for (k, &v) in perm.iter().enumerate() {
            inv[v] = k;
        }
        // Structure of each step from the elimination tree: S_k holds the later neighbours of k
        // in the graph and the structures of k's children less k itself; k's parent is the
        // first member of S_k.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut mark = vec![usize::MAX; n];
        let mut struct_start = Vec::with_capacity(n + 1);
        let mut struct_idx: Vec<usize> = Vec::new();
        struct_start.push(0);
        let mut s: Vec<usize> = Vec::new();
        for k in 0..n {
            s.clear();
            mark[k] = k;
            for &u in &adj[perm[k]] {
                let j = inv[u];
                if j > k && mark[j] != k {
                    mark[j] = k;
                    s.push(j);
                }
            }
            for &c in &children[k] {
                for &j in &struct_idx[struct_start[c]..struct_start[c + 1]] {
                    if mark[j] != k {
                        mark[j] = k;
                        s.push(j);
                    }
                }
            }
            s.sort_unstable();
            if let Some(&parent) = s.first() {
                children[parent].push(k);
            }
            struct_idx.extend_from_slice(&s);
            struct_start.push(struct_idx.len());
        }
        // Transpose: for each step a, the (k, slot) with S_k[slot] = a, k ascending.
        let mut row_start = vec![0; n + 1];
        for &a in &struct_idx {
            row_start[a + 1] += 1;
        }
        for a in 0..n {
            row_start[a + 1] += row_start[a];
        }
        let mut fill = row_start.clone();
        let mut row_step = vec![0; struct_idx.len()];
        let mut row_slot = vec![0; struct_idx.len()];
        for k in 0..n {
            for (slot, &a) in struct_idx[struct_start[k]..struct_start[k + 1]]
                .iter()
                .enumerate()
            {
                row_step[fill[a]] = k;
                row_slot[fill[a]] = slot;
                fill[a] += 1;
            }
        }
        SymbolicLu {
            n,
            perm,
            inv,
            struct_start,
            struct_idx,
            row_start,
            row_step,
            row_slot,
        }
    }

    fn structure(&self, k: usize) -> &[usize] {
        &self.struct_idx[self.struct_start[k]..self.struct_start[k + 1]]
    }

    /// Position in `values` of the entry (row `a`, column `b`) in elimination-step indices.
    fn position(&self, a: usize, b: usize) -> usize {
        use std::cmp::Ordering;
        match a.cmp(&b) {
            Ordering::Equal => a,
            Ordering::Less => {
                // U row a, column b.
                let s = self.structure(a);
                let t = s.binary_search(&b).unwrap_or(usize::MAX);
                debug_assert!(t != usize::MAX, "entry outside the filled pattern");
                self.n + 2 * self.struct_start[a] + t
            }
            Ordering::Greater => {
                // L column b, row a.
                let s = self.structure(b);
                let t = s.binary_search(&a).unwrap_or(usize::MAX);
                debug_assert!(t != usize::MAX, "entry outside the filled pattern");
                self.n + 2 * self.struct_start[b] + s.len() + t
            }
        }
    }

    /// Position in the value array of the matrix entry (row `i`, column `j`) in original indices;
    /// `None` if it is outside the pattern (that is, `i` and `j` were not given as an edge).
    pub(crate) fn entry(&self, i: usize, j: usize) -> Option<usize> {
        let (a, b) = (self.inv[i], self.inv[j]);
        if a == b {
            return Some(a);
        }
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        self.structure(lo).binary_search(&hi).ok()?;
        Some(self.position(a, b))
    }

    /// A zeroed value array for this pattern.
    pub(crate) fn numeric(&self) -> NumericLu {
        NumericLu {
            values: vec![0.0; self.n + 2 * self.struct_idx.len()],
            scratch: vec![0.0; self.n],
            work: vec![[0.0; 2]; self.n],
        }
    }

    /// Factorises in place, up-looking: step `a` gathers the updates of every earlier step `k`
    /// whose structure holds `a` into dense work rows, then stores U's row and L's column of
    /// `a`. Each update `(a, b)` lands in the structure of `a` (elimination cliques), so the
    /// work rows need no clearing. Returns the original index of the first pivot whose
    /// magnitude is not above 10⁻¹⁴ times the largest diagonal entry, if any.
    pub(crate) fn factor(&self, num: &mut NumericLu) -> Result<(), usize> {
        let n = self.n;
        let NumericLu { values, work, .. } = num;
        let scale = values[..n].iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        let tiny = scale * 1e-14;
        for a in 0..n {
            let s_a = self.structure(a);
            let len_a = s_a.len();
            let base_a = n + 2 * self.struct_start[a];
            for (t, &b) in s_a.iter().enumerate() {
                work[b] = [values[base_a + t], values[base_a + len_a + t]];
            }
            let mut piv = values[a];
            for r in self.row_start[a]..self.row_start[a + 1] {
                let (k, t) = (self.row_step[r], self.row_slot[r]);
                let s_k = self.structure(k);
                let len_k = s_k.len();
                let base_k = n + 2 * self.struct_start[k];
                let (u_row, l_col) = values[base_k..base_k + 2 * len_k].split_at(len_k);
                let (u_ka, l_ak) = (u_row[t], l_col[t]);
                piv -= l_ak * u_ka;
                for ((&b, &u_kb), &l_bk) in s_k[t + 1..]
                    .iter()
                    .zip(&u_row[t + 1..])
                    .zip(&l_col[t + 1..])
                {
                    let w = &mut work[b];
                    w[0] -= l_ak * u_kb;
                    w[1] -= l_bk * u_ka;
                }
            }
            if piv.is_nan() || piv.abs() <= tiny {
                return Err(self.perm[a]);
            }
            values[a] = piv;
            for (t, &b) in s_a.iter().enumerate() {
                values[base_a + t] = work[b][0];
                values[base_a + len_a + t] = work[b][1] / piv;
            }
        }
        Ok(())
    }

    /// Solves `A x = b` with a factorised `num`; `b` in original indices, overwritten by `x`.
    pub(crate) fn solve(&self, num: &mut NumericLu, b: &mut [f64]) {
        let n = self.n;
        let y = &mut num.scratch;
        for k in 0..n {
            y[k] = b[self.perm[k]];
        }
        for k in 0..n {
            let s = self.structure(k);
            let base = n + 2 * self.struct_start[k] + s.len();
            let yk = y[k];
            if yk != 0.0 {
                for (t, &j) in s.iter().enumerate() {
                    y[j] -= num.values[base + t] * yk;
                }
            }
        }
        for k in (0..n).rev() {
            let s = self.structure(k);
            let base = n + 2 * self.struct_start[k];
            let mut acc = y[k];
            for (t, &j) in s.iter().enumerate() {
                acc -= num.values[base + t] * y[j];
            }
            y[k] = acc / num.values[k];
        }
        for k in 0..n {
            b[self.perm[k]] = y[k];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dense reference: multiplies the pattern matrix given by entries.
    fn check(n: usize, entries: &[(usize, usize, f64)]) {
        let edges: Vec<(usize, usize)> = entries
            .iter()
            .filter(|e| e.0 != e.1)
            .map(|e| (e.0, e.1))
            .collect();
        let sym = SymbolicLu::analyse(n, &edges);
        let mut num = sym.numeric();
        for &(i, j, v) in entries {
            let pos = sym.entry(i, j).expect("entry in pattern");
            num.values[pos] += v;
        }
        sym.factor(&mut num).expect("non-singular");
        let x_true: Vec<f64> = (0..n).map(|i| 1.0 + i as f64 * 0.37).collect();
        let mut b = vec![0.0; n];
        for &(i, j, v) in entries {
            b[i] += v * x_true[j];
        }
        sym.solve(&mut num, &mut b);
        for i in 0..n {
            assert!(
                (b[i] - x_true[i]).abs() < 1e-9,
                "x[{i}] = {} not {}",
                b[i],
                x_true[i]
            );
        }
    }

    #[test]
    fn solves_a_grid_laplacian_with_asymmetric_weights() {
        let side = 12;
        let n = side * side;
        let mut entries = Vec::new();
        for r in 0..side {
            for c in 0..side {
                let i = r * side + c;
                entries.push((i, i, 0.5)); // grounding keeps it non-singular
                let mut link = |j: usize, w: f64| {
                    entries.push((i, i, w));
                    entries.push((j, i, -w));
                };
                if c + 1 < side {
                    link(i + 1, 1.0 + (i % 5) as f64);
                }
                if r + 1 < side {
                    link(i + side, 2.0 + (i % 3) as f64);
                }
            }
        }
        // Mirror entries with other weights so that the matrix is unsymmetric.
        let mut extra = Vec::new();
        for &(i, j, v) in &entries {
            if i != j {
                extra.push((j, i, v * 0.9));
                extra.push((j, j, -v * 0.9));
            }
        }
        entries.extend(extra);
        check(n, &entries);
    }

    fn grid(side: usize) -> Vec<Vec<usize>> {
        let n = side * side;
        let mut adj = vec![Vec::new(); n];
        for i in 0..n {
            if i % side + 1 < side {
                adj[i].push(i + 1);
                adj[i + 1].push(i);
            }
            if i + side < n {
                adj[i].push(i + side);
                adj[i + side].push(i);
            }
        }
        adj
    }

    #[test]
    fn the_ordering_eliminates_every_node_once() {
        let n = 81;
        let mut seen = minimum_degree(n, &grid(9));
        seen.sort_unstable();
        assert_eq!(seen, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn a_tree_is_factorised_without_fill() {
        // A random tree: minimum degree eliminates leaves first, so L has the tree's n − 1
        // entries and no more.
        let n = 500;
        let mut edges = Vec::new();
        let mut x: u64 = 7;
        for i in 1..n {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            edges.push((i, (x >> 33) as usize % i));
        }
        let sym = SymbolicLu::analyse(n, &edges);
        assert_eq!(sym.struct_idx.len(), n - 1);
    }

    #[test]
    fn a_grid_fills_in_like_n_log_n() {
        // 60 × 60 grid: a fill-reducing ordering gives O(n log n) entries in L (about 35,000
        // here); the natural, banded order gives about n·side = 216,000.
        let side = 60;
        let adj = grid(side);
        let edges: Vec<(usize, usize)> = adj
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.iter().map(move |&j| (i, j)))
            .collect();
        let sym = SymbolicLu::analyse(side * side, &edges);
        let fill = sym.struct_idx.len();
        assert!(fill < 60_000, "{fill}");
    }

    #[test]
    fn random_sparse_matrices_are_solved() {
        let mut x: u64 = 11;
        let mut next = |m: usize| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as usize % m
        };
        for n in [1, 2, 5, 40, 300] {
            let mut entries = Vec::new();
            for i in 0..n {
                entries.push((i, i, 0.1));
            }
            for _ in 0..2 * n {
                let (i, j) = (next(n), next(n));
                if i != j {
                    let w = 1.0 + next(100) as f64 / 10.0;
                    entries.push((i, i, w));
                    entries.push((j, i, -w));
                    entries.push((j, j, 0.7 * w));
                    entries.push((i, j, -0.7 * w));
                }
            }
            check(n, &entries);
        }
    }

    #[test]
    fn zero_pivot_is_reported() {
        let sym = SymbolicLu::analyse(2, &[(0, 1)]);
        let mut num = sym.numeric();
        let p = sym.entry(0, 1).expect("in pattern");
        num.values[p] = 1.0;
        assert!(sym.factor(&mut num).is_err());
    }
}
