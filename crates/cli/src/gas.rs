//! `dostyk gas`: the gas network solver (`solve`, here) and the gas ledger (`convert` and
//! `balance`, in `gas_ledger.rs`).

use std::path::{Path, PathBuf};

use dostyk_transit_gas::network::series::{series_header, series_row};
use dostyk_transit_gas::network::{
    FrictionModel, LoadSeries, Network, SolverOptions, read_load_series, read_network, solve,
    solve_series,
};

use crate::format::{self, Format};
use crate::gas_ledger::{BalanceArgs, ConvertArgs};
use crate::{Progress, TaskResult};

const SOLVE_HELP: &str = "\
Reads: a Dostyk network JSON (docs/network.schema.json) or a pandapipes `to_json` file; the
format is detected from the content.

Writes: the result JSON (convergence, iterations, residual, junction pressures, pipe, valve and
component flows and velocities). It holds no time, so it is the same on every run; --timing
prints the solve time on standard error. --repeat N solves the network N times in the process
and --timing then prints the fastest: the time of a solve in a running program (as a benchmark
times a library call), without the first solve's start on idle processor cores.

With --loads LOADS.csv (a first column labelling the steps, then one column per changing load,
named by its id, holding its withdrawal in kg/s, negative for an injection) it solves the
network once per row, each step from the previous solution with the network analysed once, and
writes a CSV table: step, iterations, the pressure of every junction (p_bar_g:ID) and the mass
flow of every pipe, valve and component (mdot_kg_per_s:KIND:ID); --timing then prints the time
of all steps together.

The loads can be a Parquet file (named .parquet, or starting with PAR1) with the same columns:
the labels as text, integers, dates or timestamps, the withdrawals as floating-point or integer
numbers (no nulls), compressed with zstd, snappy or not at all. --format parquet --out FILE
writes the table as Parquet: step (text), iterations (UInt32), then one Float64 column per
pressure and flow, named as in the CSV (null where the CSV cell is empty). Parquet is the cargo
feature `parquet`, on by default.

Examples:
  dostyk gas solve network.json --out result.json
  dostyk gas solve six_pipe.pandapipes.json --friction-model colebrook --timing
  dostyk gas solve mesh.pandapipes.json --timing --repeat 10
  dostyk gas solve network.json --loads hourly_loads.csv --out hourly_results.csv
  dostyk gas solve network.json --loads hourly_loads.parquet --format parquet --out hourly.parquet";

/// `dostyk gas`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum GasCommand {
    /// Solve a steady-state gas network: pressures at the junctions, flows in the pipes.
    #[command(after_help = SOLVE_HELP)]
    Solve(SolveArgs),
    /// Restate a gas volume at other reference conditions (GOST 20 °C, ISO 15 °C, normal 0 °C),
    /// and in energy with a calorific value.
    #[command(after_help = crate::gas_ledger::CONVERT_HELP)]
    Convert(ConvertArgs),
    /// Point, country and pair balances, year to date and target progress from ENTSOG-format
    /// exports and national gas tables.
    #[command(after_help = crate::gas_ledger::BALANCE_HELP)]
    Balance(BalanceArgs),
}

/// `dostyk gas solve`.
#[derive(Debug, clap::Args)]
pub(crate) struct SolveArgs {
    /// The network (Dostyk network JSON or pandapipes JSON)
    #[arg(value_name = "NETWORK.json")]
    network: PathBuf,
    /// Write the result JSON to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
    /// Override the network's pipe friction model: nikuradse, colebrook or swamee-jain
    #[arg(long, value_name = "MODEL", value_parser = parse_friction_model)]
    friction_model: Option<FrictionModel>,
    /// Print `solve_seconds S` on standard error (even with --quiet)
    #[arg(long)]
    timing: bool,
    /// Solve N times (each from the start, the same result) and time the fastest with --timing
    #[arg(long, value_name = "N", default_value_t = 1, conflicts_with = "loads",
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    repeat: u32,
    /// Solve a time series: one step per row of this CSV (or Parquet) file of loads; writes a
    /// table of pressures and flows per step
    #[arg(long, value_name = "LOADS")]
    loads: Option<PathBuf>,
    /// The time series' table: csv (the default) or parquet (with --out)
    #[arg(long, requires = "loads", value_parser = format::parser(format::ROWS))]
    format: Option<Format>,
}

fn parse_friction_model(name: &str) -> Result<FrictionModel, String> {
    FrictionModel::from_name(name).ok_or_else(|| {
        format!("unknown friction model \"{name}\"; expected nikuradse, colebrook or swamee-jain")
    })
}

