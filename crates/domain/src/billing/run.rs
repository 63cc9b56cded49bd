//! The billing run of a period (DOMAIN §3 and §5): from what was consumed, logged and
//! adjusted, each subscription's charge lines — consumption, VIP fee, business and
//! after-hours professional services, adjustments — each priced once by DOMAIN's rounding
//! rule and carrying its explanation, the totals as sums of rounded lines, the flags to look
//! at, and a hash that shows the same inputs gave the same lines.
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
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::adjustment::Adjustment;
use super::business_hours::whole_minute;
use super::calendar::HolidayCalendar;
use super::consumption::ConsumptionAggregate;
use super::consumption_line::ConsumptionParts;
use super::flag::{Flag, FlagKind, PastConsumption, spike, unbilled};
use super::holiday::Holiday;
use super::hours::HoursEntry;
use super::hours_line::{LoggedMinutes, logged_minutes};
use super::line::{ChargeLine, LineKind, priced};
use super::money::es_py;
use super::period::Period;
use super::vip::VipFee;
use crate::Lang;
use crate::catalogue::{Plan, PlanPrice, Pricing, in_force};
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
    /// Consumption, VIP fee, business hours, after hours, adjustments, in that order.
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

/// The namespace line ids are derived in (a fixed, random UUID).
const LINE_IDS: Uuid = Uuid::from_u128(0x21bd_c0b8_6ef4_4035_a4f6_38e4_59f1_a57c);

/// The id of a line: UUIDv5 of `subscription/period/kind/plan/ordinal`, where the ordinal
/// counts lines of the same kind and plan (adjustments, in their order) from 0.
pub fn line_id(
    subscription: Uuid,
    period: Period,
    kind: LineKind,
    plan_code: &str,
    ordinal: usize,
) -> Uuid {
    let name = format!(
        "{subscription}/{period}/{}/{plan_code}/{ordinal}",
        kind_id(kind)
    );
    Uuid::new_v5(&LINE_IDS, name.as_bytes())
}

/// The snake_case id of a line's kind, as in storage and the hash.
pub fn kind_id(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Consumption => "consumption",
        LineKind::VipFee => "vip_fee",
        LineKind::BusinessHours => "business_hours",
        LineKind::AfterHours => "after_hours",
        LineKind::Adjustment => "adjustment",
    }
}

/// What the run's hash is taken of: the compact JSON array
/// `["nimbo-billing-run/1", "<period>", [[id, subscription_id, kind, plan_code, net, iva,
/// total], …]]`, one inner array per line in the run's order, ids as hyphenated lowercase
/// UUIDs, kind as [`kind_id`], amounts with exactly two decimals and a `.` (`-65.43`, zero
/// as `0.00`). Names and explanations are left out: their wording may improve without the
/// charges changing, and a lock freezes what is charged.
pub fn canonical<'a>(period: Period, lines: impl IntoIterator<Item = &'a ChargeLine>) -> String {
    let amount = |d: Decimal| {
        if d.is_zero() {
            "0.00".to_string()
        } else {
            format!("{d:.2}")
        }
    };
    let rows: Vec<[String; 7]> = lines
        .into_iter()
        .map(|l| {
            [
                l.id.to_string(),
                l.subscription_id.to_string(),
                kind_id(l.kind).to_string(),
                l.plan_code.clone(),
                amount(l.net),
                amount(l.iva),
                amount(l.total),
            ]
        })
        .collect();
    serde_json::to_string(&("nimbo-billing-run/1", period.to_string(), rows)).unwrap_or_default()
}

/// The run's hash: SHA-256, hex, of [`canonical`].
pub fn run_hash<'a>(period: Period, lines: impl IntoIterator<Item = &'a ChargeLine>) -> String {
    hex::encode(Sha256::digest(canonical(period, lines).as_bytes()))
}

