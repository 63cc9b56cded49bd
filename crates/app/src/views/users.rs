//! The people who work in Nimbo, as the users screen and the sign-in list show them.

use nimbo_domain::Lang;
use nimbo_domain::problem::Problem;
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::refuse;
use crate::actions::users;
use crate::{AppError, Nimbo};

/// A role: its id (what the UI sends back) and its name in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RoleView {
    /// The id, e.g. `kam`.
    pub id: String,
    /// The name, e.g. «Ejecutivo comercial».
    pub name: String,
}

/// A user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct UserView {
    /// The sign-in name.
    pub username: String,
    /// The full name.
    pub full_name: String,
    /// The e-mail, if recorded.
    pub email: Option<String>,
    /// The roles held, in the order of the procedure.
    pub roles: Vec<RoleView>,
    /// Whether the user may still act.
    pub active: bool,
}

/// A new user, as typed by an administrator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct UserInput {
    /// The sign-in name: lowercase letters, digits, `.`, `-`, `_`.
    pub username: String,
    /// The full name.
    pub full_name: String,
    /// The e-mail, optional.
    #[serde(default)]
    pub email: Option<String>,
    /// Role ids, e.g. `["kam"]`.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// A role's view.
pub fn role_view(role: Role, lang: Lang) -> RoleView {
    RoleView {
        id: role.id().to_string(),
        name: role.name(lang).to_string(),
    }
}

/// Every role, in the order of the procedure.
pub fn all_roles(lang: Lang) -> Vec<RoleView> {
    Role::ALL.iter().map(|r| role_view(*r, lang)).collect()
}

/// A user's view.
pub fn user_view(user: &User, lang: Lang) -> UserView {
    UserView {
        username: user.username.clone(),
        full_name: user.full_name.clone(),
        email: user.email.clone(),
        roles: user.roles.iter().map(|r| role_view(*r, lang)).collect(),
        active: user.active,
    }
}

/// Reads a role id as typed, refusing an unknown one with the list of known ids.
pub fn parse_role(text: &str) -> Result<Role, AppError> {
    text.parse().map_err(|_| {
        refuse(
            "role",
            "rol",
            "role",
            Problem::NotInCatalogue {
                given: text.trim().to_string(),
                known: Role::ALL.iter().map(|r| r.id().to_string()).collect(),
            },
        )
    })
}

/// Every user.
pub async fn list(nimbo: &Nimbo, lang: Lang) -> Result<Vec<UserView>, AppError> {
    Ok(users::list(nimbo)
        .await?
        .iter()
        .map(|u| user_view(u, lang))
        .collect())
}

/// Creates a user (administrators only).
pub async fn add(
    nimbo: &Nimbo,
    by: &str,
    input: &UserInput,
    lang: Lang,
) -> Result<UserView, AppError> {
    let roles = input
        .roles
        .iter()
        .map(|r| parse_role(r))
        .collect::<Result<Vec<_>, _>>()?;
    let draft = UserDraft {
        username: input.username.clone(),
        full_name: input.full_name.clone(),
        email: input.email.clone().filter(|e| !e.trim().is_empty()),
        roles,
    };
    Ok(user_view(&users::add(nimbo, by, &draft).await?, lang))
}

/// Grants or revokes a role (administrators only).
pub async fn set_role(
    nimbo: &Nimbo,
    by: &str,
    username: &str,
    role: &str,
    granted: bool,
    lang: Lang,
) -> Result<UserView, AppError> {
    let role = parse_role(role)?;
    let user = users::set_role(nimbo, by, username, role, granted).await?;
    Ok(user_view(&user, lang))
}

/// Activates or deactivates a user (administrators only).
pub async fn set_active(
    nimbo: &Nimbo,
    by: &str,
    username: &str,
    active: bool,
    lang: Lang,
) -> Result<UserView, AppError> {
    let user = users::set_active(nimbo, by, username, active).await?;
    Ok(user_view(&user, lang))
}
