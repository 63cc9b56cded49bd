//! Documents and their signatures: issuing a version (see [`issue`]), then sending it,
//! recording signatures in person or on a signed copy, a refusal to sign, voiding and
//! expiry — each a transition of the version's [`SignatureRecord`] with its trail events.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::document::{DocumentVersion, Party, SignatureMethod, SignatureRecord, TrailEvent};
use crate::order::AttachmentRef;
use crate::permission::Action;

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::{Area, Context, misrouted};

mod issue;

/// The documents' commands.
pub(super) struct Documents;

impl Area for Documents {
    fn wanted(&self, command: &Command, view: &dyn Records) -> Vec<RecordKey> {
        match command {
            Command::IssueDocumentVersion {
                document_id,
                order_id,
                process_id: Some(process_id),
                ..
            } => {
                let mut keys = vec![
                    RecordKey::Document(*document_id),
                    RecordKey::Order(*order_id),
                    RecordKey::Process(*process_id),
                    RecordKey::DocumentsOfProcess(*process_id),
                ];
                // Asked again once the process is read, as the processes' area does.
                keys.extend(
                    view.process(*process_id)
                        .map(|p| RecordKey::Subscription(p.subscription_id())),
                );
                keys
            }
            Command::IssueDocumentVersion {
                document_id,
                order_id,
                ..
            } => vec![
                RecordKey::Document(*document_id),
                RecordKey::Order(*order_id),
                RecordKey::DocumentsOf(*order_id),
            ],
            Command::SendDocument { document_id, .. }
            | Command::SignDocumentInPerson { document_id, .. }
            | Command::AttachSignedCopy { document_id, .. }
            | Command::DeclineDocument { document_id, .. }
            | Command::VoidDocument { document_id, .. }
            | Command::ExpireDocument { document_id, .. } => {
                vec![RecordKey::Document(*document_id)]
            }
            _ => Vec::new(),
        }
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        match command {
            Command::IssueDocumentVersion {
                document_id,
                order_id,
                process_id,
                kind,
                number,
                version,
                snapshot,
                snapshot_sha256,
                pdf,
                issued_at,
                signers,
            } => issue::Issue {
                document_id: *document_id,
                order_id: *order_id,
                process_id: *process_id,
                kind: *kind,
                number,
                version: *version,
                snapshot,
                snapshot_sha256,
                pdf,
                issued_at: *issued_at,
                signers,
            }
            .apply(cx),
            Command::SendDocument {
                document_id,
                version,
                ..
            }
            | Command::SignDocumentInPerson {
                document_id,
                version,
                ..
            }
            | Command::AttachSignedCopy {
                document_id,
                version,
                ..
            }
            | Command::DeclineDocument {
                document_id,
                version,
                ..
            }
            | Command::VoidDocument {
                document_id,
                version,
                ..
            }
            | Command::ExpireDocument {
                document_id,
                version,
            } => signature(cx.view, *document_id, *version, |v| {
                transition(command, v, cx)
            }),
            _ => Err(misrouted()),
        }
    }

    fn action(&self, command: &Command) -> Option<Action> {
        Some(match command {
            Command::IssueDocumentVersion { kind, .. } => Action::GenerateDocument(*kind),
            // Marking a version expired is the sender's bookkeeping, as the app does.
            Command::SendDocument { .. } | Command::ExpireDocument { .. } => Action::SendDocument,
            Command::VoidDocument { .. } => Action::VoidDocument,
            _ => Action::RecordSignature,
        })
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::IssueDocumentVersion { .. } => "document.issued",
            Command::SendDocument { .. } => "document.sent",
            Command::DeclineDocument { .. } => "document.declined",
            Command::VoidDocument { .. } => "document.voided",
            Command::ExpireDocument { .. } => "document.expired",
            _ => "document.signed",
        }
    }

    fn attachments<'c>(&self, command: &'c Command) -> Vec<&'c AttachmentRef> {
        match command {
            Command::IssueDocumentVersion { pdf, .. } => vec![pdf],
            Command::SignDocumentInPerson {
                drawing,
                signed_pdf,
                ..
            } => vec![drawing, signed_pdf],
            Command::AttachSignedCopy { copy, .. } => vec![copy],
            _ => Vec::new(),
        }
    }
}

/// What a signature transition gives: the version's new record, the history entry's own
/// details and the trail events it adds.
type SignatureStep = (SignatureRecord, Value, Vec<TrailEvent>);

