//! Shared helpers of the browser suites: the stand-in's address and control API, mounting the app
//! into a fresh container, typing and clicking like a user, and waiting for the DOM to settle.
#![allow(dead_code)] // each suite uses its own subset

use std::time::Duration;

use ada_webhooks_admin::app::App;
use ada_webhooks_admin::embed_options::Capabilities;
use ada_webhooks_admin::session::Session;
use ada_webhooks_admin::settings::{Pace, Settings};
use gloo_net::http::Request;
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub const TOKEN: &str = "browser-test-token";

pub fn stand_in_url() -> &'static str {
    match option_env!("ADA_STAND_IN_URL") {
        Some(url) => url,
        None => panic!("run the browser tests through ./run test, which starts ada-stand-in"),
    }
}

pub fn api_base() -> String {
    format!("{}/api", stand_in_url())
}

async fn control(method: &str, path: &str, body: Option<Value>) -> Value {
    let url = format!("{}/__stand-in/{path}", stand_in_url());
    let builder = match method {
        "GET" => Request::get(&url),
        "POST" => Request::post(&url),
        "DELETE" => Request::delete(&url),
        other => panic!("no control method {other}"),
    };
    let response = match body {
        Some(body) => builder.json(&body).unwrap().send().await,
        None => builder.send().await,
    }
    .unwrap_or_else(|error| panic!("stand-in control {method} {path}: {error}"));
    assert!(
        response.ok(),
        "stand-in control {method} {path}: HTTP {}",
        response.status()
    );
    response.json().await.unwrap_or(Value::Null)
}

/// Fresh seed data, no faults, no latency, an empty request log.
pub async fn reset_stand_in() {
    control("POST", "reset", Some(json!({}))).await;
}

/// Forces the next `times` answers of an operation (an OpenAPI operationId): `kind` is `status`
/// (answering `status`), `drop` or `malformed`; see [`force_body`] and [`force_redirect`].
pub async fn force_fault(operation: &str, kind: &str, status: u16, times: u32) {
    force_fault_after(operation, kind, status, times, 0).await;
}

/// Like [`force_fault`], once `after` answers of the operation have gone through normally.
pub async fn force_fault_after(operation: &str, kind: &str, status: u16, times: u32, after: u32) {
    let mut fault = json!({"operation": operation, "kind": kind, "times": times, "after": after});
    if kind == "status" {
        fault["status"] = json!(status);
        fault["retry_after"] = json!(3);
    }
    control("POST", "faults", Some(fault)).await;
}

/// The `/api/` requests the stand-in received, oldest first.
/// Answers the next `times` requests of an operation with exactly `body` (and `status`).
pub async fn force_body(operation: &str, status: u16, body: Value, times: u32) {
    let fault = json!({"operation": operation, "kind": "body", "status": status, "body": body, "times": times});
    control("POST", "faults", Some(fault)).await;
}

/// Answers the next `times` requests of an operation with a 302 to `location`.
pub async fn force_redirect(operation: &str, location: &str, times: u32) {
    let fault =
        json!({"operation": operation, "kind": "redirect", "location": location, "times": times});
    control("POST", "faults", Some(fault)).await;
}

/// Adds `ms` of latency to one operation's answers (0 clears it).
pub async fn set_latency(operation: &str, ms: u64) {
    control(
        "POST",
        "latency",
        Some(json!({"ms": ms, "operation": operation})),
    )
    .await;
}

pub async fn received_requests() -> Vec<Value> {
    control("GET", "requests", None).await["requests"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

pub async fn clear_faults() {
    control("DELETE", "faults", None).await;
}

/// Closes the connection without an answer. Browsers silently re-send a request whose
/// connection closed before any byte arrived (Chromium sent a rotate POST three times; Firefox
/// allows up to 10 attempts), so the fault covers every attempt; clear the faults afterwards.
pub async fn force_dropped_connection(operation: &str) {
    force_fault(operation, "drop", 0, 20).await;
}

pub async fn clear_requests() {
    control("DELETE", "requests", None).await;
}

pub async fn current_secret(webhook_id: &str) -> String {
    let secrets = control("GET", &format!("webhooks/{webhook_id}/secrets"), None).await;
    secrets["current"]
        .as_str()
        .expect("a current secret")
        .to_owned()
}

pub fn operations(requests: &[Value]) -> Vec<String> {
    requests
        .iter()
        .map(|request| request["operation"].as_str().unwrap_or("?").to_owned())
        .collect()
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The app mounted in a new container; drop the handle's container with [`Mounted::unmount`].
pub struct Mounted {
    pub root: HtmlElement,
    handle: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

impl Mounted {
    pub fn unmount(mut self) {
        drop(self.handle.take());
        self.root.remove();
    }
}

/// Mounts a fresh app, first removing what a failed earlier test may have left in the page, and
/// waits until its first lazy part (the sign-in form or the list) is there.
pub async fn mount_app(settings: Settings) -> Mounted {
    mount_app_with(settings, Capabilities::ALL).await
}

/// Like [`mount_app`], with only the given capabilities (as a host's attribute would set them).
pub async fn mount_app_with(settings: Settings, capabilities: Capabilities) -> Mounted {
    for leftover in find_all(&document().document_element().unwrap(), "[data-test-root]") {
        leftover.remove();
    }
    let root: HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    root.set_attribute("data-test-root", "").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        // The standalone page's session (restored from the tab, if any), or a host's.
        let session = if capabilities == Capabilities::ALL {
            Session::restore(settings, None)
        } else {
            Session::new(settings, None, capabilities)
        };
        view! { <App session /> }.into_any()
    });
    wait_until("the first part is loaded", || {
        find(&root, ".ada-sign-in, .ada-list, .ada-notice").is_some()
    })
    .await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

/// Small pages, and a pace that does not slow the tests down (the pacing has tests of its own).
pub fn fast_settings() -> Settings {
    Settings {
        page_size: 7,
        pace: Pace {
            per_second: 100,
            per_minute: 10_000,
        },
        ..Settings::default()
    }
}

pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                duration.as_millis() as i32,
            )
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Polls until `condition` holds (10 ms steps, up to 10 s), then returns; panics with `what`.
pub async fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if condition() {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting until {what}");
}

pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|index| list.item(index)?.dyn_into().ok())
        .collect()
}

