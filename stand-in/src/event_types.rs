//! The catalogue of webhook event types, as Ada documents them (API-NOTES §4.8).

use serde::Serialize;

#[derive(Clone, Copy, Debug, Serialize)]
pub(crate) struct EventType {
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
}

pub(crate) const EVENT_TYPES: [EventType; 7] = [
    EventType {
        name: "v1.end_user.created",
        description: "Sent when a new end user is created",
    },
    EventType {
        name: "v1.end_user.updated",
        description: "Sent when an end user's profile or metadata is updated",
    },
    EventType {
        name: "v1.conversation.created",
        description: "Sent when a new conversation is started",
    },
    EventType {
        name: "v1.conversation.ended",
        description: "Sent when a conversation ends",
    },
    EventType {
        name: "v1.conversation.message",
        description: "Sent when a message is sent in a conversation",
    },
    EventType {
        name: "v1.conversation.handoff.ended",
        description: "Sent when a handoff to a human agent ends",
    },
    EventType {
        name: "v1.audit_log.emitted",
        description: "Sent when an audit log event is recorded",
    },
];

pub(crate) fn is_known(name: &str) -> bool {
    EVENT_TYPES.iter().any(|event_type| event_type.name == name)
}
