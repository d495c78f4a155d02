//! Browser tests of the API client (wasm-bindgen-test, headless Chromium and Firefox): it talks to a
//! real ada-stand-in across origins, as it would to Ada, and maps its answers and failures.
//!
//! `./run test` starts the stand-in and passes its address in `ADA_STAND_IN_URL` at compile time.
#![cfg(target_arch = "wasm32")]

mod support;

use ada_webhooks_admin::api::client::Client;
use ada_webhooks_admin::api::credentials::{ApiKey, Credentials};
use ada_webhooks_admin::api::paths::WebhookId;
use ada_webhooks_admin::api::{ApiError, ErrorKind};
use ada_webhooks_admin::base_url;
use serde_json::json;
use support::{
    api_base, clear_faults, force_body, force_dropped_connection, force_fault, force_redirect,
    received_requests, reset_stand_in, stand_in_url, TOKEN,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use zeroize::Zeroizing;

wasm_bindgen_test_configure!(run_in_browser);

/// The error of a call that must fail, without printing a whole page of webhooks when it does not.
fn failure<T>(result: Result<T, ApiError>) -> ApiError {
    match result {
        Ok(_) => panic!("expected an error, got a success"),
        Err(error) => error,
    }
}

fn client(token: &str) -> Client {
    let base = base_url::check_in_page(&api_base()).unwrap();
    Client::new(base, Credentials::ApiKey(ApiKey::new(token).unwrap()))
}

fn id(webhook: &ada_webhooks_admin::api::types::Webhook) -> WebhookId {
    WebhookId::parse(&webhook.id).expect("the stand-in's ids are usable")
}

#[wasm_bindgen_test]
async fn client_pages_through_every_webhook() {
    reset_stand_in().await;
    let client = client(TOKEN);
    let mut next_page_url = None;
    let mut ids = Vec::new();
    let mut pages = 0;
    loop {
        let page = client
            .list_webhooks(next_page_url.as_deref(), Some(7))
            .await
            .unwrap();
        assert!(page.data.len() <= 7);
        ids.extend(page.data.into_iter().map(|webhook| webhook.id));
        pages += 1;
        next_page_url = page.meta.next_page_url;
        if next_page_url.is_none() {
            break;
        }
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no webhook twice");
    assert!(
        pages > 1 && ids.len() > 7,
        "{} webhooks in {pages} pages",
        ids.len()
    );
}

#[wasm_bindgen_test]
async fn client_rotates_then_reads_the_new_secret() {
    reset_stand_in().await;
    let client = client(TOKEN);
    let webhook = client
        .list_webhooks(None, Some(1))
        .await
        .unwrap()
        .data
        .remove(0);
    let before = client.webhook_secret(&id(&webhook)).await.unwrap().key;
    client.rotate_secret(&id(&webhook), None).await.unwrap();
    let generated = client.webhook_secret(&id(&webhook)).await.unwrap().key;
    assert!(generated.starts_with("whsec_") && generated != before);

    let custom = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    client
        .rotate_secret(&id(&webhook), Some(Zeroizing::new(custom.to_owned())))
        .await
        .unwrap();
    assert_eq!(
        client
            .webhook_secret(&id(&webhook))
            .await
            .unwrap()
            .key
            .as_str(),
        custom
    );
}

#[wasm_bindgen_test]
async fn client_maps_errors_from_adas_envelope() {
    reset_stand_in().await;
    let error = failure(client("wrong-token").list_webhooks(None, None).await);
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
    assert!(error.ada_message().is_some(), "Ada's own message is kept");

    let unknown = WebhookId::parse("ep_doesnotexist").unwrap();
    let Err(error) = client(TOKEN).webhook_secret(&unknown).await else {
        panic!("an unknown webhook has no secret");
    };
    assert_eq!(error.kind(), ErrorKind::NotFound);

    let webhook = client(TOKEN)
        .list_webhooks(None, Some(1))
        .await
        .unwrap()
        .data
        .remove(0);
    let error = failure(
        client(TOKEN)
            .rotate_secret(&id(&webhook), Some(Zeroizing::new("whsk_short".into())))
            .await,
    );
    assert_eq!(error.kind(), ErrorKind::Validation);
    assert!(
        !error.detail_lines().is_empty(),
        "the details list is shown"
    );
}

#[wasm_bindgen_test]
async fn unreachable_api_is_a_network_error() {
    // Port 9 (discard) is closed here; the browser reports a failed fetch, not a status.
    let base = base_url::check_in_page("http://127.0.0.1:9/api").unwrap();
    let client = Client::new(base, Credentials::ApiKey(ApiKey::new(TOKEN).unwrap()));
    let error = failure(client.list_webhooks(None, None).await);
    assert_eq!(error.kind(), ErrorKind::Network);
}

#[wasm_bindgen_test]
async fn client_maps_forced_statuses_drops_and_malformed_bodies() {
    reset_stand_in().await;
    let cases = [
        (403, ErrorKind::Forbidden),
        (409, ErrorKind::Conflict),
        (413, ErrorKind::TooLarge),
        (429, ErrorKind::RateLimited),
        (500, ErrorKind::Server),
        (400, ErrorKind::BadRequest),
    ];
    for (status, kind) in cases {
        force_fault("list-webhooks", "status", status, 1).await;
        let error = failure(client(TOKEN).list_webhooks(None, None).await);
        assert_eq!(error.kind(), kind, "HTTP {status}");
        assert_eq!(error.status(), Some(status));
    }
    force_fault("list-webhooks", "status", 429, 1).await;
    let error = failure(client(TOKEN).list_webhooks(None, None).await);
    assert_eq!(
        error.retry_after_seconds(),
        Some(3),
        "Retry-After is read across origins"
    );

    force_dropped_connection("list-webhooks").await;
    let error = failure(client(TOKEN).list_webhooks(None, None).await);
    assert_eq!(error.kind(), ErrorKind::Network);
    clear_faults().await;

    force_fault("list-webhooks", "malformed", 200, 1).await;
    let error = failure(client(TOKEN).list_webhooks(None, None).await);
    assert_eq!(error.kind(), ErrorKind::UnexpectedBody);
}

/// The offer the loader and start.js hand the wasm: `{url, response}` with `answer` (a JS
/// expression for a Promise of a Response).
fn early_offer(url: &str, answer: &str) -> JsValue {
    js_sys::Function::new_no_args(&format!("return {{ url: {url:?}, response: {answer} }};"))
        .call0(&JsValue::NULL)
        .unwrap()
}

const EARLY_PAGE: &str = r#"Promise.resolve(new Response(JSON.stringify({
    data: [{ id: "early-1", url: "https://early.example/hook", description: "", event_filters: [], enabled: true }],
    meta: { next_page_url: null },
}), { status: 200 }))"#;

