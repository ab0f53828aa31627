//! `dostyk trade summary|mirror` end to end.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../trade/tests/data")
        .join(name)
}

/// Runs `dostyk trade <args>` with the fixtures' paths first; (success, stdout, stderr).
fn trade(command: &str, files: &[&str], args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dostyk"))
        .args(["trade", command])
        .args(files.iter().map(|f| fixture(f)))
        .args(args)
        .output()
        .expect("the dostyk binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn summary_json_has_the_documented_fields() {
    let (ok, text, err) = trade(
        "summary",
        &[
            "comtrade_api_kaz_uzb.csv",
            "comtrade_legacy_human_kaz_2017.csv",
        ],
        &["--reporter", "kaz", "--partner", "UZB"],
    );
    assert!(ok, "{err}");
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
    let (ok, text, err) = trade(
        "summary",
        &["comtrade_api_kaz_uzb.csv"],
        &["--format", "table"],
    );
    assert!(ok, "{err}");
    assert!(text.starts_with("reporter  partner  period"), "{text}");
    assert!(
        text.contains("KAZ       UZB      2023     3100000000"),
        "{text}"
    );
    let (ok, text, err) = trade(
        "mirror",
        &["comtrade_api_kaz_uzb.csv"],
        &["--a", "KAZ", "--b", "UZB", "--format", "table"],
    );
    assert!(ok, "{err}");
    assert!(text.contains("2022    KAZ->UZB"), "{text}");
    assert!(text.contains("-5.66"), "{text}");
}

#[test]
fn out_writes_the_same_text_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("summary.json");
    let files = ["comtrade_api_kaz_uzb.csv"];
    let (_, printed, _) = trade("summary", &files, &[]);
    let (ok, stdout, err) = trade("summary", &files, &["--out", target.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), printed);
}

#[test]
fn a_bad_file_is_an_error_and_nothing_is_printed() {
    let (ok, text, err) = trade(
        "summary",
        &["comtrade_api_kaz_uzb.csv", "bad_decimal_comma.csv"],
        &["--quiet"],
    );
    assert!(!ok);
    assert!(text.is_empty(), "{text}");
    assert!(
        err.contains("line 3, field \"primaryValue\": \"12,5\" is not a number"),
        "{err}"
    );
    assert!(!err.contains("reading"), "--quiet: {err}");
}

#[test]
fn mirror_needs_both_sides() {
    let out = Command::new(env!("CARGO_BIN_EXE_dostyk"))
        .args(["trade", "mirror"])
        .arg(fixture("comtrade_api_kaz_uzb.csv"))
        .args(["--a", "KAZ"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--b <ISO3>"));
}

#[test]
fn mirror_of_an_area_with_itself_is_a_usage_error() {
    // Issue #21: `--a KAZ --b KAZ` printed `[]` and exited 0.
    for (a, b) in [("KAZ", "KAZ"), ("KAZ", "398")] {
        let out = Command::new(env!("CARGO_BIN_EXE_dostyk"))
            .args(["trade", "mirror"])
            .arg(fixture("comtrade_api_kaz_uzb.csv"))
            .args(["--a", a, "--b", b])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--a {a} --b {b}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
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
    let run = |file: &Path, command: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dostyk"))
            .args(["trade", command])
            .arg(file)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let lf_path = fixture("comtrade_api_kaz_uzb.csv");
    for (command, args) in [
        ("summary", &["--format", "json"][..]),
        ("mirror", &["--a", "KAZ", "--b", "UZB"][..]),
    ] {
        let from_cr = run(&path, command, args);
        let from_lf = run(&lf_path, command, args);
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
