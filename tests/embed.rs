//! Browser tests of the JavaScript API for host pages (`embed::mount`), against a real
//! ada-stand-in: mounting with a host token and destroying leaves nothing behind, events reach the
//! host element, a bad option is refused by name, and `getToken` is asked again after a 401 and,
//! rather than a key form in the host's page, after the idle sign-out.
#![cfg(target_arch = "wasm32")]

mod support;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use ada_webhooks_admin::embed::{mount, Handle};
use js_sys::{Function, Object, Promise, Reflect};
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let options = Object::new();
    for (name, value) in pairs {
        Reflect::set(&options, &JsValue::from_str(name), value).unwrap();
    }
    options.into()
}

fn host_element() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// A `getToken` that answers `tokens` in turn (repeating the last) and counts its calls.
fn get_token(tokens: &'static [&'static str]) -> (Function, Rc<Cell<usize>>) {
    let calls = Rc::new(Cell::new(0));
    let counted = calls.clone();
    let callback = Closure::<dyn FnMut() -> JsValue>::new(move || {
        let token = tokens[counted.get().min(tokens.len() - 1)];
        counted.set(counted.get() + 1);
        Promise::resolve(&JsValue::from_str(token)).into()
    });
    (callback.into_js_value().unchecked_into(), calls)
}

async fn mounted(host: &HtmlElement, pairs: &[(&str, JsValue)]) -> Handle {
    mount(host.clone(), options(pairs), None)
        .await
        .unwrap_or_else(|error| panic!("mount failed: {error:?}"))
}

async fn wait_for_webhooks(host: &HtmlElement) {
    wait_until("the webhooks are listed", || {
        text(host).contains("30 webhooks.")
    })
    .await;
}

#[wasm_bindgen_test]
async fn mount_with_a_host_token_then_destroy_leaves_nothing_behind() {
    reset_stand_in().await;
    let body_children = document().body().unwrap().child_element_count();
    let host = host_element();
    let events = Rc::new(RefCell::new(Vec::<String>::new()));
    let recorded = events.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        recorded.borrow_mut().push(event.type_());
    });
    host.add_event_listener_with_callback(
        "ada-webhooks:signed-in",
        listener.as_ref().unchecked_ref(),
    )
    .unwrap();

    let mut handle = mounted(
        &host,
        &[
            ("baseUrl", api_base().into()),
            ("token", TOKEN.into()),
            ("theme", "dark".into()),
        ],
    )
    .await;
    wait_for_webhooks(&host).await;
    assert_eq!(*events.borrow(), ["ada-webhooks:signed-in"]);
    let root = find(&host, ".ada-webhooks").unwrap();
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(
        find_button(&host, "Sign out").is_some(),
        "signed in with the host's token"
    );
    assert!(
        !host.outer_html().contains(TOKEN),
        "the token is in no attribute or text"
    );

    handle.destroy();
    assert_eq!(host.child_nodes().length(), 0, "destroy removes the widget");
    handle.destroy();
    host.remove();
    assert_eq!(
        document().body().unwrap().child_element_count(),
        body_children
    );
    assert!(open_dialog().is_none());
}

#[wasm_bindgen_test]
async fn a_bad_option_is_refused_by_name() {
    let host = host_element();
    let error = match mount(host.clone(), options(&[("auth", "cookie".into())]), None).await {
        Ok(_) => panic!("auth=cookie was accepted"),
        Err(error) => error,
    };
    let message = Reflect::get(&error, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("auth"), "{message}");
    assert_eq!(host.child_nodes().length(), 0);
    host.remove();
}

#[wasm_bindgen_test]
async fn get_token_is_asked_again_after_a_401() {
    reset_stand_in().await;
    let host = host_element();
    let (get_token, calls) = get_token(&["expired-token", TOKEN]);
    let mut handle = mounted(
        &host,
        &[
            ("baseUrl", api_base().into()),
            ("getToken", get_token.into()),
        ],
    )
    .await;
    wait_for_webhooks(&host).await;
    assert_eq!(
        calls.get(),
        2,
        "once at mount, once after Ada rejected the first token"
    );
    handle.destroy();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_token_rejected_again_right_after_renewal_signs_out() {
    reset_stand_in().await;
    let host = host_element();
    let (get_token, calls) = get_token(&["expired-token"]);
    let mut handle = mounted(
        &host,
        &[
            ("baseUrl", api_base().into()),
            ("getToken", get_token.into()),
        ],
    )
    .await;
    wait_until("the rejection is explained", || {
        text(&host).contains("Ada rejected the API key")
    })
    .await;
    assert!(
        find_button(&host, "Sign in again").is_some()
            && find(&host, "input[type=password]").is_none(),
        "the host is offered to be asked again, not a key form inside its page"
    );
    assert_eq!(calls.get(), 2, "no renewal loop");
    handle.destroy();
    host.remove();
}

#[wasm_bindgen_test]
async fn proxy_mode_sends_no_authorization_and_offers_no_sign_out() {
    reset_stand_in().await;
    clear_requests().await;
    let host = host_element();
    // The stand-in here is not behind a key-adding proxy, so it answers 401, as a host proxy
    // whose session ended would.
    let mut handle = mounted(
        &host,
        &[("baseUrl", api_base().into()), ("auth", "proxy".into())],
    )
    .await;
    let sign_out = find_button(&host, "Sign out").expect("the header's button");
    assert!(
        sign_out.hidden(),
        "the host's session, not the widget's, to end"
    );
    wait_until("the refusal is explained", || {
        text(&host).contains("proxy refused the request")
    })
    .await;
    assert!(text(&host).contains("Reload the page"));
    assert!(
        find_button(&host, "Sign in").is_none(),
        "no sign-in form in proxy mode, even after a 401"
    );
    let requests = received_requests().await;
    assert!(!requests.is_empty());
    for request in requests {
        assert_eq!(request["authorization"], "missing", "{request}");
    }
    handle.destroy();
    host.remove();
}

/// Records the `detail` of every `ada-webhooks:error` event on `host`, as JSON.
fn record_errors(host: &HtmlElement) -> Rc<RefCell<Vec<String>>> {
    let details = Rc::new(RefCell::new(Vec::new()));
    let recorded = details.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
            let detail = js_sys::JSON::stringify(&event.detail()).unwrap();
            recorded.borrow_mut().push(String::from(detail));
        });
    host.add_event_listener_with_callback("ada-webhooks:error", listener.as_ref().unchecked_ref())
        .unwrap();
    listener.forget();
    details
}

