//! The one `--format` vocabulary of every command; each command accepts the values that make
//! sense for it (its `--help` lists them).

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// An aligned text table.
    Table,
    /// JSON (pretty-printed).
    Json,
    /// An HTML page.
    Html,
    /// Markdown with SVG charts.
    #[value(alias = "markdown")]
    Md,
    /// An Excel workbook.
    #[value(alias = "excel")]
    Xlsx,
    /// A tagged A4 PDF.
    Pdf,
    /// A Word document.
    #[value(alias = "word")]
    Docx,
    /// Comma-separated values with a header line.
    Csv,
    /// A Parquet file (typed columns; needs `--out`).
    Parquet,
}

/// What the table-or-JSON commands (trade, water compliance, gas convert and balance, transit)
/// accept.
pub(crate) const TABLE_JSON: &[Format] = &[Format::Table, Format::Json];

/// What `report` accepts.
pub(crate) const REPORT: &[Format] = &[
    Format::Html,
    Format::Md,
    Format::Json,
    Format::Xlsx,
    Format::Pdf,
    Format::Docx,
];

/// What the commands that write rows (`water run`, `gas solve --loads`) accept.
pub(crate) const ROWS: &[Format] = &[Format::Csv, Format::Parquet];

/// Refuses, before anything is read, a `--format parquet` without `--out` (Parquet is binary
/// and its footer comes last, so it is not written to standard output) or in a build without
/// the `parquet` feature.
pub(crate) fn check_rows_format(
    format: Format,
    out: Option<&std::path::Path>,
) -> Result<(), Box<dyn std::error::Error>> {
    if format != Format::Parquet {
        return Ok(());
    }
    #[cfg(not(feature = "parquet"))]
    {
        let _ = out;
        Err(parquet_missing("--format parquet"))
    }
    #[cfg(feature = "parquet")]
    match out {
        Some(_) => Ok(()),
        None => Err(
            "--format parquet writes a file: give it with --out FILE.parquet (Parquet is \
                     binary, with its footer last, so it is not written to standard output)"
                .into(),
        ),
    }
}

/// The error of a Parquet option in a `dostyk` built without the `parquet` feature.
#[cfg(not(feature = "parquet"))]
pub(crate) fn parquet_missing(what: &str) -> Box<dyn std::error::Error> {
    format!(
        "{what} needs Parquet support, which this dostyk was built without (cargo feature \
         `parquet`, on by default, left out by --no-default-features): install it with \
         `cargo install --path crates/cli` (or add `--features parquet`), or use CSV"
    )
    .into()
}

/// Whether `path` is read as Parquet: a file named `.parquet` (`.parq`, `.pq`), or a regular
/// file whose first bytes are Parquet's `PAR1` (anything else is opened only by its reader, so
/// a named pipe is refused there, not waited on here).
pub(crate) fn is_parquet(path: &std::path::Path) -> bool {
    use std::io::Read;
    let named = path.extension().is_some_and(|e| {
        ["parquet", "parq", "pq"]
            .iter()
            .any(|p| e.eq_ignore_ascii_case(p))
    });
    named
        || dostyk_core_model::read::open_regular(path).is_ok_and(|mut f| {
            let mut magic = [0u8; 4];
            f.read_exact(&mut magic).is_ok() && &magic == b"PAR1"
        })
}

/// A clap parser that accepts only `allowed` (and their aliases), so `--help` lists them and
/// any other value is a usage error.
pub(crate) fn parser(allowed: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(allowed.iter().filter_map(ValueEnum::to_possible_value))
        .try_map(|name| Format::from_str(&name, false))
}
