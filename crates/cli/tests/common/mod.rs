//! What the `dostyk` integration tests share: running the binary and finding the fixtures of
//! the workspace. Each test file includes it with `mod common;` (a folder module, so cargo does
//! not build it as a test of its own).

// Each test binary uses part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How a run of `dostyk` ended: the exit code and what it printed (decoded lossily).
#[derive(Debug)]
pub(crate) struct Run {
    /// The exit code; `None` when a signal ended the process.
    pub(crate) code: Option<i32>,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

impl Run {
    /// Whether the run succeeded (exit code 0).
    pub(crate) fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

/// The `dostyk` binary cargo built for these tests, to add arguments or a working folder to.
pub(crate) fn command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dostyk"))
}

/// Runs `command` to the end.
pub(crate) fn run(command: &mut Command) -> Run {
    let out = command.output().expect("the dostyk binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `dostyk` with `args`.
pub(crate) fn dostyk<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run(command().args(args))
}

/// A path of the workspace, given relative to its root (`crates/water/tests/data`).
pub(crate) fn workspace(path: impl AsRef<Path>) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}
