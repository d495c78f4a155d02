//! One page of the list as a row group: its visible rows, keyed so that a refilter moves rows
//! rather than rebuilding them. The browser lays out, and skips when out of view, a page at a time
//! (style/main.css).

use leptos::prelude::*;

use super::pages::LoadedPage;
use super::row::{RowActions, WebhookRow};

#[component]
pub fn PageGroup(page: LoadedPage, actions: RowActions) -> impl IntoView {
    let visible = page.visible;
    let row_count = {
        let visible = visible.clone();
        move || visible.with(|rows| rows.0.len()).to_string()
    };
    view! {
        <tbody role="rowgroup" style:--ada-page-rows=row_count>
            <For
                each=move || visible.with(|rows| rows.0.to_vec())
                key=|webhook| (webhook.id.clone(), webhook.updated_at.clone())
                children=move |webhook| view! { <WebhookRow webhook actions /> }
            />
        </tbody>
    }
}
