//! How an API error looks: what happened (Ada's own message when it sent one), each detail Ada
//! listed, what to do next, and a Retry button when trying again can help.

use leptos::prelude::*;

use crate::api::error::FieldProblem;
use crate::api::ApiError;
use crate::i18n::tr;

#[component]
pub fn ErrorNotice(
    error: ApiError,
    /// Said before the summary, e.g. "The secret was rotated, but fetching it failed.", in the
    /// language of the moment: the caller's view, which said it, re-renders it.
    #[prop(into, default = None)]
    headline: Option<String>,
    /// Shown as a Retry button when the error is one that trying again can fix.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    #[prop(optional, into)] retry_label: Option<String>,
    /// The field details a form shows next to their fields, left out here.
    #[prop(optional)]
    shown_elsewhere: Option<fn(&FieldProblem) -> bool>,
) -> impl IntoView {
    let details = error.detail_lines_except(shown_elsewhere.unwrap_or(|_| false));
    let status = error
        .status()
        .map(|status| format!(" (HTTP {status})"))
        .unwrap_or_default();
    let retry = on_retry.filter(|_| error.is_retryable());
    let next_step = error.clone();
    view! {
        <div class="ada-error">
            {headline.map(|headline| view! { <p class="ada-error-headline">{headline}</p> })}
            <p class="ada-error-summary">{Signal::derive(move || error.summary())}{status}</p>
            {(!details.is_empty()).then(|| view! {
                <ul class="ada-error-details">
                    {details.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            })}
            <p class="ada-error-next">{Signal::derive(move || next_step.next_step())}</p>
            {retry.map(|retry| view! {
                <button type="button" class="ada-button" on:click=move |_| retry.run(())>
                    {Signal::derive(move || retry_label.clone().unwrap_or_else(|| tr("Retry").to_owned()))}
                </button>
            })}
        </div>
    }
}
