//! The eight operations of Ada's webhook API over real HTTP: shapes, pagination, validation,
//! secrets and rotation, authentication, and the generic error paths (404, 405, 413, bad JSON).

mod common;

use std::collections::HashSet;

use ada_stand_in::Config;
use common::{config, detail_parameters, expect_error, json_body, start, StandIn, TOKEN, WEBHOOKS};
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const EVENT_TYPE_NAMES: [&str; 7] = [
    "v1.end_user.created",
    "v1.end_user.updated",
    "v1.conversation.created",
    "v1.conversation.ended",
    "v1.conversation.message",
    "v1.conversation.handoff.ended",
    "v1.audit_log.emitted",
];

fn assert_webhook_shape(webhook: &Value) {
    let id = webhook["id"].as_str().expect("id");
    assert!(id.starts_with("ep_") && id.len() == 30, "{id}");
    assert!(id[3..].bytes().all(|b| b.is_ascii_alphanumeric()), "{id}");
    assert!(webhook["url"].as_str().unwrap().starts_with("http"));
    assert!(webhook["description"].is_string());
    assert!(webhook["event_filters"].is_array());
    assert!(webhook["enabled"].is_boolean());
    for field in ["created_at", "updated_at"] {
        let timestamp = webhook[field].as_str().unwrap();
        assert!(
            timestamp.ends_with("+00:00") && timestamp.len() == 25,
            "{timestamp}"
        );
        OffsetDateTime::parse(timestamp, &Rfc3339).expect("RFC 3339");
    }
}

fn webhook_path(id: &str) -> String {
    format!("{WEBHOOKS}{id}")
}

fn secret_path(id: &str) -> String {
    format!("{WEBHOOKS}{id}/secret/")
}

fn rotate_path(id: &str) -> String {
    format!("{WEBHOOKS}{id}/secret/rotate/")
}

async fn first_webhook(stand_in: &StandIn) -> Value {
    let page = json_body(stand_in.get(&format!("{WEBHOOKS}?limit=1")).await).await;
    page["data"][0].clone()
}

