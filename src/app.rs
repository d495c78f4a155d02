//! The top component: signed out (the sign-in form) or signed in (the webhook list), the sign-out
//! button, the idle sign-out, and the polite live region every component announces through.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::announcer::{Announcer, LiveRegion};
use crate::components::secret_panel::AUTO_HIDE_AFTER;
use crate::components::sign_in::SignIn;
use crate::components::webhook_list::WebhookList;
use crate::components::webhook_list::PAGE_SIZE;
use crate::config::DEFAULT_BASE_URL;
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

#[component]
pub fn App(#[prop(optional)] settings: Option<Settings>) -> impl IntoView {
    let settings = settings.unwrap_or_default();
    provide_context(settings);
    let announcer = Announcer::provide();
    let session = Session::restore();
    provide_context(session);
    session.watch_idle(settings.idle_timeout);
    let base_url_text = RwSignal::new(session.client().map_or_else(
        || DEFAULT_BASE_URL.to_owned(),
        |client| client.base_url().to_string(),
    ));

    Effect::new(move |was_signed_in: Option<bool>| {
        let signed_in = session.is_signed_in();
        match (was_signed_in, signed_in) {
            (Some(false), true) => announcer.say("Signed in. Loading webhooks…"),
            (Some(true), false) => announcer.say(
                session
                    .ended()
                    .map_or("Signed out.", SignOutReason::message),
            ),
            _ => {}
        }
        signed_in
    });

    view! {
        <div class="ada-webhooks">
            <header class="ada-header">
                <h1>"Ada webhook secrets"</h1>
                <Show when=move || session.is_signed_in()>
                    <span class="ada-instance">
                        {move || session.client().map(|client| client.base_url().to_string())}
                    </span>
                    <button
                        type="button"
                        class="ada-button"
                        on:click=move |_| session.sign_out(SignOutReason::SignedOut)
                    >
                        "Sign out"
                    </button>
                </Show>
            </header>
            <Show
                when=move || session.is_signed_in()
                fallback=move || view! { <SignIn session base_url_text /> }
            >
                <WebhookList />
            </Show>
            <LiveRegion announcer />
        </div>
    }
}
