//! The operations the outbox holds for sync (SYNC.md): per-field edits of records, and
//! commands (workflow steps, new records) that the server re-checks with this same domain
//! — [`apply`] runs an operation against a view of the records, on the server and, for
//! a replay, on a laptop.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use chrono::{DateTime, NaiveDate, Utc};

use crate::billing::{
    Adjustment, ConsumptionImport, Holiday, HoursEntry, Invoice, Payment, Period,
};
use crate::catalogue::{PlanPrice, Risk};
use crate::customer::{Customer, LegalRepresentative, MasterContract};
use crate::document::{Channel, DocumentKind, Party, SignerEntry};
use crate::hlc::Hlc;
use crate::order::{AttachmentRef, Step, StepInput};
use crate::role::Role;
use crate::service::ServiceStep;
use crate::user::User;

mod apply;
mod area;
mod fields;
mod history;
mod needs;
mod records;
mod refusal;
mod server;

pub use apply::{Outcome, apply, customer_value, operation_time, organisation_value, wanted};
pub use area::signature_changes;
pub use fields::{FieldConflict, MONEY_WORDS, field_label, is_money_field};
pub use needs::authorize_command;
pub use records::{
    DocumentRecord, FieldStamp, MemoryRecords, PlanRecord, Record, RecordKey, Records,
    initial_plan_records, natural_id,
};
pub use refusal::Refusal;
pub use server::{SERVER_ACTOR, SERVER_DEVICE, server_administrator};

/// The kinds of record Nimbo keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// The organisation's profile.
    Organisation,
    /// A user.
    User,
    /// A customer.
    Customer,
    /// An order.
    Order,
    /// A subscription.
    Subscription,
    /// A stored file.
    Attachment,
    /// A document and its versions.
    Document,
    /// A plan of the catalogue with its prices over time.
    Plan,
    /// A risk of the catalogue.
    Risk,
    /// A holiday of the calendar.
    Holiday,
    /// An interval of professional work.
    Hours,
    /// A correction of a locked period's charges.
    Adjustment,
    /// An imported consumption export.
    ConsumptionImport,
    /// A locked billing period.
    PeriodLock,
    /// An invoice with its payments.
    Invoice,
    /// A termination, suspension or reconnection.
    Process,
    /// A customer's statement of a period, with its versions.
    Statement,
}

impl EntityKind {
    /// Every kind, in the order declared.
    pub const ALL: [EntityKind; 17] = [
        EntityKind::Organisation,
        EntityKind::User,
        EntityKind::Customer,
        EntityKind::Order,
        EntityKind::Subscription,
        EntityKind::Attachment,
        EntityKind::Document,
        EntityKind::Plan,
        EntityKind::Risk,
        EntityKind::Holiday,
        EntityKind::Hours,
        EntityKind::Adjustment,
        EntityKind::ConsumptionImport,
        EntityKind::PeriodLock,
        EntityKind::Invoice,
        EntityKind::Process,
        EntityKind::Statement,
    ];

    /// The kind stored as `id`.
    pub fn from_id(id: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The id used in storage.
    pub fn id(self) -> &'static str {
        match self {
            EntityKind::Organisation => "organisation",
            EntityKind::User => "user",
            EntityKind::Customer => "customer",
            EntityKind::Order => "order",
            EntityKind::Subscription => "subscription",
            EntityKind::Attachment => "attachment",
            EntityKind::Document => "document",
            EntityKind::Plan => "plan",
            EntityKind::Risk => "risk",
            EntityKind::Holiday => "holiday",
            EntityKind::Hours => "hours",
            EntityKind::Adjustment => "adjustment",
            EntityKind::ConsumptionImport => "consumption_import",
            EntityKind::PeriodLock => "period_lock",
            EntityKind::Invoice => "invoice",
            EntityKind::Process => "process",
            EntityKind::Statement => "statement",
        }
    }
}

/// One field's change: what it was and what it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field.
    pub field: String,
    /// Its value before.
    pub old: Value,
    /// Its value after.
    pub new: Value,
}

