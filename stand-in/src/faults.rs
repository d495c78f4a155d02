//! Injected misbehaviour for tests: faults that force the next N responses of an operation
//! (an error status, a dropped connection, broken JSON, a redirect, or any JSON body), and
//! added response latency.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::error::ApiError;
use crate::routes::Operation;

/// What a truncated JSON document looks like on the wire.
const MALFORMED_BODY: &str = r#"{"data": ["#;

/// The statuses a `redirect` fault may answer: those that carry a `Location` to follow.
const REDIRECT_STATUSES: [u16; 5] = [301, 302, 303, 307, 308];

/// Headers a fault may not set: the server frames the body itself.
const FRAMING_HEADERS: [HeaderName; 2] = [header::CONTENT_LENGTH, header::TRANSFER_ENCODING];

/// Marks a response that must not be sent: [`crate::serve`] closes the connection instead.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DropConnection;

/// Headers of a forced response beyond the usual ones, for CORS to expose to browsers.
#[derive(Clone, Debug)]
pub(crate) struct ExposedHeaders(pub(crate) Vec<HeaderName>);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FaultKind {
    #[default]
    Status,
    Drop,
    Malformed,
    Redirect,
    Body,
}

/// A fault as the control API takes and lists it; `times` counts the responses still to force.
/// The fields only some kinds use are listed only when given.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Fault {
    pub(crate) operation: Operation,
    #[serde(default = "one_time")]
    pub(crate) times: u32,
    #[serde(default)]
    pub(crate) kind: FaultKind,
    /// The status to answer: for `status` faults 400-599 (500 when absent), for `redirect`
    /// faults 301, 302, 303, 307 or 308 (302), for `body` faults 200-599 (200).
    #[serde(default)]
    pub(crate) status: Option<u16>,
    /// Sent as `Retry-After` by `status`, `redirect` and `body` faults.
    #[serde(default)]
    pub(crate) retry_after: Option<u32>,
    /// Answers of the operation to let through normally before the fault starts, so that a test
    /// can fail, say, the second page of a listing.
    #[serde(default)]
    pub(crate) after: u32,
    /// The `Location` of a `redirect` fault (required there, refused elsewhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) location: Option<String>,
    /// The JSON a `body` fault answers (required there, refused elsewhere); `null` counts.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub(crate) body: Option<Value>,
    /// Headers added to the answer of a `redirect` or `body` fault, replacing any of the same
    /// name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) headers: Option<BTreeMap<String, String>>,
}

fn one_time() -> u32 {
    1
}

/// A field that is present, even as `null` (absent fields get `default`, i.e. `None`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

impl Fault {
    /// Why this fault cannot be armed, if it cannot.
    pub(crate) fn problem(&self) -> Option<(&'static str, String)> {
        if self.times == 0 {
            return Some(("times", "must be at least 1".to_owned()));
        }
        if let Some(problem) = self.misplaced_field() {
            return Some(problem);
        }
        match self.kind {
            FaultKind::Status | FaultKind::Drop | FaultKind::Malformed => match self.status {
                Some(status) if !(400..=599).contains(&status) => Some((
                    "status",
                    format!("must be an error status (400-599), not {status}"),
                )),
                _ => None,
            },
            FaultKind::Redirect => match (self.status, &self.location) {
                (Some(status), _) if !REDIRECT_STATUSES.contains(&status) => Some((
                    "status",
                    format!(
                        "must be a redirect status (301, 302, 303, 307 or 308) for a \
                         `redirect` fault, not {status}"
                    ),
                )),
                (_, None) => Some(("location", "is required for a `redirect` fault".to_owned())),
                (_, Some(location)) if HeaderValue::from_str(location).is_err() => Some((
                    "location",
                    "must be a valid header value (visible ASCII)".to_owned(),
                )),
                _ => self.headers_problem(),
            },
            FaultKind::Body => match (self.status, &self.body) {
                (Some(status), _) if !(200..=599).contains(&status) => Some((
                    "status",
                    format!("must be 200-599 for a `body` fault, not {status}"),
                )),
                (_, None) => Some(("body", "is required for a `body` fault".to_owned())),
                _ => self.headers_problem(),
            },
        }
    }

    /// A field given to a kind that does not use it, which is most likely a mistyped kind.
    fn misplaced_field(&self) -> Option<(&'static str, String)> {
        let kind = self.kind;
        if self.location.is_some() && kind != FaultKind::Redirect {
            return Some(("location", "only applies to `redirect` faults".to_owned()));
        }
        if self.body.is_some() && kind != FaultKind::Body {
            return Some(("body", "only applies to `body` faults".to_owned()));
        }
        if self.headers.is_some() && !matches!(kind, FaultKind::Redirect | FaultKind::Body) {
            return Some((
                "headers",
                "only applies to `redirect` and `body` faults".to_owned(),
            ));
        }
        None
    }

