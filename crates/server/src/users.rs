//! The server's users: who may sign in, with which password hash and roles — the login
//! accounts sign-in reads, and the user records the domain decides operations with
//! (written by applied operations: a laptop's push, or the administrator's commands
//! through [`crate::admin`]). Only the password is set here alone: it never travels.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use nimbo_domain::role::Role;
use nimbo_domain::user::User;
use sqlx::PgPool;
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};
use uuid::Uuid;

use crate::error::ServerError;
use crate::password;

fn user_of(row: &PgRow) -> Result<User, ServerError> {
    let roles: Vec<String> = row.try_get("roles")?;
    let roles = roles
        .iter()
        .map(|r| r.parse::<Role>())
        .collect::<Result<BTreeSet<Role>, _>>()
        .map_err(|e| ServerError::Internal(format!("a stored role is unknown: {e}")))?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        full_name: row.try_get("full_name")?,
        email: row.try_get("email")?,
        roles,
        active: row.try_get("active")?,
        created_at: row.try_get("created_at")?,
    })
}

fn role_ids(roles: &BTreeSet<Role>) -> Vec<String> {
    roles.iter().map(|r| r.id().to_string()).collect()
}

/// Every user, by username.
pub async fn list(pool: &PgPool) -> Result<Vec<User>, ServerError> {
    let rows = sqlx::query(
        "SELECT id, username, full_name, email, roles, active, created_at FROM users ORDER BY username",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(user_of).collect()
}

/// The user with that id, as the server holds them now.
pub async fn load(conn: &mut PgConnection, id: Uuid) -> Result<Option<User>, ServerError> {
    let row = sqlx::query(
        "SELECT id, username, full_name, email, roles, active, created_at FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(user_of).transpose()
}

/// The user with that username and their password hash, for sign-in.
pub async fn find_for_sign_in(
    pool: &PgPool,
    username: &str,
) -> Result<Option<(User, String)>, ServerError> {
    let row = sqlx::query(
        "SELECT id, username, full_name, email, roles, active, created_at, password_hash
         FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(pool)
    .await?;
    match row {
        // A user that reached the server from a laptop has no password yet: they cannot
        // sign in until an administrator sets one.
        Some(row) => match row.try_get::<Option<String>, _>("password_hash")? {
            Some(hash) => Ok(Some((user_of(&row)?, hash))),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

/// The user with that username, for an operation that names them.
pub async fn by_username(
    conn: &mut PgConnection,
    username: &str,
) -> Result<Option<User>, ServerError> {
    let row = sqlx::query(
        "SELECT id, username, full_name, email, roles, active, created_at FROM users WHERE username = $1",
    )
    .bind(username)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(user_of).transpose()
}

/// Every user holding the administrator role, active or not.
pub async fn admins(conn: &mut PgConnection) -> Result<Vec<User>, ServerError> {
    let rows = sqlx::query(
        "SELECT id, username, full_name, email, roles, active, created_at FROM users
         WHERE 'admin' = ANY(roles)",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(user_of).collect()
}

/// Writes a user an applied operation created or changed: a new one has no password
/// (an administrator sets it on the server); an existing one keeps theirs.
pub async fn upsert(conn: &mut PgConnection, user: &User) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO users (id, username, full_name, email, password_hash, roles, active, created_at)
         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7)
         ON CONFLICT (username) DO UPDATE
         SET full_name = EXCLUDED.full_name, email = EXCLUDED.email, roles = EXCLUDED.roles,
             active = EXCLUDED.active",
    )
    .bind(user.id)
    .bind(&user.username)
    .bind(&user.full_name)
    .bind(&user.email)
    .bind(role_ids(&user.roles))
    .bind(user.active)
    .bind(user.created_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sets a new password and closes every session the user had.
pub async fn set_password(
    pool: &PgPool,
    username: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let hash = hash_off_thread(password).await?;
    let mut tx = pool.begin().await?;
    let id: Option<Uuid> =
        sqlx::query_scalar("UPDATE users SET password_hash = $2 WHERE username = $1 RETURNING id")
            .bind(username)
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;
    let id = id.ok_or_else(|| ServerError::UserNotFound(username.to_string()))?;
    close_sessions(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Stores a new password's hash on the login account.
pub(crate) async fn set_password_hash(
    conn: &mut PgConnection,
    id: Uuid,
    hash: &str,
) -> Result<(), ServerError> {
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Closes every session the user has open: their tokens stop working at once.
pub(crate) async fn close_sessions(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Hashes a password on a blocking thread (argon2 takes a while on purpose).
pub(crate) async fn hash_off_thread(password: &str) -> Result<String, ServerError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| ServerError::Internal(format!("the hashing task failed: {e}")))?
}
