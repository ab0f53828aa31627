//! Numbers straight from the bytes of a cell, without allocating.

use rust_decimal::Decimal;

/// Why a cell is not a number; the text completes "\"12,5\" ...".
pub(crate) const NOT_A_NUMBER: &str = "is not a number (expected digits with '.' as the decimal point and no thousands separator, such as 12.5 or 6804128143.0)";

/// Why a money cell holds a number too large for any value; the text completes "\"1e400\" ...".
pub(crate) const OUT_OF_RANGE_USD: &str = "is out of range: the largest value accepted is 10^15 US dollars (1000000000000000), about forty times world trade in a year; check the unit (a value in thousands written in dollars?) and the decimal point";

/// Why a weight or quantity cell holds a number beyond `f64`; completes "\"1e400\" ...".
pub(crate) const OUT_OF_RANGE_AMOUNT: &str = "is out of range: the largest number accepted is about 1.8e308; check the unit and the decimal point";

/// Why a cell could not be read as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// The text is not written as a number.
    NotANumber,
    /// The text is a number, but one too large to hold (beyond `Decimal` or `f64`).
    OutOfRange,
}

/// Parses a decimal number: optional sign, digits, optional `.` and digits, optional exponent
/// (`1.5E+10`). Surrounding blanks are ignored. Fails with [`NumberError::NotANumber`] when the
/// text is not such a number and [`NumberError::OutOfRange`] when it is one too large for a
/// `Decimal` (about 7.9e28); fractional digits beyond 28 (29 for a whole number) significant
/// ones are dropped, and a
/// number too small to hold reads as zero.
pub(crate) fn parse_decimal(bytes: &[u8]) -> Result<Decimal, NumberError> {
    use NumberError::{NotANumber, OutOfRange};
    let b = trim(bytes);
    let (negative, digits) = match b.first().ok_or(NotANumber)? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let mut mantissa: i128 = 0;
    let mut scale: i32 = 0;
    let mut seen_digit = false;
    let mut seen_point = false;
    let mut significant = 0u32;
    let mut too_many = false;
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
                } else if significant < 28 || (!seen_point && significant < 29) {
                    mantissa = mantissa * 10 + i128::from(c - b'0');
                    significant += 1;
                    if seen_point {
                        scale += 1;
                    }
                } else if !seen_point {
                    // Too many integer digits for a Decimal; the rest must still be a number.
                    too_many = true;
                }
                // Further fractional digits beyond 28 significant ones are dropped.
            }
            b'.' if !seen_point => seen_point = true,
            b'e' | b'E' => break,
            _ => return Err(NotANumber),
        }
        i += 1;
    }
    if !seen_digit {
        return Err(NotANumber);
    }
    if i < digits.len() {
        // Exponent part; beyond ±999 it only tells whether the number is huge or tiny.
        match parse_exponent(&digits[i + 1..])? {
            Exponent::Small(exp) => scale -= exp,
            Exponent::Huge if mantissa == 0 => return Ok(Decimal::ZERO),
            Exponent::Huge => return Err(OutOfRange),
            Exponent::Tiny => return Ok(Decimal::ZERO),
        }
    }
    if too_many {
        return Err(OutOfRange);
    }
    if negative {
        mantissa = -mantissa;
    }
    if scale < 0 {
        let mut value = Decimal::try_from_i128_with_scale(mantissa, 0).map_err(|_| OutOfRange)?;
        for _ in 0..(-scale) {
            value = value.checked_mul(Decimal::TEN).ok_or(OutOfRange)?;
        }
        Ok(value)
    } else if scale > 28 {
        let value = Decimal::try_from_i128_with_scale(mantissa, 28).map_err(|_| OutOfRange)?;
        let mut v = value;
        for _ in 0..(scale - 28) {
            v /= Decimal::TEN;
        }
        Ok(v)
    } else {
        Decimal::try_from_i128_with_scale(mantissa, scale as u32).map_err(|_| OutOfRange)
    }
}

/// An exponent after `e`: up to three digits as they are, longer ones only by their sign.
enum Exponent {
    Small(i32),
    Huge,
    Tiny,
}

fn parse_exponent(b: &[u8]) -> Result<Exponent, NumberError> {
    let (negative, digits) = match b.first().ok_or(NumberError::NotANumber)? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(NumberError::NotANumber);
    }
    let first = digits
        .iter()
        .position(|&c| c != b'0')
        .unwrap_or(digits.len());
    let significant = &digits[first..];
    if significant.len() > 3 {
        return Ok(if negative {
            Exponent::Tiny
        } else {
            Exponent::Huge
        });
    }
    let e = significant
        .iter()
        .fold(0i32, |e, &c| e * 10 + i32::from(c - b'0'));
    Ok(Exponent::Small(if negative { -e } else { e }))
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

