//! Startup configuration of the stand-in (what the command-line flags set).

use crate::rate_limit::RateLimitSettings;

/// How the stand-in behaves; [`Default`] matches the command line's defaults except that no
/// token is accepted until one is added.
#[derive(Clone, Debug)]
pub struct Config {
    /// Tokens accepted in `Authorization: Bearer <token>`.
    pub tokens: Vec<String>,
    /// Number of demo webhooks created at start and on reset.
    pub seed_webhooks: usize,
    pub rate_limit: RateLimitSettings,
    /// Browser origins allowed by CORS, matched exactly; empty turns CORS off.
    pub cors_origins: Vec<String>,
    /// External base URL (`scheme://host[:port][/prefix]`) used to build `next_page_url`.
    pub public_url: Option<String>,
    /// Plays a host's same-origin proxy: requests under its prefix are served as `/api/…` with
    /// its token, as a proxy that adds Ada's key server-side would send them.
    pub proxy: Option<ProxySettings>,
}

#[derive(Clone, Debug)]
pub struct ProxySettings {
    /// Path prefix standing in for `/api/`, e.g. `/ada-proxy/api/`; starts and ends with `/`.
    pub prefix: String,
    /// The token the proxy adds; it must also be one of [`Config::tokens`] to be accepted.
    pub token: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            tokens: Vec::new(),
            seed_webhooks: 30,
            rate_limit: RateLimitSettings::default(),
            cors_origins: Vec::new(),
            public_url: None,
            proxy: None,
        }
    }
}