fn first_page_url(client: &Client, limit: u32) -> String {
    format!("{}/v2/webhooks/?limit={limit}", client.base_url().root())
}

fn ids(page: &ada_webhooks_admin::api::types::WebhookPage) -> Vec<&str> {
    page.data.iter().map(|w| w.id.as_str()).collect()
}

#[wasm_bindgen_test]
async fn client_adopts_the_early_answer_once_for_its_first_page_only() {
    reset_stand_in().await;
    let plain = client(TOKEN);
    let offer = early_offer(&first_page_url(&plain, 100), EARLY_PAGE);
    let client = plain.with_early_first_page(&offer, 100);

    let adopted = client.list_webhooks(None, Some(100)).await.unwrap();
    assert_eq!(ids(&adopted), ["early-1"]);
    assert!(
        received_requests().await.is_empty(),
        "the adopted page was not asked for again"
    );
    let again = client.list_webhooks(None, Some(100)).await.unwrap();
    assert_ne!(ids(&again), ["early-1"], "taken once");
    assert_eq!(received_requests().await.len(), 1);
}

#[wasm_bindgen_test]
async fn an_early_answer_for_another_url_is_dropped_unread() {
    reset_stand_in().await;
    let plain = client(TOKEN);
    let other_url = first_page_url(&plain, 5);
    let client = plain.with_early_first_page(&early_offer(&other_url, EARLY_PAGE), 100);
    let page = client.list_webhooks(None, Some(100)).await.unwrap();
    assert_ne!(ids(&page), ["early-1"]);

    // A client that asks for another page first no longer holds its early answer either.
    let plain = self::client(TOKEN);
    let offer = early_offer(&first_page_url(&plain, 100), EARLY_PAGE);
    let client = plain.with_early_first_page(&offer, 100);
    assert_eq!(
        client
            .list_webhooks(None, Some(5))
            .await
            .unwrap()
            .data
            .len(),
        5
    );
    assert_ne!(
        ids(&client.list_webhooks(None, Some(100)).await.unwrap()),
        ["early-1"]
    );
}

