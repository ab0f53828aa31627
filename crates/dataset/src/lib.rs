//! # dostyk-dataset
//!
//! Loading a Dostyk dataset folder: its `dataset.toml` manifest, then every file the manifest
//! lists, each with the reader registered for its kind in [`kinds`].
//!
//! [`load`] validates the whole dataset before anything is computed and collects every problem
//! (file, line, field and what was expected) instead of stopping at the first, so an analyst can
//! fix a dataset in one pass. Every path must stay inside the dataset folder: absolute paths and
//! `..` are refused by the manifest, and a symbolic link that points outside is refused here
//! ([`resolve_inside`]). Every file is read once, with
//! [`read_text`](dostyk_core_model::read::read_text): a folder, a named pipe or a device listed
//! as a file is refused with a message, and no file is read beyond
//! [`MAX_TEXT_FILE_BYTES`] bytes.
//!
//! Sits between the domain crates (`dostyk-trade`, `dostyk-water`, `dostyk-transit-gas`),
//! whose readers it calls, and `dostyk-reporting`, which re-exports it as
//! `dostyk_reporting::dataset`.
//!
//! ## Example
//!
//! ```
//! use std::path::Path;
//!
//! let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini");
//! let dataset = dostyk_dataset::load(&dir)?;
//! assert_eq!(dataset.manifest.name, "mini");
//! let first = &dataset.trade_national[0];
//! assert_eq!(first.value_usd.to_string(), "4000000000");
//! assert_eq!(first.source.as_str(), "test-press");
//!
//! // A kind the loader has no entry for is refused with the list of registered kinds.
//! let text = std::fs::read_to_string(dir.join("dataset.toml"))?
//!     .replace("kind = \"water.limits\"", "kind = \"water.minutes\"");
//! let err = dostyk_dataset::parse_manifest(&text, "dataset.toml").unwrap_err();
//! assert!(err.to_string().contains("expected one of: agenda, trade.comtrade"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
pub mod kinds;
mod readers;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dostyk_core_model::agenda::file::Agenda;
use dostyk_core_model::dataset::{DataFile, DatasetError, Manifest};
use dostyk_core_model::facts::QuotedFact;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read;
use dostyk_trade::national::NationalFigure;
use dostyk_transit_gas::crossings::CrossingFigure;
use dostyk_transit_gas::freight::FreightRow;
use dostyk_transit_gas::national::NationalRow;
use dostyk_water::intake::Intake;
use dostyk_water::limits::Limit;

pub use error::{LoadError, Problem, ResolveError};

/// The largest file the loader reads, 64 MiB: far beyond any real manifest, agenda or claims
/// ledger, small enough that a wrong file (a database dump, a 10 GB Comtrade extract listed with
/// the wrong kind) is refused with a message instead of exhausting memory.
pub const MAX_TEXT_FILE_BYTES: u64 = read::MAX_TEXT_FILE_BYTES;

/// A dataset, read and checked.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The folder it was read from.
    pub dir: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// The agenda (all `agenda` files together), with the statements of every
    /// `trade.statements` file added to `agenda.statements`.
    pub agenda: Agenda,
    /// Published trade figures (`trade.national`).
    pub trade_national: Vec<NationalFigure>,
    /// ICWC limits (`water.limits`).
    pub water_limits: Vec<Limit>,
    /// Intake per dekad (`water.intake`).
    pub water_intake: Vec<Intake>,
    /// Gas volumes by year or month (`gas.national`).
    pub gas_national: Vec<NationalRow>,
    /// Freight series (`transit.freight`).
    pub freight: Vec<FreightRow>,
    /// Border crossing figures (`transit.crossings`).
    pub crossings: Vec<CrossingFigure>,
    /// Quoted water facts (`water.facts`).
    pub water_facts: Vec<QuotedFact>,
    /// Quoted transit facts (`transit.facts`).
    pub transit_facts: Vec<QuotedFact>,
}

