//! The update and solve of each timestep (a day, unless the model says otherwise): the
//! parameters are evaluated, the linear programme's bounds, costs and varying coefficients are
//! set from them, the simplex re-solves from the previous optimal basis, and the storages'
//! volumes move by the step's net inflow per day × its days.

use chrono::NaiveDate;

use super::params::Previous;
use super::program::{Expr, Record, clean, eval};
use super::recorders::{StepView, Tape};
use super::results::{CsvRows, write_csv_header};
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

/// What one scenario combination's run gives: its recorded values, pivots and recorders'
/// samples, or its failure.
type RunOutcome = Result<(Vec<f64>, u64, Tape), EngineError>;

impl Engine {
    /// Runs the whole period from the initial volumes and returns every day's results, for
    /// every scenario combination (see [`Engine::set_threads`]).
    ///
    /// Holding the results of every combination is bounded: more than
    /// [`super::MAX_RESULT_CELLS`] values in all is [`EngineError::TooLarge`] before anything
    /// runs ([`Engine::write_csv`] writes any number of combinations).
    pub fn run(&mut self) -> Result<Results, EngineError> {
        let width = self.records.len();
        let per_run = width * self.periods.len();
        let cells = per_run.saturating_mul(self.combinations.len());
        if cells > super::MAX_RESULT_CELLS {
            return Err(EngineError::TooLarge {
                path: self.path.clone(),
                what: format!(
                    "its results are {width} recorded nodes x {} timesteps x {} scenario combinations = {cells} values; the engine holds at most {} in memory; write them to a file instead (`dostyk water run --out`), or run fewer combinations",
                    self.periods.len(),
                    self.combinations.len(),
                    super::MAX_RESULT_CELLS
                ),
            });
        }
        let mut values = Vec::with_capacity(cells);
        if self.scenario_labels.is_empty() {
            let tape = self.run_days(|_, row| {
                values.extend_from_slice(row);
                Ok(())
            })?;
            self.recorder_values = self.recorders.finish(&[tape], &self.periods);
        } else {
            self.run_scenarios(|_, run| {
                values.extend_from_slice(&run);
                Ok(())
            })?;
        }
        Ok(Results {
            dates: self.periods.iter().map(|p| p.start).collect(),
            columns: self
                .records
                .iter()
                .map(|(n, a, _)| (n.clone(), *a))
                .collect(),
            scenarios: self.scenario_labels.clone(),
            values,
        })
    }

    /// Runs the whole period from the initial volumes and writes the results CSV of
    /// [`Results::write_csv`] (byte for byte) to `out` as it is computed, without holding the
    /// results: memory stays that of one day whatever the span (with scenarios: of the few
    /// combinations running at once). On an error the rows before it have been written; write
    /// to a temporary file and keep it only on `Ok`.
    pub fn write_csv<W: std::io::Write>(&mut self, mut out: W) -> Result<(), EngineError> {
        let path = self.path.clone();
        let write_error = |source| EngineError::Write {
            path: path.clone(),
            source,
        };
        write_csv_header(&mut out, !self.scenario_labels.is_empty()).map_err(write_error)?;
        let columns = self.result_columns();
        let mut rows = CsvRows::new(columns.iter().map(|(n, a)| (n.as_str(), *a)));
        self.run_each(|date, scenario, row| rows.write_day(&mut out, date, scenario, row))?;
        out.flush().map_err(write_error)
    }

    /// The (node, attribute) pairs a run records, sorted by node name: the columns of
    /// [`Results::columns`], and the order of the values [`Engine::run_each`] hands on.
    pub fn result_columns(&self) -> Vec<(String, Attribute)> {
        self.records
            .iter()
            .map(|(n, a, _)| (n.clone(), *a))
            .collect()
    }

