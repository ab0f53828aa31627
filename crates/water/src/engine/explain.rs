//! Why one day's allocation is what it is ([`Engine::explain`]): the constraints that bind at
//! the optimum with their shadow prices, or, on an infeasible day, a smallest set of bounds
//! that cannot hold together (a deletion filter over the day's bounds: an irreducible
//! infeasible subset, IIS).

use std::fmt;

use chrono::NaiveDate;

use super::program::clean;
use super::simplex::{Simplex, SolveFailure};
use super::{Engine, EngineError};

/// Reduced costs smaller than this are zero (the simplex's own dual tolerance).
const PRICE_TOL: f64 = 1e-9;

/// What kind of constraint a bound of the linear programme comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ConstraintKind {
    /// A node's `min_flow` or `max_flow` (or a gauge's band, a link's capacity).
    FlowLimit,
    /// A storage's room: its inflow less outflow over the step is at most the room to
    /// `max_volume` and at least minus the volume above `min_volume`, per day.
    Storage,
    /// A licence or virtual storage: the flows of its nodes are at most what remains of its
    /// volume, per day.
    Licence,
    /// Mass balance at a node: what comes in goes out (its shadow price is the marginal value
    /// of water there).
    Balance,
    /// The flow along a chain of edges cannot be negative (edges carry water one way).
    EdgeFlow,
    /// Another row of a node: an aggregated node's total or factors, a loss link.
    NodeRow,
}

impl ConstraintKind {
    fn label(self) -> &'static str {
        match self {
            ConstraintKind::FlowLimit => "flow limit",
            ConstraintKind::Storage => "storage room",
            ConstraintKind::Licence => "licence volume",
            ConstraintKind::Balance => "mass balance",
            ConstraintKind::EdgeFlow => "edge flow",
            ConstraintKind::NodeRow => "node constraint",
        }
    }
}

/// Which side of its range a bound is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The lower bound (a minimum).
    Lower,
    /// The upper bound (a maximum).
    Upper,
}

/// One bound of the day's linear programme, in the model's terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    /// The nodes the bounded flow or row belongs to (a chain of edges names every node on
    /// it).
    pub nodes: Vec<String>,
    /// Where the bound comes from.
    pub kind: ConstraintKind,
    /// Minimum or maximum.
    pub side: Side,
    /// The bound's value, in the model's flow units (volume per day: a storage's room is
    /// divided by the step's days).
    pub limit: f64,
}

/// A constraint that binds at the day's optimum.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The bound that holds with equality.
    pub bound: Bound,
    /// The flow (or row activity) at the optimum, in the model's flow units per day.
    pub value: f64,
    /// The shadow price: the change of the day's objective (the sum of cost × flow, in the
    /// model's cost units) per unit increase of the bound's limit. Negative on a maximum
    /// that holds water back from a use worth more than its route costs; positive on a
    /// minimum that forces water somewhere it costs.
    pub shadow_price: f64,
}

/// Why one day's allocation is what it is.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Explanation {
    /// The day solved.
    Solved {
        /// The day (the start of its timestep).
        date: NaiveDate,
        /// The day's objective: Σ cost × flow over the columns.
        objective: f64,
        /// The binding constraints: every bound that holds with a nonzero shadow price, and
        /// the flow and storage limits that hold even at a zero price; largest prices first.
        binding: Vec<Binding>,
    },
    /// The day is infeasible.
    Infeasible {
        /// The day (the start of its timestep).
        date: NaiveDate,
        /// Bounds that cannot all hold together, and none can be dropped from the set
        /// without it becoming feasible (an irreducible infeasible subset of the day's bounds;
        /// mass balances are always kept).
        conflict: Vec<Bound>,
    },
}

