//! The manifest of a dataset folder: `dataset.toml`.
//!
//! A Dostyk dataset is a folder of plain CSV and TOML files that an analyst can edit, described
//! by a `dataset.toml` at its top. The manifest names the dataset, its as-of date, every source
//! the figures come from, and every data file with its kind and its path relative to the folder:
//!
//! ```toml
//! name = "kz-uz"
//! title = "Kazakhstan–Uzbekistan cooperation agenda"
//! as_of = "2026-11-27"
//!
//! [[sources]]
//! id = "stat-kz-2025"
//! publisher = "Bureau of National Statistics of Kazakhstan"
//! title = "Foreign trade turnover of the Republic of Kazakhstan, 2024"
//! url = "https://stat.gov.kz/"
//! published = "2025-02-14"
//! side = "kazakhstan"
//! kind = "official_statistics"
//!
//! [[files]]
//! id = "trade-national"
//! kind = "trade.national"
//! path = "trade/national.csv"
//! ```
//!
//! [`Manifest::parse`] reads that text (this crate does no file I/O: the caller reads the file
//! and passes its name for error messages) and validates it as a whole, returning every problem
//! at once: absolute paths and paths that leave the folder, duplicate ids, kind names that are
//! not names and references to sources that do not exist, each naming the file and the key.
//! Which kinds exist is not known here: [`Manifest::parse_with_kinds`] takes the list from the
//! dataset loader (`dostyk-dataset`), which keeps the table of kinds and their readers.
//!
//! ```
//! use dostyk_core_model::dataset::Manifest;
//!
//! let text = r#"
//! name = "demo"
//! as_of = "2026-11-27"
//! [[sources]]
//! id = "s1"
//! publisher = "Ministry"
//! title = "Press release"
//! side = "kazakhstan"
//! kind = "official_statement"
//! [[files]]
//! id = "targets"
//! kind = "agenda"
//! path = "agenda.toml"
//! "#;
//! let manifest = Manifest::parse(text, "demo/dataset.toml")?;
//! assert_eq!(manifest.files_of("agenda").count(), 1);
//!
//! let bad = text.replace("agenda.toml", "../secrets.toml");
//! let err = Manifest::parse(&bad, "demo/dataset.toml").unwrap_err();
//! assert!(err.to_string().contains("files[0].path"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::provenance::{Source, SourceId};

/// The kind of a data file: a name such as `trade.national` that says which reader loads it.
///
/// This crate knows what a kind name looks like, not which kinds exist: the dataset loader
/// (`dostyk-dataset`) keeps the table of kinds and their readers, so a new reader never edits
/// this crate. A name is one or more words separated by dots; each word starts with a lowercase
/// ASCII letter followed by lowercase letters, digits, `-` or `_` (`agenda`, `water.limits`).
///
/// ```
/// use dostyk_core_model::dataset::FileKind;
///
/// const LIMITS: FileKind = FileKind::from_static("water.limits");
/// assert_eq!("water.limits".parse::<FileKind>()?, LIMITS);
/// assert!(FileKind::new("Water Limits").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileKind(Cow<'static, str>);

impl FileKind {
    /// The kind named `name`, if `name` has the shape of a kind name.
    pub fn new(name: impl Into<String>) -> Result<FileKind, InvalidKind> {
        let name = name.into();
        if is_kind_name(name.as_bytes()) {
            Ok(FileKind(Cow::Owned(name)))
        } else {
            Err(InvalidKind(name))
        }
    }

    /// The kind named `name`, for constants.
    ///
    /// # Panics
    ///
    /// When `name` does not have the shape of a kind name; in a `const` this is a compile
    /// error.
    pub const fn from_static(name: &'static str) -> FileKind {
        assert!(
            is_kind_name(name.as_bytes()),
            "not a file kind name: write lowercase words separated by dots"
        );
        FileKind(Cow::Borrowed(name))
    }

