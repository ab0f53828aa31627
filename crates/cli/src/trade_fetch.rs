//! `dostyk trade fetch`: UN Comtrade data from the Comtrade+ API into a dataset folder; thin
//! over `dostyk_trade::api`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use dostyk_trade::api::{
    API_KEY_VARIABLE, ApiKey, Commodities, DEFAULT_API_BASE, FetchOptions, FetchRequest, Frequency,
    RateLimits, RetryPolicy, fetch, write_dataset,
};
use dostyk_trade::area::M49Area;
use dostyk_trade::flow::FlowCode;

use crate::{Progress, TaskResult, output};

pub(crate) const FETCH_HELP: &str = "\
Key: the subscription key is read from the environment variable COMTRADE_API_KEY and sent only
in the Ocp-Apim-Subscription-Key header (never printed or written). Without it the keyless
preview endpoint is used: 500 records a call, fine for totals and HS chapters.

Writes: DATASET_DIR/trade/<name>.csv (a Comtrade API CSV, read like a download),
DATASET_DIR/trade/<name>.provenance.json (every call: its address without the key, when it was
retrieved, its record count, the SHA-256 of its answer), and a trade.comtrade file entry with
its UN Comtrade source in DATASET_DIR/dataset.toml (created if missing).

Calls: split so that none reaches the record cap (by period, HS chapter, partner); an answer at
the cap is split again, never taken as complete. Only the totals over second partner, mode of
transport and customs procedure are asked for. At most --per-second calls a second and
--per-day a day; 429, 5xx, timeouts and dropped connections are retried with exponential
backoff and the wait the server states.

Cache: every answered call is kept in --cache under the SHA-256 of its address; a rerun (after
an interruption, an error or the daily limit) reuses them and fetches only the rest. --refresh
fetches every call again and lists the values that changed (revisions) on standard output.

Examples:
  dostyk trade fetch --reporter KAZ,UZB --partner UZB,KAZ --years 2015-2025 --into data/kz-uz
  dostyk trade fetch --reporter KAZ --partner UZB --years 2023 --months --hs 2 --into my-dataset
  COMTRADE_API_KEY=... dostyk trade fetch --reporter UZB --partner KAZ --years 2024 --hs 6 --into my-dataset --refresh";

/// `dostyk trade fetch`.
#[derive(Debug, clap::Args)]
pub(crate) struct FetchArgs {
    /// Reporters, comma-separated ISO3 codes or M49 numbers (KAZ,UZB)
    #[arg(long, value_name = "ISO3,...", required = true, value_delimiter = ',', value_parser = parse_area)]
    reporter: Vec<M49Area>,
    /// Partners, comma-separated [default: every partner]
    #[arg(long, value_name = "ISO3,...", value_delimiter = ',', value_parser = parse_area)]
    partner: Vec<M49Area>,
    /// Years: one (2023) or a range (2015-2025)
    #[arg(long, value_name = "YEAR[-YEAR]", value_parser = parse_years)]
    years: (u16, u16),
    /// Monthly data instead of annual (every month of the years)
    #[arg(long)]
    months: bool,
    /// Flows, comma-separated Comtrade codes (X exports, M imports, RX, RM)
    #[arg(long, value_name = "CODE,...", value_delimiter = ',', default_value = "X,M", value_parser = parse_flow)]
    flows: Vec<FlowCode>,
    /// Commodities: total, an HS level (2, 4 or 6), or comma-separated HS codes (02,0201,1001)
    #[arg(long, value_name = "total|2|4|6|CODES", default_value = "total", value_parser = parse_hs)]
    hs: Commodities,
    /// The dataset folder to write into
    #[arg(long, value_name = "DATASET_DIR")]
    into: PathBuf,
    /// The file name (without .csv) under DATASET_DIR/trade [default: from the request, e.g. comtrade_kaz-uzb_uzb-kaz_2015-2025_a_total_x-m]
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    name: Option<String>,
    /// The API's address (a mirror, a test server)
    #[arg(long, value_name = "URL", default_value = DEFAULT_API_BASE)]
    api_base: String,
    /// The cache folder [default: $XDG_CACHE_HOME/dostyk/comtrade, or ~/.cache/dostyk/comtrade]
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Fetch every call again even when cached, and list what changed
    #[arg(long)]
    refresh: bool,
    /// Calls per second (free subscription: 1)
    #[arg(long, value_name = "N", default_value = "1", value_parser = parse_rate)]
    per_second: f64,
    /// Calls per rolling day, counting those earlier runs stored in the cache (free subscription: 500)
    #[arg(long, value_name = "N", default_value = "500", value_parser = clap::value_parser!(u32).range(1..))]
    per_day: u32,
    /// Attempts per call before giving up (the first included)
    #[arg(long, value_name = "N", default_value = "5", value_parser = clap::value_parser!(u32).range(1..=20))]
    max_attempts: u32,
    /// Seconds allowed for one attempt
    #[arg(long, value_name = "SECONDS", default_value = "180", value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
    /// Records asked for per call, at most the endpoint's cap (data API 100000, preview 500)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_records: Option<u32>,
}

fn parse_area(text: &str) -> Result<M49Area, String> {
    M49Area::from_code(text.trim()).map_err(|e| e.to_string())
}

