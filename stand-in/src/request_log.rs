//! The log of API requests that the control API exposes, so tests can check what a client
//! actually sent. It records how a request authenticated, never the token itself.

use std::collections::VecDeque;

use serde::Serialize;
use serde_json::Value;

/// Older entries are dropped past this, so long demos and benchmarks cannot exhaust memory.
const CAPACITY: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum AuthorizationKind {
    BearerValid,
    BearerInvalid,
    Missing,
    /// A header with another scheme, or not readable as text.
    Other,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct RecordedRequest {
    pub(crate) seq: u64,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    /// Parsed JSON, the raw text when it is not JSON, or null when empty or too large.
    pub(crate) body: Value,
    /// What the client sent, even when `--proxy-prefix` added a token for it.
    pub(crate) authorization: AuthorizationKind,
    /// Came in under `--proxy-prefix`.
    pub(crate) via_proxy: bool,
    pub(crate) origin: Option<String>,
    /// Null when a `drop` fault closed the connection instead of answering.
    pub(crate) status: Option<u16>,
    pub(crate) operation: Option<&'static str>,
}

pub(crate) fn body_for_log(body: &[u8]) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

#[derive(Default)]
pub(crate) struct RequestLog {
    entries: VecDeque<RecordedRequest>,
    last_seq: u64,
}

impl RequestLog {
    /// Adds an entry, numbering it (`seq` keeps counting across [`RequestLog::clear`]).
    pub(crate) fn record(&mut self, mut entry: RecordedRequest) {
        self.last_seq += 1;
        entry.seq = self.last_seq;
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub(crate) fn entries(&self) -> &VecDeque<RecordedRequest> {
        &self.entries
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}
