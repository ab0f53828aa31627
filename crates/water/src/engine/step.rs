//! The update and solve of each timestep (a day, unless the model says otherwise): the
//! parameters are evaluated, the linear programme's bounds, costs and varying coefficients are
//! set from them, the simplex re-solves from the previous optimal basis, and the storages'
//! volumes move by the step's net inflow per day × its days.

use chrono::NaiveDate;

use super::params::Previous;
use super::program::{Expr, Record, clean, eval};
use super::recorders::StepView;
use super::results::{write_csv_day, write_csv_header};
use super::simplex::SolveFailure;
use super::{Attribute, Engine, EngineError, Results};

/// The largest magnitude of a day's bound, cost or varying coefficient: 1000 times the
/// model's own limit ([`crate::schema::MAX_MODEL_MAGNITUDE`]), room for sums and products of
/// numbers within it. Beyond it (a product of huge factors, a division by a tiny volume) the
/// day stops with [`EngineError::NotANumber`] instead of being solved with lost precision.
const MAX_DAY_MAGNITUDE: f64 = 1e3 * crate::schema::MAX_MODEL_MAGNITUDE;

/// `v` is a number (not NaN) of magnitude at most [`MAX_DAY_MAGNITUDE`].
fn within_range(v: f64) -> bool {
    v.abs() <= MAX_DAY_MAGNITUDE
}

impl Engine {
    /// Runs the whole period from the initial volumes and returns every day's results.
    pub fn run(&mut self) -> Result<Results, EngineError> {
        let width = self.records.len();
        let mut values = Vec::with_capacity(width * self.periods.len());
        self.run_days(|_, row| {
            values.extend_from_slice(row);
            Ok(())
        })?;
        Ok(Results {
            dates: self.periods.iter().map(|p| p.start).collect(),
            columns: self
                .records
                .iter()
                .map(|(n, a, _)| (n.clone(), *a))
                .collect(),
            values,
        })
    }

    /// Runs the whole period from the initial volumes and writes the results CSV of
    /// [`Results::write_csv`] (byte for byte) to `out` day by day, without holding the
    /// results: memory stays that of one day whatever the span. On an error the rows of the
    /// days before it have been written; write to a temporary file and keep it only on `Ok`.
    pub fn write_csv<W: std::io::Write>(&mut self, mut out: W) -> Result<(), EngineError> {
        let path = self.path.clone();
        let write_error = |source| EngineError::Write {
            path: path.clone(),
            source,
        };
        write_csv_header(&mut out).map_err(write_error)?;
        let columns: Vec<(String, Attribute)> = self
            .records
            .iter()
            .map(|(n, a, _)| (n.clone(), *a))
            .collect();
        self.run_days(|date, row| {
            write_csv_day(
                &mut out,
                date,
                columns.iter().map(|(n, a)| (n.as_str(), *a)),
                row,
            )
            .map_err(write_error)
        })?;
        out.flush().map_err(write_error)
    }

