//! Termination (DOMAIN §6): a customer ends some or all of a subscription's services with
//! a letter signed at least 30 days ahead; the KAM verifies, the service executive
//! confirms the debt and changes Siebel, pre-sales or the order manager files the work
//! order and confirms. Nothing becomes Inactive while an invoice or a due installation
//! instalment is unpaid, unless the credit manager, the sales manager and the offers desk
//! authorised it; a partial termination's debt goes on with the services that remain.

mod step;

use std::collections::BTreeMap;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::billing::CarriedDebt;
use crate::error::DomainError;
use crate::subscription::{Subscription, SubscriptionStatus};
use crate::user::User;
use crate::workflow::{AttachmentRef, FieldValue, StepContext, StepInput};

use super::case::Case;
use super::facts::Facts;
use super::kind::ProcessKind;
use super::process::Effect;
use super::refusal::ServiceError;

pub use step::TerminationStep;

/// How many days ahead of the termination date the letter must be given.
pub const MIN_NOTICE_DAYS: u64 = 30;

/// What a termination ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum TerminationScope {
    /// Every service of the contract.
    Total,
    /// Some plans or AWS accounts; the rest goes on.
    Partial {
        /// The plans ended.
        plans: Vec<String>,
        /// The AWS accounts ended.
        aws_accounts: Vec<String>,
    },
}

impl TerminationScope {
    /// Whether it ends the whole contract.
    pub fn is_total(&self) -> bool {
        matches!(self, TerminationScope::Total)
    }
}

/// What the customer asked for, as the KAM entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminationRequest {
    /// The last day of service.
    pub termination_date: NaiveDate,
    /// What ends.
    pub scope: TerminationScope,
    /// The letter signed by the legal representative.
    pub letter: AttachmentRef,
    /// The day it was entered.
    pub requested_on: NaiveDate,
}

/// A termination of a subscription.
pub type Termination = Case<TerminationStep, TerminationRequest>;

/// The scope named: none is the whole contract, as is naming every plan or every account.
fn scope_of(
    subscription: &Subscription,
    plans: &[String],
    aws_accounts: &[String],
) -> Result<TerminationScope, ServiceError> {
    let check = |given: &[String], has: &[String]| {
        given.iter().find(|g| !has.contains(g)).map_or(Ok(()), |g| {
            Err(ServiceError::NotInSubscription {
                subscriber_id: subscription.subscriber_id.clone(),
                given: g.clone(),
                has: has.to_vec(),
            })
        })
    };
    check(plans, &subscription.plans)?;
    check(aws_accounts, &subscription.aws_accounts)?;
    let (mut plans, mut aws_accounts) = (plans.to_vec(), aws_accounts.to_vec());
    plans.sort();
    plans.dedup();
    aws_accounts.sort();
    aws_accounts.dedup();
    // Ending every plan, or every account the service runs on, leaves nothing running.
    let everything = (plans.is_empty() && aws_accounts.is_empty())
        || (!plans.is_empty() && plans.len() == subscription.plans.len())
        || (!aws_accounts.is_empty() && aws_accounts.len() == subscription.aws_accounts.len());
    Ok(if everything {
        TerminationScope::Total
    } else {
        TerminationScope::Partial {
            plans,
            aws_accounts,
        }
    })
}

/// The earliest termination date a letter given on `today` allows.
pub fn earliest_termination(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_days(Days::new(MIN_NOTICE_DAYS))
        .unwrap_or(NaiveDate::MAX)
}

