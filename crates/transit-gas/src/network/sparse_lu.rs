//! Sparse LU factorisation without pivoting for the reduced Newton system.
//!
//! The reduced system (nodal pressures after eliminating the branch mass flows) has the sparsity
//! pattern of the network graph and is column diagonally dominant (each branch adds `+w` on a
//! diagonal and `−w` below or above it in the same column), so Gaussian elimination needs no
//! pivoting. The work is split into a symbolic phase, run once per network (minimum-degree
//! ordering, fill-in pattern, the scatter map of every update), and a numeric phase run at every
//! Newton iteration, which is then a flat loop over precomputed positions.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Up to this many unknowns the ordering keeps the elimination graph as bit sets (n²/8 bytes).
const DENSE_ORDERING_LIMIT: usize = 4096;

/// Minimum-degree ordering on the explicit elimination graph, adjacency as bit sets: merging a
/// neighbour list is a word-wise OR, and degrees live in buckets. Returns the order and, per
/// eliminated node, its neighbours at elimination (the pattern of its column of L). Ties go to
/// the most recently updated node (deterministic).
fn minimum_degree_dense(n: usize, adj: &[Vec<usize>]) -> (Vec<usize>, Vec<Vec<usize>>) {
    let words = n.div_ceil(64);
    let mut bits = vec![0_u64; n * words];
    for (i, list) in adj.iter().enumerate() {
        for &j in list {
            bits[i * words + j / 64] |= 1 << (j % 64);
        }
    }
    let mut active = vec![u64::MAX; words];
    if !n.is_multiple_of(64) {
        active[words - 1] = (1_u64 << (n % 64)) - 1;
    }
    let mut degree: Vec<usize> = adj.iter().map(Vec::len).collect();
    // Degree buckets with lazy entries (stale ones are skipped when popped): O(1) per update.
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for v in (0..n).rev() {
        buckets[degree[v]].push(v);
    }
    let mut min_degree = 0;
    let mut eliminated = vec![false; n];
    let mut perm = Vec::with_capacity(n);
    let mut cliques: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut nbr_bits = vec![0_u64; words];
    while perm.len() < n {
        let Some(v) = buckets[min_degree].pop() else {
            min_degree += 1;
            continue;
        };
        if eliminated[v] || degree[v] != min_degree {
            continue;
        }
        let deg = min_degree;
        eliminated[v] = true;
        perm.push(v);
        active[v / 64] &= !(1 << (v % 64));
        let mut nbrs = Vec::with_capacity(deg);
        for w in 0..words {
            let word = bits[v * words + w] & active[w];
            nbr_bits[w] = word;
            let mut rest = word;
            while rest != 0 {
                let bit = rest.trailing_zeros() as usize;
                nbrs.push(w * 64 + bit);
                rest &= rest - 1;
            }
        }
        for &u in &nbrs {
            let row = &mut bits[u * words..(u + 1) * words];
            let mut count = 0;
            for ((r, &nb), &act) in row.iter_mut().zip(&nbr_bits).zip(&active) {
                *r = (*r | nb) & act;
                count += r.count_ones() as usize;
            }
            // u is its own neighbour through nbr_bits: remove it.
            if row[u / 64] & (1 << (u % 64)) != 0 {
                row[u / 64] &= !(1 << (u % 64));
                count -= 1;
            }
            degree[u] = count;
            buckets[count].push(u);
            min_degree = min_degree.min(count);
        }
        cliques[v] = nbrs;
    }
    (perm, cliques)
}

/// The same ordering with adjacency lists, for networks above [`DENSE_ORDERING_LIMIT`].
fn minimum_degree_lists(n: usize, mut adj: Vec<Vec<usize>>) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut eliminated = vec![false; n];
    let mut heap: BinaryHeap<Reverse<(usize, usize)>> =
        (0..n).map(|i| Reverse((adj[i].len(), i))).collect();
    let mut perm = Vec::with_capacity(n);
    let mut mark = vec![usize::MAX; n];
    let mut cliques: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut merged: Vec<usize> = Vec::new();
    while let Some(Reverse((deg, v))) = heap.pop() {
        if eliminated[v] || deg != adj[v].len() {
            continue;
        }
        eliminated[v] = true;
        let step = perm.len();
        perm.push(v);
        let nbrs: Vec<usize> = adj[v].iter().copied().filter(|&u| !eliminated[u]).collect();
        for &u in &nbrs {
            // adj[u] := adj[u] ∪ nbrs \ {u, v}, without eliminated nodes.
            mark[u] = step;
            merged.clear();
            for &w in &adj[u] {
                if !eliminated[w] && mark[w] != step {
                    mark[w] = step;
                    merged.push(w);
                }
            }
            for &w in &nbrs {
                if mark[w] != step {
                    mark[w] = step;
                    merged.push(w);
                }
            }
            for &w in &merged {
                mark[w] = usize::MAX;
            }
            mark[u] = usize::MAX;
            adj[u].clear();
            adj[u].extend_from_slice(&merged);
            heap.push(Reverse((adj[u].len(), u)));
        }
        cliques[v] = nbrs;
    }
    (perm, cliques)
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
    /// Per step k, the start into `update_target` (|S_k|² entries).
    update_start: Vec<usize>,
    /// Target position in `values` of the update `(a, b)` for `a, b` in S_k.
    update_target: Vec<usize>,
}

