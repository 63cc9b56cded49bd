//! Every step of a process's table and how it stands for one instance: done, current,
//! pending, skipped, not applicable or not yet decided.

use serde::Serialize;

use super::entry::{Skip, StepRecord};
use super::flow::Flow;
use super::spec::ProcessStep;

/// How a step stands on an instance's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepState<S> {
    /// Done, with its record.
    Done {
        /// What was recorded.
        record: StepRecord<S>,
    },
    /// Waiting to be done now.
    Current,
    /// To be done later.
    Pending,
    /// Skipped (an optional step), with who, when and why.
    Skipped {
        /// The skip.
        skip: Skip,
    },
    /// Not part of this instance's branch.
    NotApplicable,
    /// Not yet known: it depends on a choice a later step makes.
    Undecided,
}

/// One line of an instance's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry<S> {
    /// The step.
    pub step: S,
    /// How it stands.
    pub state: StepState<S>,
}

impl<S: ProcessStep> Flow<S> {
    /// Every step of the table and how it stands for this instance.
    pub fn timeline(&self) -> Vec<TimelineEntry<S>> {
        S::table()
            .iter()
            .map(|row| {
                let step = row.step;
                let state = if let Some(record) = self.records.get(&step) {
                    StepState::Done {
                        record: record.clone(),
                    }
                } else if let Some(skip) = self.skipped.get(&step) {
                    StepState::Skipped { skip: skip.clone() }
                } else if self.current == Some(step) {
                    StepState::Current
                } else {
                    match self.applies(step) {
                        Some(false) => StepState::NotApplicable,
                        None => StepState::Undecided,
                        Some(true) => StepState::Pending,
                    }
                };
                TimelineEntry { step, state }
            })
            .collect()
    }
}
