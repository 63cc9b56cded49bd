//! Where a day falls in a contract's term: how many of its months have begun and how many
//! remain (docs/DECISIONS.md, «Contract terms and penalties»).
//!
//! Month k of the term (k = 1, 2, …) begins k − 1 months after the activation date, on the
//! same day of the month, or on the month's last day when the month is shorter (activated
//! on 31 January: month 2 begins on 28 or 29 February, month 3 on 31 March). A month counts
//! as served once it has begun on or before the last day of service — billing charges that
//! month's days — and every month not begun remains, whole: a partial month is never a
//! fraction. The term's last day is the day before month `term + 1` would begin.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Lang;

/// The day month `k` (from 1) of a term that began on `activation` begins.
pub fn month_begins(activation: NaiveDate, k: u32) -> NaiveDate {
    activation
        .checked_add_months(Months::new(k.saturating_sub(1)))
        .unwrap_or(NaiveDate::MAX)
}

/// Where a contract's last day of service falls in its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermPosition {
    /// The term in months.
    pub term_months: u32,
    /// The day the term began: the activation date.
    pub activation_date: NaiveDate,
    /// The term's last day.
    pub term_ends_on: NaiveDate,
    /// The last day of service (billing's termination date, billed in full).
    pub last_day: NaiveDate,
    /// The months of the term begun on or before the last day (at most the term).
    pub months_begun: u32,
    /// The months of the term not begun: term − begun.
    pub months_remaining: u32,
}

impl TermPosition {
    /// Where `last_day` falls in a term of `term_months` from `activation`.
    pub fn of(term_months: u32, activation: NaiveDate, last_day: NaiveDate) -> TermPosition {
        // Months begin in order (adding months never goes back), so count until the first
        // one that begins after the last day.
        let months_begun = (1..=term_months)
            .take_while(|k| month_begins(activation, *k) <= last_day)
            .count() as u32;
        let term_ends_on = month_begins(activation, term_months + 1)
            .checked_sub_days(Days::new(1))
            .unwrap_or(activation);
        TermPosition {
            term_months,
            activation_date: activation,
            term_ends_on,
            last_day,
            months_begun,
            months_remaining: term_months - months_begun,
        }
    }

    /// Whether the term was served whole by the last day.
    pub fn is_complete(&self) -> bool {
        self.months_remaining == 0
    }

    /// «Plazo de 24 meses, del 15/01/2026 al 14/01/2028; al 20/11/2026, último día de
    /// servicio, comenzaron 11 meses: quedan 13».
    pub fn explanation(&self, lang: Lang) -> String {
        let d = |day: NaiveDate| day.format("%d/%m/%Y").to_string();
        let (term, from, to, last) = (
            self.term_months,
            d(self.activation_date),
            d(self.term_ends_on),
            d(self.last_day),
        );
        let (begun, left) = (self.months_begun, self.months_remaining);
        match lang {
            Lang::Es => format!(
                "Plazo de {term} {}, del {from} al {to}; al {last}, último día de servicio, {}: {}",
                months_es(term),
                match begun {
                    1 => "comenzó 1 mes".to_string(),
                    n => format!("comenzaron {n} meses"),
                },
                match left {
                    0 => "no queda ninguno".to_string(),
                    1 => "queda 1".to_string(),
                    n => format!("quedan {n}"),
                }
            ),
            Lang::En => format!(
                "Term of {term} {}, from {from} to {to}; by {last}, the last day of service, {}: {}",
                months_en(term),
                match begun {
                    1 => "1 month had begun".to_string(),
                    n => format!("{n} months had begun"),
                },
                match left {
                    0 => "none remains".to_string(),
                    1 => "1 remains".to_string(),
                    n => format!("{n} remain"),
                }
            ),
        }
    }
}

/// `mes` or `meses`.
pub(super) fn months_es(n: u32) -> &'static str {
    if n == 1 { "mes" } else { "meses" }
}

/// `month` or `months`.
pub(super) fn months_en(n: u32) -> &'static str {
    if n == 1 { "month" } else { "months" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_24_month_term_from_15_january_ends_on_14_january_two_years_later() {
        let p = TermPosition::of(24, day("2026-01-15"), day("2026-11-14"));
        assert_eq!(p.term_ends_on, day("2028-01-14"));
        // Months 1..10 began on 15/01 … 15/10; month 11 begins on 15/11, after 14/11.
        assert_eq!((p.months_begun, p.months_remaining), (10, 14));
        assert_eq!(
            p.explanation(Lang::Es),
            "Plazo de 24 meses, del 15/01/2026 al 14/01/2028; al 14/11/2026, último día de servicio, comenzaron 10 meses: quedan 14"
        );
        assert_eq!(
            p.explanation(Lang::En),
            "Term of 24 months, from 15/01/2026 to 14/01/2028; by 14/11/2026, the last day of service, 10 months had begun: 14 remain"
        );
    }

    #[test]
    fn a_month_begun_on_the_last_day_of_service_counts_as_served() {
        // Month 11 begins on 15/11/2026: a service ending that day has begun 11 months.
        let p = TermPosition::of(24, day("2026-01-15"), day("2026-11-15"));
        assert_eq!((p.months_begun, p.months_remaining), (11, 13));
        // Ending on 20/11 is the same: the partial month is served, not a fraction.
        let p = TermPosition::of(24, day("2026-01-15"), day("2026-11-20"));
        assert_eq!((p.months_begun, p.months_remaining), (11, 13));
    }

    #[test]
    fn a_term_activated_on_the_31st_begins_its_short_months_on_their_last_day() {
        let a = day("2026-01-31");
        assert_eq!(month_begins(a, 2), day("2026-02-28"));
        assert_eq!(month_begins(a, 3), day("2026-03-31"));
        assert_eq!(month_begins(a, 14), day("2027-02-28"));
        // 12 months from 31/01/2026 end on 30/01/2027 (month 13 begins on 31/01/2027).
        let p = TermPosition::of(12, a, day("2026-02-28"));
        assert_eq!(p.term_ends_on, day("2027-01-30"));
        assert_eq!((p.months_begun, p.months_remaining), (2, 10));
    }

    #[test]
    fn past_the_term_no_month_remains_and_the_words_say_so() {
        let p = TermPosition::of(12, day("2026-01-15"), day("2027-03-01"));
        assert_eq!((p.months_begun, p.months_remaining), (12, 0));
        assert!(p.is_complete());
        assert!(
            p.explanation(Lang::Es)
                .ends_with("comenzaron 12 meses: no queda ninguno")
        );
        assert!(
            p.explanation(Lang::En)
                .ends_with("12 months had begun: none remains")
        );
    }

    #[test]
    fn a_service_ended_before_its_activation_has_served_no_month() {
        let p = TermPosition::of(1, day("2026-01-15"), day("2026-01-14"));
        assert_eq!((p.months_begun, p.months_remaining), (0, 1));
        assert_eq!(p.term_ends_on, day("2026-02-14"));
        assert!(
            p.explanation(Lang::Es)
                .starts_with("Plazo de 1 mes, del 15/01/2026 al 14/02/2026")
        );
    }
}
