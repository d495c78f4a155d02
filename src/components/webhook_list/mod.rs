//! The webhook list: every page of webhooks (loaded by [`pages::WebhookPages`]), the toolbar's
//! search and filters, the status line, refresh, "New webhook", and per row the actions the host's
//! capabilities allow (rotate, and in the row's menu show secret, verify, edit, disable or enable,
//! delete). A failed page keeps the rows already shown and offers to resume.

mod controls;
mod dialogs;
mod notices;
mod pages;
mod row_menu;
mod selection;
mod table;
mod table_events;
mod toggle;
mod toolbar;

use leptos::prelude::*;

use super::announcer::Announcer;
use super::lazy::Preloader;
use super::unique_id;
use crate::api::types::EventType;
use crate::chunks::Chunk;
use crate::embed_options::{Capabilities, Capability};
use crate::i18n::{language_tag, t};
use crate::listing::WebhookChange;
use crate::session::Session;
use controls::MenuItem;
use dialogs::{DialogHost, ListLink, OpenDialog};
use notices::ListNotices;
use pages::WebhookPages;
use row_menu::OpenMenu;
use selection::{BulkBar, Selection};
use table::{Drawing, DrawnTable};
use table_events::TableEvents;
use toggle::Toggler;
use toolbar::{FilterFields, Toolbar};

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

#[component]
pub fn WebhookList() -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let fields = FilterFields::new();
    let filter = fields.filter();
    let pages = WebhookPages::new(session);
    let event_types = load_event_types(session);

    let capabilities = session.capabilities();
    let (rotate, create) = (
        capabilities.allows(Capability::Rotate),
        capabilities.allows(Capability::Create),
    );
    let selection = Selection::new();
    let menu_items = StoredValue::new(menu_items(capabilities));
    let toggler = Toggler::new(pages, session);
    let table = NodeRef::<leptos::html::Table>::new();
    let drawn = StoredValue::new_local(DrawnTable::default());
    let shown = RwSignal::new(0_usize);
    let drawing = move || Drawing {
        filter: filter.get(),
        selected: selection.0.get(),
        menu: menu_items.get_value(),
        rotate,
        language: language_tag(),
    };
    redraw_on_change(table, drawn, pages, drawing, event_types, shown);

    let dialog = RwSignal::new(None::<OpenDialog>);
    let events = TableEvents {
        drawn,
        menu: StoredValue::new_local(OpenMenu::default()),
        menu_items,
        rotate,
        dialog,
        selection,
        toggler,
        announcer,
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
    prefetch_once_quiet(session, pages, capabilities);
    let heading_id = unique_id("webhooks-heading");
    view! {
        <section class="ada-card ada-list" aria-labelledby=heading_id.clone()>
            <div class="ada-list-header">
                // Where focus goes when a dialog closes after its opener left (a deleted row).
                <h2 id=heading_id.clone() tabindex="-1" data-focus-fallback="">{t("Webhooks")}</h2>
                {create.then(|| view! {
                    <button
                        type="button"
                        class="ada-button ada-primary"
                        on:click=move |_| dialog.set(Some(OpenDialog::Create))
                    >
                        {t("New webhook")}
                    </button>
                })}
                <button
                    type="button"
                    class="ada-button"
                    disabled=move || pages.is_loading()
                    on:click=move |_| pages.refresh()
                >
                    {t("Refresh")}
                </button>
            </div>
            <Toolbar fields event_types />
            {rotate.then(|| view! {
                <BulkBar selection shown=shown_webhooks shown_count=shown on_rotate=rotate_selected />
            })}
            <ListNotices pages toggler shown create />
            <div class="ada-table-wrap">
                <table
                    class="ada-table"
                    role="table"
                    node_ref=table
                    on:click=move |event| events.click(event)
                    on:keydown=move |event| events.key(event)
                    on:focusout=move |event| events.focus_out(event)
                >
                    <caption class="ada-visually-hidden">{t("Webhooks and their signing-secret actions")}</caption>
                </table>
            </div>
            <DialogHost dialog link />
        </section>
    }
}

/// One effect for the table: pages drawn or redrawn, the filter and the selection shown, the
/// event-type catalog describing the chips, every row written again in a new language, each only
/// when it changed; `shown` counts the rows the filter shows.
fn redraw_on_change(
    table: NodeRef<leptos::html::Table>,
    drawn: StoredValue<DrawnTable, LocalStorage>,
    pages: WebhookPages,
    drawing: impl Fn() -> Drawing + 'static,
    event_types: RwSignal<Vec<EventType>>,
    shown: RwSignal<usize>,
) {
    Effect::new(move |_| {
        let (loaded, drawing) = (pages.pages(), drawing());
        let Some(table) = table.get() else { return };
        let count = event_types.with(|types| {
            drawn.try_update_value(|drawn| drawn.sync(&table, &loaded, &drawing, types))
        });
        shown.set(count.unwrap_or_default());
    });
}

/// Each allowed feature's chunk, fetched while the person reads the list rather than on the first
/// click, once the list has loaded (its rows drawn, or known to be empty) and none of the widget's
/// requests is on its way (the event types, say), then when the browser is idle (so after the rows
/// are painted): on a slow link it never shares it with what the first screen needs. A feature the
/// host switched off loads nothing ([`Chunk::after_list`]).
fn prefetch_once_quiet(session: Session, pages: WebhookPages, capabilities: Capabilities) {
    let started = StoredValue::new(false);
    let preloader = use_context::<Preloader>();
    Effect::new(move |_| {
        let quiet = !pages.is_loading() && session.network_quiet();
        if quiet && !started.get_value() {
            started.set_value(true);
            if let Some(Preloader(preload)) = preloader {
                preload(Chunk::after_list(capabilities).collect());
            }
        }
    });
}

/// Ada's event-type catalog, fetched once at mount: a task writing a signal does what a
/// `LocalResource` would, without the resource's async machinery (docs/architecture.md). It only
/// describes chips and fills a filter, so a failure leaves them plain and says nothing; the
/// list's own requests report a rejected key.
fn load_event_types(session: Session) -> RwSignal<Vec<EventType>> {
    let event_types = RwSignal::new(Vec::new());
    let request = session.event_types();
    leptos::task::spawn_local(async move {
        if let Ok(list) = request.await {
            event_types.try_set(list.data);
        }
    });
    event_types
}
