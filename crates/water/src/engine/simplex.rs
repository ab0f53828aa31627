//! A bounded-variable simplex for the small linear programmes of the allocation engine.
//!
//! Computational form: `A x − s = 0` with a logical `s_i` per row and bounds `l ≤ (x, s) ≤ u`
//! on every variable (row ranges are the bounds of the logicals).
//!
//! The basis inverse has two forms, chosen by the number of rows when the programme is built:
//! - up to [`DENSE_MAX_ROWS`] rows, dense, updated by elementary row operations at each pivot,
//!   with a fresh inversion every [`REFACTOR_EVERY`] pivots: the fastest for the tens to a
//!   hundred rows of most models (no indirection; every row of `B⁻¹` at hand);
//! - above, sparse ([`super::basis::EtaFile`]): a triangularising factorization in product form
//!   and one eta per pivot, refactorized every [`SPARSE_REFACTOR_EVERY`] pivots or when the
//!   etas outgrow the factorization. Its FTRAN, BTRAN and update cost the nonzeros of the
//!   basis, about linear in the model size, where the dense form costs its square (and a
//!   cube for each inversion).
//!
//! Both forms follow the same pivoting rules; only their rounding differs.
//!
//! Each timestep only bounds and costs change, so the previous optimal basis is kept
//! (warm start): when it is still dual feasible the dual simplex repairs the primal
//! infeasibility that new bounds caused, usually in a few pivots; otherwise a composite
//! primal simplex (phase 1 on the sum of infeasibilities, then phase 2) runs from the same
//! basis.

// Simplex notation (x, d, l, u, m, n, p, q, r) and dense index loops read best as in the textbooks.
#![allow(clippy::many_single_char_names, clippy::needless_range_loop)]

use super::basis::{EtaFile, Singular};

/// Pivots between two fresh inversions of the dense basis inverse.
const REFACTOR_EVERY: usize = 64;
/// The most rows for which the basis inverse is kept dense. Measured on the Syr Darya-like
/// size sweep (docs/performance.md): the dense form is faster up to about a hundred rows.
pub(crate) const DENSE_MAX_ROWS: usize = 100;
/// Pivots between two factorizations of the sparse basis.
const SPARSE_REFACTOR_EVERY: usize = 100;
/// Primal feasibility tolerance (scaled by the bound's magnitude when above 1).
const PRIMAL_TOL: f64 = 1e-9;
/// Dual feasibility (optimality) tolerance.
const DUAL_TOL: f64 = 1e-9;
/// Smallest pivot element accepted.
const PIVOT_TOL: f64 = 1e-9;

/// Where a variable sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// In the basis, at the given row position.
    Basic(usize),
    /// Non-basic at its lower bound.
    Lower,
    /// Non-basic at its upper bound.
    Upper,
    /// Non-basic free variable held at zero.
    Free,
}

/// Why a solve stopped without an optimum.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SolveFailure {
    /// No point satisfies all bounds; the variables whose bounds form the contradiction.
    Infeasible(Vec<usize>),
    /// The objective can decrease without limit along the given variable.
    Unbounded(usize),
    /// The iteration limit was reached twice (from the warm basis and from a fresh one).
    IterationLimit,
}

/// A linear programme `min cᵀx` subject to `A x − s = 0`, `l ≤ (x, s) ≤ u`, and its solver state.
#[derive(Debug, Clone)]
pub(crate) struct Simplex {
    /// Number of structural variables.
    n: usize,
    /// Number of rows (and logical variables).
    m: usize,
    /// Sparse columns of `[A | −I]`, one per variable.
    cols: Vec<Vec<(usize, f64)>>,
    /// Lower bounds (may be −∞).
    pub(crate) lower: Vec<f64>,
    /// Upper bounds (may be +∞).
    pub(crate) upper: Vec<f64>,
    /// Costs (logicals cost nothing).
    pub(crate) cost: Vec<f64>,
    status: Vec<Status>,
    head: Vec<usize>,
    x: Vec<f64>,
    d: Vec<f64>,
    /// The dense basis inverse, row `i` for the basic variable at position `i` (dense form).
    binv: Vec<f64>,
    /// The sparse basis inverse (sparse form; `binv` is then empty).
    sparse: Option<EtaFile>,
    pivots: usize,
    /// A basic column's coefficients changed: the inverse must be rebuilt before solving.
    stale: bool,
    /// Total pivots over the solver's life (a performance statistic).
    pub(crate) total_pivots: u64,
    work_col: Vec<f64>,
    work_row: Vec<f64>,
    work_alpha: Vec<f64>,
    /// Sparse form: the structural part of `A` by rows, rebuilt when `rows_stale`.
    rows: Vec<Vec<(usize, f64)>>,
    rows_stale: bool,
    /// Sparse form: the variables whose `work_alpha` the last pivot row set.
    touched: Vec<usize>,
    /// Sparse form: marks of `touched` while it is built.
    in_row: Vec<bool>,
}

