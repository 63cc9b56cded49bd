//! A process of the service's life as one type: its header, the engine's instance and
//! what started it, with the transitions every such process shares — complete, decide,
//! reject, cancel — each checking the person's role first, then the instance's state,
//! then the process's own rule, and changing nothing when refused.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::error::DomainError;
use crate::permission::{Action, authorize};
use crate::problem::{FieldError, Problem, required_text};
use crate::role::Role;
use crate::user::User;
use crate::workflow::{Decision, FieldValue, Flow, FlowRefusal, StepContext, StepInput, validate};

use super::kind::{KeyedStep, ProcessKind, ServiceStep};
use super::refusal::ServiceError;

/// One process of a subscription's life: termination, suspension or reconnection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "S: Serialize, D: Serialize",
    deserialize = "S: DeserializeOwned + Ord, D: DeserializeOwned"
))]
pub struct Case<S: Ord, D> {
    /// Stable id.
    pub id: Uuid,
    /// The number people call it by (`BAJ-7K3F-000001`).
    pub number: String,
    /// The subscription it acts on.
    pub subscription_id: Uuid,
    /// Its customer.
    pub customer_id: Uuid,
    /// Where it stands in its table.
    #[serde(flatten)]
    pub flow: Flow<S>,
    /// Who started it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// What started it.
    pub detail: D,
}

/// An open step of a process as «Mis tareas» lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseTask {
    /// The step.
    pub step: ServiceStep,
    /// The roles that may take it (for a decision: those still missing).
    pub roles: Vec<Role>,
    /// Since when it waits.
    pub since: DateTime<Utc>,
    /// When it is due, when it has a time limit.
    pub deadline: Option<DateTime<Utc>>,
    /// Whether it is past due at the instant asked.
    pub overdue: bool,
    /// Whether it is close to its deadline, not past it yet.
    pub near_deadline: bool,
}

pub(super) fn reason(text: &str) -> Result<String, DomainError> {
    required_text(text, 1000).map_err(|p| match p {
        Problem::Required => DomainError::ReasonRequired,
        other => DomainError::InvalidFields {
            errors: vec![FieldError::new("reason", "motivo", "reason", other)],
        },
    })
}

