//! A whole fetch: plan the calls, answer each from the cache or the API, split any call cut
//! short at the cap, compare re-fetched answers with the cached ones, and gather the records
//! as one Comtrade API CSV.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::cache::{Cache, Entry};
use super::client::{ApiKey, Client, RetryPolicy};
use super::limiter::RateLimits;
use super::plan::{self, FetchRequest};
use super::query::{DEFAULT_API_BASE, Endpoint, Query};
use super::response::{self, Answer, AnswerError, Record, VALUE_COLUMNS};
use crate::aggregate::Aggregator;
use crate::comtrade::{ComtradeReader, ReadOptions};
use crate::error::{Result, TradeError};

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The API's address ([`DEFAULT_API_BASE`]; a mirror or a test server).
    pub api_base: String,
    /// The subscription key; without one the keyless preview endpoint is used.
    pub key: Option<ApiKey>,
    /// The cache folder (see [`crate::api`]).
    pub cache_dir: PathBuf,
    /// Fetch every call again even when cached, and report what changed.
    pub refresh: bool,
    /// Calls per second and per day.
    pub limits: RateLimits,
    /// Retries.
    pub retry: RetryPolicy,
    /// The record cap of one call; default the endpoint's ([`Endpoint::default_cap`]).
    pub max_records: Option<u32>,
}

impl FetchOptions {
    /// The defaults, with the key from [`super::API_KEY_VARIABLE`] and the cache in `cache_dir`.
    pub fn new(cache_dir: impl Into<PathBuf>) -> Self {
        Self {
            api_base: DEFAULT_API_BASE.to_owned(),
            key: ApiKey::from_env(),
            cache_dir: cache_dir.into(),
            refresh: false,
            limits: RateLimits::default(),
            retry: RetryPolicy::default(),
            max_records: None,
        }
    }

    /// The data endpoint with a key, the preview without.
    pub fn endpoint(&self) -> Endpoint {
        if self.key.is_some() {
            Endpoint::Data
        } else {
            Endpoint::Preview
        }
    }

    fn check(&self) -> Result<u32> {
        let bad = |m: &str| Err(TradeError::Input(m.to_owned()));
        if !(self.limits.per_second.is_finite() && self.limits.per_second > 0.0) {
            return bad(
                "the rate must be a number of calls per second above zero, such as 1 or 0.5",
            );
        }
        if self.limits.per_day == 0 {
            return bad("the daily limit must be at least one call");
        }
        if !(self.api_base.starts_with("https://") || self.api_base.starts_with("http://")) {
            return bad(
                "the API base must be an http:// or https:// address, such as https://comtradeapi.un.org",
            );
        }
        let endpoint_cap = self.endpoint().default_cap();
        match self.max_records {
            Some(0) => bad("the record cap must be at least 1"),
            Some(cap) => Ok(cap.min(endpoint_cap)),
            None => Ok(endpoint_cap),
        }
    }
}

/// One call of a fetch, as the provenance records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    /// The address, without the key.
    pub url: String,
    /// When its answer was received (for a cached answer, when it was first received).
    pub retrieved: DateTime<Utc>,
    /// `count` of the answer.
    pub count: u64,
    /// The SHA-256 of the answer body, hex.
    pub sha256: String,
    /// Whether the answer came from the cache.
    pub from_cache: bool,
    /// Whether the answer reached the cap and the call was split instead of used.
    pub split: bool,
    /// The answer's other top-level fields (a dataset version or `lastUpdated` when the API
    /// gives one).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, serde_json::Value>,
}

/// A value that differs between the cached answer of a call and its re-fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    /// The call.
    pub url: String,
    /// The record's key (`reporterCode=398 partnerCode=860 … cmdCode=TOTAL …`).
    pub record: String,
    /// The field (`primaryValue`, `cifvalue`, `fobvalue`, `netWgt`, `qty`), or `record` when
    /// the whole record appeared or disappeared.
    pub field: String,
    /// The value before (`None`: absent).
    pub before: Option<String>,
    /// The value now (`None`: absent).
    pub after: Option<String>,
}

