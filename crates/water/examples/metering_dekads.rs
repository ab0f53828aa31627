//! Reads a metering CSV (site, timestamp, discharge, unit), validates it and writes the dekad
//! volumes as CSV: `site,dekad,volume_m3,coverage_pct`.
//!
//! ```text
//! cargo run --release -p dostyk-water --example metering_dekads -- READINGS.csv MAX_GAP_MINUTES [OUT.csv]
//! ```
//!
//! The findings are summarised on standard error. Used by `bench/water_metering.py` to compare
//! with a polars implementation of the same rule.

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::TimeDelta;
use dostyk_water::metering::{integrate_dekads, read_metering_csv};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(gap)) = (args.first(), args.get(1)) else {
        return Err("usage: metering_dekads READINGS.csv MAX_GAP_MINUTES [OUT.csv]".into());
    };
    let max_gap = TimeDelta::minutes(gap.parse()?);
    let log = read_metering_csv(input, max_gap)?;
    eprintln!(
        "{} readings kept, {} findings",
        log.readings.len(),
        log.findings.len()
    );
    let dekads = integrate_dekads(&log.readings, max_gap);
    let mut text = String::from("site,dekad,volume_m3,coverage_pct\n");
    for d in &dekads {
        writeln!(
            text,
            "{},{},{:.6},{:.6}",
            d.site,
            d.dekad,
            d.volume.m3(),
            d.coverage_pct
        )?;
    }
    match args.get(2) {
        Some(out) => {
            let tmp = format!("{out}.tmp");
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, out)?;
        }
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(())
}
