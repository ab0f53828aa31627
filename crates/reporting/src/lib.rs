//! # dostyk-reporting
//!
//! The bilateral briefing: a document model independent of any output format, renderers for
//! HTML, Markdown, JSON, Excel, PDF and Word, hand-written deterministic SVG charts, and the
//! assembly of the Kazakhstan–Uzbekistan briefing from what the domain crates compute.
//!
//! Features: `xlsx` (on by default) writes Excel; `pdf` (Typst as a library) and `docx` write
//! PDF and Word and are off by default because they take minutes to compile; the `dostyk` CLI
//! turns both on.
//!
//! Reporting never recomputes a domain figure: every number in a report is a figure returned by
//! `dostyk-trade`, `dostyk-water` or `dostyk-transit-gas` (or quoted from a source in the
//! dataset), carried with its provenance.
//!
//! Depends on `dostyk-core-model`, the three domain crates and `dostyk-dataset` (which loads a
//! dataset folder, re-exported here as [`dataset`]); no other library crate depends on it.
//!
//! ## Example
//!
//! Every number is a [`figure::Figure`] with its sources; renderers format it per language.
//!
//! ```
//! use dostyk_reporting::figure::{Figure, FigureUnit};
//! use dostyk_reporting::i18n::{Language, Messages};
//! use dostyk_core_model::provenance::{ReportingSide, SourceId};
//! use rust_decimal::Decimal;
//!
//! let turnover = Figure::new("trade.turnover.kz.2024", "trade.turnover", "2024",
//!         Decimal::from(4_400_000_000u64), FigureUnit::Usd)
//!     .side(ReportingSide::Kazakhstan)
//!     .sources([SourceId::new("kz-stat-2025")?]);
//! let ru = Messages::new(Language::Ru)?;
//! assert_eq!(ru.value(turnover.value, turnover.unit), "4,4 млрд долл. США");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod briefing;
pub mod chart;
pub mod document;
pub mod figure;
mod generate;
pub mod i18n;
pub mod output;
pub mod render;

/// Loading a dataset folder, re-exported from `dostyk-dataset` so `dostyk_reporting::dataset`
/// paths keep working.
pub use dostyk_dataset as dataset;
pub use generate::{
    AS_OF_RANGE, ReportError, ReportOptions, ReportOptionsBuilder, run, run_with_progress,
    untranslated,
};
