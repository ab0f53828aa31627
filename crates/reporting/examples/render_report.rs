//! Build the briefing for a dataset folder and write it in every language and format.
//!
//! Run with `cargo run -p dostyk-reporting --example render_report -- DATASET_DIR OUT_DIR`;
//! without arguments it renders the small test dataset into a temporary folder.

use std::path::PathBuf;

use dostyk_reporting::{ReportOptions, run_with_progress};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini"),
        PathBuf::from,
    );
    let out = args.next().map_or_else(
        || std::env::temp_dir().join("dostyk-example-report"),
        PathBuf::from,
    );
    // Every language and every format this build writes.
    let options = ReportOptions::builder().data(data).out(out).build();
    let written = run_with_progress(&options, &mut |line| eprintln!("{line}"))?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(())
}
