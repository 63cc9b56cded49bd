//! Suspension for debt (DOMAIN §8 Decision): the credit manager decides on invoices
//! overdue beyond the grace period; the KAM gives the customer the suspension notice with
//! its date; corporate support sets Siebel to suspended and requests the cut in
//! ServiceNow; regional cuts on the MCO, and the subscription is Suspended — its
//! consumption still billed.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::error::DomainError;
use crate::external_id::IdShape;
use crate::role::Role;
use crate::subscription::SubscriptionStatus;
use crate::user::User;
use crate::workflow::{
    FieldKind as K, FieldSpec, FieldValue, Need as N, ProcessStep, StepContext, StepInput,
    StepSpec, field,
};

use super::case::Case;
use super::facts::{Facts, OverdueInvoice, overdue_beyond_grace};
use super::kind::{KeyedStep, ProcessKind, ServiceStep, row_of};
use super::process::Effect;
use super::refusal::ServiceError;

/// The grace period an organisation has until it sets one: its profile's rule.
pub use crate::organisation::DEFAULT_GRACE_DAYS;

/// A step of a suspension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionStep {
    /// 1. The credit manager decides to suspend for the overdue invoices.
    Decision,
    /// 2. The KAM gives the customer the suspension notice with its date.
    Notice,
    /// 3. Corporate support sets Siebel to suspended and requests the cut.
    SiebelSuspended,
    /// 4. Regional cuts the service on the MCO.
    Cut,
}

const NOTICE: &[FieldSpec] = &[
    field(
        "suspension_date",
        "fecha de suspensión avisada al cliente",
        "suspension date given to the customer",
        K::Date,
        N::Required,
    ),
    field(
        "notified_on",
        "fecha del aviso",
        "date of the notice",
        K::PastDate,
        N::Required,
    ),
];
const SIEBEL: &[FieldSpec] = &[field(
    "servicenow_request",
    "solicitud de corte en ServiceNow",
    "cut request in ServiceNow",
    K::ExternalId(IdShape::ServiceNowTicket),
    N::Required,
)];
const CUT: &[FieldSpec] = &[
    field(
        "cut_on",
        "fecha del corte en el MCO",
        "date of the cut on the MCO",
        K::PastDate,
        N::Required,
    ),
    field(
        "mco_reference",
        "referencia en el MCO",
        "MCO reference",
        K::ExternalId(IdShape::McoReference),
        N::Optional,
    ),
];

const fn row(
    step: SuspensionStep,
    es: &'static str,
    en: &'static str,
    roles: &'static [Role],
    fields: &'static [FieldSpec],
) -> StepSpec<SuspensionStep> {
    StepSpec {
        fields,
        ..StepSpec::new(step, es, en, roles)
    }
}

/// The suspension's steps, in order.
pub const SUSPENSION: [StepSpec<SuspensionStep>; 4] = [
    row(
        SuspensionStep::Decision,
        "Decisión de suspender",
        "Decision to suspend",
        &[Role::CreditManager],
        &[],
    ),
    row(
        SuspensionStep::Notice,
        "Aviso de suspensión",
        "Suspension notice",
        &[Role::Kam],
        NOTICE,
    ),
    row(
        SuspensionStep::SiebelSuspended,
        "Suspensión en Siebel",
        "Suspended in Siebel",
        &[Role::CorporateSupport],
        SIEBEL,
    ),
    row(
        SuspensionStep::Cut,
        "Corte en el MCO",
        "Cut on the MCO",
        &[Role::Regional],
        CUT,
    ),
];

impl ProcessStep for SuspensionStep {
    fn table() -> &'static [StepSpec<SuspensionStep>] {
        &SUSPENSION
    }

    fn spec(self) -> &'static StepSpec<SuspensionStep> {
        row_of(&SUSPENSION, self as usize)
    }

    fn position(self) -> u8 {
        self as u8 + 1
    }
}

impl KeyedStep for SuspensionStep {
    fn key(self) -> &'static str {
        match self {
            SuspensionStep::Decision => "decision",
            SuspensionStep::Notice => "notice",
            SuspensionStep::SiebelSuspended => "siebel_suspended",
            SuspensionStep::Cut => "cut",
        }
    }

    fn service(self) -> ServiceStep {
        ServiceStep::Suspension(self)
    }
}

/// Why a subscription is suspended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuspensionGrounds {
    /// The invoices overdue beyond the grace period on the day decided.
    pub invoices: Vec<OverdueInvoice>,
    /// The grace period then, in days.
    pub grace_days: u32,
    /// The day decided.
    pub decided_on: NaiveDate,
}

/// A suspension of a subscription.
pub type Suspension = Case<SuspensionStep, SuspensionGrounds>;

impl Case<SuspensionStep, SuspensionGrounds> {
    /// The credit manager decides to suspend a subscription whose invoices are overdue
    /// beyond the grace period (step 1).
    pub fn decide_to_suspend(
        id: Uuid,
        number: String,
        facts: &Facts<'_>,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<Suspension, DomainError> {
        crate::permission::authorize(
            by,
            crate::permission::Action::ServiceStep(SuspensionStep::Decision.service()),
        )?;
        let subscription = facts.subscription;
        let subscriber_id = subscription.subscriber_id.clone();
        match subscription.status {
            SubscriptionStatus::Terminated => {
                return Err(ServiceError::SubscriptionTerminated { subscriber_id }.into());
            }
            SubscriptionStatus::Suspended => {
                return Err(ServiceError::AlreadySuspended { subscriber_id }.into());
            }
            SubscriptionStatus::Active => {}
        }
        if facts.open(ProcessKind::Suspension, id).is_some() {
            return Err(ServiceError::AlreadySuspended { subscriber_id }.into());
        }
        let invoices = overdue_beyond_grace(facts.invoices, facts.today, facts.grace_days);
        if invoices.is_empty() {
            return Err(ServiceError::NothingOverdue {
                grace_days: facts.grace_days,
            }
            .into());
        }
        let mut values = BTreeMap::new();
        values.insert(
            "invoices".into(),
            FieldValue::List(invoices.iter().map(|i| i.number.clone()).collect()),
        );
        let grounds = SuspensionGrounds {
            invoices,
            grace_days: facts.grace_days,
            decided_on: facts.today,
        };
        let header = (id, number, subscription.id, subscription.customer_id);
        Case::start(header, grounds, values, by, now)
    }

    /// Completes a step; the cut suspends the subscription.
    pub fn complete_step(
        &self,
        step: SuspensionStep,
        input: &StepInput,
        ctx: &StepContext,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Suspension, Value, Effect), DomainError> {
        let (next, changes) = self.complete(step, input, ctx, by, now, |_| Ok(()))?;
        let effect = next.effect_of(step);
        Ok((next, changes, effect))
    }

    /// What completing `step` does to the subscription, read from what it recorded: the
    /// cut suspends it on the day of the cut.
    pub fn effect_of(&self, step: SuspensionStep) -> Effect {
        match self.value(SuspensionStep::Cut, "cut_on") {
            Some(FieldValue::Date(on)) if step == SuspensionStep::Cut => {
                Effect::Suspended { on: *on }
            }
            _ => Effect::None,
        }
    }

    /// The date the notice gave the customer, once given.
    pub fn suspension_date(&self) -> Option<NaiveDate> {
        match self.value(SuspensionStep::Notice, "suspension_date")? {
            FieldValue::Date(d) => Some(*d),
            _ => None,
        }
    }
}
