//! Browser tests of the webhook lifecycle (wasm-bindgen-test, in Chromium, Firefox and WebKit)
//! against a real ada-stand-in, where the request is the point: an edit sends one PATCH of only
//! what changed and none when nothing did, and a webhook without a URL is deleted only once its id
//! is typed. Creating, disabling and deleting, with their layout, focus and axe checks, are tested
//! end to end on the release build (tests/e2e/lifecycle.test.mjs).
#![cfg(target_arch = "wasm32")]

mod support;

use ada_webhooks_admin::embed_options::Capabilities;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

async fn signed_in_app() -> Mounted {
    signed_in_app_with(Capabilities::ALL).await
}

async fn signed_in_app_with(capabilities: Capabilities) -> Mounted {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app_with(fast_settings(), capabilities).await;
    sign_in(&app.root).await;
    app
}

/// The first row's URL.
fn first_url(app: &Mounted) -> String {
    text(&find(&app.root, "tbody tr td.ada-url").expect("a row"))
}

fn row_of(app: &Mounted, url: &str) -> Option<Element> {
    find_all(&app.root, "tbody tr")
        .into_iter()
        .find(|row| find(row, "td.ada-url").is_some_and(|cell| text(&cell) == url))
}

async fn open_menu_item(app: &Mounted, url: &str, item: &str) {
    button(&app.root, &format!("Actions for {url}")).click();
    wait_until("the menu opens", || {
        find(&app.root, "[role=menu]").is_some()
    })
    .await;
    button(&app.root, item).click();
}

async fn dialog_titled(title: &str) -> Element {
    wait_until(&format!("the {title} dialog opens"), || {
        open_dialog().is_some_and(|dialog| {
            find(&dialog, ".ada-dialog-title").is_some_and(|heading| text(&heading) == title)
        })
    })
    .await;
    open_dialog().unwrap()
}

fn requests_of<'a>(requests: &'a [Value], operation: &str) -> Vec<&'a Value> {
    requests
        .iter()
        .filter(|request| request["operation"] == operation)
        .collect()
}

#[wasm_bindgen_test]
async fn edit_sends_only_what_changed_and_nothing_when_nothing_did() {
    let app = signed_in_app().await;
    let url = first_url(&app);
    clear_requests().await;
    open_menu_item(&app, &url, "Edit").await;
    let dialog = dialog_titled("Edit webhook").await;
    assert_eq!(field(&dialog, "URL").value(), url);
    button(&dialog, "Save changes").click();
    wait_until("the dialog closes", || open_dialog().is_none()).await;
    wait_until("the live region says it", || {
        live_region(&app.root).contains("Nothing changed, so nothing was sent.")
    })
    .await;
    assert!(requests_of(&received_requests().await, "update-webhook").is_empty());

    open_menu_item(&app, &url, "Edit").await;
    let dialog = dialog_titled("Edit webhook").await;
    type_into(&field(&dialog, "Description"), "Renamed by the test");
    button(&dialog, "Save changes").click();
    wait_until("the dialog closes", || open_dialog().is_none()).await;
    let requests = received_requests().await;
    let updates = requests_of(&requests, "update-webhook");
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0]["method"], "PATCH");
    assert_eq!(
        updates[0]["body"],
        json!({"description": "Renamed by the test"})
    );
    wait_until("the row shows the new description", || {
        row_of(&app, &url).is_some_and(|row| text(&row).contains("Renamed by the test"))
    })
    .await;
    assert!(requests_of(&requests, "list-webhooks").is_empty());
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_webhook_without_a_url_is_deleted_only_once_its_id_is_typed() {
    reset_stand_in().await;
    clear_tab_storage();
    let page = json!({"data": [{"id": "ep_nourl", "url": "", "enabled": true}], "meta": {"next_page_url": null}});
    force_body("list-webhooks", 200, page, 1).await;
    let app = mount_app(fast_settings()).await;
    sign_in_until(&app.root, "1 webhook.").await;
    button(&app.root, "Actions for").click();
    wait_until("the menu opens", || {
        find(&app.root, "[role=menu]").is_some()
    })
    .await;
    button(&app.root, "Delete").click();
    let dialog = dialog_titled("Delete webhook").await;
    assert!(
        is_disabled(&button(&dialog, "Delete webhook")),
        "an empty field does not confirm an empty URL"
    );
    type_into(&field(&dialog, "Type ep_nourl to confirm"), "ep_nourl");
    wait_until("typing the id confirms", || {
        !is_disabled(&button(&dialog, "Delete webhook"))
    })
    .await;
    app.unmount();
}
