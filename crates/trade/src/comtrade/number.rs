//! Numbers straight from the bytes of a cell, without allocating.

use rust_decimal::Decimal;

/// Why a cell is not a number; the text completes "\"12,5\" ...".
pub(crate) const NOT_A_NUMBER: &str = "is not a number (expected digits with '.' as the decimal point and no thousands separator, such as 12.5 or 6804128143.0)";

/// Parses a decimal number: optional sign, digits, optional `.` and digits, optional exponent
/// (`1.5E+10`). Surrounding blanks are ignored. Returns `None` when the text is not such a
/// number or does not fit a `Decimal` (28 significant digits).
pub(crate) fn parse_decimal(bytes: &[u8]) -> Option<Decimal> {
    let b = trim(bytes);
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let mut mantissa: i128 = 0;
    let mut scale: i32 = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    let mut significant = 0u32;
    let mut i = 0;
    while i < digits.len() {
        let c = digits[i];
        match c {
            b'0'..=b'9' => {
                seen_digit = true;
                if mantissa == 0 && c == b'0' {
                    if seen_point {
                        scale += 1;
                    }
                } else if significant < 28 {
                    mantissa = mantissa * 10 + i128::from(c - b'0');
                    significant += 1;
                    if seen_point {
                        scale += 1;
                    }
                } else if !seen_point {
                    // Too many integer digits for a Decimal.
                    return None;
                }
                // Further fractional digits beyond 28 significant ones are dropped.
            }
            b'.' if !seen_point => seen_point = true,
            b'e' | b'E' => break,
            _ => return None,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if i < digits.len() {
        // Exponent part.
        let exp = parse_exponent(&digits[i + 1..])?;
        scale -= exp;
    }
    if negative {
        mantissa = -mantissa;
    }
    if scale < 0 {
        let mut value = Decimal::from_i128_with_scale(mantissa, 0);
        for _ in 0..(-scale) {
            value = value.checked_mul(Decimal::TEN)?;
        }
        Some(value)
    } else if scale > 28 {
        let value = Decimal::try_from_i128_with_scale(mantissa, 28).ok()?;
        let mut v = value;
        for _ in 0..(scale - 28) {
            v /= Decimal::TEN;
        }
        Some(v)
    } else {
        Decimal::try_from_i128_with_scale(mantissa, scale as u32).ok()
    }
}

fn parse_exponent(b: &[u8]) -> Option<i32> {
    let (negative, digits) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let mut e = 0i32;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        e = e * 10 + i32::from(c - b'0');
    }
    Some(if negative { -e } else { e })
}

/// Parses an unsigned integer of at most 18 digits; a trailing `.0` (as pandas writes) is
/// accepted.
pub(crate) fn parse_u64(bytes: &[u8]) -> Option<u64> {
    let mut b = trim(bytes);
    if let Some(stripped) = b.strip_suffix(b".0") {
        b = stripped;
    }
    if b.is_empty() || b.len() > 18 {
        return None;
    }
    let mut v = 0u64;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(c - b'0');
    }
    Some(v)
}

/// Parses a signed integer (quantity unit codes are `-1` for "not available").
pub(crate) fn parse_i64(bytes: &[u8]) -> Option<i64> {
    let b = trim(bytes);
    match b.first() {
        Some(b'-') => parse_u64(&b[1..]).map(|v| -(v as i64)),
        _ => parse_u64(b).map(|v| v as i64),
    }
}

/// Parses a physical amount (weight, quantity) as `f64`; `None` when the text is not a number.
pub(crate) fn parse_f64(bytes: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(trim(bytes)).ok()?;
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Whether a cell is empty (or only blanks), or a null marker written by common exporters.
pub(crate) fn is_null(bytes: &[u8]) -> bool {
    let b = trim(bytes);
    b.is_empty()
        || b.eq_ignore_ascii_case(b"null")
        || b.eq_ignore_ascii_case(b"nan")
        || b.eq_ignore_ascii_case(b"na")
}

pub(crate) fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &bytes[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn decimals_from_bytes() {
        assert_eq!(parse_decimal(b"6804128143.0"), Some(dec!(6804128143.0)));
        assert_eq!(parse_decimal(b" 12.5 "), Some(dec!(12.5)));
        assert_eq!(parse_decimal(b"-0.25"), Some(dec!(-0.25)));
        assert_eq!(parse_decimal(b"1.5E+10"), Some(dec!(15000000000)));
        assert_eq!(parse_decimal(b"2e-3"), Some(dec!(0.002)));
        assert_eq!(parse_decimal(b"0"), Some(dec!(0)));
        assert_eq!(parse_decimal(b"000.010"), Some(dec!(0.010)));
        assert_eq!(parse_decimal(b"12,5"), None);
        assert_eq!(parse_decimal(b"1 000"), None);
        assert_eq!(parse_decimal(b""), None);
        assert_eq!(parse_decimal(b"."), None);
        assert_eq!(parse_decimal(b"1.2.3"), None);
        assert_eq!(parse_decimal(b"1e"), None);
        assert_eq!(parse_decimal(b"99999999999999999999999999999999"), None);
    }

    #[test]
    fn integers_from_bytes() {
        assert_eq!(parse_u64(b"398"), Some(398));
        assert_eq!(parse_u64(b"398.0"), Some(398));
        assert_eq!(parse_u64(b"3a"), None);
        assert_eq!(parse_i64(b"-1"), Some(-1));
        assert!(is_null(b" "));
        assert!(is_null(b"NULL"));
        assert!(!is_null(b"0"));
    }

    proptest::proptest! {
        #[test]
        fn decimal_parser_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            let _ = parse_decimal(&bytes);
            let _ = parse_u64(&bytes);
            let _ = parse_i64(&bytes);
        }

        #[test]
        fn decimal_round_trips(m in -10_000_000_000_000i64..10_000_000_000_000i64, s in 0u32..6) {
            let d = Decimal::new(m, s);
            proptest::prop_assert_eq!(parse_decimal(d.to_string().as_bytes()), Some(d));
        }
    }
}
