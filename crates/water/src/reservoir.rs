//! Reservoir water balance and its residual.
//!
//! Over a period (a dekad, a month, a season) the storage of a reservoir such as Shardara
//! changes by what flows in less what leaves:
//!
//! storage(end) = storage(start) + inflow − release − evaporation − other losses
//!
//! [`balance`] computes the right-hand side from the observed storage at the start of each period
//! and the period's flows, and compares it with the storage observed at the end. The difference
//!
//! residual = observed storage(end) − computed storage(end)
//!
//! is what the measurements do not explain: unmetered inflow or withdrawals, seepage, errors in
//! the rating curves or in the level–volume table. A positive residual means more water is in the
//! reservoir than the flows account for. The residual is flagged when its magnitude exceeds the
//! [`Tolerance`]: the larger of an absolute volume and a percentage of the period's gross
//! throughput (inflow + release + evaporation + other losses), since measurement errors scale
//! with the volumes measured.
//!
//! Storage observations are dated: a storage "on 1 April" is the volume at the start of that day
//! (00:00), so a period's start storage is the observation dated its first day and its end storage
//! the observation dated the day after its last. A period without both observations is reported
//! with [`BalanceStatus::MissingStorage`] rather than skipped.
//!
//! ## Balance CSV
//!
//! One row per period, read by [`read_balance_csv`]; the conventions common to every CSV file
//! are in the [crate documentation](crate#csv-files).
//!
//! | column | holds | example |
//! |---|---|---|
//! | `period` | the period: a dekad `YYYY-MM-Dd`, a month `YYYY-MM`, a day, a quarter or a year | `2025-04-D1` |
//! | `storage_start` | observed storage at the start of the period, or empty | `4676` |
//! | `inflow` | inflow over the period | `951.3` |
//! | `release` | release and withdrawals over the period | `777.6` |
//! | `evaporation` | evaporation over the period | `3.1` |
//! | `other_losses` | other known losses over the period | `0` |
//! | `storage_end` | observed storage at the end of the period, or empty | `4840` |
//! | `unit` | the unit of every volume in the row: `m3`, `Mm3` or `km3` | `Mm3` |
//! | `source` | the id of the source the row comes from | `kazvodkhoz-2023-02` |
//!
//! A row's end storage and the next row's start storage describe the same day; when both are
//! given they must agree, and a disagreement is an error naming both lines.
//!
//! ```
//! use dostyk_water::reservoir::{balance, PeriodFlows, StorageObservation, Tolerance, BalanceStatus};
//! use dostyk_core_model::quantity::Volume;
//!
//! let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
//! let storage = [
//!     StorageObservation { date: day("2025-04-01"), storage: Volume::from_mm3(800.0) },
//!     StorageObservation { date: day("2025-04-11"), storage: Volume::from_mm3(905.0) },
//! ];
//! let flows = [PeriodFlows {
//!     period: "2025-04-D1".parse()?,
//!     inflow: Volume::from_mm3(300.0),
//!     release: Volume::from_mm3(180.0),
//!     evaporation: Volume::from_mm3(5.0),
//!     other_losses: Volume::from_mm3(2.0),
//! }];
//! let tolerance = Tolerance { absolute: Volume::from_mm3(5.0), relative_pct: 1.0 };
//! let rows = balance(&storage, &flows, tolerance)?;
//! // 800 + 300 − 180 − 5 − 2 = 913 computed; 905 observed: residual −8 Mm³.
//! assert!((rows[0].residual.unwrap().m3() - (-8.0e6)).abs() < 1e-6);
//! assert_eq!(rows[0].status, BalanceStatus::DoesNotClose); // allowed: max(5, 1 % of 487) Mm³
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use dostyk_core_model::period::Period;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::{Volume, VolumeUnit};
use serde::{Deserialize, Serialize};

use dostyk_core_model::read::{self, Column, Layout, Table};

use crate::error::WaterError;
use crate::limits::{source_cell, volume_unit, volume_units_expected};

