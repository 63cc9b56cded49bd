//! The order's life: opened, stepped forward, sent back, skipped, cancelled, completed.
//! Every transition checks the actor's role first, then the order's state and the
//! step's preconditions, and returns a new order; nothing is changed on refusal.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::customer::{BillingAccount, Customer, REQUIRED_BILLING_CYCLE};
use crate::document::DocumentKind;
use crate::error::DomainError;
use crate::permission::{Action, authorize};
use crate::problem::{FieldError, required_text};
use crate::user::User;

use super::record::{FieldValue, StepContext, StepInput, StepRecord, validate};
use super::step::{Branch, Step};

/// Where an order stands as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Waiting for a step.
    Open,
    /// All its steps are done; its subscription is active.
    Completed,
    /// Cancelled before activation.
    Cancelled,
}

impl OrderStatus {
    /// The id used in storage and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            OrderStatus::Open => "open",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
        }
    }
}

/// A rejection that sent the order back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// The step whose role rejected.
    pub step: Step,
    /// Where the order went back to.
    pub back_to: Step,
    /// Who rejected.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

/// A skipped optional step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    /// Who skipped it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

/// A cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    /// Who cancelled.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Why.
    pub reason: String,
}

/// One customer's request carried through the onboarding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// Stable id.
    pub id: Uuid,
    /// The number people call it by.
    pub number: String,
    /// The customer.
    pub customer_id: Uuid,
    /// A short description of what is sold.
    pub title: String,
    /// Open, completed or cancelled.
    pub status: OrderStatus,
    /// The step the order waits for, while open.
    pub current: Option<Step>,
    /// The steps done, with what they recorded (a rejection removes the ones it undoes).
    pub records: BTreeMap<Step, StepRecord>,
    /// The optional steps skipped, with who, when and why.
    pub skipped: BTreeMap<Step, Skip>,
    /// Who opened it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Since when the order waits for its current step.
    pub step_since: DateTime<Utc>,
    /// The rejections it went through, oldest first.
    pub rejections: Vec<Rejection>,
    /// Its cancellation, if cancelled.
    pub cancellation: Option<Cancellation>,
    /// When its last step was done, if completed.
    pub completed_at: Option<DateTime<Utc>>,
    /// The billing account the service was activated on at step 13: the subscription is
    /// billed on it, whatever the customer's account becomes later.
    #[serde(default)]
    pub activation_account: Option<BillingAccount>,
}

/// How a step stands on an order's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StepState {
    /// Done, with its record.
    Done {
        /// What was recorded.
        record: StepRecord,
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
    /// Not part of this order's branch.
    NotApplicable,
    /// Not yet known: it depends on a choice a later step makes.
    Undecided,
}

/// One line of an order's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// The step.
    pub step: Step,
    /// How it stands.
    pub state: StepState,
}

fn reason(text: &str) -> Result<String, DomainError> {
    required_text(text, 1000).map_err(|p| match p {
        crate::problem::Problem::Required => DomainError::ReasonRequired,
        other => DomainError::InvalidFields {
            errors: vec![FieldError::new("reason", "motivo", "reason", other)],
        },
    })
}

