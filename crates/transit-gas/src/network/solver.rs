//! Newton–Raphson on pressures and branch mass flows, reduced to a nodal system.
//!
//! Unknowns are the gauge pressures of the non-slack nodes and the mass flow of every branch,
//! exactly as in pandapipes (`pandapipes.pf.calculation.solve_hydraulics`). The branch rows of
//! the Newton system, `a·Δp_from + b·Δp_to + D·Δṁ = −F`, are solved for Δṁ and substituted into
//! the node balances, which leaves a sparse system in the pressures alone with the pattern of the
//! network graph; it is factorised by [`super::sparse_lu`]. A backtracking line search on the
//! residual norm damps the step, so the iteration converges from a flat start.

use std::collections::VecDeque;
use std::time::Instant;

use super::error::NetworkError;
use super::friction::{self, FrictionModel, PipeFriction};
use super::model::{Network, label};
use super::result::{ComponentResult, JunctionResult, PipeResult, Solution, ValveResult};
use super::sparse_lu::{NumericLu, SymbolicLu};
use super::{GRAVITY_M_PER_S2, NORMAL_PRESSURE_BAR, NORMAL_TEMPERATURE_K, PA_PER_BAR};

/// Normal velocity of the regular Jacobian flow floor (`Branch::m_floor`), m/s: pipes with no
/// flow and no laminar term keep a finite derivative.
const FLOOR_VELOCITY_M_PER_S: f64 = 1e-4;

/// Jacobian flow floor of the first iteration, as a multiple of the regular floor: 1e6 gives
/// 100 m/s, the order of flows in transmission pipes.
const FIRST_STEP_FLOOR: f64 = 1e6;

/// Normal velocity of the Jacobian flow floor per √bar of the largest branch residual, m/s.
const FLOOR_VELOCITY_PER_SQRT_BAR: f64 = 0.5;

/// Normal velocity above which the floor never rises after the first iteration, m/s.
const MAX_FLOOR_VELOCITY_M_PER_S: f64 = 1.0;

/// The Jacobian flow floor of the next iteration as a multiple of the regular one, from the
/// largest branch residual `residual_bar`: a normal velocity of 0.5 m/s × √residual, between
/// the regular floor and 1 m/s.
///
/// A branch drop grows with ṁ², so while the residuals are of order r a pipe's flow is only
/// known to about √r: linearised at a smaller flow, Newton's step for it overshoots by the ratio
/// of the two (from ṁ to (ṁ² + ṁ*²)/2ṁ), and the following steps only halve the excess, one
/// iteration each. The floor falls with the residual and reaches the regular one before
/// convergence (at 4·10⁻⁸ bar), so the last iterations are exact Newton steps, quadratic as before.
/// On the meshes of `bench/gas/scale_sweep.py` this takes 7–10 iterations to 6–8.
fn floor_scale(residual_bar: f64) -> f64 {
    let velocity = FLOOR_VELOCITY_PER_SQRT_BAR * residual_bar.sqrt();
    // Also the regular floor for a residual that is not a number.
    if velocity.is_nan() || velocity <= FLOOR_VELOCITY_M_PER_S {
        return 1.0;
    }
    velocity.min(MAX_FLOOR_VELOCITY_M_PER_S) / FLOOR_VELOCITY_M_PER_S
}

/// Options of [`solve`].
#[derive(Debug, Clone, PartialEq)]
pub struct SolverOptions {
    /// Overrides the network's friction model when set.
    pub friction_model: Option<FrictionModel>,
    /// Maximum Newton iterations (default 100).
    pub max_iterations: usize,
    /// Largest accepted residual of a branch equation, bar (default 1e-9).
    pub tolerance_bar: f64,
    /// Largest accepted node mass-balance residual, kg/s, relative to the larger of 1 and the
    /// total withdrawal (default 1e-9).
    pub tolerance_mass: f64,
    /// Colebrook–White only: stop the friction-factor iteration when the largest Newton step of
    /// all pipes is below this (pandapipes' `tolerance_colebrook`, default 1e-4, which Dostyk
    /// follows so that both give the same pressures); 0 solves every pipe to machine precision.
    pub colebrook_tolerance: f64,
}

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions {
            friction_model: None,
            max_iterations: 100,
            tolerance_bar: 1e-9,
            tolerance_mass: 1e-9,
            colebrook_tolerance: 1e-4,
        }
    }
}

/// Ambient pressure at a height, bar (barometric formula,
/// `pandapipes.component_models.component_toolbox.p_correction_height_air`).
pub fn ambient_pressure_bar(height_m: f64) -> f64 {
    NORMAL_PRESSURE_BAR * (1.0 - height_m * 0.0065 / 288.15).powf(5.255)
}

/// Where a solver node comes from (for messages).
#[derive(Debug, Clone, Copy)]
enum Origin {
    Junction(usize),
    PipeInterior(usize),
}

/// What a solver branch's equation is (pandapipes' branch components).
#[derive(Debug, Clone)]
enum BranchKind {
    /// Pipe section, valve, or a component acting as a fixed loss: friction and height.
    Resistance,
    /// Pump: a pressure lift from the curve (coefficients highest power first, bar against
    /// m³/h at the inlet).
    Pump(Vec<f64>),
    /// Compressor: the lift (ratio − 1)·p_from,abs for forward flow.
    Compressor(f64),
    /// Active pressure control: the pressure of node `node` is `set_bar_g`.
    PressureControl { node: usize, set_bar_g: f64 },
    /// Active flow control: the mass flow is fixed, kg/s.
    FlowControl(f64),
}

/// A component of the network that is one solver branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Component {
    Pump(usize),
    Compressor(usize),
    PressureControl(usize),
    FlowControl(usize),
}

#[derive(Debug, Clone)]
struct Branch {
    kind: BranchKind,
    from: usize,
    to: usize,
    length_m: f64,
    d_m: f64,
    area_m2: f64,
    zeta: f64,
    t_out_k: f64,
    friction: PipeFriction,
    /// pₙ / (Tₙ · 10⁵ · ρₙ · A²)
    k_const: f64,
    /// |ṁ| floor used in the Jacobian only (a tiny normal velocity), kg/s.
    m_floor: f64,
    /// Starting mass flow, kg/s.
    m_init: f64,
}

#[derive(Debug, Clone, Copy)]
enum ValveRole {
    Inactive,
    Branch(usize),
    Connector,
}

