//! A national holiday of Paraguay: a day that is non-business all day (DOMAIN §3). The
//! calendar is data an administrator edits, synced like any record.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// What it commemorates, in Spanish («Día de la Independencia Nacional»).
    pub name: String,
    /// Whether it is still in the calendar (a removed holiday stays as a record, inactive,
    /// so that a removal syncs like any change).
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}
