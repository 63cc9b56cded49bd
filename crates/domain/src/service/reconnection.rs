//! Reconnection after payment (DOMAIN §8 Decision): the service executive confirms the
//! payment of the invoices the subscription was suspended for; corporate support sets
//! Siebel back to active and requests the reconnection; regional reconnects on the MCO
//! and the subscription is Active again; the KAM gives the customer the reconnection
//! notice. A subscription being terminated is not reconnected.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
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
    StepSpec, field, validate,
};

use super::case::Case;
use super::facts::Facts;
use super::kind::{KeyedStep, ProcessKind, ServiceStep, row_of};
use super::process::{Effect, ServiceProcess};
use super::refusal::ServiceError;

/// A step of a reconnection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReconnectionStep {
    /// 1. The service executive confirms the payment.
    PaymentConfirmed,
    /// 2. Corporate support sets Siebel back to active and requests the reconnection.
    SiebelReactivated,
    /// 3. Regional reconnects on the MCO.
    Reconnected,
    /// 4. The KAM gives the customer the reconnection notice.
    Notice,
}

const PAYMENT: &[FieldSpec] = &[
    field(
        "payment_reference",
        "referencia del pago",
        "payment reference",
        K::Text,
        N::Required,
    ),
    field(
        "paid_on",
        "fecha del pago",
        "date of the payment",
        K::PastDate,
        N::Required,
    ),
];
const SIEBEL: &[FieldSpec] = &[field(
    "servicenow_request",
    "solicitud de reconexión en ServiceNow",
    "reconnection request in ServiceNow",
    K::ExternalId(IdShape::ServiceNowTicket),
    N::Required,
)];
const RECONNECTED: &[FieldSpec] = &[field(
    "reconnected_on",
    "fecha de la reconexión en el MCO",
    "date of the reconnection on the MCO",
    K::PastDate,
    N::Required,
)];
const NOTICE: &[FieldSpec] = &[field(
    "notified_on",
    "fecha del aviso",
    "date of the notice",
    K::PastDate,
    N::Required,
)];

const fn row(
    step: ReconnectionStep,
    es: &'static str,
    en: &'static str,
    roles: &'static [Role],
    fields: &'static [FieldSpec],
) -> StepSpec<ReconnectionStep> {
    StepSpec {
        fields,
        ..StepSpec::new(step, es, en, roles)
    }
}

/// The reconnection's steps, in order.
pub const RECONNECTION: [StepSpec<ReconnectionStep>; 4] = [
    row(
        ReconnectionStep::PaymentConfirmed,
        "Pago confirmado",
        "Payment confirmed",
        &[Role::ServiceExecutive],
        PAYMENT,
    ),
    row(
        ReconnectionStep::SiebelReactivated,
        "Reactivación en Siebel",
        "Reactivated in Siebel",
        &[Role::CorporateSupport],
        SIEBEL,
    ),
    row(
        ReconnectionStep::Reconnected,
        "Reconexión en el MCO",
        "Reconnected on the MCO",
        &[Role::Regional],
        RECONNECTED,
    ),
    row(
        ReconnectionStep::Notice,
        "Aviso de reconexión",
        "Reconnection notice",
        &[Role::Kam],
        NOTICE,
    ),
];

impl ProcessStep for ReconnectionStep {
    fn table() -> &'static [StepSpec<ReconnectionStep>] {
        &RECONNECTION
    }

    fn spec(self) -> &'static StepSpec<ReconnectionStep> {
        row_of(&RECONNECTION, self as usize)
    }

    fn position(self) -> u8 {
        self as u8 + 1
    }
}

impl KeyedStep for ReconnectionStep {
    fn key(self) -> &'static str {
        match self {
            ReconnectionStep::PaymentConfirmed => "payment_confirmed",
            ReconnectionStep::SiebelReactivated => "siebel_reactivated",
            ReconnectionStep::Reconnected => "reconnected",
            ReconnectionStep::Notice => "notice",
        }
    }

    fn service(self) -> ServiceStep {
        ServiceStep::Reconnection(self)
    }
}

