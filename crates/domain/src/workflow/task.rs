//! An open step as an inbox («Mis tareas») lists it: which step of which instance waits,
//! for which roles, since when, and until when when its table gives it a time limit.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::role::Role;

use super::flow::{Flow, FlowStatus};
use super::spec::ProcessStep;

/// A step waiting to be done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenStep<S> {
    /// The step.
    pub step: S,
    /// The roles that may do it (for a decision step: those whose decision is missing).
    pub roles: Vec<Role>,
    /// Since when it waits.
    pub since: DateTime<Utc>,
    /// When it is due, if it has a time limit.
    pub deadline: Option<DateTime<Utc>>,
    /// Whether it was past due at the instant asked about.
    pub overdue: bool,
    /// Whether it is close to its deadline and not past it yet (the spec's warning).
    pub near_deadline: bool,
}

impl<S: ProcessStep> OpenStep<S> {
    /// Whether any of the roles may do it.
    pub fn is_for(&self, roles: &[Role]) -> bool {
        self.roles.iter().any(|r| roles.contains(r))
    }
}

impl<S: ProcessStep> Flow<S> {
    /// The step the instance waits for, as seen at `now`; none when it is closed.
    pub fn open_step(&self, now: DateTime<Utc>) -> Option<OpenStep<S>> {
        if self.status != FlowStatus::Open {
            return None;
        }
        let step = self.current?;
        let spec = step.spec();
        let roles = if spec.deciders.is_empty() {
            spec.roles.to_vec()
        } else {
            self.awaiting(step)
        };
        Some(OpenStep {
            step,
            roles,
            since: self.step_since,
            deadline: self.deadline(),
            overdue: self.is_overdue(now),
            near_deadline: spec.is_near_deadline(self.step_since, now) && !self.is_overdue(now),
        })
    }
}
