//! Browser tests of the rotation operations (wasm-bindgen-test, in Chromium, Firefox and WebKit)
//! against a real ada-stand-in, where the requests are the point: bulk rotation (each selected
//! webhook rotated once and its secret fetched, a 429 in the middle waited out, Stop while a
//! rotation is in flight or while a 429 is waited out, a secret not fetched yet, select all shown)
//! and the delivery check (Svix's own vectors through WebCrypto, and a host without `reveal`, where
//! the admin pastes the secret and nothing is fetched). A failure among four with its retry, the
//! outcome's layout and axe, and each verdict from the keyboard run end to end
//! (tests/e2e/operations.test.mjs).
#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use ada_webhooks_admin::components::verify_dialog::judge;
use ada_webhooks_admin::embed_options::Capabilities;
use serde_json::Value;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn signed_in_app() -> Mounted {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(fast_settings()).await;
    sign_in(&app.root).await;
    app
}

/// The first `count` rows' URLs and ids, in the table's order.
fn rows(app: &Mounted, count: usize) -> Vec<(String, String)> {
    find_all(&app.root, "tbody tr")
        .iter()
        .take(count)
        .map(|row| {
            let url = text(&find(row, "td.ada-url").unwrap());
            let id = text(&find(row, ".ada-id").unwrap());
            (url, id)
        })
        .collect()
}

fn checkbox(app: &Mounted, url: &str) -> web_sys::HtmlInputElement {
    use wasm_bindgen::JsCast;
    find_all(&app.root, "input[type=checkbox]")
        .into_iter()
        .find(|input| {
            input.get_attribute("aria-label").as_deref() == Some(&format!("Select {url}"))
        })
        .unwrap_or_else(|| panic!("no checkbox named Select {url}"))
        .dyn_into()
        .unwrap()
}

/// Selects the first `count` rows, opens "Rotate N selected", types N and confirms.
async fn rotate_selected(app: &Mounted, count: usize) -> (Vec<(String, String)>, web_sys::Element) {
    let chosen = rows(app, count);
    for (url, _) in &chosen {
        checkbox(app, url).click();
    }
    wait_until("the count shows", || {
        text(&app.root).contains(&format!("{count} selected"))
    })
    .await;
    button(&app.root, &format!("Rotate {count} selected")).click();
    wait_until("the bulk dialog opens", || {
        open_dialog().is_some_and(|d| text(&d).contains("one after another"))
    })
    .await;
    let dialog = open_dialog().unwrap();
    for (url, _) in &chosen {
        assert!(
            text(&dialog).contains(url.as_str()),
            "the dialog lists {url}"
        );
    }
    let confirm = button(&dialog, &format!("Rotate {count} secrets"));
    assert!(is_disabled(&confirm), "disabled until N is typed");
    type_into(&field(&dialog, &format!("Type {count} to confirm")), "3");
    assert!(is_disabled(&confirm), "the wrong number does not confirm");
    type_into(
        &field(&dialog, &format!("Type {count} to confirm")),
        &count.to_string(),
    );
    wait_until("the confirm button enables", || !is_disabled(&confirm)).await;
    confirm.click();
    (chosen, dialog)
}

async fn wait_for_summary(dialog: &web_sys::Element, summary: &str) {
    wait_until(summary, || text(dialog).contains(summary)).await;
}

fn rotations_of(requests: &[Value], id: &str) -> usize {
    requests
        .iter()
        .filter(|r| {
            r["operation"] == "rotate-webhook-secret"
                && r["path"].as_str().unwrap_or_default().contains(id)
        })
        .count()
}

