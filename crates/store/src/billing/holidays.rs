//! Paraguay's holidays, as the calendar holds them.

use chrono::NaiveDate;
use nimbo_domain::billing::Holiday;
use sqlx::{Row, SqliteConnection};

use crate::StoreError;

/// Writes a holiday over the one of its day.
pub async fn upsert(conn: &mut SqliteConnection, h: &Holiday) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO holidays (day, name, active) VALUES (?, ?, ?) \
         ON CONFLICT (day) DO UPDATE SET name = excluded.name, active = excluded.active",
    )
    .bind(h.date.to_string())
    .bind(&h.name)
    .bind(h.active)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every holiday, removed ones too, by day.
pub async fn all(conn: &mut SqliteConnection) -> Result<Vec<Holiday>, StoreError> {
    let rows = sqlx::query("SELECT day, name, active FROM holidays ORDER BY day")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let day: String = r.get("day");
            Ok(Holiday {
                date: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .map_err(|_| StoreError::Corrupt(format!("feriado {day}")))?,
                name: r.get("name"),
                active: r.get("active"),
            })
        })
        .collect()
}
