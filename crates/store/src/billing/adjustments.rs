//! Adjustments: corrections charged in an open period.

use nimbo_domain::billing::{Adjustment, Period};
use sqlx::SqliteConnection;

use crate::{StoreError, parse_json, to_json};

/// Writes a new adjustment (never changed).
pub async fn insert(conn: &mut SqliteConnection, a: &Adjustment) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO adjustments (id, subscription_id, period, body) VALUES (?, ?, ?, ?) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(a.id.to_string())
    .bind(a.subscription_id.to_string())
    .bind(a.period.to_string())
    .bind(to_json(a)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The adjustments charged in a period.
pub async fn in_period(
    conn: &mut SqliteConnection,
    period: Period,
) -> Result<Vec<Adjustment>, StoreError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT body FROM adjustments WHERE period = ? ORDER BY id")
            .bind(period.to_string())
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|b| parse_json(b)).collect()
}
