//! The table's rows, drawn with the DOM directly rather than with views: each page of webhooks is a
//! row group appended once, each row its cells and buttons, and the filter hides rows rather than
//! rebuilding them. The buttons carry a `data-action` and their row's place, and one click listener
//! on the table handles them all. Views for this cost the list's chunk far more bytes than the
//! rest of the list together, and ten thousand rows each with their own closures cost memory; see
//! docs/architecture.md for the measurements. Text goes through text nodes only.

use std::sync::Arc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::pages::LoadedPage;
use crate::api::paths::WebhookId;
use crate::api::types::{EventType, Webhook};
use crate::listing::{readable_timestamp, RowFilter};

/// What a row's button asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    Rotate,
    ShowSecret,
    CopyId,
}

impl RowAction {
    fn name(self) -> &'static str {
        match self {
            RowAction::Rotate => "rotate",
            RowAction::ShowSecret => "show-secret",
            RowAction::CopyId => "copy-id",
        }
    }

    fn from_name(name: &str) -> Option<RowAction> {
        [RowAction::Rotate, RowAction::ShowSecret, RowAction::CopyId]
            .into_iter()
            .find(|action| action.name() == name)
    }
}

struct DrawnPage {
    generation: u32,
    group: HtmlElement,
    rows: Vec<(Arc<Webhook>, HtmlElement)>,
}

/// The table's column headings, also each cell's `data-label`.
const COLUMNS: [&str; 8] = [
    "URL",
    "Description",
    "Events",
    "State",
    "Created",
    "Updated",
    "ID",
    "Secret",
];

/// The row groups drawn so far, in the order the pages arrived, and what they were drawn with.
#[derive(Default)]
pub struct DrawnTable {
    pages: Vec<DrawnPage>,
    filter: RowFilter,
    described_with: usize,
}

impl DrawnTable {
    /// Brings the table up to date: its heading, the pages not drawn yet, `filter` if it changed,
    /// and the chips' descriptions once `types` arrive. Returns how many rows the filter shows.
    pub fn sync(
        &mut self,
        table: &Element,
        pages: &[LoadedPage],
        filter: &RowFilter,
        types: &[EventType],
    ) -> usize {
        if self.pages.is_empty() && table.query_selector("thead").ok().flatten().is_none() {
            draw_heading(table);
        }
        if *filter != self.filter {
            self.filter = filter.clone();
            self.filter(filter);
        }
        self.draw(table, pages, filter, types);
        if types.len() != self.described_with {
            self.described_with = types.len();
            self.describe_events(types);
        }
        self.shown()
    }

    /// Draws the pages not drawn yet into `table` under `filter`; after a refresh (a new
    /// generation) first removes the old ones.
    fn draw(
        &mut self,
        table: &Element,
        pages: &[LoadedPage],
        filter: &RowFilter,
        types: &[EventType],
    ) {
        let generation = pages.first().map(|page| page.key.0);
        if self.pages.first().map(|page| page.generation) != generation
            || pages.len() < self.pages.len()
        {
            for page in self.pages.drain(..) {
                page.group.remove();
            }
        }
        for page in &pages[self.pages.len()..] {
            let group = element("tbody", None);
            group.set_attribute("role", "rowgroup").ok();
            let rows: Vec<_> = page
                .rows
                .iter()
                .enumerate()
                .map(|(index, webhook)| {
                    let row = draw_row(webhook, (self.pages.len(), index), types);
                    group.append_child(&row).ok();
                    (webhook.clone(), row)
                })
                .collect();
            table.append_child(&group).ok();
            let mut drawn = DrawnPage {
                generation: page.key.0,
                group,
                rows,
            };
            drawn.filter(filter);
            self.pages.push(drawn);
        }
    }

    /// Hides the rows `filter` does not admit.
    fn filter(&mut self, filter: &RowFilter) {
        for page in &mut self.pages {
            page.filter(filter);
        }
    }

    /// How many rows the filter shows.
    fn shown(&self) -> usize {
        self.pages
            .iter()
            .flat_map(|page| &page.rows)
            .filter(|(_, row)| !row.hidden())
            .count()
    }

    /// Gives every event chip drawn so far its type's description, once the catalog is in.
    fn describe_events(&self, types: &[EventType]) {
        for (webhook, row) in self.pages.iter().flat_map(|page| &page.rows) {
            if webhook.event_filters.is_empty() {
                continue;
            }
            let chips = row.query_selector_all(".ada-chip").ok();
            for index in 0..chips.as_ref().map_or(0, |chips| chips.length()) {
                let chip = chips.as_ref().and_then(|chips| chips.item(index));
                let chip = chip.and_then(|chip| chip.dyn_into::<Element>().ok());
                if let Some(chip) = chip {
                    set_description(&chip, types);
                }
            }
        }
    }

    /// The row action a click on `target` asks for, with its webhook and its usable id.
    pub fn action_at(&self, target: &Element) -> Option<(RowAction, Arc<Webhook>, WebhookId)> {
        let button = target.closest("button[data-action]").ok()??;
        let action = RowAction::from_name(&button.get_attribute("data-action")?)?;
        let place = button.get_attribute("data-row")?;
        let (page, row) = place.split_once('.')?;
        let (page, row): (usize, usize) = (page.parse().ok()?, row.parse().ok()?);
        let webhook = self.pages.get(page)?.rows.get(row)?.0.clone();
        let id = WebhookId::parse(&webhook.id)?;
        Some((action, webhook, id))
    }
}

