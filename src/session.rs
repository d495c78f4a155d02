//! The signed-in session: the API client (base URL and key, in memory only), sign-out, the
//! 15-minute idle sign-out, and the opt-in "stay signed in in this tab" (sessionStorage, never
//! localStorage). Signing out drops the client; the components holding secrets unmount with it.
//! A host that supplies the token may also renew it: a rejected key then asks the host once for a
//! new one before signing out.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::client::{ApiKey, Client, Credentials};
use crate::api::json::{object_text, Decoded, FromJson, Json};
use crate::browser;
use crate::config::normalize_base_url;

pub const IDLE_TIMEOUT: Duration = Duration::from_secs(15 * 60);
const REMEMBERED_SESSION_KEY: &str = "ada-webhooks-admin:session";
/// A renewed token rejected again this soon is not renewed again, so a host handing out a bad
/// token cannot make the widget loop.
const RENEWAL_GRACE_MS: f64 = 10_000.0;

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
    pub fn message(self) -> &'static str {
        match self {
            SignOutReason::SignedOut => {
                "You are signed out. The key and every secret were cleared."
            }
            SignOutReason::Idle => {
                "You were signed out after 15 idle minutes. The key and every secret were cleared."
            }
            SignOutReason::KeyRejected => {
                "Ada rejected the API key (it may have been revoked). Sign in again."
            }
            SignOutReason::Renewing => "Ada rejected the token. Asking the page for a new one…",
            SignOutReason::ProxyRejected => {
                "This page's proxy refused the request; its session may have ended."
            }
        }
    }
}

/// What "stay signed in in this tab" keeps in sessionStorage, as a JSON object.
struct RememberedSession {
    base_url: String,
    api_key: String,
}

impl RememberedSession {
    fn to_json_text(&self) -> String {
        object_text(&[("base_url", &self.base_url), ("api_key", &self.api_key)])
    }
}

impl FromJson for RememberedSession {
    fn from_json(value: &Json) -> Decoded<RememberedSession> {
        let value = value.object()?;
        Ok(RememberedSession {
            base_url: value.text_field("base_url")?,
            api_key: value.text_field("api_key")?,
        })
    }
}

#[derive(Clone, Copy)]
pub struct Session {
    client: RwSignal<Option<Client>>,
    ended: RwSignal<Option<SignOutReason>>,
    /// Asks the host for a new token; set only for hosts that supply one.
    renewal: StoredValue<Option<Callback<()>>>,
    last_renewal_ms: StoredValue<Option<f64>>,
}

impl Session {
    /// A session restored from this tab's storage when the user opted in, else signed out.
    pub fn restore() -> Session {
        let restored = browser::session_storage_get(REMEMBERED_SESSION_KEY)
            .and_then(|text| RememberedSession::from_json_text(&text).ok())
            .and_then(|saved| {
                let base = normalize_base_url(&saved.base_url).ok()?;
                Some(Client::new(
                    base,
                    Credentials::ApiKey(ApiKey::new(&saved.api_key)?),
                ))
            });
        Session::new(restored)
    }

    /// A signed-out session that ignores the tab's storage, for hosts that embed the widget.
    pub fn signed_out() -> Session {
        Session::new(None)
    }

    /// A session that starts signed in, for hosts that supply the credentials.
    pub fn signed_in(client: Client) -> Session {
        Session::new(Some(client))
    }

    fn new(client: Option<Client>) -> Session {
        Session {
            ended: RwSignal::new(None),
            renewal: StoredValue::new(None),
            last_renewal_ms: StoredValue::new(None),
            client: RwSignal::new(client),
        }
    }

    /// Called with `()` when Ada rejects the key; it should end in [`Session::sign_in`] with a new
    /// key, or in [`Session::sign_out`] when the host has none.
    pub fn renew_with(&self, renewal: Callback<()>) {
        self.renewal.set_value(Some(renewal));
    }

    /// Ada answered 401: ask the host for a new token if it supplies them, else sign out.
    pub fn key_rejected(&self) {
        let now = browser::now_ms();
        let renewed_recently = self
            .last_renewal_ms
            .get_value()
            .is_some_and(|at| now - at < RENEWAL_GRACE_MS);
        match self.renewal.get_value() {
            Some(renewal) if !renewed_recently && self.client.get_untracked().is_some() => {
                self.last_renewal_ms.set_value(Some(now));
                self.sign_out(SignOutReason::Renewing);
                renewal.run(());
            }
            _ if self.is_behind_proxy() => self.sign_out(SignOutReason::ProxyRejected),
            _ => self.sign_out(SignOutReason::KeyRejected),
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.client.with(Option::is_some)
    }

    /// The current client, without tracking; `None` once signed out.
    pub fn client(&self) -> Option<Client> {
        self.client.get_untracked()
    }

    /// True while a host page's proxy authorises the requests (no key in the browser): the host's
    /// session, so the widget offers no sign-out of its own.
    pub fn is_behind_proxy(&self) -> bool {
        self.client.with_untracked(|client| {
            client
                .as_ref()
                .is_some_and(|client| *client.credentials() == Credentials::Proxy)
        })
    }

    pub fn ended(&self) -> Option<SignOutReason> {
        self.ended.get()
    }

    pub fn sign_in(&self, client: Client, remember_in_tab: bool) {
        match (remember_in_tab, client.credentials()) {
            (true, Credentials::ApiKey(key)) => {
                let saved = RememberedSession {
                    base_url: client.base_url().to_string(),
                    api_key: key.expose().to_owned(),
                };
                browser::session_storage_set(REMEMBERED_SESSION_KEY, &saved.to_json_text());
            }
            _ => browser::session_storage_remove(REMEMBERED_SESSION_KEY),
        }
        self.ended.set(None);
        self.client.set(Some(client));
    }

    pub fn sign_out(&self, reason: SignOutReason) {
        browser::session_storage_remove(REMEMBERED_SESSION_KEY);
        let renewing = self.ended.get_untracked() == Some(SignOutReason::Renewing);
        if self.client.get_untracked().is_some() || renewing {
            self.client.set(None);
            self.ended.set(Some(reason));
        }
    }

    /// Signs out after `timeout` without a key press or pointer press anywhere in the page.
    pub fn watch_idle(&self, timeout: Duration) {
        let session = *self;
        let last_activity = StoredValue::new(browser::now_ms());
        let touch = move || last_activity.set_value(browser::now_ms());
        let keys = window_event_listener(leptos::ev::keydown, move |_| touch());
        let pointer = window_event_listener(leptos::ev::pointerdown, move |_| touch());
        let check_every = (timeout / 4).clamp(Duration::from_millis(50), Duration::from_secs(15));
        let interval = set_interval_with_handle(
            move || {
                let now = browser::now_ms();
                let signed_in = session.client.try_with_untracked(Option::is_some) == Some(true);
                if !signed_in {
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
}
