//! Idle time: the session signs out after the idle timeout without a key or pointer press, counted
//! from the last activity the session knows of (for a session restored from the tab's storage, the
//! time stored there, so a reload does not start the clock again); and the opt-in "stay signed in
//! in this tab", which keeps the key and that activity time in sessionStorage, where start.js and a
//! restore refuse it once idle.

use std::time::Duration;

use leptos::prelude::*;
use zeroize::Zeroizing;

use super::{Session, SessionState, SignOutReason};
use crate::api::client::Client;
use crate::api::credentials::{ApiKey, Credentials};
use crate::api::json::{object_text, Decoded, FromJson, Json};
use crate::base_url;
use crate::browser;
use crate::settings::REMEMBERED_SESSION_KEY;

/// The remembered session's activity time is rewritten at most this often.
const ACTIVITY_WRITE_EVERY_MS: f64 = 5_000.0;

/// What "stay signed in in this tab" keeps in sessionStorage, as a JSON object; `loader/start.js`
/// reads the same shape.
pub(super) struct RememberedSession {
    base_url: String,
    api_key: Zeroizing<String>,
    /// `Date.now()` of the last key or pointer press.
    pub(super) last_active_ms: f64,
}

impl RememberedSession {
    /// The session this tab keeps, if it is not idle yet at `now`.
    pub(super) fn read(now: f64, idle_timeout: Duration) -> Option<RememberedSession> {
        browser::session_storage_get(REMEMBERED_SESSION_KEY)
            .and_then(|text| RememberedSession::from_json_text(&text).ok())
            .filter(|saved| saved.is_fresh(now, idle_timeout))
    }

    /// Keeps `client`'s base URL and key, active at `now`; nothing for a client without a key.
    pub(super) fn store(client: &Client, now: f64) -> bool {
        let Credentials::ApiKey(key) = client.credentials() else {
            return false;
        };
        let saved = RememberedSession {
            base_url: client.base_url().to_string(),
            api_key: Zeroizing::new(key.expose().to_owned()),
            last_active_ms: now,
        };
        browser::session_storage_set(REMEMBERED_SESSION_KEY, &saved.to_json_text());
        true
    }

    /// The client it was kept for, if its base URL and key are still usable.
    pub(super) fn client(&self) -> Option<Client> {
        let base = base_url::check(&self.base_url, &browser::page_origin()).ok()?;
        let key = ApiKey::new(&self.api_key)?;
        Some(Client::new(base, Credentials::ApiKey(key)))
    }

    fn to_json_text(&self) -> Zeroizing<String> {
        // As whole milliseconds: formatting an f64 would link float formatting into the wasm.
        let last_active = (self.last_active_ms as u64).to_string();
        Zeroizing::new(object_text(&[
            ("base_url", &self.base_url),
            ("api_key", &self.api_key),
            ("last_active_ms", &last_active),
        ]))
    }

    fn is_fresh(&self, now: f64, idle_timeout: Duration) -> bool {
        let idle = now - self.last_active_ms;
        (0.0..idle_timeout.as_millis() as f64).contains(&idle)
    }
}

impl FromJson for RememberedSession {
    fn from_json(value: &Json) -> Decoded<RememberedSession> {
        let value = value.object()?;
        Ok(RememberedSession {
            base_url: value.text_field("base_url")?,
            api_key: Zeroizing::new(value.text_field("api_key")?),
            last_active_ms: value
                .text_field("last_active_ms")?
                .parse::<u64>()
                .map_or(f64::NAN, |ms| ms as f64),
        })
    }
}

impl Session {
    /// Signs out after the idle timeout without a key press or pointer press anywhere in the
    /// page, and keeps a remembered session's activity time current.
    pub fn watch_idle(&self) {
        let session = *self;
        let timeout = self.settings().idle_timeout;
        let touch = move || session.note_activity(browser::now_ms());
        let keys = window_event_listener(leptos::ev::keydown, move |_| touch());
        let pointer = window_event_listener(leptos::ev::pointerdown, move |_| touch());
        let check_every = (timeout / 4).clamp(Duration::from_millis(50), Duration::from_secs(15));
        let interval = set_interval_with_handle(
            move || {
                let now = browser::now_ms();
                let signed_in = session
                    .state
                    .try_with_untracked(|state| matches!(state, SessionState::SignedIn(_)))
                    == Some(true);
                if !signed_in {
                    // The idle clock starts again at the next sign-in.
                    session
                        .books
                        .try_update_value(|books| books.last_activity_ms = now);
                } else if session
                    .idle_deadline_ms()
                    .is_some_and(|deadline| now >= deadline)
                {
                    session.sign_out(SignOutReason::Idle);
                }
            },
            check_every,
        )
        .ok();
        on_cleanup(move || {
            keys.remove();
            pointer.remove();
            if let Some(interval) = interval {
                interval.clear();
            }
        });
    }

    /// When the session signs out unless there is activity first (`Date.now()` milliseconds): the
    /// idle timeout after the last activity known, which for a session restored from the tab's
    /// storage is the time stored there, not the reload.
    pub fn idle_deadline_ms(&self) -> Option<f64> {
        self.books.try_with_value(|books| {
            books.last_activity_ms + books.settings.idle_timeout.as_millis() as f64
        })
    }

    /// A key or pointer press at `now`: the idle clock starts again, and a remembered session's
    /// stored activity time is rewritten, at most every few seconds.
    fn note_activity(&self, now: f64) {
        let due = self.books.try_update_value(|books| {
            books.last_activity_ms = now;
            let due =
                books.remembered && now - books.last_activity_written_ms >= ACTIVITY_WRITE_EVERY_MS;
            if due {
                books.last_activity_written_ms = now;
            }
            due
        });
        if due == Some(true) {
            if let Some(client) = self.client_untracked() {
                RememberedSession::store(&client, now);
            }
        }
    }
}
