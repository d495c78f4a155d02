//! The one HTTP client for Ada's webhook API (browser only): sends the bearer key, makes every
//! request `redirect: "error"`, `cache: "no-store"`, with no cookies (`credentials: "omit"`; behind
//! the host's proxy `"same-origin"`, for its session check), maps every non-success
//! answer to [`ApiError`], and decodes bodies into the DTOs of [`super::types`].
//!
//! Reads send their request when called, not when first awaited, so the list's first page leaves
//! while the rest of the widget is still mounting. That page may also be in hand already: asked
//! for before the wasm started (`loader/early-first-page.js`, handed over once through `mount` or
//! `standalone`, never through a page global), or fetched by the sign-in form as its key check.
//! The client adopts it for the one GET of exactly that URL, once.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use gloo_net::http::{Method, RequestBuilder, Response};
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestCredentials, RequestRedirect};
use zeroize::Zeroizing;

use super::credentials::Credentials;
use super::error::ApiError;
use super::json::FromJson;
use super::paths::{self, WebhookId};
use super::types::{
    EventTypeList, NewWebhook, RotateSecretRequest, Webhook, WebhookChanges, WebhookPage,
    WebhookSecret,
};
use crate::base_url::BaseUrl;

/// Set once the widget's wasm has trapped: from then on no request leaves (see `embed::halt`).
static HALTED: AtomicBool = AtomicBool::new(false);

pub fn halt_all_requests() {
    HALTED.store(true, Ordering::Relaxed);
}

/// The list's first page, already asked for or already in hand, with the URL it answers.
struct FirstPage {
    url: String,
    answer: FirstPageAnswer,
}

enum FirstPageAnswer {
    /// A Promise of the `Response` the loader or start.js requested.
    Early(SendWrapper<js_sys::Promise>),
    Fetched(WebhookPage),
}

#[derive(Clone, Debug)]
pub struct Client {
    base: BaseUrl,
    credentials: Credentials,
    first_page: Arc<Mutex<Option<FirstPageHandle>>>,
}

/// Only so that `Client` can derive `Debug`: the answer itself is never printed.
struct FirstPageHandle(FirstPage);

impl std::fmt::Debug for FirstPageHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FirstPage({})", self.0.url)
    }
}

impl Client {
    pub fn new(base: BaseUrl, credentials: Credentials) -> Client {
        Client {
            base,
            credentials,
            first_page: Arc::default(),
        }
    }

    /// Adopts the loader's early request (`{url, response}` from `early-first-page.js`) when it is
    /// the first page this client asks for with `limit`; anything else is dropped unread.
    pub fn with_early_first_page(self, offer: &JsValue, limit: u32) -> Client {
        let field = |name: &str| js_sys::Reflect::get(offer, &name.into()).ok();
        let url = field("url").and_then(|url| url.as_string());
        let response = field("response").and_then(|response| response.dyn_into().ok());
        if let (Some(url), Some(response)) = (url, response) {
            if url == paths::webhooks_page(&self.base, None, Some(limit)) {
                self.keep_first_page(url, FirstPageAnswer::Early(SendWrapper::new(response)));
            }
        }
        self
    }

    /// Keeps the page the sign-in form fetched as its key check, so the list does not ask again.
    pub fn with_fetched_first_page(self, page: WebhookPage, limit: u32) -> Client {
        let url = paths::webhooks_page(&self.base, None, Some(limit));
        self.keep_first_page(url, FirstPageAnswer::Fetched(page));
        self
    }

    fn keep_first_page(&self, url: String, answer: FirstPageAnswer) {
        if let Ok(mut first_page) = self.first_page.lock() {
            *first_page = Some(FirstPageHandle(FirstPage { url, answer }));
        }
    }

