//! The signed-in session: one state (signed in with a client, or signed out and why), the idle
//! sign-out, the opt-in "stay signed in in this tab" (sessionStorage, never localStorage, refused
//! once idle), the pace of background requests, and [`Session::request`], through which every
//! component calls the API so that a rejected key and host error events are handled in one place.
//! A host that supplies the token may also renew it: a rejected key then asks the host once for a
//! new one before signing out.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use zeroize::Zeroizing;

use crate::api::client::Client;
use crate::api::credentials::{ApiKey, Credentials};
use crate::api::json::{object_text, Decoded, FromJson, Json};
use crate::api::{ApiError, ErrorKind};
use crate::base_url;
use crate::browser;
use crate::host_events::{HostEvent, HostEvents};
use crate::pacing::Pacer;
use crate::settings::{idle_words, Settings, REMEMBERED_SESSION_KEY};

/// A renewed token rejected again this soon is not renewed again, so a host handing out a bad
/// token cannot make the widget loop.
const RENEWAL_GRACE_MS: f64 = 10_000.0;
/// The remembered session's activity time is rewritten at most this often.
const ACTIVITY_WRITE_EVERY_MS: f64 = 5_000.0;

/// Why the last session ended, so that the sign-in screen can say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOutReason {
    SignedOut,
    Idle,
    KeyRejected,
    /// Ada rejected the host-supplied token and the host was asked for a new one.
    Renewing,
    /// The host page's proxy answered 401: its own session is over.
    ProxyRejected,
}

impl SignOutReason {
    pub fn message(self, settings: &Settings) -> String {
        match self {
            SignOutReason::SignedOut => {
                "You are signed out. The key and every secret were cleared.".to_owned()
            }
            SignOutReason::Idle => format!(
                "You were signed out after {}. The key and every secret were cleared.",
                idle_words(settings.idle_timeout)
            ),
            SignOutReason::KeyRejected => {
                "Ada rejected the API key (it may have been revoked). Sign in again.".to_owned()
            }
            SignOutReason::Renewing => {
                "Ada rejected the token. Asking the page for a new one…".to_owned()
            }
            SignOutReason::ProxyRejected => {
                "This page's proxy refused the request; its session may have ended.".to_owned()
            }
        }
    }
}

#[derive(Clone, Debug)]
pub enum SessionState {
    SignedIn(Client),
    SignedOut(Option<SignOutReason>),
}

/// What "stay signed in in this tab" keeps in sessionStorage, as a JSON object; `loader/start.js`
/// reads the same shape.
struct RememberedSession {
    base_url: String,
    api_key: Zeroizing<String>,
    /// `Date.now()` of the last key or pointer press.
    last_active_ms: f64,
}

impl RememberedSession {
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

#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    /// What the session keeps besides its state, none of it rendered (one stored value rather than
    /// one per field: each stored type costs the wasm its own code).
    books: StoredValue<Books>,
}

struct Books {
    /// Counts sign-ins and sign-outs, so that a failure of a request an earlier session sent (a
    /// late 401 after a renewal, say) does not end the session that replaced it.
    epoch: u64,
    /// Asks the host for a new token; set only for hosts that supply one.
    renewal: Option<Callback<()>>,
    last_renewal_ms: Option<f64>,
    pacer: Pacer,
    host_events: HostEvents,
    /// Says a sentence in the live region (the app's announcer).
    say: Option<Callback<String>>,
    /// Whether this session is kept in the tab's storage (and so its activity time too).
    remembered: bool,
    last_activity_written_ms: f64,
    settings: Settings,
}