#[wasm_bindgen_test]
async fn no_page_global_is_consulted_with_the_key() {
    reset_stand_in().await;
    // What the old handoff looked up on every GET: a script could replace it to read each key.
    js_sys::eval(
        "globalThis.keysSeen = []; globalThis.adaWebhooksTakeEarlyResponse = (url, authorization) => {
           globalThis.keysSeen.push(authorization); return undefined; };",
    )
    .unwrap();
    let client = client(TOKEN);
    client.list_webhooks(None, Some(100)).await.unwrap();
    client.event_types().await.unwrap();
    let seen = js_sys::eval("globalThis.keysSeen.length").unwrap().as_f64();
    js_sys::eval("delete globalThis.adaWebhooksTakeEarlyResponse; delete globalThis.keysSeen;")
        .unwrap();
    assert_eq!(
        seen,
        Some(0.0),
        "the client handed the key to a page global"
    );
}

#[wasm_bindgen_test]
async fn client_maps_a_rejected_early_answer_like_any_other() {
    reset_stand_in().await;
    let plain = client(TOKEN);
    let rejected = r#"Promise.resolve(new Response(JSON.stringify({ errors: [{ type: "unauthorized", message: "Invalid API key" }] }), { status: 401 }))"#;
    let offer = early_offer(&first_page_url(&plain, 100), rejected);
    let client = plain.with_early_first_page(&offer, 100);
    let error = failure(client.list_webhooks(None, Some(100)).await);
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
}

#[wasm_bindgen_test]
async fn a_redirect_is_never_followed_and_is_told_as_one() {
    reset_stand_in().await;
    // To the stand-in's own event types: had the browser followed, the log would show them.
    let elsewhere = format!("{}/api/v2/webhooks/event-types/", stand_in_url());
    force_redirect("list-webhooks", &elsewhere, 2).await;
    let error = failure(client(TOKEN).list_webhooks(None, Some(5)).await);
    assert_eq!(error, ApiError::Redirected);
    assert!(error.summary().contains("redirect"));
    let requests = received_requests().await;
    let seen: Vec<(&str, &str, u64)> = requests
        .iter()
        .map(|r| {
            (
                r["operation"].as_str().unwrap(),
                r["authorization"].as_str().unwrap(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("list-webhooks", "bearer-valid", 302),
            // The check that tells a redirect from a dropped connection: a GET not followed.
            ("list-webhooks", "bearer-valid", 302),
        ],
        "nothing followed the redirect"
    );
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn every_request_refuses_redirects_the_cache_and_cookies_but_the_proxys_own() {
    reset_stand_in().await;
    js_sys::eval(
        "globalThis.fetchedWith = []; globalThis.realFetch = globalThis.fetch;
         globalThis.fetch = (request, init) => {
           globalThis.fetchedWith.push([request.method, request.redirect, request.cache, request.credentials]);
           return globalThis.realFetch(request, init); };",
    )
    .unwrap();
    let client = client(TOKEN);
    let webhook = client
        .list_webhooks(None, Some(1))
        .await
        .unwrap()
        .data
        .remove(0);
    client.event_types().await.unwrap();
    client.webhook_secret(&id(&webhook)).await.unwrap();
    client.rotate_secret(&id(&webhook), None).await.unwrap();
    // Behind the host's proxy the page's own cookies go along (to its own origin only), for the
    // proxy's check of the host's session; this stand-in is no proxy, so it refuses the request.
    let base = base_url::check_in_page(&api_base()).unwrap();
    let behind_proxy = Client::new(base, Credentials::Proxy);
    assert!(behind_proxy.list_webhooks(None, Some(1)).await.is_err());
    let seen = js_sys::eval("JSON.stringify(globalThis.fetchedWith)")
        .unwrap()
        .as_string()
        .unwrap();
    js_sys::eval("globalThis.fetch = globalThis.realFetch; delete globalThis.realFetch;").unwrap();
    let seen: serde_json::Value = serde_json::from_str(&seen).unwrap();
    assert_eq!(
        seen,
        json!([
            ["GET", "error", "no-store", "omit"],
            ["GET", "error", "no-store", "omit"],
            ["GET", "error", "no-store", "omit"],
            ["POST", "error", "no-store", "omit"],
            ["GET", "error", "no-store", "same-origin"],
        ])
    );
}

#[wasm_bindgen_test]
async fn ids_that_would_leave_their_path_never_reach_a_request() {
    reset_stand_in().await;
    force_body(
        "list-webhooks",
        200,
        json!({"data": [{"id": ".."}, {"id": "."}, {"id": ""}, {"id": "ep_ok"}], "meta": {"next_page_url": null}}),
        1,
    )
    .await;
    let page = client(TOKEN).list_webhooks(None, Some(5)).await.unwrap();
    let usable: Vec<Option<WebhookId>> =
        page.data.iter().map(|w| WebhookId::parse(&w.id)).collect();
    assert_eq!(usable.iter().filter(|id| id.is_some()).count(), 1);
    assert_eq!(usable[3].as_ref().map(WebhookId::as_str), Some("ep_ok"));
}
