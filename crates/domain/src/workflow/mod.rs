//! The workflow engine: a process is a table of steps, and an instance of it (a
//! [`Flow`]) moves through that table with complete, decide, reject, skip and cancel.
//!
//! A step's row ([`StepSpec`]) says who may do it (one or more roles), the fields it
//! records and their checks, the preconditions it has, which step a rejection sends the
//! instance back to, whether it may be skipped, when it is taken at all (a
//! [`Condition`] on a yes/no an earlier step recorded: onboarding's complex and
//! price-exception branches), whether it needs the decisions of several roles, each with
//! its reason, its time limit in calendar hours counted from the previous step, and the
//! documents it produces or records signed. Onboarding (`crate::order`) is the first table;
//! termination, suspension and reconnection are the next ones, each a table and a thin
//! process type around a [`Flow`].
//!
//! The engine knows nothing of customers, documents or storage: a process checks its
//! preconditions with what it knows and maps the engine's refusals ([`FlowRefusal`]) to
//! its own words. Every transition takes the instant it happens at (no clock is read) and
//! changes nothing when refused. The history of an instance is the history of the
//! operations that moved it: each transition is one operation (`crate::operation`), so
//! every process shares the one history the journal writes.

mod condition;
mod entry;
mod fields;
mod flow;
mod refusal;
mod spec;
mod task;
#[cfg(test)]
mod tests;
mod timeline;
mod validate;

pub use condition::Condition;
pub use entry::{Cancellation, Decision, Rejection, Skip, StepRecord};
pub use fields::{
    AttachmentRef, FieldKind, FieldSpec, FieldValue, Need, Requirement, StepContext, StepInput,
    field, size_label,
};
pub use flow::{Flow, FlowStatus};
pub use refusal::FlowRefusal;
pub use spec::{Lateness, NEAR_DEADLINE_PERCENT, Precondition, ProcessStep, StepSpec};
pub use task::OpenStep;
pub use timeline::{StepState, TimelineEntry};
pub use validate::{check_signed_pdf, requirement, validate};
