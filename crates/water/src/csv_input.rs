//! Reading the analyst-edited CSV files of this crate, and the error that names file, line and
//! field.
//!
//! Every CSV file read here follows the same conventions, so one description serves them all:
//!
//! - UTF-8, comma-separated, a header row naming the columns; columns are found by name, so their
//!   order is free and extra columns (a `note`, say) are ignored;
//! - lines starting with `#` are comments (use them to say where the figures come from, or that a
//!   file holds constructed test data); blank lines are skipped;
//! - spaces around a field are trimmed; numbers use a decimal point and no thousands separator
//!   (`909`, `0.909`, `1.5e3`).
//!
//! Problems are returned as a [`CsvError`] whose message names the file, the line (1-based, as an
//! editor shows it), the field and what was expected, for example
//! `limits.csv, line 4, field "unit": found "mm3"; expected one of m3, Mm3, km3`.

use std::path::{Path, PathBuf};

use csv::StringRecord;
use dostyk_core_model::country::Country;
use dostyk_core_model::quantity::VolumeUnit;

/// What went wrong reading a CSV file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CsvError {
    /// The file could not be opened or read.
    #[error("cannot read {file}: {source}; check that the path exists and is readable")]
    Io {
        /// The file.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The header is one column holding `;` or tabs: the file was saved with another
    /// separator (the default of spreadsheets in many locales).
    #[error(
        "{file}: the columns are separated by {separator}, not ','; save the file as comma-separated CSV"
    )]
    Separator {
        /// The file.
        file: PathBuf,
        /// The separator found, as words (`';'`, `tabs`).
        separator: &'static str,
    },
    /// The header row lacks a required column.
    #[error(
        "{file}: the header has no column \"{column}\"; the header must name the columns {expected}"
    )]
    MissingColumn {
        /// The file.
        file: PathBuf,
        /// The missing column.
        column: &'static str,
        /// All required columns, comma-separated.
        expected: String,
    },
    /// A row that is not well-formed CSV (for example a different number of fields than the
    /// header).
    #[error("{file}, line {line}: {message}; fix the row so it has one field per header column")]
    Row {
        /// The file.
        file: PathBuf,
        /// The 1-based line.
        line: u64,
        /// What the CSV parser reported.
        message: String,
    },
    /// A field whose value is not what the column holds.
    #[error("{file}, line {line}, field \"{field}\": found \"{found}\"; expected {expected}")]
    Field {
        /// The file.
        file: PathBuf,
        /// The 1-based line.
        line: u64,
        /// The column name.
        field: &'static str,
        /// The text that was found.
        found: String,
        /// What the column accepts.
        expected: String,
    },
    /// A row that repeats the key of an earlier row.
    #[error(
        "{file}, line {line}: {key} was already given on line {first_line}; keep one row per key (correct or delete one of them)"
    )]
    Duplicate {
        /// The file.
        file: PathBuf,
        /// The 1-based line of the repeat.
        line: u64,
        /// The 1-based line of the first row with the key.
        first_line: u64,
        /// The key, in words.
        key: String,
    },
}

/// A CSV table being read: the header's column positions and the file name for errors.
pub(crate) struct Table {
    file: PathBuf,
    columns: Vec<Option<usize>>,
    /// Where each line is, to turn a record's byte offset into the line an editor shows.
    lines: Vec<Line>,
    /// Index into `lines` of the last row returned (rows come in file order).
    line_cursor: usize,
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    /// The current row, reused from row to row.
    record: StringRecord,
}

/// One data row with its 1-based line number.
pub(crate) struct Row<'t> {
    table: &'t Table,
    /// The 1-based line the row starts on.
    pub(crate) line: u64,
}

