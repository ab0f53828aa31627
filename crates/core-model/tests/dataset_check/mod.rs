#![allow(dead_code)] // each test binary uses its own part of the helpers

//! Checks a dataset folder beyond what `Manifest::parse` checks: that every listed file exists,
//! that every row of every CSV file names a source the manifest lists, that files without a
//! source column (UN Comtrade, metering, JSON models) carry file-level sources, that every agenda
//! item names its sources and that the agenda's cross references resolve, and that no listed
//! source goes unused.
//!
//! Used by the integration tests of the bundled dataset and of the test datasets.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use dostyk_core_model::dataset::Manifest;

/// The columns that name the source of a row, in the order they are looked for: `source_id`
/// (several ids separated by `;` in the claims ledger), `sources`, and `source` (the water
/// crate's spelling).
pub(crate) const SOURCE_COLUMNS: [&str; 3] = ["source_id", "sources", "source"];

/// The agenda tables whose items must name their sources.
const SOURCED_TABLES: [&str; 6] = [
    "meetings",
    "agreements",
    "measures",
    "targets",
    "projects",
    "statements",
];

/// Every agenda table Dostyk knows.
const AGENDA_TABLES: [&str; 7] = [
    "meetings",
    "agreements",
    "measures",
    "indicators",
    "targets",
    "projects",
    "statements",
];

/// What a check found.
pub(crate) struct Report {
    /// The parsed manifest.
    pub(crate) manifest: Manifest,
    /// Every problem, each naming the file (and line or item) it is about.
    pub(crate) problems: Vec<String>,
}

/// The manifest file of a dataset folder, parsed; panics with the error text when it does not
/// parse (test helper).
pub(crate) fn manifest(dir: &Path) -> Manifest {
    let path = dir.join("dataset.toml");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Manifest::parse(&text, &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"))
}

/// Every file under `dir` (recursively), sorted, relative to `dir` with `/` separators.
pub(crate) fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("under root");
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// One CSV row: its 1-based line and its fields by column name.
pub(crate) struct Row {
    /// The line in the file, as an editor shows it.
    pub(crate) line: u64,
    /// Column name to trimmed value.
    pub(crate) fields: BTreeMap<String, String>,
}

impl Row {
    /// The value of `column`, or "" when the column is absent.
    pub(crate) fn get(&self, column: &str) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }
}

/// Reads a CSV file into rows; `Err` names the file and line of a malformed record.
pub(crate) fn read_csv(path: &Path) -> Result<(Vec<String>, Vec<Row>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        // `#` lines are comments, as the readers (`Layout::with_comments`) take them.
        .comment(Some(b'#'))
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, csv::Position::line);
        let fields = headers
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_owned))
            .collect();
        rows.push(Row { line, fields });
    }
    Ok((headers, rows))
}

