//! The API base URL a person types (or a host passes in), checked and normalised to the form the
//! API client joins paths to: no trailing slash, ending in `/api` for Ada instances.
//!
//! Also the options a host page passes when it embeds the widget (attributes of
//! `<ada-webhooks-admin>` or the `mount` options object), checked into an [`EmbedConfig`].
//!
//! Accepted: a same-origin path such as `/api` (a proxy, the default); `https://<instance>.ada.support`
//! (normalised to `…/api`); any other https URL (a company proxy); plain http only for localhost.

use std::fmt;

pub const DEFAULT_BASE_URL: &str = "/api";
const ADA_HOST_SUFFIX: &str = ".ada.support";

/// A base URL that passed [`normalize_base_url`]; only that function makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl(DEFAULT_BASE_URL.to_owned())
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseUrlProblem {
    ContainsSpace,
    UnsupportedScheme(String),
    InsecureRemote,
    MissingHost,
    InvalidHost(String),
    HasCredentials,
    HasQueryOrFragment,
    UnexpectedAdaPath(String),
}

impl fmt::Display for BaseUrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaseUrlProblem::ContainsSpace => {
                f.write_str("The address contains a space. Remove it.")
            }
            BaseUrlProblem::UnsupportedScheme(scheme) => write!(
                f,
                "“{scheme}:” addresses are not supported. Use https://, or a path such as /api."
            ),
            BaseUrlProblem::InsecureRemote => f.write_str(
                "Plain http:// would send your API key unencrypted. Use https:// (http is \
                 allowed only for localhost).",
            ),
            BaseUrlProblem::MissingHost => {
                f.write_str("The address has no host name, for example https://acme.ada.support.")
            }
            BaseUrlProblem::InvalidHost(host) => {
                write!(f, "“{host}” is not a valid host name. Check for typos.")
            }
            BaseUrlProblem::HasCredentials => {
                f.write_str("Remove the user name or password from the address.")
            }
            BaseUrlProblem::HasQueryOrFragment => {
                f.write_str("Remove the ? or # part; the address should end at the path.")
            }
            BaseUrlProblem::UnexpectedAdaPath(path) => write!(
                f,
                "Ada instances serve the API at /api, not at “{path}”. Enter just \
                 https://<instance>.ada.support."
            ),
        }
    }
}

/// Checks and normalises what was typed; the field keeps the raw text, so nothing is lost on error.
pub fn normalize_base_url(input: &str) -> Result<BaseUrl, BaseUrlProblem> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(BaseUrl::default());
    }
    if text.contains(char::is_whitespace) {
        return Err(BaseUrlProblem::ContainsSpace);
    }
    if text.contains(['?', '#']) {
        return Err(BaseUrlProblem::HasQueryOrFragment);
    }
    if text.starts_with('/') && !text.starts_with("//") {
        return Ok(BaseUrl(trim_trailing_slashes(text, "/api").to_owned()));
    }
    let (scheme, rest) = match text.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None if text.contains(':') && !looks_like_host_and_port(text) => {
            let scheme = text.split(':').next().unwrap_or_default();
            return Err(BaseUrlProblem::UnsupportedScheme(scheme.to_owned()));
        }
        // A bare host, as people often paste it: assume https.
        None => ("https".to_owned(), text),
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(BaseUrlProblem::HasCredentials);
    }
    if authority.is_empty() {
        return Err(BaseUrlProblem::MissingHost);
    }
    let host = host_of(authority)?;
    match scheme.as_str() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(BaseUrlProblem::InsecureRemote),
        other => return Err(BaseUrlProblem::UnsupportedScheme(other.to_owned())),
    }
    let path = trim_trailing_slashes(path, "");
    let path = if host.ends_with(ADA_HOST_SUFFIX) {
        ada_api_path(path)?
    } else {
        path
    };
    Ok(BaseUrl(format!(
        "{scheme}://{}{path}",
        authority.to_ascii_lowercase()
    )))
}

fn trim_trailing_slashes<'a>(path: &'a str, when_empty: &'a str) -> &'a str {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        when_empty
    } else {
        trimmed
    }
}

