//! The dialogs the list opens (one at a time), each from a chunk loaded when first opened: rotate, show the current
//! secret, verify a delivery, rotate the selected webhooks, create or edit a webhook, delete one.

use std::sync::Arc;

use leptos::prelude::*;

use super::super::bulk_rotate::bulk_rotate_part;
use super::super::delete_dialog::delete_part;
use super::super::lazy::{part, ChunkUnavailable, LazyDialog};
use super::super::rotate_dialog::rotate_dialog_part;
use super::super::secret_dialog::secret_dialog_part;
use super::super::verify_dialog::verify_part;
use super::super::webhook_form_dialog::webhook_form_part;
use crate::api::paths::WebhookId;
use crate::api::types::{EventType, Webhook};
use crate::i18n::{en, tr};
use crate::listing::WebhookChange;

#[derive(Clone)]
pub enum OpenDialog {
    Rotate(WebhookId, Arc<Webhook>),
    ShowSecret(WebhookId, Arc<Webhook>),
    Verify(WebhookId, Arc<Webhook>),
    /// The selected webhooks: id, URL and description each.
    Bulk(Vec<(WebhookId, String, String)>),
    Create,
    Edit(WebhookId, Arc<Webhook>),
    Delete(WebhookId, Arc<Webhook>),
}

/// What the create, edit and delete dialogs need from the list.
#[derive(Clone, Copy)]
pub struct ListLink {
    pub event_types: RwSignal<Vec<EventType>>,
    pub on_change: Callback<WebhookChange>,
}

impl OpenDialog {
    /// The title of the dialog that says the dialog's chunk could not be loaded.
    fn title(&self) -> &'static str {
        tr(match self {
            OpenDialog::Rotate(..) => en("Rotate signing secret"),
            OpenDialog::ShowSecret(..) => en("Current signing secret"),
            OpenDialog::Verify(..) => en("Verify a delivery"),
            OpenDialog::Bulk(..) => en("Rotate the selected secrets"),
            OpenDialog::Create => en("New webhook"),
            OpenDialog::Edit(..) => en("Edit webhook"),
            OpenDialog::Delete(..) => en("Delete webhook"),
        })
    }

    async fn view(self, link: ListLink, close: Callback<()>) -> Result<AnyView, ChunkUnavailable> {
        let ListLink {
            event_types,
            on_change,
        } = link;
        match self {
            OpenDialog::Rotate(id, webhook) => {
                rotate_dialog_part(id, webhook.url.clone(), close).await
            }
            OpenDialog::ShowSecret(id, webhook) => {
                secret_dialog_part(id, webhook.url.clone(), close).await
            }
            OpenDialog::Verify(id, webhook) => verify_part(id, webhook.url.clone(), close).await,
            OpenDialog::Bulk(webhooks) => bulk_rotate_part(webhooks, close).await,
            OpenDialog::Create => webhook_form_part(None, event_types, on_change, close).await,
            OpenDialog::Edit(id, webhook) => {
                webhook_form_part(Some((id, webhook)), event_types, on_change, close).await
            }
            OpenDialog::Delete(id, webhook) => delete_part(id, webhook, on_change, close).await,
        }
    }
}

/// Shows the open dialog, if any. Its title follows the language in its own closure: a change of
/// language must not close and reopen the dialog (losing what was typed in it).
#[component]
pub fn DialogHost(dialog: RwSignal<Option<OpenDialog>>, link: ListLink) -> impl IntoView {
    let close = Callback::new(move |()| dialog.set(None));
    move || {
        dialog.get().map(|open| {
            let title = Signal::derive({
                let open = open.clone();
                move || open.title().to_owned()
            });
            view! { <LazyDialog title on_close=close load=part(move || open.clone().view(link, close)) /> }
        })
    }
}
