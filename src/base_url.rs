//! The one rule for the API base URL a person types or a host passes in: either a path on this
//! page's origin (`/api`, a proxy, the default) or an absolute `https://` URL (`http://` only for a
//! loopback address). The key goes wherever this rule points, so it is strict.
//!
//! A same-origin path is resolved against the page's origin (never `document.baseURI`, which a
//! `<base>` element moves). Anything a browser's URL parser would silently read differently from
//! what was typed is refused rather than fixed: a backslash (read as `/`, so `/\host` is another
//! origin), control characters (tabs and newlines are dropped), dot segments, non-ASCII hosts,
//! IPv4 addresses written in any but dotted-decimal form. `loader/base-url.js` applies the same rule
//! for the loader and `start.js`; both run the cases in `tests/fixtures/base-urls.json`.

use std::fmt;

use crate::i18n::{en, fill};

pub const DEFAULT_BASE_URL: &str = "/api";
const ADA_HOST_SUFFIX: &str = ".ada.support";

/// A base URL that passed [`check`]: what to show, and the absolute root requests are made under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    shown: String,
    root: String,
}

impl BaseUrl {
    /// As the person would write it again: `/api` or `https://acme.ada.support/api`.
    pub fn as_str(&self) -> &str {
        &self.shown
    }

    /// The absolute URL the API's paths are joined to, with no trailing slash.
    pub fn root(&self) -> &str {
        &self.root
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseUrlProblem {
    ContainsSpace,
    Backslash,
    ControlCharacter,
    NonAscii(char),
    HasQueryOrFragment,
    ProtocolRelative,
    UnsupportedScheme(String),
    InsecureRemote,
    MissingHost,
    InvalidHost(String),
    InvalidPort(String),
    HasCredentials,
    UnusablePath(String),
    UnexpectedAdaPath(String),
    /// The browser's own URL parser read the address differently (checked in the page only).
    ReadDifferently(String),
}

impl BaseUrlProblem {
    /// The variant's name, as `tests/fixtures/base-urls.json` and `loader/base-url.js` spell it.
    pub fn code(&self) -> &'static str {
        match self {
            BaseUrlProblem::ContainsSpace => "ContainsSpace",
            BaseUrlProblem::Backslash => "Backslash",
            BaseUrlProblem::ControlCharacter => "ControlCharacter",
            BaseUrlProblem::NonAscii(_) => "NonAscii",
            BaseUrlProblem::HasQueryOrFragment => "HasQueryOrFragment",
            BaseUrlProblem::ProtocolRelative => "ProtocolRelative",
            BaseUrlProblem::UnsupportedScheme(_) => "UnsupportedScheme",
            BaseUrlProblem::InsecureRemote => "InsecureRemote",
            BaseUrlProblem::MissingHost => "MissingHost",
            BaseUrlProblem::InvalidHost(_) => "InvalidHost",
            BaseUrlProblem::InvalidPort(_) => "InvalidPort",
            BaseUrlProblem::HasCredentials => "HasCredentials",
            BaseUrlProblem::UnusablePath(_) => "UnusablePath",
            BaseUrlProblem::UnexpectedAdaPath(_) => "UnexpectedAdaPath",
            BaseUrlProblem::ReadDifferently(_) => "ReadDifferently",
        }
    }
}

impl fmt::Display for BaseUrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (sentence, value): (&'static str, Option<&dyn fmt::Display>) = match self {
            BaseUrlProblem::ContainsSpace => {
                (en("The address contains a space. Remove it."), None)
            }
            BaseUrlProblem::Backslash => (en("The address contains a backslash (\\), which browsers read as /, so it could \
                 point at another site. Use / only."), None),
            BaseUrlProblem::ControlCharacter => (en("The address contains an invisible control character (a tab or line break, \
                 perhaps from pasting). Type it again."), None),
            BaseUrlProblem::NonAscii(character) => (en("The address contains “{0}”. Use plain ASCII (an international host name in its \
                 xn-- form)."), Some(character)),
            BaseUrlProblem::HasQueryOrFragment => (en("Remove the ? or # part; the address should end at the path."), None),
            BaseUrlProblem::ProtocolRelative => (en("An address starting with // points at another site. Write https:// and the \
                 host, or a path on this site such as /api."), None),
            BaseUrlProblem::UnsupportedScheme(scheme) => (en("“{0}:” addresses are not supported. Use https://, or a path such as /api."), Some(scheme)),
            BaseUrlProblem::InsecureRemote => (en("Plain http:// would send your API key unencrypted. Use https:// (http is \
                 allowed only for localhost, 127.0.0.1 and [::1])."), None),
            BaseUrlProblem::MissingHost => (en("The address has no host name, for example https://acme.ada.support."), None),
            BaseUrlProblem::InvalidHost(host) => (en("“{0}” is not a valid host name. Check for typos."), Some(host)),
            BaseUrlProblem::InvalidPort(port) => (en("“{0}” is not a valid port number (1 to 65535)."), Some(port)),
            BaseUrlProblem::HasCredentials => {
                (en("Remove the user name or password from the address."), None)
            }
            BaseUrlProblem::UnusablePath(path) => (en("The path “{0}” cannot be used: remove empty parts (//), . and .. parts, and \
                 characters other than letters, digits and - . _ ~ %."), Some(path)),
            BaseUrlProblem::UnexpectedAdaPath(path) => (en("Ada instances serve the API at /api, not at “{0}”. Enter just \
                 https://<instance>.ada.support."), Some(path)),
            BaseUrlProblem::ReadDifferently(read) => (en("Browsers read this address as “{0}”, not as typed. Enter the address exactly."), Some(read)),
        };
        f.write_str(&fill(sentence, value.as_slice()))
    }
}

