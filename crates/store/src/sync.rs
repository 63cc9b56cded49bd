//! The laptop's sync session: which server, who signed in, the refresh token that keeps
//! the session (never the password), how far the pull has come and the last outcome.

use chrono::{DateTime, Utc};
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_time, time_text};

/// The sync session as stored.
#[derive(Clone)]
pub struct SyncSession {
    /// The server's base address.
    pub server_url: String,
    /// Who signed in.
    pub username: String,
    /// The refresh token, spent and replaced at every sync.
    pub refresh_token: String,
    /// When it expires unused.
    pub refresh_expires_at: DateTime<Utc>,
    /// The last server sequence number applied here.
    pub pulled_through: i64,
    /// When the last sync finished.
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Why the last sync failed, if it did.
    pub last_error: Option<String>,
}

// The token is a secret: a debug print leaves it out.
impl std::fmt::Debug for SyncSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncSession")
            .field("server_url", &self.server_url)
            .field("username", &self.username)
            .field("pulled_through", &self.pulled_through)
            .field("last_sync_at", &self.last_sync_at)
            .field("last_error", &self.last_error)
            .finish_non_exhaustive()
    }
}

/// The session, if this database was ever connected to a server.
pub async fn session(conn: &mut SqliteConnection) -> Result<Option<SyncSession>, StoreError> {
    let Some(row) = sqlx::query(
        "SELECT server_url, username, refresh_token, refresh_expires_at, pulled_through, \
         last_sync_at, last_error FROM sync_session WHERE id = 1",
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let last: Option<String> = row.get("last_sync_at");
    Ok(Some(SyncSession {
        server_url: row.get("server_url"),
        username: row.get("username"),
        refresh_token: row.get("refresh_token"),
        refresh_expires_at: parse_time(row.get("refresh_expires_at"))?,
        pulled_through: row.get("pulled_through"),
        last_sync_at: last.as_deref().map(parse_time).transpose()?,
        last_error: row.get("last_error"),
    }))
}

/// Starts a session with a server (replacing any earlier one; the pull starts over when
/// the server changes).
pub async fn start(
    conn: &mut SqliteConnection,
    server_url: &str,
    username: &str,
    refresh_token: &str,
    refresh_expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sync_session (id, server_url, username, refresh_token, refresh_expires_at) \
         VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET \
         pulled_through = CASE WHEN server_url = ?1 THEN pulled_through ELSE 0 END, \
         server_url = ?1, username = ?2, refresh_token = ?3, refresh_expires_at = ?4, last_error = NULL",
    )
    .bind(server_url)
    .bind(username)
    .bind(refresh_token)
    .bind(time_text(refresh_expires_at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Keeps the refresh token the last refresh gave.
pub async fn rotate(
    conn: &mut SqliteConnection,
    refresh_token: &str,
    refresh_expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE sync_session SET refresh_token = ?, refresh_expires_at = ? WHERE id = 1")
        .bind(refresh_token)
        .bind(time_text(refresh_expires_at))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves the pull's cursor forward.
pub async fn pulled(conn: &mut SqliteConnection, through: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE sync_session SET pulled_through = max(pulled_through, ?) WHERE id = 1")
        .bind(through)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Records how the last sync ended: `None` for success.
pub async fn finished(
    conn: &mut SqliteConnection,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let query = match error {
        None => {
            sqlx::query("UPDATE sync_session SET last_sync_at = ?, last_error = NULL WHERE id = 1")
                .bind(time_text(now))
        }
        Some(e) => sqlx::query("UPDATE sync_session SET last_error = ? WHERE id = 1").bind(e),
    };
    query.execute(&mut *conn).await?;
    Ok(())
}

/// Forgets the session (signing out of sync); what was pulled stays.
pub async fn forget(conn: &mut SqliteConnection) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sync_session")
        .execute(&mut *conn)
        .await?;
    Ok(())
}