/// An Ada instance serves its API at `/api`; people paste the bare instance or an endpoint URL.
fn ada_api_path(path: &str) -> Result<&'static str, BaseUrlProblem> {
    match path {
        "" | "/api" | "/api/v2" | "/api/v2/webhooks" => Ok("/api"),
        other => Err(BaseUrlProblem::UnexpectedAdaPath(other.to_owned())),
    }
}

fn looks_like_host_and_port(text: &str) -> bool {
    let authority = text.split('/').next().unwrap_or_default();
    authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
}

/// The lower-cased host of `host[:port]` or `[v6]:port`, when it is a plausible name or address.
fn host_of(authority: &str) -> Result<String, BaseUrlProblem> {
    let invalid = || BaseUrlProblem::InvalidHost(authority.to_owned());
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (v6, after) = rest.split_once(']').ok_or_else(invalid)?;
        (format!("[{v6}]"), after.strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host.to_owned(), Some(port)),
            None => (authority.to_owned(), None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || port.parse::<u16>().is_err() {
            return Err(invalid());
        }
    }
    let plausible = !host.is_empty()
        && (host.starts_with('[')
            || host.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }));
    if plausible {
        Ok(host.to_ascii_lowercase())
    } else {
        Err(invalid())
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host == "[::1]" || host.starts_with("127.")
}

/// How an embedded widget's requests are authorised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMode {
    /// The host supplies a token (or the person signs in); the browser sends it as a bearer key.
    Token,
    /// The host's proxy adds Ada's key server-side; the browser sends no Authorization header.
    Proxy,
}

/// The colour scheme an embedded widget uses; `Auto` follows the system setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The value of the widget root's `data-theme`; `None` leaves it to the media query.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// What a host page asked for, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedConfig {
    pub base_url: BaseUrl,
    pub auth: AuthMode,
    pub theme: Theme,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmbedProblem {
    BaseUrl(BaseUrlProblem),
    UnknownAuth(String),
    UnknownTheme(String),
}

impl fmt::Display for EmbedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedProblem::BaseUrl(problem) => write!(f, "base-url: {problem}"),
            EmbedProblem::UnknownAuth(auth) => {
                write!(
                    f,
                    "auth: “{auth}” is not supported; use “token” or “proxy”."
                )
            }
            EmbedProblem::UnknownTheme(theme) => {
                write!(
                    f,
                    "theme: “{theme}” is not supported; use “auto”, “light” or “dark”."
                )
            }
        }
    }
}