#[wasm_bindgen_test]
async fn bulk_rotation_rotates_each_selected_webhook_once_and_fetches_its_secret() {
    let app = signed_in_app().await;
    clear_requests().await;
    let (chosen, dialog) = rotate_selected(&app, 4).await;
    wait_for_summary(&dialog, "4 of 4 rotated").await;
    let requests = received_requests().await;
    let ops: Vec<String> = operations(&requests);
    assert_eq!(ops.len(), 8);
    assert!(
        ops.chunks(2)
            .all(|pair| pair == ["rotate-webhook-secret", "get-webhook-secret"]),
        "{ops:?}"
    );
    for (_, id) in &chosen {
        assert_eq!(rotations_of(&requests, id), 1, "{id} rotated once");
        let secret = current_secret(id).await;
        assert!(
            !document()
                .document_element()
                .unwrap()
                .outer_html()
                .contains(&secret),
            "masked"
        );
    }
    assert_eq!(
        find_all(&dialog, "button")
            .iter()
            .filter(|b| text(b) == "Reveal secret")
            .count(),
        4
    );
    // Revealed one at a time.
    let reveals = find_all(&dialog, "button");
    reveals
        .iter()
        .filter(|b| text(b) == "Reveal secret")
        .take(2)
        .for_each(|b| {
            use wasm_bindgen::JsCast;
            b.unchecked_ref::<web_sys::HtmlElement>().click();
        });
    wait_until("one secret shown", || {
        find_all(&dialog, ".ada-secret-plain").len() == 1
    })
    .await;
    assert!(text(&dialog).contains("Rotated at"));
    assert!(find_button(&dialog, &format!("Verify a delivery for {}", chosen[0].0)).is_some());
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_429_in_the_middle_is_waited_out_and_the_run_carries_on() {
    let app = signed_in_app().await;
    clear_requests().await;
    // The second rotation answers 429 with Retry-After: 3.
    force_fault_after("rotate-webhook-secret", "status", 429, 1, 1).await;
    let (chosen, dialog) = rotate_selected(&app, 3).await;
    wait_until("the wait shows", || {
        text(&dialog).contains("Waiting for Ada's rate limit…")
    })
    .await;
    wait_for_summary(&dialog, "3 of 3 rotated").await;
    let requests = received_requests().await;
    assert_eq!(
        rotations_of(&requests, &chosen[1].1),
        2,
        "the 429'd rotation sent again once"
    );
    let statuses: Vec<u64> = requests
        .iter()
        .filter_map(|r| r["status"].as_u64())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 1);
    app.unmount();
}

