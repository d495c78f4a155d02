//! Every request the widget makes, in one place, and the policies they share:
//! - **the capability gate**: a request that a capability the host switched off would make is never
//!   sent ([`ApiError::NotAllowed`], told to the host), whatever asked for it: a button, a tampered
//!   `data-action`, a dialog opened some other way;
//! - **the session**: "no client" is [`ApiError::SignedOut`], a 401 ends or renews the session, any
//!   other failure is told to the host page once (a fixed sentence and code, never server text),
//!   and the answer to a request an ended session sent means nothing to the one after it;
//! - **the requests in flight**: each one counts until its answer is read, so that what can wait
//!   (the features' chunks) waits for a quiet network ([`Session::network_quiet`]);
//! - **Ada's rate limit** ([`Session::patiently`], for background work: paging and bulk rotation):
//!   the pace, a 429 waited out for `Retry-After` (or a backoff) with its countdown, at most
//!   [`MAX_RATE_LIMITED_IN_A_ROW`] of them in a row, and a stop signal checked before anything is
//!   sent, so that a stopped run sends nothing more, not even after a wait.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use zeroize::Zeroizing;

use super::Session;
use crate::api::client::Client;
use crate::api::credentials::{ApiKey, Credentials};
use crate::api::paths::WebhookId;
use crate::api::types::{
    EventTypeList, NewWebhook, Webhook, WebhookChanges, WebhookPage, WebhookSecret,
};
use crate::api::{ApiError, ErrorKind};
use crate::base_url::BaseUrl;
use crate::browser;
use crate::embed_options::Capability;

/// A run of 429s this long in a row is given up on: the last 429 is the answer.
pub const MAX_RATE_LIMITED_IN_A_ROW: u32 = 6;
/// The longest a pace or 429 wait sleeps before looking at its stop signal again.
const STOP_CHECK_EVERY: Duration = Duration::from_millis(250);

/// How background work waits: told each second of a 429's wait (`Some(seconds left)`, then `None`
/// when it ends), and stopped by `stop` (checked before each request and during every wait).
pub struct Patience<'a> {
    /// False for what a person just asked for: its first request leaves at once, unpaced.
    pub paced: bool,
    pub on_wait: &'a dyn Fn(Option<u32>),
    pub stop: &'a dyn Fn() -> bool,
}

/// What came of background work's request: Ada's answer, or nothing sent because it was stopped.
pub enum Patient<T> {
    Answered(Result<T, ApiError>),
    Stopped,
}

impl Session {
    /// One page of webhooks: the first (`None`), or the one at a page's `next_page_url`.
    pub fn list_page(
        &self,
        next_page_url: Option<String>,
    ) -> impl Future<Output = Result<WebhookPage, ApiError>> {
        let page_size = self.settings().page_size;
        self.request(None, move |client| {
            client.list_webhooks(next_page_url.as_deref(), Some(page_size))
        })
    }

    pub fn event_types(&self) -> impl Future<Output = Result<EventTypeList, ApiError>> {
        self.request(None, Client::event_types)
    }

    /// A webhook's current signing secret: only where the host allows revealing secrets.
    pub fn webhook_secret(
        &self,
        webhook_id: WebhookId,
    ) -> impl Future<Output = Result<WebhookSecret, ApiError>> {
        self.request(Some(Capability::Reveal), move |client| {
            client.webhook_secret(&webhook_id)
        })
    }

    pub fn rotate_secret(
        &self,
        webhook_id: WebhookId,
        key: Option<Zeroizing<String>>,
    ) -> impl Future<Output = Result<(), ApiError>> {
        self.request(Some(Capability::Rotate), move |client| {
            client.rotate_secret(&webhook_id, key)
        })
    }

    pub fn create_webhook(
        &self,
        new: NewWebhook,
    ) -> impl Future<Output = Result<Webhook, ApiError>> {
        self.request(Some(Capability::Create), move |client| {
            client.create_webhook(&new)
        })
    }

    /// An edit, or enabling or disabling (the same capability).
    pub fn update_webhook(
        &self,
        webhook_id: WebhookId,
        changes: WebhookChanges,
    ) -> impl Future<Output = Result<Webhook, ApiError>> {
        self.request(Some(Capability::Edit), move |client| {
            client.update_webhook(&webhook_id, &changes)
        })
    }

    pub fn delete_webhook(
        &self,
        webhook_id: WebhookId,
    ) -> impl Future<Output = Result<(), ApiError>> {
        self.request(Some(Capability::Delete), move |client| {
            client.delete_webhook(&webhook_id)
        })
    }

    /// The sign-in form's key check: asks for the list's first page at `base` with `key`, and only
    /// a 2xx signs in (with that page in hand, so the list does not ask again).
    pub fn sign_in_checked(
        &self,
        base: BaseUrl,
        key: ApiKey,
        remember_in_tab: bool,
    ) -> impl Future<Output = Result<(), ApiError>> {
        let client = Client::new(base, Credentials::ApiKey(key));
        let session = *self;
        let page_size = self.settings().page_size;
        self.books
            .update_value(|books| books.pacer.record(browser::now_ms()));
        let page = client.list_webhooks(None, Some(page_size));
        async move {
            let page = page.await?;
            session.sign_in(
                client.with_fetched_first_page(page, page_size),
                remember_in_tab,
            );
            Ok(())
        }
    }

