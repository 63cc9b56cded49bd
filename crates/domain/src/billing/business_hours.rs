//! Professional hours split at the boundaries of business hours (DOMAIN §3): an interval of
//! work in Asunción local time becomes business minutes (Monday to Friday 08:00–18:00, not
//! a holiday) and non-business minutes, billed to the minute at the two plans' rates. And
//! the refusals of an interval that cannot be billed: ending before it starts, longer than
//! a day, overlapping another of the same person.
//!
//! **Seconds are truncated**: hours are logged in whole minutes, so an interval's start and
//! end are read down to their minute (`17:00:59` is `17:00`) everywhere — in the split, in
//! the checks and in the run — and a person is never billed for a part of a minute.

use std::ops::Add;

use chrono::{Duration, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use super::calendar::{HolidayCalendar, business_window};
use super::hours::HoursEntry;
use crate::error::DomainError;

/// The longest interval one entry may cover.
pub const LONGEST_ENTRY: Duration = Duration::hours(24);

/// An interval's minutes, split into business and non-business ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursSplit {
    /// Minutes inside business hours.
    pub business_minutes: i64,
    /// Minutes outside business hours: nights, weekends and holidays.
    pub after_hours_minutes: i64,
}

impl HoursSplit {
    /// Every minute of the interval.
    pub fn total_minutes(self) -> i64 {
        self.business_minutes + self.after_hours_minutes
    }
}

impl Add for HoursSplit {
    type Output = HoursSplit;

    fn add(self, other: HoursSplit) -> HoursSplit {
        HoursSplit {
            business_minutes: self.business_minutes + other.business_minutes,
            after_hours_minutes: self.after_hours_minutes + other.after_hours_minutes,
        }
    }
}

/// `at` without its seconds: the minute it falls in.
pub fn whole_minute(at: NaiveDateTime) -> NaiveDateTime {
    at.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at)
}

