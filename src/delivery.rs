//! "Verify a delivery" without the cryptography: reading the headers an admin pasted, the content
//! Svix signs, a secret's key bytes, the timestamp tolerance, comparing MACs, and the verdict shown.
//!
//! The HMAC-SHA256 is computed by the browser's WebCrypto, which is async, so the browser code calls
//! these pieces in the order documented on [`Verdict`]. [`verify_with`] composes the same pieces
//! around any MAC function, so that native tests run the exact decision against deliveries signed by
//! Svix's own library (`tests/fixtures/svix-deliveries.json`, made by
//! `scripts/make-svix-fixtures.py`).
//!
//! The scheme is Svix's (<https://docs.svix.com/receiving/verifying-payloads/how-manual>):
//! `v1,<base64 HMAC-SHA256>` signatures over `"{id}.{timestamp}.{body}"`.

use std::fmt;

use zeroize::Zeroizing;

use crate::base64;
use crate::i18n::{fill, plural, tr};
use crate::secret::SECRET_PREFIX;

/// Like Svix's libraries: a delivery stamped further than this from now, either way, is refused, so
/// that a captured delivery cannot be replayed later.
pub const TIMESTAMP_TOLERANCE_SECONDS: u64 = 5 * 60;
/// A pasted body longer than this (in UTF-8 bytes) is not checked: deliveries are far smaller, and
/// hashing (and copying) many megabytes would freeze the page.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

// Each header under its Svix name, then its white-label name; Svix's libraries prefer the former
// when a delivery carries both.
const ID_HEADER: [&str; 2] = ["svix-id", "webhook-id"];
const TIMESTAMP_HEADER: [&str; 2] = ["svix-timestamp", "webhook-timestamp"];
const SIGNATURE_HEADER: [&str; 2] = ["svix-signature", "webhook-signature"];

/// Other versions (such as `v1a`, asymmetric) are not signed with the secret, so they are ignored.
const V1_SIGNATURE_PREFIX: &str = "v1,";

/// What the pasted headers say about a delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryHeaders {
    pub id: String,
    /// As sent: the signed content holds this text, not a re-rendering of the number.
    pub timestamp: String,
    pub timestamp_seconds: i64,
    /// The decodable `v1` signatures, in header order.
    pub signatures: Vec<Vec<u8>>,
}

/// Why the pasted headers cannot be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    /// Named by its `svix-…` form even when the delivery uses `webhook-…` names.
    Missing(&'static str),
    TimestampNotInteger,
    /// Only other signature versions, such as `v1a`.
    NoV1Signature,
}

impl fmt::Display for HeaderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderProblem::Missing(name) => f.write_str(&fill("Missing header: {0}", &[name])),
            HeaderProblem::TimestampNotInteger => f.write_str(tr(
                "Invalid header: svix-timestamp is not a whole number of seconds since 1970",
            )),
            HeaderProblem::NoV1Signature => {
                f.write_str(tr("Invalid header: svix-signature has no v1 signature"))
            }
        }
    }
}

/// Reads a delivery's headers from text pasted as `name: value` lines.
///
/// Names match in any case and order; lines without a colon, such as a pasted request line
/// `POST /hook HTTP/1.1`, are ignored; a value is everything after the first colon, trimmed, and an
/// empty value counts as missing (as in Svix's libraries). When a name repeats, the first wins.
/// A `v1` signature whose base64 does not decode is skipped: it cannot match, and the others may.
pub fn parse_headers(text: &str) -> Result<DeliveryHeaders, HeaderProblem> {
    let fields: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim(), value.trim()))
        .collect();
    let value_of = |names: [&'static str; 2]| {
        names
            .iter()
            .find_map(|wanted| {
                fields
                    .iter()
                    .find(|(name, value)| name.eq_ignore_ascii_case(wanted) && !value.is_empty())
            })
            .map(|&(_, value)| value)
            .ok_or(HeaderProblem::Missing(names[0]))
    };
    let id = value_of(ID_HEADER)?;
    let timestamp = value_of(TIMESTAMP_HEADER)?;
    let signature = value_of(SIGNATURE_HEADER)?;

    let timestamp_seconds = timestamp
        .parse()
        .map_err(|_| HeaderProblem::TimestampNotInteger)?;
    let v1_signatures: Vec<&str> = signature
        .split_whitespace()
        .filter_map(|entry| entry.strip_prefix(V1_SIGNATURE_PREFIX))
        .collect();
    if v1_signatures.is_empty() {
        return Err(HeaderProblem::NoV1Signature);
    }
    let signatures = v1_signatures
        .into_iter()
        .filter_map(|encoded| {
            let mut signature = Vec::new();
            base64::decode_into(encoded, &mut signature).then_some(signature)
        })
        .collect();
    Ok(DeliveryHeaders {
        id: id.to_owned(),
        timestamp: timestamp.to_owned(),
        timestamp_seconds,
        signatures,
    })
}

