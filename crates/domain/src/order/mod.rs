//! The order (DOMAIN §4): one customer's request carried through the 22 steps of the
//! onboarding, the workflow engine's first process (`crate::workflow`).

mod fields;
mod lifecycle;
mod step;
mod table;
#[cfg(test)]
mod tests;
mod turn;

pub use lifecycle::{Order, OrderStatus};
pub use step::{Branch, Step, UnknownStep};
pub use table::ONBOARDING;

pub use crate::workflow::{
    AttachmentRef, Cancellation, FieldKind, FieldSpec, FieldValue, Need, Precondition, Requirement,
    Skip, StepContext, StepInput, requirement, validate,
};

/// A rejection that sent an order back.
pub type Rejection = crate::workflow::Rejection<Step>;
/// A completed onboarding step: who, when and what.
pub type StepRecord = crate::workflow::StepRecord<Step>;
/// How a step stands on an order's timeline.
pub type StepState = crate::workflow::StepState<Step>;
/// One line of an order's timeline.
pub type TimelineEntry = crate::workflow::TimelineEntry<Step>;

/// The document whose signature a step's field records, if it is one Nimbo issues.
pub fn document_of_field(step: Step, key: &str) -> Option<crate::document::DocumentKind> {
    use crate::workflow::ProcessStep;
    step.spec().signed_document(key)
}