/// What a reconnection answers: the suspension it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconnectionGrounds {
    /// The suspension's id.
    pub suspension_id: Uuid,
    /// The suspension's number.
    pub suspension_number: String,
}

/// A reconnection of a suspended subscription.
pub type Reconnection = Case<ReconnectionStep, ReconnectionGrounds>;

impl Case<ReconnectionStep, ReconnectionGrounds> {
    /// The service executive confirms the payment of a suspended subscription's overdue
    /// invoices (step 1), which starts its reconnection.
    pub fn confirm_payment(
        id: Uuid,
        number: String,
        facts: &Facts<'_>,
        input: &StepInput,
        ctx: &StepContext,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<Reconnection, DomainError> {
        crate::permission::authorize(
            by,
            crate::permission::Action::ServiceStep(ReconnectionStep::PaymentConfirmed.service()),
        )?;
        let subscription = facts.subscription;
        let subscriber_id = subscription.subscriber_id.clone();
        if subscription.status == SubscriptionStatus::Terminated {
            return Err(ServiceError::SubscriptionTerminated { subscriber_id }.into());
        }
        if let Some(open) = facts.open(ProcessKind::Termination, id) {
            return Err(ServiceError::BeingTerminated {
                number: open.number().to_string(),
            }
            .into());
        }
        if subscription.status != SubscriptionStatus::Suspended {
            return Err(ServiceError::NotSuspended { subscriber_id }.into());
        }
        if let Some(open) = facts.open(ProcessKind::Reconnection, id) {
            return Err(ServiceError::ProcessUnderway {
                kind: ProcessKind::Reconnection,
                number: open.number().to_string(),
            }
            .into());
        }
        let suspension = facts
            .processes
            .iter()
            .filter_map(|p| match p {
                ServiceProcess::Suspension(s) if s.done(super::SuspensionStep::Cut) => Some(s),
                _ => None,
            })
            .max_by_key(|s| s.created_at)
            .ok_or_else(|| ServiceError::NotSuspended {
                subscriber_id: subscriber_id.clone(),
            })?;
        for overdue in &suspension.detail.invoices {
            let balance = facts
                .invoices
                .iter()
                .find(|i| i.number == overdue.number)
                .map_or(Decimal::ZERO, crate::billing::Invoice::balance);
            if balance > Decimal::ZERO {
                return Err(ServiceError::InvoiceStillOwed {
                    invoice: overdue.number.clone(),
                    balance,
                }
                .into());
            }
        }
        let values: BTreeMap<String, FieldValue> =
            validate(ReconnectionStep::PaymentConfirmed, input, ctx, false)
                .map_err(|errors| DomainError::InvalidFields { errors })?;
        let grounds = ReconnectionGrounds {
            suspension_id: suspension.id,
            suspension_number: suspension.number.clone(),
        };
        let header = (id, number, subscription.id, subscription.customer_id);
        Case::start(header, grounds, values, by, now)
    }

    /// Completes a step; the reconnection on the MCO makes the subscription active.
    pub fn complete_step(
        &self,
        step: ReconnectionStep,
        input: &StepInput,
        ctx: &StepContext,
        by: &User,
        now: DateTime<Utc>,
    ) -> Result<(Reconnection, Value, Effect), DomainError> {
        let (next, changes) = self.complete(step, input, ctx, by, now, |_| Ok(()))?;
        let effect = next.effect_of(step);
        Ok((next, changes, effect))
    }

    /// What completing `step` does to the subscription, read from what it recorded: the
    /// reconnection on the MCO makes it active again on that day.
    pub fn effect_of(&self, step: ReconnectionStep) -> Effect {
        match self.value(ReconnectionStep::Reconnected, "reconnected_on") {
            Some(FieldValue::Date(on)) if step == ReconnectionStep::Reconnected => {
                Effect::Reactivated { on: *on }
            }
            _ => Effect::None,
        }
    }
}
