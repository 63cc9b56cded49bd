//! The billing period of cycle 15 (DOMAIN §3): from the 15th of a month through the 14th
//! of the next, both inclusive, named by the month it starts in — `2026-11` runs from
//! 15 November 2026 to 14 December 2026.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::time::today_in_asuncion;

/// The day of the month a period starts on.
pub const CYCLE_DAY: u32 = 15;

/// A billing period, named by the month it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    year: i32,
    month: u32,
}

/// Why a period's name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{0}» no es un período: escríbalo como AAAA-MM, p. ej. 2026-11 (del 15/11 al 14/12)")]
pub struct NotAPeriod(pub String);

impl Period {
    /// The period that starts on the 15th of `month` of `year`; `None` for a month that
    /// does not exist or a year outside 2000–2200.
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((2000..=2200).contains(&year) && (1..=12).contains(&month))
            .then_some(Period { year, month })
    }

    /// The period a day belongs to.
    pub fn of_day(day: NaiveDate) -> Period {
        let (year, month) = if day.day() >= CYCLE_DAY {
            (day.year(), day.month())
        } else if day.month() == 1 {
            (day.year() - 1, 12)
        } else {
            (day.year(), day.month() - 1)
        };
        Period { year, month }
    }

    /// The period an instant belongs to, by its day in Asunción (DOMAIN §5: a charge
    /// belongs to the period of its start in Asunción time).
    pub fn of_instant(at: DateTime<Utc>) -> Period {
        Period::of_day(today_in_asuncion(at))
    }

    /// The year it starts in.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month it starts in (1–12).
    pub fn month(self) -> u32 {
        self.month
    }

    /// Its first day, the 15th.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, CYCLE_DAY).unwrap_or(NaiveDate::MIN)
    }

    /// Its last day, the 14th of the next month.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }

    /// Its name as people say it: «nov. 2026» / «Nov 2026».
    pub fn name(self, lang: crate::lang::Lang) -> String {
        const ES: [&str; 12] = [
            "ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.",
            "nov.", "dic.",
        ];
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let names = match lang {
            crate::lang::Lang::Es => ES,
            crate::lang::Lang::En => EN,
        };
        let month = names
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or_default();
        format!("{month} {}", self.year)
    }

    /// Its name with its days: «nov. 2026 (15/11–14/12)».
    pub fn label(self, lang: crate::lang::Lang) -> String {
        format!(
            "{} ({}–{})",
            self.name(lang),
            self.first_day().format("%d/%m"),
            self.last_day().format("%d/%m")
        )
    }

    /// How many days it has, both ends counted (28 to 31).
    pub fn days(self) -> u32 {
        let span = self.last_day() - self.first_day();
        u32::try_from(span.num_days() + 1).unwrap_or(0)
    }

    /// Whether a day falls inside it.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// The period after it.
    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The period before it.
    pub fn previous(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The days of it on which a service active from `from` (inclusive) until `until`
    /// (inclusive, if it ends) was active: what a minimum is prorated by.
    pub fn active_days(self, from: NaiveDate, until: Option<NaiveDate>) -> u32 {
        let start = from.max(self.first_day());
        let end = until.map_or(self.last_day(), |u| u.min(self.last_day()));
        if end < start {
            return 0;
        }
        u32::try_from((end - start).num_days() + 1).unwrap_or(0)
    }

    /// `15/11/2026 – 14/12/2026`, as screens and documents print it.
    pub fn span_display(self) -> String {
        format!(
            "{} – {}",
            self.first_day().format("%d/%m/%Y"),
            self.last_day().format("%d/%m/%Y")
        )
    }
}

/// The first open period, where a correction made on `today` lands (DOMAIN §5: never an
/// edit of a locked run): the one after the latest locked period, or today's period when
/// none is locked.
pub fn first_open(latest_locked: Option<Period>, today: NaiveDate) -> Period {
    latest_locked.map_or_else(|| Period::of_day(today), Period::next)
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Period {
    type Err = NotAPeriod;

    fn from_str(text: &str) -> Result<Period, NotAPeriod> {
        let trimmed = text.trim();
        let bad = || NotAPeriod(trimmed.to_string());
        let (y, m) = trimmed.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(bad());
        }
        let year = y.parse::<i32>().map_err(|_| bad())?;
        let month = m.parse::<u32>().map_err(|_| bad())?;
        Period::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn p(text: &str) -> Period {
        text.parse().unwrap_or(Period {
            year: 2000,
            month: 1,
        })
    }

    #[test]
    fn november_runs_from_the_15th_to_the_14th_of_december() {
        let nov = p("2026-11");
        assert_eq!(nov.first_day(), day(2026, 11, 15));
        assert_eq!(nov.last_day(), day(2026, 12, 14));
        assert_eq!(nov.days(), 30);
        assert_eq!(nov.to_string(), "2026-11");
    }

    #[test]
    fn february_periods_count_28_or_29_days_from_the_15th_of_january() {
        assert_eq!(p("2026-01").days(), 31);
        assert_eq!(p("2026-02").days(), 28);
        assert_eq!(p("2028-02").days(), 29);
        assert_eq!(p("2026-12").last_day(), day(2027, 1, 14));
    }

    #[test]
    fn a_day_belongs_to_the_period_that_started_on_or_before_the_last_15th() {
        assert_eq!(Period::of_day(day(2026, 12, 14)), p("2026-11"));
        assert_eq!(Period::of_day(day(2026, 12, 15)), p("2026-12"));
        assert_eq!(Period::of_day(day(2027, 1, 3)), p("2026-12"));
    }

    #[test]
    fn an_instant_is_placed_by_its_day_in_asuncion_not_in_utc() {
        // 15 Nov 01:30 UTC is still 14 Nov 22:30 in Asunción (UTC−3).
        let at = Utc.with_ymd_and_hms(2026, 11, 15, 1, 30, 0).single();
        assert_eq!(at.map(Period::of_instant), Some(p("2026-10")));
    }

    #[test]
    fn active_days_count_both_ends_and_clip_to_the_period() {
        let nov = p("2026-11");
        assert_eq!(nov.active_days(day(2026, 11, 25), None), 20);
        assert_eq!(nov.active_days(day(2026, 1, 1), None), 30);
        assert_eq!(nov.active_days(day(2026, 1, 1), Some(day(2026, 11, 15))), 1);
        assert_eq!(nov.active_days(day(2026, 12, 20), None), 0);
    }

    #[test]
    fn a_correction_lands_after_the_latest_lock_or_in_todays_period() {
        assert_eq!(
            first_open(Some(p("2026-09")), day(2026, 12, 3)),
            p("2026-10")
        );
        assert_eq!(first_open(None, day(2026, 12, 3)), p("2026-11"));
    }

    #[test]
    fn a_badly_written_period_says_how_to_write_it() {
        for bad in ["2026-13", "26-11", "2026/11", "", "2026-1"] {
            let err = bad
                .parse::<Period>()
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("AAAA-MM"), "{bad}: {err}");
        }
        assert_eq!(
            serde_json::to_string(&p("2026-11")).ok().as_deref(),
            Some("\"2026-11\"")
        );
    }
}
