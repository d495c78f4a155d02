//! The rotate dialog: names the webhook, says what rotating does, takes an optional custom key
//! (checked as it is typed), sends exactly one rotate request, then hands over to the secret panel,
//! which makes exactly one get-secret request. A failed rotate keeps the dialog and the typed key;
//! it is never retried by itself, and after a failure whose outcome is unknown the dialog says that
//! the first attempt may have rotated already before offering to try again.

use leptos::either::Either;
use leptos::prelude::*;
use zeroize::Zeroize;

use super::after_rotation::{overlap, AfterRotation};
use super::announcer::Announcer;
use super::checkbox_field::CheckboxField;
use super::error_notice::ErrorNotice;
use super::modal::{focused_when_shown, Modal};
use super::secret_panel::SecretPanel;
use super::text_field::TextField;
use super::verify_launcher::VerifyLauncher;
use crate::api::paths::WebhookId;
use crate::api::ApiError;
use crate::attempt::Attempt;
use crate::browser;
use crate::embed_options::Capability;
use crate::host_events::{HostEvent, HostEvents};
use crate::i18n::{fill, t, tr};
use crate::secret::validate_custom_key;
use crate::session::Session;

/// Said before "Try rotating again" when a dropped connection or a server error leaves it unknown
/// whether Ada rotated. In a view, `{may_have_rotated}` follows the language.
pub fn may_have_rotated() -> &'static str {
    tr("The first attempt may have rotated the secret already. Trying again rotates it once more, \
        and a secret from the first attempt would then be gone. To look without rotating, close \
        this dialog and use Show current secret.")
}

crate::lazy!(
    Dialogs preloads,
    /// The rotate dialog, from the dialogs' chunk.
    pub async fn rotate_dialog_part(
        webhook_id: WebhookId,
        webhook_url: String,
        on_close: Callback<()>,
    ) -> Result<AnyView, ChunkUnavailable> {
        Ok(view! { <RotateDialog webhook_id webhook_url on_close /> }.into_any())
    }
);

/// The rotation: done with the time Ada answered (ISO 8601).
type Rotation = Attempt<String, ApiError>;

#[component]
pub fn RotateDialog(
    webhook_id: WebhookId,
    #[prop(into)] webhook_url: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let (reveal, verify) = (
        session.allows(Capability::Reveal),
        session.allows(Capability::Verify),
    );

    let key_text = RwSignal::new(String::new());
    let rotation = RwSignal::new(Rotation::default());
    on_cleanup(move || {
        key_text.try_update_untracked(Zeroize::zeroize);
    });
    let webhook_id = StoredValue::new(webhook_id);
    let rotate = rotator(webhook_id, key_text, rotation, reveal);
    let rotate = Callback::new(move |()| rotate());

    // A Memo, so that the form is rebuilt only when the rotation is done, not at each attempt.
    let rotated = Memo::new(move |_| rotation.with(|rotation| rotation.done().is_some()));
    let rotated_at =
        move || rotation.with_untracked(|rotation| rotation.done().cloned().unwrap_or_default());
    let verifying = RwSignal::new(None::<(WebhookId, String)>);
    let url = StoredValue::new(webhook_url.clone());
    let title = Signal::derive(move || {
        if rotated.get() {
            tr("New signing secret")
        } else {
            tr("Rotate signing secret")
        }
        .to_owned()
    });
    view! {
        <Modal title on_close>
            <p class="ada-dialog-subject">{t("Webhook")} " " <span class="ada-url">{webhook_url}</span></p>
            {move || if rotated.get() {
                Either::Left(view! {
                    <RotatedSecret
                        webhook_id=webhook_id.get_value()
                        rotated_at=rotated_at()
                        reveal
                        on_verify=verify.then(|| Callback::new(move |()| {
                            verifying.set(Some((webhook_id.get_value(), url.get_value())))
                        }))
                        on_close
                    />
                })
            } else {
                Either::Right(view! {
                    <RotateForm key_text rotation rotate on_close />
                })
            }}
        </Modal>
        <VerifyLauncher target=verifying />
    }
}

