//! "Show current secret": a webhook's secret panel in a dialog, without rotating.

use leptos::prelude::*;

use super::modal::Modal;
use super::secret_panel::SecretPanel;
use crate::api::paths::WebhookId;
use crate::i18n::{t, tr};

crate::lazy!(
    Dialogs,
    /// "Show current secret", from the dialogs' chunk.
    pub async fn secret_dialog_part(
        webhook_id: WebhookId,
        webhook_url: String,
        on_close: Callback<()>,
    ) -> Result<AnyView, ChunkUnavailable> {
        Ok(view! { <SecretDialog webhook_id webhook_url on_close /> }.into_any())
    }
);

#[component]
pub fn SecretDialog(
    webhook_id: WebhookId,
    #[prop(into)] webhook_url: String,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Modal title=Signal::derive(move || tr("Current signing secret").to_owned()) on_close>
            <p class="ada-dialog-subject">{t("Webhook")} " " <span class="ada-url">{webhook_url}</span></p>
            <SecretPanel webhook_id />
            <div class="ada-dialog-buttons">
                <button type="button" class="ada-button" autofocus on:click=move |_| on_close.run(())>
                    {t("Close")}
                </button>
            </div>
        </Modal>
    }
}
