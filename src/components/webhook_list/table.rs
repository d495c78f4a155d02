//! The table's rows, drawn with the DOM directly rather than with views: each page of webhooks is a
//! row group, drawn once and again only when its rows change (an edit, a delete, a new webhook);
//! the filter hides rows rather than rebuilding them. Buttons and checkboxes carry a `data-action`
//! and their row's place, and the table's listeners ([`super::table_events`]) handle them all,
//! including each row's menu of less frequent actions ([`super::row_menu`]). Views for this cost
//! more bytes than the rest of the list together, and ten thousand rows each with
//! their own closures cost memory; see docs/architecture.md. Text goes through text nodes only.

use std::sync::Arc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use super::controls::{control, element, text_element, MenuItem, RowAction};
use super::pages::LoadedPage;
use super::row_menu;
use crate::api::paths::WebhookId;
use crate::api::types::{EventType, Webhook};
use crate::i18n::{date_time, en, fill, tr};
use crate::listing::RowFilter;

/// The table's columns, by the name in their cells' class (`ada-col-url`).
const COLUMNS: [&str; 8] = [
    "select",
    "url",
    "description",
    "events",
    "state",
    "updated",
    "id",
    "actions",
];

/// A column's heading, also each of its cells' `data-label`.
fn heading(column: &str) -> &'static str {
    tr(match column {
        "select" => en("Select"),
        "url" => en("URL"),
        "description" => en("Description"),
        "events" => en("Events"),
        "state" => en("State"),
        "updated" => en("Updated"),
        "id" => en("ID"),
        _ => en("Actions"),
    })
}

struct DrawnPage {
    key: (u32, usize),
    rows_drawn: Arc<[Arc<Webhook>]>,
    group: HtmlElement,
    rows: Vec<DrawnRow>,
}

struct DrawnRow {
    row: HtmlElement,
    /// None for a row whose id is unusable: it has no controls.
    checkbox: Option<HtmlInputElement>,
}

/// What the table is drawn with, to tell what changed.
#[derive(Clone, Default, PartialEq)]
pub struct Drawing {
    pub filter: RowFilter,
    pub selected: Vec<String>,
    pub menu: Vec<MenuItem>,
    /// Rotation is allowed: each row has its checkbox and its Rotate button.
    pub rotate: bool,
    /// The language the rows are written in (`crate::i18n::language_tag`): when it changes, every
    /// row is drawn again in the new one, in place.
    pub language: String,
}

/// The row groups drawn so far, in the order of the pages, and what they were drawn with.
#[derive(Default)]
pub struct DrawnTable {
    pages: Vec<DrawnPage>,
    drawn_with: Drawing,
    described_with: usize,
}

impl DrawnTable {
    /// Brings the table up to date with `pages`: its heading, each page not drawn yet or whose rows
    /// changed (every page when the language changed), the filter and the selection if they
    /// changed, and the chips' descriptions once `types` arrive. Returns how many rows the filter
    /// shows.
    pub fn sync(
        &mut self,
        table: &Element,
        pages: &[LoadedPage],
        drawing: &Drawing,
        types: &[EventType],
    ) -> usize {
        let redraw_all =
            drawing.menu != self.drawn_with.menu || drawing.rotate != self.drawn_with.rotate;
        let relabel = drawing.language != self.drawn_with.language;
        if redraw_all || relabel || table.query_selector("thead").ok().flatten().is_none() {
            draw_heading(table, drawing.rotate);
        }
        let keep = self
            .pages
            .iter()
            .zip(pages)
            .take_while(|(drawn, page)| drawn.key == page.key && !redraw_all)
            .count();
        for stale in self.pages.drain(keep..) {
            stale.group.remove();
        }
        for (index, page) in pages.iter().enumerate().skip(keep) {
            let drawn = draw_page(index, page, drawing, types);
            table.append_child(&drawn.group).ok();
            self.pages.push(drawn);
        }
        for (index, page) in pages.iter().enumerate().take(keep) {
            if relabel || !Arc::ptr_eq(&self.pages[index].rows_drawn, &page.rows) {
                let redrawn = draw_page(index, page, drawing, types);
                let focused = focused_control(&self.pages[index].group);
                self.pages[index]
                    .group
                    .replace_with_with_node_1(&redrawn.group)
                    .ok();
                refocus(&redrawn.group, focused);
                self.pages[index] = redrawn;
            }
        }
        if drawing.filter != self.drawn_with.filter || drawing.selected != self.drawn_with.selected
        {
            for page in &self.pages {
                page.show(drawing);
            }
        }
        self.drawn_with = drawing.clone();
        if types.len() != self.described_with {
            self.described_with = types.len();
            for drawn in self.pages.iter().flat_map(|page| &page.rows) {
                describe_chips(&drawn.row, types);
            }
        }
        self.shown().count()
    }