/// The signature transition the command asks of version `v`.
fn transition(
    command: &Command,
    v: &DocumentVersion,
    cx: &Context<'_>,
) -> Result<SignatureStep, Refusal> {
    let (at, actor) = (cx.at, &cx.actor.username);
    Ok(match command {
        Command::SendDocument {
            channel,
            expires_on,
            ..
        } => (
            v.signature.send(*channel, *expires_on, cx.today)?,
            json!({ "channel": channel, "expires_on": expires_on }),
            vec![TrailEvent::sent(
                v.document_id,
                v.version,
                *channel,
                *expires_on,
                &v.pdf_sha256,
            )],
        ),
        Command::SignDocumentInPerson {
            party,
            drawing,
            signed_pdf,
            signed_snapshot_sha256,
            signed_at,
            ..
        } => (
            v.signature.sign(
                *party,
                SignatureMethod::InPerson {
                    drawing_sha256: drawing.sha256.clone(),
                },
                *signed_at,
                actor,
            )?,
            json!({ "party": party, "method": "in_person", "drawing_sha256": drawing.sha256,
                    "signed_pdf_sha256": signed_pdf.sha256 }),
            vec![TrailEvent::signed_in_person(
                v.document_id,
                v.version,
                *party,
                &signed_pdf.sha256,
                signed_snapshot_sha256.clone(),
            )],
        ),
        Command::AttachSignedCopy { parties, copy, .. } => {
            if copy.sha256 == v.pdf_sha256 {
                return Err(Refusal::UnsignedOriginal {
                    number: v.number.clone(),
                    version: v.version,
                });
            }
            let parties = Party::of_signed_copy(parties);
            let mut record = v.signature.clone();
            let mut trail = Vec::new();
            for party in &parties {
                record = record.sign(
                    *party,
                    SignatureMethod::SignedCopy {
                        pdf_sha256: copy.sha256.clone(),
                    },
                    at,
                    actor,
                )?;
                trail.push(TrailEvent::signed_copy(
                    v.document_id,
                    v.version,
                    *party,
                    copy,
                ));
            }
            let changes = json!({ "parties": parties, "method": "signed_copy",
                                  "copy_sha256": copy.sha256 });
            (record, changes, trail)
        }
        Command::DeclineDocument { party, reason, .. } => (
            v.signature.decline(*party, reason, at)?,
            json!({ "party": party, "reason": reason.trim() }),
            vec![TrailEvent::declined(
                v.document_id,
                v.version,
                *party,
                reason,
            )],
        ),
        Command::VoidDocument { reason, .. } => (
            v.signature.void(reason)?,
            json!({ "reason": reason.trim() }),
            vec![TrailEvent::voided(v.document_id, v.version, reason)],
        ),
        Command::ExpireDocument { .. } => (
            v.signature.expire(cx.today)?,
            json!({}),
            vec![TrailEvent::expired(v.document_id, v.version)],
        ),
        _ => return Err(misrouted()),
    })
}

/// Moves one version's signature record on with the domain's transition.
fn signature(
    view: &dyn Records,
    document_id: Uuid,
    version: u32,
    change: impl FnOnce(&DocumentVersion) -> Result<SignatureStep, Refusal>,
) -> Result<Outcome, Refusal> {
    let mut doc = view
        .document(document_id)
        .ok_or_else(|| Refusal::unknown(EntityKind::Document, document_id))?;
    let number = doc.number.clone();
    let v = doc
        .versions
        .iter_mut()
        .find(|v| v.version == version)
        .ok_or(Refusal::UnknownVersion { number, version })?;
    let (record, changes, trail) = change(v)?;
    let changes = signature_changes(changes, v, &record);
    v.signature = record;
    Ok(Outcome {
        trail,
        ..Outcome::one(Record::Document(doc)).noting(changes)
    })
}

/// What a signature action's history entry records beside its own details: the
/// document's number, the version, its PDF and the state the signature record reached.
pub fn signature_changes(
    mut changes: Value,
    version: &DocumentVersion,
    record: &SignatureRecord,
) -> Value {
    if let Some(map) = changes.as_object_mut() {
        map.insert("number".into(), json!(version.number));
        map.insert("version".into(), json!(version.version));
        map.insert("pdf_sha256".into(), json!(version.pdf_sha256));
        map.insert("state".into(), json!(record.state.id()));
    }
    changes
}
