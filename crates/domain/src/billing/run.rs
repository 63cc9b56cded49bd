//! The billing run of a period (DOMAIN §3 and §5): from what was consumed, logged and
//! adjusted, each subscription's charge lines — consumption, VIP fee, business and
//! after-hours professional services, adjustments, partial terminations' debts — each
//! priced once by DOMAIN's rounding rule and carrying its explanation, the totals as sums of
//! rounded lines, the flags to look at, and a hash that shows the same inputs gave the same
//! lines.
//!
//! Pure and deterministic: no clock, no I/O; the inputs' order does not matter (everything
//! is indexed by subscription once and sorted), and line ids are UUIDv5 of what the line is,
//! so a preview, the locked run and a re-run on another laptop name the same lines alike.
//!
//! What the front doors do: gather the inputs (the store's plans, holidays, subscriptions,
//! the period's aggregates, hours and adjustments, earlier consumption lines), call [`run`],
//! show or export the result.
//!
//! ```
//! use nimbo_domain::billing::run::{BillableSubscription, RunInputs, run};
//! use nimbo_domain::billing::{ChargeCategory, ConsumptionAggregate, Period, seed_holidays};
//! use nimbo_domain::catalogue::initial_prices;
//! use nimbo_domain::subscription::SubscriptionStatus;
//! use rust_decimal::Decimal;
//! use uuid::Uuid;
//!
//! let period: Period = "2026-11".parse().unwrap();
//! // The plans in force on the period's first day and the holiday calendar.
//! let mut inputs = RunInputs::new(period, &initial_prices(), &seed_holidays());
//! let id = Uuid::from_u128(1);
//! inputs.subscriptions.push(BillableSubscription {
//!     id,
//!     customer_id: Uuid::from_u128(2),
//!     subscriber_id: "1-7ABCD12".into(),
//!     billing_account: "100200300".into(),
//!     plans: vec!["aws".into(), "aws-vip".into()],
//!     activation_date: "2026-11-25".parse().unwrap(), // 20 of the period's 30 days
//!     termination_date: None,
//!     status: SubscriptionStatus::Active,
//! });
//! inputs.consumption.push(ConsumptionAggregate {
//!     subscription_id: id,
//!     aws_account: "123456789012".into(),
//!     period,
//!     month: "2026-11".into(),
//!     service: "Amazon Elastic Compute Cloud".into(),
//!     category: ChargeCategory::Usage,
//!     amount: Decimal::new(123457, 2),
//!     rows: 1,
//! });
//! let billed = run(&inputs);
//! let vip = &billed.subscriptions[0].lines[1];
//! assert_eq!(
//!     vip.explanation_es,
//!     "15 % de 1.234,57 = 185,19; mínimo prorrateado 75 × 20/30 = 50,00; se aplica 185,19"
//! );
//! // 1,234.57 + 123.46 IVA and 185.19 + 18.52 IVA: sums of the rounded lines.
//! assert_eq!(billed.total, Decimal::new(156174, 2));
//! assert_eq!(billed.hash.len(), 64);
//! ```

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::adjustment::Adjustment;
use super::business_hours::whole_minute;
use super::calendar::HolidayCalendar;
use super::carried_debt::CarriedDebt;
use super::consumption::ConsumptionAggregate;
use super::flag::{Flag, PastConsumption};
use super::holiday::Holiday;
use super::hours::HoursEntry;
use super::invoice::Invoice;
use super::line::ChargeLine;
use super::period::Period;
pub use super::run_hash::{canonical, kind_id, line_id, run_hash};
use super::subscription_lines::{Gathered, bill, flag_unlisted};
use crate::catalogue::{Plan, PlanPrice, in_force};
use crate::subscription::{Subscription, SubscriptionStatus};

