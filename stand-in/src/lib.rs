//! A local stand-in for Ada's webhook-management REST API (`/api/v2/webhooks/…`), plus a
//! test-control API under `/__stand-in/`, for demos and tests of the browser widget.
//!
//! [`app`] builds the router (usable in-process); [`serve`] runs it over real HTTP/1.1, which
//! is needed for the `drop` fault to close connections without answering.

mod api;
mod body;
mod config;
mod control;
mod cors;
mod error;
mod event_types;
mod faults;
mod ids;
mod operations;
mod rate_limit;
mod request_log;
mod routes;
mod secrets;
mod seed;
mod server;
mod state;
mod store;
mod timestamps;
mod validation;

pub use config::{Config, ProxySettings};
pub use rate_limit::RateLimitSettings;
pub use server::serve;

use axum::{middleware, Router};

/// Builds the complete stand-in: the imitation of Ada's API under `/api/`, the control API
/// under `/__stand-in/`, and the optional CORS layer around both.
pub fn app(config: Config) -> Router {
    let state = state::AppState::new(config);
    Router::new()
        .nest("/__stand-in", control::routes())
        // Everything else goes through the API pipeline, which answers unknown paths with
        // a 404 in Ada's envelope.
        .fallback(api::handle)
        .layer(middleware::from_fn_with_state(state.clone(), cors::apply))
        .with_state(state)
}
