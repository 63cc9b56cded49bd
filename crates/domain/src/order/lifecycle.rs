//! The order's life: opened, stepped forward, sent back, skipped, cancelled, completed.
//! Every transition checks the actor's role first, then the order's state and the
//! step's preconditions, and returns a new order; nothing is changed on refusal.

use std::collections::BTreeSet;

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

use crate::workflow::{
    Flow, FlowRefusal, FlowStatus, Precondition, ProcessStep, StepContext, StepInput, validate,
};

use super::step::Step;

/// Where an order stands as a whole: open, completed or cancelled.
pub type OrderStatus = FlowStatus;

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
    /// Where it stands in the onboarding: its status, current step, what each step
    /// recorded, skips, rejections and cancellation (the same JSON fields as before the
    /// engine: flattened).
    #[serde(flatten)]
    pub flow: Flow<Step>,
    /// Who opened it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// The billing account the service was activated on at step 13: the subscription is
    /// billed on it, whatever the customer's account becomes later.
    #[serde(default)]
    pub activation_account: Option<BillingAccount>,
}

/// A precondition the customer answers, when the customer does not meet it.
fn customer_unmet(
    precondition: Precondition,
    step: Step,
    customer: &Customer,
) -> Option<DomainError> {
    match precondition {
        Precondition::MasterContract if !customer.has_master_contract() => {
            Some(DomainError::MasterContractMissing {
                step,
                customer: customer.name.clone(),
            })
        }
        Precondition::BillingCycle15 => match &customer.billing_account {
            Some(a) if a.cycle == REQUIRED_BILLING_CYCLE => None,
            other => Some(DomainError::BillingCycleNot15 {
                customer: customer.name.clone(),
                cycle: other.as_ref().map(|a| a.cycle),
            }),
        },
        _ => None,
    }
}

fn reason(text: &str) -> Result<String, DomainError> {
    required_text(text, 1000).map_err(|p| match p {
        crate::problem::Problem::Required => DomainError::ReasonRequired,
        other => DomainError::InvalidFields {
            errors: vec![FieldError::new("reason", "motivo", "reason", other)],
        },
    })
}

impl std::ops::Deref for Order {
    type Target = Flow<Step>;

    /// An order is an onboarding instance with a header: its flow's state reads through.
    fn deref(&self) -> &Flow<Step> {
        &self.flow
    }
}

