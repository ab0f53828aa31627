//! The CSV tables of this crate's readers (ENTSOG exports, national gas tables, freight, CPMM
//! records, crossings): one header check, one way to find a column by name and one set of error
//! messages for all of them.
//!
//! Conventions shared by every table:
//!
//! - UTF-8, comma-separated, a header row naming the columns; a byte-order mark is dropped;
//! - columns are found by name, ignoring case and surrounding spaces, so their order is free and
//!   extra columns are ignored; a name given twice is refused;
//! - a header that is one column holding `;` or a tab is refused with the advice to save the file
//!   as comma-separated CSV;
//! - cells are trimmed; a missing optional column reads as an empty cell.
//!
//! Errors are [`Error::Record`] (file, line, field, problem) for a header or cell at fault and
//! [`Error::Syntax`] for text that is not CSV.

use std::path::Path;

use csv::StringRecord;
use dostyk_core_model::period::{Period, PeriodError, PeriodKind};

use crate::error::Error;
use crate::gas::fnv::FnvMap;

/// A CSV table being read: the reader, the header's column positions and the file's name.
pub(crate) struct CsvTable<'a> {
    path: &'a Path,
    columns: FnvMap<String, usize>,
    reader: csv::Reader<&'a [u8]>,
}

/// The cells of one data row, with its line, for look-ups by column name.
pub(crate) struct Cells<'t> {
    path: &'t Path,
    columns: &'t FnvMap<String, usize>,
    record: &'t StringRecord,
    /// The 1-based line the row starts on.
    pub(crate) line: u64,
}

/// The error for text that the CSV reader refuses (an unclosed quote, a row with more or fewer
/// fields than the header).
pub(crate) fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, csv::Position::line);
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        problem: format!("not well-formed CSV: {e}"),
    }
}

fn header_error(path: &Path, field: &str, problem: String) -> Error {
    Error::Record {
        path: path.to_path_buf(),
        line: 1,
        field: field.to_owned(),
        problem,
    }
}

impl<'a> CsvTable<'a> {
    /// Reads the header of `text` and checks that it names every column of `required`;
    /// `optional` columns may be absent (they are listed in the error, in brackets, to show the
    /// whole layout).
    pub(crate) fn open(
        text: &'a str,
        path: &'a Path,
        required: &[&str],
        optional: &[&str],
    ) -> Result<Self, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| csv_error(path, &e))?;
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
            .collect();
        if let [only] = names.as_slice() {
            for (separator, name) in [(';', "';'"), ('\t', "tab")] {
                if only.contains(separator) {
                    return Err(header_error(
                        path,
                        "header",
                        format!(
                            "the columns are separated by {name}, not ','; save the file as \
                             comma-separated CSV"
                        ),
                    ));
                }
            }
        }
        let mut columns = FnvMap::default();
        let mut twice = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if columns.insert(name.clone(), i).is_some() && !twice.contains(name) {
                twice.push(name.clone());
            }
        }
        if let Some(first) = twice.first() {
            return Err(header_error(
                path,
                first,
                format!(
                    "column(s) {} appear more than once in the header; keep one of each",
                    twice.join(", ")
                ),
            ));
        }
        for needed in required {
            if !columns.contains_key(&needed.to_ascii_lowercase()) {
                let optional = if optional.is_empty() {
                    String::new()
                } else {
                    format!("[, {}]", optional.join(", "))
                };
                return Err(header_error(
                    path,
                    needed,
                    format!(
                        "column missing from the header; expected {}{optional}",
                        required.join(", ")
                    ),
                ));
            }
        }
        Ok(Self {
            path,
            columns,
            reader,
        })
    }

    /// The position of column `name` in the header, if it is there.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.columns.get(&name.to_ascii_lowercase()).copied()
    }

    /// Reads the next data row into `record`; its line, or `None` at the end of the text.
    pub(crate) fn next_row(&mut self, record: &mut StringRecord) -> Result<Option<u64>, Error> {
        if self
            .reader
            .read_record(record)
            .map_err(|e| csv_error(self.path, &e))?
        {
            Ok(Some(record.position().map_or(0, csv::Position::line)))
        } else {
            Ok(None)
        }
    }

    /// The cells of `record`, read at `line` by [`CsvTable::next_row`].
    pub(crate) fn cells<'t>(&'t self, record: &'t StringRecord, line: u64) -> Cells<'t> {
        Cells {
            path: self.path,
            columns: &self.columns,
            record,
            line,
        }
    }

    /// An upper bound of the number of data rows (the number of line breaks), to reserve for.
    pub(crate) fn row_capacity(text: &str) -> usize {
        text.bytes().filter(|&b| b == b'\n').count()
    }
}

