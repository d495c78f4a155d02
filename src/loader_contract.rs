//! The values the wasm and the loader's JavaScript (`loader/*.js`) must agree on, each read from the
//! JS source and compared with the Rust that uses it: the first page's size, the remembered
//! session's storage key, fields and idle timeout, the wasm's export names, and the fetch options.
//! Only end-to-end tests would otherwise notice a drift.

use crate::settings::{IDLE_TIMEOUT, PAGE_SIZE, REMEMBERED_SESSION_KEY};

/// The loader and start.js request the list's first page before the wasm starts; the widget
/// adopts that answer only for exactly the URL it would have asked for itself.
#[test]
fn the_early_first_page_asks_for_the_page_size() {
    let early = include_str!("../loader/early-first-page.js");
    assert!(
        early.contains(&format!("const FIRST_PAGE_LIMIT = {PAGE_SIZE};")),
        "loader/early-first-page.js asks for another page size than PAGE_SIZE"
    );
}

#[test]
fn start_js_reads_the_remembered_session_where_and_as_the_widget_writes_it() {
    let start = include_str!("../loader/start.js");
    assert!(start.contains(&format!(
        "const REMEMBERED_SESSION_KEY = '{REMEMBERED_SESSION_KEY}';"
    )));
    for field in [
        "remembered.base_url",
        "remembered.api_key",
        "remembered.last_active_ms",
    ] {
        assert!(start.contains(field), "start.js does not read {field}");
    }
    let session = include_str!("session/idle.rs");
    for field in ["\"base_url\"", "\"api_key\"", "\"last_active_ms\""] {
        assert!(
            session.contains(field),
            "session/idle.rs does not write {field}"
        );
    }
}

/// The exports of src/embed.rs, as the loader and start.js call them.
#[test]
fn the_loader_and_start_js_call_the_wasm_by_the_names_it_exports() {
    let embed = include_str!("embed.rs");
    for export in ["pub fn standalone(", "pub async fn mount(", "pub fn halt("] {
        assert!(embed.contains(export), "src/embed.rs lost {export}");
    }
    let start = include_str!("../loader/start.js");
    for call in ["glue.halt()", "glue.standalone(container, earlyFirstPage)"] {
        assert!(start.contains(call), "loader/start.js lost {call}");
    }
    let loader = include_str!("../loader/ada-webhooks-admin.js");
    assert!(loader.contains("glue.mount(container, mountOptions, offer)"));
    assert!(loader.contains("glue.halt()"));
}

#[test]
fn the_early_first_page_carries_the_clients_fetch_options() {
    let early = include_str!("../loader/early-first-page.js");
    assert!(early.contains(
        "FETCH_OPTIONS = Object.freeze({ redirect: 'error', cache: 'no-store', credentials: 'omit' })"
    ));
    assert!(early.contains(
        "PROXY_FETCH_OPTIONS = Object.freeze({ ...FETCH_OPTIONS, credentials: 'same-origin' })"
    ));
    let client = include_str!("api/client.rs");
    for option in [
        "RequestRedirect::Error",
        "RequestCache::NoStore",
        "RequestCredentials::Omit",
        "RequestCredentials::SameOrigin",
    ] {
        assert!(client.contains(option), "src/api/client.rs lost {option}");
    }
}

#[test]
fn start_js_refuses_a_remembered_session_after_the_idle_timeout() {
    let start = include_str!("../loader/start.js");
    let minutes = IDLE_TIMEOUT.as_secs() / 60;
    assert!(
        start.contains(&format!("const IDLE_TIMEOUT_MS = {minutes} * 60 * 1000;")),
        "loader/start.js uses another idle timeout than IDLE_TIMEOUT"
    );
}
