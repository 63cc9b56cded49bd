//! The audit trail: appended to, read by record, and streamed whole for verification.

use futures_util::TryStreamExt;
use nimbo_domain::audit::{AuditEvent, BrokenLink, ChainVerifier};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_time, parse_uuid, time_text};

/// Appends an event.
pub async fn append(conn: &mut SqliteConnection, e: &AuditEvent) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_events (id, device, seq, at, hlc, actor, action, entity, entity_id, changes, prev_hash, hash) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.id.to_string())
    .bind(e.device.to_string())
    .bind(e.seq)
    .bind(time_text(e.at))
    .bind(&e.hlc)
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.entity)
    .bind(e.entity_id.to_string())
    .bind(&e.changes)
    .bind(&e.prev_hash)
    .bind(&e.hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn from_row(row: &SqliteRow) -> Result<AuditEvent, StoreError> {
    Ok(AuditEvent {
        id: parse_uuid(row.get("id"))?,
        device: parse_uuid(row.get("device"))?,
        seq: row.get("seq"),
        at: parse_time(row.get("at"))?,
        hlc: row.get("hlc"),
        actor: row.get("actor"),
        action: row.get("action"),
        entity: row.get("entity"),
        entity_id: parse_uuid(row.get("entity_id"))?,
        changes: row.get("changes"),
        prev_hash: row.get("prev_hash"),
        hash: row.get("hash"),
    })
}

const SELECT: &str = "SELECT id, device, seq, at, hlc, actor, action, entity, entity_id, changes, prev_hash, hash FROM audit_events";

/// The events of one record, oldest first.
pub async fn of_entity(
    conn: &mut SqliteConnection,
    entity_id: Uuid,
) -> Result<Vec<AuditEvent>, StoreError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE entity_id = ? ORDER BY hlc"
    )))
    .bind(entity_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// What verifying the whole trail found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Verification {
    /// How many events were found sound before the first broken link (all, if none).
    pub checked: u64,
    /// The first broken link, if any.
    pub broken: Option<BrokenLink>,
}

/// Walks every device's chain in order and stops at the first broken link.
pub async fn verify(conn: &mut SqliteConnection) -> Result<Verification, StoreError> {
    let mut verifier = ChainVerifier::new();
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY device, seq"
    )))
    .fetch(&mut *conn);
    while let Some(row) = rows.try_next().await? {
        let event = from_row(&row)?;
        if let Err(broken) = verifier.push(&event) {
            return Ok(Verification {
                checked: verifier.checked(),
                broken: Some(broken),
            });
        }
    }
    drop(rows);
    let head = sqlx::query_as::<_, (String, i64, String)>(
        "SELECT device_id, audit_seq, audit_head FROM device WHERE id = 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    let head_check = match head {
        Some((device, seq, hash)) => verifier.expect_head(parse_uuid(&device)?, seq, &hash),
        None => Ok(()),
    };
    if let Err(broken) = head_check {
        return Ok(Verification {
            checked: verifier.checked(),
            broken: Some(broken),
        });
    }
    Ok(Verification {
        checked: verifier.checked(),
        broken: None,
    })
}

/// How many events the trail holds.
pub async fn count(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM audit_events")
        .fetch_one(&mut *conn)
        .await?)
}
