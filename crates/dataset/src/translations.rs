//! Translations of the dataset's own text: names of indicators, titles of measures and
//! meetings, project names, freight corridor labels … in the briefing's other languages.
//!
//! The dataset is written in English; a `translations` file (CSV, columns matched by name) gives
//! other languages, one row per text and language:
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `subject` | yes | what the text names: `<kind>/<key>`, e.g. `indicator/kz-uz-trade-turnover`, `meeting/pms-2024-02-04` (kinds: [`SubjectKind`]) |
//! | `field` | yes | which of its texts: `name`, `title`, `sector`, `location` … |
//! | `lang` | yes | the language, a two-letter BCP 47 code other than `en`: `ru`, `kk`, `uz` |
//! | `text` | yes | the translation |
//! | `origin` | yes | `quoted`: the wording of a source in that language; `project`: translated for the project, to be reviewed by a native speaker |
//! | `source_id` | for `quoted` | the source quoted, listed in `dataset.toml` (empty for `project`) |
//!
//! ```
//! use dostyk_dataset::translations::{Origin, Subject, SubjectKind, parse_csv};
//!
//! let csv = "subject,field,lang,text,origin,source_id\n\
//!            freight-corridor/KZ-UZ rail,name,ru,КЗ–УЗ железная дорога,project,\n";
//! let t = parse_csv(csv, "translations.csv", None)?;
//! let subject = Subject::new(SubjectKind::FreightCorridor, "KZ-UZ rail");
//! let ru = t.get(&subject, "name", "ru").unwrap();
//! assert_eq!(ru.text, "КЗ–УЗ железная дорога");
//! assert_eq!(ru.origin, Origin::Project);
//! assert!(t.get(&subject, "name", "kk").is_none());
//! # Ok::<(), dostyk_core_model::read::ReadError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::{Column, Layout, ReadError, Table};

/// What kind of thing a translated text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SubjectKind {
    /// An agenda indicator, by key (`name`).
    Indicator,
    /// A roadmap measure, by key (`title`).
    Measure,
    /// A joint project, by key (`name`, `sector`, `location`).
    Project,
    /// An agreement or programme, by key (`name`).
    Agreement,
    /// A meeting, by key (`title`).
    Meeting,
    /// A freight series' corridor, by its label in the freight file (`name`).
    FreightCorridor,
    /// A quoted fact's indicator, by its key in a facts file (`name`).
    Fact,
    /// A border crossing point, by its name in the crossings file (`name`).
    Crossing,
    /// What a crossing figure measures, by its text in the crossings file (`name`).
    CrossingMeasure,
}

impl SubjectKind {
    /// Every kind, in the order messages list them.
    pub const ALL: [SubjectKind; 9] = [
        SubjectKind::Indicator,
        SubjectKind::Measure,
        SubjectKind::Project,
        SubjectKind::Agreement,
        SubjectKind::Meeting,
        SubjectKind::FreightCorridor,
        SubjectKind::Fact,
        SubjectKind::Crossing,
        SubjectKind::CrossingMeasure,
    ];

    /// The kind as the `subject` column writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Indicator => "indicator",
            SubjectKind::Measure => "measure",
            SubjectKind::Project => "project",
            SubjectKind::Agreement => "agreement",
            SubjectKind::Meeting => "meeting",
            SubjectKind::FreightCorridor => "freight-corridor",
            SubjectKind::Fact => "fact",
            SubjectKind::Crossing => "crossing",
            SubjectKind::CrossingMeasure => "crossing-measure",
        }
    }
}

impl FromStr for SubjectKind {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SubjectKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// What a text names: a kind and the key (or label) the dataset gives it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subject {
    /// The kind.
    pub kind: SubjectKind,
    /// The key, as the dataset writes it.
    pub key: String,
}

impl Subject {
    /// The subject of `kind` with `key`.
    pub fn new(kind: SubjectKind, key: impl Into<String>) -> Subject {
        Subject {
            kind,
            key: key.into(),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind.as_str(), self.key)
    }
}

/// Where a translation comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The wording of a source published in that language.
    Quoted(SourceId),
    /// Translated for the project; to be reviewed by a native speaker.
    Project,
}

/// One translated text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The text.
    pub text: String,
    /// Where it comes from.
    pub origin: Origin,
    /// Its line in the translations file.
    pub line: u64,
}

/// Every translation of a dataset, by subject, field and language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translations {
    by_key: BTreeMap<(Subject, String, String), Translation>,
}

impl Translations {
    /// The translation of `field` of `subject` into `lang`, if the dataset has one.
    pub fn get(&self, subject: &Subject, field: &str, lang: &str) -> Option<&Translation> {
        self.by_key
            .get(&(subject.clone(), field.to_owned(), lang.to_owned()))
    }

    /// How many translated texts there are.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// Every translation: subject, field, language and the translation, sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&Subject, &str, &str, &Translation)> {
        self.by_key
            .iter()
            .map(|((s, f, l), t)| (s, f.as_str(), l.as_str(), t))
    }

    /// Adds the translations of `other`; a text `other` gives again is refused, with both lines.
    pub(crate) fn merge(&mut self, other: Translations, file: &Path) -> Vec<ReadError> {
        let mut problems = Vec::new();
        for (key, t) in other.by_key {
            if let Some(first) = self.by_key.get(&key) {
                problems.push(ReadError::invalid(
                    dostyk_core_model::read::Location::file(file)
                        .line(t.line)
                        .field("subject"),
                    format!(
                        "{} {} in {} is translated twice (first on line {} of an earlier translations file); keep one",
                        key.0, key.1, key.2, first.line
                    ),
                ));
            } else {
                self.by_key.insert(key, t);
            }
        }
        problems
    }
}

