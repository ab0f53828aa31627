//! `dostyk gas`: the gas network solver (`solve`, here) and the gas ledger (`convert` and
//! `balance`, in `gas_ledger.rs`).

use std::path::PathBuf;

use dostyk_transit_gas::network::{FrictionModel, SolverOptions, read_network, solve};

use crate::gas_ledger::{BalanceArgs, ConvertArgs};
use crate::{Progress, TaskResult};

const SOLVE_HELP: &str = "\
Reads: a Dostyk network JSON (docs/network.schema.json) or a pandapipes `to_json` file; the
format is detected from the content.

Writes: the result JSON (convergence, iterations, residual, junction pressures, pipe flows and
velocities). It holds no time, so it is the same on every run; --timing prints the solve time
on standard error.

Examples:
  dostyk gas solve network.json --out result.json
  dostyk gas solve six_pipe.pandapipes.json --friction-model colebrook --timing";

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
    crate::output::refuse_out_over_input(args.out.as_deref(), [args.network.as_path()])?;
    progress.line(format_args!(
        "reading the network {}",
        args.network.display()
    ));
    let (network, _format) = read_network(&args.network)?;
    progress.line("solving the network");
    let solution = solve(&network, &options)?;
    if args.timing {
        // Kept out of the result file, which must not change from run to run.
        eprintln!("solve_seconds {}", solution.solve_seconds);
    }
    crate::output::emit(&solution.to_json_string(), args.out.as_deref())
}
