//! The one reading layer: every Dostyk reader, in every crate, reads its input through this
//! module and reports problems as a [`ReadError`] that names the file, the line, the field, what
//! was found and what was expected.
//!
//! | item | what it does |
//! |---|---|
//! | [`read_text`], [`read_bytes`], [`open_regular`] | read a file only if it is a regular file, and never beyond a limit |
//! | [`text_from_reader`], [`bytes_from_reader`] | the same for any [`std::io::Read`], named in errors by the caller |
//! | [`Table`], [`Layout`], [`Column`], [`Row`] | CSV tables: byte-order mark, separators, header look-up by name and alias, duplicate and missing columns, quoted fields, physical line numbers |
//! | [`json_value`], [`json_value_within`], [`JsonLimits`] | JSON text as a tree: a key given twice refused, the count of values bounded |
//! | [`json_error`], [`record_lines`], [`line_of_id`] | lines and columns in JSON text |
//! | [`check_recorded_date`], [`latest_recorded_year`] | the latest date a statement or an as-of may carry |
//! | [`ReadError`], [`Location`] | the error and the place it names |
//!
//! Every reader of the domain crates has the same shape: `parse(text, file)` for text already in
//! memory (`file` is only the name errors show), and `read(path)`, which reads the file with
//! [`read_text`] and calls `parse`. Each crate's error enum wraps [`ReadError`] in one variant,
//! so a caller can always get at the [`Location`].

mod error;
mod file;
mod json;
mod lines;
mod recorded;
mod table;

pub use error::{Location, ReadError, printable};
pub use file::{
    MAX_TEXT_FILE_BYTES, bytes_from_reader, open_regular, read_bytes, read_text, text_from_bytes,
    text_from_reader,
};
pub use json::{JsonLimits, json_error, json_value, json_value_within, line_of_id, record_lines};
pub use recorded::{check_recorded_date, latest_recorded_year};
pub use table::{Column, Layout, Row, Table};