impl Simplex {
    /// A programme with `n` structural columns (sparse `(row, coefficient)` lists) over `m`
    /// rows. Bounds start free and costs at zero; set them before solving. The basis inverse
    /// is dense up to [`DENSE_MAX_ROWS`] rows, sparse above.
    pub(crate) fn new(m: usize, columns: Vec<Vec<(usize, f64)>>) -> Self {
        Self::with_form(m, columns, m > DENSE_MAX_ROWS)
    }

    /// As [`Simplex::new`] with the form of the basis inverse chosen by the caller.
    pub(crate) fn with_form(m: usize, columns: Vec<Vec<(usize, f64)>>, sparse: bool) -> Self {
        let n = columns.len();
        let mut cols = columns;
        for i in 0..m {
            cols.push(vec![(i, -1.0)]);
        }
        let total = n + m;
        let mut s = Simplex {
            n,
            m,
            cols,
            lower: vec![f64::NEG_INFINITY; total],
            upper: vec![f64::INFINITY; total],
            cost: vec![0.0; total],
            status: vec![Status::Free; total],
            head: Vec::new(),
            x: vec![0.0; total],
            d: vec![0.0; total],
            binv: Vec::new(),
            sparse: sparse.then(EtaFile::default),
            pivots: 0,
            stale: false,
            total_pivots: 0,
            work_col: vec![0.0; m],
            work_row: vec![0.0; m],
            work_alpha: vec![0.0; total],
            rows: if sparse {
                vec![Vec::new(); m]
            } else {
                Vec::new()
            },
            rows_stale: true,
            touched: Vec::new(),
            in_row: vec![false; if sparse { total } else { 0 }],
        };
        s.slack_basis();
        s
    }

    /// Sets the coefficient of structural column `col` in `row`.
    pub(crate) fn set_coefficient(&mut self, row: usize, col: usize, value: f64) {
        let entries = &mut self.cols[col];
        match entries.iter_mut().find(|(r, _)| *r == row) {
            Some((_, v)) if *v == value => return,
            Some((_, v)) => *v = value,
            None => entries.push((row, value)),
        }
        self.rows_stale = true;
        if matches!(self.status[col], Status::Basic(_)) {
            self.stale = true;
        }
    }

    /// Number of structural variables.
    pub(crate) fn structural(&self) -> usize {
        self.n
    }

    /// The value of variable `j` at the last solution.
    pub(crate) fn value(&self, j: usize) -> f64 {
        self.x[j]
    }

    /// Number of variables: structural columns and row logicals.
    pub(crate) fn variables(&self) -> usize {
        self.n + self.m
    }

    /// `cᵀx` at the last solution.
    pub(crate) fn objective(&self) -> f64 {
        (0..self.n).map(|j| self.cost[j] * self.x[j]).sum()
    }

    /// After a successful solve, the reduced cost of every variable (for a row's logical,
    /// the row's dual value): the change of the objective per unit change of the bound the
    /// variable sits on.
    pub(crate) fn reduced_costs(&mut self) -> &[f64] {
        self.compute_duals(None);
        &self.d
    }

    /// Whether variable `j` is non-basic at its upper (`Some(true)`) or lower (`Some(false)`)
    /// bound; `None` when basic or free.
    pub(crate) fn at_bound(&self, j: usize) -> Option<bool> {
        match self.status[j] {
            Status::Lower => Some(false),
            Status::Upper => Some(true),
            Status::Basic(_) | Status::Free => None,
        }
    }

    /// All logical variables basic: `B = −I`.
    fn slack_basis(&mut self) {
        let m = self.m;
        self.head = (self.n..self.n + m).collect();
        for j in 0..self.n {
            self.status[j] = Status::Lower;
        }
        for i in 0..m {
            self.status[self.n + i] = Status::Basic(i);
        }
        self.pivots = 0;
        if let Some(eta) = &mut self.sparse {
            let logicals: Vec<&[(usize, f64)]> =
                self.cols[self.n..].iter().map(Vec::as_slice).collect();
            // −I: every column a singleton on its own row, never singular.
            let positions = eta.factorize(m, &logicals);
            debug_assert_eq!(positions, Ok((0..m).collect()));
            return;
        }
        self.binv = vec![0.0; m * m];
        for i in 0..m {
            self.binv[i * m + i] = -1.0;
        }
        self.pivots = 0;
    }

    fn tol(bound: f64) -> f64 {
        PRIMAL_TOL * bound.abs().max(1.0)
    }

