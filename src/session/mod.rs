//! The session: one state (signed in with a client, or signed out and why), the host's
//! capabilities, the settings, signing in and out, and a host's token renewal (a rejected key asks
//! the host once for a new one before signing out). It is the widget's only way to Ada:
//! [`requests`] holds every request the components make, gated by the capabilities, and the one
//! policy for Ada's rate limit; [`idle`] the idle sign-out and the opt-in "stay signed in in this
//! tab" (sessionStorage, never localStorage, refused once idle).

mod idle;
mod requests;

use leptos::prelude::*;

use crate::api::client::Client;
use crate::api::credentials::Credentials;
use crate::browser;
use crate::embed_options::{Capabilities, Capability};
use crate::host_events::{HostEvent, HostEvents};
use crate::i18n::{en, fill, tr};
use crate::pacing::Pacer;
use crate::settings::{idle_words, Settings, REMEMBERED_SESSION_KEY};
use idle::RememberedSession;
pub use requests::{Patience, Patient};

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
    pub fn message(self, settings: &Settings) -> String {
        let sentence = match self {
            SignOutReason::SignedOut => {
                en("You are signed out. The key and every secret were cleared.")
            }
            SignOutReason::Idle => {
                en("You were signed out after {0}. The key and every secret were cleared.")
            }
            SignOutReason::KeyRejected => {
                en("Ada rejected the API key (it may have been revoked). Sign in again.")
            }
            SignOutReason::Renewing => en("Ada rejected the token. Asking the page for a new one…"),
            SignOutReason::ProxyRejected => {
                en("This page's proxy refused the request; its session may have ended.")
            }
        };
        // Only the idle sentence has a value; the others have no slot to fill.
        fill(sentence, &[&idle_words(settings.idle_timeout)])
    }
}

#[derive(Clone, Debug)]
pub enum SessionState {
    SignedIn(Client),
    SignedOut(Option<SignOutReason>),
}

#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
    /// What the session keeps besides its state, none of it rendered (one stored value rather than
    /// one per field: each stored type costs the wasm its own code).
    books: StoredValue<Books>,
    /// Whether none of the widget's requests is on its way (see `requests`; `Books::in_flight`
    /// counts them): a quiet network, when the list fetches what its features need next.
    quiet: RwSignal<bool>,
}

struct Books {
    /// What the host lets the widget do; every request is gated by it (the standalone page: all).
    capabilities: Capabilities,
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
    /// The last key or pointer press (`Date.now()`), from which the idle timeout counts; for a
    /// session restored from the tab's storage, the activity time stored there.
    last_activity_ms: f64,
    last_activity_written_ms: f64,
    settings: Settings,
    /// The widget's requests on their way.
    in_flight: u32,
}

impl Session {
    /// The standalone page's session, allowed everything: one remembered in this tab when the
    /// person opted in and it is not idle yet, else signed out. `early_first_page` is start.js's
    /// early request, if any.
    pub fn restore(settings: Settings, early_first_page: Option<wasm_bindgen::JsValue>) -> Session {
        let now = browser::now_ms();
        let restored = RememberedSession::read(now, settings.idle_timeout)
            .and_then(|saved| Some((saved.client()?, saved.last_active_ms)));
        if restored.is_none() {
            browser::session_storage_remove(REMEMBERED_SESSION_KEY);
        }
        let (client, last_active_ms) = match restored {
            Some((client, at)) => {
                let client = match &early_first_page {
                    Some(offer) => client.with_early_first_page(offer, settings.page_size),
                    None => client,
                };
                (Some(client), at)
            }
            None => (None, now),
        };
        let remembered = client.is_some();
        let session = Session::new(settings, client, Capabilities::ALL);
        session.books.update_value(|books| {
            books.remembered = remembered;
            books.last_activity_ms = last_active_ms;
        });
        session
    }

    /// A session signed in with `client` or signed out, allowed what `capabilities` names (a
    /// host's, or all of them); it never reads or writes the tab's storage.
    pub fn new(settings: Settings, client: Option<Client>, capabilities: Capabilities) -> Session {
        let state = match client {
            Some(client) => SessionState::SignedIn(client),
            None => SessionState::SignedOut(None),
        };
        Session {
            state: RwSignal::new(state),
            books: StoredValue::new(Books {
                capabilities,
                epoch: 0,
                renewal: None,
                last_renewal_ms: None,
                pacer: Pacer::new(settings.pace),
                host_events: HostEvents::default(),
                say: None,
                remembered: false,
                last_activity_ms: browser::now_ms(),
                last_activity_written_ms: 0.0,
                settings,
                in_flight: 0,
            }),
            quiet: RwSignal::new(true),
        }
    }

    /// Whether the host lets the widget do `capability`. What is off is neither drawn nor sent:
    /// [`requests`] refuses its requests, whatever asks for them.
    pub fn allows(&self, capability: Capability) -> bool {
        self.capabilities().allows(capability)
    }

    /// The host's capabilities; none once the session's owner has gone (it fails closed).
    pub fn capabilities(&self) -> Capabilities {
        self.books
            .try_with_value(|books| books.capabilities)
            .unwrap_or(Capabilities::NONE)
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
            || tr("Signed out.").to_owned(),
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
                tr("Signed in. Loading webhooks…").to_owned(),
            )
        } else {
            let settings = self.settings();
            let reason = self.state.with_untracked(|state| match state {
                SessionState::SignedOut(reason) => *reason,
                SessionState::SignedIn(_) => None,
            });
            let words = reason.map_or_else(
                || tr("Signed out.").to_owned(),
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

    /// Whether the host supplies the token (and so is asked for a new one rather than the person).
    pub fn asks_host(&self) -> bool {
        self.books
            .try_with_value(|books| books.renewal.is_some())
            .unwrap_or(false)
    }

    /// Asks the host for a token again ("Sign in again" after the session ended).
    pub fn renew(&self) {
        if let Some(Some(renewal)) = self.books.try_with_value(|books| books.renewal) {
            renewal.run(());
        }
    }

    /// Tracked: whether a client is signed in.
    pub fn is_signed_in(&self) -> bool {
        self.state
            .with(|state| matches!(state, SessionState::SignedIn(_)))
    }

    pub fn is_signed_in_untracked(&self) -> bool {
        self.client_untracked().is_some()
    }

    /// The current client, without tracking; `None` once signed out. Components never see it:
    /// they ask through [`requests`].
    fn client_untracked(&self) -> Option<Client> {
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

    /// Where the signed-in client sends its requests, for the header; `None` once signed out.
    pub fn base_url_untracked(&self) -> Option<String> {
        self.client_untracked()
            .map(|client| client.base_url().to_string())
    }

    /// True while a host page's proxy authorises the requests (no key in the browser): the host's
    /// session, so the widget offers no sign-out of its own.
    pub fn is_behind_proxy_untracked(&self) -> bool {
        self.client_untracked()
            .is_some_and(|client| *client.credentials() == Credentials::Proxy)
    }

    /// Signs in with `client`; `remember_in_tab` keeps the key in this tab's sessionStorage.
    pub fn sign_in(&self, client: Client, remember_in_tab: bool) {
        let now = browser::now_ms();
        let remembered = remember_in_tab && RememberedSession::store(&client, now);
        if !remembered {
            browser::session_storage_remove(REMEMBERED_SESSION_KEY);
        }
        self.books.update_value(|books| {
            books.remembered = remembered;
            books.last_activity_ms = now;
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

    pub fn settings(&self) -> Settings {
        self.books
            .try_with_value(|books| books.settings)
            .unwrap_or_default()
    }
}
