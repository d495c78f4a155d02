//! The eight webhook operations, run against the store once a request has passed routing,
//! authentication, rate limiting and faults.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::body::json_object;
use crate::error::{ApiError, FieldError};
use crate::event_types::EVENT_TYPES;
use crate::ids::{random_bytes, webhook_id};
use crate::routes::{Operation, Route};
use crate::secrets::{generate_secret, normalize_custom_key, SecretRing};
use crate::store::{Store, UnknownCursor, Webhook, WebhookRecord};
use crate::timestamps;
use crate::validation::{webhook_changes, UrlRequirement};

/// Svix's default and maximum page sizes; Ada documents neither.
const DEFAULT_PAGE_SIZE: usize = 50;
const MAX_PAGE_SIZE: usize = 250;

/// List bodies are typed rather than built with `json!` so that fields keep their declared
/// order (`id` first), as in Ada's examples.
#[derive(Serialize)]
struct DataList<T> {
    data: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<PageMeta>,
}

#[derive(Serialize)]
struct PageMeta {
    next_page_url: Option<String>,
}

pub(crate) struct OperationRequest<'a> {
    pub(crate) route: Route<'a>,
    pub(crate) query: Option<&'a str>,
    pub(crate) body: &'a [u8],
    /// This server's absolute base URL as the client sees it, for `next_page_url`.
    pub(crate) public_base_url: String,
}

pub(crate) fn execute(
    request: &OperationRequest<'_>,
    store: &mut Store,
    now: OffsetDateTime,
) -> Result<Response, ApiError> {
    let webhook_id = || {
        request
            .route
            .webhook_id
            .expect("routes to a single webhook carry its id")
    };
    match request.route.operation {
        Operation::ListWebhooks => list_webhooks(store, request.query, &request.public_base_url),
        Operation::CreateWebhook => create_webhook(store, request.body, now),
        Operation::GetWebhook => Ok(Json(&existing(store, webhook_id())?.webhook).into_response()),
        Operation::UpdateWebhook => update_webhook(store, webhook_id(), request.body, now),
        Operation::DeleteWebhook => {
            let id = webhook_id();
            store
                .remove(id)
                .ok_or_else(|| ApiError::webhook_not_found(id))?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Operation::GetWebhookSecret => {
            let record = existing(store, webhook_id())?;
            Ok(Json(json!({ "key": record.secrets.current() })).into_response())
        }
        Operation::RotateWebhookSecret => {
            rotate_webhook_secret(store, webhook_id(), request.body, now)
        }
        Operation::ListWebhookEventTypes => Ok(Json(DataList {
            data: EVENT_TYPES,
            meta: None,
        })
        .into_response()),
    }
}

fn existing<'a>(store: &'a Store, id: &str) -> Result<&'a WebhookRecord, ApiError> {
    store.get(id).ok_or_else(|| ApiError::webhook_not_found(id))
}

fn existing_mut<'a>(store: &'a mut Store, id: &str) -> Result<&'a mut WebhookRecord, ApiError> {
    store
        .get_mut(id)
        .ok_or_else(|| ApiError::webhook_not_found(id))
}

fn list_webhooks(
    store: &Store,
    query: Option<&str>,
    public_base_url: &str,
) -> Result<Response, ApiError> {
    let (limit, cursor) = page_parameters(query)?;
    let page = store
        .page(cursor.as_deref(), limit)
        .map_err(|UnknownCursor| {
            ApiError::validation(
                StatusCode::BAD_REQUEST,
                vec![FieldError::query(
                    "cursor",
                    "does not match any webhook; start again without a cursor",
                )],
            )
        })?;
    let next_page_url = page.next_cursor.map(|cursor| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("cursor", cursor)
            .append_pair("limit", &limit.to_string())
            .finish();
        format!("{public_base_url}/api/v2/webhooks/?{query}")
    });
    Ok(Json(DataList {
        data: page.webhooks,
        meta: Some(PageMeta { next_page_url }),
    })
    .into_response())
}

fn page_parameters(query: Option<&str>) -> Result<(usize, Option<String>), ApiError> {
    let mut limit = None;
    let mut cursor = None;
    for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match name.as_ref() {
            "limit" => limit = Some(value.into_owned()),
            "cursor" => cursor = Some(value.into_owned()),
            _ => {}
        }
    }
    let limit = match limit {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => match text.parse::<usize>() {
            Ok(limit) if (1..=MAX_PAGE_SIZE).contains(&limit) => limit,
            _ => {
                return Err(ApiError::validation(
                    StatusCode::BAD_REQUEST,
                    vec![FieldError::query(
                        "limit",
                        format!("must be an integer from 1 to {MAX_PAGE_SIZE}"),
                    )],
                ))
            }
        },
    };
    // Some clients send `cursor=` for the first page.
    Ok((limit, cursor.filter(|cursor| !cursor.is_empty())))
}

fn invalid_body(problems: Vec<FieldError>) -> ApiError {
    ApiError::validation(StatusCode::BAD_REQUEST, problems)
}

fn create_webhook(
    store: &mut Store,
    body: &[u8],
    now: OffsetDateTime,
) -> Result<Response, ApiError> {
    let changes =
        webhook_changes(&json_object(body)?, UrlRequirement::Required).map_err(invalid_body)?;
    let timestamp = timestamps::format(now);
    let webhook = Webhook {
        id: webhook_id(now.unix_timestamp(), random_bytes()),
        url: changes
            .url
            .expect("a create body without a url fails validation"),
        description: changes.description.unwrap_or_default(),
        event_filters: changes.event_filters.unwrap_or_default(),
        enabled: changes.enabled.unwrap_or(true),
        created_at: timestamp.clone(),
        updated_at: timestamp,
    };
    let record = store.insert(WebhookRecord {
        webhook,
        secrets: SecretRing::new(generate_secret()),
    });
    Ok((StatusCode::CREATED, Json(&record.webhook)).into_response())
}

fn update_webhook(
    store: &mut Store,
    id: &str,
    body: &[u8],
    now: OffsetDateTime,
) -> Result<Response, ApiError> {
    let webhook = &mut existing_mut(store, id)?.webhook;
    let changes =
        webhook_changes(&json_object(body)?, UrlRequirement::Optional).map_err(invalid_body)?;
    if let Some(url) = changes.url {
        webhook.url = url;
    }
    if let Some(description) = changes.description {
        webhook.description = description;
    }
    if let Some(event_filters) = changes.event_filters {
        webhook.event_filters = event_filters;
    }
    if let Some(enabled) = changes.enabled {
        webhook.enabled = enabled;
    }
    webhook.updated_at = timestamps::format(now);
    Ok(Json(&*webhook).into_response())
}

/// Svix answers a bad custom key with 422, which Ada is assumed to pass on (API-NOTES §8).
fn rotate_webhook_secret(
    store: &mut Store,
    id: &str,
    body: &[u8],
    now: OffsetDateTime,
) -> Result<Response, ApiError> {
    let record = existing_mut(store, id)?;
    let key_problem = |message: String| {
        ApiError::validation(
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![FieldError::body("key", message)],
        )
    };
    let replacement = match json_object(body)?.get("key") {
        None | Some(Value::Null) => generate_secret(),
        Some(Value::String(key)) => normalize_custom_key(key).map_err(key_problem)?,
        Some(_) => return Err(key_problem("must be a string".to_owned())),
    };
    record.secrets.rotate(replacement, now);
    Ok(Json(json!({})).into_response())
}
