//! The sign-in form: API base URL and API key, checked by listing one webhook before the session
//! starts. What was typed stays in the fields whatever goes wrong.

use leptos::prelude::*;

use super::checkbox_field::CheckboxField;
use super::error_notice::ErrorNotice;
use super::text_field::TextField;
use crate::api::client::{ApiKey, Client, Credentials};
use crate::api::{ApiError, ErrorKind};
use crate::config::normalize_base_url;
use crate::session::Session;

#[component]
pub fn SignIn(
    session: Session,
    /// Owned by the app, so the base URL survives sign-out and a rejected key.
    base_url_text: RwSignal<String>,
) -> impl IntoView {
    let api_key_text = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let submitted = RwSignal::new(false);

    let base_problem = move || {
        submitted
            .get()
            .then(|| normalize_base_url(&base_url_text.get()).err())
            .flatten()
    };
    let key_missing = move || submitted.get() && api_key_text.with(|key| key.trim().is_empty());

    let check_key = Action::new_local(move |client: &Client| {
        let client = client.clone();
        async move {
            client.list_webhooks(None, Some(1)).await?;
            session.sign_in(client, remember.get_untracked());
            Ok::<(), ApiError>(())
        }
    });
    let checking = check_key.pending();
    let failure = move || check_key.value().get().and_then(Result::err);

    let submit = move || {
        submitted.set(true);
        if checking.get_untracked() {
            return;
        }
        let Ok(base) = normalize_base_url(&base_url_text.get_untracked()) else {
            return;
        };
        let Some(key) = ApiKey::new(&api_key_text.get_untracked()) else {
            return;
        };
        check_key.dispatch(Client::new(base, Credentials::ApiKey(key)));
    };

    view! {
        <form
            class="ada-card ada-sign-in"
            novalidate
            on:submit=move |event| {
                event.prevent_default();
                submit();
            }
        >
            <h2>"Sign in to Ada"</h2>
            <p class="ada-warning">
                "Ada API keys have full access to your Ada instance and never expire. The key stays in "
                "this tab's memory only, and is cleared when you sign out or after 15 idle minutes."
            </p>
            {move || session.ended().map(|reason| view! { <p class="ada-notice">{reason.message()}</p> })}

            <TextField
                label="API base URL"
                value=base_url_text
                inputmode="url"
                placeholder="/api"
                hint="Keep /api to go through this page's proxy, or enter https://<instance>.ada.support."
                problem=Signal::derive(move || base_problem().map(|problem| problem.to_string()))
            />
            <TextField
                label="API key"
                value=api_key_text
                input_type="password"
                problem=Signal::derive(move || key_missing().then(|| {
                    "Enter an API key. Keys are made in Ada under Config › Platform › API keys.".to_owned()
                }))
            />

            <CheckboxField label="Stay signed in in this tab (kept until the tab closes)" checked=remember />

            {move || failure().map(|error| {
                let headline = match error.kind() {
                    ErrorKind::Unauthorized => Some("Ada rejected this token.".to_owned()),
                    ErrorKind::Network => Some("Could not reach Ada's API at that address.".to_owned()),
                    _ => None,
                };
                view! { <ErrorNotice error headline on_retry=Callback::new(move |()| submit()) /> }
            })}

            <button type="submit" class="ada-button ada-primary" disabled=move || checking.get()>
                {move || if checking.get() { "Checking the key…" } else { "Sign in" }}
            </button>
        </form>
    }
}
