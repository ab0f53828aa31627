//! Generating the report files: load, check, assemble, render, write all-or-nothing.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::NaiveDate;

use crate::document::Report;
use crate::i18n::{Language, Messages};
use crate::output::{OutputFile, write_all_removing};
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
    /// The as-of date; the dataset's `as_of` when `None`. A date given makes an as-of edition:
    /// only the rows published by that day are used (`dostyk_dataset::as_of` has the rule), and
    /// the briefing says so.
    pub as_of: Option<NaiveDate>,
    /// A day to compare with: when given, the briefing opens with "Changes since" that day —
    /// every row that became known after it and by the as-of date
    /// (`dostyk_dataset::changes`); `None` leaves the section out.
    pub since: Option<NaiveDate>,
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
            since: None,
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

    /// The day to compare with for the "Changes since" section (none when not given).
    pub fn since(mut self, date: impl Into<Option<NaiveDate>>) -> Self {
        self.options.since = date.into();
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
    /// The as-of date is outside [`AS_OF_RANGE`].
    #[error(
        "the as-of date {date} is outside the dates a report can be made for, {} to {}; give a date in that range (--as-of YYYY-MM-DD{})",
        AS_OF_RANGE.start(),
        AS_OF_RANGE.end(),
        if *from_dataset { ", or fix as_of in dataset.toml" } else { "" }
    )]
    AsOfOutOfRange {
        /// The date.
        date: NaiveDate,
        /// Whether it is the dataset's `as_of` (no date was given).
        from_dataset: bool,
    },
    /// The output folder is the empty path.
    #[error(
        "the output folder is empty; give a folder (--out DIR), such as target/report (\".\" for the current folder)"
    )]
    EmptyOut,
    /// Writing failed; the previous report, if any, is untouched.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// The as-of dates a report can be made for: 1900-01-01 to 9999-12-31, the dates an Excel
/// workbook can hold (the report's dates are cells of its Excel file).
pub const AS_OF_RANGE: std::ops::RangeInclusive<NaiveDate> = {
    match (
        NaiveDate::from_ymd_opt(1900, 1, 1),
        NaiveDate::from_ymd_opt(9999, 12, 31),
    ) {
        (Some(start), Some(end)) => start..=end,
        _ => panic!("the as-of range is a valid range of dates"),
    }
};

impl ReportOptions {
    /// Checks the options that can be checked before the dataset is read: the output folder
    /// is not empty, and the as-of date, if given, is in [`AS_OF_RANGE`].
    pub fn check(&self) -> Result<(), ReportError> {
        if self.out.as_os_str().is_empty() {
            return Err(ReportError::EmptyOut);
        }
        match self.as_of {
            Some(date) if !AS_OF_RANGE.contains(&date) => Err(ReportError::AsOfOutOfRange {
                date,
                from_dataset: false,
            }),
            _ => Ok(()),
        }
    }
}

/// The name of a format in [`ReportError::Render`] messages.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Html => "HTML",
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
        Format::Xlsx => "Excel",
        Format::Pdf => "PDF",
        Format::Docx => "Word",
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
    options.check()?;
    progress(&format!(
        "reading the dataset in {}",
        options.data.display()
    ));
    let data = dataset::load(&options.data)?;
    let as_of = options.as_of.unwrap_or(data.manifest.as_of);
    if !AS_OF_RANGE.contains(&as_of) {
        return Err(ReportError::AsOfOutOfRange {
            date: as_of,
            from_dataset: true,
        });
    }
    progress(&format!(
        "dataset {}: {} sources, {} files, as of {as_of}",
        data.manifest.name,
        data.manifest.sources.len(),
        data.manifest.files.len()
    ));
    // A date given asks for an as-of edition: only what had been published by then.
    let known = options.as_of.map(|date| data.as_known_on(date));
    if let Some(known) = &known {
        progress(&format!(
            "as of {as_of}: {} rows of the dataset published later or undated are left out",
            known.left_out.len()
        ));
    }
    let jobs = jobs(options);
    let shared = Shared {
        data: &data,
        known: known.as_ref(),
        as_of,
        since: options.since,
    };
    let files = render_in_parallel(&jobs, &shared, progress)?;
    progress(&format!(
        "writing {} files to {}",
        files.len(),
        options.out.display()
    ));
    let previous = previous_report_files(&options.out, &options.languages);
    Ok(write_all_removing(&options.out, &files, &previous)?)
}

