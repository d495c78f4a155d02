//! Browser tests (wasm-bindgen-test, in Chromium, Firefox and WebKit) driven like a user against a
//! real ada-stand-in. The sign-in form and what ends a session: each problem named with what was
//! typed kept, the same-origin proxy explained, a server error retried, base URLs that would reach
//! another origin refused, a 401 anywhere back to the form with the base URL kept.
#![cfg(target_arch = "wasm32")]

mod support;

use ada_webhooks_admin::settings::Settings;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn app_mounts_with_its_heading_and_unmounts_cleanly() {
    clear_tab_storage();
    let app = mount_app(Settings::default()).await;
    assert_eq!(text(&find(&app.root, "h1").unwrap()), "Ada webhook secrets");
    assert!(
        find(&app.root, "[role=status][aria-live=polite]").is_some(),
        "a polite live region"
    );
    let root = app.root.clone();
    app.unmount();
    assert!(find(&root, "h1").is_none());
}

#[wasm_bindgen_test]
async fn sign_in_names_each_problem_and_keeps_what_was_typed() {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(Settings::default()).await;
    let base = field(&app.root, "API base URL");
    wait_until("the base URL defaults to the same-origin proxy", || {
        base.value() == "/api"
    })
    .await;
    let key = field(&app.root, "API key");
    assert_eq!(key.type_(), "password");
    assert_eq!(key.get_attribute("autocomplete").as_deref(), Some("off"));
    assert_eq!(key.get_attribute("spellcheck").as_deref(), Some("false"));

    type_into(&base, "http://acme.example.com");
    button(&app.root, "Sign in").click();
    wait_until("the base URL problem shows", || {
        text(&app.root).contains("unencrypted")
    })
    .await;
    assert!(text(&app.root).contains("Enter an API key"));
    assert_eq!(
        base.value(),
        "http://acme.example.com",
        "the field keeps the text"
    );
    assert_eq!(base.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        received_requests().await.is_empty(),
        "nothing is sent while the form is invalid"
    );

    type_into(&base, &api_base());
    type_into(&key, "not-the-right-key");
    button(&app.root, "Sign in").click();
    wait_until("Ada's rejection shows", || {
        text(&app.root).contains("Ada rejected this token.")
    })
    .await;
    assert!(text(&app.root).contains("Config › Platform › API keys"));
    assert_eq!(
        key.value(),
        "not-the-right-key",
        "the key is kept to correct"
    );
    assert!(
        !app.root.outer_html().contains("not-the-right-key"),
        "the key is never in an attribute"
    );

    type_into(&key, TOKEN);
    button(&app.root, "Sign in").click();
    wait_until("the list shows", || text(&app.root).contains(" webhooks.")).await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn unreachable_api_explains_the_same_origin_proxy() {
    clear_tab_storage();
    let app = mount_app(Settings::default()).await;
    type_into(&field(&app.root, "API base URL"), "http://127.0.0.1:9/api");
    type_into(&field(&app.root, "API key"), TOKEN);
    button(&app.root, "Sign in").click();
    wait_until("the network message shows", || {
        text(&app.root).contains("same-origin proxy")
    })
    .await;
    assert!(
        find_button(&app.root, "Retry").is_some(),
        "a network failure offers retry"
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn server_error_at_sign_in_offers_retry() {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(Settings::default()).await;
    force_fault("list-webhooks", "status", 503, 1).await;
    type_into(&field(&app.root, "API base URL"), &api_base());
    type_into(&field(&app.root, "API key"), TOKEN);
    button(&app.root, "Sign in").click();
    wait_until("the server error shows", || {
        find_button(&app.root, "Retry").is_some()
    })
    .await;
    button(&app.root, "Retry").click();
    wait_until("the retry signs in", || {
        text(&app.root).contains(" webhooks.")
    })
    .await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn base_urls_that_reach_another_origin_are_refused_in_the_form() {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(fast_settings()).await;
    let port = stand_in_url().rsplit(':').next().unwrap().to_owned();
    let tricks = [
        (format!("/\\127.0.0.1:{port}/api"), "backslash"),
        ("http://127.evil.example/api".to_owned(), "unencrypted"),
        (format!("//127.0.0.1:{port}/api"), "another site"),
        (format!("/\t/127.0.0.1:{port}/api"), "control character"),
        (format!("http://127.1:{port}/api"), "not a valid host name"),
        ("/api/../../x".to_owned(), "cannot be used"),
    ];
    type_into(&field(&app.root, "API key"), TOKEN);
    for (base, refusal) in tricks {
        type_into(&field(&app.root, "API base URL"), &base);
        button(&app.root, "Sign in").click();
        wait_until(refusal, || text(&app.root).contains(refusal)).await;
        assert_eq!(
            field(&app.root, "API base URL").value(),
            base,
            "the field keeps {base:?}"
        );
    }
    assert!(
        received_requests().await.is_empty(),
        "no request left for any of them"
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_401_anywhere_returns_to_sign_in_keeping_the_base_url() {
    let app = signed_in_app(fast_settings()).await;
    force_fault("rotate-webhook-secret", "status", 401, 1).await;
    let (_, dialog) = open_rotate_dialog(&app).await;
    button(&dialog, "Rotate secret").click();
    wait_until("sign-in shows again", || {
        find_button(&app.root, "Sign in").is_some()
    })
    .await;
    assert!(text(&app.root).contains("Ada rejected the API key"));
    assert_eq!(field(&app.root, "API base URL").value(), api_base());
    assert_eq!(
        field(&app.root, "API key").value(),
        "",
        "the rejected key is gone"
    );
    assert!(open_dialog().is_none());
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_401_while_listing_returns_to_sign_in_too() {
    let app = signed_in_app(fast_settings()).await;
    force_fault("list-webhooks", "status", 401, 1).await;
    button(&app.root, "Refresh").click();
    wait_until("sign-in shows again", || {
        find_button(&app.root, "Sign in").is_some()
    })
    .await;
    assert!(text(&app.root).contains("Ada rejected the API key"));
    assert_eq!(field(&app.root, "API base URL").value(), api_base());
    app.unmount();
}
