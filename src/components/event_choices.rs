//! The create and edit form's event types: "All events" (an empty filter, said so), then a checkbox
//! per event type of Ada's catalog, named by the type's name and described by its description.

use leptos::prelude::*;

use super::unique_id;
use crate::api::types::EventType;
use crate::i18n::t;
use crate::webhook_form::{event_choices, WebhookForm};

#[component]
pub fn EventChoices(
    event_types: RwSignal<Vec<EventType>>,
    /// The form's choice of events (its other fields are not read here).
    selection: RwSignal<WebhookForm>,
    problem: Signal<Option<String>>,
) -> impl IntoView {
    let all_id = unique_id("all-events");
    let all_hint_id = unique_id("all-events-hint");
    let problem_id = unique_id("events-problem");
    let described_by = {
        let problem_id = problem_id.clone();
        move || problem.with(Option::is_some).then(|| problem_id.clone())
    };
    // The types the webhook had when the form opened stay offered even if Ada's catalog lacks them.
    let had = selection.with_untracked(|form| form.events.clone());
    let choices = move || event_types.with(|catalog| event_choices(catalog, &had));
    view! {
        <fieldset class="ada-events" aria-describedby=described_by>
            <legend>{t("Event types")}</legend>
            <div class="ada-check">
                <input
                    id=all_id.clone()
                    type="checkbox"
                    aria-describedby=all_hint_id.clone()
                    prop:checked=move || selection.with(|form| form.all_events)
                    on:change:target=move |event| selection.update(|form| form.choose_all(event.target().checked()))
                />
                <label for=all_id>{t("All events")}</label>
                <p id=all_hint_id class="ada-hint">
                    {t("Sends an empty filter: the webhook receives every event type, also those Ada \
                        adds later.")}
                </p>
            </div>
            <div class="ada-event-types">
                {move || choices().into_iter().map(|event_type| {
                    let id = unique_id("event");
                    let hint_id = (!event_type.description.is_empty()).then(|| unique_id("event-hint"));
                    let (name, checked_name) = (event_type.name.clone(), event_type.name.clone());
                    view! {
                        <div class="ada-check">
                            <input
                                id=id.clone()
                                type="checkbox"
                                aria-describedby=hint_id.clone()
                                prop:checked=move || selection.with(|form| !form.all_events && form.events.contains(&checked_name))
                                on:change:target=move |event| selection.update(|form| form.choose(&name, event.target().checked()))
                            />
                            <label for=id>{event_type.name}</label>
                            {hint_id.map(|hint_id| view! { <p id=hint_id class="ada-hint">{event_type.description}</p> })}
                        </div>
                    }
                }).collect_view()}
            </div>
            {move || event_types.with(Vec::is_empty).then(|| view! {
                <p class="ada-hint">{t("Ada's list of event types has not loaded; All events needs none.")}</p>
            })}
            {move || problem.get().map(|problem| view! {
                <p id=problem_id.clone() class="ada-field-error">{problem}</p>
            })}
        </fieldset>
    }
}