/// Parses a physical amount (weight, quantity) as `f64`: [`NumberError::NotANumber`] when the
/// text is not a number (`inf` and `NaN` are not), [`NumberError::OutOfRange`] when it is one
/// beyond `f64` (`1e400`).
pub(crate) fn parse_f64(bytes: &[u8]) -> Result<f64, NumberError> {
    let text = std::str::from_utf8(trim(bytes)).map_err(|_| NumberError::NotANumber)?;
    let v: f64 = text.parse().map_err(|_| NumberError::NotANumber)?;
    if v.is_finite() {
        Ok(v)
    } else if text
        .bytes()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, b'e' | b'E'))
    {
        // `inf`, `infinity`, `NaN`: words, not numbers.
        Err(NumberError::NotANumber)
    } else {
        Err(NumberError::OutOfRange)
    }
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
    use proptest::strategy::Strategy as _;
    use rust_decimal_macros::dec;

    #[test]
    fn decimals_from_bytes() {
        assert_eq!(parse_decimal(b"6804128143.0"), Ok(dec!(6804128143.0)));
        assert_eq!(parse_decimal(b" 12.5 "), Ok(dec!(12.5)));
        assert_eq!(parse_decimal(b"-0.25"), Ok(dec!(-0.25)));
        assert_eq!(parse_decimal(b"1.5E+10"), Ok(dec!(15000000000)));
        assert_eq!(parse_decimal(b"2e-3"), Ok(dec!(0.002)));
        assert_eq!(parse_decimal(b"0"), Ok(dec!(0)));
        assert_eq!(parse_decimal(b"000.010"), Ok(dec!(0.010)));
        for not_a_number in [
            "12,5", "1 000", "", ".", "1.2.3", "1e", "1e+", "1e4x", "inf",
        ] {
            assert_eq!(
                parse_decimal(not_a_number.as_bytes()),
                Err(NumberError::NotANumber),
                "{not_a_number}"
            );
        }
        for too_large in [
            "99999999999999999999999999999999",
            "-99999999999999999999999999999999.5",
            "1e400",
            "1e29",
            "1E+00000000400",
            "1e308",
            "79228162514264337593543950336",
        ] {
            assert_eq!(
                parse_decimal(too_large.as_bytes()),
                Err(NumberError::OutOfRange),
                "{too_large}"
            );
        }
        assert_eq!(
            parse_decimal(Decimal::MAX.to_string().as_bytes()),
            Ok(Decimal::MAX)
        );
        assert_eq!(parse_decimal(b"1e-400"), Ok(Decimal::ZERO));
        assert_eq!(parse_decimal(b"0e99999"), Ok(Decimal::ZERO));
        assert_eq!(parse_decimal(b"1e-000003"), Ok(dec!(0.001)));
    }

    #[test]
    fn amounts_beyond_f64_are_out_of_range_and_words_are_not_numbers() {
        assert_eq!(parse_f64(b"1e308"), Ok(1e308));
        assert_eq!(parse_f64(b"0"), Ok(0.0));
        assert_eq!(parse_f64(b"1e400"), Err(NumberError::OutOfRange));
        assert_eq!(parse_f64(b"-1e400"), Err(NumberError::OutOfRange));
        for word in ["inf", "-Infinity", "NaN", "12,5"] {
            assert_eq!(
                parse_f64(word.as_bytes()),
                Err(NumberError::NotANumber),
                "{word}"
            );
        }
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
            proptest::prop_assert_eq!(parse_decimal(d.to_string().as_bytes()), Ok(d));
        }

        /// Extreme values: every Decimal (Decimal::MAX and MIN included) reads back as itself,
        /// every finite f64 written out (1e308, the smallest subnormal, 0, negatives) reads as
        /// a Decimal or is out of range, never "not a number" and never a panic.
        #[test]
        fn extreme_values_are_read_or_out_of_range(
            d in proptest::prop_oneof![
                proptest::strategy::Just(Decimal::MAX),
                proptest::strategy::Just(Decimal::MIN),
                proptest::strategy::Just(Decimal::ZERO),
                proptest::num::i128::ANY.prop_map(|m| Decimal::from_i128_with_scale(m % 79_228_162_514_264_337_593_543_950_335, 0)),
                (proptest::num::i64::ANY, 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
            ],
            f in proptest::prop_oneof![
                proptest::strategy::Just(1e308),
                proptest::strategy::Just(-1e308),
                proptest::strategy::Just(f64::MAX),
                proptest::strategy::Just(f64::MIN_POSITIVE),
                proptest::strategy::Just(5e-324),
                proptest::strategy::Just(0.0),
                proptest::num::f64::NORMAL,
            ],
        ) {
            proptest::prop_assert_eq!(parse_decimal(d.to_string().as_bytes()), Ok(d));
            for text in [format!("{f}"), format!("{f:e}"), format!("{f:E}")] {
                let read = parse_decimal(text.as_bytes());
                proptest::prop_assert!(read.is_ok() || read == Err(NumberError::OutOfRange), "{} gave {:?}", text, read);
                proptest::prop_assert_eq!(parse_f64(text.as_bytes()), Ok(f));
                if f.abs() > 1e29 {
                    proptest::prop_assert_eq!(read, Err(NumberError::OutOfRange), "{}", text);
                }
            }
        }
    }
}