/// Numeric values laid out for a [`SymbolicLu`]: `n` diagonal entries, then for each step k its
/// U row entries then its L column entries.
#[derive(Debug, Clone)]
pub(crate) struct NumericLu {
    pub(crate) values: Vec<f64>,
    scratch: Vec<f64>,
    u_row: Vec<f64>,
    l_col: Vec<f64>,
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
        let (perm, cliques) = if n <= DENSE_ORDERING_LIMIT {
            minimum_degree_dense(n, &adj)
        } else {
            minimum_degree_lists(n, adj)
        };
        let mut inv = vec![0; n];
        for (k, &v) in perm.iter().enumerate() {
            inv[v] = k;
        }
        let mut struct_start = Vec::with_capacity(n + 1);
        let mut struct_idx = Vec::new();
        struct_start.push(0);
        for &v in &perm {
            let mut s: Vec<usize> = cliques[v].iter().map(|&u| inv[u]).collect();
            s.sort_unstable();
            struct_idx.extend_from_slice(&s);
            struct_start.push(struct_idx.len());
        }
        let mut sym = SymbolicLu {
            n,
            perm,
            inv,
            struct_start,
            struct_idx,
            update_start: Vec::new(),
            update_target: Vec::new(),
        };
        // Scatter map of the updates (a, b), a < b in S_k: the target U(a, b) sits at the index
        // of b in S_a (S_a holds every later member of S_k: elimination cliques); the mirrored
        // L(b, a) is |S_a| further on. Sorted lists allow a merge walk.
        let mut update_start = Vec::with_capacity(n + 1);
        let mut update_target = Vec::new();
        update_start.push(0);
        for k in 0..n {
            let s = sym.structure(k);
            for (ai, &a) in s.iter().enumerate() {
                let sa = sym.structure(a);
                let u_base = n + 2 * sym.struct_start[a];
                let mut t = 0;
                for &b in &s[ai + 1..] {
                    while t < sa.len() && sa[t] < b {
                        t += 1;
                    }
                    debug_assert!(
                        t < sa.len() && sa[t] == b,
                        "elimination clique outside the pattern"
                    );
                    update_target.push(u_base + t);
                }
            }
            update_start.push(update_target.len());
        }
        sym.update_start = update_start;
        sym.update_target = update_target;
        sym
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
            u_row: Vec::new(),
            l_col: Vec::new(),
        }
    }

    /// Factorises in place. Returns the step (original index) of the first pivot whose magnitude
    /// is not above `tiny` times the largest diagonal entry, if any.
    pub(crate) fn factor(&self, num: &mut NumericLu) -> Result<(), usize> {
        let n = self.n;
        let NumericLu {
            values,
            u_row,
            l_col,
            ..
        } = num;
        let scale = values[..n].iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        let tiny = scale * 1e-14;
        for k in 0..n {
            let piv = values[k];
            if piv.is_nan() || piv.abs() <= tiny {
                return Err(self.perm[k]);
            }
            let len = self.struct_start[k + 1] - self.struct_start[k];
            if len == 0 {
                continue;
            }
            let base = n + 2 * self.struct_start[k];
            // Row k of U and column k of L are final at this step; copy them out so that the
            // updates below index only their targets.
            u_row.clear();
            u_row.extend_from_slice(&values[base..base + len]);
            let l_slice = &mut values[base + len..base + 2 * len];
            for v in l_slice.iter_mut() {
                *v /= piv;
            }
            l_col.clear();
            l_col.extend_from_slice(l_slice);
            let mut targets = &self.update_target[self.update_start[k]..self.update_start[k + 1]];
            for (ai, &a) in self.structure(k).iter().enumerate() {
                let la = self.struct_start[a + 1] - self.struct_start[a];
                let (l_a, u_a) = (l_col[ai], u_row[ai]);
                values[a] -= l_a * u_a;
                let (mine, rest) = targets.split_at(len - ai - 1);
                targets = rest;
                for ((&pos, &u_b), &l_b) in mine.iter().zip(&u_row[ai + 1..]).zip(&l_col[ai + 1..])
                {
                    values[pos] -= l_a * u_b;
                    values[pos + la] -= l_b * u_a;
                }
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

    #[test]
    fn both_orderings_eliminate_every_node_once() {
        let side = 9;
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
        for list in &mut adj {
            list.sort_unstable();
        }
        let (dense, _) = minimum_degree_dense(n, &adj);
        let (lists, _) = minimum_degree_lists(n, adj);
        for perm in [dense, lists] {
            let mut seen = perm.clone();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
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
