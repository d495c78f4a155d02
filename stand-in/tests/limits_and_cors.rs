//! Rate limiting (per token, per second and per minute, `X-RateLimit-*` and `Retry-After`) and
//! CORS (off by default; exact origins; preflight and simple requests; control API too).

mod common;

use ada_stand_in::{Config, RateLimitSettings};
use common::{config, expect_error, start, StandIn, TOKEN, WEBHOOKS};
use reqwest::{header, Method, Response, StatusCode};
use serde_json::json;

const OTHER_TOKEN: &str = "second-token";
const ORIGIN: &str = "http://localhost:8080";

fn rate_limited(per_second: u32, per_minute: u32) -> Config {
    Config {
        tokens: vec![TOKEN.to_owned(), OTHER_TOKEN.to_owned()],
        rate_limit: RateLimitSettings {
            enabled: true,
            per_second,
            per_minute,
        },
        ..config()
    }
}

fn header_number(response: &Response, name: &str) -> u64 {
    response.headers()[name].to_str().unwrap().parse().unwrap()
}

async fn expect_rate_limited(response: Response) -> u64 {
    let retry_after = header_number(&response, "retry-after");
    assert!(retry_after >= 1);
    assert!(response.headers().get("x-ratelimit-remaining").is_none());
    expect_error(
        response,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limit_exceeded",
    )
    .await;
    retry_after
}

#[tokio::test]
async fn the_per_second_limit_answers_429_with_retry_after() {
    let stand_in = start(rate_limited(3, 100)).await;
    for remaining in [2, 1, 0] {
        let response = stand_in.get(WEBHOOKS).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header_number(&response, "x-ratelimit-limit"), 3);
        assert_eq!(header_number(&response, "x-ratelimit-remaining"), remaining);
        assert_eq!(header_number(&response, "x-ratelimit-reset"), 1);
    }
    assert_eq!(expect_rate_limited(stand_in.get(WEBHOOKS).await).await, 1);

    let other = stand_in
        .client
        .get(stand_in.url(WEBHOOKS))
        .bearer_auth(OTHER_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK, "limits are per token");

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(
        stand_in.get(WEBHOOKS).await.status(),
        StatusCode::OK,
        "the next second starts afresh"
    );
}

#[tokio::test]
async fn the_per_minute_limit_asks_to_wait_for_the_rest_of_the_minute() {
    let stand_in = start(rate_limited(100, 5)).await;
    for remaining in (0..5).rev() {
        let response = stand_in.get(WEBHOOKS).await;
        assert_eq!(header_number(&response, "x-ratelimit-limit"), 5);
        assert_eq!(header_number(&response, "x-ratelimit-remaining"), remaining);
        let reset = header_number(&response, "x-ratelimit-reset");
        assert!((50..=60).contains(&reset), "{reset}");
    }
    let retry_after = expect_rate_limited(stand_in.get(WEBHOOKS).await).await;
    assert!((50..=60).contains(&retry_after), "{retry_after}");
}

#[tokio::test]
async fn only_authenticated_requests_count_and_only_successes_carry_the_headers() {
    let stand_in = start(rate_limited(100, 3)).await;
    for _ in 0..5 {
        let response = stand_in
            .client
            .get(stand_in.url(WEBHOOKS))
            .bearer_auth("wrong")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let not_found = stand_in.get(&format!("{WEBHOOKS}ep_missing")).await;
    assert_eq!(not_found.status(), StatusCode::NOT_FOUND);
    assert!(not_found.headers().get("x-ratelimit-limit").is_none());
    let response = stand_in.get(WEBHOOKS).await;
    assert_eq!(
        header_number(&response, "x-ratelimit-remaining"),
        1,
        "the 404 counted, the 401s did not"
    );
}

#[tokio::test]
async fn without_rate_limiting_nothing_is_limited_or_reported() {
    let stand_in = start(config()).await;
    for _ in 0..120 {
        let response = stand_in.get(&format!("{WEBHOOKS}event-types/")).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers().get("x-ratelimit-limit").is_none());
    }
}

