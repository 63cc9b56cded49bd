//! Files, kept by the SHA-256 of their content: the same file attached twice is stored once.

use nimbo_domain::order::AttachmentRef;
use sqlx::SqliteConnection;

use crate::StoreError;

/// Stores a file's content unless a file with the same hash is already stored.
pub async fn put(
    conn: &mut SqliteConnection,
    r: &AttachmentRef,
    content: &[u8],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO attachments (sha256, name, media_type, size, content, created_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&r.sha256)
    .bind(&r.name)
    .bind(&r.media_type)
    .bind(i64::try_from(r.size).unwrap_or(i64::MAX))
    .bind(content)
    .bind(crate::time_text(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A file's content by hash.
pub async fn content(
    conn: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT content FROM attachments WHERE sha256 = ?")
            .bind(sha256)
            .fetch_optional(&mut *conn)
            .await?,
    )
}
