//! A row's "Disable" / "Enable": the row shows the new state at once, one PATCH of `enabled` only
//! goes to Ada, and a refusal puts the row back and says why. A second click on the same row while
//! its request is in flight does nothing. The work lives in the lifecycle chunk (with the edit form,
//! which the same capability allows), so that the main module carries none of it.

use std::sync::Arc;

use leptos::prelude::*;

use super::super::announcer::Announcer;
use super::super::lazy::chunk_unavailable_message;
use super::pages::WebhookPages;
use crate::api::paths::WebhookId;
use crate::api::types::{Webhook, WebhookChanges};
use crate::api::ApiError;
use crate::host_events::{HostEvent, HostEvents};
use crate::i18n::{en, fill};
use crate::listing::WebhookChange;
use crate::session::Session;

/// A refused change of state: what was asked, and Ada's error.
#[derive(Clone)]
pub struct ToggleFailure {
    /// Enabling was asked (else disabling).
    enable: bool,
    pub error: ApiError,
    /// The webhook as it is shown again, to try once more.
    pub webhook: Arc<Webhook>,
    pub webhook_id: WebhookId,
}

#[derive(Clone, Copy)]
pub struct Toggler {
    pages: WebhookPages,
    session: Session,
    announcer: Announcer,
    host_events: HostEvents,
    in_flight: StoredValue<Vec<String>>,
    pub failure: RwSignal<Option<ToggleFailure>>,
}

impl Toggler {
    pub fn new(pages: WebhookPages, session: Session) -> Toggler {
        Toggler {
            pages,
            session,
            announcer: Announcer::from_context(),
            host_events: HostEvents::from_context(),
            in_flight: StoredValue::new(Vec::new()),
            failure: RwSignal::new(None),
        }
    }

    /// Flips `webhook`'s state once the lifecycle chunk is there (prefetched after the list).
    pub fn toggle(self, webhook: Arc<Webhook>, webhook_id: WebhookId) {
        leptos::task::spawn_local(async move {
            if send_toggle(self, webhook, webhook_id).await.is_err() {
                self.announcer.say(chunk_unavailable_message());
            }
        });
    }

    /// Flips `webhook`'s state: shown at once, sent once, put back if Ada refuses.
    fn send(self, webhook: Arc<Webhook>, webhook_id: WebhookId) {
        if self.in_flight.with_value(|ids| ids.contains(&webhook.id)) {
            return;
        }
        self.in_flight
            .update_value(|ids| ids.push(webhook.id.clone()));
        self.failure.set(None);
        let enable = !webhook.enabled;
        let flipped = Webhook {
            enabled: enable,
            ..(*webhook).clone()
        };
        self.pages.apply(&WebhookChange::Updated(flipped));
        let changes = WebhookChanges {
            enabled: Some(enable),
            ..WebhookChanges::default()
        };
        let request = self.session.update_webhook(webhook_id.clone(), changes);
        leptos::task::spawn_local(async move {
            let answer = request.await;
            self.in_flight
                .try_update_value(|ids| ids.retain(|id| *id != webhook.id));
            match answer {
                Ok(updated) => {
                    self.host_events.emit(HostEvent::Updated {
                        webhook_id: updated.id.clone(),
                    });
                    self.announcer.say(if updated.enabled {
                        fill("Enabled {0}.", &[&updated.url])
                    } else {
                        fill("Disabled {0}.", &[&updated.url])
                    });
                    self.pages.apply(&WebhookChange::Updated(updated));
                }
                Err(ApiError::SignedOut) => {}
                Err(error) => {
                    self.pages
                        .apply(&WebhookChange::Updated((*webhook).clone()));
                    let failure = ToggleFailure {
                        enable,
                        error,
                        webhook,
                        webhook_id,
                    };
                    self.announcer
                        .say([failure.headline().as_str(), " ", &failure.error.summary()].concat());
                    self.failure.try_set(Some(failure));
                }
            }
        });
    }
}

impl ToggleFailure {
    /// The sentence that says what Ada refused, in the language of the moment.
    pub fn headline(&self) -> String {
        let sentence = match (self.error.outcome_unknown(), self.enable) {
            (true, true) => en(
                "Ada did not answer whether it would enable {0}; it is shown \
                 disabled again, which may no longer be so: refresh to see its state.",
            ),
            (true, false) => en(
                "Ada did not answer whether it would disable {0}; it is shown \
                 enabled again, which may no longer be so: refresh to see its state.",
            ),
            (false, true) => en("Ada refused to enable {0}; it is disabled again."),
            (false, false) => en("Ada refused to disable {0}; it is enabled again."),
        };
        fill(sentence, &[&self.webhook.url])
    }
}

crate::lazy!(
    Lifecycle,
    /// Sends the change once the lifecycle chunk, which holds this work, is there.
    pub async fn send_toggle(
        toggler: Toggler,
        webhook: Arc<Webhook>,
        webhook_id: WebhookId,
    ) -> Result<(), ChunkUnavailable> {
        toggler.send(webhook, webhook_id);
        Ok(())
    }
);
