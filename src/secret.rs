//! Signing-secret rules that need no browser: validating a custom key before it is sent to Ada's
//! rotate endpoint, and the non-secret hint shown while a secret is masked.
//!
//! The rules are Svix's (Ada's webhooks run on Svix; see API-NOTES §8): an optional `whsec_` prefix,
//! then standard, padded base64 of 24 to 75 bytes (32 to 100 characters).

use std::fmt;

use zeroize::Zeroizing;

use crate::base64;
use crate::i18n::{fill, plural, tr};

pub const SECRET_PREFIX: &str = "whsec_";
const MIN_DECODED_BYTES: usize = 24;
const MAX_DECODED_BYTES: usize = 75;
const MIN_ENCODED_CHARS: usize = 32;
const MAX_ENCODED_CHARS: usize = 100;

/// Why a custom key would be refused; each names the exact problem for the person typing it, by
/// position and length only: the key is masked, and a problem's words end up in the field's
/// description, which assistive technology reads out, so none of them repeats a part of the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyProblem {
    /// Another scheme's prefix, such as Svix's asymmetric `whsk_`, or a typo of `whsec_`.
    WrongPrefix,
    /// `whsec_whsec_…`, usually a prefix pasted in front of a key that already had one.
    DoubledPrefix,
    /// A character outside standard base64 (`A–Z a–z 0–9 + /` and `=` padding), at this position.
    InvalidCharacter { position: usize },
    /// URL-safe base64 (`-` or `_`) instead of standard base64.
    UrlSafeAlphabet,
    /// `=` padding somewhere other than the end, or more than two of them.
    MisplacedPadding,
    /// The length is not a multiple of four, so it is not padded base64.
    NotPadded { length: usize },
    /// Decodes, but to too few bytes.
    TooShort { bytes: usize },
    /// Decodes, but to too many bytes.
    TooLong { bytes: usize },
    /// The last character carries bits that standard base64 requires to be zero.
    NonCanonical,
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyProblem::WrongPrefix => f.write_str(tr(
                "The key starts with another prefix than whsec_. Use a whsec_ key, or leave out \
                 the prefix.",
            )),
            KeyProblem::DoubledPrefix => {
                f.write_str(tr("The whsec_ prefix appears twice. Remove one of them."))
            }
            KeyProblem::InvalidCharacter { position } => f.write_str(&fill(
                "Character {0} is not allowed. Keys are standard base64: letters, digits, + and /, \
                 with = only at the end.",
                &[position],
            )),
            KeyProblem::UrlSafeAlphabet => f.write_str(tr(
                "The key uses URL-safe base64 (- or _). Use standard base64 with + and / instead.",
            )),
            KeyProblem::MisplacedPadding => f.write_str(tr(
                "The = padding may only appear at the end, at most twice.",
            )),
            KeyProblem::NotPadded { length } => f.write_str(&fill(
                "The key is {0} after the prefix; padded base64 needs a multiple of 4. Check for a \
                 missing = or a lost character.",
                &[&plural("{0} character|{0} characters", *length)],
            )),
            KeyProblem::TooShort { bytes } => f.write_str(&fill(
                "The key decodes to {0}; it must be at least {1} bytes ({2} base64 characters).",
                &[
                    &plural("{0} byte|{0} bytes", *bytes),
                    &MIN_DECODED_BYTES,
                    &MIN_ENCODED_CHARS,
                ],
            )),
            KeyProblem::TooLong { bytes } => f.write_str(&fill(
                "The key decodes to {0}; it must be at most {1} bytes ({2} base64 characters).",
                &[
                    &plural("{0} byte|{0} bytes", *bytes),
                    &MAX_DECODED_BYTES,
                    &MAX_ENCODED_CHARS,
                ],
            )),
            KeyProblem::NonCanonical => f.write_str(tr(
                "The last character is not valid for standard base64 at that position. Check \
                 that the key was copied completely.",
            )),
        }
    }
}

