//! The people who use Nimbo and the roles they hold. The customer is never a user.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::problem::{FieldError, Problem, email, required_text};
use crate::role::Role;

/// A person who works in Nimbo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Stable id.
    pub id: Uuid,
    /// The short name they sign in with; never changes.
    pub username: String,
    /// Their full name, as printed on documents.
    pub full_name: String,
    /// Their e-mail address, if recorded.
    pub email: Option<String>,
    /// The roles they hold.
    pub roles: BTreeSet<Role>,
    /// Whether they may still act.
    pub active: bool,
    /// When the user was created.
    pub created_at: DateTime<Utc>,
}

impl User {
    /// Whether the user holds any of the roles.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.roles.contains(r))
    }
}

/// What a new user is made of, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserDraft {
    /// The sign-in name.
    pub username: String,
    /// The full name.
    pub full_name: String,
    /// The e-mail address, optional.
    pub email: Option<String>,
    /// The roles.
    pub roles: Vec<Role>,
}

/// Checks a username: 2 to 32 lowercase letters, digits, `.`, `-` or `_`, starting with a letter.
pub fn check_username(value: &str) -> Result<String, Problem> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Problem::Required);
    }
    let ok = (2..=32).contains(&v.len())
        && v.starts_with(|c: char| c.is_ascii_lowercase())
        && v.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
        });
    if ok {
        Ok(v.to_string())
    } else {
        Err(Problem::BadShape {
            given: v.to_string(),
            expected_es: "2 a 32 minúsculas, dígitos, punto, guion o guion bajo, empezando por una letra",
            expected_en: "2 to 32 lowercase letters, digits, dot, hyphen or underscore, starting with a letter",
            example: "ana.benitez",
        })
    }
}

impl UserDraft {
    /// Validates the draft into a user, reporting every field's problem at once.
    pub fn validate(&self, id: Uuid, now: DateTime<Utc>) -> Result<User, Vec<FieldError>> {
        let mut errors = Vec::new();
        let username = check_username(&self.username)
            .map_err(|p| errors.push(FieldError::new("username", "usuario", "username", p)))
            .ok();
        let full_name = required_text(&self.full_name, 120)
            .map_err(|p| {
                errors.push(FieldError::new(
                    "full_name",
                    "nombre completo",
                    "full name",
                    p,
                ))
            })
            .ok();
        let email = match self.email.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(e) => email(e)
                .map_err(|p| errors.push(FieldError::new("email", "correo", "e-mail", p)))
                .ok(),
        };
        match (username, full_name) {
            (Some(username), Some(full_name)) if errors.is_empty() => Ok(User {
                id,
                username,
                full_name,
                email,
                roles: self.roles.iter().copied().collect(),
                active: true,
                created_at: now,
            }),
            _ => Err(errors),
        }
    }
}
