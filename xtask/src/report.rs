//! `cargo xtask report [--data DIR] [--out DIR] [--lang en,ru,kk,uz] [--untranslated] [--format html,md,json,xlsx,pdf,docx] [--as-of DATE] [--since DATE]`
//!
//! The same options and the same function as `dostyk report` (`dostyk_cli::report`); only the
//! defaults of `--data` and `--out` are anchored at the workspace root instead of the current
//! folder, so the task works from any folder of the workspace.

use std::ffi::OsString;

use clap::Parser;
use dostyk_cli::report::{ReportArgs, run as run_report};

use crate::TaskResult;

#[derive(Parser)]
#[command(name = "cargo xtask report")]
struct Task {
    #[command(flatten)]
    args: ReportArgs,
}

pub(crate) fn run(args: Vec<OsString>) -> TaskResult {
    // A usage error exits with 2 and `--help` with 0, both from inside `parse_from`.
    let task = Task::parse_from(std::iter::once(OsString::from("cargo xtask report")).chain(args));
    run_report(&task.args, &crate::project_root(), false)
}