/// The bytes Svix signs: `{id}.{timestamp}.{body}`, the body byte for byte as received.
pub fn signed_content(delivery: &DeliveryHeaders, body: &str) -> Vec<u8> {
    format!("{}.{}.{body}", delivery.id, delivery.timestamp).into_bytes()
}

/// The body with its line breaks as CR LF, when it has LF line breaks and no CR: a text area turns
/// every CR LF into LF, so a body that had CR LF line ends is pasted without its CRs.
pub fn with_crlf_line_breaks(body: &str) -> Option<String> {
    (body.contains('\n') && !body.contains('\r')).then(|| body.replace('\n', "\r\n"))
}

/// Why a secret gives no HMAC key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretProblem {
    Empty,
    /// Includes standard base64 that lost its `=` padding or characters, usually a partial copy.
    NotBase64,
}

/// The HMAC key of a signing secret: the standard, padded base64 after an optional `whsec_` prefix,
/// ignoring white space around the whole secret (a copy-paste artefact).
pub fn secret_key(secret: &str) -> Result<Zeroizing<Vec<u8>>, SecretProblem> {
    let secret = secret.trim();
    let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
    if encoded.is_empty() {
        return Err(SecretProblem::Empty);
    }
    // Decoded straight into zeroizing storage, so that even a half-decoded key is wiped.
    let mut key = Zeroizing::new(Vec::new());
    if base64::decode_into(encoded, &mut key) {
        Ok(key)
    } else {
        Err(SecretProblem::NotBase64)
    }
}

/// Why a delivery's timestamp is refused; whole minutes, rounded down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampProblem {
    TooOld { minutes: u64 },
    InTheFuture { minutes: u64 },
}

impl fmt::Display for TimestampProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Far beyond any real delivery, a count that does not fit is shown as the largest that does.
        let count = |minutes: u64| usize::try_from(minutes).unwrap_or(usize::MAX);
        f.write_str(&match *self {
            TimestampProblem::TooOld { minutes } => plural(
                "Not valid: timestamp is {0} minute old|Not valid: timestamp is {0} minutes old",
                count(minutes),
            ),
            TimestampProblem::InTheFuture { minutes } => plural(
                "Not valid: timestamp is {0} minute in the future|Not valid: timestamp is {0} \
                 minutes in the future",
                count(minutes),
            ),
        })
    }
}

/// Refuses a timestamp more than [`TIMESTAMP_TOLERANCE_SECONDS`] before or after now; exactly the
/// tolerance is still accepted, as in Svix's libraries.
pub fn check_timestamp(timestamp_seconds: i64, now_seconds: i64) -> Result<(), TimestampProblem> {
    let distance = timestamp_seconds.abs_diff(now_seconds);
    if distance <= TIMESTAMP_TOLERANCE_SECONDS {
        return Ok(());
    }
    let minutes = distance / 60;
    Err(if timestamp_seconds < now_seconds {
        TimestampProblem::TooOld { minutes }
    } else {
        TimestampProblem::InTheFuture { minutes }
    })
}

/// Whether the MAC computed for a delivery equals any of its signatures. As in Svix's libraries the
/// comparison takes the same time wherever the bytes differ, and here every signature is compared,
/// so that timing reveals neither how close a forgery came nor which signature matched.
pub fn matches_any_signature(computed_mac: &[u8], signatures: &[Vec<u8>]) -> bool {
    signatures.iter().fold(false, |matched, signature| {
        matched | constant_time_eq(computed_mac, signature)
    })
}

fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    // Lengths are not secret: every HMAC-SHA256 is 32 bytes.
    if left.len() != right.len() {
        return false;
    }
    let difference = left
        .iter()
        .zip(right)
        .fold(0u8, |difference, (a, b)| difference | (a ^ b));
    std::hint::black_box(difference) == 0
}

