//! What the engine carries from one day to the next: each storage's and virtual storage's
//! volume and proportional volume, and each licence's reset and season state.
//!
//! [`Store::reset`] sets the state at the start of a run, [`Store::before_step`] applies
//! licence resets and season switches (pywr's node `before`), and [`Store::after_step`] adds
//! the day's net inflow (pywr's node `after`).

use chrono::{Datelike, NaiveDate};

use super::params::Source;
use super::program::{Expr, clean, eval};

/// A virtual storage's refill rule and its state.
#[derive(Debug, Clone)]
pub(super) enum Licence {
    /// `annualvirtualstorage` and `seasonalvirtualstorage`.
    Annual(AnnualLicence),
    /// `monthlyvirtualstorage`.
    Monthly(MonthlyLicence),
    /// `rollingvirtualstorage`.
    Rolling(RollingLicence),
}

/// Seasonal and annual licence state.
#[derive(Debug, Clone)]
pub(super) struct AnnualLicence {
    pub(super) reset_day: u32,
    pub(super) reset_month: u32,
    pub(super) reset_to_initial_volume: bool,
    pub(super) end: Option<(u32, u32)>,
    pub(super) max_is_parameter: bool,
    pub(super) active: bool,
    pub(super) last_reset_year: Option<i32>,
    pub(super) last_active_year: Option<i32>,
}

/// A licence refilled every `months` calendar months (pywr's `MonthlyVirtualStorage`).
#[derive(Debug, Clone)]
pub(super) struct MonthlyLicence {
    pub(super) months: u32,
    pub(super) initial_months: u32,
    pub(super) reset_to_initial_volume: bool,
    /// Months counted since the last refill (pywr's `_count`, starting at `initial_months − 1`).
    pub(super) count: i64,
    pub(super) last_month: Option<u32>,
}

/// A rolling licence (pywr's `RollingVirtualStorage`): the volume used on a step returns to it
/// `timesteps − 1` steps later.
#[derive(Debug, Clone)]
pub(super) struct RollingLicence {
    /// The use assumed on each step of the window before the run (pywr's
    /// `_initial_utilisation`).
    pub(super) initial_use: f64,
    /// The use of each of the last `timesteps − 1` steps (a ring).
    pub(super) memory: Vec<f64>,
    pub(super) pointer: usize,
}

/// A storage or virtual storage.
#[derive(Debug, Clone)]
pub(super) struct Store {
    pub(super) max_volume: Source,
    pub(super) min_volume: Source,
    /// `max_volume` when it is a literal or a `constant` parameter.
    pub(super) max_constant: Option<f64>,
    pub(super) initial_volume: Option<f64>,
    pub(super) initial_pc: Option<f64>,
    /// Net inflow in the columns (for a licence: −Σ factor × member flow).
    pub(super) expr: Expr,
    /// The row index of its constraint.
    pub(super) row: usize,
    pub(super) licence: Option<Licence>,
    pub(super) volume: f64,
    pub(super) pc_raw: f64,
}

impl Store {
    /// pywr's `get_initial_volume` / `get_initial_pc`.
    pub(super) fn initial(&self) -> (f64, f64) {
        match self.max_constant {
            Some(mxv) => {
                let vol = match (self.initial_pc, self.initial_volume) {
                    (Some(pc), _) => pc * mxv,
                    (None, Some(v)) => v,
                    (None, None) => 0.0,
                };
                let pc = match (self.initial_pc, self.initial_volume) {
                    (Some(pc), _) => pc,
                    (None, Some(v)) if mxv != 0.0 => v / mxv,
                    _ => f64::NAN,
                };
                (vol, pc)
            }
            None => (
                self.initial_volume.unwrap_or(0.0),
                self.initial_pc.unwrap_or(f64::NAN),
            ),
        }
    }

    /// pywr's `get_current_pc`: NaN or above 1 → 1, below 0 → 0.
    pub(super) fn current_pc(&self) -> f64 {
        if self.pc_raw.is_nan() || self.pc_raw > 1.0 {
            1.0
        } else if self.pc_raw < 0.0 {
            0.0
        } else {
            self.pc_raw
        }
    }