/// The validated custom key to send, or `None` when the field is empty and Ada should generate one.
///
/// Surrounding white space (a common copy-paste artefact) is ignored; nothing else is changed, so
/// the key Ada stores is exactly the key the user typed. The key is a secret: overwritten on drop.
pub fn validate_custom_key(input: &str) -> Result<Option<Zeroizing<String>>, KeyProblem> {
    let key = input.trim();
    if key.is_empty() {
        return Ok(None);
    }
    let body = key.strip_prefix(SECRET_PREFIX).unwrap_or(key);
    if body.starts_with(SECRET_PREFIX) {
        return Err(KeyProblem::DoubledPrefix);
    }
    // A short lower-case word before `_` is a scheme prefix; `_` elsewhere is URL-safe base64.
    if let Some((prefix, _)) = body.split_once('_') {
        if (2..=6).contains(&prefix.len()) && prefix.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(KeyProblem::WrongPrefix);
        }
    }
    let decoded_bytes = decoded_len(body)?;
    if decoded_bytes < MIN_DECODED_BYTES {
        return Err(KeyProblem::TooShort {
            bytes: decoded_bytes,
        });
    }
    if decoded_bytes > MAX_DECODED_BYTES {
        return Err(KeyProblem::TooLong {
            bytes: decoded_bytes,
        });
    }
    Ok(Some(Zeroizing::new(key.to_owned())))
}

/// How many bytes standard, padded, canonical base64 decodes to, or the first problem found.
fn decoded_len(body: &str) -> Result<usize, KeyProblem> {
    let unpadded = body.trim_end_matches('=');
    let padding = body.len() - unpadded.len();
    for (index, character) in body.chars().enumerate() {
        let valid = character.is_ascii() && base64::symbol_value(character as u8).is_some();
        if valid || (character == '=' && index >= unpadded.chars().count()) {
            continue;
        }
        return Err(match character {
            '-' | '_' => KeyProblem::UrlSafeAlphabet,
            '=' => KeyProblem::MisplacedPadding,
            _ => KeyProblem::InvalidCharacter {
                position: index + 1,
            },
        });
    }
    if padding > 2 {
        return Err(KeyProblem::MisplacedPadding);
    }
    if !body.len().is_multiple_of(4) {
        return Err(KeyProblem::NotPadded { length: body.len() });
    }
    // What is left to refuse is set bits in the last symbol's unused tail, which a strict decoder
    // (Svix's) refuses; the decoded key is overwritten when dropped.
    let mut decoded = Zeroizing::new(Vec::new());
    if !base64::decode_into(body, &mut decoded) {
        return Err(KeyProblem::NonCanonical);
    }
    Ok(decoded.len())
}