/// The outcome of checking a delivery, as told to the admin.
///
/// Checks run in this order and stop at the first verdict: the headers ([`parse_headers`]), then the
/// timestamp ([`check_timestamp`]), then the signatures ([`secret_key`], [`signed_content`], the
/// HMAC, [`matches_any_signature`]): the current secret's first, then the other secret's, if one was
/// entered. A problem with the other secret only shows when the current secret does not match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    ValidWithCurrentSecret,
    ValidWithOtherSecret,
    /// Valid once the body's LF line breaks are read as CR LF (which a text area turns into LF);
    /// `other` when the other secret signed it.
    ValidWithCrLf {
        other: bool,
    },
    /// `line_breaks`: the body has line breaks, and might have lost CRs in the text area.
    NoSignatureMatches {
        line_breaks: bool,
    },
    /// The body is over [`MAX_BODY_BYTES`]: nothing was checked.
    BodyTooLarge,
    Headers(HeaderProblem),
    Timestamp(TimestampProblem),
    CurrentSecretUnusable(SecretProblem),
    OtherSecretUnusable(SecretProblem),
}

impl Verdict {
    pub fn is_valid(&self) -> bool {
        matches!(
            self,
            Verdict::ValidWithCurrentSecret
                | Verdict::ValidWithOtherSecret
                | Verdict::ValidWithCrLf { .. }
        )
    }

    pub fn sentence(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::ValidWithCurrentSecret => {
                f.write_str(tr("Valid: signed with the current secret"))
            }
            Verdict::ValidWithOtherSecret => {
                f.write_str(tr("Valid: signed with the other secret you entered"))
            }
            Verdict::ValidWithCrLf { other: false } => f.write_str(tr(
                "Valid: signed with the current secret once the body's line breaks are read as CR \
                 LF (the text area turned them into LF; the receiver must check the body exactly \
                 as received)",
            )),
            Verdict::ValidWithCrLf { other: true } => f.write_str(tr(
                "Valid: signed with the other secret you entered once the body's line breaks are \
                 read as CR LF (the text area turned them into LF; the receiver must check the \
                 body exactly as received)",
            )),
            Verdict::NoSignatureMatches { line_breaks: false } => f.write_str(tr(
                "Not valid: no signature matches (the body may have been changed or \
                 re-serialised, or it was signed with another secret)",
            )),
            Verdict::NoSignatureMatches { line_breaks: true } => f.write_str(tr(
                "Not valid: no signature matches (the body may have been changed or \
                 re-serialised, or it was signed with another secret). The body has line breaks: \
                 if they were not LF when it was signed, paste it from a source that keeps them, \
                 or check it on the receiver",
            )),
            Verdict::BodyTooLarge => f.write_str(tr(
                "Not checked: the body is larger than 1 MiB, the most this check reads. Check \
                 this delivery on the receiver.",
            )),
            Verdict::Headers(problem) => problem.fmt(f),
            Verdict::Timestamp(problem) => problem.fmt(f),
            Verdict::CurrentSecretUnusable(SecretProblem::Empty) => {
                f.write_str(tr("The webhook has no current secret to check against."))
            }
            Verdict::CurrentSecretUnusable(SecretProblem::NotBase64) => f.write_str(tr(
                "The webhook's current secret is not valid base64, so it cannot be checked.",
            )),
            Verdict::OtherSecretUnusable(SecretProblem::Empty) => f.write_str(tr(
                "The other secret is empty; paste it, or clear the field to check only the \
                 current secret.",
            )),
            Verdict::OtherSecretUnusable(SecretProblem::NotBase64) => f.write_str(tr(
                "The other secret is not valid base64; check that it was copied completely.",
            )),
        }
    }
}