/// Sends the one rotate request with the typed key (if any) and records what came of it.
fn rotator(
    webhook_id: StoredValue<WebhookId>,
    key_text: RwSignal<String>,
    rotation: RwSignal<Rotation>,
    reveal: bool,
) -> impl Fn() + Copy + 'static {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let host_events = HostEvents::from_context();
    move || {
        let key = key_text.with_untracked(|key| validate_custom_key(key).ok().flatten());
        rotation.set(Rotation::InFlight);
        let request = session.rotate_secret(webhook_id.get_value(), key);
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(()) => {
                    let at = browser::now_iso();
                    rotation.try_set(Rotation::Done(at.clone()));
                    host_events.emit(HostEvent::Rotated {
                        webhook_id: webhook_id.get_value().to_string(),
                        at,
                    });
                    announcer.say(if reveal {
                        tr("The secret was rotated. Fetching the new secret…")
                    } else {
                        tr("The secret was rotated.")
                    });
                }
                Err(error) => {
                    announcer.say(fill("Rotation failed: {0}", &[&error.summary()]));
                    rotation.try_set(Rotation::Ready(Some(error)));
                }
            }
        });
    }
}

/// After the rotation: the new secret (when the host lets the widget fetch it), what receivers must
/// do now, and Done, which takes the focus from the form that went away.
#[component]
fn RotatedSecret(
    webhook_id: WebhookId,
    rotated_at: String,
    reveal: bool,
    on_verify: Option<Callback<()>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let done_button = focused_when_shown();

    view! {
        {if reveal {
            Either::Left(view! { <SecretPanel webhook_id=webhook_id.clone() after_rotation=true /> })
        } else {
            Either::Right(view! {
                <p class="ada-notice">
                    {t("The new secret is not shown here: get it where your team manages Ada's \
                        webhooks, and give it to the receiver.")}
                </p>
            })
        }}
        <AfterRotation
            rotated_at
            on_verify
        />
        <div class="ada-dialog-buttons">
            <button
                type="button"
                class="ada-button ada-primary"
                node_ref=done_button
                on:click=move |_| on_close.run(())
            >
                {t("Done")}
            </button>
        </div>
    }
}

/// Before the rotation: what it does, the optional custom key (checked as it is typed), and after a
/// failure what happened, with a warning when the first attempt may have rotated already.
#[component]
fn RotateForm(
    key_text: RwSignal<String>,
    rotation: RwSignal<Rotation>,
    /// Sends the rotation; called only when ready and the typed key is usable.
    rotate: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let show_key = RwSignal::new(false);
    let rotating = move || rotation.with(Rotation::in_flight);
    let failure = move || rotation.with(|rotation| rotation.failure().cloned());

    let key_problem = move || {
        key_text.with(|key| {
            validate_custom_key(key)
                .err()
                .map(|problem| problem.to_string())
        })
    };
    let confirm = move || {
        // The button is disabled in flight too; this guard also stops a second Enter or click
        // that lands before the disabled state renders.
        let typed_key_ok = key_text.with_untracked(|key| validate_custom_key(key).is_ok());
        let ready = rotation.with_untracked(Rotation::is_ready);
        if ready && typed_key_ok {
            rotate.run(());
        }
    };
    view! {
    <ul class="ada-consequences">
        <li>{t("Ada makes a new signing secret for this webhook as soon as you confirm.")}</li>
        <li>{t("Your receivers must switch to the new secret to keep verifying deliveries.")}</li>
        <li>{overlap}</li>
    </ul>
    <form novalidate on:submit=move |event| { event.prevent_default(); confirm(); }>
        <TextField
            label=t("Custom key (optional)")
            value=key_text
            input_type=Signal::derive(move || if show_key.get() { "text" } else { "password" })
            hint=t("Leave empty to let Ada generate one. A custom key is whsec_ (optional) \
                    followed by standard base64 of 24 to 75 bytes.")
            problem=Signal::derive(key_problem)
        />
        <CheckboxField label=t("Show key") checked=show_key />
        {move || failure().map(|error| {
            let unknown = error.outcome_unknown();
            view! {
                {unknown.then(|| view! { <p class="ada-warning">{may_have_rotated}</p> })}
                <ErrorNotice
                    error
                    on_retry=Callback::new(move |()| confirm())
                    retry_label=tr("Try rotating again").to_owned()
                />
            }
        })}
        <div class="ada-dialog-buttons">
            <button type="button" class="ada-button" autofocus on:click=move |_| on_close.run(())>
                {t("Cancel")}
            </button>
            <button
                type="submit"
                class="ada-button ada-danger"
                disabled=move || rotating() || key_problem().is_some()
            >
                {move || if rotating() { tr("Rotating…") } else { tr("Rotate secret") }}
            </button>
        </div>
    </form>
    }
}
