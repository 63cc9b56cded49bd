//! The words and numbers a charge line's explanation is written with: rates and minimums as
//! the catalogue holds them (`75`, `15 %`), durations as a person reads them
//! (`3 h 25 min (205 min)`), times of logged work (`23/11 17:00–19:30`). Amounts themselves
//! are written by [`super::money::es_py`].

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use crate::Lang;

/// A number as the catalogue holds it, without trailing zeros and grouped for `lang`:
/// `75`, `0,5`, `1.000` (es) or `75`, `0.5`, `1,000` (en).
pub fn number(value: Decimal, lang: Lang) -> String {
    let (group, point) = match lang {
        Lang::Es => ('.', ','),
        Lang::En => (',', '.'),
    };
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{frac}")
    }
}

/// A share as a percentage: `15 %` in Spanish, `15%` in English.
pub fn percent(rate: Decimal, lang: Lang) -> String {
    let shown = number(rate * Decimal::ONE_HUNDRED, lang);
    match lang {
        Lang::Es => format!("{shown} %"),
        Lang::En => format!("{shown}%"),
    }
}

/// Minutes as hours and minutes with the count beside: `3 h 25 min (205 min)`,
/// `2 h (120 min)`, `45 min`.
pub fn duration(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, _) => format!("{m} min"),
        (_, 0) => format!("{h} h ({minutes} min)"),
        _ => format!("{h} h {m} min ({minutes} min)"),
    }
}

/// An interval of work as a statement prints it: `23/11 17:00–19:30`, or with both days
/// when it crosses midnight: `24/11 22:00–25/11 02:00`.
pub fn interval(start: NaiveDateTime, end: NaiveDateTime) -> String {
    if start.date() == end.date() {
        format!("{}–{}", start.format("%d/%m %H:%M"), end.format("%H:%M"))
    } else {
        format!(
            "{}–{}",
            start.format("%d/%m %H:%M"),
            end.format("%d/%m %H:%M")
        )
    }
}

/// `1 registro` / `3 registros` (es), `1 entry` / `3 entries` (en).
pub fn entries(count: usize, lang: Lang) -> String {
    match (lang, count) {
        (Lang::Es, 1) => "1 registro".into(),
        (Lang::Es, n) => format!("{n} registros"),
        (Lang::En, 1) => "1 entry".into(),
        (Lang::En, n) => format!("{n} entries"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn catalogue_numbers_lose_their_trailing_zeros_and_group_by_language() {
        assert_eq!(number(d("75.00"), Lang::Es), "75");
        assert_eq!(number(d("0.50"), Lang::Es), "0,5");
        assert_eq!(number(d("1500"), Lang::Es), "1.500");
        assert_eq!(number(d("1500.25"), Lang::En), "1,500.25");
        assert_eq!(number(d("-2"), Lang::Es), "-2");
        assert_eq!(percent(d("0.15"), Lang::Es), "15 %");
        assert_eq!(percent(d("0.125"), Lang::En), "12.5%");
    }

    #[test]
    fn durations_read_as_hours_and_minutes_with_the_count() {
        assert_eq!(duration(205), "3 h 25 min (205 min)");
        assert_eq!(duration(120), "2 h (120 min)");
        assert_eq!(duration(45), "45 min");
    }
}
