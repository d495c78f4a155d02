//! Which webhooks are selected for a bulk rotation (by id, across pages, kept across a refresh),
//! and the bar above the table: "Select all shown" (what the search and filters show, across the
//! loaded pages), how many are selected, and "Rotate N selected".

use std::sync::Arc;

use leptos::prelude::*;

use super::super::unique_id;
use crate::api::paths::WebhookId;
use crate::api::types::Webhook;
use crate::i18n::{plural, t};

/// The selected ids, in the order they were selected. A list rather than a set: a selection is a
/// few dozen ids, and a set's code would cost the main module more bytes than it saves time.
#[derive(Clone, Copy)]
pub struct Selection(pub RwSignal<Vec<String>>);

impl Selection {
    pub fn new() -> Selection {
        Selection(RwSignal::new(Vec::new()))
    }

    pub fn set(self, id: &str, selected: bool) {
        self.0.update(|ids| choose(ids, id, selected));
    }
}

fn choose(ids: &mut Vec<String>, id: &str, selected: bool) {
    let present = ids.iter().position(|known| known == id);
    match (present, selected) {
        (None, true) => ids.push(id.to_owned()),
        (Some(index), false) => {
            ids.remove(index);
        }
        _ => {}
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
    let count = move || selection.0.with(Vec::len);
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
                choose(ids, &webhook.id, checked);
            }
        });
        let how_many = shown.len();
        announcer.say(if checked {
            plural(
                "Selected the {0} webhook shown.|Selected the {0} webhooks shown.",
                how_many,
            )
        } else {
            plural(
                "Deselected the {0} webhook shown.|Deselected the {0} webhooks shown.",
                how_many,
            )
        });
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
                <label for=id>{t("Select all shown")}</label>
            </div>
            <span class="ada-selected-count">
                {Signal::derive(move || match count() { 0 => String::new(), n => plural("{0} selected|{0} selected", n) })}
            </span>
            <button type="button" class="ada-button ada-danger" hidden=move || count() == 0 on:click=move |_| on_rotate.run(())>
                {Signal::derive(move || plural("Rotate {0} selected|Rotate {0} selected", count()))}
            </button>
        </div>
    }
}
