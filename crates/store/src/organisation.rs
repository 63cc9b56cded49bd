//! The organisation's profile.

use nimbo_domain::organisation::Organisation;
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_time, time_text};

/// Reads the profile, if the organisation was set up.
pub async fn load(conn: &mut SqliteConnection) -> Result<Option<Organisation>, StoreError> {
    let row = sqlx::query("SELECT name, ruc, demo, created_at FROM organisation WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|row| {
        Ok(Organisation {
            name: row.get("name"),
            ruc: row
                .get::<String, _>("ruc")
                .parse()
                .map_err(|e: nimbo_domain::ruc::RucError| StoreError::Corrupt(e.to_string()))?,
            demo: row.get::<i64, _>("demo") != 0,
            created_at: parse_time(row.get("created_at"))?,
        })
    })
    .transpose()
}

/// Writes the profile (first set-up).
pub async fn insert(conn: &mut SqliteConnection, org: &Organisation) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO organisation (id, name, ruc, demo, created_at) VALUES (1, ?, ?, ?, ?)",
    )
    .bind(&org.name)
    .bind(org.ruc.to_string())
    .bind(i64::from(org.demo))
    .bind(time_text(org.created_at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
