//! The test-control API under `/__stand-in/`: health, request log, reset, faults (status,
//! malformed, drop, redirect, body), latency, secrets and its own errors; also seeding 10,000
//! webhooks.

mod common;

use std::time::{Duration, Instant};

use ada_stand_in::{Config, ProxySettings};
use common::{config, expect_error, json_body, start, StandIn, TOKEN, WEBHOOKS};
use reqwest::{header, Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn arm(stand_in: &StandIn, fault: Value) -> Value {
    stand_in
        .control(Method::POST, "/faults", Some(&fault))
        .await
}

async fn recorded(stand_in: &StandIn) -> Vec<Value> {
    let log = stand_in.control(Method::GET, "/requests", None).await;
    log["requests"].as_array().unwrap().clone()
}

#[tokio::test]
async fn health_answers_ok() {
    let stand_in = start(config()).await;
    assert_eq!(
        stand_in.control(Method::GET, "/health", None).await,
        json!({"ok": true})
    );
}

#[tokio::test]
async fn the_request_log_records_api_requests_without_tokens() {
    let stand_in = start(config()).await;
    stand_in.get(&format!("{WEBHOOKS}?limit=2")).await;
    stand_in
        .client
        .post(stand_in.url(WEBHOOKS))
        .bearer_auth("not-the-token")
        .header(header::ORIGIN, "http://localhost:8080")
        .json(&json!({"url": "https://x.example/"}))
        .send()
        .await
        .unwrap();
    stand_in
        .client
        .get(stand_in.url(WEBHOOKS))
        .send()
        .await
        .unwrap();
    stand_in
        .client
        .get(stand_in.url(WEBHOOKS))
        .basic_auth("user", Some("pw"))
        .send()
        .await
        .unwrap();
    stand_in
        .request(Method::POST, WEBHOOKS)
        .body("not json")
        .send()
        .await
        .unwrap();
    stand_in.get("/api/v2/nothing-here").await;
    stand_in.get("/outside-the-api").await;
    stand_in.control(Method::GET, "/health", None).await;

    let entries = recorded(&stand_in).await;
    let summary: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!([
                e["seq"],
                e["method"],
                e["path"],
                e["authorization"],
                e["status"],
                e["operation"]
            ])
        })
        .collect();
    assert_eq!(
        summary,
        [
            json!([1, "GET", WEBHOOKS, "bearer-valid", 200, "list-webhooks"]),
            json!([2, "POST", WEBHOOKS, "bearer-invalid", 401, "create-webhook"]),
            json!([3, "GET", WEBHOOKS, "missing", 401, "list-webhooks"]),
            json!([4, "GET", WEBHOOKS, "other", 401, "list-webhooks"]),
            json!([5, "POST", WEBHOOKS, "bearer-valid", 400, "create-webhook"]),
            json!([6, "GET", "/api/v2/nothing-here", "bearer-valid", 404, null]),
        ]
    );
    assert_eq!(entries[0]["query"], "limit=2");
    assert_eq!(entries[1]["query"], Value::Null);
    assert_eq!(entries[0]["body"], Value::Null);
    assert_eq!(entries[1]["body"], json!({"url": "https://x.example/"}));
    assert_eq!(entries[4]["body"], "not json");
    assert_eq!(entries[1]["origin"], "http://localhost:8080");
    assert_eq!(entries[0]["origin"], Value::Null);
    let text = serde_json::to_string(&entries).unwrap();
    assert!(!text.contains(TOKEN) && !text.contains("not-the-token"));

    assert_eq!(
        stand_in.control(Method::DELETE, "/requests", None).await,
        json!({"ok": true})
    );
    assert!(recorded(&stand_in).await.is_empty());
    stand_in.get(WEBHOOKS).await;
    assert_eq!(
        recorded(&stand_in).await[0]["seq"],
        7,
        "numbering continues after clearing"
    );
}

