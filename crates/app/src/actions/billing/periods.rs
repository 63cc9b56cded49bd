//! Which periods are locked, and which one a correction lands in.

use chrono::{DateTime, Utc};
use nimbo_domain::billing::Period;
use nimbo_domain::time::today_in_asuncion;
use nimbo_store::{Connection, billing};

use crate::AppError;

/// The period a correction made now lands in: the first open one, after the latest locked
/// period; when none is locked yet, the period of today.
pub async fn next_open(conn: &mut Connection, now: DateTime<Utc>) -> Result<Period, AppError> {
    let today = Period::of_day(today_in_asuncion(now));
    let locked = billing::locks::locked_periods(conn).await?;
    Ok(match locked.first() {
        Some(latest) => latest.next(),
        None => today,
    })
}
