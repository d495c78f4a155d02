//! Reading request bodies under Ada's 10 MB limit, and decoding JSON object bodies.

use axum::body::{Body, Bytes};
use http_body_util::BodyExt;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// Ada rejects request bodies over 10 MB with 413.
pub(crate) const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// An oversized body is read and discarded up to this size before answering 413: a server
/// that answers mid-upload and closes makes many clients report a broken pipe instead.
const MAX_DRAINED_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug)]
pub(crate) enum BodyError {
    TooLarge,
    Unreadable,
}

pub(crate) async fn read_limited(mut body: Body) -> Result<Bytes, BodyError> {
    let mut collected = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| BodyError::Unreadable)?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total += data.len();
        if total > MAX_DRAINED_BYTES {
            return Err(BodyError::TooLarge);
        }
        if total <= MAX_BODY_BYTES {
            collected.extend_from_slice(&data);
        }
    }
    if total > MAX_BODY_BYTES {
        return Err(BodyError::TooLarge);
    }
    Ok(Bytes::from(collected))
}

/// A request body as a JSON object; an empty body counts as `{}`.
pub(crate) fn json_object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ApiError::body_not_object()),
        Err(error) => Err(ApiError::invalid_json(error.to_string())),
    }
}
