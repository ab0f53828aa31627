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
//! The same data is never counted twice: a file listed twice (under any spelling of its path,
//! or through a link or hard link) is refused naming both entries, so is a file with exactly
//! the text of an earlier file of the same kind (a renamed copy), and each reader's "given
//! twice" rule applies across all the files of its kind: a row whose key (a gas series and
//! period, a freight series and period, a national trade figure, a water intake or limit, a
//! statement) an earlier file already gives is refused naming both files and lines.
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

pub mod as_of;
pub mod changes;
pub mod conflicts;
mod error;
pub mod kinds;
mod readers;
pub mod translations;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use dostyk_core_model::agenda::file::Agenda;
use dostyk_core_model::dataset::{DataFile, DatasetError, FileKind, Manifest};
use dostyk_core_model::facts::QuotedFact;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read;
use dostyk_trade::national::NationalFigure;
use dostyk_transit_gas::crossings::CrossingFigure;
use dostyk_transit_gas::freight::FreightRow;
use dostyk_transit_gas::national::NationalRow;
use dostyk_water::intake::Intake;
use dostyk_water::limits::Limit;
use dostyk_water::withdrawals::SeasonalWithdrawal;

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
    /// UN Comtrade rows (`trade.comtrade`, any layout the Comtrade reader takes), each flow or
    /// skipped row attributed to the first source of its file; add them up with
    /// `dostyk_trade::aggregate::Aggregator`.
    pub trade_comtrade: Vec<dostyk_trade::comtrade::Row>,
    /// ICWC limits (`water.limits`).
    pub water_limits: Vec<Limit>,
    /// Intake per dekad (`water.intake`).
    pub water_intake: Vec<Intake>,
    /// Seasonal withdrawals as published (`water.withdrawals`); set them against the limits with
    /// `dostyk_water::withdrawals::assess_seasons`.
    pub water_withdrawals: Vec<SeasonalWithdrawal>,
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
    /// Translations of the dataset's names and titles (`translations`).
    pub translations: translations::Translations,
    /// The figures that state the same thing with values that differ beyond rounding, computed
    /// once every file is read (see [`conflicts`]).
    pub conflicts: conflicts::Conflicts,
}

impl Dataset {
    /// A dataset with the manifest and no records yet.
    fn empty(dir: &Path, manifest: Manifest) -> Dataset {
        Dataset {
            dir: dir.to_path_buf(),
            manifest,
            agenda: Agenda::default(),
            trade_national: Vec::new(),
            trade_comtrade: Vec::new(),
            water_limits: Vec::new(),
            water_intake: Vec::new(),
            water_withdrawals: Vec::new(),
            gas_national: Vec::new(),
            freight: Vec::new(),
            crossings: Vec::new(),
            water_facts: Vec::new(),
            transit_facts: Vec::new(),
            translations: translations::Translations::default(),
            conflicts: conflicts::Conflicts::default(),
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
    /// The text of the file, read once with the bounded reader.
    text: String,
    /// The sources the manifest lists for the whole file.
    sources: Vec<SourceId>,
}

/// A row key seen in an earlier file, for the checks across the files of a kind.
struct Seen {
    /// The file, as shown.
    file: String,
    /// The row's line.
    line: u64,
}

/// What the readers build: the dataset so far, and what the checks across files need.
struct Loading {
    dataset: Dataset,
    /// The ids of the manifest's sources.
    known: BTreeSet<SourceId>,
    /// (table, key) -> the agenda file that defines it: keys are unique across all agenda files.
    defined_in: BTreeMap<(&'static str, String), String>,
    /// (kind, row key) -> the file and line that give it first: the "given twice" rule of each
    /// reader, applied across all the files of a kind.
    given: HashMap<(&'static str, String), Seen>,
    /// Whether every agenda file read so far had no problem.
    agenda_ok: bool,
    problems: Vec<Problem>,
}

/// A file of the manifest, resolved (or why not), with its place in the manifest.
struct Listed<'m> {
    file: &'m DataFile,
    index: usize,
    /// The real path, or the problem that stops the file being read.
    real: Result<PathBuf, Problem>,
    shown: String,
}

/// Resolves every file of `files` inside `dir`, in manifest order, and refuses a file that an
/// earlier entry already names under another path (`trade/./x.csv`, a link to it): its rows
/// would be counted twice.
fn resolve_all<'m>(dir: &Path, files: &'m [DataFile]) -> Vec<Listed<'m>> {
    let mut first: HashMap<FileIdentity, usize> = HashMap::new();
    let mut listed: Vec<Listed<'m>> = Vec::with_capacity(files.len());
    for (index, file) in files.iter().enumerate() {
        let shown = dir.join(&file.path).display().to_string();
        let real = resolve_inside(dir, &file.path)
            .map_err(Problem::from)
            .and_then(|real| match first.entry(FileIdentity::of(&real)) {
                std::collections::hash_map::Entry::Occupied(earlier) => {
                    let first_index = *earlier.get();
                    let earlier = &files[first_index];
                    Err(Problem::ListedTwice {
                        file: shown.clone(),
                        index,
                        id: file.id.clone(),
                        first_index,
                        first_id: earlier.id.clone(),
                        first_path: earlier.path.clone(),
                    })
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(index);
                    Ok(real)
                }
            });
        listed.push(Listed {
            file,
            index,
            real,
            shown,
        });
    }
    listed
}

/// What makes two paths the same file: its real path, and on Unix its device and inode too (so
/// a hard link is the same file).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileIdentity {
    /// Device and inode.
    #[cfg(unix)]
    Inode(u64, u64),
    /// The real path (where the inode cannot be read).
    Path(PathBuf),
}

