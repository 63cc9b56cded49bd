//! How a change is named in a record's history: the action id (`order.step_completed`…)
//! given by the operation itself, so the laptop that made it and a laptop that replays it
//! from the server name it the same way; and the ids a replay derives from an operation,
//! so that replaying it twice writes nothing twice.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Command, EntityKind, Operation, OperationBody};

impl Command {
    /// The action id its history entry carries, e.g. `order.step_completed`.
    pub fn history_action(&self) -> &'static str {
        self.area().history_action(self)
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
                EntityKind::Plan => "plan.edited",
                EntityKind::Risk => "risk.edited",
                EntityKind::Holiday => "holiday.edited",
                EntityKind::Hours => "hours.edited",
                EntityKind::Adjustment => "adjustment.edited",
                EntityKind::ConsumptionImport => "consumption_import.edited",
                EntityKind::PeriodLock => "period_lock.edited",
                EntityKind::Invoice => "invoice.edited",
                EntityKind::Process => "process.edited",
                EntityKind::Statement => "statement.edited",
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
            OperationBody::Command { command } => command.area().stated_changes(command),
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
