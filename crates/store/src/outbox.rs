//! The outbox: operations waiting for the sync server, written in the same transaction
//! as the change they describe.

use nimbo_domain::operation::Operation;
use sqlx::SqliteConnection;

use crate::{StoreError, time_text, to_json};

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
