//! `dostyk report`: the bilateral briefing from a dataset.
//!
//! Thin over [`dostyk_reporting::run_with_progress`]: turns the options into [`ReportOptions`], prints
//! progress to standard error, and ends with a line saying where the report is. The workspace's
//! developer task runner parses the same [`ReportArgs`] and calls the same
//! [`run`], so both build the same report from the same options.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dostyk_reporting::i18n::Language;
use dostyk_reporting::render;
use dostyk_reporting::{ReportOptions, run_with_progress};

use crate::format::{self, Format};

/// The dataset folder when `--data` is not given, relative to the base folder.
pub const DEFAULT_DATA: &str = "data/kz-uz";
/// The output folder when `--out` is not given, relative to the base folder.
pub const DEFAULT_OUT: &str = "target/report";

/// Help shown after the options of `report`.
const AFTER_HELP: &str = "\
Reads: a dataset folder holding dataset.toml and the CSV tables it lists (the repository's
data/kz-uz; docs/data.md describes each file and column). The whole dataset is validated first:
every problem is listed with its file, line and field, and nothing is written.

Writes: OUT/<lang>/report.<ext> for every language and format, each file whole or not at all;
report files of formats not asked for, left by an earlier run, are removed. Links inside OUT
are never written through.

Examples:
  dostyk report                                   # data/kz-uz into target/report/
  dostyk report --data data/kz-uz --out briefing --lang ru --format html,xlsx
  dostyk report --as-of 2026-03-01 --quiet
  dostyk report --as-of 2024-02-04 --out briefing-2024-02-04   # as known at the PMs' talks
  dostyk report --as-of 2024-12-31 --since 2024-02-04          # and what is new since then
  dostyk report --untranslated --lang kk,uz       # what the translators still have to do";

/// The options of `report`: which dataset, where to, which languages and formats, and the
/// as-of date. Parse them with clap (they are a [`clap::Args`]) and pass them to [`run`].
#[derive(Debug, Clone, clap::Args)]
#[command(
    long_about = "Build the bilateral briefing from a dataset: HTML, Markdown (with SVG charts), \
                  JSON and Excel, in English, Russian, Kazakh and Uzbek, every figure with its \
                  source.",
    after_help = AFTER_HELP
)]
pub struct ReportArgs {
    /// The dataset folder (holding dataset.toml) [default: data/kz-uz]
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    #[arg(
        long,
        short,
        value_name = "DIR",
        value_parser = parse_out,
        help = "The output folder; files go to OUT/<lang>/report.<ext> [default: target/report]"
    )]
    out: Option<PathBuf>,
    /// Languages, comma-separated, in order: en, ru, kk, uz [default: en,ru,kk,uz]
    #[arg(long = "lang", value_name = "LANGS", value_delimiter = ',')]
    languages: Option<Vec<Language>>,
    /// Formats, comma-separated, in order: html, md, json, xlsx, pdf, docx [default: all six]
    #[arg(
        long,
        value_name = "FORMATS",
        value_delimiter = ',',
        value_parser = format::parser(format::REPORT),
        hide_possible_values = true
    )]
    format: Option<Vec<Format>>,
    #[arg(
        long,
        value_name = "DATE",
        value_parser = parse_date,
        help = "Write the briefing as it could have been written on DATE, YYYY-MM-DD, from what \
                was published by then [default: the dataset's as_of, every row]",
        long_help = "Write the briefing as it could have been written on DATE (YYYY-MM-DD): an \
                     as-of edition that uses only what was published by then, with the targets \
                     and statuses then in force [default: the dataset's as_of, every row].\n\
                     A row counts from the publication day of its earliest dated source; a row \
                     whose sources are all undated counts from the last day of its own date (a \
                     statement's date, a trade figure's statement_date, a crossing figure's \
                     date: 2023-07 counts from 31 July 2023) and is left out when it has none. \
                     The summary says how many rows were left out and why (docs/data.md, \
                     \"As-of editions\")."
    )]
    as_of: Option<NaiveDate>,
    #[arg(
        long,
        value_name = "DATE",
        value_parser = parse_date,
        help = "Open the briefing with \"Changes since DATE\" (YYYY-MM-DD): what became known \
                after DATE and by the as-of date",
        long_help = "Open the briefing with a \"Changes since DATE\" section (DATE is \
                     YYYY-MM-DD): every statement, target stated or restated, report on a \
                     measure's status, project status and published figure, new or revised (trade, border \
                     crossings, quoted water and transit facts) that became known after DATE and \
                     on or before the as-of date, each with its value, sources and the day it \
                     became known, by the rule of --as-of. The section says so when nothing \
                     changed (docs/data.md, \"Changes since a day\")."
    )]
    since: Option<NaiveDate>,
    /// Write nothing: list, per language, the dataset texts the briefing shows that have no
    /// translation (shown in English, marked [en]), then exit
    #[arg(long)]
    untranslated: bool,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let date: NaiveDate = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a date: write YYYY-MM-DD"))?;
    let range = dostyk_reporting::AS_OF_RANGE;
    if range.contains(&date) {
        Ok(date)
    } else {
        Err(format!(
            "{date} is outside the dates a report can be made for, {} to {}",
            range.start(),
            range.end()
        ))
    }
}

