//! The languages a user reads Nimbo in: Spanish (es-PY) first, English second.

use serde::{Deserialize, Serialize};

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish as spoken in Paraguay: the default.
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// Picks the text written for this language.
    pub fn pick<'a>(self, es: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Es => es,
            Lang::En => en,
        }
    }

    /// Reads a language code such as `es`, `es-PY` or `en`; anything else is Spanish.
    pub fn from_code(code: &str) -> Lang {
        if code.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Es
        }
    }
}