/// Checks `input` and resolves it against `page_origin` (`location.origin`, e.g.
/// `https://dashboard.example`). The field keeps the raw text, so nothing is lost on error.
pub fn check(input: &str, page_origin: &str) -> Result<BaseUrl, BaseUrlProblem> {
    let text = input.trim_matches(|c: char| c.is_ascii_whitespace());
    let text = if text.is_empty() {
        DEFAULT_BASE_URL
    } else {
        text
    };
    for character in text.chars() {
        match character {
            '\\' => return Err(BaseUrlProblem::Backslash),
            ' ' => return Err(BaseUrlProblem::ContainsSpace),
            c if c.is_ascii_control() || c.is_whitespace() => {
                return Err(BaseUrlProblem::ControlCharacter)
            }
            c if !c.is_ascii() => return Err(BaseUrlProblem::NonAscii(c)),
            '?' | '#' => return Err(BaseUrlProblem::HasQueryOrFragment),
            _ => {}
        }
    }
    if text.starts_with("//") {
        return Err(BaseUrlProblem::ProtocolRelative);
    }
    if text.starts_with('/') {
        let path = checked_path(text)?;
        let path = if path.is_empty() {
            DEFAULT_BASE_URL
        } else {
            path
        };
        return Ok(BaseUrl {
            shown: path.to_owned(),
            root: format!("{page_origin}{path}"),
        });
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
    let (host, port) = host_and_port(authority)?;
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" if is_loopback(&host) => 80,
        "http" => return Err(BaseUrlProblem::InsecureRemote),
        other => return Err(BaseUrlProblem::UnsupportedScheme(other.to_owned())),
    };
    let path = checked_path(path)?;
    let path = if host.ends_with(ADA_HOST_SUFFIX) {
        ada_api_path(path)?
    } else {
        path
    };
    // The parser drops a default port; dropping it here shows what will be used.
    let port = port
        .filter(|port| *port != default_port)
        .map(|port| format!(":{port}"))
        .unwrap_or_default();
    let url = format!("{scheme}://{host}{port}{path}");
    Ok(BaseUrl {
        shown: url.clone(),
        root: url,
    })
}

/// [`check`] against this page's `location.origin`, then read back by the browser's own URL parser:
/// what it reads must be exactly what the rule accepted, and a path must stay on this origin.
#[cfg(target_arch = "wasm32")]
pub fn check_in_page(input: &str) -> Result<BaseUrl, BaseUrlProblem> {
    let origin = web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default();
    let base = check(input, &origin)?;
    let parsed = web_sys::Url::new(base.root())
        .map_err(|_| BaseUrlProblem::ReadDifferently(base.root().to_owned()))?;
    let href = parsed.href();
    let read = match href.strip_suffix('/') {
        Some(without_slash) if parsed.pathname() == "/" && !base.root().ends_with('/') => {
            without_slash.to_owned()
        }
        _ => href,
    };
    let same_origin_kept = !base.shown.starts_with('/') || parsed.origin() == origin;
    if read == base.root() && same_origin_kept {
        Ok(base)
    } else {
        Err(BaseUrlProblem::ReadDifferently(read))
    }
}

/// The path without trailing slashes, when every segment is one the URL parser keeps as written.
fn checked_path(path: &str) -> Result<&str, BaseUrlProblem> {
    let trimmed = path.trim_end_matches('/');
    let unusable = || BaseUrlProblem::UnusablePath(path.to_owned());
    if trimmed.is_empty() {
        return Ok("");
    }
    for segment in trimmed.split('/').skip(1) {
        if segment.is_empty() || is_dot_segment(segment) || !is_plain_segment(segment) {
            return Err(unusable());
        }
    }
    Ok(trimmed)
}

