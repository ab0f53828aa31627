//! `dostyk gas`: the gas network solver (`solve`, here) and the gas ledger (`convert` and
//! `balance`, in `gas_ledger.rs`).

use std::path::PathBuf;

use dostyk_transit_gas::network::series::{series_header, series_row};
use dostyk_transit_gas::network::{
    FrictionModel, SolverOptions, read_load_series, read_network, solve, solve_series,
};

use crate::gas_ledger::{BalanceArgs, ConvertArgs};
use crate::{Progress, TaskResult};

const SOLVE_HELP: &str = "\
Reads: a Dostyk network JSON (docs/network.schema.json) or a pandapipes `to_json` file; the
format is detected from the content.

Writes: the result JSON (convergence, iterations, residual, junction pressures, pipe, valve and
component flows and velocities). It holds no time, so it is the same on every run; --timing
prints the solve time on standard error.

With --loads LOADS.csv (a first column labelling the steps, then one column per changing load,
named by its id, holding its withdrawal in kg/s, negative for an injection) it solves the
network once per row, each step from the previous solution with the network analysed once, and
writes a CSV table: step, iterations, the pressure of every junction and the mass flow of every
pipe, valve and component; --timing then prints the time of all steps together.

Examples:
  dostyk gas solve network.json --out result.json
  dostyk gas solve six_pipe.pandapipes.json --friction-model colebrook --timing
  dostyk gas solve network.json --loads hourly_loads.csv --out hourly_results.csv";

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
    /// Solve a time series: one step per row of this CSV of loads; writes a CSV table
    #[arg(long, value_name = "LOADS.csv")]
    loads: Option<PathBuf>,
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
        let series = read_load_series(loads, &network)?;
        progress.line(format_args!(
            "solving {} steps of the time series",
            series.labels.len()
        ));
        let mut table = series_header(&network);
        let mut seconds = 0.0;
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
        if args.timing {
            eprintln!("solve_seconds {seconds}");
        }
        return crate::output::emit(&table, args.out.as_deref());
    }
    progress.line("solving the network");
    let solution = solve(&network, &options)?;
    if args.timing {
        // Kept out of the result file, which must not change from run to run.
        eprintln!("solve_seconds {}", solution.solve_seconds);
    }
    crate::output::emit(&solution.to_json_string(), args.out.as_deref())
}
