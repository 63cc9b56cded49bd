//! View models for a user interface: what a screen shows, already in the user's language
//! (labels, step names, role names), with plain fields only (text, numbers, yes/no,
//! lists and nested views), so that the desktop shell passes them through untouched and
//! the UI's TypeScript types are generated from them. Inputs are the forms as typed.
//!
//! Each builder calls the use cases of this crate; no rule and no SQL lives here.
//! Instants are RFC 3339 strings in UTC (`2026-11-20T15:00:00Z`); days are `YYYY-MM-DD`.

pub mod billing;
pub mod catalogue;
pub mod catalogue_admin;
pub mod current_step;
pub mod customers;
pub mod document_actions;
pub mod documents;
pub mod history;
pub mod order_page;
pub mod orders;
pub mod organisation;
pub mod processes;
pub mod ruc;
pub mod session;
pub mod steps;
pub mod subscriptions;
pub mod sync;
pub mod users;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use nimbo_domain::Lang;
use nimbo_domain::problem::{FieldError, Problem};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::AppError;
use crate::error::invalid;

/// A language the interface is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Spanish (es-PY), the default.
    #[default]
    Es,
    /// English.
    En,
}

impl From<Language> for Lang {
    fn from(l: Language) -> Lang {
        match l {
            Language::Es => Lang::Es,
            Language::En => Lang::En,
        }
    }
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Language {
        match l {
            Lang::Es => Language::Es,
            Lang::En => Language::En,
        }
    }
}

/// An instant as the UI receives it: RFC 3339 in UTC, to the second.
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A calendar day as the UI receives it: `YYYY-MM-DD`.
pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A refusal of one value typed in a form, worded by the domain.
pub(crate) fn refuse(field: &str, es: &str, en: &str, problem: Problem) -> AppError {
    invalid(vec![FieldError::new(field, es, en, problem)])
}

/// The people of this Nimbo by username, to show their full names where a record keeps
/// only the username (a timeline, a history, a signature trail).
pub(crate) struct People(pub(crate) Vec<nimbo_domain::user::User>);

impl People {
    /// Reads every user, active or not (a former colleague still signed old records).
    pub(crate) async fn load(nimbo: &crate::Nimbo) -> Result<People, AppError> {
        Ok(People(crate::actions::users::list(nimbo).await?))
    }

    /// The full name of a username, or the username itself when no such user is known
    /// here (a record synced from a laptop whose user has not reached this one).
    pub(crate) fn name(&self, username: &str) -> String {
        self.0
            .iter()
            .find(|u| u.username == username)
            .map_or_else(|| username.to_string(), |u| u.full_name.clone())
    }
}

/// A label as a form or a list shows it: its first letter capitalised (the domain's
/// labels are written to sit inside a sentence); «id» becomes «ID».
pub(crate) fn label_case(label: &str) -> String {
    if let Some(rest) = label.strip_prefix("id ") {
        return format!("ID {rest}");
    }
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) use nimbo_domain::workflow::size_label;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_kb_and_mb_never_bytes() {
        assert_eq!(size_label(89, Lang::Es), "1 KB");
        assert_eq!(size_label(850_000, Lang::Es), "850 KB");
        assert_eq!(size_label(2_400_000, Lang::Es), "2,4 MB");
        assert_eq!(size_label(2_400_000, Lang::En), "2.4 MB");
    }

    #[test]
    fn labels_start_with_a_capital_and_ids_are_written_id() {
        assert_eq!(label_case("planes"), "Planes");
        assert_eq!(label_case("id de oportunidad APN"), "ID de oportunidad APN");
        assert_eq!(label_case("ñandutí"), "Ñandutí");
    }
}
