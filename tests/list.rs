//! Browser tests (wasm-bindgen-test, in Chromium, Firefox and WebKit) driven like a user against a
//! real ada-stand-in. The webhook list: every page, text as text, a failed page resumed, a row
//! whose id cannot go into a path, and paging at the pace setting, through a 429, a repeated cursor
//! and the page cap.
#![cfg(target_arch = "wasm32")]

mod support;

use ada_webhooks_admin::settings::{Pace, Settings};
use serde_json::json;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
