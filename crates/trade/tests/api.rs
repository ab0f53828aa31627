//! The Comtrade+ API client against a local HTTP server started by each test on the loopback
//! address (no network): normal answers, 429 with a stated wait, 500 then success, an answer
//! at the cap, malformed JSON, an `error` field, a dropped connection mid-body, a timeout, a
//! resumed run, a refresh that finds revisions, and the dataset files written.
#![cfg(feature = "api")]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dostyk_trade::TradeError;
use dostyk_trade::api::{
    ApiKey, Commodities, FetchOptions, FetchRequest, Fetched, Frequency, RateLimits, RetryPolicy,
    fetch, write_dataset,
};
use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::ReadOptions;
use dostyk_trade::flow::FlowCode;
use dostyk_trade::summary::{read_files, summarize};
use rust_decimal::Decimal;

/// A request the server saw.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    params: BTreeMap<String, String>,
    headers: Vec<(String, String)>,
}

/// What the server does with a request.
enum Reply {
    Json(u16, Vec<(&'static str, String)>, String),
    /// Headers promising more bytes than are sent, then the connection closes.
    DropMidBody,
    /// No answer for this long.
    Stall(Duration),
}

type Handler = dyn Fn(&Seen, usize) -> Reply + Send + Sync;

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let log = Arc::clone(&log);
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || serve(stream, &log, &*handler));
            }
        });
        Server { base, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Seen>>, handler: &Handler) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.trim().split_once(':') {
            headers.push((k.trim().to_lowercase(), v.trim().to_owned()));
        }
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let params = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let seen = Seen {
        path: path.to_owned(),
        params,
        headers,
    };
    let n = {
        let mut log = log.lock().unwrap();
        log.push(seen.clone());
        log.len()
    };
    let mut stream = stream;
    match handler(&seen, n) {
        Reply::Json(status, extra, body) => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in extra {
                let _ = write!(head, "{k}: {v}\r\n");
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
        Reply::DropMidBody => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{\"count\":1,\"data\":[{\"reporterCode\":",
            );
        }
        Reply::Stall(d) => std::thread::sleep(d),
    }
    let _ = stream.flush();
}

