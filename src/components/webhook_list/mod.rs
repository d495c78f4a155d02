//! The webhook list: every page of webhooks (loaded by [`pages::WebhookPages`]), the toolbar's
//! search and filters, the status line, refresh, "New webhook", and per row the actions the host's
//! capabilities allow (rotate, and in the row's menu show secret, verify, edit, disable or enable,
//! delete). A failed page keeps the rows already shown and offers to resume.

mod dialogs;
mod pages;
mod row_menu;
mod selection;
mod table;
mod toggle;
mod toolbar;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::rotate_dialog::preload_dialogs;
use super::unique_id;
use super::verify_dialog::preload_verify;
use super::webhook_form_dialog::preload_lifecycle;
use crate::api::paths::WebhookId;
use crate::api::types::EventType;
use crate::browser;
use crate::embed_options::{Capabilities, Capability};
use crate::listing::{ListPhase, WebhookChange};
use crate::session::Session;
use dialogs::{DialogHost, ListLink, OpenDialog};
use pages::WebhookPages;
use row_menu::{focus, MenuItem, OpenMenu};
use selection::{BulkBar, Selection};
use table::{Drawing, DrawnTable, RowAction};
use toggle::Toggler;
use toolbar::{FilterFields, Toolbar};

const NO_WEBHOOKS: &str =
    "This Ada instance has no webhooks yet. Create one in Ada's dashboard or API, then refresh.";
const NO_WEBHOOKS_CREATE: &str = "This Ada instance has no webhooks yet: New webhook creates one.";

