//! A record's history: this device's own audit events (with the server's refusal of
//! their operation, found by the hybrid-clock tick they share with it) merged with the
//! entries of operations replayed from other laptops, kept in their own append-only
//! table so that this device's audit chain holds only its own events.

use nimbo_domain::history::{HistoryEntry, Origin};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_time, parse_uuid, time_text};

/// Keeps the entry of a replayed operation; false when it was kept already (a page
/// replayed twice), which writes nothing.
pub async fn append_replayed(
    conn: &mut SqliteConnection,
    entry: &HistoryEntry,
) -> Result<bool, StoreError> {
    let Origin::Replayed { op_id, seq, device } = &entry.origin else {
        return Err(StoreError::Corrupt(format!(
            "a history entry of this laptop ({}) is not a replayed one",
            entry.action
        )));
    };
    let done = sqlx::query(
        "INSERT INTO replayed_history (op_id, seq, device, actor, at, hlc, action, entity, entity_id, changes) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING",
    )
    .bind(op_id.to_string())
    .bind(seq)
    .bind(device.to_string())
    .bind(&entry.actor)
    .bind(time_text(entry.at))
    .bind(&entry.hlc)
    .bind(&entry.action)
    .bind(&entry.entity)
    .bind(entry.entity_id.to_string())
    .bind(&entry.changes)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The history of one record from both sources, oldest first by hybrid-clock time.
pub async fn of_entity(
    conn: &mut SqliteConnection,
    entity_id: Uuid,
) -> Result<Vec<HistoryEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT a.at, a.hlc, a.actor, a.action, a.entity, a.entity_id, a.changes, \
                NULL AS op_id, a.seq AS seq, NULL AS device, \
                (SELECT coalesce(json_extract(o.answer, '$.message'), '') FROM outbox o \
                  WHERE o.hlc = a.hlc AND o.state = 'refused') AS refused \
           FROM audit_events a WHERE a.entity_id = ?1 \
         UNION ALL \
         SELECT r.at, r.hlc, r.actor, r.action, r.entity, r.entity_id, r.changes, \
                r.op_id, r.seq, r.device, NULL AS refused \
           FROM replayed_history r WHERE r.entity_id = ?1 \
         ORDER BY 2",
    )
    .bind(entity_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

fn from_row(row: &SqliteRow) -> Result<HistoryEntry, StoreError> {
    let op_id: Option<String> = row.try_get("op_id")?;
    let origin = match op_id {
        Some(op_id) => Origin::Replayed {
            op_id: parse_uuid(&op_id)?,
            seq: row.try_get("seq")?,
            device: parse_uuid(row.try_get::<&str, _>("device")?)?,
        },
        None => Origin::Here {
            seq: row.try_get("seq")?,
            refused: row.try_get("refused")?,
        },
    };
    Ok(HistoryEntry {
        at: parse_time(row.try_get::<&str, _>("at")?)?,
        hlc: row.try_get("hlc")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        entity: row.try_get("entity")?,
        entity_id: parse_uuid(row.try_get::<&str, _>("entity_id")?)?,
        changes: row.try_get("changes")?,
        origin,
    })
}
