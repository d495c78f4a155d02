//! A row's "Disable" / "Enable": the row shows the new state at once, one PATCH of `enabled` only
//! goes to Ada, and a refusal puts the row back and says why. A second click on the same row while
//! its request is in flight does nothing. The work lives in the lifecycle chunk (with the edit form,
//! which the same capability allows), so that the list's own chunk carries none of it.

use std::sync::Arc;

use leptos::prelude::*;

use super::super::announcer::Announcer;
use super::super::lazy::CHUNK_UNAVAILABLE;
use super::pages::WebhookPages;
use crate::api::paths::WebhookId;
use crate::api::types::{Webhook, WebhookChanges};
use crate::api::ApiError;
use crate::host_events::{HostEvent, HostEvents};
use crate::listing::WebhookChange;
use crate::session::Session;

/// A refused change of state: the sentence that says so, and Ada's error.
#[derive(Clone)]
pub struct ToggleFailure {
    pub headline: String,
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
                self.announcer.say(CHUNK_UNAVAILABLE);
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
            let url = webhook.url.as_str();
            match answer {
                Ok(updated) => {
                    self.host_events.emit(HostEvent::Updated {
                        webhook_id: updated.id.clone(),
                    });
                    let done = if updated.enabled {
                        "Enabled "
                    } else {
                        "Disabled "
                    };
                    self.announcer.say([done, &updated.url, "."].concat());
                    self.pages.apply(&WebhookChange::Updated(updated));
                }
                Err(ApiError::SignedOut) => {}
                Err(error) => {
                    self.pages
                        .apply(&WebhookChange::Updated((*webhook).clone()));
                    let (verb, state) = if enable {
                        ("enable ", "disabled")
                    } else {
                        ("disable ", "enabled")
                    };
                    let headline = if error.outcome_unknown() {
                        [
                            "Ada did not answer whether it would ",
                            verb,
                            url,
                            "; it is shown ",
                            state,
                            " again, which may no longer be so: refresh to see its state.",
                        ]
                        .concat()
                    } else {
                        ["Ada refused to ", verb, url, "; it is ", state, " again."].concat()
                    };
                    self.announcer
                        .say([headline.as_str(), " ", &error.summary()].concat());
                    self.failure.try_set(Some(ToggleFailure {
                        headline,
                        error,
                        webhook,
                        webhook_id,
                    }));
                }
            }
        });
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