    /// Sends `call` with the current client, now, if `needs` is allowed (see the module's doc),
    /// and counts it against the pace without waiting.
    fn request<T, F>(
        &self,
        needs: Option<Capability>,
        call: impl FnOnce(&Client) -> F,
    ) -> impl Future<Output = Result<T, ApiError>>
    where
        F: Future<Output = Result<T, ApiError>>,
    {
        let session = *self;
        let epoch = self.books.try_with_value(|books| books.epoch);
        let allowed = needs.is_none_or(|capability| self.allows(capability));
        let sent = allowed.then(|| {
            self.client_untracked().map(|client| {
                session
                    .books
                    .update_value(|books| books.pacer.record(browser::now_ms()));
                (InFlight::count(session), call(&client))
            })
        });
        async move {
            let result = match sent {
                Some(Some((_in_flight, answer))) => answer.await,
                Some(None) => Err(ApiError::SignedOut),
                None => Err(ApiError::NotAllowed),
            };
            let same_session = session.books.try_with_value(|books| books.epoch) == epoch;
            match &result {
                Err(error) if same_session => session.reported(error),
                // The failure of an ended session's request means nothing to the current one.
                Err(_) => return Err(ApiError::SignedOut),
                Ok(_) => {}
            }
            result
        }
    }

    /// Whether none of the widget's requests is on its way (tracked).
    pub fn network_quiet(&self) -> bool {
        self.quiet.get()
    }

    /// Background work's request, sent by `send` (again after each 429), under the rate-limit
    /// policy of the module's doc.
    pub async fn patiently<T, F>(&self, patience: Patience<'_>, send: impl Fn() -> F) -> Patient<T>
    where
        F: Future<Output = Result<T, ApiError>>,
    {
        let mut rate_limited_in_a_row = 0;
        let mut paced = patience.paced;
        loop {
            if paced && !self.wait_for_pace(patience.stop).await {
                return Patient::Stopped;
            }
            if (patience.stop)() {
                return Patient::Stopped;
            }
            let result = send().await;
            match result {
                Err(error)
                    if error.kind() == ErrorKind::RateLimited
                        && rate_limited_in_a_row < MAX_RATE_LIMITED_IN_A_ROW =>
                {
                    rate_limited_in_a_row += 1;
                    let wait_ms = self.back_off(&error, rate_limited_in_a_row);
                    let waited = count_down(wait_ms, patience.on_wait, patience.stop).await;
                    (patience.on_wait)(None);
                    if !waited {
                        return Patient::Stopped;
                    }
                    paced = true;
                }
                other => return Patient::Answered(other),
            }
        }
    }

    /// Waits until the pace lets the next background request leave; false when stopped first.
    async fn wait_for_pace(&self, stop: &dyn Fn() -> bool) -> bool {
        loop {
            if stop() {
                return false;
            }
            let wait = self
                .books
                .try_with_value(|books| books.pacer.wait_ms(browser::now_ms()))
                .unwrap_or_default();
            if wait <= 0.0 {
                return true;
            }
            browser::sleep(Duration::from_millis(wait.ceil() as u64).min(STOP_CHECK_EVERY)).await;
        }
    }

    /// After a 429: blocks background requests for `Retry-After` or a backoff; the wait in ms.
    fn back_off(&self, error: &ApiError, attempt: u32) -> f64 {
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
}

/// Waits `wait_ms`, telling `tick` the whole seconds left at each second; false when `stop` says so
/// first (looked at several times a second).
async fn count_down(wait_ms: f64, tick: &dyn Fn(Option<u32>), stop: &dyn Fn() -> bool) -> bool {
    let resume_at = browser::now_ms() + wait_ms;
    let mut told = None;
    loop {
        if stop() {
            return false;
        }
        let left = resume_at - browser::now_ms();
        if left <= 0.0 {
            return true;
        }
        let seconds = (left / 1_000.0).ceil() as u32;
        if told != Some(seconds) {
            told = Some(seconds);
            tick(Some(seconds));
        }
        let until_next_second = left - f64::from(seconds.saturating_sub(1)) * 1_000.0;
        browser::sleep(
            Duration::from_millis(until_next_second.ceil() as u64).min(STOP_CHECK_EVERY),
        )
        .await;
    }
}

/// One request on its way, counted in the session's books until its answer has been read, or the
/// request is dropped; the network is quiet when none is.
struct InFlight(Session);

impl InFlight {
    fn count(session: Session) -> InFlight {
        session.books.update_value(|books| books.in_flight += 1);
        session.quiet.set(false);
        InFlight(session)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let Session { books, quiet, .. } = self.0;
        let left = books.try_update_value(|books| {
            books.in_flight = books.in_flight.saturating_sub(1);
            books.in_flight
        });
        if left == Some(0) {
            quiet.try_set(true);
        }
    }
}