    fn take_first_page(&self, url: &str) -> Option<FirstPageAnswer> {
        let mut first_page = self.first_page.lock().ok()?;
        match first_page.take() {
            Some(FirstPageHandle(kept)) if kept.url == url => Some(kept.answer),
            // Asked for something else: the kept page no longer matches what the list shows.
            _ => None,
        }
    }

    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// One page of webhooks; pass the previous page's `next_page_url` to get the next one.
    pub fn list_webhooks(
        &self,
        next_page_url: Option<&str>,
        limit: Option<u32>,
    ) -> impl Future<Output = Result<WebhookPage, ApiError>> {
        let cursor = next_page_url.and_then(paths::cursor_from_next_page_url);
        let url = paths::webhooks_page(&self.base, cursor.as_deref(), limit);
        let (page, answer) = match self.take_first_page(&url) {
            Some(FirstPageAnswer::Fetched(page)) => (Some(page), None),
            Some(FirstPageAnswer::Early(response)) => (None, Some(Ok(response.take()))),
            None => (None, Some(self.start(Method::GET, &url, None))),
        };
        let probe = self.probe(url);
        let answer = answer.map(|answer| receive(answer, probe));
        async move {
            match (page, answer) {
                (Some(page), _) => Ok(page),
                (None, Some(answer)) => decoded(answer.await?).await,
                (None, None) => Err(ApiError::Network),
            }
        }
    }

    pub fn event_types(&self) -> impl Future<Output = Result<EventTypeList, ApiError>> {
        self.get(paths::event_types(&self.base))
    }

    pub fn webhook_secret(
        &self,
        webhook_id: &WebhookId,
    ) -> impl Future<Output = Result<WebhookSecret, ApiError>> {
        self.get(paths::webhook_secret(&self.base, webhook_id))
    }

    /// Rotates the secret; Ada answers `{}`, so fetch the new one with [`Client::webhook_secret`].
    pub fn rotate_secret(
        &self,
        webhook_id: &WebhookId,
        key: Option<Zeroizing<String>>,
    ) -> impl Future<Output = Result<(), ApiError>> {
        let body = RotateSecretRequest { key }.to_json_text();
        let url = paths::rotate_webhook_secret(&self.base, webhook_id);
        let answer = receive(self.start(Method::POST, &url, Some(&body)), self.probe(url));
        async move { answer.await.map(drop) }
    }

    /// Creates a webhook; Ada answers 201 with it.
    pub fn create_webhook(
        &self,
        new: &NewWebhook,
    ) -> impl Future<Output = Result<Webhook, ApiError>> {
        let url = paths::webhooks_page(&self.base, None, None);
        let answer = receive(
            self.start(Method::POST, &url, Some(&new.to_json_text())),
            self.probe(url),
        );
        async move { decoded(answer.await?).await }
    }

    /// Changes only the fields `changes` names; Ada answers with the webhook as it now is.
    pub fn update_webhook(
        &self,
        webhook_id: &WebhookId,
        changes: &WebhookChanges,
    ) -> impl Future<Output = Result<Webhook, ApiError>> {
        let url = paths::webhook(&self.base, webhook_id);
        let answer = receive(
            self.start(Method::PATCH, &url, Some(&changes.to_json_text())),
            self.probe(url),
        );
        async move { decoded(answer.await?).await }
    }

    /// Deletes a webhook; Ada answers 204 (its body, empty or `{}`, is not read).
    pub fn delete_webhook(
        &self,
        webhook_id: &WebhookId,
    ) -> impl Future<Output = Result<(), ApiError>> {
        let url = paths::webhook(&self.base, webhook_id);
        let answer = receive(self.start(Method::DELETE, &url, None), self.probe(url));
        async move { answer.await.map(drop) }
    }

    /// Sends the GET now and returns the future of its decoded answer.
    fn get<T: FromJson>(&self, url: String) -> impl Future<Output = Result<T, ApiError>> {
        let answer = receive(self.start(Method::GET, &url, None), self.probe(url));
        async move { decoded(answer.await?).await }
    }

    fn probe(&self, url: String) -> RedirectProbe {
        RedirectProbe {
            url,
            authorization: self.credentials.authorization(),
            cookies: cookies(&self.credentials),
        }
    }

    /// Sends one request now: the Promise of its `Response`.
    fn start(
        &self,
        method: Method,
        url: &str,
        json_body: Option<&str>,
    ) -> Result<js_sys::Promise, ApiError> {
        let authorization = self.credentials.authorization();
        let request = build(
            method,
            url,
            (authorization, cookies(&self.credentials)),
            json_body,
            RequestRedirect::Error,
        )
        .ok_or(ApiError::Network)?;
        send(&request)
    }
}

