//! The edit conflicts the connected user is part of, as the server last listed them: kept
//! so both people involved see them offline too. Each sync replaces the list whole — the
//! server's list is the truth.

use serde_json::Value;
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_time, parse_uuid, time_text};

/// One conflict, kept as the server listed it: the domain's type, the same the wire carries.
pub use nimbo_domain::conflict::EditConflict;

/// Replaces the kept list with the server's.
pub async fn replace(
    conn: &mut SqliteConnection,
    conflicts: &[EditConflict],
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sync_conflicts")
        .execute(&mut *conn)
        .await?;
    for c in conflicts {
        sqlx::query(
            "INSERT OR REPLACE INTO sync_conflicts (operation_id, field, entity_kind, entity_id, \
             author, other, yours, theirs, kept, by_hand, recorded_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(c.operation_id.to_string())
        .bind(&c.field)
        .bind(&c.entity_kind)
        .bind(c.entity_id.to_string())
        .bind(&c.author)
        .bind(&c.other)
        .bind(c.yours.to_string())
        .bind(c.theirs.to_string())
        .bind(c.kept.to_string())
        .bind(c.by_hand)
        .bind(time_text(c.recorded_at))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

fn json(text: &str) -> Result<Value, StoreError> {
    serde_json::from_str(text)
        .map_err(|_| StoreError::Corrupt(format!("a conflict's value is not JSON: {text}")))
}

/// The kept conflicts, newest first.
pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<EditConflict>, StoreError> {
    let rows = sqlx::query(
        "SELECT operation_id, field, entity_kind, entity_id, author, other, yours, theirs, kept, \
         by_hand, recorded_at FROM sync_conflicts ORDER BY recorded_at DESC, operation_id DESC",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(EditConflict {
                operation_id: parse_uuid(r.get("operation_id"))?,
                entity_kind: r.get("entity_kind"),
                entity_id: parse_uuid(r.get("entity_id"))?,
                field: r.get("field"),
                author: r.get("author"),
                other: r.get("other"),
                yours: json(r.get("yours"))?,
                theirs: json(r.get("theirs"))?,
                kept: json(r.get("kept"))?,
                by_hand: r.get("by_hand"),
                recorded_at: parse_time(r.get("recorded_at"))?,
            })
        })
        .collect()
}