struct Compiled {
    height: Vec<f64>,
    p_amb: Vec<f64>,
    temp: Vec<f64>,
    load: Vec<f64>,
    slack: Vec<Option<f64>>,
    p_init: Vec<f64>,
    origin: Vec<Origin>,
    junction_node: Vec<Option<usize>>,
    branches: Vec<Branch>,
    pipe_branches: Vec<std::ops::Range<usize>>,
    valve_role: Vec<ValveRole>,
    /// In-service components and their branch.
    components: Vec<(Component, usize)>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Smaller index becomes the root: deterministic.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// Builds the solver nodes and branches. Junctions in `excluded` are treated as out of service.
/// Junctions without a path to a slack are an error when any of them carries a load; otherwise
/// they are returned in `Err(Ok(list))` so that the caller can exclude them (pandapipes leaves them
/// out of the calculation the same way and reports no pressure).
fn compile_with(
    net: &Network,
    model: FrictionModel,
    excluded: &[bool],
) -> Result<Compiled, Result<Vec<usize>, NetworkError>> {
    compile_inner(net, model, excluded)
}

fn compile(net: &Network, model: FrictionModel) -> Result<Compiled, NetworkError> {
    let none = vec![false; net.junctions.len()];
    match compile_with(net, model, &none) {
        Ok(c) => Ok(c),
        Err(Err(e)) => Err(e),
        Err(Ok(isolated)) => {
            let mut excluded = none;
            for j in isolated {
                excluded[j] = true;
            }
            match compile_with(net, model, &excluded) {
                Ok(c) => Ok(c),
                Err(Err(e)) => Err(e),
                // Excluding unreachable junctions cannot leave others unreachable.
                Err(Ok(_)) => Err(NetworkError::NoSlack),
            }
        }
    }
}

fn compile_inner(
    net: &Network,
    model: FrictionModel,
    excluded: &[bool],
) -> Result<Compiled, Result<Vec<usize>, NetworkError>> {
    let in_service = |j: usize| net.junctions[j].in_service && !excluded[j];
    let nj = net.junctions.len();
    let rho_n = net.fluid.normal_density_kg_per_m3();
    let mut uf = UnionFind((0..nj).collect());
    let mut valve_role = vec![ValveRole::Inactive; net.valves.len()];
    for (vi, v) in net.valves.iter().enumerate() {
        let active = v.open && in_service(v.from) && in_service(v.to);
        if active && v.loss_coefficient == 0.0 {
            if net.junctions[v.from].height_m != net.junctions[v.to].height_m {
                return Err(Err(NetworkError::LossFreeValveHeight {
                    valve: label(&v.id, v.name.as_ref()),
                }));
            }
            uf.union(v.from, v.to);
            valve_role[vi] = ValveRole::Connector;
        }
    }
    let mut height = Vec::with_capacity(nj);
    let mut p_amb = Vec::with_capacity(nj);
    let mut temp = Vec::with_capacity(nj);
    let mut origin = Vec::with_capacity(nj);
    let mut p_init_junction: Vec<Option<f64>> = Vec::with_capacity(nj);
    // The ambient pressure of the last height asked for: a network's junctions mostly share a
    // few heights, and each new one costs a power.
    let mut last_ambient = (f64::NAN, f64::NAN);
    let mut ambient = |height_m: f64| {
        if height_m.to_bits() != last_ambient.0.to_bits() {
            last_ambient = (height_m, ambient_pressure_bar(height_m));
        }
        last_ambient.1
    };
    let mut junction_node = vec![None; nj];
    let mut root_node = vec![usize::MAX; nj];
    for (j, node) in junction_node.iter_mut().enumerate() {
        if !in_service(j) {
            continue;
        }
        let r = uf.find(j);
        if root_node[r] == usize::MAX {
            let root = &net.junctions[r];
            root_node[r] = height.len();
            height.push(root.height_m);
            p_amb.push(ambient(root.height_m));
            temp.push(root.temperature_k);
            origin.push(Origin::Junction(r));
            p_init_junction.push(root.initial_pressure_bar_g);
        }
        *node = Some(root_node[r]);
    }
    let n_junction_nodes = height.len();
    let mut load = vec![0.0; n_junction_nodes];
    for l in &net.loads {
        if let Some(n) = junction_node[l.junction] {
            load[n] += l.withdrawal_kg_per_s;
        }
    }
    // Slacks: one per junction. pandapipes takes the mean of several (PitWriteMode.MEAN), a
    // pressure none of them gives, so a second one at an in-service junction is refused.
    let mut per_junction: Vec<Option<usize>> = vec![None; nj];
    for (si, s) in net.slacks.iter().enumerate() {
        if junction_node[s.junction].is_none() {
            continue;
        }
        if let Some(first) = per_junction[s.junction] {
            let f = &net.slacks[first];
            let junction = &net.junctions[s.junction];
            return Err(Err(NetworkError::SlackTwice {
                junction: label(&junction.id, junction.name.as_ref()),
                first: label(&f.id, f.name.as_ref()),
                first_bar_g: f.pressure_bar_g,
                second: label(&s.id, s.name.as_ref()),
                second_bar_g: s.pressure_bar_g,
            }));
        }
        per_junction[s.junction] = Some(si);
    }
    let mut slack: Vec<Option<f64>> = vec![None; n_junction_nodes];
    let mut slack_owner: Vec<usize> = vec![usize::MAX; n_junction_nodes];
    for j in 0..nj {
        let Some(si) = per_junction[j] else { continue };
        let Some(n) = junction_node[j] else { continue };
        let p = net.slacks[si].pressure_bar_g;
        match slack[n] {
            Some(prev) if (prev - p).abs() > 1e-12 => {
                let other = &net.slacks[slack_owner[n]];
                let this = &net.slacks[si];
                return Err(Err(NetworkError::ConflictingSlack {
                    first: label(&other.id, other.name.as_ref()),
                    second: label(&this.id, this.name.as_ref()),
                }));
            }
            _ => {
                slack[n] = Some(p);
                slack_owner[n] = si;
            }
        }
    }
    if slack.iter().all(Option::is_none) {
        return Err(Err(NetworkError::NoSlack));
    }
    let max_slack = slack
        .iter()
        .flatten()
        .fold(f64::NEG_INFINITY, |m, &p| m.max(p));
    let mut p_init: Vec<f64> = (0..n_junction_nodes)
        .map(|n| slack[n].or(p_init_junction[n]).unwrap_or(max_slack))
        .collect();

    let make_branch = |from: usize,
                       to: usize,
                       length_m: f64,
                       d_m: f64,
                       k_m: f64,
                       zeta: f64,
                       t_from: f64,
                       t_out_k: f64| {
        let area_m2 = std::f64::consts::PI * d_m * d_m / 4.0;
        let t_mean = 0.5 * (t_from + t_out_k);
        let eta = net.fluid.viscosity_pa_s.at(t_mean);
        Branch {
            kind: BranchKind::Resistance,
            from,
            to,
            length_m,
            d_m,
            area_m2,
            zeta,
            t_out_k,
            friction: PipeFriction::new(d_m, k_m, eta * area_m2 / d_m, length_m),
            k_const: NORMAL_PRESSURE_BAR
                / (NORMAL_TEMPERATURE_K * PA_PER_BAR * rho_n * area_m2 * area_m2),
            m_floor: FLOOR_VELOCITY_M_PER_S * rho_n * area_m2,
            m_init: 0.1 * area_m2 * rho_n,
        }
    };
    let _ = model;
    let mut branches = Vec::with_capacity(
        net.pipes.len()
            + net.valves.len()
            + net.compressors.len()
            + net.pressure_controls.len()
            + net.flow_controls.len()
            + net.pumps.len(),
    );
    let mut pipe_branches = Vec::with_capacity(net.pipes.len());
    for (pi, pipe) in net.pipes.iter().enumerate() {
        let (Some(nf), Some(nt)) = (junction_node[pipe.from], junction_node[pipe.to]) else {
            pipe_branches.push(0..0);
            continue;
        };
        if !pipe.in_service {
            pipe_branches.push(0..0);
            continue;
        }
        let start = branches.len();
        let sections = pipe.sections.max(1) as usize;
        let jf = &net.junctions[pipe.from];
        let jt = &net.junctions[pipe.to];
        let t_out = jt.temperature_k;
        let seg_len = pipe.length_m / sections as f64;
        let mut prev = nf;
        for s in 0..sections {
            let next = if s + 1 == sections {
                nt
            } else {
                // pandapipes vinterp: interior node s+1 of `sections`, equally spaced.
                let frac = (s + 1) as f64 / sections as f64;
                let h = jf.height_m + frac * (jt.height_m - jf.height_m);
                height.push(h);
                p_amb.push(ambient(h));
                temp.push(jf.temperature_k + frac * (jt.temperature_k - jf.temperature_k));
                origin.push(Origin::PipeInterior(pi));
                let pf = p_init[nf];
                let pt = p_init[nt];
                let pf_j = jf.initial_pressure_bar_g.unwrap_or(pf);
                let pt_j = jt.initial_pressure_bar_g.unwrap_or(pt);
                p_init.push(pf_j + frac * (pt_j - pf_j));
                load.push(0.0);
                slack.push(None);
                height.len() - 1
            };
            let t_from = temp[prev];
            branches.push(make_branch(
                prev,
                next,
                seg_len,
                pipe.inner_diameter_m,
                pipe.roughness_m,
                pipe.loss_coefficient,
                t_from,
                t_out,
            ));
            prev = next;
        }
        pipe_branches.push(start..branches.len());
    }
    for (vi, v) in net.valves.iter().enumerate() {
        if !matches!(valve_role[vi], ValveRole::Inactive) || !v.open {
            continue;
        }
        let (Some(nf), Some(nt)) = (junction_node[v.from], junction_node[v.to]) else {
            continue;
        };
        let t_from = temp[nf];
        let t_out = net.junctions[v.to].temperature_k;
        valve_role[vi] = ValveRole::Branch(branches.len());
        branches.push(make_branch(
            nf,
            nt,
            0.0,
            v.inner_diameter_m,
            1e-3,
            v.loss_coefficient,
            t_from,
            t_out,
        ));
    }

    let components = add_components(
        net,
        &junction_node,
        &temp,
        &slack,
        &mut branches,
        &make_branch,
    )
    .map_err(Err)?;
    for b in &mut branches {
        if let BranchKind::FlowControl(m) = b.kind {
            b.m_init = m;
        }
    }

    // Connectivity from the slacks: an active pressure control passes gas downstream only, an
    // active flow control connects nothing (pandapipes' connectivity check).
    let nn = height.len();
    // The arcs gas can take, as adjacency lists in one array: those of node n are
    // `arcs[start[n]..start[n + 1]]`.
    let arcs_of = |b: &Branch| match b.kind {
        BranchKind::FlowControl(_) => [None, None],
        BranchKind::PressureControl { .. } => [Some((b.from, b.to)), None],
        _ => [Some((b.from, b.to)), Some((b.to, b.from))],
    };
    let mut start = vec![0_usize; nn + 1];
    for (from, _) in branches.iter().flat_map(arcs_of).flatten() {
        start[from + 1] += 1;
    }
    for n in 0..nn {
        start[n + 1] += start[n];
    }
    let mut arcs = vec![0_usize; start[nn]];
    let mut fill = start.clone();
    for (from, to) in branches.iter().flat_map(arcs_of).flatten() {
        arcs[fill[from]] = to;
        fill[from] += 1;
    }
    let mut reached = vec![false; nn];
    let mut queue: VecDeque<usize> = (0..nn).filter(|&n| slack[n].is_some()).collect();
    for &n in &queue {
        reached[n] = true;
    }
    while let Some(n) = queue.pop_front() {
        for &m in &arcs[start[n]..start[n + 1]] {
            if !reached[m] {
                reached[m] = true;
                queue.push_back(m);
            }
        }
    }
    let unreached: Vec<usize> = (0..nj)
        .filter(|&j| junction_node[j].is_some_and(|n| !reached[n]))
        .collect();
    let load_at = |j: usize| {
        net.loads
            .iter()
            .any(|l| l.junction == j && l.withdrawal_kg_per_s != 0.0)
    };
    if !unreached.is_empty() && !unreached.iter().any(|&j| load_at(j)) {
        return Err(Ok(unreached));
    }
    if !unreached.is_empty() {
        let junctions = unreached
            .iter()
            .take(20)
            .map(|&j| net.junction_label(j))
            .collect::<Vec<_>>()
            .join(", ");
        let more = if unreached.len() > 20 {
            format!(" and {} more", unreached.len() - 20)
        } else {
            String::new()
        };
        let closed: Vec<String> = net
            .valves
            .iter()
            .filter(|v| {
                !v.open
                    && [v.from, v.to]
                        .iter()
                        .any(|&j| junction_node[j].is_some_and(|n| !reached[n]))
            })
            .map(|v| label(&v.id, v.name.as_ref()))
            .collect();
        let valves = if closed.is_empty() {
            String::new()
        } else {
            format!(" (closed valves at the boundary: {})", closed.join(", "))
        };
        return Err(Err(NetworkError::Disconnected {
            count: unreached.len(),
            junctions: format!("{junctions}{more}"),
            valves,
        }));
    }
    Ok(Compiled {
        height,
        p_amb,
        temp,
        load,
        slack,
        p_init,
        origin,
        junction_node,
        branches,
        pipe_branches,
        valve_role,
        components,
    })
}

/// Adds a branch for every in-service pump, compressor, pressure control and flow control
/// whose junctions are both in service (pandapipes' branch components without internals:
/// diameter 0.1 m, length 0).
fn add_components(
    net: &Network,
    junction_node: &[Option<usize>],
    temp: &[f64],
    slack: &[Option<f64>],
    branches: &mut Vec<Branch>,
    make_branch: &dyn Fn(usize, usize, f64, f64, f64, f64, f64, f64) -> Branch,
) -> Result<Vec<(Component, usize)>, NetworkError> {
    const D_M: f64 = 0.1;
    const K_M: f64 = 1e-3;
    let mut components = Vec::new();
    let ends = |from: usize, to: usize| match (junction_node[from], junction_node[to]) {
        (Some(f), Some(t)) => Some((f, t)),
        _ => None,
    };
    let mut push = |component, f: usize, t: usize, to_j: usize, zeta: f64, kind| {
        let mut b = make_branch(
            f,
            t,
            0.0,
            D_M,
            K_M,
            zeta,
            temp[f],
            net.junctions[to_j].temperature_k,
        );
        b.kind = kind;
        components.push((component, branches.len()));
        branches.push(b);
    };
    for (i, c) in net.pumps.iter().enumerate() {
        if let (true, Some((f, t))) = (c.in_service, ends(c.from, c.to)) {
            let kind = BranchKind::Pump(c.curve.coefficients.clone());
            push(Component::Pump(i), f, t, c.to, 0.0, kind);
        }
    }
    for (i, c) in net.compressors.iter().enumerate() {
        if let (true, Some((f, t))) = (c.in_service, ends(c.from, c.to)) {
            let kind = BranchKind::Compressor(c.pressure_ratio);
            push(Component::Compressor(i), f, t, c.to, 0.0, kind);
        }
    }
    for (i, c) in net.pressure_controls.iter().enumerate() {
        let Some((f, t)) = ends(c.from, c.to).filter(|_| c.in_service) else {
            continue;
        };
        let kind = if c.control_active {
            let element = || format!("pressure control {}", label(&c.id, c.name.as_ref()));
            let Some(node) = junction_node[c.controlled_junction] else {
                return Err(NetworkError::ComponentOutOfRange {
                    element: element(),
                    problem: format!(
                        "its controlled junction {} is out of service; put it in service or \
                         take the pressure control out of service",
                        net.junction_label(c.controlled_junction)
                    ),
                });
            };
            if slack[node].is_some() {
                return Err(NetworkError::ComponentOutOfRange {
                    element: element(),
                    problem: format!(
                        "its controlled junction {} is held by a slack (ext_grid) already; a \
                         junction's pressure is fixed once: remove the slack or control \
                         another junction",
                        net.junction_label(c.controlled_junction)
                    ),
                });
            }
            BranchKind::PressureControl {
                node,
                set_bar_g: c.set_pressure_bar_g,
            }
        } else {
            BranchKind::Resistance
        };
        push(
            Component::PressureControl(i),
            f,
            t,
            c.to,
            c.loss_coefficient,
            kind,
        );
    }
    for (i, c) in net.flow_controls.iter().enumerate() {
        if let (true, Some((f, t))) = (c.in_service, ends(c.from, c.to)) {
            let kind = if c.control_active {
                BranchKind::FlowControl(c.mass_flow_kg_per_s)
            } else {
                BranchKind::Resistance
            };
            push(Component::FlowControl(i), f, t, c.to, 0.0, kind);
        }
    }
    Ok(components)
}

/// Residuals and Jacobian terms of one evaluation.
struct Evaluation {
    evals: Vec<BranchEval>,
    node_res: Vec<f64>,
    lam: Vec<(f64, f64, f64)>,
}

impl Evaluation {
    fn new(branches: usize, free: usize) -> Self {
        Evaluation {
            evals: vec![BranchEval::default(); branches],
            node_res: vec![0.0; free],
            lam: vec![(0.0, 0.0, 0.0); branches],
        }
    }
}

/// Per-branch quantities of one evaluation.
#[derive(Debug, Clone, Copy, Default)]
struct BranchEval {
    residual: f64,
    d_from: f64,
    d_to: f64,
    d_mass: f64,
    /// Derivative in the pressure of an active pressure control's controlled node.
    d_ctrl: f64,
}

struct System<'a> {
    c: &'a Compiled,
    model: FrictionModel,
    rho_n: f64,
    fluid: &'a super::fluid::Fluid,
    /// Solver index of each node (`None` for slacks).
    free: Vec<Option<usize>>,
    m_ref: f64,
    frictions: Vec<PipeFriction>,
    colebrook_tolerance: f64,
}