/// One TOTAL record per reporter, partner, period and flow asked for: value =
/// reporter + partner + year (in millions) so each cell is recognisable.
fn records(seen: &Seen) -> Vec<String> {
    let list = |k: &str| -> Vec<String> {
        seen.params
            .get(k)
            .map(|v| v.split(',').map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for r in list("reporterCode") {
        for p in list("partnerCode") {
            for period in list("period") {
                for f in list("flowCode") {
                    let value: u64 = (r.parse::<u64>().unwrap()
                        + p.parse::<u64>().unwrap()
                        + period[..4].parse::<u64>().unwrap())
                        * 1_000_000;
                    let (year, month) = period.split_at(4);
                    let (freq, month, first_day) = if month.is_empty() {
                        ("A", "52", format!("{year}0101"))
                    } else {
                        (
                            "M",
                            month.trim_start_matches('0'),
                            format!("{year}{month}01"),
                        )
                    };
                    out.push(format!(
                        r#"{{"typeCode":"C","freqCode":"{freq}","refPeriodId":{first_day},"refYear":{year},"refMonth":{month},"period":"{period}","reporterCode":{r},"flowCode":"{f}","partnerCode":{p},"partner2Code":0,"classificationCode":"H6","cmdCode":"TOTAL","customsCode":"C00","motCode":0,"qty":null,"primaryValue":{value}.0,"isReported":true}}"#
                    ));
                }
            }
        }
    }
    out
}

fn answer(records: &[String]) -> Reply {
    Reply::Json(
        200,
        vec![],
        format!(
            r#"{{"elapsedTime":"0.01 secs","count":{},"data":[{}],"error":""}}"#,
            records.len(),
            records.join(",")
        ),
    )
}

fn ok(seen: &Seen, _: usize) -> Reply {
    answer(&records(seen))
}

fn request(first: u16, last: u16) -> FetchRequest {
    FetchRequest {
        reporters: vec![M49Area::from_m49(398)],
        partners: vec![M49Area::from_m49(860)],
        frequency: Frequency::Annual,
        periods: FetchRequest::periods_between(first, last, false),
        flows: vec![FlowCode::Export, FlowCode::Import],
        commodities: Commodities::Total,
    }
}

fn options(server: &Server, cache: &std::path::Path) -> FetchOptions {
    FetchOptions {
        api_base: server.base.clone(),
        key: None,
        cache_dir: cache.to_path_buf(),
        refresh: false,
        limits: RateLimits {
            per_second: 1000.0,
            per_day: 1000,
        },
        retry: RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(40),
            max_stated_wait: Duration::from_secs(5),
            timeout: Duration::from_secs(5),
        },
        max_records: None,
    }
}

fn run(request: &FetchRequest, options: &FetchOptions) -> Result<Fetched, TradeError> {
    fetch(request, options, &mut |_| {})
}

fn turnover(fetched: &Fetched) -> Vec<(String, Option<Decimal>)> {
    let agg = fetched
        .aggregator("test.csv", &ReadOptions::default())
        .unwrap();
    summarize(&agg)
        .iter()
        .map(|r| (r.period.to_string(), r.turnover_usd))
        .collect()
}

#[test]
fn the_preview_answers_become_the_records_the_file_reader_gives() {
    let server = Server::start(ok);
    let cache = tempfile::tempdir().unwrap();
    let fetched = run(&request(2022, 2023), &options(&server, cache.path())).unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/public/v1/preview/C/A/HS");
    for (k, v) in [
        ("reporterCode", "398"),
        ("partnerCode", "860"),
        ("period", "2022,2023"),
        ("flowCode", "X,M"),
        ("cmdCode", "TOTAL"),
        ("partner2Code", "0"),
        ("motCode", "0"),
        ("customsCode", "C00"),
        ("maxRecords", "500"),
    ] {
        assert_eq!(seen[0].params.get(k).map(String::as_str), Some(v), "{k}");
    }
    assert!(
        !seen[0]
            .headers
            .iter()
            .any(|(k, _)| k == "ocp-apim-subscription-key")
    );
    assert_eq!(fetched.records, 4);
    // 2022: X and M each (398 + 860 + 2022) million.
    assert_eq!(
        turnover(&fetched),
        [
            ("2022".to_owned(), Some(Decimal::from(2 * 3_280_000_000u64))),
            ("2023".to_owned(), Some(Decimal::from(2 * 3_281_000_000u64))),
        ]
    );
    let call = &fetched.calls[0];
    assert_eq!(call.count, 4);
    assert_eq!(call.sha256.len(), 64);
    assert!(!call.from_cache);
    assert_eq!(call.metadata["elapsedTime"], "0.01 secs");
}

#[test]
fn the_key_goes_in_the_header_of_data_calls_and_nowhere_else() {
    let server = Server::start(ok);
    let cache = tempfile::tempdir().unwrap();
    let mut o = options(&server, cache.path());
    o.key = ApiKey::new("s3cr3t-key-0042");
    let fetched = run(&request(2023, 2023), &o).unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].path, "/data/v1/get/C/A/HS");
    assert_eq!(seen[0].params["maxRecords"], "100000");
    assert!(
        seen[0]
            .headers
            .iter()
            .any(|(k, v)| k == "ocp-apim-subscription-key" && v == "s3cr3t-key-0042")
    );
    assert!(!seen[0].params.values().any(|v| v.contains("s3cr3t")));
    let dataset = tempfile::tempdir().unwrap();
    let written = write_dataset(dataset.path(), "k", &fetched).unwrap();
    for dir in [cache.path(), dataset.path(), &dataset.path().join("trade")] {
        for f in std::fs::read_dir(dir).unwrap() {
            let path = f.unwrap().path();
            if path.is_file() {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(!text.contains("s3cr3t"), "{}", path.display());
            }
        }
    }
    assert!(!format!("{o:?}").contains("s3cr3t"));
    assert!(written.data.exists());
}