/// A subscription's records of the period, gathered once.
#[derive(Default)]
struct Gathered<'a> {
    consumption: Vec<&'a ConsumptionAggregate>,
    hours: Vec<&'a HoursEntry>,
    adjustments: Vec<&'a Adjustment>,
    history: Vec<&'a PastConsumption>,
}

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
        let lines = bill(inputs, sub, gathered, &mut flags);
        if lines.is_empty() {
            continue;
        }
        let sum = |f: fn(&ChargeLine) -> Decimal| lines.iter().map(f).sum::<Decimal>();
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
    let sum = |f: fn(&SubscriptionCharges) -> Decimal| charges.iter().map(f).sum::<Decimal>();
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

/// Makes one subscription's lines of the period.
struct LineMaker<'a> {
    subscription: &'a BillableSubscription,
    period: Period,
}

impl LineMaker<'_> {
    fn line(
        &self,
        kind: LineKind,
        plan: (&str, &str),
        ordinal: usize,
        unrounded_net: Decimal,
        explanation: impl Fn(Lang) -> String,
    ) -> ChargeLine {
        let (net, iva, total) = priced(unrounded_net);
        // A zero that rounding left negative (-0.00) is written as zero.
        let clean = |d: Decimal| if d.is_zero() { Decimal::new(0, 2) } else { d };
        ChargeLine {
            id: line_id(self.subscription.id, self.period, kind, plan.0, ordinal),
            subscription_id: self.subscription.id,
            period: self.period,
            kind,
            plan_code: plan.0.to_string(),
            plan_name: plan.1.to_string(),
            net: clean(net),
            iva: clean(iva),
            total: clean(total),
            explanation_es: explanation(Lang::Es),
            explanation_en: explanation(Lang::En),
        }
    }
}

/// The plan in force that `sub` contracted and `wanted` accepts.
fn contracted<'a>(
    plans: &'a [Plan],
    sub: &BillableSubscription,
    wanted: impl Fn(&Pricing) -> bool,
) -> Option<&'a Plan> {
    plans
        .iter()
        .find(|p| wanted(&p.pricing) && sub.plans.contains(&p.code))
}

/// The hourly plan in force for business hours or the rest, preferring one the
/// subscription contracted: professional services are bought by the hour worked, so any
/// logged work is billed even if the plan was not listed in the offer.
fn hourly<'a>(
    plans: &'a [Plan],
    sub: &BillableSubscription,
    business: bool,
) -> Option<(&'a Plan, Decimal)> {
    let rate = |p: &'a Plan| match p.pricing {
        Pricing::Hourly {
            rate,
            business_hours,
        } if business_hours == business => Some((p, rate)),
        _ => None,
    };
    plans
        .iter()
        .filter(|p| sub.plans.contains(&p.code))
        .find_map(rate)
        .or_else(|| plans.iter().find_map(rate))
}

