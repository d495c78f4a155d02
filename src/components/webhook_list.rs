//! The webhook list: pages through `meta.next_page_url` until it is null, showing rows as pages
//! arrive; search over URL and description; a filter on enabled state; refresh; and per row the
//! rotate and show-secret actions. A failed page keeps the rows already shown and offers to resume.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::rotate_dialog::RotateDialog;
use super::secret_panel::SecretDialog;
use super::text_field::TextField;
use super::unique_id;
use crate::api::types::{EventType, Webhook};
use crate::api::{ApiError, ErrorKind};
use crate::app::Settings;
use crate::browser;
use crate::host_events::HostEvents;
use crate::listing::{matches, readable_timestamp, EnabledFilter, Paging};
use crate::session::Session;

/// Ada documents no default or maximum `limit`; 100 keeps pages few without large bodies.
pub const PAGE_SIZE: u32 = 100;

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Done,
    Failed(ApiError),
}

/// One page of the list as it arrived. Each page renders its own row group of keyed rows, so
/// appending a page diffs only the list of pages, not every row loaded so far, and the browser lays
/// out one more group: the 100th page costs what the first did.
#[derive(Clone)]
struct LoadedPage {
    /// The refresh generation and the page's position in it.
    key: (u32, usize),
    webhooks: Arc<[Arc<Webhook>]>,
}

#[derive(Clone)]
enum OpenDialog {
    Rotate(Arc<Webhook>),
    ShowSecret(Arc<Webhook>),
}

