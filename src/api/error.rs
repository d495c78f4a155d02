//! The one error type of the API layer: every HTTP status Ada documents, a request that got no
//! answer at all, a redirect (never followed), an answer that is not what Ada documents, and a
//! request made after the session ended; plus the words a person sees for each.
//!
//! Ada's error envelope is `{"errors":[{"type","message","details"}]}`; `details` is a string, a list
//! of `{parameter, location, message}` (validation errors), or null (API-NOTES §6). Nothing here ever
//! holds a token or a secret: bodies are Ada's error envelopes only. Server text may still echo what
//! was sent (a custom key, say), so it is shown capped, and never leaves in a host event: those
//! carry [`ErrorKind::code`] and [`ErrorKind::sentence`] only.

use std::fmt;

use super::json::{Decoded, FromJson, Json};
use crate::i18n::{en, fill, number, tr};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub parameter: String,
    pub location: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorDetails {
    Text(String),
    Fields(Vec<FieldProblem>),
    /// A shape Ada has not documented; kept apart so that the rest of the envelope still reads.
    Other,
}

impl FromJson for FieldProblem {
    fn from_json(value: &Json) -> Decoded<FieldProblem> {
        let value = value.object()?;
        Ok(FieldProblem {
            parameter: value.text_field("parameter")?,
            location: value.text_field("location")?,
            message: value.text_field("message")?,
        })
    }
}

impl ErrorDetails {
    fn from_json(value: &Json) -> ErrorDetails {
        if let Ok(text) = value.text() {
            return ErrorDetails::Text(text);
        }
        let fields = value
            .items()
            .and_then(|items| items.iter().map(FieldProblem::from_json).collect());
        fields.map_or(ErrorDetails::Other, ErrorDetails::Fields)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdaError {
    /// The envelope's `type`.
    pub kind: String,
    pub message: String,
    pub details: Option<ErrorDetails>,
}

impl FromJson for AdaError {
    fn from_json(value: &Json) -> Decoded<AdaError> {
        let value = value.object()?;
        Ok(AdaError {
            kind: value.text_field("type")?,
            message: value.text_field("message")?,
            details: value
                .field("details")
                .map(|details| ErrorDetails::from_json(&details)),
        })
    }
}

/// `{"errors":[…]}`; anything else reads as no errors, leaving the status to speak.
struct ErrorEnvelope(Vec<AdaError>);

impl FromJson for ErrorEnvelope {
    fn from_json(value: &Json) -> Decoded<ErrorEnvelope> {
        let errors = value.object()?.list_field("errors", AdaError::from_json)?;
        Ok(ErrorEnvelope(errors))
    }
}

/// At most this many of Ada's further messages and details are shown, each at most
/// [`MAX_DETAIL_CHARS`] characters: a hostile or broken server cannot flood the widget.
pub const MAX_DETAIL_LINES: usize = 6;
pub const MAX_DETAIL_CHARS: usize = 300;

/// What went wrong, by the kind of next step it calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// No HTTP answer: offline, DNS, a refused connection, or a cross-origin request the browser blocked.
    Network,
    /// The API answered with a redirect, which requests never follow.
    Redirected,
    /// The request was asked for after the session ended (signed out, idle, or key rejected).
    SignedOut,
    /// The host page does not allow what the request would do (a capability it switched off), so
    /// it was never sent.
    NotAllowed,
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,
    Validation,
    RateLimited,
    Server,
    /// A status Ada does not document for these endpoints.
    OtherStatus,
    /// A success status whose body is not what Ada documents.
    UnexpectedBody,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    Network,
    Redirected,
    SignedOut,
    NotAllowed,
    Status {
        status: u16,
        errors: Vec<AdaError>,
        retry_after_seconds: Option<u32>,
    },
    UnexpectedBody {
        status: u16,
    },
}

impl ApiError {
    /// Builds the error for a non-success answer from its status, body text and `Retry-After` header.
    pub fn from_status(status: u16, body: &str, retry_after: Option<&str>) -> ApiError {
        let errors = ErrorEnvelope::from_json_text(body)
            .map(|envelope| envelope.0)
            .unwrap_or_default();
        let retry_after_seconds = retry_after.and_then(|value| value.trim().parse().ok());
        ApiError::Status {
            status,
            errors,
            retry_after_seconds,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            ApiError::Network => ErrorKind::Network,
            ApiError::Redirected => ErrorKind::Redirected,
            ApiError::SignedOut => ErrorKind::SignedOut,
            ApiError::NotAllowed => ErrorKind::NotAllowed,
            ApiError::UnexpectedBody { .. } => ErrorKind::UnexpectedBody,
            ApiError::Status { status, .. } => match status {
                400 => ErrorKind::BadRequest,
                401 => ErrorKind::Unauthorized,
                403 => ErrorKind::Forbidden,
                404 => ErrorKind::NotFound,
                409 => ErrorKind::Conflict,
                413 => ErrorKind::TooLarge,
                422 => ErrorKind::Validation,
                429 => ErrorKind::RateLimited,
                500..=599 => ErrorKind::Server,
                _ => ErrorKind::OtherStatus,
            },
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Network
            | ApiError::Redirected
            | ApiError::SignedOut
            | ApiError::NotAllowed => None,
            ApiError::Status { status, .. } | ApiError::UnexpectedBody { status } => Some(*status),
        }
    }

