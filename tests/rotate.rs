//! Browser tests (wasm-bindgen-test, in Chromium, Firefox and WebKit) driven like a user against a
//! real ada-stand-in. Rotating one secret: a custom key checked as it is typed, rotate then get-
//! secret (with and without a custom key), a failed fetch retried without rotating, Ada's errors
//! with the typed key kept, and an ambiguous failure never retried by itself.
#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn custom_key_problems_are_named_as_you_type() {
    let app = signed_in_app(fast_settings()).await;
    let (_, dialog) = open_rotate_dialog(&app).await;
    let key = field(&dialog, "Custom key (optional)");
    assert_eq!(key.type_(), "password");
    let rotate = button(&dialog, "Rotate secret");
    let cases = [
        (
            "whsk_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            "starts with another prefix than whsec_",
        ),
        ("whsec_C2FVsBQIhrscChlQIMV-b5sSYspob7oD", "URL-safe"),
        ("whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFB", "at least 24 bytes"),
        (&format!("whsec_{}", "A".repeat(104)), "at most 75 bytes"),
        ("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7o", "multiple of 4"),
    ];
    for (input, expected) in cases {
        type_into(&key, input);
        wait_until(expected, || text(&dialog).contains(expected)).await;
        assert!(is_disabled(&rotate), "{input} cannot be sent");
        assert_eq!(key.get_attribute("aria-invalid").as_deref(), Some("true"));
    }
    type_into(&key, "");
    wait_until("an empty key is fine", || !is_disabled(&rotate)).await;
    button(&dialog, "Cancel").click();
    wait_until("the dialog closes", || open_dialog().is_none()).await;
    assert!(received_requests()
        .await
        .iter()
        .all(|r| r["operation"] != "rotate-webhook-secret"));
    app.unmount();
}

#[wasm_bindgen_test]
async fn rotate_without_a_key_then_reveal_hide_and_copy() {
    let app = signed_in_app(fast_settings()).await;
    clear_requests().await;
    let (id, dialog) = open_rotate_dialog(&app).await;
    let active = support::document().active_element().unwrap();
    assert_eq!(
        text(&active).trim(),
        "Cancel",
        "Cancel has the initial focus"
    );
    assert!(
        text(&dialog).contains("24 hours"),
        "says what rotating does"
    );

    let rotate = button(&dialog, "Rotate secret");
    rotate.click();
    rotate.click();
    wait_for_secret_ready(&dialog).await;
    let focused = support::document().active_element().unwrap();
    assert_eq!(
        text(&focused).trim(),
        "Done",
        "focus stays in the dialog after rotating"
    );
    let requests = received_requests().await;
    assert_eq!(
        operations(&requests),
        ["rotate-webhook-secret", "get-webhook-secret"]
    );
    assert_eq!(requests[0]["body"], json!({}));

    let secret = current_secret(&id).await;
    let page = || support::document().document_element().unwrap().outer_html();
    assert!(
        !page().contains(&secret),
        "masked: the plaintext is not in the DOM"
    );
    assert!(
        text(&dialog).contains(&secret[secret.len() - 4..]),
        "the hint shows the last four"
    );

    button(&dialog, "Reveal secret").click();
    wait_until("the secret is revealed", || page().contains(&secret)).await;
    assert_eq!(text(&find(&dialog, ".ada-secret-plain").unwrap()), secret);
    button(&dialog, "Hide secret").click();
    wait_until("the secret leaves the DOM", || !page().contains(&secret)).await;

    button(&dialog, "Copy secret").click();
    wait_until("copy feedback", || {
        text(&dialog).contains("Copied") || text(&dialog).contains("Copy failed")
    })
    .await;
    wait_until("copy is announced", || {
        live_region(&app.root).contains("Cop")
    })
    .await;
    assert!(!page().contains(&secret), "copy works while masked");

    button(&dialog, "Done").click();
    wait_until("the dialog closes", || open_dialog().is_none()).await;
    assert!(!page().contains(&secret));
    app.unmount();
}