/// `.` and `..`, also percent-encoded (`%2e`), which the parser resolves away.
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
    decoded == "." || decoded == ".."
}

/// Unreserved characters and well-formed `%HH` escapes only: nothing the parser re-encodes.
fn is_plain_segment(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let escape = bytes.get(index + 1..index + 3);
                if !escape.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                index += 3;
            }
            byte if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') => {
                index += 1
            }
            _ => return false,
        }
    }
    true
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

/// The lower-cased host and the port of `host[:port]` or `[::1]:port`.
fn host_and_port(authority: &str) -> Result<(String, Option<u16>), BaseUrlProblem> {
    let invalid = || BaseUrlProblem::InvalidHost(authority.to_owned());
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => {
            let (v6, after) = rest.split_once(']').ok_or_else(invalid)?;
            // Only the loopback address: other IPv6 forms are rewritten by the parser.
            if v6 != "::1" {
                return Err(invalid());
            }
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':').ok_or_else(invalid)?),
            };
            ("[::1]".to_owned(), port)
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host.to_ascii_lowercase(), Some(port)),
            None => (authority.to_ascii_lowercase(), None),
        },
    };
    if !host.starts_with('[') && !is_plain_host(&host) {
        return Err(invalid());
    }
    let port = port.map(checked_port).transpose()?;
    Ok((host, port))
}

/// DNS labels of letters, digits and inner hyphens; a host whose last label is numeric is an IPv4
/// address to the parser, so it must be four decimal octets as the parser would write them.
fn is_plain_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let plain_labels = labels.iter().all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    let last = labels.last().copied().unwrap_or_default();
    let numeric_last = last.bytes().all(|b| b.is_ascii_digit()) || last.starts_with("0x");
    plain_labels && (!numeric_last || ipv4_octets(host).is_some())
}

/// The four octets of a dotted-decimal IPv4 address with no leading zeros.
fn ipv4_octets(host: &str) -> Option<[u8; 4]> {
    let mut octets = [0_u8; 4];
    let mut parts = host.split('.');
    for octet in &mut octets {
        let part = parts.next()?;
        let canonical = !part.is_empty() && (part == "0" || !part.starts_with('0'));
        if !canonical || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *octet = part.parse().ok()?;
    }
    parts.next().is_none().then_some(octets)
}

fn checked_port(port: &str) -> Result<u16, BaseUrlProblem> {
    let invalid = || BaseUrlProblem::InvalidPort(port.to_owned());
    if port.is_empty() || port.starts_with('0') || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    port.parse::<u16>().map_err(|_| invalid())
}

