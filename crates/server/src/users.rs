//! The login accounts' passwords: set by the server's administrator only (a password
//! never travels), hashed with argon2id off the async threads, and every session of the
//! user closed when it changes. The user records themselves are written by applied
//! operations (a laptop's push, or [`crate::admin`]) through [`crate::postgres::users`].

use chrono::{DateTime, Utc};

use crate::error::ServerError;
use crate::password;
use crate::postgres::{Pool, sessions, users};

/// Sets a new password and closes every session the user had.
pub async fn set_password(
    pool: &Pool,
    username: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let hash = hash_off_thread(password).await?;
    let mut tx = pool.begin().await?;
    let id = users::set_password_hash_of(&mut tx, username, &hash)
        .await?
        .ok_or_else(|| ServerError::UserNotFound(username.to_string()))?;
    sessions::close_all_of(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Hashes a password on a blocking thread (argon2 takes a while on purpose).
pub(crate) async fn hash_off_thread(password: &str) -> Result<String, ServerError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| ServerError::Internal(format!("the hashing task failed: {e}")))?
}
