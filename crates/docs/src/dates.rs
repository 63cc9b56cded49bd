//! Dates and times as documents print them: days as `26/11/2026` or `26 de noviembre de
//! 2026`, instants in Asunción's time, billing periods by the month they start in.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use nimbo_domain::billing::Period;

const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// The Spanish abbreviations of the months, as charts label them.
const SHORT_MONTHS: [&str; 12] = [
    "ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sep.", "oct.", "nov.", "dic.",
];

/// The Spanish name of a month (1–12).
pub fn month_name(month: u32) -> &'static str {
    MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// A day, `26/11/2026`.
pub fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A day in words, `26 de noviembre de 2026`.
pub fn long_day(d: NaiveDate) -> String {
    format!("{} de {} de {}", d.day(), month_name(d.month()), d.year())
}

/// A day as acts open: `a los 26 días del mes de noviembre de 2026` (`al primer día…`).
pub fn act_day(d: NaiveDate) -> String {
    if d.day() == 1 {
        format!(
            "al primer día del mes de {} de {}",
            month_name(d.month()),
            d.year()
        )
    } else {
        format!(
            "a los {} días del mes de {} de {}",
            d.day(),
            month_name(d.month()),
            d.year()
        )
    }
}

/// A billing period by the month it starts in, abbreviated as a chart's axis shows it:
/// `nov. 26` for the period that runs from 15/11/2026 to 14/12/2026.
pub fn short_period(period: Period) -> String {
    let month = SHORT_MONTHS
        .get((period.month() as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("");
    format!("{month} {:02}", period.year().rem_euclid(100))
}

/// A billing period by the month it starts in, `noviembre de 2026`.
pub fn period_name(period: Period) -> String {
    format!("{} de {}", month_name(period.month()), period.year())
}

/// A billing period's days, `del 15/11/2026 al 14/12/2026`.
pub fn period_span(period: Period) -> String {
    format!(
        "del {} al {}",
        day(period.first_day()),
        day(period.last_day())
    )
}

/// An instant in Asunción's time, `26/11/2026 10:15`.
pub fn instant(at: DateTime<Utc>) -> String {
    nimbo_domain::time::local_display(at)
}

/// The day in Asunción of an instant.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    nimbo_domain::time::today_in_asuncion(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn spanish_days() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(day(d), "26/11/2026");
        assert_eq!(long_day(d), "26 de noviembre de 2026");
        assert_eq!(act_day(d), "a los 26 días del mes de noviembre de 2026");
        let first = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(
            act_day(first),
            "al primer día del mes de septiembre de 2026"
        );
    }

    #[test]
    fn a_period_is_named_by_the_month_it_starts_in() {
        let nov = Period::new(2026, 11).unwrap();
        assert_eq!(short_period(nov), "nov. 26");
        assert_eq!(period_name(nov), "noviembre de 2026");
        assert_eq!(period_span(nov), "del 15/11/2026 al 14/12/2026");
        assert_eq!(short_period(Period::new(2027, 1).unwrap()), "ene. 27");
    }

    #[test]
    fn instants_are_shown_in_asuncion() {
        let at = Utc.with_ymd_and_hms(2026, 11, 26, 2, 30, 0).unwrap();
        assert_eq!(instant(at), "25/11/2026 23:30");
        assert_eq!(
            local_day(at),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
    }
}
