//! JSON: the report as data, documented in `docs/report-json.md`.
//!
//! Top-level keys: `schema_version`, `dataset`, `as_of`, `language`, `title`, `figures` (every
//! figure with `id`, `indicator`, `period`, `reporting_side`, `value` as a decimal string,
//! `unit`, `source_ids`, `derived`, `method`), `sections` (blocks tagged by `type`), `sources`.
//! Keys are written in a fixed order and figures in report order, so the same report gives the
//! same bytes.

use serde::Serialize;

use crate::document::{Report, Section};
use crate::figure::Figure;
use dostyk_core_model::provenance::Source;

/// The version of the JSON layout; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    dataset: &'a str,
    as_of: chrono::NaiveDate,
    language: &'a str,
    title: &'a str,
    subtitle: &'a str,
    figures: &'a [Figure],
    sections: &'a [Section],
    sources: &'a [Source],
}

/// Renders a report as pretty-printed JSON ending with a newline.
pub fn render(report: &Report) -> Result<String, serde_json::Error> {
    let doc = JsonReport {
        schema_version: SCHEMA_VERSION,
        dataset: &report.dataset,
        as_of: report.as_of,
        language: report.language.code(),
        title: &report.title,
        subtitle: &report.subtitle,
        figures: &report.figures,
        sections: &report.sections,
        sources: &report.sources,
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    // Dataset text shown in English for want of a translation reads "… [en]".
    Ok(crate::i18n::plain(&text).into_owned())
}
