//! Metering data: discharge readings at transboundary sites, their validation and their
//! integration into dekad volumes.
//!
//! The Kazakhstan–Uzbekistan agreement on the joint management of transboundary water bodies
//! (Tashkent, 15 November 2025; ratified by Uzbekistan on 6 March 2026) provides a joint
//! automated system recording intake and discharge at transboundary sites, with real-time data
//! exchange. Such a system delivers a stream of readings: site, timestamp, discharge in m³/s.
//!
//! ## Validation: findings, not failures
//!
//! A logger that drops out, repeats a record or reports a negative flow is normal in metering
//! data. Each such defect becomes a [`Finding`] — the data are read, the defect is stated, and the
//! reading is used or left out by a fixed rule:
//!
//! | finding | when | the reading |
//! |---|---|---|
//! | [`Finding::Malformed`] | a timestamp or discharge that cannot be read | left out |
//! | [`Finding::UnitMismatch`] | a unit other than `m3/s` | left out (no silent conversion) |
//! | [`Finding::NotFinite`] | NaN or infinite discharge | left out |
//! | [`Finding::Negative`] | discharge < 0 | left out |
//! | [`Finding::OutOfOrder`] | earlier than the site's previous reading in the file | used (readings are sorted by time) |
//! | [`Finding::Duplicate`] | a second reading for the same site and timestamp | left out (the first one is kept); says whether the values differ |
//! | [`Finding::Gap`] | consecutive readings further apart than the allowed gap | the span between them is not integrated |
//!
//! ## Integration into dekad volumes
//!
//! Between two consecutive readings `(t₀, Q₀)` and `(t₁, Q₁)` no further apart than the allowed
//! gap, the flow is taken to vary linearly, so the volume is the **trapezoid**
//! `V = (Q₀ + Q₁) / 2 × (t₁ − t₀)`. An interval that crosses a dekad boundary is split there, with
//! the flow at the boundary interpolated linearly, so each dekad receives exactly its part.
//! The trapezoid is exact for a linearly varying flow and, unlike a step (hold the last value),
//! does not shift volume later in time when flow is rising; it is the composite trapezoidal rule
//! of numerical integration. Spans longer than the allowed gap, and the parts of a dekad before
//! the site's first reading or after its last, are **not** filled: the dekad's volume covers only
//! the covered time, and its `coverage_pct` and `uncovered` spans say how much is missing. No
//! volume is extrapolated. A run of dekads with no coverage at all is listed for at most a year
//! ([`MAX_EMPTY_DEKADS`]); the list resumes at the dekad of the site's next reading, and the
//! [`Finding::Gap`] states the whole span (readings centuries apart would otherwise give
//! millions of empty dekads).
//!
//! ## From metering to compliance
//!
//! [`dekad_intakes`] turns dekad volumes into [`Intake`] records for
//! [`compliance`](crate::compliance), summing the sites that meter one line. A dekad whose
//! coverage is below a threshold the caller chooses is not used as intake (its volume would
//! understate the withdrawal and flatter the line) and is listed instead.
//!
//! ## Metering CSV
//!
//! The conventions common to every CSV file are in the [crate documentation](crate#csv-files).
//!
//! | column | holds | example |
//! |---|---|---|
//! | `site` | the metering site's identifier | `dostyk-head` |
//! | `timestamp` | `YYYY-MM-DDTHH:MM[:SS]` (or with a space instead of `T`), the local standard time the site logs in, the same for the whole file (both countries use UTC+5) | `2026-04-01T06:00` |
//! | `discharge` | the instantaneous discharge | `52.4` |
//! | `unit` | must be `m3/s` | `m3/s` |
//!
//! ```
//! use chrono::TimeDelta;
//! use dostyk_water::metering::{integrate_dekads, parse_metering_csv, Finding};
//!
//! let csv = "site,timestamp,discharge,unit\n\
//!     head,2023-02-21T00:00,1,m3/s\n\
//!     head,2023-02-25T00:00,1,m3/s\n\
//!     head,2023-02-25T00:00,1,m3/s\n\
//!     head,2023-03-01T00:00,1,m3/s\n";
//! let log = parse_metering_csv(csv, "meter.csv", TimeDelta::days(4))?;
//! assert!(matches!(log.findings[0], Finding::Duplicate { line: 4, .. }));
//! let dekads = integrate_dekads(&log.readings, TimeDelta::days(4));
//! let feb_d3 = dekads.iter().find(|d| d.dekad.to_string() == "2023-02-D3").unwrap();
//! assert!((feb_d3.volume.m3() - 691_200.0).abs() < 1e-6); // 1 m³/s over 8 days
//! assert_eq!(feb_d3.coverage_pct, 100.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use dostyk_core_model::period::{MAX_YEAR, MIN_YEAR, Period, PeriodKind};
use dostyk_core_model::quantity::{FlowRate, FlowRateUnit, Volume};
use serde::{Deserialize, Serialize};

