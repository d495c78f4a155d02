//! A webhook's signing secret, fetched with get-secret and shown by [`SecretValue`]; a failed fetch
//! offers a retry that only fetches (after a rotation it says that the rotation itself succeeded).

use leptos::either::EitherOf3;
use leptos::prelude::*;
use zeroize::Zeroizing;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::secret_value::SecretValue;
use crate::api::paths::WebhookId;
use crate::api::ApiError;
use crate::session::Session;

/// Where fetching the secret stands; the fetched secret lives here, overwritten when dropped.
#[derive(Clone)]
enum Fetch {
    Fetching,
    Fetched(Zeroizing<String>),
    Failed(ApiError),
}

#[component]
pub fn SecretPanel(
    webhook_id: WebhookId,
    /// After a rotation a failed fetch says that the rotation itself succeeded.
    #[prop(optional)]
    after_rotation: bool,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let announcer = Announcer::from_context();
    let id_text = webhook_id.to_string();
    let webhook_id = StoredValue::new(webhook_id);
    let headline = if after_rotation {
        "The secret was rotated, but fetching it failed."
    } else {
        "Fetching the secret failed."
    };

    let fetched = RwSignal::new(Fetch::Fetching);
    let fetch = move || {
        fetched.set(Fetch::Fetching);
        let request = session.webhook_secret(webhook_id.get_value());
        leptos::task::spawn_local(async move {
            let outcome = match request.await {
                Ok(secret) => Fetch::Fetched(secret.key),
                Err(error) => Fetch::Failed(error),
            };
            announcer.say(match outcome {
                Fetch::Fetched(_) => "The secret is ready. It is masked; use Reveal or Copy.",
                _ => headline,
            });
            fetched.try_set(outcome);
        });
    };
    fetch();

    view! {
        <section class="ada-secret" aria-label="Signing secret">
            {move || match fetched.get() {
                Fetch::Fetched(secret) => EitherOf3::A(view! {
                    <SecretValue secret webhook_id=id_text.clone() />
                }),
                Fetch::Failed(error) => EitherOf3::B(view! {
                    <ErrorNotice
                        error
                        headline=headline.to_owned()
                        on_retry=Callback::new(move |()| fetch())
                        retry_label="Retry fetching the secret"
                    />
                }),
                Fetch::Fetching => EitherOf3::C(view! { <p class="ada-loading">"Fetching the secret…"</p> }),
            }}
        </section>
    }
}