pub fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

/// The input whose label reads exactly `label` (via `for`), like a user finds a field.
pub fn field(root: &Element, label: &str) -> HtmlInputElement {
    labelled(root, label).dyn_into().unwrap()
}

/// The element whose label reads exactly `label` (via `for`): an input, a textarea, a select.
pub fn labelled(root: &Element, label: &str) -> Element {
    let label_element = find_all(root, "label")
        .into_iter()
        .find(|element| text(element).trim() == label)
        .unwrap_or_else(|| panic!("no field labelled {label:?}"));
    let id = label_element.get_attribute("for").expect("label has for");
    document().get_element_by_id(&id).unwrap()
}

pub fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// The button whose accessible name (aria-label, else text) is `name`.
pub fn button(root: &Element, name: &str) -> HtmlElement {
    find_button(root, name).unwrap_or_else(|| panic!("no button named {name:?}"))
}

pub fn find_button(root: &Element, name: &str) -> Option<HtmlElement> {
    find_all(root, "button")
        .into_iter()
        .find(|element| {
            let accessible = element
                .get_attribute("aria-label")
                .unwrap_or_else(|| text(element));
            accessible.trim() == name
        })
        .map(|element| element.dyn_into().unwrap())
}

pub fn is_disabled(element: &HtmlElement) -> bool {
    element.has_attribute("disabled")
}

/// Signs in through the form with the test token and waits until every page is listed.
pub async fn sign_in(root: &Element) {
    sign_in_until(root, " webhooks.").await;
}

/// Signs in through the form with the test token and waits until the widget shows `done`.
pub async fn sign_in_until(root: &Element, done: &str) {
    type_into(&field(root, "API base URL"), &api_base());
    type_into(&field(root, "API key"), TOKEN);
    button(root, "Sign in").click();
    wait_until(done, || text(root).contains(done)).await;
}

pub fn live_region(root: &Element) -> String {
    find(root, "[role=status]")
        .map(|region| text(&region))
        .unwrap_or_default()
}

/// The open dialog, wherever it is in the document.
pub fn open_dialog() -> Option<Element> {
    find(&document().document_element().unwrap(), "dialog[open]")
}

pub fn clear_tab_storage() {
    let window = web_sys::window().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
}

/// A fresh app, signed in through its form, with the list shown.
pub async fn signed_in_app(settings: Settings) -> Mounted {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(settings).await;
    sign_in(&app.root).await;
    app
}

/// The first listed webhook's id and URL, read from the table as a user sees it.
pub fn first_row(app: &Mounted) -> (String, String) {
    let row = find(&app.root, "tbody tr").expect("a row");
    let id = text(&find(&row, ".ada-id").unwrap());
    let url = text(&find(&row, "td.ada-url").unwrap());
    (id, url)
}

pub async fn open_rotate_dialog(app: &Mounted) -> (String, web_sys::Element) {
    let (id, url) = first_row(app);
    button(&app.root, &format!("Rotate secret for {url}")).click();
    wait_until("the rotate dialog opens", || open_dialog().is_some()).await;
    (id, open_dialog().unwrap())
}

/// Opens the row's "Actions for <URL>" menu and waits for its items.
pub async fn open_row_menu(app: &Mounted, url: &str) {
    button(&app.root, &format!("Actions for {url}")).click();
    wait_until("the row's menu opens", || {
        find(&app.root, "[role=menu]").is_some()
    })
    .await;
}

pub async fn open_current_secret(app: &Mounted, url: &str) -> web_sys::Element {
    open_row_menu(app, url).await;
    button(&app.root, "Show current secret").click();
    wait_until("the dialog opens", || open_dialog().is_some()).await;
    let dialog = open_dialog().unwrap();
    wait_for_secret_ready(&dialog).await;
    dialog
}

/// Clicks Reveal and waits until the plaintext is shown.
pub async fn reveal(dialog: &web_sys::Element) {
    button(dialog, "Reveal secret").click();
    wait_until("the secret is revealed", || {
        find(dialog, ".ada-secret-plain").is_some()
    })
    .await;
}

pub async fn wait_for_secret_ready(dialog: &web_sys::Element) {
    wait_until("the secret is ready", || {
        find_button(dialog, "Reveal secret").is_some()
    })
    .await;
}