impl Session {
    /// The standalone page's session: one remembered in this tab when the person opted in and it
    /// is not idle yet, else signed out. `early_first_page` is start.js's early request, if any.
    pub fn restore(settings: Settings, early_first_page: Option<wasm_bindgen::JsValue>) -> Session {
        let now = browser::now_ms();
        let saved = browser::session_storage_get(REMEMBERED_SESSION_KEY)
            .and_then(|text| RememberedSession::from_json_text(&text).ok());
        let client = saved
            .filter(|saved| saved.is_fresh(now, settings.idle_timeout))
            .and_then(|saved| {
                let base = base_url::check(&saved.base_url, &browser::page_origin()).ok()?;
                let key = ApiKey::new(&saved.api_key)?;
                Some(Client::new(base, Credentials::ApiKey(key)))
            })
            .map(|client| match &early_first_page {
                Some(offer) => client.with_early_first_page(offer, settings.page_size),
                None => client,
            });
        if client.is_none() {
            browser::session_storage_remove(REMEMBERED_SESSION_KEY);
        }
        let session = Session::new(settings, client);
        let remembered = session.is_signed_in_untracked();
        session
            .books
            .update_value(|books| books.remembered = remembered);
        session
    }

    /// A session for a host that embeds the widget: signed in with the host's client, or signed
    /// out; it never reads or writes the tab's storage.
    pub fn embedded(settings: Settings, client: Option<Client>) -> Session {
        Session::new(settings, client)
    }

    fn new(settings: Settings, client: Option<Client>) -> Session {
        let state = match client {
            Some(client) => SessionState::SignedIn(client),
            None => SessionState::SignedOut(None),
        };
        Session {
            state: RwSignal::new(state),
            books: StoredValue::new(Books {
                epoch: 0,
                renewal: None,
                last_renewal_ms: None,
                pacer: Pacer::new(settings.pace),
                host_events: HostEvents::default(),
                say: None,
                remembered: false,
                last_activity_written_ms: 0.0,
                settings,
            }),
        }
    }

    /// Where signing in and out and API failures are told: the host page's events, and `say`,
    /// which puts a sentence in the live region (a callback, so that the session needs no
    /// component).
    pub fn report_to(&self, host_events: HostEvents, say: Callback<String>) {
        self.books.update_value(|books| {
            books.host_events = host_events;
            books.say = Some(say);
        });
    }

    /// Tracked: what the signed-out widget says about why.
    pub fn signed_out_message(&self) -> String {
        let settings = self.settings();
        self.sign_out_reason().map_or_else(
            || "Signed out.".to_owned(),
            |reason| reason.message(&settings),
        )
    }

    /// Says a change between signed in and signed out, to the person and to the host.
    fn tell(&self, was_signed_in: bool) {
        let now_signed_in = self.is_signed_in_untracked();
        if was_signed_in == now_signed_in {
            return;
        }
        let (event, words) = if now_signed_in {
            (
                HostEvent::SignedIn,
                "Signed in. Loading webhooks…".to_owned(),
            )
        } else {
            let settings = self.settings();
            let reason = self.state.with_untracked(|state| match state {
                SessionState::SignedOut(reason) => *reason,
                SessionState::SignedIn(_) => None,
            });
            let words = reason.map_or_else(
                || "Signed out.".to_owned(),
                |reason| reason.message(&settings),
            );
            (HostEvent::SignedOut, words)
        };
        let Some((host_events, say)) = self
            .books
            .try_with_value(|books| (books.host_events, books.say))
        else {
            return;
        };
        host_events.emit(event);
        if let Some(say) = say {
            say.run(words);
        }
    }

    /// Called with `()` when Ada rejects the key; it should end in [`Session::sign_in`] with a new
    /// key, or in [`Session::sign_out`] when the host has none.
    pub fn renew_with(&self, renewal: Callback<()>) {
        self.books
            .update_value(|books| books.renewal = Some(renewal));
    }

    /// Tracked: whether a client is signed in.
    pub fn is_signed_in(&self) -> bool {
        self.state
            .with(|state| matches!(state, SessionState::SignedIn(_)))
    }

    pub fn is_signed_in_untracked(&self) -> bool {
        self.client_untracked().is_some()
    }

    /// The current client, without tracking; `None` once signed out.
    pub fn client_untracked(&self) -> Option<Client> {
        self.state.try_with_untracked(|state| match state {
            SessionState::SignedIn(client) => Some(client.clone()),
            SessionState::SignedOut(_) => None,
        })?
    }