    fn headers_problem(&self) -> Option<(&'static str, String)> {
        for (name, value) in self.headers.iter().flatten() {
            let Ok(parsed) = HeaderName::from_bytes(name.as_bytes()) else {
                return Some(("headers", format!("has `{name}`, not a valid header name")));
            };
            if FRAMING_HEADERS.contains(&parsed) {
                return Some((
                    "headers",
                    format!("cannot set `{name}`; the server frames the body itself"),
                ));
            }
            if HeaderValue::from_str(value).is_err() {
                return Some((
                    "headers",
                    format!("has `{name}` with a value that is not visible ASCII"),
                ));
            }
        }
        None
    }

    /// The forced response.
    pub(crate) fn response(&self) -> Response {
        match self.kind {
            FaultKind::Status => {
                let status = StatusCode::from_u16(self.status.unwrap_or(500))
                    .expect("statuses are checked to be 400-599 when the fault is armed");
                let mut error = ApiError::for_status(status);
                // Clients may rely on Retry-After for every 429, so one is always sent.
                let retry_after = match (self.retry_after, status) {
                    (Some(seconds), _) => Some(seconds),
                    (None, StatusCode::TOO_MANY_REQUESTS) => Some(1),
                    (None, _) => None,
                };
                if let Some(seconds) = retry_after {
                    error = error.with_header(header::RETRY_AFTER, seconds);
                }
                error.into_response()
            }
            FaultKind::Drop => {
                // Served without `serve`, the marker cannot act; this answer says why.
                let mut response = ApiError::for_status(StatusCode::INTERNAL_SERVER_ERROR)
                    .with_text_details(
                        "a `drop` fault needs the server started by `ada_stand_in::serve`",
                    )
                    .into_response();
                response.extensions_mut().insert(DropConnection);
                response
            }
            FaultKind::Malformed => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                MALFORMED_BODY,
            )
                .into_response(),
            FaultKind::Redirect => {
                let status = StatusCode::from_u16(self.status.unwrap_or(302))
                    .expect("statuses are checked to be redirects when the fault is armed");
                let location = self
                    .location
                    .as_deref()
                    .and_then(|location| HeaderValue::from_str(location).ok())
                    .expect("a valid location is checked when the fault is armed");
                let mut response = (status, Body::empty()).into_response();
                response.headers_mut().insert(header::LOCATION, location);
                self.finish(response, vec![header::LOCATION])
            }
            FaultKind::Body => {
                let status = StatusCode::from_u16(self.status.unwrap_or(200))
                    .expect("statuses are checked to be 200-599 when the fault is armed");
                // HTTP allows no body with these; hyper would drop it but keep its length.
                let body = if matches!(status, StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED) {
                    Vec::new()
                } else {
                    serde_json::to_vec(self.body.as_ref().unwrap_or(&Value::Null))
                        .expect("a JSON value always serialises")
                };
                let content_type = HeaderValue::from_static("application/json");
                let response = (status, [(header::CONTENT_TYPE, content_type)], body);
                self.finish(response.into_response(), Vec::new())
            }
        }
    }

    /// Adds `Retry-After` and the fault's own headers, and marks them (with `exposed`) for CORS.
    fn finish(&self, mut response: Response, mut exposed: Vec<HeaderName>) -> Response {
        let headers = response.headers_mut();
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        for (name, value) in self.headers.iter().flatten() {
            let name = HeaderName::from_bytes(name.as_bytes())
                .expect("header names are checked when the fault is armed");
            let value = HeaderValue::from_str(value).expect("header values are checked when armed");
            headers.insert(name.clone(), value);
            exposed.push(name);
        }
        response.extensions_mut().insert(ExposedHeaders(exposed));
        response
    }
}

/// Armed faults, applied in the order they were added.
#[derive(Default)]
pub(crate) struct Faults {
    armed: Vec<Fault>,
}

impl Faults {
    pub(crate) fn arm(&mut self, fault: Fault) {
        self.armed.push(fault);
    }

    pub(crate) fn armed(&self) -> &[Fault] {
        &self.armed
    }

    pub(crate) fn clear(&mut self) {
        self.armed.clear();
    }

    /// Uses up one response of the first fault armed for `operation`, or one of the normal
    /// answers it waits for (then `None`: answer normally).
    pub(crate) fn take(&mut self, operation: Operation) -> Option<Fault> {
        let position = self
            .armed
            .iter()
            .position(|fault| fault.operation == operation)?;
        let fault = &mut self.armed[position];
        if fault.after > 0 {
            fault.after -= 1;
            return None;
        }
        fault.times -= 1;
        let taken = fault.clone();
        if fault.times == 0 {
            self.armed.remove(position);
        }
        Some(taken)
    }
}