/// One subscription to bill, as the run needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillableSubscription {
    /// The subscription.
    pub id: Uuid,
    /// Its customer.
    pub customer_id: Uuid,
    /// Siebel's Subscriber ID.
    pub subscriber_id: String,
    /// The Siebel billing account it is billed on.
    pub billing_account: String,
    /// The plan codes contracted.
    pub plans: Vec<String>,
    /// The first day it is billed for.
    pub activation_date: NaiveDate,
    /// The last day it is billed for, once terminated.
    pub termination_date: Option<NaiveDate>,
    /// Active, suspended or terminated: a suspended service is billed all the same; what
    /// is billed follows the two dates.
    pub status: SubscriptionStatus,
}

impl BillableSubscription {
    /// The subscription as billed, with its termination date when it has one.
    pub fn of(subscription: &Subscription, termination_date: Option<NaiveDate>) -> Self {
        BillableSubscription {
            id: subscription.id,
            customer_id: subscription.customer_id,
            subscriber_id: subscription.subscriber_id.clone(),
            billing_account: subscription.billing_account.clone(),
            plans: subscription.plans.clone(),
            activation_date: subscription.activation_date,
            termination_date,
            status: subscription.status,
        }
    }
}

/// Everything a period's run is computed from. Records of other periods or subscriptions
/// may be passed: each is used only where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInputs {
    /// The period billed.
    pub period: Period,
    /// The plans in force on the period's first day.
    pub plans: Vec<Plan>,
    /// The holidays, for the hours split.
    pub calendar: HolidayCalendar,
    /// The subscriptions to bill.
    pub subscriptions: Vec<BillableSubscription>,
    /// The period's consumption aggregates.
    pub consumption: Vec<ConsumptionAggregate>,
    /// The logged work (an entry belongs to the period of the day it starts on).
    pub hours: Vec<HoursEntry>,
    /// The adjustments landing in the period.
    pub adjustments: Vec<Adjustment>,
    /// The subscriptions' consumption lines of earlier periods, for the spike flag.
    pub history: Vec<PastConsumption>,
    /// Partial terminations' debts, each with the subscription that carries it; only
    /// those of the period are billed.
    pub debts: Vec<(Uuid, CarriedDebt)>,
    /// The invoices those debts name, as the records hold them now (their payments).
    pub invoices: Vec<Invoice>,
}

impl RunInputs {
    /// Inputs for `period` priced with the `prices` in force on its first day and the
    /// active `holidays`, with no subscription yet.
    pub fn new(period: Period, prices: &[PlanPrice], holidays: &[Holiday]) -> RunInputs {
        RunInputs {
            period,
            plans: in_force(prices, period.first_day()),
            calendar: HolidayCalendar::new(holidays),
            subscriptions: Vec::new(),
            consumption: Vec::new(),
            hours: Vec::new(),
            adjustments: Vec::new(),
            history: Vec::new(),
            debts: Vec::new(),
            invoices: Vec::new(),
        }
    }
}

/// One subscription's lines of the period and their sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionCharges {
    /// The subscription.
    pub subscription_id: Uuid,
    /// Its customer.
    pub customer_id: Uuid,
    /// Siebel's Subscriber ID.
    pub subscriber_id: String,
    /// The Siebel billing account.
    pub billing_account: String,
    /// Consumption, VIP fee, business hours, after hours, adjustments, carried debts, in
    /// that order.
    pub lines: Vec<ChargeLine>,
    /// The sum of the lines' nets.
    pub net: Decimal,
    /// The sum of the lines' IVA.
    pub iva: Decimal,
    /// The sum of the lines' totals.
    pub total: Decimal,
}

/// A period's run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingRun {
    /// The period.
    pub period: Period,
    /// The subscriptions with lines, by billing account, Subscriber ID and id.
    pub subscriptions: Vec<SubscriptionCharges>,
    /// What to look at before exporting, in the subscriptions' order.
    pub flags: Vec<Flag>,
    /// The sum of every line's net.
    pub net: Decimal,
    /// The sum of every line's IVA.
    pub iva: Decimal,
    /// The sum of every line's total.
    pub total: Decimal,
    /// SHA-256 (hex) of [`canonical`] of the period and the lines.
    pub hash: String,
}

