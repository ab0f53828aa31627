//! Generating the report files: load, check, assemble, render, write all-or-nothing.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::i18n::{Language, Messages};
use crate::output::{OutputFile, write_all};
use crate::render::{Format, html, json, markdown, xlsx};
use crate::{briefing, dataset};

/// What to generate and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The dataset folder (holding `dataset.toml`).
    pub data: PathBuf,
    /// The output folder; files go to `OUT/<lang>/report.<ext>`.
    pub out: PathBuf,
    /// Languages, in order.
    pub languages: Vec<Language>,
    /// Formats, in order.
    pub formats: Vec<Format>,
    /// The as-of date; the dataset's `as_of` when `None`.
    pub as_of: Option<NaiveDate>,
}

/// Why no report was written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The dataset has problems; every one is listed.
    #[error("{0}")]
    Dataset(#[from] dataset::LoadError),
    /// Messages of a language are missing or broken.
    #[error(transparent)]
    Messages(#[from] crate::i18n::I18nError),
    /// The briefing could not be assembled.
    #[error(transparent)]
    Briefing(#[from] briefing::BriefingError),
    /// JSON rendering failed.
    #[error("JSON rendering failed: {0}")]
    Json(#[from] serde_json::Error),
    /// Excel rendering failed.
    #[error("Excel rendering failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Writing failed; the previous report, if any, is untouched.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// Builds every requested language and format and writes them; returns the paths written.
/// `progress` receives one line per step. Nothing is written unless everything succeeded.
pub fn run(
    options: &ReportOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, ReportError> {
    progress(&format!(
        "reading the dataset in {}",
        options.data.display()
    ));
    let data = dataset::load(&options.data)?;
    let as_of = options.as_of.unwrap_or(data.manifest.as_of);
    progress(&format!(
        "dataset {}: {} sources, {} files, as of {as_of}",
        data.manifest.name,
        data.manifest.sources.len(),
        data.manifest.files.len()
    ));
    let mut files = Vec::new();
    for &language in &options.languages {
        let messages = Messages::new(language)?;
        let report = briefing::build(&data, as_of, &messages)?;
        progress(&format!(
            "{language}: {} sections, {} figures, {} sources",
            report.sections.len(),
            report.figures.len(),
            report.sources.len()
        ));
        let dir = PathBuf::from(language.code());
        for &format in &options.formats {
            progress(&format!("{language}: rendering {format}"));
            let path = dir.join(format!("report.{}", format.extension()));
            let bytes = match format {
                Format::Html => html::render(&report, &messages).into_bytes(),
                Format::Markdown => {
                    let (text, charts) = markdown::render(&report, &messages);
                    for chart in charts {
                        files.push(OutputFile {
                            path: dir.join(&chart.path),
                            bytes: chart.svg.into_bytes(),
                        });
                    }
                    text.into_bytes()
                }
                Format::Json => json::render(&report)?.into_bytes(),
                Format::Xlsx => xlsx::render(&report, &messages)?,
            };
            files.push(OutputFile { path, bytes });
        }
    }
    progress(&format!(
        "writing {} files to {}",
        files.len(),
        options.out.display()
    ));
    Ok(write_all(&options.out, &files)?)
}
