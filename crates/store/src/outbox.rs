//! The outbox: operations waiting for the sync server, written in the same transaction
//! as the change they describe.

use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{EntityKind, Operation, OperationBody};
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_json, parse_uuid, time_text, to_json};

/// Queues an operation.
pub async fn push(
    conn: &mut SqliteConnection,
    op: &Operation,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO outbox (op_id, hlc, actor, entity, entity_id, body, state, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
    )
    .bind(op.id.to_string())
    .bind(op.hlc.to_string())
    .bind(&op.actor)
    .bind(op.entity.id())
    .bind(op.entity_id.to_string())
    .bind(to_json(&op.body)?)
    .bind(time_text(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many operations wait to be sent.
pub async fn pending(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE state = 'pending'")
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// How many operations the outbox holds in all.
pub async fn count(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM outbox")
        .fetch_one(&mut *conn)
        .await?)
}

/// The oldest pending operations, in the order they were written (the server needs a
/// customer before its order): at most `limit` after skipping `skip` (those kept back in
/// this run), from device `device`.
pub async fn pending_batch(
    conn: &mut SqliteConnection,
    device: uuid::Uuid,
    skip: i64,
    limit: i64,
) -> Result<Vec<Operation>, StoreError> {
    let rows = sqlx::query(
        "SELECT op_id, hlc, actor, entity, entity_id, body FROM outbox \
         WHERE state = 'pending' ORDER BY rowid LIMIT ? OFFSET ?",
    )
    .bind(limit)
    .bind(skip)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let entity: String = row.get("entity");
            let hlc: String = row.get("hlc");
            Ok(Operation {
                id: parse_uuid(row.get("op_id"))?,
                hlc: hlc
                    .parse::<Hlc>()
                    .map_err(|_| StoreError::Corrupt(format!("outbox hlc {hlc}")))?,
                device,
                actor: row.get("actor"),
                entity: entity_kind(&entity)?,
                entity_id: parse_uuid(row.get("entity_id"))?,
                body: parse_json::<OperationBody>(row.get("body"))?,
            })
        })
        .collect()
}

fn entity_kind(id: &str) -> Result<EntityKind, StoreError> {
    EntityKind::from_id(id).ok_or_else(|| StoreError::Corrupt(format!("outbox entity {id}")))
}

/// Records the server's final answer to an operation: `state` is `applied`, `refused`
/// or `conflict`; `answer` its JSON.
pub async fn answered(
    conn: &mut SqliteConnection,
    op_id: uuid::Uuid,
    state: &str,
    answer: &serde_json::Value,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE outbox SET state = ?, answer = ?, answered_at = ? WHERE op_id = ?")
        .bind(state)
        .bind(answer.to_string())
        .bind(time_text(now))
        .bind(op_id.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether an operation id is one of this database's own (sent or not).
pub async fn is_own(conn: &mut SqliteConnection, op_id: uuid::Uuid) -> Result<bool, StoreError> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM outbox WHERE op_id = ?")
            .bind(op_id.to_string())
            .fetch_one(&mut *conn)
            .await?
            > 0,
    )
}

/// An operation the server did not accept, with its answer, newest first.
#[derive(Debug, Clone)]
pub struct Unaccepted {
    /// The operation's id.
    pub op_id: uuid::Uuid,
    /// Who made it.
    pub actor: String,
    /// The kind of record.
    pub entity: String,
    /// `refused` or `conflict`.
    pub state: String,
    /// The server's answer (JSON).
    pub answer: serde_json::Value,
    /// When it was answered.
    pub answered_at: String,
}

/// How many operations the server refused or found in conflict.
pub async fn unaccepted_count(conn: &mut SqliteConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE state IN ('refused', 'conflict')")
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// The operations the server refused or found in conflict, newest first.
pub async fn unaccepted(
    conn: &mut SqliteConnection,
    limit: i64,
) -> Result<Vec<Unaccepted>, StoreError> {
    let rows = sqlx::query(
        "SELECT op_id, actor, entity, state, answer, answered_at FROM outbox \
         WHERE state IN ('refused', 'conflict') ORDER BY answered_at DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let answer: Option<String> = row.get("answer");
            Ok(Unaccepted {
                op_id: parse_uuid(row.get("op_id"))?,
                actor: row.get("actor"),
                entity: row.get("entity"),
                state: row.get("state"),
                answer: answer
                    .as_deref()
                    .map(parse_json::<serde_json::Value>)
                    .transpose()?
                    .unwrap_or_default(),
                answered_at: row
                    .get::<Option<String>, _>("answered_at")
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Forgets every pending operation: a demonstration database never syncs, and what its
/// loader decided through the one path is history, not work to send.
pub async fn discard_pending_for_demo(conn: &mut SqliteConnection) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM outbox WHERE state = 'pending'")
        .execute(&mut *conn)
        .await?
        .rows_affected())
}
