//! Safety of whole report runs: hostile texts from data stay inert in every format, a run that
//! fails while writing leaves the previous report whole, and concurrent runs into one folder do
//! not mix their files.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dostyk_reporting::i18n::Language;
use dostyk_reporting::render::Format;
use dostyk_reporting::{ReportOptions, run};

const IMG: &str = "<img src=x onerror=alert(1)>";

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini")
}

/// A copy of the mini dataset whose projects carry hostile texts.
fn hostile_dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(mini()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let agenda = std::fs::read_to_string(mini().join("agenda.toml")).unwrap();
    let agenda = agenda
        .replace("<script>alert(1)</script> plant", IMG)
        .replace("location = \"Kostanay\"", "location = \"+SUM(A1:A9)\"")
        .replace("sector = \"Automotive\"", "sector = \"-2+3\"")
        .replace(
            "name = \"Vehicle assembly\"",
            "name = \"@cmd|' /C calc'!A0\"",
        );
    std::fs::write(dir.path().join("agenda.toml"), agenda).unwrap();
    dir
}

fn options(data: &Path, out: &Path) -> ReportOptions {
    ReportOptions::builder()
        .data(data)
        .out(out)
        .languages(Language::ALL)
        .formats(Format::ALL.into_iter().filter(Format::is_available))
        .build()
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path.strip_prefix(root).unwrap().to_path_buf(), bytes));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Panics unless `out` holds nothing but the language folders: no lock, no temporary.
fn assert_only_language_folders(out: &Path) {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["en", "kk", "ru", "uz"],
        "the output folder holds more than the report"
    );
}

#[test]
fn after_a_run_the_output_folder_holds_only_the_language_folders() {
    let out = tempfile::tempdir().unwrap();
    run(&options(&mini(), out.path())).unwrap();
    assert_only_language_folders(out.path());
    // A second run into the same folder (the lock is taken again) leaves nothing either.
    let mut progress = Vec::new();
    dostyk_reporting::run_with_progress(&options(&mini(), out.path()), &mut |line| {
        progress.push(line.to_owned());
    })
    .unwrap();
    assert_only_language_folders(out.path());
    assert!(
        progress.iter().any(|l| l.starts_with("writing ")),
        "{progress:?}"
    );
}