/// A hint that identifies a secret without revealing it: `whsec_…` and its last four characters.
pub fn masked_hint(secret: &str) -> String {
    let tail_start = secret
        .char_indices()
        .rev()
        .nth(3)
        .map_or(0, |(index, _)| index);
    let prefix = if secret.starts_with(SECRET_PREFIX) {
        SECRET_PREFIX
    } else {
        ""
    };
    format!("{prefix}…{}", &secret[tail_start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    // 24 bytes, as Svix generates them; Ada's documented example secret.
    const ADA_EXAMPLE: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    #[test]
    fn empty_or_blank_means_generate() {
        assert_eq!(validate_custom_key(""), Ok(None));
        assert_eq!(validate_custom_key("   "), Ok(None));
    }

    #[test]
    fn accepts_keys_with_and_without_prefix() {
        let accepted = |key: &str| Ok(Some(Zeroizing::new(key.to_owned())));
        assert_eq!(validate_custom_key(ADA_EXAMPLE), accepted(ADA_EXAMPLE));
        let bare = &ADA_EXAMPLE[SECRET_PREFIX.len()..];
        assert_eq!(validate_custom_key(bare), accepted(bare));
        assert_eq!(
            validate_custom_key(&format!("  {ADA_EXAMPLE}\n")),
            accepted(ADA_EXAMPLE)
        );
    }

    #[test]
    fn accepts_the_bounds_24_and_75_bytes() {
        assert!(validate_custom_key(&"A".repeat(32)).unwrap().is_some());
        assert!(validate_custom_key(&"A".repeat(100)).unwrap().is_some());
        // 75 bytes is 100 characters; 73 bytes is 96 characters + "==" padding shape.
        assert!(validate_custom_key(&format!("{}AA==", "A".repeat(96)))
            .unwrap()
            .is_some());
    }

    #[test]
    fn names_a_foreign_prefix() {
        let key = format!("whsk_{}", &ADA_EXAMPLE[SECRET_PREFIX.len()..]);
        assert_eq!(validate_custom_key(&key), Err(KeyProblem::WrongPrefix));
        // The key is masked: its problem names no part of it.
        assert!(!KeyProblem::WrongPrefix.to_string().contains("whsk"));
        let key = format!("whsec_whsec_{}", &ADA_EXAMPLE[SECRET_PREFIX.len()..]);
        assert_eq!(validate_custom_key(&key), Err(KeyProblem::DoubledPrefix));
    }

    #[test]
    fn names_bad_characters_and_url_safe_base64() {
        assert_eq!(
            validate_custom_key(&format!("{}!AAA", "A".repeat(32))),
            Err(KeyProblem::InvalidCharacter { position: 33 })
        );
        assert_eq!(
            validate_custom_key(&format!("{}-AAA", "A".repeat(32))),
            Err(KeyProblem::UrlSafeAlphabet)
        );
        assert_eq!(
            validate_custom_key(&format!("{}é", "A".repeat(35))),
            Err(KeyProblem::InvalidCharacter { position: 36 })
        );
        let problem = KeyProblem::InvalidCharacter { position: 36 }.to_string();
        assert!(problem.starts_with("Character 36 is not allowed.") && !problem.contains('é'));
    }

    #[test]
    fn names_padding_problems() {
        assert_eq!(
            validate_custom_key(&format!("{}=AAA", "A".repeat(32))),
            Err(KeyProblem::MisplacedPadding)
        );
        assert_eq!(
            validate_custom_key(&format!("{}A===", "A".repeat(32))),
            Err(KeyProblem::MisplacedPadding)
        );
        assert_eq!(
            validate_custom_key(&"A".repeat(33)),
            Err(KeyProblem::NotPadded { length: 33 })
        );
        assert_eq!(
            validate_custom_key(&format!("{}AB==", "A".repeat(32))),
            Err(KeyProblem::NonCanonical)
        );
    }

    #[test]
    fn names_lengths_outside_24_to_75_bytes() {
        assert_eq!(
            validate_custom_key(&"A".repeat(28)),
            Err(KeyProblem::TooShort { bytes: 21 })
        );
        assert_eq!(
            validate_custom_key(&"A".repeat(104)),
            Err(KeyProblem::TooLong { bytes: 78 })
        );
        assert_eq!(
            validate_custom_key(&format!("{}AA==", "A".repeat(28))),
            Err(KeyProblem::TooShort { bytes: 22 })
        );
    }

    #[test]
    fn every_problem_reads_as_a_sentence() {
        let message = KeyProblem::TooShort { bytes: 3 }.to_string();
        assert!(message.contains("3 bytes") && message.contains("24"));
    }

    #[test]
    fn hint_shows_prefix_and_last_four_only() {
        assert_eq!(masked_hint(ADA_EXAMPLE), "whsec_…b7oD");
        assert_eq!(masked_hint("abc"), "…abc");
        assert!(!masked_hint(ADA_EXAMPLE).contains("C2FV"));
    }

    #[test]
    fn an_underscore_after_other_text_is_url_safe_base64_not_a_prefix() {
        let body = "A".repeat(30);
        for key in [format!("AB_{body}A"), format!("abcdefg_{}", "A".repeat(24))] {
            assert_eq!(
                validate_custom_key(&key),
                Err(KeyProblem::UrlSafeAlphabet),
                "{key}"
            );
        }
    }

    #[test]
    fn the_last_symbol_before_padding_must_leave_its_unused_bits_zero() {
        // With one `=` the last symbol's low two bits are unused; its value decides.
        for (last, canonical) in [
            ('A', true),
            ('B', false),
            ('c', true),
            ('a', false),
            ('e', false),
            ('0', true),
            ('1', false),
            ('4', true),
            ('+', false),
            ('/', false),
            ('w', true),
        ] {
            let key = format!("{}AA{last}=", "A".repeat(40));
            let accepted = validate_custom_key(&key).is_ok();
            assert_eq!(accepted, canonical, "{key}");
        }
        // With `==` the low four bits: 'Q' is 16, 'R' 17.
        assert!(validate_custom_key(&format!("{}AQ==", "A".repeat(40))).is_ok());
        assert_eq!(
            validate_custom_key(&format!("{}AR==", "A".repeat(40))),
            Err(KeyProblem::NonCanonical)
        );
        assert!(
            validate_custom_key(&format!("{}+/+/", "A".repeat(32))).is_ok(),
            "+ and / are base64"
        );
    }
}