    /// The webhooks the filter shows, with their usable ids, for "Select all shown".
    pub fn shown(&self) -> impl Iterator<Item = (&Arc<Webhook>, WebhookId)> {
        self.pages.iter().flat_map(|page| {
            page.rows_drawn
                .iter()
                .zip(&page.rows)
                .filter(|(_, drawn)| !drawn.row.hidden())
                .filter_map(|(webhook, _)| Some((webhook, WebhookId::parse(&webhook.id)?)))
        })
    }

    /// The row action a click or key on `target` asks for, with its webhook, its usable id, and
    /// the control itself.
    pub fn action_at(
        &self,
        target: &Element,
    ) -> Option<(RowAction, Arc<Webhook>, WebhookId, HtmlElement)> {
        let control = target.closest("[data-action]").ok()??;
        let action = RowAction::from_name(&control.get_attribute("data-action")?)?;
        let place = control.get_attribute("data-row")?;
        let (page, row) = place.split_once('.')?;
        let (page, row): (usize, usize) = (page.parse().ok()?, row.parse().ok()?);
        let webhook = self.pages.get(page)?.rows_drawn.get(row)?.clone();
        let id = WebhookId::parse(&webhook.id)?;
        Some((action, webhook, id, control.dyn_into().ok()?))
    }
}

impl DrawnPage {
    /// Hides the rows the filter leaves out and checks the selected rows' boxes.
    fn show(&self, drawing: &Drawing) {
        let mut shown = 0;
        for (webhook, drawn) in self.rows_drawn.iter().zip(&self.rows) {
            let admitted = drawing.filter.admits(webhook);
            drawn.row.set_hidden(!admitted);
            shown += usize::from(admitted);
            if let Some(checkbox) = &drawn.checkbox {
                checkbox.set_checked(drawing.selected.contains(&webhook.id));
            }
        }
        // The row group's size estimate for content-visibility (style/main.css).
        let _ = self
            .group
            .style()
            .set_property("--ada-page-rows", &shown.to_string());
    }
}

fn draw_page(index: usize, page: &LoadedPage, drawing: &Drawing, types: &[EventType]) -> DrawnPage {
    let group = element("tbody", None);
    group.set_attribute("role", "rowgroup").ok();
    let rows = page
        .rows
        .iter()
        .enumerate()
        .map(|(row, webhook)| {
            let drawn = draw_row(webhook, (index, row), drawing, types);
            group.append_child(&drawn.row).ok();
            drawn
        })
        .collect();
    let drawn = DrawnPage {
        key: page.key,
        rows_drawn: page.rows.clone(),
        group,
        rows,
    };
    drawn.show(drawing);
    drawn
}

/// The focused control inside `group`, as its action and row, when focus is there.
fn focused_control(group: &HtmlElement) -> Option<(String, String)> {
    let active = leptos::prelude::document().active_element()?;
    if !group.contains(Some(&active)) {
        return None;
    }
    Some((
        active.get_attribute("data-action")?,
        active.get_attribute("data-row")?,
    ))
}

/// Puts focus back on the redrawn row's control that had it, else on the row's first control:
/// a redrawn row group must not drop the keyboard's place.
fn refocus(group: &HtmlElement, focused: Option<(String, String)>) {
    let Some((action, place)) = focused else {
        return;
    };
    let control = [
        ["[data-row=\"", &place, "\"][data-action=\"", &action, "\"]"].concat(),
        ["[data-row=\"", &place, "\"]"].concat(),
    ]
    .iter()
    .find_map(|selector| group.query_selector(selector).ok().flatten());
    if let Some(control) = control.and_then(|control| control.dyn_into::<HtmlElement>().ok()) {
        let _ = control.focus();
    }
}

/// Draws the heading row, in place of the one drawn before if there is one.
fn draw_heading(table: &Element, rotate: bool) {
    let head = element("thead", None);
    head.set_attribute("role", "rowgroup").ok();
    let row = element("tr", None);
    row.set_attribute("role", "row").ok();
    for column in COLUMNS.into_iter().skip(usize::from(!rotate)) {
        let th = text_element("th", Some(&["ada-col-", column].concat()), heading(column));
        th.set_attribute("scope", "col").ok();
        th.set_attribute("role", "columnheader").ok();
        row.append_child(&th).ok();
    }
    head.append_child(&row).ok();
    if let Ok(Some(old)) = table.query_selector("thead") {
        old.replace_with_with_node_1(&head).ok();
    } else {
        table.append_child(&head).ok();
    }
}

/// A cell of `column` with its `data-label` (the narrow layout's heading, style/main.css).
fn cell(row: &HtmlElement, column: &str, class: &str) -> HtmlElement {
    let cell = element("td", Some(class));
    cell.set_attribute("role", "cell").ok();
    cell.set_attribute("data-label", heading(column)).ok();
    row.append_child(&cell).ok();
    cell
}

fn button(action: RowAction, place: &str, class: &str, label: &str, text: &str) -> HtmlElement {
    let button = control("button", action, place, class, label);
    button.set_attribute("type", "button").ok();
    button.set_text_content(Some(text));
    button
}