/// Checks the host's options; a missing or blank option takes its default (`/api`, token, auto).
pub fn parse_embed_options(
    base_url: Option<&str>,
    auth: Option<&str>,
    theme: Option<&str>,
) -> Result<EmbedConfig, EmbedProblem> {
    let base_url =
        normalize_base_url(base_url.unwrap_or_default()).map_err(EmbedProblem::BaseUrl)?;
    let auth = match auth.map(str::trim).unwrap_or_default() {
        "" | "token" => AuthMode::Token,
        "proxy" => AuthMode::Proxy,
        other => return Err(EmbedProblem::UnknownAuth(other.to_owned())),
    };
    let theme = match theme.map(str::trim).unwrap_or_default() {
        "" | "auto" => Theme::Auto,
        "light" => Theme::Light,
        "dark" => Theme::Dark,
        other => return Err(EmbedProblem::UnknownTheme(other.to_owned())),
    };
    Ok(EmbedConfig {
        base_url,
        auth,
        theme,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        normalize_base_url(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .0
    }

    #[test]
    fn empty_means_the_same_origin_proxy() {
        assert_eq!(ok(""), "/api");
        assert_eq!(ok("  "), "/api");
    }

    #[test]
    fn same_origin_paths_lose_trailing_slashes() {
        assert_eq!(ok("/api/"), "/api");
        assert_eq!(ok("/ada-proxy/api"), "/ada-proxy/api");
        assert_eq!(ok("/"), "/api");
    }

    #[test]
    fn ada_instances_are_normalised_to_api() {
        assert_eq!(
            ok("https://acme.ada.support"),
            "https://acme.ada.support/api"
        );
        assert_eq!(
            ok("https://acme.ada.support/"),
            "https://acme.ada.support/api"
        );
        assert_eq!(
            ok("https://Acme.EU.ada.support/api/"),
            "https://acme.eu.ada.support/api"
        );
        assert_eq!(
            ok("https://acme.ada.support/api/v2/webhooks/"),
            "https://acme.ada.support/api"
        );
        assert_eq!(ok("acme.ada.support"), "https://acme.ada.support/api");
    }

    #[test]
    fn other_https_urls_are_kept() {
        assert_eq!(
            ok("https://proxy.example.com/ada/"),
            "https://proxy.example.com/ada"
        );
        assert_eq!(
            ok("https://proxy.example.com:8443"),
            "https://proxy.example.com:8443"
        );
    }

    #[test]
    fn plain_http_only_for_loopback() {
        assert_eq!(ok("http://localhost:9000/api"), "http://localhost:9000/api");
        assert_eq!(
            ok("http://127.0.0.1:9000/api/"),
            "http://127.0.0.1:9000/api"
        );
        assert_eq!(ok("localhost:9000/api"), "https://localhost:9000/api");
        assert_eq!(
            normalize_base_url("http://acme.ada.support"),
            Err(BaseUrlProblem::InsecureRemote)
        );
    }

    #[test]
    fn each_problem_is_named() {
        use BaseUrlProblem::*;
        assert_eq!(
            normalize_base_url("https://acme ada.support"),
            Err(ContainsSpace)
        );
        assert_eq!(
            normalize_base_url("ftp://x.example"),
            Err(UnsupportedScheme("ftp".into()))
        );
        assert_eq!(
            normalize_base_url("javascript:alert(1)"),
            Err(UnsupportedScheme("javascript".into()))
        );
        assert_eq!(normalize_base_url("https://"), Err(MissingHost));
        assert_eq!(
            normalize_base_url("https://bad_host.example"),
            Err(InvalidHost("bad_host.example".into()))
        );
        assert_eq!(
            normalize_base_url("https://x.example:99999"),
            Err(InvalidHost("x.example:99999".into()))
        );
        assert_eq!(
            normalize_base_url("https://me:pw@x.example"),
            Err(HasCredentials)
        );
        assert_eq!(
            normalize_base_url("https://x.example/api?token=1"),
            Err(HasQueryOrFragment)
        );
        assert_eq!(
            normalize_base_url("https://acme.ada.support/admin"),
            Err(UnexpectedAdaPath("/admin".into()))
        );
    }

    #[test]
    fn problems_read_as_sentences() {
        assert!(BaseUrlProblem::InsecureRemote
            .to_string()
            .contains("https://"));
    }

    #[test]
    fn embed_options_default_to_the_same_origin_api_with_a_token() {
        let config = parse_embed_options(None, None, Some(" ")).unwrap();
        assert_eq!(config.base_url.as_str(), "/api");
        assert_eq!(config.auth, AuthMode::Token);
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.theme.attribute(), None);
    }

    #[test]
    fn embed_options_read_proxy_mode_and_themes() {
        let config =
            parse_embed_options(Some("/ada-proxy/api/"), Some("proxy"), Some("dark")).unwrap();
        assert_eq!(config.base_url.as_str(), "/ada-proxy/api");
        assert_eq!(config.auth, AuthMode::Proxy);
        assert_eq!(config.theme.attribute(), Some("dark"));
        assert_eq!(
            parse_embed_options(None, Some("token"), Some("light")).map(|c| (c.auth, c.theme)),
            Ok((AuthMode::Token, Theme::Light))
        );
    }

    #[test]
    fn embed_options_name_what_is_wrong() {
        assert_eq!(
            parse_embed_options(Some("ftp://x"), None, None),
            Err(EmbedProblem::BaseUrl(BaseUrlProblem::UnsupportedScheme(
                "ftp".into()
            )))
        );
        let auth = parse_embed_options(None, Some("cookie"), None).unwrap_err();
        assert_eq!(auth, EmbedProblem::UnknownAuth("cookie".into()));
        assert!(auth.to_string().contains("“proxy”"));
        assert_eq!(
            parse_embed_options(None, None, Some("neon")),
            Err(EmbedProblem::UnknownTheme("neon".into()))
        );
    }
}