const LAYOUT: Layout = Layout::new(&[
    Column::required("subject"),
    Column::required("field"),
    Column::required("lang"),
    Column::required("text"),
    Column::required("origin"),
    Column::optional("source_id"),
]);

/// Reads a translations table (see the module documentation). Every problem is reported with
/// its line and column; `known_sources`, when given, are the ids a `source_id` may name.
pub fn parse_csv(
    text: &str,
    file: impl AsRef<Path>,
    known_sources: Option<&BTreeSet<SourceId>>,
) -> Result<Translations, ReadError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut problems = Vec::new();
    let mut out = Translations::default();
    while let Some(row) = table.next_row() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let subject = match row.get("subject").split_once('/') {
            Some((kind, key)) if !key.is_empty() => {
                if let Ok(kind) = kind.parse::<SubjectKind>() {
                    Some(Subject::new(kind, key))
                } else {
                    problems.push(row.value_error(
                        "subject",
                        format!(
                            "<kind>/<key> with a kind among {}",
                            SubjectKind::ALL.map(SubjectKind::as_str).join(", ")
                        ),
                    ));
                    None
                }
            }
            _ => {
                problems.push(row.value_error(
                    "subject",
                    "<kind>/<key>, such as indicator/kz-uz-trade-turnover",
                ));
                None
            }
        };
        let field = row.get("field");
        if field.is_empty() {
            problems.push(row.invalid("field", "the cell is empty; name the text (name, title)"));
        }
        let lang = row.get("lang");
        let lang_ok = lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_lowercase());
        if !lang_ok || lang == "en" {
            problems.push(row.value_error(
                "lang",
                "a two-letter language code other than en (the dataset's own language), such as ru, kk or uz",
            ));
        }
        let text = row.get("text");
        if text.trim().is_empty() {
            problems.push(row.invalid(
                "text",
                "the cell is empty; leave the row out until there is a translation",
            ));
        }
        let source = row.get("source_id");
        let origin = match row.get("origin") {
            "project" if source.is_empty() => Some(Origin::Project),
            "project" => {
                problems.push(row.invalid(
                    "source_id",
                    "a project translation quotes no source; leave source_id empty or set origin to quoted",
                ));
                None
            }
            "quoted" => match SourceId::new(source) {
                Ok(id) if known_sources.is_none_or(|k| k.contains(&id)) => Some(Origin::Quoted(id)),
                Ok(_) => {
                    problems.push(row.invalid(
                        "source_id",
                        format!("\"{source}\" is not a source listed in dataset.toml"),
                    ));
                    None
                }
                Err(_) => {
                    problems.push(row.value_error(
                        "source_id",
                        "the id of the source quoted, listed in dataset.toml",
                    ));
                    None
                }
            },
            _ => {
                problems.push(row.value_error("origin", "quoted or project"));
                None
            }
        };
        if let (Some(subject), Some(origin), true, false, true) = (
            subject,
            origin,
            lang_ok && lang != "en",
            field.is_empty(),
            !text.trim().is_empty(),
        ) {
            let key = (subject, field.to_owned(), lang.to_owned());
            if let Some(first) = out.by_key.get(&key) {
                problems.push(row.invalid(
                    "subject",
                    format!(
                        "{} {} in {} is translated twice (first on line {}); keep one",
                        key.0, key.1, key.2, first.line
                    ),
                ));
            } else {
                out.by_key.insert(
                    key,
                    Translation {
                        text: text.to_owned(),
                        origin,
                        line: row.line(),
                    },
                );
            }
        }
    }
    match ReadError::collect(file, problems) {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "subject,field,lang,text,origin,source_id\n";

    #[test]
    fn rows_are_read_with_their_origin() {
        let known: BTreeSet<SourceId> = [SourceId::new("kt-kz-2024").unwrap()].into();
        let csv = format!(
            "{HEADER}indicator/kz-uz-trade-turnover,name,ru,Товарооборот,quoted,kt-kz-2024\n\
             indicator/kz-uz-trade-turnover,name,kk,Тауар айналымы,project,\n"
        );
        let t = parse_csv(&csv, "t.csv", Some(&known)).unwrap();
        assert_eq!(t.len(), 2);
        let s = Subject::new(SubjectKind::Indicator, "kz-uz-trade-turnover");
        assert_eq!(
            t.get(&s, "name", "ru").unwrap().origin,
            Origin::Quoted(SourceId::new("kt-kz-2024").unwrap())
        );
        assert_eq!(t.get(&s, "name", "kk").unwrap().line, 3);
        assert!(t.get(&s, "title", "kk").is_none());
    }

    #[test]
    fn every_bad_cell_is_named_with_its_line() {
        let known: BTreeSet<SourceId> = BTreeSet::new();
        let csv = format!(
            "{HEADER}planet/x,name,ru,Марс,project,\n\
             indicator/x,,en,,maybe,\n\
             indicator/x,name,ru,X,quoted,nowhere-1\n\
             indicator/x,name,ru,X,project,nowhere-1\n\
             meeting/a,title,ru,A,project,\n\
             meeting/a,title,ru,B,project,\n"
        );
        let e = parse_csv(&csv, "t.csv", Some(&known))
            .unwrap_err()
            .to_string();
        for needle in [
            "line 2",
            "subject",
            "line 3",
            "field",
            "lang",
            "text",
            "origin",
            "line 4",
            "not a source listed",
            "line 5",
            "quotes no source",
            "line 7",
            "translated twice (first on line 6)",
        ] {
            assert!(e.contains(needle), "{needle} not in {e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_or_fails_cleanly(text in "\\PC{0,200}") {
            let _ = parse_csv(&format!("{HEADER}{text}"), "t.csv", None);
        }
    }
}
