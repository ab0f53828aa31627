//! Sparse LU factorisation without pivoting for the reduced Newton system: up-looking by rows
//! for small systems, left-looking by supernodes for large ones.
//!
//! The reduced system (nodal pressures after eliminating the branch mass flows) has the sparsity
//! pattern of the network graph and is column diagonally dominant (each branch adds `+w` on a
//! diagonal and `−w` below or above it in the same column), so Gaussian elimination needs no
//! pivoting. Its values are not symmetric (a gas pipe's derivatives in its two end pressures
//! differ by the pressure dependence of its density and by its height), so it is an LU on a
//! symmetric pattern: L and U share the pattern of a Cholesky factor and are computed together.
//!
//! The work is split into a symbolic phase, run once per network topology (and reused by every
//! Newton iteration and every step of a time series), and a numeric phase run at every Newton
//! iteration. The symbolic phase orders the nodes by approximate minimum degree on the quotient
//! graph and finds the pattern of the factors from the elimination tree. Small systems (see
//! [`SUPERNODAL_WORK`]) are then factorised up-looking by rows, gathering each row's updates in
//! a dense work row. For large ones the symbolic phase also postorders the elimination tree,
//! finds the supernodes (chains of columns with nested patterns), merges small ones into their
//! parents where few explicit zeros result (relaxed amalgamation), and lays out one dense L
//! panel and one dense U panel per supernode; the numeric phase is then left-looking by
//! supernodes: each takes the updates of earlier supernodes as dense matrix products and
//! factorises its diagonal block with dense column operations, so that most of the work runs in
//! a register-blocked kernel instead of scattered single updates. Each supernode takes its
//! updates in a fixed order (by ascending source), so whole subtrees of the elimination tree,
//! which update nothing outside themselves but their ancestors, are factorised on two threads
//! (when the machine has two) before the top separators, with the same factors bit for bit as
//! on one thread.
//!
//! The numeric phase is compiled twice, and `pulp` picks at run time the version for the
//! processor: with AVX2 (four doubles per instruction) where it has it, with SSE2 (two) where
//! not. Both do the same multiplications and additions in the same order (Rust never fuses a
//! multiplication and an addition into one rounding), so the factors are the same bit for bit
//! on every x86-64 processor.

// Matrix code: rows, columns, steps and widths go by their usual one-letter names.
#![allow(clippy::many_single_char_names)]
// pulp compiles code for AVX2 only where it is inlined into its dispatch: the kernels below are
// `#[inline(always)]` on purpose.
#![allow(clippy::inline_always)]

use std::sync::{Condvar, Mutex, PoisonError};

/// The subtrees of a parallel supernodal factorisation: the next to take, how many are done,
/// the panels of those not taken, and the first failing step.
struct Pool<'a> {
    next: usize,
    done: usize,
    panels: Vec<Option<&'a mut [f64]>>,
    result: Result<(), usize>,
    /// A thread panicked: the others stop waiting (the scope then passes the panic on).
    panicked: bool,
}

/// Wakes the threads waiting on a [`Pool`] when the thread holding it panics.
struct WakeOnPanic<'p, 'a>(&'p Mutex<Pool<'a>>, &'p Condvar);

impl Drop for WakeOnPanic<'_, '_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .panicked = true;
            self.1.notify_all();
        }
    }
}

/// A symmetric pattern as adjacency lists, all in one array: the neighbours of `v`, ascending
/// and without repeats, are `idx[start[v]..start[v + 1]]`.
struct Graph {
    start: Vec<usize>,
    idx: Vec<usize>,
}

impl Graph {
    /// The graph on `n` nodes with `edges` (pairs below `n`; loops and repeats are dropped).
    fn new(n: usize, edges: &[(usize, usize)]) -> Self {
        let mut count = vec![0_usize; n];
        for &(a, b) in edges {
            if a != b {
                count[a] += 1;
                count[b] += 1;
            }
        }
        let mut fill = Vec::with_capacity(n + 1);
        fill.push(0);
        for v in 0..n {
            fill.push(fill[v] + count[v]);
        }
        let mut idx = vec![0; fill[n]];
        let mut next = fill.clone();
        for &(a, b) in edges {
            if a != b {
                idx[next[a]] = b;
                next[a] += 1;
                idx[next[b]] = a;
                next[b] += 1;
            }
        }
        // Sort and drop repeats row by row, moving the rows down over the dropped entries.
        let mut start = Vec::with_capacity(n + 1);
        start.push(0);
        let mut to = 0;
        for v in 0..n {
            let row = &mut idx[fill[v]..fill[v + 1]];
            row.sort_unstable();
            let mut last = NONE;
            for t in fill[v]..fill[v + 1] {
                let u = idx[t];
                if u != last {
                    idx[to] = u;
                    to += 1;
                    last = u;
                }
            }
            start.push(to);
        }
        idx.truncate(to);
        Graph { start, idx }
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn neighbours(&self, v: usize) -> &[usize] {
        &self.idx[self.start[v]..self.start[v + 1]]
    }
}

/// Approximate minimum-degree order of `graph` (`order[k]` is the node eliminated at step `k`):
/// SuiteSparse's AMD by Amestoy, Davis and Duff, in the `amd` crate's Rust translation, with its
/// default controls (aggressive absorption; rows of more than 10·√n entries ordered last).
///
/// AMD works on the quotient graph (an eliminated node becomes an element standing for the
/// clique of its neighbours), bounds each degree by its approximate external degree, and merges
/// indistinguishable nodes into supervariables that are eliminated together (mass
/// elimination). It replaced a minimum degree of our own with AMD's approximate degree and
/// element absorption but without supervariables. On the meshes of the scale sweep
/// (`bench/gas/scale_sweep.py`) AMD orders 8,098 and 10,098 nodes in about 1.6 and 2.2 ms
/// instead of 4.7 and 6.1 ms, and its factors take fewer row updates (Σ |S_k|² 7.2 instead of
/// 9.8 million, and 12.9 instead of 14.6 million); on the 2,023-node mesh it takes 3 % more
/// (0.71 against 0.69 million).
fn minimum_degree(graph: &Graph) -> Vec<usize> {
    let n = graph.len();
    if n == 0 {
        return Vec::new();
    }
    // The graph's rows are ascending without repeats or loops, which AMD takes as they are;
    // should it refuse them, the natural order is still a valid (if fuller) one.
    match amd::order(n, &graph.start, &graph.idx, &amd::Control::default()) {
        Ok((order, _, _)) => order,
        Err(_) => (0..n).collect(),
    }
}

/// No index: a root of the elimination tree, the end of a linked list.
const NONE: usize = usize::MAX;

/// Postorder of a forest given by `parent` (children in ascending order): `post[k]` is the node
/// placed at position `k`. Every subtree then occupies consecutive positions, which is what makes
/// a chain of columns with nested patterns a block of consecutive columns (a supernode).
fn postorder(parent: &[usize]) -> Vec<usize> {
    let n = parent.len();
    let mut head = vec![NONE; n];
    let mut next = vec![NONE; n];
    // Pushed in descending order so that each child list ascends.
    for j in (0..n).rev() {
        if parent[j] != NONE {
            next[j] = head[parent[j]];
            head[parent[j]] = j;
        }
    }
    let mut post = Vec::with_capacity(n);
    let mut stack = Vec::new();
    for root in (0..n).filter(|&j| parent[j] == NONE) {
        stack.push(root);
        while let Some(&top) = stack.last() {
            let child = head[top];
            if child == NONE {
                stack.pop();
                post.push(top);
            } else {
                head[top] = next[child];
                stack.push(child);
            }
        }
    }
    post
}

/// Entries of the lower trapezoid of a supernode panel with `w` columns and `below` rows under
/// its diagonal block.
fn panel_entries(w: usize, below: usize) -> usize {
    w * (w + 1) / 2 + w * below
}

/// Whether a supernode of `w` columns with `zeros` explicit zeros among `total` lower entries
/// is worth forming: up to 4 columns always, up to 16 with under 30 % zeros, any width with
/// under 5 % (CHOLMOD's rule with tighter bounds: on a 90 × 90 mesh its defaults, 80 % up to 16
/// columns and 10 % up to 48, add about 30 % to the flops and factorise 7 % slower).
fn relaxed(w: usize, zeros: usize, total: usize) -> bool {
    let frac = zeros as f64 / total.max(1) as f64;
    w <= 4 || (w <= 16 && frac < 0.3) || frac < 0.05
}

/// Columns of the diagonal block factorised together by [`dense_lu`] before the rest of the
/// panel is updated by one product.
const BLOCK: usize = 16;

/// `C −= A·Bᵀ` for `C` of `rows × cols` (column-major, leading dimension `ldc`), `A` of
/// `rows × depth` and `B` of `cols × depth` (column-major, leading dimensions `lda`, `ldb`): the
/// dense kernel of the factorisation. Blocks of 4 × 4 are accumulated in registers over the
/// whole depth, so each entry of `A` and `B` is loaded once per block and `C` once per block.
/// The strips of 4 rows of `A` and of 4 columns of `B` are first copied depth by depth into
/// [`Strips`], so that the inner loop walks two arrays of `[f64; 4]` in step, which compiled
/// for AVX2 ([`Blocks`]) becomes one vector load, four broadcasts, four multiplications and
/// four additions per depth. The remaining rows and columns (below a multiple of 4) are done
/// entry by entry.
fn sub_product(
    c: &mut [f64],
    ldc: usize,
    a: &[f64],
    lda: usize,
    b: &[f64],
    ldb: usize,
    (rows, cols, depth): (usize, usize, usize),
) {
    if rows == 0 || cols == 0 || depth == 0 {
        return;
    }
    let (rows4, cols4) = (rows - rows % 4, cols - cols % 4);
    STRIPS.with_borrow_mut(|strips| {
        let Strips { a: pa, b: pb } = strips;
        pack(pa, a, lda, rows4, depth);
        pack(pb, b, ldb, cols4, depth);
        pulp::Arch::new().dispatch(Blocks {
            c,
            ldc,
            pa,
            pb,
            depth,
        });
        for j in (0..cols4).step_by(4) {
            for i in rows4..rows {
                for jj in j..j + 4 {
                    let mut acc = 0.0;
                    for t in 0..depth {
                        acc += a[t * lda + i] * b[t * ldb + jj];
                    }
                    c[jj * ldc + i] -= acc;
                }
            }
        }
    });
    for j in cols4..cols {
        let dst = &mut c[j * ldc..j * ldc + rows];
        for t in 0..depth {
            let bj = b[t * ldb + j];
            for (x, &ai) in dst.iter_mut().zip(&a[t * lda..t * lda + rows]) {
                *x -= ai * bj;
            }
        }
    }
}

/// The 4 × 4 blocks of [`sub_product`] from its strips, compiled for the widest vector
/// instructions the processor has (AVX2 where present: pulp selects them at run time).
struct Blocks<'a> {
    c: &'a mut [f64],
    ldc: usize,
    pa: &'a [[f64; 4]],
    pb: &'a [[f64; 4]],
    depth: usize,
}

