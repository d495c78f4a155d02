//! Pacing requests within a share of Ada's rate limit: how long background work must wait before
//! its next request, and how long to back off after a 429. Times are milliseconds on one clock
//! (`Date.now()` in the browser), passed in so that the rules test without one.

use std::collections::VecDeque;

use crate::settings::Pace;

const MINUTE_MS: f64 = 60_000.0;
/// Backing off without a `Retry-After` doubles from this, with jitter, up to [`MAX_BACKOFF_MS`].
const FIRST_BACKOFF_MS: f64 = 1_000.0;
const MAX_BACKOFF_MS: f64 = 60_000.0;
/// A `Retry-After` longer than this is waited out in steps of this, so a bogus header cannot park
/// the widget for hours; the next 429 then says how much longer.
const MAX_RETRY_AFTER_MS: f64 = 120_000.0;

/// The requests sent in the last minute, and a time before which nothing may be sent.
#[derive(Clone, Debug, Default)]
pub struct Pacer {
    pace: Pace,
    sent_at: VecDeque<f64>,
    blocked_until: f64,
}

impl Pacer {
    pub fn new(pace: Pace) -> Pacer {
        Pacer {
            pace,
            ..Pacer::default()
        }
    }

    /// How long to wait from `now` before the next request may leave; zero when it may now.
    pub fn wait_ms(&self, now: f64) -> f64 {
        let spacing = 1_000.0 / f64::from(self.pace.per_second.max(1));
        let after_last = self.sent_at.back().map_or(0.0, |last| last + spacing - now);
        let per_minute = self.pace.per_minute.max(1) as usize;
        let minute_full = self.sent_at.len() >= per_minute;
        let after_window = if minute_full {
            self.sent_at[self.sent_at.len() - per_minute] + MINUTE_MS - now
        } else {
            0.0
        };
        after_last
            .max(after_window)
            .max(self.blocked_until - now)
            .max(0.0)
    }

    /// Counts a request sent at `now` (also one the person asked for, which never waits).
    pub fn record(&mut self, now: f64) {
        self.sent_at.push_back(now);
        while self
            .sent_at
            .front()
            .is_some_and(|first| now - first >= MINUTE_MS)
        {
            self.sent_at.pop_front();
        }
    }

    /// After a 429: nothing leaves for `Retry-After` seconds when Ada gave them, else for a
    /// doubling backoff by `attempt` (1 for the first 429 in a row) with `jitter` in `[0, 1)`
    /// adding up to a quarter. Returns the wait in milliseconds.
    pub fn back_off(
        &mut self,
        now: f64,
        retry_after_seconds: Option<u32>,
        attempt: u32,
        jitter: f64,
    ) -> f64 {
        let wait = match retry_after_seconds {
            Some(seconds) => (f64::from(seconds) * 1_000.0).min(MAX_RETRY_AFTER_MS),
            None => {
                let doubled =
                    FIRST_BACKOFF_MS * 2_f64.powi(attempt.saturating_sub(1).min(16) as i32);
                (doubled * (1.0 + jitter.clamp(0.0, 1.0) / 4.0)).min(MAX_BACKOFF_MS)
            }
        };
        self.blocked_until = self.blocked_until.max(now + wait);
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacer(per_second: u32, per_minute: u32) -> Pacer {
        Pacer::new(Pace {
            per_second,
            per_minute,
        })
    }

    #[test]
    fn the_first_request_never_waits() {
        assert_eq!(pacer(2, 50).wait_ms(1_000.0), 0.0);
    }

    #[test]
    fn requests_are_spaced_by_the_per_second_pace() {
        let mut pacer = pacer(2, 50);
        pacer.record(1_000.0);
        assert_eq!(pacer.wait_ms(1_000.0), 500.0);
        assert_eq!(pacer.wait_ms(1_200.0), 300.0);
        assert_eq!(pacer.wait_ms(1_500.0), 0.0);
        assert_eq!(pacer.wait_ms(9_000.0), 0.0);
    }

    #[test]
    fn a_full_minute_waits_for_its_oldest_request_to_age_out() {
        let mut pacer = pacer(100, 3);
        for at in [0.0, 100.0, 200.0] {
            pacer.record(at);
        }
        assert_eq!(pacer.wait_ms(300.0), 59_700.0);
        assert_eq!(pacer.wait_ms(60_000.0), 0.0);
        pacer.record(60_000.0);
        assert_eq!(
            pacer.sent_at.len(),
            3,
            "requests older than a minute are forgotten"
        );
        assert_eq!(pacer.wait_ms(60_000.0), 100.0);
    }

    #[test]
    fn a_429_blocks_for_retry_after() {
        let mut pacer = pacer(2, 50);
        assert_eq!(pacer.back_off(1_000.0, Some(3), 1, 0.5), 3_000.0);
        assert_eq!(pacer.wait_ms(1_000.0), 3_000.0);
        assert_eq!(pacer.wait_ms(4_000.0), 0.0);
        assert_eq!(
            pacer.back_off(0.0, Some(99_999), 1, 0.0),
            MAX_RETRY_AFTER_MS
        );
    }

    #[test]
    fn without_retry_after_the_backoff_doubles_with_jitter_up_to_a_cap() {
        let mut pacer = pacer(2, 50);
        assert_eq!(pacer.back_off(0.0, None, 1, 0.0), 1_000.0);
        assert_eq!(pacer.back_off(0.0, None, 2, 0.0), 2_000.0);
        assert_eq!(pacer.back_off(0.0, None, 3, 1.0), 5_000.0);
        assert_eq!(pacer.back_off(0.0, None, 40, 0.0), MAX_BACKOFF_MS);
        assert_eq!(
            pacer.back_off(0.0, None, 1, 7.0),
            1_250.0,
            "jitter is clamped"
        );
    }
}
