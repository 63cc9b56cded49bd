//! The reading of what a person types for a quote: `2026-11`, `23/11/2026`, `1.234,57`,
//! `2026-11-23T17:00/2026-11-23T19:30`.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use super::period::Period;
use super::quote_error::QuoteError;

/// A period as typed: `2026-11`.
pub fn parse_period(text: &str) -> Result<Period, QuoteError> {
    text.parse()
        .map_err(|_| QuoteError::NotAPeriod(text.trim().to_string()))
}

/// A day as typed: `25/11/2026` or `2026-11-25`.
pub fn parse_day(text: &str) -> Result<NaiveDate, QuoteError> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map_err(|_| QuoteError::NotADay(t.to_string()))
}

/// An amount as typed: `1234.57`, `1234,57`, `1.234,57`, `1,234.57`, `1.234.567`. With
/// both `.` and `,` the last is the decimal point and the other groups thousands (groups of
/// three); a separator written more than once groups thousands. One separator followed by
/// exactly three digits after one to three digits (`1.234`, `1,234`) is refused as
/// ambiguous — a thousand in es-PY, one and a bit in English. No exponent, no currency.
pub fn parse_amount(text: &str) -> Result<Decimal, QuoteError> {
    let t = text.trim();
    let bad = || QuoteError::NotAnAmount(t.to_string());
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t),
    };
    let is_separator = |c: char| c == '.' || c == ',';
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || is_separator(c)) {
        return Err(bad());
    }
    let decimal_at = match (body.rfind('.'), body.rfind(',')) {
        (Some(dot), Some(comma)) => Some(dot.max(comma)),
        (Some(at), None) | (None, Some(at)) => {
            let separator = &body[at..=at];
            let (int, frac) = (&body[..at], &body[at + 1..]);
            if body.matches(separator).count() > 1 {
                None
            } else if frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0') {
                return Err(QuoteError::AmbiguousAmount(t.to_string()));
            } else {
                Some(at)
            }
        }
        (None, None) => None,
    };
    let (int, frac) = match decimal_at {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, ""),
    };
    let groups: Vec<&str> = int.split(is_separator).collect();
    let grouping: Vec<char> = int.chars().filter(|&c| is_separator(c)).collect();
    let decimal = decimal_at.map(|at| &body[at..=at]);
    if groups.len() > 1
        && (grouping.windows(2).any(|w| w[0] != w[1])
            || decimal.is_some_and(|d| grouping.iter().any(|g| d.starts_with(*g)))
            || groups[0].is_empty()
            || groups[0].len() > 3
            || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(bad());
    }
    let digits = groups.concat();
    if digits.is_empty() && frac.is_empty() {
        return Err(bad());
    }
    let number = if frac.is_empty() {
        format!("{sign}{digits}")
    } else {
        format!("{sign}0{digits}.{frac}")
    };
    Decimal::from_str(&number).map_err(|_| bad())
}

/// An interval of work as typed: `2026-11-23T17:00/2026-11-23T19:30` (a space may stand
/// for the `T`; seconds may follow and are dropped by the split).
pub fn parse_interval(text: &str) -> Result<(NaiveDateTime, NaiveDateTime), QuoteError> {
    let t = text.trim();
    let bad = || QuoteError::NotAnInterval(t.to_string());
    let (start, end) = t.split_once('/').ok_or_else(bad)?;
    let instant = |s: &str| {
        let s = s.trim();
        ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    };
    Ok((
        instant(start).ok_or_else(bad)?,
        instant(end).ok_or_else(bad)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn what_pre_sales_types_wrong_is_refused_saying_how_to_write_it() {
        assert_eq!(
            parse_interval("2026-11-23 17:00-19:30").err().map(|e| e.to_string()),
            Some("«2026-11-23 17:00-19:30» no es un intervalo: escríbalo INICIO/FIN en hora de Asunción, p. ej. 2026-11-23T17:00/2026-11-23T19:30".into())
        );
        assert!(parse_amount("1e3").is_err());
        assert!(parse_amount("USD 10").is_err());
        assert!(parse_amount("1,2,3").is_err());
        assert!(parse_amount("1.2.3,4").is_err());
        assert!(parse_amount("1.234.5").is_err());
        assert!(parse_amount("1,234,56.7").is_err());
        assert!(parse_amount("1.234,567.8").is_err());
        assert!(parse_amount("-").is_err());
        assert!(parse_amount(",").is_err());
        assert_eq!(parse_amount("1,234.57"), Ok(d("1234.57")));
        assert_eq!(parse_amount("1.234,57"), Ok(d("1234.57")));
        assert_eq!(parse_amount("1.234.567"), Ok(d("1234567")));
        assert_eq!(parse_amount("1,234,567.5"), Ok(d("1234567.5")));
        assert_eq!(parse_amount("-65,43"), Ok(d("-65.43")));
        assert_eq!(parse_amount("0.125"), Ok(d("0.125")));
        assert_eq!(parse_amount("1234.567"), Ok(d("1234.567")));
        assert_eq!(parse_amount(",5"), Ok(d("0.5")));
        assert_eq!(parse_amount(" 500 "), Ok(d("500")));
        assert!(matches!(
            parse_amount("1.234"),
            Err(QuoteError::AmbiguousAmount(_))
        ));
        assert!(matches!(
            parse_amount("12,500"),
            Err(QuoteError::AmbiguousAmount(_))
        ));
        assert!(parse_day("2026-13-01").is_err());
        assert!(parse_period("2026/11").is_err());
    }
}
