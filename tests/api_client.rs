//! Browser tests of the API client (wasm-bindgen-test, headless Chromium and Firefox): it talks to a
//! real ada-stand-in across origins, as it would to Ada, and maps its answers and failures.
//!
//! `./run test` starts the stand-in and passes its address in `ADA_STAND_IN_URL` at compile time.
#![cfg(target_arch = "wasm32")]

mod support;

use ada_webhooks_admin::api::client::{ApiKey, Client, Credentials};
use ada_webhooks_admin::api::{ApiError, ErrorKind};
use ada_webhooks_admin::config::normalize_base_url;
use support::{
    api_base, clear_faults, force_dropped_connection, force_fault, reset_stand_in, TOKEN,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The error of a call that must fail, without printing a whole page of webhooks when it does not.
fn failure<T>(result: Result<T, ApiError>) -> ApiError {
    match result {
        Ok(_) => panic!("expected an error, got a success"),
        Err(error) => error,
    }
}

fn client(token: &str) -> Client {
    let base = normalize_base_url(&api_base()).unwrap();
    Client::new(base, Credentials::ApiKey(ApiKey::new(token).unwrap()))
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
    let before = client.webhook_secret(&webhook.id).await.unwrap().key;
    client.rotate_secret(&webhook.id, None).await.unwrap();
    let generated = client.webhook_secret(&webhook.id).await.unwrap().key;
    assert!(generated.starts_with("whsec_") && generated != before);

    let custom = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD".to_owned();
    client
        .rotate_secret(&webhook.id, Some(custom.clone()))
        .await
        .unwrap();
    assert_eq!(
        client.webhook_secret(&webhook.id).await.unwrap().key,
        custom
    );
}

#[wasm_bindgen_test]
async fn client_maps_errors_from_adas_envelope() {
    reset_stand_in().await;
    let error = failure(client("wrong-token").list_webhooks(None, None).await);
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
    assert!(error.ada_message().is_some(), "Ada's own message is kept");

    let Err(error) = client(TOKEN).webhook_secret("ep_doesnotexist").await else {
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
            .rotate_secret(&webhook.id, Some("whsk_short".into()))
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
    let base = normalize_base_url("http://127.0.0.1:9/api").unwrap();
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

/// Stands in for the standalone page's `adaWebhooksTakeEarlyResponse` (loader/start.js): records
/// what the client asks for and answers with `answer` (a JS expression) when the URL and the
/// Authorization header are `url` and `authorization`, else with nothing.
fn offer_early_answer(url: &str, authorization: &str, answer: &str) {
    let take = js_sys::Function::new_with_args(
        "url, authorization",
        &format!(
            "globalThis.earlyAsks.push([url, authorization ?? null]);
             return url === {url:?} && authorization === {authorization:?} ? {answer} : undefined;"
        ),
    );
    let global = js_sys::global();
    js_sys::Reflect::set(&global, &"earlyAsks".into(), &js_sys::Array::new()).unwrap();
    js_sys::Reflect::set(&global, &"adaWebhooksTakeEarlyResponse".into(), &take).unwrap();
}

fn withdraw_early_answer() -> Vec<(String, Option<String>)> {
    let global = js_sys::global();
    let asks = js_sys::Reflect::get(&global, &"earlyAsks".into()).unwrap();
    js_sys::Reflect::delete_property(&global, &"adaWebhooksTakeEarlyResponse".into()).unwrap();
    js_sys::Array::from(&asks)
        .iter()
        .map(|ask| {
            let ask = js_sys::Array::from(&ask);
            (ask.get(0).as_string().unwrap(), ask.get(1).as_string())
        })
        .collect()
}

#[wasm_bindgen_test]
async fn client_adopts_the_early_answer_to_the_same_get_and_nothing_else() {
    reset_stand_in().await;
    let client = client(TOKEN);
    let first_page = format!("{}/v2/webhooks/?limit=100", client.base_url());
    let bearer = format!("Bearer {TOKEN}");
    offer_early_answer(
        &first_page,
        &bearer,
        r#"Promise.resolve(new Response(JSON.stringify({
            data: [{ id: "early-1", url: "https://early.example/hook", description: "", event_filters: [], enabled: true }],
            meta: { next_page_url: null },
        }), { status: 200 }))"#,
    );

    let adopted = client.list_webhooks(None, Some(100)).await.unwrap();
    let asked_elsewhere = client.list_webhooks(None, Some(5)).await.unwrap();
    let asks = withdraw_early_answer();

    assert_eq!(
        adopted.data.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(),
        ["early-1"]
    );
    assert!(asked_elsewhere.data.len() == 5 && asked_elsewhere.data[0].id != "early-1");
    assert_eq!(
        asks,
        [
            (first_page.clone(), Some(bearer.clone())),
            (first_page.replace("limit=100", "limit=5"), Some(bearer)),
        ]
    );
    let sent: Vec<_> = support::received_requests()
        .await
        .into_iter()
        .filter_map(|request| request["query"].as_str().map(str::to_owned))
        .collect();
    assert!(
        sent.iter().all(|query| !query.starts_with("limit=100")),
        "the adopted page was not asked for again: {sent:?}"
    );
}

#[wasm_bindgen_test]
async fn client_maps_a_rejected_early_answer_like_any_other() {
    reset_stand_in().await;
    let client = client(TOKEN);
    let first_page = format!("{}/v2/webhooks/?limit=100", client.base_url());
    offer_early_answer(
        &first_page,
        &format!("Bearer {TOKEN}"),
        r#"Promise.resolve(new Response(JSON.stringify({ errors: [{ message: "Invalid API key" }] }), { status: 401 }))"#,
    );
    let error = failure(client.list_webhooks(None, Some(100)).await);
    withdraw_early_answer();
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
}