/// Delay added before answering API requests: one for every operation, overridden per operation.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Latency {
    default_ms: u64,
    operations: BTreeMap<Operation, u64>,
}

impl Latency {
    /// Sets the delay for one operation or, without one, for all; 0 clears it (without an
    /// operation, every delay).
    pub(crate) fn set(&mut self, operation: Option<Operation>, milliseconds: u64) {
        match (operation, milliseconds) {
            (Some(operation), 0) => {
                self.operations.remove(&operation);
            }
            (Some(operation), _) => {
                self.operations.insert(operation, milliseconds);
            }
            (None, 0) => *self = Self::default(),
            (None, _) => self.default_ms = milliseconds,
        }
    }

    pub(crate) fn delay_for(&self, operation: Option<Operation>) -> Duration {
        let specific = operation.and_then(|operation| self.operations.get(&operation));
        Duration::from_millis(*specific.unwrap_or(&self.default_ms))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fault(operation: Operation, times: u32, kind: FaultKind) -> Fault {
        Fault {
            operation,
            times,
            kind,
            status: None,
            retry_after: None,
            after: 0,
            location: None,
            body: None,
            headers: None,
        }
    }

    #[test]
    fn a_fault_can_wait_for_normal_answers_first() {
        let mut faults = Faults::default();
        faults.arm(Fault {
            after: 2,
            ..fault(Operation::ListWebhooks, 1, FaultKind::Drop)
        });
        let taken: Vec<bool> = (0..4)
            .map(|_| faults.take(Operation::ListWebhooks).is_some())
            .collect();
        assert_eq!(taken, [false, false, true, false]);
    }

    #[test]
    fn faults_run_out_in_order() {
        let mut faults = Faults::default();
        faults.arm(fault(Operation::GetWebhook, 2, FaultKind::Drop));
        faults.arm(fault(Operation::GetWebhook, 1, FaultKind::Malformed));
        let kinds: Vec<FaultKind> =
            std::iter::from_fn(|| faults.take(Operation::GetWebhook).map(|f| f.kind)).collect();
        assert_eq!(
            kinds,
            [FaultKind::Drop, FaultKind::Drop, FaultKind::Malformed]
        );
        assert!(faults.take(Operation::ListWebhooks).is_none());
    }

    fn parsed(fault: Value) -> Fault {
        serde_json::from_value(fault).expect("a fault")
    }

    fn merged(mut fault: Value, extra: Value) -> Value {
        let Value::Object(extra) = extra else {
            panic!("extra fields are an object");
        };
        fault.as_object_mut().unwrap().extend(extra);
        fault
    }

    fn problem_parameter(fault: Value) -> Option<&'static str> {
        parsed(fault).problem().map(|(parameter, _)| parameter)
    }