fn bill(
    inputs: &RunInputs,
    sub: &BillableSubscription,
    gathered: &Gathered,
    flags: &mut Vec<Flag>,
) -> Vec<ChargeLine> {
    let period = inputs.period;
    let maker = LineMaker {
        subscription: sub,
        period,
    };
    let mut lines = Vec::new();
    let parts = ConsumptionParts::of(gathered.consumption.iter().copied());
    let (business, after) = logged_minutes(gathered.hours.iter().copied(), &inputs.calendar);
    let active_days = period.active_days(sub.activation_date, sub.termination_date);
    if active_days == 0 {
        flag_inactive(sub, period, &parts, &business, &after, flags);
    } else {
        let mut consumption_net = Decimal::ZERO;
        if !parts.is_empty() {
            match contracted(&inputs.plans, sub, |p| matches!(p, Pricing::Consumption)) {
                Some(plan) => {
                    let line = maker.line(
                        LineKind::Consumption,
                        (&plan.code, &plan.name),
                        0,
                        parts.net(),
                        |lang| parts.explanation(lang),
                    );
                    consumption_net = line.net;
                    flags.extend(spike(sub.id, period, line.net, &gathered.history));
                    lines.push(line);
                }
                None => flags.push(unbilled(
                    sub.id,
                    FlagKind::ConsumptionWithoutPlan,
                    format!(
                        "Consumo de AWS {} sin un plan de consumo contratado y vigente: no se factura",
                        es_py(parts.net(), Lang::Es)
                    ),
                    format!(
                        "AWS consumption {} without a consumption plan contracted and in force: not billed",
                        es_py(parts.net(), Lang::En)
                    ),
                )),
            }
        }
        let vip = contracted(&inputs.plans, sub, |p| {
            matches!(p, Pricing::ShareOfConsumption { .. })
        });
        if let Some(
            plan @ Plan {
                pricing: Pricing::ShareOfConsumption { rate, minimum },
                ..
            },
        ) = vip
        {
            let fee = VipFee {
                rate: *rate,
                consumption: consumption_net,
                minimum: *minimum,
                active_days,
                days: period.days(),
            };
            lines.push(maker.line(
                LineKind::VipFee,
                (&plan.code, &plan.name),
                0,
                fee.amount(),
                |lang| fee.explanation(lang),
            ));
        }
        for (minutes, is_business, kind) in [
            (&business, true, LineKind::BusinessHours),
            (&after, false, LineKind::AfterHours),
        ] {
            if minutes.total() == 0 {
                continue;
            }
            match hourly(&inputs.plans, sub, is_business) {
                Some((plan, rate)) => lines.push(maker.line(
                    kind,
                    (&plan.code, &plan.name),
                    0,
                    minutes.amount(rate),
                    |lang| minutes.explanation(rate, lang),
                )),
                None => flags.push(unbilled(
                    sub.id,
                    FlagKind::HoursWithoutPlan,
                    format!(
                        "{} min de trabajo sin un plan por hora vigente: no se facturan",
                        minutes.total()
                    ),
                    format!(
                        "{} min of work without an hourly plan in force: not billed",
                        minutes.total()
                    ),
                )),
            }
        }
    }
    // Adjustments are billed whatever the service's days: a correction of a locked period
    // reaches the customer even after the service ended (docs/DECISIONS.md).
    let mut adjustments = gathered.adjustments.clone();
    adjustments.sort_by_key(|a| (a.at, a.id));
    let mut ordinals: HashMap<&str, usize> = HashMap::new();
    for adjustment in adjustments {
        let code = adjustment.plan_code.as_str();
        let name = inputs
            .plans
            .iter()
            .find(|p| p.code == code)
            .map_or(code, |p| p.name.as_str());
        let ordinal = ordinals.entry(code).or_default();
        lines.push(maker.line(
            LineKind::Adjustment,
            (code, name),
            *ordinal,
            adjustment.amount,
            |lang| match lang {
                Lang::Es => format!("{} — ajuste de {}", adjustment.reason, adjustment.by),
                Lang::En => format!("{} — adjustment by {}", adjustment.reason, adjustment.by),
            },
        ));
        *ordinal += 1;
    }
    lines
}

fn flag_inactive(
    sub: &BillableSubscription,
    period: Period,
    parts: &ConsumptionParts,
    business: &LoggedMinutes,
    after: &LoggedMinutes,
    flags: &mut Vec<Flag>,
) {
    let minutes = business.total() + after.total();
    if parts.is_empty() && minutes == 0 {
        return;
    }
    let span = period.span_display();
    flags.push(unbilled(
        sub.id,
        FlagKind::ChargesWhileInactive,
        format!(
            "El servicio no estuvo activo ningún día del {span}, pero tiene consumo de AWS {} y {minutes} min de trabajo registrados: no se facturan; revise sus fechas de alta y baja",
            es_py(parts.net(), Lang::Es)
        ),
        format!(
            "The service was not active on any day of {span}, yet it has AWS consumption {} and {minutes} min of work logged: not billed; check its activation and termination dates",
            es_py(parts.net(), Lang::En)
        ),
    ));
}
