//! Bounded reading: a file is read only when it is a regular file, and never beyond a limit.
//!
//! A path in a dataset can name anything: a folder, a named pipe that blocks the reader for ever,
//! `/dev/zero`, a file that grows while it is read. The functions here follow links, refuse what
//! is not a regular file, and read at most the limit plus one byte whatever the file claims its
//! size is, so a wrong path is an error with a message, never a hang or exhausted memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::error::{Location, ReadError};

/// The largest text file the dataset readers read whole: 64 MiB. A dataset's tables are typed
/// by analysts or exported from statistics portals; a larger file is almost always the wrong
/// file, and reading it whole could exhaust memory.
pub const MAX_TEXT_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Opens `path` for reading if it is a regular file (after following links).
///
/// Streaming readers (the Comtrade reader reads files of many gigabytes) use this to refuse
/// folders, pipes and devices before they read a byte.
pub fn open_regular(path: impl AsRef<Path>) -> Result<File, ReadError> {
    let path = path.as_ref();
    // The kind is checked before opening, because opening a named pipe blocks until a writer
    // comes, and again on the open file, in case the path was replaced in between.
    let metadata = std::fs::metadata(path).map_err(|e| ReadError::io(path, e))?;
    check_regular(path, &metadata)?;
    let file = File::open(path).map_err(|e| ReadError::io(path, e))?;
    let metadata = file.metadata().map_err(|e| ReadError::io(path, e))?;
    check_regular(path, &metadata)?;
    Ok(file)
}

/// The bytes of `path`, a regular file of at most `limit` bytes.
pub fn read_bytes(path: impl AsRef<Path>, limit: u64) -> Result<Vec<u8>, ReadError> {
    let path = path.as_ref();
    let file = open_regular(path)?;
    let size = file.metadata().map_err(|e| ReadError::io(path, e))?.len();
    if size > limit {
        return Err(ReadError::TooLarge {
            file: path.to_path_buf(),
            bytes: size,
            limit,
        });
    }
    // Sized from the metadata (one byte more, to see the end without growing): reading a
    // large file into a growing buffer copies it several times over.
    let capacity = usize::try_from(size.saturating_add(1)).unwrap_or(usize::MAX);
    read_limited(file, path, limit, Vec::with_capacity(capacity))
}

/// The text of `path`, a regular UTF-8 file of at most `limit` bytes; a byte-order mark is
/// kept (the table reader drops it, and TOML and JSON parsers name it).
pub fn read_text(path: impl AsRef<Path>, limit: u64) -> Result<String, ReadError> {
    let path = path.as_ref();
    text_from_bytes(read_bytes(path, limit)?, path)
}

/// At most `limit` bytes from `reader`; `file` names the input in errors.
pub fn bytes_from_reader(
    reader: impl Read,
    file: impl AsRef<Path>,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    read_limited(reader, file.as_ref(), limit, Vec::new())
}

/// At most `limit` bytes from `reader`, appended to `bytes`.
fn read_limited(
    reader: impl Read,
    file: &Path,
    limit: u64,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, ReadError> {
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::io(file, e))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            file: file.to_path_buf(),
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// At most `limit` bytes of UTF-8 text from `reader`; `file` names the input in errors.
pub fn text_from_reader(
    reader: impl Read,
    file: impl AsRef<Path>,
    limit: u64,
) -> Result<String, ReadError> {
    let file = file.as_ref();
    text_from_bytes(bytes_from_reader(reader, file, limit)?, file)
}

/// `bytes` as text, or the error naming the line of the first byte that is not UTF-8; text
/// that starts with a UTF-16 byte-order mark is named as UTF-16 ([`ReadError::Utf16`]).
pub fn text_from_bytes(bytes: Vec<u8>, file: impl AsRef<Path>) -> Result<String, ReadError> {
    let order = match bytes.as_slice() {
        [0xFF, 0xFE, ..] => Some("little-endian, byte-order mark FF FE"),
        [0xFE, 0xFF, ..] => Some("big-endian, byte-order mark FE FF"),
        _ => None,
    };
    if let Some(order) = order {
        return Err(ReadError::Utf16 {
            file: file.as_ref().to_path_buf(),
            order,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = super::lines::line_at(valid, valid.len());
        ReadError::NotUtf8 {
            at: Box::new(Location::file(file.as_ref()).line(line)),
        }
    })
}

fn check_regular(path: &Path, metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(ReadError::NotAFile {
        file: path.to_path_buf(),
        what: describe(kind),
    })
}

#[cfg(unix)]
fn describe(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn describe(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("dostyk-read-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = scratch("limit");
        let path = dir.join("big.csv");
        std::fs::write(&path, "x".repeat(2_000)).unwrap();
        let e = read_text(&path, 1_000).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::TooLarge {
                    bytes: 2_000,
                    limit: 1_000,
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(read_text(&path, 2_000).unwrap().len(), 2_000);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_reader_without_end_stops_at_the_limit() {
        let e = bytes_from_reader(std::io::repeat(b'a'), "endless", 100).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::TooLarge {
                    bytes: 101,
                    limit: 100,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn folders_and_devices_are_not_files() {
        let dir = scratch("kinds");
        let e = read_text(&dir, 10).unwrap_err();
        assert!(
            matches!(
                e,
                ReadError::NotAFile {
                    what: "a folder",
                    ..
                }
            ),
            "{e}"
        );
        #[cfg(unix)]
        {
            let e = read_text("/dev/zero", 10).unwrap_err();
            assert!(
                matches!(
                    e,
                    ReadError::NotAFile {
                        what: "a device",
                        ..
                    }
                ),
                "{e}"
            );
            assert!(
                e.to_string()
                    .ends_with("is a device, not a regular file; give the path of a file")
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = scratch("fifo");
        let path = dir.join("pipe.csv");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read_text(&path, 10).unwrap_err();
            assert!(
                matches!(
                    e,
                    ReadError::NotAFile {
                        what: "a named pipe (FIFO)",
                        ..
                    }
                ),
                "{e}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn text_that_is_not_utf8_names_its_line() {
        let e = text_from_bytes(b"a,b\n1,2\n3,\xff\n".to_vec(), "t.csv").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.csv, line 3: the text is not UTF-8; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)"
        );
    }

    #[test]
    fn utf16_text_is_named_as_utf16() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("a,b\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            text_from_bytes(le, "u.csv").unwrap_err().to_string(),
            "u.csv: the text is UTF-16 (little-endian, byte-order mark FF FE), not UTF-8; save the file as UTF-8 (in Excel: Save As, CSV UTF-8; in a text editor: Save As with the encoding UTF-8)"
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("a,b\n".encode_utf16().flat_map(u16::to_be_bytes));
        let e = text_from_bytes(be, "u.csv").unwrap_err();
        assert!(
            matches!(e, ReadError::Utf16 { order, .. } if order.starts_with("big-endian")),
            "{e}"
        );
    }
}