impl pulp::WithSimd for Blocks<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        strip_products(self.c, self.ldc, self.pa, self.pb, self.depth);
    }
}

/// The 4 × 4 blocks of [`sub_product`] from its strips.
#[inline(always)]
fn strip_products(c: &mut [f64], ldc: usize, pa: &[[f64; 4]], pb: &[[f64; 4]], depth: usize) {
    for (js, b_strip) in pb.chunks_exact(depth).enumerate() {
        let j = 4 * js;
        for (is, a_strip) in pa.chunks_exact(depth).enumerate() {
            let i = 4 * is;
            let mut acc = [[0.0_f64; 4]; 4];
            for (av, bv) in a_strip.iter().zip(b_strip) {
                for (col, &bj) in acc.iter_mut().zip(bv) {
                    for (x, &ai) in col.iter_mut().zip(av) {
                        *x += ai * bj;
                    }
                }
            }
            for (jj, col) in acc.iter().enumerate() {
                let dst = &mut c[(j + jj) * ldc + i..(j + jj) * ldc + i + 4];
                for (x, &v) in dst.iter_mut().zip(col) {
                    *x -= v;
                }
            }
        }
    }
}

/// The strips of [`sub_product`]: strip `s` of `A` is `a[s * depth..(s + 1) * depth]`, its
/// rows `4s..4s + 4` at each depth (likewise `B`'s columns). One per thread, kept between
/// calls.
#[derive(Default)]
struct Strips {
    a: Vec<[f64; 4]>,
    b: Vec<[f64; 4]>,
}

thread_local! {
    static STRIPS: std::cell::RefCell<Strips> = std::cell::RefCell::default();
}

/// Copies the first `lines` (a multiple of 4) rows of the column-major `m` (leading dimension
/// `ld`, `depth` columns) into `out` as strips of 4 rows, each depth by depth.
fn pack(out: &mut Vec<[f64; 4]>, m: &[f64], ld: usize, lines: usize, depth: usize) {
    out.clear();
    for i in (0..lines).step_by(4) {
        out.extend((0..depth).map(|t| {
            let at = t * ld + i;
            [m[at], m[at + 1], m[at + 2], m[at + 3]]
        }));
    }
}

/// Multiply–adds from which [`dense_product`] splits a product between two threads.
const PARALLEL_PRODUCT: usize = 200_000;

/// [`sub_product`], split by columns between this thread and the [`helper`] when `two_threads`
/// and the product is large (the top separators of a large mesh). The split falls on a
/// multiple of 4 columns, so that every entry is computed exactly as by one call.
#[allow(clippy::too_many_arguments)]
fn dense_product(
    c: &mut [f64],
    ldc: usize,
    a: &[f64],
    lda: usize,
    b: &[f64],
    ldb: usize,
    (rows, cols, depth): (usize, usize, usize),
    two_threads: bool,
) {
    let half = cols / 8 * 4;
    let pool = if two_threads && half > 0 && rows * cols * depth >= PARALLEL_PRODUCT {
        helper()
    } else {
        None
    };
    let Some(pool) = pool else {
        sub_product(c, ldc, a, lda, b, ldb, (rows, cols, depth));
        return;
    };
    let (left, right) = c.split_at_mut(half * ldc);
    let rest = (rows, cols - half, depth);
    pool.in_place_scope(|scope| {
        scope.spawn(|_| sub_product(left, ldc, a, lda, b, ldb, (rows, half, depth)));
        sub_product(right, ldc, a, lda, &b[half..], ldb, rest);
    });
}

/// LU without pivoting of a supernode's panels (`w` columns, `m` rows of which `nb` below the
/// diagonal block), in place: `lower` (m × w) becomes the diagonal block's L and U and L's rows
/// below it, `upper` (nb × w, U's entries right of the diagonal block, transposed) becomes U's.
/// Blocks of [`BLOCK`] columns are factorised column by column, then the rest of both panels
/// is updated by [`dense_product`] (on two threads when `two_threads` and large). `Err(t)`: the pivot
/// of column `t` is not above `tiny`.
#[inline(always)]
fn dense_lu(
    lower: &mut [f64],
    upper: &mut [f64],
    (w, m, nb): (usize, usize, usize),
    tiny: f64,
    transposed: &mut Vec<f64>,
    two_threads: bool,
) -> Result<(), usize> {
    let mut t0 = 0;
    while t0 < w {
        let t1 = (t0 + BLOCK).min(w);
        for t in t0..t1 {
            let (left, right) = lower.split_at_mut((t + 1) * m);
            let lcol = &mut left[t * m..];
            let piv = lcol[t];
            if piv.is_nan() || piv.abs() <= tiny {
                return Err(t);
            }
            let inv = 1.0 / piv;
            for x in &mut lcol[t + 1..] {
                *x *= inv;
            }
            let (u_done, u_rest) = upper.split_at_mut((t + 1) * nb);
            let ucol = &u_done[t * nb..];
            for j in t + 1..t1 {
                let dst = &mut right[(j - t - 1) * m..(j - t) * m];
                let u = dst[t];
                if u != 0.0 {
                    for (x, &l) in dst[t + 1..].iter_mut().zip(&lcol[t + 1..]) {
                        *x -= l * u;
                    }
                }
                let l = lcol[j];
                if l != 0.0 {
                    let dst = &mut u_rest[(j - t - 1) * nb..(j - t) * nb];
                    for (x, &v) in dst.iter_mut().zip(ucol) {
                        *x -= l * v;
                    }
                }
            }
        }
        if t1 == w {
            break;
        }
        let (kb, rest_w) = (t1 - t0, w - t1);
        let (left, right) = lower.split_at_mut(t1 * m);
        // U's rows t0..t1 right of the block: forward substitution with the block's unit L.
        for j in 0..rest_w {
            let col = &mut right[j * m..j * m + t1];
            for t in t0..t1 {
                let u = col[t];
                if u != 0.0 {
                    for (x, &l) in col[t + 1..t1]
                        .iter_mut()
                        .zip(&left[t * m + t + 1..t * m + t1])
                    {
                        *x -= l * u;
                    }
                }
            }
        }
        // The rest of L (rows t1.., columns t1..) less L(t1.., block)·U(block, t1..).
        if transposed.len() < kb * rest_w {
            transposed.resize(kb * rest_w, 0.0);
        }
        for j in 0..rest_w {
            for t in 0..kb {
                transposed[t * rest_w + j] = right[j * m + t0 + t];
            }
        }
        dense_product(
            &mut right[t1..],
            m,
            &left[t0 * m + t1..],
            m,
            &transposed[..kb * rest_w],
            rest_w,
            (m - t1, rest_w, kb),
            two_threads,
        );
        // The rest of U's panel less U(block, right)·L(t1.., block)ᵀ.
        let (u_left, u_right) = upper.split_at_mut(t1 * nb);
        dense_product(
            u_right,
            nb,
            &u_left[t0 * nb..],
            nb,
            &left[t0 * m + t1..],
            m,
            (nb, rest_w, kb),
            two_threads,
        );
        t0 = t1;
    }
    Ok(())
}

