//! The `conflicts` table: per-field edits that met another person's, kept for both of
//! them to see and correct.

use chrono::{DateTime, Utc};
use nimbo_domain::operation::{EntityKind, FieldConflict};
use sqlx::Row;
use uuid::Uuid;

use super::Connection;
use crate::error::ServerError;
use crate::wire::ConflictRecord;

/// A conflict to record, with the operation it belongs to.
pub struct NewConflict {
    /// The operation whose edit arrived second.
    pub operation: Uuid,
    /// The kind of record edited.
    pub entity: EntityKind,
    /// The record edited.
    pub entity_id: Uuid,
    /// Who made the operation.
    pub author: String,
    /// The field, both values and the one kept.
    pub conflict: FieldConflict,
    /// Whether it waits to be settled by hand (a money field, never merged).
    pub by_hand: bool,
}

/// Records the conflicts, all at `now`.
pub async fn insert(
    conn: &mut Connection,
    conflicts: &[NewConflict],
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    for row in conflicts {
        // A re-sent refusal is answered from the stored answer and never comes here
        // twice; the guard keeps a retried transaction harmless all the same.
        sqlx::query(
            "INSERT INTO conflicts (operation_id, field, entity_kind, entity_id, author, other,
                                    yours, theirs, kept, by_hand, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (operation_id, field) DO NOTHING",
        )
        .bind(row.operation)
        .bind(&row.conflict.field)
        .bind(row.entity.id())
        .bind(row.entity_id)
        .bind(&row.author)
        .bind(&row.conflict.other)
        .bind(&row.conflict.yours)
        .bind(&row.conflict.theirs)
        .bind(&row.conflict.kept)
        .bind(row.by_hand)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The conflicts `username` is part of, as author or as the other person, newest first,
/// at most `limit` of them.
pub async fn of_user(
    conn: &mut Connection,
    username: &str,
    limit: i64,
) -> Result<Vec<ConflictRecord>, ServerError> {
    let rows = sqlx::query(
        "SELECT operation_id, entity_kind, entity_id, field, author, other, yours, theirs, kept,
                by_hand, recorded_at
         FROM conflicts WHERE author = $1 OR other = $1
         ORDER BY recorded_at DESC, operation_id DESC LIMIT $2",
    )
    .bind(username)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut conflicts = Vec::with_capacity(rows.len());
    for row in rows {
        conflicts.push(ConflictRecord {
            operation_id: row.try_get("operation_id")?,
            entity_kind: row.try_get("entity_kind")?,
            entity_id: row.try_get("entity_id")?,
            field: row.try_get("field")?,
            author: row.try_get("author")?,
            other: row.try_get("other")?,
            yours: row.try_get("yours")?,
            theirs: row.try_get("theirs")?,
            kept: row.try_get("kept")?,
            by_hand: row.try_get("by_hand")?,
            recorded_at: row.try_get("recorded_at")?,
        });
    }
    Ok(conflicts)
}