/// A loopback address, where plain http never leaves the machine: `localhost`, `[::1]`, or an
/// IPv4 address in 127.0.0.0/8 (not any name that merely starts with `127.`).
fn is_loopback(host: &str) -> bool {
    host == "localhost" || host == "[::1]" || ipv4_octets(host).is_some_and(|o| o[0] == 127)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://dashboard.example";

    fn ok(input: &str) -> String {
        check(input, ORIGIN)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .shown
    }

    fn problem(input: &str) -> BaseUrlProblem {
        check(input, ORIGIN).expect_err(input)
    }

    /// Every case of the fixture both implementations of the rule must agree on.
    #[test]
    fn agrees_with_the_shared_fixture() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/base-urls.json")).unwrap();
        let cases = fixture["cases"].as_array().unwrap();
        assert!(cases.len() > 40, "the fixture covers the rule");
        for case in cases {
            let input = case["input"].as_str().unwrap();
            let origin = case["origin"].as_str().unwrap_or(ORIGIN);
            let outcome = check(input, origin);
            match (case["root"].as_str(), case["problem"].as_str()) {
                (Some(root), None) => {
                    let base = outcome.unwrap_or_else(|e| panic!("{input:?} refused: {e:?}"));
                    assert_eq!(base.root(), root, "{input:?}");
                    if let Some(shown) = case["shown"].as_str() {
                        assert_eq!(base.as_str(), shown, "{input:?}");
                    }
                }
                (None, Some(code)) => {
                    let refused = outcome.expect_err(input);
                    assert_eq!(refused.code(), code, "{input:?}: {refused:?}");
                }
                _ => panic!("a case names a root or a problem: {case}"),
            }
        }
    }

    #[test]
    fn empty_means_the_same_origin_proxy() {
        assert_eq!(ok(""), "/api");
        assert_eq!(ok("  "), "/api");
        assert_eq!(
            check("", ORIGIN).unwrap().root(),
            "https://dashboard.example/api"
        );
    }

    #[test]
    fn same_origin_paths_resolve_against_the_page_origin() {
        assert_eq!(ok("/api/"), "/api");
        assert_eq!(ok("/"), "/api");
        let base = check("/ada-proxy/api", "http://127.0.0.1:8080").unwrap();
        assert_eq!(base.root(), "http://127.0.0.1:8080/ada-proxy/api");
        assert_eq!(base.to_string(), "/ada-proxy/api");
    }

    #[test]
    fn tricks_that_reach_another_origin_are_refused() {
        assert_eq!(problem("/\\127.0.0.1:9999/api"), BaseUrlProblem::Backslash);
        assert_eq!(problem("\\\\evil.example/api"), BaseUrlProblem::Backslash);
        assert_eq!(
            problem("//evil.example/api"),
            BaseUrlProblem::ProtocolRelative
        );
        assert_eq!(
            problem("/\t/evil.example"),
            BaseUrlProblem::ControlCharacter
        );
        assert_eq!(
            problem("/\n/evil.example"),
            BaseUrlProblem::ControlCharacter
        );
        assert_eq!(
            problem("/api/../../x"),
            BaseUrlProblem::UnusablePath("/api/../../x".into())
        );
        assert_eq!(
            problem("/api/%2E%2e/x").code(),
            "UnusablePath",
            "encoded dot segments too"
        );
        assert_eq!(problem("/a//b").code(), "UnusablePath");
        assert_eq!(problem("/api/<x>").code(), "UnusablePath");
    }

    #[test]
    fn ada_instances_are_normalised_to_api() {
        assert_eq!(
            ok("https://acme.ada.support"),
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
        assert_eq!(
            ok("https://acme.ada.support:443"),
            "https://acme.ada.support/api"
        );
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
    fn plain_http_only_for_loopback_addresses() {
        assert_eq!(ok("http://localhost:9000/api"), "http://localhost:9000/api");
        assert_eq!(
            ok("http://127.0.0.1:9000/api/"),
            "http://127.0.0.1:9000/api"
        );
        assert_eq!(ok("http://127.255.0.7"), "http://127.255.0.7");
        assert_eq!(ok("http://[::1]:9000"), "http://[::1]:9000");
        assert_eq!(ok("localhost:9000/api"), "https://localhost:9000/api");
        for remote in [
            "http://acme.ada.support",
            "http://127.evil.example",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example",
            "http://128.0.0.1",
        ] {
            assert_eq!(problem(remote), BaseUrlProblem::InsecureRemote, "{remote}");
        }
    }

    #[test]
    fn ip_addresses_the_parser_would_rewrite_are_refused() {
        for host in [
            "127.1",
            "0x7f.0.0.1",
            "0177.0.0.1",
            "127.0.0.01",
            "2130706433",
            "1.2.3.4.5",
        ] {
            assert_eq!(
                problem(&format!("http://{host}/api")).code(),
                "InvalidHost",
                "{host}"
            );
        }
        assert_eq!(problem("https://[2001:db8::1]/api").code(), "InvalidHost");
    }

    #[test]
    fn each_problem_is_named() {
        use BaseUrlProblem::*;
        assert_eq!(problem("https://acme ada.support"), ContainsSpace);
        assert_eq!(problem("ftp://x.example"), UnsupportedScheme("ftp".into()));
        assert_eq!(
            problem("javascript:alert(1)"),
            UnsupportedScheme("javascript".into())
        );
        assert_eq!(problem("https://"), MissingHost);
        assert_eq!(
            problem("https://bad_host.example"),
            InvalidHost("bad_host.example".into())
        );
        assert_eq!(
            problem("https://x.example:99999"),
            InvalidPort("99999".into())
        );
        assert_eq!(
            problem("https://x.example:0443"),
            InvalidPort("0443".into())
        );
        assert_eq!(problem("https://me:pw@x.example"), HasCredentials);
        assert_eq!(problem("https://x.example/api?token=1"), HasQueryOrFragment);
        assert_eq!(
            problem("https://acme.ada.support/admin"),
            UnexpectedAdaPath("/admin".into())
        );
        assert_eq!(problem("https://bücher.example"), NonAscii('ü'));
    }

    #[test]
    fn problems_read_as_sentences() {
        assert!(BaseUrlProblem::InsecureRemote
            .to_string()
            .contains("https://"));
        assert!(BaseUrlProblem::Backslash
            .to_string()
            .contains("another site"));
    }
}