fn parse_years(text: &str) -> Result<(u16, u16), String> {
    let year = |t: &str| {
        t.trim()
            .parse::<u16>()
            .ok()
            .filter(|y| (1962..=2100).contains(y))
            .ok_or_else(|| format!("\"{t}\" is not a year; expected YYYY or YYYY-YYYY (Comtrade starts in 1962), e.g. 2015-2025"))
    };
    let (first, last) = match text.split_once('-') {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(text)?, year(text)?),
    };
    if first > last {
        return Err(format!(
            "{first} comes after {last}; write the earlier year first"
        ));
    }
    Ok((first, last))
}

fn parse_flow(text: &str) -> Result<FlowCode, String> {
    FlowCode::parse(text).ok_or_else(|| {
        format!("\"{text}\" is not a Comtrade flow code; expected X, M, RX, RM (or DX, FM, MIP, MOP, XIP, XOP)")
    })
}

fn parse_hs(text: &str) -> Result<Commodities, String> {
    let t = text.trim();
    Ok(match t.to_ascii_lowercase().as_str() {
        "total" => Commodities::Total,
        "2" | "4" | "6" => Commodities::Level(t.parse().map_err(|_| "a level".to_owned())?),
        _ => {
            let codes: Vec<String> = t.split(',').map(|c| c.trim().to_owned()).collect();
            let request = FetchRequest {
                reporters: vec![M49Area::WORLD],
                partners: vec![],
                frequency: Frequency::Annual,
                periods: FetchRequest::periods_between(2000, 2000, false),
                flows: vec![],
                commodities: Commodities::Codes(codes.clone()),
            };
            request.check().map_err(|e| e.to_string())?;
            Commodities::Codes(codes)
        }
    })
}

fn parse_rate(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|r| r.is_finite() && *r > 0.0 && *r <= 1000.0)
        .ok_or_else(|| {
            "expected calls per second above 0 and at most 1000, such as 1 or 0.5".into()
        })
}

fn parse_name(text: &str) -> Result<String, String> {
    let ok = !text.is_empty()
        && text.len() <= 120
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !text.starts_with('-');
    if ok {
        Ok(text.to_owned())
    } else {
        Err(
            "expected a file name of letters, digits, '-' and '_' (no folders, no extension)"
                .into(),
        )
    }
}

fn default_cache() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })
        .unwrap_or_else(|| PathBuf::from(".cache"));
    base.join("dostyk").join("comtrade")
}

/// Runs `dostyk trade fetch`.
pub(crate) fn run(args: FetchArgs, progress: Progress) -> TaskResult {
    let request = FetchRequest {
        reporters: args.reporter,
        partners: args.partner,
        frequency: if args.months {
            Frequency::Monthly
        } else {
            Frequency::Annual
        },
        periods: FetchRequest::periods_between(args.years.0, args.years.1, args.months),
        flows: args.flows,
        commodities: args.hs,
    };
    let options = FetchOptions {
        api_base: args.api_base,
        key: ApiKey::from_env(),
        cache_dir: args.cache.unwrap_or_else(default_cache),
        refresh: args.refresh,
        limits: RateLimits {
            per_second: args.per_second,
            per_day: args.per_day,
        },
        retry: RetryPolicy {
            max_attempts: args.max_attempts,
            timeout: Duration::from_secs(args.timeout),
            ..RetryPolicy::default()
        },
        max_records: args.max_records,
    };
    progress.line(format_args!(
        "{}; cache {}",
        if options.key.is_some() {
            format!("data API with the key from {API_KEY_VARIABLE}")
        } else {
            format!("no {API_KEY_VARIABLE}: the keyless preview endpoint, 500 records a call")
        },
        options.cache_dir.display()
    ));
    let fetched = fetch(&request, &options, &mut |p| {
        progress.bar(
            p.done,
            p.done + p.remaining,
            format_args!(
                "{} {} records so far",
                if p.from_cache { "cached " } else { "fetched" },
                p.records
            ),
        );
    })?;
    let stem = args.name.unwrap_or_else(|| request.file_stem());
    let written = write_dataset(&args.into, &stem, &fetched)?;
    let from_cache = fetched.calls.iter().filter(|c| c.from_cache).count();
    let split = fetched.calls.iter().filter(|c| c.split).count();
    let mut text = format!(
        "{} records from {} calls ({} from the cache, {} fetched, {} split at the cap)\nwrote {}\nwrote {}\nentered file {} and source {} in {}\n",
        fetched.records,
        fetched.calls.len(),
        from_cache,
        fetched.calls.len() - from_cache,
        split,
        written.data.display(),
        written.provenance.display(),
        written.file_id,
        written.source_id,
        written.manifest.display()
    );
    if args.refresh {
        if fetched.revisions.is_empty() {
            text.push_str("no revisions: every re-fetched value is the same as the cached one\n");
        } else {
            let _ = writeln!(text, "{} revised value(s):", fetched.revisions.len());
            let rows: Vec<Vec<String>> = fetched
                .revisions
                .iter()
                .map(|r| {
                    vec![
                        r.record.clone(),
                        r.field.clone(),
                        r.before.clone().unwrap_or_else(|| "-".into()),
                        r.after.clone().unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect();
            text.push_str(&output::table(
                &["record", "field", "before", "after"],
                &rows,
            ));
        }
    }
    output::emit(&text, None)
}
