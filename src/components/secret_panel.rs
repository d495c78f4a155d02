//! The one place a secret's plaintext lives: fetched with get-secret, masked by default (only a
//! `whsec_…abcd` hint shows), revealed on request, copied without revealing, and hidden again after
//! 30 seconds, when the tab is hidden, or after a copy. Hidden means not in the DOM; closing the
//! panel drops the plaintext and overwrites its bytes.

use std::time::Duration;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::modal::Modal;
use crate::api::{ApiError, ErrorKind};
use crate::app::Settings;
use crate::browser;
use crate::host_events::{HostEvent, HostEvents};
use crate::secret::masked_hint;
use crate::session::Session;

pub const AUTO_HIDE_AFTER: Duration = Duration::from_secs(30);

/// Plaintext that overwrites its bytes when dropped, so a closed panel leaves no copy in memory.
struct SecretText(String);

impl Drop for SecretText {
    fn drop(&mut self) {
        std::mem::take(&mut self.0).into_bytes().fill(0);
    }
}

#[component]
pub fn SecretPanel(
    #[prop(into)] webhook_id: String,
    /// After a rotation a failed fetch says that the rotation itself succeeded.
    #[prop(optional)]
    after_rotation: bool,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let host_events = HostEvents::from_context();
    let webhook_id = StoredValue::new(webhook_id);
    let auto_hide_after = Settings::from_context().secret_auto_hide;

    let secret = RwSignal::new(None::<SecretText>);
    let revealed = RwSignal::new(false);
    let copy_feedback = RwSignal::new(None::<&'static str>);

    let fetch = Action::new_local(move |_: &()| {
        let client = session.client();
        let webhook_id = webhook_id.get_value();
        async move {
            let client = client.ok_or(ApiError::Network)?;
            match client.webhook_secret(&webhook_id).await {
                Ok(fetched) => {
                    secret.try_set(Some(SecretText(fetched.key)));
                    announcer.say("The secret is ready. It is masked; use Reveal or Copy.");
                    Ok(())
                }
                Err(error) if error.kind() == ErrorKind::Unauthorized => {
                    session.key_rejected();
                    Err(error)
                }
                Err(error) => {
                    host_events.error(&error);
                    announcer.say(if after_rotation {
                        "The secret was rotated, but fetching it failed."
                    } else {
                        "Fetching the secret failed."
                    });
                    Err(error)
                }
            }
        }
    });
    fetch.dispatch(());
    let failure = move || fetch.value().get().and_then(Result::err);

    let hide = move |reason: &'static str| {
        if revealed.get_untracked() {
            revealed.set(false);
            announcer.say(reason);
        }
    };

    let auto_hide_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        if let Some(timer) = auto_hide_timer.get_value() {
            timer.clear();
        }
        let timer = revealed
            .get()
            .then(|| {
                set_timeout_with_handle(
                    move || hide("The secret was hidden again automatically."),
                    auto_hide_after,
                )
                .ok()
            })
            .flatten();
        auto_hide_timer.set_value(timer);
    });
    let tab_listener = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if browser::tab_is_hidden() {
            hide("The secret was hidden because the tab was hidden.");
        }
    });
    on_cleanup(move || {
        tab_listener.remove();
        if let Some(timer) = auto_hide_timer.try_get_value().flatten() {
            timer.clear();
        }
    });

    let copy = Action::new_local(move |_: &()| {
        let text = secret
            .with_untracked(|secret| secret.as_ref().map(|secret| SecretText(secret.0.clone())));
        async move {
            let copied = match text {
                Some(text) => browser::copy_to_clipboard(&text.0).await,
                None => false,
            };
            let feedback = if copied {
                "Copied. The secret is on your clipboard."
            } else {
                "Copy failed: the browser refused clipboard access. Reveal the secret and copy it by hand."
            };
            copy_feedback.try_set(Some(if copied { "Copied" } else { "Copy failed" }));
            if copied {
                hide(feedback);
            }
            announcer.say(feedback);
        }
    });

    let toggle = move |_| {
        if revealed.get_untracked() {
            hide("The secret is hidden.");
        } else {
            revealed.set(true);
            copy_feedback.set(None);
            host_events.emit(HostEvent::SecretRevealed {
                webhook_id: webhook_id.get_value(),
            });
            announcer.say("The secret is revealed. It hides again after 30 seconds.");
        }
    };

    let ready = move || secret.with(Option::is_some);
    let hint = move || secret.with(|secret| secret.as_ref().map(|secret| masked_hint(&secret.0)));
    let plaintext = move || {
        revealed
            .get()
            .then(|| secret.with(|secret| secret.as_ref().map(|secret| secret.0.clone())))
            .flatten()
    };

    view! {
        <section class="ada-secret" aria-label="Signing secret">
            {move || {
                if ready() {
                    EitherOf3::A(view! {
                        <div class="ada-secret-value">
                            {move || match plaintext() {
                                Some(text) => Either::Left(view! { <code class="ada-secret-plain">{text}</code> }),
                                None => Either::Right(view! {
                                    <code class="ada-secret-masked">
                                        <span aria-hidden="true">"•••••••• "</span>
                                        <span>{hint}</span>
                                        <span class="ada-visually-hidden">" (masked)"</span>
                                    </code>
                                }),
                            }}
                        </div>
                        <div class="ada-actions">
                            <button type="button" class="ada-button" on:click=toggle>
                                {move || if revealed.get() { "Hide secret" } else { "Reveal secret" }}
                            </button>
                            <button
                                type="button"
                                class="ada-button"
                                disabled=move || copy.pending().get()
                                on:click=move |_| { copy.dispatch(()); }
                            >
                                "Copy secret"
                            </button>
                            <span class="ada-copy-feedback">{move || copy_feedback.get()}</span>
                        </div>
                        <p class="ada-hint">
                            "Copy works while masked. A revealed secret hides again after 30 seconds, "
                            "when you switch tabs, and after copying."
                        </p>
                    })
                } else if let Some(error) = failure().filter(|_| !fetch.pending().get()) {
                    let headline = if after_rotation {
                        "The secret was rotated, but fetching it failed."
                    } else {
                        "Fetching the secret failed."
                    };
                    EitherOf3::B(view! {
                        <ErrorNotice
                            error
                            headline=headline.to_owned()
                            on_retry=Callback::new(move |()| { fetch.dispatch(()); })
                            retry_label="Retry fetching the secret"
                        />
                    })
                } else {
                    EitherOf3::C(view! { <p class="ada-loading">"Fetching the secret…"</p> })
                }
            }}
        </section>
    }
}

/// "Show current secret": the secret panel in a dialog, without rotating.
#[component]
pub fn SecretDialog(
    #[prop(into)] webhook_id: String,
    #[prop(into)] webhook_url: String,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Modal title="Current signing secret".to_owned() on_close>
            <p class="ada-dialog-subject">"Webhook " <span class="ada-url">{webhook_url}</span></p>
            <SecretPanel webhook_id />
            <div class="ada-dialog-buttons">
                <button type="button" class="ada-button" autofocus on:click=move |_| on_close.run(())>
                    "Close"
                </button>
            </div>
        </Modal>
    }
}