/// The row menu's items the host's capabilities allow, in the menu's order.
fn menu_items(capabilities: Capabilities) -> Vec<MenuItem> {
    [
        (Capability::Reveal, MenuItem::ShowSecret),
        (Capability::Verify, MenuItem::Verify),
        (Capability::Edit, MenuItem::Edit),
        (Capability::Edit, MenuItem::Toggle),
        (Capability::Delete, MenuItem::Delete),
    ]
    .into_iter()
    .filter(|(capability, _)| capabilities.allows(*capability))
    .map(|(_, item)| item)
    .collect()
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
    let announcer = Announcer::from_context();
    let fields = FilterFields::new();
    let filter = fields.filter();
    let pages = WebhookPages::new(session);
    let event_types = load_event_types(session);

    let capabilities = use_context::<Capabilities>().unwrap_or_default();
    let (rotate, create) = (
        capabilities.allows(Capability::Rotate),
        capabilities.allows(Capability::Create),
    );
    let selection = Selection::new();
    let menu_items = StoredValue::new(menu_items(capabilities));
    let toggler = Toggler::new(pages, session);
    let table = NodeRef::<leptos::html::Table>::new();
    let drawn = StoredValue::new_local(DrawnTable::default());
    let menu = StoredValue::new_local(OpenMenu::default());
    let shown = RwSignal::new(0_usize);
    // One effect for the table: pages drawn or redrawn, the filter and the selection shown, the
    // event-type catalog describing the chips, each only when it changed.
    Effect::new(move |_| {
        let loaded = pages.pages();
        let drawing = Drawing {
            filter: filter.get(),
            selected: selection.0.get(),
            menu: menu_items.get_value(),
            rotate,
        };
        let Some(table) = table.get() else { return };
        let count = event_types.with(|types| {
            drawn.try_update_value(|drawn| drawn.sync(&table, &loaded, &drawing, types))
        });
        shown.set(count.unwrap_or_default());
    });

    let dialog = RwSignal::new(None::<OpenDialog>);
    let on_table_click = move |event: leptos::ev::MouseEvent| {
        let target = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let Some(target) = target else { return };
        if !menu.with_value(|menu| menu.contains(&target)) {
            menu.update_value(|menu| {
                menu.close(false);
            });
        }
        let Some((action, webhook, id, control)) =
            drawn.with_value(|drawn| drawn.action_at(&target))
        else {
            return;
        };
        match action {
            RowAction::Select => {
                let checked = control
                    .unchecked_ref::<web_sys::HtmlInputElement>()
                    .checked();
                selection.set(&webhook.id, checked);
            }
            RowAction::Rotate => dialog.set(Some(OpenDialog::Rotate(id, webhook))),
            RowAction::CopyId => copy_id(announcer, id),
            RowAction::Menu if menu.with_value(|menu| menu.is_open_for(&control)) => {
                focus(menu.try_update_value(|menu| menu.close(true)).flatten());
            }
            RowAction::Menu => {
                let items = menu_items.get_value();
                focus(
                    menu.try_update_value(|menu| menu.open(&control, &webhook, &items, false))
                        .flatten(),
                );
            }
            RowAction::Item(item) => {
                focus(menu.try_update_value(|menu| menu.close(true)).flatten());
                match item {
                    MenuItem::ShowSecret => dialog.set(Some(OpenDialog::ShowSecret(id, webhook))),
                    MenuItem::Verify => dialog.set(Some(OpenDialog::Verify(id, webhook))),
                    MenuItem::Edit => dialog.set(Some(OpenDialog::Edit(id, webhook))),
                    MenuItem::Toggle => toggler.toggle(webhook, id),
                    MenuItem::Delete => dialog.set(Some(OpenDialog::Delete(id, webhook))),
                }
            }
        }
    };
    let on_table_key = move |event: leptos::ev::KeyboardEvent| {
        let Some(target) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(next) = menu
            .try_update_value(|menu| menu.key(&event, &target))
            .flatten()
        {
            event.prevent_default();
            focus(next);
            return;
        }
        let opens = matches!(event.key().as_str(), "ArrowDown" | "ArrowUp");
        if let Some((RowAction::Menu, webhook, _, control)) = opens
            .then(|| drawn.with_value(|drawn| drawn.action_at(&target)))
            .flatten()
        {
            event.prevent_default();
            let (from_end, items) = (event.key() == "ArrowUp", menu_items.get_value());
            focus(
                menu.try_update_value(|menu| menu.open(&control, &webhook, &items, from_end))
                    .flatten(),
            );
        }
    };
    // Focus leaving the open menu (a click elsewhere, Tab) closes it.
    let on_table_focus_out = move |event: leptos::ev::FocusEvent| {
        let next = event
            .related_target()
            .and_then(|next| next.dyn_into::<web_sys::Element>().ok());
        if !next.is_some_and(|next| menu.with_value(|menu| menu.contains(&next))) {
            menu.update_value(|menu| {
                menu.close(false);
            });
        }
    };
    let shown_webhooks = Callback::new(move |()| {
        drawn.with_value(|drawn| {
            drawn
                .shown()
                .map(|(webhook, id)| (webhook.clone(), id))
                .collect()
        })
    });
    let rotate_selected = Callback::new(move |()| {
        let chosen = selection.0.with_untracked(|ids| pages.webhooks_with(ids));
        dialog.set(Some(OpenDialog::Bulk(chosen)));
    });
    let on_change = Callback::new(move |change: WebhookChange| {
        if let WebhookChange::Deleted(id) = &change {
            selection.set(id, false);
        }
        pages.apply(&change);
    });
    let link = ListLink {
        event_types,
        on_change,
    };
    // Each allowed feature's chunk, fetched while the person reads the list rather than on the
    // first click; a feature the host switched off loads nothing.
    browser::when_idle(move || {
        leptos::task::spawn_local(async move {
            let allows = |capability| capabilities.allows(capability);
            if allows(Capability::Rotate) || allows(Capability::Reveal) {
                let _ = preload_dialogs().await;
            }
            if allows(Capability::Verify) {
                let _ = preload_verify().await;
            }
            if [Capability::Create, Capability::Edit, Capability::Delete]
                .into_iter()
                .any(allows)
            {
                let _ = preload_lifecycle().await;
            }
        })
    });
    // One notice for the two failures the list reports (one closure, one ErrorNotice in the chunk):
    // a page that failed to load, else Ada refusing a disable or enable.
    let failure = move || match (pages.phase(), toggler.failure.get()) {
        (ListPhase::Failed(error), _) => Some((
            error,
            "Loading webhooks stopped; the rows already loaded are kept.".to_owned(),
            Callback::new(move |()| pages.resume()),
            "Resume loading",
        )),
        (_, Some(refused)) => Some((
            refused.error,
            refused.headline,
            Callback::new(move |()| {
                toggler.toggle(refused.webhook.clone(), refused.webhook_id.clone())
            }),
            "Try again",
        )),
        _ => None,
    };
    let heading_id = unique_id("webhooks-heading");
    // What the list says under the status line, if anything: why loading stopped, or why no row
    // shows (a failure has its own notice, with Resume).
    let notice = move || match (pages.phase(), pages.total(), shown.get()) {
        (ListPhase::Stopped(reason), _, _) => Some(("ada-notice", reason.message())),
        (ListPhase::Complete, 0, _) => Some((
            "ada-empty",
            if create {
                NO_WEBHOOKS_CREATE
            } else {
                NO_WEBHOOKS
            }
            .to_owned(),
        )),
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
                {create.then(|| view! {
                    <button
                        type="button"
                        class="ada-button ada-primary"
                        on:click=move |_| dialog.set(Some(OpenDialog::Create))
                    >
                        "New webhook"
                    </button>
                })}
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
            {rotate.then(|| view! {
                <BulkBar selection shown=shown_webhooks shown_count=shown on_rotate=rotate_selected />
            })}
            <p class="ada-status-line">{move || pages.status(shown.get())}</p>
            {move || failure().map(|(error, headline, on_retry, retry_label)| view! {
                <ErrorNotice error headline on_retry retry_label />
            })}
            {move || notice().map(|(class, text)| view! { <p class=class>{text}</p> })}
            <div class="ada-table-wrap">
                <table
                    class="ada-table"
                    role="table"
                    node_ref=table
                    on:click=on_table_click
                    on:keydown=on_table_key
                    on:focusout=on_table_focus_out
                >
                    <caption class="ada-visually-hidden">"Webhooks and their signing-secret actions"</caption>
                </table>
            </div>
            <DialogHost dialog link />
        </section>
    }
}

fn copy_id(announcer: Announcer, id: WebhookId) {
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
