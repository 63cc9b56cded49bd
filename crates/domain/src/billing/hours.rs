//! The professional hours log: intervals of work on a subscription, in Asunción's local
//! time, billed to the minute at the business or after-hours rate (DOMAIN §3).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One interval of work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursEntry {
    /// Stable id.
    pub id: Uuid,
    /// The subscription the work was for.
    pub subscription_id: Uuid,
    /// Who worked (username).
    pub person: String,
    /// When the work started, Asunción local time.
    pub start: NaiveDateTime,
    /// When it ended, Asunción local time.
    pub end: NaiveDateTime,
    /// What was done.
    pub what: String,
    /// Who logged it (username).
    pub logged_by: String,
    /// When it was logged.
    pub logged_at: DateTime<Utc>,
}
