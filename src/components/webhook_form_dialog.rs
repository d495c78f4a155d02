//! The create and edit dialog ("New webhook", a row's "Edit"): the URL (checked as it is typed), a
//! description, and the event types of Ada's catalog, where "All events" is an empty filter. One
//! POST, or one PATCH of only what changed (none when nothing did); Ada's field details are shown
//! next to the fields they name, and what was typed stays through every failure. After a create,
//! the new webhook's signing secret (the receiver needs it first), if the host allows revealing.
//! In the lifecycle chunk (with the delete dialog and enable/disable), loaded when first needed.

use std::sync::Arc;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::event_choices::EventChoices;
use super::modal::{focused_when_shown, Modal};
use super::secret_panel::SecretPanel;
use super::text_field::TextField;
use crate::api::error::FieldProblem;
use crate::api::paths::WebhookId;
use crate::api::types::{EventType, Webhook};
use crate::api::ApiError;
use crate::attempt::Attempt;
use crate::embed_options::Capability;
use crate::host_events::{HostEvent, HostEvents};
use crate::i18n::{fill, t, tr};
use crate::listing::WebhookChange;
use crate::session::Session;
use crate::webhook_form::{
    ada_detail_for, check_url, field_of, lookalike_host_warning, no_event_types, Field,
    FormProblem, WebhookForm,
};

crate::lazy!(
    Lifecycle preloads,
    /// The create dialog, or with `editing` the edit dialog, from the lifecycle chunk.
    pub async fn webhook_form_part(
        editing: Option<(WebhookId, Arc<Webhook>)>,
        event_types: RwSignal<Vec<EventType>>,
        on_change: Callback<WebhookChange>,
        on_close: Callback<()>,
    ) -> Result<AnyView, ChunkUnavailable> {
        Ok(view! { <WebhookFormDialog editing event_types on_change on_close /> }.into_any())
    }
);

/// The form's request: after a failure, with the error and the form as it was sent; done with
/// the webhook created (a saved edit closes the dialog).
type Save = Attempt<Webhook, (ApiError, WebhookForm)>;

/// The details a form field shows itself, left out of the notice above the buttons.
fn names_a_field(problem: &FieldProblem) -> bool {
    field_of(&problem.parameter).is_some()
}

#[component]
fn WebhookFormDialog(
    editing: Option<(WebhookId, Arc<Webhook>)>,
    event_types: RwSignal<Vec<EventType>>,
    on_change: Callback<WebhookChange>,
    on_close: Callback<()>,
) -> impl IntoView {
    let start = editing
        .as_ref()
        .map_or_else(WebhookForm::default, |(_, webhook)| {
            WebhookForm::of(webhook)
        });
    let original_url = start.url.clone();
    let url = RwSignal::new(start.url.clone());
    let description = RwSignal::new(start.description.clone());
    let selection = RwSignal::new(start);
    let save = RwSignal::new(Save::default());
    let typed = move || WebhookForm {
        url: url.get(),
        description: description.get(),
        ..selection.get()
    };
    let submit = submitter(editing.clone(), typed, save, on_change, on_close);

    let [url_problem, description_problem, events_problem] =
        field_problems(typed, url, selection, save, original_url);
    let creating = editing.is_none();
    let title = Signal::derive(move || {
        match save.with(|save| save.done().is_some()) {
            true => tr("Webhook created"),
            false if creating => tr("New webhook"),
            false => tr("Edit webhook"),
        }
        .to_owned()
    });
    let saving = move || save.with(Save::in_flight);
    let failure = move || save.with(|save| save.failure().map(|(error, _)| error.clone()));
    let created = Memo::new(move |_| save.with(|save| save.done().cloned()));

    view! {
        <Modal title on_close>
            {move || match created.get() {
                Some(webhook) => Either::Left(view! { <CreatedWebhook webhook on_close /> }),
                None => Either::Right(view! {
                    <form novalidate on:submit=move |event| { event.prevent_default(); submit(); }>
                        <TextField
                            label=t("URL")
                            value=url
                            placeholder="https://hooks.example.com/ada"
                            hint=t("Where Ada delivers the events: an https:// address your receiver \
                                    answers at.")
                            problem=url_problem
                            notice=Signal::derive(move || url.with(|url| lookalike_host_warning(url)))
                        />
                        <TextField
                            label=t("Description")
                            value=description
                            hint=t("Optional: what this webhook is for, shown in the list.")
                            problem=description_problem
                        />
                        <EventChoices event_types selection problem=events_problem />
                        {move || failure().map(|error| view! {
                            {(creating && error.outcome_unknown()).then(|| view! {
                                <p class="ada-warning">
                                    {t("The first attempt may have created the webhook already. Trying \
                                        again could create a second one: to check first, close this \
                                        dialog and refresh the list.")}
                                </p>
                            })}
                            <ErrorNotice
                                error
                                headline=if creating {
                                    tr("Creating the webhook failed; what you typed is kept.")
                                } else {
                                    tr("Saving the changes failed; what you typed is kept.")
                                }
                                .to_owned()
                                on_retry=Callback::new(move |()| submit())
                                retry_label=tr("Try again").to_owned()
                                shown_elsewhere=names_a_field
                            />
                        })}
                        <div class="ada-dialog-buttons">
                            <button type="button" class="ada-button" on:click=move |_| on_close.run(())>{t("Cancel")}</button>
                            <button type="submit" class="ada-button ada-primary" disabled=saving>
                                {move || match (saving(), creating) {
                                    (true, true) => tr("Creating…"),
                                    (true, false) => tr("Saving…"),
                                    (false, true) => tr("Create webhook"),
                                    (false, false) => tr("Save changes"),
                                }}
                            </button>
                        </div>
                    </form>
                }),
            }}
        </Modal>
    }
}

