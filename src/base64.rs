//! Standard, padded base64 as Svix's strict decoder reads it, for the secrets and signatures the
//! widget checks (a custom key's rules in `secret`, a delivery's signature in `delivery`): the
//! alphabet `A–Z a–z 0–9 + /`, `=` padding to a multiple of four, and no set bits in the unused tail
//! of the last symbol, so that every value has exactly one spelling.

/// A symbol's six bits; `None` for anything outside the standard alphabet (`=` included).
pub fn symbol_value(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Appends the bytes `encoded` stands for to `out`; false if it is not standard, padded, canonical
/// base64 (what was appended so far is then meaningless). `out` is grown once, up front, so that a
/// key is never copied by a reallocation and left behind unwiped.
pub fn decode_into(encoded: &str, out: &mut Vec<u8>) -> bool {
    let encoded = encoded.as_bytes();
    if !encoded.len().is_multiple_of(4) {
        return false;
    }
    let padding = encoded
        .iter()
        .rev()
        .take_while(|&&byte| byte == b'=')
        .count();
    if padding > 2 {
        return false;
    }
    out.reserve_exact(encoded.len() / 4 * 3);
    let mut pending: u32 = 0;
    let mut pending_bits = 0;
    for &symbol in &encoded[..encoded.len() - padding] {
        let Some(value) = symbol_value(symbol) else {
            return false;
        };
        pending = (pending << 6 | u32::from(value)) & 0x3fff;
        pending_bits += 6;
        if pending_bits >= 8 {
            pending_bits -= 8;
            out.push((pending >> pending_bits) as u8);
        }
    }
    pending & ((1 << pending_bits) - 1) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(encoded: &str) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        decode_into(encoded, &mut out).then_some(out)
    }

    #[test]
    fn decodes_standard_padded_base64() {
        assert_eq!(decode(""), Some(vec![]));
        assert_eq!(decode("Zg=="), Some(b"f".to_vec()));
        assert_eq!(decode("Zm8="), Some(b"fo".to_vec()));
        assert_eq!(decode("Zm9v"), Some(b"foo".to_vec()));
        assert_eq!(decode("Zm9vYmFy"), Some(b"foobar".to_vec()));
        assert_eq!(decode("+/+/"), Some(vec![0xfb, 0xff, 0xbf]));
        assert_eq!(decode("AAAA"), Some(vec![0, 0, 0]));
        assert_eq!(decode("////"), Some(vec![0xff, 0xff, 0xff]));
    }

    #[test]
    fn the_output_is_allocated_once_at_its_final_size() {
        for encoded in [
            "Zg==",
            "Zm8=",
            "Zm9v",
            "Zm9vYmFy",
            "d2hzZWNfQUJDREVGR0hJSktMTU5PUFFSU1RVVldY",
        ] {
            let mut out = Vec::new();
            assert!(decode_into(encoded, &mut out), "{encoded:?}");
            assert_eq!(out.capacity(), encoded.len() / 4 * 3, "{encoded:?}");
        }
    }

    #[test]
    fn refuses_anything_but_standard_padded_canonical_base64() {
        for encoded in [
            "Zg", "Zm8", "Zm9vY", "Zg=", "Z===", "====", "Zg=a", "Z=g=", "-_-_", "Zm 9v", "Zm9v\n",
            "Zh==", "Zm9=", "Zm9vé",
        ] {
            assert_eq!(decode(encoded), None, "{encoded:?}");
        }
    }

    #[test]
    fn every_symbol_has_its_own_value() {
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (expected, symbol) in alphabet.bytes().enumerate() {
            assert_eq!(
                symbol_value(symbol),
                Some(expected as u8),
                "{}",
                symbol as char
            );
        }
        for outside in [
            b'=', b'-', b'_', b' ', b'@', b'[', b'`', b'{', b'.', b':', b',', b'*',
        ] {
            assert_eq!(symbol_value(outside), None, "{}", outside as char);
        }
    }
}
