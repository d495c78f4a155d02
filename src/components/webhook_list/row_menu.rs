//! Each row's menu of less frequent actions, as the WAI-ARIA menu button pattern has it: a button
//! named "Actions for <URL>" (`aria-haspopup="menu"`, `aria-expanded`) opens a `role="menu"` of
//! `role="menuitem"` buttons; arrow keys, Home and End move between them, Escape closes it and puts
//! focus back on the button, Tab or a click elsewhere closes it. One menu is open at a time; it is
//! drawn with the DOM like the rows ([`super::table`]), and the table's own listeners drive it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use super::table::{control, element, RowAction};
use crate::api::types::Webhook;

/// A row action that lives in the menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MenuItem {
    ShowSecret,
    Verify,
    Edit,
    Toggle,
    Delete,
}

impl MenuItem {
    pub const ALL: [MenuItem; 5] = [
        MenuItem::ShowSecret,
        MenuItem::Verify,
        MenuItem::Edit,
        MenuItem::Toggle,
        MenuItem::Delete,
    ];

    pub fn action(self) -> &'static str {
        match self {
            MenuItem::ShowSecret => "show-secret",
            MenuItem::Verify => "verify",
            MenuItem::Edit => "edit",
            MenuItem::Toggle => "toggle",
            MenuItem::Delete => "delete",
        }
    }

    pub fn from_action(action: &str) -> Option<MenuItem> {
        MenuItem::ALL
            .into_iter()
            .find(|item| item.action() == action)
    }

    fn label(self, webhook: &Webhook) -> &'static str {
        match self {
            MenuItem::ShowSecret => "Show current secret",
            MenuItem::Verify => "Verify a delivery",
            MenuItem::Edit => "Edit",
            MenuItem::Toggle if webhook.enabled => "Disable",
            MenuItem::Toggle => "Enable",
            MenuItem::Delete => "Delete",
        }
    }
}

/// The row's menu button.
pub fn menu_button(place: &str, url: &str) -> HtmlElement {
    let name = ["Actions for ", url].concat();
    let button = control(
        "button",
        RowAction::Menu,
        place,
        "ada-button ada-menu-button",
        &name,
    );
    button.set_attribute("type", "button").ok();
    button.set_attribute("aria-haspopup", "menu").ok();
    button.set_attribute("aria-expanded", "false").ok();
    button.set_text_content(Some("Actions"));
    button
}

/// The menu that is open, if one is.
#[derive(Default)]
pub struct OpenMenu(Option<(HtmlElement, HtmlElement)>);

impl OpenMenu {
    /// Opens `button`'s menu with `items` for `webhook` (closing any other), focused on the first
    /// item, or the last with `from_end`.
    pub fn open(
        &mut self,
        button: &HtmlElement,
        webhook: &Webhook,
        items: &[MenuItem],
        from_end: bool,
    ) {
        self.close(false);
        let place = button.get_attribute("data-row").unwrap_or_default();
        let menu = element("div", Some("ada-menu"));
        menu.set_attribute("role", "menu").ok();
        menu.set_attribute(
            "aria-label",
            &button.get_attribute("aria-label").unwrap_or_default(),
        )
        .ok();
        for &item in items {
            let entry = control(
                "button",
                RowAction::Item(item),
                &place,
                "ada-menu-item",
                item.label(webhook),
            );
            entry.set_attribute("type", "button").ok();
            entry.set_attribute("role", "menuitem").ok();
            entry.set_attribute("tabindex", "-1").ok();
            entry.remove_attribute("aria-label").ok();
            entry.set_text_content(Some(item.label(webhook)));
            menu.append_child(&entry).ok();
        }
        button.after_with_node_1(&menu).ok();
        button.set_attribute("aria-expanded", "true").ok();
        set_unclipped(button, true);
        self.0 = Some((button.clone(), menu));
        self.focus_item(if from_end { usize::MAX } else { 0 });
    }

    /// Closes the open menu; `refocus` puts focus back on its button.
    pub fn close(&mut self, refocus: bool) {
        if let Some((button, menu)) = self.0.take() {
            menu.remove();
            button.set_attribute("aria-expanded", "false").ok();
            set_unclipped(&button, false);
            if refocus {
                button.focus().ok();
            }
        }
    }

    pub fn is_open_for(&self, button: &HtmlElement) -> bool {
        self.0.as_ref().is_some_and(|(open, _)| open == button)
    }

    /// True when `target` is inside the open menu or is its button.
    pub fn contains(&self, target: &Element) -> bool {
        self.0.as_ref().is_some_and(|(button, menu)| {
            menu.contains(Some(target)) || button.contains(Some(target))
        })
    }

    fn items(&self) -> Vec<HtmlElement> {
        let Some((_, menu)) = &self.0 else {
            return Vec::new();
        };
        let children = menu.children();
        (0..children.length())
            .filter_map(|index| children.item(index)?.dyn_into().ok())
            .collect()
    }

    fn focus_item(&self, index: usize) {
        let items = self.items();
        if let Some(item) = items.get(index.min(items.len().saturating_sub(1))) {
            item.focus().ok();
        }
    }

    /// Handles a key pressed in the table; true when the menu took it.
    pub fn key(&mut self, event: &KeyboardEvent, target: &Element) -> bool {
        let items = self.items();
        let current = items
            .iter()
            .position(|item| item.as_ref() as &Element == target);
        let Some(current) = current else {
            return false;
        };
        let last = items.len() - 1;
        match event.key().as_str() {
            "ArrowDown" => self.focus_item(if current == last { 0 } else { current + 1 }),
            "ArrowUp" => self.focus_item(if current == 0 { last } else { current - 1 }),
            "Home" => self.focus_item(0),
            "End" => self.focus_item(last),
            "Escape" => self.close(true),
            "Tab" => {
                self.close(false);
                return false;
            }
            _ => return false,
        }
        true
    }
}

/// Rows and row groups skip their painting off screen (`content-visibility`), which also clips what
/// overflows them: the open menu's row and row group paint it in full (style/main.css).
fn set_unclipped(button: &HtmlElement, unclipped: bool) {
    for container in ["tr", "tbody"] {
        if let Ok(Some(element)) = button.closest(container) {
            let _ = element
                .class_list()
                .toggle_with_force("ada-menu-open", unclipped);
        }
    }
}