/// Splits a source cell into ids (`;`- or space-separated).
fn ids_in(cell: &str) -> Vec<&str> {
    cell.split([';', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs every check on the dataset in `dir`.
pub(crate) fn check(dir: &Path) -> Report {
    let manifest = manifest(dir);
    let known: BTreeSet<String> = manifest
        .sources
        .iter()
        .map(|s| s.id.as_str().to_owned())
        .collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut problems = Vec::new();

    let listed: BTreeMap<&str, &dostyk_core_model::dataset::DataFile> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    for f in &manifest.files {
        if !dir.join(&f.path).is_file() {
            problems.push(format!(
                "dataset.toml: file \"{}\" ({}) does not exist",
                f.path, f.id
            ));
        }
        used.extend(f.sources.iter().map(|s| s.as_str().to_owned()));
    }

    for rel in files_under(dir) {
        let path = dir.join(&rel);
        let file_sources = listed.get(rel.as_str()).map_or(0, |f| f.sources.len());
        let extension = Path::new(&rel)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        // A translations table holds no figures: its rows are words, translated for the project
        // (no source) or quoted from a source the loader checks against the manifest.
        if listed
            .get(rel.as_str())
            .is_some_and(|f| f.kind.as_str() == "translations")
        {
            continue;
        }
        if extension.as_deref() == Some("csv") {
            let (headers, rows) = match read_csv(&path) {
                Ok(x) => x,
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            let column = SOURCE_COLUMNS
                .iter()
                .find(|c| headers.iter().any(|h| h == *c));
            let Some(column) = column else {
                if file_sources == 0 {
                    problems.push(format!(
                        "{rel}: has no source column ({}) and no file-level sources in dataset.toml",
                        SOURCE_COLUMNS.join(", ")
                    ));
                }
                continue;
            };
            for row in &rows {
                let ids = ids_in(row.get(column));
                if ids.is_empty() {
                    problems.push(format!(
                        "{rel}, line {}: no source in column `{column}`",
                        row.line
                    ));
                }
                for id in ids {
                    if known.contains(id) {
                        used.insert(id.to_owned());
                    } else {
                        problems.push(format!(
                            "{rel}, line {}: source \"{id}\" is not listed in dataset.toml",
                            row.line
                        ));
                    }
                }
            }
        } else if extension.as_deref() == Some("json") {
            if file_sources == 0 {
                problems.push(format!(
                    "{rel}: a JSON file carries no row sources, so dataset.toml must list it with file-level sources"
                ));
            }
        } else if rel != "dataset.toml"
            && listed.get(rel.as_str()).is_none_or(|f| f.kind != "agenda")
        {
            problems.push(format!("{rel}: not a data file of the dataset"));
        }
    }

    for f in manifest.files_of("agenda") {
        let path = dir.join(&f.path);
        match fs::read_to_string(&path) {
            Ok(text) => check_agenda(&f.path, &text, &known, &mut used, &mut problems),
            Err(e) => problems.push(format!("{}: {e}", f.path)),
        }
    }

    for id in &known {
        if !used.contains(id) {
            problems.push(format!(
                "dataset.toml: source \"{id}\" is cited by no row and no file"
            ));
        }
    }
    Report { manifest, problems }
}

/// The `sources` array of an agenda item, checked against the manifest.
fn item_sources(
    file: &str,
    label: &str,
    item: &toml::Table,
    required: bool,
    known: &BTreeSet<String>,
    used: &mut BTreeSet<String>,
    problems: &mut Vec<String>,
) {
    let ids: Vec<&str> = match item.get("sources") {
        Some(toml::Value::Array(a)) => a.iter().filter_map(toml::Value::as_str).collect(),
        Some(_) => {
            problems.push(format!("{file}: {label}: `sources` must be a list of ids"));
            return;
        }
        None => Vec::new(),
    };
    if required && ids.is_empty() {
        problems.push(format!("{file}: {label}: no sources"));
    }
    for id in ids {
        if known.contains(id) {
            used.insert(id.to_owned());
        } else {
            problems.push(format!(
                "{file}: {label}: source \"{id}\" is not listed in dataset.toml"
            ));
        }
    }
}

fn label(table: &str, i: usize, item: &toml::Table) -> String {
    match item.get("key").and_then(toml::Value::as_str) {
        Some(key) => format!("{table}[{i}] (\"{key}\")"),
        None => format!("{table}[{i}]"),
    }
}

fn items<'a>(doc: &'a toml::Table, table: &str) -> Vec<&'a toml::Table> {
    doc.get(table)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
        .unwrap_or_default()
}

fn check_agenda(
    file: &str,
    text: &str,
    known: &BTreeSet<String>,
    used: &mut BTreeSet<String>,
    problems: &mut Vec<String>,
) {
    let doc: toml::Table = match text.parse() {
        Ok(doc) => doc,
        Err(e) => {
            problems.push(format!("{file}: {e}"));
            return;
        }
    };
    for name in doc.keys() {
        if !AGENDA_TABLES.contains(&name.as_str()) {
            problems.push(format!(
                "{file}: unknown table `{name}`; expected one of {}",
                AGENDA_TABLES.join(", ")
            ));
        }
    }
    let mut keys: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut all_keys = BTreeSet::new();
    for table in AGENDA_TABLES {
        let set = keys.entry(table).or_default();
        for (i, item) in items(&doc, table).into_iter().enumerate() {
            if let Some(key) = item.get("key").and_then(toml::Value::as_str)
                && !(set.insert(key.to_owned()) && all_keys.insert(key.to_owned()))
            {
                problems.push(format!("{file}: {table}[{i}]: key \"{key}\" is used twice (keys are unique across the file)"));
            }
        }
    }
    for table in SOURCED_TABLES {
        for (i, item) in items(&doc, table).into_iter().enumerate() {
            let l = label(table, i, item);
            item_sources(file, &l, item, true, known, used, problems);
            for (sub, required) in [("history", true), ("milestones", true)] {
                if let Some(list) = item.get(sub).and_then(toml::Value::as_array) {
                    for (j, event) in list.iter().filter_map(toml::Value::as_table).enumerate() {
                        let el = format!("{l}.{sub}[{j}]");
                        item_sources(file, &el, event, required, known, used, problems);
                        check_ref(file, &el, event, "meeting", "meetings", &keys, problems);
                    }
                }
            }
            for (field, target) in [
                ("meeting", "meetings"),
                ("promised_at", "meetings"),
                ("agreement", "agreements"),
                ("indicator", "indicators"),
            ] {
                check_ref(file, &l, item, field, target, &keys, problems);
            }
            if let Some(list) = item.get("statements").and_then(toml::Value::as_array) {
                for key in list.iter().filter_map(toml::Value::as_str) {
                    if !keys["statements"].contains(key) {
                        problems.push(format!(
                            "{file}: {l}: statement \"{key}\" is not a key of [[statements]]"
                        ));
                    }
                }
            }
        }
    }
}

fn check_ref(
    file: &str,
    label: &str,
    item: &toml::Table,
    field: &str,
    target: &str,
    keys: &BTreeMap<&str, BTreeSet<String>>,
    problems: &mut Vec<String>,
) {
    if let Some(key) = item.get(field).and_then(toml::Value::as_str)
        && !keys[target].contains(key)
    {
        problems.push(format!(
            "{file}: {label}: `{field}` \"{key}\" is not a key of [[{target}]]"
        ));
    }
}

/// The bundled dataset's folder, `data/kz-uz`.
pub(crate) fn bundled_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kz-uz")
}

/// The rows of one CSV file of the bundled dataset; panics with the reader's message.
pub(crate) fn bundled_rows(file: &str) -> Vec<Row> {
    read_csv(&bundled_dir().join(file))
        .unwrap_or_else(|e| panic!("{e}"))
        .1
}

/// The bundled `agenda.toml` as a TOML table.
pub(crate) fn bundled_agenda() -> toml::Table {
    let text = fs::read_to_string(bundled_dir().join("agenda.toml")).expect("agenda.toml");
    text.parse().unwrap_or_else(|e| panic!("agenda.toml: {e}"))
}

/// The items of `[[table]]`; panics when the agenda has none.
pub(crate) fn required_items<'a>(doc: &'a toml::Table, table: &str) -> Vec<&'a toml::Table> {
    doc[table]
        .as_array()
        .unwrap_or_else(|| panic!("agenda.toml has no [[{table}]]"))
        .iter()
        .filter_map(toml::Value::as_table)
        .collect()
}

/// A text field of an agenda item, empty when absent.
pub(crate) fn field_text<'a>(item: &'a toml::Table, field: &str) -> &'a str {
    item.get(field).and_then(toml::Value::as_str).unwrap_or("")
}
