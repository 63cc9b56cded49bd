//! The `users` table: the login accounts sign-in reads and the user records the domain
//! decides operations with. The password hash is written only by
//! [`set_password_hash`] and [`set_password_hash_of`]; it never leaves this table but
//! through [`find_for_sign_in`].

use std::collections::BTreeSet;

use nimbo_domain::role::Role;
use nimbo_domain::user::User;
use sqlx::Row;
use sqlx::postgres::PgRow;
use uuid::Uuid;

use super::{Connection, Pool};
use crate::error::ServerError;

/// The columns [`user_of`] reads.
const USER: &str = "id, username, full_name, email, roles, active, created_at";

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

/// The users a statement selecting [`USER`] and then `tail` finds, with `bind` bound.
async fn users_where<T>(
    conn: &mut Connection,
    tail: &str,
    bind: T,
) -> Result<Vec<User>, ServerError>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send,
{
    // `tail` is a literal of this file, never input.
    let sql = format!("SELECT {USER} FROM users {tail}");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(bind)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(user_of).collect()
}

fn role_ids(roles: &BTreeSet<Role>) -> Vec<String> {
    roles.iter().map(|r| r.id().to_string()).collect()
}

/// Every user, by username.
pub async fn list(pool: &Pool) -> Result<Vec<User>, ServerError> {
    let rows = sqlx::query(
        "SELECT id, username, full_name, email, roles, active, created_at FROM users ORDER BY username",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(user_of).collect()
}

/// The user with that id, as the server holds them now.
pub async fn load(conn: &mut Connection, id: Uuid) -> Result<Option<User>, ServerError> {
    Ok(users_where(conn, "WHERE id = $1", id).await?.pop())
}

/// The user with that username, for an operation that names them.
pub async fn by_username(
    conn: &mut Connection,
    username: &str,
) -> Result<Option<User>, ServerError> {
    Ok(
        users_where(conn, "WHERE username = $1", username.to_string())
            .await?
            .pop(),
    )
}

/// Every user holding the role, active or not.
pub async fn holding(conn: &mut Connection, role: Role) -> Result<Vec<User>, ServerError> {
    users_where(conn, "WHERE $1 = ANY(roles)", role.id().to_string()).await
}

/// The user with that username and their password hash, for sign-in. A user that
/// reached the server from a laptop has no password yet: they cannot sign in until an
/// administrator sets one, and are not found here.
pub async fn find_for_sign_in(
    pool: &Pool,
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
        Some(row) => match row.try_get::<Option<String>, _>("password_hash")? {
            Some(hash) => Ok(Some((user_of(&row)?, hash))),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

/// Writes a user an applied operation created or changed: a new one has no password
/// (an administrator sets it on the server); an existing one keeps theirs.
pub async fn upsert(conn: &mut Connection, user: &User) -> Result<(), ServerError> {
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

/// Stores a new password's hash on the login account with that id.
pub async fn set_password_hash(
    conn: &mut Connection,
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

/// Stores a new password's hash on the login account with that username; its id, or
/// `None` when there is no such user.
pub async fn set_password_hash_of(
    conn: &mut Connection,
    username: &str,
    hash: &str,
) -> Result<Option<Uuid>, ServerError> {
    Ok(
        sqlx::query_scalar("UPDATE users SET password_hash = $2 WHERE username = $1 RETURNING id")
            .bind(username)
            .bind(hash)
            .fetch_optional(&mut *conn)
            .await?,
    )
}
