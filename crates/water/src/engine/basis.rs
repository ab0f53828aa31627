//! A sparse basis inverse for the large linear programmes: the product form of the inverse
//! (an eta file) from a triangularising factorization, with one eta per simplex pivot between
//! two factorizations.
//!
//! The factorization orders the basis columns by singletons, as the networks' bases are nearly
//! triangular (each column is one route segment with one to three nonzeros): row singletons
//! first (in the order found), then what is left (the "bump", eliminated with partial pivoting),
//! then the column singletons in reverse order. In that order each singleton column has zeros
//! in every row pivoted before it, so its eta is the basis column itself, without fill; only
//! the bump fills, and in the allocation engine's models it is empty or a few rows (a loss
//! link or an aggregated-node ratio closing a cycle). FTRAN and BTRAN then cost the number of
//! nonzeros of the eta file, linear in the model size, against the square of it for the dense
//! inverse of [`super::simplex`]'s small-programme path.
//!
//! Positions: after a factorization the basic variable pivoted in row `p` sits at position
//! `p`, so FTRAN maps a row-space vector to position space and BTRAN the other way.

/// Smallest pivot accepted in the bump (as the dense inversion's singularity threshold).
const SINGULAR: f64 = 1e-11;

/// The basis matrix is singular (numerically or structurally).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Singular;

/// `B⁻¹ = E_T ⋯ E_1` as a list of eta matrices, each the identity but for one column.
#[derive(Debug, Clone, Default)]
pub(crate) struct EtaFile {
    /// Pivot row of each eta.
    pivot_row: Vec<usize>,
    /// Pivot value of each eta.
    pivot_value: Vec<f64>,
    /// Start of each eta's off-pivot entries in `index`/`value` (one more than etas).
    start: Vec<usize>,
    index: Vec<usize>,
    value: Vec<f64>,
    /// Nonzeros after the last factorization (the updates since come on top).
    factor_nonzeros: usize,
    /// Etas appended by updates since the last factorization.
    updates: usize,
}

impl EtaFile {
    fn clear(&mut self) {
        self.pivot_row.clear();
        self.pivot_value.clear();
        self.start.clear();
        self.start.push(0);
        self.index.clear();
        self.value.clear();
        self.updates = 0;
    }

    /// Appends the eta of a column whose transformed values are `entries` (row, value),
    /// pivoting on row `p` with value `piv`.
    fn push(&mut self, p: usize, piv: f64, entries: impl Iterator<Item = (usize, f64)>) {
        self.pivot_row.push(p);
        self.pivot_value.push(piv);
        for (i, v) in entries {
            if i != p && v != 0.0 {
                self.index.push(i);
                self.value.push(v);
            }
        }
        self.start.push(self.index.len());
    }

    /// Number of etas appended by updates since the last factorization.
    pub(crate) fn updates(&self) -> usize {
        self.updates
    }

    /// The eta file has grown enough (twice the factorization's nonzeros plus the size) that
    /// a fresh factorization is cheaper than carrying on.
    pub(crate) fn too_long(&self, m: usize) -> bool {
        self.index.len() > 2 * self.factor_nonzeros + 4 * m
    }

    /// `v ← B⁻¹ v` (row space in, position space out).
    pub(crate) fn ftran(&self, v: &mut [f64]) {
        for k in 0..self.pivot_row.len() {
            let p = self.pivot_row[k];
            let vp = v[p];
            if vp == 0.0 {
                continue;
            }
            let vp = vp / self.pivot_value[k];
            v[p] = vp;
            for e in self.start[k]..self.start[k + 1] {
                v[self.index[e]] -= self.value[e] * vp;
            }
        }
    }

    /// `yᵀ ← yᵀ B⁻¹` (position space in, row space out).
    pub(crate) fn btran(&self, y: &mut [f64]) {
        for k in (0..self.pivot_row.len()).rev() {
            let p = self.pivot_row[k];
            let mut s = y[p];
            for e in self.start[k]..self.start[k + 1] {
                s -= self.value[e] * y[self.index[e]];
            }
            y[p] = s / self.pivot_value[k];
        }
    }

