//! The demonstration statements: a customer of the Welcome KIT's samples, billed for
//! November 2026 by the domain's own billing run (so every line and explanation is the
//! one the app will print) with a year of history, and the variants the tests need (no
//! consumption, thirty lines).

use chrono::{NaiveDate, NaiveDateTime};
use nimbo_domain::billing::{
    Adjustment, BillableSubscription, BillingRun, ChargeCategory, ConsumptionAggregate, HoursEntry,
    LineKind, Period, RunInputs, run, seed_holidays,
};
use nimbo_domain::catalogue::{Pricing, initial_plans, initial_prices};
use nimbo_domain::subscription::SubscriptionStatus;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{at, customer, day, organisation};
use crate::model::{DocumentMeta, TemplateVersion};
use crate::templates::statement::{
    PeriodTotals, ServiceConsumption, Statement, StatementCustomer, StatementSubscription,
};

/// The demonstration customer's first subscription; the others follow it.
const SUBSCRIPTION: u128 = 0x0193a6f0_7c1e_7d2a_9b40_2f5c8e1a1001;
/// The demonstration customer's billing account in Siebel.
const BILLING_ACCOUNT: &str = "100200300";

/// An amount in cents, `money(231_846)` = 2.318,46.
fn money(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// The code of the catalogue's plan `pick` chooses.
fn plan_code(pick: impl Fn(&Pricing) -> bool) -> String {
    initial_plans()
        .into_iter()
        .find(|p| pick(&p.pricing))
        .map(|p| p.code)
        .unwrap_or_default()
}

/// Subscription `n` of the demonstration customer, with all four plans, active from
/// `from`.
fn subscription(n: u128, from: NaiveDate) -> BillableSubscription {
    BillableSubscription {
        id: Uuid::from_u128(SUBSCRIPTION + n),
        customer_id: Uuid::from_u128(SUBSCRIPTION - 1),
        subscriber_id: format!("1-7K3F{n:03}"),
        billing_account: BILLING_ACCOUNT.into(),
        plans: initial_plans().into_iter().map(|p| p.code).collect(),
        activation_date: from,
        termination_date: None,
        status: SubscriptionStatus::Active,
    }
}

/// The AWS account of subscription `n`.
fn aws_account(n: u128) -> String {
    format!("{:012}", 123_456_789_012_u128 + n)
}

/// One aggregate of subscription `n`'s consumption in `period`.
fn aggregate(
    n: u128,
    period: Period,
    service: &str,
    category: ChargeCategory,
    amount: Decimal,
) -> ConsumptionAggregate {
    ConsumptionAggregate {
        subscription_id: Uuid::from_u128(SUBSCRIPTION + n),
        aws_account: aws_account(n),
        period,
        month: period.first_day().format("%Y-%m").to_string(),
        service: service.into(),
        category,
        amount,
        rows: 1_000,
    }
}

/// A local Asunción time, `time(2026, 11, 18, 9, 0)`.
fn time(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap_or_default()
}

/// Work logged on subscription `n` from `start` to `end`.
fn work(n: u128, k: u128, start: NaiveDateTime, end: NaiveDateTime, what: &str) -> HoursEntry {
    HoursEntry {
        id: Uuid::from_u128(SUBSCRIPTION + 0x1_0000 + 0x100 * n + k),
        subscription_id: Uuid::from_u128(SUBSCRIPTION + n),
        person: "snunez".into(),
        start,
        end,
        what: what.into(),
        logged_by: "snunez".into(),
        logged_at: at(2026, 12, 3, 12, 0),
    }
}

/// The period's run for `subscriptions` from these records, with the catalogue's
/// initial prices and Paraguay's holidays.
fn billed(
    period: Period,
    subscriptions: Vec<BillableSubscription>,
    consumption: Vec<ConsumptionAggregate>,
    hours: Vec<HoursEntry>,
    adjustments: Vec<Adjustment>,
) -> BillingRun {
    let mut inputs = RunInputs::new(period, &initial_prices(), &seed_holidays());
    inputs.subscriptions = subscriptions;
    inputs.consumption = consumption;
    inputs.hours = hours;
    inputs.adjustments = adjustments;
    run(&inputs)
}

fn statement_meta() -> DocumentMeta {
    DocumentMeta {
        id: "0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0005".into(),
        number: "EDC-7K3F-000125".into(),
        version: 1,
        issued_at: at(2026, 12, 16, 13, 30),
    }
}

/// The demonstration period of the statements, 15/11/2026 to 14/12/2026.
pub fn statement_period() -> Period {
    Period::of_day(day(2026, 11, 15))
}

/// The imported consumption of the demonstration period, per service and category.
pub fn consumption_aggregates() -> Vec<ConsumptionAggregate> {
    let rows: [(&str, ChargeCategory, i64); 10] = [
        (
            "Amazon Elastic Compute Cloud",
            ChargeCategory::Usage,
            141_237,
        ),
        (
            "Amazon Elastic Compute Cloud",
            ChargeCategory::Credit,
            -5_000,
        ),
        (
            "Amazon Relational Database Service",
            ChargeCategory::Usage,
            52_418,
        ),
        (
            "Amazon Simple Storage Service",
            ChargeCategory::Usage,
            18_742,
        ),
        (
            "Amazon Simple Storage Service",
            ChargeCategory::Refund,
            -2_350,
        ),
        ("AWS Backup", ChargeCategory::Usage, 9_680),
        ("Amazon CloudFront", ChargeCategory::Usage, 7_115),
        ("Amazon Virtual Private Cloud", ChargeCategory::Usage, 5_862),
        ("Amazon CloudWatch", ChargeCategory::Usage, 4_142),
        ("AWS Support (Business)", ChargeCategory::Purchase, 10_000),
    ];
    rows.into_iter()
        .map(|(service, category, amount)| {
            aggregate(0, statement_period(), service, category, money(amount))
        })
        .collect()
}

/// The demonstration customer's eleven periods before the statement's, each billed by
/// the run from its consumption (growing month by month) and now and then some hours.
pub fn statement_history() -> Vec<PeriodTotals> {
    let consumption: [i64; 11] = [
        148_020, 152_375, 161_040, 158_810, 170_295, 175_530, 182_064, 191_108, 200_437, 215_090,
        223_612,
    ];
    let minutes: [i64; 11] = [0, 150, 0, 0, 300, 0, 0, 120, 0, 240, 0];
    let mut period = statement_period();
    for _ in 0..11 {
        period = period.previous();
    }
    let mut out = Vec::new();
    for (amount, minutes) in consumption.into_iter().zip(minutes) {
        let first = period.first_day();
        // Work on the first Tuesday of the period, from 09:00.
        let tuesday = (0..7)
            .filter_map(|k| first.checked_add_days(chrono::Days::new(k)))
            .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Tue)
            .unwrap_or(first);
        let start = tuesday.and_hms_opt(9, 0, 0).unwrap_or_default();
        let hours = (minutes > 0)
            .then(|| {
                work(
                    0,
                    0,
                    start,
                    start + chrono::Duration::minutes(minutes),
                    "Soporte",
                )
            })
            .into_iter()
            .collect();
        let r = billed(
            period,
            vec![subscription(0, day(2025, 9, 1))],
            vec![aggregate(
                0,
                period,
                "Amazon Elastic Compute Cloud",
                ChargeCategory::Usage,
                money(amount),
            )],
            hours,
            Vec::new(),
        );
        out.push(PeriodTotals {
            period,
            consumption: r
                .lines()
                .filter(|l| l.kind == LineKind::Consumption)
                .map(|l| l.net)
                .sum(),
            charges: r.total,
        });
        period = period.next();
    }
    out
}

