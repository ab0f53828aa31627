//! Benchmark driver for `bench/trade/compare.py`: streams one Comtrade file with a
//! reporter/partner filter, aggregates per reporter, partner, year and flow, and prints
//! `[[year, flow, value], ...]` as JSON.
//!
//! `cargo run --release -p dostyk-trade --example trade_ingest -- FILE REPORTER PARTNER`
//! (numeric M49 codes, e.g. 398 860); with `FILE` alone every row is aggregated and the number
//! of reporter-partner-year-flow totals is printed; with `FILE --rows` the rows are only read
//! and counted (the reader's memory alone, for `bench/trade/stream_10gb.py`).

use dostyk_trade::aggregate::{Aggregator, Direction};
use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::{ComtradeReader, ReadOptions};

/// Opens `file` for reading: a regular file with `ComtradeReader::open`, which parses it on
/// every core (`DOSTYK_THREADS=1` for one thread). `open` refuses a named pipe; this driver
/// reads one on purpose (`stream_10gb.py` streams rows through a FIFO), as a stream.
fn open(
    file: &str,
    mut options: ReadOptions,
) -> Result<ComtradeReader, Box<dyn std::error::Error>> {
    if let Ok(n) = std::env::var("DOSTYK_THREADS") {
        options.threads = Some(n.parse()?);
    }
    if std::fs::metadata(file)?.is_file() {
        return Ok(ComtradeReader::open(file, options)?);
    }
    Ok(ComtradeReader::from_reader(
        file,
        std::fs::File::open(file)?,
        options,
    )?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [file] = args.as_slice() {
        let mut agg = Aggregator::new();
        agg.add_all(open(file, ReadOptions::default())?)?;
        println!("{}", agg.totals().0.len());
        return Ok(());
    }
    if let [file, flag] = args.as_slice()
        && flag == "--rows"
    {
        let mut rows = 0u64;
        for row in open(file, ReadOptions::default())? {
            row?;
            rows += 1;
        }
        println!("{rows}");
        return Ok(());
    }
    let [file, reporter, partner] = args.as_slice() else {
        return Err("usage: trade_ingest FILE [REPORTER PARTNER | --rows] (M49 codes)".into());
    };
    let options = ReadOptions {
        reporters: vec![M49Area::from_m49(reporter.parse()?)],
        partners: vec![M49Area::from_m49(partner.parse()?)],
        ..ReadOptions::default()
    };
    let mut agg = Aggregator::new();
    agg.add_all(open(file, options)?)?;
    let (totals, _) = agg.totals();
    let out: Vec<serde_json::Value> = totals
        .iter()
        .map(|t| {
            let flow = match t.key.direction {
                Direction::Export => "X",
                Direction::Import => "M",
            };
            serde_json::json!([t.key.period.calendar_year(), flow, t.value_usd.to_string()])
        })
        .collect();
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}