/// What prevents a balance from being computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ReservoirError {
    /// Two storage observations on the same date.
    #[error("two storage observations for {date}: keep one")]
    DuplicateStorage {
        /// The date.
        date: NaiveDate,
    },
    /// Two flow periods that overlap.
    #[error("the flow periods {first} and {second} overlap: give each day's flows once")]
    OverlappingPeriods {
        /// The earlier period.
        first: Period,
        /// The later period.
        second: Period,
    },
    /// A flow or storage that is negative or not finite.
    #[error("{what} for {when} is {value}: expected a finite volume ≥ 0")]
    BadVolume {
        /// Which figure (`inflow`, `release`, `evaporation`, `other_losses`, `storage`).
        what: &'static str,
        /// The period or date.
        when: String,
        /// The value.
        value: Volume,
    },
    /// A negative or non-finite tolerance.
    #[error("the tolerance {absolute} and {relative_pct} % is not valid: give finite values ≥ 0")]
    BadTolerance {
        /// The absolute part.
        absolute: Volume,
        /// The relative part, %.
        relative_pct: f64,
    },
}

/// The stored volume at the start of a day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StorageObservation {
    /// The day (storage at 00:00).
    pub date: NaiveDate,
    /// The stored volume.
    pub storage: Volume,
}

/// The flows of one period, each a volume over the period (≥ 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PeriodFlows {
    /// The period.
    pub period: Period,
    /// Water entering the reservoir.
    pub inflow: Volume,
    /// Water released or withdrawn through the outlets and canals.
    pub release: Volume,
    /// Evaporation from the water surface.
    pub evaporation: Volume,
    /// Other known losses (seepage, spill to another basin when not counted as release).
    pub other_losses: Volume,
}

/// How large a residual may be before the balance is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tolerance {
    /// The smallest residual ever flagged.
    pub absolute: Volume,
    /// The residual allowed as a percentage of the period's gross throughput.
    pub relative_pct: f64,
}

impl Tolerance {
    /// The residual allowed in a period with the given gross throughput:
    /// max(absolute, relative % × throughput).
    pub fn allowed(&self, throughput: Volume) -> Volume {
        let relative = throughput * (self.relative_pct / 100.0);
        if relative > self.absolute {
            relative
        } else {
            self.absolute
        }
    }
}

/// Whether a period's balance closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BalanceStatus {
    /// |residual| ≤ allowed.
    Closes,
    /// |residual| > allowed: check the flows and the storage observations.
    DoesNotClose,
    /// The storage at the start or the end of the period was not observed.
    MissingStorage,
}

/// The balance of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BalanceRow {
    /// The period.
    pub period: Period,
    /// Observed storage at the start.
    pub storage_start: Option<Volume>,
    /// Storage at the end computed from the start and the flows.
    pub storage_end_computed: Option<Volume>,
    /// Observed storage at the end.
    pub storage_end_observed: Option<Volume>,
    /// inflow + release + evaporation + other losses.
    pub throughput: Volume,
    /// observed − computed storage at the end.
    pub residual: Option<Volume>,
    /// residual ÷ inflow × 100 (none when the inflow is 0).
    pub residual_pct_of_inflow: Option<f64>,
    /// The residual allowed for this period.
    pub allowed: Volume,
    /// The sum of the residuals of this and the earlier periods that have one.
    pub cumulative_residual: Option<Volume>,
    /// Whether the balance closes.
    pub status: BalanceStatus,
}

fn check(what: &'static str, when: String, value: Volume) -> Result<(), ReservoirError> {
    if value.is_finite() && value.m3() >= 0.0 {
        Ok(())
    } else {
        Err(ReservoirError::BadVolume { what, when, value })
    }
}

