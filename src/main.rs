//! The standalone page's binary, which trunk builds. It renders nothing by itself: `start.js`
//! (`loader/start.js`) first asks for a remembered session's first page, then calls the wasm's
//! `standalone` export (src/embed.rs) with that early request, which a `main` run at instantiation
//! could not receive.

#[cfg(target_arch = "wasm32")]
fn main() {
    // Naming one export links the library, and with it every export start.js and the loader call.
    std::hint::black_box(ada_webhooks_admin::embed::halt as fn());
}

// Lets native `cargo build` / `cargo test` compile the workspace; the widget runs only in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
