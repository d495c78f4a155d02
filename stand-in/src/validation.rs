//! Validation of create and update bodies into typed changes. Every problem is collected, so
//! one answer lists them all as `validation_error` details.

use std::net::Ipv6Addr;

use serde_json::{Map, Value};

use crate::error::FieldError;
use crate::event_types;

/// Svix's limit on endpoint URLs.
const MAX_URL_LENGTH: usize = 65_536;

/// The fields a request sets; absent fields stay unchanged on update.
#[derive(Debug, Default)]
pub(crate) struct WebhookChanges {
    pub(crate) url: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) event_filters: Option<Vec<String>>,
    pub(crate) enabled: Option<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlRequirement {
    Required,
    Optional,
}

/// Reads the known fields of a create or update body; unknown fields are ignored, as Ada
/// promises to add fields without a version change.
pub(crate) fn webhook_changes(
    body: &Map<String, Value>,
    url_requirement: UrlRequirement,
) -> Result<WebhookChanges, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut changes = WebhookChanges::default();

    match body.get("url") {
        None if url_requirement == UrlRequirement::Required => {
            problems.push(FieldError::body("url", "is required"));
        }
        None => {}
        Some(Value::String(url)) => match url_problem(url) {
            Some(problem) => problems.push(FieldError::body("url", problem)),
            None => changes.url = Some(url.clone()),
        },
        Some(_) => problems.push(FieldError::body("url", "must be a string")),
    }
    match body.get("description") {
        None => {}
        Some(Value::String(description)) => changes.description = Some(description.clone()),
        Some(_) => problems.push(FieldError::body("description", "must be a string")),
    }
    match body.get("event_filters") {
        None => {}
        Some(Value::Array(items)) => match event_filters(items) {
            Ok(filters) => changes.event_filters = Some(filters),
            Err(filter_problems) => problems.extend(filter_problems),
        },
        Some(_) => problems.push(FieldError::body(
            "event_filters",
            "must be an array of event type names",
        )),
    }
    match body.get("enabled") {
        None => {}
        Some(Value::Bool(enabled)) => changes.enabled = Some(*enabled),
        Some(_) => problems.push(FieldError::body("enabled", "must be a boolean")),
    }

    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

fn event_filters(items: &[Value]) -> Result<Vec<String>, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let parameter = format!("event_filters[{index}]");
        let Some(name) = item.as_str() else {
            problems.push(FieldError::body(parameter, "must be a string"));
            continue;
        };
        if !event_types::is_known(name) {
            problems.push(FieldError::body(
                parameter,
                format!("must be a known event type (see GET /api/v2/webhooks/event-types/), not `{name}`"),
            ));
        } else if names.iter().any(|seen| seen == name) {
            problems.push(FieldError::body(parameter, format!("repeats `{name}`")));
        } else {
            names.push(name.to_owned());
        }
    }
    if problems.is_empty() {
        Ok(names)
    } else {
        Err(problems)
    }
}

/// Why `url` is not an absolute http(s) URL, if it is not.
fn url_problem(url: &str) -> Option<&'static str> {
    if url.is_empty() {
        return Some("must not be empty");
    }
    if url.len() > MAX_URL_LENGTH {
        return Some("must be at most 65536 characters long");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("must not contain whitespace or control characters");
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some("must be an absolute URL starting with http:// or https://");
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some("must use the http or https scheme");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let valid = match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split_once(']').is_some_and(|(address, port)| {
            address.parse::<Ipv6Addr>().is_ok()
                && (port.is_empty() || port.strip_prefix(':').is_some_and(is_port))
        }),
        None => match host_and_port.rsplit_once(':') {
            Some((host, port)) => is_host_name(host) && is_port(port),
            None => is_host_name(host_and_port),
        },
    };
    (!valid).then_some("must name a valid host, optionally with a port")
}

fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) && port.parse::<u16>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parameters(body: Value, requirement: UrlRequirement) -> Vec<String> {
        let object = body.as_object().unwrap().clone();
        match webhook_changes(&object, requirement) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|p| p.parameter).collect(),
        }
    }

    #[test]
    fn accepts_absolute_http_urls() {
        for url in [
            "https://hooks.example.com/ada",
            "http://localhost:8080/webhooks?x=1#frag",
            "https://user:pw@[::1]:443/",
            "HTTPS://EXAMPLE.COM",
            "https://café.example/",
        ] {
            assert_eq!(url_problem(url), None, "{url}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for url in [
            "",
            "example.com/hook",
            "ftp://example.com/",
            "https://",
            "https:///path",
            "https://exa mple.com/",
            "https://example.com:99999/",
            "https://example.com:port/",
            "javascript:alert(1)",
        ] {
            assert!(url_problem(url).is_some(), "{url}");
        }
    }

    #[test]
    fn create_requires_a_url_and_update_does_not() {
        assert_eq!(parameters(json!({}), UrlRequirement::Required), ["url"]);
        assert!(parameters(json!({}), UrlRequirement::Optional).is_empty());
    }

    #[test]
    fn every_problem_is_reported() {
        let body = json!({
            "url": 5,
            "description": null,
            "event_filters": ["v1.conversation.created", "nope", 3, "v1.conversation.created"],
            "enabled": "yes"
        });
        assert_eq!(
            parameters(body, UrlRequirement::Required),
            [
                "url",
                "description",
                "event_filters[1]",
                "event_filters[2]",
                "event_filters[3]",
                "enabled"
            ]
        );
    }

    #[test]
    fn filters_keep_their_order() {
        let body = json!({"event_filters": ["v1.conversation.ended", "v1.end_user.created"]});
        let changes = webhook_changes(body.as_object().unwrap(), UrlRequirement::Optional).unwrap();
        assert_eq!(
            changes.event_filters.unwrap(),
            ["v1.conversation.ended", "v1.end_user.created"]
        );
    }
}