/// The business and non-business minutes of `[start, end)`, both read to the minute; an
/// interval that does not end after it starts has none.
pub fn split(start: NaiveDateTime, end: NaiveDateTime, calendar: &HolidayCalendar) -> HoursSplit {
    let (start, end) = (whole_minute(start), whole_minute(end));
    if end <= start {
        return HoursSplit::default();
    }
    let mut business = 0;
    let mut day = start.date();
    while day <= end.date() {
        if calendar.is_business_day(day) {
            let (opens, closes) = business_window(day);
            let (from, to) = (start.max(opens), end.min(closes));
            if to > from {
                business += (to - from).num_minutes();
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    HoursSplit {
        business_minutes: business,
        after_hours_minutes: (end - start).num_minutes() - business,
    }
}

/// Whether a new or edited entry can be logged beside the others already logged (any
/// subscription): it must end after it starts, cover at most a day, and not overlap
/// another entry of the same person. The entry itself, if among `others`, is skipped.
pub fn check_entry(entry: &HoursEntry, others: &[HoursEntry]) -> Result<(), DomainError> {
    let (start, end) = (whole_minute(entry.start), whole_minute(entry.end));
    if end <= start {
        return Err(DomainError::HoursEndNotAfterStart { start, end });
    }
    if end - start > LONGEST_ENTRY {
        return Err(DomainError::HoursLongerThanADay { start, end });
    }
    let clash = others
        .iter()
        .filter(|o| o.id != entry.id && o.person == entry.person)
        .map(|o| (whole_minute(o.start), whole_minute(o.end)))
        .filter(|&(s, e)| s < end && start < e)
        .min();
    match clash {
        Some((other_start, other_end)) => Err(DomainError::HoursOverlap {
            person: entry.person.clone(),
            start,
            end,
            other_start,
            other_end,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::holiday::Holiday;
    use crate::code::ErrorCode;
    use chrono::{NaiveDate, Utc};
    use proptest::prelude::*;
    use uuid::Uuid;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|day| day.and_hms_opt(h, min, 0))
            .unwrap_or_default()
    }

    fn minutes(business: i64, after: i64) -> HoursSplit {
        HoursSplit {
            business_minutes: business,
            after_hours_minutes: after,
        }
    }

    /// 8 December 2026 (Tuesday), Virgen de Caacupé.
    fn caacupe() -> HolidayCalendar {
        HolidayCalendar::new(&[Holiday {
            date: NaiveDate::from_ymd_opt(2026, 12, 8).unwrap_or_default(),
            name: "Día de la Virgen de Caacupé".into(),
            active: true,
        }])
    }

    fn entry(person: &str, start: NaiveDateTime, end: NaiveDateTime) -> HoursEntry {
        HoursEntry {
            id: Uuid::new_v4(),
            subscription_id: Uuid::nil(),
            person: person.into(),
            start,
            end,
            what: "Migración".into(),
            logged_by: person.into(),
            logged_at: Utc::now(),
        }
    }

    #[test]
    fn work_from_17_to_19_30_on_a_monday_is_one_business_hour_and_90_minutes_after() {
        let s = split(
            at(2026, 11, 23, 17, 0),
            at(2026, 11, 23, 19, 30),
            &caacupe(),
        );
        assert_eq!(s, minutes(60, 90));
    }

    #[test]
    fn work_from_7_to_9_on_a_friday_crosses_the_opening_at_8() {
        let s = split(at(2026, 11, 27, 7, 0), at(2026, 11, 27, 9, 15), &caacupe());
        assert_eq!(s, minutes(75, 60));
    }

    #[test]
    fn a_night_from_22_to_02_crossing_midnight_into_a_wednesday_is_all_after_hours() {
        let s = split(at(2026, 11, 24, 22, 0), at(2026, 11, 25, 2, 0), &caacupe());
        assert_eq!(s, minutes(0, 240));
    }

    #[test]
    fn a_whole_day_from_monday_12_to_tuesday_12_has_ten_business_hours() {
        // Monday 12:00–18:00 (6 h) + Tuesday 08:00–12:00 (4 h) = 600 business minutes.
        let s = split(at(2026, 11, 23, 12, 0), at(2026, 11, 24, 12, 0), &caacupe());
        assert_eq!(s, minutes(600, 840));
    }

    #[test]
    fn a_saturday_morning_is_after_hours() {
        let s = split(at(2026, 11, 28, 9, 0), at(2026, 11, 28, 12, 0), &caacupe());
        assert_eq!(s, minutes(0, 180));
    }

    #[test]
    fn the_8th_of_december_is_after_hours_all_day_though_a_tuesday() {
        let s = split(at(2026, 12, 8, 9, 0), at(2026, 12, 8, 11, 0), &caacupe());
        assert_eq!(s, minutes(0, 120));
        let next = split(at(2026, 12, 9, 9, 0), at(2026, 12, 9, 11, 0), &caacupe());
        assert_eq!(next, minutes(120, 0));
    }

    #[test]
    fn a_friday_evening_into_saturday_stops_being_business_at_18() {
        let s = split(at(2026, 11, 27, 16, 0), at(2026, 11, 28, 10, 0), &caacupe());
        assert_eq!(s, minutes(120, 960));
    }

    #[test]
    fn seconds_are_dropped_to_the_minute() {
        let start = at(2026, 11, 23, 9, 0) + Duration::seconds(59);
        let end = at(2026, 11, 23, 9, 30) + Duration::seconds(45);
        assert_eq!(split(start, end, &caacupe()), minutes(30, 0));
        assert_eq!(whole_minute(end), at(2026, 11, 23, 9, 30));
    }

    #[test]
    fn an_interval_that_ends_before_it_starts_is_refused_saying_so() {
        let e = entry(
            "karina.duarte",
            at(2026, 11, 23, 19, 0),
            at(2026, 11, 23, 17, 0),
        );
        let err = check_entry(&e, &[]).err();
        assert_eq!(
            err.as_ref().map(|e| e.code()),
            Some(ErrorCode::HoursEndNotAfterStart)
        );
        let same_minute = entry(
            "karina.duarte",
            at(2026, 11, 23, 17, 0),
            at(2026, 11, 23, 17, 0) + Duration::seconds(40),
        );
        assert!(check_entry(&same_minute, &[]).is_err());
    }

    #[test]
    fn a_day_is_the_longest_interval_one_entry_covers() {
        let day = entry("ana", at(2026, 11, 23, 8, 0), at(2026, 11, 24, 8, 0));
        assert_eq!(check_entry(&day, &[]), Ok(()));
        let longer = entry("ana", at(2026, 11, 23, 8, 0), at(2026, 11, 24, 8, 1));
        let err = check_entry(&longer, &[]).err();
        assert_eq!(err.map(|e| e.code()), Some(ErrorCode::HoursLongerThanADay));
    }

    #[test]
    fn one_person_cannot_log_the_same_minute_twice_but_two_people_can() {
        let first = entry("ana", at(2026, 11, 23, 9, 0), at(2026, 11, 23, 12, 0));
        let overlapping = entry("ana", at(2026, 11, 23, 11, 59), at(2026, 11, 23, 13, 0));
        let err = check_entry(&overlapping, std::slice::from_ref(&first)).err();
        assert_eq!(
            err,
            Some(DomainError::HoursOverlap {
                person: "ana".into(),
                start: at(2026, 11, 23, 11, 59),
                end: at(2026, 11, 23, 13, 0),
                other_start: at(2026, 11, 23, 9, 0),
                other_end: at(2026, 11, 23, 12, 0),
            })
        );
        let following = entry("ana", at(2026, 11, 23, 12, 0), at(2026, 11, 23, 13, 0));
        assert_eq!(
            check_entry(&following, std::slice::from_ref(&first)),
            Ok(())
        );
        let colleague = entry("luis", at(2026, 11, 23, 10, 0), at(2026, 11, 23, 11, 0));
        assert_eq!(
            check_entry(&colleague, std::slice::from_ref(&first)),
            Ok(())
        );
        // Editing an entry does not clash with its own earlier version.
        let mut edited = first.clone();
        edited.end = at(2026, 11, 23, 12, 30);
        assert_eq!(check_entry(&edited, &[first]), Ok(()));
    }

    fn any_instant() -> impl Strategy<Value = NaiveDateTime> {
        // Any minute from 1 Dec 2025 over about 400 days, with stray seconds.
        (0i64..400 * 24 * 60, 0i64..60)
            .prop_map(|(m, s)| at(2025, 12, 1, 0, 0) + Duration::minutes(m) + Duration::seconds(s))
    }

    proptest! {
        #[test]
        fn splitting_keeps_every_minute(start in any_instant(), length in 0i64..3 * 24 * 60) {
            let end = start + Duration::minutes(length);
            let s = split(start, end, &caacupe());
            let total = (whole_minute(end) - whole_minute(start)).num_minutes();
            prop_assert_eq!(s.total_minutes(), total);
            prop_assert!(s.business_minutes >= 0 && s.after_hours_minutes >= 0);
        }

        #[test]
        fn cutting_an_interval_anywhere_and_adding_the_halves_changes_nothing(
            start in any_instant(),
            length in 1i64..3 * 24 * 60,
            permille in 0i64..=1000,
        ) {
            let start = whole_minute(start);
            let end = start + Duration::minutes(length);
            let at_cut = start + Duration::minutes(length * permille / 1000);
            let whole = split(start, end, &caacupe());
            let halves = split(start, at_cut, &caacupe()) + split(at_cut, end, &caacupe());
            prop_assert_eq!(whole, halves);
        }
    }
}
