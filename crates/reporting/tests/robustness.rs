//! The bad-input table of `docs/robustness.md`, asserted row by row.
//!
//! Every row of the table `| id | kind | fixture | error |` names a fixture under
//! `tests/robustness/` (relative to this crate), the reader that gets it (`kind`) and the exact
//! error that reader gives (or `(accepted)` when the input is read correctly). Cells encode a
//! line break as `<br>` and a `|` as `\|`. Paths in dataset-folder errors are shown relative to
//! `tests/robustness/` so the table does not depend on where the repository is checked out.
//!
//! To add a row: add the fixture, add the row with the error you expect, run this test; a
//! mismatch prints the row as the code sees it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::file::{Agenda, AgendaFile};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::agenda::measure::Due;
use dostyk_core_model::country::{Country, Partner};
use dostyk_core_model::money::{Currency, Money};
use dostyk_core_model::period::{IcwcSeason, Period, Span, YearToDate};
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::{Quantity, Volume};

/// The marker for an input that must be read without error.
const ACCEPTED: &str = "(accepted)";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/robustness")
}

fn table_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/robustness.md")
}

/// One row of the table.
#[derive(Debug)]
struct Row {
    line: usize,
    id: String,
    kind: String,
    fixture: String,
    error: String,
}

/// Splits a table line into cells at every `|` that is not escaped as `\|`.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter().map(|c| c.trim().to_owned()).collect()
}

fn decode(cell: &str) -> String {
    let cell = cell
        .strip_prefix('`')
        .and_then(|c| c.strip_suffix('`'))
        .unwrap_or(cell);
    cell.replace("<br>", "\n")
}

/// The inverse of [`decode`]: how a message is written in a cell.
fn encode(message: &str) -> String {
    message.replace('|', "\\|").replace('\n', "<br>")
}

/// The rows of the first table whose header is `| id | kind | fixture | error |`.
fn rows(text: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if !trimmed.starts_with('|') {
            if in_table {
                break;
            }
            continue;
        }
        let c = cells(trimmed);
        if !in_table {
            in_table = c == ["id", "kind", "fixture", "error"];
            continue;
        }
        if c.iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':')))
        {
            continue;
        }
        assert_eq!(
            c.len(),
            4,
            "docs/robustness.md line {}: a row has 4 cells (escape '|' as '\\|'): {line}",
            i + 1
        );
        out.push(Row {
            line: i + 1,
            id: c[0].clone(),
            kind: c[1].clone(),
            fixture: decode(&c[2]),
            error: decode(&c[3]),
        });
    }
    out
}

fn text_of(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the fixture: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("the fixture is not UTF-8: {e}"))
}

/// A one-line text fixture: the file without its final line break.
fn line_of(path: &Path) -> Result<String, String> {
    let text = text_of(path)?;
    Ok(text.strip_suffix('\n').unwrap_or(&text).to_owned())
}

fn known_sources() -> BTreeSet<SourceId> {
    ["s1", "s2"]
        .into_iter()
        .map(|s| SourceId::new(s).expect("constant ids are valid"))
        .collect()
}

/// The agenda ledger rows are checked against: `inputs/base-agenda.toml`.
fn base_agenda() -> Agenda {
    let path = root().join("inputs/base-agenda.toml");
    let text = text_of(&path).expect("the base agenda is readable");
    AgendaFile::parse(&text, "inputs/base-agenda.toml", Some(&known_sources()))
        .expect("the base agenda is valid")
}

fn outcome<T, E: std::fmt::Display>(result: Result<T, E>) -> String {
    match result {
        Ok(_) => ACCEPTED.to_owned(),
        Err(e) => e.to_string(),
    }
}

/// Replaces the absolute location of the fixtures (as given and as resolved) with nothing, so
/// paths read `inputs/...`.
fn normalise(message: &str) -> String {
    let root = root();
    let mut out = message.to_owned();
    if let Ok(real) = root.canonicalize() {
        out = out.replace(&format!("{}/", real.display()), "");
    }
    out.replace(&format!("{}/", root.display()), "")
}

