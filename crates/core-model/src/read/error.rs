//! [`ReadError`], the one error every Dostyk reader returns or wraps, and the [`Location`] it
//! names.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input a problem is: the file, and as far as known the line, the column (a
/// character position, for JSON and TOML) and the field (a CSV column or a JSON key path).
///
/// It displays as an editor would point to it: `limits.csv, line 4, field "unit"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    file: PathBuf,
    line: Option<u64>,
    column: Option<u64>,
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
    /// The text is not well-formed in its format (CSV, JSON, TOML).
    #[error("{at}: {problem}")]
    Syntax {
        /// Where the parser stopped.
        at: Box<Location>,
        /// What is wrong and what to do.
        problem: String,
    },
    /// A value that is not what its field holds.
    #[error("{at}: found \"{found}\"; expected {expected}")]
    Value {
        /// The field.
        at: Box<Location>,
        /// The text that was found.
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
        let (at, rest) = match self {
            Self::Syntax { at, problem } | Self::Invalid { at, problem } => (at, problem.clone()),
            Self::Value {
                at,
                found,
                expected,
            } => (at, format!("found \"{found}\"; expected {expected}")),
            other => return other.to_string(),
        };
        match at.within() {
            within if within.is_empty() => rest,
            within => format!("{within}: {rest}"),
        }
    }
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
