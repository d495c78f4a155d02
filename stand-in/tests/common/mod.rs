//! Test harness shared by the integration tests: the stand-in served on 127.0.0.1 port 0 over
//! real HTTP, a reqwest client for it, and assertions on Ada's error envelope.

#![allow(dead_code)] // Each test binary uses a different part of the harness.

use std::net::SocketAddr;

use ada_stand_in::{app, serve, Config, RateLimitSettings};
use reqwest::{Method, Response, StatusCode};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub const TOKEN: &str = "test-token";
pub const WEBHOOKS: &str = "/api/v2/webhooks/";

/// Rate limiting is off so that tests can make as many requests as they need; the tests
/// of rate limiting turn it on.
pub fn config() -> Config {
    Config {
        tokens: vec![TOKEN.to_owned()],
        rate_limit: RateLimitSettings {
            enabled: false,
            ..RateLimitSettings::default()
        },
        ..Config::default()
    }
}

pub struct StandIn {
    pub address: SocketAddr,
    pub base: String,
    pub client: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

pub async fn start(config: Config) -> StandIn {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let address = listener.local_addr().unwrap();
    let (shutdown, shutdown_received) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app(config), async {
        let _ = shutdown_received.await;
    }));
    StandIn {
        address,
        base: format!("http://{address}"),
        client: reqwest::Client::new(),
        shutdown: Some(shutdown),
        server: Some(server),
    }
}

impl StandIn {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request carrying the valid token.
    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(TOKEN)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.get_result(path).await.expect("GET")
    }

    pub async fn get_result(&self, path: &str) -> reqwest::Result<Response> {
        self.request(Method::GET, path).send().await
    }

    pub async fn send_json(&self, method: Method, path: &str, body: &Value) -> Response {
        self.request(method, path)
            .json(body)
            .send()
            .await
            .expect("request with a JSON body")
    }

    pub async fn control(&self, method: Method, path: &str, body: Option<&Value>) -> Value {
        let mut request = self
            .client
            .request(method, self.url(&format!("/__stand-in{path}")));
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("control request");
        assert!(
            response.status().is_success(),
            "control {path}: {}",
            response.status()
        );
        response.json().await.expect("control JSON")
    }

    /// Ids of every webhook, following `next_page_url` from the first page.
    pub async fn all_webhook_ids(&self, limit: usize) -> Vec<String> {
        let mut ids = Vec::new();
        let mut next = Some(self.url(&format!("{WEBHOOKS}?limit={limit}")));
        while let Some(url) = next {
            let page: Value = self
                .client
                .get(&url)
                .bearer_auth(TOKEN)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            ids.extend(
                page["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w["id"].as_str().unwrap().to_owned()),
            );
            next = page["meta"]["next_page_url"].as_str().map(str::to_owned);
        }
        ids
    }

    /// Stops accepting, lets open connections finish, and waits for `serve` to return.
    pub async fn shut_down(mut self) {
        self.shutdown.take().unwrap().send(()).unwrap();
        self.server.take().unwrap().await.unwrap();
    }
}

pub async fn json_body(response: Response) -> Value {
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    assert_eq!(
        content_type.as_deref(),
        Some("application/json"),
        "JSON content type"
    );
    response.json().await.expect("JSON body")
}

/// Checks the status and Ada's envelope; returns the single error item.
pub async fn expect_error(response: Response, status: StatusCode, kind: &str) -> Value {
    assert_eq!(response.status(), status);
    let body = json_body(response).await;
    let errors = body["errors"].as_array().expect("an `errors` array");
    assert_eq!(errors.len(), 1, "{body}");
    let error = errors[0].clone();
    assert_eq!(error["type"], kind, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    error
}

/// The `details` list of a validation error, as `(parameter, location)` pairs.
pub fn detail_parameters(error: &Value) -> Vec<(String, String)> {
    error["details"]
        .as_array()
        .expect("validation details are a list")
        .iter()
        .map(|detail| {
            assert!(
                detail["message"].as_str().is_some_and(|m| !m.is_empty()),
                "{detail}"
            );
            (
                detail["parameter"].as_str().unwrap().to_owned(),
                detail["location"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