use dostyk_core_model::country::Country;
use dostyk_core_model::provenance::SourceId;

use dostyk_core_model::read::{self, Column, Layout, Table};

use crate::error::WaterError;
use crate::intake::Intake;
use crate::limits::LineId;

/// One discharge reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    /// The metering site.
    pub site: String,
    /// When the discharge was measured (the site's local standard time).
    pub timestamp: NaiveDateTime,
    /// The instantaneous discharge.
    pub discharge: FlowRate,
    /// The 1-based line of the file it was read from (0 when not read from a file).
    pub line: u64,
}

/// A data-quality finding in metering data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Finding {
    /// A field that cannot be read.
    Malformed {
        /// Line in the file.
        line: u64,
        /// The column.
        field: String,
        /// The text found.
        found: String,
        /// What the column accepts.
        expected: String,
    },
    /// A unit other than m³/s.
    UnitMismatch {
        /// Line in the file.
        line: u64,
        /// The site.
        site: String,
        /// The unit found.
        unit: String,
    },
    /// A NaN or infinite discharge.
    NotFinite {
        /// Line in the file.
        line: u64,
        /// The site.
        site: String,
        /// The timestamp.
        timestamp: NaiveDateTime,
    },
    /// A negative discharge.
    Negative {
        /// Line in the file.
        line: u64,
        /// The site.
        site: String,
        /// The timestamp.
        timestamp: NaiveDateTime,
        /// The discharge.
        discharge: FlowRate,
    },
    /// A reading earlier than the previous reading of its site in the file.
    OutOfOrder {
        /// Line in the file.
        line: u64,
        /// The site.
        site: String,
        /// Its timestamp.
        timestamp: NaiveDateTime,
        /// The timestamp of the site's previous reading.
        previous: NaiveDateTime,
    },
    /// A second reading with the same site and timestamp.
    Duplicate {
        /// Line of the repeat.
        line: u64,
        /// Line of the reading that is kept.
        first_line: u64,
        /// The site.
        site: String,
        /// The timestamp.
        timestamp: NaiveDateTime,
        /// Whether the repeat has another discharge than the kept reading.
        conflicting: bool,
    },
    /// Consecutive readings further apart than the allowed gap: the span is not integrated.
    Gap {
        /// The site.
        site: String,
        /// The last reading before the gap.
        from: NaiveDateTime,
        /// The first reading after it.
        to: NaiveDateTime,
    },
}

impl Finding {
    /// The 1-based line of the file the finding is about; `None` for a gap, which lies between
    /// two readings.
    pub fn line(&self) -> Option<u64> {
        match self {
            Finding::Malformed { line, .. }
            | Finding::UnitMismatch { line, .. }
            | Finding::NotFinite { line, .. }
            | Finding::Negative { line, .. }
            | Finding::OutOfOrder { line, .. }
            | Finding::Duplicate { line, .. } => Some(*line),
            Finding::Gap { .. } => None,
        }
    }
}

/// One line an analyst can read: where, what, and what was done with the reading.
impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Malformed {
                line,
                field,
                found,
                expected,
            } => write!(
                f,
                "line {line}, field {field}: found \"{found}\"; expected {expected}; reading left out"
            ),
            Finding::UnitMismatch { line, site, unit } => write!(
                f,
                "line {line}, site {site}: unit \"{unit}\" is not m3/s; reading left out (no conversion is guessed)"
            ),
            Finding::NotFinite {
                line,
                site,
                timestamp,
            } => write!(
                f,
                "line {line}, site {site} at {timestamp}: discharge is not a finite number; reading left out"
            ),
            Finding::Negative {
                line,
                site,
                timestamp,
                discharge,
            } => write!(
                f,
                "line {line}, site {site} at {timestamp}: negative discharge {discharge}; reading left out"
            ),
            Finding::OutOfOrder {
                line,
                site,
                timestamp,
                previous,
            } => write!(
                f,
                "line {line}, site {site}: {timestamp} comes after {previous} in the file; reading used in time order"
            ),
            Finding::Duplicate {
                line,
                first_line,
                site,
                timestamp,
                conflicting,
            } => write!(
                f,
                "line {line}, site {site} at {timestamp}: repeats line {first_line}{}; line {first_line} is kept",
                if *conflicting {
                    " with another discharge"
                } else {
                    ""
                }
            ),
            Finding::Gap { site, from, to } => write!(
                f,
                "site {site}: no reading from {from} to {to}, longer than the allowed gap; the span is not integrated"
            ),
        }
    }
}

/// Readings that passed validation, sorted by site and time, and the findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeterLog {
    /// Usable readings, sorted by site, then timestamp; no two share site and timestamp.
    pub readings: Vec<Reading>,
    /// Every finding: by line of the file, then the gaps by site and time.
    pub findings: Vec<Finding>,
}

