//! The service's life after onboarding (DOMAIN §6 and §8): termination, suspension and
//! reconnection, each a table of the workflow engine (`crate::workflow`) and a thin
//! process type around its [`Flow`](crate::workflow::Flow), acting on a subscription.
//!
//! A process here is a [`Case`]: a header (its number, subscription and customer), the
//! engine's instance and what started it (the termination's request, the suspension's
//! overdue invoices, the reconnection's suspension). Its rules read the world through
//! [`Facts`] — the subscription, the customer's invoices, the day, the grace period, the
//! other processes of the subscription — given by the caller; nothing here reads a clock
//! or a store. Completing a process's last effective step changes the subscription
//! ([`Effect`]), in the same operation.

mod case;
mod facts;
mod kind;
mod process;
mod reconnection;
mod refusal;
mod suspension;
mod termination;
#[cfg(test)]
mod tests;

pub use case::{Case, CaseTask};
pub use facts::{Facts, OverdueInvoice, Owing, overdue_beyond_grace, owing};
pub use kind::{KeyedStep, ProcessKind, ServiceStep, UnknownServiceStep};
pub use process::{Effect, ServiceProcess};
pub use reconnection::{Reconnection, ReconnectionGrounds, ReconnectionStep};
pub use refusal::ServiceError;
pub use suspension::{DEFAULT_GRACE_DAYS, Suspension, SuspensionGrounds, SuspensionStep};
pub use termination::{
    MIN_NOTICE_DAYS, Termination, TerminationRequest, TerminationScope, TerminationStep,
};