/// The whole check of a delivery, in [`Verdict`]'s order, with `mac(key, content)` as the
/// HMAC-SHA256. `other_secret` is `None` when the admin entered no other secret. A body over
/// [`MAX_BODY_BYTES`] is not checked; when no secret signed the body as pasted, the body with CR LF
/// line breaks ([`with_crlf_line_breaks`]) is tried too.
pub fn verify_with(
    headers: &str,
    body: &str,
    current_secret: &str,
    other_secret: Option<&str>,
    now_seconds: i64,
    mac: impl Fn(&[u8], &[u8]) -> Vec<u8>,
) -> Verdict {
    if body.len() > MAX_BODY_BYTES {
        return Verdict::BodyTooLarge;
    }
    let delivery = match parse_headers(headers) {
        Ok(delivery) => delivery,
        Err(problem) => return Verdict::Headers(problem),
    };
    if let Err(problem) = check_timestamp(delivery.timestamp_seconds, now_seconds) {
        return Verdict::Timestamp(problem);
    }
    let signed = |secret: &str, content: &[u8]| {
        secret_key(secret)
            .map(|key| matches_any_signature(&mac(&key, content), &delivery.signatures))
    };
    let content = signed_content(&delivery, body);
    match signed(current_secret, &content) {
        Ok(true) => return Verdict::ValidWithCurrentSecret,
        Ok(false) => {}
        Err(problem) => return Verdict::CurrentSecretUnusable(problem),
    }
    match other_secret.map(|other| signed(other, &content)) {
        Some(Ok(true)) => return Verdict::ValidWithOtherSecret,
        Some(Err(problem)) => return Verdict::OtherSecretUnusable(problem),
        Some(Ok(false)) | None => {}
    }
    let Some(crlf_body) = with_crlf_line_breaks(body) else {
        return Verdict::NoSignatureMatches {
            line_breaks: body.contains('\n'),
        };
    };
    let crlf_content = signed_content(&delivery, &crlf_body);
    if signed(current_secret, &crlf_content) == Ok(true) {
        return Verdict::ValidWithCrLf { other: false };
    }
    if other_secret.is_some_and(|other| signed(other, &crlf_content) == Ok(true)) {
        return Verdict::ValidWithCrLf { other: true };
    }
    Verdict::NoSignatureMatches { line_breaks: true }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const PASTED: &str = "POST /webhooks/ada HTTP/1.1\n\
        host: hooks.example.com\n\
        svix-id: msg_p5jXN8AQM9LWM0D4loKWxJek\n\
        svix-timestamp: 1614265330\n\
        svix-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n";

    fn decode(encoded: &str) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        base64::decode_into(encoded, &mut out).then_some(out)
    }

    fn parsed(text: &str) -> DeliveryHeaders {
        parse_headers(text).unwrap_or_else(|problem| panic!("{text:?}: {problem}"))
    }

    #[test]
    fn a_signature_sent_twice_still_matches() {
        let mac = vec![7u8; 32];
        assert!(matches_any_signature(&mac, &[mac.clone(), mac.clone()]));
        assert!(matches_any_signature(&mac, &[vec![1u8; 32], mac.clone()]));
        assert!(!matches_any_signature(
            &mac,
            &[vec![1u8; 32], vec![2u8; 32]]
        ));
    }

    #[test]
    fn reads_id_timestamp_and_signatures() {
        let delivery = parsed(PASTED);
        assert_eq!(delivery.id, "msg_p5jXN8AQM9LWM0D4loKWxJek");
        assert_eq!(delivery.timestamp, "1614265330");
        assert_eq!(delivery.timestamp_seconds, 1_614_265_330);
        assert_eq!(
            delivery.signatures,
            [decode("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").unwrap()]
        );
        assert_eq!(delivery.signatures[0].len(), 32);
    }

    #[test]
    fn header_names_match_in_any_case_and_order_with_crlf() {
        let text = "SVIX-SIGNATURE: v1,AAAA\r\nSvix-Timestamp:1614265330\r\n\r\nsViX-iD: msg_1\r\n";
        let delivery = parsed(text);
        assert_eq!(
            (delivery.id.as_str(), delivery.timestamp.as_str()),
            ("msg_1", "1614265330")
        );
        assert_eq!(delivery.signatures, [vec![0, 0, 0]]);
    }

    #[test]
    fn ignores_blank_lines_and_lines_without_a_colon() {
        let text = "\n  \nPOST /hook HTTP/1.1\nnot a header\nsvix-id: msg_1\n\n\
                    svix-timestamp: 5\nsvix-signature: v1,AAAA\n\n";
        assert_eq!(parsed(text).id, "msg_1");
    }

    #[test]
    fn values_are_trimmed_and_split_at_the_first_colon() {
        let text =
            "  svix-id  :   msg:with:colons \t\nsvix-timestamp:\t7 \nsvix-signature: v1,AAAA ";
        let delivery = parsed(text);
        assert_eq!(delivery.id, "msg:with:colons");
        assert_eq!(delivery.timestamp, "7");
    }

    #[test]
    fn accepts_white_label_names_and_prefers_svix_names() {
        let white_label = "webhook-id: msg_w\nwebhook-timestamp: 9\nwebhook-signature: v1,AAAA";
        assert_eq!(parsed(white_label).id, "msg_w");
        let both = format!("{white_label}\nsvix-id: msg_s");
        assert_eq!(parsed(&both).id, "msg_s");
    }

    #[test]
    fn the_first_of_repeated_headers_wins() {
        let text =
            "svix-id: msg_first\nsvix-id: msg_second\nsvix-timestamp: 1\nsvix-signature: v1,AAAA";
        assert_eq!(parsed(text).id, "msg_first");
    }

    #[test]
    fn names_the_first_missing_header_by_its_svix_name() {
        assert_eq!(parse_headers(""), Err(HeaderProblem::Missing("svix-id")));
        assert_eq!(
            parse_headers("webhook-id: msg_1\nwebhook-signature: v1,AAAA"),
            Err(HeaderProblem::Missing("svix-timestamp"))
        );
        assert_eq!(
            parse_headers("svix-id: msg_1\nsvix-timestamp: not a number"),
            Err(HeaderProblem::Missing("svix-signature"))
        );
        assert_eq!(
            parse_headers("svix-id:\nsvix-timestamp: 1\nsvix-signature: v1,AAAA"),
            Err(HeaderProblem::Missing("svix-id"))
        );
    }

    #[test]
    fn refuses_a_timestamp_that_is_not_an_integer() {
        for timestamp in [
            "1614265330.5",
            "2021-02-25T15:02:10Z",
            "0x60",
            "1 614 265 330",
        ] {
            let text = format!("svix-id: m\nsvix-timestamp: {timestamp}\nsvix-signature: v1,AAAA");
            assert_eq!(
                parse_headers(&text),
                Err(HeaderProblem::TimestampNotInteger),
                "{timestamp}"
            );
        }
    }

    #[test]
    fn a_signature_header_needs_a_v1_entry() {
        let text = "svix-id: m\nsvix-timestamp: 1\nsvix-signature: v1a,AAAA v2,AAAA V1,AAAA v1AAAA";
        assert_eq!(parse_headers(text), Err(HeaderProblem::NoV1Signature));
    }

    #[test]
    fn skips_v1_signatures_that_do_not_decode() {
        let text = "svix-id: m\nsvix-timestamp: 1\nsvix-signature: v1,not*base64 v1a,AAAA  v1,AAAB v1,AAA=";
        assert_eq!(parsed(text).signatures, [vec![0, 0, 1], vec![0, 0]]);
        let none_decodes = "svix-id: m\nsvix-timestamp: 1\nsvix-signature: v1,AAA v1,%%%%";
        assert_eq!(parsed(none_decodes).signatures, Vec::<Vec<u8>>::new());
    }

    #[test]
    fn signed_content_keeps_the_timestamp_as_sent_and_the_body_byte_for_byte() {
        let delivery = parsed("svix-id: msg_1\nsvix-timestamp: +0042\nsvix-signature: v1,AAAA");
        assert_eq!(delivery.timestamp_seconds, 42);
        assert_eq!(
            signed_content(&delivery, "{\"a\": \"café\"}\n"),
            "msg_1.+0042.{\"a\": \"café\"}\n".as_bytes()
        );
        assert_eq!(signed_content(&delivery, ""), b"msg_1.+0042.");
    }

    #[test]
    fn secret_keys_take_an_optional_prefix_and_surrounding_space() {
        let expected = decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        for secret in [
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "  whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n",
        ] {
            assert_eq!(*secret_key(secret).unwrap(), expected, "{secret:?}");
        }
        assert_eq!(expected.len(), 24);
    }

    #[test]
    fn secret_keys_refuse_empty_and_broken_base64() {
        assert_eq!(secret_key("").unwrap_err(), SecretProblem::Empty);
        assert_eq!(secret_key(" whsec_ ").unwrap_err(), SecretProblem::Empty);
        for secret in [
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",
            "whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaSw",
            "whsec_whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "whsk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ] {
            assert_eq!(
                secret_key(secret).unwrap_err(),
                SecretProblem::NotBase64,
                "{secret}"
            );
        }
    }

    #[test]
    fn accepts_timestamps_up_to_five_minutes_either_way() {
        let now = 1_700_000_000;
        for timestamp in [now, now - 300, now + 300, now - 1, now + 1] {
            assert_eq!(check_timestamp(timestamp, now), Ok(()), "{timestamp}");
        }
    }

    #[test]
    fn refused_timestamps_count_whole_minutes_rounded_down() {
        let now = 1_700_000_000;
        let old = |minutes| Err(TimestampProblem::TooOld { minutes });
        let ahead = |minutes| Err(TimestampProblem::InTheFuture { minutes });
        assert_eq!(check_timestamp(now - 301, now), old(5));
        assert_eq!(check_timestamp(now - 61 * 60, now), old(61));
        assert_eq!(check_timestamp(now - 61 * 60 - 59, now), old(61));
        assert_eq!(check_timestamp(now - 62 * 60, now), old(62));
        assert_eq!(check_timestamp(now + 301, now), ahead(5));
        assert_eq!(check_timestamp(now + 7 * 60 + 30, now), ahead(7));
    }

    #[test]
    fn extreme_timestamps_do_not_overflow() {
        let span_minutes = u64::MAX / 60;
        assert_eq!(
            check_timestamp(i64::MIN, i64::MAX),
            Err(TimestampProblem::TooOld {
                minutes: span_minutes
            })
        );
        assert_eq!(
            check_timestamp(i64::MAX, i64::MIN),
            Err(TimestampProblem::InTheFuture {
                minutes: span_minutes
            })
        );
    }

    #[test]
    fn timestamp_sentences_use_singular_for_one_minute() {
        let old = |minutes| Verdict::Timestamp(TimestampProblem::TooOld { minutes }).sentence();
        let ahead =
            |minutes| Verdict::Timestamp(TimestampProblem::InTheFuture { minutes }).sentence();
        assert_eq!(old(1), "Not valid: timestamp is 1 minute old");
        assert_eq!(old(61), "Not valid: timestamp is 61 minutes old");
        assert_eq!(ahead(1), "Not valid: timestamp is 1 minute in the future");
        assert_eq!(ahead(0), "Not valid: timestamp is 0 minutes in the future");
        assert_eq!(
            ahead(12),
            "Not valid: timestamp is 12 minutes in the future"
        );
    }

    #[test]
    fn matches_when_any_signature_is_equal() {
        let computed = [7u8; 32];
        let mut last_byte_differs = computed;
        last_byte_differs[31] ^= 1;
        let mut first_byte_differs = computed;
        first_byte_differs[0] ^= 0x80;
        let signatures = |list: &[&[u8]]| list.iter().map(|s| s.to_vec()).collect::<Vec<_>>();

        assert!(matches_any_signature(&computed, &signatures(&[&computed])));
        assert!(matches_any_signature(
            &computed,
            &signatures(&[&last_byte_differs, &computed, &first_byte_differs])
        ));
        assert!(!matches_any_signature(
            &computed,
            &signatures(&[&last_byte_differs, &first_byte_differs])
        ));
        assert!(!matches_any_signature(
            &computed,
            &signatures(&[&computed[..31]])
        ));
        assert!(!matches_any_signature(&computed, &signatures(&[])));
        assert!(!matches_any_signature(&[], &signatures(&[&computed])));
    }

    #[test]
    fn every_verdict_has_its_sentence() {
        let cases = [
            (
                Verdict::ValidWithCurrentSecret,
                "Valid: signed with the current secret",
            ),
            (
                Verdict::ValidWithOtherSecret,
                "Valid: signed with the other secret you entered",
            ),
            (
                Verdict::NoSignatureMatches { line_breaks: false },
                "Not valid: no signature matches (the body may have been changed or \
                 re-serialised, or it was signed with another secret)",
            ),
            (
                Verdict::NoSignatureMatches { line_breaks: true },
                "Not valid: no signature matches (the body may have been changed or \
                 re-serialised, or it was signed with another secret). The body has line breaks: \
                 if they were not LF when it was signed, paste it from a source that keeps them, or \
                 check it on the receiver",
            ),
            (
                Verdict::ValidWithCrLf { other: false },
                "Valid: signed with the current secret once the body's line breaks are read as CR \
                 LF (the text area turned them into LF; the receiver must check the body exactly \
                 as received)",
            ),
            (
                Verdict::BodyTooLarge,
                "Not checked: the body is larger than 1 MiB, the most this check reads. Check this \
                 delivery on the receiver.",
            ),
            (
                Verdict::Headers(HeaderProblem::Missing("svix-id")),
                "Missing header: svix-id",
            ),
            (
                Verdict::Headers(HeaderProblem::Missing("svix-signature")),
                "Missing header: svix-signature",
            ),
            (
                Verdict::OtherSecretUnusable(SecretProblem::NotBase64),
                "The other secret is not valid base64; check that it was copied completely.",
            ),
        ];
        for (verdict, sentence) in cases {
            assert_eq!(verdict.sentence(), sentence);
            assert_eq!(verdict.to_string(), sentence);
        }
        assert!(Verdict::ValidWithOtherSecret.is_valid());
        assert!(Verdict::ValidWithCrLf { other: true }.is_valid());
        assert!(!Verdict::NoSignatureMatches { line_breaks: true }.is_valid());
        assert!(!Verdict::BodyTooLarge.is_valid());
    }

    /// The decision itself, with a real HMAC-SHA256 standing in for WebCrypto; native only, where
    /// the reference HMAC and serde_json are dev-dependencies.
    #[cfg(not(target_arch = "wasm32"))]
    mod with_reference_hmac {
        use super::*;
        use hmac::{Hmac, Mac};

        const FIXTURES: &str = include_str!("../tests/fixtures/svix-deliveries.json");
        const SVIX_EXAMPLE_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const SVIX_EXAMPLE_BODY: &str = r#"{"test": 2432232314}"#;
        const SVIX_EXAMPLE_NOW: i64 = 1_614_265_330;
        // 32 bytes, so its base64 ends in `=`.
        const OTHER_SECRET: &str = "whsec_3q2+796tvu/erb7v3q2+796tvu/erb7v3q2+796tvu8=";

        /// Svix's documented example delivery, checked with `current` and `other`.
        fn verify(current: &str, other: Option<&str>) -> Verdict {
            verify_with(
                PASTED,
                SVIX_EXAMPLE_BODY,
                current,
                other,
                SVIX_EXAMPLE_NOW,
                hmac_sha256,
            )
        }

        fn hmac_sha256(key: &[u8], content: &[u8]) -> Vec<u8> {
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).expect("any key length");
            mac.update(content);
            mac.finalize().into_bytes().to_vec()
        }

        fn never_called(_: &[u8], _: &[u8]) -> Vec<u8> {
            panic!("the MAC was computed although an earlier check decides")
        }

        fn fixture_text(case: &serde_json::Value, field: &str) -> String {
            case[field]
                .as_str()
                .unwrap_or_else(|| panic!("{case}: {field} is not text"))
                .to_owned()
        }

        #[test]
        fn agrees_with_every_delivery_signed_by_svix_library() {
            let cases: Vec<serde_json::Value> =
                serde_json::from_str(FIXTURES).expect("fixtures are a JSON array");
            assert!(cases.len() >= 20, "only {} fixture cases", cases.len());
            let mismatches: Vec<String> = cases
                .iter()
                .filter_map(|case| {
                    let name = fixture_text(case, "name");
                    let expected = fixture_text(case, "expected");
                    let verdict = verify_with(
                        &fixture_text(case, "headers"),
                        &fixture_text(case, "body"),
                        &fixture_text(case, "secret"),
                        case["other_secret"].as_str(),
                        case["now"].as_i64().expect("now is unix seconds"),
                        hmac_sha256,
                    );
                    (verdict.sentence() != expected)
                        .then(|| format!("{name}: expected {expected:?}, got {verdict:?}"))
                })
                .collect();
            assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
        }

        #[test]
        fn reproduces_svix_documented_signature() {
            let delivery = parsed(PASTED);
            let key = secret_key(SVIX_EXAMPLE_SECRET).unwrap();
            let mac = hmac_sha256(&key, &signed_content(&delivery, SVIX_EXAMPLE_BODY));
            assert_eq!(mac, delivery.signatures[0]);
        }

        #[test]
        fn header_problems_come_before_the_timestamp_and_the_mac() {
            let verdict = verify_with(
                "svix-id: m\nsvix-timestamp: 1",
                "",
                SVIX_EXAMPLE_SECRET,
                None,
                i64::MAX,
                never_called,
            );
            assert_eq!(
                verdict,
                Verdict::Headers(HeaderProblem::Missing("svix-signature"))
            );
        }

        #[test]
        fn a_stale_delivery_is_refused_before_any_secret_is_used() {
            let verdict = verify_with(
                PASTED,
                SVIX_EXAMPLE_BODY,
                "not base64",
                Some("not base64 either"),
                SVIX_EXAMPLE_NOW + 61 * 60,
                never_called,
            );
            assert_eq!(
                verdict,
                Verdict::Timestamp(TimestampProblem::TooOld { minutes: 61 })
            );
        }

        #[test]
        fn the_current_secret_is_tried_first() {
            assert_eq!(
                verify(SVIX_EXAMPLE_SECRET, Some(SVIX_EXAMPLE_SECRET)),
                Verdict::ValidWithCurrentSecret
            );
            assert_eq!(
                verify(SVIX_EXAMPLE_SECRET, Some("whsec_broken!")),
                Verdict::ValidWithCurrentSecret
            );
            assert_eq!(
                verify(OTHER_SECRET, Some(SVIX_EXAMPLE_SECRET)),
                Verdict::ValidWithOtherSecret
            );
            let no_match = Verdict::NoSignatureMatches { line_breaks: false };
            assert_eq!(verify(OTHER_SECRET, None), no_match);
            assert_eq!(verify(OTHER_SECRET, Some(OTHER_SECRET)), no_match);
        }

        /// A delivery of `body` signed with `secret` at SVIX_EXAMPLE_NOW, as pasted headers.
        fn signed_headers(secret: &str, body: &str) -> String {
            let key = secret_key(secret).unwrap();
            let mac = hmac_sha256(&key, format!("msg_1.{SVIX_EXAMPLE_NOW}.{body}").as_bytes());
            let mut signature = String::new();
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for chunk in mac.chunks(3) {
                let bits = chunk
                    .iter()
                    .fold(0u32, |bits, byte| bits << 8 | u32::from(*byte))
                    << (8 * (3 - chunk.len()));
                for index in 0..=chunk.len() {
                    signature.push(alphabet[(bits >> (18 - 6 * index) & 63) as usize] as char);
                }
                signature.push_str(&"=".repeat(3 - chunk.len()));
            }
            format!("svix-id: msg_1\nsvix-timestamp: {SVIX_EXAMPLE_NOW}\nsvix-signature: v1,{signature}")
        }

        #[test]
        fn a_body_that_lost_its_crs_in_the_text_area_is_checked_with_them() {
            let signed_body = "{\r\n  \"a\": 1\r\n}";
            let pasted_body = "{\n  \"a\": 1\n}";
            let headers = signed_headers(SVIX_EXAMPLE_SECRET, signed_body);
            let verify = |current, other, body| {
                verify_with(
                    &headers,
                    body,
                    current,
                    other,
                    SVIX_EXAMPLE_NOW,
                    hmac_sha256,
                )
            };
            assert_eq!(
                verify(SVIX_EXAMPLE_SECRET, None, signed_body),
                Verdict::ValidWithCurrentSecret
            );
            assert_eq!(
                verify(SVIX_EXAMPLE_SECRET, None, pasted_body),
                Verdict::ValidWithCrLf { other: false }
            );
            assert_eq!(
                verify(OTHER_SECRET, Some(SVIX_EXAMPLE_SECRET), pasted_body),
                Verdict::ValidWithCrLf { other: true }
            );
            assert_eq!(
                verify(OTHER_SECRET, None, pasted_body),
                Verdict::NoSignatureMatches { line_breaks: true }
            );
            // A body signed with LF line breaks is valid as pasted, and not with CR LF.
            let lf_headers = signed_headers(SVIX_EXAMPLE_SECRET, pasted_body);
            assert_eq!(
                verify_with(
                    &lf_headers,
                    pasted_body,
                    SVIX_EXAMPLE_SECRET,
                    None,
                    SVIX_EXAMPLE_NOW,
                    hmac_sha256
                ),
                Verdict::ValidWithCurrentSecret
            );
            assert_eq!(
                verify_with(
                    &lf_headers,
                    signed_body,
                    SVIX_EXAMPLE_SECRET,
                    None,
                    SVIX_EXAMPLE_NOW,
                    hmac_sha256
                ),
                Verdict::NoSignatureMatches { line_breaks: true }
            );
        }

        #[test]
        fn a_body_over_the_limit_is_not_checked() {
            assert_eq!(MAX_BODY_BYTES, 1 << 20, "the verdict says 1 MiB");
            assert!(Verdict::BodyTooLarge.to_string().contains("1 MiB"));
            let at_limit = "x".repeat(MAX_BODY_BYTES);
            let headers = signed_headers(SVIX_EXAMPLE_SECRET, &at_limit);
            let verify = |body: &str| {
                verify_with(
                    &headers,
                    body,
                    SVIX_EXAMPLE_SECRET,
                    None,
                    SVIX_EXAMPLE_NOW,
                    hmac_sha256,
                )
            };
            assert_eq!(verify(&at_limit), Verdict::ValidWithCurrentSecret);
            assert_eq!(verify(&format!("{at_limit}x")), Verdict::BodyTooLarge);
            // Counted in bytes: a 2-byte character over the limit by one byte.
            let multibyte = format!("{}é", "x".repeat(MAX_BODY_BYTES - 1));
            assert_eq!(multibyte.len(), MAX_BODY_BYTES + 1);
            assert_eq!(verify(&multibyte), Verdict::BodyTooLarge);
        }

        #[test]
        fn an_unusable_secret_is_its_own_verdict() {
            assert_eq!(
                verify(
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",
                    Some(SVIX_EXAMPLE_SECRET)
                ),
                Verdict::CurrentSecretUnusable(SecretProblem::NotBase64)
            );
            assert_eq!(
                verify("", None),
                Verdict::CurrentSecretUnusable(SecretProblem::Empty)
            );
            assert_eq!(
                verify(OTHER_SECRET, Some("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS")),
                Verdict::OtherSecretUnusable(SecretProblem::NotBase64)
            );
            assert_eq!(
                verify(OTHER_SECRET, Some("  ")),
                Verdict::OtherSecretUnusable(SecretProblem::Empty)
            );
        }
    }
}
