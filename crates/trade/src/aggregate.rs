//! Adding flows up without counting anything twice.
//!
//! [`Aggregator`] takes [`Row`]s from any number of readers and keeps, for each reporter,
//! partner, period and direction (exports or imports):
//! - the rows of each commodity level (`TOTAL`, HS2, HS4, HS6) apart; when the totals are
//!   asked for, the coarsest level present is used and the finer rows are reported as
//!   [`SkipReason::FinerLevel`], because `TOTAL` already contains them;
//! - one value per commodity: the same row read twice (two files with the same data) is
//!   reported as [`SkipReason::Duplicate`], and two different values for the same flow and
//!   commodity are refused with [`TradeError::ConflictingDuplicate`];
//! - only the totals over second partner, mode of transport and customs procedure (breakdown
//!   rows are skipped even if the reader was asked to keep them);
//! - only imports `M` and exports `X`: re-exports and re-imports are parts of exports and
//!   imports in Comtrade, so adding them would count them twice ([`SkipReason::NotInTurnover`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use dostyk_core_model::money::{Currency, Money};
use dostyk_core_model::period::Period;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::Location;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::area::M49Area;
use crate::comtrade::{Row, SkipReason, SkippedRow};
use crate::error::{ConflictingFlow, Result, TradeError};
use crate::flow::{Commodity, FlowCode, HsCode, Level, RowOrigin, TradeFlow};

/// Exports or imports, the two flows turnover is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Exports (`X`), valued FOB.
    Export,
    /// Imports (`M`), valued CIF.
    Import,
}

/// Reporter, partner, period and direction: the key totals are kept under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FlowKey {
    /// The declaring country.
    pub reporter: M49Area,
    /// The partner.
    pub partner: M49Area,
    /// The period.
    pub period: Period,
    /// Exports or imports.
    pub direction: Direction,
}

/// How many rows were passed over for one reason, with the first places they were read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipTally {
    /// Number of rows.
    pub rows: u64,
    /// Where the first rows were read (at most five).
    pub first: Vec<Location>,
}

impl SkipTally {
    fn note(&mut self, origin: &RowOrigin) {
        self.rows += 1;
        if self.first.len() < 5 {
            self.first.push(origin.location());
        }
    }
}

/// Reporter, partner and period: the key of a summary record.
pub type PairPeriod = (M49Area, M49Area, Period);

#[derive(Debug, Default)]
struct LevelAcc {
    sum: Decimal,
    rows: u64,
    cif: Option<Decimal>,
    fob: Option<Decimal>,
    /// Value and origin (file index, line) of each commodity at this level (the `TOTAL` level
    /// has one entry, keyed 0). Kept compact: one entry per distinct flow and commodity.
    values: HashMap<u32, (Decimal, u32, u32)>,
    first: Vec<Location>,
    sources: BTreeSet<Arc<SourceId>>,
}

#[derive(Debug, Default)]
struct KeyAcc {
    levels: BTreeMap<Level, LevelAcc>,
}

/// Accumulates rows; see the module documentation for the rules.
#[derive(Debug, Default)]
pub struct Aggregator {
    keys: HashMap<FlowKey, KeyAcc>,
    skipped: BTreeMap<PairPeriod, BTreeMap<SkipReason, SkipTally>>,
    files: Vec<Arc<Path>>,
}

/// The total of one flow: the sum of the rows of one commodity level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlowTotal {
    /// Reporter, partner, period, direction.
    pub key: FlowKey,
    /// The value in US dollars (CIF for imports, FOB for exports).
    pub value_usd: Decimal,
    /// The commodity level the value is the sum of.
    pub level: Level,
    /// Rows added.
    pub rows: u64,
    /// Sum of the CIF values, when every row gave one.
    pub cif_usd: Option<Decimal>,
    /// Sum of the FOB values, when every row gave one.
    pub fob_usd: Option<Decimal>,
    /// The sources of the rows.
    pub sources: Vec<SourceId>,
}

fn commodity_slot(c: &Commodity) -> Option<(Level, u32)> {
    match c {
        Commodity::Total => Some((Level::Total, 0)),
        Commodity::Hs { code, .. } => c.level().map(|l| (l, code.value())),
        Commodity::Other { .. } => None,
    }
}