/// Where a fetch is, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchProgress {
    /// Calls answered so far (from the cache or the API).
    pub done: usize,
    /// Calls still to make (grows when a call is split).
    pub remaining: usize,
    /// The call just answered.
    pub url: String,
    /// Whether it came from the cache.
    pub from_cache: bool,
    /// Records gathered so far.
    pub records: u64,
}

/// The result of a fetch.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// What was asked for.
    pub request: FetchRequest,
    /// The endpoint used.
    pub endpoint: Endpoint,
    /// The API base used.
    pub api_base: String,
    /// The record cap of one call.
    pub cap: u32,
    /// Every call, in the order answered, split ones included.
    pub calls: Vec<CallRecord>,
    /// What changed between cached and re-fetched answers (only with `refresh`).
    pub revisions: Vec<Revision>,
    /// The records of every call that was used, as a Comtrade API CSV (header and rows).
    pub csv: Vec<u8>,
    /// The number of records in `csv`.
    pub records: u64,
}

impl Fetched {
    /// The records read back through [`ComtradeReader`] into an [`Aggregator`]: the same
    /// flows, skipped rows and errors a downloaded file gives. `name` names the data in
    /// messages and gives the default source id.
    pub fn aggregator(&self, name: &str, options: &ReadOptions) -> Result<Aggregator> {
        let mut agg = Aggregator::new();
        agg.add_all(ComtradeReader::from_reader(
            name,
            std::io::Cursor::new(self.csv.clone()),
            options.clone(),
        )?)?;
        Ok(agg)
    }

    /// When the most recent answer used was retrieved.
    pub fn retrieved(&self) -> Option<DateTime<Utc>> {
        self.calls.iter().map(|c| c.retrieved).max()
    }
}

/// Fetches `request`: each planned call is answered from the cache in `options.cache_dir`
/// when it is there (unless `refresh`), from the API otherwise; an answer that reaches the
/// cap is split and its parts fetched; the records of all the other answers are gathered as
/// one Comtrade API CSV, checked by reading it back ([`Fetched::aggregator`]).
///
/// `progress` is told after each call.
pub fn fetch(
    request: &FetchRequest,
    options: &FetchOptions,
    progress: &mut dyn FnMut(&FetchProgress),
) -> Result<Fetched> {
    let cap = options.check()?;
    let endpoint = options.endpoint();
    let mut todo: VecDeque<Query> = request.plan(endpoint, cap)?.into();
    let cache = Cache::new(&options.cache_dir);
    let mut client = Client::new(
        &options.api_base,
        options.key.clone(),
        options.retry,
        options.limits,
    );
    // The daily limit counts the calls earlier runs made today: their answers are in the cache.
    client.count_earlier_calls(cache.answer_ages(super::limiter::DAY));
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| TradeError::Input(format!("internal: writing CSV: {e}"));
    response::write_header(&mut out).map_err(csv_error)?;
    let mut fetched = Fetched {
        request: request.clone(),
        endpoint,
        api_base: client.base().to_owned(),
        cap,
        calls: Vec::new(),
        revisions: Vec::new(),
        csv: Vec::new(),
        records: 0,
    };
    while let Some(query) = todo.pop_front() {
        let url = query.url(client.base());
        let cached = cache.get(&url)?;
        let (entry, answer, from_cache) = match cached {
            Some(entry) if !options.refresh => {
                let answer = stored_answer(&cache, &url, &entry)?;
                (entry, answer, true)
            }
            previous => {
                let (body, answer) = client.call(&query)?;
                let retrieved = DateTime::<Utc>::from(std::time::SystemTime::now());
                let entry = cache.put(&url, &body, retrieved)?;
                if let Some(previous) = previous
                    && previous.sha256 != entry.sha256
                {
                    let before = stored_answer(&cache, &url, &previous)?;
                    fetched
                        .revisions
                        .extend(compare(&url, &before.records, &answer.records));
                }
                (entry, answer, false)
            }
        };
        let at_cap = answer.count >= u64::from(cap) || answer.records.len() >= cap as usize;
        fetched.calls.push(CallRecord {
            url: url.clone(),
            retrieved: entry.retrieved,
            count: answer.count,
            sha256: entry.sha256.clone(),
            from_cache,
            split: at_cap,
            metadata: answer.metadata.clone(),
        });
        if at_cap {
            let Some(parts) = plan::split(&query) else {
                return Err(TradeError::ApiTruncated {
                    url,
                    count: answer.count,
                });
            };
            for part in parts.into_iter().rev() {
                todo.push_front(part);
            }
        } else {
            response::write_records(&mut out, &answer.records).map_err(csv_error)?;
            fetched.records += answer.records.len() as u64;
        }
        progress(&FetchProgress {
            done: fetched.calls.len(),
            remaining: todo.len(),
            url,
            from_cache,
            records: fetched.records,
        });
    }
    fetched.csv = out
        .into_inner()
        .map_err(|e| TradeError::Input(format!("internal: writing CSV: {e}")))?;
    fetched.aggregator("fetched Comtrade records", &ReadOptions::default())?;
    Ok(fetched)
}

