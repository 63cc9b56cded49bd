//! The order (DOMAIN §4): one customer's request carried through the 22 steps.

mod lifecycle;
mod record;
mod step;
#[cfg(test)]
mod tests;

pub use lifecycle::{Cancellation, Order, OrderStatus, Rejection, Skip, StepState, TimelineEntry};
pub use record::{
    AttachmentRef, FieldValue, StepContext, StepInput, StepRecord, document_of_field, validate,
};
pub use step::{Branch, FieldKind, FieldSpec, Need, Step, UnknownStep};
