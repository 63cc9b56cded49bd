//! The append-only trail of a document's signature events: issued, sent, signed,
//! declined, voided, expired — with who, when and the hash of the file involved.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::lang::Lang;

use super::signer::Party;

/// What happened to a document version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureEventKind {
    /// Issued (generated).
    Issued,
    /// Sent to its signers.
    Sent,
    /// A signer signed.
    Signed,
    /// A signer refused to sign.
    Declined,
    /// Voided.
    Voided,
    /// Expired unsigned.
    Expired,
}

impl SignatureEventKind {
    /// The id used in storage.
    pub fn id(self) -> &'static str {
        match self {
            SignatureEventKind::Issued => "issued",
            SignatureEventKind::Sent => "sent",
            SignatureEventKind::Signed => "signed",
            SignatureEventKind::Declined => "declined",
            SignatureEventKind::Voided => "voided",
            SignatureEventKind::Expired => "expired",
        }
    }

    /// The kind from its storage id.
    pub fn from_id(id: &str) -> Option<SignatureEventKind> {
        [
            SignatureEventKind::Issued,
            SignatureEventKind::Sent,
            SignatureEventKind::Signed,
            SignatureEventKind::Declined,
            SignatureEventKind::Voided,
            SignatureEventKind::Expired,
        ]
        .into_iter()
        .find(|k| k.id() == id)
    }

    /// The event's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            SignatureEventKind::Issued => lang.pick("emitido", "issued"),
            SignatureEventKind::Sent => lang.pick("enviado", "sent"),
            SignatureEventKind::Signed => lang.pick("firmado", "signed"),
            SignatureEventKind::Declined => lang.pick("rechazado", "declined"),
            SignatureEventKind::Voided => lang.pick("anulado", "voided"),
            SignatureEventKind::Expired => lang.pick("vencido", "expired"),
        }
    }
}

/// One event of a version's signature trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureEvent {
    /// Its id.
    pub id: Uuid,
    /// The document.
    pub document_id: Uuid,
    /// The version.
    pub version: u32,
    /// When.
    pub at: DateTime<Utc>,
    /// Who recorded it.
    pub actor: String,
    /// What happened.
    pub kind: SignatureEventKind,
    /// The signer concerned, for signatures and refusals.
    pub party: Option<Party>,
    /// A detail in words (channel, reason, method).
    pub detail: String,
    /// The file the event carries: the issued PDF, a signed copy or a signed rendering.
    pub pdf_sha256: Option<String>,
    /// For a rendering signed in the app: the SHA-256 of its snapshot (its QR code's).
    pub snapshot_sha256: Option<String>,
}
