//! Documents and signatures (DOMAIN §7): which documents Nimbo issues, each issue as a
//! numbered version, and the signature record that follows a version from issue to
//! signed (or declined, voided, expired) at two levels — the document and each signer.

mod channel;
mod event;
mod kind;
mod signature;
mod signer;
mod support;
#[cfg(test)]
mod tests;
mod trail;
mod version;

pub use channel::{Channel, UnknownChannel};
pub use event::{SignatureEvent, SignatureEventKind};
pub use kind::{DocumentKind, UnknownKind};
pub use signature::{SignatureRecord, SignatureState, SignatureStateId};
pub use signer::{Party, SignatureMethod, SignerEntry, SignerState, UnknownParty};
pub use support::{
    EscalationLevel, KAM_TITLE, ORDER_MANAGER_TITLE, ResponseLine, Severity, SupportLine,
    escalation_levels, invoice_instructions, password_help, response_lines, support_lines,
};
pub use trail::TrailEvent;
pub use version::{DocumentVersion, VersionStatus, payload_of};