/// Below this many row updates (Σ |S_k|², S_k the pattern of L's column k) the numeric phase
/// runs up-looking by rows, above it by supernodes: on meshed grids the two cost the same at
/// about 2,000 nodes (Σ |S_k|² ≈ 800,000); below, the supernodes are narrow and their dense
/// kernels do not pay for their bookkeeping (up-looking factorises a 12 × 12 mesh 1.5 times as
/// fast), above, supernodes win more the larger the mesh (1.5 times as fast at 90 × 90).
const SUPERNODAL_WORK: usize = 500_000;

/// Least share of the sequential work that the two threads of a supernodal factorisation must
/// save (by the estimate of [`Supernodes::split`]) to be used.
const PARALLEL_GAIN: f64 = 0.2;

/// The first failing step of two results.
fn first_error(a: Result<(), usize>, b: Result<(), usize>) -> Result<(), usize> {
    match (a, b) {
        (Err(x), Err(y)) => Err(x.min(y)),
        (Err(x), _) | (_, Err(x)) => Err(x),
        _ => Ok(()),
    }
}

/// The second thread of the factorisation: a pool of one thread of its own, made on first use
/// when the machine has two cores or more. The calling thread does the other half of the
/// work, so exactly two threads compute; in rayon's global pool (one thread per core) the
/// caller would be a third, and `join` from outside the pool would hand both halves to it and
/// wait.
fn helper() -> Option<&'static rayon::ThreadPool> {
    static HELPER: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    HELPER
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            if cores < 2 {
                return None;
            }
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "dostyk-sparse-lu".to_owned())
                .build()
                .ok()
        })
        .as_ref()
}

/// Whether the factorisation has a second thread ([`helper`]).
fn two_threads() -> bool {
    helper().is_some()
}

/// Symbolic factorisation: elimination order and the layout of the factors.
#[derive(Debug, Clone)]
pub(crate) struct SymbolicLu {
    n: usize,
    /// `perm[k]` = original index eliminated at step `k`.
    perm: Vec<usize>,
    /// `inv[i]` = step at which original index `i` is eliminated.
    inv: Vec<usize>,
    layout: Layout,
}

/// How the factors are stored and computed.
#[derive(Debug, Clone)]
enum Layout {
    /// Column by column, factorised up-looking (small systems).
    Rows(RowLayout),
    /// In dense panels per supernode, factorised left-looking (large systems).
    Supernodes(Supernodes),
}

/// The factors column by column: `n` diagonal entries, then for each step k its U row entries
/// then its L column entries, both over the pattern `S_k`.
#[derive(Debug, Clone)]
struct RowLayout {
    /// For each step k, the later steps coupled to k (ascending): row pattern of U and column
    /// pattern of L, `struct_idx[struct_start[k]..struct_start[k + 1]]`.
    struct_start: Vec<usize>,
    struct_idx: Vec<usize>,
    /// Per step a, the steps k < a whose pattern holds a, with a's index in that pattern (the
    /// row pattern of L and column pattern of U at step a): `row_start[a]..row_start[a + 1]`
    /// into `row_step` and `row_slot`.
    row_start: Vec<usize>,
    row_step: Vec<usize>,
    row_slot: Vec<usize>,
}

/// The factors in supernodes.
#[derive(Debug, Clone)]
struct Supernodes {
    /// Supernode `s` holds the steps `first[s]..first[s + 1]`.
    first: Vec<usize>,
    /// Supernode of each step.
    snode: Vec<usize>,
    /// Rows of supernode `s` below its diagonal block (steps after its last column, ascending):
    /// `rows[row_start[s]..row_start[s + 1]]`.
    row_start: Vec<usize>,
    rows: Vec<usize>,
    /// Supernode `s`'s values start at `offset[s]`: its L panel (`w + r` rows × `w` columns,
    /// column-major: the diagonal block holding L below and U on and above its diagonal, then
    /// L's rows below), then its U panel (`r` × `w`, column-major: U's entries right of the
    /// diagonal block, transposed).
    offset: Vec<usize>,
    /// Most rows below any supernode's diagonal block.
    max_below: usize,
    /// The updates supernode `s` takes, by ascending source:
    /// `updates[update_start[s]..update_start[s + 1]]`.
    update_start: Vec<usize>,
    updates: Vec<Update>,
    /// Which supernodes are factorised side by side.
    schedule: Schedule,
}

/// One supernode's update of a later one: the rows `p1..p2` of `from` below its diagonal block
/// are columns of the target (and the rows `p1..` its rows).
#[derive(Debug, Clone, Copy)]
struct Update {
    from: usize,
    p1: usize,
    p2: usize,
}

/// The order of the supernodal factorisation: whole subtrees of the supernodal elimination
/// tree, which share no update and can be factorised at the same time (the heaviest first),
/// then the rest (their ancestors, the top separators), each list ascending. Every supernode's
/// arithmetic is the same in any order of the lists (its updates are applied in the fixed order
/// of [`Supernodes::updates`]), so the factors do not depend on the number of threads.
#[derive(Debug, Clone)]
struct Schedule {
    subtrees: Vec<Vec<usize>>,
    top: Vec<usize>,
}

/// Work arrays of one thread of the supernodal factorisation.
#[derive(Debug, Clone, Default)]
struct Workspace {
    /// Position of a step in the rows of the supernode being factorised.
    map: Vec<usize>,
    /// Positions of an updating supernode's rows in the current supernode.
    relative: Vec<usize>,
    /// The dense products of an update, or a transposed block of U.
    product: Vec<f64>,
}

/// Numeric values laid out for a [`SymbolicLu`] (see its [`Layout`]) and the work arrays of
/// the factorisation and the solve.
#[derive(Debug, Clone)]
pub(crate) struct NumericLu {
    pub(crate) values: Vec<f64>,
    scratch: Vec<f64>,
    /// Dense work row of the up-looking factorisation, (U row, L column) entries by step.
    work: Vec<[f64; 2]>,
    /// Work arrays of the supernodal factorisation, one per thread.
    workspaces: [Workspace; 2],
}

impl SymbolicLu {
    /// Orders and analyses the symmetric pattern given by `edges` (pairs of distinct indices
    /// below `n`; duplicates allowed).
    pub(crate) fn analyse(n: usize, edges: &[(usize, usize)]) -> Self {
        Self::analyse_as(n, edges, None)
    }

