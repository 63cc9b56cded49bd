//! Users and their roles.

use std::collections::BTreeSet;

use nimbo_domain::role::Role;
use nimbo_domain::user::User;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_time, parse_uuid, time_text};

fn roles_of(text: Option<String>) -> BTreeSet<Role> {
    text.unwrap_or_default()
        .split(',')
        .filter_map(|r| r.parse().ok())
        .collect()
}

fn from_row(row: &SqliteRow) -> Result<User, StoreError> {
    Ok(User {
        id: parse_uuid(row.get("id"))?,
        username: row.get("username"),
        full_name: row.get("full_name"),
        email: row.get("email"),
        roles: roles_of(row.get("roles")),
        active: row.get::<i64, _>("active") != 0,
        created_at: parse_time(row.get("created_at"))?,
    })
}

const SELECT: &str = "SELECT u.id, u.username, u.full_name, u.email, u.active, u.created_at, \
     (SELECT group_concat(role) FROM user_roles r WHERE r.username = u.username) AS roles FROM users u";

/// Reads a user by username.
pub async fn by_username(
    conn: &mut SqliteConnection,
    username: &str,
) -> Result<Option<User>, StoreError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE u.username = ?"
    )))
    .bind(username)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every user, by username.
pub async fn all(conn: &mut SqliteConnection) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY u.username")))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Writes a user in the state given, with its roles, whether or not this database holds
/// it yet (a user replayed from another laptop). The username is the key, as everywhere.
pub async fn upsert(conn: &mut SqliteConnection, user: &User) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO users (id, username, full_name, email, active, created_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (username) DO UPDATE SET id = excluded.id, full_name = excluded.full_name, \
         email = excluded.email, active = excluded.active, created_at = excluded.created_at",
    )
    .bind(user.id.to_string())
    .bind(&user.username)
    .bind(&user.full_name)
    .bind(&user.email)
    .bind(i64::from(user.active))
    .bind(time_text(user.created_at))
    .execute(&mut *conn)
    .await?;
    set_roles(conn, &user.username, &user.roles).await
}

/// Every active administrator, by username.
pub async fn active_admins(conn: &mut SqliteConnection) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE u.active = 1 AND EXISTS \
         (SELECT 1 FROM user_roles r WHERE r.username = u.username AND r.role = ?) ORDER BY u.username"
    )))
    .bind(Role::Admin.id())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Replaces a user's roles.
pub async fn set_roles(
    conn: &mut SqliteConnection,
    username: &str,
    roles: &BTreeSet<Role>,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM user_roles WHERE username = ?")
        .bind(username)
        .execute(&mut *conn)
        .await?;
    for role in roles {
        sqlx::query("INSERT INTO user_roles (username, role) VALUES (?, ?)")
            .bind(username)
            .bind(role.id())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
