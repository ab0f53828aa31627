//! `cargo xtask`: Dostyk's task runner.
//!
//! Thin by design: it parses arguments and calls the library crates, which hold every rule and
//! computation. Run `cargo xtask help` for the tasks.

use std::process::ExitCode;

// The atomic file writer belongs to dostyk-cli; it is compiled in from there by path because
// xtask must build without the library crates (`--no-default-features`), and it needs nothing
// from either crate.
#[path = "../../crates/cli/src/atomic_file.rs"]
mod atomic_file;
mod ci;
mod codegen;
mod release;
#[cfg(feature = "domain")]
mod report;

const HELP: &str = "\
cargo xtask <task> [options]

Tasks:
  report     build the bilateral briefing from a dataset (default data/kz-uz); --help for options
  codegen    regenerate the checked-in tables from data/reference (--check: fail if stale)
  release    (patch|minor|major|X.Y.Z) [--execute]: plan, package and (with --execute) tag a release
  ci         run locally exactly what .ci/run runs
  help       this text

The commands for users (trade, water, gas, transit, and report too) are the `dostyk` binary:
`cargo run -p dostyk-cli -- --help`, or install it with `cargo install --path crates/cli`.
";

/// The commands that moved to the `dostyk` binary.
const MOVED: &[&str] = &["gas", "trade", "transit", "water"];

/// A failed task: the message is printed and the process exits non-zero.
pub(crate) type TaskResult = Result<(), Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let (task, rest) = split_command(std::env::args_os().skip(1));
    let result = match task.as_str() {
        "codegen" => codegen::run(rest),
        "release" => release::run_task(rest),
        "ci" => ci::run(&rest),
        #[cfg(feature = "domain")]
        "report" => report::run(rest),
        #[cfg(not(feature = "domain"))]
        "report" => Err(
            "this xtask was built without the `domain` feature (only codegen, release and ci); run `cargo xtask report`"
                .into(),
        ),
        moved if MOVED.contains(&moved) => Err(format!(
            "`{moved}` is now a command of the `dostyk` binary: run `cargo run -p dostyk-cli -- {moved} --help`, or install it with `cargo install --path crates/cli` and run `dostyk {moved} --help`"
        )
        .into()),
        "" | "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => {
            Err(format!("unknown task \"{other}\"; run `cargo xtask help` for the list").into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The first argument as the task name (empty when missing or not UTF-8) and the rest.
fn split_command(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> (String, Vec<std::ffi::OsString>) {
    let mut args = args.into_iter();
    let command = args
        .next()
        .and_then(|c| c.into_string().ok())
        .unwrap_or_default();
    (command, args.collect())
}

/// The workspace root (the folder holding xtask/).
pub(crate) fn project_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or_else(|| manifest.to_path_buf(), std::path::Path::to_path_buf)
}
