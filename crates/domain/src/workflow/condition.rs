//! When a step is part of an instance: always, or only when a yes/no an earlier step
//! recorded says so — unknown until that step is done.

/// When a step is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition<S: 'static> {
    /// In every instance.
    Always,
    /// Only when the yes/no field `field` that step `step` recorded is yes.
    WhenYes {
        /// The step that records the choice.
        step: S,
        /// The yes/no field.
        field: &'static str,
    },
}
