//! Benchmarks of the gas ledger and the corridor router on generated data (constructed values).
//!
//! `cargo bench -p dostyk-transit-gas --bench ledger`

// criterion_group! and criterion_main! generate undocumented functions.
#![allow(missing_docs)]

use std::fmt::Write as _;
use std::path::Path;

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use dostyk_transit_gas::balance::{BalanceOptions, balance};
use dostyk_transit_gas::corridor::{Criterion as By, Network};
use dostyk_transit_gas::entsog;

/// An ENTSOG-format CSV with `points` points × `days` gas days × 4 indicators.
fn entsog_csv(points: usize, days: i64) -> String {
    let mut out = String::from(
        "indicator,periodType,periodFrom,periodTo,operatorKey,pointKey,pointType,directionKey,unit,value,flowStatus,lastUpdateDateTime\n",
    );
    let start = chrono::DateTime::parse_from_rfc3339("2025-01-01T06:00:00+05:00")
        .unwrap_or_else(|e| panic!("fixed date parses: {e}"));
    for p in 0..points {
        let op = if p % 2 == 0 {
            "KZ-TSO-0001"
        } else {
            "UZ-TSO-0001"
        };
        let dir = if p % 4 < 2 { "exit" } else { "entry" };
        for d in 0..days {
            let from = start + chrono::TimeDelta::days(d);
            let to = from + chrono::TimeDelta::days(1);
            for (ind, v) in [
                ("Nomination", 1000),
                ("Allocation", 995),
                ("Physical Flow", 990),
                ("Firm Technical", 1500),
            ] {
                let _ = writeln!(
                    out,
                    "{ind},day,{},{},{op},IP-{p:05},Cross-Border,{dir},kWh/d,{},Confirmed,{}",
                    from.to_rfc3339(),
                    to.to_rfc3339(),
                    v * 1_000_000 + p,
                    to.to_rfc3339()
                );
            }
        }
    }
    out
}

/// The records of [`entsog_csv`] as ENTSOG-format JSON, `{"operationaldatas": [...]}`, with
/// the values as numbers (the generated CSV has no quoted fields).
fn entsog_json(csv: &str) -> String {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let mut out = String::from("{\"meta\": {},\n \"operationaldatas\": [\n");
    for (i, line) in lines.enumerate() {
        out.push_str(if i == 0 { "  {" } else { ",\n  {" });
        for (j, (key, cell)) in header.iter().zip(line.split(',')).enumerate() {
            let sep = if j == 0 { "" } else { ", " };
            if *key == "value" {
                let _ = write!(out, "{sep}\"{key}\": {cell}");
            } else {
                let _ = write!(out, "{sep}\"{key}\": \"{cell}\"");
            }
        }
        out.push('}');
    }
    out.push_str("\n ]}\n");
    out
}

/// A square grid of road nodes with a border crossing every fifth column.
fn grid(side: usize) -> String {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for r in 0..side {
        for c in 0..side {
            let bcp = c % 5 == 4;
            if bcp {
                nodes.push(format!(
                    r#"{{"id":"n{r}_{c}","name":"n","kind":"border_crossing","border":[{{"mode":"road","hours":{},"cost_usd":"20"}}]}}"#,
                    1 + (r * c) % 7
                ));
            } else {
                nodes.push(format!(r#"{{"id":"n{r}_{c}","name":"n","kind":"city"}}"#));
            }
            if c + 1 < side {
                edges.push(format!(
                    r#"{{"from":"n{r}_{c}","to":"n{r}_{}","mode":"road","distance_km":{},"speed_kmh":60,"cost_usd":"{}"}}"#,
                    c + 1,
                    50 + (r * 31 + c * 17) % 100,
                    10 + (r + c) % 9
                ));
            }
            if r + 1 < side {
                edges.push(format!(
                    r#"{{"from":"n{r}_{c}","to":"n{}_{c}","mode":"road","distance_km":{},"speed_kmh":50,"cost_usd":"{}"}}"#,
                    r + 1,
                    40 + (r * 13 + c * 29) % 100,
                    12 + (r * c) % 5
                ));
            }
        }
    }
    format!(
        r#"{{"nodes":[{}],"edges":[{}]}}"#,
        nodes.join(","),
        edges.join(",")
    )
}

fn ledger(c: &mut Criterion) {
    let csv = entsog_csv(40, 365);
    let path = Path::new("bench.csv");
    c.bench_function("entsog parse_csv 58,400 records", |b| {
        b.iter(|| entsog::parse_csv(black_box(&csv), path).map(|r| r.len()));
    });
    let json = entsog_json(&csv);
    let json_path = Path::new("bench.json");
    let read = entsog::parse_json(&json, json_path).map_or(0, |r| r.len());
    assert_eq!(read, 58_400, "the generated JSON reads as the CSV does");
    c.bench_function("entsog parse_json 58,400 records", |b| {
        b.iter(|| entsog::parse_json(black_box(&json), json_path).map(|r| r.len()));
    });
    let records = entsog::parse_csv(&csv, path).unwrap_or_default();
    let options = BalanceOptions::default();
    c.bench_function("balance 58,400 records", |b| {
        b.iter(|| balance(black_box(&records), &[], &options).map(|r| r.points.len()));
    });
    let net = Network::from_json(&grid(100), Path::new("grid.json"))
        .unwrap_or_else(|e| panic!("generated grid is valid: {e}"));
    c.bench_function("route 10,000-node grid corner to corner", |b| {
        b.iter(|| {
            net.route(black_box("n0_0"), "n99_99", By::Time, None)
                .map(|r| r.legs.len())
        });
    });
}

criterion_group!(benches, ledger);
criterion_main!(benches);
