//! Per-field stamps: who last wrote each field edited field by field, and when. The
//! laptop keeps them as the server does, so a replayed edit is merged by the same rule
//! (the later change wins) against what this laptop wrote itself.

use std::collections::BTreeMap;

use nimbo_domain::operation::{EntityKind, FieldStamp, MemoryRecords};
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_uuid};

/// Stamps by record, as the domain's `Outcome` gives them.
pub type Stamps = BTreeMap<(EntityKind, Uuid), BTreeMap<String, FieldStamp>>;

/// Puts a record's stamps into the view.
pub async fn load(
    conn: &mut SqliteConnection,
    kind: EntityKind,
    id: Uuid,
    view: &mut MemoryRecords,
) -> Result<(), StoreError> {
    let rows = sqlx::query(
        "SELECT field, hlc, actor, operation FROM field_stamps WHERE entity = ? AND entity_id = ?",
    )
    .bind(kind.id())
    .bind(id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    // What this database holds replaces what the view held; no stamps, no entry.
    view.stamps.remove(&(kind, id));
    if rows.is_empty() {
        return Ok(());
    }
    let fields = view.stamps.entry((kind, id)).or_default();
    for row in rows {
        let hlc: String = row.get("hlc");
        let stamp = FieldStamp {
            hlc: hlc
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("not a clock reading: {hlc}")))?,
            actor: row.get("actor"),
            operation: parse_uuid(row.get("operation"))?,
        };
        fields.insert(row.get("field"), stamp);
    }
    Ok(())
}

/// Records who wrote these fields last.
pub async fn save(conn: &mut SqliteConnection, stamps: &Stamps) -> Result<(), StoreError> {
    for ((kind, id), fields) in stamps {
        for (field, stamp) in fields {
            write(conn, *kind, *id, field, stamp).await?;
        }
    }
    Ok(())
}

/// Records who wrote one field last.
async fn write(
    conn: &mut SqliteConnection,
    kind: EntityKind,
    id: Uuid,
    field: &str,
    stamp: &FieldStamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO field_stamps (entity, entity_id, field, hlc, actor, operation) \
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, entity_id, field) DO UPDATE SET \
         hlc = excluded.hlc, actor = excluded.actor, operation = excluded.operation",
    )
    .bind(kind.id())
    .bind(id.to_string())
    .bind(field)
    .bind(stamp.hlc.to_string())
    .bind(&stamp.actor)
    .bind(stamp.operation.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
