//! Browser tests of the admin flow (wasm-bindgen-test, headless Chromium and Firefox), driven like a
//! user: fields found by their labels, buttons by their accessible names, against a real
//! ada-stand-in whose control API forces faults and reports the requests it received.
#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use ada_webhooks_admin::settings::{idle_words, Pace, Settings};
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn signed_in_app(settings: Settings) -> Mounted {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(settings).await;
    sign_in(&app.root).await;
    app
}

/// The first listed webhook's id and URL, read from the table as a user sees it.
fn first_row(app: &Mounted) -> (String, String) {
    let row = find(&app.root, "tbody tr").expect("a row");
    let id = text(&find(&row, ".ada-id").unwrap());
    let url = text(&find(&row, "td.ada-url").unwrap());
    (id, url)
}

async fn open_rotate_dialog(app: &Mounted) -> (String, web_sys::Element) {
    let (id, url) = first_row(app);
    button(&app.root, &format!("Rotate secret for {url}")).click();
    wait_until("the rotate dialog opens", || open_dialog().is_some()).await;
    (id, open_dialog().unwrap())
}

/// Opens the row's "Actions for <URL>" menu and waits for its items.
async fn open_row_menu(app: &Mounted, url: &str) {
    button(&app.root, &format!("Actions for {url}")).click();
    wait_until("the row's menu opens", || {
        find(&app.root, "[role=menu]").is_some()
    })
    .await;
}

async fn open_current_secret(app: &Mounted, url: &str) -> web_sys::Element {
    open_row_menu(app, url).await;
    button(&app.root, "Show current secret").click();
    wait_until("the dialog opens", || open_dialog().is_some()).await;
    let dialog = open_dialog().unwrap();
    wait_for_secret_ready(&dialog).await;
    dialog
}

/// Clicks Reveal and waits until the plaintext is shown.
async fn reveal(dialog: &web_sys::Element) {
    button(dialog, "Reveal secret").click();
    wait_until("the secret is revealed", || {
        find(dialog, ".ada-secret-plain").is_some()
    })
    .await;
}

