//! The create and edit form's rules without a browser: what is wrong with a receiver URL (said as
//! it is typed), the body a create sends, the changes an edit sends (only what changed, nothing when
//! nothing did), and which field a server detail names.

use std::fmt;

use crate::api::types::{EventType, NewWebhook, Webhook, WebhookChanges};
use crate::api::ApiError;
use crate::i18n::{fill, number, tr};

/// Svix's limit on an endpoint URL (API-NOTES §4.2).
const MAX_URL_LENGTH: usize = 65_536;

/// A form field that a problem can be shown next to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Url,
    Description,
    Events,
}

/// What the form holds: the URL and description as typed, and either "All events" (an empty
/// filter, which also receives event types Ada adds later) or the chosen event types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookForm {
    pub url: String,
    pub description: String,
    pub all_events: bool,
    pub events: Vec<String>,
}

impl Default for WebhookForm {
    fn default() -> WebhookForm {
        WebhookForm {
            url: String::new(),
            description: String::new(),
            all_events: true,
            events: Vec::new(),
        }
    }
}

/// Why the form cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormProblem {
    Url(UrlProblem),
    NoEventTypes,
}

impl From<UrlProblem> for FormProblem {
    fn from(problem: UrlProblem) -> FormProblem {
        FormProblem::Url(problem)
    }
}

/// Said next to the event types when neither "All events" nor a type is chosen.
pub fn no_event_types() -> &'static str {
    tr("Choose at least one event type, or All events.")
}

impl WebhookForm {
    pub fn of(webhook: &Webhook) -> WebhookForm {
        WebhookForm {
            url: webhook.url.clone(),
            description: webhook.description.clone(),
            all_events: webhook.event_filters.is_empty(),
            events: webhook.event_filters.clone(),
        }
    }

    /// The event filter to send: empty for all events.
    pub fn event_filters(&self) -> Result<Vec<String>, FormProblem> {
        match (self.all_events, self.events.is_empty()) {
            (true, _) => Ok(Vec::new()),
            (false, true) => Err(FormProblem::NoEventTypes),
            (false, false) => Ok(self.events.clone()),
        }
    }

    /// Ticks or unticks one event type; ticking one leaves "All events".
    pub fn choose(&mut self, name: &str, chosen: bool) {
        self.events.retain(|event| event != name);
        if chosen {
            self.events.push(name.to_owned());
            self.all_events = false;
        }
    }

    /// Ticks or unticks "All events"; ticking it forgets the chosen types.
    pub fn choose_all(&mut self, all: bool) {
        self.all_events = all;
        if all {
            self.events.clear();
        }
    }

    /// The body of the create request, or why the form cannot be sent.
    pub fn new_webhook(&self) -> Result<NewWebhook, FormProblem> {
        check_url(&self.url)?;
        Ok(NewWebhook {
            url: self.url.trim().to_owned(),
            description: self.description.clone(),
            event_filters: self.event_filters()?,
            enabled: true,
        })
    }

    /// What an edit of `original` sends: only the fields this form changed.
    pub fn changes(&self, original: &Webhook) -> Result<WebhookChanges, FormProblem> {
        let url = self.url.trim();
        if url != original.url {
            check_url(url)?;
        }
        let events = self.event_filters()?;
        let same_events = {
            let (mut chosen, mut before) = (events.clone(), original.event_filters.clone());
            chosen.sort();
            before.sort();
            chosen == before
        };
        Ok(WebhookChanges {
            url: (url != original.url).then(|| url.to_owned()),
            description: (self.description != original.description)
                .then(|| self.description.clone()),
            event_filters: (!same_events).then_some(events),
            enabled: None,
        })
    }
}

