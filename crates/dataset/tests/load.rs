//! Loading whole dataset folders: the bundled test dataset loads, every listed file is read once
//! and only if it is a regular file (a named pipe is refused at once, never waited on), and kinds
//! are refused by the table of registered kinds.

use std::path::{Path, PathBuf};

use dostyk_core_model::read::ReadError;
use dostyk_dataset::{Problem, kinds, load};

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini")
}

/// A copy of the mini dataset in a temporary folder.
fn copy_of_mini() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(mini()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn the_mini_dataset_loads_with_every_record() {
    let data = load(&mini()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.manifest.name, "mini");
    assert!(!data.agenda.meetings.is_empty());
    assert!(!data.agenda.statements.is_empty());
    assert!(!data.trade_national.is_empty());
    assert!(!data.water_limits.is_empty());
    assert!(!data.water_intake.is_empty());
    assert!(!data.gas_national.is_empty());
    assert!(!data.freight.is_empty());
    assert!(!data.crossings.is_empty());
    // Every kind the mini dataset uses has a reader.
    for file in &data.manifest.files {
        let entry = kinds::entry(file.kind.as_str()).expect("a registered kind");
        assert!(entry.has_reader(), "{}", file.kind);
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A named pipe listed as a data file is refused without reading it: opening a pipe for
/// reading would block until a writer comes, that is for ever. Checked for a kind read from
/// text (the agenda) and for the kind whose domain reader opens the path itself
/// (`trade.national`).
#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_dataset_is_refused_not_waited_on() {
    for file in ["agenda.toml", "trade_national.csv"] {
        let dir = copy_of_mini();
        let pipe = dir.path().join(file);
        std::fs::remove_file(&pipe).unwrap();
        mkfifo(&pipe);
        let (done, result) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        std::thread::spawn(move || {
            let _ = done.send(load(&path).map(|_| ()));
        });
        let err = result
            .recv_timeout(std::time::Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("loading a dataset with a pipe as {file} hangs"))
            .unwrap_err();
        assert!(
            err.problems.iter().any(|p| matches!(
                p,
                Problem::Read(ReadError::NotAFile { what, .. }) if what.contains("named pipe")
            )),
            "{err}"
        );
        let text = err.to_string();
        assert!(text.contains(file), "{text}");
        assert!(text.contains("not a regular file"), "{text}");
    }
}

#[test]
fn a_folder_listed_as_a_file_is_refused() {
    let dir = copy_of_mini();
    std::fs::remove_file(dir.path().join("freight.csv")).unwrap();
    std::fs::create_dir(dir.path().join("freight.csv")).unwrap();
    let err = load(dir.path()).unwrap_err();
    assert!(
        matches!(
            err.problems.as_slice(),
            [Problem::Read(ReadError::NotAFile {
                what: "a folder",
                ..
            })]
        ),
        "{err}"
    );
}

#[test]
fn unknown_kinds_are_refused_with_the_registered_kinds() {
    let dir = copy_of_mini();
    let manifest = std::fs::read_to_string(dir.path().join("dataset.toml")).unwrap();
    std::fs::write(
        dir.path().join("dataset.toml"),
        manifest.replace("kind = \"transit.freight\"", "kind = \"transit.barges\""),
    )
    .unwrap();
    let err = load(dir.path()).unwrap_err();
    assert!(
        matches!(err.problems.as_slice(), [Problem::Manifest(_)]),
        "{err}"
    );
    let names: Vec<String> = kinds::entries()
        .iter()
        .map(|e| e.kind().to_string())
        .collect();
    let text = err.to_string();
    assert!(
        text.contains("files[6].kind: unknown file kind \"transit.barges\""),
        "{text}"
    );
    assert!(
        text.contains(&format!("expected one of: {}", names.join(", "))),
        "{text}"
    );
}

#[test]
fn problems_of_different_readers_are_collected_in_one_pass() {
    let dir = copy_of_mini();
    let limits = std::fs::read_to_string(dir.path().join("water_limits.csv")).unwrap();
    std::fs::write(
        dir.path().join("water_limits.csv"),
        limits.replacen("km3", "kilolitres", 1),
    )
    .unwrap();
    let gas = std::fs::read_to_string(dir.path().join("gas_national.csv")).unwrap();
    let mut lines: Vec<&str> = gas.lines().collect();
    let bad = lines[1].replacen(",test-", ",missing-", 1);
    lines[1] = &bad;
    std::fs::write(dir.path().join("gas_national.csv"), lines.join("\n") + "\n").unwrap();
    let err = load(dir.path()).unwrap_err();
    assert!(
        err.problems.iter().any(|p| matches!(p, Problem::Water(_))),
        "{err}"
    );
    assert!(
        err.problems
            .iter()
            .any(|p| matches!(p, Problem::UnknownSource { file, .. } if file.ends_with("gas_national.csv"))),
        "{err}"
    );
}
