//! How a change is named in a record's history: the action id (`order.step_completed`…)
//! given by the operation itself, so the laptop that made it and a laptop that replays it
//! from the server name it the same way; and the ids a replay derives from an operation,
//! so that replaying it twice writes nothing twice.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::document::{DocumentVersion, SignatureRecord};

use super::{Command, EntityKind, Operation, OperationBody};

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

impl Command {
    /// The action id its history entry carries, e.g. `order.step_completed`.
    pub fn history_action(&self) -> &'static str {
        match self {
            Command::InitOrganisation { .. } => "organisation.initialised",
            Command::SetOrganisationLogo { logo: Some(_) } => "organisation.logo_set",
            Command::SetOrganisationLogo { logo: None } => "organisation.logo_removed",
            Command::CreateUser { .. } => "user.created",
            Command::GrantRole { .. } => "user.role_granted",
            Command::RevokeRole { .. } => "user.role_revoked",
            Command::SetUserActive { active: true, .. } => "user.activated",
            Command::SetUserActive { active: false, .. } => "user.deactivated",
            Command::CreateCustomer { .. } => "customer.created",
            Command::AddRepresentative { .. } => "customer.representative_added",
            Command::CorrectRepresentative { .. } => "customer.representative_corrected",
            Command::RemoveRepresentative { .. } => "customer.representative_removed",
            Command::RecordMasterContract { .. } => "customer.master_contract_recorded",
            Command::StoreAttachment { .. } => "attachment.stored",
            Command::OpenOrder { .. } => "order.opened",
            Command::CompleteStep { .. } => "order.step_completed",
            Command::RejectStep { .. } => "order.rejected",
            Command::SkipStep { .. } => "order.step_skipped",
            Command::CancelOrder { .. } => "order.cancelled",
            Command::IssueDocumentVersion { .. } => "document.issued",
            Command::SendDocument { .. } => "document.sent",
            Command::SignDocumentInPerson { .. } | Command::AttachSignedCopy { .. } => {
                "document.signed"
            }
            Command::DeclineDocument { .. } => "document.declined",
            Command::VoidDocument { .. } => "document.voided",
            Command::ExpireDocument { .. } => "document.expired",
        }
    }
}

impl OperationBody {
    /// The action id its history entry carries: the command's, or `<kind>.edited` for
    /// per-field edits.
    pub fn history_action(&self) -> &'static str {
        match self {
            OperationBody::Command { command } => command.history_action(),
            OperationBody::Fields { entity, .. } => match entity {
                EntityKind::Organisation => "organisation.edited",
                EntityKind::User => "user.edited",
                EntityKind::Customer => "customer.edited",
                EntityKind::Order => "order.edited",
                EntityKind::Subscription => "subscription.edited",
                EntityKind::Attachment => "attachment.edited",
                EntityKind::Document => "document.edited",
            },
        }
    }
}

impl OperationBody {
    /// What the operation itself states it changed, for a history entry when its replay
    /// could not run (the record was taken from the server instead): the fields edited,
    /// or the step and the reason a workflow command names; empty otherwise.
    pub fn stated_changes(&self) -> Value {
        match self {
            OperationBody::Fields { changes, .. } => json!(changes),
            OperationBody::Command { command } => match command {
                Command::OpenOrder { number, title, .. } => {
                    json!({ "number": number, "title": title })
                }
                Command::CompleteStep { step, .. } => json!({ "step": step.number() }),
                Command::RejectStep { step, reason, .. }
                | Command::SkipStep { step, reason, .. } => {
                    json!({ "step": step.number(), "reason": reason })
                }
                Command::CancelOrder { reason, .. } => json!({ "reason": reason }),
                _ => json!({}),
            },
        }
    }
}

impl Operation {
    /// An id derived from this operation's id for the `n`th thing of a kind its replay
    /// writes (`what`): the same on every replay, so writing it twice is refused by
    /// its key instead of duplicated. A UUIDv8 over SHA-256.
    pub fn derived_id(&self, what: &str, n: usize) -> Uuid {
        let digest = Sha256::new()
            .chain_update(self.id.as_bytes())
            .chain_update(what.as_bytes())
            .chain_update(n.to_be_bytes())
            .finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        uuid::Builder::from_custom_bytes(bytes).into_uuid()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hlc::Hlc;

    fn op(command: Command) -> Operation {
        Operation {
            id: Uuid::now_v7(),
            hlc: Hlc::zero("A1"),
            device: Uuid::now_v7(),
            actor: "ana".into(),
            entity: EntityKind::Order,
            entity_id: Uuid::now_v7(),
            body: OperationBody::Command { command },
        }
    }

    #[test]
    fn a_step_completed_is_named_as_the_laptop_names_it() {
        let cancel = Command::CancelOrder {
            order_id: Uuid::now_v7(),
            reason: "el cliente desistió".into(),
        };
        assert_eq!(cancel.history_action(), "order.cancelled");
        assert_eq!(
            OperationBody::Fields {
                entity: EntityKind::Customer,
                entity_id: Uuid::nil(),
                changes: vec![],
            }
            .history_action(),
            "customer.edited"
        );
    }

    #[test]
    fn ids_derived_from_an_operation_are_the_same_on_every_replay_and_differ_by_place() {
        let a = op(Command::ExpireDocument {
            document_id: Uuid::now_v7(),
            version: 1,
        });
        assert_eq!(a.derived_id("trail", 0), a.derived_id("trail", 0));
        assert_ne!(a.derived_id("trail", 0), a.derived_id("trail", 1));
        assert_ne!(a.derived_id("trail", 0), a.derived_id("history", 0));
        let b = Operation {
            id: Uuid::now_v7(),
            ..a.clone()
        };
        assert_ne!(a.derived_id("trail", 0), b.derived_id("trail", 0));
        assert_eq!(a.derived_id("trail", 0).get_version_num(), 8);
    }
}
