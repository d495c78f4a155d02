//! The API's routing table: which of the eight OpenAPI operations a method and path name.
//! Paths must match exactly, trailing slashes included, as Ada documents them.

use std::fmt;

use axum::http::Method;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

const WEBHOOKS_PREFIX: &str = "/api/v2/webhooks/";

/// An operation of Ada's webhook-management API, named by its OpenAPI `operationId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Operation {
    ListWebhooks,
    CreateWebhook,
    GetWebhook,
    UpdateWebhook,
    DeleteWebhook,
    GetWebhookSecret,
    RotateWebhookSecret,
    ListWebhookEventTypes,
}

impl Operation {
    pub(crate) const ALL: [Operation; 8] = [
        Operation::ListWebhooks,
        Operation::CreateWebhook,
        Operation::GetWebhook,
        Operation::UpdateWebhook,
        Operation::DeleteWebhook,
        Operation::GetWebhookSecret,
        Operation::RotateWebhookSecret,
        Operation::ListWebhookEventTypes,
    ];

    pub(crate) fn id(self) -> &'static str {
        match self {
            Operation::ListWebhooks => "list-webhooks",
            Operation::CreateWebhook => "create-webhook",
            Operation::GetWebhook => "get-webhook",
            Operation::UpdateWebhook => "update-webhook",
            Operation::DeleteWebhook => "delete-webhook",
            Operation::GetWebhookSecret => "get-webhook-secret",
            Operation::RotateWebhookSecret => "rotate-webhook-secret",
            Operation::ListWebhookEventTypes => "list-webhook-event-types",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|operation| operation.id() == id)
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.id())
    }
}

impl Serialize for Operation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Operation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        Self::from_id(&id).ok_or_else(|| {
            let known: Vec<&str> = Self::ALL.iter().map(|operation| operation.id()).collect();
            de::Error::custom(format!(
                "unknown operation `{id}`; expected one of {}",
                known.join(", ")
            ))
        })
    }
}

/// A request that names an operation, with the webhook id from its path if it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Route<'a> {
    pub(crate) operation: Operation,
    pub(crate) webhook_id: Option<&'a str>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RouteError {
    NotFound,
    MethodNotAllowed(Vec<Method>),
}

/// The resources of the API, each with the operations its methods select.
enum Resource<'a> {
    Collection,
    EventTypes,
    Webhook(&'a str),
    Secret(&'a str),
    SecretRotation(&'a str),
}

impl<'a> Resource<'a> {
    fn parse(path: &'a str) -> Option<Self> {
        let rest = path.strip_prefix(WEBHOOKS_PREFIX)?;
        match rest.split('/').collect::<Vec<_>>().as_slice() {
            [""] => Some(Resource::Collection),
            ["event-types", ""] => Some(Resource::EventTypes),
            // Without its slash, `event-types` is a mistyped path, not a webhook id.
            ["event-types"] => None,
            [id] => Some(Resource::Webhook(id)),
            [id, "secret", ""] if !id.is_empty() => Some(Resource::Secret(id)),
            [id, "secret", "rotate", ""] if !id.is_empty() => Some(Resource::SecretRotation(id)),
            _ => None,
        }
    }

    fn methods(&self) -> &'static [(Method, Operation)] {
        const COLLECTION: &[(Method, Operation)] = &[
            (Method::GET, Operation::ListWebhooks),
            (Method::POST, Operation::CreateWebhook),
        ];
        const EVENT_TYPES: &[(Method, Operation)] =
            &[(Method::GET, Operation::ListWebhookEventTypes)];
        const WEBHOOK: &[(Method, Operation)] = &[
            (Method::GET, Operation::GetWebhook),
            (Method::PATCH, Operation::UpdateWebhook),
            (Method::DELETE, Operation::DeleteWebhook),
        ];
        const SECRET: &[(Method, Operation)] = &[(Method::GET, Operation::GetWebhookSecret)];
        const SECRET_ROTATION: &[(Method, Operation)] =
            &[(Method::POST, Operation::RotateWebhookSecret)];
        match self {
            Resource::Collection => COLLECTION,
            Resource::EventTypes => EVENT_TYPES,
            Resource::Webhook(_) => WEBHOOK,
            Resource::Secret(_) => SECRET,
            Resource::SecretRotation(_) => SECRET_ROTATION,
        }
    }

    fn webhook_id(&self) -> Option<&'a str> {
        match self {
            Resource::Collection | Resource::EventTypes => None,
            Resource::Webhook(id) | Resource::Secret(id) | Resource::SecretRotation(id) => Some(id),
        }
    }
}