/// Value and derivative at `x` of the polynomial with `coefficients`, highest power first.
pub(crate) fn polynomial(coefficients: &[f64], x: f64) -> (f64, f64) {
    let (mut value, mut slope) = (0.0, 0.0);
    for &c in coefficients {
        slope = slope * x + value;
        value = value * x + c;
    }
    (value, slope)
}

/// Mean pressure of a pipe, pₘ = ⅔(p₁³ − p₂³)/(p₁² − p₂²), written in a form without
/// cancellation, with its derivatives.
fn mean_pressure(pi: f64, pj: f64) -> (f64, f64, f64) {
    let s = pi + pj;
    let pm = 2.0 / 3.0 * (pi * pi + pi * pj + pj * pj) / s;
    let di = 2.0 / 3.0 * (pi * pi + 2.0 * pi * pj) / (s * s);
    let dj = 2.0 / 3.0 * (pj * pj + 2.0 * pi * pj) / (s * s);
    (pm, di, dj)
}

impl System<'_> {
    /// Gas density at absolute pressure `p` and temperature `t`, and its derivative in p.
    fn real_density(&self, p: f64, t: f64) -> (f64, f64) {
        let z = self.fluid.compressibility.at(p);
        let dz = self.fluid.compressibility.derivative_at(p);
        let c = self.rho_n * NORMAL_TEMPERATURE_K / (t * NORMAL_PRESSURE_BAR);
        (c * p / z, c * (z - p * dz) / (z * z))
    }

    /// Branch residual and (when `jac`) its derivatives. `None` when a pressure is not positive.
    /// Single letters follow the formula in docs/methodology.md.
    #[allow(clippy::many_single_char_names)]
    fn branch(
        &self,
        b: &Branch,
        p: &[f64],
        m: f64,
        friction_now: (f64, f64, f64),
        jac: bool,
        floor_scale: f64,
    ) -> Option<BranchEval> {
        let c = self.c;
        let pi = p[b.from] + c.p_amb[b.from];
        let pj = p[b.to] + c.p_amb[b.to];
        if !(pi > 0.0 && pj > 0.0) {
            return None;
        }
        match b.kind {
            // The set point replaces the branch equation (pandapipes); its flow is whatever the
            // node balances need. Written set − p so that, like a pipe's, its derivative in the
            // downstream pressure is −1.
            BranchKind::PressureControl { node, set_bar_g } => {
                return Some(BranchEval {
                    residual: set_bar_g - p[node],
                    d_ctrl: -1.0,
                    ..BranchEval::default()
                });
            }
            BranchKind::FlowControl(set) => {
                return Some(BranchEval {
                    residual: m - set,
                    d_mass: 1.0,
                    ..BranchEval::default()
                });
            }
            _ => {}
        }
        let s = pi + pj;
        let (pm, dpm_i, dpm_j) = mean_pressure(pi, pj);
        let z = self.fluid.compressibility.at(pm);
        let t_from = c.temp[b.from];
        let t_mean = 0.5 * (t_from + b.t_out_k);
        let cst = b.k_const * t_mean;
        let (lam, dlam, _) = friction_now;
        let fric = if b.length_m == 0.0 {
            b.zeta
        } else {
            lam * b.length_m / b.d_m + b.zeta
        };
        let mm = m * m.abs();
        let drop = cst * z * mm * fric / s;
        let dh = c.height[b.from] - c.height[b.to];
        let (mut h, mut dh_i, mut dh_j) = (0.0, 0.0, 0.0);
        if dh != 0.0 {
            let (rf, drf) = self.real_density(pi, t_from);
            let (rt, drt) = self.real_density(pj, b.t_out_k);
            let g = GRAVITY_M_PER_S2 * dh / PA_PER_BAR;
            h = 0.5 * (rf + rt) * g;
            dh_i = 0.5 * drf * g;
            dh_j = 0.5 * drt * g;
        }
        // Pressure lift of a pump or compressor and its derivatives in ṁ and p_from.
        let (lift, dlift_m, dlift_i) = match &b.kind {
            BranchKind::Pump(curve) => self.pump_lift(curve, m, pi, t_from),
            BranchKind::Compressor(ratio) if m >= 0.0 => ((ratio - 1.0) * pi, 0.0, ratio - 1.0),
            _ => (0.0, 0.0, 0.0),
        };
        let residual = pi - pj + h - drop + lift;
        if !jac {
            return Some(BranchEval {
                residual,
                ..BranchEval::default()
            });
        }
        let dz = self.fluid.compressibility.derivative_at(pm);
        let common = cst * mm * fric;
        let d_from = 1.0 + dh_i - common * (dz * dpm_i / s - z / (s * s));
        let d_to = -1.0 + dh_j - common * (dz * dpm_j / s - z / (s * s));
        let floor = b.m_floor * floor_scale;
        let (mj, lam_j, dlam_j) = if m.abs() < floor {
            let mj = if m < 0.0 { -floor } else { floor };
            let (l, dl, _) = friction::lambda(self.model, &b.friction, mj);
            (mj, l, dl)
        } else {
            (m, lam, dlam)
        };
        let fric_j = if b.length_m == 0.0 {
            b.zeta
        } else {
            lam_j * b.length_m / b.d_m + b.zeta
        };
        let dfric = if b.length_m == 0.0 {
            0.0
        } else {
            dlam_j * b.length_m / b.d_m
        };
        let d_mass = -cst * z / s * (2.0 * mj.abs() * fric_j + dfric * mj * mj.abs()) + dlift_m;
        Some(BranchEval {
            residual,
            d_from: d_from + dlift_i,
            d_to,
            d_mass,
            d_ctrl: 0.0,
        })
    }

    /// A pump's lift (bar) at mass flow `m` and absolute inlet pressure `p_from` (bar), with its
    /// derivatives in ṁ and p_from, as pandapipes' `Pump._compute_pl`: the volume flow at the
    /// inlet, V̇ = ṁ·pₙ·T·Z(p)/(p·Tₙ·ρₙ), in m³/h gives the lift from the curve; a reverse flow
    /// or a negative value of the polynomial gives no lift. The derivative in p_from is left
    /// out, as in pandapipes (it only shapes the Newton step).
    fn pump_lift(&self, curve: &[f64], m: f64, p_from: f64, t_from: f64) -> (f64, f64, f64) {
        let norm = NORMAL_PRESSURE_BAR * t_from * self.fluid.compressibility.at(p_from)
            / (p_from * NORMAL_TEMPERATURE_K);
        let dvol_dm = norm / self.rho_n;
        let vol = m * dvol_dm;
        let x = vol.max(0.0) * 3600.0;
        let (lift, slope) = polynomial(curve, x);
        if vol >= 0.0 && lift > 0.0 {
            (lift, 3600.0 * slope * dvol_dm, 0.0)
        } else {
            (0.0, 0.0, 0.0)
        }
    }

    /// p_from − p_to + the hydrostatic term of branch `b`, bar absolute: the pressure the branch
    /// takes away in its direction (negative when it would have to raise the pressure).
    fn static_drop(&self, b: &Branch, p: &[f64]) -> f64 {
        let c = self.c;
        let pi = p[b.from] + c.p_amb[b.from];
        let pj = p[b.to] + c.p_amb[b.to];
        let dh = c.height[b.from] - c.height[b.to];
        let h = if dh == 0.0 {
            0.0
        } else {
            let (rf, _) = self.real_density(pi, c.temp[b.from]);
            let (rt, _) = self.real_density(pj, b.t_out_k);
            0.5 * (rf + rt) * GRAVITY_M_PER_S2 * dh / PA_PER_BAR
        };
        pi - pj + h
    }

    /// λ, dλ/dṁ and Re of every branch at flows `m`.
    fn friction_factors(&self, m: &[f64], out: &mut [(f64, f64, f64)]) {
        if self.model == FrictionModel::Colebrook {
            friction::colebrook_all(&self.frictions, m, self.colebrook_tolerance, out);
        } else {
            for (e, b) in self.c.branches.iter().enumerate() {
                out[e] = friction::lambda(self.model, &b.friction, m[e]);
            }
        }
    }

    /// Residuals of all equations at (p, m) into `out`; `None` if some pressure is not positive.
    fn evaluate(
        &self,
        p: &[f64],
        m: &[f64],
        jac: bool,
        floor_scale: f64,
        out: &mut Evaluation,
    ) -> Option<()> {
        let Evaluation {
            evals,
            node_res,
            lam,
        } = out;
        self.friction_factors(m, lam);
        for v in node_res.iter_mut() {
            *v = 0.0;
        }
        for (n, f) in self.free.iter().enumerate() {
            if let Some(k) = f {
                node_res[*k] = -self.c.load[n];
            }
        }
        for (e, b) in self.c.branches.iter().enumerate() {
            evals[e] = self.branch(b, p, m[e], lam[e], jac, floor_scale)?;
            if let Some(k) = self.free[b.to] {
                node_res[k] += m[e];
            }
            if let Some(k) = self.free[b.from] {
                node_res[k] -= m[e];
            }
        }
        Some(())
    }

    fn merit(&self, evals: &[BranchEval], node_res: &[f64]) -> f64 {
        let b: f64 = evals.iter().map(|e| e.residual * e.residual).sum();
        let n: f64 = node_res
            .iter()
            .map(|r| (r / self.m_ref) * (r / self.m_ref))
            .sum();
        b + n
    }
}

