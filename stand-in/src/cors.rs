//! CORS for browser clients, off unless origins are configured: exact-origin matching,
//! preflight answers, and exposure of the rate-limit headers (and of the headers a fault
//! adds). Covers the control API too.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::faults::ExposedHeaders;
use crate::state::AppState;

const ALLOWED_METHODS: &str = "GET, POST, PATCH, DELETE, OPTIONS";
const ALLOWED_HEADERS: &str = "Authorization, Content-Type";
const EXPOSED_HEADERS: &str =
    "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";
const PREFLIGHT_MAX_AGE_SECONDS: &str = "600";

pub(crate) async fn apply(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let origins = &app.config.cors_origins;
    if origins.is_empty() {
        return next.run(request).await;
    }
    let allowed_origin = request
        .headers()
        .get(header::ORIGIN)
        .filter(|origin| {
            origins
                .iter()
                .any(|allowed| origin.as_bytes() == allowed.as_bytes())
        })
        .cloned();
    let is_preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);

    let mut response = match (&allowed_origin, is_preflight) {
        (Some(_), true) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOWED_METHODS),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOWED_HEADERS),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static(PREFLIGHT_MAX_AGE_SECONDS),
            );
            response
        }
        _ => next.run(request).await,
    };
    let exposed = exposed_headers(&response);
    let headers = response.headers_mut();
    // The answer depends on the Origin header whenever CORS is on, so caches must key on it.
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed_origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, exposed);
    }
    response
}

/// The usual exposed headers, plus those a fault added (`Location`, its own `headers`).
fn exposed_headers(response: &Response) -> HeaderValue {
    let Some(ExposedHeaders(extra)) = response.extensions().get::<ExposedHeaders>() else {
        return HeaderValue::from_static(EXPOSED_HEADERS);
    };
    let mut names = EXPOSED_HEADERS.to_owned();
    for name in extra {
        names.push_str(", ");
        names.push_str(name.as_str());
    }
    HeaderValue::from_str(&names).expect("header names are visible ASCII")
}