impl Dataset {
    /// A dataset with the manifest and no records yet.
    fn empty(dir: &Path, manifest: Manifest) -> Dataset {
        Dataset {
            dir: dir.to_path_buf(),
            manifest,
            agenda: Agenda::default(),
            trade_national: Vec::new(),
            water_limits: Vec::new(),
            water_intake: Vec::new(),
            gas_national: Vec::new(),
            freight: Vec::new(),
            crossings: Vec::new(),
            water_facts: Vec::new(),
            transit_facts: Vec::new(),
        }
    }
}

/// The real path of `relative` inside `dir`, refusing any path (or link) that resolves outside.
pub fn resolve_inside(dir: &Path, relative: &str) -> Result<PathBuf, ResolveError> {
    let root = dir.canonicalize().map_err(|source| ResolveError::Folder {
        dir: dir.to_path_buf(),
        source,
    })?;
    let path = dir.join(relative);
    let real = path.canonicalize().map_err(|source| ResolveError::Open {
        path: path.clone(),
        source,
    })?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(ResolveError::Outside { path, real })
    }
}

/// Parses the text of a `dataset.toml` (`file` names it in errors), refusing every file whose
/// kind has no entry in [`kinds::entries`], among the manifest's other problems.
pub fn parse_manifest(text: &str, file: &str) -> Result<Manifest, DatasetError> {
    Manifest::parse_with_kinds(text, file, &kinds::names())
}

/// One data file as its reader gets it.
struct Input {
    /// The real path, inside the dataset folder.
    real: PathBuf,
    /// The path as errors show it: the dataset folder as given, joined with the manifest path.
    shown: String,
}

impl Input {
    /// The text of the file, read once with the bounded reader.
    fn text(&self) -> Result<String, Problem> {
        read::read_text(&self.real, MAX_TEXT_FILE_BYTES).map_err(Problem::from)
    }
}

