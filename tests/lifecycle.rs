//! Browser tests of the webhook lifecycle (wasm-bindgen-test, headless Chromium and Firefox)
//! against a real ada-stand-in: create (the URL checked as typed, Ada's 422 details next to the
//! field, the new row at once, its secret), edit (one PATCH of only what changed, none when nothing
//! did), disable and enable (shown at once, put back when Ada refuses), delete (typed confirmation,
//! a 404 told as already gone) and a host's capabilities switching features off.
#![cfg(target_arch = "wasm32")]

mod support;

use ada_webhooks_admin::embed_options::Capabilities;
use serde_json::{json, Value};
use support::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

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

/// What the field's problem line says (the first element its `aria-describedby` names).
fn problem_of(input: &HtmlInputElement) -> String {
    input
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .and_then(|id| document().get_element_by_id(id))
        .filter(|element| element.class_name().contains("error"))
        .map(|element| text(&element))
        .unwrap_or_default()
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
async fn create_checks_the_url_sends_one_post_and_shows_the_row_and_its_secret() {
    let app = signed_in_app().await;
    clear_requests().await;
    button(&app.root, "New webhook").click();
    let dialog = dialog_titled("New webhook").await;
    let url = field(&dialog, "URL");
    type_into(&url, "http://hooks.example.com/new");
    wait_until("the URL problem shows", || {
        problem_of(&url).contains("https")
    })
    .await;
    type_into(&url, "https://hooks.example.com/created-here");
    wait_until("the problem goes", || problem_of(&url).is_empty()).await;
    type_into(&field(&dialog, "Description"), "Made by the test");
    field(&dialog, "All events").click();
    wait_until("no event type chosen is said", || {
        text(&dialog).contains("Choose at least one event type")
    })
    .await;
    field(&dialog, "v1.conversation.created").click();
    button(&dialog, "Create webhook").click();
    let created = dialog_titled("Webhook created").await;
    wait_until("the secret panel shows", || {
        find_button(&created, "Reveal secret").is_some()
    })
    .await;
    assert_eq!(first_url(&app), "https://hooks.example.com/created-here");
    let id = text(&find(&app.root, "tbody tr .ada-id").unwrap());
    let secret = current_secret(&id).await;
    let page = document().document_element().unwrap().outer_html();
    assert!(!page.contains(&secret), "the new secret is masked");
    assert!(text(&created).contains(&secret[secret.len() - 4..]));
    let requests = received_requests().await;
    let creates = requests_of(&requests, "create-webhook");
    assert_eq!(creates.len(), 1);
    assert_eq!(
        creates[0]["body"],
        json!({
            "url": "https://hooks.example.com/created-here",
            "description": "Made by the test",
            "event_filters": ["v1.conversation.created"],
            "enabled": true,
        })
    );
    assert!(
        requests_of(&requests, "list-webhooks").is_empty(),
        "the list was not reloaded"
    );
    button(&created, "Done").click();
    wait_until("the dialog closes", || open_dialog().is_none()).await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_422_on_create_shows_the_url_detail_beside_the_field_and_keeps_what_was_typed() {
    let app = signed_in_app().await;
    force_body(
        "create-webhook",
        422,
        json!({"errors": [{
            "type": "validation_error",
            "message": "Invalid request",
            "details": [
                {"parameter": "url", "location": "body", "message": "must not point at a private network"},
                {"parameter": "colour", "location": "body", "message": "is not a field"},
            ],
        }]}),
        1,
    )
    .await;
    button(&app.root, "New webhook").click();
    let dialog = dialog_titled("New webhook").await;
    let url = field(&dialog, "URL");
    type_into(&url, "https://hooks.example.com/private");
    button(&dialog, "Create webhook").click();
    wait_until("the detail shows at the URL", || {
        problem_of(&url).contains("must not point at a private network")
    })
    .await;
    let notice = find(&dialog, ".ada-error").expect("a notice above the buttons");
    assert!(
        text(&notice).contains("is not a field"),
        "{}",
        text(&notice)
    );
    assert!(!text(&notice).contains("private network"));
    assert_eq!(url.value(), "https://hooks.example.com/private");
    wait_until("the live region says it", || {
        live_region(&app.root).contains("Creating the webhook failed")
    })
    .await;
    // Changing the field clears the detail that named it.
    type_into(&url, "https://hooks.example.com/public");
    wait_until("the detail goes", || problem_of(&url).is_empty()).await;
    button(&dialog, "Create webhook").click();
    dialog_titled("Webhook created").await;
    assert_eq!(first_url(&app), "https://hooks.example.com/public");
    app.unmount();
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
async fn disable_shows_at_once_and_goes_back_with_the_reason_when_ada_refuses() {
    let app = signed_in_app().await;
    let url = first_url(&app);
    let state = |app: &Mounted| {
        row_of(app, &url)
            .and_then(|row| find(&row, ".ada-col-state"))
            .map(|cell| text(&cell))
            .unwrap_or_default()
    };
    assert_eq!(state(&app), "Enabled");
    clear_requests().await;
    set_latency("update-webhook", 300).await;
    open_menu_item(&app, &url, "Disable").await;
    wait_until("the row says disabled at once", || {
        state(&app) == "Disabled"
    })
    .await;
    wait_until("Ada's answer is announced", || {
        live_region(&app.root).contains(&format!("Disabled {url}."))
    })
    .await;
    let requests = received_requests().await;
    let updates = requests_of(&requests, "update-webhook");
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0]["body"], json!({"enabled": false}));

    force_fault("update-webhook", "status", 403, 1).await;
    open_menu_item(&app, &url, "Enable").await;
    wait_until("the row says enabled at once", || state(&app) == "Enabled").await;
    wait_until("the row goes back", || state(&app) == "Disabled").await;
    let notice = find(&app.root, ".ada-list .ada-error").expect("the refusal is shown");
    assert!(
        text(&notice).contains(&format!(
            "Ada refused to enable {url}; it is disabled again."
        )),
        "{}",
        text(&notice)
    );
    wait_until("the live region says it", || {
        live_region(&app.root).contains("Ada refused to enable")
    })
    .await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn delete_waits_for_the_typed_url_and_removes_the_row() {
    let app = signed_in_app().await;
    let url = first_url(&app);
    clear_requests().await;
    open_menu_item(&app, &url, "Delete").await;
    let dialog = dialog_titled("Delete webhook").await;
    assert!(text(&dialog).contains(&url));
    assert!(text(&dialog).contains("deliveries"));
    let delete = button(&dialog, "Delete webhook");
    assert!(is_disabled(&delete));
    let confirm = field(&dialog, &format!("Type {url} to confirm"));
    type_into(&confirm, "https://hooks.example.com/");
    assert!(is_disabled(&button(&dialog, "Delete webhook")));
    type_into(&confirm, &url);
    wait_until("Delete is enabled", || {
        !is_disabled(&button(&dialog, "Delete webhook"))
    })
    .await;
    button(&dialog, "Delete webhook").click();
    wait_until("the dialog closes", || open_dialog().is_none()).await;
    wait_until("the row leaves", || row_of(&app, &url).is_none()).await;
    let requests = received_requests().await;
    let deletes = requests_of(&requests, "delete-webhook");
    assert_eq!(deletes.len(), 1);
    assert_eq!(deletes[0]["method"], "DELETE");
    wait_until("the live region says it", || {
        live_region(&app.root).contains(&format!("Deleted the webhook for {url}."))
    })
    .await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_404_on_delete_says_it_was_already_gone_and_removes_the_row() {
    let app = signed_in_app().await;
    let url = first_url(&app);
    force_fault("delete-webhook", "status", 404, 1).await;
    open_menu_item(&app, &url, "Delete").await;
    let dialog = dialog_titled("Delete webhook").await;
    type_into(&field(&dialog, &format!("Type {url} to confirm")), &url);
    wait_until("Delete is enabled", || {
        !is_disabled(&button(&dialog, "Delete webhook"))
    })
    .await;
    button(&dialog, "Delete webhook").click();
    wait_until("already deleted is said", || {
        text(&dialog).contains("already deleted")
    })
    .await;
    wait_until("the row leaves", || row_of(&app, &url).is_none()).await;
    button(&dialog, "Close").click();
    wait_until("the dialog closes", || open_dialog().is_none()).await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_host_with_rotate_and_reveal_only_gets_no_lifecycle_controls() {
    let app = signed_in_app_with(Capabilities::parse(Some("rotate reveal")).unwrap()).await;
    let url = first_url(&app);
    assert!(find_button(&app.root, "New webhook").is_none());
    assert!(find_button(&app.root, &format!("Rotate secret for {url}")).is_some());
    button(&app.root, &format!("Actions for {url}")).click();
    wait_until("the menu opens", || {
        find(&app.root, "[role=menu]").is_some()
    })
    .await;
    let items: Vec<String> = find_all(&app.root, "[role=menuitem]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(items, ["Show current secret"]);
    app.unmount();

    let app = signed_in_app_with(Capabilities::parse(Some("edit")).unwrap()).await;
    let url = first_url(&app);
    assert!(find_button(&app.root, &format!("Rotate secret for {url}")).is_none());
    assert!(find(&app.root, "input[aria-label^='Select ']").is_none());
    assert!(find_button(&app.root, "New webhook").is_none());
    button(&app.root, &format!("Actions for {url}")).click();
    let items: Vec<String> = find_all(&app.root, "[role=menuitem]")
        .iter()
        .map(text)
        .collect();
    assert_eq!(items, ["Edit", "Disable"]);
    app.unmount();
}
