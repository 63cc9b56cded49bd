//! The RUC check a form runs as the user types.

use nimbo_domain::ruc::{Ruc, RucError};
use nimbo_domain::{ErrorCode, Lang};
use serde::{Deserialize, Serialize};
use specta::Type;

/// What the RUC check says about a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RucCheckView {
    /// Whether the text is a valid RUC.
    pub valid: bool,
    /// The RUC as Nimbo writes it (`BASE-D`, no dots), when valid.
    pub normalized: Option<String>,
    /// The check digit the base calls for, when the typed one is wrong.
    pub expected_digit: Option<u8>,
    /// Why it is invalid, when it is: a malformed RUC or a wrong check digit.
    pub code: Option<ErrorCode>,
    /// What to tell the user, in their language.
    pub message: String,
}

/// Checks a RUC as typed.
pub fn check_ruc(text: &str, lang: Lang) -> RucCheckView {
    match text.parse::<Ruc>() {
        Ok(ruc) => RucCheckView {
            valid: true,
            message: match lang {
                Lang::Es => format!("RUC {ruc} válido"),
                Lang::En => format!("RUC {ruc} is valid"),
            },
            normalized: Some(ruc.to_string()),
            expected_digit: None,
            code: None,
        },
        Err(e) => RucCheckView {
            valid: false,
            normalized: None,
            expected_digit: match &e {
                RucError::WrongCheckDigit { expected, .. } => Some(*expected),
                RucError::Malformed(_) => None,
            },
            code: Some(e.code()),
            message: e.message(lang),
        },
    }
}