/// A command: a change the server replays through the domain's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// Set up the organisation's profile and its first administrator.
    InitOrganisation {
        /// Its name.
        name: String,
        /// Its RUC.
        ruc: String,
        /// The first administrator.
        admin: User,
        /// Its logo, when one was chosen at set-up.
        #[serde(default)]
        logo: Option<AttachmentRef>,
        /// Whether it holds demonstration data (a laptop's own demo; absent means no).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        demo: bool,
    },
    /// Set or remove the organisation's logo (the picture is stored by hash beforehand).
    SetOrganisationLogo {
        /// The new logo, or none.
        logo: Option<AttachmentRef>,
    },
    /// Create a user.
    CreateUser {
        /// The user.
        user: User,
    },
    /// Grant a role.
    GrantRole {
        /// Who.
        username: String,
        /// Which role.
        role: Role,
    },
    /// Revoke a role.
    RevokeRole {
        /// Who.
        username: String,
        /// Which role.
        role: Role,
    },
    /// Activate or deactivate a user.
    SetUserActive {
        /// Who.
        username: String,
        /// Active or not.
        active: bool,
    },
    /// Create a customer.
    CreateCustomer {
        /// The customer.
        customer: Customer,
    },
    /// Add a legal representative.
    AddRepresentative {
        /// The customer.
        customer_id: Uuid,
        /// The representative.
        representative: LegalRepresentative,
    },
    /// Correct a legal representative's details (same id).
    CorrectRepresentative {
        /// The customer.
        customer_id: Uuid,
        /// The representative as corrected.
        representative: LegalRepresentative,
    },
    /// Remove a legal representative.
    RemoveRepresentative {
        /// The customer.
        customer_id: Uuid,
        /// The representative.
        representative_id: Uuid,
    },
    /// Record the signed master solutions contract.
    RecordMasterContract {
        /// The customer.
        customer_id: Uuid,
        /// The contract.
        contract: MasterContract,
    },
    /// Store a file, before any fact refers to it.
    StoreAttachment {
        /// The file.
        attachment: AttachmentRef,
    },
    /// Open an order.
    OpenOrder {
        /// The order's id.
        order_id: Uuid,
        /// Its number.
        number: String,
        /// The customer.
        customer_id: Uuid,
        /// What is sold.
        title: String,
    },
    /// Complete a step.
    CompleteStep {
        /// The order.
        order_id: Uuid,
        /// The step.
        step: Step,
        /// What was recorded.
        input: StepInput,
    },
    /// Reject a step's work.
    RejectStep {
        /// The order.
        order_id: Uuid,
        /// The step.
        step: Step,
        /// Why.
        reason: String,
    },
    /// Skip an optional step.
    SkipStep {
        /// The order.
        order_id: Uuid,
        /// The step.
        step: Step,
        /// Why.
        reason: String,
    },
    /// Cancel an order.
    CancelOrder {
        /// The order.
        order_id: Uuid,
        /// Why.
        reason: String,
    },
    /// Issue a new version of a document (the PDF is stored by hash beforehand); the
    /// previous version, if any, is voided by it.
    IssueDocumentVersion {
        /// The document.
        document_id: Uuid,
        /// The order (of a process's document: the order its subscription came from).
        order_id: Uuid,
        /// The termination, suspension or reconnection, for a process's document.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        process_id: Option<Uuid>,
        /// Its kind.
        kind: DocumentKind,
        /// Its number.
        number: String,
        /// The new version.
        version: u32,
        /// The canonical JSON it was made from.
        snapshot: String,
        /// The snapshot's SHA-256.
        snapshot_sha256: String,
        /// The PDF.
        pdf: AttachmentRef,
        /// When.
        issued_at: DateTime<Utc>,
        /// Who must sign.
        signers: Vec<SignerEntry>,
    },
    /// Record that a version was sent to its signers.
    SendDocument {
        /// The document.
        document_id: Uuid,
        /// The version.
        version: u32,
        /// Through which channel.
        channel: Channel,
        /// The day after which it expires unsigned, if set.
        expires_on: Option<NaiveDate>,
    },
    /// A signer signed in person on the laptop; the signed rendering is stored by hash.
    SignDocumentInPerson {
        /// The document.
        document_id: Uuid,
        /// The version.
        version: u32,
        /// Who signed.
        party: Party,
        /// The drawn signature (PNG).
        drawing: AttachmentRef,
        /// The PDF rendered with the signature.
        signed_pdf: AttachmentRef,
        /// The SHA-256 of that rendering's snapshot (its QR code's), so that every
        /// laptop's trail recognises an altered copy of it; absent in operations made
        /// before it was sent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signed_snapshot_sha256: Option<String>,
        /// When.
        signed_at: DateTime<Utc>,
    },
    /// A signed copy (scanned or digitally signed PDF) was attached for some signers.
    AttachSignedCopy {
        /// The document.
        document_id: Uuid,
        /// The version.
        version: u32,
        /// Whose signatures it carries.
        parties: Vec<Party>,
        /// The copy.
        copy: AttachmentRef,
    },
    /// A signer refused to sign.
    DeclineDocument {
        /// The document.
        document_id: Uuid,
        /// The version.
        version: u32,
        /// Who refused.
        party: Party,
        /// Why.
        reason: String,
    },
    /// A version was voided.
    VoidDocument {
        /// The document.
        document_id: Uuid,
        /// The version.
        version: u32,
        /// Why.
        reason: String,
    },
    /// An unsigned version passed its expiry date.
    ExpireDocument {
        /// The document.
        document_id: Uuid,
        /// The version.
        version: u32,
    },
    /// Set a plan's name and pricing from a day on (a new plan, or a new price).
    SetPlanPrice {
        /// The plan as priced from its day.
        price: PlanPrice,
        /// The version for that same day the author saw, if any: a price two people set
        /// for the same day offline is a money conflict, never merged.
        #[serde(default)]
        seen: Option<PlanPrice>,
    },
    /// Add a risk to the catalogue, correct its texts, or retire it.
    SetRisk {
        /// The risk as it now reads.
        risk: Risk,
    },
    /// Add, rename or remove (inactive) a holiday.
    SetHoliday {
        /// The holiday as it now stands.
        holiday: Holiday,
    },
    /// Record an imported consumption export's sums.
    RecordConsumptionImport {
        /// The import.
        import: ConsumptionImport,
    },
    /// Log an interval of professional work.
    LogHours {
        /// The interval.
        entry: HoursEntry,
    },
    /// Add an adjustment to be charged in an open period.
    AddAdjustment {
        /// The adjustment.
        adjustment: Adjustment,
    },
    /// Lock a period with the run its author looked at: applied only where the same
    /// inputs give the same run (the same hash).
    LockPeriod {
        /// The period.
        period: Period,
        /// The hash of the run the author saw.
        run_hash: String,
    },
    /// Record an invoice CBS/Siebel issued.
    RecordInvoice {
        /// The invoice, without payments.
        invoice: Invoice,
    },
    /// Record a payment against an invoice.
    RecordPayment {
        /// The invoice.
        invoice_id: Uuid,
        /// The payment.
        payment: Payment,
    },
    /// Enter a customer's termination request with its signed letter (DOMAIN §6, step 1).
    RequestTermination {
        /// The new termination.
        process_id: Uuid,
        /// Its number.
        number: String,
        /// The subscription.
        subscription_id: Uuid,
        /// The last day of service.
        termination_date: NaiveDate,
        /// The plans ended; none with no account either: the whole contract.
        #[serde(default)]
        plans: Vec<String>,
        /// The AWS accounts ended.
        #[serde(default)]
        aws_accounts: Vec<String>,
        /// The letter signed by the legal representative, already stored.
        letter: AttachmentRef,
    },
    /// Decide to suspend a subscription for its overdue invoices (DOMAIN §8).
    DecideSuspension {
        /// The new suspension.
        process_id: Uuid,
        /// Its number.
        number: String,
        /// The subscription.
        subscription_id: Uuid,
    },
    /// Confirm a suspended subscription's payment, which starts its reconnection.
    ConfirmReconnectionPayment {
        /// The new reconnection.
        process_id: Uuid,
        /// Its number.
        number: String,
        /// The subscription.
        subscription_id: Uuid,
        /// The payment's reference and date.
        input: StepInput,
    },
    /// Complete a step of a termination, suspension or reconnection.
    CompleteProcessStep {
        /// The process.
        process_id: Uuid,
        /// The step.
        step: ServiceStep,
        /// What was recorded.
        input: StepInput,
    },
    /// Record one role's decision on a step several roles decide.
    DecideProcessStep {
        /// The process.
        process_id: Uuid,
        /// The step.
        step: ServiceStep,
        /// The role decided for.
        role: Role,
        /// Authorised or refused.
        approved: bool,
        /// Why.
        reason: String,
    },
    /// Reject a step's work, sending the process back.
    RejectProcessStep {
        /// The process.
        process_id: Uuid,
        /// The step.
        step: ServiceStep,
        /// Why.
        reason: String,
    },
    /// Cancel a termination, suspension or reconnection.
    CancelProcess {
        /// The process.
        process_id: Uuid,
        /// Why.
        reason: String,
    },
    /// Record a version of a customer's statement of a locked period, rendered on the
    /// laptop (its PDF is not stored: its hashes identify it).
    IssueStatement {
        /// The statement (derived from its number).
        statement_id: Uuid,
        /// The customer.
        customer_id: Uuid,
        /// The period it states.
        period: Period,
        /// Its number, `EC-{ruc}-{period}`.
        number: String,
        /// The version.
        version: u32,
        /// The SHA-256 of the snapshot it was rendered from.
        snapshot_sha256: String,
        /// The SHA-256 of its PDF.
        pdf_sha256: String,
        /// The instant printed on it as its issue.
        issued_at: DateTime<Utc>,
    },
}

/// What an operation carries.
// One value per change, read and written once: the size of the larger variant costs
// nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OperationBody {
    /// Per-field edits of one record.
    Fields {
        /// The kind of record.
        entity: EntityKind,
        /// The record.
        entity_id: Uuid,
        /// The fields changed.
        changes: Vec<FieldChange>,
    },
    /// A command.
    Command {
        /// The command.
        command: Command,
    },
}

/// One change queued for the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// Its id: a re-send with the same id is never applied twice.
    pub id: Uuid,
    /// When, on the hybrid logical clock.
    pub hlc: Hlc,
    /// The device that made it.
    pub device: Uuid,
    /// Who made it.
    pub actor: String,
    /// The kind of record it touches.
    pub entity: EntityKind,
    /// The record it touches.
    pub entity_id: Uuid,
    /// What it carries.
    pub body: OperationBody,
}
