//! An adjustment: a correction of a locked period's charges, which lands as its own line
//! in the next open period, never as an edit (DOMAIN §5).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::period::Period;

/// One adjustment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    /// Stable id.
    pub id: Uuid,
    /// The subscription corrected.
    pub subscription_id: Uuid,
    /// The period whose run carries the line (the first one not locked).
    pub period: Period,
    /// The plan it corrects (its line is billed under that plan's code).
    pub plan_code: String,
    /// Net of IVA, positive to charge more, negative to give back; cents.
    pub amount: Decimal,
    /// Why, as the customer will read it.
    pub reason: String,
    /// Who made it (username).
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}
