//! Who may do what: every action in Nimbo names the roles allowed to take it, and this
//! is the only place that says so.

use serde::{Deserialize, Serialize};

use crate::document::DocumentKind;
use crate::error::DomainError;
use crate::order::Step;
use crate::role::Role;
use crate::service::{ProcessKind, ServiceStep};
use crate::user::User;

/// Something a user asks Nimbo to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", content = "step", rename_all = "snake_case")]
pub enum Action {
    /// Create users, grant and revoke roles, deactivate users.
    ManageUsers,
    /// Edit the organisation's profile.
    EditOrganisation,
    /// Create a customer.
    CreateCustomer,
    /// Edit a customer, its representatives, master contract or billing account.
    EditCustomer,
    /// Open an order for a customer.
    CreateOrder,
    /// Complete a step of an order.
    CompleteStep(Step),
    /// Reject a step's work, sending the order back.
    RejectStep(Step),
    /// Skip an optional step.
    SkipStep(Step),
    /// Cancel an order before activation.
    CancelOrder,
    /// Generate a document of an order.
    GenerateDocument(DocumentKind),
    /// Record that a document was sent, or mark it expired.
    SendDocument,
    /// Record a signature (in person or a signed copy) or a refusal to sign.
    RecordSignature,
    /// Void a document version.
    VoidDocument,
    /// Change the catalogue: plans and prices, risks, holidays.
    EditCatalogue,
    /// Import a month's consumption.
    ImportConsumption,
    /// Log professional hours.
    LogHours,
    /// Add an adjustment to a locked period's charges.
    AdjustCharges,
    /// Lock a billing period (exporting it locks it).
    LockPeriod,
    /// Record an invoice CBS/Siebel issued.
    RecordInvoice,
    /// Record a payment against an invoice.
    RecordPayment,
    /// Issue a customer's statement of a locked period.
    IssueStatement,
    /// Take a step of a termination, suspension or reconnection.
    ServiceStep(ServiceStep),
    /// Cancel a termination, suspension or reconnection.
    CancelProcess(ProcessKind),
}

impl Action {
    /// The roles allowed to take this action.
    pub fn allowed_roles(self) -> &'static [Role] {
        match self {
            Action::ManageUsers | Action::EditOrganisation => &[Role::Admin],
            Action::CreateCustomer => &[Role::Kam, Role::Presales, Role::Admin],
            Action::EditCustomer => &[
                Role::Kam,
                Role::Presales,
                Role::CorporateSupport,
                Role::Admin,
            ],
            Action::CreateOrder => &[Role::Kam, Role::Presales],
            Action::CompleteStep(step) | Action::RejectStep(step) | Action::SkipStep(step) => {
                step.roles()
            }
            Action::CancelOrder => &[Role::Kam, Role::Presales],
            Action::GenerateDocument(DocumentKind::RiskAct) => &[Role::Kam, Role::OrderManager],
            // The KAM verifies a termination and notifies the customer of a cut or a
            // reconnection; pre-sales or the order manager confirm a termination's end.
            Action::GenerateDocument(
                DocumentKind::PenaltyTable
                | DocumentKind::SuspensionNotice
                | DocumentKind::ReconnectionNotice,
            ) => &[Role::Kam],
            Action::GenerateDocument(DocumentKind::TerminationConfirmation) => {
                &[Role::Presales, Role::OrderManager]
            }
            Action::GenerateDocument(_) => &[Role::OrderManager],
            Action::SendDocument | Action::RecordSignature | Action::VoidDocument => {
                &[Role::OrderManager, Role::Kam]
            }
            Action::EditCatalogue => &[Role::Admin],
            Action::ImportConsumption
            | Action::AdjustCharges
            | Action::LockPeriod
            | Action::RecordInvoice => &[Role::BillingSpecialist],
            Action::LogHours => &[Role::OrderManager, Role::Presales, Role::Regional],
            Action::RecordPayment => &[Role::BillingSpecialist, Role::CreditManager],
            // The KAM answers the customer's «why this amount?» with it.
            Action::IssueStatement => &[Role::BillingSpecialist, Role::Kam, Role::CreditManager],
            Action::ServiceStep(step) => step.roles(),
            Action::CancelProcess(kind) => kind.cancellers(),
        }
    }

    /// A stable name for messages and the audit trail.
    pub fn id(self) -> String {
        match self {
            Action::ManageUsers => "manage_users".into(),
            Action::EditOrganisation => "edit_organisation".into(),
            Action::CreateCustomer => "create_customer".into(),
            Action::EditCustomer => "edit_customer".into(),
            Action::CreateOrder => "create_order".into(),
            Action::CompleteStep(s) => format!("complete_step_{}", s.number()),
            Action::RejectStep(s) => format!("reject_step_{}", s.number()),
            Action::SkipStep(s) => format!("skip_step_{}", s.number()),
            Action::CancelOrder => "cancel_order".into(),
            Action::GenerateDocument(k) => format!("generate_{}", k.id()),
            Action::SendDocument => "send_document".into(),
            Action::RecordSignature => "record_signature".into(),
            Action::VoidDocument => "void_document".into(),
            Action::EditCatalogue => "edit_catalogue".into(),
            Action::ImportConsumption => "import_consumption".into(),
            Action::LogHours => "log_hours".into(),
            Action::AdjustCharges => "adjust_charges".into(),
            Action::LockPeriod => "lock_period".into(),
            Action::RecordInvoice => "record_invoice".into(),
            Action::RecordPayment => "record_payment".into(),
            Action::IssueStatement => "issue_statement".into(),
            Action::ServiceStep(s) => format!("{}_step_{}", s.kind().id(), s.key()),
            Action::CancelProcess(k) => format!("cancel_{}", k.id()),
        }
    }
}

/// Checks that the user is active and holds a role allowed to take the action.
pub fn authorize(user: &User, action: Action) -> Result<(), DomainError> {
    if !user.active {
        return Err(DomainError::UserInactive {
            username: user.username.clone(),
        });
    }
    let allowed = action.allowed_roles();
    if user.has_any(allowed) {
        Ok(())
    } else {
        Err(DomainError::NotAllowed {
            username: user.username.clone(),
            action,
            allowed: allowed.to_vec(),
        })
    }
}
