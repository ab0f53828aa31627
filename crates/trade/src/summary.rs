//! Per reporter, partner and period: exports, imports, turnover and balance, with the rows used
//! and the rows passed over and why, from files to records in one call (and the mirror rows of
//! two sides likewise), ready to serialize as JSON or to lay out as a table.

use std::collections::BTreeMap;
use std::path::Path;

use dostyk_core_model::period::Period;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::Location;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::aggregate::{Aggregator, Direction, FlowTotal, SkipTally};
use crate::area::M49Area;
use crate::comtrade::{ComtradeReader, ReadOptions, SkipReason};
use crate::error::Result;
use crate::mirror::{MirrorOptions, MirrorRow};

/// Rows passed over for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedGroup {
    /// The reason, in words.
    pub reason: String,
    /// The reason, as data.
    pub kind: SkipReason,
    /// How many rows.
    pub rows: u64,
    /// Where the first of these rows were read (at most five).
    pub first: Vec<Location>,
}

/// One line of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRecord {
    /// The reporter (ISO alpha-3 for countries).
    pub reporter: M49Area,
    /// The partner (ISO alpha-3 for countries, `W00` for World).
    pub partner: M49Area,
    /// The period in its canonical text form (`2022`, `2023-11`).
    pub period: Period,
    /// Exports (FOB), `None` when the files have no export rows for this key.
    pub exports_usd: Option<Decimal>,
    /// Imports (CIF), `None` when the files have no import rows.
    pub imports_usd: Option<Decimal>,
    /// Exports + imports, when both are known.
    pub turnover_usd: Option<Decimal>,
    /// Exports − imports, when both are known.
    pub balance_usd: Option<Decimal>,
    /// Rows added up.
    pub rows_used: u64,
    /// Rows read and not added, by reason.
    pub rows_skipped: Vec<SkippedGroup>,
    /// The sources of the rows used.
    pub sources: Vec<SourceId>,
}

/// Reads every file into one aggregator (stops at the first error, naming file, line and
/// column).
pub fn read_files(paths: &[impl AsRef<Path>], options: &ReadOptions) -> Result<Aggregator> {
    let mut agg = Aggregator::new();
    for p in paths {
        agg.add_all(ComtradeReader::open(p, options.clone())?)?;
    }
    Ok(agg)
}

fn groups(tallies: Option<&BTreeMap<SkipReason, SkipTally>>) -> Vec<SkippedGroup> {
    tallies
        .map(|t| {
            t.iter()
                .map(|(reason, tally)| SkippedGroup {
                    reason: reason.to_string(),
                    kind: reason.clone(),
                    rows: tally.rows,
                    first: tally.first.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The summary records of an aggregator, sorted by reporter, partner and period; values are
/// normalised (no trailing zeros).
pub fn summarize(agg: &Aggregator) -> Vec<SummaryRecord> {
    let (totals, skipped) = agg.totals();
    let mut by: BTreeMap<(M49Area, M49Area, Period), Vec<&FlowTotal>> = BTreeMap::new();
    for t in &totals {
        by.entry((t.key.reporter, t.key.partner, t.key.period))
            .or_default()
            .push(t);
    }
    for key in skipped.keys() {
        by.entry(*key).or_default();
    }
    by.into_iter()
        .map(|(key @ (reporter, partner, period), flows)| {
            let get = |d: Direction| {
                flows
                    .iter()
                    .find(|t| t.key.direction == d)
                    .map(|t| t.value_usd.normalize())
            };
            let exports_usd = get(Direction::Export);
            let imports_usd = get(Direction::Import);
            let mut sources: Vec<SourceId> = flows
                .iter()
                .flat_map(|t| t.sources.iter().cloned())
                .collect();
            sources.sort();
            sources.dedup();
            SummaryRecord {
                reporter,
                partner,
                period,
                exports_usd,
                imports_usd,
                turnover_usd: exports_usd
                    .zip(imports_usd)
                    .and_then(|(x, m)| x.checked_add(m)),
                balance_usd: exports_usd
                    .zip(imports_usd)
                    .and_then(|(x, m)| x.checked_sub(m)),
                rows_used: flows.iter().map(|t| t.rows).sum(),
                rows_skipped: groups(skipped.get(&key)),
                sources,
            }
        })
        .collect()
}

/// Reads the files keeping only the rows between `a` and `b`, and compares the declarations.
pub fn mirror_files(
    paths: &[impl AsRef<Path>],
    a: M49Area,
    b: M49Area,
    options: &MirrorOptions,
) -> Result<Vec<MirrorRow>> {
    let read = ReadOptions {
        reporters: vec![a, b],
        partners: vec![a, b],
        ..ReadOptions::default()
    };
    let agg = read_files(paths, &read)?;
    let (totals, _) = agg.totals();
    crate::mirror::mirror(&totals, a, b, options)
}
