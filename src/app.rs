//! The top component: signed out (the sign-in form) or signed in (the webhook list), the sign-out
//! button, the idle sign-out, and the polite live region every component announces through.

use leptos::either::EitherOf4;
use leptos::prelude::*;

use crate::base_url::{BaseUrl, DEFAULT_BASE_URL};
use crate::browser;
use crate::chunks::Chunk;
use crate::components::announcer::{Announcer, LiveRegion};
use crate::components::lazy::{ChunkUnavailable, Preloader};
use crate::components::rotate_dialog::preload_dialogs;
use crate::components::run_notice::{InterruptedRun, RunNotice};
use crate::components::secret_value::RevealedSecret;
use crate::components::sign_in::SignIn;
use crate::components::verify_dialog::preload_verify;
use crate::components::webhook_form_dialog::preload_lifecycle;
use crate::components::webhook_list::WebhookList;
use crate::embed_options::Theme;
use crate::host_events::{HostEvent, HostEvents};
use crate::i18n::t;
use crate::session::{Session, SignOutReason};

/// The widget, for `session` (the standalone page's, restored from the tab, or a host's, with its
/// capabilities and settings; see `embed`), with the base URL the sign-in form starts with, a
/// theme, and `embedded`.
#[component]
pub fn App(
    session: Session,
    #[prop(optional)] base_url: Option<BaseUrl>,
    #[prop(optional)] theme: Option<Theme>,
    /// Embedded in a host page: the key is never offered to the host origin's storage.
    #[prop(optional)]
    embedded: bool,
) -> impl IntoView {
    let announcer = Announcer::provide();
    provide_context(Preloader(preload_when_idle));
    RevealedSecret::provide();
    let interrupted = InterruptedRun::provide();
    let host_events = HostEvents::from_context();
    session.report_to(
        host_events,
        Callback::new(move |words| announcer.say(words)),
    );
    provide_context(session);
    // Behind a host's proxy there is no key to type: a signed-out widget only says why.
    let proxy_mode = session.is_behind_proxy_untracked();
    session.watch_idle();
    let base_url_text = RwSignal::new(
        session
            .base_url_untracked()
            .or_else(|| base_url.map(|base| base.to_string()))
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()),
    );
    if session.is_signed_in_untracked() {
        host_events.emit(HostEvent::SignedIn);
    }

    // What `<Show>` does, without its boxed children and fallback: the subtrees below are rebuilt
    // only when signing in or out, not whenever the session's other state changes.
    let signed_in = Memo::new(move |_| session.is_signed_in());

    view! {
        <div class="ada-webhooks" data-theme=theme.and_then(Theme::attribute)>
            <header class="ada-header">
                <h1>{t("Ada webhook secrets")}</h1>
                {move || signed_in.get().then(|| view! {
                    <span class="ada-instance">
                        {session.base_url_untracked()}
                    </span>
                    <button
                        type="button"
                        class="ada-button"
                        hidden=session.is_behind_proxy_untracked()
                        on:click=move |_| session.sign_out(SignOutReason::SignedOut)
                    >
                        {t("Sign out")}
                    </button>
                })}
            </header>
            <RunNotice interrupted />
            {move || {
                if signed_in.get() {
                    EitherOf4::A(view! { <WebhookList /> })
                } else if proxy_mode {
                    EitherOf4::B(view! {
                        <p class="ada-notice">{Signal::derive(move || session.signed_out_message())} " " {t("Reload the page to continue.")}</p>
                    })
                } else if session.asks_host() && session.sign_out_reason().is_some() {
                    // The host supplies the token: a session that ended asks it again, rather than
                    // asking for a key inside the host's page.
                    EitherOf4::C(view! {
                        <div class="ada-card">
                            <p class="ada-notice">{Signal::derive(move || session.signed_out_message())}</p>
                            <button type="button" class="ada-button ada-primary" on:click=move |_| session.renew()>
                                {t("Sign in again")}
                            </button>
                        </div>
                    })
                } else {
                    EitherOf4::D(view! {
                        <SignIn session base_url_text offer_to_remember=!embedded />
                    })
                }
            }}
            <LiveRegion announcer />
        </div>
    }
}

/// Fetches `chunks` one after the other once the browser is idle, running nothing in them.
fn preload_when_idle(chunks: Vec<Chunk>) {
    browser::when_idle(move || {
        leptos::task::spawn_local(async move {
            for chunk in chunks {
                let _ = preload(chunk).await;
            }
        })
    });
}

/// Fetches `chunk` through the part of it declared `preloads` (src/chunks.rs lists the chunks).
async fn preload(chunk: Chunk) -> Result<(), ChunkUnavailable> {
    match chunk {
        Chunk::Dialogs => preload_dialogs().await,
        Chunk::Verify => preload_verify().await,
        Chunk::Lifecycle => preload_lifecycle().await,
    }
    .map_err(ChunkUnavailable::from)
}
