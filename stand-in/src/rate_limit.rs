//! Per-token rate limiting as Ada documents it: fixed windows of one second and one minute
//! (10 and 100 requests by default), reported through `X-RateLimit-*` and `Retry-After`.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

pub(crate) const LIMIT_HEADER: HeaderName = HeaderName::from_static("x-ratelimit-limit");
pub(crate) const REMAINING_HEADER: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
pub(crate) const RESET_HEADER: HeaderName = HeaderName::from_static("x-ratelimit-reset");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RateLimitSettings {
    pub enabled: bool,
    pub per_second: u32,
    pub per_minute: u32,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            per_second: 10,
            per_minute: 100,
        }
    }
}

/// What is left of the tightest window after a request was let through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quota {
    limit: u32,
    remaining: u32,
    reset_seconds: u64,
}

impl Quota {
    pub(crate) fn write_headers(self, headers: &mut HeaderMap) {
        for (name, value) in [
            (LIMIT_HEADER, u64::from(self.limit)),
            (REMAINING_HEADER, u64::from(self.remaining)),
            (RESET_HEADER, self.reset_seconds),
        ] {
            headers.insert(name, HeaderValue::from(value));
        }
    }
}

/// Seconds a rejected client should wait before its next request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RetryAfter(pub(crate) u64);

#[derive(Clone, Copy, Debug)]
struct Window {
    length: Duration,
    started: Instant,
    count: u32,
}

impl Window {
    fn new(length: Duration, now: Instant) -> Self {
        Self {
            length,
            started: now,
            count: 0,
        }
    }

    fn roll_over(&mut self, now: Instant) {
        if now.duration_since(self.started) >= self.length {
            *self = Self::new(self.length, now);
        }
    }

    /// Whole seconds until the window restarts, never 0 so clients always back off.
    fn seconds_until_reset(&self, now: Instant) -> u64 {
        let left = self.length.saturating_sub(now.duration_since(self.started));
        left.as_millis().div_ceil(1000).max(1) as u64
    }

    fn quota(&self, limit: u32, now: Instant) -> Quota {
        Quota {
            limit,
            remaining: limit.saturating_sub(self.count),
            reset_seconds: self.seconds_until_reset(now),
        }
    }
}

pub(crate) struct RateLimiter {
    settings: RateLimitSettings,
    /// Per token: the one-minute window, then the one-second window.
    windows: HashMap<String, [Window; 2]>,
}

impl RateLimiter {
    pub(crate) fn new(settings: RateLimitSettings) -> Self {
        Self {
            settings,
            windows: HashMap::new(),
        }
    }

    pub(crate) fn settings(&self) -> RateLimitSettings {
        self.settings
    }

    /// Counts a request for `token`; `Ok(None)` when rate limiting is off.
    pub(crate) fn admit(&mut self, token: &str, now: Instant) -> Result<Option<Quota>, RetryAfter> {
        if !self.settings.enabled {
            return Ok(None);
        }
        let limits = [self.settings.per_minute, self.settings.per_second];
        let windows = self.windows.entry(token.to_owned()).or_insert_with(|| {
            [
                Window::new(Duration::from_secs(60), now),
                Window::new(Duration::from_secs(1), now),
            ]
        });
        for window in windows.iter_mut() {
            window.roll_over(now);
        }
        let wait = windows
            .iter()
            .zip(limits)
            .filter(|(window, limit)| window.count >= *limit)
            .map(|(window, _)| window.seconds_until_reset(now))
            .max();
        if let Some(seconds) = wait {
            return Err(RetryAfter(seconds));
        }
        for window in windows.iter_mut() {
            window.count += 1;
        }
        // Report the window closest to its limit; on a tie `min_by_key` keeps the first,
        // the minute window, whose reset is the more useful to wait for.
        let quota = windows
            .iter()
            .zip(limits)
            .map(|(window, limit)| window.quota(limit, now))
            .min_by_key(|quota| quota.remaining)
            .expect("there are two windows");
        Ok(Some(quota))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_second: u32, per_minute: u32) -> RateLimiter {
        RateLimiter::new(RateLimitSettings {
            enabled: true,
            per_second,
            per_minute,
        })
    }

    #[test]
    fn the_second_window_rejects_then_recovers() {
        let mut limiter = limiter(2, 100);
        let start = Instant::now();
        assert!(limiter.admit("t", start).is_ok());
        let quota = limiter.admit("t", start).unwrap().unwrap();
        assert_eq!(
            (quota.limit, quota.remaining, quota.reset_seconds),
            (2, 0, 1)
        );
        assert_eq!(limiter.admit("t", start), Err(RetryAfter(1)));
        assert!(
            limiter.admit("other", start).is_ok(),
            "limits are per token"
        );
        assert!(limiter
            .admit("t", start + Duration::from_millis(1000))
            .is_ok());
    }

    #[test]
    fn the_minute_window_asks_for_the_rest_of_the_minute() {
        let mut limiter = limiter(10, 3);
        let start = Instant::now();
        for offset in 0..3 {
            assert!(limiter
                .admit("t", start + Duration::from_secs(offset * 2))
                .is_ok());
        }
        let later = start + Duration::from_millis(10_500);
        assert_eq!(limiter.admit("t", later), Err(RetryAfter(50)));
        assert!(limiter.admit("t", start + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn disabled_limits_admit_everything_without_a_quota() {
        let mut limiter = RateLimiter::new(RateLimitSettings {
            enabled: false,
            ..RateLimitSettings::default()
        });
        let now = Instant::now();
        for _ in 0..1000 {
            assert_eq!(limiter.admit("t", now), Ok(None));
        }
    }
}
