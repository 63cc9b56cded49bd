//! Users and roles: who works in Nimbo and what each may do.

use nimbo_domain::DomainError;
use nimbo_domain::operation::{Command, EntityKind, Record};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use nimbo_store::{Connection, users as store};
use uuid::Uuid;

use crate::context::{actor, require};
use crate::error::invalid;
use crate::journal::{Change, act, written};
use crate::{AppError, Nimbo};

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
    // Asked first so that someone who may not add users is told so before any typo.
    authorize(&admin, Action::ManageUsers)?;
    let user = draft.validate(Uuid::now_v7(), now).map_err(invalid)?;
    let command = Command::CreateUser { user: user.clone() };
    act(
        tx,
        now,
        Change::command(&admin, EntityKind::User, user.id, command),
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
    change_user(nimbo, by, username, |user| {
        (user.roles.contains(&role) != granted).then(|| {
            let username = user.username.clone();
            if granted {
                Command::GrantRole { username, role }
            } else {
                Command::RevokeRole { username, role }
            }
        })
    })
    .await
}

/// Activates or deactivates a user (admin only); the last active administrator stays.
pub async fn set_active(
    nimbo: &Nimbo,
    by: &str,
    username: &str,
    active: bool,
) -> Result<User, AppError> {
    change_user(nimbo, by, username, |user| {
        (user.active != active).then(|| Command::SetUserActive {
            username: user.username.clone(),
            active,
        })
    })
    .await
}

/// A command on the user with that username, decided and written in one transaction;
/// `None` from `command` means there is nothing to change, and nothing is written.
async fn change_user(
    nimbo: &Nimbo,
    by: &str,
    username: &str,
    command: impl FnOnce(&User) -> Option<Command>,
) -> Result<User, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let admin = actor(&mut tx, by).await?;
    authorize(&admin, Action::ManageUsers)?;
    let user = target(&mut tx, username).await?;
    let Some(command) = command(&user) else {
        return Ok(user);
    };
    let change = Change::command(&admin, EntityKind::User, user.id, command);
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    written(outcome, "user", |record| match record {
        Record::User(user) => Some(user),
        _ => None,
    })
}
