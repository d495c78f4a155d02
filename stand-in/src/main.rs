//! The `ada-stand-in` command: parses flags, binds the listener, announces the address on
//! stdout, and serves until Ctrl-C or SIGTERM.

use std::future::Future;
use std::io::Write;
use std::process::ExitCode;

use ada_stand_in::{app, serve, Config, ProxySettings, RateLimitSettings};
use clap::Parser;
use tokio::net::TcpListener;

/// A local stand-in for Ada's webhook-management API (not Ada), for demos and tests.
///
/// Serves Ada's API under /api/v2/webhooks/ with demo data, and a test-control API under
/// /__stand-in/ (request log, reset, faults, latency, secrets, rate-limit switches).
#[derive(Parser, Debug)]
#[command(name = "ada-stand-in", version, about, long_about)]
struct Cli {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,

    /// Port to listen on; 0 picks a free port (the one chosen is printed).
    #[arg(long, default_value_t = 9000)]
    port: u16,

    /// API token accepted as `Authorization: Bearer <TOKEN>`; repeat to accept several.
    #[arg(long = "token", value_name = "TOKEN", required = true)]
    tokens: Vec<String>,

    /// Number of demo webhooks created at start and on reset.
    #[arg(long, value_name = "N", default_value_t = 30)]
    seed_webhooks: usize,

    /// Turn rate limiting off.
    #[arg(long)]
    no_rate_limit: bool,

    /// Requests allowed per token per second.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit_per_second: u32,

    /// Requests allowed per token per minute.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    rate_limit_per_minute: u32,

    /// Browser origin allowed by CORS, e.g. http://localhost:8080, matched exactly; repeat
    /// for several. Without it no CORS headers are sent.
    #[arg(long = "cors-origin", value_name = "ORIGIN", value_parser = parse_origin)]
    cors_origins: Vec<String>,

    /// External base URL of this server (scheme://host[:port][/prefix]) used for
    /// next_page_url; by default it comes from X-Forwarded-Proto/-Host or Host.
    #[arg(long, value_name = "URL", value_parser = parse_public_url)]
    public_url: Option<String>,

    /// Also serve the API under this path prefix (e.g. /ada-proxy/api/) as a host's proxy would:
    /// with the --proxy-token added, whatever the browser sent. The request log marks these
    /// requests `via_proxy` and records the browser's own Authorization.
    #[arg(long, value_name = "PREFIX", value_parser = parse_proxy_prefix, requires = "proxy_token")]
    proxy_prefix: Option<String>,

    /// The token the --proxy-prefix proxy adds; it must be one of the --token values to pass.
    #[arg(long, value_name = "TOKEN", requires = "proxy_prefix")]
    proxy_token: Option<String>,
}

fn split_http_url(text: &str) -> Result<(&str, &str), String> {
    let rest = text
        .strip_prefix("http://")
        .or_else(|| text.strip_prefix("https://"))
        .ok_or_else(|| format!("`{text}` must start with http:// or https://"))?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.is_empty() {
        return Err(format!("`{text}` has no host"));
    }
    Ok((authority, path))
}

/// Browsers send origins as `scheme://host[:port]`; anything more could never match.
fn parse_origin(text: &str) -> Result<String, String> {
    match split_http_url(text)? {
        (_, "") => Ok(text.to_owned()),
        _ => Err(format!(
            "`{text}` is not an origin: drop the path (and any trailing slash)"
        )),
    }
}

fn parse_proxy_prefix(text: &str) -> Result<String, String> {
    if !text.starts_with('/')
        || text == "/"
        || text.starts_with("/api/")
        || text.starts_with("/__stand-in/")
    {
        return Err(format!(
            "`{text}` must be a path such as /ada-proxy/api/, outside /api/ and /__stand-in/"
        ));
    }
    Ok(format!("{}/", text.trim_end_matches('/')))
}

fn parse_public_url(text: &str) -> Result<String, String> {
    split_http_url(text)?;
    Ok(text.trim_end_matches('/').to_owned())
}

impl Cli {
    fn config(self) -> Config {
        Config {
            tokens: self.tokens,
            seed_webhooks: self.seed_webhooks,
            rate_limit: RateLimitSettings {
                enabled: !self.no_rate_limit,
                per_second: self.rate_limit_per_second,
                per_minute: self.rate_limit_per_minute,
            },
            cors_origins: self.cors_origins,
            public_url: self.public_url,
            proxy: self
                .proxy_prefix
                .zip(self.proxy_token)
                .map(|(prefix, token)| ProxySettings { prefix, token }),
        }
    }
}

/// Registers for Ctrl-C and SIGTERM immediately, so both are handled from the moment the
/// listening line is printed; the returned future completes on either.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let listener = match TcpListener::bind((cli.host.as_str(), cli.port)).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "ada-stand-in: cannot listen on {}:{}: {error}",
                cli.host, cli.port
            );
            return ExitCode::FAILURE;
        }
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(error) => {
            eprintln!("ada-stand-in: cannot read the listening address: {error}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown = match shutdown_signal() {
        Ok(shutdown) => shutdown,
        Err(error) => {
            eprintln!("ada-stand-in: cannot handle shutdown signals: {error}");
            return ExitCode::FAILURE;
        }
    };
    let app = app(cli.config());
    println!("ada-stand-in listening on http://{address}");
    // Scripts wait for this line, so it must not sit in a buffer.
    if std::io::stdout().flush().is_err() {
        return ExitCode::FAILURE;
    }
    serve(listener, app, shutdown).await;
    ExitCode::SUCCESS
}
