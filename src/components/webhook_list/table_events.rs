//! The table's three listeners, for every row's controls at once: a click (select, rotate, copy the
//! id, open or close a row's menu, a menu item), a key (the menu's arrow keys, Home, End, Escape and
//! Tab; ArrowDown or ArrowUp on a menu button opens its menu) and focus leaving the open menu. A
//! control is found by its `data-action`, which anything in the page can change: an action the
//! host's capabilities do not offer is ignored here, and its request refused by the session.

use leptos::ev::{FocusEvent, KeyboardEvent, MouseEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::super::announcer::Announcer;
use super::controls::{MenuItem, RowAction};
use super::dialogs::OpenDialog;
use super::row_menu::{focus, OpenMenu};
use super::selection::Selection;
use super::table::DrawnTable;
use super::toggle::Toggler;
use crate::api::paths::WebhookId;
use crate::browser;
use crate::i18n::{fill, tr};

#[derive(Clone, Copy)]
pub struct TableEvents {
    pub drawn: StoredValue<DrawnTable, LocalStorage>,
    pub menu: StoredValue<OpenMenu, LocalStorage>,
    pub menu_items: StoredValue<Vec<MenuItem>>,
    /// Rotation is allowed: rows have a checkbox and a Rotate button.
    pub rotate: bool,
    pub dialog: RwSignal<Option<OpenDialog>>,
    pub selection: Selection,
    pub toggler: Toggler,
    pub announcer: Announcer,
}

impl TableEvents {
    pub fn click(self, event: MouseEvent) {
        let target = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let Some(target) = target else { return };
        if !self.menu.with_value(|menu| menu.contains(&target)) {
            self.menu.update_value(|menu| {
                menu.close(false);
            });
        }
        let Some((action, webhook, id, control)) = self
            .drawn
            .with_value(|drawn| drawn.action_at(&target))
            .filter(|(action, ..)| self.offers(*action))
        else {
            return;
        };
        match action {
            RowAction::Select => {
                let checked = control
                    .unchecked_ref::<web_sys::HtmlInputElement>()
                    .checked();
                self.selection.set(&webhook.id, checked);
            }
            RowAction::Rotate => self.dialog.set(Some(OpenDialog::Rotate(id, webhook))),
            RowAction::CopyId => copy_id(self.announcer, id),
            RowAction::Menu if self.menu.with_value(|menu| menu.is_open_for(&control)) => {
                focus(
                    self.menu
                        .try_update_value(|menu| menu.close(true))
                        .flatten(),
                );
            }
            RowAction::Menu => {
                let items = self.menu_items.get_value();
                focus(
                    self.menu
                        .try_update_value(|menu| menu.open(&control, &webhook, &items, false))
                        .flatten(),
                );
            }
            RowAction::Item(item) => {
                focus(
                    self.menu
                        .try_update_value(|menu| menu.close(true))
                        .flatten(),
                );
                match item {
                    MenuItem::ShowSecret => {
                        self.dialog.set(Some(OpenDialog::ShowSecret(id, webhook)))
                    }
                    MenuItem::Verify => self.dialog.set(Some(OpenDialog::Verify(id, webhook))),
                    MenuItem::Edit => self.dialog.set(Some(OpenDialog::Edit(id, webhook))),
                    MenuItem::Toggle => self.toggler.toggle(webhook, id),
                    MenuItem::Delete => self.dialog.set(Some(OpenDialog::Delete(id, webhook))),
                }
            }
        }
    }

    /// Whether the table offers `action`: the controls drawn, whatever a control's attribute says.
    fn offers(self, action: RowAction) -> bool {
        match action {
            RowAction::Select | RowAction::Rotate => self.rotate,
            RowAction::Menu => self.menu_items.with_value(|items| !items.is_empty()),
            RowAction::CopyId => true,
            RowAction::Item(item) => self.menu_items.with_value(|items| items.contains(&item)),
        }
    }

    pub fn key(self, event: KeyboardEvent) {
        let Some(target) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Some(next) = self
            .menu
            .try_update_value(|menu| menu.key(&event, &target))
            .flatten()
        {
            event.prevent_default();
            focus(next);
            return;
        }
        let opens = matches!(event.key().as_str(), "ArrowDown" | "ArrowUp");
        if let Some((RowAction::Menu, webhook, _, control)) = opens
            .then(|| self.drawn.with_value(|drawn| drawn.action_at(&target)))
            .flatten()
            .filter(|_| self.offers(RowAction::Menu))
        {
            event.prevent_default();
            let (from_end, items) = (event.key() == "ArrowUp", self.menu_items.get_value());
            focus(
                self.menu
                    .try_update_value(|menu| menu.open(&control, &webhook, &items, from_end))
                    .flatten(),
            );
        }
    }

    // Focus leaving the open menu (a click elsewhere, Tab) closes it.
    pub fn focus_out(self, event: FocusEvent) {
        let next = event
            .related_target()
            .and_then(|next| next.dyn_into::<web_sys::Element>().ok());
        if !next.is_some_and(|next| self.menu.with_value(|menu| menu.contains(&next))) {
            self.menu.update_value(|menu| {
                menu.close(false);
            });
        }
    }
}

fn copy_id(announcer: Announcer, id: WebhookId) {
    let writing = browser::copy_to_clipboard(id.as_str());
    leptos::task::spawn_local(async move {
        let copied = writing.await;
        announcer.say(if copied {
            fill("Copied the ID {0}.", &[&id])
        } else {
            tr("Copy failed: the browser refused clipboard access.").to_owned()
        });
    });
}