    /// True when the request may have taken effect although no success came back: a dropped
    /// connection or a server error after Ada received it. Trying a rotation again then may
    /// rotate twice, so the person is told before.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self.kind(), ErrorKind::Network | ErrorKind::Server)
    }

    /// True when the session is over for this request: signed out, or the key rejected (which
    /// signs out, or asks the host for a new token). Work in progress stops rather than reports.
    pub fn ends_session(&self) -> bool {
        matches!(self.kind(), ErrorKind::SignedOut | ErrorKind::Unauthorized)
    }

    /// True when trying the same request again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::Network
                | ErrorKind::RateLimited
                | ErrorKind::Server
                | ErrorKind::UnexpectedBody
        )
    }

    fn ada_errors(&self) -> &[AdaError] {
        match self {
            ApiError::Status { errors, .. } => errors,
            _ => &[],
        }
    }

    /// Ada's own first message, when it sent one.
    pub fn ada_message(&self) -> Option<&str> {
        self.ada_errors()
            .iter()
            .map(|error| error.message.trim())
            .find(|message| !message.is_empty())
    }

    /// Every further thing Ada said: other errors' messages and each detail, as list items; at
    /// most [`MAX_DETAIL_LINES`] (the last saying how many more there were), each shortened to
    /// [`MAX_DETAIL_CHARS`].
    pub fn detail_lines(&self) -> Vec<String> {
        self.detail_lines_except(|_| false)
    }

    /// [`ApiError::detail_lines`] without the field details `shown_elsewhere` (a form shows those
    /// next to their fields).
    pub fn detail_lines_except(&self, shown_elsewhere: fn(&FieldProblem) -> bool) -> Vec<String> {
        let mut lines = Vec::new();
        for (index, error) in self.ada_errors().iter().enumerate() {
            if index > 0 && !error.message.is_empty() {
                lines.push(error.message.clone());
            }
            match &error.details {
                Some(ErrorDetails::Text(text)) if !text.trim().is_empty() => {
                    lines.push(text.clone())
                }
                Some(ErrorDetails::Fields(fields)) => lines.extend(
                    fields
                        .iter()
                        .filter(|field| !shown_elsewhere(field))
                        .map(FieldProblem::line),
                ),
                _ => {}
            }
        }
        if lines.len() > MAX_DETAIL_LINES {
            let more = lines.len() - (MAX_DETAIL_LINES - 1);
            lines.truncate(MAX_DETAIL_LINES - 1);
            lines.push(fill("…and {0} more.", &[&number(more)]));
        }
        lines.iter().map(|line| shortened(line)).collect()
    }

    /// Each `{parameter, message}` detail Ada listed.
    pub fn field_problems(&self) -> impl Iterator<Item = &FieldProblem> {
        self.ada_errors()
            .iter()
            .filter_map(|error| match &error.details {
                Some(ErrorDetails::Fields(fields)) => Some(fields.iter()),
                _ => None,
            })
            .flatten()
    }

    /// What happened, in one sentence; Ada's own message (shortened) is preferred where it gave one.
    pub fn summary(&self) -> String {
        match (self.kind(), self.ada_message()) {
            // Ada's words for these are generic; ours say more about the next step.
            (ErrorKind::UnexpectedBody, _) | (_, None) => self.kind().sentence().to_owned(),
            (_, Some(message)) => shortened(message),
        }
    }

    /// What to do next.
    pub fn next_step(&self) -> String {
        let sentence = match self.kind() {
            ErrorKind::Network => en(
                "Check your connection. If the API is on another origin, the \
                browser may block it (Ada documents no CORS): use a same-origin proxy path such \
                as /api instead, then try again.",
            ),
            ErrorKind::Redirected => {
                en("Check the base URL: enter the address the API answers at \
                directly (for an Ada instance, https://<instance>.ada.support).")
            }
            ErrorKind::SignedOut => en("Sign in again, then repeat what you were doing."),
            ErrorKind::NotAllowed => {
                en("Ask whoever runs this page to allow it, or use Ada's dashboard.")
            }
            ErrorKind::Unauthorized => en("Sign in again with a valid key. Keys are made in Ada \
                under Config › Platform › API keys."),
            ErrorKind::Forbidden => {
                en("Ask an Ada administrator for a key with access to webhooks.")
            }
            ErrorKind::NotFound => en("Refresh the list to see the current webhooks."),
            ErrorKind::Conflict => en("Refresh the list, then try again."),
            ErrorKind::TooLarge | ErrorKind::BadRequest | ErrorKind::Validation => {
                en("Correct the values and try again.")
            }
            ErrorKind::RateLimited => match self.retry_after_seconds() {
                Some(seconds) => return fill("Try again in {0} s.", &[&seconds]),
                None => en("Wait a minute, then try again."),
            },
            ErrorKind::Server | ErrorKind::OtherStatus | ErrorKind::UnexpectedBody => {
                en("Try again. If it keeps failing, check Ada's status page.")
            }
        };
        tr(sentence).to_owned()
    }

    pub fn retry_after_seconds(&self) -> Option<u32> {
        match self {
            ApiError::Status {
                retry_after_seconds,
                ..
            } => *retry_after_seconds,
            _ => None,
        }
    }
}

