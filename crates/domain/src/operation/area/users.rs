//! Users and their roles: creating them, granting and revoking roles, activating and
//! deactivating them — never leaving the organisation without an active administrator.

use serde_json::json;

use crate::error::DomainError;
use crate::permission::Action;
use crate::role::Role;
use crate::user::{User, UserDraft};

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::{Area, Context, misrouted};

/// The users' commands.
pub(super) struct Users;

impl Area for Users {
    fn wanted(&self, command: &Command, _view: &dyn Records) -> Vec<RecordKey> {
        // Taking the role or the activity away from an administrator counts the others.
        let (username, counts_admins) = match command {
            Command::CreateUser { user } => (&user.username, false),
            Command::GrantRole { username, .. } => (username, false),
            Command::RevokeRole { username, role } => (username, *role == Role::Admin),
            Command::SetUserActive { username, active } => (username, !active),
            _ => return Vec::new(),
        };
        let mut keys = vec![RecordKey::User(username.clone())];
        if counts_admins {
            keys.push(RecordKey::Admins);
        }
        keys
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        let view = cx.view;
        Ok(match command {
            Command::CreateUser { user } => {
                if view.user(&user.username).is_some() {
                    return Err(Refusal::exists(EntityKind::User, &user.username));
                }
                let user = user_record(user)?;
                let changes = json!({ "username": user.username, "full_name": user.full_name,
                                      "roles": user.roles });
                Outcome::one(Record::User(user)).noting(changes)
            }
            Command::GrantRole { username, role } => {
                let mut user = user_of(view, username)?;
                user.roles.insert(*role);
                Outcome::one(Record::User(user)).noting(json!({ "role": role }))
            }
            Command::RevokeRole { username, role } => {
                let mut user = user_of(view, username)?;
                if *role == Role::Admin {
                    keep_an_admin(view, &user)?;
                }
                user.roles.remove(role);
                Outcome::one(Record::User(user)).noting(json!({ "role": role }))
            }
            Command::SetUserActive { username, active } => {
                let mut user = user_of(view, username)?;
                if !active {
                    keep_an_admin(view, &user)?;
                }
                user.active = *active;
                Outcome::one(Record::User(user)).noting(json!({ "active": active }))
            }
            _ => return Err(misrouted()),
        })
    }

    fn action(&self, _command: &Command) -> Option<Action> {
        Some(Action::ManageUsers)
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::GrantRole { .. } => "user.role_granted",
            Command::RevokeRole { .. } => "user.role_revoked",
            Command::SetUserActive { active: true, .. } => "user.activated",
            Command::SetUserActive { active: false, .. } => "user.deactivated",
            _ => "user.created",
        }
    }
}

/// A user as the laptop made them, checked by the domain's own validation.
pub(super) fn user_record(user: &User) -> Result<User, Refusal> {
    let draft = UserDraft {
        username: user.username.clone(),
        full_name: user.full_name.clone(),
        email: user.email.clone(),
        roles: user.roles.iter().copied().collect(),
    };
    let mut checked = draft
        .validate(user.id, user.created_at)
        .map_err(Refusal::invalid)?;
    checked.active = user.active;
    Ok(checked)
}

fn user_of(view: &dyn Records, username: &str) -> Result<User, Refusal> {
    view.user(username)
        .ok_or_else(|| Refusal::unknown(EntityKind::User, username))
}

fn keep_an_admin(view: &dyn Records, user: &User) -> Result<(), Refusal> {
    if user.active && user.roles.contains(&Role::Admin) && view.active_admins() <= 1 {
        return Err(DomainError::LastAdmin {
            username: user.username.clone(),
        }
        .into());
    }
    Ok(())
}