impl BillingRun {
    /// Every line, in the run's order.
    pub fn lines(&self) -> impl Iterator<Item = &ChargeLine> {
        self.subscriptions.iter().flat_map(|s| s.lines.iter())
    }
}

/// Zero with two decimals: sums start from it so that they read `0.00`, never `0`.
const CENTS_ZERO: Decimal = Decimal::from_parts(0, 0, 0, false, 2);

/// Computes the period's run from `inputs`.
pub fn run(inputs: &RunInputs) -> BillingRun {
    let period = inputs.period;
    let mut by_subscription: HashMap<Uuid, Gathered> = HashMap::new();
    for a in inputs.consumption.iter().filter(|a| a.period == period) {
        by_subscription
            .entry(a.subscription_id)
            .or_default()
            .consumption
            .push(a);
    }
    for e in &inputs.hours {
        if Period::of_day(whole_minute(e.start).date()) == period {
            by_subscription
                .entry(e.subscription_id)
                .or_default()
                .hours
                .push(e);
        }
    }
    for a in inputs.adjustments.iter().filter(|a| a.period == period) {
        by_subscription
            .entry(a.subscription_id)
            .or_default()
            .adjustments
            .push(a);
    }
    for (subscription, debt) in inputs.debts.iter().filter(|(_, d)| d.period == period) {
        by_subscription
            .entry(*subscription)
            .or_default()
            .debts
            .push(debt);
    }
    let invoices: HashMap<Uuid, &Invoice> = inputs.invoices.iter().map(|i| (i.id, i)).collect();
    let balance = |id: Uuid| invoices.get(&id).map(|i| i.balance());
    for p in &inputs.history {
        by_subscription
            .entry(p.subscription_id)
            .or_default()
            .history
            .push(p);
    }

    let mut subscriptions: Vec<&BillableSubscription> = inputs.subscriptions.iter().collect();
    subscriptions.sort_by(|a, b| {
        (&a.billing_account, &a.subscriber_id, a.id).cmp(&(
            &b.billing_account,
            &b.subscriber_id,
            b.id,
        ))
    });
    let empty = Gathered::default();
    let mut seen = HashSet::new();
    let mut charges = Vec::new();
    let mut flags = Vec::new();
    for sub in subscriptions {
        if !seen.insert(sub.id) {
            continue; // listed twice: billed once
        }
        let gathered = by_subscription.get(&sub.id).unwrap_or(&empty);
        let lines = bill(inputs, sub, gathered, &balance, &mut flags);
        if lines.is_empty() {
            continue;
        }
        let sum =
            |f: fn(&ChargeLine) -> Decimal| lines.iter().map(f).fold(CENTS_ZERO, |a, b| a + b);
        charges.push(SubscriptionCharges {
            subscription_id: sub.id,
            customer_id: sub.customer_id,
            subscriber_id: sub.subscriber_id.clone(),
            billing_account: sub.billing_account.clone(),
            net: sum(|l| l.net),
            iva: sum(|l| l.iva),
            total: sum(|l| l.total),
            lines,
        });
    }
    let mut unlisted: Vec<(&Uuid, &Gathered)> = by_subscription
        .iter()
        .filter(|(id, _)| !seen.contains(*id))
        .collect();
    unlisted.sort_by_key(|(id, _)| **id);
    for (id, gathered) in unlisted {
        flags.extend(flag_unlisted(*id, period, gathered));
    }
    let sum = |f: fn(&SubscriptionCharges) -> Decimal| {
        charges.iter().map(f).fold(CENTS_ZERO, |a, b| a + b)
    };
    let (net, iva, total) = (sum(|s| s.net), sum(|s| s.iva), sum(|s| s.total));
    let hash = run_hash(period, charges.iter().flat_map(|s| s.lines.iter()));
    BillingRun {
        period,
        subscriptions: charges,
        flags,
        net,
        iva,
        total,
        hash,
    }
}
