//! The rotate dialog: names the webhook, says what rotating does, takes an optional custom key
//! (checked as it is typed), sends exactly one rotate request, then hands over to the secret panel,
//! which makes exactly one get-secret request. A failed rotate keeps the dialog and the typed key.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::announcer::Announcer;
use super::checkbox_field::CheckboxField;
use super::error_notice::ErrorNotice;
use super::modal::Modal;
use super::secret_panel::SecretPanel;
use super::text_field::TextField;
use crate::api::types::Webhook;
use crate::api::{ApiError, ErrorKind};
use crate::browser;
use crate::host_events::{HostEvent, HostEvents};
use crate::secret::validate_custom_key;
use crate::session::Session;

#[component]
pub fn RotateDialog(webhook: Arc<Webhook>, on_close: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let host_events = HostEvents::from_context();

    let key_text = RwSignal::new(String::new());
    let show_key = RwSignal::new(false);
    let rotated = RwSignal::new(false);

    let rotate = Action::new_local({
        let webhook_id = webhook.id.clone();
        move |key: &Option<String>| {
            let (client, webhook_id, key) = (session.client(), webhook_id.clone(), key.clone());
            async move {
                let client = client.ok_or(ApiError::Network)?;
                match client.rotate_secret(&webhook_id, key).await {
                    Ok(()) => {
                        rotated.try_set(true);
                        host_events.emit(HostEvent::Rotated {
                            webhook_id: webhook_id.clone(),
                            at: browser::now_iso(),
                        });
                        announcer.say("The secret was rotated. Fetching the new secret…");
                        Ok(())
                    }
                    Err(error) => {
                        if error.kind() == ErrorKind::Unauthorized {
                            session.key_rejected();
                        } else {
                            host_events.error(&error);
                            announcer.say(format!("Rotation failed: {}", error.summary()));
                        }
                        Err(error)
                    }
                }
            }
        }
    });
    let rotating = rotate.pending();
    let failure = move || {
        rotate
            .value()
            .get()
            .and_then(Result::err)
            .filter(|_| !rotating.get())
    };

    let key_check = move || key_text.with(|key| validate_custom_key(key));
    let key_problem = move || key_check().err().map(|problem| problem.to_string());
    let confirm = move || {
        // The button is disabled in flight too; this guard also stops a second Enter or click
        // that lands before the disabled state renders.
        if rotating.get_untracked() || rotated.get_untracked() {
            return;
        }
        if let Ok(key) = key_check() {
            rotate.dispatch(key);
        }
    };
    let title = Signal::derive(move || {
        if rotated.get() {
            "New signing secret"
        } else {
            "Rotate signing secret"
        }
        .to_owned()
    });
    let url = webhook.url.clone();
    // Rotating removes the focused form; focus moves to Done so keyboard users stay in the dialog.
    let done_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = done_button.get() {
            let _ = button.focus();
        }
    });

    view! {
        <Modal title on_close>
            <p class="ada-dialog-subject">"Webhook " <span class="ada-url">{url}</span></p>
            {move || if rotated.get() {
                Either::Left(view! {
                    <SecretPanel webhook_id=webhook.id.clone() after_rotation=true />
                    <p class="ada-notice">
                        "Switch your receivers to this secret now. The previous secret may stay valid "
                        "for a grace period (Svix's default is 24 hours; Ada documents none)."
                    </p>
                    <div class="ada-dialog-buttons">
                        <button
                            type="button"
                            class="ada-button ada-primary"
                            node_ref=done_button
                            on:click=move |_| on_close.run(())
                        >
                            "Done"
                        </button>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <ul class="ada-consequences">
                        <li>"Ada makes a new signing secret for this webhook as soon as you confirm."</li>
                        <li>"Your receivers must switch to the new secret to keep verifying deliveries."</li>
                        <li>
                            "The previous secret may stay valid for a grace period (Svix's default is "
                            "24 hours; Ada documents none), so switch soon."
                        </li>
                    </ul>
                    <form novalidate on:submit=move |event| { event.prevent_default(); confirm(); }>
                        <TextField
                            label="Custom key (optional)"
                            value=key_text
                            input_type=Signal::derive(move || if show_key.get() { "text" } else { "password" })
                            hint="Leave empty to let Ada generate one. A custom key is whsec_ (optional) \
                                  followed by standard base64 of 24 to 75 bytes."
                            problem=Signal::derive(key_problem)
                        />
                        <CheckboxField label="Show key" checked=show_key />
                        {move || failure().map(|error| view! {
                            <ErrorNotice error on_retry=Callback::new(move |()| confirm()) retry_label="Try rotating again" />
                        })}
                        <div class="ada-dialog-buttons">
                            <button type="button" class="ada-button" autofocus on:click=move |_| on_close.run(())>
                                "Cancel"
                            </button>
                            <button
                                type="submit"
                                class="ada-button ada-danger"
                                disabled=move || rotating.get() || key_problem().is_some()
                            >
                                {move || if rotating.get() { "Rotating…" } else { "Rotate secret" }}
                            </button>
                        </div>
                    </form>
                })
            }}
        </Modal>
    }
}
