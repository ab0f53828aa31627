//! Errors of the trade readers and analytics.
//!
//! Every error that comes from a file names the file, the line and, where there is one, the
//! column, and says what was expected, so the user can open the file and fix the cell.

use std::path::PathBuf;

/// What went wrong reading trade data or computing from it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TradeError {
    /// The file could not be opened or read.
    #[error("{file}: cannot read the file: {source}; check the path and the permissions")]
    Io {
        /// The file.
        file: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is empty: there is no header line.
    #[error("{file}: the file is empty; expected a header line naming the columns")]
    Empty {
        /// The file.
        file: PathBuf,
    },
    /// The header lacks columns the reader needs.
    #[error(
        "{file}: line 1: the header lacks the columns {}; expected {expected} (columns are matched by name, in any order and letter case)",
        missing.join(", ")
    )]
    MissingColumns {
        /// The file.
        file: PathBuf,
        /// The missing columns, each with its accepted aliases.
        missing: Vec<String>,
        /// The kind of file that was expected.
        expected: &'static str,
    },
    /// A cell does not hold what its column needs.
    #[error("{file}: line {line}, column {column}: \"{value}\" {problem}")]
    Cell {
        /// The file.
        file: PathBuf,
        /// 1-based line number (of the first physical line of the row).
        line: u64,
        /// The column name as written in the header.
        column: String,
        /// The cell text (shortened to 60 characters).
        value: String,
        /// What is wrong and what was expected, e.g. "is not a number (expected digits with a '.' decimal point, such as 12.5)".
        problem: String,
    },
    /// The file opened but its bytes stop making sense part-way: a cut-short or corrupt gzip
    /// stream, a read error from the disk.
    #[error("{file}: {problem}")]
    Unreadable {
        /// The file.
        file: PathBuf,
        /// Where reading stopped, why, and what to do.
        problem: String,
    },
    /// A row is malformed as CSV/TSV (unbalanced quotes, too few fields).
    #[error("{file}: line {line}: {problem}")]
    Row {
        /// The file.
        file: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong and what was expected.
        problem: String,
    },
    /// The same flow (reporter, partner, period, flow, commodity and breakdown) appears twice
    /// with different values: adding them would count the trade twice, keeping one would hide
    /// a conflict.
    #[error(
        "the same flow ({what}) is given twice with different values: {first_value} at {first} and {second_value} at {second}; pass only one vintage of the data, or read the files separately"
    )]
    ConflictingDuplicate {
        /// The flow, in words.
        what: String,
        /// Where the first value was read (`file:line`).
        first: String,
        /// The first value.
        first_value: String,
        /// Where the second value was read (`file:line`).
        second: String,
        /// The second value.
        second_value: String,
    },
    /// A statements (claims-ledger) file has problems; core-model's message lists each with its
    /// line and column.
    #[error(transparent)]
    Statements(#[from] dostyk_core_model::agenda::file::AgendaFileError),
    /// A computation got inputs it cannot use (zero totals, negative values, mismatched sets).
    #[error("{0}")]
    Input(String),
}

impl TradeError {
    /// A cell error; the value is shortened so the message stays readable.
    pub(crate) fn cell(
        file: &std::path::Path,
        line: u64,
        column: &str,
        value: &[u8],
        problem: impl Into<String>,
    ) -> Self {
        let text = String::from_utf8_lossy(value);
        let value: String = if text.chars().count() > 60 {
            text.chars().take(57).chain("...".chars()).collect()
        } else {
            text.into_owned()
        };
        TradeError::Cell {
            file: file.to_path_buf(),
            line,
            column: column.to_owned(),
            value,
            problem: problem.into(),
        }
    }

    /// When a header that lacks columns is one single column holding `;` (a spreadsheet saved
    /// with the semicolon delimiter of many locales), the error that says so; `None` otherwise.
    /// `save_as` ends the message: what to save the file as.
    pub(crate) fn semicolon_header(
        file: &std::path::Path,
        header: &[String],
        save_as: &str,
    ) -> Option<Self> {
        match header {
            [only] if only.contains(';') => Some(TradeError::Row {
                file: file.to_path_buf(),
                line: 1,
                problem: format!(
                    "the columns are separated by ';', not ','; save the file as {save_as}"
                ),
            }),
            _ => None,
        }
    }
}

/// Result alias of this crate.
pub type Result<T, E = TradeError> = std::result::Result<T, E>;
