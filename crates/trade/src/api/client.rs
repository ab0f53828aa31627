//! The HTTP side: one call with the key in its header, retries with exponential backoff on
//! 429, 5xx, timeouts, dropped connections and cut-short bodies, honouring the wait the server
//! states, under the rate limiter.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::limiter::{RateLimiter, RateLimits};
use super::query::{Endpoint, Query};
use super::response::{self, Answer, AnswerError};
use crate::error::{Result, TradeError};

/// The environment variable that holds the Comtrade+ subscription key.
pub const API_KEY_VARIABLE: &str = "COMTRADE_API_KEY";

/// The header the key goes in.
const KEY_HEADER: &str = "Ocp-Apim-Subscription-Key";

/// The largest answer read (bytes): a full call of 100,000 records with descriptions is about
/// 120 MB of JSON.
const MAX_BODY_BYTES: u64 = 512 * 1024 * 1024;

/// A Comtrade+ subscription key. It is sent only in the `Ocp-Apim-Subscription-Key` header:
/// never in an address, a message, the cache or the provenance, and `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A key from its text (surrounding blanks dropped); `None` when empty.
    pub fn new(text: &str) -> Option<Self> {
        let t = text.trim();
        (!t.is_empty()).then(|| ApiKey(t.to_owned()))
    }

    /// The key in [`API_KEY_VARIABLE`], when set and not empty.
    pub fn from_env() -> Option<Self> {
        std::env::var(API_KEY_VARIABLE)
            .ok()
            .and_then(|v| Self::new(&v))
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(hidden)")
    }
}

