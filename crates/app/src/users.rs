//! Users and roles: who works in Nimbo and what each may do.

use nimbo_domain::DomainError;
use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use nimbo_store::{Connection, users as store};
use serde_json::json;
use uuid::Uuid;

use crate::error::invalid;
use crate::journal::{Entry, write_one};
use crate::organisation::require;
use crate::{AppError, Nimbo};

/// Reads the acting user, refusing an unknown one.
pub async fn actor(conn: &mut Connection, username: &str) -> Result<User, AppError> {
    if username.trim().is_empty() {
        return Err(AppError::NoActor);
    }
    require(conn).await?;
    store::by_username(conn, username.trim())
        .await?
        .ok_or_else(|| AppError::UnknownUser {
            username: username.trim().to_string(),
        })
}

/// Reads a user who is acted upon.
async fn target(conn: &mut Connection, username: &str) -> Result<User, AppError> {
    store::by_username(conn, username.trim())
        .await?
        .ok_or_else(|| AppError::UnknownUser {
            username: username.trim().to_string(),
        })
}

/// Every user.
pub async fn list(nimbo: &Nimbo) -> Result<Vec<User>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(store::all(&mut conn).await?)
}

/// One user.
pub async fn show(nimbo: &Nimbo, username: &str) -> Result<User, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    target(&mut conn, username).await
}

/// Signs a user in: they must exist and be active.
pub async fn sign_in(nimbo: &Nimbo, username: &str) -> Result<User, AppError> {
    let mut conn = nimbo.store().read().await?;
    let user = actor(&mut conn, username).await?;
    if !user.active {
        return Err(DomainError::UserInactive {
            username: user.username,
        }
        .into());
    }
    Ok(user)
}

/// Creates a user (admin only).
pub async fn add(nimbo: &Nimbo, by: &str, draft: &UserDraft) -> Result<User, AppError> {
    let mut tx = nimbo.store().begin().await?;
    let user = add_in(&mut tx, by, draft, nimbo.now()).await?;
    tx.commit().await?;
    Ok(user)
}

/// Creates a user inside the caller's transaction.
pub(crate) async fn add_in(
    tx: &mut Connection,
    by: &str,
    draft: &UserDraft,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<User, AppError> {
    let admin = actor(tx, by).await?;
    authorize(&admin, Action::ManageUsers)?;
    let user = draft.validate(Uuid::now_v7(), now).map_err(invalid)?;
    if store::by_username(tx, &user.username).await?.is_some() {
        return Err(AppError::UserExists {
            username: user.username,
        });
    }
    store::insert(tx, &user).await?;
    write_one(
        tx,
        now,
        Entry::command(
            &admin.username,
            EntityKind::User,
            user.id,
            json!({ "username": user.username, "full_name": user.full_name, "roles": user.roles }),
            Command::CreateUser { user: user.clone() },
        ),
    )
    .await?;
    Ok(user)
}

/// Grants or revokes a role (admin only); the last active administrator keeps theirs.
pub async fn set_role(
    nimbo: &Nimbo,
    by: &str,
    username: &str,
    role: Role,
    granted: bool,
) -> Result<User, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let admin = actor(&mut tx, by).await?;
    authorize(&admin, Action::ManageUsers)?;
    let mut user = target(&mut tx, username).await?;
    let had = user.roles.contains(&role);
    if had == granted {
        return Ok(user);
    }
    if !granted
        && role == Role::Admin
        && user.active
        && store::count_active_with_role(&mut tx, Role::Admin).await? <= 1
    {
        return Err(DomainError::LastAdmin {
            username: user.username,
        }
        .into());
    }
    if granted {
        user.roles.insert(role);
    } else {
        user.roles.remove(&role);
    }
    store::set_roles(&mut tx, &user.username, &user.roles).await?;
    let command = if granted {
        Command::GrantRole {
            username: user.username.clone(),
            role,
        }
    } else {
        Command::RevokeRole {
            username: user.username.clone(),
            role,
        }
    };
    write_one(
        &mut tx,
        now,
        Entry::command(
            &admin.username,
            EntityKind::User,
            user.id,
            json!({ "role": role }),
            command,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Activates or deactivates a user (admin only); the last active administrator stays.
pub async fn set_active(
    nimbo: &Nimbo,
    by: &str,
    username: &str,
    active: bool,
) -> Result<User, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let admin = actor(&mut tx, by).await?;
    authorize(&admin, Action::ManageUsers)?;
    let mut user = target(&mut tx, username).await?;
    if user.active == active {
        return Ok(user);
    }
    if !active
        && user.roles.contains(&Role::Admin)
        && store::count_active_with_role(&mut tx, Role::Admin).await? <= 1
    {
        return Err(DomainError::LastAdmin {
            username: user.username,
        }
        .into());
    }
    user.active = active;
    store::set_active(&mut tx, &user.username, active).await?;
    write_one(
        &mut tx,
        now,
        Entry::command(
            &admin.username,
            EntityKind::User,
            user.id,
            json!({ "active": active }),
            Command::SetUserActive {
                username: user.username.clone(),
                active,
            },
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}
