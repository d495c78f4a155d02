//! "Verify a delivery" opened from another dialog (after a rotation, or a bulk run's row): the
//! delivery check's dialog, from its own chunk, over the dialog that opened it.

use leptos::prelude::*;

use super::lazy::{part, LazyDialog};
use super::verify_dialog::verify_part;
use crate::api::paths::WebhookId;
use crate::i18n::tr;

/// Shows the delivery check for the webhook in `target` (its id and URL) while there is one;
/// closing it empties `target`.
#[component]
pub fn VerifyLauncher(target: RwSignal<Option<(WebhookId, String)>>) -> impl IntoView {
    let close = Callback::new(move |()| target.set(None));
    move || {
        target.get().map(|(webhook_id, webhook_url)| {
            view! {
                <LazyDialog
                    title=Signal::derive(|| tr("Verify a delivery").to_owned())
                    on_close=close
                    load=part(move || verify_part(webhook_id.clone(), webhook_url.clone(), close))
                />
            }
        })
    }
}
