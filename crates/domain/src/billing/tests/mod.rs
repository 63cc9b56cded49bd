//! The billing run's tests: stories against amounts computed by hand from DOMAIN §3's
//! Decisions (`stories`), the properties every run keeps — same inputs, same lines and
//! hash, in whatever order they come (`properties`); the run of 10,000 subscriptions is measured by `benches/run.rs`.
//! This file holds the fixtures they share.

mod properties;
mod stories;

use std::str::FromStr;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::billing::adjustment::Adjustment;
use crate::billing::consumption::ConsumptionAggregate;
use crate::billing::flag::{FlagKind, PastConsumption};
use crate::billing::holidays_py::seed_holidays;
use crate::billing::hours::HoursEntry;
use crate::billing::line::{ChargeCategory, LineKind};
use crate::billing::period::Period;
use crate::billing::run::{BillableSubscription, BillingRun, RunInputs, line_id, run};
use crate::catalogue::initial_prices;
use crate::subscription::SubscriptionStatus;

pub(super) fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

pub(super) fn day(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).unwrap_or_default()
}

pub(super) fn period(text: &str) -> Period {
    text.parse().unwrap_or(Period::of_day(NaiveDate::default()))
}

pub(super) fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap_or_default()
}

pub(super) fn subscription(
    n: u128,
    plans: &[&str],
    from: &str,
    until: Option<&str>,
) -> BillableSubscription {
    BillableSubscription {
        id: Uuid::from_u128(n),
        customer_id: Uuid::from_u128(1000 + n),
        subscriber_id: format!("1-SUB{n}"),
        billing_account: format!("{:09}", 100_000_000 + n),
        plans: plans.iter().map(|p| p.to_string()).collect(),
        activation_date: day(from),
        termination_date: until.map(day),
        status: SubscriptionStatus::Active,
    }
}

pub(super) fn usage(
    n: u128,
    of: Period,
    category: ChargeCategory,
    amount: &str,
) -> ConsumptionAggregate {
    ConsumptionAggregate {
        subscription_id: Uuid::from_u128(n),
        aws_account: format!("{:012}", n),
        period: of,
        month: of.to_string(),
        service: "Amazon Elastic Compute Cloud".into(),
        category,
        amount: d(amount),
        rows: 3,
    }
}

pub(super) fn work(n: u128, person: &str, start: &str, end: &str) -> HoursEntry {
    HoursEntry {
        id: Uuid::new_v5(&Uuid::nil(), format!("{n}{person}{start}").as_bytes()),
        subscription_id: Uuid::from_u128(n),
        person: person.into(),
        start: at(start),
        end: at(end),
        what: "Soporte".into(),
        logged_by: person.into(),
        logged_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

pub(super) fn inputs(of: &str) -> RunInputs {
    RunInputs::new(period(of), &initial_prices(), &seed_holidays())
}

pub(super) fn nets(run: &BillingRun, n: u128) -> Vec<(LineKind, Decimal)> {
    run.subscriptions
        .iter()
        .filter(|s| s.subscription_id == Uuid::from_u128(n))
        .flat_map(|s| s.lines.iter().map(|l| (l.kind, l.net)))
        .collect()
}

pub(super) const VIP: &[&str] = &["aws", "aws-vip"];
