//! `dostyk water`: the pywr-compatible allocation engine and ICWC compliance of dostyk-water.
//!
//! Subcommands:
//! - `run MODEL.json [--out results.csv] [--format csv|parquet] [--threads N] [--timing]`:
//!   simulate a pywr 1.x model and write `date,node,attribute,value` rows
//!   (`date,scenario,node,attribute,value` for a model with scenarios, whose combinations run
//!   in parallel; standard output without `--out`; Parquet with typed columns, in
//!   `parquet_out.rs`), or with `--explain DATE` why that day's water went where (binding
//!   constraints, shadow prices);
//! - `compliance LIMITS.csv INTAKE.csv [--format table|json] …`: ICWC limits against actual
//!   intake (in [`crate::water_compliance`]).

use std::path::{Path, PathBuf};
use std::time::Instant;

use dostyk_water::engine::{Engine, EngineError};
use dostyk_water::schema::Model;

use crate::format::{self, Format};
use crate::water_compliance::ComplianceArgs;
use crate::{Progress, TaskResult};

const RUN_HELP: &str = "\
Reads: a pywr 1.x model JSON (timestepper, nodes, edges, parameters; CSV parameters are read
relative to the model file).

Writes: CSV rows date,node,attribute,value, sorted by date, node and attribute. A model with
`scenarios` writes date,scenario,node,attribute,value: one scenario combination after another
(pywr's order: `scenario_combinations`, else every combination, the last scenario varying
fastest), each labelled by its members as name=member joined by ';' (the member's ensemble name
when the scenario names them, else its index), e.g. `inflow=3;demand=high`. The combinations run
in parallel (--threads); the results do not depend on the number of threads.

With --format parquet (and --out FILE) it writes the same rows as a Parquet file: date (Date32),
scenario (with scenarios), node and attribute (dictionary-encoded text), value (Float64); zstd,
row groups of at most 1,048,576 rows, the same bytes for the same results on every run. Query it
with DataFusion or polars (docs/scale.md). Parquet is the cargo feature `parquet`, on by default.

With --recorders FILE it also writes the values of the model's pywr recorders as JSON (layout in
docs/methodology.md, section Recorders): with scenarios, each recorder's `values` has one number
per combination (in the order above) and `value` aggregates them with its `agg_func`. A recorder
that writes a file (pywr's CSVRecorder) writes it in the folder of FILE, at its `url` taken
relative to that folder (a `url` that leaves it is an error); without --recorders it is not
written.

With --explain DATE it prints, instead of the results, why that day's water went where it did:
each binding constraint (node, kind, min or max, limit and value in the model's flow units per
day) with its shadow price (the change of the day's objective per unit more of the limit), or,
when the day is infeasible, a smallest set of bounds that cannot hold together.

Examples:
  dostyk water run syr_darya.json --out results.csv
  dostyk water run ensemble.json --format parquet --out results.parquet
  dostyk water run ensemble.json --threads 2 --timing --out results.csv
  dostyk water run syr_darya.json --explain 2000-07-15
  dostyk water run model.json --quiet | head
  dostyk water run model.json --out results.csv --recorders recorders.json";

/// `dostyk water`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum WaterCommand {
    /// Simulate a pywr 1.x model step by step (daily unless its timestepper says otherwise) with
    /// the allocation engine and print the flows and volumes as CSV (or write them as Parquet).
    #[command(after_help = RUN_HELP)]
    Run(RunArgs),
    /// ICWC water limits against actual intake, dekad by dekad and over the season.
    #[command(after_help = crate::water_compliance::HELP)]
    Compliance(ComplianceArgs),
}

/// `dostyk water run`.
#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {
    /// The pywr 1.x model (JSON)
    #[arg(value_name = "MODEL.json")]
    model: PathBuf,
    /// Write the results to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
    /// Results format: csv or parquet (with --out)
    #[arg(long, default_value = "csv", value_parser = format::parser(format::ROWS))]
    format: Format,
    /// Run up to N scenario combinations at once (default: one per core)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Print `loop_seconds S` (the time loop alone, all scenarios) on standard error (even
    /// with --quiet)
    #[arg(long)]
    timing: bool,
    /// Instead of the results, explain the timestep of DATE (YYYY-MM-DD): its binding
    /// constraints with their shadow prices, or on an infeasible day the smallest set of
    /// conflicting bounds found
    #[arg(long, value_name = "DATE", conflicts_with_all = ["out", "recorders"])]
    explain: Option<dostyk_water::NaiveDate>,
    /// Write the values of the model's recorders (its `recorders`) to FILE as JSON
    #[arg(long, value_name = "FILE")]
    recorders: Option<PathBuf>,
}

