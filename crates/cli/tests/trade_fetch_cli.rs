//! `dostyk trade fetch` end to end, against a local HTTP server on the loopback address.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A server answering every call with one record per reporter, partner, period, flow and code
/// asked for (TOTAL: (reporter + partner + year) million US$; `AG2`: chapters 10, 27 and 72,
/// each chapter x 10 million US$), or with `status` and no data when it is not 200. Returns its address and the count of calls it received.
fn server(status: u16) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
            }
            let target = line.split_whitespace().nth(1).unwrap_or("").to_owned();
            let query = target.split_once('?').map_or("", |(_, q)| q);
            let param = |k: &str| -> Vec<String> {
                query
                    .split('&')
                    .filter_map(|kv| kv.split_once('='))
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.split(',').map(str::to_owned).collect())
                    .unwrap_or_default()
            };
            let mut records = Vec::new();
            for r in param("reporterCode") {
                // A country does not trade with itself.
                for p in param("partnerCode").into_iter().filter(|p| *p != r) {
                    for period in param("period") {
                        for f in param("flowCode") {
                            for cmd in param("cmdCode") {
                                // AG2: three chapters, worth chapter x 10 million each.
                                let codes = if cmd == "AG2" {
                                    vec!["10", "27", "72"]
                                } else {
                                    vec![cmd.as_str()]
                                };
                                for code in codes {
                                    let value = if code == "TOTAL" {
                                        (r.parse::<u64>().unwrap()
                                            + p.parse::<u64>().unwrap()
                                            + period.parse::<u64>().unwrap())
                                            * 1_000_000
                                    } else {
                                        code.parse::<u64>().unwrap() * 10_000_000
                                    };
                                    records.push(format!(
                                        r#"{{"freqCode":"A","refYear":{period},"refMonth":52,"period":"{period}","reporterCode":{r},"flowCode":"{f}","partnerCode":{p},"partner2Code":0,"classificationCode":"H6","cmdCode":"{code}","customsCode":"C00","motCode":0,"primaryValue":{value}}}"#
                                    ));
                                }
                            }
                        }
                    }
                }
            }
            let body = if status == 200 {
                format!(
                    r#"{{"count":{},"data":[{}],"error":""}}"#,
                    records.len(),
                    records.join(",")
                )
            } else {
                r#"{"statusCode":503,"message":"Service Unavailable"}"#.to_owned()
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, calls)
}

fn dostyk(args: &[&str], base: &str, cache: &Path, dataset: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dostyk"))
        .env_remove("COMTRADE_API_KEY")
        .args(args)
        .args([
            "--api-base",
            base,
            "--per-second",
            "1000",
            "--max-attempts",
            "1",
        ])
        .arg("--cache")
        .arg(cache)
        .arg("--into")
        .arg(dataset)
        .output()
        .expect("the dostyk binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fetch_writes_a_dataset_file_that_trade_summary_reads() {
    let (base, calls) = server(200);
    let cache = tempfile::tempdir().unwrap();
    let dataset = tempfile::tempdir().unwrap();
    let args = [
        "trade",
        "fetch",
        "--reporter",
        "KAZ,UZB",
        "--partner",
        "UZB,KAZ",
        "--years",
        "2022-2023",
    ];
    let out = dostyk(&args, &base, cache.path(), dataset.path());
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("no COMTRADE_API_KEY"), "{stderr}");
    assert!(
        stderr.contains("   1/1    fetched 8 records so far"),
        "{stderr}"
    );
    assert!(
        stdout.starts_with(
            "8 records from 1 calls (0 from the cache, 1 fetched, 0 split at the cap)"
        ),
        "{stdout}"
    );
    let csv = dataset
        .path()
        .join("trade/comtrade_kaz-uzb_uzb-kaz_2022-2023_a_total_x-m.csv");
    assert!(csv.exists(), "{stdout}");
    let manifest = std::fs::read_to_string(dataset.path().join("dataset.toml")).unwrap();
    assert!(manifest.contains("kind = \"trade.comtrade\""), "{manifest}");
    assert!(manifest.contains("side = \"third_party\""), "{manifest}");
    // The written file is an ordinary Comtrade file.
    let summary = Command::new(env!("CARGO_BIN_EXE_dostyk"))
        .args(["trade", "summary"])
        .arg(&csv)
        .args(["--reporter", "KAZ", "--partner", "UZB", "--quiet"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&summary.stdout).unwrap();
    // (398 + 860 + 2023) million, exports and imports.
    assert_eq!(v[1]["period"], "2023");
    assert_eq!(v[1]["turnover_usd"], "6562000000");
    // A rerun makes no call.
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let again = dostyk(&args, &base, cache.path(), dataset.path());
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).starts_with("8 records from 1 calls (1 from the cache"),
        "{}",
        text(&again.stdout)
    );
    // Except with --refresh, which fetches again and reports no revision.
    let refreshed = dostyk(
        &[&args[..], &["--refresh"]].concat(),
        &base,
        cache.path(),
        dataset.path(),
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert!(
        text(&refreshed.stdout).contains("no revisions"),
        "{}",
        text(&refreshed.stdout)
    );
}

