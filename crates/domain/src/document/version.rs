//! A document version: the number, the data it was made from, and the PDF's hash.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::kind::DocumentKind;
use super::signature::{SignatureRecord, SignatureState};

/// One issued version of a document. The snapshot and the hashes never change once
/// written; only the signature record moves on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentVersion {
    /// The document (the same for all its versions; the QR code carries it).
    pub document_id: Uuid,
    /// The kind of document.
    pub kind: DocumentKind,
    /// The order it belongs to; for a process's document, the order its subscription
    /// came from.
    pub order_id: Uuid,
    /// The termination, suspension or reconnection it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_id: Option<Uuid>,
    /// The document's number (`KIT-7K3F-000123`).
    pub number: String,
    /// The version, from 1.
    pub version: u32,
    /// The canonical JSON of the data it was made from.
    pub snapshot: String,
    /// SHA-256 of the snapshot's canonical JSON.
    pub snapshot_sha256: String,
    /// SHA-256 of the PDF (kept with the attachments under this hash).
    pub pdf_sha256: String,
    /// Size of the PDF in bytes.
    pub size: u64,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// Who issued it.
    pub issued_by: String,
    /// Its signature record.
    pub signature: SignatureRecord,
}

/// Whether a version is the one in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    /// The latest version, not voided.
    Current,
    /// Voided (replaced by a newer version or withdrawn).
    Voided,
}

impl DocumentVersion {
    /// Whether the version was voided.
    pub fn is_voided(&self) -> bool {
        matches!(self.signature.state, SignatureState::Voided { .. })
    }

    /// The reason it was voided, if it was.
    pub fn void_reason(&self) -> Option<&str> {
        match &self.signature.state {
            SignatureState::Voided { reason } => Some(reason),
            _ => None,
        }
    }

    /// Current or voided.
    pub fn status(&self) -> VersionStatus {
        if self.is_voided() {
            VersionStatus::Voided
        } else {
            VersionStatus::Current
        }
    }
}

/// Reads a verification text `nimbo:doc:<id>:v<version>:sha256:<hex>` into its parts.
pub fn payload_of(text: &str) -> Option<(Uuid, u32, String)> {
    let rest = text.trim().strip_prefix("nimbo:doc:")?;
    let (id, rest) = rest.split_once(":v")?;
    let (version, hash) = rest.split_once(":sha256:")?;
    let id = Uuid::parse_str(id).ok()?;
    let version = version.parse::<u32>().ok()?;
    let hash = hash.trim();
    (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| (id, version, hash.to_ascii_lowercase()))
}