    /// The text form used in `dataset.toml`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `name` is one or more dot-separated words, each a lowercase ASCII letter followed by
/// lowercase letters, digits, `-` or `_`.
const fn is_kind_name(name: &[u8]) -> bool {
    let mut i = 0;
    let mut word_start = true;
    while i < name.len() {
        let b = name[i];
        let ok = if word_start {
            b.is_ascii_lowercase()
        } else {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.'
        };
        if !ok {
            return false;
        }
        word_start = b == b'.';
        i += 1;
    }
    !name.is_empty() && !word_start
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for FileKind {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for FileKind {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for FileKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A text that is not a file kind name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a file kind: write lowercase words separated by dots, e.g. trade.national")]
pub struct InvalidKind(pub String);

/// A file kind that the reader of the manifest does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown file kind \"{kind}\"; expected one of: {known}", known = join_kinds(known))]
pub struct UnknownKind {
    /// The kind as written.
    pub kind: String,
    /// The kinds that are known, in the order they are listed.
    pub known: Vec<FileKind>,
}

fn join_kinds(kinds: &[FileKind]) -> String {
    kinds
        .iter()
        .map(FileKind::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for FileKind {
    type Err = InvalidKind;

    /// Reads a kind name; spaces around it are ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FileKind::new(s.trim())
    }
}

impl Serialize for FileKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FileKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One data file of a dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataFile {
    /// Its id, unique in the manifest.
    pub id: String,
    /// What it holds, which says how to read it.
    pub kind: FileKind,
    /// Its path relative to the dataset folder, with `/` separators, never leaving the folder.
    pub path: String,
    /// A short description for the reader of the manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Sources the whole file draws on (rows may name more).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceId>,
}

/// A validated `dataset.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// Short name, e.g. `kz-uz`.
    pub name: String,
    /// Human title.
    pub title: Option<String>,
    /// The date up to which the dataset is complete; reports are written as of this date unless
    /// told otherwise.
    pub as_of: NaiveDate,
    /// Free text for readers of the report (coverage, caveats).
    pub description: Option<String>,
    /// Every source a figure in the dataset may cite.
    pub sources: Vec<Source>,
    /// The data files.
    pub files: Vec<DataFile>,
}

/// One thing wrong with a manifest: the key it is about and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The key path, e.g. `files[2].path` or `sources[0].id`.
    pub key: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

/// What went wrong reading a manifest.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DatasetError {
    /// The text is not valid TOML or does not have the manifest's shape.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The manifest file name given by the caller.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// The manifest parsed but breaks one or more rules; every problem is listed.
    #[error("{file}: {count} problem(s) in the dataset manifest:\n{list}", count = problems.len(), list = list(problems))]
    Invalid {
        /// The manifest file name given by the caller.
        file: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a `YYYY-MM-DD` string, saying which text is wrong and why (the TOML and chrono messages
/// alone, "input is out of range", name neither).
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    parse_date(&text).map_err(serde::de::Error::custom)
}

fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|text| parse_date(&text).map_err(serde::de::Error::custom))
        .transpose()
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|e| {
        format!(
            "\"{text}\" is not a date ({e}): write a calendar date as YYYY-MM-DD, e.g. 2026-11-27"
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    name: String,
    title: Option<String>,
    #[serde(deserialize_with = "date")]
    as_of: NaiveDate,
    description: Option<String>,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default)]
    files: Vec<RawFile>,
}

/// Sources are read field by field so that one bad id or enum value is reported with its key
/// among all other problems, not as the first and only syntax error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    publisher: String,
    title: String,
    url: Option<String>,
    #[serde(default, deserialize_with = "optional_date")]
    published: Option<NaiveDate>,
    #[serde(default, deserialize_with = "optional_date")]
    retrieved: Option<NaiveDate>,
    side: crate::provenance::ReportingSide,
    kind: crate::provenance::SourceKind,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    id: String,
    kind: String,
    path: String,
    description: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
}

/// Checks that `path` is relative and stays inside its folder, lexically. Returns what is wrong.
///
/// Links are a property of the file system, not of the text: whoever opens the file must also
/// refuse a link that points outside the folder.
pub fn check_relative_path(path: &str) -> Result<(), String> {
    if path.trim().is_empty() {
        return Err("is empty; give a path relative to the dataset folder".into());
    }
    if path.starts_with('/') || path.starts_with('\\') || path.as_bytes().get(1) == Some(&b':') {
        return Err(format!(
            "\"{path}\" is absolute; give a path relative to the dataset folder"
        ));
    }
    if path.contains('\\') {
        return Err(format!("\"{path}\" uses '\\'; separate folders with '/'"));
    }
    if path.contains('\0') {
        return Err(format!("\"{path}\" contains a NUL character"));
    }
    let mut depth: i32 = 0;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!(
                        "\"{path}\" leaves the dataset folder; keep every file inside it"
                    ));
                }
            }
            _ => depth += 1,
        }
    }
    if depth == 0 {
        return Err(format!("\"{path}\" names the folder itself, not a file"));
    }
    Ok(())
}

