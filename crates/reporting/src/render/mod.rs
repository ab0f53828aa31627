//! Renderers: the same [`crate::document::Report`] as HTML, Markdown, JSON, Excel, PDF and Word
//! (Excel with the `xlsx` feature, on by default; PDF with `pdf` and Word with `docx`, both off
//! by default because of their compile time, and on in the CLI and xtask).

#[cfg(feature = "docx")]
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "xlsx")]
pub mod xlsx;

/// The font PDF and Word charts are set in, bundled with Typst (OFL); the charts' Helvetica and
/// Arial are not bundled, so text and charts fall back to it.
#[cfg(any(feature = "pdf", feature = "docx"))]
const BUNDLED_FONT: &str = "Libertinus Serif";

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
    /// A tagged A4 PDF (PDF/UA-1).
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
}

impl Format {
    /// Every format, in output order.
    pub const ALL: [Format; 6] = [
        Format::Html,
        Format::Markdown,
        Format::Json,
        Format::Xlsx,
        Format::Pdf,
        Format::Docx,
    ];

    /// Whether this build writes the format: Excel needs the `xlsx` feature, PDF `pdf` and Word
    /// `docx`.
    pub fn is_available(&self) -> bool {
        match self {
            Format::Html | Format::Markdown | Format::Json => true,
            Format::Xlsx => cfg!(feature = "xlsx"),
            Format::Pdf => cfg!(feature = "pdf"),
            Format::Docx => cfg!(feature = "docx"),
        }
    }

    /// The file extension (also the name used on the command line).
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
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
#[error("unknown report format \"{0}\"; expected html, md, json, xlsx, pdf or docx")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "html" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "xlsx" | "excel" => Ok(Format::Xlsx),
            "pdf" => Ok(Format::Pdf),
            "docx" | "word" => Ok(Format::Docx),
            other => Err(UnknownFormat(other.to_owned())),
        }
    }
}

/// The message id of a RAG status's label in the Fluent files (`rag-green` …), which is also the
/// HTML's class for it.
pub(crate) fn rag_id(rag: dostyk_core_model::agenda::progress::Rag) -> &'static str {
    use dostyk_core_model::agenda::progress::Rag;
    match rag {
        Rag::Green => "rag-green",
        Rag::Amber => "rag-amber",
        Rag::Red => "rag-red",
        Rag::Grey => "rag-grey",
    }
}

/// The colour of a RAG status's badge as RGB hex digits (lowercase, no `#`), the same in every
/// format: white text on it is at least 4.5:1.
#[cfg(any(feature = "pdf", feature = "docx"))]
pub(crate) fn rag_fill(rag: dostyk_core_model::agenda::progress::Rag) -> &'static str {
    use dostyk_core_model::agenda::progress::Rag;
    match rag {
        Rag::Green => "1b7f3b",
        Rag::Amber => "b86e00",
        Rag::Red => "b3261e",
        Rag::Grey => "6b6b6b",
    }
}
