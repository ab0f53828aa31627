//! The `dostyk` command: the Dostyk monitor's crates on the command line.
//!
//! Install the binary with `cargo install --path crates/cli` (from a clone of the repository)
//! and run `dostyk --help`. Every command and subcommand answers `--help` with what it does,
//! the files it reads and an example.
//!
//! | command | what it does |
//! |---|---|
//! | `dostyk report` | the bilateral briefing (HTML, Markdown, JSON, Excel) from a dataset |
//! | `dostyk trade summary\|mirror` | Comtrade files to turnover, or mirror gaps |
//! | `dostyk trade fetch` | UN Comtrade data from the Comtrade+ API into a dataset folder |
//! | `dostyk trade query\|convert` | SQL over Comtrade files (DataFusion, Ballista), Parquet conversion (feature `query`) |
//! | `dostyk water run\|compliance` | a pywr 1.x model (results as CSV or Parquet), or ICWC limits against intake |
//! | `dostyk gas solve\|convert\|balance` | a gas network or a time series of its loads (CSV or Parquet), reference conditions, balances |
//! | `dostyk transit cpmm\|route` | CAREC CPMM indicators, corridor routing |
//! | `dostyk completions SHELL` | a shell completion script |
//!
//! Parquet (`water run --format parquet`, `gas solve --loads LOADS.parquet`, `--format parquet`)
//! is the cargo feature `parquet`, on by default.
//!
//! Results go to standard output (or to `--out FILE`, written atomically); progress lines go
//! to standard error unless `--quiet`. Exit codes: 0 success, 1 the input was refused or the
//! computation failed (the message says why and what to do), 2 a usage error.
//!
//! The library target exists so that the workspace's developer task runner builds the same
//! report from the same options: [`report::ReportArgs`] and [`report::run`]. Everything else
//! is reached through [`Cli`].

use clap::{CommandFactory, Parser, Subcommand};

mod atomic_file;
mod format;
mod gas;
mod gas_ledger;
mod output;
#[cfg(feature = "parquet")]
mod parquet_loads;
#[cfg(feature = "parquet")]
mod parquet_out;
mod progress;
pub mod report;
mod trade;
mod trade_fetch;
mod trade_query;
mod transit;
mod water;
mod water_compliance;

pub(crate) use progress::Progress;

/// What a command returns: nothing, or an error whose message says what went wrong and what to
/// do about it.
pub(crate) type TaskResult = Result<(), Box<dyn std::error::Error>>;

const EXIT_CODES: &str = "\
Examples:
  dostyk report --out briefing                      # the bundled dataset, run from the repository
  dostyk gas convert 5.6 bcm --from gost --to normal
  dostyk trade summary comtrade.csv --format table --quiet

Exit codes:
  0  success
  1  the input was refused or the computation failed; the message on standard error says why
     and what to do
  2  usage error: an unknown command or option, a missing or malformed argument

Results go to standard output, or to the file given with --out (written whole or not at all).
Progress lines go to standard error; --quiet turns them off.";

/// The `dostyk` command line: parse it with [`Cli::parse`] (from [`clap::Parser`]) and run it
/// with [`Cli::run`].
#[derive(Debug, Parser)]
#[command(
    name = "dostyk",
    version,
    about = "Kazakhstan–Uzbekistan cooperation monitor: the bilateral briefing, trade, water, gas and transit",
    long_about = "Kazakhstan–Uzbekistan cooperation monitor: the bilateral briefing, trade, water, \
                  gas and transit.\n\nEach command reads files (a dataset folder, Comtrade \
                  exports, ICWC tables, ENTSOG exports, CPMM records, network JSON) and prints \
                  its result. Run `dostyk <command> --help` for what a command reads and an \
                  example.",
    after_help = EXIT_CODES,
    arg_required_else_help = true
)]
pub struct Cli {
    /// Print no progress lines on standard error (errors are still printed).
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the bilateral briefing from a dataset (HTML, Markdown with SVG charts, JSON, Excel).
    Report(report::ReportArgs),
    /// Comtrade files to turnover per reporter, partner and period, or mirror gaps; fetch
    /// Comtrade data from the API into a dataset.
    #[command(subcommand)]
    Trade(trade::TradeCommand),
    /// Run a pywr 1.x water model, or check ICWC limits against actual intake.
    #[command(subcommand)]
    Water(water::WaterCommand),
    /// Solve a gas network, restate gas volumes between reference conditions, gas balances.
    #[command(subcommand)]
    Gas(gas::GasCommand),
    /// CAREC CPMM corridor indicators, fastest or cheapest corridor routes.
    #[command(subcommand)]
    Transit(transit::TransitCommand),
    /// Print a shell completion script for dostyk on standard output.
    #[command(after_help = "\
Examples:
  dostyk completions bash > ~/.local/share/bash-completion/completions/dostyk
  dostyk completions zsh > ~/.zfunc/_dostyk        # with fpath+=~/.zfunc in ~/.zshrc
  dostyk completions fish > ~/.config/fish/completions/dostyk.fish
  dostyk completions powershell >> $PROFILE")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

impl Cli {
    /// Runs the command. Results go to standard output or to the `--out` file, progress lines
    /// to standard error (unless `--quiet`).
    ///
    /// # Errors
    ///
    /// When an input is refused or the computation fails; the message names the file, line and
    /// field where it applies, and what to do.
    pub fn run(self) -> Result<(), Box<dyn std::error::Error>> {
        let progress = Progress::new(self.quiet);
        match self.command {
            Command::Report(args) => report::run(&args, std::path::Path::new(""), self.quiet),
            Command::Trade(command) => trade::run(command, progress),
            Command::Water(command) => water::run(command, progress),
            Command::Gas(command) => gas::run(command, progress),
            Command::Transit(command) => transit::run(command, progress),
            Command::Completions { shell } => {
                let mut script = Vec::new();
                clap_complete::generate(shell, &mut Cli::command(), "dostyk", &mut script);
                output::emit(&String::from_utf8(script)?, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
