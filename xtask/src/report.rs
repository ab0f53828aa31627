//! `cargo xtask report [--data DIR] [--out DIR] [--lang en,ru] [--format html,md,json,xlsx] [--as-of DATE]`
//!
//! Thin over `dostyk_reporting::run`: parses the options, prints progress to stderr, and ends
//! with a line saying where the report is.

use std::ffi::OsString;
use std::path::PathBuf;

use dostyk_reporting::{ReportOptions, run_with_progress};

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
    // The defaults, with the paths taken from the project root rather than the working folder.
    let defaults = ReportOptions::default();
    let mut options = ReportOptions {
        data: root.join(&defaults.data),
        out: root.join(&defaults.out),
        ..defaults
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
    let written = run_with_progress(&options, &mut |line| eprintln!("{line}"))?;
    eprintln!(
        "report written: {} files in {}",
        written.len(),
        options.out.display()
    );
    Ok(())
}