    /// [`SymbolicLu::analyse`] with the layout chosen by the caller (`Some(true)`: supernodes)
    /// or by the work of the factorisation (`None`, see [`SUPERNODAL_WORK`]).
    fn analyse_as(n: usize, edges: &[(usize, usize)], supernodes: Option<bool>) -> Self {
        let graph = Graph::new(n, edges);
        let order = minimum_degree(&graph);
        let mut inv = vec![0; n];
        for (k, &v) in order.iter().enumerate() {
            inv[v] = k;
        }
        let (parent, struct_start, struct_idx) = Self::structures(&graph, &order, &inv);
        let work: usize = struct_start
            .windows(2)
            .map(|w| (w[1] - w[0]) * (w[1] - w[0]))
            .sum();
        if !supernodes.unwrap_or(work >= SUPERNODAL_WORK) {
            return SymbolicLu {
                n,
                perm: order,
                inv,
                layout: Layout::Rows(RowLayout::new(struct_start, struct_idx)),
            };
        }
        // The postordered elimination tree gives the same fill with every subtree contiguous:
        // its tree and column patterns are the ones above, renumbered. A column's rows are
        // ancestors of it, all on its path to the root, whose order a postorder keeps, so the
        // renumbered rows stay ascending.
        let post = postorder(&parent);
        let mut post_of = vec![0; n];
        for (k, &old) in post.iter().enumerate() {
            post_of[old] = k;
        }
        let perm: Vec<usize> = post.iter().map(|&k| order[k]).collect();
        for (k, &v) in perm.iter().enumerate() {
            inv[v] = k;
        }
        let parent: Vec<usize> = post
            .iter()
            .map(|&old| match parent[old] {
                NONE => NONE,
                p => post_of[p],
            })
            .collect();
        let mut start = Vec::with_capacity(n + 1);
        let mut idx = Vec::with_capacity(struct_idx.len());
        start.push(0);
        for &old in &post {
            let rows = &struct_idx[struct_start[old]..struct_start[old + 1]];
            idx.extend(rows.iter().map(|&j| post_of[j]));
            debug_assert!(idx[start[start.len() - 1]..].is_sorted());
            start.push(idx.len());
        }
        let (struct_start, struct_idx) = (start, idx);
        let count = |k: usize| struct_start[k + 1] - struct_start[k];
        // Fundamental supernodes: k − 1 joins k when S(k − 1) = {k} ∪ S(k).
        let mut first = Vec::new();
        for k in 0..n {
            if k == 0 || parent[k - 1] != k || count(k - 1) != count(k) + 1 {
                first.push(k);
            }
        }
        first.push(n);
        // Relaxed amalgamation on the tree of supernodes: a supernode merges into its parent when
        // the explicit zeros stay few (ascending, children first, so a merged one can merge again).
        let ns = first.len() - 1;
        let mut snode = vec![0; n];
        for s in 0..ns {
            snode[first[s]..first[s + 1]].fill(s);
        }
        let sparent: Vec<usize> = (0..ns)
            .map(|s| match parent[first[s + 1] - 1] {
                NONE => NONE,
                p => snode[p],
            })
            .collect();
        let below = |s: usize| count(first[s + 1] - 1);
        let mut width: Vec<usize> = (0..ns).map(|s| first[s + 1] - first[s]).collect();
        let mut zeros = vec![0_usize; ns];
        let mut merged_into = vec![NONE; ns];
        let mut absorbed: Vec<Vec<usize>> = vec![Vec::new(); ns];
        for s in 0..ns {
            let p = sparent[s];
            if p == NONE {
                continue;
            }
            let w = width[s] + width[p];
            let total = panel_entries(w, below(p));
            let z = zeros[s] + zeros[p] + total
                - panel_entries(width[s], below(s))
                - panel_entries(width[p], below(p));
            if relaxed(w, z, total) {
                merged_into[s] = p;
                width[p] = w;
                zeros[p] = z;
                absorbed[p].push(s);
            }
        }
        // Columns anew: the merged supernodes in postorder, each as its absorbed ones (their
        // columns, recursively) then its own, which is again an order of the elimination tree
        // (so the fill is the same) with every merged supernode's columns consecutive.
        let root = |mut s: usize| {
            while merged_into[s] != NONE {
                s = merged_into[s];
            }
            s
        };
        let group_parent: Vec<usize> = (0..ns)
            .map(|s| {
                if merged_into[s] != NONE || sparent[s] == NONE {
                    NONE
                } else {
                    root(sparent[s])
                }
            })
            .collect();
        let mut new_perm = Vec::with_capacity(n);
        let mut new_first = Vec::new();
        let mut last_old = Vec::new();
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for g in postorder(&group_parent) {
            if merged_into[g] != NONE {
                continue;
            }
            new_first.push(new_perm.len());
            last_old.push(first[g + 1] - 1);
            stack.push((g, 0));
            while let Some((x, i)) = stack.pop() {
                if let Some(&a) = absorbed[x].get(i) {
                    stack.push((x, i + 1));
                    stack.push((a, 0));
                } else {
                    new_perm.extend(first[x]..first[x + 1]);
                }
            }
        }
        new_first.push(n);
        // new_perm holds old steps; renumber.
        let mut new_of_old = vec![0; n];
        for (k, &old) in new_perm.iter().enumerate() {
            new_of_old[old] = k;
        }
        let perm: Vec<usize> = new_perm.iter().map(|&old| perm[old]).collect();
        for (k, &v) in perm.iter().enumerate() {
            inv[v] = k;
        }
        let first = new_first;
        let ns = first.len() - 1;
        let mut row_start = Vec::with_capacity(ns + 1);
        let mut rows = Vec::new();
        let mut offset = Vec::with_capacity(ns + 1);
        row_start.push(0);
        offset.push(0);
        let mut max_below = 0;
        for s in 0..ns {
            snode[first[s]..first[s + 1]].fill(s);
            // The rows below a supernode are those of its last column (its other columns' rows
            // after it are among them).
            let start = rows.len();
            let last = last_old[s];
            let old_rows = &struct_idx[struct_start[last]..struct_start[last + 1]];
            rows.extend(old_rows.iter().map(|&j| new_of_old[j]));
            rows[start..].sort_unstable();
            row_start.push(rows.len());
            let nb = rows.len() - start;
            max_below = max_below.max(nb);
            let w = first[s + 1] - first[s];
            offset.push(offset[s] + (w + 2 * nb) * w);
        }
        SymbolicLu {
            n,
            perm,
            inv,
            layout: Layout::Supernodes(Supernodes::new(
                first, snode, row_start, rows, offset, max_below,
            )),
        }
    }

    /// The elimination tree and, per step `k`, the later steps coupled to it (the pattern of
    /// L's column `k`, ascending, at `idx[start[k]..start[k + 1]]`): the later neighbours of `k`
    /// and the structures of `k`'s children less `k` itself; `k`'s parent is the first of them.
    fn structures(
        graph: &Graph,
        perm: &[usize],
        inv: &[usize],
    ) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
        let n = perm.len();
        // Children as linked lists: `child[p]` the last one added, `sibling[c]` the one before.
        let mut child = vec![NONE; n];
        let mut sibling = vec![NONE; n];
        let mut parent = vec![NONE; n];
        let mut mark = vec![NONE; n];
        let mut start = Vec::with_capacity(n + 1);
        let mut idx: Vec<usize> = Vec::new();
        start.push(0);
        for k in 0..n {
            let from = idx.len();
            mark[k] = k;
            for &u in graph.neighbours(perm[k]) {
                let j = inv[u];
                if j > k && mark[j] != k {
                    mark[j] = k;
                    idx.push(j);
                }
            }
            let mut c = child[k];
            while c != NONE {
                for t in start[c]..start[c + 1] {
                    let j = idx[t];
                    if mark[j] != k {
                        mark[j] = k;
                        idx.push(j);
                    }
                }
                c = sibling[c];
            }
            idx[from..].sort_unstable();
            if let Some(&p) = idx.get(from) {
                sibling[k] = child[p];
                child[p] = k;
                parent[k] = p;
            }
            start.push(idx.len());
        }
        (parent, start, idx)
    }

    /// Position in the value array of the matrix entry (row `i`, column `j`) in original indices;
    /// `None` if it is outside the pattern of the factors (which holds every edge given).
    pub(crate) fn entry(&self, i: usize, j: usize) -> Option<usize> {
        let (a, b) = (self.inv[i], self.inv[j]);
        match &self.layout {
            Layout::Rows(rows) => rows.position(self.n, a, b),
            Layout::Supernodes(sn) => sn.position(a, b),
        }
    }

    /// The length of the value array of this pattern (positions from [`SymbolicLu::entry`] are
    /// below it).
    pub(crate) fn values_len(&self) -> usize {
        match &self.layout {
            Layout::Rows(rows) => self.n + 2 * rows.struct_idx.len(),
            Layout::Supernodes(sn) => sn.offset[sn.first.len() - 1],
        }
    }

    /// A zeroed value array for this pattern.
    pub(crate) fn numeric(&self) -> NumericLu {
        let n = self.n;
        let mut num = NumericLu {
            values: vec![0.0; self.values_len()],
            scratch: vec![0.0; n],
            work: Vec::new(),
            workspaces: Default::default(),
        };
        match &self.layout {
            Layout::Rows(_) => num.work = vec![[0.0; 2]; n],
            Layout::Supernodes(sn) => {
                for ws in &mut num.workspaces {
                    ws.map = vec![0; n];
                    ws.relative = vec![0; sn.max_below];
                }
            }
        }
        num
    }

    /// Factorises in place. Returns the original index of the first pivot whose magnitude is
    /// not above 10⁻¹⁴ times the largest diagonal entry, or is not a number, if any.
    pub(crate) fn factor(&self, num: &mut NumericLu) -> Result<(), usize> {
        // Only a split factorisation asks for the helper thread: starting it costs a small
        // network more than its whole solve.
        let split =
            matches!(&self.layout, Layout::Supernodes(sn) if !sn.schedule.subtrees.is_empty());
        self.factor_with(num, split && two_threads())
    }

    /// [`SymbolicLu::factor`], the independent subtrees of a supernodal factorisation on two
    /// threads when `two_threads` (the factors are the same either way, bit for bit).
    fn factor_with(&self, num: &mut NumericLu, two_threads: bool) -> Result<(), usize> {
        let step = match &self.layout {
            Layout::Rows(rows) => rows.factor(self.n, num),
            Layout::Supernodes(sn) => sn.factor(num, two_threads),
        };
        step.map_err(|k| self.perm[k])
    }

    /// Solves `A x = b` with a factorised `num`; `b` in original indices, overwritten by `x`.
    pub(crate) fn solve(&self, num: &mut NumericLu, b: &mut [f64]) {
        let y = &mut num.scratch;
        for (k, &i) in self.perm.iter().enumerate() {
            y[k] = b[i];
        }
        match &self.layout {
            Layout::Rows(rows) => rows.solve(self.n, &num.values, y),
            Layout::Supernodes(sn) => sn.solve(&num.values, y),
        }
        for (k, &i) in self.perm.iter().enumerate() {
            b[i] = y[k];
        }
    }
}