impl ErrorKind {
    /// The fixed sentence for this kind, the same whatever the server said.
    pub fn sentence(self) -> &'static str {
        tr(match self {
            ErrorKind::Network => en("Could not reach the API."),
            ErrorKind::Redirected => en("Ada's API answered with a redirect; check the base URL."),
            ErrorKind::SignedOut => en("The session ended before the request was sent."),
            ErrorKind::NotAllowed => {
                en("This page does not allow that, so nothing was sent to Ada.")
            }
            ErrorKind::BadRequest => en("Ada could not accept the request."),
            ErrorKind::Unauthorized => en("Ada rejected this API key."),
            ErrorKind::Forbidden => en("This API key is not allowed to do that."),
            ErrorKind::NotFound => en("Ada has no such webhook; it may have been deleted."),
            ErrorKind::Conflict => {
                en("Ada reports a conflict with the current state of this webhook.")
            }
            ErrorKind::TooLarge => en("The request was too large for Ada."),
            ErrorKind::Validation => en("Ada did not accept the values sent."),
            ErrorKind::RateLimited => en("Too many requests: Ada's rate limit was reached."),
            ErrorKind::Server => en("Ada had an internal error."),
            ErrorKind::OtherStatus => en("Ada answered with an unexpected status."),
            ErrorKind::UnexpectedBody => en("Ada's answer was not in the documented format."),
        })
    }

    /// A stable code for hosts (`ada-webhooks:error`'s `detail.code`).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Network => "network",
            ErrorKind::Redirected => "redirected",
            ErrorKind::SignedOut => "signed_out",
            ErrorKind::NotAllowed => "not_allowed",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Validation => "validation",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server_error",
            ErrorKind::OtherStatus => "unexpected_status",
            ErrorKind::UnexpectedBody => "unexpected_body",
        }
    }
}

impl FieldProblem {
    fn line(&self) -> String {
        match (self.parameter.is_empty(), self.location.is_empty()) {
            (true, _) => self.message.clone(),
            (false, true) => fill("{0}: {1}", &[&self.parameter, &self.message]),
            (false, false) => fill(
                "{0} ({1}): {2}",
                &[&self.parameter, &self.location, &self.message],
            ),
        }
    }
}