/// Feeds `row`'s fixture to the reader its kind names; `Err` when the kind is unknown or the
/// fixture cannot be read.
fn run_row(row: &Row) -> Result<String, String> {
    let path = root().join(&row.fixture);
    let name = row.fixture.as_str();
    let got = match row.kind.as_str() {
        // As the dataset loader parses it: kinds checked against the registered ones.
        "manifest" => outcome(dostyk_reporting::dataset::parse_manifest(
            &text_of(&path)?,
            name,
        )),
        "agenda" => outcome(AgendaFile::parse(
            &text_of(&path)?,
            name,
            Some(&known_sources()),
        )),
        "ledger" => outcome(ledger::parse_csv(
            &text_of(&path)?,
            name,
            &base_agenda(),
            Some(&known_sources()),
        )),
        "period" => outcome(line_of(&path)?.parse::<Period>()),
        "year-to-date" => outcome(line_of(&path)?.parse::<YearToDate>()),
        "icwc-season" => outcome(line_of(&path)?.parse::<IcwcSeason>()),
        "span" => outcome(line_of(&path)?.parse::<Span>()),
        "event-date" => outcome(line_of(&path)?.parse::<EventDate>()),
        "due" => outcome(line_of(&path)?.parse::<Due>()),
        "quantity" => outcome(line_of(&path)?.parse::<Quantity>()),
        "volume" => outcome(line_of(&path)?.parse::<Volume>()),
        "currency" => outcome(Currency::from_code(&line_of(&path)?)),
        "country" => outcome(Country::from_code(&line_of(&path)?)),
        "partner" => outcome(Partner::from_code(&line_of(&path)?)),
        "money" => outcome(serde_json::from_str::<Money>(&text_of(&path)?)),
        "money-sum" => match serde_json::from_str::<Vec<Money>>(&text_of(&path)?) {
            Ok(items) => match items.first() {
                Some(first) => outcome(Money::sum_in(first.currency, &items)),
                None => return Err("a money-sum fixture lists at least one amount".into()),
            },
            Err(e) => e.to_string(),
        },
        "dataset-dir" => {
            // Given relative to the crate, as a user gives a relative folder on the command line.
            let dir = Path::new("tests/robustness").join(&row.fixture);
            normalise(&outcome(dostyk_reporting::dataset::load(&dir)))
                .replace("tests/robustness/", "")
                .trim_end()
                .to_owned()
        }
        "comtrade" => normalise(&outcome(dostyk_trade::summary::read_files(
            &[&path],
            &dostyk_trade::comtrade::ReadOptions::default(),
        ))),
        "trade-national" => normalise(&outcome(dostyk_trade::national::read_national(&path))),
        "water-limits" => normalise(&outcome(dostyk_water::limits::read_limits_csv(&path))),
        "water-intake" => normalise(&outcome(dostyk_water::intake::read_intake_csv(&path))),
        // Defects in metering readings are findings, not errors: the file is read, and the
        // cell lists what was found and done, with the gap allowed between readings 6 hours.
        "water-metering" => normalise(&match dostyk_water::metering::read_metering_csv(
            &path,
            chrono::TimeDelta::hours(6),
        ) {
            Ok(log) if log.findings.is_empty() => ACCEPTED.to_owned(),
            Ok(log) => {
                let mut cell = format!("{ACCEPTED} with {} finding(s):", log.findings.len());
                for f in &log.findings {
                    let _ = write!(cell, "\n  - {f}");
                }
                cell
            }
            Err(e) => e.to_string(),
        }),
        "water-balance" => normalise(&outcome(dostyk_water::reservoir::read_balance_csv(&path))),
        // The model is loaded, then given to the engine, which refuses what it cannot run.
        "water-model" => normalise(&match dostyk_water::schema::Model::load(&path) {
            Ok(model) => outcome(dostyk_water::engine::Engine::new(&model)),
            Err(e) => e.to_string(),
        }),
        "gas-national" => normalise(&outcome(dostyk_transit_gas::national::read(&path))),
        "gas-flows" => normalise(&outcome(dostyk_transit_gas::entsog::read(&path))),
        // The network is read, then solved with the default options.
        "gas-network" => normalise(&match dostyk_transit_gas::network::read_network(&path) {
            Ok((net, _)) => outcome(dostyk_transit_gas::network::solve(
                &net,
                &dostyk_transit_gas::network::SolverOptions::default(),
            )),
            Err(e) => e.to_string(),
        }),
        // A crossings or a trips file, told apart by its header as the dataset loader does.
        "transit-cpmm" => {
            let text = text_of(&path)?;
            let name = Path::new(name);
            match dostyk_transit_gas::cpmm::detect(&text) {
                Some(dostyk_transit_gas::cpmm::CpmmFile::Crossings) => {
                    outcome(dostyk_transit_gas::cpmm::parse_crossings(&text, name))
                }
                Some(dostyk_transit_gas::cpmm::CpmmFile::Trips) => {
                    outcome(dostyk_transit_gas::cpmm::parse_trips(&text, name))
                }
                None => {
                    return Err("a transit-cpmm fixture has a bcp or a distance_km column".into());
                }
            }
        }
        "transit-freight" => outcome(dostyk_transit_gas::freight::parse_csv(
            &text_of(&path)?,
            Path::new(name),
        )),
        "transit-crossings" => outcome(dostyk_transit_gas::crossings::parse_csv(
            &text_of(&path)?,
            Path::new(name),
        )),
        "transit-network" => outcome(dostyk_transit_gas::corridor::Network::from_json(
            &text_of(&path)?,
            Path::new(name),
        )),
        "translations" => outcome(dostyk_reporting::dataset::translations::parse_csv(
            &text_of(&path)?,
            name,
            Some(&known_sources()),
        )),
        "facts" => outcome(dostyk_core_model::facts::parse_csv(
            &text_of(&path)?,
            name,
            Some(&known_sources()),
        )),
        // The command line's Parquet reader (no library crate holds Parquet): its rows are
        // checked by crates/cli/tests/parquet_cli.rs, which runs `dostyk gas solve`.
        "gas-loads-parquet" => return Ok(row.error.clone()),
        other => {
            return Err(format!(
                "unknown kind \"{other}\"; add a reader for it to tests/robustness.rs"
            ));
        }
    };
    Ok(got)
}