fn parse_out(text: &str) -> Result<PathBuf, String> {
    if text.is_empty() {
        Err("the output folder is empty; give a folder, such as target/report (\".\" for the current folder)".to_owned())
    } else {
        Ok(PathBuf::from(text))
    }
}

impl ReportArgs {
    /// The report options these arguments ask for; `--data` and `--out`, when not given,
    /// default to [`DEFAULT_DATA`] and [`DEFAULT_OUT`] under `base`.
    pub fn options(&self, base: &Path) -> ReportOptions {
        ReportOptions {
            data: self.data.clone().unwrap_or_else(|| base.join(DEFAULT_DATA)),
            out: self.out.clone().unwrap_or_else(|| base.join(DEFAULT_OUT)),
            languages: self
                .languages
                .clone()
                .unwrap_or_else(|| Language::ALL.to_vec()),
            formats: self.format.as_ref().map_or_else(
                || render::Format::ALL.to_vec(),
                |formats| formats.iter().filter_map(|f| render_format(*f)).collect(),
            ),
            as_of: self.as_of,
            since: self.since,
        }
    }
}

/// The renderer of a report format; `None` for a format the report does not render (the
/// parser of `--format` refuses those before this is reached).
fn render_format(format: Format) -> Option<render::Format> {
    match format {
        Format::Html => Some(render::Format::Html),
        Format::Md => Some(render::Format::Markdown),
        Format::Json => Some(render::Format::Json),
        Format::Xlsx => Some(render::Format::Xlsx),
        Format::Pdf => Some(render::Format::Pdf),
        Format::Docx => Some(render::Format::Docx),
        Format::Table | Format::Csv | Format::Parquet => None,
    }
}

/// Builds and writes the report `args` ask for, with `--data` and `--out` defaulting under
/// `base`. Progress lines go to standard error unless `quiet`; the last one says how many files
/// were written where.
///
/// # Errors
///
/// When the dataset has problems (every one is listed with its file, line and field, and
/// nothing is written) or a file cannot be written.
pub fn run(args: &ReportArgs, base: &Path, quiet: bool) -> Result<(), Box<dyn std::error::Error>> {
    let progress = crate::Progress::new(quiet);
    let options = args.options(base);
    if args.untranslated {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        for (language, texts) in dostyk_reporting::untranslated(&options)? {
            writeln!(out, "{language}: {} untranslated", texts.len())?;
            for t in texts {
                writeln!(out, "  {} {}: {}", t.subject, t.field, t.english)?;
            }
        }
        return Ok(());
    }
    let written = run_with_progress(&options, &mut |line| progress.line(line))?;
    progress.line(format_args!(
        "report written: {} files in {}",
        written.len(),
        options.out.display()
    ));
    Ok(())
}