impl Cells<'_> {
    /// The trimmed cell of column `name`; empty when the column is absent.
    pub(crate) fn get(&self, name: &str) -> &str {
        self.columns
            .get(name)
            .or_else(|| self.columns.get(&name.to_ascii_lowercase()))
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// The cell of column `name`, or `None` when it is empty or absent.
    pub(crate) fn optional(&self, name: &str) -> Option<String> {
        Some(self.get(name))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// The error for the cell of column `field` on this row.
    pub(crate) fn err(&self, field: &str, problem: String) -> Error {
        Error::Record {
            path: self.path.to_path_buf(),
            line: self.line,
            field: field.to_owned(),
            problem,
        }
    }

    /// The cell of column `name` read with `FromStr`; its error message becomes the problem.
    pub(crate) fn parse<T: std::str::FromStr<Err = String>>(&self, name: &str) -> Result<T, Error> {
        self.get(name).parse().map_err(|e| self.err(name, e))
    }
}

impl Cells<'_> {
    /// The cell of column `name` as a year, quarter or month (`2025`, `2025-Q1`, `2025-03`), the
    /// periods of monthly and annual statistics. Errors quote the text.
    pub(crate) fn year_quarter_or_month(&self, name: &str) -> Result<Period, Error> {
        let text = self.get(name);
        let period: Period = text.parse().map_err(|e| {
            self.err(
                name,
                match e {
                    PeriodError::Syntax { .. } => e.to_string(),
                    reason => format!("\"{text}\" is out of range: {reason}"),
                },
            )
        })?;
        if !matches!(
            period.kind(),
            PeriodKind::Year | PeriodKind::Quarter | PeriodKind::Month
        ) {
            return Err(self.err(
                name,
                format!(
                    "\"{text}\" is a {}; expected a year, quarter or month (YYYY, YYYY-Qq or \
                     YYYY-MM)",
                    period.kind()
                ),
            ));
        }
        Ok(period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(text: &str) -> Result<CsvTable<'_>, Error> {
        CsvTable::open(text, Path::new("t.csv"), &["a", "b"], &["note"])
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case() {
        let text = "\u{feff} B ,A,extra\n2,1,x\n";
        let mut t = open(text).unwrap();
        let mut record = StringRecord::new();
        let line = t.next_row(&mut record).unwrap().unwrap();
        let cells = t.cells(&record, line);
        assert_eq!(
            (cells.get("a"), cells.get("b"), cells.get("note")),
            ("1", "2", "")
        );
        assert_eq!(cells.line, 2);
        assert_eq!(
            cells.err("a", "bad".into()).to_string(),
            "t.csv, line 2, field `a`: bad"
        );
        assert!(t.next_row(&mut record).unwrap().is_none());
    }

    #[test]
    fn header_faults_name_the_column_and_the_layout() {
        let e = open("a,c\n").err().unwrap().to_string();
        assert_eq!(
            e,
            "t.csv, line 1, field `b`: column missing from the header; expected a, b[, note]"
        );
        let e = open("a;b\n1;2\n").err().unwrap().to_string();
        assert!(e.contains("separated by ';', not ','"), "{e}");
        let e = open("a\tb\n").err().unwrap().to_string();
        assert!(e.contains("separated by tab"), "{e}");
        let e = open("a,b,A\n").err().unwrap().to_string();
        assert!(e.contains("column(s) a appear more than once"), "{e}");
    }

    #[test]
    fn periods_are_years_quarters_or_months_and_errors_quote_the_text() {
        let text = "a,b\n2025-03,x\n2025-13,x\n2025-03-D1,x\n03/2025,x\n";
        let mut t = open(text).unwrap();
        let mut record = StringRecord::new();
        let mut results = Vec::new();
        while let Some(line) = t.next_row(&mut record).unwrap() {
            results.push(
                t.cells(&record, line)
                    .year_quarter_or_month("a")
                    .map_err(|e| e.to_string()),
            );
        }
        assert_eq!(results[0].as_ref().unwrap().to_string(), "2025-03");
        let e = results[1].as_ref().unwrap_err();
        assert!(
            e.ends_with(
                "field `a`: \"2025-13\" is out of range: month 13 does not exist: expected 1 to 12"
            ),
            "{e}"
        );
        let e = results[2].as_ref().unwrap_err();
        assert!(e.ends_with("\"2025-03-D1\" is a dekad; expected a year, quarter or month (YYYY, YYYY-Qq or YYYY-MM)"), "{e}");
        let e = results[3].as_ref().unwrap_err();
        assert!(e.contains("\"03/2025\" is not a period"), "{e}");
    }

    #[test]
    fn ragged_rows_are_syntax_errors_with_their_line() {
        let mut t = open("a,b\n1,2\n1,2,3\n").unwrap();
        let mut record = StringRecord::new();
        assert!(t.next_row(&mut record).unwrap().is_some());
        let e = t.next_row(&mut record).unwrap_err().to_string();
        assert!(e.starts_with("t.csv, line 3: not well-formed CSV"), "{e}");
    }
}
