//! Issuing a new version of an order's or a process's document (its PDF rendered and
//! stored by the laptop beforehand): the version's checks, and the previous version
//! voided by it.

use chrono::{DateTime, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::document::{
    DocumentKind, DocumentVersion, SignatureRecord, SignerEntry, SignerState, TrailEvent,
};
use crate::order::AttachmentRef;

use super::super::super::records::{DocumentRecord, Record, Records};
use super::super::super::{EntityKind, Outcome, Refusal};
use super::super::Context;
use super::super::onboarding::order_of;

/// A new version as the command states it.
pub(super) struct Issue<'c> {
    /// The document.
    pub document_id: Uuid,
    /// The order (of a process's document: the order its subscription came from).
    pub order_id: Uuid,
    /// The process, for a process's document.
    pub process_id: Option<Uuid>,
    /// Its kind.
    pub kind: DocumentKind,
    /// Its number.
    pub number: &'c String,
    /// The new version.
    pub version: u32,
    /// The canonical JSON it was made from.
    pub snapshot: &'c String,
    /// The snapshot's SHA-256.
    pub snapshot_sha256: &'c String,
    /// The PDF, stored beforehand.
    pub pdf: &'c AttachmentRef,
    /// When.
    pub issued_at: DateTime<Utc>,
    /// Who must sign.
    pub signers: &'c [SignerEntry],
}

impl Issue<'_> {
    /// Checks the version against the order and the document, and adds it.
    pub(super) fn apply(&self, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        let (kind, version, number) = (self.kind, self.version, self.number);
        let owner = match self.process_id {
            Some(id) => {
                let process = cx
                    .view
                    .process(id)
                    .ok_or_else(|| Refusal::unknown(EntityKind::Process, id))?;
                let subscription = cx
                    .view
                    .subscription(process.subscription_id())
                    .filter(|s| s.order_id == self.order_id)
                    .ok_or_else(|| Refusal::DocumentMismatch {
                        number: number.clone(),
                    })?;
                kind.check_issuable_for(&process, &subscription)?;
                process.number().to_string()
            }
            None => {
                let order = order_of(cx.view, self.order_id)?;
                kind.check_issuable(&order)?;
                order.number
            }
        };
        if hex::encode(Sha256::digest(self.snapshot.as_bytes())) != *self.snapshot_sha256 {
            return Err(Refusal::SnapshotAltered {
                number: number.clone(),
            });
        }
        let parties: Vec<_> = self.signers.iter().map(|s| s.party).collect();
        if parties != kind.signers() || self.signers.iter().any(|s| s.state != SignerState::Pending)
        {
            return Err(Refusal::WrongSigners { kind });
        }
        let mut doc = self.record(cx.view)?;
        let expected = u32::try_from(doc.versions.len()).unwrap_or(u32::MAX) + 1;
        if version != expected {
            return Err(Refusal::VersionOutOfOrder {
                number: number.clone(),
                given: version,
                expected,
            });
        }
        // A new version voids the previous one, as the laptop did when it issued it.
        let mut trail = Vec::new();
        let mut voided = None;
        if let Some(previous) = doc.versions.last_mut().filter(|v| !v.is_voided()) {
            previous.signature = previous
                .signature
                .void(&TrailEvent::replacement_reason(version))?;
            trail.push(TrailEvent::replaced(
                self.document_id,
                previous.version,
                version,
                &previous.pdf_sha256,
            ));
            voided = Some(previous.version);
        }
        trail.push(TrailEvent::issued(
            self.document_id,
            kind,
            version,
            &self.pdf.sha256,
            self.snapshot_sha256,
        ));
        let changes = json!({
            "order": owner, "kind": kind, "number": number, "version": version,
            "pdf_sha256": self.pdf.sha256, "snapshot_sha256": self.snapshot_sha256,
            "voided_version": voided,
        });
        let record =
            SignatureRecord::draft(kind, number, version, self.signers.to_vec()).issue()?;
        doc.versions.push(DocumentVersion {
            document_id: self.document_id,
            kind,
            order_id: self.order_id,
            process_id: self.process_id,
            number: number.clone(),
            version,
            snapshot: self.snapshot.clone(),
            snapshot_sha256: self.snapshot_sha256.clone(),
            pdf_sha256: self.pdf.sha256.clone(),
            size: self.pdf.size,
            issued_at: self.issued_at,
            issued_by: cx.actor.username.clone(),
            signature: record,
        });
        Ok(Outcome {
            trail,
            ..Outcome::one(Record::Document(doc)).noting(changes)
        })
    }

    /// The document the version belongs to: the one the view holds under its id, or a
    /// new one, when the order has no other document of its kind.
    fn record(&self, view: &dyn Records) -> Result<DocumentRecord, Refusal> {
        if let Some(doc) = view.document(self.document_id) {
            if doc.order_id != self.order_id
                || doc.process_id != self.process_id
                || doc.kind != self.kind
                || doc.number != *self.number
            {
                return Err(Refusal::DocumentMismatch { number: doc.number });
            }
            return Ok(doc);
        }
        let siblings = match self.process_id {
            Some(process) => view.documents_of_process(process),
            None => view.documents_of(self.order_id),
        };
        if let Some(other) = siblings.into_iter().find(|d| d.kind == self.kind) {
            return Err(Refusal::DocumentKindTaken {
                kind: self.kind,
                number: other.number,
            });
        }
        Ok(DocumentRecord {
            id: self.document_id,
            order_id: self.order_id,
            process_id: self.process_id,
            kind: self.kind,
            number: self.number.clone(),
            versions: Vec::new(),
        })
    }
}