    /// A simplex pivot: position `r` now holds the column with `alpha = B⁻¹ a_q` (position
    /// space, dense).
    pub(crate) fn update(&mut self, r: usize, alpha: &[f64]) {
        self.push(r, alpha[r], alpha.iter().enumerate().map(|(i, &v)| (i, v)));
        self.updates += 1;
    }

    /// Factorizes the basis of columns `basis` (sparse `(row, value)` lists over `m` rows).
    /// Returns, for each basis column in the given order, the row it was pivoted on: the
    /// column's new position.
    pub(crate) fn factorize(
        &mut self,
        m: usize,
        basis: &[&[(usize, f64)]],
    ) -> Result<Vec<usize>, Singular> {
        self.clear();
        let k = basis.len();
        // Row-wise structure: the basis columns with a nonzero in each row.
        let mut row_start = vec![0usize; m + 1];
        for col in basis {
            for &(r, v) in *col {
                if v != 0.0 {
                    row_start[r + 1] += 1;
                }
            }
        }
        for i in 0..m {
            row_start[i + 1] += row_start[i];
        }
        let mut fill = row_start.clone();
        let mut row_cols = vec![0usize; row_start[m]];
        let mut col_count = vec![0usize; k];
        for (c, col) in basis.iter().enumerate() {
            for &(r, v) in *col {
                if v != 0.0 {
                    row_cols[fill[r]] = c;
                    fill[r] += 1;
                    col_count[c] += 1;
                }
            }
        }
        let mut row_count: Vec<usize> = (0..m).map(|i| row_start[i + 1] - row_start[i]).collect();
        let mut row_active = vec![true; m];
        let mut col_active = vec![true; k];
        let mut position = vec![usize::MAX; k];
        let mut row_singles: Vec<usize> = (0..m).filter(|&i| row_count[i] == 1).collect();
        let mut col_singles: Vec<usize> = (0..k).filter(|&c| col_count[c] == 1).collect();
        let mut lower: Vec<(usize, usize)> = Vec::new();
        let mut upper: Vec<(usize, usize)> = Vec::new();
        loop {
            if let Some(i) = row_singles.pop() {
                if !row_active[i] || row_count[i] != 1 {
                    continue;
                }
                let c = row_cols[row_start[i]..row_start[i + 1]]
                    .iter()
                    .copied()
                    .find(|&c| col_active[c])
                    .ok_or(Singular)?;
                row_active[i] = false;
                col_active[c] = false;
                for &(r, v) in basis[c] {
                    if v != 0.0 && row_active[r] {
                        row_count[r] -= 1;
                        if row_count[r] == 1 {
                            row_singles.push(r);
                        }
                    }
                }
                lower.push((i, c));
                continue;
            }
            if let Some(c) = col_singles.pop() {
                if !col_active[c] || col_count[c] != 1 {
                    continue;
                }
                let i = basis[c]
                    .iter()
                    .find(|&&(r, v)| v != 0.0 && row_active[r])
                    .map(|&(r, _)| r)
                    .ok_or(Singular)?;
                row_active[i] = false;
                col_active[c] = false;
                for &c2 in &row_cols[row_start[i]..row_start[i + 1]] {
                    if col_active[c2] {
                        col_count[c2] -= 1;
                        match col_count[c2] {
                            0 => return Err(Singular),
                            1 => col_singles.push(c2),
                            _ => {}
                        }
                    }
                }
                upper.push((i, c));
                continue;
            }
            break;
        }
        let column = |c: usize| basis[c].iter().copied().filter(|&(_, v)| v != 0.0);
        let pivot_of = |i: usize, c: usize| {
            column(c)
                .find(|&(r, _)| r == i)
                .map(|(_, v)| v)
                .filter(|v| v.abs() >= SINGULAR)
                .ok_or(Singular)
        };
        for &(i, c) in &lower {
            let piv = pivot_of(i, c)?;
            self.push(i, piv, column(c));
            position[c] = i;
        }
        // The bump: the remaining columns, each transformed by the etas so far and pivoted
        // on its largest entry in a remaining row.
        let mut work = vec![0.0; m];
        for c in 0..k {
            if !col_active[c] {
                continue;
            }
            for (r, v) in column(c) {
                work[r] += v;
            }
            self.ftran(&mut work);
            let mut best = usize::MAX;
            let mut best_abs = SINGULAR;
            for (r, &v) in work.iter().enumerate() {
                if row_active[r] && v.abs() >= best_abs {
                    best = r;
                    best_abs = v.abs();
                }
            }
            if best == usize::MAX {
                return Err(Singular);
            }
            self.push(best, work[best], work.iter().copied().enumerate());
            work.fill(0.0);
            row_active[best] = false;
            position[c] = best;
        }
        for &(i, c) in upper.iter().rev() {
            let piv = pivot_of(i, c)?;
            self.push(i, piv, column(c));
            position[c] = i;
        }
        self.factor_nonzeros = self.index.len() + self.pivot_row.len();
        Ok(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dense(m: usize, cols: &[Vec<(usize, f64)>]) -> Vec<Vec<f64>> {
        let mut b = vec![vec![0.0; m]; m];
        for (c, col) in cols.iter().enumerate() {
            for &(r, v) in col {
                b[r][c] = v;
            }
        }
        b
    }

    /// FTRAN of each basis column gives the unit vector of its position; BTRAN agrees.
    #[test]
    fn factorization_inverts_a_network_basis_with_a_bump() {
        // Rows 0..4; a triangular part and a 2×2 cycle (columns 3, 4 on rows 3, 4).
        let cols = vec![
            vec![(0, 1.0), (1, -1.0)],
            vec![(1, 1.0), (2, -1.0)],
            vec![(2, -1.0)],
            vec![(3, 1.0), (4, 2.0), (0, 1.0)],
            vec![(3, 1.0), (4, -1.0)],
        ];
        let refs: Vec<&[(usize, f64)]> = cols.iter().map(Vec::as_slice).collect();
        let mut eta = EtaFile::default();
        let pos = eta.factorize(5, &refs).unwrap();
        let mut seen = pos.clone();
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2, 3, 4]);
        let b = dense(5, &cols);
        for (c, &p) in pos.iter().enumerate() {
            let mut v: Vec<f64> = (0..5).map(|r| b[r][c]).collect();
            eta.ftran(&mut v);
            for (i, x) in v.iter().enumerate() {
                let want = if i == p { 1.0 } else { 0.0 };
                assert!((x - want).abs() < 1e-12, "column {c}: {v:?}");
            }
        }
        // yᵀ = e_pᵀ B⁻¹ satisfies yᵀ a_c = [position of c == p].
        for p in 0..5 {
            let mut y = vec![0.0; 5];
            y[p] = 1.0;
            eta.btran(&mut y);
            for (c, &q) in pos.iter().enumerate() {
                let dot: f64 = (0..5).map(|r| y[r] * b[r][c]).sum();
                let want = if q == p { 1.0 } else { 0.0 };
                assert!((dot - want).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn singular_bases_are_reported() {
        let cols = [vec![(0, 1.0), (1, 1.0)], vec![(0, 2.0), (1, 2.0)]];
        let refs: Vec<&[(usize, f64)]> = cols.iter().map(Vec::as_slice).collect();
        assert_eq!(EtaFile::default().factorize(2, &refs), Err(Singular));
        let empty = [vec![(0, 1.0)], vec![]];
        let refs: Vec<&[(usize, f64)]> = empty.iter().map(Vec::as_slice).collect();
        assert_eq!(EtaFile::default().factorize(2, &refs), Err(Singular));
    }
}