    /// The state at the start of a run: the initial volume, an active licence never reset.
    pub(super) fn reset(&mut self) {
        let (v, pc) = self.initial();
        self.volume = v;
        self.pc_raw = pc;
        match &mut self.licence {
            Some(Licence::Annual(l)) => {
                l.active = true;
                l.last_reset_year = None;
                l.last_active_year = None;
            }
            Some(Licence::Monthly(l)) => {
                l.count = i64::from(l.initial_months) - 1;
                l.last_month = None;
            }
            Some(Licence::Rolling(l)) => {
                let u = l.initial_use;
                l.memory.fill(u);
                l.pointer = 0;
            }
            None => {}
        }
    }

    /// pywr's `_reset_storage_only`: back to the initial volume, or full.
    fn refill(&mut self, use_initial: bool, values: &[f64]) {
        if use_initial {
            (self.volume, self.pc_raw) = self.initial();
        } else {
            let mxv = self.max_volume.get(values);
            self.volume = mxv;
            self.pc_raw = if mxv == 0.0 { f64::NAN } else { 1.0 };
        }
    }

    /// Licence resets and season switches on step `k`, `date` (pywr's node `before`);
    /// `values` are the parameter values of the previous step.
    pub(super) fn before_step(&mut self, k: usize, date: NaiveDate, values: &[f64]) {
        let (y, mo, d) = (date.year(), date.month(), date.day());
        let l = match &mut self.licence {
            Some(Licence::Annual(l)) => l,
            Some(Licence::Monthly(l)) => {
                if l.last_month != Some(mo) {
                    l.last_month = Some(mo);
                    l.count += 1;
                    if l.count == i64::from(l.months) {
                        l.count = 0;
                        let use_initial = l.reset_to_initial_volume;
                        self.refill(use_initial, values);
                    }
                }
                return;
            }
            Some(Licence::Rolling(_)) | None => return,
        };
        if k == 0 && (mo > l.reset_month || (mo == l.reset_month && d > l.reset_day)) {
            l.last_reset_year = Some(y);
        }
        if l.last_reset_year != Some(y)
            && (mo > l.reset_month || (mo == l.reset_month && d >= l.reset_day))
        {
            let use_initial = l.reset_to_initial_volume || (k == 0 && l.max_is_parameter);
            l.last_reset_year = Some(y);
            l.active = true;
            self.refill(use_initial, values);
        }
        let Some(Licence::Annual(l)) = &mut self.licence else {
            return;
        };
        if let Some((end_day, end_month)) = l.end
            && l.last_active_year != Some(y)
        {
            if k == 0 {
                if l.last_reset_year == Some(y) {
                    if end_month < l.reset_month
                        || (end_month == l.reset_month && end_day <= l.reset_day)
                    {
                        l.last_active_year = Some(y);
                    }
                } else if end_month > l.reset_month
                    || (end_month == l.reset_month && end_day >= l.reset_day)
                {
                    l.active = false;
                }
            } else if mo > end_month || (mo == end_month && d >= end_day) {
                l.last_active_year = Some(y);
                l.active = false;
            }
        }
    }

    /// Whether this is a licence out of season (its row is then free).
    fn inactive(&self) -> bool {
        matches!(&self.licence, Some(Licence::Annual(l)) if !l.active)
    }

    /// The bounds of the store's row this step:
    /// `−max(V − V_min, 0) / days ≤ inflow − outflow ≤ max(V_max − V, 0) / days` (flows are
    /// per day; a timestep lasts `days`).
    pub(super) fn row_bounds(&self, values: &[f64], days: f64) -> (f64, f64) {
        let mxv = self.max_volume.get(values);
        let mnv = self.min_volume.get(values);
        if mxv == mnv {
            (0.0, 0.0)
        } else if self.inactive() {
            (f64::NEG_INFINITY, f64::INFINITY)
        } else {
            (
                clean(-(self.volume - mnv).max(0.0) / days),
                clean((mxv - self.volume).max(0.0) / days),
            )
        }
    }