/// Why a receiver URL cannot be sent; each says what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    Empty,
    ContainsSpace,
    NotHttps,
    MissingHost,
    InvalidHost(String),
    HasCredentials,
    InvalidPort(String),
    TooLong,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlProblem::Empty => f.write_str(tr("Enter the URL that receives the deliveries.")),
            UrlProblem::ContainsSpace => f.write_str(tr("The URL contains a space. Remove it.")),
            UrlProblem::NotHttps => f.write_str(tr(
                "Ada delivers only to https:// URLs: start the address with https://.",
            )),
            UrlProblem::MissingHost => f.write_str(tr(
                "The URL has no host name, for example https://hooks.example.com/ada.",
            )),
            UrlProblem::InvalidHost(host) => f.write_str(&fill(
                "“{0}” is not a valid host name. Check for typos.",
                &[host],
            )),
            UrlProblem::HasCredentials => f.write_str(tr(
                "Remove the user name or password from the URL; deliveries are signed instead.",
            )),
            UrlProblem::InvalidPort(port) => f.write_str(&fill(
                "“{0}” is not a port: use a number from 1 to 65535, or none.",
                &[port],
            )),
            UrlProblem::TooLong => f.write_str(&fill(
                "The URL is longer than the {0} characters Ada accepts.",
                &[&number(MAX_URL_LENGTH)],
            )),
        }
    }
}

/// The problem with a receiver URL, if any.
pub fn check_url(input: &str) -> Result<(), UrlProblem> {
    let url = input.trim();
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if url.len() > MAX_URL_LENGTH {
        return Err(UrlProblem::TooLong);
    }
    if url.contains(char::is_whitespace) {
        return Err(UrlProblem::ContainsSpace);
    }
    let scheme_end = url.find("://").ok_or(UrlProblem::NotHttps)?;
    if !url[..scheme_end].eq_ignore_ascii_case("https") {
        return Err(UrlProblem::NotHttps);
    }
    let rest = &url[scheme_end + 3..];
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(UrlProblem::HasCredentials);
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => {
            if !matches!(port.parse::<u16>(), Ok(1..)) {
                return Err(UrlProblem::InvalidPort(port.to_owned()));
            }
            host
        }
        _ => authority,
    };
    if host.is_empty() {
        return Err(UrlProblem::MissingHost);
    }
    let plain_name = host.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
    });
    let bracketed = host.starts_with('[') && host.ends_with(']');
    if !(plain_name || bracketed) {
        return Err(UrlProblem::InvalidHost(host.to_owned()));
    }
    Ok(())
}

/// A warning, not a refusal: the URL's host has letters outside A–Z or a punycode label (`xn--`),
/// so it may look like another host while being a different one (a Cyrillic "а" for a Latin "a").
/// Deliveries carry the webhook's payloads, so the person is asked to look again.
pub fn lookalike_host_warning(input: &str) -> Option<String> {
    let rest = input.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host);
    let lookalike = !host.is_ascii()
        || host
            .split('.')
            .any(|label| label.len() > 4 && label[..4].eq_ignore_ascii_case("xn--"));
    lookalike.then(|| {
        fill(
            "The host “{0}” has letters outside A–Z, or is written in punycode (xn--): some \
             letters look like others (Cyrillic а and Latin a). Check that it is the receiver you \
             mean.",
            &[&host],
        )
    })
}

/// The event types the form offers: Ada's catalog, then any the webhook already has that the
/// catalog does not list (so that an edit shows and keeps them), described as such.
pub fn event_choices(catalog: &[EventType], chosen: &[String]) -> Vec<EventType> {
    let unlisted = chosen
        .iter()
        .filter(|name| !catalog.iter().any(|event_type| &event_type.name == *name))
        .map(|name| EventType {
            name: name.clone(),
            description: tr("Not in Ada's list of event types.").to_owned(),
        });
    catalog.iter().cloned().chain(unlisted).collect()
}

/// The field a server detail's `parameter` names (`url`, `$.url`, `body.event_filters[0]`, …).
pub fn field_of(parameter: &str) -> Option<Field> {
    let name = parameter
        .trim_start_matches("$.")
        .trim_start_matches("body.")
        .trim_start_matches("body/");
    let name = name.split(['[', '.', '/']).next().unwrap_or_default();
    match name {
        "url" => Some(Field::Url),
        "description" => Some(Field::Description),
        "event_filters" => Some(Field::Events),
        _ => None,
    }
}

