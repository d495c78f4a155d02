//! A webhook's signing secret, fetched with get-secret and shown by [`SecretValue`]; a failed fetch
//! offers a retry that only fetches (after a rotation it says that the rotation itself succeeded).
//! The panel is the secret's one owner: the fetched plaintext lives in its slot, overwritten when
//! the panel goes or fetches again, and [`SecretValue`] reads it from there.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use zeroize::Zeroizing;

use super::announcer::Announcer;
use super::error_notice::ErrorNotice;
use super::secret_value::{SecretSource, SecretValue};
use crate::api::paths::WebhookId;
use crate::api::ApiError;
use crate::attempt::Attempt;
use crate::i18n::{t, tr};
use crate::session::Session;

/// Fetching the secret: done once it is in the panel's slot.
type Fetch = Attempt<(), ApiError>;

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
    let headline = move || {
        if after_rotation {
            tr("The secret was rotated, but fetching it failed.")
        } else {
            tr("Fetching the secret failed.")
        }
    };

    let slot = StoredValue::new(None::<Zeroizing<String>>);
    let fetched = RwSignal::new(Fetch::default());
    let fetch = move || {
        if fetched.try_update(Fetch::start) != Some(true) {
            return;
        }
        let request = session.webhook_secret(webhook_id.get_value());
        leptos::task::spawn_local(async move {
            let outcome = match request.await {
                Ok(secret) => {
                    slot.try_set_value(Some(secret.key));
                    Fetch::Done(())
                }
                Err(error) => Fetch::Ready(Some(error)),
            };
            announcer.say(match outcome {
                Fetch::Done(()) => tr("The secret is ready. It is masked; use Reveal or Copy."),
                _ => headline(),
            });
            fetched.try_set(outcome);
        });
    };
    fetch();
    let source: SecretSource = Callback::new(move |()| slot.try_with_value(Clone::clone).flatten());

    view! {
        <section class="ada-secret" aria-label=t("Signing secret")>
            {move || match fetched.get() {
                Fetch::Done(()) => EitherOf3::A(view! {
                    <SecretValue secret=source webhook_id=id_text.clone() />
                }),
                Fetch::Ready(Some(error)) => EitherOf3::B(view! {
                    <ErrorNotice
                        error
                        headline=headline().to_owned()
                        on_retry=Callback::new(move |()| fetch())
                        retry_label=tr("Retry fetching the secret").to_owned()
                    />
                }),
                Fetch::Ready(None) | Fetch::InFlight => {
                    EitherOf3::C(view! { <p class="ada-loading">{t("Fetching the secret…")}</p> })
                }
            }}
        </section>
    }
}