/// The balance of each period in `flows` (in time order), with the storage taken from `storage`.
/// Volumes in the result are in million m³.
pub fn balance(
    storage: &[StorageObservation],
    flows: &[PeriodFlows],
    tolerance: Tolerance,
) -> Result<Vec<BalanceRow>, ReservoirError> {
    if !(tolerance.absolute.is_finite()
        && tolerance.absolute.m3() >= 0.0
        && tolerance.relative_pct.is_finite()
        && tolerance.relative_pct >= 0.0)
    {
        return Err(ReservoirError::BadTolerance {
            absolute: tolerance.absolute,
            relative_pct: tolerance.relative_pct,
        });
    }
    let mut by_date: BTreeMap<NaiveDate, Volume> = BTreeMap::new();
    for obs in storage {
        check("storage", obs.date.to_string(), obs.storage)?;
        if by_date.insert(obs.date, obs.storage).is_some() {
            return Err(ReservoirError::DuplicateStorage { date: obs.date });
        }
    }
    let mut sorted: Vec<&PeriodFlows> = flows.iter().collect();
    sorted.sort_by_key(|f| f.period);
    for pair in sorted.windows(2) {
        if pair[1].period.first_day() <= pair[0].period.last_day() {
            return Err(ReservoirError::OverlappingPeriods {
                first: pair[0].period,
                second: pair[1].period,
            });
        }
    }
    let mm3 = |v: Volume| v.to_unit(VolumeUnit::Mm3);
    let mut rows = Vec::with_capacity(sorted.len());
    let mut cumulative: Option<Volume> = None;
    for f in sorted {
        let when = f.period.to_string();
        check("inflow", when.clone(), f.inflow)?;
        check("release", when.clone(), f.release)?;
        check("evaporation", when.clone(), f.evaporation)?;
        check("other_losses", when, f.other_losses)?;
        let range = f.period.range();
        let start = by_date.get(&range.start).copied();
        let end_observed = by_date.get(&range.end).copied();
        let end_computed = start.map(|s| s + f.inflow - f.release - f.evaporation - f.other_losses);
        let throughput = f.inflow + f.release + f.evaporation + f.other_losses;
        let allowed = tolerance.allowed(throughput);
        let residual = end_observed.zip(end_computed).map(|(o, c)| o - c);
        if let Some(r) = residual {
            cumulative = Some(cumulative.map_or(r, |c| c + r));
        }
        let status = match residual {
            None => BalanceStatus::MissingStorage,
            Some(r) if r.abs() > allowed => BalanceStatus::DoesNotClose,
            Some(_) => BalanceStatus::Closes,
        };
        rows.push(BalanceRow {
            period: f.period,
            storage_start: start.map(mm3),
            storage_end_computed: end_computed.map(mm3),
            storage_end_observed: end_observed.map(mm3),
            throughput: mm3(throughput),
            residual: residual.map(mm3),
            residual_pct_of_inflow: residual
                .filter(|_| f.inflow.m3() != 0.0)
                .map(|r| r / f.inflow * 100.0),
            allowed: mm3(allowed),
            cumulative_residual: cumulative.map(mm3),
            status,
        });
    }
    Ok(rows)
}

/// The storage observations and period flows read from a balance CSV, ready for [`balance`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BalanceInput {
    /// Storage observations, by date.
    pub storage: Vec<StorageObservation>,
    /// Flows per period, in file order.
    pub flows: Vec<PeriodFlows>,
    /// The sources named in the file, sorted, without repeats.
    pub sources: Vec<SourceId>,
}

/// The columns of a balance file (the table in the [module docs](self)).
const LAYOUT: Layout = Layout::new(&[
    Column::required("period"),
    Column::required("storage_start"),
    Column::required("inflow"),
    Column::required("release"),
    Column::required("evaporation"),
    Column::required("other_losses"),
    Column::required("storage_end"),
    Column::required("unit"),
    Column::required("source"),
])
.with_comments();

/// Reads a balance CSV file (columns in the [module docs](self)) of at most
/// [`read::MAX_TEXT_FILE_BYTES`]; a folder, pipe or device is refused.
pub fn read_balance_csv(path: impl AsRef<Path>) -> Result<BalanceInput, WaterError> {
    let path = path.as_ref();
    let text = read::read_text(path, read::MAX_TEXT_FILE_BYTES)?;
    parse_balance_csv(&text, path)
}