#[test]
fn a_429_with_retry_after_is_waited_out() {
    let server = Server::start(|seen, n| {
        if n == 1 {
            Reply::Json(
                429,
                vec![("Retry-After", "1".into())],
                r#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}"#
                    .into(),
            )
        } else {
            ok(seen, n)
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let fetched = run(&request(2023, 2023), &options(&server, cache.path())).unwrap();
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(server.seen().len(), 2);
    assert_eq!(fetched.records, 2);
}

#[test]
fn a_wait_longer_than_allowed_ends_the_run_with_when_to_come_back() {
    let server =
        Server::start(|_, _| Reply::Json(429, vec![("Retry-After", "3600".into())], "{}".into()));
    let cache = tempfile::tempdir().unwrap();
    let e = run(&request(2023, 2023), &options(&server, cache.path()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("asks to wait 3600 s"), "{e}");
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn a_500_then_success_is_retried() {
    let server = Server::start(|seen, n| {
        if n <= 2 {
            Reply::Json(500, vec![], "Internal Server Error".into())
        } else {
            ok(seen, n)
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let fetched = run(&request(2023, 2023), &options(&server, cache.path())).unwrap();
    assert_eq!(server.seen().len(), 3);
    assert_eq!(fetched.records, 2);
}

#[test]
fn retries_are_capped_and_the_error_names_the_call() {
    let server = Server::start(|_, _| Reply::Json(503, vec![], r#"{"message":"down"}"#.into()));
    let cache = tempfile::tempdir().unwrap();
    let e = run(&request(2023, 2023), &options(&server, cache.path())).unwrap_err();
    assert!(
        matches!(e, TradeError::ApiCall { attempts: 3, .. }),
        "{e:?}"
    );
    let text = e.to_string();
    assert!(
        text.contains("/public/v1/preview/C/A/HS?reporterCode=398"),
        "{text}"
    );
    assert!(text.contains("HTTP 503 (down)"), "{text}");
    assert_eq!(server.seen().len(), 3);
}

#[test]
fn an_answer_at_the_cap_is_split_never_taken_as_complete() {
    // Two periods x two flows = 4 records, under the cap of 5, so planned as one call; the
    // server answers it with 5 records (the cap): cut short, so it is split by period.
    let server = Server::start(|seen, _| {
        let mut r = records(seen);
        if seen.params["period"].contains(',') {
            r.push(r[0].replace("TOTAL", "01"));
        }
        answer(&r)
    });
    let cache = tempfile::tempdir().unwrap();
    let mut o = options(&server, cache.path());
    o.max_records = Some(5);
    let fetched = run(&request(2022, 2023), &o).unwrap();
    let periods: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.params["period"].clone())
        .collect();
    assert_eq!(periods, ["2022,2023", "2022", "2023"]);
    assert!(fetched.calls[0].split);
    assert_eq!(
        fetched.records, 4,
        "the cut answer's 5 records are not used"
    );
    assert_eq!(turnover(&fetched).len(), 2);
}

#[test]
fn an_answer_at_the_cap_that_cannot_be_split_is_an_error() {
    let server = Server::start(|seen, _| answer(&records(seen)));
    let cache = tempfile::tempdir().unwrap();
    let mut o = options(&server, cache.path());
    o.max_records = Some(1);
    let mut r = request(2023, 2023);
    r.flows = vec![FlowCode::Export];
    let e = run(&r, &o).unwrap_err();
    assert!(
        matches!(e, TradeError::ApiTruncated { count: 1, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("cut short"));
}

#[test]
fn malformed_json_is_retried_then_refused_with_the_call() {
    let server = Server::start(|_, _| Reply::Json(200, vec![], "<html>oops</html>".into()));
    let cache = tempfile::tempdir().unwrap();
    let e = run(&request(2023, 2023), &options(&server, cache.path()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("not the JSON object Comtrade sends"), "{e}");
    assert!(e.contains("after 3 attempt(s)"), "{e}");
}

#[test]
fn an_error_field_is_not_retried() {
    let server = Server::start(|_, _| {
        Reply::Json(
            200,
            vec![],
            r#"{"count":0,"data":null,"error":"Period must be given"}"#.into(),
        )
    });
    let cache = tempfile::tempdir().unwrap();
    let e = run(&request(2023, 2023), &options(&server, cache.path()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"Period must be given\""), "{e}");
    assert!(e.contains("after 1 attempt(s)"), "{e}");
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn a_dropped_connection_mid_body_is_retried() {
    let server = Server::start(|seen, n| {
        if n == 1 {
            Reply::DropMidBody
        } else {
            ok(seen, n)
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let fetched = run(&request(2023, 2023), &options(&server, cache.path())).unwrap();
    assert_eq!(server.seen().len(), 2);
    assert_eq!(fetched.records, 2);
}

#[test]
fn a_timeout_is_retried() {
    let server = Server::start(|seen, n| {
        if n == 1 {
            Reply::Stall(Duration::from_secs(3))
        } else {
            ok(seen, n)
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let mut o = options(&server, cache.path());
    o.retry.timeout = Duration::from_millis(400);
    let fetched = run(&request(2023, 2023), &o).unwrap();
    assert_eq!(server.seen().len(), 2);
    assert_eq!(fetched.records, 2);
}

#[test]
fn a_run_stopped_part_way_fetches_only_the_rest() {
    let mut r = request(2022, 2023);
    r.frequency = Frequency::Monthly;
    r.periods = FetchRequest::periods_between(2022, 2023, true);
    let broken = Arc::new(Mutex::new(true));
    let flag = Arc::clone(&broken);
    let server = Server::start(move |seen, n| {
        if *flag.lock().unwrap() && seen.params["period"].starts_with("2023") {
            Reply::Json(500, vec![], String::new())
        } else {
            ok(seen, n)
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let o = options(&server, cache.path());
    let e = run(&r, &o).unwrap_err().to_string();
    assert!(e.contains("period=202301,"), "{e}");
    let before = server.seen().len();
    assert_eq!(before, 1 + 3);
    *broken.lock().unwrap() = false;
    let fetched = run(&r, &o).unwrap();
    let after = server.seen();
    assert_eq!(after.len(), before + 1, "only the missing call is made");
    assert!(after.last().unwrap().params["period"].starts_with("202301"));
    assert!(fetched.calls[0].from_cache && !fetched.calls[1].from_cache);
}

#[test]
fn the_daily_limit_counts_the_calls_of_earlier_runs() {
    let server = Server::start(ok);
    let cache = tempfile::tempdir().unwrap();
    let mut o = options(&server, cache.path());
    o.limits.per_day = 1;
    run(&request(2022, 2022), &o).unwrap();
    assert_eq!(server.seen().len(), 1);
    // A second run the same day may not make another call: the first run's answer is in the cache.
    let e = run(&request(2023, 2023), &o).unwrap_err();
    assert!(
        matches!(e, TradeError::ApiDailyLimit { per_day: 1, .. }),
        "{e}"
    );
    assert_eq!(server.seen().len(), 1, "no call was made");
    // What the cache answers needs no call at all.
    run(&request(2022, 2022), &o).unwrap();
}

#[test]
fn a_refresh_reports_revised_values() {
    let revised = Arc::new(Mutex::new(false));
    let flag = Arc::clone(&revised);
    let server = Server::start(move |seen, _| {
        let r = records(seen);
        if *flag.lock().unwrap() {
            let changed: Vec<String> = r
                .iter()
                .map(|x| x.replace("3281000000.0", "3290000000.0"))
                .collect();
            answer(&changed)
        } else {
            answer(&r)
        }
    });
    let cache = tempfile::tempdir().unwrap();
    let mut o = options(&server, cache.path());
    let first = run(&request(2022, 2023), &o).unwrap();
    assert!(first.revisions.is_empty());
    *revised.lock().unwrap() = true;
    // Without --refresh the cached answer is used: nothing changes silently.
    let cached = run(&request(2022, 2023), &o).unwrap();
    assert_eq!(cached.csv, first.csv);
    o.refresh = true;
    let refreshed = run(&request(2022, 2023), &o).unwrap();
    assert_eq!(server.seen().len(), 2);
    let changes: Vec<(String, Option<String>, Option<String>)> = refreshed
        .revisions
        .iter()
        .map(|r| (r.field.clone(), r.before.clone(), r.after.clone()))
        .collect();
    assert_eq!(
        changes,
        vec![
            (
                "primaryValue".to_owned(),
                Some("3281000000.0".to_owned()),
                Some("3290000000.0".to_owned())
            );
            2
        ]
    );
    assert!(refreshed.revisions[0].record.contains("period=2023"));
    assert_ne!(refreshed.calls[0].sha256, first.calls[0].sha256);
}

#[test]
fn the_dataset_gets_the_file_its_provenance_and_manifest_entries() {
    let server = Server::start(ok);
    let cache = tempfile::tempdir().unwrap();
    let r = request(2022, 2023);
    let fetched = run(&r, &options(&server, cache.path())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dataset.toml"),
        "# kept\nname = \"t\"\nas_of = \"2026-01-01\"\n\n[[sources]]\nid = \"s1\"\npublisher = \"P\"\ntitle = \"T\"\nside = \"joint\"\nkind = \"press\"\n",
    )
    .unwrap();
    let stem = r.file_stem();
    assert_eq!(stem, "comtrade_kaz_uzb_2022-2023_a_total_x-m");
    let written = write_dataset(dir.path(), &stem, &fetched).unwrap();
    // Twice: the entries are replaced, not repeated.
    let written = write_dataset(dir.path(), &stem, &fetched).unwrap_or(written);
    let text = std::fs::read_to_string(&written.manifest).unwrap();
    assert!(text.starts_with("# kept\n"), "{text}");
    let manifest = dostyk_core_model::dataset::Manifest::parse(&text, "dataset.toml").unwrap();
    assert_eq!(manifest.files.len(), 1);
    assert_eq!(manifest.sources.len(), 2);
    let file = &manifest.files[0];
    assert_eq!(file.kind.as_str(), "trade.comtrade");
    assert_eq!(file.path, format!("trade/{stem}.csv"));
    let source = manifest
        .sources
        .iter()
        .find(|s| s.id.as_str() == written.source_id)
        .unwrap();
    assert!(source.url.as_deref().unwrap().starts_with(&server.base));
    assert!(source.retrieved.is_some());
    // The file is read by the same reader as a download, with the same totals.
    let agg = read_files(&[&written.data], &ReadOptions::default()).unwrap();
    let from_file: Vec<Option<Decimal>> = summarize(&agg).iter().map(|r| r.turnover_usd).collect();
    let from_fetch: Vec<Option<Decimal>> = turnover(&fetched).into_iter().map(|(_, t)| t).collect();
    assert_eq!(from_file, from_fetch);
    let provenance: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&written.provenance).unwrap()).unwrap();
    assert_eq!(provenance["calls"][0]["count"], 4);
    assert_eq!(
        provenance["calls"][0]["sha256"],
        fetched.calls[0].sha256.as_str()
    );
    assert_eq!(provenance["records"], 4);
}
