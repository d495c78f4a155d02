//! Conformance with Ada's OpenAPI document: every operation is served, every declared status
//! is produced, and every response body matches the schema the spec declares for it (error
//! bodies with undeclared statuses match the `Errors` envelope).
//!
//! The spec is the copy in `stand-in/reference/` (see its SOURCES.md); `ADA_OPENAPI` points the
//! test at another copy, such as a newer one downloaded from Ada's docs.
//!
//! One deliberate amendment to the spec: for `type: "validation_error"`, `details` may be an
//! array of `{parameter, location, message}`. The spec types `details` as `string | null`, but
//! Ada's newer documentation (API-NOTES §6, release note 2026-06-26 "Consistent validation
//! error details") says validation errors carry such a list. Arrays are accepted only there.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use ada_stand_in::Config;
use common::{config, start, StandIn, WEBHOOKS};
use reqwest::{header, Method, RequestBuilder};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const ERRORS_SCHEMA: &str = "#/components/schemas/Errors";
const ERROR_ITEM_SCHEMA: &str = "/components/schemas/ErrorsErrorsItems";
const HTTP_METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];
/// Keywords that only annotate and never constrain a value.
const ANNOTATIONS: [&str; 3] = ["title", "description", "default"];

fn spec_path() -> PathBuf {
    match std::env::var_os("ADA_OPENAPI") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("reference/ada-webhook-management-api-openapi.yml"),
    }
}

fn load_spec() -> Value {
    let path = spec_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "cannot read Ada's OpenAPI spec at {}: {error}. The conformance test needs it: it \
             is part of the repository (stand-in/reference/), or set ADA_OPENAPI to a copy.",
            path.display()
        )
    });
    serde_norway::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not valid YAML: {error}", path.display()))
}

/// The documented amendment (see the module comment).
fn amend(mut spec: Value) -> Value {
    let details = spec
        .pointer_mut(&format!("{ERROR_ITEM_SCHEMA}/properties/details"))
        .expect("the spec defines ErrorsErrorsItems.details");
    *details = json!({
        "type": ["string", "null", "array"],
        "items": {
            "type": "object",
            "required": ["parameter", "location", "message"],
            "properties": {
                "parameter": {"type": "string"},
                "location": {"type": "string"},
                "message": {"type": "string"}
            }
        }
    });
    spec
}

/// The JSON schema the spec declares per (operationId, status); `None` when there is no body.
fn declared_responses(spec: &Value) -> BTreeMap<(String, u16), Option<Value>> {
    let mut declared = BTreeMap::new();
    for item in spec["paths"].as_object().expect("paths").values() {
        for method in HTTP_METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let id = operation["operationId"]
                .as_str()
                .expect("operationId")
                .to_owned();
            for (status, response) in operation["responses"].as_object().expect("responses") {
                let schema = response
                    .pointer("/content/application~1json/schema")
                    .cloned();
                declared.insert(
                    (id.clone(), status.parse().expect("numeric status")),
                    schema,
                );
            }
        }
    }
    declared
}

/// A deliberately small JSON-schema validator: exactly the keywords this spec uses, and a
/// failure for any other so that nothing is silently ignored.
struct Validator<'a> {
    spec: &'a Value,
}

impl Validator<'_> {
    fn resolve<'s>(&'s self, mut schema: &'s Value) -> &'s Value {
        while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("non-local $ref {reference}"));
            schema = self
                .spec
                .pointer(pointer)
                .unwrap_or_else(|| panic!("unresolved $ref {reference}"));
        }
        schema
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
        let schema = self.resolve(schema);
        let keywords = schema
            .as_object()
            .unwrap_or_else(|| panic!("schema at {at} is not an object"));
        for (keyword, argument) in keywords {
            match keyword.as_str() {
                "type" => {
                    let types: Vec<&str> = match argument {
                        Value::String(name) => vec![name.as_str()],
                        Value::Array(names) => names.iter().map(|n| n.as_str().unwrap()).collect(),
                        other => panic!("bad type {other} at {at}"),
                    };
                    if !types.iter().any(|name| has_type(value, name)) {
                        problems.push(format!("{at}: expected {types:?}, got {value}"));
                    }
                }
                "properties" => {
                    let Some(object) = value.as_object() else {
                        continue;
                    };
                    for (name, property) in argument.as_object().unwrap() {
                        if let Some(field) = object.get(name) {
                            self.check(property, field, &format!("{at}.{name}"), problems);
                        }
                    }
                }
                "required" => {
                    let Some(object) = value.as_object() else {
                        continue;
                    };
                    for name in argument
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|n| n.as_str().unwrap())
                    {
                        if !object.contains_key(name) {
                            problems.push(format!("{at}: required `{name}` is missing"));
                        }
                    }
                }
                "items" => {
                    let Some(items) = value.as_array() else {
                        continue;
                    };
                    for (index, item) in items.iter().enumerate() {
                        self.check(argument, item, &format!("{at}[{index}]"), problems);
                    }
                }
                "format" => {
                    let Some(text) = value.as_str() else { continue };
                    if !has_format(text, argument.as_str().unwrap()) {
                        problems.push(format!("{at}: `{text}` is not a valid {argument}"));
                    }
                }
                keyword if ANNOTATIONS.contains(&keyword) => {}
                keyword => {
                    panic!("the validator does not support `{keyword}` (at {at}); extend it")
                }
            }
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown JSON type {other}"),
    }
}