    /// Re-inverts the basis; on a singular basis falls back to the slack basis.
    fn refactor(&mut self) {
        let m = self.m;
        if let Some(eta) = &mut self.sparse {
            let columns: Vec<&[(usize, f64)]> =
                self.head.iter().map(|&j| self.cols[j].as_slice()).collect();
            match eta.factorize(m, &columns) {
                Ok(positions) => {
                    let old = std::mem::take(&mut self.head);
                    self.head = vec![usize::MAX; m];
                    for (j, p) in old.into_iter().zip(positions) {
                        self.head[p] = j;
                        self.status[j] = Status::Basic(p);
                    }
                    self.pivots = 0;
                }
                Err(Singular) => self.slack_basis(),
            }
            return;
        }
        let mut b = vec![0.0; m * m];
        for (k, &j) in self.head.iter().enumerate() {
            for &(r, v) in &self.cols[j] {
                b[r * m + k] = v;
            }
        }
        let mut inv = vec![0.0; m * m];
        for i in 0..m {
            inv[i * m + i] = 1.0;
        }
        for c in 0..m {
            let mut best = c;
            let mut best_abs = b[c * m + c].abs();
            for r in c + 1..m {
                let a = b[r * m + c].abs();
                if a > best_abs {
                    best = r;
                    best_abs = a;
                }
            }
            if best_abs < 1e-11 {
                self.slack_basis();
                return;
            }
            if best != c {
                for k in 0..m {
                    b.swap(c * m + k, best * m + k);
                    inv.swap(c * m + k, best * m + k);
                }
            }
            let p = 1.0 / b[c * m + c];
            for k in 0..m {
                b[c * m + k] *= p;
                inv[c * m + k] *= p;
            }
            for r in 0..m {
                if r != c {
                    let f = b[r * m + c];
                    if f != 0.0 {
                        for k in 0..m {
                            b[r * m + k] -= f * b[c * m + k];
                            inv[r * m + k] -= f * inv[c * m + k];
                        }
                    }
                }
            }
        }
        // B = [a_head[0] .. a_head[m-1]] was reduced to I, so `inv` is B⁻¹ with rows in basis order.
        self.binv = inv;
        self.pivots = 0;
    }

    /// Puts non-basic variables on their bounds (fixing statuses whose bound vanished).
    fn place_nonbasic(&mut self) {
        for j in 0..self.n + self.m {
            let (l, u) = (self.lower[j], self.upper[j]);
            let st = match self.status[j] {
                Status::Basic(_) => continue,
                Status::Upper if u.is_finite() => Status::Upper,
                _ if l.is_finite() => Status::Lower,
                _ if u.is_finite() => Status::Upper,
                _ => Status::Free,
            };
            self.status[j] = st;
            self.x[j] = match st {
                Status::Lower => l,
                Status::Upper => u,
                _ => 0.0,
            };
        }
    }

    /// x_B = B⁻¹(−N x_N).
    fn compute_basic(&mut self) {
        let m = self.m;
        let rhs = &mut self.work_row;
        rhs.fill(0.0);
        for j in 0..self.n + m {
            if matches!(self.status[j], Status::Basic(_)) {
                continue;
            }
            let xj = self.x[j];
            if xj != 0.0 {
                for &(r, v) in &self.cols[j] {
                    rhs[r] -= v * xj;
                }
            }
        }
        if let Some(eta) = &self.sparse {
            eta.ftran(rhs);
            for i in 0..m {
                self.x[self.head[i]] = rhs[i];
            }
            return;
        }
        for i in 0..m {
            let row = &self.binv[i * m..(i + 1) * m];
            let mut s = 0.0;
            for k in 0..m {
                s += row[k] * rhs[k];
            }
            self.x[self.head[i]] = s;
        }
    }

    /// y = c_Bᵀ B⁻¹ into `y` (row space) for the basic costs `cb` (position space).
    fn duals_into(&self, cb: impl Fn(usize) -> f64, y: &mut [f64]) {
        let m = self.m;
        if let Some(eta) = &self.sparse {
            for (i, v) in y.iter_mut().enumerate() {
                *v = cb(i);
            }
            eta.btran(y);
            return;
        }
        y.fill(0.0);
        for i in 0..m {
            let c = cb(i);
            if c != 0.0 {
                let row = &self.binv[i * m..(i + 1) * m];
                for k in 0..m {
                    y[k] += c * row[k];
                }
            }
        }
    }

    /// Reduced costs for the cost vector `c` (phase 2) or for phase-1 basic costs.
    fn compute_duals(&mut self, basic_costs: Option<&[f64]>) {
        let m = self.m;
        let mut y = std::mem::take(&mut self.work_col);
        match basic_costs {
            Some(c) => self.duals_into(|i| c[i], &mut y),
            None => self.duals_into(|i| self.cost[self.head[i]], &mut y),
        }
        for j in 0..self.n + m {
            if matches!(self.status[j], Status::Basic(_)) {
                self.d[j] = 0.0;
                continue;
            }
            let mut s = if basic_costs.is_some() {
                0.0
            } else {
                self.cost[j]
            };
            for &(r, v) in &self.cols[j] {
                s -= y[r] * v;
            }
            self.d[j] = s;
        }
        self.work_col = y;
    }