impl RowLayout {
    /// The layout of the patterns `struct_idx[struct_start[k]..struct_start[k + 1]]` and their
    /// transpose.
    fn new(struct_start: Vec<usize>, struct_idx: Vec<usize>) -> Self {
        let n = struct_start.len() - 1;
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
        RowLayout {
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

    /// Position in `values` of the entry (row `a`, column `b`) in elimination-step indices, if
    /// it is in the pattern of the factors.
    fn position(&self, n: usize, a: usize, b: usize) -> Option<usize> {
        use std::cmp::Ordering;
        match a.cmp(&b) {
            Ordering::Equal => Some(a),
            // U row a, column b.
            Ordering::Less => {
                let t = self.structure(a).binary_search(&b).ok()?;
                Some(n + 2 * self.struct_start[a] + t)
            }
            // L column b, row a.
            Ordering::Greater => {
                let s = self.structure(b);
                let t = s.binary_search(&a).ok()?;
                Some(n + 2 * self.struct_start[b] + s.len() + t)
            }
        }
    }

    /// Factorises in place, up-looking: step `a` gathers the updates of every earlier step `k`
    /// whose pattern holds `a` into dense work rows, then stores U's row and L's column of
    /// `a`. Each update `(a, b)` lands in the pattern of `a` (elimination cliques), so the
    /// work rows need no clearing. Returns the first step whose pivot is not above 10⁻¹⁴ times
    /// the largest diagonal entry, or is not a number, if any.
    fn factor(&self, n: usize, num: &mut NumericLu) -> Result<(), usize> {
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
                return Err(a);
            }
            values[a] = piv;
            for (t, &b) in s_a.iter().enumerate() {
                values[base_a + t] = work[b][0];
                values[base_a + len_a + t] = work[b][1] / piv;
            }
        }
        Ok(())
    }

    /// Solves `L U y' = y` in place, `y` in step order.
    fn solve(&self, n: usize, values: &[f64], y: &mut [f64]) {
        for k in 0..n {
            let s = self.structure(k);
            let base = n + 2 * self.struct_start[k] + s.len();
            let yk = y[k];
            if yk != 0.0 {
                for (t, &j) in s.iter().enumerate() {
                    y[j] -= values[base + t] * yk;
                }
            }
        }
        for k in (0..n).rev() {
            let s = self.structure(k);
            let base = n + 2 * self.struct_start[k];
            let mut acc = y[k];
            for (t, &j) in s.iter().enumerate() {
                acc -= values[base + t] * y[j];
            }
            y[k] = acc / values[k];
        }
    }
}

