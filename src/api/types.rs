//! Request and response bodies of Ada's webhook API, named as the OpenAPI names them, and how each
//! is read from JSON.
//!
//! Ada marks every response field optional and may add new ones at any time (API-NOTES §3, §7), so
//! a missing or `null` field reads as its default and unknown fields are ignored (see [`super::json`]).

use zeroize::Zeroizing;

use super::json::{object_text, object_text_of, Decoded, FromJson, Json, Written};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub description: String,
    /// Event type names; empty means the webhook receives all events.
    pub event_filters: Vec<String>,
    pub enabled: bool,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

impl FromJson for Webhook {
    fn from_json(value: &Json) -> Decoded<Webhook> {
        let value = value.object()?;
        Ok(Webhook {
            id: value.text_field("id")?,
            url: value.text_field("url")?,
            description: value.text_field("description")?,
            event_filters: value.list_field("event_filters", Json::text)?,
            enabled: value.flag_field("enabled")?,
            created_at: value.optional_text_field("created_at")?,
            updated_at: value.optional_text_field("updated_at")?,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub next_page_url: Option<String>,
}

/// One page of `GET /v2/webhooks/`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookPage {
    pub data: Vec<Webhook>,
    pub meta: PageMeta,
}

impl FromJson for WebhookPage {
    fn from_json(value: &Json) -> Decoded<WebhookPage> {
        let value = value.object()?;
        Ok(WebhookPage {
            data: value.list_field("data", Webhook::from_json)?,
            meta: value.object_field("meta", |meta| {
                Ok(PageMeta {
                    next_page_url: meta.optional_text_field("next_page_url")?,
                })
            })?,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventType {
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventTypeList {
    pub data: Vec<EventType>,
}

impl FromJson for EventTypeList {
    fn from_json(value: &Json) -> Decoded<EventTypeList> {
        let value = value.object()?;
        Ok(EventTypeList {
            data: value.list_field("data", |event_type| {
                let event_type = event_type.object()?;
                Ok(EventType {
                    name: event_type.text_field("name")?,
                    description: event_type.text_field("description")?,
                })
            })?,
        })
    }
}

/// `GET /v2/webhooks/{id}/secret/`. Deliberately not `Debug`, so it cannot end up in a log line;
/// overwritten when dropped.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct WebhookSecret {
    pub key: Zeroizing<String>,
}

impl FromJson for WebhookSecret {
    fn from_json(value: &Json) -> Decoded<WebhookSecret> {
        Ok(WebhookSecret {
            key: Zeroizing::new(value.object()?.text_field("key")?),
        })
    }
}

/// `POST /v2/webhooks/{id}/secret/rotate/`: `{}` lets Ada generate the key. A custom key is a
/// secret too, so the body is overwritten when dropped.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RotateSecretRequest {
    pub key: Option<Zeroizing<String>>,
}

impl RotateSecretRequest {
    pub fn to_json_text(&self) -> Zeroizing<String> {
        Zeroizing::new(match &self.key {
            Some(key) => object_text(&[("key", key)]),
            None => object_text(&[]),
        })
    }
}

/// `POST /v2/webhooks/`, in Ada's body shape; an empty `event_filters` receives every event type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewWebhook {
    pub url: String,
    pub description: String,
    pub event_filters: Vec<String>,
    pub enabled: bool,
}

impl NewWebhook {
    pub fn to_json_text(&self) -> String {
        object_text_of(&[
            ("url", Written::Text(&self.url)),
            ("description", Written::Text(&self.description)),
            ("event_filters", Written::Texts(&self.event_filters)),
            ("enabled", Written::Flag(self.enabled)),
        ])
    }
}

/// `PATCH /v2/webhooks/{id}`: only the fields that change ("only the fields provided are updated").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookChanges {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_filters: Option<Vec<String>>,
    pub enabled: Option<bool>,
}

impl WebhookChanges {
    pub fn is_empty(&self) -> bool {
        *self == WebhookChanges::default()
    }

    pub fn to_json_text(&self) -> String {
        let mut fields = Vec::new();
        if let Some(url) = &self.url {
            fields.push(("url", Written::Text(url)));
        }
        if let Some(description) = &self.description {
            fields.push(("description", Written::Text(description)));
        }
        if let Some(event_filters) = &self.event_filters {
            fields.push(("event_filters", Written::Texts(event_filters)));
        }
        if let Some(enabled) = self.enabled {
            fields.push(("enabled", Written::Flag(enabled)));
        }
        object_text_of(&fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::json::Malformed;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn webhook_tolerates_missing_null_and_unknown_fields() {
        let page = WebhookPage::from_json_text(
            r#"{"data":[{"id":"ep_1","url":"https://x.example","created_at":null,"new_field":1,
                         "event_filters":null,"enabled":true}],
                "meta":{"next_page_url":null}}"#,
        )
        .unwrap();
        assert_eq!(page.data[0].id, "ep_1");
        assert!(page.data[0].enabled);
        assert!(page.data[0].event_filters.is_empty());
        assert_eq!(page.data[0].created_at, None);
        assert_eq!(page.meta.next_page_url, None);
        let empty = WebhookPage::from_json_text("{}").unwrap();
        assert!(empty.data.is_empty());
        let null_meta = WebhookPage::from_json_text(r#"{"data":null,"meta":null}"#).unwrap();
        assert_eq!(null_meta, WebhookPage::default());
    }

    #[test]
    fn reads_every_documented_field() {
        let page = WebhookPage::from_json_text(
            r#"{"data":[{"id":"ep_1","url":"https://x.example/h","description":"Orders ✓",
                         "event_filters":["v1.conversation.created"],"enabled":false,
                         "created_at":"2024-01-02T03:04:05Z","updated_at":"2024-02-03T04:05:06Z"}],
                "meta":{"next_page_url":"https://i.ada.support/api/v2/webhooks/?cursor=abc"}}"#,
        )
        .unwrap();
        assert_eq!(
            page.data,
            vec![Webhook {
                id: "ep_1".into(),
                url: "https://x.example/h".into(),
                description: "Orders ✓".into(),
                event_filters: vec!["v1.conversation.created".into()],
                enabled: false,
                created_at: Some("2024-01-02T03:04:05Z".into()),
                updated_at: Some("2024-02-03T04:05:06Z".into()),
            }]
        );
        assert_eq!(
            page.meta.next_page_url.as_deref(),
            Some("https://i.ada.support/api/v2/webhooks/?cursor=abc")
        );
        let types = EventTypeList::from_json_text(
            r#"{"data":[{"name":"v1.a","description":"A happened","schema":{}}]}"#,
        )
        .unwrap();
        assert_eq!(types.data[0].name, "v1.a");
        assert_eq!(types.data[0].description, "A happened");
        let secret = WebhookSecret::from_json_text(r#"{"key":"whsec_abc"}"#).unwrap();
        assert!(secret.key.as_str() == "whsec_abc");
    }

    #[test]
    fn wrong_shapes_are_malformed() {
        for text in [
            "",
            "<html>",
            "[]",
            r#"{"data":{}}"#,
            r#"{"data":[1]}"#,
            r#"{"data":[{"id":7}]}"#,
            r#"{"data":[{"enabled":"yes"}]}"#,
            r#"{"data":[{"event_filters":"all"}]}"#,
            r#"{"meta":[]}"#,
            r#"{"meta":{"next_page_url":5}}"#,
        ] {
            assert_eq!(WebhookPage::from_json_text(text), Err(Malformed), "{text}");
        }
        assert!(WebhookSecret::from_json_text(r#"{"key":1}"#).is_err());
        assert!(EventTypeList::from_json_text(r#"{"data":["v1.a"]}"#).is_err());
    }

    #[test]
    fn rotate_body_is_empty_object_without_a_key() {
        assert_eq!(
            RotateSecretRequest { key: None }.to_json_text().as_str(),
            "{}"
        );
        let body = RotateSecretRequest {
            key: Some(Zeroizing::new("whsec_abc".into())),
        };
        assert_eq!(body.to_json_text().as_str(), r#"{"key":"whsec_abc"}"#);
    }

    #[test]
    fn a_new_webhook_is_written_in_adas_shape() {
        let new = NewWebhook {
            url: "https://hooks.example/a".into(),
            description: "Orders".into(),
            event_filters: vec!["v1.conversation.created".into()],
            enabled: true,
        };
        assert_eq!(
            new.to_json_text(),
            r#"{"url":"https://hooks.example/a","description":"Orders","event_filters":["v1.conversation.created"],"enabled":true}"#
        );
    }

    #[test]
    fn changes_carry_only_what_changed() {
        assert!(WebhookChanges::default().is_empty());
        assert_eq!(WebhookChanges::default().to_json_text(), "{}");
        let enabled_only = WebhookChanges {
            enabled: Some(false),
            ..WebhookChanges::default()
        };
        assert_eq!(enabled_only.to_json_text(), r#"{"enabled":false}"#);
        let all_events = WebhookChanges {
            event_filters: Some(Vec::new()),
            description: Some(String::new()),
            ..WebhookChanges::default()
        };
        assert_eq!(
            all_events.to_json_text(),
            r#"{"description":"","event_filters":[]}"#
        );
    }
}
