//! An Excel sheet as CSV text, for a `dataframe` or table whose `url` is a workbook (pandas'
//! `read_excel`, which pywr calls for `.xlsx` and `.xls` files): one line per row of the sheet,
//! so that the CSV reader's line numbers are the sheet's row numbers, read with calamine (pure
//! Rust).
//!
//! A date cell becomes `YYYY-MM-DD` (with its time when it has one), as pandas reads it into a
//! timestamp; a number is written so that it reads back to the same `f64`; an error cell
//! (`#N/A`, `#DIV/0!` …) is written as Excel shows it, so a value column that holds one is
//! refused by the CSV reader with the row named.
//!
//! Bounds: the workbook file is read whole up to [`MAX_MODEL_BYTES`]; an `.xlsx` workbook (a
//! zip archive) is unpacked once into nothing to check that all its parts unpack to at most
//! [`MAX_MODEL_BYTES`] before calamine reads it, and the CSV text made from the sheet stops at
//! the same limit (a sheet of two cells a million rows apart would otherwise make gigabytes of
//! empty lines).

use std::fmt::Write as _;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataRef, ExcelDateTime, Reader, Xls, Xlsx};
use dostyk_core_model::read::{self, Location, ReadError};

use super::{MAX_MODEL_BYTES, SchemaError, SheetName};

/// The CSV text of sheet `sheet` of the workbook at `path`.
pub(crate) fn sheet_as_csv(path: &Path, sheet: &SheetName) -> Result<String, SchemaError> {
    let bytes = read::read_bytes(path, MAX_MODEL_BYTES).map_err(|e| match e {
        ReadError::TooLarge { file, bytes, .. } => SchemaError::TooLarge {
            path: file,
            what: "Excel workbook",
            bytes,
        },
        other => SchemaError::Read(other),
    })?;
    let invalid =
        |problem: String| SchemaError::Read(ReadError::invalid(Location::file(path), problem));
    match bytes.get(..4) {
        // A zip archive: Office Open XML (.xlsx).
        Some(b"PK\x03\x04") => {
            check_unpacked_size(path, &bytes)?;
            let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
                invalid(format!("not a readable .xlsx workbook ({e}); expected an Excel workbook, as its extension says"))
            })?;
            let name = sheet_name(path, &book.sheet_names(), sheet)?;
            let mut cells = book.worksheet_cells_reader(&name).map_err(|e| {
                invalid(format!("sheet \"{name}\" cannot be read ({e})"))
            })?;
            let mut out = CsvOut::new(path);
            while let Some(cell) = cells
                .next_cell()
                .map_err(|e| invalid(format!("sheet \"{name}\" cannot be read ({e})")))?
            {
                let (row, col) = cell.get_position();
                out.cell(row, col, &data_ref_text(cell.get_value()))?;
            }
            out.finish()
        }
        // A compound file: the Excel 97–2003 format (.xls).
        Some([0xD0, 0xCF, 0x11, 0xE0]) => {
            let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| {
                invalid(format!("not a readable .xls workbook ({e}); expected an Excel workbook, as its extension says"))
            })?;
            let name = sheet_name(path, &book.sheet_names(), sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| invalid(format!("sheet \"{name}\" cannot be read ({e})")))?;
            let mut out = CsvOut::new(path);
            let (row0, col0) = range.start().unwrap_or((0, 0));
            for (r, row) in range.rows().enumerate() {
                for (c, value) in row.iter().enumerate() {
                    if !matches!(value, Data::Empty) {
                        out.cell(row0 + r as u32, col0 + c as u32, &data_text(value))?;
                    }
                }
            }
            out.finish()
        }
        _ => Err(invalid(
            "not an Excel workbook (neither an .xlsx zip archive nor an .xls compound file); expected a workbook, as the extension or filetype \"excel\" says"
                .to_owned(),
        )),
    }
}

/// The name of the sheet `sheet` selects among `names`, or an error listing them.
fn sheet_name(path: &Path, names: &[String], sheet: &SheetName) -> Result<String, SchemaError> {
    let found = match sheet {
        SheetName::Name(n) => names.iter().find(|s| *s == n),
        SheetName::Position(p) => names.get(*p),
    };
    found.cloned().ok_or_else(|| {
        let wanted = match sheet {
            SheetName::Name(n) => format!("no sheet \"{n}\""),
            SheetName::Position(p) => format!("no sheet at position {p} (counted from 0)"),
        };
        SchemaError::Read(ReadError::invalid(
            Location::file(path),
            format!(
                "{wanted}; expected sheet_name to be one of the workbook's sheets: {}",
                names
                    .iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    })
}

/// Unpacks every part of the zip archive `bytes` into nothing, refusing it once the parts
/// add up to more than [`MAX_MODEL_BYTES`] (a zip bomb) or when the archive is corrupt.
fn check_unpacked_size(path: &Path, bytes: &[u8]) -> Result<(), SchemaError> {
    let invalid = |e: &dyn std::fmt::Display| {
        SchemaError::Read(ReadError::invalid(
            Location::file(path),
            format!(
                "not a readable .xlsx workbook ({e}); expected an Excel workbook (a zip archive of XML parts)"
            ),
        ))
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| invalid(&e))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index(i).map_err(|e| invalid(&e))?;
        let left = MAX_MODEL_BYTES - total;
        total += std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|e| invalid(&e))?;
        if total > MAX_MODEL_BYTES {
            return Err(SchemaError::TooLarge {
                path: path.to_path_buf(),
                what: "Excel workbook, unpacked,",
                bytes: total,
            });
        }
    }
    Ok(())
}

/// CSV text built cell by cell, row by row, within [`MAX_MODEL_BYTES`].
struct CsvOut<'p> {
    path: &'p Path,
    text: String,
    /// The row being written (0-based) and the next column in it.
    row: u32,
    col: u32,
}