impl Order {
    /// Opens an order for a customer.
    pub fn open(
        id: Uuid,
        number: String,
        customer: &Customer,
        title: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<Order, DomainError> {
        authorize(by, Action::CreateOrder)?;
        let title = required_text(title, 200).map_err(|p| DomainError::InvalidFields {
            errors: vec![FieldError::new("title", "descripción", "description", p)],
        })?;
        Ok(Order {
            id,
            number,
            customer_id: customer.id,
            title,
            status: OrderStatus::Open,
            current: Some(Step::NeedsSurvey),
            records: BTreeMap::new(),
            skipped: BTreeMap::new(),
            created_by: by.username.clone(),
            created_at: now,
            step_since: now,
            rejections: Vec::new(),
            cancellation: None,
            completed_at: None,
            activation_account: None,
        })
    }

    fn flag(&self, step: Step, key: &str) -> Option<bool> {
        match self.records.get(&step)?.values.get(key)? {
            FieldValue::Flag(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether the needs survey flagged a complex solution (unknown before it).
    pub fn is_complex(&self) -> Option<bool> {
        self.flag(Step::NeedsSurvey, "complex")
    }

    /// Whether the offer carries a price exception (unknown before the offer).
    pub fn has_price_exception(&self) -> Option<bool> {
        self.flag(Step::Offer, "price_exception")
    }

    /// Whether the offer records risks the customer accepts.
    pub fn has_risks(&self) -> bool {
        self.records.get(&Step::Offer).is_some_and(|r| {
            matches!(r.values.get("risks"), Some(FieldValue::List(l)) if !l.is_empty())
                || r.values.contains_key("risks_other")
        })
    }

    /// Whether the step is part of this order: `None` while the choice is not made yet.
    pub fn applies(&self, step: Step) -> Option<bool> {
        match step.branch() {
            Branch::Always => Some(true),
            Branch::Complex => self.is_complex(),
            Branch::PriceException => self.has_price_exception(),
        }
    }

    /// Whether the service was activated in Siebel (so cancelling is no longer possible).
    pub fn is_activated(&self) -> bool {
        self.records.contains_key(&Step::SiebelActivation)
    }

    fn next_after(&self, step: Step) -> Option<Step> {
        let mut s = step.following();
        while let Some(candidate) = s {
            if self.applies(candidate) != Some(false) {
                return Some(candidate);
            }
            s = candidate.following();
        }
        None
    }

    fn ensure_open_at(&self, step: Step) -> Result<(), DomainError> {
        match (self.status, self.current) {
            (OrderStatus::Open, Some(current)) if current == step => Ok(()),
            (OrderStatus::Open, Some(current)) => Err(DomainError::NotCurrentStep {
                number: self.number.clone(),
                asked: step,
                current,
            }),
            (status, _) => Err(DomainError::OrderClosed {
                number: self.number.clone(),
                completed: status == OrderStatus::Completed,
            }),
        }
    }

    fn ensure_open(&self) -> Result<(), DomainError> {
        match self.status {
            OrderStatus::Open => Ok(()),
            status => Err(DomainError::OrderClosed {
                number: self.number.clone(),
                completed: status == OrderStatus::Completed,
            }),
        }
    }

    /// Checks what must be true of the customer before the step.
    pub fn preconditions(step: Step, customer: &Customer) -> Result<(), DomainError> {
        match step {
            Step::CustomerSignature | Step::DocumentValidation
                if !customer.has_master_contract() =>
            {
                Err(DomainError::MasterContractMissing {
                    step,
                    customer: customer.name.clone(),
                })
            }
            Step::SiebelActivation => match &customer.billing_account {
                Some(a) if a.cycle == REQUIRED_BILLING_CYCLE => Ok(()),
                other => Err(DomainError::BillingCycleNot15 {
                    customer: customer.name.clone(),
                    cycle: other.as_ref().map(|a| a.cycle),
                }),
            },
            _ => Ok(()),
        }
    }

    /// Document validation (12) checks again that the risk act, where the offer records
    /// risks, is signed: either its signed copy was attached at step 9, or the risk act
    /// Nimbo issued is signed now (a newer, unsigned version voids the signed one).
    fn documents_signed(&self, step: Step, ctx: &StepContext) -> Result<(), DomainError> {
        if step != Step::DocumentValidation || !self.has_risks() {
            return Ok(());
        }
        let attached = self
            .records
            .get(&Step::CustomerSignature)
            .is_some_and(|r| r.values.contains_key("signed_risk_act"));
        if attached || ctx.signed_documents.contains(&DocumentKind::RiskAct) {
            Ok(())
        } else {
            Err(DomainError::DocumentNotSigned {
                kind: DocumentKind::RiskAct,
                step,
            })
        }
    }

    fn advance_from(&mut self, step: Step, now: DateTime<Utc>) {
        self.current = self.next_after(step);
        self.step_since = now;
        if self.current.is_none() {
            self.status = OrderStatus::Completed;
            self.completed_at = Some(now);
        }
    }

    /// Completes the current step with what the actor recorded.
    pub fn complete_step(
        &self,
        step: Step,
        input: &StepInput,
        ctx: &StepContext,
        customer: &Customer,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Order, Value), DomainError> {
        authorize(by, Action::CompleteStep(step))?;
        self.ensure_open_at(step)?;
        Order::preconditions(step, customer)?;
        self.documents_signed(step, ctx)?;
        let values = validate(step, input, ctx, self.has_risks())
            .map_err(|errors| DomainError::InvalidFields { errors })?;
        let mut next = self.clone();
        next.records.insert(
            step,
            StepRecord {
                step,
                by: by.username.clone(),
                at: now,
                values: values.clone(),
            },
        );
        if step == Step::SiebelActivation {
            next.activation_account = customer.billing_account.clone();
        }
        next.advance_from(step, now);
        let changes = json!({
            "step": step.number(),
            "values": values,
            "next_step": next.current.map(|s| s.number()),
            "status": next.status,
        });
        Ok((next, changes))
    }

    /// Rejects the current step's work with a reason, sending the order back.
    pub fn reject(
        &self,
        step: Step,
        why: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Order, Value), DomainError> {
        authorize(by, Action::RejectStep(step))?;
        let back_to = step
            .rejects_to()
            .ok_or(DomainError::NotRejectable { step })?;
        self.ensure_open_at(step)?;
        let why = reason(why)?;
        let mut next = self.clone();
        next.records.retain(|s, _| *s < back_to);
        next.current = Some(back_to);
        next.step_since = now;
        next.rejections.push(Rejection {
            step,
            back_to,
            by: by.username.clone(),
            at: now,
            reason: why.clone(),
        });
        let changes = json!({ "step": step.number(), "back_to": back_to.number(), "reason": why });
        Ok((next, changes))
    }

    /// Skips the current step, when it is optional.
    pub fn skip(
        &self,
        step: Step,
        why: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Order, Value), DomainError> {
        if !step.is_optional() {
            return Err(DomainError::NotSkippable { step });
        }
        authorize(by, Action::SkipStep(step))?;
        self.ensure_open_at(step)?;
        let why = reason(why)?;
        let mut next = self.clone();
        next.skipped.insert(
            step,
            Skip {
                by: by.username.clone(),
                at: now,
                reason: why.clone(),
            },
        );
        next.advance_from(step, now);
        let changes = json!({ "step": step.number(), "reason": why, "next_step": next.current.map(|s| s.number()) });
        Ok((next, changes))
    }

    /// Cancels the order, which is possible only before activation.
    pub fn cancel(
        &self,
        why: &str,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Order, Value), DomainError> {
        authorize(by, Action::CancelOrder)?;
        self.ensure_open()?;
        if self.is_activated() {
            return Err(DomainError::TooLateToCancel {
                number: self.number.clone(),
            });
        }
        let why = reason(why)?;
        let mut next = self.clone();
        next.status = OrderStatus::Cancelled;
        let at_step = next.current.take();
        next.step_since = now;
        next.cancellation = Some(Cancellation {
            by: by.username.clone(),
            at: now,
            reason: why.clone(),
        });
        let changes = json!({ "at_step": at_step.map(|s| s.number()), "reason": why });
        Ok((next, changes))
    }

    /// The 22 steps and how each stands for this order.
    pub fn timeline(&self) -> Vec<TimelineEntry> {
        Step::ALL
            .into_iter()
            .map(|step| {
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

    /// Checks that the order is in a state the workflow can reach; names what is wrong.
    pub fn check_invariants(&self) -> Result<(), String> {
        match (self.status, self.current) {
            (OrderStatus::Open, None) => return Err("open without a current step".into()),
            (OrderStatus::Completed | OrderStatus::Cancelled, Some(s)) => {
                return Err(format!("closed but waiting for step {}", s.number()));
            }
            _ => {}
        }
        if self.skipped.keys().any(|s| !s.is_optional()) {
            return Err("a mandatory step was skipped".into());
        }
        if self.status == OrderStatus::Cancelled && self.is_activated() {
            return Err("cancelled after activation".into());
        }
        if self.status == OrderStatus::Cancelled && self.cancellation.is_none() {
            return Err("cancelled without a cancellation".into());
        }
        let limit = self.current;
        for step in Step::ALL {
            let done = self.records.contains_key(&step) || self.skipped.contains_key(&step);
            let before_limit = limit.is_none_or(|c| step < c);
            let applies = self.applies(step);
            if done && applies == Some(false) {
                return Err(format!("step {} done outside its branch", step.number()));
            }
            if Some(step) == limit && done {
                return Err(format!("current step {} already done", step.number()));
            }
            if let Some(c) = limit.filter(|c| step > *c && done) {
                return Err(format!(
                    "step {} done after current step {}",
                    step.number(),
                    c.number()
                ));
            }
            let must_be_done =
                self.status != OrderStatus::Cancelled && before_limit && applies == Some(true);
            if must_be_done && !done {
                return Err(format!(
                    "step {} not done before step {:?}",
                    step.number(),
                    limit.map(|c| c.number())
                ));
            }
            if before_limit && self.status != OrderStatus::Cancelled && applies.is_none() {
                return Err(format!(
                    "step {} undecided before the current step",
                    step.number()
                ));
            }
        }
        if self.status == OrderStatus::Completed
            && !self.records.contains_key(&Step::CloseBackValidation)
        {
            return Err("completed without closing the back validation".into());
        }
        Ok(())
    }
}
