//! Ada's error envelope, `{"errors":[{"type","message","details"}]}`, and the errors the
//! stand-in answers with. `details` is a string, null, or for `validation_error` a list of
//! `{parameter, location, message}` (API-NOTES §6).

use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

pub(crate) const AUTHENTICATION_MESSAGE: &str =
    "Authentication token is missing or invalid. Try generating a new token.";

/// One problem with one request parameter, as Ada reports it in a validation error.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct FieldError {
    pub(crate) parameter: String,
    pub(crate) location: &'static str,
    pub(crate) message: String,
}

impl FieldError {
    pub(crate) fn body(parameter: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            parameter: parameter.into(),
            location: "body",
            message: message.into(),
        }
    }

    pub(crate) fn query(parameter: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            parameter: parameter.into(),
            location: "query",
            message: message.into(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum Details {
    Text(String),
    Fields(Vec<FieldError>),
}

#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    kind: &'static str,
    message: String,
    details: Option<Details>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            kind,
            message: message.into(),
            details: None,
            headers: Vec::new(),
        }
    }

    pub(crate) fn with_text_details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(Details::Text(details.into()));
        self
    }

    pub(crate) fn with_header(mut self, name: HeaderName, value: impl ToString) -> Self {
        let value = HeaderValue::from_str(&value.to_string())
            .expect("header values built by the stand-in are visible ASCII");
        self.headers.push((name, value));
        self
    }

    /// A `validation_error` whose message summarises the first problem.
    pub(crate) fn validation(status: StatusCode, problems: Vec<FieldError>) -> Self {
        let message = match problems.as_slice() {
            [only] => format!("Invalid request: `{}` {}.", only.parameter, only.message),
            [first, ..] => format!(
                "Invalid request: `{}` {} ({} more in details).",
                first.parameter,
                first.message,
                problems.len() - 1
            ),
            [] => "The request is invalid.".to_owned(),
        };
        Self {
            details: Some(Details::Fields(problems)),
            ..Self::new(status, "validation_error", message)
        }
    }

    pub(crate) fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "authentication_error",
            AUTHENTICATION_MESSAGE,
        )
        .with_header(header::WWW_AUTHENTICATE, "Bearer")
    }

    pub(crate) fn webhook_not_found(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("Webhook `{id}` was not found."),
        )
    }

    pub(crate) fn route_not_found(method: &Method, path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No endpoint matches {method} {path}."),
        )
    }

    pub(crate) fn method_not_allowed(method: &Method, path: &str, allowed: &[Method]) -> Self {
        let allow = allowed
            .iter()
            .map(Method::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            format!("{method} is not allowed on {path}; allowed: {allow}."),
        )
        .with_header(header::ALLOW, allow)
    }

    pub(crate) fn rate_limited(retry_after_seconds: u64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            format!("Rate limit exceeded. Retry after {retry_after_seconds} seconds."),
        )
        .with_header(header::RETRY_AFTER, retry_after_seconds)
    }

    pub(crate) fn request_too_large(limit_bytes: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request_too_large",
            format!("The request body exceeds the {limit_bytes}-byte limit."),
        )
    }

    pub(crate) fn invalid_json(problem: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "The request body is not valid JSON.",
        )
        .with_text_details(problem)
    }

    pub(crate) fn body_not_object() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "The request body must be a JSON object.",
        )
    }

    /// A plausible Ada error for an arbitrary status, used when a fault forces one.
    pub(crate) fn for_status(status: StatusCode) -> Self {
        let (kind, message) = match status.as_u16() {
            401 => ("authentication_error", AUTHENTICATION_MESSAGE),
            403 => (
                "authorization_error",
                "You do not have permission to perform this action.",
            ),
            404 => ("not_found", "The requested resource was not found."),
            409 => ("duplicate_resource", "The resource already exists."),
            413 => ("request_too_large", "The request body is too large."),
            422 => ("validation_error", "The request could not be validated."),
            429 => (
                "rate_limit_exceeded",
                "Rate limit exceeded. Please retry later.",
            ),
            502 => (
                "bad_gateway",
                "An upstream service returned an invalid response.",
            ),
            503 => (
                "service_unavailable",
                "The service is temporarily unavailable.",
            ),
            504 => ("gateway_timeout", "An upstream service timed out."),
            400..=499 => ("bad_request", "The request could not be processed."),
            _ => (
                "internal_server_error",
                "An unexpected error occurred. Please try again later.",
            ),
        };
        Self::new(status, kind, message)
    }
}

/// Typed rather than built with `json!` so fields keep Ada's order: type, message, details.
#[derive(Serialize)]
struct Envelope {
    errors: [EnvelopeItem; 1],
}

#[derive(Serialize)]
struct EnvelopeItem {
    #[serde(rename = "type")]
    kind: &'static str,
    message: String,
    details: Option<Details>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Envelope {
            errors: [EnvelopeItem {
                kind: self.kind,
                message: self.message,
                details: self.details,
            }],
        };
        let mut response = (self.status, Json(body)).into_response();
        response.headers_mut().extend(self.headers);
        response
    }
}
