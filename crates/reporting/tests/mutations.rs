//! "Never panics" over mutated valid files: the manifest, the agenda file and the claims ledger
//! of `tests/robustness/inputs/`, with random byte flips, insertions, deletions and truncations,
//! and over arbitrary bytes. Every reader must return, with a value or an error.

use std::collections::BTreeSet;
use std::path::Path;

use dostyk_core_model::agenda::file::{Agenda, AgendaFile};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::dataset::Manifest;
use dostyk_core_model::provenance::SourceId;
use proptest::prelude::*;

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

fn mutate(base: &[u8], edits: &[Edit]) -> String {
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
    String::from_utf8_lossy(&bytes).into_owned()
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
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Manifest::parse(&text, "dataset.toml");
        let _ = AgendaFile::parse(&text, "agenda.toml", Some(&known()));
        let _ = ledger::parse_csv(&text, "statements.csv", &agenda(), Some(&known()));
    }
}