/// Parses balance CSV `text` (columns in the [module docs](self)); `file` is only the name
/// errors show.
pub fn parse_balance_csv(text: &str, file: impl AsRef<Path>) -> Result<BalanceInput, WaterError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let unit_expected = volume_units_expected();
    let mut storage: BTreeMap<NaiveDate, (Volume, u64)> = BTreeMap::new();
    let mut flows = Vec::new();
    let mut sources = Vec::new();
    let mut conflict = None;
    let mut periods: BTreeMap<Period, u64> = BTreeMap::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line();
        let period = row.get("period").parse::<Period>().map_err(|e| {
            row.value_error(
                "period",
                format!("a period such as 2025-04-D1 or 2025-04 ({e})"),
            )
        })?;
        if let Some(first_line) = periods.insert(period, line) {
            return Err(WaterError::duplicate(
                file,
                line,
                first_line,
                &format!("period {period}"),
            ));
        }
        let unit = row.parse_with("unit", &unit_expected, volume_unit)?;
        let volume = |field: &str| {
            let v = row
                .parse_with(field, "a number ≥ 0", |t| {
                    t.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
                })
                .map(|v| Volume::new(v, unit))?;
            // Finite as written, but it may overflow in m³ (1e308 km3): refused (issue #21).
            if v.m3().is_finite() {
                Ok(v)
            } else {
                Err(row.value_error(
                    field,
                    format!(
                        "a number that is a finite number of m3 once converted from {} (this one \
                         overflows); check the value and its unit",
                        row.get("unit")
                    ),
                ))
            }
        };
        let optional = |field: &str| {
            if row.get(field).is_empty() {
                Ok(None)
            } else {
                volume(field).map(Some)
            }
        };
        let start = optional("storage_start")?;
        let end = optional("storage_end")?;
        flows.push(PeriodFlows {
            period,
            inflow: volume("inflow")?,
            release: volume("release")?,
            evaporation: volume("evaporation")?,
            other_losses: volume("other_losses")?,
        });
        sources.push(source_cell(&row)?);
        let range = period.range();
        for (date, value) in [(range.start, start), (range.end, end)] {
            let Some(value) = value else { continue };
            match storage.get(&date) {
                Some(&(earlier, first_line)) if !same_volume(earlier, value) => {
                    conflict = Some((line, first_line, date, earlier, value));
                }
                Some(_) => {}
                None => {
                    storage.insert(date, (value, line));
                }
            }
        }
        if conflict.is_some() {
            break;
        }
    }
    if let Some((line, first_line, date, earlier, value)) = conflict {
        return Err(WaterError::duplicate(
            file,
            line,
            first_line,
            &format!("the storage on {date} ({value} here, {earlier} there, which differ)"),
        ));
    }
    sources.sort();
    sources.dedup();
    Ok(BalanceInput {
        storage: storage
            .into_iter()
            .map(|(date, (storage, _))| StorageObservation { date, storage })
            .collect(),
        flows,
        sources,
    })
}

