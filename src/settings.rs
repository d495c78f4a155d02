//! The widget's timings, sizes and request pace, with their defaults, and the words for them in
//! user text: tests shorten them, and every sentence that names a duration is built from here.

use std::time::Duration;

use crate::i18n::plural;

/// Webhooks per list request. Ada documents no default or maximum `limit`; 100 keeps pages few
/// without large bodies. `loader/early-first-page.js` asks for the same (a native test checks).
pub const PAGE_SIZE: u32 = 100;
/// Sign out after this long without a key or pointer press.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(15 * 60);
pub const SECRET_AUTO_HIDE: Duration = Duration::from_secs(30);
/// Where "stay signed in in this tab" keeps the session (sessionStorage); `loader/start.js` reads
/// the same key and the same fields: `base_url`, `api_key`, `last_active_ms`.
pub const REMEMBERED_SESSION_KEY: &str = "ada-webhooks-admin:session";

/// How fast background work (paging, bulk rotation) may send requests. Ada allows 10 a second and
/// 100 a minute per instance, shared with the customer's own integrations, so the default takes a
/// fraction of that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub per_second: u32,
    pub per_minute: u32,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            per_second: 2,
            per_minute: 50,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub idle_timeout: Duration,
    /// A revealed secret hides again after this long.
    pub secret_auto_hide: Duration,
    pub page_size: u32,
    pub pace: Pace,
    /// Paging stops after this many pages, whatever the server's cursor says.
    pub page_cap: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_timeout: IDLE_TIMEOUT,
            secret_auto_hide: SECRET_AUTO_HIDE,
            page_size: PAGE_SIZE,
            pace: Pace::default(),
            page_cap: 1_000,
        }
    }
}

/// A duration as words in the chosen language: `15 minutes`, `1 minute`, `30 seconds`.
pub fn duration_words(duration: Duration) -> String {
    match duration_count(duration) {
        (count, Unit::Minute) => plural("{0} minute|{0} minutes", count),
        (count, Unit::Second) => plural("{0} second|{0} seconds", count),
        (count, Unit::Millisecond) => plural("{0} millisecond|{0} milliseconds", count),
    }
}

/// `15 idle minutes`, `30 idle seconds`: the duration spent idle.
pub fn idle_words(duration: Duration) -> String {
    match duration_count(duration) {
        (count, Unit::Minute) => plural("{0} idle minute|{0} idle minutes", count),
        (count, Unit::Second) => plural("{0} idle second|{0} idle seconds", count),
        (count, Unit::Millisecond) => plural("{0} idle millisecond|{0} idle milliseconds", count),
    }
}

enum Unit {
    Minute,
    Second,
    Millisecond,
}

fn duration_count(duration: Duration) -> (usize, Unit) {
    let seconds = duration.as_secs() as usize;
    if seconds >= 60 && seconds.is_multiple_of(60) {
        (seconds / 60, Unit::Minute)
    } else if seconds >= 1 {
        (seconds, Unit::Second)
    } else {
        (duration.subsec_millis() as usize, Unit::Millisecond)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_their_largest_whole_unit() {
        assert_eq!(duration_words(IDLE_TIMEOUT), "15 minutes");
        assert_eq!(duration_words(Duration::from_secs(60)), "1 minute");
        assert_eq!(duration_words(SECRET_AUTO_HIDE), "30 seconds");
        assert_eq!(duration_words(Duration::from_secs(1)), "1 second");
        assert_eq!(duration_words(Duration::from_secs(90)), "90 seconds");
        assert_eq!(
            duration_words(Duration::from_millis(400)),
            "400 milliseconds"
        );
        assert_eq!(idle_words(IDLE_TIMEOUT), "15 idle minutes");
        assert_eq!(idle_words(Duration::from_secs(1)), "1 idle second");
    }

    #[test]
    fn the_default_pace_leaves_most_of_adas_limits_to_the_customer() {
        let pace = Pace::default();
        assert!(pace.per_second * 2 < 10 && pace.per_minute * 2 <= 100);
    }
}
