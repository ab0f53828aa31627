//! [`ReadError`], the one error every Dostyk reader returns or wraps, and the [`Location`] it
//! names.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input a problem is: the file, and as far as known the line, the column (a
/// character position, for JSON and TOML) and the field (a CSV column or a JSON key path).
///
/// It displays as an editor would point to it: `limits.csv, line 4, field "unit"`. Serde writes
/// the parts that are known: `{"file": "limits.csv", "line": 4, "field": "unit"}`. Locations
/// order by file, then line, column and field.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Location {
    file: PathBuf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl Location {
    /// The whole of `file`.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self {
            file: file.into(),
            line: None,
            column: None,
            field: None,
        }
    }

    /// The same place narrowed to a 1-based `line`.
    #[must_use]
    pub fn line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// The same place narrowed to a 1-based `column` (a character position on the line).
    #[must_use]
    pub fn column(mut self, column: u64) -> Self {
        self.column = Some(column);
        self
    }

    /// The same place narrowed to a named `field` (a CSV column, a JSON key path).
    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The file, as the caller named it.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// The 1-based line, when known.
    pub fn line_number(&self) -> Option<u64> {
        self.line
    }

    /// The 1-based column, when known.
    pub fn column_number(&self) -> Option<u64> {
        self.column
    }

    /// The field, when known.
    pub fn field_name(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The place without the file: `line 4, field "unit"` (empty for a whole file).
    fn within(&self) -> String {
        let mut parts = Vec::new();
        if let Some(line) = self.line {
            parts.push(format!("line {line}"));
        }
        if let Some(column) = self.column {
            parts.push(format!("column {column}"));
        }
        if let Some(field) = &self.field {
            parts.push(format!("field \"{field}\""));
        }
        parts.join(", ")
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        let within = self.within();
        if within.is_empty() {
            Ok(())
        } else {
            write!(f, ", {within}")
        }
    }
}

/// What went wrong reading an input, and where.
///
/// Every reader in Dostyk returns this type or wraps it in its crate's error enum, so a message
/// always has the same shape: the [`Location`] first (file, line, field), then what was found
/// and what was expected, then what to do.
///
/// ```
/// use dostyk_core_model::read::{Location, ReadError};
///
/// let e = ReadError::value(Location::file("limits.csv").line(4).field("unit"), "mm3", "one of m3, Mm3, km3");
/// assert_eq!(e.to_string(), "limits.csv, line 4, field \"unit\": found \"mm3\"; expected one of m3, Mm3, km3");
/// assert_eq!(e.location().line_number(), Some(4));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}; check that the path exists and is readable", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The path names something that is not a regular file (a folder, a named pipe, a device),
    /// after following links. Reading one could block for ever or never end.
    #[error("{}: is {what}, not a regular file; give the path of a file", file.display())]
    NotAFile {
        /// The path.
        file: PathBuf,
        /// What it is, with its article: `a folder`, `a named pipe (FIFO)`, ….
        what: &'static str,
    },
    /// The file is larger than the reader accepts.
    #[error(
        "{}: the file is {} bytes, over the limit of {limit} bytes for this kind of input; check that it is the right file, or split it",
        file.display(),
        if *bytes > *limit { format!("{bytes}") } else { format!("more than {limit}") }
    )]
    TooLarge {
        /// The file.
        file: PathBuf,
        /// Its size as far as it was read (the limit plus one when the size could not be
        /// known beforehand, as for a file that grows while it is read).
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The text is not UTF-8.
    #[error("{at}: the text is not UTF-8; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)")]
    NotUtf8 {
        /// The file and the line of the first byte that is not UTF-8.
        at: Box<Location>,
    },
    /// The text is UTF-16 (it starts with a UTF-16 byte-order mark), as some spreadsheet and
    /// Windows tools save "Unicode text"; Dostyk reads UTF-8.
    #[error(
        "{}: the text is UTF-16 ({order}), not UTF-8; save the file as UTF-8 (in Excel: Save As, CSV UTF-8; in a text editor: Save As with the encoding UTF-8)",
        file.display()
    )]
    Utf16 {
        /// The file.
        file: PathBuf,
        /// The byte order, as the byte-order mark says it: `little-endian, byte-order mark FF
        /// FE` or `big-endian, byte-order mark FE FF`.
        order: &'static str,
    },
    /// The text is not well-formed in its format (CSV, JSON, TOML).
    #[error("{at}: {problem}")]
    Syntax {
        /// Where the parser stopped.
        at: Box<Location>,
        /// What is wrong and what to do.
        problem: String,
    },
    /// A value that is not what its field holds. The message shows control characters of the
    /// text escaped ([`printable`]).
    #[error("{at}: found \"{}\"; expected {expected}", printable(found))]
    Value {
        /// The field.
        at: Box<Location>,
        /// The text that was found, as it was found.
        found: String,
        /// What the field accepts.
        expected: String,
    },
    /// A record or header that is wrong as a whole (a missing column, a repeated key).
    #[error("{at}: {problem}")]
    Invalid {
        /// Where.
        at: Box<Location>,
        /// What is wrong and what to do.
        problem: String,
    },
    /// Several problems in one file, each with its place; readers that check every cell report
    /// them all at once, so the analyst fixes a file in one pass.
    #[error("{}: {} problem(s):{}", file.display(), problems.len(), list(problems))]
    Many {
        /// The file.
        file: PathBuf,
        /// Every problem, in file order.
        problems: Vec<ReadError>,
    },
}