impl FileIdentity {
    fn of(real: &Path) -> FileIdentity {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if let Ok(meta) = std::fs::metadata(real) {
                return FileIdentity::Inode(meta.dev(), meta.ino());
            }
        }
        FileIdentity::Path(real.to_path_buf())
    }
}

/// A hash of a file's text, to find copies.
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
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
    let files: Vec<DataFile> = manifest.files.clone();
    let mut loading = Loading {
        dataset: Dataset::empty(dir, manifest),
        known,
        defined_in: BTreeMap::new(),
        given: HashMap::new(),
        agenda_ok: true,
        problems: Vec::new(),
    };
    let mut listed = resolve_all(dir, &files);
    listed.sort_by_key(|l| (l.file.kind != kinds::AGENDA, l.index));
    // (kind, hash of the text) -> the files first listed with it: a renamed copy of a file is
    // the same data listed twice, whatever its rows are. Only hashes are kept; a hash seen
    // before is confirmed by comparing the texts.
    let mut contents: HashMap<(&FileKind, u64), Vec<(PathBuf, String)>> = HashMap::new();
    for Listed {
        file, real, shown, ..
    } in listed
    {
        // A ledger cannot be checked against an agenda file that could not be read: it is
        // "not checked", not a list of every indicator key it cites.
        let is_agenda = file.kind == kinds::AGENDA;
        let real = match real {
            Ok(real) => real,
            Err(problem) => {
                if is_agenda && !matches!(problem, Problem::ListedTwice { .. }) {
                    loading.agenda_ok = false;
                }
                loading.problems.push(problem);
                continue;
            }
        };
        // The manifest was parsed with the registered kinds, so every kind has an entry.
        let Some(read) = kinds::entry(file.kind.as_str()).and_then(kinds::Entry::reader) else {
            loading.problems.push(Problem::NoReader {
                file: shown,
                kind: file.kind.clone(),
            });
            continue;
        };
        let text = match read::read_text(&real, MAX_TEXT_FILE_BYTES) {
            Ok(text) => text,
            Err(e) => {
                loading.agenda_ok &= !is_agenda;
                loading.problems.push(e.into());
                continue;
            }
        };
        let same_kind = contents.entry((&file.kind, text_hash(&text))).or_default();
        if let Some((_, first)) = same_kind.iter().find(|(path, _)| {
            read::read_text(path, MAX_TEXT_FILE_BYTES).is_ok_and(|earlier| earlier == text)
        }) {
            loading.problems.push(Problem::SameContent {
                file: shown,
                first: first.clone(),
            });
            continue;
        }
        same_kind.push((real.clone(), shown.clone()));
        let sources = file.sources.clone();
        read(
            &Input {
                real,
                shown,
                text,
                sources,
            },
            &mut loading,
        );
    }
    if loading.problems.is_empty() {
        let ds = &mut loading.dataset;
        // The ledger's statements: those of agenda files have a key (the portfolio statements).
        let ledger = ds
            .agenda
            .statements
            .iter()
            .filter(|s| ds.agenda.key(s.id).is_none());
        ds.conflicts = conflicts::Conflicts::detect(ledger, &ds.water_facts, &ds.transit_facts);
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
