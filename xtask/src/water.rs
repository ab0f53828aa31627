//! `cargo xtask water`: the pywr-compatible allocation engine of dostyk-water.
//!
//! Subcommands (one function each, dispatched from [`run`]):
//! - `run MODEL.json [--out results.csv]`: simulate a pywr 1.x model and write
//!   `date,node,attribute,value` rows (stdout without `--out`);
//! - `compliance LIMITS.csv INTAKE.csv [--format json|table] …`: ICWC limits against actual
//!   intake (in [`crate::water_compliance`]).

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use dostyk_water::engine::Engine;
use dostyk_water::schema::Model;

use crate::TaskResult;

const USAGE: &str = "usage: cargo xtask water run MODEL.json [--out results.csv]
       cargo xtask water compliance LIMITS.csv INTAKE.csv [--format json|table] [--pro-rata-by-days] [--output FILE]";

pub(crate) fn run(args: Vec<OsString>) -> TaskResult {
    let (sub, rest) = crate::split_command(args);
    match sub.as_str() {
        "run" => run_model(rest),
        "compliance" => crate::water_compliance::run(rest),
        "" | "help" | "-h" | "--help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown water subcommand \"{other}\"; {USAGE}").into()),
    }
}

fn run_model(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut model_path: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("out") | Short('o') => out = Some(parser.value()?.into()),
            Value(v) if model_path.is_none() => model_path = Some(v.into()),
            other => return Err(format!("{}; {USAGE}", other.unexpected()).into()),
        }
    }
    let model_path = model_path.ok_or(USAGE)?;
    let model = Model::load(&model_path)?;
    let mut engine = Engine::new(&model)?;
    let started = Instant::now();
    let results = engine.run()?;
    let seconds = started.elapsed().as_secs_f64();
    let steps = engine.steps();
    let (rows, cols) = engine.lp_size();
    eprintln!(
        "{}: {steps} daily steps in {seconds:.3} s ({:.0} steps/s); LP {rows} rows x {cols} columns; {} pivots",
        model_path.display(),
        steps as f64 / seconds.max(1e-12),
        engine.pivots()
    );
    match out {
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            results.write_csv(&mut lock)?;
            lock.flush()?;
        }
        Some(path) => crate::atomic_file::write_with(&path, |w| results.write_csv(w))?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_writes_sorted_results_and_rejects_unknown_subcommands() {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join("m.json");
        std::fs::write(
            &model,
            r#"{"metadata": {}, "timestepper": {"start": "2024-01-01", "end": "2024-01-02", "timestep": 1},
                "nodes": [{"name": "s", "type": "catchment", "flow": 2},
                          {"name": "d", "type": "output", "cost": -1}],
                "edges": [["s", "d"]]}"#,
        )
        .unwrap();
        let out = dir.path().join("sub").join("r.csv");
        run(vec![
            "run".into(),
            model.into_os_string(),
            "--out".into(),
            out.clone().into_os_string(),
        ])
        .unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(
            text,
            "date,node,attribute,value\n2024-01-01,d,flow,2\n2024-01-01,s,flow,2\n\
             2024-01-02,d,flow,2\n2024-01-02,s,flow,2\n"
        );
        assert!(run(vec!["walk".into()]).is_err());
        assert!(run(vec!["run".into()]).is_err());
    }
}