/// The statement of `r`'s lines with the demonstration consumption and history.
fn statement_of(
    r: &BillingRun,
    consumption: &[ConsumptionAggregate],
    history: Vec<PeriodTotals>,
) -> Statement {
    Statement {
        document: statement_meta(),
        template: TemplateVersion::CURRENT,
        organisation: organisation(),
        customer: StatementCustomer {
            name: customer().name,
            ruc: customer().ruc,
            billing_account: BILLING_ACCOUNT.into(),
        },
        period: r.period,
        lines: r.lines().cloned().collect(),
        subscriptions: r
            .subscriptions
            .iter()
            .map(|c| {
                let n = c.subscription_id.as_u128().wrapping_sub(SUBSCRIPTION);
                StatementSubscription {
                    id: c.subscription_id,
                    subscriber_id: c.subscriber_id.clone(),
                    aws_accounts: vec![aws_account(n)],
                }
            })
            .collect(),
        consumption: ServiceConsumption::from_aggregates(consumption),
        history,
        run_sha256: r.hash.clone(),
    }
}

/// November 2026's hours: three mornings and afternoons in business hours, an evening
/// that crosses 18:00 and a Saturday.
fn november_hours() -> Vec<HoursEntry> {
    vec![
        work(
            0,
            1,
            time(2026, 11, 18, 9, 0),
            time(2026, 11, 18, 12, 0),
            "Revisión de la arquitectura de red",
        ),
        work(
            0,
            2,
            time(2026, 11, 25, 14, 0),
            time(2026, 11, 25, 16, 30),
            "Configuración de copias de respaldo",
        ),
        work(
            0,
            3,
            time(2026, 11, 26, 17, 0),
            time(2026, 11, 26, 19, 30),
            "Migración de la base de datos",
        ),
        work(
            0,
            4,
            time(2026, 11, 21, 10, 0),
            time(2026, 11, 21, 10, 45),
            "Atención de una caída del sitio",
        ),
    ]
}

