//! The subscription: the service a completed order leaves running, billable from its
//! activation date. Billing, suspension and termination (DOMAIN §5, §6, §8) act on it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::contract::{ContractTerms, terms_recorded};
use crate::order::{FieldValue, Order, OrderStatus, Step};

/// The state of a subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Running and billable.
    Active,
    /// Cut for debt; consumption is still billed.
    Suspended,
    /// Ended.
    Terminated,
}

impl SubscriptionStatus {
    /// The id used in storage.
    pub fn id(self) -> &'static str {
        match self {
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::Suspended => "suspended",
            SubscriptionStatus::Terminated => "terminated",
        }
    }
}

/// A customer's running AWS service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// Stable id.
    pub id: Uuid,
    /// The order that set it up.
    pub order_id: Uuid,
    /// The customer.
    pub customer_id: Uuid,
    /// Siebel's Subscriber ID.
    pub subscriber_id: String,
    /// The Siebel billing account it is billed on.
    pub billing_account: String,
    /// The day it was activated in Siebel; billing starts here.
    pub activation_date: NaiveDate,
    /// The plan codes contracted.
    pub plans: Vec<String>,
    /// The AWS accounts it covers.
    pub aws_accounts: Vec<String>,
    /// Active, suspended or terminated.
    pub status: SubscriptionStatus,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// The last day of service, once a total termination is confirmed: billing prorates
    /// the last period to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_date: Option<NaiveDate>,
    /// The plans and AWS accounts ended by partial terminations, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ended: Vec<EndedServices>,
    /// The special terms a price exception carried (term, early-termination clause,
    /// installation investment), recorded at step 8; none for the standard service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<ContractTerms>,
}

/// Some services of a subscription ended by a partial termination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndedServices {
    /// The plans ended.
    pub plans: Vec<String>,
    /// The AWS accounts ended.
    pub aws_accounts: Vec<String>,
    /// Their last day of service.
    pub on: NaiveDate,
    /// The termination that ended them.
    pub termination_id: Uuid,
    /// The unpaid invoices the termination left to the services that remain, billed in
    /// a later run (DOMAIN §6); none when nothing was owed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debt: Option<crate::billing::CarriedDebt>,
}

fn text(order: &Order, step: Step, key: &str) -> Option<String> {
    match order.records.get(&step)?.values.get(key)? {
        FieldValue::Text(t) => Some(t.clone()),
        _ => None,
    }
}

fn list(order: &Order, step: Step, key: &str) -> Vec<String> {
    match order.records.get(&step).and_then(|r| r.values.get(key)) {
        Some(FieldValue::List(l)) => l.clone(),
        _ => Vec::new(),
    }
}

/// The contract's terms step 8 recorded. They were checked together when the step was
/// completed, so a record that no longer reads (none should) gives no terms.
fn recorded_terms(order: &Order) -> Option<ContractTerms> {
    let record = order.records.get(&Step::OfferApproval)?;
    terms_recorded(&record.values).ok().flatten()
}

/// The namespace subscription ids are derived in (a fixed, random UUID).
const SUBSCRIPTION_IDS: Uuid = Uuid::from_u128(0x6e1b_2f0c_7d4a_4c1e_9a53_0b8f_d2c4_7e19);

/// The day an order's service is billed from: its activation in Siebel (step 13), from
/// which the subscription is active and billable (DOMAIN §4 step 22) and the first
/// period is prorated (§3) — not the delivery or the acceptance. `None` until step 13
/// records it. The acceptance act states it (docs/DECISIONS.md).
pub fn billing_starts_on(order: &Order) -> Option<NaiveDate> {
    match order
        .records
        .get(&Step::SiebelActivation)?
        .values
        .get("activation_date")?
    {
        FieldValue::Date(d) => Some(*d),
        _ => None,
    }
}

impl Subscription {
    /// The id of the subscription an order leaves: derived from the order's id (UUIDv5),
    /// so every laptop that completes or replays the order, and the server, name the same
    /// subscription alike — what billing, suspension and termination will refer to.
    pub fn id_for(order_id: Uuid) -> Uuid {
        Uuid::new_v5(&SUBSCRIPTION_IDS, order_id.as_bytes())
    }

    /// The subscription a completed order leaves, billed on the account it was activated
    /// on; `None` if the order is not completed.
    pub fn from_completed_order(order: &Order) -> Option<Subscription> {
        let id = Subscription::id_for(order.id);
        if order.status != OrderStatus::Completed {
            return None;
        }
        let activation_date = billing_starts_on(order)?;
        Some(Subscription {
            id,
            order_id: order.id,
            customer_id: order.customer_id,
            subscriber_id: text(order, Step::SiebelActivation, "subscriber_id")?,
            billing_account: order.activation_account.as_ref()?.number.clone(),
            activation_date,
            plans: list(order, Step::Offer, "plans"),
            aws_accounts: list(order, Step::Provisioning, "aws_accounts"),
            status: SubscriptionStatus::Active,
            created_at: order.completed_at?,
            termination_date: None,
            ended: Vec::new(),
            terms: recorded_terms(order),
        })
    }
}
