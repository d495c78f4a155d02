//! The webhook list: every page of webhooks (loaded by [`pages::WebhookPages`]), the toolbar's
//! search and filters, the status line, refresh, and per row the rotate and show-secret dialogs. A
//! failed page keeps the rows already shown and offers to resume.

mod pages;
mod table;
mod toolbar;

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::error_notice::ErrorNotice;
use super::lazy::{part, ChunkUnavailable, LazyDialog};
use super::rotate_dialog::{preload_dialogs, rotate_dialog_part};
use super::secret_dialog::secret_dialog_part;
use super::unique_id;
use crate::api::paths::WebhookId;
use crate::api::types::{EventType, Webhook};
use crate::browser;
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

impl OpenDialog {
    fn title(&self) -> &'static str {
        match self {
            OpenDialog::Rotate(..) => "Rotate signing secret",
            OpenDialog::ShowSecret(..) => "Current signing secret",
        }
    }

    /// The dialog, from the dialogs' chunk.
    async fn view(self, close: Callback<()>) -> Result<AnyView, ChunkUnavailable> {
        match self {
            OpenDialog::Rotate(id, webhook) => {
                rotate_dialog_part(id, webhook.url.clone(), close).await
            }
            OpenDialog::ShowSecret(id, webhook) => {
                secret_dialog_part(id, webhook.url.clone(), close).await
            }
        }
    }
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
    // One effect for the table: new pages are drawn, a new filter hides and shows the drawn rows,
    // and the event-type catalog describes the chips, each once.
    Effect::new(move |_| {
        let (loaded, filter) = (pages.pages(), filter.get());
        let Some(table) = table.get() else { return };
        let count = event_types.with(|types| {
            drawn.try_update_value(|drawn| drawn.sync(&table, &loaded, &filter, types))
        });
        shown.set(count.unwrap_or_default());
    });

    let dialog = RwSignal::new(None::<OpenDialog>);
    let close_dialog = Callback::new(move |()| dialog.set(None));
    let on_table_click = move |event: leptos::ev::MouseEvent| {
        let target = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let Some((action, webhook, id)) =
            target.and_then(|target| drawn.with_value(|drawn| drawn.action_at(&target)))
        else {
            return;
        };
        match action {
            RowAction::Rotate => dialog.set(Some(OpenDialog::Rotate(id, webhook))),
            RowAction::ShowSecret => dialog.set(Some(OpenDialog::ShowSecret(id, webhook))),
            RowAction::CopyId => copy_id(announcer, id),
        }
    };
    // The dialogs' chunk, fetched while the person reads the list rather than on the first click.
    browser::when_idle(|| {
        leptos::task::spawn_local(async {
            let _ = preload_dialogs().await;
        })
    });
    let heading_id = unique_id("webhooks-heading");
    // What the list says under the status line, if anything: why loading stopped, or why no row
    // shows (a failure has its own notice, with Resume).
    let notice = move || match (pages.phase(), pages.total(), shown.get()) {
        (ListPhase::Stopped(reason), _, _) => Some(("ada-notice", reason.message())),
        (ListPhase::Complete, 0, _) => Some(("ada-empty", NO_WEBHOOKS.to_owned())),
        (_, 1.., 0) => Some((
            "ada-empty",
            "No webhooks match the search and filters.".to_owned(),
        )),
        _ => None,
    };

    view! {
        <section class="ada-card ada-list" aria-labelledby=heading_id.clone()>
            <div class="ada-list-header">
                <h2 id=heading_id.clone()>"Webhooks"</h2>
                <button
                    type="button"
                    class="ada-button"
                    disabled=move || pages.is_loading()
                    on:click=move |_| pages.refresh()
                >
                    "Refresh"
                </button>
            </div>
            <Toolbar fields event_types />
            <p class="ada-status-line">{move || pages.status(shown.get())}</p>
            {move || match pages.phase() {
                ListPhase::Failed(error) => Some(view! {
                    <ErrorNotice
                        error
                        headline="Loading webhooks stopped; the rows already loaded are kept.".to_owned()
                        on_retry=Callback::new(move |()| pages.resume())
                        retry_label="Resume loading"
                    />
                }),
                _ => None,
            }}
            {move || notice().map(|(class, text)| view! { <p class=class>{text}</p> })}
            <div class="ada-table-wrap">
                <table class="ada-table" role="table" node_ref=table on:click=on_table_click>
                    <caption class="ada-visually-hidden">"Webhooks and their signing-secret actions"</caption>
                </table>
            </div>
            {move || dialog.get().map(|open| view! {
                <LazyDialog
                    title=open.title()
                    on_close=close_dialog
                    load=part(move || open.clone().view(close_dialog))
                />
            })}
        </section>
    }
}

fn copy_id(announcer: super::announcer::Announcer, id: WebhookId) {
    leptos::task::spawn_local(async move {
        let copied = browser::copy_to_clipboard(id.as_str()).await;
        announcer.say(if copied {
            ["Copied the ID ", id.as_str(), "."].concat()
        } else {
            "Copy failed: the browser refused clipboard access.".to_owned()
        });
    });
}

/// Ada's event-type catalog, fetched once at mount: a task writing a signal does what a
/// `LocalResource` would, without the resource's async machinery (docs/architecture.md). It only
/// describes chips and fills a filter, so a failure leaves them plain and says nothing; the
/// list's own requests report a rejected key.
fn load_event_types(session: Session) -> RwSignal<Vec<EventType>> {
    let event_types = RwSignal::new(Vec::new());
    if let Some(client) = session.client_untracked() {
        let request = client.event_types();
        leptos::task::spawn_local(async move {
            if let Ok(list) = request.await {
                event_types.try_set(list.data);
            }
        });
    }
    event_types
}
