//! The JavaScript API for host pages: `mount(element, options)` renders the widget into an element
//! (the loader's custom element passes one inside its shadow root) with the host's base URL,
//! credentials and theme, dispatches the `ada-webhooks:*` events on it, and returns a handle whose
//! `destroy()` removes everything. A token is read from `options.token` or by calling
//! `options.getToken()`, again after Ada rejects one; it is held in memory only.

use std::any::Any;

use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::api::client::{ApiKey, Client, Credentials};
use crate::app::App;
use crate::config::{parse_embed_options, AuthMode, BaseUrl};
use crate::host_events::{DetailValue, HostEvent, HostEvents};
use crate::session::{Session, SignOutReason};

/// A mounted widget; `destroy()` unmounts it, idempotently.
#[wasm_bindgen]
pub struct Handle {
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl Handle {
    pub fn destroy(&mut self) {
        self.mounted = None;
    }
}

/// Renders the widget into `element`. Options (all optional): `baseUrl` (default `/api`), `auth`
/// (`"token"` or `"proxy"`), `token` or `getToken` (an async function returning the token),
/// `theme` (`"auto"`, `"light"`, `"dark"`). Rejects with a message naming a bad option.
#[wasm_bindgen]
pub async fn mount(element: HtmlElement, options: JsValue) -> Result<Handle, JsValue> {
    let text_option = |name: &str| Reflect::get(&options, &name.into()).ok()?.as_string();
    let config = parse_embed_options(
        text_option("baseUrl").as_deref(),
        text_option("auth").as_deref(),
        text_option("theme").as_deref(),
    )
    .map_err(|problem| js_sys::Error::new(&problem.to_string()))?;
    let get_token = Reflect::get(&options, &"getToken".into())
        .ok()
        .and_then(|value| value.dyn_into::<Function>().ok());

    let key = match (config.auth, &get_token) {
        (AuthMode::Proxy, _) => None,
        (AuthMode::Token, Some(get_token)) => requested_token(get_token).await,
        (AuthMode::Token, None) => text_option("token").as_deref().and_then(ApiKey::new),
    };
    let session = match (config.auth, key) {
        (AuthMode::Proxy, _) => {
            Session::signed_in(Client::new(config.base_url.clone(), Credentials::Proxy))
        }
        (AuthMode::Token, Some(key)) => Session::signed_in(Client::new(
            config.base_url.clone(),
            Credentials::ApiKey(key),
        )),
        (AuthMode::Token, None) => Session::signed_out(),
    };
    if let Some(get_token) = get_token {
        session.renew_with(renewal(session, config.base_url.clone(), get_token));
    }

    let host_events = HostEvents::new(dispatcher(element.clone()));
    let (base_url, theme) = (config.base_url, config.theme);
    let mounted = leptos::mount::mount_to(element, move || {
        provide_context(host_events);
        view! { <App session base_url theme /> }
    });
    Ok(Handle {
        mounted: Some(Box::new(mounted)),
    })
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
