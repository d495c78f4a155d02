//! How requests are authorised: an Ada API key the browser holds, or a host proxy that adds the key
//! server-side. An Ada key has full access and never expires, so [`ApiKey`] cannot be printed, and
//! its bytes are overwritten when the last copy Rust owns is dropped. What Rust cannot overwrite is
//! said in README.md: the JS strings of the input field and of the request headers live until the
//! browser collects them, and closing the tab is the end of them.

use std::fmt;
use std::sync::Arc;

use zeroize::Zeroizing;

#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(Arc<Zeroizing<String>>);

impl ApiKey {
    /// `None` for an empty or blank key; surrounding white space (a paste artefact) is dropped.
    pub fn new(key: &str) -> Option<ApiKey> {
        let key = key.trim();
        (!key.is_empty()).then(|| ApiKey(Arc::new(Zeroizing::new(key.to_owned()))))
    }

    /// The key itself, for the opt-in tab storage only; requests use [`ApiKey::authorization`].
    // Used by the browser build's session and client; natively only by tests.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header's value, overwritten when dropped.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn authorization(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("Bearer {}", self.expose()))
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    ApiKey(ApiKey),
    /// The host's same-origin proxy adds Ada's key server-side; the browser sends none.
    Proxy,
}

impl Credentials {
    /// The `Authorization` header's value; none behind a proxy.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn authorization(&self) -> Option<Zeroizing<String>> {
        match self {
            Credentials::ApiKey(key) => Some(key.authorization()),
            Credentials::Proxy => None,
        }
    }

    /// Whether requests carry the page's own cookies: never with a key (nothing of the host's
    /// belongs to Ada), and to the same origin only behind the host's proxy, whose check of the
    /// host's own session needs them.
    pub fn sends_same_origin_cookies(&self) -> bool {
        matches!(self, Credentials::Proxy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_key_is_no_key() {
        assert_eq!(ApiKey::new(""), None);
        assert_eq!(ApiKey::new(" \n\t"), None);
    }

    #[test]
    fn a_key_is_trimmed_and_never_printed() {
        let key = ApiKey::new("  secret-key\n").unwrap();
        assert_eq!(key.expose(), "secret-key");
        assert_eq!(format!("{key:?}"), "ApiKey(…)");
        assert_eq!(
            format!("{:?}", Credentials::ApiKey(key.clone())),
            "ApiKey(ApiKey(…))"
        );
        assert_eq!(key.authorization().as_str(), "Bearer secret-key");
    }

    #[test]
    fn only_a_proxy_gets_the_pages_cookies() {
        assert!(Credentials::Proxy.sends_same_origin_cookies());
        assert!(!Credentials::ApiKey(ApiKey::new("k").unwrap()).sends_same_origin_cookies());
    }

    #[test]
    fn a_proxy_sends_no_authorization() {
        assert!(Credentials::Proxy.authorization().is_none());
        let key = Credentials::ApiKey(ApiKey::new("k").unwrap());
        assert_eq!(
            key.authorization().as_deref().map(String::as_str),
            Some("Bearer k")
        );
    }
}