impl Aggregator {
    /// An empty aggregator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one row from a reader.
    pub fn add_row(&mut self, row: Row) -> Result<()> {
        match row {
            Row::Flow(flow) => self.add(&flow),
            Row::Skipped(s) => {
                self.skip(&s);
                Ok(())
            }
        }
    }

    /// Adds every row of an iterator (e.g. a [`crate::comtrade::ComtradeReader`]); stops at the
    /// first error.
    pub fn add_all(&mut self, rows: impl IntoIterator<Item = Result<Row>>) -> Result<()> {
        for row in rows {
            self.add_row(row?)?;
        }
        Ok(())
    }

    fn skip(&mut self, s: &SkippedRow) {
        self.tally(
            (s.reporter, s.partner, s.period),
            s.reason.clone(),
            &s.origin,
        );
    }

    fn tally(&mut self, key: PairPeriod, reason: SkipReason, origin: &RowOrigin) {
        self.skipped
            .entry(key)
            .or_default()
            .entry(reason)
            .or_default()
            .note(origin);
    }

    fn file_index(&mut self, file: &Arc<Path>) -> u32 {
        // Readers share one `Arc` per file, so the last file is found by pointer first.
        if let Some(i) = self
            .files
            .iter()
            .rposition(|f| Arc::ptr_eq(f, file) || f == file)
        {
            return i as u32;
        }
        self.files.push(Arc::clone(file));
        (self.files.len() - 1) as u32
    }

    /// The place kept as (file index, line); every index comes from `file_index`.
    fn place(&self, file: u32, line: u32) -> Location {
        let file = self
            .files
            .get(file as usize)
            .map_or_else(|| Path::new("?"), |f| &**f);
        Location::file(file).line(u64::from(line))
    }

