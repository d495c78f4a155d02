//! A webhook's signing secret, fetched with get-secret and shown by [`SecretValue`]; a failed fetch
//! offers a retry that only fetches (after a rotation it says that the rotation itself succeeded).

use leptos::either::EitherOf3;
use leptos::prelude::*;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::secret_value::SecretValue;
use crate::api::paths::WebhookId;
use crate::session::Session;

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

    let fetch = Action::new_local(move |_: &()| {
        let request = session.request(move |client| client.webhook_secret(&webhook_id.get_value()));
        async move {
            let fetched = request.await;
            announcer.say(match &fetched {
                Ok(_) => "The secret is ready. It is masked; use Reveal or Copy.",
                Err(_) => headline,
            });
            fetched.map(|secret| secret.key)
        }
    });
    fetch.dispatch(());
    let outcome = move || {
        (!fetch.pending().get())
            .then(|| fetch.value().get())
            .flatten()
    };

    view! {
        <section class="ada-secret" aria-label="Signing secret">
            {move || match outcome() {
                Some(Ok(secret)) => EitherOf3::A(view! {
                    <SecretValue secret webhook_id=id_text.clone() />
                }),
                Some(Err(error)) => EitherOf3::B(view! {
                    <ErrorNotice
                        error
                        headline=headline.to_owned()
                        on_retry=Callback::new(move |()| { fetch.dispatch(()); })
                        retry_label="Retry fetching the secret"
                    />
                }),
                None => EitherOf3::C(view! { <p class="ada-loading">"Fetching the secret…"</p> }),
            }}
        </section>
    }
}
