//! The server's users: who may sign in, with which password hash and roles. What the
//! administrator's commands (`nimbo-server user …`) and sign-in read and write.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
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

/// Adds a user with a password (hashed here) after the domain's checks of the draft.
pub async fn add(
    pool: &PgPool,
    draft: &UserDraft,
    password: &str,
    now: DateTime<Utc>,
) -> Result<User, ServerError> {
    let user = draft.validate(Uuid::now_v7(), now).map_err(|errors| {
        ServerError::InvalidUser(
            errors
                .iter()
                .map(|e| e.message(nimbo_domain::Lang::Es))
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let hash = hash_off_thread(password).await?;
    let inserted = sqlx::query(
        "INSERT INTO users (id, username, full_name, email, password_hash, roles, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, true, $7)
         ON CONFLICT (username) DO NOTHING",
    )
    .bind(user.id)
    .bind(&user.username)
    .bind(&user.full_name)
    .bind(&user.email)
    .bind(&hash)
    .bind(role_ids(&user.roles))
    .bind(user.created_at)
    .execute(pool)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ServerError::UserExists(user.username));
    }
    Ok(user)
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
    sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Grants a role (granting one already held changes nothing).
pub async fn grant(pool: &PgPool, username: &str, role: Role) -> Result<User, ServerError> {
    change_roles(pool, username, |roles| {
        roles.insert(role);
    })
    .await
}

/// Revokes a role (revoking one not held changes nothing).
pub async fn revoke(pool: &PgPool, username: &str, role: Role) -> Result<User, ServerError> {
    change_roles(pool, username, |roles| {
        roles.remove(&role);
    })
    .await
}

async fn change_roles(
    pool: &PgPool,
    username: &str,
    change: impl FnOnce(&mut BTreeSet<Role>),
) -> Result<User, ServerError> {
    let mut tx = pool.begin().await?;
    let row = sqlx::query(
        "SELECT id, username, full_name, email, roles, active, created_at FROM users
         WHERE username = $1 FOR UPDATE",
    )
    .bind(username)
    .fetch_optional(&mut *tx)
    .await?;
    let mut user = match row {
        Some(row) => user_of(&row)?,
        None => return Err(ServerError::UserNotFound(username.to_string())),
    };
    change(&mut user.roles);
    sqlx::query("UPDATE users SET roles = $2 WHERE id = $1")
        .bind(user.id)
        .bind(role_ids(&user.roles))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(user)
}

async fn hash_off_thread(password: &str) -> Result<String, ServerError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| ServerError::Internal(format!("the hashing task failed: {e}")))?
}