/// Loose checks: an absolute URL with a scheme, and an RFC 3339 timestamp.
fn has_format(text: &str, format: &str) -> bool {
    match format {
        "uri" => text.split_once("://").is_some_and(|(scheme, rest)| {
            !rest.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
        }),
        "date-time" => OffsetDateTime::parse(text, &Rfc3339).is_ok(),
        other => panic!("the validator does not support format `{other}`"),
    }
}

struct Observed {
    operation: Option<&'static str>,
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

struct Observer<'a> {
    stand_in: &'a StandIn,
    observed: Vec<Observed>,
}

impl Observer<'_> {
    async fn observe(&mut self, operation: Option<&'static str>, request: RequestBuilder) {
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap().to_owned());
        let body = response.bytes().await.unwrap().to_vec();
        self.observed.push(Observed {
            operation,
            status,
            content_type,
            body,
        });
    }

    fn authorized(&self, method: Method, path: &str) -> RequestBuilder {
        self.stand_in.request(method, path)
    }

    fn anonymous(&self, method: Method, path: &str) -> RequestBuilder {
        self.stand_in
            .client
            .request(method, self.stand_in.url(path))
    }

    async fn control(&self, path: &str, body: Value) {
        self.stand_in.control(Method::POST, path, Some(&body)).await;
    }
}