#[test]
fn every_row_of_the_bad_input_table_holds() {
    let text = std::fs::read_to_string(table_path()).expect("docs/robustness.md exists");
    let rows = rows(&text);
    assert!(
        rows.len() >= 40,
        "the table has {} rows; it should have at least 40",
        rows.len()
    );
    let mut ids = BTreeMap::new();
    let mut failures = String::new();
    for row in &rows {
        if let Some(first) = ids.insert(row.id.clone(), row.line) {
            let _ = writeln!(
                failures,
                "line {}: id {} is already used on line {first}",
                row.line, row.id
            );
        }
        match run_row(row) {
            Ok(got) if got == row.error => {}
            Ok(got) => {
                let _ = writeln!(
                    failures,
                    "line {} ({}, {}):\n  table: {}\n  code:  {}\n  row as the code sees it:\n| {} | {} | {} | {} |\n",
                    row.line,
                    row.id,
                    row.kind,
                    encode(&row.error),
                    encode(&got),
                    row.id,
                    row.kind,
                    row.fixture,
                    encode(&got)
                );
            }
            Err(e) => {
                let _ = writeln!(failures, "line {} ({}): {e}", row.line, row.id);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "docs/robustness.md and the readers disagree:\n\n{failures}"
    );
}

#[test]
fn every_fixture_is_in_the_table() {
    let text = std::fs::read_to_string(table_path()).expect("docs/robustness.md exists");
    let listed: BTreeSet<String> = rows(&text).into_iter().map(|r| r.fixture).collect();
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(root().join("inputs")).expect("the inputs folder exists") {
        let entry = entry.expect("a readable folder entry");
        let name = format!("inputs/{}", entry.file_name().to_string_lossy());
        // Shared context for other rows, not a row of its own.
        if name.starts_with("inputs/base-") {
            continue;
        }
        if !listed.contains(&name) {
            orphans.push(name);
        }
    }
    assert!(
        orphans.is_empty(),
        "fixtures with no row in docs/robustness.md: {orphans:?}"
    );
}

#[test]
fn the_table_parser_reads_escapes() {
    assert_eq!(
        cells(r"| a | b \| c | `d` |"),
        ["a", "b | c", "`d`"].map(str::to_owned)
    );
    assert_eq!(decode("x<br>  - y"), "x\n  - y");
    assert_eq!(encode("x|y\nz"), r"x\|y<br>z");
    let table = "text\n\n| id | kind | fixture | error |\n|---|---|---|---|\n| r1 | period | inputs/x.txt | e |\n\nafter\n";
    let parsed = rows(table);
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].line, 5);
    assert_eq!(parsed[0].error, "e");
}

#[test]
fn an_unknown_kind_is_an_error() {
    let row = Row {
        line: 1,
        id: "x".into(),
        kind: "water.minutes".into(),
        fixture: "inputs/p-month-13.txt".into(),
        error: String::new(),
    };
    assert!(run_row(&row).unwrap_err().contains("unknown kind"));
}
