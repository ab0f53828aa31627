//! `cargo xtask gas`: gas network tasks.
//!
//! `gas solve NETWORK.json [--out result.json] [--friction-model MODEL] [--timing]` reads a
//! Dostyk network or a pandapipes `to_json` file (detected from the content), solves it and
//! prints or writes the result JSON; `--timing` prints the solve time on standard error.

use std::ffi::OsString;
use std::path::PathBuf;

use dostyk_transit_gas::network::{FrictionModel, SolverOptions, read_network, solve};

use crate::TaskResult;

const HELP: &str = "\
cargo xtask gas <subcommand>

Subcommands:
  solve NETWORK.json [--out result.json] [--friction-model nikuradse|colebrook|swamee-jain] [--timing]
        solve a gas network (Dostyk network JSON or a pandapipes.to_json file, detected);
        prints the result JSON, or writes it to --out; --timing prints `solve_seconds S` on
        standard error (the result itself never holds a time, so it is the same on every run)
";

pub(crate) fn run(args: Vec<OsString>) -> TaskResult {
    let (sub, rest) = crate::split_command(args);
    match sub.as_str() {
        "solve" => solve_task(rest),
        "convert" => crate::gas_ledger::convert(rest),
        "balance" => crate::gas_ledger::balance(rest),
        "" | "help" | "-h" | "--help" => {
            print!("{HELP}{}", crate::gas_ledger::GAS_HELP);
            Ok(())
        }
        other => {
            Err(format!("unknown gas subcommand \"{other}\"; run `cargo xtask gas help`").into())
        }
    }
}

fn solve_task(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut input: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut options = SolverOptions::default();
    let mut timing = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("out") | Short('o') => out = Some(parser.value()?.into()),
            Long("timing") => timing = true,
            Long("friction-model") => {
                let name = parser.value()?.string()?;
                options.friction_model = Some(FrictionModel::from_name(&name).ok_or_else(|| {
                    format!("unknown friction model \"{name}\"; expected nikuradse, colebrook or swamee-jain")
                })?);
            }
            Value(v) if input.is_none() => input = Some(v.into()),
            other => return Err(other.unexpected().into()),
        }
    }
    let input = input.ok_or(
        "missing NETWORK.json; usage: cargo xtask gas solve NETWORK.json [--out result.json]",
    )?;
    let (network, _format) = read_network(&input)?;
    let solution = solve(&network, &options)?;
    if timing {
        // Kept out of the result file, which must not change from run to run.
        eprintln!("solve_seconds {}", solution.solve_seconds);
    }
    let text = solution.to_json_string();
    if let Some(path) = out {
        crate::atomic_file::write(&path, text.as_bytes())?;
    } else {
        use std::io::Write;
        // A closed pipe (for example `| head`) ends the output quietly instead of panicking.
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(format!("cannot write the result to standard output: {e}").into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_writes_the_result_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("result.json");
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/transit-gas/tests/fixtures/six_pipe_lgas.pandapipes.json");
        run(vec![
            "solve".into(),
            input.into(),
            "--out".into(),
            out.clone().into(),
        ])
        .expect("solves");
        let text = std::fs::read_to_string(&out).expect("written");
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(v["converged"], true);
        for key in ["iterations", "residual", "junctions", "pipes"] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        let j1 = &v["junctions"][1];
        assert_eq!(j1["id"], 1);
        assert!((j1["pressure_bar_g"].as_f64().expect("number") - 51.69897).abs() < 2e-5);
        for key in [
            "id",
            "name",
            "mass_flow_kg_per_s",
            "normal_volume_flow_m3_per_h",
            "velocity_m_per_s",
        ] {
            assert!(v["pipes"][0].get(key).is_some(), "pipe field {key}");
        }
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn unknown_arguments_and_models_are_refused() {
        assert!(run(vec!["solve".into()]).is_err());
        assert!(
            run(vec![
                "solve".into(),
                "x.json".into(),
                "--friction-model".into(),
                "moody".into()
            ])
            .is_err()
        );
        assert!(run(vec!["frobnicate".into()]).is_err());
    }
}
