//! What forms pick from: plans, risks, roles and customer segments.

use nimbo_domain::Lang;
use nimbo_domain::segment::Segment;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::users::{RoleView, all_roles};
use crate::actions::catalogue;
use crate::{AppError, Nimbo};

/// A code of the catalogue and its name in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CodeNameView {
    /// The code the UI sends back.
    pub code: String,
    /// The name shown.
    pub name: String,
}

/// The catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CatalogueView {
    /// The plans an offer may contract.
    pub plans: Vec<CodeNameView>,
    /// The risks a customer may accept.
    pub risks: Vec<CodeNameView>,
    /// The roles a user may hold.
    pub roles: Vec<RoleView>,
    /// The segments a customer may belong to.
    pub segments: Vec<CodeNameView>,
}

/// The segments, with their names.
pub fn segments(lang: Lang) -> Vec<CodeNameView> {
    Segment::ALL
        .iter()
        .map(|s| CodeNameView {
            code: s.id().to_string(),
            name: s.name(lang).to_string(),
        })
        .collect()
}

/// The catalogue in the user's language.
pub async fn catalogue(nimbo: &Nimbo, lang: Lang) -> Result<CatalogueView, AppError> {
    Ok(CatalogueView {
        plans: catalogue::plans(nimbo)
            .await?
            .into_iter()
            .map(|p| CodeNameView {
                code: p.code,
                name: p.name,
            })
            .collect(),
        risks: catalogue::risks(nimbo)
            .await?
            .into_iter()
            .map(|r| CodeNameView {
                code: r.code,
                name: match lang {
                    Lang::Es => r.name_es,
                    Lang::En => r.name_en,
                },
            })
            .collect(),
        roles: all_roles(lang),
        segments: segments(lang),
    })
}
