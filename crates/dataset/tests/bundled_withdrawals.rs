//! Water use against the ICWC limits in the bundled dataset `data/kz-uz` (issue #20): the
//! published seasonal figures are assessed, and the seasons without one are listed per country.

use std::path::Path;

use dostyk_core_model::country::Country;
use dostyk_core_model::quantity::VolumeUnit;
use dostyk_dataset::{Dataset, load};
use dostyk_water::withdrawals::{
    Derivation, Scope, Status, assess_seasons, chronological, seasons_back, unreported_seasons,
};

fn bundled() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kz-uz");
    load(&dir).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_2024_growing_season_shortfall_is_assessed_within_the_limits() {
    let ds = bundled();
    let rows = assess_seasons(&ds.water_limits, &ds.water_withdrawals).unwrap();
    let basin: Vec<_> = rows.iter().filter(|r| r.scope == Scope::Basin).collect();
    assert_eq!(basin.len(), 1, "{basin:#?}");
    let r = basin[0];
    assert_eq!(r.season.to_string(), "growing-2024");
    assert_eq!(r.derivation, Derivation::Shortfall);
    assert_eq!(r.status, Status::Within);
    let below = r.below_limit.unwrap().value_in(VolumeUnit::Km3);
    assert!((below - 2.05).abs() < 1e-12, "{below}");
    assert_eq!(
        r.withdrawal_sources
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["intellinews-2025-03-26-central-asian"]
    );
    // Every seasonal limit is in the assessment, marked not reported when nothing is published.
    let seasonal = ds.water_limits.iter().filter(|l| l.dekad.is_none()).count();
    assert_eq!(
        rows.iter()
            .filter(|r| r.derivation == Derivation::LimitOnly)
            .count(),
        seasonal
    );
}

#[test]
fn the_last_ten_seasons_without_a_published_withdrawal_are_listed() {
    let ds = bundled();
    let rows = assess_seasons(&ds.water_limits, &ds.water_withdrawals).unwrap();
    let latest = rows
        .iter()
        .map(|r| r.season)
        .max_by_key(|s| chronological(*s))
        .unwrap();
    assert_eq!(latest.to_string(), "non-growing-2025-26");
    let window = seasons_back(latest, 10);
    assert_eq!(window[0].to_string(), "growing-2021");
    let sides = [
        Country::from_code("KAZ").unwrap(),
        Country::from_code("UZB").unwrap(),
    ];
    // No per-country Syr Darya withdrawal is published (docs/data.md, water/withdrawals.csv):
    // the basin-wide 2024 figure does not count for either country.
    for (country, missing) in unreported_seasons(&rows, &sides, &window) {
        assert_eq!(missing, window, "{country}");
    }
}
