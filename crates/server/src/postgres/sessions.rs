//! The `sessions` and `refresh_tokens` tables: one session per sign-in on one device,
//! and the refresh tokens it was given, kept only as their SHA-256.

use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

use super::Connection;
use crate::error::ServerError;

/// A refresh token as stored, with its session.
pub struct StoredRefresh {
    /// The session it belongs to.
    pub session: Uuid,
    /// The session's user.
    pub user_id: Uuid,
    /// Until when it may be spent.
    pub expires_at: DateTime<Utc>,
    /// When a refresh spent it, if one did.
    pub spent_at: Option<DateTime<Utc>>,
    /// Whether it was made worthless, unused, by a retried refresh.
    pub voided: bool,
    /// Whether its session is closed.
    pub revoked: bool,
}

/// Opens a session for the user at `now`.
pub async fn open(
    conn: &mut Connection,
    session: Uuid,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    sqlx::query("INSERT INTO sessions (id, user_id, created_at) VALUES ($1, $2, $3)")
        .bind(session)
        .bind(user)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether the session exists, is the user's and is still open.
pub async fn is_open(
    conn: &mut Connection,
    session: Uuid,
    user: Uuid,
) -> Result<bool, ServerError> {
    let open: Option<bool> = sqlx::query_scalar(
        "SELECT revoked_at IS NULL AS open FROM sessions WHERE id = $1 AND user_id = $2",
    )
    .bind(session)
    .bind(user)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(open == Some(true))
}

/// Closes the session, if it is open.
pub async fn close(
    conn: &mut Connection,
    session: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(session)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Closes every session the user has open: their tokens stop working at once.
pub async fn close_all_of(
    conn: &mut Connection,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Stores a refresh token of the session by its SHA-256, issued at `now`.
pub async fn add_refresh(
    conn: &mut Connection,
    token_sha256: &str,
    session: Uuid,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO refresh_tokens (token_sha256, session_id, issued_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_sha256)
    .bind(session)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The refresh token stored under that SHA-256, locked with its session for the rest of
/// the transaction.
pub async fn refresh_for_update(
    conn: &mut Connection,
    token_sha256: &str,
) -> Result<Option<StoredRefresh>, ServerError> {
    let row = sqlx::query(
        "SELECT r.session_id, r.expires_at, r.spent_at, r.voided,
                s.revoked_at IS NOT NULL AS revoked, s.user_id
         FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
         WHERE r.token_sha256 = $1
         FOR UPDATE OF r, s",
    )
    .bind(token_sha256)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(StoredRefresh {
        session: row.try_get("session_id")?,
        user_id: row.try_get("user_id")?,
        expires_at: row.try_get("expires_at")?,
        spent_at: row.try_get("spent_at")?,
        voided: row.try_get("voided")?,
        revoked: row.try_get("revoked")?,
    }))
}

/// Spends the refresh token stored under that SHA-256 at `now`.
pub async fn spend(
    conn: &mut Connection,
    token_sha256: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    sqlx::query("UPDATE refresh_tokens SET spent_at = $2 WHERE token_sha256 = $1")
        .bind(token_sha256)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether a refresh of the session spent a token after `spent_at` (tokens voided by a
/// retry do not count).
pub async fn spent_after(
    conn: &mut Connection,
    session: Uuid,
    spent_at: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let later: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM refresh_tokens
         WHERE session_id = $1 AND spent_at > $2 AND NOT voided",
    )
    .bind(session)
    .bind(spent_at)
    .fetch_one(&mut *conn)
    .await?;
    Ok(later > 0)
}

/// Makes every unspent refresh token of the session worthless at `now`.
pub async fn void_unspent(
    conn: &mut Connection,
    session: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    sqlx::query(
        "UPDATE refresh_tokens SET spent_at = $2, voided = true
         WHERE session_id = $1 AND spent_at IS NULL",
    )
    .bind(session)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