/// Two storage figures for one day agree when they differ by less than 1 m³ (the same number
/// written in two units converts with rounding in the last bit).
fn same_volume(a: Volume, b: Volume) -> bool {
    (a.m3() - b.m3()).abs() < 1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn obs(date: &str, mm3: f64) -> StorageObservation {
        StorageObservation {
            date: day(date),
            storage: Volume::from_mm3(mm3),
        }
    }

    fn flows(period: &str, inflow: f64, release: f64, evap: f64, other: f64) -> PeriodFlows {
        PeriodFlows {
            period: period.parse().unwrap(),
            inflow: Volume::from_mm3(inflow),
            release: Volume::from_mm3(release),
            evaporation: Volume::from_mm3(evap),
            other_losses: Volume::from_mm3(other),
        }
    }

    fn tol() -> Tolerance {
        Tolerance {
            absolute: Volume::from_mm3(5.0),
            relative_pct: 2.0,
        }
    }

    #[test]
    fn residual_tolerance_and_missing_storage() {
        // Constructed dekad balances for a reservoir of Shardara's size.
        let storage = [
            obs("2025-04-01", 2_000.0),
            obs("2025-04-11", 2_100.0),
            obs("2025-04-21", 2_150.0),
            obs("2025-05-11", 2_000.0),
        ];
        let rows = balance(
            &storage,
            &[
                // 2000 + 400 − 290 − 6 − 2 = 2102; observed 2100: residual −2, allowed max(5, 2 % of 698).
                flows("2025-04-D1", 400.0, 290.0, 6.0, 2.0),
                // 2100 + 300 − 200 − 7 − 3 = 2190; observed 2150: residual −40 > max(5, 10.2).
                flows("2025-04-D2", 300.0, 200.0, 7.0, 3.0),
                // No storage on 2025-05-01.
                flows("2025-04-D3", 250.0, 240.0, 8.0, 2.0),
            ],
            tol(),
        )
        .unwrap();
        let mm3 = |v: Option<Volume>| v.map(|v| v.value_in(VolumeUnit::Mm3));
        assert!((mm3(rows[0].residual).unwrap() - (-2.0)).abs() < 1e-9);
        assert!((rows[0].allowed.value_in(VolumeUnit::Mm3) - 13.96).abs() < 1e-9);
        assert_eq!(rows[0].status, BalanceStatus::Closes);
        assert!((mm3(rows[1].residual).unwrap() - (-40.0)).abs() < 1e-9);
        assert!((rows[1].residual_pct_of_inflow.unwrap() - (-40.0 / 300.0 * 100.0)).abs() < 1e-9);
        assert_eq!(rows[1].status, BalanceStatus::DoesNotClose);
        assert!((mm3(rows[1].cumulative_residual).unwrap() - (-42.0)).abs() < 1e-9);
        assert_eq!(rows[2].status, BalanceStatus::MissingStorage);
        assert_eq!(mm3(rows[2].storage_end_computed), Some(2_150.0));
        assert_eq!(rows[2].residual, None);
        assert!((mm3(rows[2].cumulative_residual).unwrap() - (-42.0)).abs() < 1e-9);
    }

    #[test]
    fn a_month_uses_the_first_of_the_next_month() {
        let storage = [obs("2025-01-01", 4_676.0), obs("2025-02-01", 4_700.0)];
        let rows = balance(
            &storage,
            &[flows("2025-01", 2_900.0, 2_850.0, 10.0, 16.0)],
            tol(),
        )
        .unwrap();
        // 4676 + 2900 − 2850 − 10 − 16 = 4700: closes exactly.
        assert!(rows[0].residual.unwrap().m3().abs() < 1e-3);
        assert_eq!(rows[0].status, BalanceStatus::Closes);
    }

    #[test]
    fn bad_inputs_are_refused() {
        let dup = [obs("2025-04-01", 1.0), obs("2025-04-01", 2.0)];
        assert!(matches!(
            balance(&dup, &[], tol()),
            Err(ReservoirError::DuplicateStorage { .. })
        ));
        let overlap = [
            flows("2025-04", 1.0, 0.0, 0.0, 0.0),
            flows("2025-04-D2", 1.0, 0.0, 0.0, 0.0),
        ];
        assert!(matches!(
            balance(&[], &overlap, tol()),
            Err(ReservoirError::OverlappingPeriods { .. })
        ));
        let negative = [flows("2025-04-D1", 1.0, -1.0, 0.0, 0.0)];
        let err = balance(&[], &negative, tol()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "release for 2025-04-D1 is -1 Mm3: expected a finite volume ≥ 0"
        );
        let bad_tol = Tolerance {
            absolute: Volume::from_m3(1.0),
            relative_pct: f64::NAN,
        };
        assert!(matches!(
            balance(&[], &[], bad_tol),
            Err(ReservoirError::BadTolerance { .. })
        ));
    }

    #[test]
    fn balance_csv_round_trip_and_errors() {
        let csv = "period,storage_start,inflow,release,evaporation,other_losses,storage_end,unit,source\n\
            # constructed test data\n\
            2025-04-D1,2000,400,290,6,2,2100,Mm3,constructed\n\
            2025-04-D2,,300,200,7,3,2.15,km3,constructed\n\
            2025-04-D3,2150,250,240,8,2,,Mm3,constructed\n";
        let input = parse_balance_csv(csv, "balance.csv").unwrap();
        assert_eq!(input.storage.len(), 3);
        assert_eq!(input.flows.len(), 3);
        let rows = balance(&input.storage, &input.flows, tol()).unwrap();
        assert_eq!(rows[0].status, BalanceStatus::Closes);
        assert_eq!(rows[1].status, BalanceStatus::DoesNotClose);
        assert_eq!(rows[2].status, BalanceStatus::MissingStorage);

        let conflict = "period,storage_start,inflow,release,evaporation,other_losses,storage_end,unit,source\n\
            2025-04-D1,2000,400,290,6,2,2100,Mm3,s\n\
            2025-04-D2,2101,300,200,7,3,,Mm3,s\n";
        let err = parse_balance_csv(conflict, "balance.csv")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("balance.csv, line 3: the storage on 2025-04-11 (2101 Mm3 here, 2100 Mm3 there, which differ) was already given on line 2"),
            "{err}"
        );
        let bad = "period,storage_start,inflow,release,evaporation,other_losses,storage_end,unit,source\n\
            2025-04-D1,2000,-4,290,6,2,2100,Mm3,s\n";
        let err = parse_balance_csv(bad, "balance.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "balance.csv, line 2, field \"inflow\": found \"-4\"; expected a number ≥ 0"
        );
        let twice = "period,storage_start,inflow,release,evaporation,other_losses,storage_end,unit,source\n\
            2025-04-D1,2000,400,290,6,2,,Mm3,s\n\
            2025-04-D1,,401,290,6,2,,Mm3,s\n";
        let err = parse_balance_csv(twice, "balance.csv")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("balance.csv, line 3: period 2025-04-D1 was already given on line 2"),
            "{err}"
        );
        let dekad_4 = "period,storage_start,inflow,release,evaporation,other_losses,storage_end,unit,source\n\
            2025-04-D4,,400,290,6,2,,Mm3,s\n";
        let err = parse_balance_csv(dekad_4, "balance.csv")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("found \"2025-04-D4\"; expected a period such as 2025-04-D1 or 2025-04 ("),
            "{err}"
        );
    }

    proptest! {
        #[test]
        fn balance_parser_never_panics(text in "\\PC{0,200}") {
            let _ = parse_balance_csv(&format!(
                "period,storage_start,inflow,release,evaporation,other_losses,storage_end,unit,source\n{text}"
            ), "b.csv");
        }

        #[test]
        fn a_balance_built_to_close_closes(
            start in 0.0f64..5_000.0,
            steps in prop::collection::vec((0.0f64..500.0, 0.0f64..500.0, 0.0f64..20.0, 0.0f64..20.0), 1..36),
        ) {
            let mut dekad: Period = "2024-10-D1".parse().unwrap();
            let mut s = start;
            let mut storage = vec![StorageObservation { date: dekad.first_day(), storage: Volume::from_mm3(s) }];
            let mut list = Vec::new();
            for (i, r, e, o) in steps {
                let available = s + i;
                let r = r.min(available);
                let e = e.min(available - r);
                let o = o.min(available - r - e);
                s = available - r - e - o;
                list.push(PeriodFlows {
                    period: dekad,
                    inflow: Volume::from_mm3(i),
                    release: Volume::from_mm3(r),
                    evaporation: Volume::from_mm3(e),
                    other_losses: Volume::from_mm3(o),
                });
                dekad = dekad.succ().unwrap();
                storage.push(StorageObservation { date: dekad.first_day(), storage: Volume::from_mm3(s) });
            }
            let tol = Tolerance { absolute: Volume::from_m3(1.0), relative_pct: 0.0 };
            let rows = balance(&storage, &list, tol).unwrap();
            for row in rows {
                prop_assert_eq!(row.status, BalanceStatus::Closes);
            }
        }
    }
}