/// `text` cut to [`MAX_DETAIL_CHARS`] characters, with an ellipsis when it was longer.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(MAX_DETAIL_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status() {
            Some(status) => write!(f, "{} (HTTP {status})", self.summary()),
            None => f.write_str(&self.summary()),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn status(code: u16, body: &str) -> ApiError {
        ApiError::from_status(code, body, None)
    }

    #[test]
    fn every_documented_status_has_its_kind() {
        let cases = [
            (400, ErrorKind::BadRequest),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (413, ErrorKind::TooLarge),
            (422, ErrorKind::Validation),
            (429, ErrorKind::RateLimited),
            (500, ErrorKind::Server),
            (503, ErrorKind::Server),
            (418, ErrorKind::OtherStatus),
        ];
        for (code, kind) in cases {
            let error = status(code, "");
            assert_eq!(error.kind(), kind, "{code}");
            assert!(!error.summary().is_empty() && !error.next_step().is_empty());
        }
        assert_eq!(ApiError::Network.kind(), ErrorKind::Network);
    }

    #[test]
    fn only_a_sign_out_or_a_rejected_key_ends_the_session() {
        assert!(ApiError::SignedOut.ends_session());
        assert!(status(401, "").ends_session());
        for other in [
            ApiError::Network,
            ApiError::Redirected,
            ApiError::NotAllowed,
            status(403, ""),
            status(429, ""),
            status(500, ""),
            ApiError::UnexpectedBody { status: 200 },
        ] {
            assert!(!other.ends_session(), "{other:?}");
        }
    }

    #[test]
    fn prefers_adas_message_and_lists_field_details() {
        let error = status(
            422,
            r#"{"errors":[{"type":"validation_error","message":"Invalid signing key",
                "details":[{"parameter":"key","location":"body","message":"secret length invalid"}]}]}"#,
        );
        assert_eq!(error.summary(), "Invalid signing key");
        assert_eq!(
            error.detail_lines(),
            vec!["key (body): secret length invalid"]
        );
    }

    #[test]
    fn field_details_can_be_shown_by_their_fields() {
        let error = status(
            422,
            r#"{"errors":[{"type":"validation_error","message":"Invalid webhook",
                "details":[{"parameter":"url","location":"body","message":"must be https"},
                {"parameter":"limit","location":"query","message":"too big"}]}]}"#,
        );
        let parameters: Vec<&str> = error
            .field_problems()
            .map(|p| p.parameter.as_str())
            .collect();
        assert_eq!(parameters, ["url", "limit"]);
        assert_eq!(
            error.detail_lines_except(|problem| problem.parameter == "url"),
            vec!["limit (query): too big"]
        );
        assert_eq!(error.detail_lines().len(), 2);
        assert_eq!(ApiError::Network.field_problems().count(), 0);
    }

    #[test]
    fn accepts_string_and_null_details_and_several_errors() {
        let error = status(
            400,
            r#"{"errors":[{"type":"a","message":"First","details":"more text"},
                          {"type":"b","message":"Second","details":null}]}"#,
        );
        assert_eq!(error.summary(), "First");
        assert_eq!(error.detail_lines(), vec!["more text", "Second"]);
    }

    #[test]
    fn undocumented_detail_shapes_keep_the_rest_of_the_envelope() {
        let error = status(
            400,
            r#"{"errors":[{"type":"a","message":"First","details":{"x":1}},
                          {"type":"b","message":"Second","details":[1,2]}]}"#,
        );
        assert_eq!(error.summary(), "First");
        assert_eq!(error.detail_lines(), vec!["Second"]);
        let first = &error.ada_errors()[0];
        assert_eq!(first.details, Some(ErrorDetails::Other));
        assert_eq!(first.kind, "a");
    }

    #[test]
    fn a_body_that_is_not_an_envelope_falls_back_to_our_words() {
        let error = status(502, "<html>Bad gateway</html>");
        assert_eq!(error.summary(), "Ada had an internal error.");
        assert!(error.detail_lines().is_empty());
        assert!(error.is_retryable());
    }

    #[test]
    fn rate_limit_says_when_to_retry() {
        let error = ApiError::from_status(429, "{}", Some("7"));
        assert_eq!(error.retry_after_seconds(), Some(7));
        assert_eq!(error.next_step(), "Try again in 7 s.");
        let error = ApiError::from_status(429, "{}", Some("soon"));
        assert_eq!(error.next_step(), "Wait a minute, then try again.");
    }

    #[test]
    fn unauthorized_says_where_keys_are_made() {
        assert!(status(401, "{}")
            .next_step()
            .contains("Config › Platform › API keys"));
        assert!(!status(401, "{}").is_retryable());
    }

    #[test]
    fn network_failure_explains_the_same_origin_proxy() {
        assert!(ApiError::Network.next_step().contains("same-origin proxy"));
        assert_eq!(ApiError::Network.to_string(), "Could not reach the API.");
        assert_eq!(
            status(404, "").to_string(),
            "Ada has no such webhook; it may have been deleted. (HTTP 404)"
        );
    }

    #[test]
    fn blank_details_and_blank_messages_are_left_out() {
        let error = status(
            400,
            r#"{"errors":[{"type":"a","message":"First","details":"  "},
                          {"type":"b","message":"","details":"kept"}]}"#,
        );
        assert_eq!(error.detail_lines(), vec!["kept"]);
    }

    #[test]
    fn field_details_name_their_parameter_and_location_when_given() {
        let error = status(
            422,
            r#"{"errors":[{"type":"validation_error","message":"Bad","details":[
                {"parameter":"url","location":"body","message":"must be https"},
                {"parameter":"url","location":"","message":"too long"},
                {"parameter":"","location":"body","message":"no parameter"}]}]}"#,
        );
        assert_eq!(
            error.detail_lines(),
            vec!["url (body): must be https", "url: too long", "no parameter"]
        );
    }

    #[test]
    fn server_text_is_capped_in_number_and_length() {
        let details: Vec<String> = (0..20)
            .map(|n| format!(r#"{{"parameter":"p{n}","location":"","message":"m"}}"#))
            .collect();
        let long = "x".repeat(MAX_DETAIL_CHARS + 50);
        let body = format!(
            r#"{{"errors":[{{"type":"v","message":"{long}","details":[{}]}}]}}"#,
            details.join(",")
        );
        let error = status(422, &body);
        let lines = error.detail_lines();
        assert_eq!(lines.len(), MAX_DETAIL_LINES);
        assert_eq!(lines[MAX_DETAIL_LINES - 1], "…and 15 more.");
        assert_eq!(error.summary().chars().count(), MAX_DETAIL_CHARS + 1);
        assert!(error.summary().ends_with('…'));
    }

    #[test]
    fn host_codes_and_sentences_are_fixed_whatever_the_server_said() {
        let error = status(
            400,
            r#"{"errors":[{"type":"a","message":"your key whsec_abc is bad"}]}"#,
        );
        assert_eq!(
            error.summary(),
            "your key whsec_abc is bad",
            "the UI shows Ada's words"
        );
        assert_eq!(error.kind().code(), "bad_request");
        assert_eq!(error.kind().sentence(), "Ada could not accept the request.");
        assert_eq!(
            ApiError::Redirected.summary(),
            "Ada's API answered with a redirect; check the base URL."
        );
        assert!(ApiError::Redirected.next_step().contains("base URL"));
        assert_eq!(ApiError::SignedOut.kind(), ErrorKind::SignedOut);
        assert_eq!(ApiError::SignedOut.status(), None);
    }

    #[test]
    fn only_a_dropped_connection_or_a_server_error_leave_the_outcome_unknown() {
        assert!(ApiError::Network.outcome_unknown());
        assert!(status(500, "").outcome_unknown() && status(503, "").outcome_unknown());
        for code in [400, 401, 404, 409, 422, 429] {
            assert!(!status(code, "").outcome_unknown(), "{code}");
        }
        assert!(!ApiError::Redirected.outcome_unknown());
    }

    #[test]
    fn exactly_the_most_details_are_shown_without_a_count() {
        let details: Vec<String> = (0..MAX_DETAIL_LINES)
            .map(|n| format!(r#"{{"parameter":"p{n}","location":"","message":"m"}}"#))
            .collect();
        let body = format!(
            r#"{{"errors":[{{"type":"v","message":"Bad","details":[{}]}}]}}"#,
            details.join(",")
        );
        let lines = status(422, &body).detail_lines();
        assert_eq!(lines.len(), MAX_DETAIL_LINES);
        assert!(lines.iter().all(|line| !line.starts_with("…and")));
    }
}
