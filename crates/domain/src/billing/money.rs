//! Money the way DOMAIN §3's Decisions round and print it: USD, two decimals, half away
//! from zero, once per charge line; written `1.234,57` in es-PY and `1,234.57` in English.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::Lang;

/// IVA, added on every charge line (prices are net of IVA).
pub const IVA_RATE: Decimal = Decimal::from_parts(10, 0, 0, false, 2);

/// An amount rounded to cents, half away from zero (never `round_dp`: half to even).
pub fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount rounded to cents and grouped the way a person of `lang` reads it, without a
/// currency: `1.234,57` (es-PY) or `1,234.57` (English); `-65,43` for a credit.
pub fn es_py(amount: Decimal, lang: Lang) -> String {
    let (group, point) = match lang {
        Lang::Es => ('.', ','),
        Lang::En => (',', '.'),
    };
    let rounded = cents(amount);
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
            grouped.push(group);
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}{point}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn half_a_cent_rounds_away_from_zero_both_ways() {
        assert_eq!(cents(d("0.005")), d("0.01"));
        assert_eq!(cents(d("0.015")), d("0.02"));
        assert_eq!(cents(d("-0.005")), d("-0.01"));
        assert_eq!(cents(d("185.1855")), d("185.19"));
    }

    #[test]
    fn amounts_are_grouped_as_each_language_reads_them() {
        assert_eq!(es_py(d("1234.567"), Lang::Es), "1.234,57");
        assert_eq!(es_py(d("1234.567"), Lang::En), "1,234.57");
        assert_eq!(es_py(d("-65.43"), Lang::Es), "-65,43");
        assert_eq!(es_py(d("0"), Lang::Es), "0,00");
        assert_eq!(es_py(d("1000000"), Lang::Es), "1.000.000,00");
    }
}

/// An amount as a person or a file writes it, `1234.57` (a point before the cents, at
/// most two decimals, no grouping): above zero, or with `signed` any amount but zero.
pub fn amount(text: &str, signed: bool) -> Result<Decimal, crate::problem::Problem> {
    use std::str::FromStr;
    let given = text.trim();
    let bad = || crate::problem::Problem::NotAnAmount {
        given: given.to_string(),
        signed,
    };
    let value = Decimal::from_str(given).map_err(|_| bad())?;
    let ok_sign = if signed {
        !value.is_zero()
    } else {
        value > Decimal::ZERO
    };
    if !ok_sign || value.scale() > 2 || given.contains(',') {
        return Err(bad());
    }
    Ok(value)
}

#[cfg(test)]
mod amount_tests {
    use super::*;

    #[test]
    fn an_amount_is_written_with_a_point_and_at_most_two_decimals() {
        assert_eq!(
            amount(" 1234.57 ", false).ok(),
            Decimal::from_str_exact("1234.57").ok()
        );
        assert!(amount("1.234,57", false).is_err());
        assert!(amount("12.345", false).is_err());
        assert!(amount("0", false).is_err());
        assert!(amount("-10", false).is_err());
        assert_eq!(amount("-10", true).ok(), Some(Decimal::from(-10)));
        assert!(amount("0.00", true).is_err());
        assert!(amount("diez", true).is_err());
    }
}
