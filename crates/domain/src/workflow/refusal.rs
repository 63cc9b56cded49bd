//! Why the engine refused a transition, before the process words it.

use crate::role::Role;

/// Why the engine refused a transition; the process words it with what it knows (the
/// instance's number, its customer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowRefusal<S> {
    /// The instance waits for another step.
    NotCurrent {
        /// The step asked for.
        asked: S,
        /// The step it waits for.
        current: S,
    },
    /// The instance is completed or cancelled.
    Closed {
        /// Whether it was completed (else cancelled).
        completed: bool,
    },
    /// The step's work cannot be rejected.
    NotRejectable {
        /// The step.
        step: S,
    },
    /// The step may not be skipped.
    NotSkippable {
        /// The step.
        step: S,
    },
    /// The step is done by decisions of several roles, not completed by one person.
    NeedsDecisions {
        /// The step.
        step: S,
    },
    /// The role does not decide on this step.
    NotADecider {
        /// The step.
        step: S,
        /// The role that tried.
        role: Role,
    },
}