/// Drives every operation through every status the stand-in can give it.
async fn observe_every_operation(stand_in: &StandIn) -> Vec<Observed> {
    let mut o = Observer {
        stand_in,
        observed: Vec::new(),
    };
    let ids = stand_in.all_webhook_ids(250).await;
    stand_in.control(Method::DELETE, "/requests", None).await;
    let id = ids[0].as_str();
    let missing = "ep_2bxE8VNtkWEMpJrMJv74FlSQmqP";
    let item = |id: &str| format!("{WEBHOOKS}{id}");
    let secret = |id: &str| format!("{WEBHOOKS}{id}/secret/");
    let rotate = |id: &str| format!("{WEBHOOKS}{id}/secret/rotate/");
    let event_types = format!("{WEBHOOKS}event-types/");
    let new_webhook = json!({"url": "https://example.com/webhooks", "event_filters": ["v1.conversation.created"]});

    let list = Some("list-webhooks");
    o.observe(
        list,
        o.authorized(Method::GET, &format!("{WEBHOOKS}?limit=2")),
    )
    .await;
    o.observe(list, o.authorized(Method::GET, WEBHOOKS)).await;
    o.observe(list, o.anonymous(Method::GET, WEBHOOKS)).await;
    o.observe(
        list,
        o.authorized(Method::GET, &format!("{WEBHOOKS}?limit=0")),
    )
    .await;
    o.observe(
        list,
        o.authorized(Method::GET, &format!("{WEBHOOKS}?cursor=nope")),
    )
    .await;
    o.control("/rate-limit", json!({"enabled": true, "per_second": 1}))
        .await;
    o.observe(list, o.authorized(Method::GET, WEBHOOKS)).await;
    o.observe(list, o.authorized(Method::GET, WEBHOOKS)).await;
    o.control("/rate-limit", json!({"enabled": false})).await;

    let create = Some("create-webhook");
    o.observe(
        create,
        o.authorized(Method::POST, WEBHOOKS).json(&new_webhook),
    )
    .await;
    o.observe(
        create,
        o.authorized(Method::POST, WEBHOOKS)
            .json(&json!({"url": "nope", "enabled": 1})),
    )
    .await;
    o.observe(create, o.authorized(Method::POST, WEBHOOKS).body("{"))
        .await;
    o.observe(create, o.authorized(Method::POST, WEBHOOKS).body("[]"))
        .await;
    o.observe(
        create,
        o.authorized(Method::POST, WEBHOOKS)
            .body(vec![b' '; 10 * 1024 * 1024 + 1]),
    )
    .await;
    o.observe(
        create,
        o.anonymous(Method::POST, WEBHOOKS).json(&new_webhook),
    )
    .await;

    let get = Some("get-webhook");
    o.observe(get, o.authorized(Method::GET, &item(id))).await;
    o.observe(get, o.anonymous(Method::GET, &item(id))).await;
    o.observe(get, o.authorized(Method::GET, &item(missing)))
        .await;

    let update = Some("update-webhook");
    o.observe(
        update,
        o.authorized(Method::PATCH, &item(id))
            .json(&json!({"enabled": false})),
    )
    .await;
    o.observe(
        update,
        o.authorized(Method::PATCH, &item(id))
            .json(&json!({"event_filters": ["x"]})),
    )
    .await;
    o.observe(
        update,
        o.anonymous(Method::PATCH, &item(id)).json(&json!({})),
    )
    .await;
    o.observe(
        update,
        o.authorized(Method::PATCH, &item(missing)).json(&json!({})),
    )
    .await;

    let get_secret = Some("get-webhook-secret");
    o.observe(get_secret, o.authorized(Method::GET, &secret(id)))
        .await;
    o.observe(get_secret, o.anonymous(Method::GET, &secret(id)))
        .await;
    o.observe(get_secret, o.authorized(Method::GET, &secret(missing)))
        .await;

    let rotate_secret = Some("rotate-webhook-secret");
    o.observe(
        rotate_secret,
        o.authorized(Method::POST, &rotate(id)).json(&json!({})),
    )
    .await;
    o.observe(
        rotate_secret,
        o.authorized(Method::POST, &rotate(id))
            .json(&json!({"key": "whsk_x"})),
    )
    .await;
    o.observe(
        rotate_secret,
        o.anonymous(Method::POST, &rotate(id)).json(&json!({})),
    )
    .await;
    o.observe(
        rotate_secret,
        o.authorized(Method::POST, &rotate(missing))
            .json(&json!({})),
    )
    .await;

    let delete = Some("delete-webhook");
    o.observe(delete, o.authorized(Method::DELETE, &item(&ids[1])))
        .await;
    o.observe(delete, o.anonymous(Method::DELETE, &item(id)))
        .await;
    o.observe(delete, o.authorized(Method::DELETE, &item(missing)))
        .await;

    let list_event_types = Some("list-webhook-event-types");
    o.observe(list_event_types, o.authorized(Method::GET, &event_types))
        .await;
    o.observe(list_event_types, o.anonymous(Method::GET, &event_types))
        .await;

    for status in [429, 500, 503] {
        o.control(
            "/faults",
            json!({"operation": "get-webhook", "status": status}),
        )
        .await;
        o.observe(get, o.authorized(Method::GET, &item(id))).await;
    }
    o.observe(None, o.authorized(Method::GET, "/api/v2/webhooks"))
        .await;
    o.observe(None, o.authorized(Method::PUT, WEBHOOKS)).await;
    o.observed
}

