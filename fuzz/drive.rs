//! What each fuzz target does with its input.
//!
//! Shared, through `#[path]`, by the cargo-fuzz targets in `fuzz_targets/` and by
//! `crates/reporting/tests/fuzz_corpus.rs`, which runs the committed corpus on the stable
//! toolchain. A target fails by panicking: the parsers must return an error for any input, and
//! whatever parses must print to a text that parses back to the same value.

use std::collections::BTreeSet;

use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::file::{Agenda, AgendaFile};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::agenda::measure::Due;
use dostyk_core_model::agenda::statement::StatementPeriod;
use dostyk_core_model::country::{Country, Partner};
use dostyk_core_model::dataset::{Manifest, check_relative_path};
use dostyk_core_model::money::{Currency, Money};
use dostyk_core_model::period::{IcwcSeason, Period, YearToDate};
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::{Energy, Mass, Quantity, Volume};

/// Every target, by the name of its folder under `fuzz/corpus/`.
pub(crate) const TARGETS: [&str; 6] = [
    "period", "quantity", "codes", "manifest", "agenda", "ledger",
];

/// The agenda the ledger target resolves indicator keys against.
const LEDGER_AGENDA: &str = r#"
[[indicators]]
key = "turnover"
name = "Trade turnover"
area = "trade"
unit = "USD"
"#;

/// Parses `text` as `T`; if it parses, its text form must parse back to the same value.
fn round_trip<T>(text: &str)
where
    T: std::str::FromStr + std::fmt::Display + PartialEq + std::fmt::Debug,
    T::Err: std::fmt::Display,
{
    if let Ok(value) = text.parse::<T>() {
        let shown = value.to_string();
        match shown.parse::<T>() {
            Ok(back) => assert_eq!(back, value, "{text:?} printed as {shown:?}"),
            Err(e) => panic!("{text:?} parsed, but its text form {shown:?} does not: {e}"),
        }
    }
}

fn known_sources() -> BTreeSet<SourceId> {
    ["s1", "s2"]
        .into_iter()
        .filter_map(|s| SourceId::new(s).ok())
        .collect()
}

/// Runs target `target` on `data`; returns `false` when there is no such target.
pub(crate) fn run(target: &str, data: &[u8]) -> bool {
    // Exported files arrive in any encoding; readers get text, so non-UTF-8 bytes are replaced
    // as a lossy reader would.
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    match target {
        "period" => {
            round_trip::<Period>(text);
            round_trip::<YearToDate>(text);
            round_trip::<IcwcSeason>(text);
            round_trip::<EventDate>(text);
            round_trip::<Due>(text);
            round_trip::<StatementPeriod>(text);
        }
        "quantity" => {
            let _ = text.parse::<Quantity>().map(|q| q.to_string());
            let _ = text.parse::<Volume>();
            let _ = text.parse::<Mass>();
            let _ = text.parse::<Energy>();
        }
        "codes" => {
            if let Ok(c) = Currency::from_code(text) {
                assert_eq!(Currency::from_code(c.code()).ok(), Some(c));
            }
            if let Ok(c) = Country::from_code(text) {
                assert_eq!(Country::from_code(&c.to_string()).ok(), Some(c), "{text:?}");
            }
            let _ = Partner::from_code(text);
            let _ = serde_json::from_str::<Money>(text);
            if let Ok(list) = serde_json::from_str::<Vec<Money>>(text)
                && let Some(first) = list.first()
            {
                let _ = Money::sum_in(first.currency, &list);
            }
            let _ = check_relative_path(text);
        }
        "manifest" => {
            let _ = Manifest::parse(text, "fuzz/dataset.toml");
        }
        "agenda" => {
            let _ = AgendaFile::parse(text, "fuzz/agenda.toml", Some(&known_sources()));
            let _ = AgendaFile::parse(text, "fuzz/agenda.toml", None);
        }
        "ledger" => {
            let agenda = AgendaFile::parse(LEDGER_AGENDA, "ledger-agenda.toml", None)
                .unwrap_or_else(|_| Agenda::default());
            let _ = ledger::parse_csv(text, "fuzz/statements.csv", &agenda, Some(&known_sources()));
        }
        _ => return false,
    }
    true
}