#[component]
pub fn WebhookList() -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let host_events = HostEvents::from_context();
    let page_size = Settings::from_context().page_size;

    let pages = RwSignal::new(Vec::<LoadedPage>::new());
    let total = Memo::new(move |_| {
        pages.with(|pages| pages.iter().map(|page| page.webhooks.len()).sum::<usize>())
    });
    let paging = RwSignal::new(Paging::default());
    let load = RwSignal::new(Load::Loading);
    // Bumped by refresh, so that pages of an abandoned pass are dropped rather than appended.
    let generation = StoredValue::new(0_u32);

    // Pages are fetched one after another, each appended as it arrives; an Action or a Resource
    // would hold one result, not a growing list, hence a plain task that checks its generation.
    let load_remaining = move || {
        let Some(client) = session.client() else {
            return;
        };
        let this_generation = generation.get_value();
        load.set(Load::Loading);
        let next_page = move || {
            let resume = paging.with_untracked(|paging| paging.resume_from().map(str::to_owned));
            client.list_webhooks(resume.as_deref(), Some(page_size))
        };
        // Sent here, while the widget is still mounting, rather than from the task below.
        let mut page_request = next_page();
        spawn_local(async move {
            loop {
                let result = page_request.await;
                if generation.try_get_value() != Some(this_generation) {
                    return;
                }
                match result {
                    Ok(page) => {
                        let webhooks = page.data.iter().cloned().map(Arc::new).collect();
                        pages.update(|pages| {
                            let key = (this_generation, pages.len());
                            pages.push(LoadedPage { key, webhooks });
                        });
                        let more = paging.try_update(|paging| paging.record(&page).is_some());
                        if more != Some(true) {
                            load.try_set(Load::Done);
                            let count = total.get_untracked();
                            announcer.say(format!("Loaded {count} webhook{}.", plural(count)));
                            return;
                        }
                        page_request = next_page();
                    }
                    Err(error) if error.kind() == ErrorKind::Unauthorized => {
                        session.key_rejected();
                        return;
                    }
                    Err(error) => {
                        host_events.error(&error);
                        announcer.say(format!("Loading webhooks failed: {}", error.summary()));
                        load.try_set(Load::Failed(error));
                        return;
                    }
                }
            }
        });
    };
    let refresh = move || {
        generation.update_value(|generation| *generation += 1);
        pages.set(Vec::new());
        paging.set(Paging::default());
        load_remaining();
    };
    load_remaining();

    // One fetch at mount, so a task writing a signal does what a LocalResource would; the
    // resource's async machinery cost 7.8 KB of brotli for this single use (bench, 2026-11-26).
    let event_types = RwSignal::new(Vec::<EventType>::new());
    if let Some(client) = session.client() {
        let request = client.event_types();
        spawn_local(async move {
            if let Ok(list) = request.await {
                event_types.try_set(list.data);
            }
        });
    }
    let describe_event = move |name: &str| -> Option<String> {
        event_types
            .with(|types| {
                types
                    .iter()
                    .find(|t| t.name == name)
                    .map(|t| t.description.clone())
            })
            .filter(|description| !description.is_empty())
    };

    let query = RwSignal::new(String::new());
    let filter = RwSignal::new(EnabledFilter::All);
    let shown = Memo::new(move |_| {
        let (query, filter) = (query.get(), filter.get());
        pages.with(|pages| {
            pages
                .iter()
                .flat_map(|page| page.webhooks.iter())
                .filter(|webhook| matches(webhook, &query, filter))
                .count()
        })
    });

    let dialog = RwSignal::new(None::<OpenDialog>);
    let close_dialog = Callback::new(move |()| dialog.set(None));
    let on_rotate = Callback::new(move |webhook| dialog.set(Some(OpenDialog::Rotate(webhook))));
    let on_show_secret =
        Callback::new(move |webhook| dialog.set(Some(OpenDialog::ShowSecret(webhook))));

    let heading_id = unique_id("webhooks-heading");
    let filter_id = unique_id("enabled-filter");

    let status_line = move || {
        let (total, shown) = (total.get(), shown.get());
        let pages = paging.with(Paging::pages_loaded);
        match load.get() {
            Load::Loading if total == 0 => "Loading webhooks…".to_owned(),
            Load::Loading => format!(
                "Loading… {total} webhooks from {pages} page{} so far.",
                plural(pages)
            ),
            _ if shown == total => format!("{total} webhook{}.", plural(total)),
            _ => format!("Showing {shown} of {total} webhooks."),
        }
    };

    const NO_WEBHOOKS: &str =
        "This Ada instance has no webhooks yet. Create one in Ada's dashboard or API, then refresh.";
    let empty_message = move || match (load.get(), total.get(), shown.get()) {
        (Load::Done, 0, _) => Some(NO_WEBHOOKS),
        (_, 1.., 0) => Some("No webhooks match the search and filter."),
        _ => None,
    };

    view! {
        <section class="ada-card ada-list" aria-labelledby=heading_id.clone()>
            <div class="ada-list-header">
                <h2 id=heading_id.clone()>"Webhooks"</h2>
                <button
                    type="button"
                    class="ada-button"
                    disabled=move || load.get() == Load::Loading
                    on:click=move |_| refresh()
                >
                    "Refresh"
                </button>
            </div>
            <div class="ada-toolbar" role="search">
                <TextField label="Search URL or description" value=query input_type="search" />
                <div class="ada-field">
                    <label for=filter_id.clone()>"Show"</label>
                    <select
                        id=filter_id
                        on:change:target=move |event| filter.set(EnabledFilter::from_value(&event.target().value()))
                    >
                        {EnabledFilter::ALL.into_iter().map(|option| view! {
                            <option value=option.value() selected=move || filter.get() == option>{option.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="ada-status-line">{status_line}</p>
            {move || match load.get() {
                Load::Failed(error) => Some(view! {
                    <ErrorNotice
                        error
                        headline="Loading webhooks stopped; the rows already loaded are kept.".to_owned()
                        on_retry=Callback::new(move |()| load_remaining())
                        retry_label="Resume loading"
                    />
                }),
                _ => None,
            }}
            {move || empty_message().map(|message| view! { <p class="ada-empty">{message}</p> })}
            <div class="ada-table-wrap">
                <table class="ada-table" role="table">
                    <caption class="ada-visually-hidden">"Webhooks and their signing-secret actions"</caption>
                    <thead role="rowgroup">
                        <tr role="row">
                            <th scope="col" role="columnheader">"URL"</th>
                            <th scope="col" role="columnheader">"Description"</th>
                            <th scope="col" role="columnheader">"Events"</th>
                            <th scope="col" role="columnheader">"State"</th>
                            <th scope="col" role="columnheader">"Created"</th>
                            <th scope="col" role="columnheader">"Updated"</th>
                            <th scope="col" role="columnheader">"ID"</th>
                            <th scope="col" role="columnheader">"Secret"</th>
                        </tr>
                    </thead>
                    // A row group per page: the browser lays out, and skips when out of view,
                    // a page at a time (style/main.css).
                    <For
                        each=move || pages.get()
                        key=|page| page.key
                        children=move |page| {
                            let webhooks = page.webhooks;
                            let shown_rows = Memo::new(move |_| {
                                let (query, filter) = (query.get(), filter.get());
                                webhooks
                                    .iter()
                                    .filter(|webhook| matches(webhook, &query, filter))
                                    .cloned()
                                    .collect::<Vec<_>>()
                            });
                            view! {
                                <tbody
                                    role="rowgroup"
                                    style:--ada-page-rows=move || shown_rows.with(Vec::len).to_string()
                                >
                                    <For
                                        each=move || shown_rows.get()
                                        key=|webhook| (webhook.id.clone(), webhook.updated_at.clone())
                                        children=move |webhook| view! {
                                            <WebhookRow webhook describe_event on_rotate on_show_secret />
                                        }
                                    />
                                </tbody>
                            }
                        }
                    />
                </table>
            </div>
            {move || dialog.get().map(|open| match open {
                OpenDialog::Rotate(webhook) => Either::Left(view! { <RotateDialog webhook on_close=close_dialog /> }),
                OpenDialog::ShowSecret(webhook) => Either::Right(view! {
                    <SecretDialog webhook_id=webhook.id.clone() webhook_url=webhook.url.clone() on_close=close_dialog />
                }),
            })}
        </section>
    }
}

#[component]
fn WebhookRow(
    webhook: Arc<Webhook>,
    describe_event: impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static,
    on_rotate: Callback<Arc<Webhook>>,
    on_show_secret: Callback<Arc<Webhook>>,
) -> impl IntoView {
    let announcer = Announcer::from_context();
    let events = if webhook.event_filters.is_empty() {
        Either::Left(view! { <span class="ada-chip ada-chip-all">"All events"</span> })
    } else {
        Either::Right(
            webhook
                .event_filters
                .iter()
                .map(|name| {
                    let description = {
                        let name = name.clone();
                        move || describe_event(&name)
                    };
                    view! { <span class="ada-chip" title=description>{name.clone()}</span> }
                })
                .collect_view(),
        )
    };
    let id_for_copy = webhook.id.clone();
    let copy_id = move |_| {
        let id = id_for_copy.clone();
        spawn_local(async move {
            let copied = browser::copy_to_clipboard(&id).await;
            announcer.say(if copied {
                format!("Copied the ID {id}.")
            } else {
                "Copy failed: the browser refused clipboard access.".to_owned()
            });
        });
    };
    let (rotate_target, show_target) = (webhook.clone(), webhook.clone());
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
            <td role="cell" data-label="Secret">
                <div class="ada-row-actions">
                <button
                    type="button"
                    class="ada-button ada-danger"
                    aria-label=format!("Rotate secret for {}", webhook.url)
                    on:click=move |_| on_rotate.run(rotate_target.clone())
                >
                    "Rotate secret"
                </button>
                <button
                    type="button"
                    class="ada-button"
                    aria-label=format!("Show current secret for {}", webhook.url)
                    on:click=move |_| on_show_secret.run(show_target.clone())
                >
                    "Show current secret"
                </button>
                </div>
            </td>
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

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
