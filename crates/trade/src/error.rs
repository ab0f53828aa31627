//! Errors of the trade readers and analytics.
//!
//! Every error that comes from a file names the file, the line and, where there is one, the
//! column, and says what was expected, so the user can open the file and fix the cell.

use std::path::{Path, PathBuf};

use dostyk_core_model::money::Money;
use dostyk_core_model::period::Period;
use dostyk_core_model::read::{Location, ReadError};

use crate::area::M49Area;
use crate::flow::{Commodity, FlowCode};

/// What went wrong reading trade data or computing from it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TradeError {
    /// A file that cannot be opened or read (missing, a folder, a named pipe, a device, too
    /// large, not UTF-8), a header without the columns the reader needs or saved with another
    /// separator, a malformed row, or a cell that does not hold what its column needs. The
    /// [`ReadError`] names the file, the line and the field ([`ReadError::location`]).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file opened but its bytes stop making sense part-way: a cut-short or corrupt gzip
    /// stream, a read error from the disk.
    #[error("{}: {problem}", file.display())]
    Unreadable {
        /// The file.
        file: PathBuf,
        /// Where reading stopped, why, and what to do.
        problem: String,
    },
    /// The same flow (reporter, partner, period, flow, commodity and breakdown) appears twice
    /// with different values: adding them would count the trade twice, keeping one would hide
    /// a conflict. Boxed: the flow and its two places are large beside the other variants.
    #[error(transparent)]
    ConflictingDuplicate(Box<ConflictingFlow>),
    /// A statements (claims-ledger) file has problems; core-model's message lists each with its
    /// line and field.
    #[error(transparent)]
    Statements(#[from] dostyk_core_model::agenda::file::AgendaFileError),
    /// A computation got inputs it cannot use (zero totals, negative values, mismatched sets).
    #[error("{0}")]
    Input(String),
    // The Comtrade+ API client (feature `api`).
    /// A call to the Comtrade+ API failed for good: an HTTP error that a retry does not mend
    /// (400, 401, 404 …), an `error` in the answer, or retries used up on 429, 5xx, timeouts,
    /// dropped connections or malformed answers. Names the call (its address, without the key).
    #[error("Comtrade API call {url} failed after {attempts} attempt(s): {problem}")]
    ApiCall {
        /// The address of the call, without the key.
        url: String,
        /// Attempts made.
        attempts: u32,
        /// What went wrong last, and what to do.
        problem: String,
    },
    /// A call answered with as many records as the cap, so its data are cut short, and it
    /// cannot be split further (one reporter, partner, period, flow and HS level or code).
    #[error(
        "Comtrade API call {url} answered {count} records, the cap of one call, so the data are cut short and this call cannot be split further; ask for fewer commodities (--hs with chapter or heading codes instead of a whole level) or use a subscription key (COMTRADE_API_KEY) for the larger cap of the data API"
    )]
    ApiTruncated {
        /// The address of the call, without the key.
        url: String,
        /// `count` of the answer.
        count: u64,
    },
    /// The daily call limit of the run is reached.
    #[error(
        "the limit of {per_day} Comtrade API calls a day is reached before {url}; the answered calls are cached: run the same command again in {wait_minutes} minutes to fetch the rest, or raise the limit if the subscription allows more"
    )]
    ApiDailyLimit {
        /// The limit.
        per_day: u32,
        /// Minutes until a call is allowed again.
        wait_minutes: u64,
        /// The call that was not made.
        url: String,
    },
    /// A file of the API client (a cache entry, the dataset manifest, a written file) that
    /// cannot be read, written or used.
    #[error("{}: {problem}", file.display())]
    ApiCache {
        /// The file.
        file: PathBuf,
        /// What is wrong and what to do.
        problem: String,
    },
}

/// One flow given twice with different values ([`TradeError::ConflictingDuplicate`]).
///
/// It displays with the place of the second value first, as every read error does:
/// `b.csv, line 5: the same flow (reporter UZB, partner KAZ, 2017, flow M, commodity TOTAL) is
/// given twice with different values: 1260000000 USD here and 1250000000 USD at a.csv, line 2; …`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
#[error(
    "{at}: the same flow (reporter {reporter}, partner {partner}, {period}, flow {flow}, commodity {commodity}) is given twice with different values: {value} here and {first_value} at {first}; pass only one vintage of the data, or read the files separately"
)]
pub struct ConflictingFlow {
    /// Where the second value was read.
    pub at: Location,
    /// The declaring country.
    pub reporter: M49Area,
    /// The partner.
    pub partner: M49Area,
    /// The period.
    pub period: Period,
    /// The flow code.
    pub flow: FlowCode,
    /// `TOTAL` or the HS code.
    pub commodity: Commodity,
    /// The value read at `at` (CIF for imports, FOB for exports).
    pub value: Money,
    /// Where the first value was read.
    pub first: Location,
    /// The value read first.
    pub first_value: Money,
}

impl TradeError {
    /// The error for the cell of `column` on `line` of `file`, quoting it (shortened to 60
    /// characters so the message stays readable, control characters escaped with
    /// [`dostyk_core_model::read::printable`]) before the `problem`, which says what is
    /// wrong and what was expected.
    pub(crate) fn cell(
        file: &Path,
        line: u64,
        column: &str,
        value: &[u8],
        problem: impl AsRef<str>,
    ) -> Self {
        let text = String::from_utf8_lossy(value);
        let value: String = if text.chars().count() > 60 {
            text.chars().take(57).chain("...".chars()).collect()
        } else {
            text.into_owned()
        };
        let value = dostyk_core_model::read::printable(&value);
        ReadError::invalid(
            Location::file(file).line(line).field(column),
            format!("\"{value}\" {}", problem.as_ref()),
        )
        .into()
    }

    /// The error for a malformed row at `line` of `file`.
    pub(crate) fn row(file: &Path, line: u64, problem: impl Into<String>) -> Self {
        ReadError::syntax(Location::file(file).line(line), problem).into()
    }
}

/// Result alias of this crate.
pub type Result<T, E = TradeError> = std::result::Result<T, E>;
