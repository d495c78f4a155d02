//! Browser tests (wasm-bindgen-test, in Chromium, Firefox and WebKit) driven like a user against a
//! real ada-stand-in. What a session leaves behind and keeps: nothing after sign-out or the idle
//! sign-out, the opt-in tab session in sessionStorage only, and a remembered session refused once
//! idle.
#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use ada_webhooks_admin::session::Session;
use ada_webhooks_admin::settings::{idle_words, Settings};
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn sign_out_and_idle_leave_no_key_or_secret_behind() {
    let app = signed_in_app(fast_settings()).await;
    let (id, url) = first_row(&app);
    let dialog = open_current_secret(&app, &url).await;
    button(&dialog, "Reveal secret").click();
    button(&dialog, "Close").click();
    button(&app.root, "Sign out").click();
    wait_until("signed out", || find_button(&app.root, "Sign in").is_some()).await;
    let secret = current_secret(&id).await;
    let page = support::document().document_element().unwrap().outer_html();
    assert!(!page.contains(&secret) && !page.contains(TOKEN));
    let window = web_sys::window().unwrap();
    assert_eq!(
        window.session_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    assert_eq!(
        window.local_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    assert!(!window.location().href().unwrap().contains(TOKEN));
    app.unmount();

    let settings = Settings {
        idle_timeout: Duration::from_millis(400),
        ..fast_settings()
    };
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(settings).await;
    // The idle clock may run out before the list shows on a busy machine: wait for the sign-out,
    // not for the list.
    let idle = idle_words(settings.idle_timeout);
    sign_in_until(&app.root, &idle).await;
    assert!(find_button(&app.root, "Sign in").is_some());
    app.unmount();
}

#[wasm_bindgen_test]
async fn stay_signed_in_uses_only_this_tabs_session_storage() {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(fast_settings()).await;
    type_into(&field(&app.root, "API base URL"), &api_base());
    type_into(&field(&app.root, "API key"), TOKEN);
    let remember = field(&app.root, "Stay signed in in this tab");
    assert!(
        text(&app.root).contains("sessionStorage")
            && text(&app.root).contains("until the tab closes"),
        "says exactly what is kept where"
    );
    remember.click();
    button(&app.root, "Sign in").click();
    wait_until("signed in", || text(&app.root).contains(" webhooks.")).await;
    let window = web_sys::window().unwrap();
    assert_eq!(
        window.session_storage().unwrap().unwrap().length().unwrap(),
        1
    );
    assert_eq!(
        window.local_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    app.unmount();

    let app = mount_app(fast_settings()).await;
    wait_until("restored from the tab", || {
        text(&app.root).contains(" webhooks.")
    })
    .await;
    button(&app.root, "Sign out").click();
    wait_until("signed out", || find_button(&app.root, "Sign in").is_some()).await;
    assert_eq!(
        window.session_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_remembered_session_idle_past_the_timeout_is_refused() {
    reset_stand_in().await;
    clear_tab_storage();
    let settings = fast_settings();
    let idle_since = js_sys::Date::now() - settings.idle_timeout.as_millis() as f64 - 1_000.0;
    let remembered = json!({"base_url": api_base(), "api_key": TOKEN, "last_active_ms": format!("{}", idle_since as u64)});
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    storage
        .set_item("ada-webhooks-admin:session", &remembered.to_string())
        .unwrap();
    let app = mount_app(settings).await;
    assert!(find_button(&app.root, "Sign in").is_some(), "signed out");
    assert_eq!(storage.length().unwrap(), 0, "the stale session is removed");
    assert!(received_requests().await.is_empty());
    app.unmount();

    // The same session, active a moment ago, is restored; one without a time is not.
    let fresh = json!({"base_url": api_base(), "api_key": TOKEN, "last_active_ms": format!("{}", js_sys::Date::now() as u64)});
    storage
        .set_item("ada-webhooks-admin:session", &fresh.to_string())
        .unwrap();
    let app = mount_app(settings).await;
    wait_until("restored", || text(&app.root).contains("30 webhooks.")).await;
    app.unmount();

    // A restored session's idle time counts from the activity stored, not from the reload: one
    // idle for all but a minute of the timeout has a minute left.
    let idle_since =
        (js_sys::Date::now() - settings.idle_timeout.as_millis() as f64 + 60_000.0) as u64;
    let nearly_idle = json!({"base_url": api_base(), "api_key": TOKEN, "last_active_ms": format!("{idle_since}")});
    storage
        .set_item("ada-webhooks-admin:session", &nearly_idle.to_string())
        .unwrap();
    // Held until the checks are done: a dropped owner disposes the session's signals.
    let owner = leptos::prelude::Owner::new();
    let session = owner.with(|| Session::restore(settings, None));
    assert!(session.is_signed_in_untracked(), "restored");
    assert_eq!(
        session.idle_deadline_ms(),
        Some(idle_since as f64 + settings.idle_timeout.as_millis() as f64)
    );
    drop(owner);
    let untimed = json!({"base_url": api_base(), "api_key": TOKEN});
    storage
        .set_item("ada-webhooks-admin:session", &untimed.to_string())
        .unwrap();
    let app = mount_app(settings).await;
    assert!(
        find_button(&app.root, "Sign in").is_some(),
        "a session without a time is refused"
    );
    app.unmount();
    clear_tab_storage();
}