/// The path `path` (already checked by [`check_relative_path`]) with `.` and empty parts
/// dropped and every `..` applied to the part before it: `trade/./x.csv`, `trade//x.csv` and
/// `trade/../trade/x.csv` are all `trade/x.csv`. Links are not followed (the loader compares the
/// real paths too).
pub fn normal_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

impl Manifest {
    /// Parses and validates the text of a `dataset.toml`; `file` names it in errors.
    ///
    /// Any well-formed kind name is accepted: which kinds can be read is the loader's business
    /// (see [`Manifest::parse_with_kinds`]).
    pub fn parse(text: &str, file: &str) -> Result<Manifest, DatasetError> {
        Manifest::parse_checked(text, file, None)
    }

    /// Parses and validates the text of a `dataset.toml` like [`Manifest::parse`], and also
    /// refuses every file whose kind is not in `known`, listing `known` in the message, among
    /// the manifest's other problems.
    pub fn parse_with_kinds(
        text: &str,
        file: &str,
        known: &[FileKind],
    ) -> Result<Manifest, DatasetError> {
        Manifest::parse_checked(text, file, Some(known))
    }

    fn parse_checked(
        text: &str,
        file: &str,
        known: Option<&[FileKind]>,
    ) -> Result<Manifest, DatasetError> {
        let raw: RawManifest = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| line_column(text, span.start));
            DatasetError::Syntax {
                file: file.to_owned(),
                line,
                column,
                message: e.message().to_owned(),
            }
        })?;
        let mut problems = Vec::new();
        let mut push = |key: String, message: String| problems.push(Problem { key, message });

        if raw.name.trim().is_empty() {
            push(
                "name".into(),
                "is empty; give the dataset a short name".into(),
            );
        }
        if let Err(message) = crate::read::check_recorded_date(raw.as_of, "a dataset's as-of date")
        {
            push("as_of".into(), message);
        }

        let mut sources = Vec::with_capacity(raw.sources.len());
        let mut source_ids = BTreeSet::new();
        for (i, s) in raw.sources.into_iter().enumerate() {
            let id = match SourceId::new(s.id.clone()) {
                Ok(id) => id,
                Err(e) => {
                    push(format!("sources[{i}].id"), e.to_string());
                    continue;
                }
            };
            if !source_ids.insert(id.clone()) {
                push(
                    format!("sources[{i}].id"),
                    format!("\"{id}\" is used by an earlier source; ids must be unique"),
                );
            }
            if s.publisher.trim().is_empty() {
                push(format!("sources[{i}].publisher"), "is empty".into());
            }
            for (field, date, what) in [
                ("published", s.published, "a publication date"),
                ("retrieved", s.retrieved, "a retrieval date"),
            ] {
                if let Some(Err(message)) = date.map(|d| crate::read::check_recorded_date(d, what))
                {
                    push(format!("sources[{i}].{field}"), message);
                }
            }
            if s.title.trim().is_empty() {
                push(format!("sources[{i}].title"), "is empty".into());
            }
            sources.push(Source {
                id,
                publisher: s.publisher,
                title: s.title,
                url: s.url,
                published: s.published,
                retrieved: s.retrieved,
                side: s.side,
                kind: s.kind,
                note: s.note,
            });
        }

        let mut files = Vec::with_capacity(raw.files.len());
        let mut file_ids = BTreeSet::new();
        let mut paths = BTreeMap::new();
        for (i, f) in raw.files.into_iter().enumerate() {
            if f.id.trim().is_empty() {
                push(format!("files[{i}].id"), "is empty".into());
            } else if !file_ids.insert(f.id.clone()) {
                push(
                    format!("files[{i}].id"),
                    format!(
                        "\"{}\" is used by an earlier file; ids must be unique",
                        f.id
                    ),
                );
            }
            let kind = match f.kind.parse::<FileKind>() {
                Ok(kind) if known.is_none_or(|known| known.contains(&kind)) => Some(kind),
                Ok(_) => {
                    let e = UnknownKind {
                        kind: f.kind.clone(),
                        known: known.unwrap_or_default().to_vec(),
                    };
                    push(format!("files[{i}].kind"), e.to_string());
                    None
                }
                Err(e) => {
                    push(format!("files[{i}].kind"), e.to_string());
                    None
                }
            };
            if let Err(message) = check_relative_path(&f.path) {
                push(format!("files[{i}].path"), message);
            } else {
                match paths.entry(normal_path(&f.path)) {
                    Entry::Vacant(slot) => {
                        slot.insert((i, f.path.clone()));
                    }
                    Entry::Occupied(first) => {
                        let (j, first) = first.get();
                        push(
                            format!("files[{i}].path"),
                            format!(
                                "\"{}\" is the file files[{j}] already lists (\"{first}\"); a file listed twice would be counted twice, so list it once",
                                f.path
                            ),
                        );
                    }
                }
            }
            let mut refs = Vec::new();
            for (j, s) in f.sources.iter().enumerate() {
                match SourceId::new(s.clone()) {
                    Ok(id) if source_ids.contains(&id) => refs.push(id),
                    Ok(id) => push(
                        format!("files[{i}].sources[{j}]"),
                        format!(
                            "\"{id}\" is not a source listed in [[sources]]; add it there or fix the id"
                        ),
                    ),
                    Err(e) => push(format!("files[{i}].sources[{j}]"), e.to_string()),
                }
            }
            if let Some(kind) = kind {
                files.push(DataFile {
                    id: f.id,
                    kind,
                    path: f.path,
                    description: f.description,
                    sources: refs,
                });
            }
        }

        if problems.is_empty() {
            Ok(Manifest {
                name: raw.name,
                title: raw.title,
                as_of: raw.as_of,
                description: raw.description,
                sources,
                files,
            })
        } else {
            Err(DatasetError::Invalid {
                file: file.to_owned(),
                problems,
            })
        }
    }

    /// The source with id `id`, if the manifest lists it.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// The files of the kind named `kind`, in manifest order.
    pub fn files_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a DataFile> + 'a {
        self.files.iter().filter(move |f| f.kind == kind)
    }
}