impl DrawnPage {
    fn filter(&mut self, filter: &RowFilter) {
        let mut shown = 0;
        for (webhook, row) in &self.rows {
            let admitted = filter.admits(webhook);
            row.set_hidden(!admitted);
            shown += usize::from(admitted);
        }
        // The row group's size estimate for content-visibility (style/main.css).
        let _ = self
            .group
            .style()
            .set_property("--ada-page-rows", &shown.to_string());
    }
}

fn draw_heading(table: &Element) {
    let head = element("thead", None);
    head.set_attribute("role", "rowgroup").ok();
    let row = element("tr", None);
    row.set_attribute("role", "row").ok();
    for column in COLUMNS {
        let heading = text_element("th", None, column);
        heading.set_attribute("scope", "col").ok();
        heading.set_attribute("role", "columnheader").ok();
        row.append_child(&heading).ok();
    }
    head.append_child(&row).ok();
    table.append_child(&head).ok();
}

fn element(name: &str, class: Option<&str>) -> HtmlElement {
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

fn text_element(name: &str, class: Option<&str>, text: &str) -> HtmlElement {
    let element = element(name, class);
    element.set_text_content(Some(text));
    element
}

/// A cell with its `data-label` (the narrow layout's heading, style/main.css).
fn cell(row: &HtmlElement, label: &str, class: Option<&str>) -> HtmlElement {
    let cell = element("td", class);
    cell.set_attribute("role", "cell").ok();
    cell.set_attribute("data-label", label).ok();
    row.append_child(&cell).ok();
    cell
}

fn button(
    action: RowAction,
    place: (usize, usize),
    class: &str,
    name: &str,
    text: &str,
) -> HtmlElement {
    let button = text_element("button", Some(class), text);
    button.set_attribute("type", "button").ok();
    button.set_attribute("aria-label", name).ok();
    button.set_attribute("data-action", action.name()).ok();
    button
        .set_attribute(
            "data-row",
            &[place.0.to_string(), place.1.to_string()].join("."),
        )
        .ok();
    button
}

fn draw_row(webhook: &Webhook, place: (usize, usize), types: &[EventType]) -> HtmlElement {
    let row = element("tr", (!webhook.enabled).then_some("ada-disabled"));
    row.set_attribute("role", "row").ok();
    cell(&row, "URL", Some("ada-url")).set_text_content(Some(&webhook.url));
    cell(&row, "Description", Some("ada-description")).set_text_content(Some(&webhook.description));

    let chips = element("span", Some("ada-chips"));
    if webhook.event_filters.is_empty() {
        chips
            .append_child(&text_element(
                "span",
                Some("ada-chip ada-chip-all"),
                "All events",
            ))
            .ok();
    }
    for name in &webhook.event_filters {
        let chip = text_element("span", Some("ada-chip"), name);
        set_description(&chip, types);
        chips.append_child(&chip).ok();
    }
    cell(&row, "Events", None).append_child(&chips).ok();
    cell(&row, "State", None).set_text_content(Some(if webhook.enabled {
        "Enabled"
    } else {
        "Disabled"
    }));
    for (label, time) in [
        ("Created", &webhook.created_at),
        ("Updated", &webhook.updated_at),
    ] {
        let cell = cell(&row, label, None);
        if let Some(iso) = time {
            let time = text_element("time", None, &readable_timestamp(iso));
            time.set_attribute("datetime", iso).ok();
            time.set_attribute("title", iso).ok();
            cell.append_child(&time).ok();
        }
    }

    let id_cell = cell(&row, "ID", None);
    id_cell
        .append_child(&text_element("code", Some("ada-id"), &webhook.id))
        .ok();
    let copy_name = ["Copy ID ", &webhook.id].concat();
    id_cell
        .append_child(&button(
            RowAction::CopyId,
            place,
            "ada-button ada-small",
            &copy_name,
            "Copy",
        ))
        .ok();

    let actions_cell = cell(&row, "Secret", None);
    if WebhookId::parse(&webhook.id).is_some() {
        let actions = element("div", Some("ada-row-actions"));
        // Concatenated rather than formatted: each format! call site costs the chunk code.
        let rotate_name = ["Rotate secret for ", &webhook.url].concat();
        let show_name = ["Show current secret for ", &webhook.url].concat();
        actions
            .append_child(&button(
                RowAction::Rotate,
                place,
                "ada-button ada-danger",
                &rotate_name,
                "Rotate secret",
            ))
            .ok();
        actions
            .append_child(&button(
                RowAction::ShowSecret,
                place,
                "ada-button",
                &show_name,
                "Show current secret",
            ))
            .ok();
        actions_cell.append_child(&actions).ok();
    } else {
        let unusable =
            "Ada sent an id this widget cannot put in a request, so this webhook has no \
                        actions here. Manage it in Ada's dashboard.";
        actions_cell
            .append_child(&text_element("p", Some("ada-unusable-id"), unusable))
            .ok();
    }
    row
}

/// The chip's title: its event type's description from Ada's catalog, when there is one.
fn set_description(chip: &Element, types: &[EventType]) {
    let name = chip.text_content().unwrap_or_default();
    let description = types
        .iter()
        .find(|event_type| event_type.name == name && !event_type.description.is_empty());
    if let Some(event_type) = description {
        chip.set_attribute("title", &event_type.description).ok();
    }
}