    /// B⁻¹ a_j into `work_alpha[..m]`.
    fn ftran(&mut self, j: usize) -> Vec<f64> {
        let m = self.m;
        let mut out = vec![0.0; m];
        if let Some(eta) = &self.sparse {
            for &(r, v) in &self.cols[j] {
                out[r] += v;
            }
            eta.ftran(&mut out);
            return out;
        }
        for &(r, v) in &self.cols[j] {
            for (i, o) in out.iter_mut().enumerate() {
                *o += self.binv[i * m + r] * v;
            }
        }
        out
    }

    /// Replaces the basic variable at position `r` by `q`, with `alpha = B⁻¹ a_q`.
    fn pivot(&mut self, r: usize, q: usize, alpha: &[f64]) {
        if let Some(eta) = &mut self.sparse {
            eta.update(r, alpha);
        } else {
            self.invert_pivot(r, alpha);
        }
        self.head[r] = q;
        self.status[q] = Status::Basic(r);
        // The caller sets the leaving variable's status and value.
        self.pivots += 1;
        self.total_pivots += 1;
    }

    /// The dense inverse's update for a pivot on position `r` with `alpha = B⁻¹ a_q`.
    fn invert_pivot(&mut self, r: usize, alpha: &[f64]) {
        let m = self.m;
        let p = 1.0 / alpha[r];
        for k in 0..m {
            self.binv[r * m + k] *= p;
        }
        let (before, rest) = self.binv.split_at_mut(r * m);
        let (prow, after) = rest.split_at_mut(m);
        for (i, a) in alpha.iter().enumerate() {
            if i == r || *a == 0.0 {
                continue;
            }
            let row = if i < r {
                &mut before[i * m..(i + 1) * m]
            } else {
                let o = (i - r - 1) * m;
                &mut after[o..o + m]
            };
            for k in 0..m {
                row[k] -= a * prow[k];
            }
        }
    }

    /// The sparse form's pivot row: `rho = e_rᵀ B⁻¹` into `work_row`, and `alpha_j = rho · a_j`
    /// into `work_alpha` for the columns with a nonzero in a row where rho is nonzero, listed
    /// in increasing order in `touched` (every other `alpha_j` is zero).
    fn price_row(&mut self, r: usize) {
        for &j in &self.touched {
            self.work_alpha[j] = 0.0;
        }
        self.touched.clear();
        if self.rows_stale {
            for row in &mut self.rows {
                row.clear();
            }
            for (j, col) in self.cols[..self.n].iter().enumerate() {
                for &(i, v) in col {
                    self.rows[i].push((j, v));
                }
            }
            self.rows_stale = false;
        }
        self.work_row.fill(0.0);
        self.work_row[r] = 1.0;
        if let Some(eta) = &self.sparse {
            eta.btran(&mut self.work_row);
        }
        for i in 0..self.m {
            let rho = self.work_row[i];
            if rho == 0.0 {
                continue;
            }
            for &(j, v) in &self.rows[i] {
                if !self.in_row[j] {
                    self.in_row[j] = true;
                    self.touched.push(j);
                }
                self.work_alpha[j] += rho * v;
            }
            let logical = self.n + i;
            self.in_row[logical] = true;
            self.touched.push(logical);
            self.work_alpha[logical] = -rho;
        }
        self.touched.sort_unstable();
        for &j in &self.touched {
            self.in_row[j] = false;
        }
    }

    /// Time for a fresh factorization of the basis.
    fn needs_refactor(&self) -> bool {
        match &self.sparse {
            Some(eta) => eta.updates() >= SPARSE_REFACTOR_EVERY || eta.too_long(self.m),
            None => self.pivots >= REFACTOR_EVERY,
        }
    }

    fn infeasibility(&self, j: usize) -> f64 {
        let v = self.x[j];
        if v < self.lower[j] - Self::tol(self.lower[j]) {
            self.lower[j] - v
        } else if v > self.upper[j] + Self::tol(self.upper[j]) {
            v - self.upper[j]
        } else {
            0.0
        }
    }

    /// Solves from the current basis. On success the variable values are available with
    /// [`Simplex::value`].
    pub(crate) fn solve(&mut self) -> Result<(), SolveFailure> {
        for j in 0..self.n + self.m {
            if self.lower[j] > self.upper[j] {
                return Err(SolveFailure::Infeasible(vec![j]));
            }
        }
        match self.solve_from_current() {
            Err(SolveFailure::IterationLimit) => {
                self.slack_basis();
                self.solve_from_current()
            }
            other => other,
        }
    }