fn stored_answer(cache: &Cache, url: &str, entry: &Entry) -> Result<Answer> {
    response::parse(entry.body.get().as_bytes()).map_err(|e| TradeError::ApiCache {
        file: cache.path(url),
        problem: match e {
            AnswerError::Malformed(m) | AnswerError::Refused(m) => {
                format!(
                    "the stored answer is not usable ({m}); delete the file to fetch the call again"
                )
            }
        },
    })
}

/// What changed from `before` to `after`, record by record.
fn compare(url: &str, before: &[Record], after: &[Record]) -> Vec<Revision> {
    let index = |records: &[Record]| -> BTreeMap<String, BTreeMap<&'static str, String>> {
        records
            .iter()
            .map(|r| {
                (
                    response::key(r),
                    VALUE_COLUMNS
                        .iter()
                        .map(|c| (*c, response::cell(r, c)))
                        .collect(),
                )
            })
            .collect()
    };
    let (old, new) = (index(before), index(after));
    let mut revisions = Vec::new();
    let revision =
        |record: &str, field: &str, before: Option<&String>, after: Option<&String>| Revision {
            url: url.to_owned(),
            record: record.to_owned(),
            field: field.to_owned(),
            before: before.cloned(),
            after: after.cloned(),
        };
    for (key, values) in &old {
        match new.get(key) {
            None => revisions.push(revision(key, "record", values.get("primaryValue"), None)),
            Some(now) => {
                for (field, value) in values {
                    if now.get(field) != Some(value) {
                        revisions.push(revision(key, field, Some(value), now.get(field)));
                    }
                }
            }
        }
    }
    for (key, values) in &new {
        if !old.contains_key(key) {
            revisions.push(revision(key, "record", None, values.get("primaryValue")));
        }
    }
    revisions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(json: &str) -> Vec<Record> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn revisions_list_changed_added_and_removed_records() {
        let before = records(
            r#"[{"reporterCode":398,"period":"2023","cmdCode":"TOTAL","flowCode":"X","primaryValue":100},
                {"reporterCode":398,"period":"2023","cmdCode":"01","flowCode":"X","primaryValue":5}]"#,
        );
        let after = records(
            r#"[{"reporterCode":398,"period":"2023","cmdCode":"TOTAL","flowCode":"X","primaryValue":120},
                {"reporterCode":398,"period":"2023","cmdCode":"02","flowCode":"X","primaryValue":7}]"#,
        );
        let r = compare("u", &before, &after);
        let fields: Vec<(&str, Option<&str>, Option<&str>)> = r
            .iter()
            .map(|r| (r.field.as_str(), r.before.as_deref(), r.after.as_deref()))
            .collect();
        assert_eq!(
            fields,
            [
                ("record", Some("5"), None),
                ("primaryValue", Some("100"), Some("120")),
                ("record", None, Some("7")),
            ]
        );
        assert!(r[1].record.contains("cmdCode=TOTAL"));
        assert!(compare("u", &before, &before).is_empty());
    }

    #[test]
    fn options_are_checked() {
        let mut o = FetchOptions::new("/tmp/x");
        o.key = None;
        assert_eq!(o.check().unwrap(), 500);
        o.max_records = Some(10);
        assert_eq!(o.check().unwrap(), 10);
        o.limits.per_second = 0.0;
        assert!(o.check().unwrap_err().to_string().contains("per second"));
        o.limits.per_second = 1.0;
        o.api_base = "ftp://x".into();
        assert!(o.check().unwrap_err().to_string().contains("http"));
    }
}