impl Engine {
    /// Runs the model up to `date` (the timestep that contains it) and explains that day: the
    /// binding constraints with their shadow prices, or on an infeasible day the smallest set
    /// of conflicting bounds found. An error on an earlier day is returned as
    /// [`Engine::run`] would; a date outside the run is [`EngineError::DateOutsideRun`].
    pub fn explain(&mut self, date: NaiveDate) -> Result<Explanation, EngineError> {
        let Some(k) = self.periods.iter().position(|p| {
            p.start <= date && date < p.start + chrono::Days::new(u64::from(p.days.max(1)))
        }) else {
            return Err(EngineError::DateOutsideRun {
                path: self.path.clone(),
                date,
                first: self.periods.first().map(|p| p.start),
                last: self.periods.last().map(|p| p.start),
            });
        };
        let day = self.periods[k].start;
        let all = std::mem::take(&mut self.periods);
        self.periods = all[..=k].to_vec();
        let outcome = self.run_days(|_, _| Ok(()));
        self.periods = all;
        match outcome {
            Ok(_) => Ok(self.binding(day)),
            Err(EngineError::Infeasible { date: d, .. }) if d == day => {
                Ok(Explanation::Infeasible {
                    date: day,
                    conflict: self.conflict(),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// What kind of constraint variable `j`'s bounds come from.
    fn kind(&self, j: usize) -> ConstraintKind {
        let n = self.lp.structural();
        if let Some(s) = self.stores.iter().find(|s| n + s.row == j) {
            return if s.licence.is_some() {
                ConstraintKind::Licence
            } else {
                ConstraintKind::Storage
            };
        }
        if self.bounds.iter().any(|b| b.var == j) {
            return ConstraintKind::FlowLimit;
        }
        if j < n {
            ConstraintKind::EdgeFlow
        } else if self.base_lower[j] == self.base_upper[j] {
            ConstraintKind::Balance
        } else {
            ConstraintKind::NodeRow
        }
    }

    fn bound(&self, j: usize, side: Side, limit: f64) -> Bound {
        let kind = self.kind(j);
        // A flow limit names the nodes whose min_flow/max_flow gave the day's value.
        let mut nodes: Vec<String> = Vec::new();
        if kind == ConstraintKind::FlowLimit {
            let values = &self.params.values;
            for (b, node) in self.bounds.iter().zip(&self.bound_nodes) {
                let v = match side {
                    Side::Lower => clean(b.lo.get(values)),
                    Side::Upper => clean(b.hi.get(values)),
                };
                if b.var == j && v == limit && !nodes.contains(node) {
                    nodes.push(node.clone());
                }
            }
        }
        if nodes.is_empty() {
            nodes = self.var_labels.get(j).cloned().unwrap_or_default();
        }
        Bound {
            nodes,
            kind,
            side,
            limit,
        }
    }

    /// The binding constraints of the LP just solved.
    fn binding(&mut self, date: NaiveDate) -> Explanation {
        let objective = self.lp.objective();
        let prices = self.lp.reduced_costs().to_vec();
        let mut binding = Vec::new();
        for (j, &d) in prices.iter().enumerate().take(self.lp.variables()) {
            let Some(at_upper) = self.lp.at_bound(j) else {
                continue;
            };
            let (lo, hi) = (self.lp.lower[j], self.lp.upper[j]);
            let side = if lo == hi {
                if d < 0.0 { Side::Upper } else { Side::Lower }
            } else if at_upper {
                Side::Upper
            } else {
                Side::Lower
            };
            let limit = if side == Side::Upper { hi } else { lo };
            let bound = self.bound(j, side, limit);
            let priced = d.abs() > PRICE_TOL;
            let limiting = matches!(
                bound.kind,
                ConstraintKind::FlowLimit | ConstraintKind::Storage | ConstraintKind::Licence
            );
            if priced || (limiting && limit.is_finite()) {
                binding.push(Binding {
                    value: self.lp.value(j),
                    shadow_price: if priced { d } else { 0.0 },
                    bound,
                });
            }
        }
        binding.sort_by(|a, b| {
            b.shadow_price
                .abs()
                .total_cmp(&a.shadow_price.abs())
                .then_with(|| a.bound.nodes.cmp(&b.bound.nodes))
                .then_with(|| a.bound.kind.cmp(&b.bound.kind))
                .then_with(|| a.bound.side.cmp(&b.bound.side))
        });
        Explanation::Solved {
            date,
            objective,
            binding,
        }
    }

    /// A deletion filter over the bounds of the infeasible LP in `self.lp`: each finite bound
    /// (mass balances aside) is dropped in turn and kept out when the rest stays infeasible.
    fn conflict(&self) -> Vec<Bound> {
        let mut lp = self.lp.clone();
        let total = lp.variables();
        lp.cost.iter_mut().for_each(|c| *c = 0.0);
        let mut candidates: Vec<(usize, Side)> = Vec::new();
        for j in 0..total {
            if self.kind(j) == ConstraintKind::Balance {
                continue;
            }
            if lp.lower[j].is_finite() {
                candidates.push((j, Side::Lower));
            }
            if lp.upper[j].is_finite() {
                candidates.push((j, Side::Upper));
            }
        }
        let mut kept = Vec::new();
        for &(j, side) in &candidates {
            let slot = match side {
                Side::Lower => &mut lp.lower[j],
                Side::Upper => &mut lp.upper[j],
            };
            let value = *slot;
            *slot = match side {
                Side::Lower => f64::NEG_INFINITY,
                Side::Upper => f64::INFINITY,
            };
            if still_infeasible(&mut lp) {
                continue;
            }
            let slot = match side {
                Side::Lower => &mut lp.lower[j],
                Side::Upper => &mut lp.upper[j],
            };
            *slot = value;
            kept.push(self.bound(j, side, value));
        }
        kept
    }
}

/// Whether `lp` (with zero costs) has no feasible point; a solve that does not converge
/// counts as feasible (the bound under test is kept: the set stays infeasible).
fn still_infeasible(lp: &mut Simplex) -> bool {
    matches!(lp.solve(), Err(SolveFailure::Infeasible(_)))
}

/// Numbers as the results CSV prints them, at most 9 significant digits.
fn num(v: f64) -> String {
    if v == 0.0 {
        return "0".to_owned();
    }
    let s = format!("{v:.9}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.len() > 14 {
        format!("{v:.4e}")
    } else {
        s.to_owned()
    }
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Lower => "min",
        Side::Upper => "max",
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Explanation::Solved {
                date,
                objective,
                binding,
            } => {
                writeln!(
                    f,
                    "{date}: solved; objective {} (Σ cost × flow)",
                    num(*objective)
                )?;
                writeln!(
                    f,
                    "binding constraints (limit and value in the model's flow units per day; shadow price = \
                     change of the objective per unit more of the limit):"
                )?;
                if binding.is_empty() {
                    writeln!(f, "  none")?;
                }
                for b in binding {
                    writeln!(
                        f,
                        "  {} {} {} {} (value {}): shadow price {}",
                        b.bound.nodes.join(" / "),
                        b.bound.kind.label(),
                        side(b.bound.side),
                        num(b.bound.limit),
                        num(b.value),
                        num(b.shadow_price)
                    )?;
                }
                Ok(())
            }
            Explanation::Infeasible { date, conflict } => {
                writeln!(
                    f,
                    "{date}: infeasible; these bounds cannot all hold (in the model's flow units per day; \
                     dropping any one of them makes the day feasible):"
                )?;
                if conflict.is_empty() {
                    writeln!(
                        f,
                        "  (no single set of bounds found: the mass balances alone conflict)"
                    )?;
                }
                for b in conflict {
                    writeln!(
                        f,
                        "  {} {} {} {}",
                        b.nodes.join(" / "),
                        b.kind.label(),
                        side(b.side),
                        num(b.limit)
                    )?;
                }
                Ok(())
            }
        }
    }
}
