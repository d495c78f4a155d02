//! The `/api` request pipeline: routing, body limit, authentication, rate limiting, faults,
//! the operation itself and latency, in that order. Every `/api/` request is recorded in the
//! request log, and so is every request under `--proxy-prefix`, served as `/api/…` with the
//! proxy's token (the log keeps what the browser itself sent).

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

use crate::body::{read_limited, BodyError, MAX_BODY_BYTES};
use crate::config::Config;
use crate::error::ApiError;
use crate::faults::DropConnection;
use crate::operations::{execute, OperationRequest};
use crate::request_log::{body_for_log, AuthorizationKind, RecordedRequest};
use crate::routes::{self, RouteError};
use crate::state::AppState;

const RECORDED_PREFIX: &str = "/api/";

/// How a request authenticated; a valid bearer token is kept to count its rate limit.
enum Authorization<'a> {
    Valid(&'a str),
    Rejected(AuthorizationKind),
}

impl<'a> Authorization<'a> {
    fn classify(headers: &'a HeaderMap, tokens: &[String]) -> Self {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Self::Rejected(AuthorizationKind::Missing);
        };
        let bearer_token = value.to_str().ok().and_then(|text| {
            let (scheme, token) = text.split_once(' ').unwrap_or((text, ""));
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
        match bearer_token {
            Some(token) if tokens.iter().any(|accepted| accepted == token) => Self::Valid(token),
            Some(_) => Self::Rejected(AuthorizationKind::BearerInvalid),
            None => Self::Rejected(AuthorizationKind::Other),
        }
    }

    fn kind(&self) -> AuthorizationKind {
        match self {
            Self::Valid(_) => AuthorizationKind::BearerValid,
            Self::Rejected(kind) => *kind,
        }
    }
}

/// Answers every request that no other route took: Ada's API under `/api/`, and a 404 in
/// Ada's envelope for anything else.
pub(crate) async fn handle(State(app): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let proxied_path = app.config.proxy.as_ref().and_then(|proxy| {
        let rest = parts.uri.path().strip_prefix(&proxy.prefix)?;
        Some((format!("{RECORDED_PREFIX}{rest}"), proxy.token.as_str()))
    });
    let path = proxied_path
        .as_ref()
        .map_or(parts.uri.path(), |(path, _)| path);
    let route = routes::resolve(&parts.method, path);
    let body = read_limited(body).await;
    let tokens = &app.config.tokens;
    let sent_authorization = Authorization::classify(&parts.headers, tokens).kind();
    let authorization = match &proxied_path {
        Some((_, proxy_token)) if tokens.iter().any(|token| token == proxy_token) => {
            Authorization::Valid(proxy_token)
        }
        Some(_) => Authorization::Rejected(AuthorizationKind::BearerInvalid),
        None => Authorization::classify(&parts.headers, tokens),
    };

    let response = match (&route, &body) {
        (Err(RouteError::NotFound), _) => {
            let error = ApiError::route_not_found(&parts.method, path);
            match routes::suggest_path(path) {
                Some(suggestion) => error.with_text_details(format!(
                    "Paths must match exactly, including trailing slashes; did you mean {suggestion}?"
                )),
                None => error,
            }
            .into_response()
        }
        (Err(RouteError::MethodNotAllowed(allowed)), _) => {
            ApiError::method_not_allowed(&parts.method, path, allowed).into_response()
        }
        (Ok(_), Err(BodyError::TooLarge)) => {
            ApiError::request_too_large(MAX_BODY_BYTES).into_response()
        }
        (Ok(_), Err(BodyError::Unreadable)) => ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "The request body could not be read.",
        )
        .into_response(),
        (Ok(route), Ok(body)) => {
            let request = OperationRequest {
                route: *route,
                query: parts.uri.query(),
                body,
                public_base_url: public_base_url(&app.config, &parts.headers),
            };
            authorized_response(&app, &authorization, &request)
        }
    };

    let operation = route.as_ref().ok().map(|route| route.operation);
    let delay = app.lock().latency.delay_for(operation);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }

    if path.starts_with(RECORDED_PREFIX) {
        let entry = RecordedRequest {
            seq: 0,
            method: parts.method.to_string(),
            path: path.to_owned(),
            query: parts.uri.query().map(str::to_owned),
            body: body.as_deref().map(body_for_log).unwrap_or_default(),
            authorization: sent_authorization,
            via_proxy: proxied_path.is_some(),
            origin: header_text(&parts.headers, header::ORIGIN.as_str()).map(str::to_owned),
            status: match response.extensions().get::<DropConnection>() {
                Some(_) => None,
                None => Some(response.status().as_u16()),
            },
            operation: operation.map(|operation| operation.id()),
        };
        app.lock().requests.record(entry);
    }
    response
}

/// Authentication, rate limiting, faults, then the operation.
fn authorized_response(
    app: &AppState,
    authorization: &Authorization<'_>,
    request: &OperationRequest<'_>,
) -> Response {
    let Authorization::Valid(token) = authorization else {
        return ApiError::unauthenticated().into_response();
    };
    let mut shared = app.lock();
    let quota = match shared.rate_limiter.admit(token, Instant::now()) {
        Ok(quota) => quota,
        Err(retry_after) => return ApiError::rate_limited(retry_after.0).into_response(),
    };
    if let Some(fault) = shared.faults.take(request.route.operation) {
        return fault.response();
    }
    let mut response = execute(request, &mut shared.store, OffsetDateTime::now_utc())
        .unwrap_or_else(IntoResponse::into_response);
    if let (Some(quota), true) = (quota, response.status().is_success()) {
        quota.write_headers(response.headers_mut());
    }
    response
}

/// The first value of a header, for headers that proxies may turn into comma-separated lists.
fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let value = headers.get(name)?.to_str().ok()?;
    let first = value.split(',').next()?.trim();
    (!first.is_empty()).then_some(first)
}

/// `--public-url` if given, else what `X-Forwarded-Proto`/`X-Forwarded-Host` say, else the
/// `Host` header over plain http.
fn public_base_url(config: &Config, headers: &HeaderMap) -> String {
    if let Some(public_url) = &config.public_url {
        return public_url.trim_end_matches('/').to_owned();
    }
    let scheme = match header_text(headers, "x-forwarded-proto") {
        Some(scheme) if scheme.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    };
    let host = header_text(headers, "x-forwarded-host")
        .or_else(|| header_text(headers, header::HOST.as_str()))
        .unwrap_or("localhost");
    format!("{scheme}://{host}")
}
