//! Metering findings and dekad volumes, and a reservoir balance, on committed fixtures
//! (crates/water/tests/data; constructed test data).

use chrono::TimeDelta;
use dostyk_core_model::quantity::Volume;
use dostyk_water::metering::{Finding, integrate_dekads, read_metering_csv};
use dostyk_water::reservoir::{BalanceStatus, Tolerance, balance, read_balance_csv};

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn metering_findings_and_dekad_volumes_snapshot() {
    let gap = TimeDelta::hours(12);
    let log = read_metering_csv(data("metering.csv"), gap).unwrap();
    let kinds: Vec<&str> = log
        .findings
        .iter()
        .map(|f| match f {
            Finding::Duplicate { .. } => "duplicate",
            Finding::OutOfOrder { .. } => "out_of_order",
            Finding::Negative { .. } => "negative",
            Finding::UnitMismatch { .. } => "unit_mismatch",
            Finding::Malformed { .. } => "malformed",
            Finding::Gap { .. } => "gap",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "duplicate",
            "out_of_order",
            "negative",
            "unit_mismatch",
            "malformed",
            "gap"
        ]
    );
    let dekads = integrate_dekads(&log.readings, gap);
    // 10 April: 48→50→51→52 m³/s at 0, 6, 9, 12 h; 12 h→24 h: 52→54 (the 18:00 readings are
    // dropped, 12 h is within the allowed gap).
    let hour = 3_600.0;
    let day_10 = (49.0 * 6.0 + 50.5 * 3.0 + 51.5 * 3.0 + 53.0 * 12.0) * hour;
    assert!((dekads[0].volume.m3() - day_10).abs() < 1e-6);
    insta::assert_json_snapshot!("metering", (&log.findings, &dekads));
}

#[test]
fn balance_snapshot() {
    let input = read_balance_csv(data("balance.csv")).unwrap();
    let tolerance = Tolerance {
        absolute: Volume::from_mm3(5.0),
        relative_pct: 2.0,
    };
    let rows = balance(&input.storage, &input.flows, tolerance).unwrap();
    let status: Vec<BalanceStatus> = rows.iter().map(|r| r.status).collect();
    assert_eq!(
        status,
        [
            BalanceStatus::Closes,
            BalanceStatus::DoesNotClose,
            BalanceStatus::MissingStorage,
            BalanceStatus::MissingStorage,
            BalanceStatus::Closes
        ]
    );
    insta::assert_json_snapshot!("balance", rows);
}