/// The columns of a metering file (the table in the [module docs](self)), in the order of
/// the positions below, which rows are read by (hundreds of thousands of rows: no name lookup).
const LAYOUT: Layout = Layout::new(&[
    Column::required("site"),
    Column::required("timestamp"),
    Column::required("discharge"),
    Column::required("unit"),
])
.with_comments();
const SITE: usize = 0;
const TIMESTAMP: usize = 1;
const DISCHARGE: usize = 2;
const UNIT: usize = 3;

const TIMESTAMP_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// Reads a metering CSV file (columns in the [module docs](self)) and validates it with
/// [`validate`]. Only a file that cannot be read as CSV at all is an error; defects in the
/// readings are findings.
pub fn read_metering_csv(
    path: impl AsRef<Path>,
    max_gap: TimeDelta,
) -> Result<MeterLog, WaterError> {
    let path = path.as_ref();
    let text = read::read_text(path, read::MAX_TEXT_FILE_BYTES)?;
    parse_metering_csv(&text, path, max_gap)
}

fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    parse_timestamp_fixed(text).or_else(|| {
        TIMESTAMP_FORMATS
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    })
}

/// The common fixed-width forms `YYYY-MM-DDTHH:MM` and `YYYY-MM-DDTHH:MM:SS` (or with a space),
/// read without a format interpreter: loggers write hundreds of thousands of them.
fn parse_timestamp_fixed(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let shape = b.len() >= 16
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b' ')
        && b[13] == b':';
    if !shape {
        return None;
    }
    let second = match b.len() {
        16 => 0,
        19 if b[16] == b':' => digits(17..19)?,
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    date.and_hms_opt(digits(11..13)?, digits(14..16)?, second)
}

/// Parses metering CSV `text` (columns in the [module docs](self)) and validates it with
/// [`validate`]; `file` is only the name errors show.
pub fn parse_metering_csv(
    text: &str,
    file: impl AsRef<Path>,
    max_gap: TimeDelta,
) -> Result<MeterLog, WaterError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut readings = Vec::with_capacity(table.row_capacity());
    let mut findings = Vec::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line();
        let malformed = |field: &str, found: &str, expected: &str| Finding::Malformed {
            line,
            field: field.to_owned(),
            found: found.to_owned(),
            expected: expected.to_owned(),
        };
        let site = row.column(SITE);
        if site.is_empty() {
            findings.push(malformed("site", site, "a site identifier"));
            continue;
        }
        let Some(timestamp) = parse_timestamp(row.column(TIMESTAMP)) else {
            findings.push(malformed(
                "timestamp",
                row.column(TIMESTAMP),
                "YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS",
            ));
            continue;
        };
        let Ok(value) = row.column(DISCHARGE).parse::<f64>() else {
            findings.push(malformed("discharge", row.column(DISCHARGE), "a number"));
            continue;
        };
        let unit = row.column(UNIT);
        if unit != "m3/s" && unit.parse::<FlowRateUnit>().is_err() {
            findings.push(Finding::UnitMismatch {
                line,
                site: site.to_owned(),
                unit: unit.to_owned(),
            });
            continue;
        }
        readings.push(Reading {
            site: site.to_owned(),
            timestamp,
            discharge: FlowRate::from_m3_per_s(value),
            line,
        });
    }
    let mut log = validate(readings, max_gap);
    findings.append(&mut log.findings);
    // File order; gaps, which span two lines, after the rest (the sort is stable).
    findings.sort_by_key(|f| f.line().unwrap_or(u64::MAX));
    log.findings = findings;
    Ok(log)
}

// Per site: the usable readings in file order and the latest timestamp among them. A
// reading later than the latest cannot repeat one; only when a reading is not later is the
// index of timestamps (to recognise repeats) built, once, and kept up to date from then on.
#[derive(Default)]
struct Site {
    readings: Vec<Reading>,
    latest: Option<NaiveDateTime>,
    kept: Option<HashMap<NaiveDateTime, usize>>,
}

