//! "Never panics" over mutated valid files: the manifest, the agenda file and the claims ledger
//! of `tests/robustness/inputs/`, and every committed fuzz seed (`fuzz/corpus/<target>/seed-*`:
//! Comtrade files of the three layouts and gzip, national tables, water CSVs and pywr models,
//! gas tables and networks, transit CSVs and corridor networks) fed to its fuzz target's readers
//! (`fuzz/drive.rs`), with random byte flips, insertions, deletions and truncations; and over
//! arbitrary bytes. Every reader must return, with a value or an error.

use std::collections::BTreeSet;
use std::path::Path;

use dostyk_core_model::agenda::file::{Agenda, AgendaFile};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::dataset::Manifest;
use dostyk_core_model::provenance::SourceId;
use proptest::prelude::*;

#[path = "../../../fuzz/drive.rs"]
mod drive;

/// Every committed seed as (fuzz target, bytes), sorted by target and file name.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut out = Vec::new();
    for target in std::fs::read_dir(&corpus).unwrap().flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(target.path()).unwrap().flatten() {
            if file.file_name().to_string_lossy().starts_with("seed-") {
                out.push((name.clone(), file.path()));
            }
        }
    }
    out.sort();
    out.into_iter()
        .map(|(target, path)| (target, std::fs::read(path).unwrap()))
        .collect()
}

fn mutate_bytes(base: &[u8], edits: &[Edit]) -> Vec<u8> {
    mutate_raw(base, edits)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/robustness/inputs")
            .join(name),
    )
    .unwrap()
}

fn known() -> BTreeSet<SourceId> {
    [SourceId::new("s1").unwrap()].into_iter().collect()
}

fn agenda() -> Agenda {
    let text = String::from_utf8(fixture("base-agenda.toml")).unwrap();
    AgendaFile::parse(&text, "base-agenda.toml", Some(&known())).unwrap()
}

/// One edit: (what, where, a byte, bytes to insert). Positions wrap around the length.
type Edit = (u8, usize, u8, Vec<u8>);

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    // Bytes that matter to TOML and CSV come up often; any byte may.
    let byte = prop_oneof![
        prop::sample::select(b"\"'[]=,;\n\r\t#.-:{}\\ 0123456789".to_vec()),
        any::<u8>(),
    ];
    let insert = prop::collection::vec(byte.clone(), 0..6);
    prop::collection::vec((0u8..4, any::<usize>(), byte, insert), 1..8)
}

fn mutate_raw(base: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for (what, at, byte, insert) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            at % bytes.len()
        };
        match what {
            0 if !bytes.is_empty() => bytes[at] = *byte,
            1 => {
                bytes.splice(at..at, insert.iter().copied());
            }
            2 if !bytes.is_empty() => {
                let end = (at + insert.len() + 1).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => bytes.truncate(at),
        }
    }
    bytes
}

fn mutate(base: &[u8], edits: &[Edit]) -> String {
    String::from_utf8_lossy(&mutate_raw(base, edits)).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn mutated_manifests_never_panic(e in edits()) {
        let text = mutate(&fixture("d-good/dataset.toml"), &e);
        let _ = Manifest::parse(&text, "dataset.toml");
    }

    #[test]
    fn mutated_agenda_files_never_panic(e in edits()) {
        let text = mutate(&fixture("base-agenda.toml"), &e);
        let _ = AgendaFile::parse(&text, "agenda.toml", Some(&known()));
    }

    #[test]
    fn mutated_ledgers_never_panic(e in edits()) {
        let text = mutate(&fixture("d-good/statements.csv"), &e);
        let _ = ledger::parse_csv(&text, "statements.csv", &agenda(), Some(&known()));
    }

    #[test]
    fn mutated_fuzz_seeds_never_panic(pick in any::<prop::sample::Index>(), e in edits()) {
        let seeds = seeds();
        let (target, base) = &seeds[pick.index(seeds.len())];
        let bytes = mutate_bytes(base, &e);
        prop_assert!(drive::run(target, &bytes), "no fuzz target {target}");
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Manifest::parse(&text, "dataset.toml");
        let _ = AgendaFile::parse(&text, "agenda.toml", Some(&known()));
        let _ = ledger::parse_csv(&text, "statements.csv", &agenda(), Some(&known()));
    }
}

#[test]
fn every_fuzz_target_has_seeds_to_mutate() {
    let seeds = seeds();
    for target in drive::TARGETS {
        assert!(
            seeds.iter().any(|(t, _)| t == target),
            "fuzz target {target} has no fuzz/corpus/{target}/seed-* file"
        );
    }
    for (target, _) in &seeds {
        assert!(drive::TARGETS.contains(&target.as_str()), "{target}");
    }
}
