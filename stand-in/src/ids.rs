//! Webhook ids in Svix's endpoint format (`ep_` + a 27-character base62 KSUID), and the
//! randomness behind ids and secrets: the OS generator for live data, a seeded generator so
//! demo data is the same on every start.

const BASE62_ALPHABET: &[u8; 62] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// KSUIDs count seconds from 2014-05-13T16:53:20Z rather than from the Unix epoch.
const KSUID_EPOCH_UNIX_SECONDS: i64 = 1_400_000_000;
const KSUID_BYTES: usize = 20;
/// 62^27 is the smallest power of 62 above 2^160, so every KSUID fits in 27 digits.
const KSUID_DIGITS: usize = 27;

/// A KSUID-shaped webhook id: 4 bytes of timestamp then 16 bytes of payload, base62-encoded.
pub(crate) fn webhook_id(unix_seconds: i64, payload: [u8; 16]) -> String {
    let seconds = (unix_seconds - KSUID_EPOCH_UNIX_SECONDS).clamp(0, i64::from(u32::MAX)) as u32;
    let mut number = [0u8; KSUID_BYTES];
    number[..4].copy_from_slice(&seconds.to_be_bytes());
    number[4..].copy_from_slice(&payload);

    let mut digits = [b'0'; KSUID_DIGITS];
    for digit in digits.iter_mut().rev() {
        // Long division of the big-endian number by 62; the remainder is the next digit.
        let mut remainder = 0u32;
        for byte in number.iter_mut() {
            let accumulator = (remainder << 8) | u32::from(*byte);
            *byte = (accumulator / 62) as u8;
            remainder = accumulator % 62;
        }
        *digit = BASE62_ALPHABET[remainder as usize];
    }
    let encoded = std::str::from_utf8(&digits).expect("base62 digits are ASCII");
    format!("ep_{encoded}")
}

pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random number generator failed");
    bytes
}

/// SplitMix64: tiny, fast and deterministic, which is all demo data needs.
pub(crate) struct SeededRng(u64);

impl SeededRng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.0;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }

    /// A value in `0..bound` (with negligible bias for the small bounds used here).
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    pub(crate) fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut bytes = [0u8; N];
        for chunk in bytes.chunks_mut(8) {
            chunk.copy_from_slice(&self.next_u64().to_le_bytes()[..chunk.len()]);
        }
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_svix_endpoint_shape() {
        let id = webhook_id(1_773_309_600, [0xFF; 16]);
        assert_eq!(id.len(), 3 + KSUID_DIGITS);
        assert!(id.starts_with("ep_"));
        assert!(id[3..].bytes().all(|b| b.is_ascii_alphanumeric()));
    }

    #[test]
    fn largest_ksuid_still_fits_in_27_digits() {
        // The maximum 160-bit value encodes to "aWgEPTl1tmebfsQzFP4bxwgy80V" in KSUID's alphabet.
        let id = webhook_id(KSUID_EPOCH_UNIX_SECONDS + i64::from(u32::MAX), [0xFF; 16]);
        assert_eq!(id, "ep_aWgEPTl1tmebfsQzFP4bxwgy80V");
    }

    #[test]
    fn ids_sort_by_creation_second() {
        assert!(webhook_id(1_773_309_600, [0xFF; 16]) < webhook_id(1_773_309_601, [0; 16]));
    }
}