    /// Runs the whole period from the initial volumes and hands each timestep's results to
    /// `each(date, scenario, values)` as they are computed, in the order of
    /// [`Results::write_csv`]: one scenario combination after another (`scenario` is its
    /// label, `None` for a model without scenarios), each timestep in date order, `values` one
    /// per column of [`Engine::result_columns`]. Memory stays that of one day (with scenarios:
    /// of the few combinations running at once), so any writer of the results can stream them.
    ///
    /// # Errors
    ///
    /// As [`Engine::run`] (without its limit on the results held), and
    /// [`EngineError::Write`] when `each` fails; the timesteps before an error have been
    /// handed on.
    pub fn run_each(
        &mut self,
        mut each: impl FnMut(NaiveDate, Option<&str>, &[f64]) -> std::io::Result<()>,
    ) -> Result<(), EngineError> {
        let path = self.path.clone();
        let write_error = |source| EngineError::Write {
            path: path.clone(),
            source,
        };
        if self.scenario_labels.is_empty() {
            let tape = self.run_days(|date, row| each(date, None, row).map_err(write_error))?;
            self.recorder_values = self.recorders.finish(&[tape], &self.periods);
        } else {
            let dates: Vec<NaiveDate> = self.periods.iter().map(|p| p.start).collect();
            let labels = self.scenario_labels.clone();
            let width = self.records.len();
            self.run_scenarios(|s, run| {
                for (r, &date) in dates.iter().enumerate() {
                    each(date, Some(&labels[s]), &run[r * width..(r + 1) * width])
                        .map_err(write_error)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Runs every scenario combination from the engine's present state, up to `self.threads`
    /// at once, and hands each one's recorded values (timestep-major, in the order of
    /// `self.records`) to `each_run` in combination order. Each combination runs on a copy of
    /// the engine with its parameters reduced to its members, starting from the same basis, so
    /// the results do not depend on the number of threads; the first failing combination (in
    /// combination order) is the error reported. Each combination records into its own tape;
    /// the recorders' values (per combination, and aggregated over them with each
    /// recorder's `agg_func`) are kept for [`Engine::recorder_values`].
    fn run_scenarios(
        &mut self,
        mut each_run: impl FnMut(usize, Vec<f64>) -> Result<(), EngineError>,
    ) -> Result<(), EngineError> {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let n = self.combinations.len();
        // A batch of combinations runs at once, then is handed on in order: memory stays that
        // of a batch's results (at most MAX_RESULT_CELLS values, and at least one combination)
        // whatever the number of combinations and threads.
        let per_run = (self.records.len() * self.periods.len()).max(1);
        let batch = (self.threads * 2)
            .min(super::MAX_RESULT_CELLS / per_run)
            .clamp(1, n.max(1));
        let threads = self.threads.clamp(1, batch);
        let template: &Engine = &self.clone();
        let mut loop_time = std::time::Duration::ZERO;
        let mut pivots = 0;
        let mut first = 0;
        let mut tapes = Vec::with_capacity(n);
        while first < n {
            let end = (first + batch).min(n);
            let next = AtomicUsize::new(first);
            let failed = AtomicBool::new(false);
            let started = std::time::Instant::now();
            let mut done: Vec<(usize, RunOutcome)> = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..threads.min(end - first))
                    .map(|_| {
                        scope.spawn(|| {
                            let mut mine = Vec::new();
                            while !failed.load(Ordering::Relaxed) {
                                let s = next.fetch_add(1, Ordering::Relaxed);
                                if s >= end {
                                    break;
                                }
                                let result = template.run_combination(s);
                                if result.is_err() {
                                    failed.store(true, Ordering::Relaxed);
                                }
                                mine.push((s, result));
                            }
                            mine
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().unwrap_or_default())
                    .collect()
            });
            loop_time += started.elapsed();
            done.sort_by_key(|(s, _)| *s);
            // Every combination before the highest one started has finished, so the first
            // failure in combination order is among them whatever the threads did.
            if let Some(k) = done.iter().position(|(_, r)| r.is_err()) {
                let (s, result) = done.swap_remove(k);
                if let Err(e) = result {
                    self.last_run = loop_time;
                    return Err(EngineError::InScenario {
                        scenario: self.scenario_labels[s].clone(),
                        source: Box::new(e),
                    });
                }
            }
            if done.len() != end - first {
                // A worker panicked (a bug): report it rather than leave a gap in the results.
                return Err(EngineError::NotConverged {
                    path: self.path.clone(),
                    date: self.periods.first().map_or(NaiveDate::MIN, |p| p.start),
                });
            }
            for (s, result) in done {
                if let Ok((values, p, tape)) = result {
                    pivots += p;
                    tapes.push(tape);
                    each_run(s, values)?;
                }
            }
            first = end;
        }
        self.lp.total_pivots += pivots;
        self.last_run = loop_time;
        self.recorder_values = self.recorders.finish(&tapes, &self.periods);
        Ok(())
    }

    /// Runs combination `s` on a copy of this engine; its recorded values, pivots and
    /// recorders' samples.
    fn run_combination(&self, s: usize) -> RunOutcome {
        let mut engine = self.clone();
        engine.params = self.params.for_combination(&self.combinations[s]);
        let start_pivots = engine.lp.total_pivots;
        let mut values = Vec::with_capacity(self.records.len() * self.periods.len());
        let tape = engine.run_days(|_, row| {
            values.extend_from_slice(row);
            Ok(())
        })?;
        Ok((values, engine.lp.total_pivots - start_pivots, tape))
    }

    /// Runs the whole period, handing each day's recorded values (in the order of
    /// `self.records`) to `each_day`; the recorders' samples of the run.
    pub(super) fn run_days(
        &mut self,
        mut each_day: impl FnMut(NaiveDate, &[f64]) -> Result<(), EngineError>,
    ) -> Result<Tape, EngineError> {
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
            self.params.after_step(&row);
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
        self.last_run = started.elapsed().saturating_sub(handing_on);
        Ok(tape)
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
            // A bound that is not a number would pass both comparisons below unnoticed.
            if lo.is_nan() || hi.is_nan() {
                not_finite.push(j);
            }
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
