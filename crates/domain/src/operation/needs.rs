//! What an operation needs before the server (or the laptop) may accept it: the action it
//! asks permission for and the files it refers to. The laptop checks the same mapping when
//! it records the change, so both sides refuse the same operations for the same reason.

use crate::error::DomainError;
use crate::order::AttachmentRef;
use crate::permission::{Action, authorize};
use crate::user::User;

use super::{Command, EntityKind, OperationBody};

impl Command {
    /// The action the command asks permission for; `None` for storing a file, which any
    /// active user may do: only a later fact that refers to it gives it meaning, and that
    /// fact is checked.
    pub fn action(&self) -> Option<Action> {
        self.area().action(self)
    }

    /// The stored files the command refers to, which must reach the server before it.
    pub fn attachments(&self) -> Vec<&AttachmentRef> {
        self.area().attachments(self)
    }
}

impl EntityKind {
    /// The action a per-field edit of this kind of record asks permission for; `None` for
    /// kinds that change only through commands and are never edited field by field.
    pub fn edit_action(self) -> Option<Action> {
        match self {
            EntityKind::Organisation => Some(Action::EditOrganisation),
            EntityKind::Customer => Some(Action::EditCustomer),
            EntityKind::User => Some(Action::ManageUsers),
            EntityKind::Order
            | EntityKind::Subscription
            | EntityKind::Attachment
            | EntityKind::Document
            | EntityKind::Plan
            | EntityKind::Risk
            | EntityKind::Holiday
            | EntityKind::Hours
            | EntityKind::Adjustment
            | EntityKind::ConsumptionImport
            | EntityKind::PeriodLock
            | EntityKind::Invoice
            | EntityKind::Process
            | EntityKind::Statement => None,
        }
    }
}

impl OperationBody {
    /// The stored files the operation refers to (per-field edits carry plain values only).
    pub fn attachments(&self) -> Vec<&AttachmentRef> {
        match self {
            OperationBody::Fields { .. } => Vec::new(),
            OperationBody::Command { command } => command.attachments(),
        }
    }
}

/// Checks that the user may send the command: [`authorize`] with its action, or only that
/// the user is still active for a command that needs no role.
pub fn authorize_command(user: &User, command: &Command) -> Result<(), DomainError> {
    match command.action() {
        Some(action) => authorize(user, action),
        None if user.active => Ok(()),
        None => Err(DomainError::UserInactive {
            username: user.username.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::document::DocumentKind;
    use crate::order::{Step, StepInput};
    use crate::role::Role;

    fn user(roles: &[Role], active: bool) -> User {
        User {
            id: Uuid::nil(),
            username: "ana".into(),
            full_name: "Ana Benítez".into(),
            email: None,
            roles: roles.iter().copied().collect::<BTreeSet<_>>(),
            active,
            created_at: Utc.timestamp_opt(0, 0).single().unwrap_or_default(),
        }
    }

    fn file(name: &str) -> AttachmentRef {
        AttachmentRef {
            sha256: format!("{name:0>64}"),
            name: name.into(),
            size: 3,
            media_type: "application/pdf".into(),
        }
    }

    #[test]
    fn a_step_command_asks_for_that_step_and_no_other() {
        let complete = Command::CompleteStep {
            order_id: Uuid::nil(),
            step: Step::WelcomeKit,
            input: StepInput::default(),
        };
        assert_eq!(
            complete.action(),
            Some(Action::CompleteStep(Step::WelcomeKit))
        );
        assert!(authorize_command(&user(&[Role::Kam], true), &complete).is_err());
        assert!(authorize_command(&user(&[Role::OrderManager], true), &complete).is_ok());
        let reject = Command::RejectStep {
            order_id: Uuid::nil(),
            step: Step::OfferApproval,
            reason: "precio".into(),
        };
        assert_eq!(
            reject.action(),
            Some(Action::RejectStep(Step::OfferApproval))
        );
    }

    #[test]
    fn a_document_version_asks_for_generating_its_kind() {
        let issue = Command::IssueDocumentVersion {
            document_id: Uuid::nil(),
            order_id: Uuid::nil(),
            process_id: None,
            kind: DocumentKind::RiskAct,
            number: "RSK-1".into(),
            version: 1,
            snapshot: "{}".into(),
            snapshot_sha256: "0".repeat(64),
            pdf: file("a"),
            issued_at: Utc.timestamp_opt(0, 0).single().unwrap_or_default(),
            signers: vec![],
        };
        assert_eq!(
            issue.action(),
            Some(Action::GenerateDocument(DocumentKind::RiskAct))
        );
        assert_eq!(issue.attachments(), vec![&file("a")]);
    }

    #[test]
    fn storing_a_file_needs_only_an_active_user() {
        let store = Command::StoreAttachment {
            attachment: file("b"),
        };
        assert_eq!(store.action(), None);
        assert!(authorize_command(&user(&[], true), &store).is_ok());
        assert!(matches!(
            authorize_command(&user(&[Role::Admin], false), &store),
            Err(DomainError::UserInactive { .. })
        ));
    }

    #[test]
    fn a_step_lists_the_files_attached_to_it() {
        let complete = Command::CompleteStep {
            order_id: Uuid::nil(),
            step: Step::CustomerSignature,
            input: StepInput::default()
                .file("contract", file("c"))
                .file("annex", file("d")),
        };
        let mut names: Vec<&str> = complete
            .attachments()
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["c", "d"]);
    }

    #[test]
    fn orders_and_documents_are_never_edited_field_by_field() {
        assert_eq!(
            EntityKind::Customer.edit_action(),
            Some(Action::EditCustomer)
        );
        assert_eq!(EntityKind::Order.edit_action(), None);
        assert_eq!(EntityKind::Document.edit_action(), None);
    }
}