    /// Adds one flow.
    pub fn add(&mut self, flow: &TradeFlow) -> Result<()> {
        let pp = (flow.reporter, flow.partner, flow.period);
        if !flow.breakdown.is_total() {
            let b = flow.breakdown;
            self.tally(
                pp,
                SkipReason::Breakdown {
                    partner2: b.partner2,
                    mode_of_transport: b.mode_of_transport,
                    customs_procedure: b.customs_procedure,
                },
                &flow.origin,
            );
            return Ok(());
        }
        let direction = match &flow.flow {
            FlowCode::Export => Direction::Export,
            FlowCode::Import => Direction::Import,
            other => {
                self.tally(
                    pp,
                    SkipReason::NotInTurnover {
                        flow: other.code().to_owned(),
                    },
                    &flow.origin,
                );
                return Ok(());
            }
        };
        let Some((level, code)) = commodity_slot(&flow.commodity) else {
            self.tally(
                pp,
                SkipReason::NotHs {
                    code: flow.commodity.to_string(),
                },
                &flow.origin,
            );
            return Ok(());
        };
        let key = FlowKey {
            reporter: flow.reporter,
            partner: flow.partner,
            period: flow.period,
            direction,
        };
        let file = self.file_index(&flow.origin.file);
        let line = u32::try_from(flow.origin.line).unwrap_or(u32::MAX);
        let seen = self
            .keys
            .get(&key)
            .and_then(|k| k.levels.get(&level))
            .and_then(|l| l.values.get(&code))
            .copied();
        if let Some((value, first_file, first_line)) = seen {
            let first = self.place(first_file, first_line);
            if value == flow.value_usd {
                self.tally(pp, SkipReason::Duplicate { first }, &flow.origin);
                return Ok(());
            }
            return Err(TradeError::ConflictingDuplicate(Box::new(
                ConflictingFlow {
                    at: flow.origin.location(),
                    reporter: flow.reporter,
                    partner: flow.partner,
                    period: flow.period,
                    flow: flow.flow.clone(),
                    commodity: flow.commodity.clone(),
                    value: Money::new(flow.value_usd, Currency::USD),
                    first,
                    first_value: Money::new(value, Currency::USD),
                },
            )));
        }
        let acc = self
            .keys
            .entry(key)
            .or_default()
            .levels
            .entry(level)
            .or_default();
        let first_row = acc.rows == 0;
        // The readers refuse values above `MAX_VALUE_USD`, so a file's sums stay far inside the
        // range of `Decimal`; flows built in code are checked here.
        acc.sum = acc.sum.checked_add(flow.value_usd).ok_or_else(|| {
            TradeError::Input(format!(
                "{}: the sum of the values exceeds the range of a decimal number; a value is far too large (the readers refuse values above 10^15 US dollars)",
                flow.origin
            ))
        })?;
        acc.cif = match (first_row, acc.cif, flow.cif_usd) {
            (true, _, v) => v,
            (false, Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
        acc.fob = match (first_row, acc.fob, flow.fob_usd) {
            (true, _, v) => v,
            (false, Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
        acc.rows += 1;
        if acc.first.len() < 5 {
            acc.first.push(flow.origin.location());
        }
        if !acc.sources.contains(&flow.origin.source) {
            acc.sources.insert(Arc::clone(&flow.origin.source));
        }
        acc.values.insert(code, (flow.value_usd, file, line));
        Ok(())
    }

    /// The total of every flow, using the coarsest commodity level present for each; the rows
    /// of finer levels are added to the skipped tallies. Sorted by key.
    pub fn totals(
        &self,
    ) -> (
        Vec<FlowTotal>,
        BTreeMap<PairPeriod, BTreeMap<SkipReason, SkipTally>>,
    ) {
        let mut skipped = self.skipped.clone();
        let mut out = Vec::with_capacity(self.keys.len());
        for (key, acc) in &self.keys {
            let mut levels = acc.levels.iter();
            let Some((&level, used)) = levels.next() else {
                continue;
            };
            for (&finer, lacc) in levels {
                let t = skipped
                    .entry((key.reporter, key.partner, key.period))
                    .or_default()
                    .entry(SkipReason::FinerLevel {
                        level: finer,
                        used: level,
                    })
                    .or_default();
                t.rows += lacc.rows;
                for f in &lacc.first {
                    if t.first.len() < 5 {
                        t.first.push(f.clone());
                    }
                }
            }
            out.push(FlowTotal {
                key: *key,
                value_usd: used.sum,
                level,
                rows: used.rows,
                cif_usd: used.cif,
                fob_usd: used.fob,
                sources: used.sources.iter().map(|s| (**s).clone()).collect(),
            });
        }
        out.sort_by_key(|t| t.key);
        (out, skipped)
    }

    /// The values of each commodity at `level` for one flow, sorted by code; empty when the
    /// flow has no rows at that level.
    pub fn commodities(&self, key: &FlowKey, level: Level) -> Vec<(HsCode, Decimal)> {
        let Some(acc) = self.keys.get(key).and_then(|k| k.levels.get(&level)) else {
            return Vec::new();
        };
        let digits = match level {
            Level::Total => return Vec::new(),
            Level::Hs2 => 2,
            Level::Hs4 => 4,
            Level::Hs6 => 6,
        };
        let mut out: Vec<(HsCode, Decimal)> = acc
            .values
            .iter()
            .filter_map(|(code, (v, _, _))| {
                HsCode::parse(&format!("{code:0digits$}")).map(|c| (c, *v))
            })
            .collect();
        out.sort_by_key(|(c, _)| *c);
        out
    }

    /// The agri-food lens (HS chapters 01–24) of one flow, from its coarsest HS level (HS2,
    /// else HS4, else HS6); `None` when the flow has only a `TOTAL` row.
    pub fn agri_food_lens(&self, key: &FlowKey) -> Option<crate::turnover::AgriFoodLens> {
        [Level::Hs2, Level::Hs4, Level::Hs6]
            .into_iter()
            .find_map(|level| {
                let products = self.commodities(key, level);
                (!products.is_empty()).then(|| crate::turnover::agri_food_lens(&products))
            })
    }

    /// The flow keys seen, sorted.
    pub fn keys(&self) -> Vec<FlowKey> {
        let mut k: Vec<FlowKey> = self.keys.keys().copied().collect();
        k.sort();
        k
    }
}