/// How failed calls are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryPolicy {
    /// Attempts per call, the first included (at least 1).
    pub max_attempts: u32,
    /// The wait after the first failure; doubled after each further one.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts of the backoff.
    pub max_backoff: Duration,
    /// The longest wait a server may ask for (`Retry-After`); a longer one ends the run with
    /// an error saying when to try again.
    pub max_stated_wait: Duration,
    /// The time allowed for one attempt, from connecting to the last byte.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            initial_backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(60),
            max_stated_wait: Duration::from_secs(600),
            timeout: Duration::from_secs(180),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` after `attempt` failures.
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }
}

/// How one attempt ended, when not with an answer.
enum Failure {
    /// Worth another attempt, after at least `wait` when the server said so.
    Retry {
        problem: String,
        wait: Option<Duration>,
    },
    /// Asking again gives the same answer.
    Fatal(String),
}

/// A blocking client for one run.
pub(crate) struct Client {
    agent: ureq::Agent,
    base: String,
    key: Option<ApiKey>,
    retry: RetryPolicy,
    limiter: RateLimiter,
}

impl Client {
    pub(crate) fn new(
        base: &str,
        key: Option<ApiKey>,
        retry: RetryPolicy,
        limits: RateLimits,
    ) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(retry.timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "dostyk/",
                env!("CARGO_PKG_VERSION"),
                " (+https://github.com/dostyk/dostyk)"
            ))
            .build();
        Self {
            agent: config.into(),
            base: base.trim_end_matches('/').to_owned(),
            key,
            retry,
            limiter: RateLimiter::new(limits),
        }
    }

    /// Counts calls made by earlier runs, `ages` ago, toward the daily limit.
    pub(crate) fn count_earlier_calls(&mut self, ages: Vec<std::time::Duration>) {
        self.limiter.count_earlier(std::time::Instant::now(), ages);
    }

    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// Makes the call, retrying as the policy says; returns the body and its parsed answer.
    pub(crate) fn call(&mut self, query: &Query) -> Result<(Vec<u8>, Answer)> {
        let url = query.url(&self.base);
        let attempts = self.retry.max_attempts.max(1);
        let mut last = String::new();
        for attempt in 1..=attempts {
            self.limiter
                .acquire()
                .map_err(|e| TradeError::ApiDailyLimit {
                    per_day: e.per_day,
                    wait_minutes: e.wait.as_secs().div_ceil(60),
                    url: url.clone(),
                })?;
            match self.attempt(query.endpoint, &url) {
                Ok(ok) => return Ok(ok),
                Err(Failure::Fatal(problem)) => {
                    return Err(TradeError::ApiCall {
                        url,
                        attempts: attempt,
                        problem,
                    });
                }
                Err(Failure::Retry { problem, wait }) => {
                    if attempt == attempts {
                        last = problem;
                        break;
                    }
                    let backoff = self.retry.backoff(attempt);
                    let wait = match wait {
                        Some(stated) if stated > self.retry.max_stated_wait => {
                            return Err(TradeError::ApiCall {
                                url,
                                attempts: attempt,
                                problem: format!(
                                    "{problem}; the server asks to wait {} s, longer than the {} s allowed: run again later (calls already answered are cached and not repeated)",
                                    stated.as_secs(),
                                    self.retry.max_stated_wait.as_secs()
                                ),
                            });
                        }
                        Some(stated) => stated.max(backoff),
                        None => backoff,
                    };
                    std::thread::sleep(wait);
                    last = problem;
                }
            }
        }
        Err(TradeError::ApiCall {
            url,
            attempts,
            problem: format!(
                "{last}; giving up after {attempts} attempts (calls already answered are cached: run again later to fetch the rest)"
            ),
        })
    }

    fn attempt(&self, endpoint: Endpoint, url: &str) -> Result<(Vec<u8>, Answer), Failure> {
        let mut request = self.agent.get(url);
        if endpoint == Endpoint::Data
            && let Some(key) = &self.key
        {
            request = request.header(KEY_HEADER, key.0.as_str());
        }
        let mut response = match request.call() {
            Ok(r) => r,
            Err(e) => return Err(transport(&e)),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec();
        let body = match body {
            Ok(b) => b,
            Err(e) if status == 200 => {
                return Err(Failure::Retry {
                    problem: format!("the connection broke while the answer was read ({e})"),
                    wait: None,
                });
            }
            Err(_) => Vec::new(),
        };
        match status {
            200 => match response::parse(&body) {
                Ok(answer) => Ok((body, answer)),
                Err(AnswerError::Malformed(problem)) => Err(Failure::Retry {
                    problem,
                    wait: None,
                }),
                Err(AnswerError::Refused(message)) => Err(Failure::Fatal(format!(
                    "the API answered with the error \"{}\"; check the reporters, partners, periods and codes asked for",
                    shorten(&message)
                ))),
            },
            429 => Err(Failure::Retry {
                problem: format!("HTTP 429 Too Many Requests ({})", message(&body)),
                wait: retry_after.or_else(|| wait_in_message(&body)),
            }),
            500..=599 => Err(Failure::Retry {
                problem: format!("HTTP {status} ({})", message(&body)),
                wait: retry_after,
            }),
            401 | 403 => Err(Failure::Fatal(format!(
                "HTTP {status} ({}); check the subscription key in {API_KEY_VARIABLE}, or unset it to use the keyless preview",
                message(&body)
            ))),
            _ => Err(Failure::Fatal(format!(
                "HTTP {status} ({})",
                message(&body)
            ))),
        }
    }
}

/// A transport error: timeouts and broken or refused connections are worth a retry; an
/// address or TLS setup error is not.
fn transport(e: &ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_)
        | ureq::Error::Io(_)
        | ureq::Error::ConnectionFailed
        | ureq::Error::HostNotFound
        | ureq::Error::Protocol(_) => Failure::Retry {
            problem: format!("no answer: {e}"),
            wait: None,
        },
        _ => Failure::Fatal(format!("the call could not be made: {e}")),
    }
}

/// The message of an error body (`{"statusCode":429,"message":"..."}`), or its start.
fn message(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let parsed = serde_json::from_str::<serde_json::Value>(&text).ok();
    let m = parsed
        .as_ref()
        .and_then(|v| v.get("message"))
        .and_then(serde_json::Value::as_str)
        .map_or_else(|| text.trim().to_owned(), str::to_owned);
    if m.is_empty() {
        "no message".to_owned()
    } else {
        shorten(&m)
    }
}

fn shorten(text: &str) -> String {
    let t: String = if text.chars().count() > 200 {
        text.chars().take(197).chain("...".chars()).collect()
    } else {
        text.to_owned()
    };
    dostyk_core_model::read::printable(&t).into_owned()
}

/// `Retry-After`: a number of seconds, or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(seconds) = v.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    let seconds = (at.with_timezone(&chrono::Utc) - now).num_seconds();
    Some(Duration::from_secs(u64::try_from(seconds).unwrap_or(0)))
}

/// Comtrade's 429 body says "Rate limit is exceeded. Try again in 2 seconds."; the number is
/// the wait when no header gives one.
fn wait_in_message(body: &[u8]) -> Option<Duration> {
    let text = message(body);
    let rest = &text[text.find("Try again in ")? + "Try again in ".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows_in_debug() {
        let key = ApiKey::new(" secret-123 ").unwrap();
        assert_eq!(format!("{key:?}"), "ApiKey(hidden)");
        assert!(ApiKey::new("  ").is_none());
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy {
            initial_backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(10),
            ..RetryPolicy::default()
        };
        let waits: Vec<u64> = (1..=5).map(|a| p.backoff(a).as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 10, 10]);
        assert_eq!(p.backoff(u32::MAX), Duration::from_secs(10));
    }

    #[test]
    fn stated_waits_are_read_from_the_header_or_the_message() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(
            wait_in_message(
                br#"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 3 seconds."}"#
            ),
            Some(Duration::from_secs(3))
        );
        assert_eq!(wait_in_message(b"busy"), None);
    }

    #[test]
    fn error_bodies_are_quoted_briefly() {
        assert_eq!(
            message(br#"{"statusCode":401,"message":"Access denied"}"#),
            "Access denied"
        );
        assert_eq!(message(b""), "no message");
        assert_eq!(message(&[b'x'; 500]).chars().count(), 200);
    }
}