fn max_residual(evals: &[BranchEval], node_res: &[f64]) -> (f64, f64) {
    let b = evals.iter().fold(0.0_f64, |a, e| a.max(e.residual.abs()));
    let n = node_res.iter().fold(0.0_f64, |a, r| a.max(r.abs()));
    (b, n)
}

/// Solves the network: pressures at every junction and mass flows in every pipe and valve.
///
/// The time in [`Solution::solve_seconds`] covers this call (network analysis, ordering and
/// Newton iterations), not reading or writing files.
///
/// # Errors
///
/// The network cannot be solved (no slack, a disconnected load, no convergence, …). For a
/// network read from a file ([`Network::source_name`] set) the error is
/// [`NetworkError::InNetwork`], which names the file; [`NetworkError::reason`] gives the reason
/// alone.
pub fn solve(net: &Network, options: &SolverOptions) -> Result<Solution, NetworkError> {
    solve_unnamed(net, options).map_err(|error| match &net.source_name {
        Some(source_name) => NetworkError::InNetwork {
            source_name: source_name.clone(),
            error: Box::new(error),
        },
        None => error,
    })
}

/// Solves `net` once per step of a time series: `steps[k]` holds the withdrawal of every load of
/// the network at step k, in the order of [`Network::loads`] (kg/s, negative for a source, as
/// [`Load::withdrawal_kg_per_s`](super::Load)). The network is analysed once (model, ordering,
/// symbolic factorisation) and every step starts from the previous step's solution, which is
/// what makes a series of thousands of steps cheap; pandapipes' `run_timeseries` runs a full
/// `pipeflow` per step. `on_step(k, solution)` receives each step's solution (its
/// `solve_seconds` the step's own time) and may stop the series with an error.
///
/// # Errors
///
/// The network cannot be solved (as [`solve`]); a step has not one number per load or a
/// non-finite one ([`NetworkError::InvalidElement`]); a step has no solution
/// ([`NetworkError::InStep`], with the step and the reason); or `on_step` fails.
pub fn solve_series(
    net: &Network,
    options: &SolverOptions,
    steps: &[Vec<f64>],
    mut on_step: impl FnMut(usize, &Solution) -> Result<(), NetworkError>,
) -> Result<(), NetworkError> {
    let name = |error: NetworkError| match &net.source_name {
        Some(source_name) => NetworkError::InNetwork {
            source_name: source_name.clone(),
            error: Box::new(error),
        },
        None => error,
    };
    super::validate::validate(net, options).map_err(name)?;
    let mut prepared = Prepared::new(net, options).map_err(name)?;
    let (mut p, mut m) = prepared.start();
    for (k, withdrawals) in steps.iter().enumerate() {
        let started = Instant::now();
        if withdrawals.len() != net.loads.len() || withdrawals.iter().any(|w| !w.is_finite()) {
            return Err(NetworkError::InvalidElement {
                element: format!("step {k} of the time series"),
                field: "withdrawal_kg_per_s",
                problem: format!(
                    "holds {} numbers ({} of them finite); expected a finite withdrawal for each \
                     of the network's {} loads",
                    withdrawals.len(),
                    withdrawals.iter().filter(|w| w.is_finite()).count(),
                    net.loads.len()
                ),
            });
        }
        prepared.set_loads(withdrawals);
        let floor = if k == 0 { FIRST_STEP_FLOOR } else { 1.0 };
        let mut solution = prepared
            .solve_from(&mut p, &mut m, floor)
            .map_err(|error| {
                name(NetworkError::InStep {
                    step: k,
                    error: Box::new(error),
                })
            })?;
        solution.solve_seconds = started.elapsed().as_secs_f64();
        on_step(k, &solution)?;
    }
    Ok(())
}

/// [`solve`], with errors that do not name the input.
fn solve_unnamed(net: &Network, options: &SolverOptions) -> Result<Solution, NetworkError> {
    super::validate::validate(net, options)?;
    let started = Instant::now();
    let prepared = Prepared::new(net, options)?;
    let (mut p, mut m) = prepared.start();
    let mut solution = prepared.solve_from(&mut p, &mut m, FIRST_STEP_FLOOR)?;
    solution.solve_seconds = started.elapsed().as_secs_f64();
    Ok(solution)
}

/// A network analysed once for repeated solves with other loads (a time series): the compiled
/// model, the ordering and the symbolic factorisation of the nodal system.
struct Prepared<'a> {
    net: &'a Network,
    options: &'a SolverOptions,
    model: FrictionModel,
    c: Compiled,
    free: Vec<Option<usize>>,
    n_free: usize,
    symbolic: SymbolicLu,
    stamps: Vec<Stamp>,
    /// The positions in the factors' values of the reduced matrix's entries, ascending.
    entries: Vec<usize>,
}

/// Where a branch's Newton terms go in the reduced system, packed for the loops that run at
/// every iteration (the branch itself is much larger): its four matrix entries (from–from,
/// from–to, to–from, to–to) as indices into [`Prepared::entries`], and the rows of its two
/// ends; [`OUTSIDE`] where the entry or the row is not in the system (a slack end).
///
/// The branches add their terms into the matrix's entries alone, a small array, which is then
/// copied into the cleared factor values in one ascending pass. Scattered straight into the
/// values, the terms of a 20,000-pipe mesh would land all over their 4 MB, most of them a cache
/// miss (the assembly took about twice as long); each entry takes the same terms in the same
/// order either way, so the system is the same bit for bit.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    entries: [usize; 4],
    from: usize,
    to: usize,
}

/// An entry or row of a [`Stamp`] outside the reduced system.
const OUTSIDE: usize = usize::MAX;

impl Stamp {
    /// The step's pressure change at the `end` row, 0 at a slack.
    fn dp(end: usize, dp: &[f64]) -> f64 {
        if end == OUTSIDE { 0.0 } else { dp[end] }
    }
}