async fn wait_for_secret_ready(dialog: &web_sys::Element) {
    wait_until("the secret is ready", || {
        find_button(dialog, "Reveal secret").is_some()
    })
    .await;
}

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
async fn list_shows_every_page_and_escapes_html() {
    let app = signed_in_app(fast_settings()).await;
    let requests = received_requests().await;
    let pages = requests
        .iter()
        .filter(|r| r["operation"] == "list-webhooks")
        .count();
    let rows = find_all(&app.root, "tbody tr").len();
    assert_eq!(rows, 30, "all seeded webhooks");
    assert_eq!(
        pages, 5,
        "5 pages of at most 7, the first of them the sign-in's key check"
    );
    assert!(text(&app.root).contains("30 webhooks."));
    assert!(
        text(&app.root).contains("All events"),
        "an empty filter reads as all events"
    );
    assert!(
        find(&app.root, "time[datetime]").is_some(),
        "timestamps keep the exact value"
    );

    let page_text = text(&app.root);
    assert!(
        page_text.contains("<script>"),
        "the script payload shows as text"
    );
    assert!(find(&app.root, "tbody script").is_none() && find(&app.root, "tbody img").is_none());

    let search = field(&app.root, "Search URL or description");
    type_into(&search, "日本語");
    // Rows the filter leaves out are hidden, not removed: count the ones shown.
    let shown_rows = || find_all(&app.root, "tbody tr:not([hidden])").len();
    wait_until("the search narrows the rows", || shown_rows() < 30).await;
    let hidden_row = find(&app.root, "tbody tr[hidden]").expect("a row the search leaves out");
    let display = web_sys::window()
        .unwrap()
        .get_computed_style(&hidden_row)
        .unwrap()
        .unwrap()
        .get_property_value("display")
        .unwrap();
    assert_eq!(
        display, "none",
        "a row the search leaves out is not displayed"
    );
    assert!(text(&app.root).contains("Showing "));
    type_into(&search, "no-such-webhook-anywhere");
    wait_until("the empty state shows", || {
        text(&app.root).contains("No webhooks match")
    })
    .await;
    type_into(&search, "");
    wait_until("every page's rows come back", || shown_rows() == 30).await;
    let ids: Vec<String> = find_all(&app.root, "tbody tr .ada-id")
        .iter()
        .map(text)
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rows keep Ada's order across pages");
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_failed_page_keeps_the_rows_and_resumes() {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(fast_settings()).await;
    type_into(&field(&app.root, "API base URL"), &api_base());
    type_into(&field(&app.root, "API key"), TOKEN);
    // The sign-in's key check is the first page; the second page fails.
    force_fault_after("list-webhooks", "status", 500, 1, 1).await;
    button(&app.root, "Sign in").click();
    wait_until("the failure shows", || {
        find_button(&app.root, "Resume loading").is_some()
    })
    .await;
    assert_eq!(
        find_all(&app.root, "tbody tr").len(),
        7,
        "the first page is kept"
    );
    assert!(text(&app.root).contains("rows already loaded are kept"));
    let first_row_before = find(&app.root, "tbody tr").unwrap();
    button(&app.root, "Resume loading").click();
    wait_until("every page is listed", || {
        text(&app.root).contains("30 webhooks.")
    })
    .await;
    assert_eq!(
        find_all(&app.root, "tbody tr").len(),
        30,
        "resumed without duplicates"
    );
    let first_row_after = find(&app.root, "tbody tr").unwrap();
    assert!(
        first_row_before.is_same_node(Some(&first_row_after)),
        "appending pages keeps the rows already rendered"
    );
    app.unmount();
}

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
            "starts with “whsk_”",
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
    let app = signed_in_app(settings).await;
    let idle = idle_words(settings.idle_timeout);
    wait_until("the idle sign-out", || text(&app.root).contains(&idle)).await;
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
async fn a_row_whose_id_cannot_be_used_in_a_path_offers_no_actions() {
    reset_stand_in().await;
    clear_tab_storage();
    let rows = json!([
        {"id": "..", "url": "https://dots.example/two", "enabled": true},
        {"id": ".", "url": "https://dots.example/one", "enabled": true},
        {"id": "ep_fine", "url": "https://fine.example/hook", "enabled": true},
    ]);
    force_body(
        "list-webhooks",
        200,
        json!({"data": rows, "meta": {"next_page_url": null}}),
        1,
    )
    .await;
    let app = mount_app(fast_settings()).await;
    sign_in_until(&app.root, "3 webhooks.").await;
    for url in ["https://dots.example/two", "https://dots.example/one"] {
        assert!(
            find_button(&app.root, &format!("Rotate secret for {url}")).is_none(),
            "{url}"
        );
    }
    assert!(find_button(&app.root, "Rotate secret for https://fine.example/hook").is_some());
    assert_eq!(
        find_all(&app.root, ".ada-unusable-id").len(),
        2,
        "each unusable row says why it has no actions"
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn paging_keeps_to_the_pace_setting() {
    reset_stand_in().await;
    clear_tab_storage();
    let settings = Settings {
        pace: Pace {
            per_second: 4,
            per_minute: 100,
        },
        ..fast_settings()
    };
    let app = mount_app(settings).await;
    let started = js_sys::Date::now();
    sign_in_until(&app.root, "30 webhooks.").await;
    // 5 pages: the first at once, then 4 at least 250 ms apart.
    let elapsed = js_sys::Date::now() - started;
    assert!(
        elapsed >= 950.0,
        "5 pages at 4 a second took only {elapsed} ms"
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_429_while_paging_waits_and_carries_on_by_itself() {
    reset_stand_in().await;
    clear_tab_storage();
    let app = mount_app(fast_settings()).await;
    // The first page is the sign-in's; the second answers 429 with Retry-After: 3 (the helper's).
    force_fault_after("list-webhooks", "status", 429, 1, 1).await;
    type_into(&field(&app.root, "API base URL"), &api_base());
    type_into(&field(&app.root, "API key"), TOKEN);
    button(&app.root, "Sign in").click();
    wait_until("the wait is shown", || {
        text(&app.root).contains("Waiting for Ada's rate limit… (3 s)")
    })
    .await;
    wait_until("the countdown runs", || {
        text(&app.root).contains("Waiting for Ada's rate limit… (2 s)")
    })
    .await;
    assert!(
        find_button(&app.root, "Resume loading").is_none(),
        "no click needed"
    );
    wait_until("loading carried on", || {
        text(&app.root).contains("30 webhooks.")
    })
    .await;
    assert_eq!(find_all(&app.root, "tbody tr").len(), 30);
    app.unmount();
}

#[wasm_bindgen_test]
async fn a_cursor_that_repeats_stops_paging_with_a_reason() {
    reset_stand_in().await;
    clear_tab_storage();
    let looping = json!({
        "data": [{"id": "ep_loop", "url": "https://loop.example/hook", "enabled": true}],
        "meta": {"next_page_url": format!("{}/api/v2/webhooks/?cursor=ep_loop", stand_in_url())},
    });
    force_body("list-webhooks", 200, looping, 3).await;
    let app = mount_app(fast_settings()).await;
    sign_in_until(&app.root, "Loading stopped").await;
    assert!(text(&app.root).contains("leads back to a page already loaded"));
    let lists = received_requests()
        .await
        .iter()
        .filter(|r| r["operation"] == "list-webhooks")
        .count();
    assert_eq!(
        lists, 2,
        "the repeated cursor was not followed a third time"
    );
    clear_faults().await;
    app.unmount();
}

#[wasm_bindgen_test]
async fn paging_stops_at_the_page_cap() {
    reset_stand_in().await;
    clear_tab_storage();
    let settings = Settings {
        page_cap: 2,
        ..fast_settings()
    };
    let app = mount_app(settings).await;
    sign_in_until(&app.root, "Loading stopped after 2 pages").await;
    assert_eq!(find_all(&app.root, "tbody tr").len(), 14);
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