    async fn body_text(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn existing_kinds_keep_their_validation_and_listing() {
        for status in [400, 404, 500, 599] {
            assert_eq!(
                problem_parameter(json!({"operation": "list-webhooks", "status": status})),
                None
            );
        }
        for status in [200, 302, 399, 600] {
            assert_eq!(
                problem_parameter(json!({"operation": "list-webhooks", "status": status})),
                Some("status")
            );
        }
        let listed = serde_json::to_value(parsed(json!({"operation": "get-webhook"}))).unwrap();
        assert_eq!(
            listed,
            json!({"operation": "get-webhook", "times": 1, "kind": "status", "status": null, "retry_after": null, "after": 0})
        );
    }

    #[test]
    fn redirect_faults_need_a_redirect_status_and_a_location() {
        let redirect = |extra| {
            problem_parameter(merged(
                json!({"operation": "get-webhook-secret", "kind": "redirect"}),
                extra,
            ))
        };
        assert_eq!(redirect(json!({"location": "https://x.example/"})), None);
        for status in [301, 302, 303, 307, 308] {
            assert_eq!(redirect(json!({"location": "/", "status": status})), None);
        }
        assert_eq!(redirect(json!({})), Some("location"));
        assert_eq!(
            redirect(json!({"location": "https://x.example/\n"})),
            Some("location")
        );
        for status in [200, 300, 304, 305, 400, 500] {
            assert_eq!(
                redirect(json!({"location": "/", "status": status})),
                Some("status"),
                "{status}"
            );
        }
        assert_eq!(redirect(json!({"location": "/", "body": {}})), Some("body"));
    }

    #[test]
    fn body_faults_need_a_body_and_a_status_from_200_to_599() {
        let body = |extra| {
            problem_parameter(merged(
                json!({"operation": "list-webhooks", "kind": "body"}),
                extra,
            ))
        };
        assert_eq!(body(json!({"body": {"data": []}})), None);
        assert_eq!(body(json!({"body": null})), None, "null is a body");
        for status in [200, 204, 302, 404, 599] {
            assert_eq!(body(json!({"body": 1, "status": status})), None);
        }
        assert_eq!(body(json!({})), Some("body"));
        for status in [100, 199, 600] {
            assert_eq!(body(json!({"body": 1, "status": status})), Some("status"));
        }
        assert_eq!(body(json!({"body": 1, "location": "/"})), Some("location"));
    }

    #[test]
    fn only_the_new_kinds_take_their_fields() {
        for (extra, parameter) in [
            (json!({"location": "/"}), "location"),
            (json!({"body": {}}), "body"),
            (json!({"headers": {}}), "headers"),
        ] {
            for kind in ["status", "drop", "malformed"] {
                let fault = merged(
                    json!({"operation": "list-webhooks", "kind": kind}),
                    extra.clone(),
                );
                assert_eq!(problem_parameter(fault), Some(parameter), "{kind} {extra}");
            }
        }
    }

    #[test]
    fn fault_headers_must_be_valid_and_leave_framing_alone() {
        let with_headers = |headers: Value| {
            problem_parameter(json!({
                "operation": "list-webhooks", "kind": "body", "body": {}, "headers": headers
            }))
        };
        assert_eq!(
            with_headers(json!({"X-Extra": "1", "Content-Type": "text/html"})),
            None
        );
        for headers in [
            json!({"bad name": "1"}),
            json!({"X-Extra": "line\nbreak"}),
            json!({"Content-Length": "3"}),
            json!({"transfer-encoding": "chunked"}),
        ] {
            assert_eq!(with_headers(headers.clone()), Some("headers"), "{headers}");
        }
        assert!(
            serde_json::from_value::<Fault>(json!({
                "operation": "list-webhooks", "kind": "body", "body": {}, "headers": {"X-Number": 1}
            }))
            .is_err(),
            "header values are strings"
        );
    }

    #[test]
    fn new_fields_are_listed_when_given() {
        let fault = parsed(json!({
            "operation": "list-webhooks", "kind": "body", "body": null, "headers": {"X-A": "b"}
        }));
        assert_eq!(
            serde_json::to_value(fault).unwrap(),
            json!({
                "operation": "list-webhooks", "times": 1, "kind": "body", "status": null,
                "retry_after": null, "after": 0, "body": null, "headers": {"X-A": "b"}
            })
        );
    }

    #[tokio::test]
    async fn redirect_faults_answer_a_location_and_no_body() {
        let fault = parsed(json!({
            "operation": "get-webhook-secret", "kind": "redirect", "location": "https://evil.example/",
            "headers": {"X-Extra": "1"}, "retry_after": 5
        }));
        let response = fault.response();
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(
            response.headers()[header::LOCATION],
            "https://evil.example/"
        );
        assert_eq!(response.headers()["x-extra"], "1");
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        assert!(response.headers().get(header::CONTENT_TYPE).is_none());
        let exposed = &response.extensions().get::<ExposedHeaders>().unwrap().0;
        assert_eq!(
            exposed,
            &[header::LOCATION, HeaderName::from_static("x-extra")]
        );
        assert_eq!(body_text(response).await, "");

        let fault = Fault {
            status: Some(308),
            ..fault
        };
        assert_eq!(fault.response().status(), StatusCode::PERMANENT_REDIRECT);
    }

    #[tokio::test]
    async fn body_faults_answer_exactly_their_json() {
        let json = json!({"data": [{"id": ".."}, {"id": ""}], "meta": {"next_page_url": null}});
        let fault = parsed(json!({"operation": "list-webhooks", "kind": "body", "body": json}));
        let response = fault.response();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        assert!(response.headers().get(header::RETRY_AFTER).is_none());
        assert_eq!(
            body_text(response).await,
            serde_json::to_string(&json).unwrap()
        );

        let fault = parsed(json!({
            "operation": "list-webhooks", "kind": "body", "body": null, "status": 503,
            "headers": {"Content-Type": "text/html"}
        }));
        let response = fault.response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/html");
        assert_eq!(body_text(response).await, "null");

        let fault = Fault {
            status: Some(204),
            ..fault
        };
        assert_eq!(body_text(fault.response()).await, "", "HTTP allows no body");
    }

    #[test]
    fn operation_latency_overrides_the_default() {
        let mut latency = Latency::default();
        latency.set(None, 100);
        latency.set(Some(Operation::ListWebhooks), 250);
        assert_eq!(
            latency.delay_for(Some(Operation::ListWebhooks)),
            Duration::from_millis(250)
        );
        assert_eq!(latency.delay_for(None), Duration::from_millis(100));
        latency.set(None, 0);
        assert_eq!(
            latency.delay_for(Some(Operation::ListWebhooks)),
            Duration::ZERO
        );
    }
}
