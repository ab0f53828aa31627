//! `water compliance` on the committed fixture (crates/water/tests/data), and the published ICWC
//! limits file.

use dostyk_core_model::period::IcwcSeason;
use dostyk_water::compliance::{DekadLimits, LimitBasis, assess};
use dostyk_water::intake::read_intake_csv;
use dostyk_water::limits::read_limits_csv;

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn compliance_json_snapshot() {
    let limits = read_limits_csv(data("limits.csv")).unwrap();
    let intake = read_intake_csv(data("intake.csv")).unwrap();
    let report = assess(&limits, &intake, DekadLimits::AsGiven).unwrap();
    let json = report.to_json().unwrap();
    // Same inputs, same bytes.
    let again = assess(&limits, &intake, DekadLimits::AsGiven)
        .unwrap()
        .to_json()
        .unwrap();
    assert_eq!(json, again);
    insta::assert_snapshot!("compliance_json", json);
}

#[test]
fn compliance_table_snapshot() {
    let limits = read_limits_csv(data("limits.csv")).unwrap();
    let intake = read_intake_csv(data("intake.csv")).unwrap();
    let report = assess(&limits, &intake, DekadLimits::ProRataByDays).unwrap();
    let growing_2025 = report
        .lines
        .iter()
        .find(|l| l.season == IcwcSeason::Growing { year: 2025 } && !l.line.is_total())
        .unwrap();
    assert_eq!(growing_2025.limit_basis, LimitBasis::ProRataByDays);
    insta::assert_snapshot!("compliance_table_pro_rata", report.to_table());
}

#[test]
fn fixture_season_total_matches_a_hand_computation() {
    // KAZ Dostyk canal, growing 2024: mean flows in m³/s over dekads of 10 or 11 days.
    let flows_and_days = [
        (50.0, 10.0),
        (52.0, 10.0),
        (55.0, 10.0),
        (58.0, 10.0),
        (60.0, 10.0),
        (62.0, 11.0),
        (65.0, 10.0),
        (68.0, 10.0),
        (70.0, 10.0),
        (70.0, 10.0),
        (68.0, 10.0),
        (66.0, 11.0),
        (60.0, 10.0),
        (58.0, 10.0),
        (55.0, 11.0),
        (50.0, 10.0),
        (45.0, 10.0),
        (40.0, 10.0),
    ];
    let expected: f64 = flows_and_days.iter().map(|(q, d)| q * 86_400.0 * d).sum();
    let limits = read_limits_csv(data("limits.csv")).unwrap();
    let intake = read_intake_csv(data("intake.csv")).unwrap();
    let report = assess(&limits, &intake, DekadLimits::AsGiven).unwrap();
    let line = &report.lines[0];
    assert_eq!(line.season, IcwcSeason::Growing { year: 2024 });
    let total = &line.season_total;
    assert!((total.actual.m3() - expected).abs() < 1e-3);
    assert_eq!(total.limit.unwrap().m3(), 922.0e6);
    assert!((total.deviation.unwrap().m3() - (expected - 922.0e6)).abs() < 1e-3);
}

#[test]
fn published_limits_add_up_to_the_published_totals() {
    let limits = read_limits_csv(data("icwc_syr_darya_limits.csv")).unwrap();
    let total = |season: IcwcSeason| -> f64 {
        limits
            .iter()
            .filter(|l| l.season == season)
            .map(|l| l.volume.m3())
            .sum()
    };
    // Non-growing 2025–26: the source gives the total 4.219 km³.
    let ng = total(IcwcSeason::NonGrowing { start_year: 2025 });
    assert!((ng - 4.219e9).abs() < 1.0, "{ng}");
    // Growing 2025: 8.8 + 1.9 + 0.27 + 0.909 = 11.879 km³ (the press rounds it to 11.9).
    let g = total(IcwcSeason::Growing { year: 2025 });
    assert!((g - 11.879e9).abs() < 1.0, "{g}");
    assert!(limits.iter().all(|l| l.dekad.is_none()));
}