impl<'a> Prepared<'a> {
    fn new(net: &'a Network, options: &'a SolverOptions) -> Result<Self, NetworkError> {
        let model = options.friction_model.unwrap_or(net.friction_model);
        let c = compile(net, model)?;
        let nn = c.height.len();
        let mut free = vec![None; nn];
        let mut n_free = 0;
        for (slot, slack) in free.iter_mut().zip(&c.slack) {
            if slack.is_none() {
                *slot = Some(n_free);
                n_free += 1;
            }
        }
        // Symbolic analysis of the reduced system.
        let mut edges = Vec::new();
        for b in &c.branches {
            if let (Some(i), Some(j)) = (free[b.from], free[b.to])
                && i != j
            {
                edges.push((i, j));
            }
            // Bordering an active pressure control couples its ends with the controlled node.
            if let BranchKind::PressureControl { node, .. } = b.kind
                && let Some(k) = free[node]
            {
                for end in [b.from, b.to] {
                    if let Some(i) = free[end]
                        && i != k
                    {
                        edges.push((i, k));
                    }
                }
            }
        }
        let symbolic = SymbolicLu::analyse(n_free, &edges);
        let mut stamps: Vec<Stamp> = c
            .branches
            .iter()
            .map(|b| {
                let (f, t) = (free[b.from], free[b.to]);
                let pos = |r: Option<usize>, col: Option<usize>| match (r, col) {
                    (Some(r), Some(col)) => symbolic.entry(r, col).unwrap_or(OUTSIDE),
                    _ => OUTSIDE,
                };
                Stamp {
                    entries: [pos(f, f), pos(f, t), pos(t, f), pos(t, t)],
                    from: f.unwrap_or(OUTSIDE),
                    to: t.unwrap_or(OUTSIDE),
                }
            })
            .collect();
        // Value positions so far; now the entries they make (marked in a bit set of the
        // values, numbered in ascending order), and the stamps' indices into them: the number
        // of marked positions below, from a count per 64-bit word and the word's own bits.
        let mut marked = vec![0_u64; symbolic.values_len().div_ceil(64)];
        for q in stamps.iter().flat_map(|s| s.entries) {
            if q != OUTSIDE {
                marked[q / 64] |= 1 << (q % 64);
            }
        }
        let mut below = Vec::with_capacity(marked.len());
        let mut entries = Vec::new();
        for (w, &bits) in marked.iter().enumerate() {
            below.push(entries.len());
            let mut rest = bits;
            while rest != 0 {
                entries.push(64 * w + rest.trailing_zeros() as usize);
                rest &= rest - 1;
            }
        }
        for q in stamps.iter_mut().flat_map(|s| &mut s.entries) {
            if *q != OUTSIDE {
                let lower_bits = marked[*q / 64] & ((1 << (*q % 64)) - 1);
                *q = below[*q / 64] + lower_bits.count_ones() as usize;
            }
        }

        Ok(Prepared {
            net,
            options,
            model,
            c,
            free,
            n_free,
            symbolic,
            stamps,
            entries,
        })
    }

    /// pandapipes' flat start: pressures at the slacks' or the junctions' nominal pressure,
    /// flows at a normal velocity of 0.1 m/s (flow controls at their set flow).
    fn start(&self) -> (Vec<f64>, Vec<f64>) {
        let c = &self.c;
        let p = (0..c.height.len())
            .map(|n| c.slack[n].unwrap_or(c.p_init[n]))
            .collect();
        let m = c.branches.iter().map(|b| b.m_init).collect();
        (p, m)
    }

    /// Sets the withdrawal of every load of the network (in the order of [`Network::loads`]).
    fn set_loads(&mut self, withdrawals_kg_per_s: &[f64]) {
        let c = &mut self.c;
        c.load.iter_mut().for_each(|l| *l = 0.0);
        for (l, &w) in self.net.loads.iter().zip(withdrawals_kg_per_s) {
            if let Some(n) = c.junction_node[l.junction] {
                c.load[n] += w;
            }
        }
    }

    /// Newton's method from (p, m), which end at the solution; `first_floor` scales the flow
    /// floor of the first Jacobian ([`FIRST_STEP_FLOOR`] from a flat start, 1 from a solution).
    #[allow(clippy::too_many_lines)]
    fn solve_from(
        &self,
        p: &mut Vec<f64>,
        m: &mut Vec<f64>,
        first_floor: f64,
    ) -> Result<Solution, NetworkError> {
        let (net, options, model, c) = (self.net, self.options, self.model, &self.c);
        let (symbolic, stamps, n_free) = (&self.symbolic, &self.stamps, self.n_free);
        let mut entry_values = vec![0.0; self.entries.len()];
        let nn = c.height.len();
        let total_load: f64 = c.load.iter().map(|l| l.abs()).sum();
        let max_load = c.load.iter().fold(0.0_f64, |a, l| a.max(l.abs()));
        let sys = System {
            c,
            model,
            rho_n: net.fluid.normal_density_kg_per_m3(),
            fluid: &net.fluid,
            free: self.free.clone(),
            m_ref: max_load.max(1e-3),
            frictions: c.branches.iter().map(|b| b.friction).collect(),
            colebrook_tolerance: options.colebrook_tolerance,
        };
        let tol_bar = options.tolerance_bar;
        let tol_mass = options.tolerance_mass * total_load.max(1.0);
        let mut numeric: NumericLu = symbolic.numeric();
        let nb = c.branches.len();
        let mut cur = Evaluation::new(nb, n_free);
        let mut trial = Evaluation::new(nb, n_free);
        let mut rhs = vec![0.0; n_free];
        let mut dm = vec![0.0; nb];
        let mut p_trial = p.clone();
        let mut m_trial = m.clone();
        let mut constrained: Vec<usize> = Vec::new();

        check_compressibility(c, net, p, "at the start")?;
        // The first Jacobian takes every flow at least at a normal velocity of 100 m/s (FIRST_STEP_FLOOR):
        // from a flat start the flows are tiny and the exact Jacobian would send them far off.
        if sys.evaluate(p, m, true, first_floor, &mut cur).is_none() {
            let (junction, pressure) = lowest_pressure(c, net, p);
            return Err(NetworkError::NegativePressure {
                junction,
                pressure_bar_abs: pressure,
                iterations: 0,
            });
        }
        let mut iterations = 0;
        let mut last_full_step_negative: Option<(String, f64)> = None;
        let converged;
        loop {
            let (rb, rn) = max_residual(&cur.evals, &cur.node_res);
            if rb <= tol_bar && rn <= tol_mass {
                converged = true;
                break;
            }
            if iterations >= options.max_iterations {
                converged = false;
                break;
            }
            iterations += 1;
            let next_floor = floor_scale(rb);
            // Assemble the reduced system. Branches whose equation does not hold the flow (d_mass
            // 0: compressors, pressure controls, loss-free components, pumps beyond their curve)
            // keep their flow as an unknown and are solved by bordering (`constrained_step`).
            rhs.copy_from_slice(&cur.node_res);
            constrained.clear();
            entry_values.fill(0.0);
            for (e, (stamp, ev)) in stamps.iter().zip(&cur.evals).enumerate() {
                if ev.d_mass == 0.0 {
                    constrained.push(e);
                    continue;
                }
                let inv = 1.0 / ev.d_mass;
                let [ff, ft, tf, tt] = stamp.entries;
                if stamp.to != OUTSIDE {
                    rhs[stamp.to] -= ev.residual * inv;
                }
                if stamp.from != OUTSIDE {
                    rhs[stamp.from] += ev.residual * inv;
                }
                let a = ev.d_from * inv;
                let bb = ev.d_to * inv;
                // Row from (A = −1), row to (A = +1).
                if ff != OUTSIDE {
                    entry_values[ff] -= a;
                }
                if ft != OUTSIDE {
                    entry_values[ft] -= bb;
                }
                if tf != OUTSIDE {
                    entry_values[tf] += a;
                }
                if tt != OUTSIDE {
                    entry_values[tt] += bb;
                }
            }
            numeric.values.fill(0.0);
            for (&q, &v) in self.entries.iter().zip(&entry_values) {
                numeric.values[q] = v;
            }
            let rows = constraint_rows(&sys, &cur.evals, &constrained);
            augment(symbolic, &mut numeric, &mut rhs, &rows);
            if let Err(step) = symbolic.factor(&mut numeric) {
                let node = (0..nn).find(|&n| sys.free[n] == Some(step)).unwrap_or(0);
                return Err(NetworkError::Singular {
                    junction: node_label(c, net, node),
                });
            }
            symbolic.solve(&mut numeric, &mut rhs);
            let flows =
                constrained_step(symbolic, &mut numeric, &mut rhs, &rows, n_free).map_err(|i| {
                    NetworkError::Undetermined {
                        element: branch_label(c, net, constrained[i]),
                    }
                })?;
            for ((dm, stamp), ev) in dm.iter_mut().zip(stamps).zip(&cur.evals) {
                if ev.d_mass != 0.0 {
                    *dm = (-ev.residual
                        - ev.d_from * Stamp::dp(stamp.from, &rhs)
                        - ev.d_to * Stamp::dp(stamp.to, &rhs))
                        / ev.d_mass;
                }
            }
            let dp_of = |n: usize, rhs: &[f64]| sys.free[n].map_or(0.0, |k| rhs[k]);
            for (&e, y) in constrained.iter().zip(flows) {
                dm[e] = y;
            }
            // Backtracking line search on the scaled residual norm.
            let phi0 = sys.merit(&cur.evals, &cur.node_res);
            let mut alpha = 1.0;
            let mut accepted = false;
            while alpha >= 1.0 / 1024.0 {
                for n in 0..nn {
                    p_trial[n] = p[n] + alpha * dp_of(n, &rhs);
                }
                for e in 0..nb {
                    m_trial[e] = m[e] + alpha * dm[e];
                }
                let ok = sys
                    .evaluate(&p_trial, &m_trial, true, next_floor, &mut trial)
                    .is_some();
                if alpha == 1.0 {
                    last_full_step_negative = if ok {
                        None
                    } else {
                        Some(lowest_pressure(c, net, &p_trial))
                    };
                }
                if ok && sys.merit(&trial.evals, &trial.node_res) <= (1.0 - 1e-4 * alpha) * phi0 {
                    accepted = true;
                    break;
                }
                alpha *= 0.5;
            }
            if !accepted {
                // Take the smallest step that keeps pressures positive and go on.
                alpha = 1.0 / 1024.0;
                loop {
                    for n in 0..nn {
                        p_trial[n] = p[n] + alpha * dp_of(n, &rhs);
                    }
                    if (0..nn).all(|n| p_trial[n] + c.p_amb[n] > 0.0) || alpha < 1e-12 {
                        break;
                    }
                    alpha *= 0.5;
                }
                for e in 0..nb {
                    m_trial[e] = m[e] + alpha * dm[e];
                }
            }
            std::mem::swap(p, &mut p_trial);
            std::mem::swap(m, &mut m_trial);
            if accepted {
                // The accepted trial point was evaluated with its Jacobian terms.
                std::mem::swap(&mut cur, &mut trial);
            } else if sys.evaluate(p, m, true, next_floor, &mut cur).is_none() {
                let (junction, pressure) = lowest_pressure(c, net, p);
                return Err(NetworkError::NegativePressure {
                    junction,
                    pressure_bar_abs: pressure,
                    iterations,
                });
            }
        }
        let (rb, rn) = max_residual(&cur.evals, &cur.node_res);
        let residual = rb.max(rn);
        if !converged {
            if let Some((junction, pressure)) = last_full_step_negative {
                return Err(NetworkError::NegativePressure {
                    junction,
                    pressure_bar_abs: pressure,
                    iterations,
                });
            }
            let (element, equation, worst) =
                worst_equation(c, net, &sys.free, &cur, tol_bar, tol_mass);
            return Err(NetworkError::NotConverged {
                iterations,
                residual,
                element,
                equation,
                worst_residual: worst,
            });
        }
        check_compressibility(c, net, p, "in the solution")?;
        check_components(&sys, net, p, m, tol_bar, tol_mass)?;
        for b in &c.branches {
            let (pm, _, _) = mean_pressure(p[b.from] + c.p_amb[b.from], p[b.to] + c.p_amb[b.to]);
            check_z(net, pm, || node_label(c, net, b.from), "in the solution")?;
        }
        sys.friction_factors(m, &mut cur.lam);
        let mut solution = results(net, &sys, p, m, &cur.lam);
        solution.converged = true;
        solution.iterations = iterations;
        solution.residual = residual;
        solution.friction_model = model;
        Ok(solution)
    }
}

