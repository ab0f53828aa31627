//! Freight series from published volumes (tests/data/freight_kz_uz.csv).

// Test helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use dostyk_transit_gas::freight::{self, FreightDirection};

#[test]
fn titr_series_and_kz_uz_rail() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/freight_kz_uz.csv");
    let rows = freight::read(&path).unwrap();
    let totals = freight::annual_totals(&rows);
    let titr: Vec<_> = totals.iter().filter(|t| t.corridor == "TITR").collect();
    assert_eq!(titr.len(), 7);
    // 2024 over 2023: 4.484 / 2.764 - 1 = 62.2 %.
    let growth = titr[5].tonnes.unwrap() / titr[4].tonnes.unwrap() - 1.0;
    assert!((growth - 0.6223).abs() < 5e-4);
    assert_eq!(titr[6].teu, Some(77_000.0));
    assert_eq!(titr[5].teu, None);
    let kzuz = totals.iter().find(|t| t.corridor == "KZ-UZ rail").unwrap();
    assert_eq!(kzuz.direction, FreightDirection::Export);
    assert_eq!(kzuz.tonnes, Some(13e6));
    insta::assert_json_snapshot!("freight_totals", totals);
}
