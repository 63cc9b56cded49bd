//! Money as documents print it, the es-PY way the app's screens use: `USD 1.234,50`.

use rust_decimal::{Decimal, RoundingStrategy};

/// An amount in US dollars with two decimals, `.` between thousands and `,` before the
/// cents, rounded half away from zero.
pub fn usd(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("USD {sign}{grouped},{frac}")
}

/// A share as a percentage, `15 %` or `12,5 %`.
pub fn percent(share: Decimal) -> String {
    let p = (share * Decimal::ONE_HUNDRED).normalize();
    format!("{} %", p.to_string().replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats_like_the_screens() {
        assert_eq!(usd(d("1234567.5")), "USD 1.234.567,50");
        assert_eq!(usd(d("1234.5")), "USD 1.234,50");
        assert_eq!(usd(d("75")), "USD 75,00");
        assert_eq!(usd(d("0")), "USD 0,00");
        assert_eq!(usd(d("999.995")), "USD 1.000,00");
        assert_eq!(usd(d("0.125")), "USD 0,13");
        assert_eq!(usd(d("-1500.2")), "USD -1.500,20");
        assert_eq!(usd(d("-0.001")), "USD 0,00");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(d("0.15")), "15 %");
        assert_eq!(percent(d("0.125")), "12,5 %");
    }
}
