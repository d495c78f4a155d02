//! The standalone page's entry point (trunk's binary): mounts the widget into the page's
//! `<main id="ada-webhooks-admin">`. A host page that loads the module through the loader has no
//! such element, so nothing mounts until it calls `mount` (see `embed`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::JsCast;

    // Panic messages in the console for development; release builds save the hook's 1 KB.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let main = leptos::prelude::document()
        .get_element_by_id("ada-webhooks-admin")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        leptos::mount::mount_to(main, || leptos::view! { <ada_webhooks_admin::app::App/> })
            .forget();
    }
}

// Lets native `cargo build` / `cargo test` compile the workspace; the widget runs only in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
