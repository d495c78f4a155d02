//! One webhook's row: URL, description, events, state, times, id (with copy), and its actions. A
//! row whose id cannot go into a request path says so instead of offering actions.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;

use super::super::announcer::Announcer;
use crate::api::paths::WebhookId;
use crate::api::types::{EventType, Webhook};
use crate::browser;
use crate::listing::readable_timestamp;

/// What a row's buttons do, made once for the whole list.
#[derive(Clone, Copy)]
pub struct RowActions {
    pub rotate: Callback<(WebhookId, Arc<Webhook>)>,
    pub show_secret: Callback<(WebhookId, Arc<Webhook>)>,
    pub event_types: RwSignal<Vec<EventType>>,
}

#[component]
pub fn WebhookRow(webhook: Arc<Webhook>, actions: RowActions) -> impl IntoView {
    let announcer = Announcer::from_context();
    let events = if webhook.event_filters.is_empty() {
        Either::Left(view! { <span class="ada-chip ada-chip-all">"All events"</span> })
    } else {
        let chips = webhook.event_filters.iter().map(|name| {
            let description = {
                let name = name.clone();
                move || {
                    actions.event_types.with(|types| {
                        types
                            .iter()
                            .find(|t| t.name == name && !t.description.is_empty())
                            .map(|t| t.description.clone())
                    })
                }
            };
            view! { <span class="ada-chip" title=description>{name.clone()}</span> }
        });
        Either::Right(chips.collect_view())
    };
    let id_text = webhook.id.clone();
    let copy_id = move |_| {
        let id = id_text.clone();
        leptos::task::spawn_local(async move {
            let copied = browser::copy_to_clipboard(&id).await;
            announcer.say(if copied {
                format!("Copied the ID {id}.")
            } else {
                "Copy failed: the browser refused clipboard access.".to_owned()
            });
        });
    };
    let row_actions = match WebhookId::parse(&webhook.id) {
        Some(id) => {
            let (rotate_target, show_target) =
                ((id.clone(), webhook.clone()), (id, webhook.clone()));
            Either::Left(view! {
                <div class="ada-row-actions">
                    <button
                        type="button"
                        class="ada-button ada-danger"
                        aria-label=format!("Rotate secret for {}", webhook.url)
                        on:click=move |_| actions.rotate.run(rotate_target.clone())
                    >
                        "Rotate secret"
                    </button>
                    <button
                        type="button"
                        class="ada-button"
                        aria-label=format!("Show current secret for {}", webhook.url)
                        on:click=move |_| actions.show_secret.run(show_target.clone())
                    >
                        "Show current secret"
                    </button>
                </div>
            })
        }
        None => Either::Right(view! {
            <p class="ada-unusable-id">
                "Ada sent an id this widget cannot put in a request, so this webhook has no actions \
                 here. Manage it in Ada's dashboard."
            </p>
        }),
    };
    view! {
        <tr role="row" class:ada-disabled=!webhook.enabled>
            <td role="cell" data-label="URL" class="ada-url">{webhook.url.clone()}</td>
            <td role="cell" data-label="Description" class="ada-description">{webhook.description.clone()}</td>
            <td role="cell" data-label="Events"><span class="ada-chips">{events}</span></td>
            <td role="cell" data-label="State">{if webhook.enabled { "Enabled" } else { "Disabled" }}</td>
            <td role="cell" data-label="Created"><Timestamp iso=webhook.created_at.clone() /></td>
            <td role="cell" data-label="Updated"><Timestamp iso=webhook.updated_at.clone() /></td>
            <td role="cell" data-label="ID">
                <code class="ada-id">{webhook.id.clone()}</code>
                <button
                    type="button"
                    class="ada-button ada-small"
                    aria-label=format!("Copy ID {}", webhook.id)
                    on:click=copy_id
                >
                    "Copy"
                </button>
            </td>
            <td role="cell" data-label="Secret">{row_actions}</td>
        </tr>
    }
}

#[component]
fn Timestamp(iso: Option<String>) -> impl IntoView {
    iso.map(|iso| {
        let readable = readable_timestamp(&iso);
        view! { <time datetime=iso.clone() title=iso>{readable}</time> }
    })
}
