//! What the app does to an order's or a process's documents — generate, send, sign in
//! person, attach a signed copy, record a refusal, void — each answering with the
//! documents of that order or process as they stand afterwards.

use chrono::NaiveDate;
use nimbo_domain::Lang;
use nimbo_domain::problem::Problem;

use super::documents::{OrderDocumentsView, channel_of, documents_after, kind_of, party_of};
use super::refuse;
use super::steps::{FileInput, upload};
use crate::actions::documents;
use crate::{AppError, Nimbo};

/// Generates a document of the order (a new version only when its data changed).
pub async fn generate(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: &str,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    documents::generate(nimbo, by, number, kind_of(kind)?).await?;
    documents_after(nimbo, number, kind_of(kind)?, Some(by), lang).await
}

/// Records that the latest version was sent, with an optional expiry day (`YYYY-MM-DD`).
pub async fn send(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: &str,
    channel: &str,
    expires_on: Option<&str>,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    let expires_on = match expires_on.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(text) => Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            refuse(
                "expires_on",
                "vence el",
                "expires on",
                Problem::NotADate {
                    given: text.to_string(),
                },
            )
        })?),
    };
    documents::send(
        nimbo,
        by,
        number,
        kind_of(kind)?,
        channel_of(channel)?,
        expires_on,
    )
    .await?;
    documents_after(nimbo, number, kind_of(kind)?, Some(by), lang).await
}

/// Records a signature drawn on this computer (a PNG) by one signer.
pub async fn sign_in_person(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: &str,
    party: &str,
    drawing: &FileInput,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    let (kind, party) = (kind_of(kind)?, party_of(party)?);
    documents::sign_in_person(nimbo, by, number, kind, party, upload(drawing)?).await?;
    documents_after(nimbo, number, kind, Some(by), lang).await
}

/// Attaches a signed copy (scanned or digitally signed PDF) carrying these signers'
/// signatures.
pub async fn attach_signed(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: &str,
    parties: &[String],
    copy: &FileInput,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    let kind = kind_of(kind)?;
    let parties = parties
        .iter()
        .map(|p| party_of(p))
        .collect::<Result<Vec<_>, _>>()?;
    documents::attach_signed(nimbo, by, number, kind, &parties, upload(copy)?).await?;
    documents_after(nimbo, number, kind, Some(by), lang).await
}

/// Records that a signer refused to sign, and why.
pub async fn decline(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: &str,
    party: &str,
    reason: &str,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    let (kind, party) = (kind_of(kind)?, party_of(party)?);
    documents::decline(nimbo, by, number, kind, party, reason).await?;
    documents_after(nimbo, number, kind, Some(by), lang).await
}

/// Voids the latest version, with the reason.
pub async fn void(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: &str,
    reason: &str,
    lang: Lang,
) -> Result<OrderDocumentsView, AppError> {
    documents::void(nimbo, by, number, kind_of(kind)?, reason).await?;
    documents_after(nimbo, number, kind_of(kind)?, Some(by), lang).await
}
