//! `cargo xtask report [--data DIR] [--out DIR] [--lang en,ru] [--format html,md,json,xlsx] [--as-of DATE]`
//!
//! Thin over `dostyk_reporting::run`: parses the options, prints progress to stderr, and ends
//! with a line saying where the report is.

use std::ffi::OsString;
use std::path::PathBuf;

use dostyk_reporting::i18n::Language;
use dostyk_reporting::render::Format;
use dostyk_reporting::{ReportOptions, run as run_report};

use crate::TaskResult;

const USAGE: &str = "cargo xtask report [--data DIR] [--out DIR] [--lang en,ru] [--format html,md,json,xlsx] [--as-of YYYY-MM-DD]";

fn list<T: std::str::FromStr>(text: &str) -> Result<Vec<T>, String>
where
    T::Err: std::fmt::Display,
{
    let mut out = Vec::new();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        out.push(part.parse::<T>().map_err(|e| e.to_string())?);
    }
    if out.is_empty() {
        return Err(format!("\"{text}\" names nothing"));
    }
    Ok(out)
}

pub(crate) fn run(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let root = crate::project_root();
    let mut options = ReportOptions {
        data: root.join("data/kz-uz"),
        out: root.join("target/report"),
        languages: Language::ALL.to_vec(),
        formats: Format::ALL.to_vec(),
        as_of: None,
    };
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("data") => options.data = PathBuf::from(parser.value()?),
            Long("out") => options.out = PathBuf::from(parser.value()?),
            Long("lang") => options.languages = list(&parser.value()?.string()?)?,
            Long("format") => options.formats = list(&parser.value()?.string()?)?,
            Long("as-of") => {
                let text = parser.value()?.string()?;
                options.as_of =
                    Some(text.parse().map_err(|_| {
                        format!("--as-of \"{text}\" is not a date: write YYYY-MM-DD")
                    })?);
            }
            Long("help") | Short('h') => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("{}; usage: {USAGE}", other.unexpected()).into()),
        }
    }
    let written = run_report(&options, &mut |line| eprintln!("{line}"))?;
    eprintln!(
        "report written: {} files in {}",
        written.len(),
        options.out.display()
    );
    Ok(())
}