/// Validates readings given in the order they were recorded or received: drops non-finite,
/// negative and duplicate readings, notes readings out of order, sorts by site and time, and
/// notes every gap longer than `max_gap` (choose it from the logging interval, for example twice
/// the interval).
pub fn validate(readings: Vec<Reading>, max_gap: TimeDelta) -> MeterLog {
    let mut findings = Vec::new();
    let mut by_site: BTreeMap<String, Site> = BTreeMap::new();
    for reading in readings {
        if !(MIN_YEAR..=MAX_YEAR).contains(&reading.timestamp.year()) {
            findings.push(Finding::Malformed {
                line: reading.line,
                field: "timestamp".to_owned(),
                found: reading.timestamp.to_string(),
                expected: format!("a date in the years {MIN_YEAR} to {MAX_YEAR}"),
            });
            continue;
        }
        let value = reading.discharge.m3_per_s();
        if !value.is_finite() {
            findings.push(Finding::NotFinite {
                line: reading.line,
                site: reading.site,
                timestamp: reading.timestamp,
            });
            continue;
        }
        if value < 0.0 {
            findings.push(Finding::Negative {
                line: reading.line,
                site: reading.site,
                timestamp: reading.timestamp,
                discharge: reading.discharge,
            });
            continue;
        }
        let site = match by_site.get_mut(reading.site.as_str()) {
            Some(site) => site,
            None => by_site.entry(reading.site.clone()).or_default(),
        };
        if site
            .latest
            .is_some_and(|latest| reading.timestamp <= latest)
        {
            let readings = &site.readings;
            let kept = site.kept.get_or_insert_with(|| {
                readings
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.timestamp, i))
                    .collect()
            });
            if let Some(&first) = kept.get(&reading.timestamp) {
                let first = &site.readings[first];
                findings.push(Finding::Duplicate {
                    line: reading.line,
                    first_line: first.line,
                    site: reading.site,
                    timestamp: reading.timestamp,
                    conflicting: first.discharge != reading.discharge,
                });
                continue;
            }
        }
        match site.readings.last() {
            Some(previous) if reading.timestamp < previous.timestamp => {
                findings.push(Finding::OutOfOrder {
                    line: reading.line,
                    site: reading.site.clone(),
                    timestamp: reading.timestamp,
                    previous: previous.timestamp,
                });
            }
            _ => {}
        }
        if let Some(kept) = &mut site.kept {
            kept.insert(reading.timestamp, site.readings.len());
        }
        site.latest = site.latest.max(Some(reading.timestamp));
        site.readings.push(reading);
    }
    let mut sorted = Vec::new();
    for (
        site,
        Site {
            readings: mut list, ..
        },
    ) in by_site
    {
        // Stable, and already sorted unless readings came out of order.
        list.sort_by_key(|r| r.timestamp);
        for pair in list.windows(2) {
            if pair[1].timestamp - pair[0].timestamp > max_gap {
                findings.push(Finding::Gap {
                    site: site.clone(),
                    from: pair[0].timestamp,
                    to: pair[1].timestamp,
                });
            }
        }
        sorted.extend(list);
    }
    MeterLog {
        readings: sorted,
        findings,
    }
}

/// A span of time `[from, to)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSpan {
    /// Start.
    pub from: NaiveDateTime,
    /// End (excluded).
    pub to: NaiveDateTime,
}

/// The volume through one site in one dekad, with how much of the dekad the readings cover.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DekadVolume {
    /// The site.
    pub site: String,
    /// The dekad.
    pub dekad: Period,
    /// The integrated volume over the covered time, in m³ (not extrapolated to the whole dekad).
    pub volume: Volume,
    /// Covered time ÷ the dekad's length × 100.
    pub coverage_pct: f64,
    /// The parts of the dekad not covered (before the first reading, gaps, after the last).
    pub uncovered: Vec<TimeSpan>,
}

/// A dekad of a line that metering covers too little to serve as actual intake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThinDekad {
    /// Country of the line.
    pub country: Country,
    /// The line.
    pub line: LineId,
    /// The dekad.
    pub dekad: Period,
    /// The lowest coverage among the line's sites in the dekad, %.
    pub coverage_pct: f64,
}

/// Turns metered dekad volumes into actual intake for [`compliance`](crate::compliance).
///
/// `sites` maps each metering site to the country and line it measures; a line metered at
/// several sites (several offtakes) gets the sum of their volumes. A dekad becomes an
/// [`Intake`] only when every site of the line has readings there and covers at least
/// `min_coverage_pct` of it: a partly covered volume understates the intake and would make a
/// line look compliant. Those dekads are returned as [`ThinDekad`]s instead. Sites not in
/// `sites` are ignored. Intakes come sorted by country, line and dekad.
pub fn dekad_intakes(
    dekads: &[DekadVolume],
    sites: &BTreeMap<String, (Country, LineId)>,
    source: &SourceId,
    min_coverage_pct: f64,
) -> (Vec<Intake>, Vec<ThinDekad>) {
    let mut by_line: BTreeMap<(Country, LineId, Period), (Volume, f64, usize)> = BTreeMap::new();
    for d in dekads {
        let Some((country, line)) = sites.get(&d.site) else {
            continue;
        };
        let entry = by_line.entry((*country, line.clone(), d.dekad)).or_insert((
            Volume::from_m3(0.0),
            f64::INFINITY,
            0,
        ));
        entry.0 += d.volume;
        entry.1 = entry.1.min(d.coverage_pct);
        entry.2 += 1;
    }
    let mut sites_per_line: BTreeMap<(Country, LineId), usize> = BTreeMap::new();
    for (country, line) in sites.values() {
        *sites_per_line.entry((*country, line.clone())).or_default() += 1;
    }
    let mut intakes = Vec::new();
    let mut thin = Vec::new();
    for ((country, line, dekad), (volume, coverage, metered)) in by_line {
        let per_line = sites_per_line
            .get(&(country, line.clone()))
            .copied()
            .unwrap_or(0);
        // A site of the line without any row in this dekad covers none of it.
        let coverage_pct = if metered < per_line { 0.0 } else { coverage };
        if coverage_pct >= min_coverage_pct {
            intakes.push(Intake {
                country,
                line,
                dekad,
                volume,
                mean_flow: None,
                source: source.clone(),
                // Computed from many readings, not read from one line.
                file_line: 0,
            });
        } else {
            thin.push(ThinDekad {
                country,
                line,
                dekad,
                coverage_pct,
            });
        }
    }
    (intakes, thin)
}

