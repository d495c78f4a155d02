//! The exact request URLs of Ada's webhook API, joined to a base URL's root, the webhook ids that may
//! go into them, and the cursor taken back out of `meta.next_page_url`. Trailing slashes are as Ada
//! documents them (API-NOTES §1): a redirect could turn a POST into a GET, so nothing here relies on
//! one.
//!
//! The cursor is re-applied to our own base URL rather than following `next_page_url` verbatim,
//! because behind a same-origin proxy that URL names Ada's host, which the browser may not reach.

use std::fmt;

use crate::base_url::BaseUrl;

/// A webhook id that is safe in a path: ids come from the server, and `.` or `..` would turn
/// "rotate this webhook" into a request for another path once the URL parser resolves them.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct WebhookId(String);

impl WebhookId {
    const MAX_LEN: usize = 256;

    /// `None` for an id that cannot name one webhook in a path: empty, `.`, `..`, overlong, or
    /// holding control characters.
    pub fn parse(id: &str) -> Option<WebhookId> {
        let usable = !id.is_empty()
            && id != "."
            && id != ".."
            && id.len() <= Self::MAX_LEN
            && !id.chars().any(char::is_control);
        usable.then(|| WebhookId(id.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for WebhookId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WebhookId({})", self.0)
    }
}

impl fmt::Display for WebhookId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn webhooks_page(base: &BaseUrl, cursor: Option<&str>, limit: Option<u32>) -> String {
    let mut url = format!("{}/v2/webhooks/", base.root());
    let mut separator = '?';
    if let Some(limit) = limit {
        url.push(separator);
        url.push_str("limit=");
        url.push_str(&limit.to_string());
        separator = '&';
    }
    if let Some(cursor) = cursor {
        url.push(separator);
        url.push_str("cursor=");
        url.push_str(&percent_encode(cursor));
    }
    url
}

/// `/v2/webhooks/{id}`: get, update and delete.
pub fn webhook(base: &BaseUrl, webhook_id: &WebhookId) -> String {
    format!(
        "{}/v2/webhooks/{}",
        base.root(),
        percent_encode(webhook_id.as_str())
    )
}

pub fn webhook_secret(base: &BaseUrl, webhook_id: &WebhookId) -> String {
    format!("{}/secret/", webhook(base, webhook_id))
}

pub fn rotate_webhook_secret(base: &BaseUrl, webhook_id: &WebhookId) -> String {
    format!("{}/secret/rotate/", webhook(base, webhook_id))
}

pub fn event_types(base: &BaseUrl) -> String {
    format!("{}/v2/webhooks/event-types/", base.root())
}

/// The `cursor` query parameter of a `next_page_url`, decoded; `None` when there is none.
pub fn cursor_from_next_page_url(next_page_url: &str) -> Option<String> {
    let query = next_page_url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "cursor")
        .map(|(_, value)| percent_decode(value))
        .filter(|cursor| !cursor.is_empty())
}

/// Encodes everything but RFC 3986's unreserved characters, so an id or cursor is one path segment
/// or query value whatever it holds.
fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push('%');
            encoded.push(
                char::from_digit(u32::from(byte >> 4), 16)
                    .unwrap_or('0')
                    .to_ascii_uppercase(),
            );
            encoded.push(
                char::from_digit(u32::from(byte & 0xF), 16)
                    .unwrap_or('0')
                    .to_ascii_uppercase(),
            );
        }
    }
    encoded
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex_pair = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok());
        match (bytes[index], hex_pair) {
            (b'%', Some(value)) => {
                decoded.push(value);
                index += 3;
            }
            (b'+', _) => {
                decoded.push(b' ');
                index += 1;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base_url;

    fn base(text: &str) -> BaseUrl {
        base_url::check(text, "https://dashboard.example").unwrap()
    }

    fn id(text: &str) -> WebhookId {
        WebhookId::parse(text).unwrap()
    }

    #[test]
    fn paths_have_adas_exact_trailing_slashes() {
        let api = base("https://acme.ada.support");
        assert_eq!(
            webhooks_page(&api, None, None),
            "https://acme.ada.support/api/v2/webhooks/"
        );
        assert_eq!(
            webhook(&api, &id("ep_1")),
            "https://acme.ada.support/api/v2/webhooks/ep_1"
        );
        assert_eq!(
            webhook_secret(&api, &id("ep_1")),
            "https://acme.ada.support/api/v2/webhooks/ep_1/secret/"
        );
        assert_eq!(
            rotate_webhook_secret(&api, &id("ep_1")),
            "https://acme.ada.support/api/v2/webhooks/ep_1/secret/rotate/"
        );
        assert_eq!(
            event_types(&api),
            "https://acme.ada.support/api/v2/webhooks/event-types/"
        );
    }

    #[test]
    fn same_origin_base_resolves_against_the_page_origin() {
        assert_eq!(
            webhooks_page(&base("/api"), None, Some(25)),
            "https://dashboard.example/api/v2/webhooks/?limit=25"
        );
    }

    #[test]
    fn ids_that_would_leave_their_path_are_refused() {
        for unusable in ["", ".", "..", "ep\n1", &"x".repeat(257)] {
            assert_eq!(WebhookId::parse(unusable), None, "{unusable:?}");
        }
        assert!(WebhookId::parse("...").is_some(), "not a dot segment");
        assert!(WebhookId::parse(&"x".repeat(256)).is_some());
        assert_eq!(
            id("ep_2bxE8VNtkWEMpJrMJv74FlSQmqP").to_string(),
            "ep_2bxE8VNtkWEMpJrMJv74FlSQmqP"
        );
        assert_eq!(format!("{:?}", id("ep_1")), "WebhookId(ep_1)");
    }

    #[test]
    fn ids_and_cursors_are_encoded() {
        assert_eq!(
            webhook_secret(&base("/api"), &id("a/../b")),
            "https://dashboard.example/api/v2/webhooks/a%2F..%2Fb/secret/"
        );
        assert_eq!(
            webhooks_page(&base("/api"), Some("ep_1 +&x"), Some(5)),
            "https://dashboard.example/api/v2/webhooks/?limit=5&cursor=ep_1%20%2B%26x"
        );
    }

    #[test]
    fn cursor_round_trips_through_next_page_url() {
        let next = "https://acme.ada.support/api/v2/webhooks/?limit=5&cursor=ep_1%20%2B%26x";
        assert_eq!(cursor_from_next_page_url(next).as_deref(), Some("ep_1 +&x"));
        assert_eq!(
            cursor_from_next_page_url("https://x/api/v2/webhooks/?cursor=abc#f").as_deref(),
            Some("abc")
        );
        assert_eq!(
            cursor_from_next_page_url("https://x/api/v2/webhooks/?limit=5"),
            None
        );
        assert_eq!(
            cursor_from_next_page_url("https://x/api/v2/webhooks/?cursor="),
            None
        );
        assert_eq!(
            cursor_from_next_page_url("https://x/?cursor=a+b%2Bc").as_deref(),
            Some("a b+c"),
            "+ is a space in a query"
        );
        assert_eq!(
            cursor_from_next_page_url("/broken%zz?cursor=a%zz"),
            Some("a%zz".into())
        );
    }
}
