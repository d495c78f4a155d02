//! The test-control API under `/__stand-in/`: request log, reset, faults, latency, secrets and
//! rate-limit settings. JSON in and out, no authentication, and never under `/api/`, so it can
//! not be mistaken for part of Ada's API.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode, Uri};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::body::json_object;
use crate::error::{ApiError, FieldError};
use crate::faults::Fault;
use crate::rate_limit::{RateLimitSettings, RateLimiter};
use crate::routes::Operation;
use crate::state::AppState;
use crate::timestamps;

type ControlResult = Result<Json<Value>, ApiError>;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/requests", get(list_requests).delete(clear_requests))
        .route("/reset", post(reset))
        .route(
            "/faults",
            get(list_faults).post(arm_fault).delete(clear_faults),
        )
        .route("/latency", get(show_latency).post(set_latency))
        .route("/webhooks/{id}/secrets", get(webhook_secrets))
        .route("/rate-limit", get(show_rate_limit).post(set_rate_limit))
        .method_not_allowed_fallback(method_not_allowed)
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}.", uri.path()),
    )
}

/// A control request body; an empty body counts as `{}`.
fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_value(Value::Object(json_object(body)?)).map_err(|error| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("Invalid control request: {error}."),
        )
    })
}

fn invalid_parameter(parameter: &str, message: impl Into<String>) -> ApiError {
    ApiError::validation(
        StatusCode::BAD_REQUEST,
        vec![FieldError::body(parameter, message)],
    )
}

async fn health() -> Json<Value> {
    Json(json!({ "ok": true }))
}

async fn list_requests(State(app): State<AppState>) -> Json<Value> {
    Json(json!({ "requests": app.lock().requests.entries() }))
}

async fn clear_requests(State(app): State<AppState>) -> Json<Value> {
    app.lock().requests.clear();
    Json(json!({ "ok": true }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetRequest {
    seed_webhooks: Option<usize>,
}

async fn reset(State(app): State<AppState>, body: Bytes) -> ControlResult {
    let request: ResetRequest = decode(&body)?;
    let seed_webhooks = request.seed_webhooks.unwrap_or(app.config.seed_webhooks);
    app.lock().reset(seed_webhooks);
    Ok(Json(json!({ "ok": true, "seed_webhooks": seed_webhooks })))
}

fn faults_view(app: &AppState) -> Json<Value> {
    Json(json!({ "faults": app.lock().faults.armed() }))
}

async fn list_faults(State(app): State<AppState>) -> Json<Value> {
    faults_view(&app)
}

async fn arm_fault(State(app): State<AppState>, body: Bytes) -> ControlResult {
    let fault: Fault = decode(&body)?;
    if let Some((parameter, message)) = fault.problem() {
        return Err(invalid_parameter(parameter, message));
    }
    app.lock().faults.arm(fault);
    Ok(faults_view(&app))
}

async fn clear_faults(State(app): State<AppState>) -> Json<Value> {
    app.lock().faults.clear();
    faults_view(&app)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LatencyRequest {
    ms: u64,
    operation: Option<Operation>,
}

fn latency_view(app: &AppState) -> Json<Value> {
    Json(json!({ "latency": app.lock().latency }))
}

async fn show_latency(State(app): State<AppState>) -> Json<Value> {
    latency_view(&app)
}

async fn set_latency(State(app): State<AppState>, body: Bytes) -> ControlResult {
    let request: LatencyRequest = decode(&body)?;
    app.lock().latency.set(request.operation, request.ms);
    Ok(latency_view(&app))
}

async fn webhook_secrets(State(app): State<AppState>, Path(id): Path<String>) -> ControlResult {
    let mut shared = app.lock();
    let record = shared
        .store
        .get_mut(&id)
        .ok_or_else(|| ApiError::webhook_not_found(&id))?;
    let previous: Vec<Value> = record
        .secrets
        .unexpired_previous(OffsetDateTime::now_utc())
        .iter()
        .map(|secret| json!({ "key": secret.key, "expires_at": timestamps::format(secret.expires_at) }))
        .collect();
    Ok(Json(
        json!({ "current": record.secrets.current(), "previous": previous }),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateLimitRequest {
    enabled: Option<bool>,
    per_second: Option<u32>,
    per_minute: Option<u32>,
}

fn rate_limit_view(settings: RateLimitSettings) -> Json<Value> {
    Json(json!({ "rate_limit": settings }))
}

async fn show_rate_limit(State(app): State<AppState>) -> Json<Value> {
    rate_limit_view(app.lock().rate_limiter.settings())
}

/// Changes the given settings and restarts every count.
async fn set_rate_limit(State(app): State<AppState>, body: Bytes) -> ControlResult {
    let request: RateLimitRequest = decode(&body)?;
    for (parameter, value) in [
        ("per_second", request.per_second),
        ("per_minute", request.per_minute),
    ] {
        if value == Some(0) {
            return Err(invalid_parameter(parameter, "must be at least 1"));
        }
    }
    let mut shared = app.lock();
    let current = shared.rate_limiter.settings();
    let settings = RateLimitSettings {
        enabled: request.enabled.unwrap_or(current.enabled),
        per_second: request.per_second.unwrap_or(current.per_second),
        per_minute: request.per_minute.unwrap_or(current.per_minute),
    };
    shared.rate_limiter = RateLimiter::new(settings);
    Ok(rate_limit_view(settings))
}
