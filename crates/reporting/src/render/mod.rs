//! Renderers: the same [`crate::document::Report`] as HTML, Markdown, JSON and Excel (Excel with
//! the `xlsx` feature, on by default).

pub mod html;
pub mod json;
pub mod markdown;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::fmt;
use std::str::FromStr;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// A self-contained HTML file.
    Html,
    /// GitHub-flavoured Markdown with SVG charts beside it.
    Markdown,
    /// JSON (docs/report-json.md).
    Json,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    /// Every format, in output order.
    pub const ALL: [Format; 4] = [Format::Html, Format::Markdown, Format::Json, Format::Xlsx];

    /// Whether this build writes the format: Excel needs the `xlsx` feature.
    pub fn is_available(&self) -> bool {
        match self {
            Format::Html | Format::Markdown | Format::Json => true,
            Format::Xlsx => cfg!(feature = "xlsx"),
        }
    }

    /// The file extension (also the name used on the command line).
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// A format name Dostyk does not write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report format \"{0}\"; expected html, md, json or xlsx")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "html" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "xlsx" | "excel" => Ok(Format::Xlsx),
            other => Err(UnknownFormat(other.to_owned())),
        }
    }
}
