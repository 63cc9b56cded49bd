//! The server administrator's changes to users (`nimbo-server user add|grant|revoke|
//! activate|deactivate`) as operations the server authors: each is the command a laptop's
//! administrator would send (`CreateUser`, `GrantRole`, `RevokeRole`, `SetUserActive`),
//! decided by the domain's own `apply` as the synthetic
//! [`server_administrator`] against the records the push reads ([`PushState`]), given the
//! next number of the pull sequence under the push's lock ([`sequence`]), stored with its
//! answer ([`answered`]) — and the login account changed with it, in one transaction. So
//! laptops replay users and roles made on the server like any other operation, and the
//! server's own view of a user is the one its pushes decide with.
//!
//! A refusal of the domain (the last administrator losing the role, an unknown user, a
//! username the rule refuses) changes nothing and uses no sequence number. A change that
//! changes nothing (granting a role already held) writes no operation either.
//!
//! Passwords never travel: they are set on the login account only, here at `add` and by
//! [`crate::users::set_password`].

use chrono::{DateTime, Utc};
use nimbo_domain::operation::{
    Command, EntityKind, Operation, Record, RecordKey, Refusal, apply, server_administrator,
};
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use nimbo_domain::{DomainError, Lang};
use uuid::Uuid;

use crate::answered;
use crate::error::ServerError;
use crate::postgres::operations::Rows;
use crate::postgres::{Connection, Pool, sequence, sessions};
use crate::state::PushState;
use crate::users::hash_off_thread;
use crate::wire::Answer;

/// A user as an administrator's command left them.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// The user now.
    pub user: User,
    /// The operation's place in the pull sequence; `None` when nothing changed (and no
    /// operation was written).
    pub seq: Option<i64>,
}

/// Adds a user with a password: a `CreateUser` by the server.
pub async fn add_user(
    pool: &Pool,
    draft: &UserDraft,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Changed, ServerError> {
    let user = draft
        .validate(Uuid::now_v7(), now)
        .map_err(|errors| invalid(&errors))?;
    // Hashed before the sequence is locked: argon2 takes a while, pushes should not wait.
    let hash = hash_off_thread(password).await?;
    let mut tx = pool.begin().await?;
    let username = user.username.clone();
    let changed = author(&mut tx, &username, Command::CreateUser { user }, now).await?;
    crate::postgres::users::set_password_hash(&mut tx, changed.user.id, &hash).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Grants a role: a `GrantRole` by the server (none when the user holds it already).
pub async fn grant(
    pool: &Pool,
    username: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Changed, ServerError> {
    let command = Command::GrantRole {
        username: username.to_string(),
        role,
    };
    one_change(pool, username, command, now).await
}

/// Revokes a role: a `RevokeRole` by the server (none when the user does not hold it).
pub async fn revoke(
    pool: &Pool,
    username: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Changed, ServerError> {
    let command = Command::RevokeRole {
        username: username.to_string(),
        role,
    };
    one_change(pool, username, command, now).await
}

/// Activates or deactivates a user: a `SetUserActive` by the server. Deactivating closes
/// every session the user had, so their laptops stop syncing at once.
pub async fn set_active(
    pool: &Pool,
    username: &str,
    active: bool,
    now: DateTime<Utc>,
) -> Result<Changed, ServerError> {
    let mut tx = pool.begin().await?;
    let command = Command::SetUserActive {
        username: username.to_string(),
        active,
    };
    let changed = author(&mut tx, username, command, now).await?;
    if !active {
        sessions::close_all_of(&mut tx, changed.user.id, now).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Decides one command about a user in a transaction of its own.
async fn one_change(
    pool: &Pool,
    username: &str,
    command: Command,
    now: DateTime<Utc>,
) -> Result<Changed, ServerError> {
    let mut tx = pool.begin().await?;
    let changed = author(&mut tx, username, command, now).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Decides `command` about the user `username` as the server's administrator and, when
/// the domain applies it and it changes the user, writes the user, the operation with
/// its answer and the sequence number in the caller's transaction.
async fn author(
    tx: &mut Connection,
    username: &str,
    command: Command,
    now: DateTime<Utc>,
) -> Result<Changed, ServerError> {
    // First the lock: no push may change the users between this read and the write.
    let last = sequence::lock(tx).await?;
    let mut records = PushState::default();
    records
        .load(tx, &[RecordKey::User(username.to_string())])
        .await?;
    let before = records.user(username);
    let entity_id = match &command {
        Command::CreateUser { user } => user.id,
        // An unknown user is refused by the domain below; the id is then never written.
        _ => before.as_ref().map_or(Uuid::nil(), |u| u.id),
    };
    let op = Operation::by_server(Uuid::now_v7(), now, EntityKind::User, entity_id, command);
    records.load_for(tx, &op).await?;
    let outcome = apply(&op, &server_administrator(), records.view()).map_err(refused)?;
    let user = outcome
        .records
        .iter()
        .find_map(|record| match record {
            Record::User(user) if user.username == username => Some(user.clone()),
            _ => None,
        })
        .ok_or_else(|| {
            ServerError::Internal(format!("the command about {username} wrote no user"))
        })?;
    if before.as_ref() == Some(&user) {
        return Ok(Changed { user, seq: None });
    }
    let seq = last + 1;
    records.absorb(&outcome, seq);
    records.flush(tx).await?;
    let mut rows = Rows::default();
    rows.push(
        &op,
        &answered::content_sha256(&op)?,
        &Answer::Applied { seq },
    )?;
    rows.insert(tx, None, now).await?;
    sequence::advance(tx, seq).await?;
    Ok(Changed {
        user,
        seq: Some(seq),
    })
}

/// The domain's field errors of a user as one refusal.
fn invalid(errors: &[nimbo_domain::problem::FieldError]) -> ServerError {
    ServerError::InvalidUser(
        errors
            .iter()
            .map(|e| e.message(Lang::Es))
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// The domain's refusal as the administrator reads it at the server's command line.
fn refused(refusal: Refusal) -> ServerError {
    match refusal {
        Refusal::UnknownRecord {
            kind: EntityKind::User,
            key,
        } => ServerError::UserNotFound(key),
        Refusal::RecordExists {
            kind: EntityKind::User,
            key,
        } => ServerError::UserExists(key),
        Refusal::Domain(DomainError::InvalidFields { errors }) => invalid(&errors),
        other => ServerError::Refused {
            code: other.code(),
            message: other.message(Lang::Es),
        },
    }
}