pub(crate) fn resolve<'a>(method: &Method, path: &'a str) -> Result<Route<'a>, RouteError> {
    let resource = Resource::parse(path).ok_or(RouteError::NotFound)?;
    let operation = resource
        .methods()
        .iter()
        .find(|(allowed, _)| allowed == method)
        .map(|(_, operation)| *operation)
        .ok_or_else(|| {
            let allowed = resource.methods().iter().map(|(method, _)| method.clone());
            RouteError::MethodNotAllowed(allowed.collect())
        })?;
    Ok(Route {
        operation,
        webhook_id: resource.webhook_id(),
    })
}

/// The documented path a mistyped one most likely meant (trailing slash added or removed).
pub(crate) fn suggest_path(path: &str) -> Option<String> {
    let toggled = match path.strip_suffix('/') {
        Some(without_slash) => without_slash.to_owned(),
        None => format!("{path}/"),
    };
    Resource::parse(&toggled).is_some().then_some(toggled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operation(method: Method, path: &str) -> Result<Operation, RouteError> {
        resolve(&method, path).map(|route| route.operation)
    }

    #[test]
    fn documented_paths_resolve() {
        let cases = [
            (Method::GET, "/api/v2/webhooks/", Operation::ListWebhooks),
            (Method::POST, "/api/v2/webhooks/", Operation::CreateWebhook),
            (Method::GET, "/api/v2/webhooks/ep_1", Operation::GetWebhook),
            (
                Method::PATCH,
                "/api/v2/webhooks/ep_1",
                Operation::UpdateWebhook,
            ),
            (
                Method::DELETE,
                "/api/v2/webhooks/ep_1",
                Operation::DeleteWebhook,
            ),
            (
                Method::GET,
                "/api/v2/webhooks/ep_1/secret/",
                Operation::GetWebhookSecret,
            ),
            (
                Method::POST,
                "/api/v2/webhooks/ep_1/secret/rotate/",
                Operation::RotateWebhookSecret,
            ),
            (
                Method::GET,
                "/api/v2/webhooks/event-types/",
                Operation::ListWebhookEventTypes,
            ),
        ];
        for (method, path, expected) in cases {
            assert_eq!(operation(method, path), Ok(expected), "{path}");
        }
        assert_eq!(
            resolve(&Method::GET, "/api/v2/webhooks/ep_1/secret/")
                .unwrap()
                .webhook_id,
            Some("ep_1")
        );
    }

    #[test]
    fn near_misses_are_not_found() {
        for path in [
            "/api/v2/webhooks",
            "/api/v2/webhooks/ep_1/",
            "/api/v2/webhooks/ep_1/secret",
            "/api/v2/webhooks/ep_1/secret/rotate",
            "/api/v2/webhooks/event-types",
            "/api/v2/webhooks//secret/",
            "/v2/webhooks/",
        ] {
            assert_eq!(
                operation(Method::GET, path),
                Err(RouteError::NotFound),
                "{path}"
            );
        }
        assert_eq!(
            suggest_path("/api/v2/webhooks").as_deref(),
            Some("/api/v2/webhooks/")
        );
        assert_eq!(
            suggest_path("/api/v2/webhooks/ep_1/").as_deref(),
            Some("/api/v2/webhooks/ep_1")
        );
        assert_eq!(suggest_path("/nothing"), None);
    }

    #[test]
    fn wrong_methods_list_the_allowed_ones() {
        assert_eq!(
            operation(Method::PUT, "/api/v2/webhooks/ep_1"),
            Err(RouteError::MethodNotAllowed(vec![
                Method::GET,
                Method::PATCH,
                Method::DELETE
            ]))
        );
    }
}