fn start_of(day: chrono::NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

/// Consecutive dekads without any coverage that [`integrate_dekads`] lists (a year); a longer
/// gap is listed up to there and resumes at the dekad of the next reading.
pub const MAX_EMPTY_DEKADS: usize = 36;

fn dekad_span(dekad: Period) -> TimeSpan {
    let range = dekad.range();
    TimeSpan {
        from: start_of(range.start),
        to: start_of(range.end),
    }
}

fn seconds(delta: TimeDelta) -> f64 {
    delta.num_milliseconds() as f64 / 1000.0
}

/// Integrates validated readings (as in [`MeterLog::readings`]: sorted by site and time, no
/// repeated timestamps) into dekad volumes by the trapezoidal rule, for every dekad from the one
/// holding a site's first reading to the one holding its last. Intervals longer than `max_gap`
/// are left out and reported as uncovered.
pub fn integrate_dekads(readings: &[Reading], max_gap: TimeDelta) -> Vec<DekadVolume> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < readings.len() {
        let site = &readings[start].site;
        let end = readings[start..]
            .iter()
            .position(|r| &r.site != site)
            .map_or(readings.len(), |n| start + n);
        integrate_site(&readings[start..end], max_gap, &mut out);
        start = end;
    }
    out
}

/// A covered interval between two consecutive readings.
struct Interval {
    t0: NaiveDateTime,
    s0: f64,
    q0: f64,
    t1: NaiveDateTime,
    s1: f64,
    q1: f64,
}

