//! The exact request paths of Ada's webhook API, joined to a base URL, and the cursor taken back out
//! of `meta.next_page_url`. Trailing slashes are as Ada documents them (API-NOTES §1): a redirect
//! could turn a POST into a GET, so nothing here relies on one.
//!
//! The cursor is re-applied to our own base URL rather than following `next_page_url` verbatim,
//! because behind a same-origin proxy that URL names Ada's host, which the browser may not reach.

use crate::config::BaseUrl;

pub fn webhooks_page(base: &BaseUrl, cursor: Option<&str>, limit: Option<u32>) -> String {
    let mut url = format!("{base}/v2/webhooks/");
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

pub fn webhook_secret(base: &BaseUrl, webhook_id: &str) -> String {
    format!("{base}/v2/webhooks/{}/secret/", percent_encode(webhook_id))
}

pub fn rotate_webhook_secret(base: &BaseUrl, webhook_id: &str) -> String {
    format!(
        "{base}/v2/webhooks/{}/secret/rotate/",
        percent_encode(webhook_id)
    )
}

pub fn event_types(base: &BaseUrl) -> String {
    format!("{base}/v2/webhooks/event-types/")
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
    use crate::config::normalize_base_url;

    fn base(text: &str) -> BaseUrl {
        normalize_base_url(text).unwrap()
    }

    #[test]
    fn paths_have_adas_exact_trailing_slashes() {
        let api = base("https://acme.ada.support");
        assert_eq!(
            webhooks_page(&api, None, None),
            "https://acme.ada.support/api/v2/webhooks/"
        );
        assert_eq!(
            webhook_secret(&api, "ep_1"),
            "https://acme.ada.support/api/v2/webhooks/ep_1/secret/"
        );
        assert_eq!(
            rotate_webhook_secret(&api, "ep_1"),
            "https://acme.ada.support/api/v2/webhooks/ep_1/secret/rotate/"
        );
        assert_eq!(
            event_types(&api),
            "https://acme.ada.support/api/v2/webhooks/event-types/"
        );
    }

    #[test]
    fn same_origin_base_gives_relative_urls() {
        assert_eq!(
            webhooks_page(&base("/api"), None, Some(25)),
            "/api/v2/webhooks/?limit=25"
        );
    }

    #[test]
    fn ids_and_cursors_are_encoded() {
        assert_eq!(
            webhook_secret(&base("/api"), "a/../b"),
            "/api/v2/webhooks/a%2F..%2Fb/secret/"
        );
        assert_eq!(
            webhooks_page(&base("/api"), Some("ep_1 +&x"), Some(5)),
            "/api/v2/webhooks/?limit=5&cursor=ep_1%20%2B%26x"
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
            cursor_from_next_page_url("/broken%zz?cursor=a%zz"),
            Some("a%zz".into())
        );
    }
}