    fn solve_from_current(&mut self) -> Result<(), SolveFailure> {
        let limit = 50 * (self.n + self.m) + 1000;
        if self.stale {
            self.refactor();
            self.stale = false;
        }
        self.place_nonbasic();
        self.compute_basic();
        self.compute_duals(None);
        // Flip boxed variables whose reduced cost has the wrong sign: restores dual feasibility.
        let mut flipped = false;
        let mut dual_feasible = true;
        for j in 0..self.n + self.m {
            let (l, u, dj) = (self.lower[j], self.upper[j], self.d[j]);
            match self.status[j] {
                Status::Lower if dj < -DUAL_TOL && l < u => {
                    if u.is_finite() {
                        self.status[j] = Status::Upper;
                        self.x[j] = u;
                        flipped = true;
                    } else {
                        dual_feasible = false;
                    }
                }
                Status::Upper if dj > DUAL_TOL && l < u => {
                    if l.is_finite() {
                        self.status[j] = Status::Lower;
                        self.x[j] = l;
                        flipped = true;
                    } else {
                        dual_feasible = false;
                    }
                }
                Status::Free if dj.abs() > DUAL_TOL => dual_feasible = false,
                _ => {}
            }
        }
        if flipped {
            self.compute_basic();
        }
        if dual_feasible {
            match self.dual(limit) {
                Err(SolveFailure::IterationLimit) => {}
                other => return other,
            }
        }
        self.primal(limit)
    }

    fn dual(&mut self, limit: usize) -> Result<(), SolveFailure> {
        let m = self.m;
        let total = self.n + m;
        for _ in 0..limit {
            // Leaving variable: the largest bound violation.
            let mut r = usize::MAX;
            let mut worst = 0.0;
            for i in 0..m {
                let inf = self.infeasibility(self.head[i]);
                if inf > worst {
                    worst = inf;
                    r = i;
                }
            }
            if r == usize::MAX {
                return Ok(());
            }
            let p = self.head[r];
            let below = self.x[p] < self.lower[p];
            // Pivot row: rho = e_rᵀ B⁻¹, alpha_j = rho · a_j. The sparse form computes it
            // row-wise over the nonzeros of rho, for the non-basic columns it touches only.
            let row_wise = self.sparse.is_some();
            if row_wise {
                self.price_row(r);
            } else {
                self.work_row
                    .copy_from_slice(&self.binv[r * m..(r + 1) * m]);
            }
            let mut q = usize::MAX;
            let mut best_ratio = f64::INFINITY;
            let mut best_abs = 0.0;
            let candidates = if row_wise { self.touched.len() } else { total };
            for t in 0..candidates {
                let j = if row_wise { self.touched[t] } else { t };
                if matches!(self.status[j], Status::Basic(_)) {
                    self.work_alpha[j] = 0.0;
                    continue;
                }
                let a = if row_wise {
                    self.work_alpha[j]
                } else {
                    let mut a = 0.0;
                    for &(row, v) in &self.cols[j] {
                        a += self.work_row[row] * v;
                    }
                    self.work_alpha[j] = a;
                    a
                };
                if a.abs() < PIVOT_TOL || self.lower[j] == self.upper[j] {
                    continue;
                }
                let eligible = match self.status[j] {
                    Status::Lower => (a < 0.0) == below,
                    Status::Upper => (a > 0.0) == below,
                    Status::Free => true,
                    Status::Basic(_) => false,
                };
                if !eligible {
                    continue;
                }
                let ratio = self.d[j].abs() / a.abs();
                let ratio = if matches!(self.status[j], Status::Free) {
                    0.0
                } else {
                    ratio
                };
                if ratio < best_ratio - 1e-12 || (ratio <= best_ratio + 1e-12 && a.abs() > best_abs)
                {
                    best_ratio = ratio.min(best_ratio);
                    best_abs = a.abs();
                    q = j;
                }
            }
            if q == usize::MAX {
                let mut involved = vec![p];
                for t in 0..candidates {
                    let j = if row_wise { self.touched[t] } else { t };
                    if !matches!(self.status[j], Status::Basic(_))
                        && self.work_alpha[j].abs() >= PIVOT_TOL
                    {
                        involved.push(j);
                    }
                }
                return Err(SolveFailure::Infeasible(involved));
            }
            let theta_d = self.d[q] / self.work_alpha[q];
            for t in 0..candidates {
                let j = if row_wise { self.touched[t] } else { t };
                if !matches!(self.status[j], Status::Basic(_)) {
                    self.d[j] -= theta_d * self.work_alpha[j];
                }
            }
            self.d[q] = 0.0;
            self.d[p] = -theta_d;
            let alpha = self.ftran(q);
            let bound = if below { self.lower[p] } else { self.upper[p] };
            let theta_p = (self.x[p] - bound) / alpha[r];
            for (i, a) in alpha.iter().enumerate() {
                self.x[self.head[i]] -= theta_p * a;
            }
            self.x[q] += theta_p;
            self.pivot(r, q, &alpha);
            self.status[p] = if below { Status::Lower } else { Status::Upper };
            self.x[p] = bound;
            if self.needs_refactor() {
                self.refactor();
                self.place_nonbasic();
                self.compute_basic();
                self.compute_duals(None);
            }
        }
        Err(SolveFailure::IterationLimit)
    }