impl Supernodes {
    /// The supernodes `first[s]..first[s + 1]` with the rows below their diagonal blocks and
    /// their value offsets; finds the updates between them and the schedule.
    fn new(
        first: Vec<usize>,
        snode: Vec<usize>,
        row_start: Vec<usize>,
        rows: Vec<usize>,
        offset: Vec<usize>,
        max_below: usize,
    ) -> Self {
        let ns = first.len() - 1;
        // A supernode's rows below its diagonal block fall in later supernodes in runs (rows
        // ascending, supernodes contiguous): each run is one update.
        let runs = |k: usize, mut visit: Box<dyn FnMut(usize, usize, usize) + '_>| {
            let below = &rows[row_start[k]..row_start[k + 1]];
            let mut p1 = 0;
            while p1 < below.len() {
                let t = snode[below[p1]];
                let p2 = p1
                    + below[p1..]
                        .iter()
                        .take_while(|&&r| r < first[t + 1])
                        .count();
                visit(t, p1, p2);
                p1 = p2;
            }
        };
        let mut update_start = vec![0; ns + 1];
        for k in 0..ns {
            runs(k, Box::new(|t, _, _| update_start[t + 1] += 1));
        }
        for t in 0..ns {
            update_start[t + 1] += update_start[t];
        }
        let mut fill = update_start.clone();
        let mut updates = vec![
            Update {
                from: 0,
                p1: 0,
                p2: 0
            };
            update_start[ns]
        ];
        for k in 0..ns {
            runs(
                k,
                Box::new(|t, p1, p2| {
                    updates[fill[t]] = Update { from: k, p1, p2 };
                    fill[t] += 1;
                }),
            );
        }
        let mut sn = Supernodes {
            first,
            snode,
            row_start,
            rows,
            offset,
            max_below,
            update_start,
            updates,
            schedule: Schedule {
                subtrees: Vec::new(),
                top: (0..ns).collect(),
            },
        };
        sn.schedule = sn.split(PARALLEL_GAIN);
        sn
    }

    /// Multiply–adds of factorising supernode `s`: its updates and its dense LU.
    fn work(&self, s: usize) -> f64 {
        let (_, w, below, _) = self.supernode(s);
        let (w, m) = (w as f64, (w + below.len()) as f64);
        let mut work = w * w * (m - w / 3.0) + 8.0 * w * m + 100.0;
        for u in &self.updates[self.update_start[s]..self.update_start[s + 1]] {
            let (_, wk, below_k, _) = self.supernode(u.from);
            let (c, r) = ((u.p2 - u.p1) as f64, (below_k.len() - u.p1) as f64);
            work += wk as f64 * c * (2.0 * r - c) + 8.0 * c * (2.0 * r - c) + 100.0;
        }
        work
    }

    /// Splits the supernodal elimination tree for two threads: subtrees are taken apart from
    /// the top (the heaviest first, its root joining the sequential top) and each split is
    /// estimated as two threads taking the subtrees heaviest first, each the next one when
    /// done, and then the top. The split with the least estimated time is kept if it saves at
    /// least `gain` of the sequential work; otherwise everything is sequential.
    fn split(&self, gain: f64) -> Schedule {
        let ns = self.first.len() - 1;
        let work: Vec<f64> = (0..ns).map(|s| self.work(s)).collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); ns];
        let mut roots = Vec::new();
        let mut subtree = work.clone();
        for s in 0..ns {
            // The parent of a supernode is that of its last column: its first row below.
            match self.rows[self.row_start[s]..self.row_start[s + 1]].first() {
                Some(&r) => {
                    let p = self.snode[r];
                    children[p].push(s);
                    subtree[p] += subtree[s];
                }
                None => roots.push(s),
            }
        }
        let total: f64 = roots.iter().map(|&r| subtree[r]).sum();
        let heaviest_first =
            |a: &usize, b: &usize| subtree[*b].total_cmp(&subtree[*a]).then(a.cmp(b));
        let mut candidates = roots;
        let mut top_work = 0.0;
        let mut best: Option<(f64, Vec<usize>)> = None;
        while !candidates.is_empty() && top_work < best.as_ref().map_or(total, |b| b.0) {
            candidates.sort_by(heaviest_first);
            let mut load = [0.0_f64; 2];
            for &c in &candidates {
                let t = usize::from(load[1] < load[0]);
                load[t] += subtree[c];
            }
            let estimate = load[0].max(load[1]) + top_work;
            if best.as_ref().is_none_or(|b| estimate < b.0) {
                best = Some((estimate, candidates.clone()));
            }
            // The heaviest subtree's root goes to the top, its children become candidates.
            let heaviest = candidates.remove(0);
            top_work += work[heaviest];
            candidates.extend_from_slice(&children[heaviest]);
        }
        let sequential = Schedule {
            subtrees: Vec::new(),
            top: (0..ns).collect(),
        };
        let Some((estimate, candidates)) = best else {
            return sequential;
        };
        if estimate > (1.0 - gain) * total || candidates.len() < 2 {
            return sequential;
        }
        let mut in_subtree = vec![false; ns];
        let mut stack = Vec::new();
        let subtrees = candidates
            .iter()
            .map(|&root| {
                let mut list = Vec::new();
                stack.push(root);
                while let Some(s) = stack.pop() {
                    in_subtree[s] = true;
                    list.push(s);
                    stack.extend_from_slice(&children[s]);
                }
                list.sort_unstable();
                list
            })
            .collect();
        Schedule {
            subtrees,
            top: (0..ns).filter(|&s| !in_subtree[s]).collect(),
        }
    }

    /// Columns, rows below the diagonal block and value offset of supernode `s`.
    fn supernode(&self, s: usize) -> (usize, usize, &[usize], usize) {
        let (f, l) = (self.first[s], self.first[s + 1]);
        let below = &self.rows[self.row_start[s]..self.row_start[s + 1]];
        (f, l - f, below, self.offset[s])
    }

    /// Position in `values` of the entry (row `a`, column `b`) in elimination-step indices, if
    /// it is in the pattern of the factors.
    fn position(&self, a: usize, b: usize) -> Option<usize> {
        let s = self.snode[a.min(b)];
        let (f, w, below, off) = self.supernode(s);
        let m = w + below.len();
        let local = |x: usize| {
            if x < f + w {
                Some(x - f)
            } else {
                below.binary_search(&x).ok().map(|i| w + i)
            }
        };
        if a >= b {
            Some(off + (b - f) * m + local(a)?)
        } else if b < f + w {
            Some(off + (b - f) * m + (a - f))
        } else {
            Some(off + m * w + (a - f) * below.len() + local(b)? - w)
        }
    }

    /// Factorises in place, left-looking by supernodes: supernode `J` first takes the updates
    /// of the earlier supernodes whose rows reach its columns (each a dense product of their
    /// panels, scattered into `J`'s panels through the row positions of `J`), then factorises
    /// its diagonal block and scales its panels with dense column operations. The two sets of
    /// independent subtrees of the [`Schedule`] run on two threads when `two_threads`, then
    /// the top. Returns the first step (in step order) whose pivot's magnitude is not above
    /// 10⁻¹⁴ times the largest diagonal entry, or is not a number, if any.
    fn factor(&self, num: &mut NumericLu, two_threads: bool) -> Result<(), usize> {
        let ns = self.first.len() - 1;
        let NumericLu {
            values, workspaces, ..
        } = num;
        let mut scale = 0.0_f64;
        for s in 0..ns {
            let (_, w, below, off) = self.supernode(s);
            let m = w + below.len();
            for j in 0..w {
                scale = scale.max(values[off + j * m + j].abs());
            }
        }
        let tiny = scale * 1e-14;
        // One slice per supernode, so that the threads hold their own.
        let mut panels: Vec<Option<&mut [f64]>> = Vec::with_capacity(ns);
        let mut rest = values.as_mut_slice();
        for s in 0..ns {
            let (panel, after) = rest.split_at_mut(self.offset[s + 1] - self.offset[s]);
            panels.push(Some(panel));
            rest = after;
        }
        let [ws0, ws1] = workspaces;
        let tasks = &self.schedule.subtrees;
        let helper = if two_threads && tasks.len() >= 2 {
            helper()
        } else {
            None
        };
        let Some(helper) = helper else {
            tasks.iter().try_fold((), |(), task| {
                self.factor_list_simd(task, &mut panels, ws0, tiny, false)
            })?;
            return self.factor_list_simd(&self.schedule.top, &mut panels, ws0, tiny, false);
        };
        // This thread and the helper take the next subtree from a shared counter, and its
        // panels with it; this thread then waits for the subtrees in progress (not for the
        // other thread to start, which on a busy machine may come late and find nothing left)
        // and factorises the top.
        let pool = Mutex::new(Pool {
            next: 0,
            done: 0,
            panels,
            result: Ok(()),
            panicked: false,
        });
        let finished = Condvar::new();
        let run = |ws: &mut Workspace| {
            let _wake = WakeOnPanic(&pool, &finished);
            let mut own: Vec<Option<&mut [f64]>> = (0..ns).map(|_| None).collect();
            loop {
                let task = {
                    let mut pool = pool.lock().unwrap_or_else(PoisonError::into_inner);
                    let Some(task) = tasks.get(pool.next) else {
                        break;
                    };
                    pool.next += 1;
                    for &s in task {
                        own[s] = pool.panels[s].take();
                    }
                    task
                };
                let result = self.factor_list_simd(task, &mut own, ws, tiny, false);
                let mut pool = pool.lock().unwrap_or_else(PoisonError::into_inner);
                for &s in task {
                    pool.panels[s] = own[s].take();
                }
                pool.result = first_error(pool.result, result);
                pool.done += 1;
                finished.notify_all();
            }
        };
        helper.in_place_scope(|scope| {
            scope.spawn(|_| run(ws1));
            run(ws0);
            let mut guard = pool.lock().unwrap_or_else(PoisonError::into_inner);
            while guard.done < tasks.len() && !guard.panicked {
                guard = finished.wait(guard).unwrap_or_else(PoisonError::into_inner);
            }
            if guard.panicked {
                // The scope passes the panic on.
                return Ok(());
            }
            guard.result?;
            let mut panels = std::mem::take(&mut guard.panels);
            drop(guard);
            self.factor_list_simd(&self.schedule.top, &mut panels, ws0, tiny, true)
        })
    }

    /// [`Supernodes::factor_list`] compiled for the widest vector instructions the processor
    /// has (see [`Blocks`]).
    fn factor_list_simd(
        &self,
        list: &[usize],
        panels: &mut [Option<&mut [f64]>],
        ws: &mut Workspace,
        tiny: f64,
        two_threads: bool,
    ) -> Result<(), usize> {
        struct List<'s, 'p, 'v> {
            sn: &'s Supernodes,
            order: &'s [usize],
            panels: &'p mut [Option<&'v mut [f64]>],
            ws: &'p mut Workspace,
            tiny: f64,
            two_threads: bool,
        }
        impl pulp::WithSimd for List<'_, '_, '_> {
            type Output = Result<(), usize>;
            #[inline(always)]
            fn with_simd<S: pulp::Simd>(self, _simd: S) -> Self::Output {
                self.sn.factor_list(
                    self.order,
                    self.panels,
                    self.ws,
                    self.tiny,
                    self.two_threads,
                )
            }
        }
        pulp::Arch::new().dispatch(List {
            sn: self,
            order: list,
            panels,
            ws,
            tiny,
            two_threads,
        })
    }

    /// Factorises the supernodes of `list` (ascending) in `panels`, where the panels of the
    /// supernodes that update them are already factorised; large dense products on two
    /// threads when `two_threads`.
    #[inline(always)]
    fn factor_list(
        &self,
        list: &[usize],
        panels: &mut [Option<&mut [f64]>],
        ws: &mut Workspace,
        tiny: f64,
        two_threads: bool,
    ) -> Result<(), usize> {
        let Workspace {
            map,
            relative,
            product,
        } = ws;
        for &s in list {
            let (f, w, below, _) = self.supernode(s);
            let nb = below.len();
            let m = w + nb;
            for j in 0..w {
                map[f + j] = j;
            }
            for (i, &r) in below.iter().enumerate() {
                map[r] = w + i;
            }
            let (done, rest) = panels.split_at_mut(s);
            let panel = rest[0]
                .as_deref_mut()
                .expect("each supernode is factorised once, by the thread that holds it");
            let (lower, upper) = panel.split_at_mut(m * w);
            for &Update { from: k, p1, p2 } in
                &self.updates[self.update_start[s]..self.update_start[s + 1]]
            {
                let (_, wk, below_k, _) = self.supernode(k);
                let nbk = below_k.len();
                let mk = wk + nbk;
                let (lk, uk) = done[k]
                    .as_deref()
                    .expect("a supernode's descendants are factorised before it, by its thread")
                    .split_at(mk * wk);
                let (c, r) = (p2 - p1, nbk - p1);
                for (slot, &row) in relative.iter_mut().zip(&below_k[p1..]) {
                    *slot = map[row];
                }
                // L and the diagonal block: rows p1.. of K's L times U's columns p1..p2, then
                // U right of the diagonal block: L's rows p1..p2 times U's columns p2... Narrow
                // updates are scattered directly; wider ones go through the dense kernel.
                if wk < 4 || c < 4 {
                    for j in 0..c {
                        let cj = below_k[p1 + j] - f;
                        let dst = &mut lower[cj * m..(cj + 1) * m];
                        for t in 0..wk {
                            let u = uk[t * nbk + p1 + j];
                            let lcol = &lk[t * mk + wk + p1..(t + 1) * mk];
                            for (&i, &l) in relative[..r].iter().zip(lcol) {
                                dst[i] -= l * u;
                            }
                        }
                        let dst = &mut upper[cj * nb..(cj + 1) * nb];
                        for t in 0..wk {
                            let l = lk[t * mk + wk + p1 + j];
                            let ucol = &uk[t * nbk + p2..(t + 1) * nbk];
                            for (&i, &u) in relative[c..r].iter().zip(ucol) {
                                dst[i - w] -= l * u;
                            }
                        }
                    }
                } else {
                    let (c1, c2) = (r * c, (r - c) * c);
                    if product.len() < c1 + c2 {
                        product.resize(c1 + c2, 0.0);
                    }
                    let (prod1, rest) = product.split_at_mut(c1);
                    let prod2 = &mut rest[..c2];
                    prod1.fill(0.0);
                    prod2.fill(0.0);
                    let (lkp, ukp) = (&lk[wk + p1..], &uk[p1..]);
                    dense_product(prod1, r, lkp, mk, ukp, nbk, (r, c, wk), two_threads);
                    let dims = (r - c, c, wk);
                    dense_product(prod2, r - c, &uk[p2..], nbk, lkp, mk, dims, two_threads);
                    for j in 0..c {
                        let cj = below_k[p1 + j] - f;
                        let dst = &mut lower[cj * m..(cj + 1) * m];
                        for (&i, &x) in relative[..r].iter().zip(&prod1[j * r..(j + 1) * r]) {
                            dst[i] += x;
                        }
                        let dst = &mut upper[cj * nb..(cj + 1) * nb];
                        let src = &prod2[j * (r - c)..(j + 1) * (r - c)];
                        for (&i, &x) in relative[c..r].iter().zip(src) {
                            dst[i - w] += x;
                        }
                    }
                }
            }
            dense_lu(lower, upper, (w, m, nb), tiny, product, two_threads).map_err(|t| f + t)?;
        }
        Ok(())
    }

    /// Solves `L U y' = y` in place, `y` in step order.
    fn solve(&self, values: &[f64], y: &mut [f64]) {
        let ns = self.first.len() - 1;
        for s in 0..ns {
            let (f, w, below, off) = self.supernode(s);
            let m = w + below.len();
            for j in 0..w {
                let yj = y[f + j];
                if yj == 0.0 {
                    continue;
                }
                let lcol = &values[off + j * m..off + (j + 1) * m];
                for i in j + 1..w {
                    y[f + i] -= lcol[i] * yj;
                }
                for (&r, &l) in below.iter().zip(&lcol[w..]) {
                    y[r] -= l * yj;
                }
            }
        }
        for s in (0..ns).rev() {
            let (f, w, below, off) = self.supernode(s);
            let nb = below.len();
            let m = w + nb;
            let lower = &values[off..off + m * w];
            let upper = &values[off + m * w..off + (m + nb) * w];
            // U's rows right of the diagonal block, then the block by columns (both contiguous).
            for j in 0..w {
                let mut acc = 0.0;
                for (&r, &u) in below.iter().zip(&upper[j * nb..(j + 1) * nb]) {
                    acc += u * y[r];
                }
                y[f + j] -= acc;
            }
            for j in (0..w).rev() {
                let ucol = &lower[j * m..=j * m + j];
                let yj = y[f + j] / ucol[j];
                y[f + j] = yj;
                if yj != 0.0 {
                    for (x, &u) in y[f..f + j].iter_mut().zip(ucol) {
                        *x -= u * yj;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both layouts, whatever the size.
    const LAYOUTS: [Option<bool>; 2] = [Some(false), Some(true)];

    /// Dense reference: multiplies the pattern matrix given by entries; in both layouts.
    fn check(n: usize, entries: &[(usize, usize, f64)]) {
        for layout in LAYOUTS {
            check_in(n, entries, layout);
        }
    }

    fn check_in(n: usize, entries: &[(usize, usize, f64)], layout: Option<bool>) {
        let edges: Vec<(usize, usize)> = entries
            .iter()
            .filter(|e| e.0 != e.1)
            .map(|e| (e.0, e.1))
            .collect();
        let sym = SymbolicLu::analyse_as(n, &edges, layout);
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
    fn a_graph_keeps_each_neighbour_once_in_order() {
        let g = Graph::new(4, &[(2, 0), (0, 2), (1, 1), (3, 0), (0, 1), (2, 0)]);
        assert_eq!(g.neighbours(0), &[1, 2, 3]);
        assert_eq!(g.neighbours(1), &[0]);
        assert_eq!(g.neighbours(2), &[0]);
        assert_eq!(g.neighbours(3), &[0]);
        assert_eq!(g.len(), 4);
    }

    #[test]
    fn the_ordering_of_no_nodes_or_of_isolated_ones_is_a_permutation() {
        assert!(minimum_degree(&Graph::new(0, &[])).is_empty());
        let mut order = minimum_degree(&Graph::new(5, &[(1, 3)]));
        order.sort_unstable();
        assert_eq!(order, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn the_ordering_eliminates_every_node_once() {
        let n = 81;
        let edges: Vec<(usize, usize)> = grid(9)
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.iter().map(move |&j| (i, j)))
            .collect();
        let mut seen = minimum_degree(&Graph::new(n, &edges));
        seen.sort_unstable();
        assert_eq!(seen, (0..n).collect::<Vec<_>>());
    }

    /// Entries of L below the diagonal in the exact pattern of the final order (without the
    /// amalgamation's zeros).
    fn fill(sym: &SymbolicLu, edges: &[(usize, usize)]) -> usize {
        let graph = Graph::new(sym.n, edges);
        let (_, start, _) = SymbolicLu::structures(&graph, &sym.perm, &sym.inv);
        start[sym.n]
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
        assert_eq!(fill(&sym, &edges), n - 1);
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
        let fill = fill(&sym, &edges);
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
        for layout in LAYOUTS {
            let sym = SymbolicLu::analyse_as(2, &[(0, 1)], layout);
            let mut num = sym.numeric();
            let p = sym.entry(0, 1).expect("in pattern");
            num.values[p] = 1.0;
            assert_eq!(sym.factor(&mut num), Err(sym.perm[0]));
        }
    }

    #[test]
    fn wide_supernodes_are_factorised_blockwise() {
        // A 40-node clique (one supernode wider than BLOCK) hanging on a 30 × 30 grid.
        let side = 30;
        let n = side * side + 40;
        let mut entries = Vec::new();
        for i in 0..n {
            entries.push((i, i, 0.3));
        }
        let mut link = |i: usize, j: usize, w: f64| {
            entries.push((i, i, w));
            entries.push((j, i, -w));
            entries.push((j, j, 0.8 * w));
            entries.push((i, j, -0.8 * w));
        };
        for i in 0..side * side {
            if i % side + 1 < side {
                link(i, i + 1, 1.0 + (i % 7) as f64);
            }
            if i + side < side * side {
                link(i, i + side, 2.0 + (i % 5) as f64);
            }
        }
        for a in side * side..n {
            for b in a + 1..n {
                link(a, b, 0.5 + ((a * b) % 11) as f64);
            }
        }
        link(0, side * side, 3.0);
        check(n, &entries);
    }

    /// `sym` with its supernodal factorisation split wherever it can be (any gain).
    fn split_anyhow(mut sym: SymbolicLu) -> SymbolicLu {
        if let Layout::Supernodes(sn) = &mut sym.layout {
            sn.schedule = sn.split(-1.0);
        }
        sym
    }

    /// The subtrees factorised side by side.
    fn subtrees(sym: &SymbolicLu) -> usize {
        match &sym.layout {
            Layout::Supernodes(sn) => sn.schedule.subtrees.len(),
            Layout::Rows(_) => 0,
        }
    }

    /// Factorises `entries` on one thread and on two: the same values bit for bit, or the same
    /// failing step. Returns the number of subtrees factorised side by side.
    fn same_on_two_threads(sym: &SymbolicLu, entries: &[(usize, usize, f64)]) -> usize {
        let mut one = sym.numeric();
        for &(i, j, v) in entries {
            one.values[sym.entry(i, j).expect("entry in pattern")] += v;
        }
        let mut two = one.clone();
        let r1 = sym.factor_with(&mut one, false);
        let r2 = sym.factor_with(&mut two, true);
        assert_eq!(r1, r2);
        if r1.is_ok() {
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&one.values), bits(&two.values));
        }
        subtrees(sym)
    }

    #[test]
    fn a_large_mesh_is_factorised_on_two_threads_as_on_one() {
        // The 90 × 90 mesh of the 16,020-pipe network: split by the default rule.
        let side = 90;
        let adj = grid(side);
        let n = side * side;
        let mut entries = Vec::new();
        let mut edges = Vec::new();
        for (i, list) in adj.iter().enumerate() {
            entries.push((i, i, 0.01));
            for &j in list {
                let w = 1.0 + ((i * 7 + j) % 5) as f64;
                entries.push((i, i, w));
                entries.push((i, j, -0.9 * w));
                edges.push((i, j));
            }
        }
        let sym = SymbolicLu::analyse(n, &edges);
        assert!(same_on_two_threads(&sym, &entries) >= 2);
        let mut num = sym.numeric();
        for &(i, j, v) in &entries {
            num.values[sym.entry(i, j).expect("entry in pattern")] += v;
        }
        sym.factor(&mut num).expect("non-singular");
        let x_true: Vec<f64> = (0..n).map(|i| (i as f64 * 0.3).cos()).collect();
        let mut b = vec![0.0; n];
        for &(i, j, v) in &entries {
            b[i] += v * x_true[j];
        }
        sym.solve(&mut num, &mut b);
        for (x, t) in b.iter().zip(&x_true) {
            assert!((x - t).abs() < 1e-9, "{x} not {t}");
        }
    }

    #[test]
    fn a_product_split_between_threads_equals_one_call() {
        for (rows, cols, depth) in [(150, 157, 16), (97, 64, 40), (300, 9, 100), (64, 300, 12)] {
            let (ldc, lda, ldb) = (rows + 3, rows + 1, cols + 2);
            let a: Vec<f64> = (0..lda * depth).map(|i| (i as f64 * 0.37).sin()).collect();
            let b: Vec<f64> = (0..ldb * depth).map(|i| (i as f64 * 0.11).cos()).collect();
            let c: Vec<f64> = (0..ldc * cols).map(|i| (i as f64 * 0.7).sin()).collect();
            let mut one = c.clone();
            sub_product(&mut one, ldc, &a, lda, &b, ldb, (rows, cols, depth));
            let mut two = c;
            dense_product(&mut two, ldc, &a, lda, &b, ldb, (rows, cols, depth), true);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&one), bits(&two), "{rows} x {cols} x {depth}");
        }
    }

    #[test]
    fn a_floating_network_is_singular() {
        // A grid Laplacian without a grounded node: its rows sum to zero, the last pivot
        // vanishes, and the factorisation says so instead of dividing by it.
        let side = 8;
        let adj = grid(side);
        let n = side * side;
        let edges: Vec<(usize, usize)> = adj
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.iter().map(move |&j| (i, j)))
            .collect();
        for layout in LAYOUTS {
            let sym = SymbolicLu::analyse_as(n, &edges, layout);
            let mut num = sym.numeric();
            for (i, list) in adj.iter().enumerate() {
                for &j in list {
                    let w = 1.0 + ((i + j) % 3) as f64;
                    num.values[sym.entry(i, i).expect("diagonal")] += w;
                    num.values[sym.entry(i, j).expect("edge")] -= w;
                }
            }
            assert!(sym.factor(&mut num).is_err());
        }
        // Split, on one thread and on two, the same failing step.
        let sym = split_anyhow(SymbolicLu::analyse_as(n, &edges, Some(true)));
        let mut entries = Vec::new();
        for (i, list) in adj.iter().enumerate() {
            for &j in list {
                let w = 1.0 + ((i + j) % 3) as f64;
                entries.extend([(i, i, w), (i, j, -w)]);
            }
        }
        assert!(same_on_two_threads(&sym, &entries) >= 2);
    }

    /// Gaussian elimination with partial pivoting on a dense copy: the reference solution.
    fn dense_reference(n: usize, entries: &[(usize, usize, f64)], b: &[f64]) -> Vec<f64> {
        let mut a = vec![vec![0.0; n]; n];
        for &(i, j, v) in entries {
            a[i][j] += v;
        }
        let mut x = b.to_vec();
        for k in 0..n {
            let p = (k..n)
                .max_by(|&r, &s| a[r][k].abs().total_cmp(&a[s][k].abs()))
                .expect("rows left");
            a.swap(k, p);
            x.swap(k, p);
            let (top, bottom) = a.split_at_mut(k + 1);
            let pivot = &top[k];
            for (r, row) in bottom.iter_mut().enumerate() {
                let f = row[k] / pivot[k];
                for (v, &p) in row[k..].iter_mut().zip(&pivot[k..]) {
                    *v -= f * p;
                }
                x[k + 1 + r] -= f * x[k];
            }
        }
        for k in (0..n).rev() {
            let s: f64 = (k + 1..n).map(|c| a[k][c] * x[c]).sum();
            x[k] = (x[k] - s) / a[k][k];
        }
        x
    }

    /// A random structurally symmetric pattern on `n` nodes from `seed`: a spanning path plus
    /// `extra` random pairs.
    fn random_pattern(n: usize, extra: usize, seed: u64) -> Vec<(usize, usize)> {
        let mut x = seed | 1;
        let mut next = |m: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m as u64) as usize
        };
        let mut edges: Vec<(usize, usize)> = (1..n).map(|i| (i, next(i))).collect();
        for _ in 0..extra {
            let (i, j) = (next(n), next(n));
            if i != j {
                edges.push((i, j));
            }
        }
        edges
    }

    proptest::proptest! {
        /// Diagonally dominant matrices with unsymmetric values on random symmetric patterns:
        /// the sparse solve equals the dense one.
        #[test]
        fn solves_equal_the_dense_solve(
            n in 1_usize..70,
            extra in 0_usize..150,
            seed in proptest::prelude::any::<u64>(),
            symmetric in proptest::prelude::any::<bool>(),
            supernodes in proptest::prelude::any::<bool>(),
        ) {
            let edges = random_pattern(n, extra, seed);
            let mut entries = Vec::new();
            for (t, &(i, j)) in edges.iter().enumerate() {
                let w = 1.0 + (t % 9) as f64 * 0.7;
                let v = if symmetric { w } else { w * (0.5 + (t % 4) as f64 * 0.3) };
                entries.extend([(i, i, w), (j, i, -w), (j, j, v), (i, j, -v)]);
            }
            for i in 0..n {
                entries.push((i, i, 0.05 + (i % 3) as f64));
            }
            let sym = SymbolicLu::analyse_as(n, &edges, Some(supernodes));
            let mut num = sym.numeric();
            for &(i, j, v) in &entries {
                num.values[sym.entry(i, j).expect("in pattern")] += v;
            }
            proptest::prop_assert!(sym.factor(&mut num).is_ok());
            let b: Vec<f64> = (0..n).map(|i| (i as f64 * 0.61).sin()).collect();
            let reference = dense_reference(n, &entries, &b);
            let mut x = b.clone();
            sym.solve(&mut num, &mut x);
            let norm = reference.iter().fold(1.0_f64, |m, v| m.max(v.abs()));
            for (a, r) in x.iter().zip(&reference) {
                proptest::prop_assert!((a - r).abs() <= 1e-10 * norm, "{a} against {r}");
            }
        }

        /// Split into subtrees wherever it can be, the supernodal factorisation on two threads
        /// equals the one on one thread bit for bit (or fails at the same step).
        #[test]
        fn two_threads_factorise_as_one(
            n in 2_usize..160,
            extra in 0_usize..200,
            seed in proptest::prelude::any::<u64>(),
            weak in 0.0..1.2_f64,
        ) {
            let edges = random_pattern(n, extra, seed);
            let mut entries = Vec::new();
            for (t, &(i, j)) in edges.iter().enumerate() {
                let w = 1.0 + (t % 9) as f64 * 0.7;
                let v = w * (0.5 + (t % 4) as f64 * 0.3);
                entries.extend([(i, i, weak * w), (j, i, -w), (j, j, v), (i, j, -v)]);
            }
            let sym = split_anyhow(SymbolicLu::analyse_as(n, &edges, Some(true)));
            same_on_two_threads(&sym, &entries);
        }

        /// Any values, singular, huge or not numbers, give a factorisation or an error, never a
        /// panic.
        #[test]
        fn never_panics(
            n in 1_usize..40,
            extra in 0_usize..80,
            seed in proptest::prelude::any::<u64>(),
            supernodes in proptest::prelude::any::<bool>(),
            values in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::Just(0.0),
                    proptest::prelude::Just(1e308),
                    proptest::prelude::Just(-1e308),
                    proptest::prelude::Just(f64::NAN),
                    proptest::prelude::Just(f64::INFINITY),
                    proptest::prelude::Just(1e-300),
                    -10.0..10.0_f64,
                ],
                1..300,
            ),
        ) {
            let edges = random_pattern(n, extra, seed);
            let sym = SymbolicLu::analyse_as(n, &edges, Some(supernodes));
            let mut num = sym.numeric();
            let mut slots: Vec<usize> = (0..n).filter_map(|i| sym.entry(i, i)).collect();
            for &(i, j) in &edges {
                slots.extend(sym.entry(i, j));
                slots.extend(sym.entry(j, i));
            }
            for (&slot, &v) in slots.iter().cycle().zip(&values) {
                num.values[slot] = v;
            }
            if sym.factor(&mut num).is_ok() {
                let mut x = vec![1.0; n];
                sym.solve(&mut num, &mut x);
            }
        }
    }
}