impl<S: KeyedStep, D: Clone> Case<S, D> {
    /// A new process whose first step is done by its starter with what it recorded.
    pub(super) fn start(
        header: (Uuid, String, Uuid, Uuid),
        detail: D,
        values: BTreeMap<String, FieldValue>,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<Case<S, D>, DomainError> {
        let (id, number, subscription_id, customer_id) = header;
        let first = S::first();
        authorize(by, Action::ServiceStep(first.service()))?;
        let mut flow = Flow::start(now);
        let case = Case {
            id,
            number,
            subscription_id,
            customer_id,
            flow: flow.clone(),
            created_by: by.username.clone(),
            created_at: now,
            detail,
        };
        flow.complete(first, &by.username, values, now)
            .map_err(|r| case.refused(r))?;
        Ok(Case { flow, ..case })
    }

    /// The process's kind.
    pub fn kind(&self) -> ProcessKind {
        S::first().service().kind()
    }

    /// Who last completed or sent back `step`, when it is no longer the current one: an
    /// action on it came too late (another laptop's reached the server first). `None`
    /// when nobody acted on it (the step is simply not reached yet).
    fn taken_meanwhile(&self, step: S) -> Option<ServiceError> {
        let completed = self.flow.records.get(&step).map(|r| (r.at, &r.by, false));
        let sent_back = self
            .flow
            .rejections
            .iter()
            .filter(|r| r.step == step)
            .map(|r| (r.at, &r.by, true))
            .max_by_key(|(at, ..)| *at);
        let (at, by, sent_back) = completed
            .into_iter()
            .chain(sent_back)
            .max_by_key(|(at, ..)| *at)?;
        Some(ServiceError::StepTakenMeanwhile {
            number: self.number.clone(),
            step: step.service(),
            by: by.clone(),
            at,
            sent_back,
            current: self.flow.current.map(|c| c.service()),
        })
    }

    /// The engine's refusal in the process's words.
    pub(super) fn refused(&self, refusal: FlowRefusal<S>) -> DomainError {
        let error = match refusal {
            FlowRefusal::NotCurrent { asked, current } => self
                .taken_meanwhile(asked)
                .unwrap_or_else(|| ServiceError::NotCurrentStep {
                    number: self.number.clone(),
                    asked: asked.service(),
                    current: current.service(),
                }),
            FlowRefusal::Closed { completed } => ServiceError::Closed {
                number: self.number.clone(),
                completed,
            },
            FlowRefusal::NotRejectable { step } | FlowRefusal::NotSkippable { step } => {
                ServiceError::NotRejectable {
                    step: step.service(),
                }
            }
            FlowRefusal::NeedsDecisions { step } => ServiceError::DecisionsRequired {
                step: step.service(),
                awaiting: self.flow.awaiting(step),
            },
            FlowRefusal::NotADecider { step, role } => ServiceError::NotADecider {
                step: step.service(),
                role,
                deciders: step.spec().deciders.to_vec(),
            },
        };
        DomainError::Service(error)
    }

    /// A copy whose flow the engine moved, or the engine's refusal in the process's words.
    fn moved<T>(
        &self,
        change: impl FnOnce(&mut Flow<S>) -> Result<T, FlowRefusal<S>>,
    ) -> Result<(Case<S, D>, T), DomainError> {
        let mut next = self.clone();
        let answer = change(&mut next.flow).map_err(|r| self.refused(r))?;
        Ok((next, answer))
    }

    /// Completes the current step with what the person recorded, once `rule` (the
    /// process's own check of the world and of the values) agrees.
    pub(super) fn complete(
        &self,
        step: S,
        input: &StepInput,
        ctx: &StepContext,
        by: &User,
        now: DateTime<Utc>,
        rule: impl FnOnce(&BTreeMap<String, FieldValue>) -> Result<(), DomainError>,
    ) -> Result<(Case<S, D>, Value), DomainError> {
        authorize(by, Action::ServiceStep(step.service()))?;
        self.flow
            .check_complete(step)
            .map_err(|r| self.refused(r))?;
        let values = validate(step, input, ctx, false)
            .map_err(|errors| DomainError::InvalidFields { errors })?;
        rule(&values)?;
        let (next, ()) = self.moved(|f| f.complete(step, &by.username, values.clone(), now))?;
        let changes = json!({
            "step": step.service(),
            "values": values,
            "next_step": next.flow.current.map(|s| s.service()),
            "status": next.flow.status,
        });
        Ok((next, changes))
    }

    /// Records the decision of one of the roles a step needs, in that role's name.
    pub fn decide(
        &self,
        step: S,
        role: Role,
        approved: bool,
        why: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Case<S, D>, Value), DomainError> {
        authorize(by, Action::ServiceStep(step.service()))?;
        if !by.has_any(&[role]) || !step.spec().deciders.contains(&role) {
            return Err(DomainError::Service(ServiceError::NotADecider {
                step: step.service(),
                role,
                deciders: step.spec().deciders.to_vec(),
            }));
        }
        self.flow.check_at(step).map_err(|r| self.refused(r))?;
        let why = reason(why)?;
        let decision = Decision {
            role,
            by: by.username.clone(),
            at: now,
            approved,
            reason: why.clone(),
        };
        let (next, ()) = self.moved(|f| f.decide(step, decision, now))?;
        let changes = json!({
            "step": step.service(),
            "role": role,
            "approved": approved,
            "reason": why,
            "awaiting": next.flow.awaiting(step),
            "next_step": next.flow.current.map(|s| s.service()),
        });
        Ok((next, changes))
    }

    /// Rejects the current step's work with a reason, sending the process back.
    pub fn reject(
        &self,
        step: S,
        why: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Case<S, D>, Value), DomainError> {
        authorize(by, Action::ServiceStep(step.service()))?;
        self.flow.check_reject(step).map_err(|r| self.refused(r))?;
        let why = reason(why)?;
        let (next, back_to) = self.moved(|f| f.reject(step, &by.username, &why, now))?;
        let changes =
            json!({ "step": step.service(), "back_to": back_to.service(), "reason": why });
        Ok((next, changes))
    }

    /// Cancels the process with a reason.
    pub fn cancel(
        &self,
        why: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Case<S, D>, Value), DomainError> {
        authorize(by, Action::CancelProcess(self.kind()))?;
        self.flow.check_open().map_err(|r| self.refused(r))?;
        let why = reason(why)?;
        let (next, at) = self.moved(|f| f.cancel(&by.username, &why, now))?;
        let changes = json!({ "at_step": at.map(|s| s.service()), "reason": why });
        Ok((next, changes))
    }

    /// The step it waits for, as «Mis tareas» lists it at `now`.
    pub fn task(&self, now: DateTime<Utc>) -> Option<CaseTask> {
        let open = self.flow.open_step(now)?;
        Some(CaseTask {
            step: open.step.service(),
            roles: open.roles,
            since: open.since,
            deadline: open.deadline,
            overdue: open.overdue,
            near_deadline: open.near_deadline,
        })
    }

    /// A typed value a step recorded.
    pub fn value(&self, step: S, key: &str) -> Option<&FieldValue> {
        self.flow.records.get(&step)?.values.get(key)
    }

    /// Whether a step is done.
    pub fn done(&self, step: S) -> bool {
        self.flow.records.contains_key(&step)
    }
}
