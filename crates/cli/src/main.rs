//! `dostyk`: the Dostyk monitor on the command line. Run `dostyk --help`.

use std::process::ExitCode;

use clap::Parser;
use dostyk_cli::Cli;

fn main() -> ExitCode {
    // Usage errors exit with 2 from inside `parse`; `--help` and `--version` with 0.
    let cli = Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