/// One branch whose flow is an unknown of the step: its equation as a row in the free pressures
/// (`entries`: free index and coefficient) with its residual, and its ends (free indices).
struct ConstraintRow {
    entries: Vec<(usize, f64)>,
    residual: f64,
    from: Option<usize>,
    to: Option<usize>,
}

fn constraint_rows(
    sys: &System<'_>,
    evals: &[BranchEval],
    constrained: &[usize],
) -> Vec<ConstraintRow> {
    constrained
        .iter()
        .map(|&e| {
            let b = &sys.c.branches[e];
            let ev = evals[e];
            let mut entries = Vec::with_capacity(2);
            let ctrl = match b.kind {
                BranchKind::PressureControl { node, .. } => Some(node),
                _ => None,
            };
            for (node, d) in [
                (Some(b.from), ev.d_from),
                (Some(b.to), ev.d_to),
                (ctrl, ev.d_ctrl),
            ] {
                if let Some(k) = node.and_then(|n| sys.free[n])
                    && d != 0.0
                {
                    entries.push((k, d));
                }
            }
            ConstraintRow {
                entries,
                residual: ev.residual,
                from: sys.free[b.from],
                to: sys.free[b.to],
            }
        })
        .collect()
}

/// Adds w·(row) to the balances of a constrained branch's ends (minus at the to-node, plus at
/// the from-node, the signs of its flow), which changes nothing at the solution (the row is 0
/// there) but ties a part of the network that hangs on a compressor or pressure control to the
/// rest, so the nodal matrix stays regular. w is the largest diagonal at the two ends: of the
/// order of the network's conductances.
fn augment(
    symbolic: &SymbolicLu,
    numeric: &mut NumericLu,
    rhs: &mut [f64],
    rows: &[ConstraintRow],
) {
    if rows.is_empty() {
        return;
    }
    let weights: Vec<f64> = {
        let diagonal = |k: usize| {
            symbolic
                .entry(k, k)
                .map_or(0.0, |q| numeric.values[q].abs())
        };
        let global = (0..rhs.len()).map(diagonal).fold(0.0_f64, f64::max);
        rows.iter()
            .map(|row| {
                let w = [row.from, row.to]
                    .iter()
                    .flatten()
                    .map(|&k| diagonal(k))
                    .fold(0.0_f64, f64::max);
                if w > 0.0 {
                    w
                } else if global > 0.0 {
                    global
                } else {
                    1.0
                }
            })
            .collect()
    };
    for (row, &w) in rows.iter().zip(&weights) {
        for (end, sign) in [(row.to, 1.0), (row.from, -1.0)] {
            let Some(r) = end else { continue };
            rhs[r] += sign * w * row.residual;
            for &(q, gamma) in &row.entries {
                if let Some(pos) = symbolic.entry(r, q) {
                    numeric.values[pos] -= sign * w * gamma;
                }
            }
        }
    }
}

/// Completes the step for the constrained branches. On entry `rhs` holds z = M'⁻¹·rhs' (the
/// augmented system); their flows y solve S·y = −F − C·z with S = C·M'⁻¹·B (B: +1 at the
/// to-node, −1 at the from-node), and the pressure step is z + M'⁻¹·B·y, written into `rhs`.
/// Returns the flows, or the position of a branch whose flow is not determined.
fn constrained_step(
    symbolic: &SymbolicLu,
    numeric: &mut NumericLu,
    rhs: &mut [f64],
    rows: &[ConstraintRow],
    n_free: usize,
) -> Result<Vec<f64>, usize> {
    let k = rows.len();
    if k == 0 {
        return Ok(Vec::new());
    }
    let mut columns = Vec::with_capacity(k);
    for row in rows {
        let mut x = vec![0.0; n_free];
        if let Some(t) = row.to {
            x[t] += 1.0;
        }
        if let Some(f) = row.from {
            x[f] -= 1.0;
        }
        symbolic.solve(numeric, &mut x);
        columns.push(x);
    }
    let apply =
        |row: &ConstraintRow, x: &[f64]| row.entries.iter().map(|&(q, g)| g * x[q]).sum::<f64>();
    let mut s: Vec<Vec<f64>> = rows
        .iter()
        .map(|row| columns.iter().map(|x| apply(row, x)).collect())
        .collect();
    let mut g: Vec<f64> = rows
        .iter()
        .map(|row| -row.residual - apply(row, rhs))
        .collect();
    let y = dense_solve(&mut s, &mut g)?;
    for (x, &yi) in columns.iter().zip(&y) {
        for (r, &xv) in rhs.iter_mut().zip(x) {
            *r += xv * yi;
        }
    }
    Ok(y)
}

/// Gaussian elimination with partial pivoting; `Err(i)` names the unknown without a pivot.
fn dense_solve(a: &mut [Vec<f64>], b: &mut [f64]) -> Result<Vec<f64>, usize> {
    let k = b.len();
    let scale = a.iter().flatten().fold(0.0_f64, |m, v| m.max(v.abs()));
    for col in 0..k {
        let pivot = (col..k)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        if a[pivot][col].is_nan() || a[pivot][col].abs() <= 1e-12 * scale {
            return Err(col);
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for i in col + 1..k {
            let f = a[i][col] / a[col][col];
            if f != 0.0 {
                let (top, bottom) = a.split_at_mut(i);
                for (x, &y) in bottom[0][col..].iter_mut().zip(&top[col][col..]) {
                    *x -= f * y;
                }
                b[i] -= f * b[col];
            }
        }
    }
    let mut y = vec![0.0; k];
    for i in (0..k).rev() {
        let mut acc = b[i];
        for j in i + 1..k {
            acc -= a[i][j] * y[j];
        }
        y[i] = acc / a[i][i];
    }
    Ok(y)
}

/// The equation furthest outside its tolerance: (element, equation, residual). Branch equations
/// are in bar against `tol_bar`, node balances in kg/s against `tol_mass`.
fn worst_equation(
    c: &Compiled,
    net: &Network,
    free: &[Option<usize>],
    eval: &Evaluation,
    tol_bar: f64,
    tol_mass: f64,
) -> (String, &'static str, f64) {
    let branch = eval
        .evals
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.residual.abs().total_cmp(&b.1.residual.abs()));
    let node = eval
        .node_res
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
    let branch_ratio = branch.map_or(0.0, |(_, e)| e.residual.abs() / tol_bar);
    let node_ratio = node.map_or(0.0, |(_, r)| r.abs() / tol_mass);
    match (branch, node) {
        (Some((e, ev)), _) if branch_ratio >= node_ratio => (
            branch_label(c, net, e),
            match c.branches[e].kind {
                BranchKind::Resistance => "pressure-drop equation (bar)",
                BranchKind::Pump(_) => "pump-curve equation (bar)",
                BranchKind::Compressor(_) => "pressure-ratio equation (bar)",
                BranchKind::PressureControl { .. } => "set-pressure equation (bar)",
                BranchKind::FlowControl(_) => "set-flow equation (kg/s)",
            },
            ev.residual,
        ),
        (_, Some((row, &balance))) => {
            let node = free.iter().position(|&f| f == Some(row)).unwrap_or(0);
            let element = match c.origin[node] {
                Origin::Junction(j) => format!("junction {}", net.junction_label(j)),
                Origin::PipeInterior(_) => node_label(c, net, node),
            };
            (element, "mass balance (kg/s)", balance)
        }
        _ => (String::new(), "no equation", 0.0),
    }
}

/// The pipe or valve a solver branch belongs to.
fn branch_label(c: &Compiled, net: &Network, e: usize) -> String {
    if let Some(pi) = c.pipe_branches.iter().position(|r| r.contains(&e)) {
        let pipe = &net.pipes[pi];
        return format!("pipe {}", label(&pipe.id, pipe.name.as_ref()));
    }
    let valve = c
        .valve_role
        .iter()
        .position(|r| matches!(r, ValveRole::Branch(b) if *b == e))
        .map(|vi| &net.valves[vi]);
    if let Some(v) = valve {
        return format!("valve {}", label(&v.id, v.name.as_ref()));
    }
    c.components
        .iter()
        .find(|(_, b)| *b == e)
        .map_or_else(String::new, |&(component, _)| {
            component_label(net, component)
        })
}

/// "compressor 3 (name)" and so on.
fn component_label(net: &Network, component: Component) -> String {
    let (kind, id, name) = match component {
        Component::Pump(i) => ("pump", &net.pumps[i].id, net.pumps[i].name.as_ref()),
        Component::Compressor(i) => (
            "compressor",
            &net.compressors[i].id,
            net.compressors[i].name.as_ref(),
        ),
        Component::PressureControl(i) => (
            "pressure control",
            &net.pressure_controls[i].id,
            net.pressure_controls[i].name.as_ref(),
        ),
        Component::FlowControl(i) => (
            "flow control",
            &net.flow_controls[i].id,
            net.flow_controls[i].name.as_ref(),
        ),
    };
    format!("{kind} {}", label(id, name))
}

