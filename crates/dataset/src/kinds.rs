//! The table of file kinds: for each kind a `dataset.toml` may name, what it holds and the
//! reader that adds its records to the [`Dataset`](crate::Dataset).
//!
//! `dostyk-core-model` knows only what a kind name looks like; this table says which kinds
//! exist. [`load`](crate::load) looks every file's kind up here, and
//! [`parse_manifest`](crate::parse_manifest) refuses a kind that has no entry, listing the
//! kinds in the order of this table. A kind with an entry but no reader yet (a format whose
//! reader exists in a domain crate but whose records the dataset does not hold) is refused with
//! a line saying that this version cannot read it yet.
//!
//! To add a kind: write its reader in this crate's `readers` module (the file's text in, its
//! records and problems out), add a field to [`Dataset`](crate::Dataset) for its records, and
//! add an entry here.
//!
//! ```
//! let national = dostyk_dataset::kinds::entry("trade.national").unwrap();
//! assert!(national.has_reader());
//! assert!(!dostyk_dataset::kinds::entry("water.model").unwrap().has_reader());
//! assert!(dostyk_dataset::kinds::entry("water.minutes").is_none());
//! ```

use dostyk_core_model::dataset::FileKind;

use crate::readers::{self, ReadFn};

/// The agenda (meetings, agreements, measures, indicators, targets, projects).
pub const AGENDA: FileKind = FileKind::from_static("agenda");
/// UN Comtrade data in any of its layouts.
pub const TRADE_COMTRADE: FileKind = FileKind::from_static("trade.comtrade");
/// A national-statistics trade table.
pub const TRADE_NATIONAL: FileKind = FileKind::from_static("trade.national");
/// The claims ledger of figures quoted in statements.
pub const TRADE_STATEMENTS: FileKind = FileKind::from_static("trade.statements");
/// ICWC withdrawal limits.
pub const WATER_LIMITS: FileKind = FileKind::from_static("water.limits");
/// Actual intake per dekad.
pub const WATER_INTAKE: FileKind = FileKind::from_static("water.intake");
/// Metering readings.
pub const WATER_METERING: FileKind = FileKind::from_static("water.metering");
/// Reservoir balance records.
pub const WATER_RESERVOIR: FileKind = FileKind::from_static("water.reservoir");
/// A pywr 1.x JSON allocation model.
pub const WATER_MODEL: FileKind = FileKind::from_static("water.model");
/// ENTSOG-style gas flow records.
pub const GAS_FLOWS: FileKind = FileKind::from_static("gas.flows");
/// A national gas volume table.
pub const GAS_NATIONAL: FileKind = FileKind::from_static("gas.national");
/// A gas network for the solver (Dostyk or pandapipes JSON).
pub const GAS_NETWORK: FileKind = FileKind::from_static("gas.network");
/// Freight series by corridor, mode and direction.
pub const TRANSIT_FREIGHT: FileKind = FileKind::from_static("transit.freight");
/// CAREC CPMM trip and crossing records.
pub const TRANSIT_CPMM: FileKind = FileKind::from_static("transit.cpmm");
/// Border crossing points and their capacities.
pub const TRANSIT_CROSSINGS: FileKind = FileKind::from_static("transit.crossings");
/// A corridor network for routing.
pub const TRANSIT_NETWORK: FileKind = FileKind::from_static("transit.network");
/// Quoted water facts (reservoir capacities, forecasts).
pub const WATER_FACTS: FileKind = FileKind::from_static("water.facts");
/// Quoted transit facts (freight totals stated in speeches, targets).
pub const TRANSIT_FACTS: FileKind = FileKind::from_static("transit.facts");
/// Seasonal withdrawals as ICWC publishes them (a volume, a shortfall below the limit or a share).
pub const WATER_WITHDRAWALS: FileKind = FileKind::from_static("water.withdrawals");
/// Translations of the dataset's names and titles ([`crate::translations`]).
pub const TRANSLATIONS: FileKind = FileKind::from_static("translations");

/// One kind of data file: its name, what it holds, and its reader if this version has one.
#[derive(Debug)]
pub struct Entry {
    kind: FileKind,
    description: &'static str,
    read: Option<ReadFn>,
}

impl Entry {
    /// The kind's name, as `dataset.toml` writes it.
    pub fn kind(&self) -> &FileKind {
        &self.kind
    }

