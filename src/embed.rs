//! The JavaScript API of the wasm: `mount(element, options, earlyFirstPage)` renders the widget into
//! a host's element (the loader passes one inside its shadow root) with the host's base URL,
//! credentials and theme and dispatches the `ada-webhooks:*` events on it; `standalone(element,
//! earlyFirstPage)` renders the standalone page; `useLanguage(tag, frenchCatalog)` changes the
//! language every widget speaks; `halt()` stops every request after a crash.
//!
//! A mounted widget lives in a registry here until `destroy()`: the `Handle` JS holds only names
//! it, so a host that drops the handle (or lets the garbage collector free it) keeps its widget. A
//! token is read from `options.token` or by calling `options.getToken()`, again after Ada rejects
//! one; it is held in memory only.

use std::any::Any;
use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::api::client::{halt_all_requests, Client};
use crate::api::credentials::{ApiKey, Credentials};
use crate::app::App;
use crate::base_url::BaseUrl;
use crate::browser;
use crate::embed_options::{parse_embed_options, AuthMode, HostOptions};
use crate::host_events::{DetailValue, HostEvent, HostEvents};
use crate::session::{Session, SignOutReason};
use crate::settings::Settings;

thread_local! {
    /// The mounted widgets, with the number their `Handle` carries (a list, not a map: a page has
    /// a few, and a map's hashing would cost the wasm more bytes than it saves time).
    static MOUNTED: RefCell<Vec<(u32, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_HANDLE: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
}

/// A mounted widget; `destroy()` unmounts it, idempotently. Dropping the handle does not.
#[wasm_bindgen]
pub struct Handle {
    id: u32,
}

#[wasm_bindgen]
impl Handle {
    pub fn destroy(&mut self) {
        let unmounted = MOUNTED.with(|mounted| {
            let mut mounted = mounted.borrow_mut();
            let index = mounted.iter().position(|(id, _)| *id == self.id)?;
            Some(mounted.swap_remove(index))
        });
        // Dropped outside the borrow: unmounting runs the widget's cleanups.
        drop(unmounted);
    }
}

fn keep_mounted(mounted: impl Any) -> Handle {
    let id = NEXT_HANDLE.with(|next| next.replace(next.get() + 1));
    MOUNTED.with(|registry| registry.borrow_mut().push((id, Box::new(mounted))));
    Handle { id }
}

/// Stops every request the widget would still send, after its wasm trapped (the loader and
/// start.js call it, then replace the widgets with a message).
#[wasm_bindgen]
pub fn halt() {
    halt_all_requests();
}

/// Speaks French with `french_catalog` (the text of the build's French catalog, which only French
/// pages fetch), else English, with dates and numbers as `tag` writes them: every mounted widget
/// and the ones to come. The loader and start.js choose it (the element's `lang`, the host page's,
/// the browser's).
#[wasm_bindgen(js_name = useLanguage)]
pub fn use_language(tag: &str, french_catalog: Option<String>) {
    crate::i18n::use_language(tag, french_catalog.as_deref());
}

/// Renders the standalone page into `element`: a session remembered in the tab, or the sign-in
/// form. `early_first_page` is start.js's early request for a remembered session, if it made one.
#[wasm_bindgen]
pub fn standalone(element: HtmlElement, early_first_page: Option<js_sys::Object>) {
    let session = Session::restore(Settings::default(), early_first_page.map(JsValue::from));
    leptos::mount::mount_to(element, move || view! { <App session /> }).forget();
}

/// Renders the widget into `element`. Options (all optional): `baseUrl` (default `/api`), `auth`
/// (`"token"` or `"proxy"`), `token` or `getToken` (an async function returning the token),
/// `theme` (`"auto"`, `"light"`, `"dark"`), `capabilities` (words from `rotate reveal verify
/// create edit delete`, or `none`, as one string or an array; every one by default). Rejects with a
/// message naming a bad option.
/// `early_first_page` is the loader's early request for the first page, made with these options.
#[wasm_bindgen]
pub async fn mount(
    element: HtmlElement,
    options: JsValue,
    early_first_page: Option<js_sys::Object>,
) -> Result<Handle, JsValue> {
    let text_option = |name: &str| Reflect::get(&options, &name.into()).ok()?.as_string();
    let capabilities = capabilities_option(&options);
    let config = parse_embed_options(
        HostOptions {
            base_url: text_option("baseUrl").as_deref(),
            auth: text_option("auth").as_deref(),
            theme: text_option("theme").as_deref(),
            capabilities: capabilities.as_deref(),
        },
        &browser::page_origin(),
    )
    .map_err(|problem| js_sys::Error::new(&problem.to_string()))?;
    let get_token = Reflect::get(&options, &"getToken".into())
        .ok()
        .and_then(|value| value.dyn_into::<Function>().ok());

    let credentials = match (config.auth, &get_token) {
        (AuthMode::Proxy, _) => Some(Credentials::Proxy),
        (AuthMode::Token, Some(get_token)) => {
            requested_token(get_token).await.map(Credentials::ApiKey)
        }
        (AuthMode::Token, None) => text_option("token")
            .as_deref()
            .and_then(ApiKey::new)
            .map(Credentials::ApiKey),
    };
    let settings = Settings::default();
    let client = credentials.map(|credentials| {
        let client = Client::new(config.base_url.clone(), credentials);
        match &early_first_page {
            Some(offer) => client.with_early_first_page(offer, settings.page_size),
            None => client,
        }
    });
    let session = Session::new(settings, client, config.capabilities);
    if let Some(get_token) = get_token {
        session.renew_with(renewal(session, config.base_url.clone(), get_token));
    }

    let host_events = HostEvents::new(dispatcher(element.clone()));
    let (base_url, theme) = (config.base_url, config.theme);
    let mounted = leptos::mount::mount_to(element, move || {
        provide_context(host_events);
        view! { <App session base_url theme embedded=true /> }
    });
    Ok(keep_mounted(mounted))
}

/// The `capabilities` option as one string: an array's words joined by spaces, anything else
/// that is not a string as its text (which the parser then refuses by name).
fn capabilities_option(options: &JsValue) -> Option<String> {
    let value = Reflect::get(options, &"capabilities".into()).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if js_sys::Array::is_array(&value) {
        return Some(String::from(js_sys::Array::from(&value).join(" ")));
    }
    Some(
        value
            .as_string()
            .unwrap_or_else(|| String::from(js_sys::JsString::from(value))),
    )
}

/// Calls the host's `getToken()`; `None` when it throws, rejects or gives no usable string.
async fn requested_token(get_token: &Function) -> Option<ApiKey> {
    let answer = get_token.call0(&JsValue::NULL).ok()?;
    let token = JsFuture::from(Promise::resolve(&answer)).await.ok()?;
    ApiKey::new(&token.as_string()?)
}

/// After Ada rejects a key: asks the host for a new one and signs in with it, or signs out.
fn renewal(session: Session, base_url: BaseUrl, get_token: Function) -> Callback<()> {
    let get_token = SendWrapper::new(get_token);
    Callback::new(move |()| {
        let (get_token, base_url) = (get_token.clone(), base_url.clone());
        leptos::task::spawn_local(async move {
            match requested_token(&get_token).await {
                Some(key) => {
                    session.sign_in(Client::new(base_url, Credentials::ApiKey(key)), false)
                }
                None => session.sign_out(SignOutReason::KeyRejected),
            }
        });
    })
}

/// Dispatches host events on `element` as CustomEvents that bubble out of the shadow root.
fn dispatcher(element: HtmlElement) -> Callback<HostEvent> {
    let element = SendWrapper::new(element);
    Callback::new(move |event: HostEvent| {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail_object(&event));
        if let Ok(custom) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
            let _ = element.dispatch_event(&custom);
        }
    })
}

/// The event's `detail` as a plain object, or `null` when it has no fields.
fn detail_object(event: &HostEvent) -> JsValue {
    let fields = event.detail();
    if fields.is_empty() {
        return JsValue::NULL;
    }
    let detail = js_sys::Object::new();
    for (name, value) in fields {
        let value = match value {
            DetailValue::Text(text) => JsValue::from_str(text),
            DetailValue::Status(Some(status)) => JsValue::from(status),
            DetailValue::Status(None) => JsValue::NULL,
        };
        let _ = Reflect::set(&detail, &name.into(), &value);
    }
    detail.into()
}