impl Table {
    /// Opens `path` and checks that its header names every column in `required`; the columns in
    /// `optional` may be absent.
    pub(crate) fn open(
        path: &Path,
        required: &[&'static str],
        optional: &[&'static str],
    ) -> Result<Self, CsvError> {
        let bytes = std::fs::read(path).map_err(|source| CsvError::Io {
            file: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(path, bytes, required, optional)
    }

    /// Reads a table from `reader`; `name` is used in error messages.
    pub(crate) fn from_reader(
        name: &Path,
        reader: Box<dyn std::io::Read>,
        required: &[&'static str],
        optional: &[&'static str],
    ) -> Result<Self, CsvError> {
        let mut bytes = Vec::new();
        let mut reader = reader;
        reader
            .read_to_end(&mut bytes)
            .map_err(|source| CsvError::Io {
                file: name.to_path_buf(),
                source,
            })?;
        Self::from_bytes(name, bytes, required, optional)
    }

    fn from_bytes(
        name: &Path,
        bytes: Vec<u8>,
        required: &[&'static str],
        optional: &[&'static str],
    ) -> Result<Self, CsvError> {
        let file = name.to_path_buf();
        let mut lines = Vec::new();
        let mut start = 0;
        for text in bytes.split(|&b| b == b'\n') {
            let content = text.strip_suffix(b"\r").unwrap_or(text);
            lines.push(Line {
                start,
                content_end: start + content.len() as u64,
                skipped: matches!(content, [] | [b'#', ..]),
            });
            start += text.len() as u64 + 1;
        }
        // Fields are trimmed when read (`Row::text`), which is cheaper than trimming whole records.
        let mut csv = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(false)
            .from_reader(std::io::Cursor::new(bytes));
        let header = csv
            .headers()
            .map_err(|e| convert(&file, &lines, &e))?
            .clone();
        let find = |name: &str| {
            header.iter().position(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(name)
            })
        };
        let mut columns = Vec::with_capacity(required.len() + optional.len());
        for column in required {
            let Some(index) = find(column) else {
                if let [only] = header.iter().collect::<Vec<_>>().as_slice() {
                    let separator = if only.contains(';') {
                        Some("';'")
                    } else if only.contains('\t') {
                        Some("tabs")
                    } else {
                        None
                    };
                    if let Some(separator) = separator {
                        return Err(CsvError::Separator { file, separator });
                    }
                }
                return Err(CsvError::MissingColumn {
                    file,
                    column,
                    expected: required.join(", "),
                });
            };
            columns.push(Some(index));
        }
        columns.extend(optional.iter().map(|c| find(c)));
        Ok(Self {
            file,
            columns,
            lines,
            line_cursor: 0,
            reader: csv,
            record: StringRecord::new(),
        })
    }

    /// The next data row, `None` at the end.
    pub(crate) fn next_row(&mut self) -> Option<Result<Row<'_>, CsvError>> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => return Some(Err(convert(&self.file, &self.lines, &e))),
        }
        // Rows come in file order: walk forward from the previous row instead of searching.
        let byte = self.record.position().map_or(0, csv::Position::byte);
        let mut index = self.line_cursor;
        while self.lines.get(index + 1).is_some_and(|l| l.start <= byte) {
            index += 1;
        }
        let index = record_line(&self.lines, index, byte);
        self.line_cursor = index;
        Some(Ok(Row {
            table: self,
            line: index as u64 + 1,
        }))
    }

    /// A [`CsvError::Duplicate`] for a row of this table.
    pub(crate) fn duplicate(&self, line: u64, first_line: u64, key: String) -> CsvError {
        CsvError::Duplicate {
            file: self.file.clone(),
            line,
            first_line,
            key,
        }
    }
}

impl Row<'_> {
    /// The text of column number `column` (its index in `required` followed by `optional`);
    /// empty when an optional column is absent.
    pub(crate) fn text(&self, column: usize) -> &str {
        self.table
            .columns
            .get(column)
            .copied()
            .flatten()
            .and_then(|i| self.table.record.get(i))
            .map_or("", str::trim)
    }

    /// A [`CsvError::Field`] for this row.
    pub(crate) fn field_error(
        &self,
        field: &'static str,
        found: &str,
        expected: impl Into<String>,
    ) -> CsvError {
        CsvError::Field {
            file: self.table.file.clone(),
            line: self.line,
            field,
            found: found.to_owned(),
            expected: expected.into(),
        }
    }

    /// Parses column `column` (named `field`) with `parse`; on failure the error says `expected`.
    pub(crate) fn parse<T>(
        &self,
        column: usize,
        field: &'static str,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, CsvError> {
        let text = self.text(column);
        parse(text).ok_or_else(|| self.field_error(field, text, expected))
    }

    /// The country in column `column` (field `country`), resolved through `codes`.
    pub(crate) fn country(
        &self,
        column: usize,
        codes: &mut CountryCodes,
    ) -> Result<Country, CsvError> {
        self.parse(
            column,
            "country",
            "an ISO 3166-1 country code such as KAZ",
            |t| codes.get(t),
        )
    }
}

/// Country codes already resolved in a file: a file repeats a handful of codes, and resolving
/// one searches the whole ISO 3166-1 table.
#[derive(Default)]
pub(crate) struct CountryCodes(Vec<(String, Country)>);

impl CountryCodes {
    /// The country with this code (any form [`Country::from_code`] accepts).
    pub(crate) fn get(&mut self, code: &str) -> Option<Country> {
        if let Some(&(_, country)) = self.0.iter().find(|(c, _)| c == code) {
            return Some(country);
        }
        let country = Country::from_code(code).ok()?;
        self.0.push((code.to_owned(), country));
        Some(country)
    }
}

/// The words used in errors for a volume `unit` column.
pub(crate) fn volume_units_expected() -> String {
    let names: Vec<&str> = VolumeUnit::ALL.iter().map(|u| u.symbol()).collect();
    format!(
        "a volume unit: one of {} (case matters: Mm3 is a million m³)",
        names.join(", ")
    )
}

/// The volume unit written in a `unit` column (spellings of
/// [`VolumeUnit`](dostyk_core_model::quantity::VolumeUnit), case-sensitive).
pub(crate) fn volume_unit(text: &str) -> Option<VolumeUnit> {
    text.parse().ok()
}

/// One line of the file.
struct Line {
    /// Byte offset of its first byte.
    start: u64,
    /// Byte offset just past its content (before `\r\n` or `\n`).
    content_end: u64,
    /// Whether the CSV parser skips it (blank or comment).
    skipped: bool,
}

/// The 0-based line on which a record starts, given the line `index` holding the byte offset
/// `byte` the parser reports. The parser reports the byte just after the previous record, which
/// can be the line feed of a CRLF ending or precede blank and comment lines; those are passed
/// over.
fn record_line(lines: &[Line], mut index: usize, byte: u64) -> usize {
    if lines.get(index).is_some_and(|l| byte >= l.content_end) && index + 1 < lines.len() {
        index += 1;
    }
    while lines.get(index).is_some_and(|l| l.skipped) && index + 1 < lines.len() {
        index += 1;
    }
    index
}

/// The 1-based line of the record the parser reports at `position`.
fn line_of(lines: &[Line], position: Option<&csv::Position>) -> u64 {
    let byte = position.map_or(0, csv::Position::byte);
    let index = lines.partition_point(|l| l.start <= byte).saturating_sub(1);
    record_line(lines, index, byte) as u64 + 1
}

fn convert(file: &Path, lines: &[Line], e: &csv::Error) -> CsvError {
    let line = line_of(lines, e.position());
    CsvError::Row {
        file: file.to_path_buf(),
        line,
        message: match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!("the row has {len} fields but the header has {expected_len}"),
            csv::ErrorKind::Utf8 { .. } => "the row is not valid UTF-8".to_owned(),
            _ => e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &'static str) -> Result<Table, CsvError> {
        Table::from_reader(
            Path::new("t.csv"),
            Box::new(text.as_bytes()),
            &["a", "b"],
            &["c"],
        )
    }

    #[test]
    fn columns_are_found_by_name_with_comments_and_extras() {
        let mut t = table("# a comment\nx, B ,a\n1,2,3\n\n# between\n4,5,6\n").unwrap();
        let row = t.next_row().unwrap().unwrap();
        assert_eq!((row.text(0), row.text(1), row.text(2)), ("3", "2", ""));
        assert_eq!(row.line, 3);
        let row = t.next_row().unwrap().unwrap();
        assert_eq!(row.text(0), "6");
        assert_eq!(row.line, 6);
        assert!(t.next_row().is_none());
    }

    #[test]
    fn crlf_and_byte_order_mark_keep_true_line_numbers() {
        let mut t = table("\u{feff}a,b\r\n1,2\r\n# c\r\n\r\n3,4\r\n").unwrap();
        let row = t.next_row().unwrap().unwrap();
        assert_eq!((row.text(0), row.text(1), row.line), ("1", "2", 2));
        let row = t.next_row().unwrap().unwrap();
        assert_eq!((row.text(0), row.line), ("3", 5));
        assert!(t.next_row().is_none());
    }

    proptest::proptest! {
        #[test]
        fn row_line_numbers_are_the_editor_lines(
            kinds in proptest::collection::vec(0u8..4, 0..40),
            crlf in proptest::bool::ANY,
        ) {
            // Data rows, comments and blank lines in any order, LF or CRLF endings.
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("a,b{end}");
            let mut expected = Vec::new();
            for (i, kind) in kinds.iter().enumerate() {
                match kind {
                    0 | 1 => {
                        text += &[i.to_string().as_str(), ",x", end].concat();
                        expected.push((i.to_string(), i as u64 + 2));
                    }
                    2 => text += &["# note ", i.to_string().as_str(), end].concat(),
                    _ => text.push_str(end),
                }
            }
            let mut t = Table::from_reader(Path::new("p.csv"), Box::new(std::io::Cursor::new(text)), &["a", "b"], &[]).unwrap();
            let mut got = Vec::new();
            while let Some(row) = t.next_row() {
                let row = row.unwrap();
                got.push((row.text(0).to_owned(), row.line));
            }
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn missing_columns_and_ragged_rows_are_reported() {
        let Err(err) = table("a,c\n1,2\n") else {
            panic!("accepted a header without b")
        };
        assert_eq!(
            err.to_string(),
            "t.csv: the header has no column \"b\"; the header must name the columns a, b"
        );
        for (text, separator) in [("a;b\n1;2\n", "';'"), ("a\tb\n1\t2\n", "tabs")] {
            let Err(err) = table(text) else {
                panic!("accepted {text:?}")
            };
            assert_eq!(
                err.to_string(),
                format!(
                    "t.csv: the columns are separated by {separator}, not ','; save the file as comma-separated CSV"
                )
            );
        }
        let mut t = table("a,b\n1,2\n1,2,3\n").unwrap();
        assert!(t.next_row().unwrap().is_ok());
        let Some(Err(err)) = t.next_row() else {
            panic!("accepted a ragged row")
        };
        assert!(
            err.to_string()
                .starts_with("t.csv, line 3: the row has 3 fields but the header has 2"),
            "{err}"
        );
    }

    #[test]
    fn field_errors_name_file_line_and_field() {
        let mut t = table("a,b\nx,2\n").unwrap();
        let row = t.next_row().unwrap().unwrap();
        let err = row
            .parse(0, "a", "a number", |t| t.parse::<f64>().ok())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv, line 2, field \"a\": found \"x\"; expected a number"
        );
    }
}
