//! The data files a model reads, as pywr's `read_dataframe` finds and reads them: where a
//! `url` points, which reader its `filetype` (or extension) selects, and the file's text as
//! CSV, unpacked from gzip or bzip2 or taken from an Excel sheet.
//!
//! A `url` is resolved as pywr resolves it: an absolute path as written, a relative one
//! against the folder of the model file (`os.path.join(model.path, url)`), so `../data/x.csv`
//! reads a file beside the model's folder. Reading is not writing: a model may read any regular
//! file its author could, and every read goes through the shared bounded reader
//! ([`dostyk_core_model::read`]): a folder, a named pipe or a device is refused, and no file,
//! packed or unpacked, is read beyond [`MAX_MODEL_BYTES`].

use std::io::Read;
use std::path::{Path, PathBuf};

use dostyk_core_model::read::{self, Location, ReadError};
use serde_json::Value as Json;

use super::fields::Fields;
use super::{Ctx, FrameOrigin, MAX_MODEL_BYTES, SchemaError, SheetName, excel};

/// How a data file's bytes are packed (pandas' `compression="infer"`: from the extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Bzip2,
}

impl Compression {
    fn of(path: &Path) -> Self {
        match extension(path).as_deref() {
            Some("gz") => Compression::Gzip,
            Some("bz2") => Compression::Bzip2,
            _ => Compression::None,
        }
    }
}

/// The extension of `path`, in lower case.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// pywr's `filetype` of a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileType {
    Csv,
    Excel,
}

/// The file `url` names: as written when absolute, else relative to the model's folder (pywr's
/// `os.path.join(model.path, url)`; the path may leave the folder).
pub(crate) fn resolve(ctx: &Ctx, location: &str, url: &str) -> Result<PathBuf, SchemaError> {
    if url.trim().is_empty() || url.contains('\0') {
        return Err(ctx.invalid(
            &format!("{location}.url"),
            "the path of a data file, relative to the model's folder",
        ));
    }
    Ok(ctx.base_dir.join(url))
}

/// The file type of `url`: `filetype` when given (`csv` or `excel`), else from the extension
/// as pywr guesses it (`.csv`, `.gz` and, here, `.bz2` and `.txt` are CSV; `.xls` and `.xlsx`
/// Excel).
fn file_type(
    ctx: &Ctx,
    location: &str,
    url: &str,
    filetype: Option<&str>,
) -> Result<FileType, SchemaError> {
    const SUPPORTED: &str = "CSV files (.csv, also gzip- or bzip2-compressed: .gz, .bz2) and Excel workbooks (.xlsx, .xls); \
                             HDF5 and R data are not read: save the table as CSV next to the model";
    if let Some(t) = filetype {
        return match t {
            "csv" => Ok(FileType::Csv),
            "excel" => Ok(FileType::Excel),
            other => Err(ctx.unsupported(
                &format!("{location}.filetype"),
                "data file type",
                other,
                SUPPORTED,
            )),
        };
    }
    match extension(Path::new(url)).as_deref() {
        Some("csv" | "txt" | "gz" | "bz2") => Ok(FileType::Csv),
        Some("xlsx" | "xls") => Ok(FileType::Excel),
        _ => Err(ctx.unsupported(
            &format!("{location}.url"),
            "data file format",
            url,
            SUPPORTED,
        )),
    }
}

/// The text of a CSV data file, unpacked when its extension says it is packed (`.gz`,
/// `.bz2`) and bounded, packed and unpacked, by [`MAX_MODEL_BYTES`]; a file whose lines end in
/// a lone carriage return (old Mac line ends, which pandas reads) gets newlines instead, one
/// for one, so that line numbers stay right.
pub(crate) fn read_csv_text(path: &Path) -> Result<String, SchemaError> {
    let text = match Compression::of(path) {
        Compression::None => super::read_model_text(path, "dataframe CSV")?,
        Compression::Gzip => unpack(path, "gzip", |f| {
            Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
                f,
            )))
        })?,
        Compression::Bzip2 => unpack(path, "bzip2", |f| {
            Box::new(bzip2::read::MultiBzDecoder::new(std::io::BufReader::new(f)))
        })?,
    };
    Ok(if text.contains('\r') && !text.contains('\n') {
        text.replace('\r', "\n")
    } else {
        text
    })
}

