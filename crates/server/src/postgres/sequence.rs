//! The pull sequence's one counter (`sync_sequence`): whoever writes applied operations —
//! a laptop's push, or the server's administrator through [`crate::admin`] — takes its
//! row lock first and holds it to the end of its transaction, so sequence numbers are
//! handed out in commit order with no hole, and the records read under the lock cannot
//! change under the writer.

use super::Connection;
use crate::error::ServerError;

/// Locks the counter for the rest of the transaction; the last number given out.
pub async fn lock(conn: &mut Connection) -> Result<i64, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT last_seq FROM sync_sequence WHERE only_row FOR UPDATE")
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Records `last` as the last number given out (under the lock of [`lock`]).
pub async fn advance(conn: &mut Connection, last: i64) -> Result<(), ServerError> {
    sqlx::query("UPDATE sync_sequence SET last_seq = $1 WHERE only_row")
        .bind(last)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The last number given out, without the lock (a pull's progress figure).
pub async fn last(conn: &mut Connection) -> Result<i64, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT last_seq FROM sync_sequence WHERE only_row")
            .fetch_one(&mut *conn)
            .await?,
    )
}
