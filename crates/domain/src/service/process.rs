//! Any process of a service's life as one record, and what completing one does to its
//! subscription.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::billing::CarriedDebt;
use crate::subscription::{EndedServices, Subscription, SubscriptionStatus};
use crate::workflow::FlowStatus;

use super::case::CaseTask;
use super::kind::ProcessKind;
use super::reconnection::Reconnection;
use super::suspension::Suspension;
use super::termination::Termination;

/// A termination, suspension or reconnection, as stored and synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "process", rename_all = "snake_case")]
pub enum ServiceProcess {
    /// A termination.
    Termination(Termination),
    /// A suspension.
    Suspension(Suspension),
    /// A reconnection.
    Reconnection(Reconnection),
}

macro_rules! each {
    ($self:expr, $c:ident => $e:expr) => {
        match $self {
            ServiceProcess::Termination($c) => $e,
            ServiceProcess::Suspension($c) => $e,
            ServiceProcess::Reconnection($c) => $e,
        }
    };
}

impl ServiceProcess {
    /// Its kind.
    pub fn kind(&self) -> ProcessKind {
        match self {
            ServiceProcess::Termination(_) => ProcessKind::Termination,
            ServiceProcess::Suspension(_) => ProcessKind::Suspension,
            ServiceProcess::Reconnection(_) => ProcessKind::Reconnection,
        }
    }

    /// Its id.
    pub fn id(&self) -> Uuid {
        each!(self, c => c.id)
    }

    /// Its number.
    pub fn number(&self) -> &str {
        each!(self, c => &c.number)
    }

    /// The subscription it acts on.
    pub fn subscription_id(&self) -> Uuid {
        each!(self, c => c.subscription_id)
    }

    /// Its customer.
    pub fn customer_id(&self) -> Uuid {
        each!(self, c => c.customer_id)
    }

    /// Open, completed or cancelled.
    pub fn status(&self) -> FlowStatus {
        each!(self, c => c.flow.status)
    }

    /// Whether it waits for a step.
    pub fn is_open(&self) -> bool {
        self.status() == FlowStatus::Open
    }

    /// When it was started.
    pub fn created_at(&self) -> DateTime<Utc> {
        each!(self, c => c.created_at)
    }

    /// The step it waits for, as «Mis tareas» lists it at `now`.
    pub fn task(&self, now: DateTime<Utc>) -> Option<CaseTask> {
        each!(self, c => c.task(now))
    }

    /// Checks that it is in a state its table can reach; names what is wrong.
    pub fn check_invariants(&self) -> Result<(), String> {
        each!(self, c => c.flow.check_invariants())
    }
}

impl ServiceProcess {
    /// What the process did to its subscription, step by step: when each done step that
    /// changed it was completed, and the change.
    pub fn effects(&self) -> Vec<(DateTime<Utc>, Effect)> {
        fn done<S: Ord + Copy>(
            flow: &crate::workflow::Flow<S>,
            effect_of: impl Fn(S) -> Effect,
        ) -> Vec<(DateTime<Utc>, Effect)> {
            flow.records
                .values()
                .map(|r| (r.at, effect_of(r.step)))
                .filter(|(_, e)| *e != Effect::None)
                .collect()
        }
        match self {
            ServiceProcess::Termination(c) => done(&c.flow, |s| c.effect_of(s)),
            ServiceProcess::Suspension(c) => done(&c.flow, |s| c.effect_of(s)),
            ServiceProcess::Reconnection(c) => done(&c.flow, |s| c.effect_of(s)),
        }
    }
}

/// What completing a step does to the subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// Nothing.
    None,
    /// The whole subscription ends on the day: billed to it, prorated.
    Terminated {
        /// The last day of service.
        on: NaiveDate,
    },
    /// Some plans or AWS accounts end on the day; the rest goes on.
    PartlyTerminated {
        /// The plans ended.
        plans: Vec<String>,
        /// The AWS accounts ended.
        aws_accounts: Vec<String>,
        /// The last day of service of what ended.
        on: NaiveDate,
        /// The debt carried into a later run of the services that remain.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        debt: Option<CarriedDebt>,
    },
    /// Cut for debt; still billed.
    Suspended {
        /// The day of the cut.
        on: NaiveDate,
    },
    /// Active again.
    Reactivated {
        /// The day of the reconnection.
        on: NaiveDate,
    },
}

impl Effect {
    /// The subscription after the effect, or `None` when nothing changes.
    pub fn on(&self, subscription: &Subscription, by: Uuid) -> Option<Subscription> {
        let mut next = subscription.clone();
        match self {
            Effect::None => return None,
            Effect::Terminated { on } => {
                next.status = SubscriptionStatus::Terminated;
                next.termination_date = Some(*on);
            }
            Effect::PartlyTerminated {
                plans,
                aws_accounts,
                on,
                debt,
            } => {
                next.plans.retain(|p| !plans.contains(p));
                next.aws_accounts.retain(|a| !aws_accounts.contains(a));
                next.ended.push(EndedServices {
                    plans: plans.clone(),
                    aws_accounts: aws_accounts.clone(),
                    on: *on,
                    termination_id: by,
                    debt: debt.clone(),
                });
            }
            Effect::Suspended { .. } => next.status = SubscriptionStatus::Suspended,
            Effect::Reactivated { .. } => next.status = SubscriptionStatus::Active,
        }
        Some(next)
    }
}