fn node_label(c: &Compiled, net: &Network, node: usize) -> String {
    match c.origin[node] {
        Origin::Junction(j) => net.junction_label(j),
        Origin::PipeInterior(pi) => {
            let pipe = &net.pipes[pi];
            format!("interior of pipe {}", label(&pipe.id, pipe.name.as_ref()))
        }
    }
}

#[allow(clippy::many_single_char_names)]
/// Refuses a solution in which a component works backwards: gas flowing against a pump or
/// compressor, or back through a pressure control, or a pressure control or flow control that
/// would have to raise the pressure (pandapipes returns such states without a word).
fn check_components(
    sys: &System<'_>,
    net: &Network,
    p: &[f64],
    m: &[f64],
    tol_bar: f64,
    tol_mass: f64,
) -> Result<(), NetworkError> {
    let c = sys.c;
    let gauge = |j: usize| {
        c.junction_node[j].map_or(f64::NAN, |n| {
            p[n] + c.p_amb[n] - ambient_pressure_bar(net.junctions[j].height_m)
        })
    };
    for &(component, e) in &c.components {
        let b = &c.branches[e];
        let (from, to) = component_ends(net, component);
        let flow = m[e];
        let drop = sys.static_drop(b, p);
        let problem = match (&b.kind, component) {
            (BranchKind::Pump(_) | BranchKind::Compressor(_), _) if flow < -tol_mass => {
                Some(format!(
                    "gas would flow against its direction, {:.6} kg/s from junction {} to junction {}; \
                 it only moves gas from its inlet to its outlet (pandapipes would pass the gas \
                 through it without a pressure change): turn it round, take it out of service, \
                 or change the pressures and loads that drive the flow back",
                    -flow,
                    net.junction_label(to),
                    net.junction_label(from)
                ))
            }
            (BranchKind::PressureControl { .. }, Component::PressureControl(i)) => {
                let pc = &net.pressure_controls[i];
                if flow < -tol_mass {
                    Some(format!(
                        "gas would flow back through it, {:.6} kg/s from junction {} to junction \
                         {}; a pressure control passes gas from its inlet to its outlet only: \
                         check the set point ({} bar g at junction {}) against the pressures \
                         downstream",
                        -flow,
                        net.junction_label(to),
                        net.junction_label(from),
                        pc.set_pressure_bar_g,
                        net.junction_label(pc.controlled_junction)
                    ))
                } else if drop < -10.0 * tol_bar {
                    Some(format!(
                        "cannot hold junction {} at {} bar g: its inlet junction {} is at {:.6} bar \
                         g and its outlet would have to be {:.6} bar higher; a pressure control \
                         only lowers the pressure: lower the set point or raise the pressure \
                         upstream",
                        net.junction_label(pc.controlled_junction),
                        pc.set_pressure_bar_g,
                        net.junction_label(from),
                        gauge(from),
                        -drop
                    ))
                } else {
                    None
                }
            }
            (BranchKind::FlowControl(set), _) if drop * set.signum() < -10.0 * tol_bar => {
                Some(format!(
                    "cannot pass {set} kg/s: the pressure would have to rise by {:.6} bar in the \
                     direction of the flow (junction {} at {:.6} bar g, junction {} at {:.6} bar \
                     g); a flow control only lowers the pressure: lower the set flow or raise the \
                     pressure upstream",
                    (drop * set.signum()).abs(),
                    net.junction_label(from),
                    gauge(from),
                    net.junction_label(to),
                    gauge(to)
                ))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(NetworkError::ComponentOutOfRange {
                element: component_label(net, component),
                problem,
            });
        }
    }
    Ok(())
}

/// Refuses a compressibility factor that is not positive at any node's absolute pressure.
fn check_compressibility(
    c: &Compiled,
    net: &Network,
    p: &[f64],
    stage: &'static str,
) -> Result<(), NetworkError> {
    for (n, &pn) in p.iter().enumerate() {
        check_z(net, pn + c.p_amb[n], || node_label(c, net, n), stage)?;
    }
    Ok(())
}

/// Refuses a compressibility factor that is not positive at absolute pressure `pressure`.
fn check_z(
    net: &Network,
    pressure: f64,
    junction: impl FnOnce() -> String,
    stage: &'static str,
) -> Result<(), NetworkError> {
    let z = net.fluid.compressibility.at(pressure);
    if z > 0.0 && z.is_finite() {
        Ok(())
    } else {
        Err(NetworkError::Compressibility {
            junction: junction(),
            pressure_bar_abs: pressure,
            z,
            stage,
        })
    }
}

fn lowest_pressure(c: &Compiled, net: &Network, p: &[f64]) -> (String, f64) {
    let mut best = (0, f64::INFINITY);
    for (n, &pn) in p.iter().enumerate() {
        let abs = pn + c.p_amb[n];
        if abs < best.1 {
            best = (n, abs);
        }
    }
    (node_label(c, net, best.0), best.1)
}

fn results(
    net: &Network,
    sys: &System<'_>,
    p: &[f64],
    m: &[f64],
    friction_now: &[(f64, f64, f64)],
) -> Solution {
    let c = sys.c;
    let junctions: Vec<JunctionResult> = net
        .junctions
        .iter()
        .enumerate()
        .map(|(j, junction)| JunctionResult {
            id: junction.id.clone(),
            name: junction.name.clone(),
            pressure_bar_g: c.junction_node[j]
                .map(|n| p[n] + c.p_amb[n] - ambient_pressure_bar(junction.height_m)),
        })
        .collect();
    let rho_n = sys.rho_n;
    let pipes = net
        .pipes
        .iter()
        .enumerate()
        .map(|(pi, pipe)| {
            let range = c.pipe_branches[pi].clone();
            if range.is_empty() {
                return PipeResult::inactive(pipe);
            }
            let count = range.len() as f64;
            let (mut v_sum, mut lam_sum, mut re_sum) = (0.0, 0.0, 0.0);
            for e in range.clone() {
                let b = &c.branches[e];
                let pa = p[b.from] + c.p_amb[b.from];
                let pb = p[b.to] + c.p_amb[b.to];
                let pm = if (pa - pb).abs() <= 1e-8 + 1e-5 * pb.abs() {
                    pa
                } else {
                    mean_pressure(pa, pb).0
                };
                let t_mean = 0.5 * (c.temp[b.from] + b.t_out_k);
                let norm = NORMAL_PRESSURE_BAR * t_mean / NORMAL_TEMPERATURE_K
                    * sys.fluid.compressibility.at(pm)
                    / pm;
                v_sum += m[e] / rho_n / b.area_m2 * norm;
                let (lam, _, re) = friction_now[e];
                lam_sum += lam;
                re_sum += re;
            }
            let mass = m[range.start];
            PipeResult {
                id: pipe.id.clone(),
                name: pipe.name.clone(),
                mass_flow_kg_per_s: Some(mass),
                normal_volume_flow_m3_per_h: Some(mass / rho_n * 3600.0),
                velocity_m_per_s: Some(v_sum / count),
                reynolds: Some(re_sum / count),
                lambda: Some(lam_sum / count),
            }
        })
        .collect();
    let valve_flows = connector_flows(net, c, m);
    let valves = net
        .valves
        .iter()
        .enumerate()
        .map(|(vi, v)| {
            let mass = match c.valve_role[vi] {
                ValveRole::Branch(e) => Some(m[e]),
                ValveRole::Connector => Some(valve_flows[vi]),
                ValveRole::Inactive => {
                    if c.junction_node[v.from].is_some() && c.junction_node[v.to].is_some() {
                        Some(0.0)
                    } else {
                        None
                    }
                }
            };
            ValveResult {
                id: v.id.clone(),
                name: v.name.clone(),
                mass_flow_kg_per_s: mass,
                normal_volume_flow_m3_per_h: mass.map(|q| q / rho_n * 3600.0),
            }
        })
        .collect();
    let p_junction: Vec<Option<f64>> = junctions
        .iter()
        .map(|j: &JunctionResult| j.pressure_bar_g)
        .collect();
    let pumps = component_results(
        net,
        c,
        &p_junction,
        m,
        rho_n,
        &net.pumps,
        |x| (&x.id, x.name.as_ref()),
        Component::Pump,
    );
    let compressors = component_results(
        net,
        c,
        &p_junction,
        m,
        rho_n,
        &net.compressors,
        |x| (&x.id, x.name.as_ref()),
        Component::Compressor,
    );
    let pressure_controls = component_results(
        net,
        c,
        &p_junction,
        m,
        rho_n,
        &net.pressure_controls,
        |x| (&x.id, x.name.as_ref()),
        Component::PressureControl,
    );
    let flow_controls = component_results(
        net,
        c,
        &p_junction,
        m,
        rho_n,
        &net.flow_controls,
        |x| (&x.id, x.name.as_ref()),
        Component::FlowControl,
    );
    Solution {
        converged: false,
        iterations: 0,
        residual: 0.0,
        solve_seconds: 0.0,
        friction_model: sys.model,
        junctions,
        pipes,
        valves,
        pumps,
        compressors,
        pressure_controls,
        flow_controls,
    }
}

/// The junctions a component joins.
fn component_ends(net: &Network, component: Component) -> (usize, usize) {
    match component {
        Component::Pump(i) => (net.pumps[i].from, net.pumps[i].to),
        Component::Compressor(i) => (net.compressors[i].from, net.compressors[i].to),
        Component::PressureControl(i) => {
            (net.pressure_controls[i].from, net.pressure_controls[i].to)
        }
        Component::FlowControl(i) => (net.flow_controls[i].from, net.flow_controls[i].to),
    }
}

#[allow(clippy::too_many_arguments)]
/// Results of one kind of component, in input order: flow and pressure lift of those solved,
/// `None` for those out of service.
fn component_results<T>(
    net: &Network,
    c: &Compiled,
    p_junction: &[Option<f64>],
    m: &[f64],
    rho_n: f64,
    items: &[T],
    id: impl Fn(&T) -> (&super::model::ElementId, Option<&String>),
    which: impl Fn(usize) -> Component,
) -> Vec<ComponentResult> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (id, name) = id(item);
            let component = which(i);
            let branch = c
                .components
                .iter()
                .find(|(k, _)| *k == component)
                .map(|&(_, e)| e);
            let (from, to) = component_ends(net, component);
            let mass = branch.map(|e| m[e]);
            ComponentResult {
                id: id.clone(),
                name: name.cloned(),
                mass_flow_kg_per_s: mass,
                normal_volume_flow_m3_per_h: mass.map(|q| q / rho_n * 3600.0),
                pressure_lift_bar: branch
                    .and(p_junction[to].zip(p_junction[from]))
                    .map(|(pt, pf)| pt - pf),
            }
        })
        .collect()
}