#[wasm_bindgen_test]
async fn rotate_with_a_custom_key_sends_it_and_reveals_it() {
    let app = signed_in_app(fast_settings()).await;
    clear_requests().await;
    let (id, dialog) = open_rotate_dialog(&app).await;
    let custom = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    type_into(&field(&dialog, "Custom key (optional)"), custom);
    button(&dialog, "Rotate secret").click();
    wait_for_secret_ready(&dialog).await;
    let requests = received_requests().await;
    assert_eq!(
        operations(&requests),
        ["rotate-webhook-secret", "get-webhook-secret"]
    );
    assert_eq!(requests[0]["body"], json!({"key": custom}));
    assert_eq!(current_secret(&id).await, custom);
    button(&dialog, "Reveal secret").click();
    wait_until("the custom key shows", || {
        find(&dialog, ".ada-secret-plain").is_some()
    })
    .await;
    assert_eq!(text(&find(&dialog, ".ada-secret-plain").unwrap()), custom);
    app.unmount();
}

#[wasm_bindgen_test]
async fn rotated_but_fetch_failed_retries_the_fetch_only() {
    let app = signed_in_app(fast_settings()).await;
    clear_requests().await;
    force_fault("get-webhook-secret", "status", 500, 1).await;
    let (id, dialog) = open_rotate_dialog(&app).await;
    button(&dialog, "Rotate secret").click();
    wait_until("the partial failure shows", || {
        text(&dialog).contains("The secret was rotated, but fetching it failed.")
    })
    .await;
    button(&dialog, "Retry fetching the secret").click();
    wait_for_secret_ready(&dialog).await;
    let requests = received_requests().await;
    assert_eq!(
        operations(&requests),
        [
            "rotate-webhook-secret",
            "get-webhook-secret",
            "get-webhook-secret"
        ],
        "the retry never rotates again"
    );
    reveal(&dialog).await;
    assert_eq!(
        text(&find(&dialog, ".ada-secret-plain").unwrap()),
        current_secret(&id).await
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn rotate_errors_show_adas_message_and_keep_the_key() {
    let app = signed_in_app(fast_settings()).await;
    let (_, dialog) = open_rotate_dialog(&app).await;
    let key = field(&dialog, "Custom key (optional)");
    let custom = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    type_into(&key, custom);
    let expectations = [
        (400, "Correct the values"),
        (403, "administrator"),
        (404, "Refresh the list"),
        (409, "Refresh the list, then try again"),
        (413, "Correct the values"),
        (422, "Correct the values"),
        (429, "Try again in 3 s."),
        (500, "Try rotating again"),
    ];
    for (status, expected) in expectations {
        force_fault("rotate-webhook-secret", "status", status, 1).await;
        button(&dialog, "Rotate secret").click();
        wait_until(&format!("HTTP {status} shows"), || {
            text(&dialog).contains(&format!("HTTP {status}")) && text(&dialog).contains(expected)
        })
        .await;
        assert_eq!(key.value(), custom, "the typed key survives HTTP {status}");
        assert!(find_button(&dialog, "Reveal secret").is_none());
    }
    force_dropped_connection("rotate-webhook-secret").await;
    button(&dialog, "Rotate secret").click();
    wait_until("the network failure shows", || {
        text(&dialog).contains("Could not reach the API.")
    })
    .await;
    clear_faults().await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_rotation_that_may_have_happened_is_never_retried_by_itself() {
    let app = signed_in_app(fast_settings()).await;
    clear_requests().await;
    force_fault("rotate-webhook-secret", "status", 502, 1).await;
    let (_, dialog) = open_rotate_dialog(&app).await;
    button(&dialog, "Rotate secret").click();
    wait_until("the failure shows", || text(&dialog).contains("HTTP 502")).await;
    assert!(
        text(&dialog).contains("The first attempt may have rotated the secret already"),
        "says so before offering to try again"
    );
    assert!(find_button(&dialog, "Try rotating again").is_some());
    sleep(Duration::from_millis(500)).await;
    let rotations = received_requests()
        .await
        .iter()
        .filter(|r| r["operation"] == "rotate-webhook-secret")
        .count();
    assert_eq!(rotations, 1, "one attempt, none by itself");

    // A definite refusal does not carry the warning.
    force_fault("rotate-webhook-secret", "status", 409, 1).await;
    button(&dialog, "Rotate secret").click();
    wait_until("the refusal shows", || text(&dialog).contains("HTTP 409")).await;
    assert!(!text(&dialog).contains("may have rotated"));
    app.unmount();
}
