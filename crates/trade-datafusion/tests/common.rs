//! Helpers shared by the integration tests (included with `mod common;`).

#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{DataType, Date32Type, Decimal128Type, Int64Type};
use dostyk_core_model::period::PeriodKind;
use dostyk_trade::comtrade::ReadOptions;
use dostyk_trade::summary;
use rust_decimal::Decimal;

/// The trade crate's Comtrade fixtures.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../trade/tests/data")
        .join(name)
}

/// Every good Comtrade fixture, one of each layout.
pub fn good_fixtures() -> Vec<PathBuf> {
    [
        "comtrade_api_kaz_uzb.csv",
        "comtrade_bulk_kaz_monthly.tsv",
        "comtrade_bulk_uzb_2023h1.txt.gz",
        "comtrade_legacy_human_kaz_2017.csv",
        "comtrade_legacy_machine_uzb_2017.csv",
    ]
    .into_iter()
    .map(fixture)
    .collect()
}

/// (reporter, partner, first day "YYYY-MM-DD", A|M) → (exports, imports, rows used).
pub type Totals =
    BTreeMap<(String, String, String, String), (Option<Decimal>, Option<Decimal>, u64)>;

/// `summary`'s records as [`Totals`] (records with neither flow are left out: SQL has no row
/// for them).
pub fn summary_totals(files: &[PathBuf]) -> Totals {
    let agg = summary::read_files(files, &ReadOptions::default()).expect("the fixtures read");
    summary::summarize(&agg)
        .into_iter()
        .filter(|r| r.exports_usd.is_some() || r.imports_usd.is_some())
        .map(|r| {
            let freq = if r.period.kind() == PeriodKind::Month {
                "M"
            } else {
                "A"
            };
            (
                (
                    r.reporter.label(),
                    r.partner.label(),
                    r.period.first_day().to_string(),
                    freq.to_owned(),
                ),
                (
                    r.exports_usd.map(|d| d.normalize()),
                    r.imports_usd.map(|d| d.normalize()),
                    r.rows_used,
                ),
            )
        })
        .collect()
}

/// A text column as plain UTF-8 whatever its encoding: a local query returns the dictionary
/// columns as dictionaries, Ballista (through Arrow Flight) may return them decoded.
fn text(a: &dyn Array) -> arrow::array::StringArray {
    let utf8 = arrow::compute::cast(a, &DataType::Utf8).expect("a text column");
    utf8.as_string::<i32>().clone()
}

fn decimal(a: &dyn Array, i: usize) -> Option<Decimal> {
    let a = a.as_primitive::<Decimal128Type>();
    if a.is_null(i) {
        return None;
    }
    let scale = u32::try_from(a.scale()).unwrap();
    Some(Decimal::from_i128_with_scale(a.value(i), scale).normalize())
}

/// The rows of `SELECT reporter_iso, partner_iso, period, freq_code, exports_usd, imports_usd,
/// rows_used FROM comtrade_summary` as [`Totals`].
pub fn sql_totals(batches: &[RecordBatch]) -> Totals {
    let mut out = Totals::new();
    for b in batches {
        let (reporter, partner, freq) = (text(b.column(0)), text(b.column(1)), text(b.column(3)));
        for i in 0..b.num_rows() {
            let day = b
                .column(2)
                .as_primitive::<Date32Type>()
                .value_as_date(i)
                .unwrap();
            let key = (
                reporter.value(i).to_owned(),
                partner.value(i).to_owned(),
                day.to_string(),
                freq.value(i).to_owned(),
            );
            let rows = b.column(6).as_primitive::<Int64Type>().value(i);
            out.insert(
                key,
                (
                    decimal(b.column(4), i),
                    decimal(b.column(5), i),
                    rows as u64,
                ),
            );
        }
    }
    out
}

/// The query whose result [`sql_totals`] reads.
pub const SUMMARY_QUERY: &str = "SELECT reporter_iso, partner_iso, period, freq_code, exports_usd, imports_usd, rows_used FROM comtrade_summary";

/// Asserts two [`Totals`] are equal, naming each key that differs (the maps are long).
pub fn assert_same_totals(got: &Totals, expected: &Totals, what: &str) {
    let mut differences = Vec::new();
    for (k, v) in expected {
        match got.get(k) {
            None => differences.push(format!("missing {k:?} (expected {v:?})")),
            Some(g) if g != v => differences.push(format!("{k:?}: {g:?}, expected {v:?}")),
            Some(_) => {}
        }
    }
    for (k, v) in got {
        if !expected.contains_key(k) {
            differences.push(format!("extra {k:?}: {v:?}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{what}: {} of {} totals differ:\n{}",
        differences.len(),
        expected.len(),
        differences.join("\n")
    );
}
