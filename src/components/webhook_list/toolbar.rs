//! The list's toolbar: search over URL and description, the enabled-state filter and the event-type
//! filter (from Ada's catalog), which together make the [`RowFilter`] the pages show.

use leptos::prelude::*;

use super::super::text_field::TextField;
use super::super::unique_id;
use crate::api::types::EventType;
use crate::i18n::t;
use crate::listing::{EnabledFilter, RowFilter};

/// The toolbar's fields, owned by the list so that they survive a refresh.
#[derive(Clone, Copy)]
pub struct FilterFields {
    query: RwSignal<String>,
    enabled: RwSignal<EnabledFilter>,
    event_type: RwSignal<String>,
}

impl FilterFields {
    pub fn new() -> FilterFields {
        FilterFields {
            query: RwSignal::new(String::new()),
            enabled: RwSignal::new(EnabledFilter::All),
            event_type: RwSignal::new(String::new()),
        }
    }

    /// The filter, rebuilt once per keystroke or choice.
    pub fn filter(self) -> Memo<RowFilter> {
        Memo::new(move |_| {
            let event_type = self.event_type.get();
            self.query
                .with(|query| RowFilter::new(query, self.enabled.get(), Some(event_type.as_str())))
        })
    }
}

#[component]
pub fn Toolbar(fields: FilterFields, event_types: RwSignal<Vec<EventType>>) -> impl IntoView {
    let enabled_id = unique_id("enabled-filter");
    let event_type_id = unique_id("event-type-filter");
    let event_type_hint_id = unique_id("event-type-hint");
    view! {
        <div class="ada-toolbar" role="search">
            <TextField label=t("Search URL or description") value=fields.query input_type="search" />
            <div class="ada-field">
                <label for=enabled_id.clone()>{t("Show")}</label>
                <select
                    id=enabled_id
                    on:change:target=move |event| fields.enabled.set(EnabledFilter::from_value(&event.target().value()))
                >
                    {EnabledFilter::ALL.into_iter().map(|option| view! {
                        <option value=option.value()>{Signal::derive(move || option.label().to_owned())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ada-field">
                <label for=event_type_id.clone()>{t("Event type")}</label>
                <select
                    id=event_type_id
                    aria-describedby=event_type_hint_id.clone()
                    on:change:target=move |event| fields.event_type.set(event.target().value())
                >
                    <option value="">{t("All event types")}</option>
                    {move || event_types.get().into_iter().map(|event_type| {
                        let label = event_type.name.clone();
                        view! { <option value=event_type.name>{label}</option> }
                    }).collect_view()}
                </select>
                <p id=event_type_hint_id class="ada-hint">{t("Webhooks that receive all events match every type.")}</p>
            </div>
        </div>
    }
}
