//! `cargo xtask`: Dostyk's task runner.
//!
//! Thin by design: it parses arguments and calls the library crates, which hold every rule and
//! computation. Run `cargo xtask help` for the tasks.

use std::process::ExitCode;

mod atomic_file;
mod ci;
mod codegen;
#[cfg(feature = "domain")]
mod gas;
#[cfg(feature = "domain")]
mod gas_ledger;
#[cfg(feature = "domain")]
mod output;
mod release;
#[cfg(feature = "domain")]
mod report;
#[cfg(feature = "domain")]
mod trade;
#[cfg(feature = "domain")]
mod transit;
#[cfg(feature = "domain")]
mod water;
#[cfg(feature = "domain")]
mod water_compliance;

const HELP: &str = "\
cargo xtask <task> [options]

Tasks:
  report     build the bilateral briefing from a dataset (default data/kz-uz)
  codegen    regenerate the checked-in tables from data/reference (--check: fail if stale)
  release    (patch|minor|major|X.Y.Z) [--execute]: plan, package and (with --execute) tag a release
  ci         run locally exactly what .ci/run runs
  trade      summary|mirror FILE...: Comtrade files to turnover per reporter/partner/period, or mirror gaps
  water      run a pywr 1.x model with the allocation engine (water run MODEL.json [--out results.csv]);
             ICWC limits against intake (water compliance LIMITS.csv INTAKE.csv [--format json|table])
  gas        gas network tasks: `gas solve NETWORK.json [--out result.json]` (Dostyk or pandapipes JSON)
  gas convert VALUE UNIT --from COND --to COND [--gcv \"VALUE UNIT C/M\"]
             restate a gas volume at gost (20 °C), iso (15 °C) or normal (0 °C); energy with a GCV
  gas balance FILE... [--format json|table]
             point, country and pair balances from ENTSOG-format exports and national gas tables
  transit cpmm FILE... [--format json|table]
             CAREC CPMM indicators (TFI1-TFI4, speed without delay) from trip and crossing records
  transit route FROM TO --network FILE [--by time|cost]
             fastest or cheapest route on a corridor network, moving and border time split
  help       this text
";

/// A failed task: the message is printed and the process exits non-zero.
pub(crate) type TaskResult = Result<(), Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let (task, rest) = split_command(std::env::args_os().skip(1));
    let result = match task.as_str() {
        "codegen" => codegen::run(rest),
        "release" => release::run_task(rest),
        "ci" => ci::run(&rest),
        #[cfg(feature = "domain")]
        // gas.rs dispatches `solve` (network solver) and `convert`/`balance` (gas_ledger.rs).
        "gas" => gas::run(rest),
        #[cfg(feature = "domain")]
        "report" => report::run(rest),
        #[cfg(feature = "domain")]
        "trade" => trade::run(rest),
        #[cfg(feature = "domain")]
        "transit" => transit::run(rest),
        #[cfg(feature = "domain")]
        "water" => water::run(rest),
        #[cfg(not(feature = "domain"))]
        "gas" | "report" | "trade" | "transit" | "water" => Err(format!(
            "this xtask was built without the `domain` feature (only codegen, release and ci); run `cargo xtask {task}`"
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

/// The first argument as the (sub)command name (empty when missing or not UTF-8) and the rest.
pub(crate) fn split_command(
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
