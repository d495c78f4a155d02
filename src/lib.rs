//! Ada webhook secrets: a browser widget for rotating the signing secrets of webhooks on Ada's API.
//!
//! Pure modules (rules and state without a browser: `attempt`, `base64`, `base_url`, `chunks`,
//! `embed_options`, `i18n`, `settings`, `pacing`, `listing`, `secret`, `delivery`, `host_events`, `bulk`,
//! `webhook_form`, and `api` minus its client) build and test natively; the UI, the session and
//! the HTTP client exist only on `wasm32`.

pub mod api;
pub mod attempt;
pub mod base64;
pub mod base_url;
pub mod bulk;
pub mod chunks;
pub mod delivery;
pub mod embed_options;
pub mod host_events;
pub mod i18n;
pub mod listing;
#[cfg(test)]
mod loader_contract;
pub mod pacing;
pub mod secret;
pub mod settings;
#[cfg(test)]
mod source_rules;
pub mod webhook_form;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod session;

// The pure modules' unit tests that touch JSON also run in the browsers, where JSON is the browser's.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