/// The problems of [`ReadError::Many`] as a list, each without the file name.
fn list(problems: &[ReadError]) -> String {
    problems.iter().fold(String::new(), |mut out, p| {
        out.push_str("\n  - ");
        out.push_str(&p.without_file());
        out
    })
}

impl ReadError {
    /// The error for a value `found` in the field at `at` that is not what the field holds.
    pub fn value(at: Location, found: impl Into<String>, expected: impl Into<String>) -> Self {
        Self::Value {
            at: Box::new(at),
            found: found.into(),
            expected: expected.into(),
        }
    }

    /// The error for a record, header or field at `at` that is wrong as a whole.
    pub fn invalid(at: Location, problem: impl Into<String>) -> Self {
        Self::Invalid {
            at: Box::new(at),
            problem: problem.into(),
        }
    }

    /// The error for text at `at` that is not well-formed.
    pub fn syntax(at: Location, problem: impl Into<String>) -> Self {
        Self::Syntax {
            at: Box::new(at),
            problem: problem.into(),
        }
    }

    /// The error for a file that could not be read.
    pub fn io(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            file: file.into(),
            source,
        }
    }

    /// `problems` as one error: the only one itself, several as [`ReadError::Many`]; `None`
    /// when there are none.
    pub fn collect(file: impl Into<PathBuf>, mut problems: Vec<ReadError>) -> Option<Self> {
        match problems.len() {
            0 => None,
            1 => problems.pop(),
            _ => Some(Self::Many {
                file: file.into(),
                problems,
            }),
        }
    }

    /// Where the problem is (for [`ReadError::Many`], the whole file).
    pub fn location(&self) -> Location {
        match self {
            Self::Io { file, .. }
            | Self::NotAFile { file, .. }
            | Self::Utf16 { file, .. }
            | Self::TooLarge { file, .. }
            | Self::Many { file, .. } => Location::file(file.clone()),
            Self::NotUtf8 { at }
            | Self::Syntax { at, .. }
            | Self::Value { at, .. }
            | Self::Invalid { at, .. } => (**at).clone(),
        }
    }

    /// The message without the file name in front, for lists under a heading that names it.
    pub fn without_file(&self) -> String {
        let within = match self {
            Self::Syntax { at, .. } | Self::Invalid { at, .. } | Self::Value { at, .. } => {
                at.within()
            }
            other => return other.to_string(),
        };
        if within.is_empty() {
            self.problem()
        } else {
            format!("{within}: {}", self.problem())
        }
    }

    /// What is wrong, without the place: for a caller that states the place its own way (a
    /// pywr model names the parameter whose CSV it is, say).
    pub fn problem(&self) -> String {
        match self {
            Self::Syntax { problem, .. } | Self::Invalid { problem, .. } => problem.clone(),
            Self::Value {
                found, expected, ..
            } => format!("found \"{}\"; expected {expected}", printable(found)),
            other => other.to_string(),
        }
    }
}