    /// Volume update (pywr's node `after`): V ← V + net inflow × `days`, snapped to the
    /// bounds within 1e-6; `columns` are the step's LP column values (flows per day).
    pub(super) fn after_step(&mut self, columns: &[f64], values: &[f64], days: f64) {
        if self.inactive() {
            return;
        }
        let flow = eval(&self.expr, columns);
        self.volume += flow * days;
        let mxv = self.max_volume.get(values);
        let mnv = self.min_volume.get(values);
        if let Some(Licence::Rolling(l)) = &mut self.licence {
            // The use of the step leaving the window returns, within the bounds; this step's
            // use takes its place in the ring.
            self.volume = (self.volume + l.memory[l.pointer]).max(mnv).min(mxv);
            l.memory[l.pointer] = -flow * days;
            l.pointer = (l.pointer + 1) % l.memory.len();
        }
        if (self.volume - mxv).abs() < 1e-6 {
            self.volume = mxv;
        }
        if (self.volume - mnv).abs() < 1e-6 {
            self.volume = mnv;
        }
        self.pc_raw = if mxv == 0.0 {
            f64::NAN
        } else {
            self.volume / mxv
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(max: f64, initial_volume: Option<f64>, initial_pc: Option<f64>) -> Store {
        Store {
            max_volume: Source::Literal(max),
            min_volume: Source::Literal(0.0),
            max_constant: Some(max),
            initial_volume,
            initial_pc,
            expr: vec![(0, 1.0)],
            row: 0,
            licence: None,
            volume: 0.0,
            pc_raw: f64::NAN,
        }
    }

    #[test]
    fn initial_pc_wins_over_initial_volume_like_pywr() {
        assert_eq!(store(10.0, Some(3.0), Some(0.5)).initial(), (5.0, 0.5));
        assert_eq!(store(10.0, Some(3.0), None).initial(), (3.0, 0.3));
        assert!(store(0.0, Some(3.0), None).initial().1.is_nan());
    }

    #[test]
    fn a_day_of_inflow_raises_the_volume_and_snaps_to_the_top() {
        let mut s = store(10.0, Some(4.0), None);
        s.reset();
        assert_eq!(s.row_bounds(&[], 1.0), (-4.0, 6.0));
        s.after_step(&[6.0 - 5e-7], &[], 1.0);
        assert_eq!(s.volume, 10.0);
        assert_eq!(s.current_pc(), 1.0);
    }

    #[test]
    fn a_week_divides_the_room_by_seven_and_multiplies_the_flow_by_seven() {
        let mut s = store(70.0, Some(14.0), None);
        s.reset();
        assert_eq!(s.row_bounds(&[], 7.0), (-2.0, 8.0));
        s.after_step(&[8.0], &[], 7.0);
        assert_eq!(s.volume, 70.0);
    }

    #[test]
    fn an_out_of_season_licence_keeps_its_volume_and_frees_its_row() {
        let mut s = store(10.0, Some(4.0), None);
        s.licence = Some(Licence::Annual(AnnualLicence {
            reset_day: 1,
            reset_month: 1,
            reset_to_initial_volume: false,
            end: Some((1, 6)),
            max_is_parameter: false,
            active: true,
            last_reset_year: None,
            last_active_year: None,
        }));
        s.reset();
        let june = NaiveDate::from_ymd_opt(2024, 6, 2).unwrap();
        // A later step past the reset date refills the licence, then the season has ended.
        s.before_step(1, june, &[]);
        assert_eq!(s.volume, 10.0);
        assert!(s.inactive());
        assert_eq!(s.row_bounds(&[], 1.0), (f64::NEG_INFINITY, f64::INFINITY));
        s.after_step(&[3.0], &[], 1.0);
        assert_eq!(s.volume, 10.0);
    }
}