#[wasm_bindgen_test]
async fn host_error_events_carry_a_fixed_sentence_and_code_never_server_text() {
    reset_stand_in().await;
    let host = host_element();
    let errors = record_errors(&host);
    let echoed = "your key whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw is not allowed";
    let envelope = serde_json::json!({"errors": [{"type": "bad_request", "message": echoed, "details": echoed}]});
    force_body("list-webhooks", 400, envelope, 1).await;
    let mut handle = mounted(
        &host,
        &[("baseUrl", api_base().into()), ("token", TOKEN.into())],
    )
    .await;
    wait_until("the error event", || !errors.borrow().is_empty()).await;
    let detail: serde_json::Value = serde_json::from_str(&errors.borrow()[0]).unwrap();
    assert_eq!(
        detail,
        serde_json::json!({"status": 400, "code": "bad_request", "message": "Ada could not accept the request."})
    );
    wait_until("the widget shows Ada's words", || {
        text(&host).contains("is not allowed")
    })
    .await;
    handle.destroy();
    host.remove();
}

#[wasm_bindgen_test]
async fn an_embedded_sign_in_never_offers_to_keep_the_key_in_the_hosts_storage() {
    clear_tab_storage();
    let host = host_element();
    let mut handle = mounted(&host, &[("baseUrl", api_base().into())]).await;
    wait_until("the sign-in form", || {
        find_button(&host, "Sign in").is_some()
    })
    .await;
    assert!(
        !text(&host).contains("Stay signed in"),
        "no opt-in to the host origin's storage"
    );
    handle.destroy();
    host.remove();
}

#[wasm_bindgen_test]
async fn a_widget_whose_handle_is_dropped_stays_mounted_until_destroyed() {
    reset_stand_in().await;
    let host = host_element();
    let handle = mounted(
        &host,
        &[("baseUrl", api_base().into()), ("token", TOKEN.into())],
    )
    .await;
    // What the garbage collector does to a handle the host did not keep: it is freed. (A handle
    // that owned the mounted view used to unmount it here.)
    #[allow(clippy::drop_non_drop)]
    drop(handle);
    wait_for_webhooks(&host).await;
    sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(find_all(&host, "tbody tr").len(), 30, "still mounted");
    host.remove();
}

#[wasm_bindgen_test]
async fn after_the_idle_sign_out_a_host_that_supplies_tokens_is_asked_again() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use ada_webhooks_admin::api::client::Client;
    use ada_webhooks_admin::api::credentials::{ApiKey, Credentials};
    use ada_webhooks_admin::app::App;
    use ada_webhooks_admin::base_url;
    use ada_webhooks_admin::embed_options::Capabilities;
    use ada_webhooks_admin::session::Session;
    use ada_webhooks_admin::settings::Settings;
    use leptos::prelude::*;

    reset_stand_in().await;
    let host = host_element();
    let asked = Arc::new(AtomicUsize::new(0));
    let counted = asked.clone();
    let client = || {
        let base = base_url::check_in_page(&api_base()).unwrap();
        Client::new(base, Credentials::ApiKey(ApiKey::new(TOKEN).unwrap()))
    };
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let settings = Settings {
            idle_timeout: std::time::Duration::from_millis(600),
            ..fast_settings()
        };
        let session = Session::new(settings, Some(client()), Capabilities::ALL);
        // What embed::mount does for a host's getToken: ask it, then sign in with its answer.
        session.renew_with(Callback::new(move |()| {
            counted.fetch_add(1, Ordering::Relaxed);
            session.sign_in(client(), false);
        }));
        view! { <App session embedded=true /> }
    });
    wait_until("the idle sign-out asks the host again", || {
        find_button(&host, "Sign in again").is_some()
    })
    .await;
    assert!(
        find(&host, "input[type=password]").is_none(),
        "no key form inside the host's page"
    );
    button(&host, "Sign in again").click();
    assert_eq!(asked.load(Ordering::Relaxed), 1, "the host was asked once");
    // Signed in again at once (the idle clock starts over, so it is not signed out meanwhile).
    wait_until("signed in with the host's new token", || {
        find_button(&host, "Sign in again").is_none() && find_button(&host, "Sign out").is_some()
    })
    .await;
    drop(handle);
    host.remove();
}
