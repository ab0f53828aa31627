//! `dostyk report` end to end on the bundled dataset.

mod common;

use common::{command, run};

fn dataset() -> std::path::PathBuf {
    common::workspace("data/kz-uz")
}

#[test]
fn writes_the_requested_languages_and_formats_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(command()
        .arg("report")
        .arg("--data")
        .arg(dataset())
        .arg("--out")
        .arg(dir.path())
        .args(["--lang", "ru", "--format", "markdown,json"]));
    let err = &out.stderr;
    assert_eq!(out.code, Some(0), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("reading the dataset"), "{err}");
    assert!(err.contains("ru: rendering md"), "{err}");
    assert!(err.contains("report written: "), "{err}");
    assert!(dir.path().join("ru/report.md").is_file());
    assert!(dir.path().join("ru/report.json").is_file());
    assert!(!dir.path().join("en").exists());
}

/// The CLI builds the PDF and Word editions (dostyk-reporting's `pdf` and `docx` features).
#[test]
fn writes_pdf_and_word_editions() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(command()
        .arg("report")
        .arg("--data")
        .arg(dataset())
        .arg("--out")
        .arg(dir.path())
        .args(["--lang", "en", "--format", "pdf,docx"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let pdf = std::fs::read(dir.path().join("en/report.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let docx = std::fs::read(dir.path().join("en/report.docx")).unwrap();
    assert!(docx.starts_with(b"PK\x03\x04"));
    assert!(!dir.path().join("en/report.html").exists());
}

#[test]
fn a_missing_dataset_exits_with_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(command()
        .args(["--quiet", "report", "--data"])
        .arg(dir.path().join("no-such-dataset"))
        .arg("--out")
        .arg(dir.path().join("report")));
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("no-such-dataset"), "{err}");
    assert!(!dir.path().join("report").exists());
}

/// Issue #21: an as-of date outside the range a report can be made for, and an empty `--out`,
/// are usage errors (exit 2) that say what is expected; nothing is written.
#[test]
fn out_of_range_as_of_dates_and_an_empty_out_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (option, date) in ["--as-of", "--since"].into_iter().flat_map(|o| {
        [
            "0000-01-01",
            "-0001-01-01",
            "+12345-01-01",
            "1899-12-31",
            "2024-02-30",
        ]
        .map(|d| (o, d))
    }) {
        let out = run(command()
            .args(["report", &format!("{option}={date}"), "--out"])
            .arg(dir.path().join("report")));
        let err = &out.stderr;
        assert_eq!(out.code, Some(2), "{option} {date}: {err}");
        assert!(
            err.contains("is outside the dates a report can be made for, 1900-01-01 to 9999-12-31")
                || err.contains("is not a date"),
            "{date}: {err}"
        );
    }
    let out = run(command()
        .args(["report", "--out", ""])
        .current_dir(dir.path()));
    let err = &out.stderr;
    assert_eq!(out.code, Some(2), "{err}");
    assert!(err.contains("the output folder is empty"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A report run killed (SIGKILL) while it writes its files leaves no file behind: the files are
/// written without a name (`O_TMPFILE`) and named only once all are written. The run is caught
/// with a file open in the output folder that has no name yet; a run that finishes before it
/// can be caught is started again.
#[cfg(target_os = "linux")]
#[test]
fn a_report_killed_while_writing_leaves_no_file_behind() {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out_dir = dir.path().join("out").canonicalize().unwrap();
    for _attempt in 0..20 {
        let mut child = command()
            .args(["--quiet", "report", "--data"])
            .arg(dataset())
            .arg("--out")
            .arg(&out_dir)
            // The writing is what is tested: the formats that typeset in seconds (PDF takes
            // minutes in a debug build) keep each attempt short.
            .args(["--format", "html,md,json,xlsx"])
            .spawn()
            .expect("the dostyk binary runs");
        let fds = PathBuf::from(format!("/proc/{}/fd", child.id()));
        let started = Instant::now();
        let caught = loop {
            // An unnamed file shows as `<folder>/#<inode> (deleted)`; a named temporary (the
            // writer before unnamed files, or a file system without them) as its name.
            let writing = std::fs::read_dir(&fds)
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|fd| std::fs::read_link(fd.path()).ok())
                .find(|target| {
                    target.starts_with(&out_dir) && target.to_string_lossy().ends_with(" (deleted)")
                });
            if let Some(writing) = writing {
                break Some(writing);
            }
            if child.try_wait().unwrap().is_some() {
                break None;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the run neither ended nor wrote"
            );
        };
        let Some(writing) = caught else {
            // Finished first: clear the folder and try again.
            std::fs::remove_dir_all(&out_dir).unwrap();
            std::fs::create_dir(&out_dir).unwrap();
            continue;
        };
        child.kill().unwrap();
        child.wait().unwrap();
        let mut left = Vec::new();
        let mut todo = vec![out_dir.clone()];
        while let Some(folder) = todo.pop() {
            for entry in std::fs::read_dir(folder).unwrap().flatten() {
                if entry.file_type().unwrap().is_dir() {
                    todo.push(entry.path());
                } else {
                    left.push(entry.path());
                }
            }
        }
        assert!(
            left.is_empty(),
            "killed while writing {}, the run left {left:?}",
            writing.display()
        );
        return;
    }
    panic!("20 report runs ended before one could be caught writing");
}
