//! The `operations` table: every operation the server answered for good, with its answer
//! and, when it changed the records, its place in the pull sequence. A laptop's push and
//! the server's own operations ([`crate::admin`]) write it; a pull reads it in order.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use nimbo_domain::operation::Operation;
use sqlx::Row;
use uuid::Uuid;

use super::Connection;
use crate::error::ServerError;
use crate::wire::{Answer, Pulled};

/// The rows to write, column by column, for one `UNNEST` insert.
#[derive(Default)]
pub struct Rows {
    id: Vec<Uuid>,
    content_sha256: Vec<String>,
    device: Vec<Uuid>,
    entity_kind: Vec<String>,
    entity_id: Vec<Uuid>,
    operation: Vec<String>,
    answer: Vec<String>,
    seq: Vec<Option<i64>>,
}

impl Rows {
    /// Whether there is nothing to write.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// Adds an operation with its content's hash and its final answer.
    pub fn push(
        &mut self,
        op: &Operation,
        content_sha256: &str,
        answer: &Answer,
    ) -> Result<(), ServerError> {
        let unwritable = |e: serde_json::Error| ServerError::Internal(format!("serialising: {e}"));
        self.id.push(op.id);
        self.content_sha256.push(content_sha256.to_string());
        self.device.push(op.device);
        self.entity_kind.push(op.entity.id().to_string());
        self.entity_id.push(op.entity_id);
        self.operation
            .push(serde_json::to_string(op).map_err(unwritable)?);
        self.answer
            .push(serde_json::to_string(answer).map_err(unwritable)?);
        self.seq.push(match answer {
            Answer::Applied { seq } => Some(*seq),
            Answer::Conflict { seq, .. } => *seq,
            Answer::Refused { .. } => None,
        });
        Ok(())
    }

    /// Writes the rows, all by `actor_id` (the signed-in user of a push; `None` for the
    /// server's own operations, which come from the nil device: migration 0005).
    pub async fn insert(
        &self,
        conn: &mut Connection,
        actor_id: Option<Uuid>,
        received_at: DateTime<Utc>,
    ) -> Result<(), ServerError> {
        if self.is_empty() {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO operations
               (id, content_sha256, actor_id, device, entity_kind, entity_id, operation, answer, seq, received_at)
             SELECT u.id, u.content_sha256, $9, u.device, u.entity_kind, u.entity_id,
                    u.operation::jsonb, u.answer::jsonb, u.seq, $10
             FROM UNNEST($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[],
                         $7::text[], $8::int8[])
               AS u(id, content_sha256, device, entity_kind, entity_id, operation, answer, seq)",
        )
        .bind(&self.id)
        .bind(&self.content_sha256)
        .bind(&self.device)
        .bind(&self.entity_kind)
        .bind(&self.entity_id)
        .bind(&self.operation)
        .bind(&self.answer)
        .bind(&self.seq)
        .bind(actor_id)
        .bind(received_at)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

/// The operations of these ids the server answered before: by id, their content's hash
/// and the answer they were given.
pub async fn answered(
    conn: &mut Connection,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, (String, Answer)>, ServerError> {
    let rows = sqlx::query(
        "SELECT id, content_sha256, answer::text AS answer FROM operations WHERE id = ANY($1)",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut known = HashMap::with_capacity(rows.len());
    for row in rows {
        let answer: String = row.try_get("answer")?;
        let answer: Answer = serde_json::from_str(&answer)
            .map_err(|e| ServerError::Internal(format!("a stored answer is unreadable: {e}")))?;
        known.insert(row.try_get("id")?, (row.try_get("content_sha256")?, answer));
    }
    Ok(known)
}

/// The applied operations after sequence number `after`, in order, at most `limit`.
pub async fn after(
    conn: &mut Connection,
    after: i64,
    limit: i64,
) -> Result<Vec<Pulled>, ServerError> {
    let rows = sqlx::query(
        "SELECT seq, operation::text AS operation FROM operations
         WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut operations = Vec::with_capacity(rows.len());
    for row in rows {
        let text: String = row.try_get("operation")?;
        let operation = serde_json::from_str(&text)
            .map_err(|e| ServerError::Internal(format!("a stored operation is unreadable: {e}")))?;
        operations.push(Pulled {
            seq: row.try_get("seq")?,
            operation,
        });
    }
    Ok(operations)
}