/// Writes the files of the model's file-writing recorders (pywr's `CSVRecorder`) under the
/// folder of `--recorders`, each at its `url` taken relative to that folder: never elsewhere,
/// so a model cannot make the run write outside the folder the user named (pywr writes beside
/// the model). Each file is written whole or not at all. Without `--recorders` none is written.
fn write_recorder_files(
    args: &RunArgs,
    values: &dostyk_water::engine::RecorderValues,
    progress: Progress,
) -> TaskResult {
    let Some(recorders) = &args.recorders else {
        for f in &values.files {
            progress.line(format_args!(
                "recorder \"{}\" writes {}: not written (give --recorders FILE; it is written in that file's folder)",
                f.recorder, f.url
            ));
        }
        return Ok(());
    };
    let dir = recorders
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    for f in &values.files {
        if let Err(why) = dostyk_core_model::dataset::check_relative_path(&f.url) {
            return Err(format!(
                "{}: recorders \"{}\".url: {why}; Dostyk writes a recorder's file only under the folder of --recorders ({}), so give a path inside it",
                args.model.display(),
                f.recorder,
                dir.display()
            )
            .replace("the dataset folder", "the folder of --recorders")
            .into());
        }
        let path = dir.join(&f.url);
        crate::output::refuse_out_over_input(
            Some(&path),
            [args.model.as_path(), recorders.as_path()]
                .into_iter()
                .chain(args.out.as_deref()),
        )?;
        crate::atomic_file::write(&path, &f.bytes)?;
    }
    Ok(())
}

/// Runs a water command.
pub(crate) fn run(command: WaterCommand, progress: Progress) -> TaskResult {
    match command {
        WaterCommand::Run(args) => run_model(&args, progress),
        WaterCommand::Compliance(args) => crate::water_compliance::run(&args, progress),
    }
}

fn run_model(args: &RunArgs, progress: Progress) -> TaskResult {
    if args.explain.is_none() {
        format::check_rows_format(args.format, args.out.as_deref())?;
    }
    crate::output::refuse_out_over_input(args.out.as_deref(), [args.model.as_path()])?;
    crate::output::refuse_out_over_input(
        args.recorders.as_deref(),
        std::iter::once(args.model.as_path()).chain(args.out.as_deref()),
    )?;
    progress.line(format_args!("reading the model {}", args.model.display()));
    let model = Model::load(&args.model)?;
    let mut engine = Engine::new(&model)?;
    engine.set_threads(args.threads.map_or(0, usize::from));
    if let Some(date) = args.explain {
        progress.line(format_args!("running the model up to {date}"));
        let explanation = engine.explain(date)?;
        return crate::output::to_stdout(|w| write!(w, "{explanation}"));
    }
    progress.line("running the model");
    let started = Instant::now();
    // To a file, the results are written day by day as they are computed (memory of one day);
    // to standard output they are held until the run has succeeded, so that a failed run
    // prints nothing (at most engine::MAX_RESULT_CELLS values).
    let results = match &args.out {
        None => Some(engine.run()?),
        Some(path) => {
            let mut failure = None;
            let written = crate::atomic_file::write_with(path, |w| {
                let result = match args.format {
                    Format::Parquet => write_parquet(&mut engine, w, &args.model),
                    _ => engine.write_csv(w),
                };
                result.map_err(|e| match e {
                    dostyk_water::engine::EngineError::Write { source, .. } => source,
                    other => {
                        let message = other.to_string();
                        failure = Some(other);
                        std::io::Error::other(message)
                    }
                })
            });
            // The temporary file is removed by write_with on every error.
            if let Some(e) = failure {
                return Err(e.into());
            }
            written?;
            None
        }
    };
    let total = started.elapsed().as_secs_f64();
    // The engine's speed is its time loop; writing the results CSV is reported apart.
    let seconds = engine.last_run_time().as_secs_f64();
    let steps = engine.steps();
    let (rows, cols) = engine.lp_size();
    let runs = engine.runs();
    let scenarios = if engine.scenarios().is_empty() {
        String::new()
    } else {
        format!(" x {runs} scenario combinations")
    };
    progress.line(format_args!(
        "{}: {steps} timesteps{scenarios} in {seconds:.3} s ({:.0} steps/s; {total:.3} s with the results kept or written); LP {rows} rows x {cols} columns; {} pivots",
        args.model.display(),
        (steps * runs) as f64 / seconds.max(1e-12),
        engine.pivots()
    ));
    if args.timing {
        // Kept out of the results, which must not change from run to run.
        eprintln!("loop_seconds {seconds}");
    }
    if let Some(path) = &args.recorders {
        crate::atomic_file::write_with(path, |w| engine.recorder_values().write_json(w))?;
    }
    write_recorder_files(args, engine.recorder_values(), progress)?;
    match results {
        Some(results) => crate::output::to_stdout(|w| results.write_csv(w)),
        None => Ok(()),
    }
}

/// Runs the model and streams its rows into `out` as Parquet.
#[cfg(feature = "parquet")]
fn write_parquet(
    engine: &mut Engine,
    out: &mut dyn std::io::Write,
    model: &Path,
) -> Result<(), EngineError> {
    let write = |source| EngineError::Write {
        path: model.to_path_buf(),
        source,
    };
    let labels = engine.scenarios().to_vec();
    let mut rows = crate::parquet_out::WaterRows::new(out, &engine.result_columns(), &labels)
        .map_err(write)?;
    engine.run_each(|date, scenario, values| rows.push(date, scenario, values))?;
    rows.finish().map_err(write)
}

/// Without the feature, refused by [`format::check_rows_format`] before the model is read.
#[cfg(not(feature = "parquet"))]
fn write_parquet(
    _engine: &mut Engine,
    _out: &mut dyn std::io::Write,
    model: &Path,
) -> Result<(), EngineError> {
    Err(EngineError::Write {
        path: model.to_path_buf(),
        source: std::io::Error::other(format::parquet_missing("--format parquet").to_string()),
    })
}