impl std::ops::DerefMut for Order {
    fn deref_mut(&mut self) -> &mut Flow<Step> {
        &mut self.flow
    }
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
            flow: Flow::start(now),
            created_by: by.username.clone(),
            created_at: now,
            activation_account: None,
        })
    }

    /// The engine's refusal in the order's words.
    fn refused(&self, refusal: FlowRefusal<Step>) -> DomainError {
        let names = |step: Step| (step.spec().name_es, step.spec().name_en);
        match refusal {
            FlowRefusal::NotCurrent { asked, current } => DomainError::NotCurrentStep {
                number: self.number.clone(),
                asked,
                current,
            },
            FlowRefusal::Closed { completed } => DomainError::OrderClosed {
                number: self.number.clone(),
                completed,
            },
            FlowRefusal::NotRejectable { step } => DomainError::NotRejectable { step },
            FlowRefusal::NotSkippable { step } => DomainError::NotSkippable { step },
            FlowRefusal::NeedsDecisions { step } => DomainError::DecisionsRequired {
                step: names(step),
                awaiting: self.flow.awaiting(step),
            },
            FlowRefusal::NotADecider { step, role } => DomainError::NotADecider {
                step: names(step),
                role,
                deciders: step.spec().deciders.to_vec(),
            },
        }
    }

    /// A copy of the order whose flow the engine moved, or the engine's refusal in the
    /// order's words; the order itself never changes.
    fn moved<T>(
        &self,
        change: impl FnOnce(&mut Flow<Step>) -> Result<T, FlowRefusal<Step>>,
    ) -> Result<(Order, T), DomainError> {
        let mut next = self.clone();
        let answer = change(&mut next.flow).map_err(|r| self.refused(r))?;
        Ok((next, answer))
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
            matches!(r.values.get("risks"), Some(crate::workflow::FieldValue::List(l)) if !l.is_empty())
                || r.values.contains_key("risks_other")
        })
    }

    /// Whether the service was activated in Siebel (so cancelling is no longer possible).
    pub fn is_activated(&self) -> bool {
        self.records.contains_key(&Step::SiebelActivation)
    }

    /// Checks what must be true of the customer before the step (its table's
    /// preconditions that the customer answers).
    pub fn preconditions(step: Step, customer: &Customer) -> Result<(), DomainError> {
        match step
            .preconditions()
            .iter()
            .find_map(|p| customer_unmet(*p, step, customer))
        {
            Some(refusal) => Err(refusal),
            None => Ok(()),
        }
    }

    /// The table's preconditions of the step that are not met yet, in the table's order,
    /// each with the refusal completing the step would meet: what a form shows before
    /// anything is typed, decided by the same checks as [`Order::complete_step`].
    pub fn unmet_preconditions(
        &self,
        step: Step,
        customer: &Customer,
        signed_documents: &BTreeSet<DocumentKind>,
    ) -> Vec<(Precondition, DomainError)> {
        step.preconditions()
            .iter()
            .filter_map(|p| {
                customer_unmet(*p, step, customer)
                    .or_else(|| self.documents_unmet(*p, step, signed_documents))
                    .map(|refusal| (*p, refusal))
            })
            .collect()
    }

    /// The risk act, where the offer records risks, must be signed where the table says
    /// (document validation, 12): either its signed copy was attached at step 9, or the
    /// risk act Nimbo issued is signed now (a newer, unsigned version voids the signed one).
    fn documents_unmet(
        &self,
        precondition: Precondition,
        step: Step,
        signed_documents: &BTreeSet<DocumentKind>,
    ) -> Option<DomainError> {
        if precondition != Precondition::RiskActSigned || !self.has_risks() {
            return None;
        }
        let attached = DocumentKind::RiskAct
            .step_field()
            .and_then(|(at, key)| self.records.get(&at).map(|r| r.values.contains_key(key)))
            .unwrap_or(false);
        let signed = attached || signed_documents.contains(&DocumentKind::RiskAct);
        (!signed).then_some(DomainError::DocumentNotSigned {
            kind: DocumentKind::RiskAct,
            step,
        })
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
        self.check_complete(step).map_err(|r| self.refused(r))?;
        // Customer preconditions first, then documents: the table lists them that way.
        Order::preconditions(step, customer)?;
        if let Some((_, refusal)) = self
            .unmet_preconditions(step, customer, &ctx.signed_documents)
            .into_iter()
            .next()
        {
            return Err(refusal);
        }
        let values = validate(step, input, ctx, self.has_risks())
            .map_err(|errors| DomainError::InvalidFields { errors })?;
        if step == Step::OfferApproval {
            // The contract's terms are checked together: a clause needs a term…
            crate::contract::terms_recorded(&values)?;
        }
        let (mut next, ()) = self.moved(|f| f.complete(step, &by.username, values.clone(), now))?;
        if step == Step::SiebelActivation {
            next.activation_account = customer.billing_account.clone();
        }
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
        self.check_reject(step).map_err(|r| self.refused(r))?;
        let why = reason(why)?;
        let (next, back_to) = self.moved(|f| f.reject(step, &by.username, &why, now))?;
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
        self.check_skip(step).map_err(|r| self.refused(r))?;
        let why = reason(why)?;
        let (next, ()) = self.moved(|f| f.skip(step, &by.username, &why, now))?;
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
        self.check_open().map_err(|r| self.refused(r))?;
        if self.is_activated() {
            return Err(DomainError::TooLateToCancel {
                number: self.number.clone(),
            });
        }
        let why = reason(why)?;
        let (next, at_step) = self.moved(|f| f.cancel(&by.username, &why, now))?;
        let changes = json!({ "at_step": at_step.map(|s| s.number()), "reason": why });
        Ok((next, changes))
    }

    /// Checks that the order is in a state the workflow can reach; names what is wrong.
    pub fn check_invariants(&self) -> Result<(), String> {
        self.flow.check_invariants()?;
        if self.status == OrderStatus::Cancelled && self.is_activated() {
            return Err("cancelled after activation".into());
        }
        if self.status == OrderStatus::Completed
            && !self.records.contains_key(&Step::CloseBackValidation)
        {
            return Err("completed without closing the back validation".into());
        }
        Ok(())
    }
}