    fn primal(&mut self, limit: usize) -> Result<(), SolveFailure> {
        let m = self.m;
        let total = self.n + m;
        let mut phase_costs = vec![0.0; m];
        for _ in 0..limit {
            // Phase 1 costs on infeasible basic variables, else phase 2.
            let mut infeasible = false;
            for i in 0..m {
                let j = self.head[i];
                phase_costs[i] = if self.x[j] < self.lower[j] - Self::tol(self.lower[j]) {
                    infeasible = true;
                    -1.0
                } else if self.x[j] > self.upper[j] + Self::tol(self.upper[j]) {
                    infeasible = true;
                    1.0
                } else {
                    0.0
                };
            }
            if infeasible {
                self.compute_duals(Some(&phase_costs));
            } else {
                self.compute_duals(None);
            }
            // Entering: the largest reduced-cost violation (Dantzig).
            let mut q = usize::MAX;
            let mut best = DUAL_TOL;
            for j in 0..total {
                if self.lower[j] == self.upper[j] {
                    continue;
                }
                let dj = self.d[j];
                let v = match self.status[j] {
                    Status::Lower => -dj,
                    Status::Upper => dj,
                    Status::Free => dj.abs(),
                    Status::Basic(_) => continue,
                };
                if v > best {
                    best = v;
                    q = j;
                }
            }
            if q == usize::MAX {
                if infeasible {
                    let mut involved: Vec<usize> = (0..m)
                        .filter(|&i| phase_costs[i] != 0.0)
                        .map(|i| self.head[i])
                        .collect();
                    for j in 0..total {
                        if !matches!(self.status[j], Status::Basic(_)) && self.d[j].abs() > DUAL_TOL
                        {
                            involved.push(j);
                        }
                    }
                    return Err(SolveFailure::Infeasible(involved));
                }
                return Ok(());
            }
            let dir = match self.status[q] {
                Status::Lower => 1.0,
                Status::Upper => -1.0,
                _ => {
                    if self.d[q] < 0.0 {
                        1.0
                    } else {
                        -1.0
                    }
                }
            };
            let alpha = self.ftran(q);
            let mut t_best = self.upper[q] - self.lower[q];
            let mut r = usize::MAX;
            let mut r_abs = 0.0;
            let mut r_to_upper = false;
            for (i, a) in alpha.iter().enumerate() {
                if a.abs() < PIVOT_TOL {
                    continue;
                }
                let j = self.head[i];
                let rate = -dir * a;
                let (v, l, u) = (self.x[j], self.lower[j], self.upper[j]);
                let (limit_value, to_upper) = if rate < 0.0 {
                    if v > u + Self::tol(u) {
                        (u, true)
                    } else if v < l - Self::tol(l) {
                        continue;
                    } else {
                        (l, false)
                    }
                } else if v < l - Self::tol(l) {
                    (l, false)
                } else if v > u + Self::tol(u) {
                    continue;
                } else {
                    (u, true)
                };
                if !limit_value.is_finite() {
                    continue;
                }
                let t = ((limit_value - v) / rate).max(0.0);
                if t < t_best - 1e-12 || (t <= t_best + 1e-12 && r != usize::MAX && a.abs() > r_abs)
                {
                    t_best = t.min(t_best);
                    r = i;
                    r_abs = a.abs();
                    r_to_upper = to_upper;
                }
            }
            if !t_best.is_finite() {
                return Err(SolveFailure::Unbounded(q));
            }
            for (i, a) in alpha.iter().enumerate() {
                self.x[self.head[i]] -= dir * t_best * a;
            }
            self.x[q] += dir * t_best;
            if r == usize::MAX {
                // Bound flip of the entering variable.
                self.status[q] = if dir > 0.0 {
                    Status::Upper
                } else {
                    Status::Lower
                };
                self.x[q] = if dir > 0.0 {
                    self.upper[q]
                } else {
                    self.lower[q]
                };
                continue;
            }
            let p = self.head[r];
            self.pivot(r, q, &alpha);
            self.status[p] = if r_to_upper {
                Status::Upper
            } else {
                Status::Lower
            };
            self.x[p] = if r_to_upper {
                self.upper[p]
            } else {
                self.lower[p]
            };
            if self.needs_refactor() {
                self.refactor();
                self.place_nonbasic();
                self.compute_basic();
            }
        }
        Err(SolveFailure::IterationLimit)
    }
}

