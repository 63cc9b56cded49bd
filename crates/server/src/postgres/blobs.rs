//! The `blobs` table: files by their SHA-256, uploaded once and read by anyone signed in.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Connection;
use crate::error::ServerError;

/// Stores a file's bytes under their hash, uploaded by `by` at `at`; false when a file
/// with that hash was there already (it is kept as it was).
pub async fn store(
    conn: &mut Connection,
    sha256: &str,
    content: &[u8],
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let inserted = sqlx::query(
        "INSERT INTO blobs (sha256, size, content, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(sha256)
    .bind(i64::try_from(content.len()).unwrap_or(i64::MAX))
    .bind(content)
    .bind(by)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The bytes of the file with that hash, if the server holds it.
pub async fn content(conn: &mut Connection, sha256: &str) -> Result<Option<Vec<u8>>, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT content FROM blobs WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Which of these hashes the server holds a file for.
pub async fn present(
    conn: &mut Connection,
    hashes: &[String],
) -> Result<HashSet<String>, ServerError> {
    Ok(
        sqlx::query_scalar::<_, String>("SELECT sha256 FROM blobs WHERE sha256 = ANY($1)")
            .bind(hashes)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect(),
    )
}