#[tokio::test]
async fn every_response_matches_the_openapi_spec() {
    let spec = load_spec();
    let declared = declared_responses(&spec);
    let amended = amend(spec);
    let validator = Validator { spec: &amended };
    let errors_schema = json!({ "$ref": ERRORS_SCHEMA });

    let served: BTreeSet<&str> = [
        "list-webhooks",
        "create-webhook",
        "get-webhook",
        "update-webhook",
        "delete-webhook",
        "get-webhook-secret",
        "rotate-webhook-secret",
        "list-webhook-event-types",
    ]
    .into();
    let specified: BTreeSet<&str> = declared.keys().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        specified, served,
        "the spec's operations and the stand-in's differ"
    );

    let stand_in = start(Config {
        seed_webhooks: 5,
        ..config()
    })
    .await;
    let observed = observe_every_operation(&stand_in).await;
    let log = stand_in.control(Method::GET, "/requests", None).await;
    let logged: Vec<(Option<&str>, u64)> = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["operation"].as_str(),
                entry["status"].as_u64().unwrap(),
            )
        })
        .collect();
    let labelled: Vec<(Option<&str>, u64)> = observed
        .iter()
        .map(|o| (o.operation, u64::from(o.status)))
        .collect();
    assert_eq!(
        logged, labelled,
        "each observation is labelled with the operation it reached"
    );

    let mut problems = Vec::new();
    for observation in &observed {
        let label = format!(
            "{} {}",
            observation.operation.unwrap_or("(no operation)"),
            observation.status
        );
        let declared_schema = observation
            .operation
            .and_then(|id| declared.get(&(id.to_owned(), observation.status)));
        if observation.status == 204 {
            // HTTP forbids a body on 204 (RFC 9110 §15.3.5); the spec's "Empty response body"
            // object schema is read as "no content".
            assert!(declared_schema.is_some(), "{label} is not declared");
            assert!(observation.body.is_empty(), "{label} has a body");
            continue;
        }
        let schema = match declared_schema {
            Some(Some(schema)) => schema,
            Some(None) => panic!("{label}: the spec declares no JSON body, yet one was sent"),
            None if observation.status >= 400 => &errors_schema,
            None => panic!("{label}: a success status the spec does not declare"),
        };
        assert_eq!(
            observation.content_type.as_deref(),
            Some("application/json"),
            "{label}"
        );
        let body: Value =
            serde_json::from_slice(&observation.body).unwrap_or_else(|e| panic!("{label}: {e}"));
        let before = problems.len();
        validator.check(schema, &body, "$", &mut problems);
        for problem in &mut problems[before..] {
            *problem = format!("{label}: {problem}");
        }
        for error in body["errors"].as_array().into_iter().flatten() {
            if error["details"].is_array() {
                assert_eq!(
                    error["type"], "validation_error",
                    "{label}: only validation errors carry a details list"
                );
            }
        }
    }
    assert!(
        problems.is_empty(),
        "responses that do not match the spec:\n{}",
        problems.join("\n")
    );

    let produced: BTreeSet<(String, u16)> = observed
        .iter()
        .filter_map(|o| o.operation.map(|id| (id.to_owned(), o.status)))
        .collect();
    let never_produced: Vec<&(String, u16)> = declared
        .keys()
        .filter(|pair| !produced.contains(*pair))
        .collect();
    assert!(
        never_produced.is_empty(),
        "declared statuses never produced: {never_produced:?}"
    );
}

#[test]
fn the_validator_catches_mismatches() {
    let spec = amend(load_spec());
    let validator = Validator { spec: &spec };
    let check = |schema: &str, value: Value| {
        let mut problems = Vec::new();
        validator.check(&json!({ "$ref": schema }), &value, "$", &mut problems);
        problems
    };
    let webhook = "#/components/schemas/Webhook";
    assert!(check(
        webhook,
        json!({"id": "ep_1", "created_at": "2026-03-12T10:00:00+00:00"})
    )
    .is_empty());
    assert_eq!(check(webhook, json!({"id": 1})).len(), 1);
    assert_eq!(check(webhook, json!({"created_at": "yesterday"})).len(), 1);
    assert_eq!(check(webhook, json!({"url": "/relative"})).len(), 1);
    assert_eq!(check(webhook, json!({"event_filters": ["a", 2]})).len(), 1);
    assert_eq!(check(ERRORS_SCHEMA, json!({})).len(), 1);
    assert_eq!(
        check(ERRORS_SCHEMA, json!({"errors": [{"type": "x"}]})).len(),
        1
    );
    assert_eq!(
        check(
            ERRORS_SCHEMA,
            json!({"errors": [{"type": "x", "message": "m", "details": 3}]})
        )
        .len(),
        1
    );
    let listed = json!({"errors": [{"type": "validation_error", "message": "m",
        "details": [{"parameter": "url", "location": "body", "message": "is required"}]}]});
    assert!(check(ERRORS_SCHEMA, listed).is_empty());
    let incomplete = json!({"errors": [{"type": "validation_error", "message": "m", "details": [{"parameter": "url"}]}]});
    assert_eq!(check(ERRORS_SCHEMA, incomplete).len(), 2);
    let page = "#/components/schemas/Webhook_Management_listWebhooks_Response_200";
    assert!(check(page, json!({"data": [], "meta": {"next_page_url": null}})).is_empty());
    assert_eq!(
        check(page, json!({"data": [], "meta": {"next_page_url": 5}})).len(),
        1
    );
}
