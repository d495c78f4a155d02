//! The one HTTP client for Ada's webhook API (gloo-net, browser only): sends the bearer key, maps
//! every non-success answer to [`ApiError`], and decodes bodies into the DTOs of [`super::types`].
//!
//! Reads send their request when called, not when first awaited: the list's first page then leaves
//! while the rest of the widget is still mounting (about 14 ms sooner to the first rows in the
//! benchmark), instead of after it. The list's first page may have left even earlier, before the
//! wasm started (`loader/early-first-page.js`: a session remembered in the tab, or a host that
//! supplies a token or a proxy); a GET adopts that answer when its URL and key are the same.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use gloo_net::http::{Request, RequestBuilder, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::error::ApiError;
use super::json::FromJson;
use super::paths;
use super::types::{EventTypeList, RotateSecretRequest, WebhookPage, WebhookSecret};
use crate::config::BaseUrl;

/// An Ada API key. Full access and never expiring, so it is never printed, stored or put in a URL.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Arc<str>);

impl ApiKey {
    /// `None` for an empty or blank key.
    pub fn new(key: &str) -> Option<ApiKey> {
        let key = key.trim();
        (!key.is_empty()).then(|| ApiKey(Arc::from(key)))
    }

    /// The key itself, for the Authorization header and the opt-in tab storage only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// How requests are authorised: with a key the browser holds, or by a host proxy that adds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    ApiKey(ApiKey),
    /// The host's same-origin proxy adds Ada's key server-side; the browser sends none.
    Proxy,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    base: BaseUrl,
    credentials: Credentials,
}

impl Client {
    pub fn new(base: BaseUrl, credentials: Credentials) -> Client {
        Client { base, credentials }
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
        self.get(&paths::webhooks_page(&self.base, cursor.as_deref(), limit))
    }

    pub fn event_types(&self) -> impl Future<Output = Result<EventTypeList, ApiError>> {
        self.get(&paths::event_types(&self.base))
    }

    pub fn webhook_secret(
        &self,
        webhook_id: &str,
    ) -> impl Future<Output = Result<WebhookSecret, ApiError>> {
        self.get(&paths::webhook_secret(&self.base, webhook_id))
    }

    /// Rotates the secret; Ada answers `{}`, so fetch the new one with [`Client::webhook_secret`].
    pub async fn rotate_secret(
        &self,
        webhook_id: &str,
        key: Option<String>,
    ) -> Result<(), ApiError> {
        let url = paths::rotate_webhook_secret(&self.base, webhook_id);
        let request = authorised(Request::post(&url), self.authorization().as_deref())
            .header("Content-Type", "application/json")
            .body(RotateSecretRequest { key }.to_json_text())
            .map_err(|_| ApiError::Network)?;
        send(request).await.map(drop)
    }

    /// Sends the GET now (or adopts the page's early answer to it) and returns the future of its
    /// decoded answer.
    fn get<T: FromJson>(&self, url: &str) -> impl Future<Output = Result<T, ApiError>> {
        let authorization = self.authorization();
        let answer = match take_early_response(url, authorization.as_deref()) {
            Some(early) => Ok(early),
            None => authorised(Request::get(url), authorization.as_deref())
                .build()
                .map(|request| fetch_now(&request.into())),
        };
        let sent = answer.map(receive);
        async move {
            let response = sent.map_err(|_| ApiError::Network)?.await?;
            let status = response.status();
            let body = response.text().await.map_err(|_| ApiError::Network)?;
            T::from_json_text(&body).map_err(|_| ApiError::UnexpectedBody { status })
        }
    }

    /// The Authorization header's value; none behind a proxy.
    fn authorization(&self) -> Option<String> {
        match &self.credentials {
            Credentials::ApiKey(key) => Some(format!("Bearer {}", key.expose())),
            Credentials::Proxy => None,
        }
    }
}

/// `request` accepting JSON, with `authorization` when there is one.
fn authorised(request: RequestBuilder, authorization: Option<&str>) -> RequestBuilder {
    let request = request.header("Accept", "application/json");
    match authorization {
        Some(authorization) => request.header("Authorization", authorization),
        None => request,
    }
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, as gloo-net calls it, but called when the request is made rather than
    /// when its future is first polled.
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_now(request: &web_sys::Request) -> js_sys::Promise;
}

/// The page's early answer to this GET (`loader/early-first-page.js`), taken once; `None` when
/// none was asked for with this URL and Authorization header.
fn take_early_response(url: &str, authorization: Option<&str>) -> Option<js_sys::Promise> {
    let take = js_sys::Reflect::get(&js_sys::global(), &"adaWebhooksTakeEarlyResponse".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let authorization = authorization.map_or(JsValue::UNDEFINED, JsValue::from);
    take.call2(&JsValue::UNDEFINED, &url.into(), &authorization)
        .ok()?
        .dyn_into()
        .ok()
}

/// Sends one request now; see [`receive`].
fn send(request: Request) -> impl Future<Output = Result<Response, ApiError>> {
    receive(fetch_now(&request.into()))
}

/// A request's answer; a non-success one becomes an [`ApiError`] carrying Ada's envelope.
fn receive(answer: js_sys::Promise) -> impl Future<Output = Result<Response, ApiError>> {
    let sent = JsFuture::from(answer);
    async move {
        let response: Response = sent
            .await
            .ok()
            .and_then(|response| response.dyn_into::<web_sys::Response>().ok())
            .ok_or(ApiError::Network)?
            .into();
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
