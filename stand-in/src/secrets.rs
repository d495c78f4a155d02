//! Webhook signing secrets: generation, Svix's rules for custom keys, and rotation that keeps
//! the previous secrets valid for a 24-hour grace period.

use base64::{engine::general_purpose::STANDARD, Engine as _};
use time::{Duration, OffsetDateTime};

pub(crate) const SECRET_PREFIX: &str = "whsec_";
/// Svix generates 24 random bytes (32 base64 characters) per secret.
pub(crate) const GENERATED_SECRET_BYTES: usize = 24;
const MIN_KEY_BYTES: usize = 24;
const MIN_KEY_CHARACTERS: usize = 32;
/// 100 base64 characters decode to at most 75 bytes, Svix's upper bound, so checking the
/// character count also enforces the decoded maximum.
const MAX_KEY_CHARACTERS: usize = 100;
/// Svix keeps a rotated-out secret valid for this long.
const PREVIOUS_SECRET_GRACE: Duration = Duration::hours(24);

pub(crate) fn encode_secret(bytes: &[u8]) -> String {
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

pub(crate) fn generate_secret() -> String {
    encode_secret(&crate::ids::random_bytes::<GENERATED_SECRET_BYTES>())
}

/// Checks a caller-supplied key against Svix's rules (`^(whsec_)?[A-Za-z0-9+/=]{32,100}$`,
/// standard base64, 24–75 decoded bytes) and returns it with the `whsec_` prefix.
/// The error names the problem without echoing the key.
pub(crate) fn normalize_custom_key(key: &str) -> Result<String, String> {
    let encoded = match key.strip_prefix(SECRET_PREFIX) {
        Some(encoded) => encoded,
        // `_` is not in the base64 alphabet, so text up to it can only be meant as a prefix.
        None => match key.split_once('_') {
            Some((prefix, _)) => {
                let shown: String = prefix.chars().take(16).collect();
                return Err(format!(
                    "has the unsupported prefix `{shown}_`: a custom key must be standard base64, \
                     optionally prefixed with `{SECRET_PREFIX}`"
                ));
            }
            None => key,
        },
    };
    if let Some(invalid) = encoded
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
    {
        return Err(format!(
            "is not valid base64: {invalid:?} is outside the standard base64 alphabet \
             (A-Z, a-z, 0-9, '+', '/', '=')"
        ));
    }
    let length = encoded.chars().count();
    if length < MIN_KEY_CHARACTERS {
        return Err(format!(
            "is too short: {length} base64 characters after the prefix; \
             at least {MIN_KEY_CHARACTERS} ({MIN_KEY_BYTES} bytes) are required"
        ));
    }
    if length > MAX_KEY_CHARACTERS {
        return Err(format!(
            "is too long: {length} base64 characters after the prefix; \
             at most {MAX_KEY_CHARACTERS} (75 bytes) are allowed"
        ));
    }
    let decoded = STANDARD
        .decode(encoded)
        .map_err(|error| format!("is not valid base64: {error}"))?;
    if decoded.len() < MIN_KEY_BYTES {
        return Err(format!(
            "is too short: it decodes to {} bytes; at least {MIN_KEY_BYTES} are required",
            decoded.len()
        ));
    }
    Ok(format!("{SECRET_PREFIX}{encoded}"))
}

#[derive(Clone, Debug)]
pub(crate) struct PreviousSecret {
    pub(crate) key: String,
    pub(crate) expires_at: OffsetDateTime,
}

/// A webhook's current signing secret and the rotated-out ones still within their grace period.
#[derive(Clone, Debug)]
pub(crate) struct SecretRing {
    current: String,
    previous: Vec<PreviousSecret>,
}

impl SecretRing {
    pub(crate) fn new(current: String) -> Self {
        Self {
            current,
            previous: Vec::new(),
        }
    }

    pub(crate) fn current(&self) -> &str {
        &self.current
    }

    pub(crate) fn rotate(&mut self, replacement: String, now: OffsetDateTime) {
        self.prune_expired(now);
        let retired = std::mem::replace(&mut self.current, replacement);
        self.previous.push(PreviousSecret {
            key: retired,
            expires_at: now + PREVIOUS_SECRET_GRACE,
        });
    }

    /// The previous secrets that are still valid, oldest first.
    pub(crate) fn unexpired_previous(&mut self, now: OffsetDateTime) -> &[PreviousSecret] {
        self.prune_expired(now);
        &self.previous
    }

    fn prune_expired(&mut self, now: OffsetDateTime) {
        self.previous.retain(|secret| secret.expires_at > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID_BODY: &str = "C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    #[test]
    fn generated_secrets_are_prefixed_24_byte_base64() {
        let secret = generate_secret();
        let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap();
        assert_eq!(STANDARD.decode(encoded).unwrap().len(), 24);
    }

    #[test]
    fn custom_keys_are_stored_with_the_prefix() {
        let expected = format!("{SECRET_PREFIX}{VALID_BODY}");
        assert_eq!(normalize_custom_key(VALID_BODY).unwrap(), expected);
        assert_eq!(normalize_custom_key(&expected).unwrap(), expected);
    }

    #[test]
    fn custom_key_problems_are_named() {
        let cases = [
            (format!("whsk_{VALID_BODY}"), "unsupported prefix `whsk_`"),
            (format!("foo_{VALID_BODY}"), "unsupported prefix `foo_`"),
            (format!("whsec_{}", "-".repeat(32)), "not valid base64"),
            ("whsec_QUJD".to_owned(), "too short"),
            (format!("whsec_{}", "A".repeat(104)), "too long"),
            // 32 characters, but the padding leaves only 22 bytes.
            (format!("whsec_{}==", "A".repeat(30)), "too short"),
            (format!("whsec_{}=A", "A".repeat(31)), "not valid base64"),
        ];
        for (key, expected) in cases {
            let problem = normalize_custom_key(&key).unwrap_err();
            assert!(problem.contains(expected), "{key}: {problem}");
            assert!(
                !problem.contains(VALID_BODY),
                "the key must not be echoed: {problem}"
            );
        }
    }

    #[test]
    fn rotation_keeps_previous_secrets_for_a_day() {
        let start = OffsetDateTime::UNIX_EPOCH;
        let mut ring = SecretRing::new("whsec_first".into());
        ring.rotate("whsec_second".into(), start);
        assert_eq!(ring.current(), "whsec_second");
        let previous = ring.unexpired_previous(start).to_vec();
        assert_eq!(previous.len(), 1);
        assert_eq!(previous[0].key, "whsec_first");
        assert_eq!(previous[0].expires_at, start + Duration::hours(24));
        assert!(ring
            .unexpired_previous(start + Duration::hours(24))
            .is_empty());
    }
}