/// `text` as it can be shown in a message: control characters (NUL, escape, line ends…) and
/// the invisible characters that reorder text (U+202A–U+202E, U+2066–U+2069) are written as
/// escapes such as `\u{0}`, `\n` or `\u{202e}`, so a hostile cell cannot hide, reorder or
/// inject text in a terminal or a log. Other text is returned unchanged, without copying.
///
/// ```
/// use dostyk_core_model::read::printable;
///
/// assert_eq!(printable("12,5"), "12,5");
/// assert_eq!(printable("a\u{0}b\u{1b}[2J\n"), "a\\u{0}b\\u{1b}[2J\\n");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    let hidden =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if hidden(c) => {
                use fmt::Write as _;
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_read_as_an_editor_points() {
        let at = Location::file("a.csv");
        assert_eq!(at.to_string(), "a.csv");
        assert_eq!(at.clone().line(3).to_string(), "a.csv, line 3");
        assert_eq!(
            at.clone().line(3).column(7).to_string(),
            "a.csv, line 3, column 7"
        );
        assert_eq!(
            at.line(3).field("unit").to_string(),
            "a.csv, line 3, field \"unit\""
        );
    }

    #[test]
    fn locations_serialize_the_known_parts_and_read_back() {
        let at = Location::file("a.csv").line(3).field("unit");
        let json = serde_json::to_string(&at).unwrap();
        assert_eq!(json, r#"{"file":"a.csv","line":3,"field":"unit"}"#);
        assert_eq!(serde_json::from_str::<Location>(&json).unwrap(), at);
        assert!(Location::file("a.csv").line(3) < Location::file("a.csv").line(10));
        assert!(Location::file("a.csv").line(10) < Location::file("b.csv").line(2));
    }

    #[test]
    fn many_problems_list_each_without_the_file() {
        let at = Location::file("f.csv");
        let e = ReadError::collect(
            "f.csv",
            vec![
                ReadError::value(at.clone().line(2).field("a"), "x", "a number"),
                ReadError::invalid(at.line(3), "the row repeats line 2"),
            ],
        )
        .unwrap();
        assert_eq!(
            e.to_string(),
            "f.csv: 2 problem(s):\n  - line 2, field \"a\": found \"x\"; expected a number\n  - line 3: the row repeats line 2"
        );
        assert!(ReadError::collect("f.csv", Vec::new()).is_none());
        let one = ReadError::collect(
            "f.csv",
            vec![ReadError::invalid(Location::file("f.csv"), "p")],
        );
        assert_eq!(one.unwrap().to_string(), "f.csv: p");
    }

    #[test]
    fn control_characters_in_a_found_value_are_escaped() {
        let e = ReadError::value(
            Location::file("f.csv").line(2).field("unit"),
            "k\u{0}t\u{7}\r\u{202e}",
            "a unit",
        );
        let shown = "found \"k\\u{0}t\\u{7}\\r\\u{202e}\"; expected a unit";
        assert_eq!(
            e.to_string(),
            format!("f.csv, line 2, field \"unit\": {shown}")
        );
        assert_eq!(e.without_file(), format!("line 2, field \"unit\": {shown}"));
        assert!(matches!(
            printable("Ünïcode, ok"),
            Cow::Borrowed("Ünïcode, ok")
        ));
    }

    #[test]
    fn too_large_says_so_when_the_size_is_unknown() {
        let e = ReadError::TooLarge {
            file: "p".into(),
            bytes: 11,
            limit: 10,
        };
        assert!(
            e.to_string()
                .starts_with("p: the file is 11 bytes, over the limit of 10 bytes")
        );
        let e = ReadError::TooLarge {
            file: "p".into(),
            bytes: 10,
            limit: 10,
        };
        assert!(
            e.to_string()
                .starts_with("p: the file is more than 10 bytes"),
            "{e}"
        );
    }
}
