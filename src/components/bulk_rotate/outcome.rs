//! The bulk rotation's table: one row per webhook with what happened to it: "Rotated" with its new
//! secret (masked, revealed one at a time, like the single rotation's panel), "Rotated — secret not
//! fetched yet" with a retry that only fetches, or "Failed: …" with the error's next step; each
//! rotated row says when and offers to verify a delivery. Rows re-render only when their own
//! outcome changes, so a revealed secret stays revealed while the run goes on.

use leptos::prelude::*;

use super::super::secret_value::{SecretSource, SecretValue};
use super::BulkState;
use crate::api::paths::WebhookId;
use crate::api::ApiError;
use crate::bulk::Outcome;
use crate::i18n::{date_time, fill, t, tr};

/// Which outcome an item has, without its data: part of a row's key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Stage {
    Waiting,
    Rotating,
    Fetching,
    Rotated,
    SecretNotFetched,
    Failed,
    RotatedUnseen,
}

fn stage<S>(outcome: &Outcome<S>) -> Stage {
    match outcome {
        Outcome::Waiting => Stage::Waiting,
        Outcome::Rotating => Stage::Rotating,
        Outcome::Fetching => Stage::Fetching,
        Outcome::Rotated(_) => Stage::Rotated,
        Outcome::SecretNotFetched(_) => Stage::SecretNotFetched,
        Outcome::Failed(_) => Stage::Failed,
        Outcome::RotatedUnseen => Stage::RotatedUnseen,
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
            <caption class="ada-visually-hidden">{t("What happened to each webhook")}</caption>
            <thead>
                <tr><th scope="col">{t("Webhook")}</th><th scope="col">{t("Result")}</th><th scope="col">{t("New secret")}</th></tr>
            </thead>
            <tbody>
                <For each=rows key=|row| *row children=move |(index, stage, stopping)| {
                    let (url, id, rotated_at, error, rotated, can_refetch) = state.with_untracked(|state| {
                        let item = &state.run.items()[index];
                        let error = match &item.outcome {
                            Outcome::SecretNotFetched(error) | Outcome::Failed(error) => Some(error.clone()),
                            _ => None,
                        };
                        let rotated = matches!(item.outcome, Outcome::Rotated(_));
                        let can_refetch = matches!(item.outcome, Outcome::SecretNotFetched(_));
                        (item.url.clone(), item.id.clone(), item.rotated_at.clone(), error, rotated, can_refetch)
                    });
                    // The row's words, in the chosen language: they follow it without re-rendering
                    // the row (which would hide a revealed secret).
                    // Signals rather than closures: one rendering code for every derived text.
                    let result = {
                        let error = error.clone();
                        Signal::derive(move || result_text(stage, stopping, error.as_ref()))
                    };
                    let detail = error.map(|error| Signal::derive(move || error.next_step()));
                    // The secret stays in the run (its one owner); the row reads it from there.
                    let secret: SecretSource = Callback::new(move |()| {
                        state.try_with_untracked(|state| match &state.run.items()[index].outcome {
                            Outcome::Rotated(secret) => Some(secret.clone()),
                            _ => None,
                        }).flatten()
                    });
                    let verify_url = url.clone();
                    let fetch_label = {
                        let url = url.clone();
                        Signal::derive(move || fill("Fetch the secret for {0}", &[&url]))
                    };
                    let verify_label = {
                        let url = url.clone();
                        Signal::derive(move || fill("Verify a delivery for {0}", &[&url]))
                    };
                    view! {
                        <tr>
                            <td class="ada-url">{url.clone()}</td>
                            <td>
                                <p class="ada-bulk-result">{result}</p>
                                {detail.map(|detail| view! { <p class="ada-hint">{detail}</p> })}
                                {can_refetch.then(|| view! {
                                    <button type="button" class="ada-button" aria-label=fetch_label on:click=move |_| refetch.run(index)>
                                        {t("Fetch the secret")}
                                    </button>
                                })}
                            </td>
                            <td>
                                {rotated.then(|| view! { <SecretValue secret webhook_id=id.to_string() /> })}
                                {rotated_at.map(|at| { let written = at.clone(); view! {
                                    <p class="ada-hint">{t("Rotated at")} " " <time datetime=at>{Signal::derive(move || date_time(&written))}</time></p>
                                    {verify.map(|verify| view! {
                                        <button
                                            type="button"
                                            class="ada-button"
                                            aria-label=verify_label
                                            on:click=move |_| verify.run((id.clone(), verify_url.clone()))
                                        >
                                            {t("Verify a delivery")}
                                        </button>
                                    })}
                                }})}
                            </td>
                        </tr>
                    }
                } />
            </tbody>
        </table>
    }
}

/// What happened to a row's webhook; `error` for a failed rotation or fetch.
fn result_text(stage: Stage, stopping: bool, error: Option<&ApiError>) -> String {
    match stage {
        Stage::Waiting if stopping => tr("Not rotated (stopped)").to_owned(),
        Stage::Waiting => tr("Waiting").to_owned(),
        Stage::Rotating => tr("Rotating…").to_owned(),
        Stage::Fetching => tr("Rotated — fetching the secret…").to_owned(),
        Stage::Rotated => tr("Rotated").to_owned(),
        Stage::RotatedUnseen => tr("Rotated (secrets are not shown here)").to_owned(),
        Stage::SecretNotFetched => tr("Rotated — secret not fetched yet").to_owned(),
        Stage::Failed => fill(
            "Failed: {0}",
            &[&error.map(ApiError::summary).unwrap_or_default()],
        ),
    }
}