    /// Runs the whole period, handing each day's recorded values (in the order of
    /// `self.records`) to `each_day`.
    fn run_days(
        &mut self,
        mut each_day: impl FnMut(NaiveDate, &[f64]) -> Result<(), EngineError>,
    ) -> Result<(), EngineError> {
        for s in &mut self.stores {
            s.reset();
        }
        self.params.reset();
        let width = self.records.len();
        let mut row = vec![0.0; width];
        let mut previous_row = vec![0.0; width];
        let mut tape = self.recorders.tape(self.periods.len());
        let mut pcs = vec![0.0; self.stores.len()];
        let mut volumes = vec![0.0; self.stores.len()];
        let periods = self.periods.clone();
        let started = std::time::Instant::now();
        let mut handing_on = std::time::Duration::ZERO;
        self.last_run = std::time::Duration::ZERO;
        for (k, p) in periods.iter().enumerate() {
            let (date, calendar, days) = (p.start, p.calendar, f64::from(p.days));
            for s in &mut self.stores {
                s.before_step(k, calendar, &self.params.values);
            }
            for ((p, v), s) in pcs.iter_mut().zip(&mut volumes).zip(&self.stores) {
                *p = s.current_pc();
                *v = s.volume;
            }
            self.params.evaluate(
                k,
                calendar,
                &pcs,
                &volumes,
                Previous {
                    recorders: &tape.last,
                    row: &previous_row,
                },
            );
            let mut nan = self.update_lp(days);
            // A bound is infinite for "no limit"; any other value must be within the
            // engine's range (MAX_DAY_MAGNITUDE), or the simplex's arithmetic fails.
            let out_of_range = |v: f64| v.is_finite() && v.abs() > MAX_DAY_MAGNITUDE;
            nan.extend((0..self.base_lower.len()).filter(|&j| {
                let (lo, hi) = (self.lp.lower[j], self.lp.upper[j]);
                lo.is_nan()
                    || hi.is_nan()
                    || out_of_range(lo)
                    || out_of_range(hi)
                    || !within_range(self.lp.cost[j])
            }));
            if !nan.is_empty() {
                return Err(EngineError::NotANumber {
                    path: self.path.clone(),
                    date,
                    nodes: self.labels(&nan),
                });
            }
            if let Err(f) = self.lp.solve() {
                return Err(self.failure(f, date));
            }
            // Debug builds (all tests) re-check feasibility and optimality of every solve.
            #[cfg(debug_assertions)]
            {
                let check = self.lp.verify();
                debug_assert!(
                    check.is_ok(),
                    "simplex invariant broken on {date}: {check:?}"
                );
            }
            for (c, v) in self.col_values.iter_mut().enumerate() {
                *v = self.lp.value(c);
            }
            for s in &mut self.stores {
                s.after_step(&self.col_values, &self.params.values, days);
            }
            for (slot, (_, _, rec)) in row.iter_mut().zip(&self.records) {
                *slot = match rec {
                    Record::Flow(e) => eval(e, &self.col_values),
                    Record::Volume(s) => self.stores[*s].volume,
                    Record::Volumes(ss) => ss.iter().map(|&s| self.stores[s].volume).sum(),
                };
            }
            if !self.recorders.is_empty() {
                self.recorders.observe(
                    &mut tape,
                    &StepView {
                        row: &row,
                        params: &self.params,
                        stores: &self.stores,
                    },
                );
            }
            previous_row.copy_from_slice(&row);
            let handed = std::time::Instant::now();
            each_day(date, &row)?;
            handing_on += handed.elapsed();
        }
        self.recorder_values = self.recorders.finish(&[tape], &self.periods);
        self.last_run = started.elapsed().saturating_sub(handing_on);
        Ok(())
    }

    /// The node names attached to LP variables, sorted and without repeats.
    fn labels(&self, vars: &[usize]) -> Vec<String> {
        let mut names: Vec<String> = vars
            .iter()
            .filter_map(|&j| self.var_labels.get(j))
            .flatten()
            .cloned()
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn failure(&self, f: SolveFailure, date: NaiveDate) -> EngineError {
        let names = |vars: &[usize]| self.labels(vars);
        match f {
            SolveFailure::Infeasible(vars) => EngineError::Infeasible {
                path: self.path.clone(),
                date,
                nodes: names(&vars),
            },
            SolveFailure::Unbounded(j) => EngineError::Unbounded {
                path: self.path.clone(),
                date,
                nodes: names(&[j]),
            },
            SolveFailure::IterationLimit => EngineError::NotConverged {
                path: self.path.clone(),
                date,
            },
        }
    }

    /// Sets this step's bounds, costs and varying coefficients; returns the LP variables of
    /// the rows whose coefficients are not finite (the run stops before solving them).
    fn update_lp(&mut self, days: f64) -> Vec<usize> {
        let mut not_finite = Vec::new();
        let values = &self.params.values;
        self.lp.lower.copy_from_slice(&self.base_lower);
        self.lp.upper.copy_from_slice(&self.base_upper);
        for b in &self.bounds {
            let lo = clean(b.lo.get(values));
            let hi = clean(b.hi.get(values));
            let j = b.var;
            if lo > self.lp.lower[j] {
                self.lp.lower[j] = lo;
            }
            if hi < self.lp.upper[j] {
                self.lp.upper[j] = hi;
            }
        }
        let n = self.lp.structural();
        for s in &self.stores {
            let j = n + s.row;
            let (lo, hi) = s.row_bounds(values, days);
            self.lp.lower[j] = lo;
            self.lp.upper[j] = hi;
        }
        for d in &self.dyn_rows {
            let mut coefs: Expr = Vec::new();
            for (e, coef) in &d.parts {
                let k = coef.get(values);
                coefs.extend(e.iter().map(|&(c, v)| (c, v * k)));
            }
            coefs.sort_by_key(|t| t.0);
            let mut merged: Expr = Vec::with_capacity(coefs.len());
            for (c, v) in coefs {
                match merged.last_mut() {
                    Some(last) if last.0 == c => last.1 += v,
                    _ => merged.push((c, v)),
                }
            }
            for (c, v) in merged {
                if !within_range(v) {
                    not_finite.push(n + d.row);
                }
                self.lp.set_coefficient(d.row, c, v);
            }
        }
        self.lp.cost[..n].iter_mut().for_each(|c| *c = 0.0);
        for t in &self.costs {
            self.lp.cost[t.col] += t.sign * t.src.get(values);
        }
        not_finite
    }
}
