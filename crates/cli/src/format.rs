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

/// A clap parser that accepts only `allowed` (and their aliases), so `--help` lists them and
/// any other value is a usage error.
pub(crate) fn parser(allowed: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(allowed.iter().filter_map(ValueEnum::to_possible_value))
        .try_map(|name| Format::from_str(&name, false))
}