/// The unpacked text of `path`, a regular file packed with `method`: at most
/// [`MAX_MODEL_BYTES`] unpacked (a small file that unpacks to gigabytes is refused as soon as
/// the limit is passed), and packed data that is not `method`'s is an error naming the file.
fn unpack(
    path: &Path,
    method: &'static str,
    decoder: impl FnOnce(std::fs::File) -> Box<dyn Read>,
) -> Result<String, SchemaError> {
    let file = read::open_regular(path)?;
    let mut bytes = Vec::new();
    decoder(file)
        .take(MAX_MODEL_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            SchemaError::Read(ReadError::invalid(
                Location::file(path),
                format!(
                    "not readable as {method}-compressed data ({e}); expected a {method} file, as its extension says (pandas infers the compression from it)"
                ),
            ))
        })?;
    if bytes.len() as u64 > MAX_MODEL_BYTES {
        return Err(SchemaError::TooLarge {
            path: path.to_path_buf(),
            what: if method == "gzip" {
                "gzip-compressed CSV, unpacked,"
            } else {
                "bzip2-compressed CSV, unpacked,"
            },
            bytes: bytes.len() as u64,
        });
    }
    Ok(read::text_from_bytes(bytes, path)?)
}

/// The `url` of a table or `dataframe` read as CSV text, with its keys `filetype` and (for
/// Excel) `sheet_name` taken from `f`: the resolved path and the text. An Excel sheet becomes
/// CSV text with one line per row of the sheet, so that a line number is the sheet's row.
pub(crate) fn read_table_text(
    f: &mut Fields<'_>,
    url: &str,
) -> Result<(PathBuf, String, FrameOrigin), SchemaError> {
    let ctx = f.ctx();
    let location = f.location().to_owned();
    let filetype = match f.take("filetype") {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => Some(s.as_str()),
        Some(_) => {
            return Err(ctx.invalid(&format!("{location}.filetype"), "\"csv\" or \"excel\""));
        }
    };
    let kind = file_type(ctx, &location, url, filetype)?;
    let sheet = f.take("sheet_name");
    let path = resolve(ctx, &location, url)?;
    let text = match kind {
        FileType::Csv => {
            if sheet.is_some() {
                return Err(ctx.invalid(
                    &format!("{location}.sheet_name"),
                    "no sheet_name: the file is CSV (sheet_name selects a sheet of an Excel workbook)",
                ));
            }
            (read_csv_text(&path)?, FrameOrigin::Csv)
        }
        FileType::Excel => {
            let sheet = match sheet {
                None | Some(Json::Null) => SheetName::Position(0),
                Some(Json::String(s)) => SheetName::Name(s.clone()),
                Some(Json::Number(n)) if n.as_u64().is_some() => {
                    SheetName::Position(n.as_u64().map_or(usize::MAX, |p| p as usize))
                }
                Some(_) => {
                    return Err(ctx.invalid(
                        &format!("{location}.sheet_name"),
                        "the name of a sheet, or its position from 0",
                    ));
                }
            };
            (
                excel::sheet_as_csv(&path, &sheet)?,
                FrameOrigin::Excel { sheet },
            )
        }
    };
    Ok((path, text.0, text.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn gzip_and_bzip2_files_unpack_to_the_same_text() {
        let dir = tempfile::tempdir().unwrap();
        let csv = "Date,flow\n2020-01-01,1.5\n2020-01-02,2\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(csv.as_bytes()).unwrap();
        let gz = write(dir.path(), "f.csv.gz", &gz.finish().unwrap());
        let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
        bz.write_all(csv.as_bytes()).unwrap();
        let bz = write(dir.path(), "f.bz2", &bz.finish().unwrap());
        assert_eq!(read_csv_text(&gz).unwrap(), csv);
        assert_eq!(read_csv_text(&bz).unwrap(), csv);
    }

    #[test]
    fn corrupt_packed_data_names_the_file_and_the_method() {
        let dir = tempfile::tempdir().unwrap();
        let gz = write(dir.path(), "flows.gz", b"Date,flow\n2020-01-01,1\n");
        let err = read_csv_text(&gz).unwrap_err().to_string();
        assert!(
            err.contains("flows.gz") && err.contains("not readable as gzip-compressed data"),
            "{err}"
        );
        let bz = write(dir.path(), "flows.bz2", b"BZh9 not really");
        let err = read_csv_text(&bz).unwrap_err().to_string();
        assert!(
            err.contains("flows.bz2") && err.contains("bzip2-compressed"),
            "{err}"
        );
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        // One gzip member of 1 MiB of zeros packs into about a kilobyte; 300 of them in a row
        // (a multi-member file, as `cat a.gz b.gz` makes) unpack to 300 MiB.
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b'0'; 1 << 20]).unwrap();
        let member = gz.finish().unwrap();
        let bomb = member.repeat(300);
        assert!(bomb.len() < 2 << 20);
        let path = write(dir.path(), "bomb.gz", &bomb);
        let err = read_csv_text(&path).unwrap_err();
        assert!(
            matches!(&err, SchemaError::TooLarge { bytes, .. } if *bytes == MAX_MODEL_BYTES + 1),
            "{err}"
        );
        assert!(
            err.to_string().contains("bomb.gz") && err.to_string().contains("unpacked"),
            "{err}"
        );
    }
}
