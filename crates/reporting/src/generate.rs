//! Generating the report files: load, check, assemble, render, write all-or-nothing.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::document::Report;
use crate::i18n::{Language, Messages};
use crate::output::{OutputFile, write_all};
use crate::render::{Format, html, json, markdown};
use crate::{briefing, dataset};

/// What to generate and where.
///
/// [`ReportOptions::default`] is what `cargo xtask report` does without options: the bundled
/// dataset `data/kz-uz`, into `target/report`, every language and every format this build
/// writes, as of the dataset's date. Relative paths are relative to the working folder.
///
/// ```
/// use dostyk_reporting::ReportOptions;
/// use dostyk_reporting::i18n::Language;
/// use dostyk_reporting::render::Format;
///
/// let options = ReportOptions::builder()
///     .data("tests/data/mini")
///     .out("target/mini-report")
///     .languages([Language::En])
///     .formats([Format::Html, Format::Json])
///     .build();
/// assert_eq!(options.languages, [Language::En]);
/// assert_eq!(options.as_of, None);
/// assert_eq!(ReportOptions::default().out.to_str(), Some("target/report"));
/// ```
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

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            data: PathBuf::from("data/kz-uz"),
            out: PathBuf::from("target/report"),
            languages: Language::ALL.to_vec(),
            formats: Format::ALL
                .into_iter()
                .filter(Format::is_available)
                .collect(),
            as_of: None,
        }
    }
}

impl ReportOptions {
    /// A builder starting from [`ReportOptions::default`].
    pub fn builder() -> ReportOptionsBuilder {
        ReportOptionsBuilder {
            options: ReportOptions::default(),
        }
    }
}

/// Builds [`ReportOptions`]: every setting not given keeps its default.
#[derive(Debug, Clone)]
#[must_use]
pub struct ReportOptionsBuilder {
    options: ReportOptions,
}

impl ReportOptionsBuilder {
    /// The dataset folder (holding `dataset.toml`).
    pub fn data(mut self, dir: impl Into<PathBuf>) -> Self {
        self.options.data = dir.into();
        self
    }

    /// The output folder.
    pub fn out(mut self, dir: impl Into<PathBuf>) -> Self {
        self.options.out = dir.into();
        self
    }

    /// The languages, in order.
    pub fn languages(mut self, languages: impl IntoIterator<Item = Language>) -> Self {
        self.options.languages = languages.into_iter().collect();
        self
    }

    /// The formats, in order.
    pub fn formats(mut self, formats: impl IntoIterator<Item = Format>) -> Self {
        self.options.formats = formats.into_iter().collect();
        self
    }

    /// The as-of date (the dataset's `as_of` when not given, or given `None`).
    pub fn as_of(mut self, date: impl Into<Option<NaiveDate>>) -> Self {
        self.options.as_of = date.into();
        self
    }

    /// The options.
    #[must_use]
    pub fn build(self) -> ReportOptions {
        self.options
    }
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
    /// A renderer failed; `message` is what the renderer's library said.
    #[error("{} rendering failed: {message}", format_name(*format))]
    Render {
        /// The format being rendered.
        format: Format,
        /// What went wrong.
        message: String,
    },
    /// The format was asked for, but this build of `dostyk-reporting` was compiled without the
    /// feature that writes it.
    #[error(
        "this build cannot write {format} files: rebuild dostyk-reporting with the `{format}` feature, or leave {format} out of the formats"
    )]
    FormatNotBuilt {
        /// The format.
        format: Format,
    },
    /// Writing failed; the previous report, if any, is untouched.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// The name of a format in [`ReportError::Render`] messages.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Html => "HTML",
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
        Format::Xlsx => "Excel",
    }
}

/// Builds every requested language and format and writes them; returns the paths written.
/// Nothing is written unless everything succeeded. [`run_with_progress`] also reports each step.
pub fn run(options: &ReportOptions) -> Result<Vec<PathBuf>, ReportError> {
    run_with_progress(options, &mut |_| {})
}

/// Like [`run`]; `progress` receives one line per step (reading, each language, writing).
pub fn run_with_progress(
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
                Format::Json => json::render(&report)
                    .map_err(|e| ReportError::Render {
                        format,
                        message: e.to_string(),
                    })?
                    .into_bytes(),
                Format::Xlsx => xlsx(&report, &messages)?,
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

/// The Excel workbook of `report`.
#[cfg(feature = "xlsx")]
fn xlsx(report: &Report, messages: &Messages) -> Result<Vec<u8>, ReportError> {
    crate::render::xlsx::render(report, messages).map_err(|e| ReportError::Render {
        format: Format::Xlsx,
        message: e.to_string(),
    })
}

/// Refuses: this build has no Excel writer.
#[cfg(not(feature = "xlsx"))]
fn xlsx(_: &Report, _: &Messages) -> Result<Vec<u8>, ReportError> {
    Err(ReportError::FormatNotBuilt {
        format: Format::Xlsx,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_starts_from_the_defaults() {
        assert_eq!(ReportOptions::builder().build(), ReportOptions::default());
        let date = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let options = ReportOptions::builder()
            .data("d")
            .out("o")
            .languages([Language::Ru])
            .formats([Format::Markdown])
            .as_of(date)
            .build();
        assert_eq!(
            options,
            ReportOptions {
                data: PathBuf::from("d"),
                out: PathBuf::from("o"),
                languages: vec![Language::Ru],
                formats: vec![Format::Markdown],
                as_of: Some(date),
            }
        );
        assert_eq!(ReportOptions::default().languages, Language::ALL);
    }

    #[test]
    fn render_errors_name_the_format_without_the_library_type() {
        let e = ReportError::Render {
            format: Format::Json,
            message: "key must be a string".into(),
        };
        assert_eq!(e.to_string(), "JSON rendering failed: key must be a string");
        let e = ReportError::FormatNotBuilt {
            format: Format::Xlsx,
        };
        assert!(e.to_string().contains("`xlsx` feature"), "{e}");
    }
}
