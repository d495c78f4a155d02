//! Which webhooks are selected for a bulk rotation (by id, across pages, kept across a refresh),
//! and the bar above the table: "Select all shown" (what the search and filters show, across the
//! loaded pages), how many are selected, and "Rotate N selected".

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::super::unique_id;
use crate::api::paths::WebhookId;
use crate::api::types::Webhook;

#[derive(Clone, Copy)]
pub struct Selection(pub RwSignal<BTreeSet<String>>);

impl Selection {
    pub fn new() -> Selection {
        Selection(RwSignal::new(BTreeSet::new()))
    }

    pub fn set(self, id: &str, selected: bool) {
        self.0.update(|ids| {
            if selected {
                ids.insert(id.to_owned());
            } else {
                ids.remove(id);
            }
        });
    }
}

#[component]
pub fn BulkBar(
    selection: Selection,
    /// The webhooks the filter shows, for "Select all shown".
    shown: Callback<(), Vec<(Arc<Webhook>, WebhookId)>>,
    /// How many rows the filter shows; changes with the filter and the pages.
    shown_count: RwSignal<usize>,
    on_rotate: Callback<()>,
) -> impl IntoView {
    let announcer = super::super::announcer::Announcer::from_context();
    let id = unique_id("select-all");
    let count = move || selection.0.with(BTreeSet::len);
    let all_shown_selected = move || {
        shown_count.track();
        let shown = shown.run(());
        selection.0.with(|ids| {
            !shown.is_empty() && shown.iter().all(|(webhook, _)| ids.contains(&webhook.id))
        })
    };
    let select_all = move |checked: bool| {
        let shown = shown.run(());
        selection.0.update(|ids| {
            for (webhook, _) in &shown {
                if checked {
                    ids.insert(webhook.id.clone());
                } else {
                    ids.remove(&webhook.id);
                }
            }
        });
        let (verb, count) = (if checked { "Selected" } else { "Deselected" }, shown.len());
        announcer.say(format!(
            "{verb} the {count} webhook{} shown.",
            crate::listing::plural(count)
        ));
    };
    view! {
        <div class="ada-bulk-bar">
            <div class="ada-check">
                <input
                    id=id.clone()
                    type="checkbox"
                    prop:checked=all_shown_selected
                    on:change:target=move |event| select_all(event.target().checked())
                />
                <label for=id>"Select all shown"</label>
            </div>
            <span class="ada-selected-count">
                {move || match count() { 0 => String::new(), 1 => "1 selected".to_owned(), n => format!("{n} selected") }}
            </span>
            <button type="button" class="ada-button ada-danger" hidden=move || count() == 0 on:click=move |_| on_rotate.run(())>
                {move || format!("Rotate {} selected", count())}
            </button>
        </div>
    }
}
