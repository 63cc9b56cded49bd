//! The organisation that uses Nimbo: the reseller whose name and RUC go on documents.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::customer::check_ruc;
use crate::problem::{FieldError, required_text};
use crate::ruc::Ruc;

/// The organisation's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Its name.
    pub name: String,
    /// Its RUC.
    pub ruc: Ruc,
    /// Whether this database holds demonstration data (it must never sync).
    pub demo: bool,
    /// When it was set up.
    pub created_at: DateTime<Utc>,
}

/// Validates an organisation's name and RUC as typed.
pub fn validate(
    name: &str,
    ruc: &str,
    demo: bool,
    now: DateTime<Utc>,
) -> Result<Organisation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = required_text(name, 200)
        .map_err(|p| {
            errors.push(FieldError::new(
                "org_name",
                "nombre de la organización",
                "organisation name",
                p,
            ))
        })
        .ok();
    let ruc = check_ruc(ruc)
        .map_err(|p| {
            errors.push(FieldError::new(
                "org_ruc",
                "RUC de la organización",
                "organisation RUC",
                p,
            ))
        })
        .ok();
    match (name, ruc) {
        (Some(name), Some(ruc)) => Ok(Organisation {
            name,
            ruc,
            demo,
            created_at: now,
        }),
        _ => Err(errors),
    }
}