/// A customer's statement of November 2026, billed by the run: consumption of eight AWS
/// services with a credit, a refund and AWS Support, the VIP fee, hours in and outside
/// business hours and an adjustment of October, with the eleven periods before it.
pub fn statement() -> Statement {
    let period = statement_period();
    let adjustment = Adjustment {
        id: Uuid::from_u128(SUBSCRIPTION + 0x2_0000),
        subscription_id: Uuid::from_u128(SUBSCRIPTION),
        period,
        plan_code: plan_code(|p| {
            matches!(
                p,
                Pricing::Hourly {
                    business_hours: true,
                    ..
                }
            )
        }),
        amount: money(-10_000),
        reason: "2 h en horario hábil del 07/10/2026 registradas dos veces".into(),
        by: "lfernandez".into(),
        at: at(2026, 11, 20, 14, 0),
    };
    let consumption = consumption_aggregates();
    let r = billed(
        period,
        vec![subscription(0, day(2025, 9, 1))],
        consumption.clone(),
        november_hours(),
        vec![adjustment],
    );
    statement_of(&r, &consumption, statement_history())
}

/// The statement of a customer activated on 25/11/2026 without any AWS consumption yet:
/// the prorated VIP minimum and nothing else, no history.
pub fn statement_without_consumption() -> Statement {
    let period = statement_period();
    let r = billed(
        period,
        vec![subscription(0, day(2026, 11, 25))],
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    statement_of(&r, &[], Vec::new())
}

/// A customer with `subscriptions` subscriptions billed on the same account, each with
/// its consumption, the VIP fee and some hours: three lines each, thirty for ten.
pub fn statement_of_subscriptions(subscriptions: u128) -> Statement {
    let period = statement_period();
    let mut subs = Vec::new();
    let mut consumption = Vec::new();
    let mut hours = Vec::new();
    for n in 0..subscriptions {
        subs.push(subscription(n, day(2025, 9, 1)));
        let services = [
            "Amazon Elastic Compute Cloud",
            "Amazon Simple Storage Service",
        ];
        for (k, service) in services.iter().enumerate() {
            let cents = 40_000 + 13_579 * n as i64 + 7_531 * k as i64;
            consumption.push(aggregate(
                n,
                period,
                service,
                ChargeCategory::Usage,
                money(cents),
            ));
        }
        let d = 16 + (n % 12) as u32;
        let start = time(2026, 11, d, 8, 30);
        hours.push(work(
            n,
            1,
            start,
            start + chrono::Duration::minutes(45 + 15 * (n as i64 % 5)),
            "Pedido de cambio",
        ));
    }
    let r = billed(period, subs, consumption.clone(), hours, Vec::new());
    statement_of(&r, &consumption, statement_history())
}
