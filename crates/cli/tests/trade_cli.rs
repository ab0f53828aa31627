//! `dostyk trade summary|mirror` end to end.

mod common;

use std::path::{Path, PathBuf};

use common::{Run, run};

fn fixture(name: &str) -> PathBuf {
    common::workspace("crates/trade/tests/data").join(name)
}

/// Runs `dostyk trade <command>` on the fixtures `files`, then `args`.
fn trade(command: &str, files: &[&str], args: &[&str]) -> Run {
    run(common::command()
        .args(["trade", command])
        .args(files.iter().map(|f| fixture(f)))
        .args(args))
}

#[test]
fn summary_json_has_the_documented_fields() {
    let Run {
        code,
        stdout: text,
        stderr: err,
    } = trade(
        "summary",
        &[
            "comtrade_api_kaz_uzb.csv",
            "comtrade_legacy_human_kaz_2017.csv",
        ],
        &["--reporter", "kaz", "--partner", "UZB"],
    );
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first = &v[0];
    assert_eq!(first["reporter"], "KAZ");
    assert_eq!(first["partner"], "UZB");
    assert_eq!(first["period"], "2017");
    assert_eq!(first["exports_usd"], "1300000000");
    assert_eq!(first["imports_usd"], "735200000");
    assert_eq!(first["turnover_usd"], "2035200000");
    assert_eq!(first["balance_usd"], "564800000");
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[2]["rows_skipped"].as_array().unwrap().len(), 7);
    assert!(err.contains("reading 2 Comtrade file(s)"), "{err}");
}

