//! The options a host page passes when it embeds the widget (attributes of `<ada-webhooks-admin>` or
//! the `mount` options object), checked into an [`EmbedConfig`]; a bad option is refused by name.

use std::fmt;

use crate::base_url::{self, BaseUrl, BaseUrlProblem};

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
/// A same-origin base URL resolves against `page_origin`.
pub fn parse_embed_options(
    base_url: Option<&str>,
    auth: Option<&str>,
    theme: Option<&str>,
    page_origin: &str,
) -> Result<EmbedConfig, EmbedProblem> {
    let base_url = base_url::check(base_url.unwrap_or_default(), page_origin)
        .map_err(EmbedProblem::BaseUrl)?;
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

    const ORIGIN: &str = "https://dashboard.example";

    #[test]
    fn embed_options_default_to_the_same_origin_api_with_a_token() {
        let config = parse_embed_options(None, None, Some(" "), ORIGIN).unwrap();
        assert_eq!(config.base_url.as_str(), "/api");
        assert_eq!(config.auth, AuthMode::Token);
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.theme.attribute(), None);
    }

    #[test]
    fn embed_options_read_proxy_mode_and_themes() {
        let config =
            parse_embed_options(Some("/ada-proxy/api/"), Some("proxy"), Some("dark"), ORIGIN)
                .unwrap();
        assert_eq!(config.base_url.as_str(), "/ada-proxy/api");
        assert_eq!(config.auth, AuthMode::Proxy);
        assert_eq!(config.theme.attribute(), Some("dark"));
        assert_eq!(
            parse_embed_options(None, Some("token"), Some("light"), ORIGIN)
                .map(|c| (c.auth, c.theme)),
            Ok((AuthMode::Token, Theme::Light))
        );
    }

    #[test]
    fn embed_options_name_what_is_wrong() {
        assert_eq!(
            parse_embed_options(Some("ftp://x"), None, None, ORIGIN),
            Err(EmbedProblem::BaseUrl(BaseUrlProblem::UnsupportedScheme(
                "ftp".into()
            )))
        );
        let auth = parse_embed_options(None, Some("cookie"), None, ORIGIN).unwrap_err();
        assert_eq!(auth, EmbedProblem::UnknownAuth("cookie".into()));
        assert!(auth.to_string().contains("“proxy”"));
        assert_eq!(
            parse_embed_options(None, None, Some("neon"), ORIGIN),
            Err(EmbedProblem::UnknownTheme("neon".into()))
        );
    }
}