#[tokio::test]
async fn reset_restores_demo_data_and_clears_everything_else() {
    let stand_in = start(config()).await;
    let original = stand_in.all_webhook_ids(250).await;
    stand_in
        .send_json(
            Method::POST,
            WEBHOOKS,
            &json!({"url": "https://x.example/"}),
        )
        .await;
    stand_in
        .request(Method::DELETE, &format!("{WEBHOOKS}{}", original[0]))
        .send()
        .await
        .unwrap();
    arm(&stand_in, json!({"operation": "get-webhook", "times": 5})).await;
    stand_in
        .control(Method::POST, "/latency", Some(&json!({"ms": 50})))
        .await;

    let answer = stand_in.control(Method::POST, "/reset", None).await;
    assert_eq!(answer, json!({"ok": true, "seed_webhooks": 30}));
    assert!(recorded(&stand_in).await.is_empty());
    assert_eq!(
        stand_in.control(Method::GET, "/faults", None).await,
        json!({"faults": []})
    );
    assert_eq!(
        stand_in.control(Method::GET, "/latency", None).await,
        json!({"latency": {"default_ms": 0, "operations": {}}})
    );
    assert_eq!(stand_in.all_webhook_ids(250).await, original);

    let answer = stand_in
        .control(Method::POST, "/reset", Some(&json!({"seed_webhooks": 4})))
        .await;
    assert_eq!(answer["seed_webhooks"], 4);
    assert_eq!(stand_in.all_webhook_ids(250).await, original[..4]);
}