/// Sends a built request, unless the widget has crashed: from then on nothing leaves, not even
/// the redirect check of a request that was on its way when it crashed.
fn send(request: &web_sys::Request) -> Result<js_sys::Promise, ApiError> {
    if HALTED.load(Ordering::Relaxed) {
        return Err(ApiError::SignedOut);
    }
    Ok(fetch_now(request))
}

/// The `credentials` mode of a request: the page's cookies only for the host's own proxy.
fn cookies(credentials: &Credentials) -> RequestCredentials {
    if credentials.sends_same_origin_cookies() {
        RequestCredentials::SameOrigin
    } else {
        RequestCredentials::Omit
    }
}

/// The request with the options every request carries: never follow a redirect (it could lead
/// the key's answers to another origin; only the redirect check asks not to follow, `Manual`),
/// never cache (a secret's answer must not sit in the HTTP cache), and cookies as [`cookies`]
/// says. `None` only if the browser refuses to build it.
fn build(
    method: Method,
    url: &str,
    (authorization, cookies): (Option<Zeroizing<String>>, RequestCredentials),
    json_body: Option<&str>,
    redirect: RequestRedirect,
) -> Option<web_sys::Request> {
    let mut request = RequestBuilder::new(url)
        .method(method)
        .redirect(redirect)
        .cache(RequestCache::NoStore)
        .credentials(cookies)
        .header("Accept", "application/json");
    if let Some(authorization) = &authorization {
        request = request.header("Authorization", authorization.as_str());
    }
    let request = match json_body {
        Some(body) => request
            .header("Content-Type", "application/json")
            .body(body),
        None => request.build(),
    };
    request.ok().map(Into::into)
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, as gloo-net calls it, but called when the request is made rather than
    /// when its future is first polled.
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_now(request: &web_sys::Request) -> js_sys::Promise;
}

/// What a failed request asks again to tell a redirect from a dropped connection: the same URL
/// with the same key, a GET that is not followed.
struct RedirectProbe {
    url: String,
    authorization: Option<Zeroizing<String>>,
    cookies: RequestCredentials,
}

/// A request's answer; a non-success one becomes an [`ApiError`] carrying Ada's envelope.
fn receive(
    answer: Result<js_sys::Promise, ApiError>,
    probe: RedirectProbe,
) -> impl Future<Output = Result<Response, ApiError>> {
    let sent = answer.map(JsFuture::from);
    async move {
        let Some(response) = sent?
            .await
            .ok()
            .and_then(|response| response.dyn_into::<web_sys::Response>().ok())
        else {
            return Err(failure_without_answer(probe).await);
        };
        let response: Response = response.into();
        if response.ok() {
            return Ok(response);
        }
        let retry_after = response.headers().get("Retry-After");
        // A body that cannot be read still leaves the status to report.
        let body = response.text().await.unwrap_or_default();
        Err(ApiError::from_status(
            response.status(),
            &body,
            retry_after.as_deref(),
        ))
    }
}

/// Why a request got no answer: a redirect looks like a network failure to `redirect: "error"`,
/// so the same URL is asked once more with a GET that does not follow, to tell them apart. The
/// key goes only where the failed request already sent it.
async fn failure_without_answer(probe: RedirectProbe) -> ApiError {
    let probe = build(
        Method::GET,
        &probe.url,
        (probe.authorization, probe.cookies),
        None,
        RequestRedirect::Manual,
    );
    let Some(request) = probe else {
        return ApiError::Network;
    };
    let sent = match send(&request) {
        Ok(sent) => sent,
        Err(halted) => return halted,
    };
    let answer = JsFuture::from(sent).await.ok();
    let redirected = answer
        .and_then(|response| response.dyn_into::<web_sys::Response>().ok())
        .is_some_and(|response| response.type_() == web_sys::ResponseType::Opaqueredirect);
    if redirected {
        ApiError::Redirected
    } else {
        ApiError::Network
    }
}

/// The answer's body read into a DTO. The body's text may hold a secret (get-secret's answer), so
/// Rust's copy of it is overwritten once read; the DTO keeps the secret in a zeroizing string.
async fn decoded<T: FromJson>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let body = Zeroizing::new(response.text().await.map_err(|_| ApiError::Network)?);
    T::from_json_text(&body).map_err(|_| ApiError::UnexpectedBody { status })
}
