//! Loading a dataset folder: the manifest, then every file with its domain crate's reader.
//!
//! [`load`] validates the whole dataset before anything is computed and collects every problem
//! (file, line, field and what was expected) instead of stopping at the first, so an analyst can
//! fix a dataset in one pass. Every path must stay inside the dataset folder: absolute paths and
//! `..` are refused by the manifest, and a symbolic link that points outside is refused here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use dostyk_core_model::agenda::file::{Agenda, AgendaFile, AgendaFileError};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::dataset::{DataFile, FileKind, Manifest};
use dostyk_core_model::facts::{self, FactsError, QuotedFact};
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::ReadError;
use dostyk_trade::national::{NationalFigure, read_national};
use dostyk_transit_gas::crossings::CrossingFigure;
use dostyk_transit_gas::freight::FreightRow;
use dostyk_transit_gas::national::NationalRow;
use dostyk_water::intake::{Intake, read_intake_csv};
use dostyk_water::limits::{Limit, read_limits_csv};

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

/// Everything wrong with a dataset, one line per problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The dataset folder.
    pub dir: PathBuf,
    /// Each problem: where (file, line, field) and what was expected.
    pub problems: Vec<String>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the dataset in {} has {} problem(s); nothing was written:",
            self.dir.display(),
            self.problems.len()
        )?;
        for p in &self.problems {
            writeln!(f, "  - {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// The real path of `relative` inside `dir`, refusing any path (or link) that resolves outside.
pub fn resolve_inside(dir: &Path, relative: &str) -> Result<PathBuf, String> {
    let root = dir
        .canonicalize()
        .map_err(|e| format!("{}: cannot open the dataset folder: {e}", dir.display()))?;
    let path = dir.join(relative);
    let real = path.canonicalize().map_err(|e| {
        format!(
            "{}: cannot open: {e}; check the path in dataset.toml",
            path.display()
        )
    })?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(format!(
            "{}: resolves to {}, outside the dataset folder; links must stay inside it",
            path.display(),
            real.display()
        ))
    }
}

/// Reads `relative` inside `dir`, refusing any path (or link) that resolves outside it, and
/// files too large to read whole.
pub fn read_inside(dir: &Path, relative: &str) -> Result<String, String> {
    let real = resolve_inside(dir, relative)?;
    let path = dir.join(relative);
    let size = std::fs::metadata(&real)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?
        .len();
    if size > MAX_TEXT_FILE_BYTES {
        return Err(format!(
            "{}: is {size} bytes; files read whole (the manifest, agenda files, statements) may \
             have at most {MAX_TEXT_FILE_BYTES} bytes: check that it is the right file, or split it",
            path.display()
        ));
    }
    std::fs::read_to_string(&real).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

/// The largest file [`read_inside`] reads into memory, 64 MiB: far beyond any real manifest,
/// agenda or claims ledger, small enough that a wrong file (a database dump, a 10 GB Comtrade
/// extract listed with the wrong kind) is refused with a message instead of exhausting memory.
pub const MAX_TEXT_FILE_BYTES: u64 = 64 * 1024 * 1024;

fn display_path(dir: &Path, file: &DataFile) -> String {
    dir.join(&file.path).display().to_string()
}

/// Loads and checks the dataset in `dir`.
pub fn load(dir: &Path) -> Result<Dataset, LoadError> {
    let fail = |problems: Vec<String>| LoadError {
        dir: dir.to_path_buf(),
        problems,
    };
    let manifest_path = dir.join("dataset.toml");
    let text = read_inside(dir, "dataset.toml").map_err(|e| fail(vec![e]))?;
    let manifest = Manifest::parse(&text, &manifest_path.display().to_string())
        .map_err(|e| fail(vec![e.to_string()]))?;
    let known: BTreeSet<SourceId> = manifest.sources.iter().map(|s| s.id.clone()).collect();

    let mut problems = Vec::new();
    let mut agenda = Agenda::default();
    let mut trade_national = Vec::new();
    let mut water_limits = Vec::new();
    let mut water_intake = Vec::new();
    let mut gas_national = Vec::new();
    let mut freight = Vec::new();
    let mut crossings = Vec::new();
    let mut water_facts = Vec::new();
    let mut transit_facts = Vec::new();
    let mut agenda_ok = true;
    // (table, key) -> the agenda file that defines it: keys are unique across all agenda files.
    let mut defined_in = BTreeMap::new();
    // The agenda first: other files refer to its indicator keys.
    let mut files: Vec<&DataFile> = manifest.files.iter().collect();
    files.sort_by_key(|f| f.kind != FileKind::Agenda);
    for file in files {
        let shown = display_path(dir, file);
        let text = match read_inside(dir, &file.path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        match file.kind {
            FileKind::Agenda => match AgendaFile::parse(&text, &shown, Some(&known)) {
                Ok(part) => {
                    let clashes = repeated_keys(&mut defined_in, &part, &shown);
                    if clashes.is_empty() {
                        merge_agenda(&mut agenda, part);
                    } else {
                        agenda_ok = false;
                        problems.extend(clashes);
                    }
                }
                Err(AgendaFileError::Invalid {
                    file,
                    problems: list,
                }) => {
                    agenda_ok = false;
                    problems.extend(list.into_iter().map(|p| format!("{file}: {p}")));
                }
                Err(e) => {
                    agenda_ok = false;
                    problems.push(e.to_string());
                }
            },
            // Its indicator keys cannot be checked against an agenda that failed.
            FileKind::TradeStatements if !agenda_ok => problems.push(format!(
                "{shown}: not checked, because the agenda file it refers to has problems (above)"
            )),
            FileKind::TradeStatements => {
                match ledger::parse_csv(&text, &shown, &agenda, Some(&known)) {
                    Ok(rows) => agenda.statements.extend(rows),
                    Err(AgendaFileError::Read(ReadError::Many { problems: list, .. })) => {
                        problems.extend(list.iter().map(ToString::to_string));
                    }
                    Err(e) => problems.push(e.to_string()),
                }
            }
            FileKind::TradeNational => keep(
                resolve_inside(dir, &file.path)
                    .and_then(|p| read_national(&p).map_err(|e| e.to_string())),
                |r| &r.source,
                (&shown, &known, &mut problems),
                &mut trade_national,
            ),
            FileKind::WaterLimits => keep(
                resolve_inside(dir, &file.path)
                    .and_then(|p| read_limits_csv(&p).map_err(|e| e.to_string())),
                |r| &r.source,
                (&shown, &known, &mut problems),
                &mut water_limits,
            ),
            FileKind::WaterIntake => keep(
                resolve_inside(dir, &file.path)
                    .and_then(|p| read_intake_csv(&p).map_err(|e| e.to_string())),
                |r| &r.source,
                (&shown, &known, &mut problems),
                &mut water_intake,
            ),
            FileKind::GasNational => keep(
                dostyk_transit_gas::national::parse_csv(&text, Path::new(&shown))
                    .map_err(|e| e.to_string()),
                |r| &r.source,
                (&shown, &known, &mut problems),
                &mut gas_national,
            ),
            FileKind::TransitFreight => keep(
                dostyk_transit_gas::freight::parse_csv(&text, Path::new(&shown))
                    .map_err(|e| e.to_string()),
                |r| &r.source,
                (&shown, &known, &mut problems),
                &mut freight,
            ),
            FileKind::TransitCrossings => keep(
                dostyk_transit_gas::crossings::parse_csv(&text, Path::new(&shown))
                    .map_err(|e| e.to_string()),
                |r| &r.source,
                (&shown, &known, &mut problems),
                &mut crossings,
            ),
            FileKind::WaterFacts | FileKind::TransitFacts => {
                match facts::parse_csv(&text, &shown, Some(&known)) {
                    Ok(rows) if file.kind == FileKind::WaterFacts => water_facts.extend(rows),
                    Ok(rows) => transit_facts.extend(rows),
                    Err(FactsError::Read(ReadError::Many { problems: list, .. })) => {
                        problems.extend(list.iter().map(ToString::to_string));
                    }
                    Err(e) => problems.push(e.to_string()),
                }
            }
            other => problems.push(format!(
                "{shown}: files of kind \"{other}\" cannot be read by this version of Dostyk yet; \
                 remove the entry from dataset.toml or update Dostyk"
            )),
        }
    }
    if problems.is_empty() {
        Ok(Dataset {
            dir: dir.to_path_buf(),
            manifest,
            agenda,
            trade_national,
            water_limits,
            water_intake,
            gas_national,
            freight,
            crossings,
            water_facts,
            transit_facts,
        })
    } else {
        Err(fail(problems))
    }
}

/// Keeps the rows of a file that was read, once every row's source is checked against the
/// manifest; records why the file could not be read otherwise.
fn keep<T>(
    read: Result<Vec<T>, String>,
    source: fn(&T) -> &SourceId,
    (shown, known, problems): (&str, &BTreeSet<SourceId>, &mut Vec<String>),
    into: &mut Vec<T>,
) {
    match read {
        Ok(rows) => {
            check_sources(shown, rows.iter().map(source), known, problems);
            into.extend(rows);
        }
        Err(e) => problems.push(e),
    }
}

/// Every row must cite a source the manifest lists.
fn check_sources<'a>(
    file: &str,
    cited: impl Iterator<Item = &'a SourceId>,
    known: &BTreeSet<SourceId>,
    problems: &mut Vec<String>,
) {
    let mut missing: Vec<&str> = cited
        .filter(|s| !known.contains(*s))
        .map(SourceId::as_str)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    for id in missing {
        problems.push(format!(
            "{file}: source_id \"{id}\" is not a source listed in dataset.toml; add it there or fix the id"
        ));
    }
}

/// Records the keys `part` defines and returns a problem for each key an earlier agenda file
/// already defined in the same table.
fn repeated_keys(
    defined_in: &mut BTreeMap<(&'static str, String), String>,
    part: &Agenda,
    shown: &str,
) -> Vec<String> {
    let keys =
        |ids: Vec<_>| -> Vec<&str> { ids.into_iter().filter_map(|id| part.key(id)).collect() };
    let tables = [
        (
            "meetings",
            keys(part.meetings.iter().map(|m| m.id).collect()),
        ),
        (
            "agreements",
            keys(part.agreements.iter().map(|a| a.id).collect()),
        ),
        (
            "indicators",
            keys(part.indicators.iter().map(|i| i.id).collect()),
        ),
        (
            "measures",
            keys(part.measures.iter().map(|m| m.id).collect()),
        ),
        (
            "projects",
            keys(part.projects.iter().map(|p| p.id).collect()),
        ),
    ];
    let mut problems = Vec::new();
    for (table, keys) in tables {
        for key in keys {
            match defined_in.get(&(table, key.to_owned())) {
                Some(first) => problems.push(format!(
                    "{shown}: {table} \"{key}\" is also defined in {first}; keys must be unique across the agenda files, so keep it in one file"
                )),
                None => {
                    defined_in.insert((table, key.to_owned()), shown.to_owned());
                }
            }
        }
    }
    problems
}

fn merge_agenda(into: &mut Agenda, part: Agenda) {
    into.meetings.extend(part.meetings);
    into.agreements.extend(part.agreements);
    into.indicators.extend(part.indicators);
    for history in part.targets {
        match into
            .targets
            .iter_mut()
            .find(|h| h.indicator == history.indicator)
        {
            Some(existing) => existing.restatements.extend(history.restatements),
            None => into.targets.push(history),
        }
    }
    into.measures.extend(part.measures);
    into.projects.extend(part.projects);
    into.statements.extend(part.statements);
    into.keys.extend(part.keys);
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
        assert_eq!(read_inside(dir.path(), "inside.toml").unwrap(), "y");
        #[cfg(unix)]
        assert!(
            read_inside(dir.path(), "link.toml")
                .unwrap_err()
                .contains("outside the dataset folder")
        );
        assert!(
            read_inside(dir.path(), "missing.toml")
                .unwrap_err()
                .contains("cannot open")
        );
    }

    #[test]
    fn files_too_large_to_read_whole_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let big = std::fs::File::create(dir.path().join("agenda.toml")).unwrap();
        // Sparse: no disk space is used.
        big.set_len(MAX_TEXT_FILE_BYTES + 1).unwrap();
        let err = read_inside(dir.path(), "agenda.toml").unwrap_err();
        assert!(err.contains("is 67108865 bytes"), "{err}");
        assert!(err.contains("at most 67108864 bytes"), "{err}");
        big.set_len(3).unwrap();
        assert_eq!(read_inside(dir.path(), "agenda.toml").unwrap(), "\0\0\0");
    }

    #[test]
    fn every_problem_is_collected() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("dataset.toml"),
            r#"
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
[[files]]
id = "b"
kind = "agenda"
path = "missing.toml"
"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join("agenda.toml"),
            "[[meetings]]\nkey = \"m\"\nkind = \"forum\"\ndate = \"2024\"\ntitle = \"F\"\nsources = [\"nope\"]\n",
        )
        .unwrap();
        let err = load(dir.path()).unwrap_err();
        assert_eq!(err.problems.len(), 2, "{err}");
        assert!(err.problems[0].contains("meetings[0].sources[0]"));
        assert!(err.problems[1].contains("missing.toml"));
        assert!(err.to_string().contains("nothing was written"));
    }
}
