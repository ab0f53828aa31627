//! `cargo xtask water compliance`: ICWC limits against actual intake (dispatched from
//! `water.rs`).
//!
//! Thin: reads the two CSV files with `dostyk_water`, runs `compliance::assess` and prints the
//! report as JSON or as a table (or writes it to `--output`, through a temporary file renamed
//! into place).

use std::ffi::OsString;
use std::path::PathBuf;

use dostyk_water::compliance::{self, DekadLimits};
use dostyk_water::intake::read_intake_csv;
use dostyk_water::limits::read_limits_csv;

use crate::TaskResult;

const USAGE: &str = "\
cargo xtask water compliance LIMITS.csv INTAKE.csv [--format json|table] [--pro-rata-by-days] [--output FILE]

  LIMITS.csv          ICWC limits: country,line,season,dekad,volume,unit,source
  INTAKE.csv          actual intake per dekad: country,line,dekad,value,unit,source
  --format            json (volumes in m3) or table (million m3); default table
  --pro-rata-by-days  where a line has only a seasonal limit, split it over the dekads by days
                      (an assumption; the result says so)
  --output FILE       write to FILE (through a temporary file) instead of standard output
";

#[derive(Clone, Copy)]
enum Format {
    Json,
    Table,
}

/// `cargo xtask water compliance LIMITS.csv INTAKE.csv [--format json|table] …`.
pub(crate) fn run(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut format = Format::Table;
    let mut dekad_limits = DekadLimits::AsGiven;
    let mut output: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") => {
                format = match parser.value()?.string()?.as_str() {
                    "json" => Format::Json,
                    "table" => Format::Table,
                    other => {
                        return Err(
                            format!("--format {other}: expected json or table\n\n{USAGE}").into(),
                        );
                    }
                };
            }
            Long("pro-rata-by-days") => dekad_limits = DekadLimits::ProRataByDays,
            Long("output") | Short('o') => output = Some(parser.value()?.into()),
            Long("help") | Short('h') => {
                print!("{USAGE}");
                return Ok(());
            }
            Value(path) => files.push(path.into()),
            _ => return Err(format!("{}\n\n{USAGE}", arg.unexpected()).into()),
        }
    }
    let [limits_path, intake_path] = files.as_slice() else {
        return Err(format!(
            "expected two files, LIMITS.csv and INTAKE.csv, got {}\n\n{USAGE}",
            files.len()
        )
        .into());
    };
    let limits = read_limits_csv(limits_path)?;
    let intake = read_intake_csv(intake_path)?;
    let report = compliance::assess(&limits, &intake, dekad_limits)?;
    let text = match format {
        Format::Json => report.to_json()?,
        Format::Table => report.to_table(),
    };
    match output {
        Some(path) => crate::atomic_file::write(&path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> OsString {
        crate::project_root()
            .join("crates/water/tests/data")
            .join(name)
            .into_os_string()
    }

    #[test]
    fn writes_json_identical_to_the_library_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("compliance.json");
        run(vec![
            data("limits.csv"),
            data("intake.csv"),
            "--format".into(),
            "json".into(),
            "--output".into(),
            out.clone().into_os_string(),
        ])
        .unwrap();
        let written = std::fs::read_to_string(&out).unwrap();
        let limits = read_limits_csv(data("limits.csv")).unwrap();
        let intake = read_intake_csv(data("intake.csv")).unwrap();
        let expected = compliance::assess(&limits, &intake, DekadLimits::AsGiven)
            .unwrap()
            .to_json()
            .unwrap();
        assert_eq!(written, expected);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn bad_arguments_are_refused_with_usage() {
        let err = run(vec![data("limits.csv")]).unwrap_err().to_string();
        assert!(err.starts_with("expected two files"), "{err}");
        let err = run(vec![
            data("limits.csv"),
            data("intake.csv"),
            "--format".into(),
            "xml".into(),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("--format xml: expected json or table"),
            "{err}"
        );
        let err = crate::water::run(vec!["balance".into()])
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown water subcommand"), "{err}");
    }

    #[test]
    fn a_bad_file_names_file_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.csv");
        std::fs::write(
            &bad,
            "country,line,season,dekad,volume,unit,source\nKAZ,total,growing-2025,,1,litres,s\n",
        )
        .unwrap();
        let err = run(vec![bad.into_os_string(), data("intake.csv")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("bad.csv, line 2, field \"unit\""), "{err}");
    }
}