    /// What files of this kind hold, in a few words.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// Whether this version reads files of this kind; a file of a kind without a reader is
    /// refused by [`load`](crate::load).
    pub fn has_reader(&self) -> bool {
        self.read.is_some()
    }

    pub(crate) fn reader(&self) -> Option<ReadFn> {
        self.read
    }
}

const fn entry_of(kind: FileKind, description: &'static str, read: Option<ReadFn>) -> Entry {
    Entry {
        kind,
        description,
        read,
    }
}

/// The built-in kinds, in the order error messages list them.
static ENTRIES: [Entry; 20] = [
    entry_of(
        AGENDA,
        "meetings, agreements, measures, indicators, targets and projects (TOML)",
        Some(readers::agenda),
    ),
    entry_of(
        TRADE_COMTRADE,
        "UN Comtrade data in any of its layouts (API CSV, bulk TSV, legacy CSV)",
        Some(readers::trade_comtrade),
    ),
    entry_of(
        TRADE_NATIONAL,
        "published trade figures from national statistics (CSV)",
        Some(readers::trade_national),
    ),
    entry_of(
        TRADE_STATEMENTS,
        "the claims ledger of figures quoted in statements (CSV)",
        Some(readers::trade_statements),
    ),
    entry_of(
        WATER_LIMITS,
        "ICWC withdrawal limits (CSV)",
        Some(readers::water_limits),
    ),
    entry_of(
        WATER_INTAKE,
        "actual intake per dekad (CSV)",
        Some(readers::water_intake),
    ),
    entry_of(WATER_METERING, "metering readings", None),
    entry_of(WATER_RESERVOIR, "reservoir balance records", None),
    entry_of(WATER_MODEL, "a pywr 1.x JSON allocation model", None),
    entry_of(GAS_FLOWS, "ENTSOG-style gas flow records", None),
    entry_of(
        GAS_NATIONAL,
        "gas volumes by year or month (CSV)",
        Some(readers::gas_national),
    ),
    entry_of(
        GAS_NETWORK,
        "a gas network for the solver (Dostyk or pandapipes JSON)",
        None,
    ),
    entry_of(
        TRANSIT_FREIGHT,
        "freight series by corridor, mode and direction (CSV)",
        Some(readers::transit_freight),
    ),
    entry_of(TRANSIT_CPMM, "CAREC CPMM trip and crossing records", None),
    entry_of(
        TRANSIT_CROSSINGS,
        "border crossing points and their capacities (CSV)",
        Some(readers::transit_crossings),
    ),
    entry_of(TRANSIT_NETWORK, "a corridor network for routing", None),
    entry_of(
        WATER_FACTS,
        "quoted water facts: reservoir capacities, forecasts (CSV)",
        Some(readers::water_facts),
    ),
    entry_of(
        TRANSIT_FACTS,
        "quoted transit facts: freight totals stated in speeches, targets (CSV)",
        Some(readers::transit_facts),
    ),
    entry_of(
        WATER_WITHDRAWALS,
        "seasonal withdrawals against the ICWC limits (CSV)",
        Some(readers::water_withdrawals),
    ),
    entry_of(
        TRANSLATIONS,
        "translations of the dataset's names and titles into other languages (CSV)",
        Some(readers::translations),
    ),
];

/// Every registered kind, in the order error messages list them.
pub fn entries() -> &'static [Entry] {
    &ENTRIES
}

/// The entry of the kind named `kind`, if there is one.
pub fn entry(kind: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.kind == kind)
}

/// The names of every registered kind, in table order.
pub fn names() -> Vec<FileKind> {
    ENTRIES.iter().map(|e| e.kind.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once() {
        let mut names: Vec<&str> = entries().iter().map(|e| e.kind().as_str()).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a kind is registered twice");
        assert!(entries().iter().all(|e| !e.description().is_empty()));
    }

    #[test]
    fn the_kinds_without_a_reader_are_the_known_gaps() {
        let without: Vec<&str> = entries()
            .iter()
            .filter(|e| !e.has_reader())
            .map(|e| e.kind().as_str())
            .collect();
        assert_eq!(
            without,
            [
                "water.metering",
                "water.reservoir",
                "water.model",
                "gas.flows",
                "gas.network",
                "transit.cpmm",
                "transit.network"
            ]
        );
    }
}
