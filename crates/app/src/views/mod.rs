//! View models for a user interface: what a screen shows, already in the user's language
//! (labels, step names, role names), with plain fields only (text, numbers, yes/no,
//! lists and nested views), so that the desktop shell passes them through untouched and
//! the UI's TypeScript types are generated from them. Inputs are the forms as typed.
//!
//! Each builder calls the use cases of this crate; no rule and no SQL lives here.
//! Instants are RFC 3339 strings in UTC (`2026-11-20T15:00:00Z`); days are `YYYY-MM-DD`.

pub mod catalogue;
pub mod customers;
pub mod document_actions;
pub mod documents;
pub mod history;
pub mod order_page;
pub mod orders;
pub mod organisation;
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
