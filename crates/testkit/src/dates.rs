//! Dates relative to today, as the command line takes them.

use chrono::{Duration, NaiveDate, Utc};

/// The date `days` days before today in Asunción, as YYYY-MM-DD: the "today" the domain
/// checks dates against (from 00:00 to 03:00 UTC, UTC's date is already tomorrow there).
pub fn days_ago(days: i64) -> String {
    let today = nimbo_domain::time::today_in_asuncion(Utc::now());
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a date");
    date_of_day((today - epoch).num_days() - days)
}

/// The calendar date `days` days after 1970-01-01, as YYYY-MM-DD.
fn date_of_day(days: i64) -> String {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a date");
    (epoch + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::date_of_day;

    // Moved from crates/cli/tests/cli/support.rs (`the_calendar_helper_knows_a_few_dates`).
    #[test]
    fn the_calendar_helper_knows_a_few_dates() {
        assert_eq!(date_of_day(0), "1970-01-01");
        assert_eq!(date_of_day(19_782), "2024-02-29");
        assert_eq!(date_of_day(20_454), "2026-01-01");
    }
}
