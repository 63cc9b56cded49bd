//! The national holidays of Paraguay for 2025–2027, the calendar a new organisation starts
//! with (DOMAIN §3: a calendar in data, editable). Each is the day actually observed: a
//! holiday the Executive moved to a Monday by decree is seeded on that Monday only. The
//! sources, and what could not be confirmed, are in docs/DECISIONS.md («Paraguay's
//! holidays»); an administrator corrects the rest as decrees come out.

use chrono::NaiveDate;

use super::calendar::holy_thursday_and_good_friday;
use super::holiday::Holiday;

/// The days a year observes on their legal date every year (Ley 7.544/2025; before it, the
/// laws it gathers), as (month, day, name).
const ON_THEIR_DATE: &[(u32, u32, &str)] = &[
    (1, 1, "Año Nuevo"),
    (5, 1, "Día de los Trabajadores"),
    (5, 14, "Día de la Independencia Nacional"),
    (5, 15, "Día de la Independencia Nacional"),
    (8, 15, "Fundación de Asunción"),
    (12, 8, "Día de la Virgen de Caacupé"),
    (12, 25, "Navidad"),
];

/// The movable holidays and extra days as observed each year, as (year, month, day, name):
/// the Executive may move the movable ones to a Monday and add up to three days a year.
const AS_OBSERVED: &[(i32, u32, u32, &str)] = &[
    // 2025: 1 March fell on a Saturday and was not moved; Paz del Chaco moved from
    // Thursday the 12th to Monday the 16th; 5 September decreed for the World Cup
    // qualification and 26 December decreed (Ley 7.544/2025, art. 4).
    (2025, 3, 1, "Día de los Héroes"),
    (
        2025,
        6,
        16,
        "Día de la Paz del Chaco (trasladado del 12/06)",
    ),
    (
        2025,
        9,
        5,
        "Feriado adicional: clasificación de la Albirroja al Mundial",
    ),
    (2025, 9, 29, "Victoria de Boquerón"),
    (2025, 12, 26, "Feriado adicional: día siguiente a Navidad"),
    // 2026: 1 March (a Sunday) moved to Monday 2 March by decree; 20 June is a holiday
    // from this year on (Ley 7.544/2025).
    (2026, 3, 2, "Día de los Héroes (trasladado del 01/03)"),
    (2026, 6, 12, "Día de la Paz del Chaco"),
    (2026, 6, 20, "Día de la Jura de la Constitución Nacional"),
    (2026, 9, 29, "Victoria de Boquerón"),
    // 2027: no decree found yet; the legal dates.
    (2027, 3, 1, "Día de los Héroes"),
    (2027, 6, 12, "Día de la Paz del Chaco"),
    (2027, 6, 20, "Día de la Jura de la Constitución Nacional"),
    (2027, 9, 29, "Victoria de Boquerón"),
];

/// The years the seed covers.
pub const SEED_YEARS: std::ops::RangeInclusive<i32> = 2025..=2027;

/// Paraguay's national holidays of 2025, 2026 and 2027, in date order, all active.
pub fn seed_holidays() -> Vec<Holiday> {
    let mut days: Vec<(NaiveDate, String)> = Vec::new();
    for year in SEED_YEARS {
        for &(month, day, name) in ON_THEIR_DATE {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                days.push((date, name.to_string()));
            }
        }
        if let Some((thursday, friday)) = holy_thursday_and_good_friday(year) {
            days.push((thursday, "Jueves Santo".to_string()));
            days.push((friday, "Viernes Santo".to_string()));
        }
    }
    for &(year, month, day, name) in AS_OBSERVED {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            days.push((date, name.to_string()));
        }
    }
    days.sort();
    days.into_iter()
        .map(|(date, name)| Holiday {
            date,
            name,
            active: true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::calendar::HolidayCalendar;
    use chrono::Datelike;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn the_seed_holds_each_year_s_holidays_once_in_date_order() {
        let seed = seed_holidays();
        let count = |y| seed.iter().filter(|h| h.date.year() == y).count();
        // 2025: 7 on their date + Holy Week (2) + 5 as observed.
        assert_eq!(count(2025), 14);
        // 2026 and 2027: 7 + 2 + 4 as observed, 20 June included.
        assert_eq!(count(2026), 13);
        assert_eq!(count(2027), 13);
        assert!(seed.windows(2).all(|w| w[0].date < w[1].date));
        assert!(seed.iter().all(|h| h.active && !h.name.is_empty()));
    }

    #[test]
    fn moved_holidays_are_seeded_on_the_monday_they_were_observed() {
        let calendar = HolidayCalendar::new(&seed_holidays());
        // Paz del Chaco 2025: Thursday the 12th was a working day, Monday the 16th not.
        assert!(calendar.is_business_day(day(2025, 6, 12)));
        assert!(calendar.is_holiday(day(2025, 6, 16)));
        // Día de los Héroes 2026 fell on a Sunday and moved to Monday 2 March.
        assert!(calendar.is_holiday(day(2026, 3, 2)));
        assert!(calendar.is_holiday(day(2026, 4, 2)) && calendar.is_holiday(day(2026, 4, 3)));
        assert!(calendar.is_holiday(day(2027, 3, 25)) && calendar.is_holiday(day(2027, 3, 26)));
        assert!(calendar.is_holiday(day(2026, 12, 8)));
        assert!(calendar.is_business_day(day(2026, 12, 9)));
    }
}
