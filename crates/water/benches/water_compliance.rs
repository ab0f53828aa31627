//! Benchmarks of the compliance and metering paths (`cargo bench -p dostyk-water`).
//!
//! The side-by-side comparison with polars is `bench/water_metering.py`; these benchmarks track
//! the library's own speed from commit to commit.

use std::fmt::Write as _;
use std::hint::black_box;

use chrono::{NaiveDate, TimeDelta};
use criterion::{Criterion, criterion_main};
use dostyk_core_model::country::Country;
use dostyk_core_model::period::IcwcSeason;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::{FlowRate, Volume};
use dostyk_water::compliance::{DekadLimits, assess};
use dostyk_water::intake::{Intake, parse_intake_csv};
use dostyk_water::limits::{Limit, LineId};
use dostyk_water::metering::{Reading, integrate_dekads, validate};

/// 100 lines × 2 seasons, every dekad with a limit and an intake (constructed values).
fn compliance_inputs() -> (Vec<Limit>, Vec<Intake>) {
    let source = SourceId::new("bench").expect("valid id");
    let mut limits = Vec::new();
    let mut intakes = Vec::new();
    for n in 0..100 {
        let line = LineId::new(&format!("canal-{n:03}")).expect("valid line");
        for season in [
            IcwcSeason::NonGrowing { start_year: 2024 },
            IcwcSeason::Growing { year: 2025 },
        ] {
            for (k, dekad) in season.dekads().expect("in range").into_iter().enumerate() {
                let limit = Volume::from_mm3(40.0 + f64::from(n % 7));
                limits.push(
                    Limit::new(
                        Country::KAZ,
                        line.clone(),
                        season,
                        Some(dekad),
                        limit,
                        source.clone(),
                    )
                    .expect("valid limit"),
                );
                intakes.push(Intake {
                    country: Country::KAZ,
                    line: line.clone(),
                    dekad,
                    volume: Volume::from_mm3(38.0 + (k % 5) as f64),
                    mean_flow: None,
                    source: source.clone(),
                    file_line: 0,
                });
            }
        }
    }
    (limits, intakes)
}

/// One site, a reading every 10 minutes through 2025.
fn readings() -> Vec<Reading> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1)
        .expect("valid date")
        .and_hms_opt(0, 0, 0)
        .expect("valid time");
    (0..365 * 144)
        .map(|i| Reading {
            site: "dostyk-head".to_owned(),
            timestamp: start + TimeDelta::minutes(10 * i64::from(i)),
            discharge: FlowRate::from_m3_per_s(50.0 + f64::from(i % 97) * 0.1),
            line: 0,
        })
        .collect()
}

fn intake_csv() -> String {
    let mut text = String::from("country,line,dekad,value,unit,source\n");
    for n in 0..300 {
        for month in 1..=12 {
            for dekad in 1..=3 {
                let value = 40 + n % 9;
                writeln!(
                    text,
                    "KAZ,canal-{n:03},2025-{month:02}-D{dekad},{value}.5,m3/s,bench"
                )
                .expect("writing to a String cannot fail");
            }
        }
    }
    text
}

fn benches(c: &mut Criterion) {
    let (limits, intakes) = compliance_inputs();
    c.bench_function("compliance/assess 200 line-seasons x 18 dekads", |b| {
        b.iter(|| {
            assess(
                black_box(&limits),
                black_box(&intakes),
                DekadLimits::AsGiven,
            )
        });
    });
    let csv = intake_csv();
    c.bench_function("intake/parse 10,800 rows", |b| {
        b.iter(|| parse_intake_csv(black_box(&csv), "bench.csv"));
    });
    let readings = readings();
    c.bench_function("metering/validate+integrate 52,560 readings", |b| {
        b.iter(|| {
            let log = validate(black_box(readings.clone()), TimeDelta::minutes(30));
            integrate_dekads(&log.readings, TimeDelta::minutes(30))
        });
    });
}

/// The group function criterion's macro generates carries no docs.
mod group {
    #![allow(missing_docs)]
    criterion::criterion_group!(water, super::benches);
}
criterion_main!(group::water);