/// Flows through loss-free valves (merged junctions), from the mass balance of each junction on
/// a spanning tree of the connectors (a loop of loss-free valves carries no circulating flow).
#[allow(clippy::many_single_char_names)]
fn connector_flows(net: &Network, c: &Compiled, m: &[f64]) -> Vec<f64> {
    let nj = net.junctions.len();
    let mut flows = vec![0.0; net.valves.len()];
    let connectors: Vec<usize> = (0..net.valves.len())
        .filter(|&v| matches!(c.valve_role[v], ValveRole::Connector))
        .collect();
    if connectors.is_empty() {
        return flows;
    }
    // Net outflow demanded at each junction from its pipes, valves with losses and loads.
    let mut demand = vec![0.0; nj];
    for l in &net.loads {
        demand[l.junction] += l.withdrawal_kg_per_s;
    }
    for (pi, pipe) in net.pipes.iter().enumerate() {
        let range = c.pipe_branches[pi].clone();
        if range.is_empty() {
            continue;
        }
        demand[pipe.from] += m[range.start];
        demand[pipe.to] -= m[range.end - 1];
    }
    for (vi, v) in net.valves.iter().enumerate() {
        if let ValveRole::Branch(e) = c.valve_role[vi] {
            demand[v.from] += m[e];
            demand[v.to] -= m[e];
        }
    }
    for &(component, e) in &c.components {
        let (from, to) = component_ends(net, component);
        demand[from] += m[e];
        demand[to] -= m[e];
    }
    let mut adj: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nj];
    for &vi in &connectors {
        let v = &net.valves[vi];
        adj[v.from].push((v.to, vi));
        adj[v.to].push((v.from, vi));
    }
    let slack_at: Vec<bool> = {
        let mut s = vec![false; nj];
        for sl in &net.slacks {
            s[sl.junction] = true;
        }
        s
    };
    let mut visited = vec![false; nj];
    // Roots: slack junctions first, so that they absorb the imbalance.
    let mut roots: Vec<usize> = (0..nj).filter(|&j| slack_at[j]).collect();
    roots.extend((0..nj).filter(|&j| !slack_at[j]));
    for root in roots {
        if visited[root] || adj[root].is_empty() {
            continue;
        }
        visited[root] = true;
        let mut order = vec![root];
        let mut parent: Vec<(usize, usize)> = Vec::new(); // (parent junction, valve) per order entry
        parent.push((usize::MAX, usize::MAX));
        let mut i = 0;
        while i < order.len() {
            let j = order[i];
            for &(k, vi) in &adj[j] {
                if !visited[k] {
                    visited[k] = true;
                    order.push(k);
                    parent.push((j, vi));
                }
            }
            i += 1;
        }
        let mut need: Vec<f64> = order.iter().map(|&j| demand[j]).collect();
        let index_of = |j: usize, order: &[usize]| order.iter().position(|&o| o == j);
        for idx in (1..order.len()).rev() {
            let (pj, vi) = parent[idx];
            let j = order[idx];
            let v = &net.valves[vi];
            // Flow from parent to j equals what j's subtree needs.
            flows[vi] = if v.from == pj && v.to == j {
                need[idx]
            } else {
                -need[idx]
            };
            if let Some(pidx) = index_of(pj, &order) {
                need[pidx] += need[idx];
            }
        }
    }
    flows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::fluid::Property;
    use crate::network::parse_network;

    #[test]
    fn the_jacobian_floor_falls_with_the_residual_to_the_regular_one() {
        // 0.5 m/s per √bar, capped at 1 m/s, never below the regular 10⁻⁴ m/s.
        let velocity = |r: f64| floor_scale(r) * FLOOR_VELOCITY_M_PER_S;
        assert!((velocity(1e-2) - 0.05).abs() < 1e-12);
        assert!((velocity(1.0) - 0.5).abs() < 1e-12);
        let cap = MAX_FLOOR_VELOCITY_M_PER_S / FLOOR_VELOCITY_M_PER_S;
        assert_eq!(floor_scale(16.0), cap);
        assert_eq!(floor_scale(f64::INFINITY), cap);
        assert_eq!(floor_scale(1e-8), 1.0);
        assert_eq!(floor_scale(0.0), 1.0);
        assert_eq!(floor_scale(f64::NAN), 1.0);
        let mut last = 0.0;
        for k in -12..4 {
            let scale = floor_scale(10_f64.powi(k));
            assert!(scale >= last, "not monotone at 1e{k} bar");
            last = scale;
        }
    }

    const NO_SLACK: &str = r#"{"format": "dostyk-gas-network/1",
      "fluid": {"name": "lgas", "normal_density_kg_per_m3": 0.8, "dynamic_viscosity_pa_s": 1.1e-5,
                "compressibility": {"slope_per_bar": -0.0022}},
      "temperature_k": 288.15,
      "junctions": [{"id": "A"}, {"id": "B"}],
      "pipes": [{"id": "AB", "from": "A", "to": "B", "length_km": 1, "inner_diameter_mm": 100,
                 "roughness_mm": 0.02}],
      "slack_nodes": [],
      "sinks": [{"junction": "B", "mass_flow_kg_per_s": 1}]}"#;

    #[test]
    fn errors_name_the_input_the_network_was_read_from() {
        let mut net = parse_network(NO_SLACK, "grid.json").unwrap();
        let e = solve(&net, &SolverOptions::default()).unwrap_err();
        assert!(matches!(e.reason(), NetworkError::NoSlack), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("grid.json: the network has no in-service pressure slack"),
            "{e}"
        );
        // Built in code (no source), the error is the solver's own.
        net.source_name = None;
        let e = solve(&net, &SolverOptions::default()).unwrap_err();
        assert!(matches!(e, NetworkError::NoSlack), "{e:?}");
    }

    #[test]
    fn a_second_slack_at_a_junction_is_refused_naming_both() {
        let two = NO_SLACK.replace(
            "\"slack_nodes\": []",
            "\"slack_nodes\": [{\"id\": \"S1\", \"junction\": \"A\", \"pressure_bar_g\": 50}, \
             {\"id\": \"S2\", \"junction\": \"A\", \"pressure_bar_g\": 10}]",
        );
        let e = solve(
            &parse_network(&two, "g.json").unwrap(),
            &SolverOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(e.reason(), NetworkError::SlackTwice { .. }),
            "{e:?}"
        );
        assert!(
            e.to_string().starts_with(
                "g.json: slacks \"S1\" (50 bar g) and \"S2\" (10 bar g) both fix the pressure \
                 of junction \"A\""
            ),
            "{e}"
        );
        // Even at one pressure: a junction has one slack.
        let same = two.replace("\"pressure_bar_g\": 10", "\"pressure_bar_g\": 50");
        let e = solve(
            &parse_network(&same, "g.json").unwrap(),
            &SolverOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(e.reason(), NetworkError::SlackTwice { .. }),
            "{e:?}"
        );
        // One slack at each end is two slacks, not one given twice.
        let ends = two.replace(
            "\"junction\": \"A\", \"pressure_bar_g\": 10",
            "\"junction\": \"B\", \"pressure_bar_g\": 49",
        );
        assert!(
            solve(
                &parse_network(&ends, "g.json").unwrap(),
                &SolverOptions::default()
            )
            .is_ok()
        );
    }

    fn with_slack(slope: f64, bar_g: f64) -> String {
        NO_SLACK
            .replace("\"slope_per_bar\": -0.0022", &format!("\"slope_per_bar\": {slope}"))
            .replace(
                "\"slack_nodes\": []",
                &format!("\"slack_nodes\": [{{\"id\": \"S\", \"junction\": \"A\", \"pressure_bar_g\": {bar_g}}}]"),
            )
    }

    #[test]
    fn a_compressibility_not_positive_at_the_network_pressures_is_refused() {
        let e = solve(
            &parse_network(&with_slack(-1.0, 50.0), "z.json").unwrap(),
            &SolverOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(
                e.reason(),
                NetworkError::Compressibility {
                    stage: "at the start",
                    ..
                }
            ),
            "{e:?}"
        );
        let text = e.to_string();
        assert!(
            text.starts_with("z.json: fluid field \"compressibility\": Z is -"),
            "{text}"
        );
        assert!(
            text.contains("bar absolute (junction \"A\", at the start)"),
            "{text}"
        );
        // Z = 1 - 0.02 p: positive at the slack's 40 bar g (about 41 bar absolute), and
        // down the pipe, where pressure only falls.
        assert!(
            solve(
                &parse_network(&with_slack(-0.02, 40.0), "z.json").unwrap(),
                &SolverOptions::default()
            )
            .is_ok()
        );
    }

    #[test]
    fn a_compressibility_not_positive_in_the_solution_is_refused() {
        // Z from a table, positive at the slack (about 11 bar absolute), not below 10.8 bar.
        let mut net = parse_network(&with_slack(-0.0022, 10.0), "z.json").unwrap();
        net.fluid.compressibility = Property::Table {
            x: vec![0.0, 10.8, 11.2],
            y: vec![-1.0, 0.0, 1.0],
        };
        let e = solve(&net, &SolverOptions::default()).unwrap_err();
        assert!(
            matches!(
                e.reason(),
                NetworkError::Compressibility {
                    stage: "in the solution",
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(
            e.to_string().contains("(junction \"B\", in the solution)"),
            "{e}"
        );
    }
}
