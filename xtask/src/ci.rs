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
    // crates/trade-datafusion is outside the workspace (a heavy build with its own lockfile); it
    // goes first, so that `.ci/run` can remove its target folder before the workspace builds.
    Step {
        env: &[],
        command: &["cargo", "fmt", "--manifest-path", DF_MANIFEST, "--check"],
    },
    Step {
        env: &[],
        command: &[
            "cargo",
            "clippy",
            "--manifest-path",
            DF_MANIFEST,
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    },
    Step {
        env: &[],
        command: &[
            "cargo",
            "test",
            "--manifest-path",
            DF_MANIFEST,
            "--all-features",
        ],
    },
    Step {
        env: &[("RUSTDOCFLAGS", "-D warnings")],
        command: &[
            "cargo",
            "doc",
            "--manifest-path",
            DF_MANIFEST,
            "--no-deps",
            "--all-features",
        ],
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
        command: &[
            "cargo",
            "clippy",
            "-p",
            "dostyk-cli",
            "--all-targets",
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
        command: &[
            "cargo",
            "clippy",
            "-p",
            "dostyk-cli",
            "--all-targets",
            "--features",
            "query",
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
            "dostyk-cli",
            "--all-targets",
            "--features",
            "ballista",
            "--",
            "-D",
            "warnings",
        ],
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

/// The files the report step must leave, each not empty: every language in every format
/// (`.ci/run` checks the same list; a test compares them).
pub(crate) const REPORT_FILES: [&str; 24] = [
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
    "kk/report.html",
    "kk/report.md",
    "kk/report.json",
    "kk/report.xlsx",
    "kk/report.pdf",
    "kk/report.docx",
    "uz/report.html",
    "uz/report.md",
    "uz/report.json",
    "uz/report.xlsx",
    "uz/report.pdf",
    "uz/report.docx",
];

/// The manifest of the crate outside the workspace.
const DF_MANIFEST: &str = "crates/trade-datafusion/Cargo.toml";

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
            let missing: Vec<&str> = REPORT_FILES
                .into_iter()
                .filter(|f| std::fs::metadata(out.join(f)).map_or(true, |m| m.len() == 0))
                .collect();
            if !missing.is_empty() {
                let _ = std::fs::remove_dir_all(&out);
                return Err(format!("missing or empty: {}", missing.join(", ")).into());
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
        let files: Vec<&str> = script
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix("for f in "))
            .and_then(|l| l.split_once(';'))
            .map(|(list, _)| list.split_whitespace().collect())
            .unwrap_or_default();
        assert_eq!(
            files, REPORT_FILES,
            "the report files .ci/run checks and those `cargo xtask ci` checks disagree"
        );
    }
}