#[test]
fn hostile_texts_stay_text_in_html_and_markdown() {
    let data = hostile_dataset();
    let out = tempfile::tempdir().unwrap();
    run(&options(data.path(), out.path())).unwrap();

    let html = std::fs::read_to_string(out.path().join("en/report.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let img = scraper::Selector::parse("img, script, [onerror]").unwrap();
    assert_eq!(doc.select(&img).count(), 0, "markup from data became HTML");
    let cells = scraper::Selector::parse("td").unwrap();
    let texts: Vec<String> = doc
        .select(&cells)
        .map(|td| td.text().collect::<String>())
        .collect();
    assert!(
        texts.iter().any(|t| t == IMG),
        "the name is not shown as text"
    );
    assert!(texts.iter().any(|t| t == "Chemicals | ](x)"));

    let md = std::fs::read_to_string(out.path().join("en/report.md")).unwrap();
    assert!(!md.contains("<img"), "raw markup in the Markdown");
    assert!(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt;"));
    // The project rows keep the table's shape: as many unescaped '|' as the header row.
    let pipes = |line: &str| {
        let bytes = line.as_bytes();
        (0..bytes.len())
            .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
            .count()
    };
    let row = md
        .lines()
        .find(|l| l.contains("onerror"))
        .expect("the project row is in the Markdown");
    let header = md
        .lines()
        .take_while(|l| *l != row)
        .filter(|l| l.starts_with('|'))
        .last()
        .expect("the project table has a header");
    assert_eq!(pipes(row), pipes(header), "{row}");
    assert!(!md.contains("](x)"), "a link from data survived: {md}");
}

#[test]
fn formula_like_cells_stay_strings_in_excel() {
    let data = hostile_dataset();
    let out = tempfile::tempdir().unwrap();
    run(&options(data.path(), out.path())).unwrap();
    let bytes = std::fs::read(out.path().join("en/report.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut strings = String::new();
    let mut sheets = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        if name == "xl/sharedStrings.xml" {
            file.read_to_string(&mut strings).unwrap();
        } else if name.starts_with("xl/worksheets/") {
            file.read_to_string(&mut sheets).unwrap();
        }
    }
    assert!(!sheets.contains("<f>"), "a cell became a formula");
    for text in ["+SUM(A1:A9)", "-2+3", "@cmd|' /C calc'!A0", "=HYPERLINK("] {
        let xml = text.replace('&', "&amp;").replace('\'', "&apos;");
        assert!(
            strings.contains(text) || strings.contains(&xml),
            "{text} is not kept as a string"
        );
    }
}

#[test]
fn a_run_that_fails_while_renaming_keeps_the_previous_report() {
    let out = tempfile::tempdir().unwrap();
    let data = mini();
    run(&options(&data, out.path())).unwrap();
    let before = snapshot(out.path());

    // The next run has other contents (another as-of date) and its last file cannot be put in
    // place: a folder stands where the Russian workbook goes. Every temporary is written first,
    // so the failure comes after the English files could have been replaced.
    let ru_xlsx = out.path().join("ru/report.xlsx");
    std::fs::remove_file(&ru_xlsx).unwrap();
    std::fs::create_dir_all(ru_xlsx.join("inside")).unwrap();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(p, _)| p != Path::new("ru/report.xlsx"))
        .chain([(PathBuf::from("ru/report.xlsx/inside/x"), Vec::new())])
        .collect();
    std::fs::write(ru_xlsx.join("inside/x"), b"").unwrap();

    let mut later = options(&data, out.path());
    later.as_of = Some(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap());
    let err = run(&later).unwrap_err().to_string();
    assert!(err.contains("ru/report.xlsx"), "{err}");
    let mut after = snapshot(out.path());
    after.sort();
    let mut expected = before;
    expected.sort();
    let names = |v: &[(PathBuf, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&after),
        names(&expected),
        "files were added or left behind"
    );
    assert!(after == expected, "a file of the previous report changed");
}

#[test]
fn concurrent_runs_into_one_folder_leave_one_consistent_report() {
    let out = tempfile::tempdir().unwrap();
    let dates = [(2026, 11, 27), (2027, 3, 31), (2027, 6, 30)];
    // What each run writes on its own: the reference sets.
    let alone: Vec<Vec<(PathBuf, Vec<u8>)>> = dates
        .iter()
        .map(|&(y, m, d)| {
            let dir = tempfile::tempdir().unwrap();
            let mut o = options(&mini(), dir.path());
            o.as_of = NaiveDate::from_ymd_opt(y, m, d);
            run(&o).unwrap();
            snapshot(dir.path())
        })
        .collect();
    let handles: Vec<_> = dates
        .iter()
        .map(|&(y, m, d)| {
            let mut o = options(&mini(), out.path());
            o.as_of = NaiveDate::from_ymd_opt(y, m, d);
            std::thread::spawn(move || run(&o).map(|_| ()).map_err(|e| e.to_string()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    let result = snapshot(out.path());
    assert_only_language_folders(out.path());
    assert!(
        alone.contains(&result),
        "the folder holds a mix of runs: {:?}",
        result.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
}

#[test]
fn a_run_killed_before_renaming_leaves_the_report_and_the_next_run_cleans_up() {
    let out = tempfile::tempdir().unwrap();
    run(&options(&mini(), out.path())).unwrap();
    let before = snapshot(out.path());
    // What a run killed after writing its temporaries leaves: half-written temporaries beside
    // the report, named as `output::write_all` names them.
    for name in [
        "en/report.html.4242-0.dostyk-tmp",
        "ru/report.md.4242-7.dostyk-tmp",
    ] {
        std::fs::write(out.path().join(name), b"<html><body>half").unwrap();
    }
    let report: Vec<_> = snapshot(out.path())
        .into_iter()
        .filter(|(p, _)| !p.to_string_lossy().ends_with(".dostyk-tmp"))
        .collect();
    assert!(report == before, "the report itself was touched");

    run(&options(&mini(), out.path())).unwrap();
    assert!(
        snapshot(out.path()) == before,
        "the next run left temporaries behind or changed the report"
    );
}

/// Options for a quick run: English, Markdown and JSON.
#[cfg(unix)]
fn quick(out: &Path) -> ReportOptions {
    ReportOptions::builder()
        .data(mini())
        .out(out)
        .languages([Language::En])
        .formats([Format::Markdown, Format::Json])
        .build()
}

/// Issue #21, item 15: a language folder inside the output folder that is a link to a folder
/// elsewhere is refused before anything is written; nothing lands where it points.
#[cfg(unix)]
#[test]
fn a_symlinked_language_folder_is_refused_and_nothing_is_written_through_it() {
    let root = tempfile::tempdir().unwrap();
    let (out, elsewhere) = (root.path().join("o"), root.path().join("e"));
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink("../e", out.join("en")).unwrap();
    let err = run(&quick(&out)).unwrap_err().to_string();
    assert!(
        err.contains("is a symbolic link inside the output folder"),
        "{err}"
    );
    assert!(err.contains("o/en"), "{err}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    // A folder deeper down (charts/) is refused the same way.
    std::fs::remove_file(out.join("en")).unwrap();
    std::fs::create_dir(out.join("en")).unwrap();
    std::os::unix::fs::symlink("../../e", out.join("en/charts")).unwrap();
    let err = run(&quick(&out)).unwrap_err().to_string();
    assert!(err.contains("en/charts"), "{err}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert_eq!(std::fs::read_dir(out.join("en")).unwrap().count(), 1);
}

/// A report file that is a link to a file elsewhere is replaced by the report (the link
/// itself goes), and the file it pointed to is left as it was.
#[cfg(unix)]
#[test]
fn a_symlinked_report_file_is_replaced_never_written_through() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("o");
    let victim = root.path().join("victim.json");
    std::fs::create_dir_all(out.join("en")).unwrap();
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("en/report.json")).unwrap();
    run(&quick(&out)).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let meta = std::fs::symlink_metadata(out.join("en/report.json")).unwrap();
    assert!(meta.file_type().is_file(), "{meta:?}");
    let mut names: Vec<String> = std::fs::read_dir(out.join("en"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["charts", "report.json", "report.md"]);
}

/// The output folder itself may be a link: it is the folder the caller named (as `cd` into a
/// link would), so the report goes where it points; only links inside it are refused.
#[cfg(unix)]
#[test]
fn an_output_folder_that_is_itself_a_link_is_followed() {
    let root = tempfile::tempdir().unwrap();
    let real = root.path().join("real");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, root.path().join("link")).unwrap();
    run(&quick(&root.path().join("link"))).unwrap();
    assert!(real.join("en/report.json").is_file());
}

/// A report file replaced by a link to a file elsewhere while runs are writing, over and
/// over: no run ever writes into the file the link points to.
#[cfg(unix)]
#[test]
fn a_report_file_replaced_by_a_link_during_runs_is_never_written_through() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("o");
    let victim = root.path().join("victim.md");
    std::fs::write(&victim, "precious").unwrap();
    run(&quick(&out)).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (stop, out, victim) = (stop.clone(), out.clone(), victim.clone());
        std::thread::spawn(move || {
            let target = out.join("en/report.md");
            let planted = out.join("en/planted.lnk");
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::remove_file(&planted);
                if std::os::unix::fs::symlink(&victim, &planted).is_ok() {
                    let _ = std::fs::rename(&planted, &target);
                }
                std::thread::yield_now();
            }
            let _ = std::fs::remove_file(&planted);
        })
    };
    for _ in 0..5 {
        // A run may fail on a file that moves under it; it must never write through the link.
        let _ = run(&quick(&out));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// Issue #21: a rerun with fewer formats removes the report files of the formats it did not
/// write (and charts it no longer draws), and nothing else the folder holds.
#[test]
fn a_rerun_with_fewer_formats_removes_the_old_formats_only() {
    let out = tempfile::tempdir().unwrap();
    run(&options(&mini(), out.path())).unwrap();
    std::fs::write(out.path().join("en/notes.txt"), "mine").unwrap();
    assert!(out.path().join("en/charts").read_dir().unwrap().count() > 0);
    let json_only = ReportOptions::builder()
        .data(mini())
        .out(out.path())
        .languages(Language::ALL)
        .formats([Format::Json])
        .build();
    run(&json_only).unwrap();
    for lang in ["en", "ru"] {
        let mut names: Vec<String> = std::fs::read_dir(out.path().join(lang))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let expected: &[&str] = if lang == "en" {
            &["charts", "notes.txt", "report.json"]
        } else {
            &["charts", "report.json"]
        };
        assert_eq!(names, expected, "{lang}");
        assert_eq!(
            out.path()
                .join(lang)
                .join("charts")
                .read_dir()
                .unwrap()
                .count(),
            0,
            "{lang}"
        );
    }
}

/// Issue #21: an as-of date outside 1900-01-01..=9999-12-31 and an empty output folder are
/// refused before the dataset is read, saying what is expected.
#[test]
fn out_of_range_as_of_dates_and_an_empty_out_are_refused_up_front() {
    let out = tempfile::tempdir().unwrap();
    for (y, m, d) in [(0, 1, 1), (-1, 1, 1), (1899, 12, 31)] {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut options = options(Path::new("no-such-dataset"), out.path());
        options.as_of = Some(date);
        let err = run(&options).unwrap_err().to_string();
        assert!(
            err.contains("is outside the dates a report can be made for, 1900-01-01 to 9999-12-31"),
            "{err}"
        );
    }
    let err = run(&options(&mini(), Path::new("")))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("the output folder is empty"), "{err}");
    assert_eq!(out.path().read_dir().unwrap().count(), 0);
}
