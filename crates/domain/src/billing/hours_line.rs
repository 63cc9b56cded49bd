//! The professional-services lines (plans with [`Pricing::Hourly`](crate::catalogue::Pricing)):
//! a period's logged work on a subscription, split at business hours, billed to the minute —
//! minutes × hourly rate ÷ 60 — one line for business minutes and one for the rest. An
//! entry belongs to the period of the day it starts on.

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use super::business_hours::{split, whole_minute};
use super::calendar::HolidayCalendar;
use super::explain::{duration, entries, interval};
use super::hours::HoursEntry;
use super::money::{cents, es_py};
use crate::Lang;

/// One entry's share of a line: its interval and the minutes of the line's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Share {
    start: NaiveDateTime,
    end: NaiveDateTime,
    minutes: i64,
}

/// A subscription's logged minutes of one kind (business or not) in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoggedMinutes {
    shares: Vec<Share>,
}

/// A period's logged work on one subscription, split into its business and non-business
/// minutes, entries in start order.
pub fn logged_minutes<'a>(
    hours: impl IntoIterator<Item = &'a HoursEntry>,
    calendar: &HolidayCalendar,
) -> (LoggedMinutes, LoggedMinutes) {
    let mut sorted: Vec<&HoursEntry> = hours.into_iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end, e.id));
    let (mut business, mut after) = (LoggedMinutes::default(), LoggedMinutes::default());
    for e in sorted {
        let minutes = split(e.start, e.end, calendar);
        let (start, end) = (whole_minute(e.start), whole_minute(e.end));
        for (kind, m) in [
            (&mut business, minutes.business_minutes),
            (&mut after, minutes.after_hours_minutes),
        ] {
            if m > 0 {
                kind.shares.push(Share {
                    start,
                    end,
                    minutes: m,
                });
            }
        }
    }
    (business, after)
}

impl LoggedMinutes {
    /// Every minute of this kind.
    pub fn total(&self) -> i64 {
        self.shares.iter().map(|s| s.minutes).sum()
    }

    /// minutes × rate ÷ 60, unrounded.
    pub fn amount(&self, hourly_rate: Decimal) -> Decimal {
        Decimal::from(self.total()) * hourly_rate / Decimal::from(60)
    }

    /// «3 h 25 min (205 min) × 50,00/h = 170,83; 2 registros: 23/11 17:00–19:30 (60 min), …».
    pub fn explanation(&self, hourly_rate: Decimal, lang: Lang) -> String {
        let total = self.total();
        let amount = es_py(cents(self.amount(hourly_rate)), lang);
        let listed: Vec<String> = self
            .shares
            .iter()
            .map(|s| format!("{} ({} min)", interval(s.start, s.end), s.minutes))
            .collect();
        format!(
            "{} × {}/h = {amount}; {}: {}",
            duration(total),
            es_py(hourly_rate, lang),
            entries(self.shares.len(), lang),
            listed.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Utc};
    use std::str::FromStr;
    use uuid::Uuid;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|day| day.and_hms_opt(h, m, 0))
            .unwrap_or_default()
    }

    fn entry(start: NaiveDateTime, end: NaiveDateTime) -> HoursEntry {
        HoursEntry {
            id: Uuid::new_v4(),
            subscription_id: Uuid::nil(),
            person: "luis".into(),
            start,
            end,
            what: "Soporte".into(),
            logged_by: "luis".into(),
            logged_at: Utc::now(),
        }
    }

    #[test]
    fn three_hours_25_minutes_at_50_an_hour_is_170_83() {
        // Monday 23 Nov 17:00–19:30 (60 business, 90 after) and Tuesday 24 Nov 09:00–11:25
        // (145 business): 205 business minutes.
        let logged = [
            entry(at(24, 9, 0), at(24, 11, 25)),
            entry(at(23, 17, 0), at(23, 19, 30)),
        ];
        let (business, after) = logged_minutes(&logged, &HolidayCalendar::default());
        let rate = Decimal::from(50);
        assert_eq!(business.total(), 205);
        assert_eq!(
            cents(business.amount(rate)),
            Decimal::from_str("170.83").unwrap_or_default()
        );
        assert_eq!(
            business.explanation(rate, Lang::Es),
            "3 h 25 min (205 min) × 50,00/h = 170,83; 2 registros: 23/11 17:00–19:30 (60 min), 24/11 09:00–11:25 (145 min)"
        );
        // 90 after-hours minutes at 75 = 112.50.
        assert_eq!(after.total(), 90);
        assert_eq!(
            after.explanation(Decimal::from(75), Lang::En),
            "1 h 30 min (90 min) × 75.00/h = 112.50; 1 entry: 23/11 17:00–19:30 (90 min)"
        );
    }
}
