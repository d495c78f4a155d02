//! The webhook list: every page of webhooks (loaded by [`pages::WebhookPages`]), the toolbar's
//! search and filters, the status line, refresh, and per row the rotate and show-secret dialogs. A
//! failed page keeps the rows already shown and offers to resume.

mod pages;
mod table;
mod toolbar;

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::error_notice::ErrorNotice;
use super::lazy::LazyDialog;
use super::rotate_dialog::{preload_dialogs, rotate_dialog_part};
use super::secret_dialog::secret_dialog_part;
use super::unique_id;
use crate::browser;
use crate::api::paths::WebhookId;
use crate::api::types::{EventType, Webhook};
use crate::listing::ListPhase;
use crate::session::Session;
use pages::WebhookPages;
use table::{DrawnTable, RowAction};
use toolbar::{FilterFields, Toolbar};

const NO_WEBHOOKS: &str =
    "This Ada instance has no webhooks yet. Create one in Ada's dashboard or API, then refresh.";

#[derive(Clone)]
enum OpenDialog {
    Rotate(WebhookId, Arc<Webhook>),
    ShowSecret(WebhookId, Arc<Webhook>),
}

crate::lazy_part!(
    list,
    preload_list,
    /// The list, from its own chunk: the standalone page's sign-in form does not need it.
    pub fn list_part() -> AnyView {
        view! { <WebhookList /> }.into_any()
    }
);

#[component]
pub fn WebhookList() -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = super::announcer::Announcer::from_context();
    let fields = FilterFields::new();
    let filter = fields.filter();
    let pages = WebhookPages::new(session);
    let event_types = load_event_types(session);

    let table = NodeRef::<leptos::html::Table>::new();
    let drawn = StoredValue::new_local(DrawnTable::default());
    let shown = RwSignal::new(0_usize);
    // New pages are drawn under the current filter; a new filter hides and shows the drawn rows.
    Effect::new(move |_| {
        let loaded = pages.pages();
        let Some(table) = table.get() else { return };
        let count = drawn.try_update_value(|drawn| {
            let types = event_types.read_untracked();
            drawn.draw(&table, &loaded, &filter.read_untracked(), &types);
            drawn.shown()
        });
        shown.set(count.unwrap_or_default());
    });
    Effect::new(move |_| {
        let filter = filter.get();
        let count = drawn.try_update_value(|drawn| {
            drawn.filter(&filter);
            drawn.shown()
        });
        shown.set(count.unwrap_or_default());
    });
    Effect::new(move |_| {
        event_types.with(|types| drawn.with_value(|drawn| drawn.describe_events(types)));
    });

    let dialog = RwSignal::new(None::<OpenDialog>);
    let close_dialog = Callback::new(move |()| dialog.set(None));
    let on_table_click = move |event: leptos::ev::MouseEvent| {
        let target = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let Some((action, webhook, id)) = target.and_then(|target| drawn.with_value(|drawn| drawn.action_at(&target))) else {
            return;
        };
        match action {
            RowAction::Rotate => dialog.set(Some(OpenDialog::Rotate(id, webhook))),
            RowAction::ShowSecret => dialog.set(Some(OpenDialog::ShowSecret(id, webhook))),
            RowAction::CopyId => copy_id(announcer, id),
        }
    };
    // The dialogs' chunk, fetched while the person reads the list rather than on the first click.
    browser::when_idle(|| leptos::task::spawn_local(async {
        let _ = preload_dialogs().await;
    }));
    let heading_id = unique_id("webhooks-heading");
    let empty_message = move || match (pages.phase(), pages.total(), shown.get()) {
        (ListPhase::Complete, 0, _) => Some(NO_WEBHOOKS),
        (_, 1.., 0) => Some("No webhooks match the search and filters."),
        _ => None,
    };

    view! {
        <section class="ada-card ada-list" aria-labelledby=heading_id.clone()>
            <div class="ada-list-header">
                <h2 id=heading_id.clone()>"Webhooks"</h2>
                <button
                    type="button"
                    class="ada-button"
                    disabled=move || pages.phase().is_loading()
                    on:click=move |_| pages.refresh()
                >
                    "Refresh"
                </button>
            </div>
            <Toolbar fields event_types />
            <p class="ada-status-line">{move || pages.status(shown.get())}</p>
            {move || match pages.phase() {
                ListPhase::Failed(error) => Some(Either::Left(view! {
                    <ErrorNotice
                        error
                        headline="Loading webhooks stopped; the rows already loaded are kept.".to_owned()
                        on_retry=Callback::new(move |()| pages.resume())
                        retry_label="Resume loading"
                    />
                })),
                ListPhase::Stopped(reason) => Some(Either::Right(view! {
                    <p class="ada-notice">{reason.message()}</p>
                })),
                _ => None,
            }}
            {move || empty_message().map(|message| view! { <p class="ada-empty">{message}</p> })}
            <div class="ada-table-wrap">
                <table class="ada-table" role="table" node_ref=table on:click=on_table_click>
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
                </table>
            </div>
            {move || dialog.get().map(|open| match open {
                OpenDialog::Rotate(webhook_id, webhook) => Either::Left(view! {
                    <LazyDialog
                        title="Rotate signing secret"
                        on_close=close_dialog
                        load=move || rotate_dialog_part(webhook_id.clone(), webhook.url.clone(), close_dialog)
                    />
                }),
                OpenDialog::ShowSecret(webhook_id, webhook) => Either::Right(view! {
                    <LazyDialog
                        title="Current signing secret"
                        on_close=close_dialog
                        load=move || secret_dialog_part(webhook_id.clone(), webhook.url.clone(), close_dialog)
                    />
                }),
            })}
        </section>
    }
}

fn copy_id(announcer: super::announcer::Announcer, id: WebhookId) {
    leptos::task::spawn_local(async move {
        let copied = browser::copy_to_clipboard(id.as_str()).await;
        announcer.say(if copied {
            format!("Copied the ID {id}.")
        } else {
            "Copy failed: the browser refused clipboard access.".to_owned()
        });
    });
}

/// Ada's event-type catalog, fetched once at mount: a task writing a signal does what a
/// `LocalResource` would, without the resource's async machinery (docs/architecture.md).
fn load_event_types(session: Session) -> RwSignal<Vec<EventType>> {
    let event_types = RwSignal::new(Vec::new());
    let request = session.request(|client| client.event_types());
    leptos::task::spawn_local(async move {
        if let Ok(list) = request.await {
            event_types.try_set(list.data);
        }
    });
    event_types
}
