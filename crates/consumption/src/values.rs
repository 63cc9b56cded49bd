//! A row's values as the exports write them: fields without the spaces around them, and
//! amounts in the exports' two notations, the common plain one read without `Decimal`'s
//! general parser. Pure functions, used by the tally and, ahead of it, by the parser's
//! thread (`ahead`).

use std::str::FromStr;

use rust_decimal::Decimal;

/// A field without the ASCII spaces around it; at once when it starts and ends with
/// anything above a space (no ASCII whitespace is), as nearly every field does.
#[inline]
pub(crate) fn trimmed(field: &[u8]) -> &[u8] {
    match (field.first(), field.last()) {
        (Some(&first), Some(&last)) if first > b' ' && last > b' ' => field,
        _ => field.trim_ascii(),
    }
}

/// An upper bound of an amount's magnitude, cheap to compute: its digits without the
/// point, divided by 8 per decimal (not 10).
pub(crate) fn magnitude_bound(amount: Decimal) -> u128 {
    (amount.mantissa().unsigned_abs() >> (3 * amount.scale()).min(127)) + 1
}

/// An amount as the exports write it: a decimal with a point, or scientific notation
/// (`1.5E-7`); nothing else (no thousands separators, no underscores, no currency).
pub(crate) fn amount(raw: &[u8]) -> Option<Decimal> {
    plain_amount(raw).or_else(|| any_amount(raw))
}

/// An amount read by `Decimal`'s own parsers, in either notation.
fn any_amount(raw: &[u8]) -> Option<Decimal> {
    let mut scientific = false;
    for &b in raw {
        match b {
            b'0'..=b'9' | b'.' | b'-' | b'+' => {}
            b'e' | b'E' => scientific = true,
            _ => return None,
        }
    }
    let text = std::str::from_utf8(raw).ok()?;
    if scientific {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str(text).ok()
    }
}

/// The common amount, read without `Decimal`'s general parser: `-`, up to 18 digits with
/// at most one point between them, not a negative zero — the same `Decimal`, digits and
/// scale, as `Decimal::from_str` reads. `None` for anything else, which `amount` reads
/// the general way.
#[inline]
pub(crate) fn plain_amount(raw: &[u8]) -> Option<Decimal> {
    let (negative, digits) = match raw.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, raw),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut mantissa: i64 = 0;
    let mut point = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            // Wraps only past 18 digits, which are refused below.
            b'0'..=b'9' => mantissa = mantissa.wrapping_mul(10).wrapping_add(i64::from(b - b'0')),
            b'.' if point.is_none() && i > 0 && i + 1 < digits.len() => point = Some(i),
            _ => return None,
        }
    }
    let count = digits.len() - usize::from(point.is_some());
    if count > 18 || (negative && mantissa == 0) {
        return None;
    }
    let scale = point.map_or(0, |p| digits.len() - 1 - p) as u32;
    let signed = if negative { -mantissa } else { mantissa };
    Some(Decimal::new(signed, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_amounts_read_fast_are_the_decimals_the_general_parser_reads() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "0.0",
            "-0.00",
            "1.50",
            "007.5",
            "-12.3400",
            "123456789012345678",
            "1234567890123456789",
            "0.000000000000000001",
            "999999999999999999",
            "-999999999999999999",
            "1.",
            ".5",
            "-",
            "1.2.3",
            "+1",
            "1e5",
            "",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for _ in 0..20_000 {
            let digits = (next() % 21) as usize;
            let mut text: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            if digits > 0 && next() % 2 == 0 {
                let at = (next() as usize) % (digits + 1);
                text.insert(at, '.');
            }
            if next() % 3 == 0 {
                text.insert(0, '-');
            }
            texts.push(text);
        }
        for text in &texts {
            // The same digits, scale and sign, not only an equal value.
            let general = any_amount(text.as_bytes()).map(|g| g.serialize());
            if let Some(fast) = plain_amount(text.as_bytes()) {
                assert_eq!(Some(fast.serialize()), general, "{text}");
            }
            assert_eq!(
                amount(text.as_bytes()).map(|a| a.serialize()),
                general,
                "{text}"
            );
        }
        assert!(plain_amount(b"0.0266441515").is_some());
        assert!(plain_amount(b"-2.00").is_some());
    }

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    #[test]
    fn a_field_is_trimmed_of_ascii_whitespace_only() {
        for (raw, expected) in [
            (&b"USD"[..], &b"USD"[..]),
            (b" USD\t", b"USD"),
            (b"\r\nUSD\x0c", b"USD"),
            (b"", b""),
            (b"   ", b""),
            (b"\xc2\xa0USD", b"\xc2\xa0USD"),
            (b"a b", b"a b"),
        ] {
            assert_eq!(trimmed(raw), expected);
            assert_eq!(trimmed(raw), raw.trim_ascii());
        }
    }

    #[test]
    fn amounts_are_read_in_the_exports_two_notations_only() {
        assert_eq!(amount(b"1234.5678"), Some(d("1234.5678")));
        assert_eq!(amount(b"-0.25"), Some(d("-0.25")));
        assert_eq!(amount(b"1.5E-7"), Some(d("0.00000015")));
        assert_eq!(amount(b"2.5e-3"), Some(d("0.0025")));
        assert_eq!(amount(b"0"), Some(Decimal::ZERO));
        for bad in [
            &b"1,234.56"[..],
            b"1_000",
            b"USD 3",
            b"",
            b"abc",
            b"1.2.3",
            b"-",
        ] {
            assert_eq!(amount(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