/// 1-based line and column of byte offset `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "test"
title = "Test dataset"
as_of = "2026-11-27"

[[sources]]
id = "kz-stat"
publisher = "Bureau of National Statistics"
title = "Foreign trade"
url = "https://stat.gov.kz/"
published = "2025-02-14"
side = "kazakhstan"
kind = "official_statistics"

[[sources]]
id = "uz-stat"
publisher = "Statistics Agency of Uzbekistan"
title = "Foreign trade"
side = "uzbekistan"
kind = "official_statistics"

[[files]]
id = "national"
kind = "trade.national"
path = "trade/national.csv"
sources = ["kz-stat", "uz-stat"]

[[files]]
id = "agenda"
kind = "agenda"
path = "./agenda/../agenda.toml"
"#;

    #[test]
    fn a_good_manifest_loads() {
        let m = Manifest::parse(GOOD, "dataset.toml").unwrap();
        assert_eq!(m.name, "test");
        assert_eq!(m.sources.len(), 2);
        assert_eq!(m.files_of("trade.national").count(), 1);
        assert!(m.source(&SourceId::new("uz-stat").unwrap()).is_some());
        insta::assert_json_snapshot!(m);
    }

    #[test]
    fn every_problem_is_reported_with_its_key() {
        let bad = GOOD
            .replace("trade/national.csv", "/etc/passwd")
            .replace("./agenda/../agenda.toml", "../outside.toml")
            .replace("id = \"uz-stat\"", "id = \"kz-stat\"")
            .replace("kind = \"agenda\"", "kind = \"agenda.minutes\"")
            .replace("[\"kz-stat\", \"uz-stat\"]", "[\"kz-stat\", \"missing\"]");
        let err = Manifest::parse_with_kinds(&bad, "data/x/dataset.toml", &kinds()).unwrap_err();
        let DatasetError::Invalid { file, problems } = &err else {
            panic!("expected Invalid, got {err:?}");
        };
        assert_eq!(file, "data/x/dataset.toml");
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "sources[1].id",
                "files[0].path",
                "files[0].sources[1]",
                "files[1].kind",
                "files[1].path"
            ]
        );
        insta::assert_snapshot!(err.to_string());
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let bad = GOOD.replace("as_of = \"2026-11-27\"", "as_of = \"27.11.2026\"");
        let err = Manifest::parse(&bad, "dataset.toml").unwrap_err();
        match err {
            DatasetError::Syntax { line, .. } => assert_eq!(line, 4),
            other => panic!("expected a syntax error, got {other:?}"),
        }
        let unknown = format!("{GOOD}\nextra = 1\n");
        assert!(matches!(
            Manifest::parse(&unknown, "dataset.toml"),
            Err(DatasetError::Syntax { .. })
        ));
    }

    #[test]
    fn bad_dates_are_quoted_with_the_expected_form() {
        for (from, to, line) in [
            ("as_of = \"2026-11-27\"", "as_of = \"2026-13-01\"", 4),
            (
                "published = \"2025-02-14\"",
                "published = \"14.02.2025\"",
                11,
            ),
        ] {
            let err = Manifest::parse(&GOOD.replace(from, to), "dataset.toml").unwrap_err();
            let DatasetError::Syntax {
                line: at, message, ..
            } = &err
            else {
                panic!("expected a syntax error, got {err:?}");
            };
            assert_eq!(*at, line);
            assert!(message.contains("is not a date"), "{message}");
            assert!(message.contains("YYYY-MM-DD"), "{message}");
        }
    }

    #[test]
    fn paths_are_checked_lexically() {
        for ok in [
            "a.csv",
            "trade/a.csv",
            "./a.csv",
            "a/../b.csv",
            "a/b/../../c.csv",
        ] {
            assert!(check_relative_path(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/a.csv",
            "\\a.csv",
            "C:/a.csv",
            "..",
            "../a.csv",
            "a/../../b.csv",
            "a\\b.csv",
            ".",
            "a/..",
        ] {
            assert!(check_relative_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_path_listed_twice_under_another_spelling_is_refused_naming_both() {
        for second in [
            "trade/national.csv",
            "./trade/national.csv",
            "trade//national.csv",
            "trade/./national.csv",
            "trade/../trade/national.csv",
        ] {
            let text = format!(
                "{GOOD}\n[[files]]\nid = \"again\"\nkind = \"trade.national\"\npath = \"{second}\"\n"
            );
            let err = Manifest::parse(&text, "dataset.toml").unwrap_err();
            let DatasetError::Invalid { problems, .. } = &err else {
                panic!("expected Invalid, got {err:?}");
            };
            assert_eq!(problems.len(), 1, "{second}: {err}");
            assert_eq!(problems[0].key, "files[2].path");
            assert!(
                problems[0].message.contains(&format!(
                    "\"{second}\" is the file files[0] already lists (\"trade/national.csv\")"
                )),
                "{err}"
            );
        }
        assert_eq!(normal_path("a/./b//../c.csv"), "a/c.csv");
    }

    /// The kinds a loader knows, as `dostyk-dataset` registers them.
    fn kinds() -> Vec<FileKind> {
        [
            "agenda",
            "trade.comtrade",
            "trade.national",
            "trade.statements",
            "water.limits",
            "water.intake",
            "water.metering",
            "water.reservoir",
            "water.model",
            "gas.flows",
            "gas.national",
            "gas.network",
            "transit.freight",
            "transit.cpmm",
            "transit.crossings",
            "transit.network",
            "water.facts",
            "transit.facts",
            "water.withdrawals",
            "translations",
        ]
        .into_iter()
        .map(FileKind::from_static)
        .collect()
    }

    #[test]
    fn kind_names_are_checked_by_shape() {
        for ok in [
            "agenda",
            "trade.national",
            "water.model-v2",
            "gas.flows_x.y",
        ] {
            assert_eq!(ok.parse::<FileKind>().unwrap().as_str(), ok);
        }
        assert_eq!(" agenda ".parse::<FileKind>().unwrap(), "agenda");
        for bad in [
            "",
            "Agenda",
            "trade.",
            ".trade",
            "trade..national",
            "1trade",
            "trade national",
        ] {
            let err = bad.parse::<FileKind>().unwrap_err().to_string();
            assert!(
                err.contains("lowercase words separated by dots"),
                "{bad}: {err}"
            );
        }
        // Any well-formed name passes the manifest alone; the loader's list refuses the rest.
        let text = GOOD.replace("kind = \"agenda\"", "kind = \"water.minutes\"");
        assert!(Manifest::parse(&text, "dataset.toml").is_ok());
        let err = Manifest::parse_with_kinds(&text, "dataset.toml", &kinds()).unwrap_err();
        assert!(
            err.to_string()
                .contains("expected one of: agenda, trade.comtrade"),
            "{err}"
        );
        let text = GOOD.replace("kind = \"agenda\"", "kind = \"Agenda\"");
        assert!(Manifest::parse(&text, "dataset.toml").is_err());
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,200}") {
            let _ = Manifest::parse(&text, "fuzz.toml");
        }

        #[test]
        fn path_check_never_panics(text in "\\PC{0,40}") {
            let _ = check_relative_path(&text);
        }
    }
}
