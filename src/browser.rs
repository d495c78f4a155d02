//! The few browser services the components need beyond rendering: the clipboard, the tab's
//! sessionStorage (opt-in only), the clock and timers, the page's origin, and whether the tab is
//! hidden. Nothing here logs.

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Writes text to the clipboard now, while the click that asked for it is still being handled
/// (Safari refuses a write made after it, from a later task); resolves to `false` when the browser
/// refuses (no permission, no secure context).
pub fn copy_to_clipboard(text: &str) -> impl std::future::Future<Output = bool> {
    let writing = web_sys::window().map(|window| window.navigator().clipboard().write_text(text));
    async move {
        match writing {
            Some(writing) => JsFuture::from(writing).await.is_ok(),
            None => false,
        }
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves after `duration` (a `setTimeout`).
pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let millis = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `work` once the browser is idle (`requestIdleCallback`, or soon where there is none).
pub fn when_idle(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(work);
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|idle| idle.dyn_into::<js_sys::Function>().ok());
    let _ = match idle {
        Some(request_idle_callback) => request_idle_callback.call1(&window, &callback).map(drop),
        None => window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 200)
            .map(drop),
    };
}

/// HMAC-SHA256 of `data` with `key`, by the browser's WebCrypto; `None` where it has none (a page
/// not served over https or from localhost).
pub async fn hmac_sha256(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let algorithm = js_sys::Object::new();
    js_sys::Reflect::set(&algorithm, &"name".into(), &"HMAC".into()).ok()?;
    js_sys::Reflect::set(&algorithm, &"hash".into(), &"SHA-256".into()).ok()?;
    let key_bytes = js_sys::Uint8Array::from(key);
    let usages = js_sys::Array::of1(&"sign".into());
    let imported = subtle.import_key_with_object("raw", &key_bytes, &algorithm, false, &usages);
    // WebCrypto has copied the key by now: the JS copy made for it is overwritten, as Rust's are.
    key_bytes.fill(0, 0, key_bytes.length());
    let crypto_key: web_sys::CryptoKey =
        JsFuture::from(imported.ok()?).await.ok()?.dyn_into().ok()?;
    let signed = subtle
        .sign_with_str_and_u8_array("HMAC", &crypto_key, data)
        .ok()?;
    let signature = JsFuture::from(signed).await.ok()?;
    Some(js_sys::Uint8Array::new(&signature).to_vec())
}

/// `location.origin`, against which same-origin base URLs resolve (not `document.baseURI`, which
/// a `<base>` element would move).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}

/// The current time as ISO 8601 in UTC, e.g. `2026-11-26T21:00:00.000Z`.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

pub fn tab_is_hidden() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_some_and(|document| document.hidden())
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn session_storage_get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

pub fn session_storage_set(key: &str, value: &str) {
    if let Some(storage) = session_storage() {
        // A full or disabled storage only means the user signs in again after a reload.
        let _ = storage.set_item(key, value);
    }
}

pub fn session_storage_remove(key: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(key);
    }
}
