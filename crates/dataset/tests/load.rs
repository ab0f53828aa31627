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

/// `copy_of_mini` with `extra` appended to its `dataset.toml`.
fn mini_with(extra: &str) -> tempfile::TempDir {
    let dir = copy_of_mini();
    let manifest = dir.path().join("dataset.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}\n{extra}")).unwrap();
    dir
}

/// The messages of a dataset that must fail, one per problem.
fn problems_of(dir: &Path) -> Vec<String> {
    let err = load(dir).expect_err("the dataset must be refused");
    err.problems.iter().map(ToString::to_string).collect()
}

/// Issue #21, item 4: the same file listed twice is refused, however its path is spelt (the
/// manifest normalises `./`, `//` and `a/../`), and through a link or a hard link (the loader
/// compares the real files); the message names both entries.
#[test]
fn a_file_listed_twice_is_refused_naming_both_entries() {
    for spelt in [
        "./gas_national.csv",
        "gas_national.csv",
        ".//gas_national.csv",
    ] {
        let dir = mini_with(&format!(
            "[[files]]\nid = \"g2\"\nkind = \"gas.national\"\npath = \"{spelt}\"\n"
        ));
        let problems = problems_of(dir.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains(&format!(
                "files[9].path: \"{spelt}\" is the file files[5] already lists (\"gas_national.csv\")"
            )),
            "{problems:?}"
        );
    }
    #[cfg(unix)]
    for link in [
        |from: &Path, to: &Path| std::os::unix::fs::symlink(from.file_name().unwrap(), to),
        |from: &Path, to: &Path| std::fs::hard_link(from, to),
    ] {
        let dir =
            mini_with("[[files]]\nid = \"g2\"\nkind = \"gas.national\"\npath = \"again.csv\"\n");
        link(
            &dir.path().join("gas_national.csv"),
            &dir.path().join("again.csv"),
        )
        .unwrap();
        let problems = problems_of(dir.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].ends_with(
                "again.csv: files[9] (id \"g2\") is the same file as files[5] (id \"gas\", path \"gas_national.csv\"); a file listed twice would be counted twice, so remove one of the entries from dataset.toml"
            ),
            "{problems:?}"
        );
    }
}

/// A renamed copy of a file is refused as a copy, for every kind (crossings too, whose reader
/// has no one-row-per-key rule).
#[test]
fn a_renamed_copy_is_refused() {
    for (name, kind) in [
        ("gas_national.csv", "gas.national"),
        ("crossings.csv", "transit.crossings"),
    ] {
        let dir = mini_with(&format!(
            "[[files]]\nid = \"copy\"\nkind = \"{kind}\"\npath = \"copy.csv\"\n"
        ));
        std::fs::copy(dir.path().join(name), dir.path().join("copy.csv")).unwrap();
        let problems = problems_of(dir.path());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains(&format!(
                "copy.csv: has the same content as {}",
                dir.path().join(name).display()
            )),
            "{problems:?}"
        );
    }
}

/// A row whose key an earlier file of the kind already gives is refused naming both files and
/// lines, for every kind whose reader refuses a key given twice in one file; the rows of a
/// longer copy are one problem with a count.
#[test]
fn a_row_given_in_two_files_is_refused_naming_both_files_and_lines() {
    let cases = [
        (
            "gas_national.csv",
            "gas.national",
            "line 2: the actual transit figure RUS→UZB via KAZ on route CAC for 2024 is already given in",
        ),
        (
            "freight.csv",
            "transit.freight",
            "line 2: the rail export freight of KZ-UZ rail for 2025 is already given in",
        ),
        ("trade_national.csv", "trade.national", "line 2: the "),
        (
            "water_intake.csv",
            "water.intake",
            "line 2: the intake of KAZ dostyk-canal in dekad 2025-04-D1 is already given in",
        ),
        ("water_limits.csv", "water.limits", "line 2: the limit of "),
        (
            "statements.csv",
            "trade.statements",
            "line 2: the statement of ",
        ),
    ];
    for (name, kind, expected) in cases {
        let dir = mini_with(&format!(
            "[[files]]\nid = \"more\"\nkind = \"{kind}\"\npath = \"more.csv\"\n"
        ));
        // The header and the first row of the file: not a copy, but its first row repeats.
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let mut lines = text.lines();
        let mut head = format!("{}\n{}\n", lines.next().unwrap(), lines.next().unwrap());
        if head == text {
            // A file of one row: another row, so the file is not a copy.
            head.push_str("KZ-UZ road,road,import,2020,1,,test-press,\n");
        }
        std::fs::write(dir.path().join("more.csv"), &head).unwrap();
        let problems = problems_of(dir.path());
        assert_eq!(problems.len(), 1, "{kind}: {problems:?}");
        let first = format!("{}, line 2", dir.path().join(name).display());
        assert!(problems[0].contains(expected), "{kind}: {problems:?}");
        assert!(problems[0].contains(&first), "{kind}: {problems:?}");
        assert!(
            problems[0].ends_with(
                "; a figure given in two files would be counted twice, so keep it in one file"
            ),
            "{kind}: {problems:?}"
        );
    }
    // A copy with one line changed: every row but one repeats, in one problem.
    let dir = mini_with("[[files]]\nid = \"more\"\nkind = \"water.intake\"\npath = \"more.csv\"\n");
    let text = std::fs::read_to_string(dir.path().join("water_intake.csv")).unwrap();
    let rows = text.lines().count() - 1;
    std::fs::write(
        dir.path().join("more.csv"),
        format!("{text}KAZ,total,2020-01-D1,1,Mm3,test-press\n"),
    )
    .unwrap();
    let problems = problems_of(dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(&format!(
            "(and {} more rows of this file repeat rows of {})",
            rows - 1,
            dir.path().join("water_intake.csv").display()
        )),
        "{problems:?}"
    );
}
