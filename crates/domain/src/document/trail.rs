//! The words and hashes of each signature-trail event, before it is stamped with its id,
//! time and author: the one rule both the laptop that acts and a laptop that replays the
//! action from the server follow, so the two trails read alike.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::lang::Lang;
use crate::order::AttachmentRef;

use super::channel::Channel;
use super::event::{SignatureEvent, SignatureEventKind};
use super::kind::DocumentKind;
use super::signer::Party;

/// A trail event of one version, not yet stamped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailEvent {
    /// The document.
    pub document_id: Uuid,
    /// The version.
    pub version: u32,
    /// What happened.
    pub kind: SignatureEventKind,
    /// The signer concerned, for signatures and refusals.
    pub party: Option<Party>,
    /// A detail in words (Spanish, as the trail keeps it).
    pub detail: String,
    /// The file the event carries.
    pub pdf_sha256: Option<String>,
    /// For a rendering signed in the app: its snapshot's SHA-256.
    pub snapshot_sha256: Option<String>,
}

impl TrailEvent {
    fn new(document_id: Uuid, version: u32, kind: SignatureEventKind, detail: String) -> Self {
        TrailEvent {
            document_id,
            version,
            kind,
            party: None,
            detail,
            pdf_sha256: None,
            snapshot_sha256: None,
        }
    }

    /// A version issued, with its PDF and snapshot.
    pub fn issued(
        document_id: Uuid,
        kind: DocumentKind,
        version: u32,
        pdf_sha256: &str,
        snapshot_sha256: &str,
    ) -> Self {
        TrailEvent {
            pdf_sha256: Some(pdf_sha256.to_string()),
            snapshot_sha256: Some(snapshot_sha256.to_string()),
            ..Self::new(
                document_id,
                version,
                SignatureEventKind::Issued,
                format!("{} versión {version}", kind.name(Lang::Es)),
            )
        }
    }

    /// The reason a version replaced by a newer one is voided with.
    pub fn replacement_reason(by_version: u32) -> String {
        format!("reemplazada por la versión {by_version}")
    }

    /// A version voided because version `by_version` replaced it.
    pub fn replaced(document_id: Uuid, version: u32, by_version: u32, pdf_sha256: &str) -> Self {
        TrailEvent {
            pdf_sha256: Some(pdf_sha256.to_string()),
            ..Self::new(
                document_id,
                version,
                SignatureEventKind::Voided,
                Self::replacement_reason(by_version),
            )
        }
    }

    /// A version sent through a channel, perhaps with the day after which it expires.
    pub fn sent(
        document_id: Uuid,
        version: u32,
        channel: Channel,
        expires_on: Option<NaiveDate>,
        pdf_sha256: &str,
    ) -> Self {
        let detail = format!(
            "por {}{}",
            channel.name(Lang::Es),
            expires_on
                .map(|d| format!(", vence después del {}", d.format("%d/%m/%Y")))
                .unwrap_or_default()
        );
        TrailEvent {
            pdf_sha256: Some(pdf_sha256.to_string()),
            ..Self::new(document_id, version, SignatureEventKind::Sent, detail)
        }
    }

    /// A signer signed in person; the signed rendering's PDF (and, where it was made,
    /// its snapshot).
    pub fn signed_in_person(
        document_id: Uuid,
        version: u32,
        party: Party,
        signed_pdf_sha256: &str,
        snapshot_sha256: Option<String>,
    ) -> Self {
        TrailEvent {
            party: Some(party),
            pdf_sha256: Some(signed_pdf_sha256.to_string()),
            snapshot_sha256,
            ..Self::new(
                document_id,
                version,
                SignatureEventKind::Signed,
                format!("{} firmó en persona en Nimbo", party.name(Lang::Es)),
            )
        }
    }

    /// A signed copy was attached carrying this party's signature.
    pub fn signed_copy(
        document_id: Uuid,
        version: u32,
        party: Party,
        copy: &AttachmentRef,
    ) -> Self {
        TrailEvent {
            party: Some(party),
            pdf_sha256: Some(copy.sha256.clone()),
            ..Self::new(
                document_id,
                version,
                SignatureEventKind::Signed,
                format!("copia firmada adjunta ({})", copy.name),
            )
        }
    }

    /// A signer refused to sign.
    pub fn declined(document_id: Uuid, version: u32, party: Party, reason: &str) -> Self {
        TrailEvent {
            party: Some(party),
            ..Self::new(
                document_id,
                version,
                SignatureEventKind::Declined,
                reason.trim().to_string(),
            )
        }
    }

    /// A version voided, with the reason.
    pub fn voided(document_id: Uuid, version: u32, reason: &str) -> Self {
        Self::new(
            document_id,
            version,
            SignatureEventKind::Voided,
            reason.trim().to_string(),
        )
    }

    /// A version expired unsigned.
    pub fn expired(document_id: Uuid, version: u32) -> Self {
        Self::new(
            document_id,
            version,
            SignatureEventKind::Expired,
            "sin firmar al vencer el plazo".into(),
        )
    }

    /// The event as the trail keeps it: with its id, time and author.
    pub fn stamped(self, id: Uuid, at: DateTime<Utc>, actor: &str) -> SignatureEvent {
        SignatureEvent {
            id,
            document_id: self.document_id,
            version: self.version,
            at,
            actor: actor.to_string(),
            kind: self.kind,
            party: self.party,
            detail: self.detail,
            pdf_sha256: self.pdf_sha256,
            snapshot_sha256: self.snapshot_sha256,
        }
    }
}