/// What each field says is wrong: the URL checked as it is typed (once it differs from what the
/// form opened with), no event type chosen, else what Ada said about the field as it was sent.
fn field_problems(
    typed: impl Fn() -> WebhookForm + Copy + Send + Sync + 'static,
    url: RwSignal<String>,
    selection: RwSignal<WebhookForm>,
    save: RwSignal<Save>,
    original_url: String,
) -> [Signal<Option<String>>; 3] {
    // A detail Ada gave for a field, while the field still holds what was sent.
    let detail_for = move |field: Field| {
        let now = typed();
        save.with(|save| match save {
            Save::Ready(Some((error, sent))) => ada_detail_for(field, &now, sent, error),
            _ => None,
        })
    };
    let url_problem = move || {
        let now = url.get();
        let judged = now.trim() != original_url && !now.trim().is_empty();
        let local = judged.then(|| check_url(&now).err()).flatten();
        local
            .map(|problem| problem.to_string())
            .or_else(|| detail_for(Field::Url))
    };
    let events_problem = move || {
        let none_chosen = selection.with(|form| form.event_filters().is_err());
        none_chosen
            .then(|| no_event_types().to_owned())
            .or_else(|| detail_for(Field::Events))
    };
    [
        Signal::derive(url_problem),
        Signal::derive(move || detail_for(Field::Description)),
        Signal::derive(events_problem),
    ]
}

/// What "Create webhook" or "Save changes" does: checks the form (saying what stops it), then
/// sends one request, unless an edit changed nothing.
fn submitter(
    editing: Option<(WebhookId, Arc<Webhook>)>,
    typed: impl Fn() -> WebhookForm + Copy + 'static,
    save: RwSignal<Save>,
    on_change: Callback<WebhookChange>,
    on_close: Callback<()>,
) -> impl Fn() + Copy + 'static {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let host_events = HostEvents::from_context();
    let editing = StoredValue::new(editing);
    move || {
        if !save.with_untracked(Save::is_ready) {
            return;
        }
        let sent = untrack(typed);
        let refused = |problem: FormProblem| match problem {
            FormProblem::Url(problem) => announcer.say(problem.to_string()),
            FormProblem::NoEventTypes => announcer.say(no_event_types()),
        };
        let request = match editing.get_value() {
            None => match sent.new_webhook() {
                Ok(new) => Either::Left(session.create_webhook(new)),
                Err(problem) => return refused(problem),
            },
            Some((id, before)) => match sent.changes(&before) {
                Ok(changes) if changes.is_empty() => {
                    announcer.say(tr("Nothing changed, so nothing was sent."));
                    return on_close.run(());
                }
                Ok(changes) => Either::Right(session.update_webhook(id, changes)),
                Err(problem) => return refused(problem),
            },
        };
        save.set(Save::InFlight);
        let creating = editing.with_value(Option::is_none);
        leptos::task::spawn_local(async move {
            let answer = match request {
                Either::Left(created) => created.await,
                Either::Right(updated) => updated.await,
            };
            match answer {
                Ok(webhook) if creating => {
                    host_events.emit(HostEvent::Created {
                        webhook_id: webhook.id.clone(),
                    });
                    on_change.run(WebhookChange::Created(webhook.clone()));
                    announcer.say(fill("Created the webhook for {0}.", &[&webhook.url]));
                    save.try_set(Save::Done(webhook));
                }
                Ok(webhook) => {
                    host_events.emit(HostEvent::Updated {
                        webhook_id: webhook.id.clone(),
                    });
                    announcer.say(fill("Saved the changes to {0}.", &[&webhook.url]));
                    on_change.run(WebhookChange::Updated(webhook));
                    on_close.run(());
                }
                Err(error) => {
                    let summary = error.summary();
                    announcer.say(if creating {
                        fill("Creating the webhook failed: {0}", &[&summary])
                    } else {
                        fill("Saving the changes failed: {0}", &[&summary])
                    });
                    save.try_set(Save::Ready(Some((error, sent))));
                }
            }
        });
    }
}

/// After a create: the new webhook's secret, which its receiver needs before the first delivery.
#[component]
fn CreatedWebhook(webhook: Webhook, on_close: Callback<()>) -> impl IntoView {
    let reveal = expect_context::<Session>().allows(Capability::Reveal);
    let secret = match (reveal, WebhookId::parse(&webhook.id)) {
        (true, Some(webhook_id)) => EitherOf3::A(view! {
            <p>{t("Give the receiver this signing secret now: it verifies every delivery with it.")}</p>
            <SecretPanel webhook_id />
        }),
        (false, _) => EitherOf3::B(view! {
            <p>
                {t("Its signing secret is not shown here. The receiver needs it to verify \
                    deliveries: get it where your team manages Ada's webhooks.")}
            </p>
        }),
        (true, None) => EitherOf3::C(view! {
            <p>
                {t("Ada sent an id this widget cannot put in a request, so the secret cannot be \
                    fetched here: get it in Ada's dashboard.")}
            </p>
        }),
    };
    let done_button = focused_when_shown();
    view! {
        <p class="ada-dialog-subject">
            {t("Created the webhook for")} " " <span class="ada-url">{webhook.url.clone()}</span> "."
        </p>
        {secret}
        <div class="ada-dialog-buttons">
            <button type="button" class="ada-button ada-primary" node_ref=done_button on:click=move |_| on_close.run(())>
                {t("Done")}
            </button>
        </div>
    }
}