#[test]
fn table_and_mirror_outputs() {
    let Run {
        code,
        stdout: text,
        stderr: err,
    } = trade(
        "summary",
        &["comtrade_api_kaz_uzb.csv"],
        &["--format", "table"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(text.starts_with("reporter  partner  period"), "{text}");
    assert!(
        text.contains("KAZ       UZB      2023     3100000000"),
        "{text}"
    );
    // The skipped rows are listed with their places, as every error names a place.
    assert!(
        text.contains("row(s) skipped: ") && text.contains("comtrade_api_kaz_uzb.csv, line 10; "),
        "{text}"
    );
    let Run {
        code,
        stdout: text,
        stderr: err,
    } = trade(
        "mirror",
        &["comtrade_api_kaz_uzb.csv"],
        &["--a", "KAZ", "--b", "UZB", "--format", "table"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(text.contains("2022    KAZ->UZB"), "{text}");
    assert!(text.contains("-5.66"), "{text}");
}

#[test]
fn out_writes_the_same_text_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("summary.json");
    let files = ["comtrade_api_kaz_uzb.csv"];
    let Run {
        stdout: printed, ..
    } = trade("summary", &files, &[]);
    let Run {
        code,
        stdout,
        stderr: err,
    } = trade("summary", &files, &["--out", target.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), printed);
}

#[test]
fn a_bad_file_is_an_error_and_nothing_is_printed() {
    let Run {
        code,
        stdout: text,
        stderr: err,
    } = trade(
        "summary",
        &["comtrade_api_kaz_uzb.csv", "bad_decimal_comma.csv"],
        &["--quiet"],
    );
    assert_ne!(code, Some(0));
    assert!(text.is_empty(), "{text}");
    assert!(
        err.contains("line 3, field \"primaryValue\": \"12,5\" is not a number"),
        "{err}"
    );
    assert!(!err.contains("reading"), "--quiet: {err}");
}

#[test]
fn mirror_needs_both_sides() {
    let out = trade("mirror", &["comtrade_api_kaz_uzb.csv"], &["--a", "KAZ"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("--b <ISO3>"), "{}", out.stderr);
}

#[test]
fn mirror_of_an_area_with_itself_is_a_usage_error() {
    // Issue #21: `--a KAZ --b KAZ` printed `[]` and exited 0.
    for (a, b) in [("KAZ", "KAZ"), ("KAZ", "398")] {
        let Run {
            code,
            stdout,
            stderr: err,
        } = trade(
            "mirror",
            &["comtrade_api_kaz_uzb.csv"],
            &["--a", a, "--b", b],
        );
        assert_eq!(code, Some(2), "--a {a} --b {b}");
        assert!(stdout.is_empty());
        assert!(
            err.starts_with(
                "error: --a and --b name the same area (KAZ); a mirror compares two different areas"
            ),
            "{err}"
        );
    }
}

#[test]
fn a_cr_only_comtrade_file_reads_as_the_lf_file() {
    // Issue #21: `tr '\n' '\r'` made the file read as empty: `[]`, exit 0.
    let dir = tempfile::tempdir().unwrap();
    let lf = std::fs::read(fixture("comtrade_api_kaz_uzb.csv")).unwrap();
    let cr: Vec<u8> = lf
        .iter()
        .map(|&c| if c == b'\n' { b'\r' } else { c })
        .collect();
    let path = dir.path().join("cr.csv");
    std::fs::write(&path, cr).unwrap();
    let output_of = |file: &Path, command: &str, args: &[&str]| {
        let out = run(common::command()
            .args(["trade", command])
            .arg(file)
            .args(args));
        assert!(out.ok(), "{}", out.stderr);
        out.stdout
    };
    let lf_path = fixture("comtrade_api_kaz_uzb.csv");
    for (command, args) in [
        ("summary", &["--format", "json"][..]),
        ("mirror", &["--a", "KAZ", "--b", "UZB"][..]),
    ] {
        let from_cr = output_of(&path, command, args);
        let from_lf = output_of(&lf_path, command, args);
        assert_ne!(from_cr.trim(), "[]", "{command}");
        // The rows are the same; only the file name differs in where they were read.
        let lf_name = lf_path.display().to_string();
        let cr_name = path.display().to_string();
        assert_eq!(
            from_cr.replace(&cr_name, "F").replace("comtrade-cr", "S"),
            from_lf
                .replace(&lf_name, "F")
                .replace("comtrade-comtrade_api_kaz_uzb", "S"),
            "{command}"
        );
    }
}

/// A Comtrade API CSV of `rows` rows of two lines each (a line end in the quoted description),
/// with a bad value in the row on line `bad_line` when given.
fn big_file(dir: &Path, rows: u32, bad_line: Option<u32>) -> PathBuf {
    use std::fmt::Write as _;
    let mut text =
        String::from("reporterCode,partnerCode,flowCode,period,cmdCode,cmdDesc,primaryValue\n");
    for i in 0..rows {
        let line = 2 + 2 * i;
        let value = if bad_line == Some(line) {
            "ten".to_owned()
        } else {
            format!("{}.5", i + 1)
        };
        let (reporter, partner) = [(398, 860), (860, 398), (398, 417)][(i % 3) as usize];
        let flow = if i % 2 == 0 { "X" } else { "M" };
        let _ = writeln!(
            text,
            "{reporter},{partner},{flow},{},{:06},\"goods, line\n{line}\",{value}",
            2015 + i % 8,
            100_000 + i
        );
    }
    let path = dir.join(format!("big_{rows}_{bad_line:?}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn summary_is_the_same_on_one_thread_and_on_several() {
    let dir = tempfile::tempdir().unwrap();
    // 3 MiB: several ranges of the parallel reader; descriptions hold line ends.
    let file = big_file(dir.path(), 50_000, None);
    let at = |threads: &str, format: &str| {
        run(common::command()
            .args(["trade", "summary"])
            .arg(&file)
            .args(["--threads", threads, "--format", format]))
    };
    for format in ["json", "table"] {
        let one = at("1", format);
        assert_eq!(one.code, Some(0), "{}", one.stderr);
        assert!(one.stdout.contains("KAZ"), "{}", one.stdout);
        for threads in ["2", "3"] {
            assert_eq!(
                at(threads, format).stdout,
                one.stdout,
                "{threads} threads, {format}"
            );
        }
    }
    // The first bad cell, with its line, whatever the thread count.
    let bad = big_file(dir.path(), 50_000, Some(80_002));
    let errors: Vec<String> = ["1", "2", "4"]
        .iter()
        .map(|t| {
            let r = run(common::command()
                .args(["trade", "summary"])
                .arg(&bad)
                .args(["--threads", t]));
            assert_eq!(r.code, Some(1), "{}", r.stderr);
            r.stderr
        })
        .collect();
    assert!(errors[0].contains("line 80002"), "{}", errors[0]);
    assert!(errors.iter().all(|e| e == &errors[0]), "{errors:?}");
    let zero = run(common::command()
        .args(["trade", "summary"])
        .arg(&file)
        .args(["--threads", "0"]));
    assert_eq!(zero.code, Some(2), "{}", zero.stderr);
}
