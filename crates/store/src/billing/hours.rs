//! The professional hours log.

use nimbo_domain::billing::{HoursEntry, Period};
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::{StoreError, parse_json, to_json};

/// The start as stored: `YYYY-MM-DDTHH:MM:SS`, which sorts as time does.
fn start_text(entry: &HoursEntry) -> String {
    entry.start.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Writes a new interval (an interval is never changed).
pub async fn insert(conn: &mut SqliteConnection, entry: &HoursEntry) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO hours (id, subscription_id, person, start, body) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(entry.id.to_string())
    .bind(entry.subscription_id.to_string())
    .bind(&entry.person)
    .bind(start_text(entry))
    .bind(to_json(entry)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn bodies(
    conn: &mut SqliteConnection,
    sql: &'static str,
    binds: &[String],
) -> Result<Vec<HoursEntry>, StoreError> {
    let mut query = sqlx::query_scalar::<_, String>(sql);
    for b in binds {
        query = query.bind(b);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter().map(|b| parse_json(b)).collect()
}

/// Every interval a person logged.
pub async fn of_person(
    conn: &mut SqliteConnection,
    person: &str,
) -> Result<Vec<HoursEntry>, StoreError> {
    bodies(
        conn,
        "SELECT body FROM hours WHERE person = ? ORDER BY start",
        &[person.to_string()],
    )
    .await
}

/// The intervals that start inside the period.
pub async fn in_period(
    conn: &mut SqliteConnection,
    period: Period,
) -> Result<Vec<HoursEntry>, StoreError> {
    let from = format!("{}T00:00:00", period.first_day());
    let to = format!("{}T00:00:00", period.next().first_day());
    bodies(
        conn,
        "SELECT body FROM hours WHERE start >= ? AND start < ? ORDER BY start, id",
        &[from, to],
    )
    .await
}

/// A subscription's intervals, newest first.
pub async fn of_subscription(
    conn: &mut SqliteConnection,
    subscription_id: Uuid,
) -> Result<Vec<HoursEntry>, StoreError> {
    bodies(
        conn,
        "SELECT body FROM hours WHERE subscription_id = ? ORDER BY start DESC",
        &[subscription_id.to_string()],
    )
    .await
}
