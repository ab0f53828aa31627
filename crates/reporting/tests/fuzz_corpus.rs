//! The committed fuzz corpus as a test: every file of `fuzz/corpus/<target>/` and
//! `fuzz/regressions/<target>/` goes through what the fuzz target `<target>` does
//! (`fuzz/drive.rs`), on the stable toolchain and without cargo-fuzz. A panic fails the test
//! and names the file.

use std::path::{Path, PathBuf};

#[path = "../../../fuzz/drive.rs"]
mod drive;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Every (target, file) under `folder`, sorted.
fn inputs(folder: &str) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(targets) = std::fs::read_dir(fuzz_dir().join(folder)) else {
        return out;
    };
    for target in targets.flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        if let Ok(files) = std::fs::read_dir(target.path()) {
            for file in files.flatten() {
                out.push((name.clone(), file.path()));
            }
        }
    }
    out.sort();
    out
}

fn run_folder(folder: &str) -> usize {
    let inputs = inputs(folder);
    for (target, path) in &inputs {
        let data = std::fs::read(path).expect("a committed corpus file is readable");
        let outcome = std::panic::catch_unwind(|| drive::run(target, &data));
        match outcome {
            Ok(true) => {}
            Ok(false) => panic!(
                "{}: fuzz/{folder}/{target} is not a fuzz target; expected one of {:?}",
                path.display(),
                drive::TARGETS
            ),
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                panic!(
                    "{}: the {target} target panicked: {message}",
                    path.display()
                )
            }
        }
    }
    inputs.len()
}

#[test]
fn the_seed_corpus_runs_clean() {
    let n = run_folder("corpus");
    assert!(
        n >= 50,
        "only {n} corpus files were found under fuzz/corpus"
    );
    for target in drive::TARGETS {
        assert!(
            fuzz_dir().join("corpus").join(target).is_dir(),
            "fuzz/corpus/{target} is missing"
        );
    }
}

#[test]
fn the_regressions_run_clean() {
    // Crash reproducers found by fuzzing, kept after the fix; the folder may be empty.
    run_folder("regressions");
}

#[test]
fn an_unknown_target_is_reported() {
    assert!(!drive::run("water.minutes", b"x"));
    assert!(drive::TARGETS.iter().all(|t| drive::run(t, b"")));
}