/// What Ada said about `field` when `sent` was refused, while the field still holds what was sent:
/// once the person changes the field, Ada's word on the old value no longer applies.
pub fn ada_detail_for(
    field: Field,
    now: &WebhookForm,
    sent: &WebhookForm,
    error: &ApiError,
) -> Option<String> {
    let unchanged = match field {
        Field::Url => now.url == sent.url,
        Field::Description => now.description == sent.description,
        Field::Events => (now.all_events, &now.events) == (sent.all_events, &sent.events),
    };
    let messages: Vec<&str> = error
        .field_problems()
        .filter(|problem| unchanged && field_of(&problem.parameter) == Some(field))
        .map(|problem| problem.message.as_str())
        .collect();
    (!messages.is_empty()).then(|| messages.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_that_may_look_like_another_is_pointed_out_but_allowed() {
        assert_eq!(
            lookalike_host_warning("https://hooks.example.com/ada"),
            None
        );
        assert_eq!(
            lookalike_host_warning("https://hooks.example.com:8443/x?y=é"),
            None,
            "only the host counts"
        );
        let cyrillic = lookalike_host_warning("https://hооks.example.com/ada").unwrap();
        assert!(cyrillic.starts_with("The host “hооks.example.com” has letters outside A–Z"));
        assert!(lookalike_host_warning("https://xn--hks-tdda.example.com/").is_some());
        assert!(lookalike_host_warning("https://XN--hks-tdda.example.com:443/").is_some());
        assert_eq!(
            lookalike_host_warning("https://xn--.example.com/"),
            None,
            "not a punycode label"
        );
        assert_eq!(lookalike_host_warning("not a url"), None);
        assert_eq!(
            check_url("https://hооks.example.com/ada"),
            Ok(()),
            "a warning, not a refusal"
        );
    }

    fn webhook() -> Webhook {
        Webhook {
            id: "ep_1".into(),
            url: "https://hooks.example.com/a".into(),
            description: "Orders".into(),
            event_filters: vec!["v1.b".into(), "v1.a".into()],
            enabled: true,
            ..Webhook::default()
        }
    }

    #[test]
    fn each_url_problem_is_named() {
        use UrlProblem::*;
        for (url, problem) in [
            ("", Empty),
            ("   ", Empty),
            ("https://hooks.example.com/a b", ContainsSpace),
            ("http://hooks.example.com", NotHttps),
            ("hooks.example.com/ada", NotHttps),
            ("ftp://hooks.example.com", NotHttps),
            ("https://", MissingHost),
            ("https:///path", MissingHost),
            ("https://me:pw@hooks.example.com", HasCredentials),
            (
                "https://bad_host.example",
                InvalidHost("bad_host.example".into()),
            ),
            ("https://-x.example", InvalidHost("-x.example".into())),
            (
                "https://hooks.example.com:99999/",
                InvalidPort("99999".into()),
            ),
            (
                "https://hooks.example.com:port/",
                InvalidPort("port".into()),
            ),
            ("https://hooks.example.com:/", InvalidPort("".into())),
            ("https://[::1]:0/", InvalidPort("0".into())),
        ] {
            assert_eq!(check_url(url), Err(problem), "{url:?}");
        }
        assert_eq!(
            check_url(&format!("https://x.example/{}", "a".repeat(MAX_URL_LENGTH))),
            Err(TooLong)
        );
        assert!(UrlProblem::NotHttps.to_string().contains("https://"));
    }

    #[test]
    fn usable_urls_pass() {
        for url in [
            "https://hooks.example.com",
            "HTTPS://hooks.example.com:8443/ada?x=1#f",
            " https://hooks.example.com/ada ",
            "https://[2001:db8::1]:8443/hook",
            "https://bücher.example/hook",
        ] {
            assert_eq!(check_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn a_create_sends_adas_shape_with_an_empty_filter_for_all_events() {
        let mut form = WebhookForm {
            url: " https://hooks.example.com/new ".into(),
            description: "New".into(),
            ..WebhookForm::default()
        };
        let new = form.new_webhook().unwrap();
        assert_eq!(new.url, "https://hooks.example.com/new");
        assert!(new.event_filters.is_empty() && new.enabled);
        form.choose("v1.a", true);
        form.choose("v1.b", true);
        form.choose("v1.a", false);
        assert!(!form.all_events);
        assert_eq!(form.new_webhook().unwrap().event_filters, ["v1.b"]);
        form.choose("v1.b", false);
        assert_eq!(form.new_webhook(), Err(FormProblem::NoEventTypes));
        form.choose("v1.c", true);
        form.choose_all(true);
        assert_eq!(
            form.new_webhook().unwrap().event_filters,
            Vec::<String>::new()
        );
        assert_eq!(
            WebhookForm::default().new_webhook(),
            Err(FormProblem::Url(UrlProblem::Empty))
        );
    }

    #[test]
    fn an_edit_sends_only_what_changed() {
        let original = webhook();
        let unchanged = WebhookForm::of(&original);
        assert!(unchanged.changes(&original).unwrap().is_empty());
        let mut reordered = unchanged.clone();
        reordered.events.reverse();
        assert!(
            reordered.changes(&original).unwrap().is_empty(),
            "the order of events is no change"
        );
        let mut edited = unchanged.clone();
        edited.description = "Orders v2".into();
        edited.choose_all(true);
        let changes = edited.changes(&original).unwrap();
        assert_eq!(changes.description.as_deref(), Some("Orders v2"));
        assert_eq!(
            changes.event_filters,
            Some(Vec::new()),
            "all events is an empty filter"
        );
        assert_eq!((changes.url, changes.enabled), (None, None));
        let mut bad = unchanged;
        bad.url = "http://hooks.example.com".into();
        assert_eq!(
            bad.changes(&original),
            Err(FormProblem::Url(UrlProblem::NotHttps))
        );
        let mut kept_http = WebhookForm::of(&Webhook {
            url: "http://legacy.example".into(),
            ..original.clone()
        });
        kept_http.description = "Legacy".into();
        let legacy = Webhook {
            url: "http://legacy.example".into(),
            ..original
        };
        assert!(
            kept_http.changes(&legacy).unwrap().url.is_none(),
            "an unchanged URL is not judged"
        );
    }

    #[test]
    fn choices_keep_event_types_the_catalog_lacks() {
        let catalog = [EventType {
            name: "v1.a".into(),
            description: "A".into(),
        }];
        let choices = event_choices(&catalog, &["v1.gone".into(), "v1.a".into()]);
        let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["v1.a", "v1.gone"]);
        assert!(choices[1].description.contains("Not in Ada"));
        assert_eq!(event_choices(&catalog, &[]).len(), 1);
    }

    #[test]
    fn details_name_their_field() {
        assert_eq!(field_of("url"), Some(Field::Url));
        assert_eq!(field_of("$.url"), Some(Field::Url));
        assert_eq!(field_of("body.description"), Some(Field::Description));
        assert_eq!(field_of("event_filters[1]"), Some(Field::Events));
        assert_eq!(field_of("$.event_filters.0"), Some(Field::Events));
        assert_eq!(field_of("limit"), None);
        assert_eq!(field_of(""), None);
    }

    #[test]
    fn ada_details_stay_beside_their_field_until_it_changes() {
        let body = r#"{"errors":[{"type":"validation_error","message":"Invalid","details":[
            {"parameter":"url","location":"body","message":"must be reachable"},
            {"parameter":"url","location":"body","message":"must use port 443"},
            {"parameter":"event_filters[0]","location":"body","message":"is unknown"},
            {"parameter":"colour","location":"body","message":"is not a field"}]}]}"#;
        let error = ApiError::from_status(422, body, None);
        let sent = WebhookForm {
            url: "https://a.example/hook".to_owned(),
            ..WebhookForm::default()
        };
        assert_eq!(
            ada_detail_for(Field::Url, &sent, &sent, &error).as_deref(),
            Some("must be reachable must use port 443")
        );
        assert_eq!(
            ada_detail_for(Field::Events, &sent, &sent, &error).as_deref(),
            Some("is unknown")
        );
        assert_eq!(
            ada_detail_for(Field::Description, &sent, &sent, &error),
            None
        );
        let retyped = WebhookForm {
            url: "https://b.example/hook".to_owned(),
            ..sent.clone()
        };
        assert_eq!(ada_detail_for(Field::Url, &retyped, &sent, &error), None);
        assert_eq!(
            ada_detail_for(Field::Events, &retyped, &sent, &error).as_deref(),
            Some("is unknown"),
            "another field's change leaves it"
        );
    }
}
