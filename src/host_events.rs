//! The events an embedded widget tells its host page about (`ada-webhooks:*` CustomEvents): their
//! names and `detail` payloads, which carry ids, times, and for errors a status, a code and a fixed
//! sentence: never a secret, a token, or any text the server sent. Dispatching them is the
//! embedding's job; components only emit through [`HostEvents`].

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostEvent {
    SignedIn,
    SignedOut,
    Rotated {
        webhook_id: String,
        at: String,
    },
    SecretRevealed {
        webhook_id: String,
    },
    Created {
        webhook_id: String,
    },
    Updated {
        webhook_id: String,
    },
    Deleted {
        webhook_id: String,
    },
    Error {
        status: Option<u16>,
        code: &'static str,
        message: &'static str,
    },
}

impl HostEvent {
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::SignedIn => "ada-webhooks:signed-in",
            HostEvent::SignedOut => "ada-webhooks:signed-out",
            HostEvent::Rotated { .. } => "ada-webhooks:rotated",
            HostEvent::SecretRevealed { .. } => "ada-webhooks:secret-revealed",
            HostEvent::Created { .. } => "ada-webhooks:created",
            HostEvent::Updated { .. } => "ada-webhooks:updated",
            HostEvent::Deleted { .. } => "ada-webhooks:deleted",
            HostEvent::Error { .. } => "ada-webhooks:error",
        }
    }

    /// The fields of the CustomEvent's `detail`; none (a `null` detail) when the name says it all.
    pub fn detail(&self) -> Vec<(&'static str, DetailValue<'_>)> {
        match self {
            HostEvent::SignedIn | HostEvent::SignedOut => Vec::new(),
            HostEvent::Rotated { webhook_id, at } => vec![
                ("webhookId", DetailValue::Text(webhook_id)),
                ("at", DetailValue::Text(at)),
            ],
            HostEvent::SecretRevealed { webhook_id }
            | HostEvent::Created { webhook_id }
            | HostEvent::Updated { webhook_id }
            | HostEvent::Deleted { webhook_id } => {
                vec![("webhookId", DetailValue::Text(webhook_id))]
            }
            HostEvent::Error {
                status,
                code,
                message,
            } => vec![
                ("status", DetailValue::Status(*status)),
                ("code", DetailValue::Text(code)),
                ("message", DetailValue::Text(message)),
            ],
        }
    }
}

/// A value in an event's `detail` (built as a plain JS object, not through JSON, to stay small).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailValue<'a> {
    Text(&'a str),
    /// An HTTP status, `null` when no answer arrived.
    Status(Option<u16>),
}

/// Where components emit host events; a standalone page has no host, so emitting does nothing.
#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy, Default)]
pub struct HostEvents(Option<leptos::prelude::Callback<HostEvent>>);

#[cfg(target_arch = "wasm32")]
impl HostEvents {
    pub fn new(dispatch: leptos::prelude::Callback<HostEvent>) -> HostEvents {
        HostEvents(Some(dispatch))
    }

    pub fn from_context() -> HostEvents {
        leptos::prelude::use_context::<HostEvents>().unwrap_or_default()
    }

    pub fn emit(self, event: HostEvent) {
        if let Some(dispatch) = self.0 {
            leptos::prelude::Callable::run(&dispatch, event);
        }
    }

    /// An API failure, by its status and kind only: Ada's own text may echo what was sent.
    pub fn error(self, error: &crate::api::ApiError) {
        self.emit(HostEvent::Error {
            status: error.status(),
            code: error.kind().code(),
            message: error.kind().sentence(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_share_the_widget_prefix() {
        for event in [
            HostEvent::SignedIn,
            HostEvent::SignedOut,
            HostEvent::SecretRevealed {
                webhook_id: "w".into(),
            },
        ] {
            assert!(event.name().starts_with("ada-webhooks:"));
        }
    }

    #[test]
    fn details_carry_ids_times_and_summaries_only() {
        let rotated = HostEvent::Rotated {
            webhook_id: "wh_1".into(),
            at: "2026-11-26T21:00:00.000Z".into(),
        };
        assert_eq!(rotated.name(), "ada-webhooks:rotated");
        assert_eq!(
            rotated.detail(),
            [
                ("webhookId", DetailValue::Text("wh_1")),
                ("at", DetailValue::Text("2026-11-26T21:00:00.000Z"))
            ]
        );
        let error = HostEvent::Error {
            status: None,
            code: "network",
            message: "Could not reach the API.",
        };
        assert_eq!(
            error.detail(),
            [
                ("status", DetailValue::Status(None)),
                ("code", DetailValue::Text("network")),
                ("message", DetailValue::Text("Could not reach the API."))
            ]
        );
        assert!(HostEvent::SignedOut.detail().is_empty());
        let deleted = HostEvent::Deleted {
            webhook_id: "wh_2".into(),
        };
        assert_eq!(deleted.name(), "ada-webhooks:deleted");
        assert_eq!(deleted.detail(), [("webhookId", DetailValue::Text("wh_2"))]);
        for (event, name) in [
            (
                HostEvent::Created {
                    webhook_id: "w".into(),
                },
                "ada-webhooks:created",
            ),
            (
                HostEvent::Updated {
                    webhook_id: "w".into(),
                },
                "ada-webhooks:updated",
            ),
        ] {
            assert_eq!(event.name(), name);
            assert_eq!(event.detail().len(), 1);
        }
    }
}
