//! CPMM indicators on hand-computed trip and crossing records (tests/data/cpmm_expected.md).

// Test helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use dostyk_transit_gas::cpmm::{self, Figure, Indicator, Mode, Summary};
use rust_decimal::Decimal;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn summaries() -> Vec<Summary> {
    let c = std::fs::read_to_string(data("cpmm_crossings.csv")).unwrap();
    let t = std::fs::read_to_string(data("cpmm_trips.csv")).unwrap();
    let crossings = cpmm::parse_crossings(&c, data("cpmm_crossings.csv")).unwrap();
    let trips = cpmm::parse_trips(&t, data("cpmm_trips.csv")).unwrap();
    cpmm::summarise(&crossings, &trips).unwrap()
}

fn find<'a>(s: &'a [Summary], ind: Indicator, mode: Mode, dir: &str) -> &'a Summary {
    s.iter()
        .find(|x| x.indicator == ind && x.mode == mode && x.direction == dir && x.bcp.is_none())
        .unwrap_or_else(|| panic!("no {ind:?} {mode} {dir}"))
}

fn phys(f: Figure) -> f64 {
    match f {
        Figure::Physical(x) => x,
        Figure::Usd(_) => panic!("expected a physical figure"),
    }
}

fn usd(f: Figure) -> String {
    f.to_string()
}

#[test]
fn time_indicators_match_the_hand_computation() {
    let s = summaries();
    let cases = [
        (Indicator::Tfi1, Mode::Road, "outbound", 3, 18.5 / 3.0, 6.5),
        (Indicator::Tfi1, Mode::Road, "inbound", 2, 3.0, 3.0),
        (Indicator::Tfi1, Mode::Road, "all", 5, 4.9, 4.0),
        (Indicator::Tfi1, Mode::Rail, "outbound", 2, 24.0, 24.0),
        (
            Indicator::Tfi4,
            Mode::Road,
            "outbound",
            2,
            f64::midpoint(250.0 / 14.0, 25.0),
            f64::midpoint(250.0 / 14.0, 25.0),
        ),
        (
            Indicator::Tfi4,
            Mode::Road,
            "all",
            3,
            (250.0 / 14.0 + 25.0 + 40.0) / 3.0,
            25.0,
        ),
        (Indicator::Swod, Mode::Road, "outbound", 2, 37.5, 37.5),
        (
            Indicator::Swod,
            Mode::Road,
            "all",
            3,
            125.0 / 3.0,
            125.0 / 3.0,
        ),
        (
            Indicator::Tfi4,
            Mode::Rail,
            "outbound",
            1,
            1000.0 / 76.0,
            1000.0 / 76.0,
        ),
        (
            Indicator::Swod,
            Mode::Rail,
            "outbound",
            1,
            1000.0 / 36.0,
            1000.0 / 36.0,
        ),
    ];
    for (ind, mode, dir, n, mean, median) in cases {
        let x = find(&s, ind, mode, dir);
        assert_eq!(x.count, n, "{ind:?} {mode} {dir}");
        assert!(
            (phys(x.mean) - mean).abs() < 1e-9,
            "{ind:?} {mode} {dir} mean {:?}",
            x.mean
        );
        assert!(
            (phys(x.median) - median).abs() < 1e-9,
            "{ind:?} {mode} {dir} median {:?}",
            x.median
        );
    }
}

#[test]
fn cost_indicators_match_the_hand_computation() {
    let s = summaries();
    let cases = [
        (Indicator::Tfi2, Mode::Road, "outbound", 3, "61.83", "60.00"),
        (Indicator::Tfi2, Mode::Road, "inbound", 2, "42.50", "42.50"),
        (Indicator::Tfi2, Mode::Road, "all", 5, "54.10", "50.00"),
        (
            Indicator::Tfi2,
            Mode::Rail,
            "outbound",
            2,
            "117.50",
            "117.50",
        ),
        (
            Indicator::Tfi3,
            Mode::Road,
            "outbound",
            2,
            "1000.00",
            "1000.00",
        ),
        (Indicator::Tfi3, Mode::Road, "all", 3, "833.33", "800.00"),
        (
            Indicator::Tfi3,
            Mode::Rail,
            "outbound",
            1,
            "500.00",
            "500.00",
        ),
    ];
    for (ind, mode, dir, n, mean, median) in cases {
        let x = find(&s, ind, mode, dir);
        assert_eq!(x.count, n, "{ind:?} {mode} {dir}");
        assert_eq!(usd(x.mean), mean, "{ind:?} {mode} {dir} mean");
        assert_eq!(usd(x.median), median, "{ind:?} {mode} {dir} median");
    }
    // Costs stay exact: 185.50 / 3 is not rounded before it is reported.
    let x = find(&s, Indicator::Tfi2, Mode::Road, "outbound");
    assert_eq!(
        x.mean,
        Figure::Usd(Decimal::new(18550, 2) / Decimal::from(3))
    );
}

#[test]
fn per_bcp_summaries() {
    let s = summaries();
    let zz = s
        .iter()
        .find(|x| {
            x.indicator == Indicator::Tfi1
                && x.direction == "all"
                && x.bcp.as_deref() == Some("Zhibek Zholy-Gishtkuprik")
        })
        .unwrap();
    assert_eq!(zz.count, 5);
    assert_eq!(phys(zz.median), 4.0);
    insta::assert_json_snapshot!("cpmm_summary", s);
}