fn draw_row(
    webhook: &Webhook,
    (page, row): (usize, usize),
    drawing: &Drawing,
    types: &[EventType],
) -> DrawnRow {
    let rotate = drawing.rotate;
    let place = [page.to_string(), row.to_string()].join(".");
    let usable = WebhookId::parse(&webhook.id).is_some();
    let line = element("tr", (!webhook.enabled).then_some("ada-disabled"));
    line.set_attribute("role", "row").ok();

    let checkbox = (usable && rotate).then(|| {
        let select = cell(&line, "select", "ada-col-select");
        let checkbox = control(
            "input",
            RowAction::Select,
            &place,
            "ada-select",
            &fill("Select {0}", &[&webhook.url]),
        );
        checkbox.set_attribute("type", "checkbox").ok();
        select.append_child(&checkbox).ok();
        checkbox.unchecked_into::<HtmlInputElement>()
    });
    if rotate && !usable {
        cell(&line, "select", "ada-col-select");
    }
    cell(&line, "url", "ada-col-url ada-url").set_text_content(Some(&webhook.url));
    cell(&line, "description", "ada-col-description ada-description")
        .set_text_content(Some(&webhook.description));

    let chips = element("span", Some("ada-chips"));
    if webhook.event_filters.is_empty() {
        chips
            .append_child(&text_element(
                "span",
                Some("ada-chip ada-chip-all"),
                tr("All events"),
            ))
            .ok();
    }
    for name in &webhook.event_filters {
        chips
            .append_child(&text_element("span", Some("ada-chip"), name))
            .ok();
    }
    cell(&line, "events", "ada-col-events")
        .append_child(&chips)
        .ok();
    describe_chips(&line, types);
    cell(&line, "state", "ada-col-state").set_text_content(Some(if webhook.enabled {
        tr("Enabled")
    } else {
        tr("Disabled")
    }));

    let times = cell(&line, "updated", "ada-col-updated");
    for (created, time) in [(false, &webhook.updated_at), (true, &webhook.created_at)] {
        if let Some(iso) = time {
            let stamp_line = element("span", Some("ada-time"));
            let stamp = text_element("time", None, &date_time(iso));
            stamp.set_attribute("datetime", iso).ok();
            stamp.set_attribute("title", iso).ok();
            if created {
                stamp_line.append_with_str_2(tr("Created"), " ").ok();
            }
            stamp_line.append_child(&stamp).ok();
            times.append_child(&stamp_line).ok();
        }
    }

    let id_cell = cell(&line, "id", "ada-col-id");
    id_cell
        .append_child(&text_element("code", Some("ada-id"), &webhook.id))
        .ok();
    let copy = fill("Copy ID {0}", &[&webhook.id]);
    id_cell
        .append_child(&button(
            RowAction::CopyId,
            &place,
            "ada-button ada-small",
            &copy,
            tr("Copy"),
        ))
        .ok();

    draw_actions(&line, webhook, &place, usable, drawing);
    DrawnRow {
        row: line,
        checkbox,
    }
}

/// The row's Actions cell: Rotate (when allowed) and the menu button (when it has items), or why a
/// webhook with an unusable id has none.
fn draw_actions(
    line: &HtmlElement,
    webhook: &Webhook,
    place: &str,
    usable: bool,
    drawing: &Drawing,
) {
    let (menu, rotate) = (&drawing.menu, drawing.rotate);
    let actions_cell = cell(line, "actions", "ada-col-actions");
    if usable {
        let actions = element("div", Some("ada-row-actions"));
        if rotate {
            let label = fill("Rotate secret for {0}", &[&webhook.url]);
            actions
                .append_child(&button(
                    RowAction::Rotate,
                    place,
                    "ada-button ada-danger",
                    &label,
                    tr("Rotate secret"),
                ))
                .ok();
        }
        if !menu.is_empty() {
            actions
                .append_child(&row_menu::menu_button(place, &webhook.url))
                .ok();
        }
        actions_cell.append_child(&actions).ok();
    } else {
        let unusable = tr(
            "Ada sent an id this widget cannot put in a request, so this webhook has \
                          no actions here. Manage it in Ada's dashboard.",
        );
        actions_cell
            .append_child(&text_element("p", Some("ada-unusable-id"), unusable))
            .ok();
    }
}

/// Gives the row's event chips their types' descriptions from Ada's catalog, where there is one.
fn describe_chips(row: &HtmlElement, types: &[EventType]) {
    let Ok(chips) = row.query_selector_all(".ada-chip") else {
        return;
    };
    for chip in
        (0..chips.length()).filter_map(|index| chips.item(index)?.dyn_into::<Element>().ok())
    {
        let name = chip.text_content().unwrap_or_default();
        let described = types
            .iter()
            .find(|event_type| event_type.name == name && !event_type.description.is_empty());
        if let Some(event_type) = described {
            chip.set_attribute("title", &event_type.description).ok();
        }
    }
}