#[tokio::test]
async fn the_control_api_switches_rate_limiting() {
    let stand_in = start(rate_limited(1, 100)).await;
    assert_eq!(stand_in.get(WEBHOOKS).await.status(), StatusCode::OK);
    expect_rate_limited(stand_in.get(WEBHOOKS).await).await;

    let settings = stand_in
        .control(
            Method::POST,
            "/rate-limit",
            Some(&json!({"enabled": false})),
        )
        .await;
    assert_eq!(
        settings["rate_limit"],
        json!({"enabled": false, "per_second": 1, "per_minute": 100})
    );
    for _ in 0..5 {
        assert_eq!(stand_in.get(WEBHOOKS).await.status(), StatusCode::OK);
    }
    stand_in
        .control(
            Method::POST,
            "/rate-limit",
            Some(&json!({"enabled": true, "per_second": 2})),
        )
        .await;
    assert_eq!(stand_in.get(WEBHOOKS).await.status(), StatusCode::OK);
    assert_eq!(stand_in.get(WEBHOOKS).await.status(), StatusCode::OK);
    expect_rate_limited(stand_in.get(WEBHOOKS).await).await;
}

async fn preflight(stand_in: &StandIn, path: &str, origin: &str) -> Response {
    stand_in
        .client
        .request(Method::OPTIONS, stand_in.url(path))
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization, content-type",
        )
        .send()
        .await
        .unwrap()
}

fn cors_headers(response: &Response) -> Vec<String> {
    response
        .headers()
        .keys()
        .map(|name| name.as_str().to_owned())
        .filter(|name| name.starts_with("access-control-"))
        .collect()
}

fn header_text(response: &Response, name: header::HeaderName) -> &str {
    response.headers()[name].to_str().unwrap()
}

#[tokio::test]
async fn cors_is_off_by_default() {
    let stand_in = start(config()).await;
    let response = preflight(&stand_in, WEBHOOKS, ORIGIN).await;
    assert!(cors_headers(&response).is_empty());
    expect_error(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;

    let response = stand_in
        .request(Method::GET, WEBHOOKS)
        .header(header::ORIGIN, ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(cors_headers(&response).is_empty());
    assert!(response.headers().get(header::VARY).is_none());
}

#[tokio::test]
async fn cors_answers_configured_origins_only() {
    let stand_in = start(Config {
        cors_origins: vec![ORIGIN.to_owned(), "https://admin.example".to_owned()],
        ..config()
    })
    .await;

    for path in [
        WEBHOOKS,
        "/api/v2/webhooks/ep_x/secret/rotate/",
        "/__stand-in/faults",
    ] {
        let response = preflight(&stand_in, path, ORIGIN).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{path}");
        assert_eq!(
            header_text(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN),
            ORIGIN
        );
        assert_eq!(header_text(&response, header::VARY), "Origin");
        let methods = header_text(&response, header::ACCESS_CONTROL_ALLOW_METHODS);
        for method in ["GET", "POST", "PATCH", "DELETE", "OPTIONS"] {
            assert!(methods.contains(method), "{methods}");
        }
        let headers =
            header_text(&response, header::ACCESS_CONTROL_ALLOW_HEADERS).to_ascii_lowercase();
        assert!(
            headers.contains("authorization") && headers.contains("content-type"),
            "{headers}"
        );
        assert!(
            header_text(&response, header::ACCESS_CONTROL_MAX_AGE)
                .parse::<u32>()
                .unwrap()
                > 0
        );
    }

    let success = stand_in
        .request(Method::GET, WEBHOOKS)
        .header(header::ORIGIN, ORIGIN)
        .send()
        .await
        .unwrap();
    let unauthorized = stand_in
        .client
        .get(stand_in.url(WEBHOOKS))
        .header(header::ORIGIN, ORIGIN)
        .send()
        .await
        .unwrap();
    let control = stand_in
        .client
        .get(stand_in.url("/__stand-in/health"))
        .header(header::ORIGIN, ORIGIN)
        .send()
        .await
        .unwrap();
    for response in [&success, &unauthorized, &control] {
        assert_eq!(
            header_text(response, header::ACCESS_CONTROL_ALLOW_ORIGIN),
            ORIGIN
        );
        let exposed = header_text(response, header::ACCESS_CONTROL_EXPOSE_HEADERS);
        for name in [
            "Retry-After",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
        ] {
            assert!(exposed.contains(name), "{exposed}");
        }
    }
    assert_eq!(unauthorized.status(), StatusCode::UNAUTHORIZED);

    for other in [
        "http://evil.example",
        "http://localhost:8080/",
        "HTTP://LOCALHOST:8080",
    ] {
        let response = preflight(&stand_in, WEBHOOKS, other).await;
        assert!(cors_headers(&response).is_empty(), "{other}");
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        let response = stand_in
            .request(Method::GET, WEBHOOKS)
            .header(header::ORIGIN, other)
            .send()
            .await
            .unwrap();
        assert!(cors_headers(&response).is_empty(), "{other}");
        assert_eq!(header_text(&response, header::VARY), "Origin");
    }
}
