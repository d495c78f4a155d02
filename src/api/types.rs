//! Request and response bodies of Ada's webhook API, named as the OpenAPI names them.
//!
//! Ada marks every response field optional and may add new ones at any time (API-NOTES §3, §7), so
//! every field has a default and unknown fields are ignored.

use serde::{Deserialize, Deserializer, Serialize};

/// `null` reads as the field's default, like a missing field.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Webhook {
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    #[serde(deserialize_with = "nullable")]
    pub url: String,
    #[serde(deserialize_with = "nullable")]
    pub description: String,
    /// Event type names; empty means the webhook receives all events.
    #[serde(deserialize_with = "nullable")]
    pub event_filters: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub enabled: bool,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct PageMeta {
    pub next_page_url: Option<String>,
}

/// One page of `GET /v2/webhooks/`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct WebhookPage {
    #[serde(deserialize_with = "nullable")]
    pub data: Vec<Webhook>,
    #[serde(deserialize_with = "nullable")]
    pub meta: PageMeta,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct EventType {
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    #[serde(deserialize_with = "nullable")]
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct EventTypeList {
    #[serde(deserialize_with = "nullable")]
    pub data: Vec<EventType>,
}

/// `GET /v2/webhooks/{id}/secret/`. Deliberately not `Debug`, so it cannot end up in a log line.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct WebhookSecret {
    #[serde(deserialize_with = "nullable")]
    pub key: String,
}

/// `POST /v2/webhooks/{id}/secret/rotate/`: `{}` lets Ada generate the key.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct RotateSecretRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_tolerates_missing_null_and_unknown_fields() {
        let page: WebhookPage = serde_json::from_str(
            r#"{"data":[{"id":"ep_1","url":"https://x.example","created_at":null,"new_field":1}],
                "meta":{"next_page_url":null}}"#,
        )
        .unwrap();
        assert_eq!(page.data[0].id, "ep_1");
        assert!(page.data[0].event_filters.is_empty());
        assert_eq!(page.meta.next_page_url, None);
        let empty: WebhookPage = serde_json::from_str("{}").unwrap();
        assert!(empty.data.is_empty());
    }

    #[test]
    fn rotate_body_is_empty_object_without_a_key() {
        let body = RotateSecretRequest { key: None };
        assert_eq!(serde_json::to_string(&body).unwrap(), "{}");
        let body = RotateSecretRequest {
            key: Some("whsec_abc".into()),
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"key":"whsec_abc"}"#
        );
    }
}
