//! What the list says under its toolbar: the status line ("30 webhooks.", "Loading…"), then one
//! failure notice (a page that failed to load, with Resume; else Ada refusing a disable or enable,
//! with Try again), then why no row shows or why paging stopped.

use leptos::prelude::*;

use super::super::error_notice::ErrorNotice;
use super::pages::WebhookPages;
use super::toggle::Toggler;
use crate::i18n::tr;
use crate::listing::ListPhase;

#[component]
pub fn ListNotices(
    pages: WebhookPages,
    toggler: Toggler,
    /// How many rows the filter shows.
    shown: RwSignal<usize>,
    /// The host allows creating webhooks, so the empty list can point at New webhook.
    create: bool,
) -> impl IntoView {
    // One notice for the two failures the list reports (one closure, one ErrorNotice in the chunk):
    // a page that failed to load, else Ada refusing a disable or enable. Its sentences are said in
    // this closure, so that a change of language says them again.
    let failure = move || match (pages.phase(), toggler.failure.get()) {
        (ListPhase::Failed(error), _) => Some((
            error,
            tr("Loading webhooks stopped; the rows already loaded are kept.").to_owned(),
            Callback::new(move |()| pages.resume()),
            tr("Resume loading"),
        )),
        (_, Some(refused)) => Some((
            refused.error.clone(),
            refused.headline(),
            Callback::new(move |()| {
                toggler.toggle(refused.webhook.clone(), refused.webhook_id.clone())
            }),
            tr("Try again"),
        )),
        _ => None,
    };
    // What the list says under the status line, if anything: why loading stopped, or why no row
    // shows (a failure has its own notice, with Resume).
    let notice = move || match (pages.phase(), pages.total(), shown.get()) {
        (ListPhase::Stopped(reason), _, _) => Some(("ada-notice", reason.message())),
        (ListPhase::Complete, 0, _) => Some((
            "ada-empty",
            if create {
                tr("This Ada instance has no webhooks yet: New webhook creates one.")
            } else {
                tr(
                    "This Ada instance has no webhooks yet. Create one in Ada's dashboard or API, \
                    then refresh.",
                )
            }
            .to_owned(),
        )),
        (_, 1.., 0) => Some((
            "ada-empty",
            tr("No webhooks match the search and filters.").to_owned(),
        )),
        _ => None,
    };

    view! {
        <p class="ada-status-line">{Signal::derive(move || pages.status(shown.get()))}</p>
        {move || failure().map(|(error, headline, on_retry, retry_label)| view! {
            <ErrorNotice error headline on_retry retry_label />
        })}
        {move || notice().map(|(class, text)| view! { <p class=class>{text}</p> })}
    }
}
