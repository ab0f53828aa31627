//! What can be wrong with a dataset: [`LoadError`] lists every [`Problem`], each a value that
//! keeps the error of the reader that found it.

use std::fmt::Write as _;
use std::path::PathBuf;

use dostyk_core_model::agenda::file::AgendaFileError;
use dostyk_core_model::dataset::{DatasetError, FileKind};
use dostyk_core_model::facts::FactsError;
use dostyk_core_model::read::ReadError;

/// Everything wrong with a dataset, one [`Problem`] per line.
#[derive(Debug, thiserror::Error)]
#[error(
    "the dataset in {} has {} problem(s); nothing was written:\n{}",
    dir.display(),
    problems.len(),
    list(problems)
)]
#[non_exhaustive]
pub struct LoadError {
    /// The dataset folder.
    pub dir: PathBuf,
    /// Each problem: where (file, line, field) and what was expected, in the order the files
    /// were read.
    pub problems: Vec<Problem>,
}

/// The problems, one line each.
fn list(problems: &[Problem]) -> String {
    problems.iter().fold(String::new(), |mut out, p| {
        let _ = writeln!(out, "  - {p}");
        out
    })
}

/// " (and N more rows of this file repeat rows of FIRST)", or nothing for no more rows.
fn more_rows(more: usize, first: &str) -> String {
    match more {
        0 => String::new(),
        1 => format!(" (and 1 more row of this file repeats a row of {first})"),
        n => format!(" (and {n} more rows of this file repeat rows of {first})"),
    }
}

/// Why a path listed in a dataset cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// The dataset folder itself cannot be opened.
    #[error("{}: cannot open the dataset folder: {source}", dir.display())]
    Folder {
        /// The folder as given.
        dir: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The path does not exist or cannot be followed.
    #[error("{}: cannot open: {source}; check the path in dataset.toml", path.display())]
    Open {
        /// The folder joined with the path.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The path, or a link on it, leads outside the dataset folder.
    #[error(
        "{}: resolves to {}, outside the dataset folder; links must stay inside it",
        path.display(),
        real.display()
    )]
    Outside {
        /// The folder joined with the path.
        path: PathBuf,
        /// Where it leads.
        real: PathBuf,
    },
}

/// One thing wrong with a dataset.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// A listed path cannot be used.
    #[error(transparent)]
    Resolve(#[from] ResolveError),
    /// A file cannot be read: not a regular file, too large, not UTF-8.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The manifest does not parse or breaks its rules (every one of its problems is listed).
    #[error(transparent)]
    Manifest(#[from] DatasetError),
    /// One problem of an agenda file, a claims ledger or a facts table.
    #[error("{file}: {problem}")]
    Item {
        /// The file as shown.
        file: String,
        /// The key or cell and what is wrong.
        problem: dostyk_core_model::dataset::Problem,
    },
    /// An agenda file or a claims ledger that cannot be read at all (not TOML or CSV).
    #[error(transparent)]
    Agenda(#[from] AgendaFileError),
    /// A facts table that is not a CSV table.
    #[error(transparent)]
    Facts(#[from] FactsError),
    /// A trade table (`trade.national`) the `dostyk-trade` reader refused.
    #[error(transparent)]
    Trade(#[from] dostyk_trade::error::TradeError),
    /// A water table (`water.limits`, `water.intake`) the `dostyk-water` reader refused.
    #[error(transparent)]
    Water(#[from] dostyk_water::WaterError),
    /// A gas or transit table the `dostyk-transit-gas` reader refused.
    #[error(transparent)]
    TransitGas(#[from] dostyk_transit_gas::error::Error),
    /// An agenda file defines a key an earlier agenda file already defines.
    #[error(
        "{file}: {table} \"{key}\" is also defined in {first}; keys must be unique across the agenda files, so keep it in one file"
    )]
    RepeatedKey {
        /// The later file, as shown.
        file: String,
        /// The agenda table (`meetings`, `indicators`, …).
        table: &'static str,
        /// The key.
        key: String,
        /// The file that defines it first, as shown.
        first: String,
    },
    /// A file the manifest lists twice, under two paths that lead to the same file
    /// (`trade/./x.csv`, a link to it): its rows would be counted twice.
    #[error(
        "{file}: files[{index}] (id \"{id}\") is the same file as files[{first_index}] (id \"{first_id}\", path \"{first_path}\"); a file listed twice would be counted twice, so remove one of the entries from dataset.toml"
    )]
    ListedTwice {
        /// The later entry's file, as shown.
        file: String,
        /// The later entry's place in `[[files]]`.
        index: usize,
        /// The later entry's id.
        id: String,
        /// The earlier entry's place in `[[files]]`.
        first_index: usize,
        /// The earlier entry's id.
        first_id: String,
        /// The earlier entry's path, as the manifest writes it.
        first_path: String,
    },
    /// A file of a kind whose text is exactly that of an earlier file of the same kind (a
    /// renamed copy): its rows would be counted twice.
    #[error(
        "{file}: has the same content as {first}, listed earlier with the same kind; a copy would be counted twice, so remove one of the entries from dataset.toml"
    )]
    SameContent {
        /// The later file, as shown.
        file: String,
        /// The earlier file, as shown.
        first: String,
    },
    /// A row whose key (the one its reader refuses to see twice in one file) an earlier file
    /// of the same kind already gives: the report would count it twice.
    #[error(
        "{file}, line {line}: {what} is already given in {first}, line {first_line}{}; a figure given in two files would be counted twice, so keep it in one file",
        more_rows(*more, first)
    )]
    GivenTwice {
        /// The later file, as shown.
        file: String,
        /// The row's line in it.
        line: u64,
        /// The key, in words.
        what: String,
        /// The earlier file, as shown.
        first: String,
        /// The row's line in the earlier file.
        first_line: u64,
        /// How many further rows of the later file repeat rows of the earlier one.
        more: usize,
    },
    /// A claims ledger that cannot be checked, because the agenda it refers to has problems.
    #[error("{file}: not checked, because the agenda file it refers to has problems (above)")]
    NotChecked {
        /// The ledger, as shown.
        file: String,
    },
    /// Rows cite a source the manifest does not list (one problem per id).
    #[error(
        "{file}: source_id \"{id}\" is not a source listed in dataset.toml; add it there or fix the id"
    )]
    UnknownSource {
        /// The file, as shown.
        file: String,
        /// The id cited.
        id: String,
    },
    /// A kind this version knows but has no reader for yet.
    #[error(
        "{file}: files of kind \"{kind}\" cannot be read by this version of Dostyk yet; remove the entry from dataset.toml or update Dostyk"
    )]
    NoReader {
        /// The file, as shown.
        file: String,
        /// Its kind.
        kind: FileKind,
    },
}