#[test]
fn a_failing_api_ends_with_the_call_and_exit_1() {
    let (base, _) = server(503);
    let cache = tempfile::tempdir().unwrap();
    let dataset = tempfile::tempdir().unwrap();
    let out = dostyk(
        &["trade", "fetch", "--reporter", "KAZ", "--years", "2023"],
        &base,
        cache.path(),
        dataset.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("/public/v1/preview/C/A/HS?reporterCode=398&period=2023"),
        "{stderr}"
    );
    assert!(
        stderr.contains("HTTP 503 (Service Unavailable)"),
        "{stderr}"
    );
    assert!(!dataset.path().join("dataset.toml").exists());
}

#[test]
fn bad_arguments_are_usage_errors() {
    let base = "http://127.0.0.1:9";
    let dir = tempfile::tempdir().unwrap();
    for (args, expect) in [
        (
            &["--years", "2025-2015"][..],
            "write the earlier year first",
        ),
        (&["--years", "23"][..], "is not a year"),
        (&["--years", "2023", "--hs", "2x"][..], "is not an HS code"),
        (
            &["--years", "2023", "--flows", "Q"][..],
            "not a Comtrade flow code",
        ),
        (&["--years", "2023", "--per-second", "0"][..], "above 0"),
        (
            &["--years", "2023", "--name", "../x"][..],
            "letters, digits",
        ),
    ] {
        let all = [&["trade", "fetch", "--reporter", "KAZ"][..], args].concat();
        let out = dostyk(&all, base, dir.path(), dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(expect),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn help_names_the_key_variable_and_the_cache() {
    let out = Command::new(env!("CARGO_BIN_EXE_dostyk"))
        .args(["trade", "fetch", "--help"])
        .output()
        .unwrap();
    let help = text(&out.stdout);
    assert!(help.contains("COMTRADE_API_KEY"), "{help}");
    assert!(help.contains("Ocp-Apim-Subscription-Key"), "{help}");
    assert!(help.contains("--refresh"), "{help}");
}

#[test]
fn a_fetched_hs_dataset_shows_in_the_briefing() {
    let (base, _) = server(200);
    let cache = tempfile::tempdir().unwrap();
    let dataset = tempfile::tempdir().unwrap();
    let mini = Path::new(env!("CARGO_MANIFEST_DIR")).join("../reporting/tests/data/mini");
    for entry in std::fs::read_dir(mini).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dataset.path().join(path.file_name().unwrap())).unwrap();
    }
    let out = dostyk(
        &[
            "trade",
            "fetch",
            "--reporter",
            "KAZ",
            "--partner",
            "UZB",
            "--years",
            "2023",
            "--hs",
            "2",
        ],
        &base,
        cache.path(),
        dataset.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_dostyk"))
        .args([
            "report", "--lang", "en", "--format", "md", "--quiet", "--data",
        ])
        .arg(dataset.path())
        .arg("--out")
        .arg(report.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run.stderr));
    let md = std::fs::read_to_string(report.path().join("en/report.md")).unwrap();
    // Exports: 27 mineral fuels 270 m of 1.09 bn; the agri-food lens: chapter 10, 100 m.
    assert!(
        md.contains("| Kazakhstan | exports | V Mineral products | $270 m |"),
        "{md}"
    );
    assert!(md.contains("| Kazakhstan | exports | $100 m |"), "{md}");
}