async fn current_secret(stand_in: &StandIn, id: &str) -> String {
    let body = json_body(stand_in.get(&secret_path(id)).await).await;
    body["key"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn list_returns_the_demo_webhooks() {
    let stand_in = start(config()).await;
    let response = stand_in.get(WEBHOOKS).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = json_body(response).await;
    let webhooks = page["data"].as_array().unwrap();
    assert_eq!(webhooks.len(), 30);
    assert_eq!(page["meta"]["next_page_url"], Value::Null);
    webhooks.iter().for_each(assert_webhook_shape);

    let descriptions: Vec<&str> = webhooks
        .iter()
        .map(|w| w["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        descriptions
            .iter()
            .filter(|d| d.contains("<script>"))
            .count(),
        1
    );
    assert!(descriptions.contains(&"Intégration café — 日本語 ✓"));
    assert!(descriptions.iter().any(|d| d.len() > 300));
    assert!(webhooks.iter().any(|w| w["enabled"] == false));
    assert!(webhooks
        .iter()
        .any(|w| w["event_filters"].as_array().unwrap().is_empty()));
    assert!(webhooks
        .iter()
        .any(|w| w["event_filters"].as_array().unwrap().len() > 1));
    let unique: HashSet<&str> = webhooks.iter().map(|w| w["id"].as_str().unwrap()).collect();
    assert_eq!(unique.len(), 30);
}

#[tokio::test]
async fn demo_data_is_the_same_on_every_start() {
    let first = start(config()).await.all_webhook_ids(250).await;
    let second = start(config()).await.all_webhook_ids(250).await;
    assert_eq!(first, second);
}

#[tokio::test]
async fn pagination_follows_next_page_url_across_pages() {
    let stand_in = start(config()).await;
    let all = stand_in.all_webhook_ids(250).await;
    assert_eq!(all.len(), 30);

    let first_page = json_body(stand_in.get(&format!("{WEBHOOKS}?limit=7")).await).await;
    let next = first_page["meta"]["next_page_url"].as_str().unwrap();
    let last_id = first_page["data"][6]["id"].as_str().unwrap();
    assert_eq!(
        next,
        format!("{}{WEBHOOKS}?cursor={last_id}&limit=7", stand_in.base)
    );

    let paged = stand_in.all_webhook_ids(7).await;
    assert_eq!(paged, all, "every webhook exactly once, in creation order");
}

#[tokio::test]
async fn next_page_url_uses_public_url_then_forwarded_headers() {
    let public = start(Config {
        public_url: Some("https://demo.example/ada".to_owned()),
        ..config()
    })
    .await;
    let page = json_body(public.get(&format!("{WEBHOOKS}?limit=2")).await).await;
    let next = page["meta"]["next_page_url"].as_str().unwrap();
    assert!(
        next.starts_with("https://demo.example/ada/api/v2/webhooks/?cursor=ep_"),
        "{next}"
    );

    let proxied = start(config()).await;
    let response = proxied
        .request(Method::GET, &format!("{WEBHOOKS}?limit=2"))
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "proxy.example:8443, inner.example")
        .send()
        .await
        .unwrap();
    let next = json_body(response).await["meta"]["next_page_url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        next.starts_with("https://proxy.example:8443/api/v2/webhooks/?cursor="),
        "{next}"
    );
    assert!(next.ends_with("&limit=2"), "{next}");
}

#[tokio::test]
async fn invalid_limits_and_unknown_cursors_are_query_validation_errors() {
    let stand_in = start(config()).await;
    for limit in ["abc", "0", "251", "-1", "1.5", ""] {
        let response = stand_in.get(&format!("{WEBHOOKS}?limit={limit}")).await;
        let error = expect_error(response, StatusCode::BAD_REQUEST, "validation_error").await;
        assert_eq!(
            detail_parameters(&error),
            [("limit".to_owned(), "query".to_owned())],
            "limit={limit}"
        );
    }
    for limit in [1, 250] {
        assert_eq!(
            stand_in
                .get(&format!("{WEBHOOKS}?limit={limit}"))
                .await
                .status(),
            StatusCode::OK
        );
    }
    let response = stand_in
        .get(&format!("{WEBHOOKS}?cursor=ep_doesnotexist"))
        .await;
    let error = expect_error(response, StatusCode::BAD_REQUEST, "validation_error").await;
    assert_eq!(
        detail_parameters(&error),
        [("cursor".to_owned(), "query".to_owned())]
    );
}

#[tokio::test]
async fn a_cursor_survives_deletion_of_its_webhook() {
    let stand_in = start(config()).await;
    let all = stand_in.all_webhook_ids(250).await;
    let first_page = json_body(stand_in.get(&format!("{WEBHOOKS}?limit=5")).await).await;
    let next = first_page["meta"]["next_page_url"]
        .as_str()
        .unwrap()
        .to_owned();
    let deleted = stand_in
        .request(Method::DELETE, &webhook_path(&all[4]))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);

    let second_page: Value = stand_in
        .client
        .get(&next)
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(second_page["data"][0]["id"], all[5].as_str());
}

#[tokio::test]
async fn create_applies_defaults_and_returns_201() {
    let stand_in = start(config()).await;
    let response = stand_in
        .send_json(
            Method::POST,
            WEBHOOKS,
            &json!({"url": "https://example.com/webhooks"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created = json_body(response).await;
    assert_webhook_shape(&created);
    assert_eq!(created["url"], "https://example.com/webhooks");
    assert_eq!(created["description"], "");
    assert_eq!(created["event_filters"], json!([]));
    assert_eq!(created["enabled"], true);
    assert_eq!(created["created_at"], created["updated_at"]);

    let id = created["id"].as_str().unwrap();
    assert_eq!(
        json_body(stand_in.get(&webhook_path(id)).await).await,
        created
    );
    assert_eq!(
        stand_in
            .all_webhook_ids(250)
            .await
            .last()
            .map(String::as_str),
        Some(id)
    );
    let secret = current_secret(&stand_in, id).await;
    assert!(
        secret.starts_with("whsec_") && secret.len() == 6 + 32,
        "{secret}"
    );
}

#[tokio::test]
async fn create_keeps_every_given_field() {
    let stand_in = start(config()).await;
    let body = json!({
        "url": "http://localhost:8080/hook?x=1",
        "description": "Données <b>brutes</b>",
        "event_filters": ["v1.conversation.ended", "v1.end_user.created"],
        "enabled": false,
        "ignored_future_field": 1
    });
    let created = json_body(stand_in.send_json(Method::POST, WEBHOOKS, &body).await).await;
    for field in ["url", "description", "event_filters", "enabled"] {
        assert_eq!(created[field], body[field], "{field}");
    }
    assert!(created.get("ignored_future_field").is_none());
}

#[tokio::test]
async fn create_reports_every_invalid_field_in_the_body() {
    let stand_in = start(config()).await;
    let cases = [
        (json!({}), vec!["url"]),
        (json!({"url": "ftp://example.com/"}), vec!["url"]),
        (json!({"url": "/relative/hook"}), vec!["url"]),
        (json!({"url": "https://"}), vec!["url"]),
        (json!({"url": 42}), vec!["url"]),
        (
            json!({"url": "https://x.example/", "event_filters": ["v1.nope"]}),
            vec!["event_filters[0]"],
        ),
        (
            json!({"url": "https://x.example/", "event_filters": ["v1.conversation.ended", "v1.conversation.ended"]}),
            vec!["event_filters[1]"],
        ),
        (
            json!({"url": "https://x.example/", "event_filters": "v1.conversation.ended"}),
            vec!["event_filters"],
        ),
        (
            json!({"url": "https://x.example/", "enabled": "yes", "description": 5}),
            vec!["description", "enabled"],
        ),
    ];
    for (body, parameters) in cases {
        let response = stand_in.send_json(Method::POST, WEBHOOKS, &body).await;
        let error = expect_error(response, StatusCode::BAD_REQUEST, "validation_error").await;
        let expected: Vec<(String, String)> = parameters
            .iter()
            .map(|p| (p.to_string(), "body".to_owned()))
            .collect();
        assert_eq!(detail_parameters(&error), expected, "{body}");
    }
    assert_eq!(
        stand_in.all_webhook_ids(250).await.len(),
        30,
        "nothing was created"
    );
}

#[tokio::test]
async fn update_changes_only_the_given_fields() {
    let stand_in = start(config()).await;
    let before = first_webhook(&stand_in).await;
    let id = before["id"].as_str().unwrap();

    let response = stand_in
        .send_json(Method::PATCH, &webhook_path(id), &json!({"enabled": false}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let after = json_body(response).await;
    assert_webhook_shape(&after);
    assert_eq!(after["enabled"], false);
    for field in ["id", "url", "description", "event_filters", "created_at"] {
        assert_eq!(after[field], before[field], "{field}");
    }
    assert_ne!(
        after["updated_at"], before["updated_at"],
        "demo timestamps lie in the past"
    );

    let body = json!({"url": "https://new.example/h", "description": "", "event_filters": ["v1.audit_log.emitted"]});
    let after = json_body(
        stand_in
            .send_json(Method::PATCH, &webhook_path(id), &body)
            .await,
    )
    .await;
    assert_eq!(after["url"], "https://new.example/h");
    assert_eq!(after["description"], "");
    assert_eq!(after["event_filters"], json!(["v1.audit_log.emitted"]));
    let after = json_body(
        stand_in
            .send_json(
                Method::PATCH,
                &webhook_path(id),
                &json!({"event_filters": []}),
            )
            .await,
    )
    .await;
    assert_eq!(
        after["event_filters"],
        json!([]),
        "an empty list means all events again"
    );
    assert_eq!(
        json_body(stand_in.get(&webhook_path(id)).await).await,
        after
    );
}

#[tokio::test]
async fn invalid_updates_change_nothing() {
    let stand_in = start(config()).await;
    let before = first_webhook(&stand_in).await;
    let id = before["id"].as_str().unwrap();
    let body = json!({"url": "not a url", "enabled": null, "event_filters": [1]});
    let error = expect_error(
        stand_in
            .send_json(Method::PATCH, &webhook_path(id), &body)
            .await,
        StatusCode::BAD_REQUEST,
        "validation_error",
    )
    .await;
    let parameters: Vec<String> = detail_parameters(&error)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(parameters, ["url", "event_filters[0]", "enabled"]);
    assert_eq!(
        json_body(stand_in.get(&webhook_path(id)).await).await,
        before
    );
}

#[tokio::test]
async fn delete_answers_204_without_a_body_then_the_webhook_is_gone() {
    let stand_in = start(config()).await;
    let id = first_webhook(&stand_in).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = stand_in
        .request(Method::DELETE, &webhook_path(&id))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(response.bytes().await.unwrap().is_empty());
    expect_error(
        stand_in.get(&webhook_path(&id)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let again = stand_in
        .request(Method::DELETE, &webhook_path(&id))
        .send()
        .await
        .unwrap();
    expect_error(again, StatusCode::NOT_FOUND, "not_found").await;
    assert!(!stand_in.all_webhook_ids(250).await.contains(&id));
}

#[tokio::test]
async fn unknown_ids_are_404_for_every_webhook_operation() {
    let stand_in = start(config()).await;
    let id = "ep_2bxE8VNtkWEMpJrMJv74FlSQmqP";
    let requests = [
        stand_in.request(Method::GET, &webhook_path(id)),
        stand_in
            .request(Method::PATCH, &webhook_path(id))
            .json(&json!({"enabled": true})),
        stand_in.request(Method::DELETE, &webhook_path(id)),
        stand_in.request(Method::GET, &secret_path(id)),
        stand_in
            .request(Method::POST, &rotate_path(id))
            .json(&json!({})),
    ];
    for request in requests {
        let error = expect_error(
            request.send().await.unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        assert!(error["message"].as_str().unwrap().contains(id));
    }
}

#[tokio::test]
async fn rotation_without_a_key_generates_one_and_keeps_the_previous_for_a_day() {
    let stand_in = start(config()).await;
    let id = first_webhook(&stand_in).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let original = current_secret(&stand_in, &id).await;

    let response = stand_in
        .send_json(Method::POST, &rotate_path(&id), &json!({}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json_body(response).await, json!({}));
    let rotated = current_secret(&stand_in, &id).await;
    assert_ne!(rotated, original);
    assert!(
        rotated.starts_with("whsec_") && rotated.len() == 38,
        "{rotated}"
    );

    let secrets = stand_in
        .control(Method::GET, &format!("/webhooks/{id}/secrets"), None)
        .await;
    assert_eq!(secrets["current"], rotated.as_str());
    assert_eq!(secrets["previous"].as_array().unwrap().len(), 1);
    assert_eq!(secrets["previous"][0]["key"], original.as_str());
    let expires_at = OffsetDateTime::parse(
        secrets["previous"][0]["expires_at"].as_str().unwrap(),
        &Rfc3339,
    )
    .unwrap();
    let grace = expires_at - OffsetDateTime::now_utc();
    assert!(
        grace > time::Duration::hours(24) - time::Duration::minutes(5),
        "{grace}"
    );
    assert!(grace <= time::Duration::hours(24), "{grace}");

    // An empty body and a null key also ask for a generated key.
    let empty = stand_in
        .request(Method::POST, &rotate_path(&id))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::OK);
    let null_key = stand_in
        .send_json(Method::POST, &rotate_path(&id), &json!({"key": null}))
        .await;
    assert_eq!(null_key.status(), StatusCode::OK);
    let secrets = stand_in
        .control(Method::GET, &format!("/webhooks/{id}/secrets"), None)
        .await;
    assert_eq!(secrets["previous"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn rotation_with_a_custom_key_stores_it_with_the_prefix() {
    let stand_in = start(config()).await;
    let id = first_webhook(&stand_in).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for (key, stored) in [
        (
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
        ),
        (
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ),
    ] {
        let response = stand_in
            .send_json(Method::POST, &rotate_path(&id), &json!({"key": key}))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(current_secret(&stand_in, &id).await, stored);
    }
}

#[tokio::test]
async fn bad_custom_keys_are_422_naming_the_problem() {
    let stand_in = start(config()).await;
    let id = first_webhook(&stand_in).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let original = current_secret(&stand_in, &id).await;
    let valid_body = "C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    let cases = [
        (json!(format!("whsk_{valid_body}")), "prefix"),
        (json!(format!("foo_{valid_body}")), "prefix"),
        (json!("whsec_C2FVsBQIhrscChlQIMV-b5sSYspob7oD"), "base64"),
        (json!(format!("whsec_{}=A", "A".repeat(31))), "base64"),
        (json!("whsec_QUJDREVG"), "too short"),
        (json!(format!("whsec_{}", "A".repeat(104))), "too long"),
        (json!(12), "string"),
    ];
    for (key, problem) in cases {
        let response = stand_in
            .send_json(Method::POST, &rotate_path(&id), &json!({"key": key}))
            .await;
        let error = expect_error(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_error",
        )
        .await;
        assert_eq!(
            detail_parameters(&error),
            [("key".to_owned(), "body".to_owned())],
            "{key}"
        );
        let message = error["details"][0]["message"].as_str().unwrap();
        assert!(message.contains(problem), "{key}: {message}");
        assert!(
            !message.contains(valid_body),
            "the key is not echoed: {message}"
        );
    }
    assert_eq!(current_secret(&stand_in, &id).await, original);
}

#[tokio::test]
async fn event_types_are_ada_s_catalogue() {
    let stand_in = start(config()).await;
    let body = json_body(stand_in.get(&format!("{WEBHOOKS}event-types/")).await).await;
    let names: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, EVENT_TYPE_NAMES);
    assert!(body["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| !t["description"].as_str().unwrap().is_empty()));
}

#[tokio::test]
async fn every_operation_requires_a_valid_bearer_token() {
    let stand_in = start(config()).await;
    let id = first_webhook(&stand_in).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let operations = [
        (Method::GET, WEBHOOKS.to_owned()),
        (Method::POST, WEBHOOKS.to_owned()),
        (Method::GET, webhook_path(&id)),
        (Method::PATCH, webhook_path(&id)),
        (Method::DELETE, webhook_path(&id)),
        (Method::GET, secret_path(&id)),
        (Method::POST, rotate_path(&id)),
        (Method::GET, format!("{WEBHOOKS}event-types/")),
    ];
    for (method, path) in operations {
        let url = stand_in.url(&path);
        let attempts = [
            stand_in.client.request(method.clone(), &url),
            stand_in
                .client
                .request(method.clone(), &url)
                .bearer_auth("wrong-token"),
            stand_in
                .client
                .request(method.clone(), &url)
                .header(header::AUTHORIZATION, "Bearer"),
            stand_in
                .client
                .request(method.clone(), &url)
                .basic_auth("user", Some(TOKEN)),
            stand_in
                .client
                .request(method.clone(), &url)
                .header(header::AUTHORIZATION, TOKEN),
        ];
        for attempt in attempts {
            let response = attempt
                .json(&json!({"url": "https://x.example/"}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.headers()[header::WWW_AUTHENTICATE], "Bearer");
            let error =
                expect_error(response, StatusCode::UNAUTHORIZED, "authentication_error").await;
            assert_eq!(
                error["message"],
                "Authentication token is missing or invalid. Try generating a new token."
            );
        }
    }
    assert!(
        stand_in.get(&webhook_path(&id)).await.status().is_success(),
        "nothing changed"
    );
}

#[tokio::test]
async fn paths_must_match_exactly_and_methods_must_be_allowed() {
    let stand_in = start(config()).await;
    let id = first_webhook(&stand_in).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for path in [
        "/api/v2/webhooks".to_owned(),
        format!("{WEBHOOKS}{id}/"),
        format!("{WEBHOOKS}{id}/secret"),
        format!("{WEBHOOKS}event-types"),
        "/".to_owned(),
        "/v2/webhooks/".to_owned(),
    ] {
        expect_error(
            stand_in.get(&path).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let missing_slash = expect_error(
        stand_in.get("/api/v2/webhooks").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(missing_slash["details"]
        .as_str()
        .unwrap()
        .contains("/api/v2/webhooks/"));

    for (method, path, allow) in [
        (Method::PUT, WEBHOOKS.to_owned(), "GET, POST"),
        (Method::POST, webhook_path(&id), "GET, PATCH, DELETE"),
        (Method::GET, rotate_path(&id), "POST"),
        (Method::DELETE, format!("{WEBHOOKS}event-types/"), "GET"),
    ] {
        let response = stand_in.request(method, &path).send().await.unwrap();
        assert_eq!(response.headers()[header::ALLOW], allow);
        expect_error(
            response,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        )
        .await;
    }
}

#[tokio::test]
async fn bodies_over_10_mb_are_413_and_exactly_10_mb_is_accepted() {
    let stand_in = start(config()).await;
    let limit = 10 * 1024 * 1024;
    let prefix = r#"{"url":"https://x.example/","description":""#;
    let suffix = r#""}"#;
    let exact = format!(
        "{prefix}{}{suffix}",
        "a".repeat(limit - prefix.len() - suffix.len())
    );
    assert_eq!(exact.len(), limit);
    let response = stand_in
        .request(Method::POST, WEBHOOKS)
        .header(header::CONTENT_TYPE, "application/json")
        .body(exact)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);

    let too_large = vec![b' '; limit + 1];
    let response = stand_in
        .request(Method::POST, WEBHOOKS)
        .body(too_large)
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::PAYLOAD_TOO_LARGE, "request_too_large").await;
}

#[tokio::test]
async fn malformed_and_non_object_json_bodies_are_400() {
    let stand_in = start(config()).await;
    let id = first_webhook(&stand_in).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for path in [WEBHOOKS.to_owned(), rotate_path(&id)] {
        let response = stand_in
            .request(Method::POST, &path)
            .body("{\"url\": ")
            .send()
            .await
            .unwrap();
        let error = expect_error(response, StatusCode::BAD_REQUEST, "invalid_json").await;
        assert!(error["details"].is_string());
        for not_an_object in ["[1, 2]", "\"text\"", "null"] {
            let response = stand_in
                .request(Method::POST, &path)
                .body(not_an_object)
                .send()
                .await
                .unwrap();
            expect_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
        }
    }
    let response = stand_in
        .request(Method::PATCH, &webhook_path(&id))
        .body("{enabled: false}")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::BAD_REQUEST, "invalid_json").await;
}

#[tokio::test]
async fn serve_returns_after_shutdown() {
    let stand_in = start(config()).await;
    assert!(stand_in.get(WEBHOOKS).await.status().is_success());
    let address = stand_in.address;
    tokio::time::timeout(std::time::Duration::from_secs(10), stand_in.shut_down())
        .await
        .expect("serve returns promptly");
    assert!(
        tokio::net::TcpStream::connect(address).await.is_err(),
        "no longer listening"
    );
}
