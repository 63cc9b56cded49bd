//! Commands by area: each area (organisation, users, customers, files, onboarding,
//! documents and their signatures) keeps, beside its commands, the records they need, how they
//! apply, the action that authorises them, the files they name and how the history words
//! them — so a new command touches its area and one line of [`Command::area`].
//!
//! [`Command`] itself stays one flat enum: it is the sync wire (every recorded operation
//! must keep decoding byte for byte) and the way every front door builds a command. An
//! area reads the variants that [`Command::area`] routes to it.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::order::AttachmentRef;
use crate::permission::Action;
use crate::user::User;

use super::records::{RecordKey, Records};
use super::refusal::Refusal;
use super::{Command, apply::Outcome};

mod billing;
mod catalogue;
mod customers;
mod documents;
mod files;
mod lifecycle;
mod onboarding;
mod organisation;
mod statements;
mod users;

pub use documents::signature_changes;

/// What a command is decided against: who sends it, when, and the records it reads.
pub(super) struct Context<'a> {
    /// The author, as the caller knows them.
    pub actor: &'a User,
    /// The operation's instant.
    pub at: DateTime<Utc>,
    /// That instant's day in Asunción, for the dates a rule compares.
    pub today: NaiveDate,
    /// The records [`Area::wanted`] named, as loaded.
    pub view: &'a dyn Records,
}

/// One area's rules for its commands; every method is given only the area's own commands.
pub(super) trait Area: Sync {
    /// The records applying the command reads, given what the view holds so far.
    fn wanted(&self, command: &Command, view: &dyn Records) -> Vec<RecordKey>;

    /// Decides the command against the records: what it writes, or why not.
    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal>;

    /// The action it asks permission for; `None` when any active user may send it.
    fn action(&self, command: &Command) -> Option<Action>;

    /// The history entry's action id, e.g. `order.step_completed`.
    fn history_action(&self, command: &Command) -> &'static str;

    /// The stored files the command refers to.
    fn attachments<'c>(&self, _command: &'c Command) -> Vec<&'c AttachmentRef> {
        Vec::new()
    }

    /// What the command states it changes, for a history entry written without a replay.
    fn stated_changes(&self, _command: &Command) -> Value {
        json!({})
    }
}

impl Command {
    /// The area whose rules decide the command: the one dispatch line a command adds.
    pub(super) fn area(&self) -> &'static dyn Area {
        match self {
            Command::InitOrganisation { .. } => &organisation::Organisation,
            Command::SetOrganisationLogo { .. } => &organisation::Organisation,
            Command::CreateUser { .. } => &users::Users,
            Command::GrantRole { .. } => &users::Users,
            Command::RevokeRole { .. } => &users::Users,
            Command::SetUserActive { .. } => &users::Users,
            Command::CreateCustomer { .. } => &customers::Customers,
            Command::AddRepresentative { .. } => &customers::Customers,
            Command::CorrectRepresentative { .. } => &customers::Customers,
            Command::RemoveRepresentative { .. } => &customers::Customers,
            Command::RecordMasterContract { .. } => &customers::Customers,
            Command::StoreAttachment { .. } => &files::Files,
            Command::OpenOrder { .. } => &onboarding::Onboarding,
            Command::CompleteStep { .. } => &onboarding::Onboarding,
            Command::RejectStep { .. } => &onboarding::Onboarding,
            Command::SkipStep { .. } => &onboarding::Onboarding,
            Command::CancelOrder { .. } => &onboarding::Onboarding,
            Command::IssueDocumentVersion { .. } => &documents::Documents,
            Command::SendDocument { .. } => &documents::Documents,
            Command::SignDocumentInPerson { .. } => &documents::Documents,
            Command::AttachSignedCopy { .. } => &documents::Documents,
            Command::DeclineDocument { .. } => &documents::Documents,
            Command::VoidDocument { .. } => &documents::Documents,
            Command::ExpireDocument { .. } => &documents::Documents,
            Command::SetPlanPrice { .. } => &catalogue::Catalogue,
            Command::SetRisk { .. } => &catalogue::Catalogue,
            Command::SetHoliday { .. } => &catalogue::Catalogue,
            Command::RecordConsumptionImport { .. } => &billing::Billing,
            Command::LogHours { .. } => &billing::Billing,
            Command::AddAdjustment { .. } => &billing::Billing,
            Command::LockPeriod { .. } => &billing::Billing,
            Command::RecordInvoice { .. } => &billing::Billing,
            Command::RecordPayment { .. } => &billing::Billing,
            Command::RequestTermination { .. } => &lifecycle::Lifecycle,
            Command::DecideSuspension { .. } => &lifecycle::Lifecycle,
            Command::ConfirmReconnectionPayment { .. } => &lifecycle::Lifecycle,
            Command::CompleteProcessStep { .. } => &lifecycle::Lifecycle,
            Command::DecideProcessStep { .. } => &lifecycle::Lifecycle,
            Command::RejectProcessStep { .. } => &lifecycle::Lifecycle,
            Command::CancelProcess { .. } => &lifecycle::Lifecycle,
            Command::IssueStatement { .. } => &statements::Statements,
        }
    }
}

/// The refusal an area gives a command [`Command::area`] did not route to it: a mistake
/// in the routing refuses the operation instead of bringing the server down.
fn misrouted() -> Refusal {
    Refusal::Inconsistent { id: Uuid::nil() }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod billing_tests;

#[cfg(test)]
mod statements_tests;
