//! The options a host page passes when it embeds the widget (attributes of `<ada-webhooks-admin>` or
//! the `mount` options object), checked into an [`EmbedConfig`]; a bad option is refused by name.
//! Among them the [`Capabilities`]: which of the widget's actions the host offers.

use std::fmt;

use crate::base_url::{self, BaseUrl, BaseUrlProblem};
use crate::i18n::fill;

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

/// One thing the widget can do beyond listing webhooks; a host may switch each off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capability {
    /// Rotate a secret, one or the selected ones.
    Rotate,
    /// Fetch and show a secret (after a rotation, after a create, or on request).
    Reveal,
    /// Check a delivery's signature (fetches the secret without showing it).
    Verify,
    Create,
    /// Edit a webhook, and enable or disable it.
    Edit,
    Delete,
}

impl Capability {
    pub const ALL: [Capability; 6] = [
        Capability::Rotate,
        Capability::Reveal,
        Capability::Verify,
        Capability::Create,
        Capability::Edit,
        Capability::Delete,
    ];

    /// The word for it in the `capabilities` option.
    pub fn word(self) -> &'static str {
        match self {
            Capability::Rotate => "rotate",
            Capability::Reveal => "reveal",
            Capability::Verify => "verify",
            Capability::Create => "create",
            Capability::Edit => "edit",
            Capability::Delete => "delete",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The capabilities a host offers; the standalone page offers all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities(u8);

impl Default for Capabilities {
    fn default() -> Capabilities {
        Capabilities::ALL
    }
}

impl Capabilities {
    pub const ALL: Capabilities = Capabilities(0b11_1111);
    pub const NONE: Capabilities = Capabilities(0);

    pub fn allows(self, capability: Capability) -> bool {
        self.0 & capability.bit() != 0
    }

    /// The capabilities a space- or comma-separated list of words names (`none` names none of
    /// them, for a list to look at only); missing or blank means all of them.
    pub fn parse(words: Option<&str>) -> Result<Capabilities, EmbedProblem> {
        let words = words.unwrap_or_default();
        if words.trim().is_empty() {
            return Ok(Capabilities::ALL);
        }
        let mut chosen = Capabilities::NONE;
        for word in words
            .split([' ', ',', '\t', '\n'])
            .filter(|word| !word.is_empty())
        {
            let word = word.to_ascii_lowercase();
            if word == "none" {
                continue;
            }
            let capability = Capability::ALL
                .into_iter()
                .find(|capability| capability.word() == word)
                .ok_or(EmbedProblem::UnknownCapability(word))?;
            chosen.0 |= capability.bit();
        }
        Ok(chosen)
    }
}

/// The options as the host gave them (attribute values or option strings), before checking.
#[derive(Clone, Copy, Debug, Default)]
pub struct HostOptions<'a> {
    pub base_url: Option<&'a str>,
    pub auth: Option<&'a str>,
    pub theme: Option<&'a str>,
    pub capabilities: Option<&'a str>,
}

/// What a host page asked for, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedConfig {
    pub base_url: BaseUrl,
    pub auth: AuthMode,
    pub theme: Theme,
    pub capabilities: Capabilities,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmbedProblem {
    BaseUrl(BaseUrlProblem),
    UnknownAuth(String),
    UnknownTheme(String),
    UnknownCapability(String),
}

impl fmt::Display for EmbedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            EmbedProblem::BaseUrl(problem) => fill("base-url: {0}", &[problem]),
            EmbedProblem::UnknownAuth(auth) => fill(
                "auth: “{0}” is not supported; use “token” or “proxy”.",
                &[auth],
            ),
            EmbedProblem::UnknownTheme(theme) => fill(
                "theme: “{0}” is not supported; use “auto”, “light” or “dark”.",
                &[theme],
            ),
            EmbedProblem::UnknownCapability(word) => fill(
                "capabilities: “{0}” is not a capability; use any of “rotate reveal verify \
                 create edit delete”, or “none”.",
                &[word],
            ),
        })
    }
}

/// Checks the host's options; a missing or blank option takes its default (`/api`, token, auto,
/// every capability). A same-origin base URL resolves against `page_origin`.
pub fn parse_embed_options(
    options: HostOptions<'_>,
    page_origin: &str,
) -> Result<EmbedConfig, EmbedProblem> {
    let base_url = base_url::check(options.base_url.unwrap_or_default(), page_origin)
        .map_err(EmbedProblem::BaseUrl)?;
    let auth = match options.auth.map(str::trim).unwrap_or_default() {
        "" | "token" => AuthMode::Token,
        "proxy" => AuthMode::Proxy,
        other => return Err(EmbedProblem::UnknownAuth(other.to_owned())),
    };
    let theme = match options.theme.map(str::trim).unwrap_or_default() {
        "" | "auto" => Theme::Auto,
        "light" => Theme::Light,
        "dark" => Theme::Dark,
        other => return Err(EmbedProblem::UnknownTheme(other.to_owned())),
    };
    Ok(EmbedConfig {
        base_url,
        auth,
        theme,
        capabilities: Capabilities::parse(options.capabilities)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://dashboard.example";

    fn parse_embed_options(
        base_url: Option<&str>,
        auth: Option<&str>,
        theme: Option<&str>,
        page_origin: &str,
    ) -> Result<EmbedConfig, EmbedProblem> {
        let options = HostOptions {
            base_url,
            auth,
            theme,
            capabilities: None,
        };
        super::parse_embed_options(options, page_origin)
    }

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

    #[test]
    fn capabilities_default_to_all_and_name_an_unknown_word() {
        assert_eq!(Capabilities::parse(None), Ok(Capabilities::ALL));
        assert_eq!(Capabilities::parse(Some("  ")), Ok(Capabilities::ALL));
        let every = "rotate reveal verify create edit delete";
        assert_eq!(Capabilities::parse(Some(every)), Ok(Capabilities::ALL));
        let some = Capabilities::parse(Some(" Rotate,reveal ")).unwrap();
        for capability in Capability::ALL {
            let expected = matches!(capability, Capability::Rotate | Capability::Reveal);
            assert_eq!(some.allows(capability), expected, "{capability:?}");
        }
        assert_eq!(Capabilities::parse(Some("none")), Ok(Capabilities::NONE));
        assert!(Capability::ALL
            .iter()
            .all(|c| !Capabilities::NONE.allows(*c)));
        let unknown = Capabilities::parse(Some("rotate frobnicate")).unwrap_err();
        assert_eq!(
            unknown,
            EmbedProblem::UnknownCapability("frobnicate".into())
        );
        assert!(unknown
            .to_string()
            .starts_with("capabilities: “frobnicate”"));
        let options = HostOptions {
            capabilities: Some("delete"),
            ..HostOptions::default()
        };
        let config = super::parse_embed_options(options, ORIGIN).unwrap();
        assert!(config.capabilities.allows(Capability::Delete));
        assert!(!config.capabilities.allows(Capability::Rotate));
    }
}