fn integrate_site(readings: &[Reading], max_gap: TimeDelta, out: &mut Vec<DekadVolume>) {
    let (Some(first), Some(last)) = (readings.first(), readings.last()) else {
        return;
    };
    let Ok(mut dekad) = Period::containing(first.timestamp.date(), PeriodKind::Dekad) else {
        return;
    };
    // Covered intervals in time order: ends as timestamps and as seconds since 1970 (exact for
    // millisecond timestamps), with the flow at each end.
    let secs = |t: NaiveDateTime| t.and_utc().timestamp_millis() as f64 / 1000.0;
    let max_gap_s = seconds(max_gap);
    let points: Vec<(NaiveDateTime, f64, f64)> = readings
        .iter()
        .map(|r| (r.timestamp, secs(r.timestamp), r.discharge.m3_per_s()))
        .collect();
    let covered: Vec<Interval> = points
        .windows(2)
        .filter(|p| p[1].1 > p[0].1 && p[1].1 - p[0].1 <= max_gap_s)
        .map(|p| Interval {
            t0: p[0].0,
            s0: p[0].1,
            q0: p[0].2,
            t1: p[1].0,
            s1: p[1].1,
            q1: p[1].2,
        })
        .collect();
    let mut next = 0; // first covered interval that may reach into the current dekad
    let mut empty_run = 0; // dekads in a row without coverage, this one included
    loop {
        let span = dekad_span(dekad);
        let (from_s, to_s) = (secs(span.from), secs(span.to));
        let mut volume_m3 = 0.0;
        let mut covered_s = 0.0;
        let mut uncovered = Vec::new();
        let mut cursor = span.from;
        let mut index = next;
        while let Some(i) = covered.get(index) {
            if i.s0 >= to_s {
                break;
            }
            let (a, a_s) = if i.s0 > from_s {
                (i.t0, i.s0)
            } else {
                (span.from, from_s)
            };
            let (b, b_s) = if i.s1 < to_s {
                (i.t1, i.s1)
            } else {
                (span.to, to_s)
            };
            if b_s > a_s {
                let at = |t: f64| i.q0 + (i.q1 - i.q0) * (t - i.s0) / (i.s1 - i.s0);
                volume_m3 += f64::midpoint(at(a_s), at(b_s)) * (b_s - a_s);
                covered_s += b_s - a_s;
                if a > cursor {
                    uncovered.push(TimeSpan {
                        from: cursor,
                        to: a,
                    });
                }
                cursor = cursor.max(b);
            }
            if i.s1 <= to_s {
                index += 1;
            } else {
                break;
            }
        }
        next = index;
        if cursor < span.to {
            uncovered.push(TimeSpan {
                from: cursor,
                to: span.to,
            });
        }
        empty_run = if covered_s > 0.0 { 0 } else { empty_run + 1 };
        out.push(DekadVolume {
            site: first.site.clone(),
            dekad,
            volume: Volume::from_m3(volume_m3),
            coverage_pct: covered_s / (to_s - from_s) * 100.0,
            uncovered,
        });
        if span.to > last.timestamp {
            break;
        }
        // A longer run of empty dekads is not listed dekad by dekad: the gap finding states it,
        // and listing it would let a file with readings years apart produce millions of rows.
        if empty_run >= MAX_EMPTY_DEKADS {
            let resume = covered
                .get(next)
                .map_or(last.timestamp, |i| i.t0.max(span.to));
            if let Ok(d) = Period::containing(resume.date(), PeriodKind::Dekad)
                && d > dekad
            {
                dekad = d;
                empty_run = 0;
                continue;
            }
        }
        match dekad.succ() {
            Some(following) => dekad = following,
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> NaiveDateTime {
        parse_timestamp(s).unwrap()
    }

    fn reading(site: &str, t: &str, q: f64) -> Reading {
        Reading {
            site: site.to_owned(),
            timestamp: ts(t),
            discharge: FlowRate::from_m3_per_s(q),
            line: 0,
        }
    }

    fn parse(body: &str) -> MeterLog {
        parse_metering_csv(
            &format!("site,timestamp,discharge,unit\n{body}"),
            "meter.csv",
            TimeDelta::hours(6),
        )
        .unwrap()
    }

    #[test]
    fn a_gap_of_centuries_lists_a_year_of_empty_dekads_not_all_of_them() {
        // Found by fuzzing `water_csv`: readings 6,500 years apart took 0.9 s and listed
        // 234,000 empty dekads.
        let readings = [
            reading("a", "2026-04-01T00:00", 50.0),
            reading("a", "2026-04-01T06:00", 52.0),
            reading("a", "8520-04-01T00:00", 40.0),
            reading("a", "8520-04-01T06:00", 42.0),
        ];
        let dekads = integrate_dekads(&readings, TimeDelta::hours(6));
        assert_eq!(dekads.len(), 1 + MAX_EMPTY_DEKADS + 1, "{}", dekads.len());
        assert_eq!(dekads[0].dekad.to_string(), "2026-04-D1");
        assert!(dekads[0].coverage_pct > 0.0);
        assert!(
            dekads[1..=MAX_EMPTY_DEKADS]
                .iter()
                .all(|d| d.coverage_pct == 0.0)
        );
        let last = dekads.last().unwrap();
        assert_eq!(last.dekad.to_string(), "8520-04-D1");
        // 6 h at a mean 41 m³/s.
        assert!((last.volume.m3() - 41.0 * 6.0 * 3600.0).abs() < 1e-6);
        // A gap shorter than a year is still listed dekad by dekad.
        let readings = [
            reading("a", "2026-04-01T00:00", 50.0),
            reading("a", "2026-04-01T06:00", 52.0),
            reading("a", "2026-06-01T00:00", 40.0),
        ];
        let dekads = integrate_dekads(&readings, TimeDelta::hours(6));
        assert_eq!(dekads.len(), 7, "April D1 to June D1");
    }

    #[test]
    fn each_defect_is_a_finding() {
        let log = parse(
            "a,2026-04-01T00:00,50,m3/s\n\
             a,2026-04-01T03:00,51,m3/s\n\
             a,2026-04-01T03:00,51,m3/s\n\
             a,2026-04-01T03:00,60,m3/s\n\
             a,2026-04-01T02:00,49,m3/s\n\
             a,2026-04-01T04:00,-3,m3/s\n\
             a,2026-04-01T05:00,50,l/s\n\
             a,2026-04-01 25:00,50,m3/s\n\
             a,2026-04-01T06:00,abc,m3/s\n\
             a,2026-04-01T07:00,NaN,m3/s\n\
             a,2026-04-01T20:00,52,m3/s\n",
        );
        let f = &log.findings;
        assert!(matches!(
            &f[0],
            Finding::Duplicate {
                line: 4,
                first_line: 3,
                conflicting: false,
                ..
            }
        ));
        assert!(matches!(
            &f[1],
            Finding::Duplicate {
                line: 5,
                conflicting: true,
                ..
            }
        ));
        assert!(
            matches!(&f[2], Finding::OutOfOrder { line: 6, previous, .. } if *previous == ts("2026-04-01T03:00"))
        );
        assert!(matches!(&f[3], Finding::Negative { line: 7, .. }));
        assert!(matches!(&f[4], Finding::UnitMismatch { line: 8, unit, .. } if unit == "l/s"));
        assert!(matches!(&f[5], Finding::Malformed { line: 9, field, .. } if field == "timestamp"));
        assert!(
            matches!(&f[6], Finding::Malformed { line: 10, field, .. } if field == "discharge")
        );
        assert!(matches!(&f[7], Finding::NotFinite { line: 11, .. }));
        assert!(matches!(&f[8], Finding::Gap { from, to, .. }
            if *from == ts("2026-04-01T03:00") && *to == ts("2026-04-01T20:00")));
        assert_eq!(f.len(), 9);
        let times: Vec<NaiveDateTime> = log.readings.iter().map(|r| r.timestamp).collect();
        assert_eq!(
            times,
            [
                ts("2026-04-01T00:00"),
                ts("2026-04-01T02:00"),
                ts("2026-04-01T03:00"),
                ts("2026-04-01T20:00")
            ]
        );
        let json = serde_json::to_string(&f[3]).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"negative","line":7,"site":"a","timestamp":"2026-04-01T04:00:00","discharge":"-3 m3/s"}"#
        );
    }

    #[test]
    fn structural_problems_are_errors_with_file_and_line() {
        let err = parse_metering_csv("site,timestamp,flow\n", "meter.csv", TimeDelta::hours(1))
            .unwrap_err();
        assert!(err.to_string().contains("no column \"discharge\""), "{err}");
        let err = parse_metering_csv(
            "site,timestamp,discharge,unit\na,2026-04-01T00:00,1\n",
            "meter.csv",
            TimeDelta::hours(1),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("meter.csv, line 2: "), "{err}");
    }

    #[test]
    fn constant_flow_gives_the_dekad_volume_with_real_lengths() {
        // Hourly readings of 1 m³/s from 21 January to 1 March 2023.
        let mut readings = Vec::new();
        let mut t = ts("2023-01-21T00:00");
        while t <= ts("2023-03-01T00:00") {
            readings.push(Reading {
                site: "s".into(),
                timestamp: t,
                discharge: FlowRate::from_m3_per_s(1.0),
                line: 0,
            });
            t += TimeDelta::hours(1);
        }
        let log = validate(readings, TimeDelta::hours(2));
        assert!(log.findings.is_empty());
        let dekads = integrate_dekads(&log.readings, TimeDelta::hours(2));
        let names: Vec<String> = dekads.iter().map(|d| d.dekad.to_string()).collect();
        assert_eq!(
            names,
            [
                "2023-01-D3",
                "2023-02-D1",
                "2023-02-D2",
                "2023-02-D3",
                "2023-03-D1"
            ]
        );
        assert!((dekads[0].volume.m3() - 950_400.0).abs() < 1e-6);
        assert!((dekads[1].volume.m3() - 864_000.0).abs() < 1e-6);
        assert!((dekads[3].volume.m3() - 691_200.0).abs() < 1e-6);
        assert_eq!(dekads[3].coverage_pct, 100.0);
        assert!(dekads[3].uncovered.is_empty());
        // The last reading is at the start of 1 March: March D1 is not covered at all.
        assert_eq!(dekads[4].coverage_pct, 0.0);
        assert_eq!(dekads[4].volume.m3(), 0.0);
    }

    #[test]
    fn trapezoid_is_split_exactly_at_a_dekad_boundary() {
        // Flow rising linearly from 0 to 20 m³/s over the two days 10–11 April (00:00 to 00:00).
        let readings = [
            reading("s", "2026-04-10T00:00", 0.0),
            reading("s", "2026-04-12T00:00", 20.0),
        ];
        let dekads = integrate_dekads(&readings, TimeDelta::days(3));
        assert_eq!(dekads.len(), 2);
        // 10 April: mean 5 m³/s; 11 April: mean 15 m³/s.
        assert!((dekads[0].volume.m3() - 5.0 * 86_400.0).abs() < 1e-6);
        assert!((dekads[1].volume.m3() - 15.0 * 86_400.0).abs() < 1e-6);
        assert!((dekads[0].coverage_pct - 10.0).abs() < 1e-12);
        assert_eq!(
            dekads[0].uncovered,
            [TimeSpan {
                from: ts("2026-04-01T00:00"),
                to: ts("2026-04-10T00:00")
            }]
        );
    }

    #[test]
    fn gaps_are_not_filled_and_are_stated_per_dekad() {
        let readings = [
            reading("s", "2026-04-01T00:00", 10.0),
            reading("s", "2026-04-03T00:00", 10.0),
            reading("s", "2026-04-08T00:00", 10.0),
            reading("s", "2026-04-11T00:00", 10.0),
            reading("t", "2026-04-01T00:00", 1.0),
            reading("t", "2026-04-02T00:00", 1.0),
        ];
        let log = validate(readings.to_vec(), TimeDelta::days(3));
        assert_eq!(
            log.findings,
            [Finding::Gap {
                site: "s".into(),
                from: ts("2026-04-03T00:00"),
                to: ts("2026-04-08T00:00")
            }]
        );
        let dekads = integrate_dekads(&log.readings, TimeDelta::days(3));
        let s = &dekads[0];
        assert_eq!(s.dekad.to_string(), "2026-04-D1");
        // Covered: 1–3 April and 8–11 April = 2 + 3 days of the 10.
        assert!((s.volume.m3() - 10.0 * 86_400.0 * 5.0).abs() < 1e-6);
        assert!((s.coverage_pct - 50.0).abs() < 1e-12);
        assert_eq!(
            s.uncovered,
            [TimeSpan {
                from: ts("2026-04-03T00:00"),
                to: ts("2026-04-08T00:00")
            }]
        );
        // Site s's last reading opens dekad 2; site t has its own rows.
        assert_eq!(dekads[1].dekad.to_string(), "2026-04-D2");
        assert_eq!(dekads[1].coverage_pct, 0.0);
        assert_eq!(dekads[2].site, "t");
        assert!((dekads[2].volume.m3() - 86_400.0).abs() < 1e-6);
    }

    proptest::proptest! {
        #[test]
        fn fast_timestamp_parser_agrees_with_chrono(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?|\\PC{0,20}",
        ) {
            let slow = TIMESTAMP_FORMATS
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok());
            if let Some(fast) = parse_timestamp_fixed(&text) {
                proptest::prop_assert_eq!(Some(fast), slow);
            }
            proptest::prop_assert_eq!(parse_timestamp(&text), slow);
        }

        #[test]
        fn dekad_volumes_add_up_to_the_whole_trapezoid(
            steps in proptest::collection::vec((1i64..200_000, 0.0f64..500.0), 2..60),
        ) {
            let mut t = ts("2025-09-25T00:00");
            let mut readings = Vec::new();
            for (dt, q) in steps {
                t += TimeDelta::seconds(dt * 10);
                readings.push(reading("s", &t.format("%Y-%m-%dT%H:%M:%S").to_string(), q));
            }
            let whole: f64 = readings
                .windows(2)
                .map(|p| {
                    f64::midpoint(p[0].discharge.m3_per_s(), p[1].discharge.m3_per_s())
                        * seconds(p[1].timestamp - p[0].timestamp)
                })
                .sum();
            let dekads = integrate_dekads(&readings, TimeDelta::days(365));
            let parts: f64 = dekads.iter().map(|d| d.volume.m3()).sum();
            proptest::prop_assert!((whole - parts).abs() <= 1e-9 * whole.max(1.0));
            for d in &dekads {
                proptest::prop_assert!((0.0..=100.0).contains(&d.coverage_pct));
            }
            if dekads.len() > 2 {
                for d in &dekads[1..dekads.len() - 1] {
                    proptest::prop_assert!((d.coverage_pct - 100.0).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn metered_dekads_become_intake_only_when_covered() {
        // Two offtakes of one line, hourly readings; the second site stops on 5 April.
        let mut readings = Vec::new();
        for (site, until) in [("a", "2026-04-20T23:00"), ("b", "2026-04-05T00:00")] {
            let mut t = ts("2026-04-01T00:00");
            while t <= ts(until) {
                readings.push(Reading {
                    site: site.into(),
                    timestamp: t,
                    discharge: FlowRate::from_m3_per_s(10.0),
                    line: 0,
                });
                t += TimeDelta::hours(1);
            }
        }
        let log = validate(readings, TimeDelta::hours(2));
        let dekads = integrate_dekads(&log.readings, TimeDelta::hours(2));
        let line = LineId::new("dostyk-canal").unwrap();
        let sites: BTreeMap<String, (Country, LineId)> = [
            ("a".to_owned(), (Country::KAZ, line.clone())),
            ("b".to_owned(), (Country::KAZ, line.clone())),
        ]
        .into();
        let source = SourceId::new("metering").unwrap();
        let (intakes, thin) = dekad_intakes(&dekads, &sites, &source, 95.0);
        assert!(intakes.is_empty());
        // D1: site b covers 4 of 10 days; D2: site b has no row at all.
        assert_eq!(thin.len(), 2);
        assert!((thin[0].coverage_pct - 40.0).abs() < 1e-9);
        assert_eq!(thin[1].coverage_pct, 0.0);
        let (intakes, thin) = dekad_intakes(&dekads, &sites, &source, 39.0);
        assert_eq!(intakes.len(), 1);
        assert_eq!(thin.len(), 1);
        // Site a: 10 m³/s × 10 days; site b: 10 m³/s × 4 days.
        assert!((intakes[0].volume.m3() - 10.0 * 86_400.0 * 14.0).abs() < 1e-6);
        assert_eq!(intakes[0].dekad.to_string(), "2026-04-D1");
    }

    #[test]
    fn the_column_positions_are_those_of_the_layout() {
        let names: Vec<&str> = [SITE, TIMESTAMP, DISCHARGE, UNIT]
            .iter()
            .map(|&i| LAYOUT.columns()[i].name())
            .collect();
        assert_eq!(names, ["site", "timestamp", "discharge", "unit"]);
    }

    #[test]
    fn empty_input_gives_nothing() {
        assert!(integrate_dekads(&[], TimeDelta::hours(1)).is_empty());
        let log = validate(Vec::new(), TimeDelta::hours(1));
        assert!(log.readings.is_empty() && log.findings.is_empty());
    }
}
