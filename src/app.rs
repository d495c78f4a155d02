//! The top component: signed out (the sign-in form) or signed in (the webhook list), the sign-out
//! button, the idle sign-out, and the polite live region every component announces through.

use std::time::Duration;

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::components::announcer::{Announcer, LiveRegion};
use crate::components::secret_panel::AUTO_HIDE_AFTER;
use crate::components::sign_in::SignIn;
use crate::components::webhook_list::WebhookList;
use crate::components::webhook_list::PAGE_SIZE;
use crate::config::{BaseUrl, Theme};
use crate::host_events::{HostEvent, HostEvents};
use crate::session::{Session, SignOutReason, IDLE_TIMEOUT};

/// Timings and sizes the components read from context; tests shorten them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Sign out after this long without a key or pointer press.
    pub idle_timeout: Duration,
    /// A revealed secret hides again after this long.
    pub secret_auto_hide: Duration,
    /// Webhooks per list request.
    pub page_size: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_timeout: IDLE_TIMEOUT,
            secret_auto_hide: AUTO_HIDE_AFTER,
            page_size: PAGE_SIZE,
        }
    }
}

impl Settings {
    pub fn from_context() -> Settings {
        use_context::<Settings>().unwrap_or_default()
    }
}

/// The widget. A host embedding it passes its own `session` (see `embed`), the base URL the
/// sign-in form starts with, and a theme; the standalone page passes none of them.
#[component]
pub fn App(
    #[prop(optional)] settings: Option<Settings>,
    #[prop(optional)] session: Option<Session>,
    #[prop(optional)] base_url: Option<BaseUrl>,
    #[prop(optional)] theme: Option<Theme>,
) -> impl IntoView {
    let settings = settings.unwrap_or_default();
    provide_context(settings);
    let announcer = Announcer::provide();
    let host_events = HostEvents::from_context();
    let session = session.unwrap_or_else(Session::restore);
    provide_context(session);
    // Behind a host's proxy there is no key to type: a signed-out widget only says why.
    let proxy_mode = session.is_behind_proxy();
    session.watch_idle(settings.idle_timeout);
    let base_url_text = RwSignal::new(
        session
            .client()
            .map(|client| client.base_url().clone())
            .or(base_url)
            .unwrap_or_default()
            .to_string(),
    );

    // What `<Show>` does, without its boxed children and fallback: the subtrees below are rebuilt
    // only when signing in or out, not whenever the session's other state changes.
    let signed_in = Memo::new(move |_| session.is_signed_in());

    Effect::new(move |was_signed_in: Option<bool>| {
        let signed_in = signed_in.get();
        match (was_signed_in, signed_in) {
            (Some(false), true) => announcer.say("Signed in. Loading webhooks…"),
            (Some(true), false) => announcer.say(
                session
                    .ended()
                    .map_or("Signed out.", SignOutReason::message),
            ),
            _ => {}
        }
        match (was_signed_in, signed_in) {
            (None | Some(false), true) => host_events.emit(HostEvent::SignedIn),
            (Some(true), false) => host_events.emit(HostEvent::SignedOut),
            _ => {}
        }
        signed_in
    });

    view! {
        <div class="ada-webhooks" data-theme=theme.and_then(Theme::attribute)>
            <header class="ada-header">
                <h1>"Ada webhook secrets"</h1>
                {move || signed_in.get().then(|| view! {
                    <span class="ada-instance">
                        {move || session.client().map(|client| client.base_url().to_string())}
                    </span>
                    <button
                        type="button"
                        class="ada-button"
                        hidden=session.is_behind_proxy()
                        on:click=move |_| session.sign_out(SignOutReason::SignedOut)
                    >
                        "Sign out"
                    </button>
                })}
            </header>
            {move || {
                if signed_in.get() {
                    EitherOf3::A(view! { <WebhookList /> })
                } else if proxy_mode {
                    let reason = session.ended().map_or("Signed out.", SignOutReason::message);
                    EitherOf3::B(view! { <p class="ada-notice">{reason} " Reload the page to continue."</p> })
                } else {
                    EitherOf3::C(view! { <SignIn session base_url_text /> })
                }
            }}
            <LiveRegion announcer />
        </div>
    }
}