/// What every rendering job reads.
struct Shared<'a> {
    data: &'a dataset::Dataset,
    known: Option<&'a dataset::as_of::KnownOn>,
    as_of: NaiveDate,
    since: Option<NaiveDate>,
}

/// One unit of rendering work: some formats of one language, each with its position in
/// [`ReportOptions::languages`] and [`ReportOptions::formats`] (the order of the files).
struct Job {
    language: (usize, Language),
    formats: Vec<(usize, Format)>,
    /// Whether this job reports the language's summary lines (one job per language does).
    summary: bool,
}

/// The files of one format of one language, with the positions of both in the options.
type Rendered = ((usize, usize), Vec<OutputFile>);

/// The jobs of `options`, longest first: a language's PDF (Typst's layout takes most of the
/// time) is a job of its own, so that the cores share the work evenly.
fn jobs(options: &ReportOptions) -> Vec<Job> {
    let (mut jobs, mut light_jobs) = (Vec::new(), Vec::new());
    for language in options.languages.iter().copied().enumerate() {
        let (pdf, light): (Vec<_>, Vec<_>) = options
            .formats
            .iter()
            .copied()
            .enumerate()
            .partition(|&(_, format)| format == Format::Pdf);
        let summary_with_pdf = light.is_empty();
        if !pdf.is_empty() {
            jobs.push(Job {
                language,
                formats: pdf,
                summary: summary_with_pdf,
            });
        }
        if !light.is_empty() {
            light_jobs.push(Job {
                language,
                formats: light,
                summary: true,
            });
        }
    }
    jobs.extend(light_jobs);
    jobs
}

/// Runs `jobs` on as many threads as there are cores (each thread takes the next job), passing
/// the progress lines to `progress` as they come, and returns the files in the options' order.
/// A failure returns the first failed job's error in job order, so the outcome never depends on
/// the threads.
fn render_in_parallel(
    jobs: &[Job],
    shared: &Shared<'_>,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<OutputFile>, ReportError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<String>();
    let mut outcomes = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let tx = tx.clone();
                let next = &next;
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else {
                            return done;
                        };
                        // The receiver lives until every worker has finished.
                        done.push((i, render_job(job, shared, &|line| drop(tx.send(line)))));
                    }
                })
            })
            .collect();
        // Only the workers hold senders now: the loop ends when the last one finishes.
        drop(tx);
        for line in rx {
            progress(&line);
        }
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect::<Vec<_>>()
    });
    outcomes.sort_by_key(|(job, _)| *job);
    let mut rendered = Vec::new();
    for (_, outcome) in outcomes {
        rendered.extend(outcome?);
    }
    rendered.sort_by_key(|(position, _)| *position);
    Ok(rendered.into_iter().flat_map(|(_, files)| files).collect())
}

/// Builds the briefing in `job`'s language and renders it in the job's formats.
fn render_job(
    job: &Job,
    shared: &Shared<'_>,
    say: &dyn Fn(String),
) -> Result<Vec<Rendered>, ReportError> {
    let (language_at, language) = job.language;
    let messages = Messages::new(language)?.with_translations(&shared.data.translations);
    let report = briefing_of(
        shared.data,
        shared.known,
        shared.as_of,
        shared.since,
        &messages,
    )?;
    if job.summary {
        say(format!(
            "{language}: {} sections, {} figures, {} sources",
            report.sections.len(),
            report.figures.len(),
            report.sources.len()
        ));
        let untranslated = messages.untranslated().len();
        if untranslated > 0 {
            say(format!(
                "{language}: {untranslated} dataset texts have no translation and are shown in English, marked [en] (list them with --untranslated)"
            ));
        }
    }
    let dir = PathBuf::from(language.code());
    let mut rendered = Vec::new();
    for &(format_at, format) in &job.formats {
        say(format!("{language}: rendering {format}"));
        let mut files = Vec::new();
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
            Format::Pdf => pdf(&report, &messages)?,
            Format::Docx => docx(&report, &messages)?,
        };
        files.push(OutputFile { path, bytes });
        rendered.push(((language_at, format_at), files));
    }
    Ok(rendered)
}