impl Simplex {
    /// Checks the current solution from scratch: bounds, `A x − s = 0` and the signs of the
    /// reduced costs. Returns a description of the first violation.
    #[cfg(any(test, debug_assertions))]
    pub(crate) fn verify(&self) -> Result<(), String> {
        let m = self.m;
        let total = self.n + m;
        for j in 0..total {
            let v = self.x[j];
            let tol = 1e-7 * v.abs().max(1.0);
            if v < self.lower[j] - tol || v > self.upper[j] + tol {
                return Err(format!(
                    "variable {j} = {v} outside [{}, {}]",
                    self.lower[j], self.upper[j]
                ));
            }
        }
        // Residuals and reduced costs are judged against the size of the programme's numbers:
        // with a bound of 10^15 (the model limit) rounding alone leaves residuals near 0.01,
        // 10^-17 of that bound (issue #21).
        let finite_max = |vs: &mut dyn Iterator<Item = f64>| {
            vs.filter(|v| v.is_finite())
                .fold(0.0f64, |acc, v| acc.max(v.abs()))
        };
        let values = finite_max(
            &mut self.lower[..total]
                .iter()
                .chain(&self.upper[..total])
                .chain(&self.x[..total])
                .copied(),
        );
        let costs = finite_max(&mut self.cost[..total].iter().copied());
        let row_tol = 1e-6f64.max(1e-14 * values);
        let cost_tol = 1e-6f64.max(1e-14 * costs);
        let mut resid = vec![0.0; m];
        for j in 0..total {
            for &(r, a) in &self.cols[j] {
                resid[r] += a * self.x[j];
            }
        }
        for (r, v) in resid.iter().enumerate() {
            if v.abs() > row_tol {
                return Err(format!("row {r} residual {v}"));
            }
        }
        let mut y = vec![0.0; m];
        self.duals_into(|i| self.cost[self.head[i]], &mut y);
        for j in 0..total {
            let mut d = self.cost[j];
            for &(r, a) in &self.cols[j] {
                d -= y[r] * a;
            }
            let ok = match self.status[j] {
                Status::Basic(_) => d.abs() < cost_tol,
                _ if self.lower[j] == self.upper[j] => true,
                Status::Lower => d > -cost_tol,
                Status::Upper => d < cost_tol,
                Status::Free => d.abs() < cost_tol,
            };
            if !ok {
                return Err(format!(
                    "variable {j} status {:?} reduced cost {d}",
                    self.status[j]
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// min −x − 2y s.t. x + y ≤ 4, x ≤ 3, y ≤ 2: optimum x = 2, y = 2.
    #[test]
    fn small_lp() {
        let mut s = Simplex::new(1, vec![vec![(0, 1.0)], vec![(0, 1.0)]]);
        s.lower[..2].copy_from_slice(&[0.0, 0.0]);
        s.upper[..2].copy_from_slice(&[3.0, 2.0]);
        s.cost[..2].copy_from_slice(&[-1.0, -2.0]);
        s.lower[2] = f64::NEG_INFINITY;
        s.upper[2] = 4.0;
        s.solve().unwrap();
        assert!((s.value(0) - 2.0).abs() < 1e-12);
        assert!((s.value(1) - 2.0).abs() < 1e-12);
        // Warm start after a bound change: row limit 1 → x = 0, y = 1.
        s.upper[2] = 1.0;
        s.solve().unwrap();
        assert!((s.value(0) - 0.0).abs() < 1e-12);
        assert!((s.value(1) - 1.0).abs() < 1e-12);
        // Cost change: x now preferred.
        s.cost[0] = -3.0;
        s.solve().unwrap();
        assert!((s.value(0) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn infeasible_lp_names_variables() {
        // x + y = 5 with x, y ≤ 2.
        let mut s = Simplex::new(1, vec![vec![(0, 1.0)], vec![(0, 1.0)]]);
        s.lower[..3].copy_from_slice(&[0.0, 0.0, 5.0]);
        s.upper[..3].copy_from_slice(&[2.0, 2.0, 5.0]);
        match s.solve() {
            Err(SolveFailure::Infeasible(vars)) => assert!(vars.contains(&2) || vars.contains(&0)),
            other => panic!("expected infeasible, got {other:?}"),
        }
    }

    /// A random programme: `m` rows over `n` columns in `[0, u_j]`, row ranges around
    /// `A x0` for a point `x0` of the box (so it is feasible), costs of both signs.
    fn random_lp(
        m: usize,
        entries: &[(usize, usize, f64)],
        point: &[f64],
        costs: &[f64],
        slack: &[f64],
        sparse: bool,
    ) -> Simplex {
        let n = point.len();
        let mut cols = vec![Vec::new(); n];
        for &(r, c, v) in entries {
            let (r, c) = (r % m, c % n);
            if !cols[c].iter().any(|&(rr, _)| rr == r) {
                cols[c].push((r, v));
            }
        }
        let mut activity = vec![0.0; m];
        for (c, col) in cols.iter().enumerate() {
            for &(r, v) in col {
                activity[r] += v * point[c];
            }
        }
        let mut s = Simplex::with_form(m, cols, sparse);
        for c in 0..n {
            s.lower[c] = 0.0;
            s.upper[c] = 10.0;
            s.cost[c] = costs[c % costs.len()];
        }
        for r in 0..m {
            let w = slack[r % slack.len()];
            s.lower[n + r] = activity[r] - w;
            s.upper[n + r] = if r % 3 == 0 {
                activity[r]
            } else {
                activity[r] + w
            };
        }
        s
    }

    fn objective(s: &Simplex) -> f64 {
        (0..s.n).map(|j| s.cost[j] * s.value(j)).sum()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// The sparse basis inverse reaches the same optimum as the dense one, from cold and
        /// warm starts (a second solve after the bounds move).
        #[test]
        fn sparse_and_dense_agree_on_random_feasible_lps(
            m in 1usize..12,
            entries in proptest::collection::vec((0usize..12, 0usize..16, -3.0f64..3.0), 1..60),
            point in proptest::collection::vec(0.0f64..10.0, 1..16),
            costs in proptest::collection::vec(-5.0f64..5.0, 1..16),
            slack in proptest::collection::vec(0.0f64..2.0, 1..12),
            shift in 0.0f64..1.0,
        ) {
            let mut dense = random_lp(m, &entries, &point, &costs, &slack, false);
            let mut sparse = random_lp(m, &entries, &point, &costs, &slack, true);
            for round in 0..2 {
                if round == 1 {
                    // Tighten every row range towards its point: still feasible.
                    for s in [&mut dense, &mut sparse] {
                        for j in s.n..s.n + m {
                            let (l, u) = (s.lower[j], s.upper[j]);
                            s.lower[j] = l + shift * (u - l) / 2.0;
                            s.upper[j] = u - shift * (u - l) / 2.0;
                        }
                    }
                }
                let (a, b) = (dense.solve(), sparse.solve());
                proptest::prop_assert_eq!(a.is_ok(), b.is_ok(), "{:?} {:?}", a, b);
                if a.is_ok() {
                    proptest::prop_assert!(sparse.verify().is_ok(), "{:?}", sparse.verify());
                    let (oa, ob) = (objective(&dense), objective(&sparse));
                    proptest::prop_assert!((oa - ob).abs() <= 1e-7 * oa.abs().max(1.0), "{} {}", oa, ob);
                }
            }
        }

        /// Extreme bounds, costs and coefficients (±1e308, 0, negatives) end in a solution or a
        /// failure, never a panic or an endless loop.
        #[test]
        fn extreme_values_never_panic(
            sparse in proptest::bool::ANY,
            values in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just(1e308), proptest::prelude::Just(-1e308),
                    proptest::prelude::Just(0.0), proptest::prelude::Just(-1.0),
                    proptest::prelude::Just(f64::INFINITY), -1e6f64..1e6,
                ],
                12..40,
            ),
        ) {
            let m = 3;
            let cols = vec![
                vec![(0, values[0]), (1, 1.0)],
                vec![(1, values[1]), (2, -1.0)],
                vec![(0, 1.0), (2, values[2])],
                vec![(2, 1.0)],
            ];
            let mut s = Simplex::with_form(m, cols, sparse);
            for j in 0..4 + m {
                let (a, b) = (values[3 + j], values[(4 + 2 * j) % values.len()]);
                s.lower[j] = a.min(b);
                s.upper[j] = a.max(b);
                if j < 4 {
                    s.cost[j] = values[(5 + 3 * j) % values.len()];
                }
            }
            let _ = s.solve();
        }
    }

    #[test]
    fn the_small_examples_also_solve_with_the_sparse_inverse() {
        let mut s = Simplex::with_form(1, vec![vec![(0, 1.0)], vec![(0, 1.0)]], true);
        s.lower[..2].copy_from_slice(&[0.0, 0.0]);
        s.upper[..2].copy_from_slice(&[3.0, 2.0]);
        s.cost[..2].copy_from_slice(&[-1.0, -2.0]);
        s.upper[2] = 4.0;
        s.solve().unwrap();
        assert_eq!((s.value(0), s.value(1)), (2.0, 2.0));
        s.upper[2] = 1.0;
        s.solve().unwrap();
        assert_eq!((s.value(0), s.value(1)), (0.0, 1.0));
    }

    #[test]
    fn equality_with_free_column() {
        // min x subject to x − y = 0 (row fixed at 0), y ∈ [3, 7]: x = 3.
        let mut s = Simplex::new(1, vec![vec![(0, 1.0)], vec![(0, -1.0)]]);
        s.cost[0] = 1.0;
        s.lower[1] = 3.0;
        s.upper[1] = 7.0;
        s.lower[2] = 0.0;
        s.upper[2] = 0.0;
        s.solve().unwrap();
        assert!((s.value(0) - 3.0).abs() < 1e-12);
    }
}
