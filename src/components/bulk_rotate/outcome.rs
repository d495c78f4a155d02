//! The bulk rotation's table: one row per webhook with what happened to it: "Rotated" with its new
//! secret (masked, revealed one at a time, like the single rotation's panel), "Rotated — secret not
//! fetched yet" with a retry that only fetches, or "Failed: …" with the error's next step; each
//! rotated row says when and offers to verify a delivery. Rows re-render only when their own
//! outcome changes, so a revealed secret stays revealed while the run goes on.

use leptos::prelude::*;

use super::super::secret_value::{SecretSource, SecretValue};
use super::BulkState;
use crate::api::paths::WebhookId;
use crate::bulk::Outcome;
use crate::listing::readable_timestamp;

/// Which outcome an item has, without its data: a row's key.
fn stage<S>(outcome: &Outcome<S>) -> u8 {
    match outcome {
        Outcome::Waiting => 0,
        Outcome::Rotating => 1,
        Outcome::Fetching => 2,
        Outcome::Rotated(_) => 3,
        Outcome::SecretNotFetched(_) => 4,
        Outcome::Failed(_) => 5,
        Outcome::RotatedUnseen => 6,
    }
}

#[component]
pub fn OutcomeTable(
    state: RwSignal<BulkState>,
    /// Fetches a rotated webhook's secret again (never rotates).
    refetch: Callback<usize>,
    /// None when the host switched verifying off.
    verify: Option<Callback<(WebhookId, String)>>,
) -> impl IntoView {
    let rows = move || {
        state.with(|state| {
            let stopping = state.run.is_stopping();
            state
                .run
                .items()
                .iter()
                .enumerate()
                .map(|(index, item)| (index, stage(&item.outcome), stopping))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <table class="ada-bulk-outcome">
            <caption class="ada-visually-hidden">"What happened to each webhook"</caption>
            <thead>
                <tr><th scope="col">"Webhook"</th><th scope="col">"Result"</th><th scope="col">"New secret"</th></tr>
            </thead>
            <tbody>
                <For each=rows key=|row| *row children=move |(index, _, stopping)| {
                    let (url, id, rotated_at, result, detail, rotated, can_refetch) = state.with_untracked(|state| {
                        let item = &state.run.items()[index];
                        let (result, detail) = match &item.outcome {
                            Outcome::Waiting if stopping => ("Not rotated (stopped)".to_owned(), None),
                            Outcome::Waiting => ("Waiting".to_owned(), None),
                            Outcome::Rotating => ("Rotating…".to_owned(), None),
                            Outcome::Fetching => ("Rotated — fetching the secret…".to_owned(), None),
                            Outcome::Rotated(_) => ("Rotated".to_owned(), None),
                            Outcome::RotatedUnseen => ("Rotated (secrets are not shown here)".to_owned(), None),
                            Outcome::SecretNotFetched(error) => ("Rotated — secret not fetched yet".to_owned(), Some(error.next_step())),
                            Outcome::Failed(error) => (format!("Failed: {}", error.summary()), Some(error.next_step())),
                        };
                        let rotated = matches!(item.outcome, Outcome::Rotated(_));
                        let can_refetch = matches!(item.outcome, Outcome::SecretNotFetched(_));
                        (item.url.clone(), item.id.clone(), item.rotated_at.clone(), result, detail, rotated, can_refetch)
                    });
                    // The secret stays in the run (its one owner); the row reads it from there.
                    let secret: SecretSource = Callback::new(move |()| {
                        state.try_with_untracked(|state| match &state.run.items()[index].outcome {
                            Outcome::Rotated(secret) => Some(secret.clone()),
                            _ => None,
                        }).flatten()
                    });
                    let verify_url = url.clone();
                    view! {
                        <tr>
                            <td class="ada-url">{url.clone()}</td>
                            <td>
                                <p class="ada-bulk-result">{result}</p>
                                {detail.map(|detail| view! { <p class="ada-hint">{detail}</p> })}
                                {can_refetch.then(|| view! {
                                    <button type="button" class="ada-button" aria-label=format!("Fetch the secret for {url}") on:click=move |_| refetch.run(index)>
                                        "Fetch the secret"
                                    </button>
                                })}
                            </td>
                            <td>
                                {rotated.then(|| view! { <SecretValue secret webhook_id=id.to_string() /> })}
                                {rotated_at.map(|at| view! {
                                    <p class="ada-hint">"Rotated at " <time datetime=at.clone()>{readable_timestamp(&at)}</time></p>
                                    {verify.map(|verify| view! {
                                        <button
                                            type="button"
                                            class="ada-button"
                                            aria-label=format!("Verify a delivery for {verify_url}")
                                            on:click=move |_| verify.run((id.clone(), verify_url.clone()))
                                        >
                                            "Verify a delivery"
                                        </button>
                                    })}
                                })}
                            </td>
                        </tr>
                    }
                } />
            </tbody>
        </table>
    }
}
