//! Balances on the committed ENTSOG-format fixture and the national table of published volumes.

// Test helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use dostyk_core_model::country::Country;
use dostyk_transit_gas::amount::{GasAmount, GasUnit};
use dostyk_transit_gas::balance::{BalanceOptions, VolumeTarget, balance};
use dostyk_transit_gas::entsog::{self, PointDirection};
use dostyk_transit_gas::national;
use dostyk_transit_gas::reference::ReferenceConditions;
use rust_decimal::prelude::ToPrimitive as _;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// The amount in m³ at GOST conditions, the default balance unit.
fn gost_m3(a: GasAmount) -> f64 {
    a.value_in(GasUnit::m3(ReferenceConditions::Gost2939))
        .unwrap()
}

#[test]
fn csv_and_json_exports_hold_the_same_records() {
    let csv = entsog::read(data("entsog_kz_uz.csv")).unwrap();
    let json = entsog::read(data("entsog_kz_uz.json")).unwrap();
    assert_eq!(csv.len(), 17);
    assert_eq!(csv.len(), json.len());
    for (c, j) in csv.iter().zip(&json) {
        let mut j = j.clone();
        j.line = c.line;
        assert_eq!(c, &j);
    }
    // Records start on line 2 of the CSV and line 4 of the JSON.
    assert_eq!(csv[0].line, 2);
    assert_eq!(json[0].line, 4);
}

#[test]
fn balance_matches_the_hand_computation() {
    let records = entsog::read(data("entsog_kz_uz.csv")).unwrap();
    let report = balance(&records, &[], &BalanceOptions::default()).unwrap();
    assert_eq!(report.superseded_records, 1);
    assert_eq!(report.unassigned_records, 0);
    let kz: Vec<_> = report
        .countries
        .iter()
        .filter(|c| c.country == Country::KAZ)
        .collect();
    assert_eq!(kz.len(), 2);
    let mcm = 1e6;
    assert!(close(gost_m3(kz[0].entry), 30.2 * mcm));
    assert!(close(gost_m3(kz[0].exit), 28.0 * mcm));
    assert!(close(gost_m3(kz[0].domestic_offtake), 1.5 * mcm));
    assert!(close(gost_m3(kz[0].residual), 0.7 * mcm));
    assert!(close(gost_m3(kz[0].transit), 28.0 * mcm));
    assert!(close(gost_m3(kz[1].entry), 31.5 * mcm));
    assert!(close(gost_m3(kz[1].residual), 0.7 * mcm));
    let exit_day1 = report
        .points
        .iter()
        .find(|p| p.point_key == "KZ-IP-0002" && p.direction == PointDirection::Exit)
        .unwrap();
    assert_eq!(exit_day1.period.to_string(), "2026-01-01");
    assert!(close(
        gost_m3(exit_day1.allocated_minus_nominated.unwrap()),
        -0.1 * mcm
    ));
    assert!(close(
        gost_m3(exit_day1.physical_minus_allocated.unwrap()),
        -0.4 * mcm
    ));
    assert!(close(exit_day1.utilisation.unwrap(), 0.875));
    // The KZ->UZ physical-flow series: 57 mcm over 2 of 365 days, from the exit side only.
    let pair = report
        .annual
        .iter()
        .find(|t| t.series.exporter == Country::KAZ && t.series.importer == Country::UZB)
        .unwrap();
    assert!(close(gost_m3(pair.total), 57.0 * mcm));
    assert_eq!(
        (pair.coverage_days, pair.span_days, pair.complete),
        (2, 365, false)
    );
    insta::assert_json_snapshot!("entsog_balance", report);
}

#[test]
fn national_totals_and_target_progress() {
    let rows = national::read(data("national_kz_uz.csv")).unwrap();
    let target: VolumeTarget = "annual=11 unit=bcm conditions=gost from=2026 exporter=RUS importer=UZB kind=transit source=interfax-2025-04-11"
        .parse()
        .unwrap();
    let options = BalanceOptions {
        targets: vec![target],
        ..BalanceOptions::default()
    };
    let report = balance(&[], &rows, &options).unwrap();
    let t2024 = report
        .targets
        .iter()
        .find(|t| t.span.to_string() == "2024")
        .unwrap();
    assert!(close(t2024.actual.m3(), 5.6e9));
    assert!(close(t2024.share, 5.6 / 11.0));
    assert!(!t2024.in_force);
    let t2023 = report
        .targets
        .iter()
        .find(|t| t.span.to_string() == "2023")
        .unwrap();
    assert!(close(t2023.actual.m3(), 1.28e9));
    assert!(!t2023.complete, "only Q4 2023 is reported");
    // From 5.6 bcm in 2024 to 11 bcm in 2026: (11 / 5.6)^(1/2) - 1 = 40.2 % a year.
    let outlook = &report.outlook[0];
    assert_eq!((outlook.latest_year, outlook.target_year), (2024, 2026));
    // Rounded to ten places, as core-model's required_cagr gives every rate.
    assert_eq!(outlook.required_annual_growth.to_string(), "0.4015297765");
    assert!(
        (outlook.required_annual_growth.to_f64().unwrap() - ((11.0_f64 / 5.6).sqrt() - 1.0)).abs()
            < 1e-9
    );
    assert!(
        report.targets.iter().all(|t| t.rag.is_none()),
        "no target year has data yet"
    );
    insta::assert_json_snapshot!("national_balance", report);
}

#[test]
fn national_totals_restate_conditions() {
    let rows = national::read(data("national_kz_uz.csv")).unwrap();
    let options = BalanceOptions {
        conditions: ReferenceConditions::Normal,
        ..BalanceOptions::default()
    };
    let report = balance(&[], &rows, &options).unwrap();
    let t = report
        .annual
        .iter()
        .find(|t| {
            t.span.to_string() == "2024"
                && t.series.kind == national::FlowKind::Transit
                && t.series.status == national::Status::Actual
        })
        .unwrap();
    let normal = GasUnit::m3(ReferenceConditions::Normal);
    assert!(close(
        t.total.value_in(normal).unwrap(),
        5.6e9 * 273.15 / 293.15
    ));
    assert_eq!(t.unit, normal);
    assert_eq!(t.unit.to_string(), "m3 (normal)");
}

#[test]
fn malformed_record_names_file_line_and_field() {
    let err = entsog::read(data("entsog_malformed.csv")).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("entsog_malformed.csv, line 3, field \"value\""),
        "{msg}"
    );
    assert!(msg.contains("\"3O\""), "{msg}");
}
