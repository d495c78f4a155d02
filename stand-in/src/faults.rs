//! Injected misbehaviour for tests: faults that force the next N responses of an operation
//! (an error status, a dropped connection, or broken JSON), and added response latency.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::routes::Operation;

/// What a truncated JSON document looks like on the wire.
const MALFORMED_BODY: &str = r#"{"data": ["#;

/// Marks a response that must not be sent: [`crate::serve`] closes the connection instead.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DropConnection;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FaultKind {
    #[default]
    Status,
    Drop,
    Malformed,
}

/// A fault as the control API takes and lists it; `times` counts the responses still to force.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Fault {
    pub(crate) operation: Operation,
    #[serde(default = "one_time")]
    pub(crate) times: u32,
    #[serde(default)]
    pub(crate) kind: FaultKind,
    /// For `status` faults; 500 when absent.
    #[serde(default)]
    pub(crate) status: Option<u16>,
    #[serde(default)]
    pub(crate) retry_after: Option<u32>,
    /// Answers of the operation to let through normally before the fault starts, so that a test
    /// can fail, say, the second page of a listing.
    #[serde(default)]
    pub(crate) after: u32,
}

fn one_time() -> u32 {
    1
}

impl Fault {
    /// Why this fault cannot be armed, if it cannot.
    pub(crate) fn problem(&self) -> Option<(&'static str, String)> {
        if self.times == 0 {
            return Some(("times", "must be at least 1".to_owned()));
        }
        match self.status {
            Some(status) if !(400..=599).contains(&status) => Some((
                "status",
                format!("must be an error status (400-599), not {status}"),
            )),
            _ => None,
        }
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
        }
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
    use super::*;

    fn fault(operation: Operation, times: u32, kind: FaultKind) -> Fault {
        Fault {
            operation,
            times,
            kind,
            status: None,
            retry_after: None,
            after: 0,
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