    /// Tracked: why the last session ended, while signed out.
    pub fn sign_out_reason(&self) -> Option<SignOutReason> {
        self.state.with(|state| match state {
            SessionState::SignedOut(reason) => *reason,
            SessionState::SignedIn(_) => None,
        })
    }

    /// True while a host page's proxy authorises the requests (no key in the browser): the host's
    /// session, so the widget offers no sign-out of its own.
    pub fn is_behind_proxy_untracked(&self) -> bool {
        self.client_untracked()
            .is_some_and(|client| *client.credentials() == Credentials::Proxy)
    }

    /// Signs in with `client`; `remember_in_tab` keeps the key in this tab's sessionStorage.
    pub fn sign_in(&self, client: Client, remember_in_tab: bool) {
        let remembered = match (remember_in_tab, client.credentials()) {
            (true, Credentials::ApiKey(key)) => {
                let saved = RememberedSession {
                    base_url: client.base_url().to_string(),
                    api_key: Zeroizing::new(key.expose().to_owned()),
                    last_active_ms: browser::now_ms(),
                };
                browser::session_storage_set(REMEMBERED_SESSION_KEY, &saved.to_json_text());
                true
            }
            _ => {
                browser::session_storage_remove(REMEMBERED_SESSION_KEY);
                false
            }
        };
        self.books.update_value(|books| {
            books.remembered = remembered;
            books.epoch += 1;
        });
        let was_signed_in = self.is_signed_in_untracked();
        self.state.set(SessionState::SignedIn(client));
        self.tell(was_signed_in);
    }

    /// Ends the session; a session already ended keeps its first reason (a renewal excepted).
    pub fn sign_out(&self, reason: SignOutReason) {
        browser::session_storage_remove(REMEMBERED_SESSION_KEY);
        self.books.update_value(|books| books.remembered = false);
        let ends = self.state.with_untracked(|state| {
            matches!(
                state,
                SessionState::SignedIn(_) | SessionState::SignedOut(Some(SignOutReason::Renewing))
            )
        });
        if ends {
            self.books.update_value(|books| books.epoch += 1);
            let was_signed_in = self.is_signed_in_untracked();
            self.state.set(SessionState::SignedOut(Some(reason)));
            self.tell(was_signed_in);
        }
    }

    /// Ada answered 401: ask the host for a new token if it supplies them, else sign out.
    pub fn key_rejected(&self) {
        let now = browser::now_ms();
        let (renewal, last_renewal_ms) = self
            .books
            .with_value(|books| (books.renewal, books.last_renewal_ms));
        let renewed_recently = last_renewal_ms.is_some_and(|at| now - at < RENEWAL_GRACE_MS);
        match renewal {
            Some(renewal) if !renewed_recently && self.is_signed_in_untracked() => {
                self.books
                    .update_value(|books| books.last_renewal_ms = Some(now));
                self.sign_out(SignOutReason::Renewing);
                renewal.run(());
            }
            _ if self.is_behind_proxy_untracked() => self.sign_out(SignOutReason::ProxyRejected),
            _ => self.sign_out(SignOutReason::KeyRejected),
        }
    }

    /// Calls the API with the current client: "no client" is [`ApiError::SignedOut`], a 401 ends
    /// or renews the session, and any other failure is reported to the host page (a fixed
    /// sentence and code, never server text), unless the session has changed meanwhile. Counts
    /// the request against the pace without waiting.
    pub fn request<T, F>(
        &self,
        call: impl FnOnce(&Client) -> F,
    ) -> impl Future<Output = Result<T, ApiError>>
    where
        F: Future<Output = Result<T, ApiError>>,
    {
        let session = *self;
        let epoch = self.books.with_value(|books| books.epoch);
        let sent = self.client_untracked().map(|client| {
            session
                .books
                .update_value(|books| books.pacer.record(browser::now_ms()));
            call(&client)
        });
        async move {
            let result = match sent {
                Some(answer) => answer.await,
                None => Err(ApiError::SignedOut),
            };
            let same_session = session.books.try_with_value(|books| books.epoch) == Some(epoch);
            match &result {
                Err(error) if same_session => session.reported(error),
                // The failure of an ended session's request means nothing to the current one.
                Err(_) if !same_session => return Err(ApiError::SignedOut),
                _ => {}
            }
            result
        }
    }

