//! The small constructed datasets under `tests/data`: `mini` has one file of every kind and
//! passes every check; the manifests under `bad/` are rejected with the key of what is wrong, and
//! `bad/rows` has rows and agenda items without sources or citing unknown ones, which the source
//! check reports by file and line.

mod dataset_check;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dataset_check::check;
use dostyk_core_model::agenda::file::{AgendaFile, AgendaFileError};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::dataset::{DatasetError, FileKind, Manifest};
use dostyk_core_model::provenance::SourceId;

/// The kinds the dataset loader (`dostyk-dataset`) registers, in its order; `mini` has a file
/// of each.
const KINDS: [&str; 19] = [
    "agenda",
    "trade.comtrade",
    "trade.national",
    "trade.statements",
    "water.limits",
    "water.intake",
    "water.metering",
    "water.reservoir",
    "water.model",
    "gas.flows",
    "gas.national",
    "gas.network",
    "transit.freight",
    "transit.cpmm",
    "transit.crossings",
    "transit.network",
    "water.facts",
    "transit.facts",
    "water.withdrawals",
];

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

#[test]
fn the_mini_dataset_has_every_kind_and_passes() {
    let report = check(&data().join("mini"));
    assert!(
        report.problems.is_empty(),
        "problems in tests/data/mini:\n{}",
        report.problems.join("\n")
    );
    let kinds: BTreeSet<&str> = report
        .manifest
        .files
        .iter()
        .map(|f| f.kind.as_str())
        .collect();
    for kind in KINDS {
        assert!(kinds.contains(kind), "tests/data/mini has no {kind} file");
    }
    // Its agenda and ledger also pass the core-model readers.
    let dir = data().join("mini");
    let known: BTreeSet<SourceId> = report
        .manifest
        .sources
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let text = std::fs::read_to_string(dir.join("agenda.toml")).expect("agenda");
    let agenda = AgendaFile::parse(&text, "mini/agenda.toml", Some(&known))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(agenda.statements.len(), 1);
    let text = std::fs::read_to_string(dir.join("trade/statements.csv")).expect("ledger");
    let rows = ledger::parse_csv(&text, "mini/trade/statements.csv", &agenda, Some(&known))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), 1);
}

fn problem_keys(file: &str) -> Vec<String> {
    let path = data().join("bad").join(file);
    let text = std::fs::read_to_string(&path).expect("bad manifest");
    let kinds: Vec<FileKind> = KINDS.into_iter().map(FileKind::from_static).collect();
    match Manifest::parse_with_kinds(&text, file, &kinds) {
        Ok(_) => panic!("{file} was accepted"),
        Err(DatasetError::Invalid { file: f, problems }) => {
            assert_eq!(f, file);
            problems.into_iter().map(|p| p.key).collect()
        }
        Err(other) => panic!("{file}: expected a list of problems, got {other}"),
    }
}

#[test]
fn bad_manifests_are_rejected_with_the_key_of_the_problem() {
    assert_eq!(problem_keys("absolute_path.toml"), ["files[0].path"]);
    assert_eq!(problem_keys("parent_path.toml"), ["files[0].path"]);
    assert_eq!(problem_keys("unknown_kind.toml"), ["files[0].kind"]);
    assert_eq!(problem_keys("duplicate_source.toml"), ["sources[1].id"]);
    assert_eq!(problem_keys("missing_source.toml"), ["files[0].sources[1]"]);
}

#[test]
fn rows_without_a_listed_source_are_reported_by_file_and_line() {
    let report = check(&data().join("bad/rows"));
    let expected = [
        "trade/national.csv, line 3: no source in column `source_id`",
        "trade/national.csv, line 4: source \"s9\" is not listed in dataset.toml",
        "trade/comtrade.csv: has no source column (source_id, sources, source) and no file-level sources in dataset.toml",
        "agenda.toml: meetings[0] (\"m1\"): no sources",
        "agenda.toml: measures[0] (\"x1\"): `promised_at` \"m9\" is not a key of [[meetings]]",
    ];
    for e in expected {
        assert!(
            report.problems.iter().any(|p| p == e),
            "expected \"{e}\" among:\n{}",
            report.problems.join("\n")
        );
    }
    assert_eq!(
        report.problems.len(),
        expected.len(),
        "{}",
        report.problems.join("\n")
    );
    // The agenda file reader refuses the same agenda.
    let text = std::fs::read_to_string(data().join("bad/rows/agenda.toml")).expect("agenda");
    let known: BTreeSet<SourceId> = report
        .manifest
        .sources
        .iter()
        .map(|s| s.id.clone())
        .collect();
    match AgendaFile::parse(&text, "agenda.toml", Some(&known)) {
        Err(AgendaFileError::Invalid { problems, .. }) => {
            let keys: Vec<String> = problems.iter().map(|p| p.key.clone()).collect();
            assert!(
                keys.iter().any(|k| k.starts_with("meetings[0]")),
                "{keys:?}"
            );
            assert!(
                keys.iter()
                    .any(|k| k.starts_with("measures[0].promised_at")),
                "{keys:?}"
            );
        }
        other => panic!("expected the agenda to be refused, got {other:?}"),
    }
}

#[test]
fn a_listed_file_that_is_missing_is_reported() {
    let dir = data().join("mini");
    let text = std::fs::read_to_string(dir.join("dataset.toml")).expect("mini manifest");
    let changed = text.replace("transit/freight.csv", "transit/no-such-file.csv");
    let m = Manifest::parse(&changed, "dataset.toml").expect("still a valid manifest");
    let missing: Vec<&str> = m
        .files
        .iter()
        .filter(|f| !dir.join(&f.path).is_file())
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(missing, ["transit/no-such-file.csv"]);
}
