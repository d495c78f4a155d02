//! The sign-in form: API base URL and API key, checked by asking for the list's first page, which
//! the list then shows without asking again (one request from sign-in to the first rows). What was
//! typed stays in the fields whatever goes wrong; the key's text is overwritten once signed in.

use leptos::prelude::*;
use zeroize::Zeroize;

use super::checkbox_field::CheckboxField;
use super::error_notice::ErrorNotice;
use super::text_field::TextField;
use crate::api::credentials::ApiKey;
use crate::api::{ApiError, ErrorKind};
use crate::attempt::Attempt;
use crate::base_url::{self, BaseUrl};
use crate::i18n::{en, fill, t, tr};
use crate::session::Session;
use crate::settings::{duration_words, Settings};

/// Checking the typed key (signing in ends the form, so it is never done here).
type KeyCheck = Attempt<(), ApiError>;

#[component]
pub fn SignIn(
    session: Session,
    /// Owned by the app, so the base URL survives sign-out and a rejected key.
    base_url_text: RwSignal<String>,
    /// Embedded in a host page, the key is never offered to the host origin's storage.
    offer_to_remember: bool,
) -> impl IntoView {
    let settings = session.settings();
    let api_key_text = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    on_cleanup(move || {
        api_key_text.try_update_untracked(Zeroize::zeroize);
    });

    let base_problem = move || {
        submitted
            .get()
            .then(|| base_url::check_in_page(&base_url_text.get()).err())
            .flatten()
    };
    let key_missing = move || submitted.get() && api_key_text.with(|key| key.trim().is_empty());

    // A plain task, not an Action: one check at a time, and its outcome is all the form shows
    // (docs/architecture.md measures the difference).
    let check = RwSignal::new(KeyCheck::default());
    let check_key = key_checker(session, check, remember, api_key_text, offer_to_remember);
    let checking = move || check.with(KeyCheck::in_flight);
    let failure = move || check.with(|check| check.failure().cloned());

    let submit = move || {
        submitted.set(true);
        if check.with_untracked(KeyCheck::in_flight) {
            return;
        }
        let Ok(base) = base_url::check_in_page(&base_url_text.get_untracked()) else {
            return;
        };
        let Some(key) = api_key_text.with_untracked(|key| ApiKey::new(key)) else {
            return;
        };
        check_key(base, key);
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
            <h2>{t("Sign in to Ada")}</h2>
            <p class="ada-warning">
                {t("Ada API keys have full access to your Ada instance and never expire.")} " "
                {Signal::derive(move || where_the_key_stays(settings).0)}
            </p>
            {move || session.sign_out_reason().map(|reason| view! {
                <p class="ada-notice">{reason.message(&settings)}</p>
            })}

            <TextField
                label=t("API base URL")
                value=base_url_text
                inputmode="url"
                placeholder="/api"
                hint=t("/api goes through this page's proxy; or enter https://<instance>.ada.support.")
                problem=Signal::derive(move || base_problem().map(|problem| problem.to_string()))
            />
            <TextField
                label=t("API key")
                value=api_key_text
                input_type="password"
                problem=Signal::derive(move || key_missing().then(|| {
                    tr("Enter an API key. Keys are made in Ada under Config › Platform › API keys.").to_owned()
                }))
            />

            {offer_to_remember.then(|| view! {
                <CheckboxField label=t("Stay signed in in this tab") checked=remember />
                <p class="ada-hint ada-check-hint">{Signal::derive(move || where_the_key_stays(settings).1)}</p>
            })}

            {move || failure().map(|error| {
                let headline = match error.kind() {
                    ErrorKind::Unauthorized => Some(en("Ada rejected this token.")),
                    ErrorKind::Network => Some(en("Could not reach Ada's API at that address.")),
                    _ => None,
                }
                .map(|headline| tr(headline).to_owned());
                view! { <ErrorNotice error headline on_retry=Callback::new(move |()| submit()) /> }
            })}

            <button type="submit" class="ada-button ada-primary" disabled=checking>
                {Signal::derive(move || if checking() { tr("Checking the key…") } else { tr("Sign in") }.to_owned())}
            </button>
        </form>
    }
}

/// Checks a key by asking for the list's first page ([`Session::sign_in_checked`]); once signed
/// in, the typed key is overwritten.
fn key_checker(
    session: Session,
    check: RwSignal<KeyCheck>,
    remember: RwSignal<bool>,
    api_key_text: RwSignal<String>,
    offer_to_remember: bool,
) -> impl Fn(BaseUrl, ApiKey) + Copy + 'static {
    move |base: BaseUrl, key: ApiKey| {
        check.set(KeyCheck::InFlight);
        let remember_in_tab = offer_to_remember && remember.get_untracked();
        let signed_in = session.sign_in_checked(base, key, remember_in_tab);
        leptos::task::spawn_local(async move {
            match signed_in.await {
                Ok(()) => {
                    api_key_text.try_update(Zeroize::zeroize);
                }
                Err(error) => {
                    check.try_set(KeyCheck::Ready(Some(error)));
                }
            }
        });
    }
}

/// What the form says about where the key stays, with the idle timeout in words.
fn where_the_key_stays(settings: Settings) -> (String, String) {
    let idle = duration_words(settings.idle_timeout);
    let kept_where = fill(
        "The key stays in this tab's memory only, and is cleared when you sign out or after {0} \
         without activity.",
        &[&idle],
    );
    let remember_hint = fill(
        "Keeps the key in this tab's sessionStorage (never in localStorage or a cookie) until the \
         tab closes, you sign out, or {0} pass without activity. Anything running on this page \
         can read it there.",
        &[&idle],
    );
    (kept_where, remember_hint)
}
