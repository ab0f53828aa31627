//! `cargo xtask ci`: runs locally exactly the steps `.ci/run` runs, in the same order.
//!
//! The list below and `.ci/run` are kept in step by a test that reads `.ci/run`.

use std::ffi::OsString;
use std::process::Command;

use crate::TaskResult;

/// One CI step: environment variables, then the command line.
pub(crate) struct Step {
    pub(crate) env: &'static [(&'static str, &'static str)],
    pub(crate) command: &'static [&'static str],
}

/// The steps of `.ci/run`, in order.
pub(crate) const STEPS: &[Step] = &[
    Step {
        env: &[],
        command: &["cargo", "fmt", "--all", "--check"],
    },
    Step {
        env: &[],
        command: &[
            "cargo",
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    },
    Step {
        env: &[],
        command: &[
            "cargo",
            "clippy",
            "-p",
            "xtask",
            "--no-default-features",
            "--",
            "-D",
            "warnings",
        ],
    },
    Step {
        env: &[],
        command: &["cargo", "test", "--workspace"],
    },
    Step {
        env: &[("RUSTDOCFLAGS", "-D warnings")],
        command: &["cargo", "doc", "--workspace", "--no-deps"],
    },
    Step {
        env: &[],
        command: &["cargo", "xtask", "codegen", "--check"],
    },
    Step {
        env: &[],
        command: &["cargo", "xtask", "report", "--out", OUT],
    },
];

/// The files the report step must have written, non-empty (the `for f in` list of `.ci/run`):
/// every language in every format.
pub(crate) const REPORT_FILES: &[&str] = &[
    "en/report.html",
    "en/report.md",
    "en/report.json",
    "en/report.xlsx",
    "en/report.pdf",
    "en/report.docx",
    "ru/report.html",
    "ru/report.md",
    "ru/report.json",
    "ru/report.xlsx",
    "ru/report.pdf",
    "ru/report.docx",
];

/// Stands for a fresh temporary folder in a step's command (`"$out"` in `.ci/run`).
const OUT: &str = "\"$out\"";

impl Step {
    /// The step as `.ci/run` writes it.
    pub(crate) fn shell_line(&self) -> String {
        let env: Vec<String> = self
            .env
            .iter()
            .map(|(k, v)| format!("{k}=\"{v}\""))
            .collect();
        let mut parts = env;
        parts.extend(self.command.iter().map(|s| (*s).to_owned()));
        parts.join(" ")
    }
}

pub(crate) fn run(args: &[OsString]) -> TaskResult {
    if let [only] = args
        && matches!(only.to_str(), Some("--help" | "-h"))
    {
        println!(
            "cargo xtask ci\n\nRuns locally, in order, exactly the steps of .ci/run (fmt, clippy, the tests, rustdoc,\ncodegen --check, a real report into a temporary folder); stops at the first that fails.\nTakes no arguments."
        );
        return Ok(());
    }
    if let Some(extra) = args.first() {
        return Err(format!(
            "cargo xtask ci takes no arguments (got {})",
            extra.to_string_lossy()
        )
        .into());
    }
    let root = crate::project_root();
    let out = std::env::temp_dir().join(format!("dostyk-ci-report-{}", std::process::id()));
    for step in STEPS {
        eprintln!("\n==> {}", step.shell_line());
        let mut cmd = Command::new(step.command[0]);
        for arg in &step.command[1..] {
            if *arg == OUT {
                cmd.arg(&out);
            } else {
                cmd.arg(arg);
            }
        }
        cmd.current_dir(&root);
        for (k, v) in step.env {
            cmd.env(k, v);
        }
        let status = cmd
            .status()
            .map_err(|e| format!("could not start {}: {e}", step.command[0]))?;
        if !status.success() {
            let _ = std::fs::remove_dir_all(&out);
            return Err(format!("CI step failed ({status}): {}", step.shell_line()).into());
        }
        if step.command.contains(&OUT) {
            for file in REPORT_FILES {
                if !std::fs::metadata(out.join(file)).is_ok_and(|m| m.len() > 0) {
                    let _ = std::fs::remove_dir_all(&out);
                    return Err(format!("missing or empty: {file}").into());
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    eprintln!("\nCI passed.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command line of `.ci/run` (lines that start with `cargo` or an env assignment
    /// followed by `cargo`) must be one of the steps here, in the same order.
    #[test]
    fn steps_match_ci_run() {
        let script = std::fs::read_to_string(crate::project_root().join(".ci/run")).unwrap();
        let lines: Vec<String> = script
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("cargo ") || l.starts_with("RUSTDOCFLAGS="))
            .map(str::to_owned)
            .collect();
        let expected: Vec<String> = STEPS.iter().map(Step::shell_line).collect();
        assert_eq!(
            lines, expected,
            ".ci/run and `cargo xtask ci` disagree; update both"
        );
    }

    /// `.ci/run` checks the same report files as `cargo xtask ci`.
    #[test]
    fn report_files_match_ci_run() {
        let script = std::fs::read_to_string(crate::project_root().join(".ci/run")).unwrap();
        let line = script
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix("for f in "))
            .and_then(|l| l.strip_suffix("; do"))
            .expect(".ci/run checks the report's files in a `for f in ...; do` loop");
        let files: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            files, REPORT_FILES,
            ".ci/run and `cargo xtask ci` check different report files; update both"
        );
    }
}
