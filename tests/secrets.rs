//! Browser tests (wasm-bindgen-test, in Chromium, Firefox and WebKit) driven like a user against a
//! real ada-stand-in. A secret shown: read without rotating, and hidden again by itself after the
//! auto-hide time and when the tab is hidden.
#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use ada_webhooks_admin::settings::Settings;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn show_current_secret_reads_without_rotating() {
    let app = signed_in_app(fast_settings()).await;
    clear_requests().await;
    let (id, url) = first_row(&app);
    let dialog = open_current_secret(&app, &url).await;
    assert_eq!(
        operations(&received_requests().await),
        ["get-webhook-secret"]
    );
    reveal(&dialog).await;
    assert_eq!(
        text(&find(&dialog, ".ada-secret-plain").unwrap()),
        current_secret(&id).await
    );
    button(&dialog, "Close").click();
    wait_until("closed", || open_dialog().is_none()).await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_revealed_secret_hides_itself() {
    let settings = Settings {
        secret_auto_hide: Duration::from_millis(300),
        ..fast_settings()
    };
    let app = signed_in_app(settings).await;
    let (_, url) = first_row(&app);
    let dialog = open_current_secret(&app, &url).await;
    reveal(&dialog).await;
    wait_until("hidden again by itself", || {
        find(&dialog, ".ada-secret-plain").is_none()
    })
    .await;
    wait_until("the auto-hide is announced", || {
        live_region(&app.root).contains("hidden again")
    })
    .await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn hiding_the_tab_hides_a_revealed_secret() {
    let app = signed_in_app(fast_settings()).await;
    let (_, url) = first_row(&app);
    let dialog = open_current_secret(&app, &url).await;
    reveal(&dialog).await;
    // What a browser does when the tab goes to the background.
    js_sys::eval(
        "Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
         document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));",
    )
    .unwrap();
    wait_until("hidden with the tab", || {
        find(&dialog, ".ada-secret-plain").is_none()
    })
    .await;
    js_sys::eval("delete document.hidden;").unwrap();
    wait_until("the reason is announced", || {
        live_region(&app.root).contains("tab was hidden")
    })
    .await;
    app.unmount();
}
