//! Each row's menu of less frequent actions, as the WAI-ARIA menu button pattern has it: a button
//! named "Actions for <URL>" (`aria-haspopup="menu"`, `aria-expanded`) opens a `role="menu"` of
//! `role="menuitem"` buttons; arrow keys, Home and End move between them, Escape closes it and puts
//! focus back on the button, Tab or a click elsewhere closes it. One menu is open at a time; it is
//! drawn with the DOM like the rows ([`super::table`]), and the table's own listeners drive it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// Focuses `element`, when there is one to focus.
pub fn focus(element: Option<HtmlElement>) {
    if let Some(element) = element {
        let _ = element.focus();
    }
}

use super::controls::{control, element, MenuItem, RowAction};
use crate::api::types::Webhook;
use crate::i18n::{fill, tr};

/// The row's menu button.
pub fn menu_button(place: &str, url: &str) -> HtmlElement {
    let name = fill("Actions for {0}", &[&url]);
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
    button.set_text_content(Some(tr("Actions")));
    button
}

/// The menu that is open, if one is. Its methods return the element to focus next rather than
/// focusing it: focus moving fires `focusout`, whose handler reads the menu, so the caller focuses
/// once it has let go of the menu.
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
    ) -> Option<HtmlElement> {
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
        self.item(if from_end { usize::MAX } else { 0 })
    }

    /// Closes the open menu; with `refocus`, returns its button to put focus back on.
    pub fn close(&mut self, refocus: bool) -> Option<HtmlElement> {
        let (button, menu) = self.0.take()?;
        menu.remove();
        button.set_attribute("aria-expanded", "false").ok();
        set_unclipped(&button, false);
        refocus.then_some(button)
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

    fn item(&self, index: usize) -> Option<HtmlElement> {
        let items = self.items();
        items.get(index.min(items.len().saturating_sub(1))).cloned()
    }

    /// Handles a key pressed in the table: `None` when the menu did not take it, else the element
    /// to focus next, if any.
    pub fn key(&mut self, event: &KeyboardEvent, target: &Element) -> Option<Option<HtmlElement>> {
        let items = self.items();
        let current = items
            .iter()
            .position(|item| item.as_ref() as &Element == target)?;
        let last = items.len() - 1;
        let next = match event.key().as_str() {
            "ArrowDown" => self.item(if current == last { 0 } else { current + 1 }),
            "ArrowUp" => self.item(if current == 0 { last } else { current - 1 }),
            "Home" => self.item(0),
            "End" => self.item(last),
            "Escape" => self.close(true),
            "Tab" => {
                self.close(false);
                return None;
            }
            _ => return None,
        };
        Some(next)
    }
}

/// Row groups skip their painting off screen (`content-visibility`), which also clips what
/// overflows them: the open menu's row group paints it in full (style/main.css).
fn set_unclipped(button: &HtmlElement, unclipped: bool) {
    if let Ok(Some(group)) = button.closest("tbody") {
        let _ = group
            .class_list()
            .toggle_with_force("ada-menu-open", unclipped);
    }
}