/// Runs a gas command.
pub(crate) fn run(command: GasCommand, progress: Progress) -> TaskResult {
    match command {
        GasCommand::Solve(args) => solve_task(&args, progress),
        GasCommand::Convert(args) => crate::gas_ledger::convert(&args),
        GasCommand::Balance(args) => crate::gas_ledger::balance(&args, progress),
    }
}

fn solve_task(args: &SolveArgs, progress: Progress) -> TaskResult {
    let options = SolverOptions {
        friction_model: args.friction_model,
        ..SolverOptions::default()
    };
    let format = args.format.unwrap_or(Format::Csv);
    format::check_rows_format(format, args.out.as_deref())?;
    crate::output::refuse_out_over_input(
        args.out.as_deref(),
        [args.network.as_path()]
            .into_iter()
            .chain(args.loads.as_deref()),
    )?;
    progress.line(format_args!(
        "reading the network {}",
        args.network.display()
    ));
    let (network, _format) = read_network(&args.network)?;
    if let Some(loads) = &args.loads {
        let series = read_loads(loads, &network)?;
        progress.line(format_args!(
            "solving {} steps of the time series",
            series.labels.len()
        ));
        let mut seconds = 0.0;
        if let (Format::Parquet, Some(out)) = (format, &args.out) {
            write_series_parquet(&network, &options, &series, out, &mut seconds)?;
        } else {
            let mut table = series_header(&network);
            solve_series(
                &network,
                &options,
                &series.withdrawals_kg_per_s,
                |k, solution| {
                    seconds += solution.solve_seconds;
                    table.push_str(&series_row(&series.labels[k], solution));
                    Ok(())
                },
            )?;
            crate::output::emit(&table, args.out.as_deref())?;
        }
        if args.timing {
            eprintln!("solve_seconds {seconds}");
        }
        return Ok(());
    }
    progress.line("solving the network");
    let mut solution = solve(&network, &options)?;
    let mut fastest = solution.solve_seconds;
    for _ in 1..args.repeat {
        solution = solve(&network, &options)?;
        fastest = fastest.min(solution.solve_seconds);
    }
    if args.timing {
        // Kept out of the result file, which must not change from run to run.
        eprintln!("solve_seconds {fastest}");
    }
    crate::output::emit(&solution.to_json_string(), args.out.as_deref())
}

/// The loads of a time series, from a Parquet file ([`format::is_parquet`]) or the loads CSV.
fn read_loads(path: &Path, net: &Network) -> Result<LoadSeries, Box<dyn std::error::Error>> {
    if format::is_parquet(path) {
        #[cfg(feature = "parquet")]
        return Ok(crate::parquet_loads::read(path, net)?);
        #[cfg(not(feature = "parquet"))]
        return Err(format::parquet_missing("a Parquet file of loads"));
    }
    Ok(read_load_series(path, net)?)
}

/// Solves the series and streams its table into `out` as Parquet, one row group at a time;
/// `seconds` adds up the steps' solve times.
#[cfg(feature = "parquet")]
fn write_series_parquet(
    network: &Network,
    options: &SolverOptions,
    series: &LoadSeries,
    out: &Path,
    seconds: &mut f64,
) -> TaskResult {
    use dostyk_transit_gas::network::NetworkError;
    let mut failure = None;
    let written = crate::atomic_file::write_with(out, |w| {
        let mut table = crate::parquet_out::SeriesRows::new(w, network)?;
        let solved = solve_series(
            network,
            options,
            &series.withdrawals_kg_per_s,
            |k, solution| {
                *seconds += solution.solve_seconds;
                table
                    .push(&series.labels[k], solution)
                    .map_err(|source| NetworkError::Write {
                        path: out.display().to_string(),
                        source,
                    })
            },
        );
        if let Err(e) = solved {
            let message = e.to_string();
            failure = Some(e);
            return Err(std::io::Error::other(message));
        }
        table.finish()
    });
    // The temporary file is removed by write_with on every error.
    if let Some(e) = failure {
        return Err(e.into());
    }
    Ok(written?)
}

#[cfg(not(feature = "parquet"))]
#[allow(clippy::unnecessary_wraps)] // the same signature as with the feature
fn write_series_parquet(
    _network: &Network,
    _options: &SolverOptions,
    _series: &LoadSeries,
    _out: &Path,
    _seconds: &mut f64,
) -> TaskResult {
    Err(format::parquet_missing("--format parquet"))
}