    /// Like [`Session::request`], for background work: first waits until the pace allows it.
    pub async fn paced_request<T, F>(&self, call: impl FnOnce(&Client) -> F) -> Result<T, ApiError>
    where
        F: Future<Output = Result<T, ApiError>>,
    {
        loop {
            let wait = self
                .books
                .try_with_value(|books| books.pacer.wait_ms(browser::now_ms()))
                .unwrap_or_default();
            if wait <= 0.0 {
                break;
            }
            browser::sleep(Duration::from_millis(wait.ceil() as u64)).await;
        }
        self.request(call).await
    }

    /// After a 429: blocks background requests for `Retry-After` or a backoff; the wait in ms.
    pub fn back_off(&self, error: &ApiError, attempt: u32) -> f64 {
        let now = browser::now_ms();
        let jitter = js_sys::Math::random();
        self.books
            .try_update_value(|books| {
                books
                    .pacer
                    .back_off(now, error.retry_after_seconds(), attempt, jitter)
            })
            .unwrap_or_default()
    }

    fn reported(&self, error: &ApiError) {
        match error.kind() {
            ErrorKind::Unauthorized => self.key_rejected(),
            ErrorKind::SignedOut => {}
            _ => {
                if let Some(host_events) = self.books.try_with_value(|books| books.host_events) {
                    host_events.error(error);
                }
            }
        }
    }

    /// Signs out after the idle timeout without a key press or pointer press anywhere in the
    /// page, and keeps a remembered session's activity time current so that start.js and a
    /// restore refuse it once idle.
    pub fn watch_idle(&self) {
        let session = *self;
        let timeout = self.settings().idle_timeout;
        let last_activity = StoredValue::new(browser::now_ms());
        let touch = move || {
            let now = browser::now_ms();
            last_activity.set_value(now);
            session.note_activity(now);
        };
        let keys = window_event_listener(leptos::ev::keydown, move |_| touch());
        let pointer = window_event_listener(leptos::ev::pointerdown, move |_| touch());
        let check_every = (timeout / 4).clamp(Duration::from_millis(50), Duration::from_secs(15));
        let interval = set_interval_with_handle(
            move || {
                let now = browser::now_ms();
                if session
                    .state
                    .try_with_untracked(|state| matches!(state, SessionState::SignedIn(_)))
                    != Some(true)
                {
                    // The idle clock starts again at the next sign-in.
                    last_activity.set_value(now);
                } else if now - last_activity.get_value() >= timeout.as_millis() as f64 {
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

    /// Rewrites the remembered session's activity time, at most every few seconds.
    fn note_activity(&self, now: f64) {
        let due = self.books.try_update_value(|books| {
            let due =
                books.remembered && now - books.last_activity_written_ms >= ACTIVITY_WRITE_EVERY_MS;
            if due {
                books.last_activity_written_ms = now;
            }
            due
        });
        if due != Some(true) {
            return;
        }
        let Some(client) = self.client_untracked() else {
            return;
        };
        if let Credentials::ApiKey(key) = client.credentials() {
            let saved = RememberedSession {
                base_url: client.base_url().to_string(),
                api_key: Zeroizing::new(key.expose().to_owned()),
                last_active_ms: now,
            };
            browser::session_storage_set(REMEMBERED_SESSION_KEY, &saved.to_json_text());
        }
    }

    pub fn settings(&self) -> Settings {
        self.books
            .try_with_value(|books| books.settings)
            .unwrap_or_default()
    }
}