#[wasm_bindgen_test]
async fn stop_finishes_the_rotation_in_flight_and_rotates_no_other() {
    let app = signed_in_app().await;
    clear_requests().await;
    set_latency("rotate-webhook-secret", 400).await;
    let (_, dialog) = rotate_selected(&app, 4).await;
    wait_until("rotating", || find_button(&dialog, "Stop").is_some()).await;
    let progress = find(&dialog, "progress").expect("a progress bar");
    assert_eq!(
        progress.get_attribute("aria-label").as_deref(),
        Some("Rotating secrets")
    );
    assert_eq!(progress.get_attribute("max").as_deref(), Some("4"));
    assert!(
        text(&dialog).contains("0 of 4") || text(&dialog).contains("1 of 4"),
        "k of N"
    );
    button(&dialog, "Stop").click();
    wait_until("stopped", || {
        text(&dialog).contains("not rotated (stopped)")
    })
    .await;
    let rotated = received_requests()
        .await
        .iter()
        .filter(|r| r["operation"] == "rotate-webhook-secret")
        .count();
    assert!(rotated <= 2, "{rotated} rotations after Stop");
    sleep(Duration::from_millis(800)).await;
    let later = received_requests()
        .await
        .iter()
        .filter(|r| r["operation"] == "rotate-webhook-secret")
        .count();
    assert_eq!(later, rotated, "nothing rotated after the run stopped");
    assert!(text(&dialog).contains(&format!(
        "{rotated} of 4 rotated, {} not rotated (stopped)",
        4 - rotated
    )));
    set_latency("rotate-webhook-secret", 0).await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn stop_while_a_429_is_waited_out_sends_nothing_more() {
    let app = signed_in_app().await;
    clear_requests().await;
    // The first rotation answers 429 with Retry-After: 3.
    force_fault_after("rotate-webhook-secret", "status", 429, 1, 0).await;
    let (_, dialog) = rotate_selected(&app, 3).await;
    wait_until("the wait shows", || {
        text(&dialog).contains("Waiting for Ada's rate limit…")
    })
    .await;
    button(&dialog, "Stop").click();
    wait_for_summary(&dialog, "0 of 3 rotated, 3 not rotated (stopped)").await;
    let rotations = received_requests()
        .await
        .iter()
        .filter(|r| r["operation"] == "rotate-webhook-secret")
        .count();
    assert_eq!(rotations, 1, "only the attempt Ada answered 429 to");
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_secret_not_fetched_yet_is_fetched_again_without_rotating() {
    let app = signed_in_app().await;
    clear_requests().await;
    force_fault("get-webhook-secret", "status", 500, 1).await;
    let (chosen, dialog) = rotate_selected(&app, 2).await;
    wait_for_summary(&dialog, "2 of 2 rotated").await;
    assert!(text(&dialog).contains("Rotated — secret not fetched yet"));
    button(&dialog, &format!("Fetch the secret for {}", chosen[0].0)).click();
    wait_until("fetched", || {
        !text(&dialog).contains("secret not fetched yet")
    })
    .await;
    let requests = received_requests().await;
    assert_eq!(
        rotations_of(&requests, &chosen[0].1),
        1,
        "never rotated again"
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn select_all_shown_selects_what_the_search_shows() {
    let app = signed_in_app().await;
    type_into(&field(&app.root, "Search URL or description"), "zendesk");
    wait_until("the search narrows", || {
        text(&app.root).contains("Showing ")
    })
    .await;
    let shown = find_all(&app.root, "tbody tr:not([hidden])").len();
    field(&app.root, "Select all shown").click();
    wait_until("all shown selected", || {
        text(&app.root).contains(&format!("{shown} selected"))
    })
    .await;
    assert!(find_button(&app.root, &format!("Rotate {shown} selected")).is_some());
    wait_until("the count is said", || {
        live_region(&app.root).contains(&format!("Selected the {shown} webhook"))
    })
    .await;
    app.unmount();
}

/// Signs a delivery as Svix does, with WebCrypto in the test page: `{headers, body}` text.
async fn signed_delivery(secret: &str, body: &str, seconds_ago: i64) -> (String, String) {
    let sign = js_sys::Function::new_with_args(
        "secret, body, ago",
        "const key = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
         const id = 'msg_' + Math.random().toString(36).slice(2);
         const timestamp = String(Math.floor(Date.now() / 1000) - ago);
         return crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
           .then((k) => crypto.subtle.sign('HMAC', k, new TextEncoder().encode(`${id}.${timestamp}.${body}`)))
           .then((mac) => `Svix-Id: ${id}\\r\\nsvix-timestamp: ${timestamp}\\r\\nsvix-signature: v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`);",
    );
    let promise: js_sys::Promise = sign
        .call3(
            &wasm_bindgen::JsValue::NULL,
            &secret.into(),
            &body.into(),
            &(seconds_ago as f64).into(),
        )
        .unwrap()
        .into();
    let headers = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .unwrap()
        .as_string()
        .unwrap();
    (headers, body.to_owned())
}

async fn open_verify(app: &Mounted, url: &str) -> web_sys::Element {
    button(&app.root, &format!("Actions for {url}")).click();
    wait_until("the menu opens", || {
        find(&app.root, "[role=menu]").is_some()
    })
    .await;
    button(&app.root, "Verify a delivery").click();
    wait_until("the verify dialog opens", || {
        open_dialog().is_some_and(|d| find_button(&d, "Verify").is_some())
    })
    .await;
    open_dialog().unwrap()
}

fn set_textarea(dialog: &web_sys::Element, label: &str, value: &str) {
    use wasm_bindgen::JsCast;
    let area: web_sys::HtmlTextAreaElement = labelled(dialog, label).dyn_into().unwrap();
    area.set_value(value);
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn without_reveal_the_check_asks_for_the_secret_and_fetches_nothing() {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app_with(
        fast_settings(),
        Capabilities::parse(Some("verify")).unwrap(),
    )
    .await;
    sign_in(&app.root).await;
    let (url, id) = rows(&app, 1).remove(0);
    let secret = current_secret(&id).await;
    let dialog = open_verify(&app, &url).await;
    let (headers, body) =
        signed_delivery(&secret, r#"{"type":"v1.conversation.created"}"#, 0).await;
    clear_requests().await;
    set_textarea(&dialog, "Headers", &headers);
    set_textarea(&dialog, "Body", &body);
    type_into(&field(&dialog, "Current secret"), &secret);
    button(&dialog, "Verify").click();
    wait_until("valid", || {
        text(&dialog).contains("Valid: signed with the current secret")
    })
    .await;
    assert!(
        received_requests().await.is_empty(),
        "no get-secret where the host does not allow revealing"
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn svix_vectors_verify_through_webcrypto() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/svix-deliveries.json")).unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let verdict = judge(
            case["headers"].as_str().unwrap(),
            case["body"].as_str().unwrap(),
            case["secret"].as_str().unwrap(),
            case["other_secret"].as_str().unwrap_or(""),
            case["now"].as_i64().unwrap(),
        )
        .await
        .expect("WebCrypto here");
        assert_eq!(
            verdict.sentence(),
            case["expected"].as_str().unwrap(),
            "{}",
            case["name"]
        );
    }
}

#[wasm_bindgen_test]
async fn after_a_single_rotation_the_overlap_is_explained_with_a_verify_button() {
    let app = signed_in_app().await;
    let (url, _) = rows(&app, 1).remove(0);
    button(&app.root, &format!("Rotate secret for {url}")).click();
    wait_until("the rotate dialog", || open_dialog().is_some()).await;
    let dialog = open_dialog().unwrap();
    button(&dialog, "Rotate secret").click();
    wait_until("rotated", || text(&dialog).contains("Rotated at")).await;
    assert!(text(&dialog).contains("accept deliveries signed with either secret"));
    button(&dialog, "Verify a delivery").click();
    wait_until("the verify dialog on top", || {
        find_all(&document().document_element().unwrap(), "dialog[open]").len() == 2
    })
    .await;
    app.unmount();
}
