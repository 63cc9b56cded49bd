//! A locked period: the run that was exported to Satélite, frozen (DOMAIN §5). The server
//! decides a lock, so two laptops cannot lock different versions of the same period.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::line::ChargeLine;
use super::period::Period;

/// A period's frozen run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodLock {
    /// The period.
    pub period: Period,
    /// The run's hash, as computed from the same inputs on every machine.
    pub run_hash: String,
    /// The lines as locked.
    pub lines: Vec<ChargeLine>,
    /// Who locked it (username).
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}
