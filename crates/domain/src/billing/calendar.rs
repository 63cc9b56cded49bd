//! The business calendar of DOMAIN §3: business hours are Monday to Friday 08:00–18:00 in
//! Asunción, and a national holiday of Paraguay is non-business all day. The holidays are
//! data an administrator edits ([`Holiday`]); this turns them into the answers the hours
//! split asks, and computes Easter for the seed ([`super::holidays_py`]).

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::holiday::Holiday;

/// The hour business hours start, inclusive (08:00).
pub const BUSINESS_OPENS: u32 = 8;
/// The hour business hours end, exclusive (18:00).
pub const BUSINESS_CLOSES: u32 = 18;

/// The holidays in force, asked day by day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    days: HashSet<NaiveDate>,
}

impl HolidayCalendar {
    /// The calendar of the active holidays among `holidays` (a removed one stays as an
    /// inactive record and is ignored).
    pub fn new(holidays: &[Holiday]) -> HolidayCalendar {
        HolidayCalendar {
            days: holidays
                .iter()
                .filter(|h| h.active)
                .map(|h| h.date)
                .collect(),
        }
    }

    /// Whether `day` is a national holiday.
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.days.contains(&day)
    }

    /// Whether `day` has business hours: Monday to Friday and not a holiday.
    pub fn is_business_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(day)
    }

    /// Whether the minute starting at `at` (Asunción local time) is a business minute.
    pub fn is_business_minute(&self, at: NaiveDateTime) -> bool {
        self.is_business_day(at.date()) && (BUSINESS_OPENS..BUSINESS_CLOSES).contains(&at.hour())
    }
}

/// The opening and closing instants of business hours on `day` (whether or not it is a
/// business day).
pub(crate) fn business_window(day: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let at = |hour| day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN));
    (at(BUSINESS_OPENS), at(BUSINESS_CLOSES))
}

/// Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian
/// computus (Meeus/Jones/Butcher); `None` only for a year chrono cannot hold.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n / 31).ok()?;
    let day = u32::try_from(n % 31 + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Holy Thursday and Good Friday of `year` (Easter Sunday less three and two days).
pub fn holy_thursday_and_good_friday(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let easter = easter_sunday(year)?;
    Some((easter - Duration::days(3), easter - Duration::days(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn holiday(date: NaiveDate, active: bool) -> Holiday {
        Holiday {
            date,
            name: "Feriado".into(),
            active,
        }
    }

    #[test]
    fn easter_falls_where_the_church_calendars_print_it() {
        for (year, month, d) in [
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22), // the earliest possible date
            (2000, 4, 23),
            (1943, 4, 25), // the latest possible date
        ] {
            assert_eq!(easter_sunday(year), Some(day(year, month, d)), "{year}");
        }
    }

    #[test]
    fn holy_week_of_2026_is_thursday_the_2nd_and_friday_the_3rd_of_april() {
        assert_eq!(
            holy_thursday_and_good_friday(2026),
            Some((day(2026, 4, 2), day(2026, 4, 3)))
        );
        assert_eq!(
            holy_thursday_and_good_friday(2027),
            Some((day(2027, 3, 25), day(2027, 3, 26)))
        );
    }

    #[test]
    fn easter_is_always_a_sunday_between_22_march_and_25_april() {
        for year in 1900..=2300 {
            let easter = easter_sunday(year).unwrap_or(NaiveDate::MIN);
            assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
            assert!(
                day(year, 3, 22) <= easter && easter <= day(year, 4, 25),
                "{year}"
            );
        }
    }

    #[test]
    fn a_removed_holiday_is_a_working_day_again() {
        let calendar = HolidayCalendar::new(&[
            holiday(day(2026, 12, 8), true),
            holiday(day(2026, 9, 29), false),
        ]);
        assert!(calendar.is_holiday(day(2026, 12, 8)));
        assert!(!calendar.is_business_day(day(2026, 12, 8)));
        assert!(!calendar.is_holiday(day(2026, 9, 29)));
        assert!(calendar.is_business_day(day(2026, 9, 29)));
    }

    #[test]
    fn saturdays_sundays_and_the_hours_outside_8_to_18_are_not_business_minutes() {
        let calendar = HolidayCalendar::default();
        let at = |d: NaiveDate, h, m| d.and_hms_opt(h, m, 0).unwrap_or_default();
        let monday = day(2026, 11, 23);
        assert!(!calendar.is_business_minute(at(monday, 7, 59)));
        assert!(calendar.is_business_minute(at(monday, 8, 0)));
        assert!(calendar.is_business_minute(at(monday, 17, 59)));
        assert!(!calendar.is_business_minute(at(monday, 18, 0)));
        assert!(!calendar.is_business_minute(at(day(2026, 11, 21), 10, 0)));
        assert!(!calendar.is_business_minute(at(day(2026, 11, 22), 10, 0)));
    }
}
