//! What a row's controls are: the actions they ask for ([`RowAction`], with the menu's
//! [`MenuItem`]s), and the DOM elements they are built from, each carrying its action and its row's
//! place (`data-action`, `data-row`) for the table's listeners ([`super::table_events`]).

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::api::types::Webhook;
use crate::i18n::{en, tr};

/// What a row's control asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    Select,
    Rotate,
    Menu,
    CopyId,
    Item(MenuItem),
}

impl RowAction {
    pub fn name(self) -> &'static str {
        match self {
            RowAction::Select => "select",
            RowAction::Rotate => "rotate",
            RowAction::Menu => "menu",
            RowAction::CopyId => "copy-id",
            RowAction::Item(item) => item.action(),
        }
    }

    pub fn from_name(name: &str) -> Option<RowAction> {
        [
            RowAction::Select,
            RowAction::Rotate,
            RowAction::Menu,
            RowAction::CopyId,
        ]
        .into_iter()
        .find(|action| action.name() == name)
        .or_else(|| MenuItem::from_action(name).map(RowAction::Item))
    }
}

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

    pub fn label(self, webhook: &Webhook) -> &'static str {
        tr(match self {
            MenuItem::ShowSecret => en("Show current secret"),
            MenuItem::Verify => en("Verify a delivery"),
            MenuItem::Edit => en("Edit"),
            MenuItem::Toggle if webhook.enabled => en("Disable"),
            MenuItem::Toggle => en("Enable"),
            MenuItem::Delete => en("Delete"),
        })
    }
}

pub fn element(name: &str, class: Option<&str>) -> HtmlElement {
    let element: HtmlElement = leptos::prelude::document()
        .create_element(name)
        .ok()
        .and_then(|element| element.dyn_into().ok())
        .unwrap_or_else(|| unreachable!("the document makes {name} elements"));
    if let Some(class) = class {
        element.set_class_name(class);
    }
    element
}

pub fn text_element(name: &str, class: Option<&str>, text: &str) -> HtmlElement {
    let element = element(name, class);
    element.set_text_content(Some(text));
    element
}

/// A control of the row at `place` that asks for `action`.
pub fn control(
    name: &str,
    action: RowAction,
    place: &str,
    class: &str,
    label: &str,
) -> HtmlElement {
    let control = element(name, Some(class));
    control.set_attribute("aria-label", label).ok();
    control.set_attribute("data-action", action.name()).ok();
    control.set_attribute("data-row", place).ok();
    control
}
