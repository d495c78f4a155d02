//! The standalone page's entry point (trunk's binary): mounts the widget into `<body>`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| leptos::view! { <ada_webhooks_admin::app::App/> });
}

// Lets native `cargo build` / `cargo test` compile the workspace; the widget runs only in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