/// What the readers build: the dataset so far, and what the checks across files need.
struct Loading {
    dataset: Dataset,
    /// The ids of the manifest's sources.
    known: BTreeSet<SourceId>,
    /// (table, key) -> the agenda file that defines it: keys are unique across all agenda files.
    defined_in: BTreeMap<(&'static str, String), String>,
    /// Whether every agenda file read so far had no problem.
    agenda_ok: bool,
    problems: Vec<Problem>,
}

/// Loads and checks the dataset in `dir`.
///
/// Every file is read with the reader [`kinds`] registers for its kind, agenda files first
/// (the other files refer to the agenda's keys), then the others in manifest order.
pub fn load(dir: &Path) -> Result<Dataset, LoadError> {
    let fail = |problems: Vec<Problem>| LoadError {
        dir: dir.to_path_buf(),
        problems,
    };
    let manifest_path = dir.join("dataset.toml");
    let real = resolve_inside(dir, "dataset.toml").map_err(|e| fail(vec![e.into()]))?;
    let text = read::read_text(&real, MAX_TEXT_FILE_BYTES).map_err(|e| fail(vec![e.into()]))?;
    let manifest = parse_manifest(&text, &manifest_path.display().to_string())
        .map_err(|e| fail(vec![e.into()]))?;
    let known = manifest.sources.iter().map(|s| s.id.clone()).collect();
    let mut files: Vec<DataFile> = manifest.files.clone();
    files.sort_by_key(|f| f.kind != kinds::AGENDA);
    let mut loading = Loading {
        dataset: Dataset::empty(dir, manifest),
        known,
        defined_in: BTreeMap::new(),
        agenda_ok: true,
        problems: Vec::new(),
    };
    for file in &files {
        let shown = dir.join(&file.path).display().to_string();
        let real = match resolve_inside(dir, &file.path) {
            Ok(real) => real,
            Err(e) => {
                loading.problems.push(e.into());
                continue;
            }
        };
        // The manifest was parsed with the registered kinds, so every kind has an entry.
        match kinds::entry(file.kind.as_str()).and_then(kinds::Entry::reader) {
            Some(read) => read(&Input { real, shown }, &mut loading),
            None => loading.problems.push(Problem::NoReader {
                file: shown,
                kind: file.kind.clone(),
            }),
        }
    }
    if loading.problems.is_empty() {
        Ok(loading.dataset)
    } else {
        Err(fail(loading.problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_out_of_the_folder_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.toml"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("inside.toml"), "y").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            outside.path().join("secret.toml"),
            dir.path().join("link.toml"),
        )
        .unwrap();
        let inside = resolve_inside(dir.path(), "inside.toml").unwrap();
        assert_eq!(std::fs::read_to_string(inside).unwrap(), "y");
        #[cfg(unix)]
        assert!(matches!(
            resolve_inside(dir.path(), "link.toml"),
            Err(ResolveError::Outside { .. })
        ));
        #[cfg(unix)]
        assert!(
            resolve_inside(dir.path(), "link.toml")
                .unwrap_err()
                .to_string()
                .contains("outside the dataset folder")
        );
        let missing = resolve_inside(dir.path(), "missing.toml").unwrap_err();
        assert!(matches!(missing, ResolveError::Open { .. }));
        assert!(missing.to_string().contains("cannot open"), "{missing}");
    }

    const MANIFEST: &str = r#"
name = "t"
as_of = "2026-01-01"
[[sources]]
id = "s"
publisher = "p"
title = "t"
side = "joint"
kind = "press"
[[files]]
id = "a"
kind = "agenda"
path = "agenda.toml"
"#;

    #[test]
    fn files_too_large_to_read_whole_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dataset.toml"), MANIFEST).unwrap();
        let big = std::fs::File::create(dir.path().join("agenda.toml")).unwrap();
        // Sparse: no disk space is used.
        big.set_len(MAX_TEXT_FILE_BYTES + 1).unwrap();
        let err = load(dir.path()).unwrap_err();
        assert!(
            matches!(
                err.problems.as_slice(),
                [Problem::Read(read::ReadError::TooLarge { .. })]
            ),
            "{err}"
        );
        let text = err.to_string();
        assert!(text.contains("is 67108865 bytes"), "{text}");
        assert!(text.contains("limit of 67108864 bytes"), "{text}");
    }

    #[test]
    fn every_problem_is_collected() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("dataset.toml"),
            format!(
                "{MANIFEST}[[files]]\nid = \"b\"\nkind = \"agenda\"\npath = \"missing.toml\"\n"
            ),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("agenda.toml"),
            "[[meetings]]\nkey = \"m\"\nkind = \"forum\"\ndate = \"2024\"\ntitle = \"F\"\nsources = [\"nope\"]\n",
        )
        .unwrap();
        let err = load(dir.path()).unwrap_err();
        assert_eq!(err.problems.len(), 2, "{err}");
        assert!(
            matches!(&err.problems[0], Problem::Item { problem, .. } if problem.key == "meetings[0].sources[0]")
        );
        assert!(matches!(
            &err.problems[1],
            Problem::Resolve(ResolveError::Open { .. })
        ));
        assert!(err.problems[1].to_string().contains("missing.toml"));
        assert!(err.to_string().contains("nothing was written"));
    }

    #[test]
    fn kinds_without_a_reader_are_refused_with_a_clear_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("dataset.toml"),
            MANIFEST.replace("kind = \"agenda\"", "kind = \"water.model\""),
        )
        .unwrap();
        std::fs::write(dir.path().join("agenda.toml"), "{}").unwrap();
        let err = load(dir.path()).unwrap_err();
        assert!(
            matches!(&err.problems[..], [Problem::NoReader { kind, .. }] if *kind == "water.model")
        );
        assert!(
            err.to_string().contains(
                "files of kind \"water.model\" cannot be read by this version of Dostyk yet"
            ),
            "{err}"
        );
    }
}
