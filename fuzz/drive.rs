//! What each fuzz target does with its input.
//!
//! Shared, through `#[path]`, by the cargo-fuzz targets in `fuzz_targets/` and by
//! `crates/reporting/tests/fuzz_corpus.rs`, which runs the committed corpus on the stable
//! toolchain. A target fails by panicking: the parsers must return an error for any input, and
//! whatever parses must print to a text that parses back to the same value.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::file::{Agenda, AgendaFile};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::agenda::measure::Due;
use dostyk_core_model::country::{Country, Partner};
use dostyk_core_model::dataset::{Manifest, check_relative_path};
use dostyk_core_model::money::{Currency, Money};
use dostyk_core_model::period::{IcwcSeason, MarketingYear, Period, Span, YearToDate};
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::{Energy, Mass, Quantity, Volume};

/// Every target, by the name of its folder under `fuzz/corpus/`.
pub(crate) const TARGETS: [&str; 13] = [
    "period",
    "quantity",
    "codes",
    "manifest",
    "agenda",
    "ledger",
    "comtrade",
    "national_trade",
    "water_csv",
    "pywr_model",
    "gas_tables",
    "network",
    "transit_csv",
];

/// Newton iterations the `network` target allows the solver: enough to converge on a small
/// network, few enough that one input stays fast.
const NETWORK_MAX_ITERATIONS: usize = 50;

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

/// A scratch file for readers that only take a path, unique to this process and thread (the
/// corpus test runs targets on several threads); it is overwritten by every input.
fn scratch_file(data: &[u8]) -> Option<PathBuf> {
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let path =
        std::env::temp_dir().join(format!("dostyk-fuzz-{}-{thread}.csv", std::process::id()));
    std::fs::write(&path, data).ok()?;
    Some(path)
}

/// Loads and runs a three-day model whose catchment inflow is the `dataframe` CSV at `csv`
/// (columns `date` and `flow`).
fn dataframe_model(csv: &Path) {
    let (Some(folder), Some(name)) = (csv.parent(), csv.file_name()) else {
        return;
    };
    let model = serde_json::json!({
        "metadata": {"title": "fuzz dataframe"},
        "timestepper": {"start": "2024-01-01", "end": "2024-01-03", "timestep": 1},
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {
                "type": "dataframe", "url": name.to_string_lossy(),
                "index_col": "date", "column": "flow", "parse_dates": true}},
            {"name": "town", "type": "output", "max_flow": 3.0, "cost": -10},
            {"name": "sea", "type": "output"}
        ],
        "edges": [["river", "town"], ["river", "sea"]]
    });
    let path = folder.join("model.json");
    if let Ok(model) = dostyk_water::schema::Model::from_json_str(&model.to_string(), &path)
        && let Ok(mut engine) = dostyk_water::engine::Engine::new(&model)
    {
        let _ = engine.run();
    }
}

/// Reads a Comtrade file from memory and sums it as `summary::read_files` does.
fn comtrade(data: &[u8]) {
    use dostyk_trade::aggregate::Aggregator;
    use dostyk_trade::comtrade::{ComtradeReader, ReadOptions};
    let Ok(reader) = ComtradeReader::from_reader(
        "fuzz/comtrade.csv",
        Cursor::new(data.to_vec()),
        ReadOptions::default(),
    ) else {
        return;
    };
    let mut agg = Aggregator::new();
    if agg.add_all(reader).is_ok() {
        let _ = dostyk_trade::summary::summarize(&agg);
    }
}

/// Parses a gas network and, when it parses, solves it with a bounded number of iterations.
fn network(text: &str) {
    use dostyk_transit_gas::network::{SolverOptions, parse_network, solve};
    if let Ok(net) = parse_network(text, "fuzz/network.json") {
        let options = SolverOptions {
            max_iterations: NETWORK_MAX_ITERATIONS,
            ..SolverOptions::default()
        };
        let _ = solve(&net, &options);
    }
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
            round_trip::<MarketingYear>(text);
            round_trip::<Span>(text);
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
        "comtrade" => comtrade(data),
        "national_trade" => {
            // The national reader takes a path only.
            if let Some(path) = scratch_file(data) {
                let _ = dostyk_trade::national::read_national(&path);
                let _ = std::fs::remove_file(path);
            }
        }
        "water_csv" => {
            let _ = dostyk_water::limits::parse_limits_csv(text, "fuzz/limits.csv");
            let _ = dostyk_water::intake::parse_intake_csv(text, "fuzz/intake.csv");
            let _ = dostyk_water::reservoir::parse_balance_csv(text, "fuzz/balance.csv");
            // Metering: readings are validated, then integrated into dekad volumes.
            if let Ok(log) = dostyk_water::metering::parse_metering_csv(
                text,
                "fuzz/metering.csv",
                chrono::TimeDelta::hours(6),
            ) {
                let _ = dostyk_water::metering::integrate_dekads(
                    &log.readings,
                    chrono::TimeDelta::hours(6),
                );
            }
        }
        "pywr_model" => {
            // A folder that does not exist, so relative dataframe paths resolve to nothing.
            let path = Path::new("/nonexistent-dostyk-fuzz/model.json");
            if let Ok(model) = dostyk_water::schema::Model::from_json_str(text, path) {
                let _ = dostyk_water::engine::Engine::new(&model);
            }
            // The same bytes as the CSV of a `dataframe` parameter (a daily inflow) of a small
            // model, which is then run over its three days.
            if let Some(csv) = scratch_file(data) {
                dataframe_model(&csv);
                let _ = std::fs::remove_file(csv);
            }
        }
        "gas_tables" => {
            let path = Path::new("fuzz/gas.csv");
            let _ = dostyk_transit_gas::national::parse_csv(text, path);
            let _ = dostyk_transit_gas::entsog::parse_csv(text, path);
            let _ = dostyk_transit_gas::entsog::parse_json(text, Path::new("fuzz/gas.json"));
        }
        "network" => network(text),
        "transit_csv" => {
            let path = Path::new("fuzz/transit.csv");
            let _ = dostyk_transit_gas::cpmm::parse_crossings(text, path);
            let _ = dostyk_transit_gas::cpmm::parse_trips(text, path);
            let _ = dostyk_transit_gas::crossings::parse_csv(text, path);
            if let Ok(rows) = dostyk_transit_gas::freight::parse_csv(text, path) {
                let _ = dostyk_transit_gas::freight::annual_totals(&rows);
            }
            let _ = dostyk_transit_gas::corridor::Network::from_json(
                text,
                Path::new("fuzz/corridors.json"),
            );
            let _ =
                dostyk_core_model::facts::parse_csv(text, "fuzz/facts.csv", Some(&known_sources()));
            let _ = dostyk_core_model::facts::parse_csv(text, "fuzz/facts.csv", None);
        }
        _ => return false,
    }
    true
}
