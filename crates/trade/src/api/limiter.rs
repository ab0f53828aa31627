//! Politeness: at most so many calls a second and a day.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// How many calls the client may make. The defaults follow the free Comtrade+ subscription
/// (one call a second, 500 a day); a premium key allows more.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RateLimits {
    /// Calls per second (e.g. 1.0; 0.5 is one call every two seconds). Must be above zero.
    pub per_second: f64,
    /// Calls per rolling 24 hours, counting the answers the cache stored in the last day by
    /// earlier runs; the call after the last one allowed fails with a clear error instead of
    /// waiting for hours.
    pub per_day: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            per_second: 1.0,
            per_day: 500,
        }
    }
}

/// Why no call may be made now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DailyLimitReached {
    /// The limit.
    pub(crate) per_day: u32,
    /// How long until the oldest call of the window leaves it.
    pub(crate) wait: Duration,
}

/// Spaces calls out and counts them over a rolling day.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limits: RateLimits,
    calls: VecDeque<Instant>,
}

pub(crate) const DAY: Duration = Duration::from_secs(24 * 60 * 60);

impl RateLimiter {
    pub(crate) fn new(limits: RateLimits) -> Self {
        Self {
            limits,
            calls: VecDeque::new(),
        }
    }

    /// Counts calls made before this run, `ages` ago (the cache's answers of the last day), so
    /// the daily limit holds across runs; ages of a day or more are left out.
    pub(crate) fn count_earlier(&mut self, now: Instant, ages: impl IntoIterator<Item = Duration>) {
        let mut earlier: Vec<Instant> = ages
            .into_iter()
            .filter(|age| *age < DAY)
            .filter_map(|age| now.checked_sub(age))
            .collect();
        earlier.sort_unstable();
        for t in earlier.into_iter().rev() {
            self.calls.push_front(t);
        }
    }

    /// The shortest time between two calls.
    fn interval(&self) -> Duration {
        let per_second = if self.limits.per_second.is_finite() && self.limits.per_second > 0.0 {
            self.limits.per_second
        } else {
            // Refused by `FetchOptions::check`; a safe reading if it comes through anyway.
            1.0
        };
        Duration::from_secs_f64((1.0 / per_second).min(DAY.as_secs_f64()))
    }

    /// Books a call at `now` or later: returns how long to wait before making it, or why no
    /// call may be made today.
    pub(crate) fn reserve(&mut self, now: Instant) -> Result<Duration, DailyLimitReached> {
        while self
            .calls
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= DAY)
        {
            self.calls.pop_front();
        }
        if self.calls.len() >= self.limits.per_day as usize {
            let oldest = self.calls.front().copied().unwrap_or(now);
            return Err(DailyLimitReached {
                per_day: self.limits.per_day,
                wait: DAY.saturating_sub(now.saturating_duration_since(oldest)),
            });
        }
        let at = match self.calls.back() {
            Some(last) => (*last + self.interval()).max(now),
            None => now,
        };
        self.calls.push_back(at);
        Ok(at.saturating_duration_since(now))
    }

    /// Waits until a call may be made and books it.
    pub(crate) fn acquire(&mut self) -> Result<(), DailyLimitReached> {
        let wait = self.reserve(Instant::now())?;
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_spaced_by_the_rate() {
        let mut l = RateLimiter::new(RateLimits {
            per_second: 2.0,
            per_day: 100,
        });
        let t0 = Instant::now();
        assert_eq!(l.reserve(t0).unwrap(), Duration::ZERO);
        assert_eq!(l.reserve(t0).unwrap(), Duration::from_millis(500));
        assert_eq!(l.reserve(t0).unwrap(), Duration::from_secs(1));
        // Long after, no wait.
        assert_eq!(
            l.reserve(t0 + Duration::from_secs(10)).unwrap(),
            Duration::ZERO
        );
    }

    #[test]
    fn the_daily_limit_refuses_and_says_how_long() {
        let mut l = RateLimiter::new(RateLimits {
            per_second: 1000.0,
            per_day: 2,
        });
        let t0 = Instant::now();
        l.reserve(t0).unwrap();
        l.reserve(t0).unwrap();
        let e = l.reserve(t0 + Duration::from_secs(3600)).unwrap_err();
        assert_eq!(e.per_day, 2);
        assert_eq!(e.wait, DAY.saturating_sub(Duration::from_secs(3600)));
        // A day later the window has moved on.
        assert!(l.reserve(t0 + DAY + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn calls_of_earlier_runs_count_toward_the_day() {
        let mut l = RateLimiter::new(RateLimits {
            per_second: 1000.0,
            per_day: 3,
        });
        let now = Instant::now() + DAY;
        // Two answers stored an hour and two hours ago count; one of yesterday does not.
        l.count_earlier(
            now,
            [
                Duration::from_secs(7200),
                DAY + Duration::from_secs(1),
                Duration::from_secs(3600),
            ],
        );
        assert!(l.reserve(now).is_ok());
        let e = l.reserve(now).unwrap_err();
        assert_eq!(e.per_day, 3);
        assert_eq!(e.wait, DAY.saturating_sub(Duration::from_secs(7200)));
    }

    #[test]
    fn a_nonsense_rate_still_spaces_calls() {
        for per_second in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e-300, 1e308] {
            let mut l = RateLimiter::new(RateLimits {
                per_second,
                per_day: 10,
            });
            let t0 = Instant::now();
            l.reserve(t0).unwrap();
            assert!(l.reserve(t0).unwrap() <= DAY);
        }
    }
}