impl Case<TerminationStep, TerminationRequest> {
    /// The KAM enters a customer's termination request (step 1).
    #[allow(clippy::too_many_arguments)]
    pub fn request(
        id: Uuid,
        number: String,
        facts: &Facts<'_>,
        termination_date: NaiveDate,
        plans: &[String],
        aws_accounts: &[String],
        letter: AttachmentRef,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<Termination, DomainError> {
        crate::permission::authorize(
            by,
            crate::permission::Action::ServiceStep(TerminationStep::Request.into()),
        )?;
        let subscription = facts.subscription;
        if subscription.status == SubscriptionStatus::Terminated {
            return Err(ServiceError::SubscriptionTerminated {
                subscriber_id: subscription.subscriber_id.clone(),
            }
            .into());
        }
        if let Some(open) = facts.open(ProcessKind::Termination, id) {
            return Err(ServiceError::ProcessUnderway {
                kind: ProcessKind::Termination,
                number: open.number().to_string(),
            }
            .into());
        }
        let earliest = earliest_termination(facts.today);
        if termination_date < earliest {
            return Err(ServiceError::TerminationTooSoon {
                asked: termination_date,
                earliest,
            }
            .into());
        }
        let scope = scope_of(subscription, plans, aws_accounts)?;
        let letter =
            crate::workflow::check_signed_pdf(&letter).map_err(|p| DomainError::InvalidFields {
                errors: vec![crate::problem::FieldError::new(
                    "letter",
                    "carta firmada por el representante legal",
                    "letter signed by the legal representative",
                    p,
                )],
            })?;
        let mut values = BTreeMap::new();
        values.insert(
            "termination_date".into(),
            FieldValue::Date(termination_date),
        );
        values.insert("letter".into(), FieldValue::File(letter.clone()));
        if let TerminationScope::Partial {
            plans,
            aws_accounts,
        } = &scope
        {
            values.insert("plans".into(), FieldValue::List(plans.clone()));
            values.insert(
                "aws_accounts".into(),
                FieldValue::List(aws_accounts.clone()),
            );
        }
        let detail = TerminationRequest {
            termination_date,
            scope,
            letter,
            requested_on: facts.today,
        };
        let header = (id, number, subscription.id, subscription.customer_id);
        Case::start(header, detail, values, by, now)
    }

    /// Whether the three authorisations of a termination leaving debt were given.
    pub fn authorised(&self) -> bool {
        self.done(TerminationStep::Authorisation)
    }

    /// Completes a step, with the termination's rules about debt.
    pub fn complete_step(
        &self,
        step: TerminationStep,
        input: &StepInput,
        ctx: &StepContext,
        facts: &Facts<'_>,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Termination, Value, Effect), DomainError> {
        let (next, changes) = self.complete(step, input, ctx, by, now, |values| {
            self.rule(step, values, facts)
        })?;
        let effect = if step == TerminationStep::Confirmed {
            self.effect(Some(facts))
        } else {
            Effect::None
        };
        Ok((next, changes, effect))
    }

    /// What completing `step` did to the subscription's status, as its history shows it:
    /// the confirmation ends it (or the services named) on the termination date. The debt
    /// a partial one carried stays on the subscription, not here.
    pub fn effect_of(&self, step: TerminationStep) -> Effect {
        if step == TerminationStep::Confirmed {
            self.effect(None)
        } else {
            Effect::None
        }
    }

    fn rule(
        &self,
        step: TerminationStep,
        values: &BTreeMap<String, FieldValue>,
        facts: &Facts<'_>,
    ) -> Result<(), DomainError> {
        let owing = facts.owing(Some(self.detail.termination_date));
        match step {
            TerminationStep::Verification
                if values.get("leaves_debt") == Some(&FieldValue::Flag(true))
                    && owing.is_paid() =>
            {
                Err(ServiceError::NoDebtToAuthorise.into())
            }
            // A total termination goes on only with the contract paid (DOMAIN §6), and
            // nothing becomes Inactive with debt — invoices or due installation
            // instalments: unless the three authorised it.
            TerminationStep::RequestForwarded | TerminationStep::StatusChange
                if self.detail.scope.is_total() && !owing.is_paid() && !self.authorised() =>
            {
                Err(ServiceError::DebtUnpaid {
                    owed: owing.total,
                    invoices: owing.unpaid_invoices,
                    instalments: owing.instalments.unpaid.len(),
                }
                .into())
            }
            _ => Ok(()),
        }
    }

    /// What confirming the termination does to the subscription. A partial one leaves
    /// what the billing account owes to the services that remain: its unpaid invoices, not
    /// named by an earlier partial termination, go into a later run (DOMAIN §6).
    /// Without `facts` (a history read afterwards) it carries no debt.
    fn effect(&self, facts: Option<&Facts<'_>>) -> Effect {
        let on = self.detail.termination_date;
        match &self.detail.scope {
            TerminationScope::Total => Effect::Terminated { on },
            TerminationScope::Partial {
                plans,
                aws_accounts,
            } => Effect::PartlyTerminated {
                plans: plans.clone(),
                aws_accounts: aws_accounts.clone(),
                on,
                debt: facts.and_then(|facts| {
                    let already: Vec<&CarriedDebt> = facts
                        .subscription
                        .ended
                        .iter()
                        .filter_map(|e| e.debt.as_ref())
                        .collect();
                    CarriedDebt::at_confirmation(
                        (self.id, &self.number),
                        facts.invoices,
                        &already,
                        facts.carry_into,
                    )
                }),
            },
        }
    }
}

impl From<TerminationStep> for super::kind::ServiceStep {
    fn from(step: TerminationStep) -> Self {
        super::kind::ServiceStep::Termination(step)
    }
}
