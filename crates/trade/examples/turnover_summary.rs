//! Read a UN Comtrade file (any of the three layouts) and print turnover per reporter, partner
//! and period, with the rows set aside and why.
//!
//! Run with `cargo run -p dostyk-trade --example turnover_summary [FILE...]`; without arguments
//! it reads the small API-format fixture committed with the crate's tests.

use std::path::PathBuf;

use dostyk_trade::comtrade::ReadOptions;
use dostyk_trade::summary::{read_files, summarize};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if files.is_empty() {
        files.push(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/comtrade_api_kaz_uzb.csv"),
        );
    }
    let aggregate = read_files(&files, &ReadOptions::default())?;
    for r in summarize(&aggregate) {
        let show =
            |v: Option<rust_decimal::Decimal>| v.map_or_else(|| "-".to_owned(), |d| d.to_string());
        println!(
            "{} -> {} {}: exports {} imports {} turnover {}",
            r.reporter.label(),
            r.partner.label(),
            r.period,
            show(r.exports_usd),
            show(r.imports_usd),
            show(r.turnover_usd)
        );
    }
    Ok(())
}
