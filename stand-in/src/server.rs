//! Serving the app over HTTP/1.1 with hyper directly rather than `axum::serve`, so that a
//! `drop` fault can close the connection without any response; also the one-line-per-request
//! access log on stderr and graceful shutdown.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{service_fn, Service};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use crate::faults::DropConnection;

/// How long open connections may take to finish once shutdown begins.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Pause after a failed accept (e.g. out of file descriptors) instead of spinning.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Returned to hyper instead of a response; hyper then closes the connection unanswered.
#[derive(Debug)]
struct ConnectionDropped;

impl fmt::Display for ConnectionDropped {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("connection dropped by a fault")
    }
}

impl std::error::Error for ConnectionDropped {}

/// Serves `app` on `listener` until `shutdown` completes, then lets open requests finish.
/// Each request is logged to stderr as `METHOD PATH STATUS DURATIONms` (no query, headers or
/// body, which may hold tokens or secrets).
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let router = TowerToHyperService::new(app);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    eprintln!("ada-stand-in: accept failed: {error}");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = service_fn(move |request| answer(router.clone(), request));
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        // Connection errors (client resets, dropped faults) concern that connection only.
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!("ada-stand-in: connections still open after {SHUTDOWN_GRACE:?}; closing them");
    }
}

async fn answer(
    router: TowerToHyperService<Router>,
    request: Request<Incoming>,
) -> Result<Response<Body>, ConnectionDropped> {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response: Response = router
        .call(request)
        .await
        .unwrap_or_else(|never: Infallible| match never {});
    let dropped = response.extensions().get::<DropConnection>().is_some();
    let outcome = if dropped {
        "dropped".to_owned()
    } else {
        response.status().as_u16().to_string()
    };
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    eprintln!("{method} {path} {outcome} {elapsed_ms:.1}ms");
    if dropped {
        Err(ConnectionDropped)
    } else {
        Ok(response)
    }
}
