//! The delete dialog: names the webhook, says that deliveries stop and its secret is gone, and
//! keeps "Delete webhook" disabled until the webhook's URL (its id, when the URL is empty) is typed
//! into the field that asks for it. One DELETE; a 404 means someone else deleted it already, which is said, and the row goes
//! either way. In the lifecycle chunk, with the create and edit dialog: one chunk rather than two
//! keeps the code they share with the list in fewer, larger shared chunks (docs/performance.md).

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::modal::Modal;
use super::text_field::TextField;
use crate::api::paths::WebhookId;
use crate::api::types::Webhook;
use crate::api::{ApiError, ErrorKind};
use crate::attempt::Attempt;
use crate::host_events::{HostEvent, HostEvents};
use crate::i18n::{fill, t, tr};
use crate::listing::WebhookChange;
use crate::session::Session;

crate::lazy!(
    Lifecycle,
    /// The delete dialog, from the lifecycle chunk.
    pub async fn delete_part(
        webhook_id: WebhookId,
        webhook: Arc<Webhook>,
        on_change: Callback<WebhookChange>,
        on_close: Callback<()>,
    ) -> Result<AnyView, ChunkUnavailable> {
        Ok(view! { <DeleteDialog webhook_id webhook on_change on_close /> }.into_any())
    }
);

/// The deletion: done when Ada no longer knows the webhook (deleted elsewhere); a deletion that
/// succeeds closes the dialog.
type Deletion = Attempt<(), ApiError>;

#[component]
fn DeleteDialog(
    webhook_id: WebhookId,
    webhook: Arc<Webhook>,
    on_change: Callback<WebhookChange>,
    on_close: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let host_events = HostEvents::from_context();
    let typed = RwSignal::new(String::new());
    let deletion = RwSignal::new(Deletion::default());
    let url = StoredValue::new(webhook.url.clone());
    // What must be typed: the URL, or the id of a webhook whose URL is empty (an empty field would
    // match an empty URL without a keystroke).
    let confirm_with = if webhook.url.trim().is_empty() {
        webhook.id.clone()
    } else {
        webhook.url.clone()
    };
    let confirm_with = StoredValue::new(confirm_with);
    // What to type stays as it is: the field is compared with it, whatever the language.
    let label = Signal::derive(move || {
        confirm_with.with_value(|wanted| fill("Type {0} to confirm", &[wanted]))
    });
    let matches =
        move || typed.with(|typed| confirm_with.with_value(|wanted| typed.trim() == wanted));
    let webhook_id = StoredValue::new(webhook_id);
    let gone = move || {
        on_change.run(WebhookChange::Deleted(
            webhook_id.with_value(ToString::to_string),
        ))
    };
    let delete = move || {
        if !untrack(matches) || deletion.try_update(Deletion::start) != Some(true) {
            return;
        }
        let request = session.delete_webhook(webhook_id.get_value());
        leptos::task::spawn_local(async move {
            match request.await {
                Ok(()) => {
                    host_events.emit(HostEvent::Deleted {
                        webhook_id: webhook_id.with_value(ToString::to_string),
                    });
                    gone();
                    announcer
                        .say(url.with_value(|url| fill("Deleted the webhook for {0}.", &[url])));
                    on_close.run(());
                }
                Err(error) if error.kind() == ErrorKind::NotFound => {
                    deletion.try_set(Deletion::Done(()));
                    gone();
                    announcer.say(tr(
                        "This webhook was already deleted; it is gone from the list.",
                    ));
                }
                Err(error) => {
                    announcer.say(fill("Deleting failed: {0}", &[&error.summary()]));
                    deletion.try_set(Deletion::Ready(Some(error)));
                }
            }
        });
    };
    let deleting = move || deletion.with(Deletion::in_flight);
    let already_gone = Memo::new(move |_| deletion.with(|deletion| deletion.done().is_some()));
    let failure = move || deletion.with(|deletion| deletion.failure().cloned());
    let description = (!webhook.description.is_empty()).then(|| webhook.description.clone());
    let can_delete = move || matches() && !deleting();

    view! {
        <Modal title=Signal::derive(move || tr("Delete webhook").to_owned()) on_close>
            <p class="ada-dialog-subject">
                {t("Webhook")} " " <span class="ada-url">{webhook.url.clone()}</span>
                {description.map(|description| view! { " " <span class="ada-muted">{description}</span> })}
            </p>
            {move || if already_gone.get() {
                Either::Left(view! {
                    <p class="ada-notice" role="status">
                        {t("This webhook was already deleted (Ada no longer knows it), so it is gone \
                            from the list.")}
                    </p>
                    <div class="ada-dialog-buttons">
                        <button type="button" class="ada-button ada-primary" autofocus on:click=move |_| on_close.run(())>{t("Close")}</button>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <ul class="ada-consequences">
                        <li>{t("Ada stops sending deliveries to this URL at once.")}</li>
                        <li>{t("Its signing secret is gone for good; a new webhook gets a new one.")}</li>
                        <li>{t("This cannot be undone.")}</li>
                    </ul>
                    <form novalidate on:submit=move |event| { event.prevent_default(); delete(); }>
                        <TextField label value=typed />
                        {move || failure().map(|error| view! {
                            <ErrorNotice
                                error
                                on_retry=Callback::new(move |()| delete())
                                retry_label=tr("Try deleting again").to_owned()
                            />
                        })}
                        <div class="ada-dialog-buttons">
                            <button type="button" class="ada-button" autofocus on:click=move |_| on_close.run(())>{t("Cancel")}</button>
                            <button type="submit" class="ada-button ada-danger" disabled=move || !can_delete()>
                                {move || if deleting() { tr("Deleting…") } else { tr("Delete webhook") }}
                            </button>
                        </div>
                    </form>
                })
            }}
        </Modal>
    }
}
