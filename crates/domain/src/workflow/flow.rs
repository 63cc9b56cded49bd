//! An instance of a process: where it stands in its table and how it moves — complete,
//! decide, reject, skip, cancel — with its deadline and its invariants. Transitions return nothing
//! changed on refusal; the process calls the `check_*` half first when its own checks
//! must come in between (its roles first, then the instance's state, then its rules).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::role::Role;

use super::condition::Condition;
use super::entry::{Cancellation, Decision, Rejection, Skip, StepRecord};
use super::fields::FieldValue;
use super::refusal::FlowRefusal;
use super::spec::ProcessStep;

/// Where an instance stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowStatus {
    /// Waiting for a step.
    Open,
    /// All its steps are done.
    Completed,
    /// Cancelled.
    Cancelled,
}

impl FlowStatus {
    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            FlowStatus::Open => "open",
            FlowStatus::Completed => "completed",
            FlowStatus::Cancelled => "cancelled",
        }
    }
}

/// An instance of the process whose steps are `S`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "S: Serialize", deserialize = "S: DeserializeOwned + Ord"))]
pub struct Flow<S: Ord> {
    /// Open, completed or cancelled.
    pub status: FlowStatus,
    /// The step it waits for, while open.
    pub current: Option<S>,
    /// The steps done, with what they recorded (a rejection removes the ones it undoes).
    pub records: BTreeMap<S, StepRecord<S>>,
    /// The optional steps skipped, with who, when and why.
    pub skipped: BTreeMap<S, Skip>,
    /// Since when it waits for its current step.
    pub step_since: DateTime<Utc>,
    /// The rejections it went through, oldest first.
    pub rejections: Vec<Rejection<S>>,
    /// Its cancellation, if cancelled.
    pub cancellation: Option<Cancellation>,
    /// When its last step was done, if completed.
    pub completed_at: Option<DateTime<Utc>>,
    /// The decisions taken on steps that need several roles', oldest first (absent in
    /// instances recorded before the engine had them).
    #[serde(default = "BTreeMap::new", skip_serializing_if = "BTreeMap::is_empty")]
    pub decisions: BTreeMap<S, Vec<Decision>>,
}

impl<S: ProcessStep> Flow<S> {
    /// A new instance waiting for the table's first step.
    pub fn start(now: DateTime<Utc>) -> Flow<S> {
        Flow {
            status: FlowStatus::Open,
            current: Some(S::first()),
            records: BTreeMap::new(),
            skipped: BTreeMap::new(),
            step_since: now,
            rejections: Vec::new(),
            cancellation: None,
            completed_at: None,
            decisions: BTreeMap::new(),
        }
    }