impl<'p> CsvOut<'p> {
    fn new(path: &'p Path) -> Self {
        CsvOut {
            path,
            text: String::new(),
            row: 0,
            col: 0,
        }
    }

    /// Writes `value` at (`row`, `col`); cells come in row order, left to right.
    fn cell(&mut self, row: u32, col: u32, value: &str) -> Result<(), SchemaError> {
        while self.row < row {
            self.text.push('\n');
            self.row += 1;
            self.col = 0;
            self.check()?;
        }
        while self.col < col {
            self.text.push(',');
            self.col += 1;
        }
        if value.contains([',', '"', '\n', '\r']) {
            self.text.push('"');
            self.text.push_str(&value.replace('"', "\"\""));
            self.text.push('"');
        } else {
            self.text.push_str(value);
        }
        self.check()
    }

    fn check(&self) -> Result<(), SchemaError> {
        if self.text.len() as u64 > MAX_MODEL_BYTES {
            return Err(SchemaError::TooLarge {
                path: self.path.to_path_buf(),
                what: "Excel sheet, as CSV text,",
                bytes: self.text.len() as u64,
            });
        }
        Ok(())
    }

    fn finish(mut self) -> Result<String, SchemaError> {
        self.text.push('\n');
        self.check()?;
        Ok(self.text)
    }
}

/// A date and time as pandas writes a timestamp: the date alone at midnight.
fn date_text(dt: &ExcelDateTime) -> String {
    match dt.as_datetime() {
        Some(t) if dt.is_datetime() => {
            if t.time() == chrono::NaiveTime::MIN {
                t.format("%Y-%m-%d").to_string()
            } else {
                t.format("%Y-%m-%d %H:%M:%S").to_string()
            }
        }
        _ => number_text(dt.as_f64()),
    }
}

/// A number as text that reads back to the same `f64` (Rust's shortest round-trip form).
fn number_text(x: f64) -> String {
    let mut s = String::new();
    let _ = write!(s, "{x}");
    s
}

fn data_ref_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(x) => number_text(*x),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        DataRef::DateTime(dt) => date_text(dt),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn data_text(v: &Data) -> String {
    match v {
        Data::Int(i) => i.to_string(),
        Data::Float(x) => number_text(*x),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        Data::DateTime(dt) => date_text(dt),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook with sheets "notes" and "flows" (dates in column A, numbers in B), written
    /// with rust_xlsxwriter's format by hand: the smallest .xlsx calamine reads.
    fn workbook(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("book.xlsx");
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default();
        let parts: [(&str, &str); 5] = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="notes" sheetId="1" r:id="rId1"/><sheet name="flows" sheetId="2" r:id="rId2"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#,
            ),
            (
                "xl/worksheets/sheet1.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>see "flows", please</t></is></c></row></sheetData></worksheet>"#,
            ),
        ];
        for (name, body) in parts {
            zip.start_file(name, opts).unwrap();
            std::io::Write::write_all(&mut zip, body.as_bytes()).unwrap();
        }
        zip.start_file("xl/worksheets/sheet2.xml", opts).unwrap();
        std::io::Write::write_all(
            &mut zip,
            br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>flow</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>2020-01-01</t></is></c><c r="B3"><v>0.1</v></c></row><row r="4"><c r="B4" t="e"><v>#N/A</v></c></row></sheetData></worksheet>"#,
        )
        .unwrap();
        zip.finish().unwrap();
        path
    }

    #[test]
    fn a_sheet_becomes_csv_with_a_line_per_row() {
        let dir = tempfile::tempdir().unwrap();
        let book = workbook(dir.path());
        assert_eq!(
            sheet_as_csv(&book, &SheetName::Name("flows".into())).unwrap(),
            "Date,flow\n\n2020-01-01,0.1\n,#N/A\n"
        );
        assert_eq!(
            sheet_as_csv(&book, &SheetName::Position(0)).unwrap(),
            "\"see \"\"flows\"\", please\"\n"
        );
    }

    #[test]
    fn a_missing_sheet_lists_the_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let book = workbook(dir.path());
        let err = sheet_as_csv(&book, &SheetName::Name("flow".into()))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("book.xlsx")
                && err.contains("no sheet \"flow\"")
                && err.contains("\"notes\", \"flows\""),
            "{err}"
        );
        let err = sheet_as_csv(&book, &SheetName::Position(2))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no sheet at position 2"), "{err}");
    }

    #[test]
    fn a_file_that_is_no_workbook_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("flows.xlsx");
        std::fs::write(&path, "Date,flow\n").unwrap();
        let err = sheet_as_csv(&path, &SheetName::Position(0))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("flows.xlsx") && err.contains("not an Excel workbook"),
            "{err}"
        );
        std::fs::write(&path, b"PK\x03\x04 truncated").unwrap();
        let err = sheet_as_csv(&path, &SheetName::Position(0))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a readable .xlsx workbook"), "{err}");
    }
}