/// The briefing of `data` (or of what was `known` on the as-of date) in `messages`' language.
fn briefing_of(
    data: &dataset::Dataset,
    known: Option<&dataset::as_of::KnownOn>,
    as_of: NaiveDate,
    since: Option<NaiveDate>,
    messages: &Messages,
) -> Result<Report, ReportError> {
    Ok(match known {
        Some(known) => match since {
            Some(since) => briefing::build_known_on_since(known, since, messages)?,
            None => briefing::build_known_on(known, messages)?,
        },
        None => match since {
            Some(since) => briefing::build_since(data, as_of, since, messages)?,
            None => briefing::build(data, as_of, messages)?,
        },
    })
}

/// The dataset texts the briefing of `options` shows that have no translation, per language
/// of `options` (none for English): what a translator still has to do. Nothing is written.
///
/// ```
/// use dostyk_reporting::{ReportOptions, untranslated};
/// use dostyk_reporting::i18n::Language;
///
/// let options = ReportOptions::builder()
///     .data("../../data/kz-uz")
///     .languages([Language::En, Language::Ru])
///     .build();
/// let left = untranslated(&options)?;
/// assert!(left[0].1.is_empty(), "English is the dataset's own language");
/// assert_eq!(left[1].0, Language::Ru);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn untranslated(
    options: &ReportOptions,
) -> Result<Vec<(Language, Vec<crate::i18n::Untranslated>)>, ReportError> {
    options.check()?;
    let data = dataset::load(&options.data)?;
    let as_of = options.as_of.unwrap_or(data.manifest.as_of);
    let known = options.as_of.map(|date| data.as_known_on(date));
    let mut out = Vec::new();
    for &language in &options.languages {
        let messages = Messages::new(language)?.with_translations(&data.translations);
        briefing_of(&data, known.as_ref(), as_of, options.since, &messages)?;
        out.push((language, messages.untranslated()));
    }
    Ok(out)
}

/// The files an earlier Dostyk report may have left in the language folders of `languages`
/// under `out`: `report.<ext>` of every format, and the SVG files of `charts/`. Those this run
/// does not write are removed once it has written its own, so a rerun with fewer formats does
/// not leave the old ones beside the new. Nothing else in the folder is touched, and a folder
/// that is a link is not looked into.
fn previous_report_files(out: &std::path::Path, languages: &[Language]) -> Vec<PathBuf> {
    let is_folder = |path: &std::path::Path| {
        std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_dir())
    };
    let mut previous = Vec::new();
    for language in languages {
        let dir = PathBuf::from(language.code());
        if !is_folder(&out.join(&dir)) {
            continue;
        }
        for format in Format::ALL {
            previous.push(dir.join(format!("report.{}", format.extension())));
        }
        let charts = dir.join("charts");
        if is_folder(&out.join(&charts))
            && let Ok(entries) = std::fs::read_dir(out.join(&charts))
        {
            for entry in entries.flatten() {
                let name = entry.file_name();
                if std::path::Path::new(&name)
                    .extension()
                    .is_some_and(|e| e == "svg")
                {
                    previous.push(charts.join(name));
                }
            }
        }
    }
    previous
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

/// The PDF of `report`.
#[cfg(feature = "pdf")]
fn pdf(report: &Report, messages: &Messages) -> Result<Vec<u8>, ReportError> {
    crate::render::pdf::render(report, messages).map_err(|e| ReportError::Render {
        format: Format::Pdf,
        message: e.to_string(),
    })
}

/// Refuses: this build has no PDF writer.
#[cfg(not(feature = "pdf"))]
fn pdf(_: &Report, _: &Messages) -> Result<Vec<u8>, ReportError> {
    Err(ReportError::FormatNotBuilt {
        format: Format::Pdf,
    })
}

/// The Word document of `report`.
#[cfg(feature = "docx")]
fn docx(report: &Report, messages: &Messages) -> Result<Vec<u8>, ReportError> {
    crate::render::docx::render(report, messages).map_err(|e| ReportError::Render {
        format: Format::Docx,
        message: e.to_string(),
    })
}

/// Refuses: this build has no Word writer.
#[cfg(not(feature = "docx"))]
fn docx(_: &Report, _: &Messages) -> Result<Vec<u8>, ReportError> {
    Err(ReportError::FormatNotBuilt {
        format: Format::Docx,
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
            .since(date)
            .build();
        assert_eq!(
            options,
            ReportOptions {
                data: PathBuf::from("d"),
                out: PathBuf::from("o"),
                languages: vec![Language::Ru],
                formats: vec![Format::Markdown],
                as_of: Some(date),
                since: Some(date),
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
