//! `trade summary` and `trade mirror` on the committed fixtures (the JSON that
//! `dostyk trade summary` prints is the serde form of these records).

// Test helpers unwrap: a panic with the error is the failure report.
#![allow(clippy::unwrap_used)]

use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::ReadOptions;
use dostyk_trade::mirror::{MirrorOptions, ReconciliationMethod};
use dostyk_trade::summary::{mirror_files, read_files, summarize};
use rust_decimal_macros::dec;

// Relative paths keep the snapshot independent of where the repository is checked out; cargo
// runs integration tests from the crate folder.
const FILES: [&str; 5] = [
    "tests/data/comtrade_api_kaz_uzb.csv",
    "tests/data/comtrade_bulk_kaz_monthly.tsv",
    "tests/data/comtrade_bulk_uzb_2023h1.txt.gz",
    "tests/data/comtrade_legacy_human_kaz_2017.csv",
    "tests/data/comtrade_legacy_machine_uzb_2017.csv",
];

#[test]
fn summary_json_of_the_fixture() {
    let options = ReadOptions {
        reporters: vec![M49Area::from_code("KAZ").unwrap()],
        partners: vec![M49Area::from_code("UZB").unwrap()],
        ..ReadOptions::default()
    };
    let agg = read_files(&FILES[..1], &options).unwrap();
    let records = summarize(&agg);
    insta::assert_json_snapshot!(records);
}

#[test]
fn summary_over_mixed_layouts() {
    let agg = read_files(&FILES, &ReadOptions::default()).unwrap();
    let records = summarize(&agg);
    let find = |r: &str, p: &str, period: &str| {
        records
            .iter()
            .find(|x| {
                x.reporter.label() == r && x.partner.label() == p && x.period.to_string() == period
            })
            .unwrap()
    };
    let kz2023 = find("KAZ", "UZB", "2023");
    assert_eq!(kz2023.turnover_usd, Some(dec!(4400000000)));
    assert_eq!(kz2023.rows_used, 2);
    assert_eq!(kz2023.rows_skipped.iter().map(|g| g.rows).sum::<u64>(), 10);
    let uz_2023_04 = find("UZB", "KAZ", "2023-04");
    assert_eq!(uz_2023_04.imports_usd, Some(dec!(300000000)));
    assert_eq!(uz_2023_04.turnover_usd, Some(dec!(421800000)));
    let uz2017 = find("UZB", "KAZ", "2017");
    assert_eq!(uz2017.balance_usd, Some(dec!(-550000000)));
    assert!(uz2017.rows_skipped[0].reason.contains("RM"));
}

#[test]
fn mirror_arithmetic_on_the_fixture() {
    let kaz = M49Area::from_code("KAZ").unwrap();
    let uzb = M49Area::from_code("UZB").unwrap();
    let rows = mirror_files(&FILES, kaz, uzb, &MirrorOptions::default()).unwrap();
    // 2023-03: KAZ declares exports 301.3m; UZB declares imports 270m.
    let r = rows
        .iter()
        .find(|r| r.period.to_string() == "2023-03" && r.exporter == kaz)
        .unwrap();
    assert_eq!(r.exporter_declared_usd, Some(dec!(301300000)));
    assert_eq!(r.importer_declared_usd, Some(dec!(270000000)));
    assert_eq!(r.gap_usd, Some(dec!(-31300000)));
    // -31.3 / 301.3 = -10.388317...%
    assert_eq!(r.gap_pct.unwrap().round_dp(4), dec!(-10.3883));
    // 270 / 1.06 = 254.716981...; -46.583018... / 301.3 = -15.46067...%
    assert_eq!(r.importer_fob_usd.unwrap().round_dp(2), dec!(254716981.13));
    assert_eq!(r.adjusted_gap_pct.unwrap().round_dp(4), dec!(-15.4607));
    // The other direction of 2023-03: UZB exports 110m, KAZ imports 93.9m.
    let r = rows
        .iter()
        .find(|r| r.period.to_string() == "2023-03" && r.exporter == uzb)
        .unwrap();
    assert_eq!(r.gap_usd, Some(dec!(-16100000)));
    // Annual 2022: both sides say 3.7bn; CIF/FOB-adjusted gap -5.66 %.
    let r = rows
        .iter()
        .find(|r| r.period.to_string() == "2022" && r.exporter == kaz)
        .unwrap();
    assert_eq!(r.gap_pct, Some(dec!(0)));
    assert_eq!(r.adjusted_gap_pct.unwrap().round_dp(2), dec!(-5.66));
    assert!(matches!(
        r.reconciled.unwrap().method,
        ReconciliationMethod::ImporterFob { .. }
    ));
}
