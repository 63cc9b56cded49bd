//! The `entities` table: the records as the server holds them — organisation, customers,
//! orders, documents — each as the domain's JSON with its field stamps and the sequence
//! number of the operation that wrote it last. Users live in their own table
//! ([`super::users`]).

use uuid::Uuid;

use super::Connection;
use crate::error::ServerError;

/// The stored state of the record of `kind` with this id.
pub async fn state(
    conn: &mut Connection,
    kind: &str,
    id: Uuid,
) -> Result<Option<serde_json::Value>, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT state FROM entities WHERE kind = $1 AND id = $2")
            .bind(kind)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The stored field stamps of the record of `kind` with this id.
pub async fn stamps(
    conn: &mut Connection,
    kind: &str,
    id: Uuid,
) -> Result<Option<serde_json::Value>, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT stamps FROM entities WHERE kind = $1 AND id = $2")
            .bind(kind)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The stored states of the records of `kind` whose `field` is `value`.
pub async fn states_where(
    conn: &mut Connection,
    kind: &str,
    field: &'static str,
    value: &str,
) -> Result<Vec<serde_json::Value>, ServerError> {
    // The field is a literal of the caller, never input: safe to format in; the
    // expression matches the partial indexes of migration 0003.
    let sql = format!("SELECT state FROM entities WHERE kind = $1 AND (state ->> '{field}') = $2");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(kind)
        .bind(value)
        .fetch_all(&mut *conn)
        .await?)
}

/// The stored states of the records of a kind with these ids (none asked, none read).
pub async fn states_by_id(
    conn: &mut Connection,
    kind: &'static str,
    ids: &[Uuid],
) -> Result<Vec<serde_json::Value>, ServerError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // The kind is a literal of the caller, never input: written into the SQL so that any
    // plan can use the kind's partial indexes.
    let sql = format!("SELECT state FROM entities WHERE kind = '{kind}' AND id = ANY($1)");
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(ids)
        .fetch_all(&mut *conn)
        .await?)
}

/// The stored states of the records of a kind whose `field` is one of these values.
pub async fn states_by_field(
    conn: &mut Connection,
    kind: &'static str,
    field: &'static str,
    values: &[String],
) -> Result<Vec<serde_json::Value>, ServerError> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    // Kind and field are literals of the caller, never input (see `states_by_id`); the
    // expression matches the partial indexes of migration 0003.
    let sql = format!(
        "SELECT state FROM entities WHERE kind = '{kind}' AND (state ->> '{field}') = ANY($1)"
    );
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(values)
        .fetch_all(&mut *conn)
        .await?)
}

/// The stored states of every record of a kind (the catalogue, the calendar, and what a
/// billing run reads).
pub async fn states_of_kind(
    conn: &mut Connection,
    kind: &'static str,
) -> Result<Vec<serde_json::Value>, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT state FROM entities WHERE kind = $1 ORDER BY id")
            .bind(kind)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// The stored states of the records of a kind whose text `field` lies in `[from, to)`
/// (ISO days and times sort as text).
pub async fn states_between(
    conn: &mut Connection,
    kind: &'static str,
    field: &'static str,
    from: &str,
    to: &str,
) -> Result<Vec<serde_json::Value>, ServerError> {
    // Kind and field are literals of the caller, never input (see `states_by_id`).
    let sql = format!(
        "SELECT state FROM entities WHERE kind = '{kind}' AND (state ->> '{field}') >= $1 \
         AND (state ->> '{field}') < $2"
    );
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await?)
}

/// Writes a record's state and stamps, as written by the operation numbered `version`.
pub async fn write(
    conn: &mut Connection,
    kind: &str,
    id: Uuid,
    state: serde_json::Value,
    stamps: serde_json::Value,
    version: i64,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO entities (kind, id, state, stamps, version) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, id) DO UPDATE
         SET state = EXCLUDED.state, stamps = EXCLUDED.stamps, version = EXCLUDED.version",
    )
    .bind(kind)
    .bind(id)
    .bind(state)
    .bind(stamps)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
