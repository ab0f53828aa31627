//! Routes on the small KZ-UZ test network with known answers (tests/data/README.md).

// Test helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use dostyk_transit_gas::corridor::{BorderStatistic, Criterion, Network};
use dostyk_transit_gas::cpmm::{self, Mode};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn network(with_cpmm: bool) -> Network {
    let mut net = Network::read(data("corridor_kz_uz.json")).unwrap();
    if with_cpmm {
        let text = std::fs::read_to_string(data("cpmm_crossings.csv")).unwrap();
        let crossings = cpmm::parse_crossings(&text, data("cpmm_crossings.csv")).unwrap();
        net.apply_cpmm(&crossings, BorderStatistic::Median).unwrap();
    }
    net
}

fn via(route: &dostyk_transit_gas::corridor::Route) -> Vec<&str> {
    route.legs.iter().map(|l| l.to.as_str()).collect()
}

#[test]
fn fastest_is_via_kazygurt() {
    let r = network(true)
        .route("shymkent", "tashkent", Criterion::Time, None)
        .unwrap();
    assert_eq!(via(&r), ["kazygurt", "tashkent"]);
    assert!((r.moving_hours - 3.0).abs() < 1e-12);
    assert!((r.border_hours - 0.5).abs() < 1e-12);
    assert!((r.total_hours - 3.5).abs() < 1e-12);
    assert_eq!(r.cost.amount.to_string(), "160.00");
    assert_eq!(r.distance_km, 150.0);
}

#[test]
fn cheapest_is_via_zhibek_zholy_with_cpmm_delays() {
    let r = network(true)
        .route("shymkent", "tashkent", Criterion::Cost, None)
        .unwrap();
    assert_eq!(via(&r), ["zhibek_zholy", "tashkent"]);
    assert_eq!(r.cost.amount.to_string(), "150.00");
    assert!((r.border_hours - 4.0).abs() < 1e-12);
    assert!((r.moving_hours - (100.0 / 60.0 + 0.5)).abs() < 1e-12);
    assert_eq!(
        r.borders[0].source.as_deref(),
        Some("CPMM median of 5 crossing(s)")
    );
    insta::assert_json_snapshot!("cheapest_route", r);
    // Without CPMM records the network's own figures apply.
    let r = network(false)
        .route("shymkent", "tashkent", Criterion::Cost, None)
        .unwrap();
    assert_eq!(r.cost.amount.to_string(), "155.00");
    assert!((r.border_hours - 5.0).abs() < 1e-12);
}

#[test]
fn rail_only() {
    let r = network(true)
        .route("shymkent", "tashkent", Criterion::Time, Some(Mode::Rail))
        .unwrap();
    assert_eq!(via(&r), ["saryagash_keles", "tashkent"]);
    assert!((r.border_hours - 24.0).abs() < 1e-12);
    assert!((r.total_hours - (110.0 / 30.0 + 1.0 + 24.0)).abs() < 1e-12);
    assert_eq!(r.cost.amount.to_string(), "192.50");
    // From the port, by rail, the route continues through Shymkent.
    let r = network(true)
        .route("aktau", "tashkent", Criterion::Cost, Some(Mode::Rail))
        .unwrap();
    assert_eq!(via(&r), ["shymkent", "saryagash_keles", "tashkent"]);
}

#[test]
fn mean_border_statistic() {
    let mut net = Network::read(data("corridor_kz_uz.json")).unwrap();
    let text = std::fs::read_to_string(data("cpmm_crossings.csv")).unwrap();
    let crossings = cpmm::parse_crossings(&text, data("cpmm_crossings.csv")).unwrap();
    net.apply_cpmm(&crossings, BorderStatistic::Mean).unwrap();
    let r = net
        .route("shymkent", "tashkent", Criterion::Cost, Some(Mode::Road))
        .unwrap();
    // Mean TFI2 at Zhibek Zholy is 270.50 / 5 = 54.10: 80 + 20 + 54.10 = 154.10 < 160.00.
    assert_eq!(r.cost.amount.to_string(), "154.10");
    assert!((r.border_hours - 4.9).abs() < 1e-12);
}