#[tokio::test]
async fn reset_clears_rate_limit_counts() {
    let stand_in = start(ada_stand_in::Config {
        rate_limit: ada_stand_in::RateLimitSettings {
            enabled: true,
            per_second: 100,
            per_minute: 2,
        },
        ..config()
    })
    .await;
    stand_in.get(WEBHOOKS).await;
    stand_in.get(WEBHOOKS).await;
    assert_eq!(
        stand_in.get(WEBHOOKS).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    stand_in.control(Method::POST, "/reset", None).await;
    assert_eq!(stand_in.get(WEBHOOKS).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn status_faults_force_the_next_responses_of_one_operation() {
    let stand_in = start(config()).await;
    let armed = arm(
        &stand_in,
        json!({"operation": "list-webhooks", "times": 2, "kind": "status", "status": 503}),
    )
    .await;
    assert_eq!(
        armed,
        json!({"faults": [{"operation": "list-webhooks", "times": 2, "kind": "status", "status": 503, "retry_after": null, "after": 0}]})
    );
    let event_types = format!("{WEBHOOKS}event-types/");
    assert_eq!(
        stand_in.get(&event_types).await.status(),
        StatusCode::OK,
        "other operations are unaffected"
    );
    for _ in 0..2 {
        let response = stand_in.get(WEBHOOKS).await;
        assert!(response.headers().get(header::RETRY_AFTER).is_none());
        expect_error(
            response,
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
        )
        .await;
    }
    assert_eq!(stand_in.get(WEBHOOKS).await.status(), StatusCode::OK);

    arm(
        &stand_in,
        json!({"operation": "rotate-webhook-secret", "status": 429, "retry_after": 3}),
    )
    .await;
    arm(
        &stand_in,
        json!({"operation": "rotate-webhook-secret", "status": 429}),
    )
    .await;
    arm(&stand_in, json!({"operation": "rotate-webhook-secret"})).await;
    let rotate = format!("{WEBHOOKS}ep_any/secret/rotate/");
    for (retry_after, status, kind) in [
        (
            Some("3"),
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
        ),
        (
            Some("1"),
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
        ),
        (
            None,
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_server_error",
        ),
    ] {
        let response = stand_in.send_json(Method::POST, &rotate, &json!({})).await;
        let header = response
            .headers()
            .get(header::RETRY_AFTER)
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(header.as_deref(), retry_after);
        expect_error(response, status, kind).await;
    }
    expect_error(
        stand_in.send_json(Method::POST, &rotate, &json!({})).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn faults_apply_only_after_authentication() {
    let stand_in = start(config()).await;
    arm(
        &stand_in,
        json!({"operation": "list-webhooks", "status": 500}),
    )
    .await;
    let unauthenticated = stand_in
        .client
        .get(stand_in.url(WEBHOOKS))
        .send()
        .await
        .unwrap();
    assert_eq!(unauthenticated.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        stand_in.get(WEBHOOKS).await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(stand_in.get(WEBHOOKS).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn malformed_faults_answer_200_with_broken_json() {
    let stand_in = start(config()).await;
    arm(
        &stand_in,
        json!({"operation": "list-webhook-event-types", "kind": "malformed"}),
    )
    .await;
    let response = stand_in.get(&format!("{WEBHOOKS}event-types/")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let text = response.text().await.unwrap();
    assert!(text.starts_with("{\"data\": ["));
    assert!(serde_json::from_str::<Value>(&text).is_err());
}

#[tokio::test]
async fn drop_faults_close_the_connection_without_a_response() {
    let stand_in = start(config()).await;
    let webhook_id = stand_in.all_webhook_ids(1).await.remove(0);
    let path = format!("{WEBHOOKS}{webhook_id}");
    arm(
        &stand_in,
        json!({"operation": "get-webhook", "times": 2, "kind": "drop"}),
    )
    .await;

    let error = stand_in
        .get_result(&path)
        .await
        .expect_err("a dropped connection is an error");
    assert!(error.is_request() && !error.is_timeout(), "{error:?}");

    let mut stream = tokio::net::TcpStream::connect(stand_in.address)
        .await
        .unwrap();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n",
        stand_in.address
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut received)).await;
    assert!(
        read.expect("closed promptly")
            .is_ok_and(|_| received.is_empty()),
        "{received:?}"
    );

    assert_eq!(
        stand_in.get(&path).await.status(),
        StatusCode::OK,
        "the fault ran out"
    );
    let statuses: Vec<Value> = recorded(&stand_in)
        .await
        .iter()
        .map(|e| e["status"].clone())
        .collect();
    assert_eq!(
        statuses[statuses.len() - 3..],
        [Value::Null, Value::Null, json!(200)]
    );
}

#[tokio::test]
async fn faults_are_validated_listed_and_cleared() {
    let stand_in = start(config()).await;
    for (fault, kind) in [
        (json!({"operation": "list-everything"}), "bad_request"),
        (
            json!({"operation": "list-webhooks", "kind": "explode"}),
            "bad_request",
        ),
        (
            json!({"operation": "list-webhooks", "unexpected": 1}),
            "bad_request",
        ),
        (json!({}), "bad_request"),
        (
            json!({"operation": "list-webhooks", "status": 200}),
            "validation_error",
        ),
        (
            json!({"operation": "list-webhooks", "times": 0}),
            "validation_error",
        ),
    ] {
        let response = stand_in
            .client
            .post(stand_in.url("/__stand-in/faults"))
            .json(&fault)
            .send()
            .await
            .unwrap();
        let error = expect_error(response, StatusCode::BAD_REQUEST, kind).await;
        assert!(!error["message"].as_str().unwrap().is_empty(), "{fault}");
    }
    let response = stand_in
        .client
        .post(stand_in.url("/__stand-in/faults"))
        .body("{")
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::BAD_REQUEST, "invalid_json").await;

    arm(
        &stand_in,
        json!({"operation": "get-webhook", "kind": "drop", "times": 3}),
    )
    .await;
    let listed = stand_in.control(Method::GET, "/faults", None).await;
    assert_eq!(listed["faults"][0]["kind"], "drop");
    assert_eq!(
        stand_in.control(Method::DELETE, "/faults", None).await,
        json!({"faults": []})
    );
}

/// A client that shows redirects rather than following them.
fn not_following() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn recorded_statuses(stand_in: &StandIn) -> Vec<Value> {
    recorded(stand_in)
        .await
        .iter()
        .map(|e| e["status"].clone())
        .collect()
}

#[tokio::test]
async fn redirect_faults_answer_the_status_and_location_then_run_out() {
    let stand_in = start(config()).await;
    let webhook_id = stand_in.all_webhook_ids(1).await.remove(0);
    let secret = format!("{WEBHOOKS}{webhook_id}/secret/");
    stand_in.control(Method::DELETE, "/requests", None).await;
    let armed = arm(
        &stand_in,
        json!({"operation": "get-webhook-secret", "times": 2, "kind": "redirect", "location": "https://evil.example/collect"}),
    )
    .await;
    assert_eq!(
        armed,
        json!({"faults": [{"operation": "get-webhook-secret", "times": 2, "kind": "redirect", "status": null, "retry_after": null, "after": 0, "location": "https://evil.example/collect"}]})
    );
    arm(
        &stand_in,
        json!({"operation": "get-webhook-secret", "kind": "redirect", "status": 307, "location": "/api/v2/webhooks/ep_other/secret/"}),
    )
    .await;

    let client = not_following();
    let mut answers = Vec::new();
    for _ in 0..4 {
        let response = client
            .get(stand_in.url(&secret))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let status = response.status();
        let body = response.text().await.unwrap();
        answers.push((status, location, body.is_empty()));
    }
    assert_eq!(
        answers[..3],
        [
            (
                StatusCode::FOUND,
                Some("https://evil.example/collect".to_owned()),
                true
            ),
            (
                StatusCode::FOUND,
                Some("https://evil.example/collect".to_owned()),
                true
            ),
            (
                StatusCode::TEMPORARY_REDIRECT,
                Some("/api/v2/webhooks/ep_other/secret/".to_owned()),
                true
            ),
        ]
    );
    assert_eq!(answers[3].0, StatusCode::OK, "the faults ran out");
    assert_eq!(answers[3].1, None);
    assert_eq!(
        recorded_statuses(&stand_in).await,
        [json!(302), json!(302), json!(307), json!(200)]
    );
    assert_eq!(
        stand_in.control(Method::GET, "/faults", None).await,
        json!({"faults": []})
    );
}

#[tokio::test]
async fn redirect_faults_carry_the_cors_headers() {
    const ORIGIN: &str = "http://localhost:8080";
    let stand_in = start(Config {
        cors_origins: vec![ORIGIN.to_owned()],
        ..config()
    })
    .await;
    arm(
        &stand_in,
        json!({"operation": "list-webhooks", "kind": "redirect", "status": 303, "location": "https://evil.example/", "headers": {"X-Fault": "yes"}}),
    )
    .await;
    let response = not_following()
        .get(stand_in.url(WEBHOOKS))
        .bearer_auth(TOKEN)
        .header(header::ORIGIN, ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let headers = response.headers();
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], ORIGIN);
    assert_eq!(headers[header::VARY], "Origin");
    assert_eq!(headers["x-fault"], "yes");
    let exposed = headers[header::ACCESS_CONTROL_EXPOSE_HEADERS]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for name in ["retry-after", "x-ratelimit-reset", "location", "x-fault"] {
        assert!(exposed.contains(name), "{exposed}");
    }
}

#[tokio::test]
async fn body_faults_answer_exactly_their_json_and_status() {
    let stand_in = start(config()).await;
    let page = json!({
        "data": [{"id": ".."}, {"id": "."}, {"id": ""}, {"id": "ep_ok"}],
        "meta": {"next_page_url": format!("{}{WEBHOOKS}?cursor=ep_ok&limit=4", stand_in.base)}
    });
    arm(
        &stand_in,
        json!({"operation": "list-webhooks", "kind": "body", "body": page, "times": 2}),
    )
    .await;
    for _ in 0..2 {
        let response = stand_in.get(WEBHOOKS).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        assert!(response.headers().get("x-ratelimit-limit").is_none());
        let text = response.text().await.unwrap();
        assert_eq!(text, serde_json::to_string(&page).unwrap());
    }
    assert_ne!(json_body(stand_in.get(WEBHOOKS).await).await, page);

    let webhook_id = stand_in.all_webhook_ids(1).await.remove(0);
    let secret = format!("{WEBHOOKS}{webhook_id}/secret/");
    for (status, body) in [
        (
            None,
            json!({"key": "whsec_c3Bvb2ZlZC1zZWNyZXQtZm9yLXRlc3Rz"}),
        ),
        (Some(404), json!("not an envelope")),
        (Some(502), json!(null)),
    ] {
        let mut fault = json!({"operation": "get-webhook-secret", "kind": "body", "body": body, "headers": {"X-Fault": "body"}});
        if let Some(status) = status {
            fault["status"] = json!(status);
        }
        arm(&stand_in, fault).await;
        let response = stand_in.get(&secret).await;
        assert_eq!(response.status().as_u16(), status.unwrap_or(200));
        assert_eq!(response.headers()["x-fault"], "body");
        assert_eq!(json_body(response).await, body);
    }
    let statuses = recorded_statuses(&stand_in).await;
    assert_eq!(statuses[..2], [json!(200), json!(200)]);
    assert_eq!(
        statuses[statuses.len() - 3..],
        [json!(200), json!(404), json!(502)]
    );
}

#[tokio::test]
async fn new_fault_kinds_wait_for_after() {
    let stand_in = start(config()).await;
    arm(
        &stand_in,
        json!({"operation": "list-webhooks", "kind": "body", "body": {"data": []}, "after": 1}),
    )
    .await;
    arm(
        &stand_in,
        json!({"operation": "list-webhook-event-types", "kind": "redirect", "location": "/elsewhere", "after": 2}),
    )
    .await;
    assert_eq!(
        stand_in.control(Method::GET, "/faults", None).await["faults"][1]["after"],
        2
    );

    let first = json_body(stand_in.get(WEBHOOKS).await).await;
    assert!(!first["data"].as_array().unwrap().is_empty(), "{first}");
    assert_eq!(
        json_body(stand_in.get(WEBHOOKS).await).await,
        json!({"data": []})
    );
    assert!(!json_body(stand_in.get(WEBHOOKS).await).await["data"]
        .as_array()
        .unwrap()
        .is_empty());

    let client = not_following();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response = client
            .get(stand_in.url(&format!("{WEBHOOKS}event-types/")))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 302, 200]);
}

#[tokio::test]
async fn new_fault_kinds_are_validated() {
    let stand_in = start(config()).await;
    for fault in [
        json!({"operation": "get-webhook-secret", "kind": "redirect"}),
        json!({"operation": "get-webhook-secret", "kind": "redirect", "status": 200, "location": "/"}),
        json!({"operation": "get-webhook-secret", "kind": "redirect", "status": 304, "location": "/"}),
        json!({"operation": "get-webhook-secret", "kind": "redirect", "location": "/\r\nX-Injected: 1"}),
        json!({"operation": "list-webhooks", "kind": "body"}),
        json!({"operation": "list-webhooks", "kind": "body", "body": {}, "status": 199}),
        json!({"operation": "list-webhooks", "kind": "body", "body": {}, "status": 600}),
        json!({"operation": "list-webhooks", "kind": "body", "body": {}, "headers": {"Content-Length": "1"}}),
        json!({"operation": "list-webhooks", "body": {}}),
        json!({"operation": "list-webhooks", "location": "/"}),
        json!({"operation": "list-webhooks", "kind": "drop", "headers": {"X-A": "b"}}),
    ] {
        let response = stand_in
            .client
            .post(stand_in.url("/__stand-in/faults"))
            .json(&fault)
            .send()
            .await
            .unwrap();
        let error = expect_error(response, StatusCode::BAD_REQUEST, "validation_error").await;
        assert_eq!(error["details"][0]["location"], "body", "{fault}");
    }
    let response = stand_in
        .client
        .post(stand_in.url("/__stand-in/faults"))
        .json(&json!({"operation": "list-webhooks", "kind": "body", "body": {}, "headers": {"X-A": 1}}))
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::BAD_REQUEST, "bad_request").await;
    let error = expect_error(
        stand_in
            .client
            .post(stand_in.url("/__stand-in/faults"))
            .json(&json!({"operation": "get-webhook-secret", "kind": "redirect"}))
            .send()
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
        "validation_error",
    )
    .await;
    assert_eq!(error["details"][0]["parameter"], "location");
    assert_eq!(
        stand_in.control(Method::GET, "/faults", None).await,
        json!({"faults": []})
    );
}

#[tokio::test]
async fn latency_delays_answers_for_all_or_one_operation() {
    let stand_in = start(config()).await;
    let delay = Duration::from_millis(400);
    let event_types = format!("{WEBHOOKS}event-types/");
    async fn timed(stand_in: &StandIn, path: &str) -> Duration {
        let started = Instant::now();
        assert!(stand_in.get(path).await.status().is_success());
        started.elapsed()
    }

    let answer = stand_in
        .control(
            Method::POST,
            "/latency",
            Some(&json!({"ms": 400, "operation": "list-webhooks"})),
        )
        .await;
    assert_eq!(
        answer,
        json!({"latency": {"default_ms": 0, "operations": {"list-webhooks": 400}}})
    );
    assert!(timed(&stand_in, WEBHOOKS).await >= delay);
    assert!(timed(&stand_in, &event_types).await < delay);

    stand_in
        .control(Method::POST, "/latency", Some(&json!({"ms": 400})))
        .await;
    assert!(timed(&stand_in, &event_types).await >= delay);
    stand_in
        .control(Method::POST, "/latency", Some(&json!({"ms": 0})))
        .await;
    assert!(
        timed(&stand_in, WEBHOOKS).await < delay,
        "0 clears every delay"
    );
}

#[tokio::test]
async fn secrets_of_unknown_webhooks_are_404() {
    let stand_in = start(config()).await;
    let response = stand_in
        .client
        .get(stand_in.url("/__stand-in/webhooks/ep_missing/secrets"))
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn control_errors_use_the_envelope() {
    let stand_in = start(config()).await;
    let response = stand_in
        .client
        .put(stand_in.url("/__stand-in/reset"))
        .send()
        .await
        .unwrap();
    expect_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
    let response = stand_in
        .client
        .get(stand_in.url("/__stand-in/nothing"))
        .send()
        .await
        .unwrap();
    expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    let response = stand_in
        .client
        .post(stand_in.url("/__stand-in/reset"))
        .json(&json!({"seed_webhooks": -1}))
        .send()
        .await
        .unwrap();
    let body = json_body(response).await;
    assert_eq!(body["errors"][0]["type"], "bad_request");
}

#[tokio::test]
async fn ten_thousand_webhooks_seed_fast_and_page_completely() {
    let stand_in = start(config()).await;
    let started = Instant::now();
    stand_in
        .control(
            Method::POST,
            "/reset",
            Some(&json!({"seed_webhooks": 10_000})),
        )
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let ids = stand_in.all_webhook_ids(250).await;
    assert_eq!(ids.len(), 10_000);
    assert_eq!(
        ids.iter().collect::<std::collections::HashSet<_>>().len(),
        10_000
    );
}

#[tokio::test]
async fn the_proxy_prefix_adds_its_token_and_the_log_keeps_what_the_browser_sent() {
    let stand_in = start(Config {
        proxy: Some(ProxySettings {
            prefix: "/ada-proxy/api/".to_owned(),
            token: TOKEN.to_owned(),
        }),
        ..config()
    })
    .await;
    let through_proxy = stand_in
        .client
        .get(stand_in.url("/ada-proxy/api/v2/webhooks/?limit=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(through_proxy.status(), StatusCode::OK);
    let direct = stand_in
        .client
        .get(stand_in.url(WEBHOOKS))
        .send()
        .await
        .unwrap();
    assert_eq!(direct.status(), StatusCode::UNAUTHORIZED);

    let entries = recorded(&stand_in).await;
    let summary: Vec<Value> = entries
        .iter()
        .map(|e| json!([e["path"], e["authorization"], e["via_proxy"], e["status"]]))
        .collect();
    assert_eq!(
        summary,
        [
            json!([WEBHOOKS, "missing", true, 200]),
            json!([WEBHOOKS, "missing", false, 401]),
        ]
    );
    stand_in.shut_down().await;
}