    /// The yes/no a step recorded in a field, if it did.
    pub fn flag(&self, step: S, key: &str) -> Option<bool> {
        match self.records.get(&step)?.values.get(key)? {
            FieldValue::Flag(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether the step is part of this instance: `None` while the choice is not made yet.
    pub fn applies(&self, step: S) -> Option<bool> {
        match step.spec().when {
            Condition::Always => Some(true),
            Condition::WhenYes { step, field } => self.flag(step, field),
        }
    }

    fn next_after(&self, step: S) -> Option<S> {
        let mut s = step.following();
        while let Some(candidate) = s {
            if self.applies(candidate) != Some(false) {
                return Some(candidate);
            }
            s = candidate.following();
        }
        None
    }

    /// Refuses unless the instance is open.
    pub fn check_open(&self) -> Result<(), FlowRefusal<S>> {
        match self.status {
            FlowStatus::Open => Ok(()),
            status => Err(FlowRefusal::Closed {
                completed: status == FlowStatus::Completed,
            }),
        }
    }

    /// Refuses unless the instance is open and waits for `step`.
    pub fn check_at(&self, step: S) -> Result<(), FlowRefusal<S>> {
        self.check_open()?;
        match self.current {
            Some(current) if current == step => Ok(()),
            Some(current) => Err(FlowRefusal::NotCurrent {
                asked: step,
                current,
            }),
            None => Err(FlowRefusal::Closed { completed: false }),
        }
    }

    /// Refuses unless `step` is the current one and one person completes it.
    pub fn check_complete(&self, step: S) -> Result<(), FlowRefusal<S>> {
        self.check_at(step)?;
        if step.spec().deciders.is_empty() {
            Ok(())
        } else {
            Err(FlowRefusal::NeedsDecisions { step })
        }
    }

    /// Where a rejection of `step` goes back to, or why it cannot be rejected now.
    pub fn check_reject(&self, step: S) -> Result<S, FlowRefusal<S>> {
        let back_to = step
            .spec()
            .rejects_to
            .ok_or(FlowRefusal::NotRejectable { step })?;
        self.check_at(step)?;
        Ok(back_to)
    }

    /// Refuses unless `step` may be skipped now.
    pub fn check_skip(&self, step: S) -> Result<(), FlowRefusal<S>> {
        if !step.spec().skippable {
            return Err(FlowRefusal::NotSkippable { step });
        }
        self.check_at(step)
    }

    fn advance_from(&mut self, step: S, now: DateTime<Utc>) {
        self.current = self.next_after(step);
        self.step_since = now;
        if self.current.is_none() {
            self.status = FlowStatus::Completed;
            self.completed_at = Some(now);
        }
    }

    /// Completes the current step with what was recorded (already checked), moving to the
    /// next step that applies, or completing the instance.
    pub fn complete(
        &mut self,
        step: S,
        by: &str,
        values: BTreeMap<String, FieldValue>,
        now: DateTime<Utc>,
    ) -> Result<(), FlowRefusal<S>> {
        self.check_complete(step)?;
        let record = StepRecord {
            step,
            by: by.to_string(),
            at: now,
            values,
        };
        self.records.insert(step, record);
        self.advance_from(step, now);
        Ok(())
    }

    /// Sends the instance back from `step` to where its table says, undoing the steps from
    /// there on (their records and decisions); the reason is already checked.
    pub fn reject(
        &mut self,
        step: S,
        by: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<S, FlowRefusal<S>> {
        let back_to = self.check_reject(step)?;
        self.send_back(step, back_to, by, reason, now);
        Ok(back_to)
    }

    fn send_back(&mut self, step: S, back_to: S, by: &str, reason: &str, now: DateTime<Utc>) {
        self.records.retain(|s, _| *s < back_to);
        self.decisions.retain(|s, _| *s < back_to);
        self.current = Some(back_to);
        self.step_since = now;
        self.rejections.push(Rejection {
            step,
            back_to,
            by: by.to_string(),
            at: now,
            reason: reason.to_string(),
        });
    }

    /// Skips the current step, when its table allows it; the reason is already checked.
    pub fn skip(
        &mut self,
        step: S,
        by: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), FlowRefusal<S>> {
        self.check_skip(step)?;
        let skip = Skip {
            by: by.to_string(),
            at: now,
            reason: reason.to_string(),
        };
        self.skipped.insert(step, skip);
        self.advance_from(step, now);
        Ok(())
    }

    /// Cancels the instance, returning the step it waited for; the reason is already
    /// checked.
    pub fn cancel(
        &mut self,
        by: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<S>, FlowRefusal<S>> {
        self.check_open()?;
        self.status = FlowStatus::Cancelled;
        let at_step = self.current.take();
        self.step_since = now;
        self.cancellation = Some(Cancellation {
            by: by.to_string(),
            at: now,
            reason: reason.to_string(),
        });
        Ok(at_step)
    }

    /// Records one role's decision on the current step. The latest decision of each role
    /// counts (a role may change its mind while the step is open); once every role the
    /// table names has approved, the step is done. A refusal sends the instance back
    /// where the table says, when it says; otherwise the step waits.
    pub fn decide(
        &mut self,
        step: S,
        decision: Decision,
        now: DateTime<Utc>,
    ) -> Result<(), FlowRefusal<S>> {
        self.check_at(step)?;
        let spec = step.spec();
        if !spec.deciders.contains(&decision.role) {
            return Err(FlowRefusal::NotADecider {
                step,
                role: decision.role,
            });
        }
        let (approved, by, reason) = (
            decision.approved,
            decision.by.clone(),
            decision.reason.clone(),
        );
        self.decisions.entry(step).or_default().push(decision);
        if !approved {
            if let Some(back_to) = spec.rejects_to {
                self.send_back(step, back_to, &by, &reason, now);
            }
            return Ok(());
        }
        if self.awaiting(step).is_empty() {
            let record = StepRecord {
                step,
                by,
                at: now,
                values: BTreeMap::new(),
            };
            self.records.insert(step, record);
            self.advance_from(step, now);
        }
        Ok(())
    }

    /// The roles whose approval a decision step still waits for.
    pub fn awaiting(&self, step: S) -> Vec<Role> {
        let taken = self.decisions.get(&step).map(Vec::as_slice).unwrap_or(&[]);
        step.spec()
            .deciders
            .iter()
            .copied()
            .filter(|role| {
                taken
                    .iter()
                    .rev()
                    .find(|d| d.role == *role)
                    .is_none_or(|d| !d.approved)
            })
            .collect()
    }

    /// When the current step is due, if its table gives it a time limit.
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.current?.spec().deadline(self.step_since)
    }

    /// Whether the current step is past its deadline at `now`.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.current
            .is_some_and(|step| step.spec().is_overdue(self.step_since, now))
    }

    /// Checks that the instance is in a state its table can reach; names what is wrong.
    pub fn check_invariants(&self) -> Result<(), String> {
        match (self.status, self.current) {
            (FlowStatus::Open, None) => return Err("open without a current step".into()),
            (FlowStatus::Completed | FlowStatus::Cancelled, Some(s)) => {
                return Err(format!("closed but waiting for step {}", s.position()));
            }
            _ => {}
        }
        if self.skipped.keys().any(|s| !s.spec().skippable) {
            return Err("a mandatory step was skipped".into());
        }
        if self.status == FlowStatus::Cancelled && self.cancellation.is_none() {
            return Err("cancelled without a cancellation".into());
        }
        let cancelled = self.status == FlowStatus::Cancelled;
        let limit = self.current;
        for row in S::table() {
            let step = row.step;
            let done = self.records.contains_key(&step) || self.skipped.contains_key(&step);
            let before_limit = limit.is_none_or(|c| step < c);
            let applies = self.applies(step);
            if done && applies == Some(false) {
                return Err(format!("step {} done outside its branch", step.position()));
            }
            if Some(step) == limit && done {
                return Err(format!("current step {} already done", step.position()));
            }
            if let Some(c) = limit.filter(|c| step > *c && done) {
                return Err(format!(
                    "step {} done after current step {}",
                    step.position(),
                    c.position()
                ));
            }
            if !cancelled && before_limit && applies == Some(true) && !done {
                return Err(format!(
                    "step {} not done before step {:?}",
                    step.position(),
                    limit.map(|c| c.position())
                ));
            }
            if before_limit && !cancelled && applies.is_none() {
                return Err(format!(
                    "step {} undecided before the current step",
                    step.position()
                ));
            }
        }
        Ok(())
    }
}
