//! The billing run of 10,000 subscriptions (issue 12: ≤ 1 s): five services of usage and
//! credits each, a third with the VIP fee, one in ten with hours crossing 18:00, three
//! earlier periods for the spike flag. `cargo bench -p nimbo-domain --bench run`.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use nimbo_domain::billing::{
    BillableSubscription, ChargeCategory, ConsumptionAggregate, HoursEntry, PastConsumption,
    Period, RunInputs, run, seed_holidays,
};
use nimbo_domain::catalogue::initial_prices;
use nimbo_domain::subscription::SubscriptionStatus;
use rust_decimal::Decimal;
use uuid::Uuid;

fn inputs() -> RunInputs {
    let p: Period = "2026-11"
        .parse()
        .unwrap_or_else(|_| Period::of_day(NaiveDate::MIN));
    let mut i = RunInputs::new(p, &initial_prices(), &seed_holidays());
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    for n in 0..10_000u128 {
        let id = Uuid::from_u128(n);
        let plans = if n % 3 == 0 {
            vec!["aws".into(), "aws-vip".into()]
        } else {
            vec!["aws".into()]
        };
        i.subscriptions.push(BillableSubscription {
            id,
            customer_id: Uuid::from_u128(n / 3),
            subscriber_id: format!("1-{n:07}"),
            billing_account: format!("{:09}", 100_000_000 + n / 3),
            plans,
            activation_date: NaiveDate::from_ymd_opt(2025, 1, 10).unwrap_or_default(),
            termination_date: None,
            status: SubscriptionStatus::Active,
        });
        for (category, amount) in [
            (ChargeCategory::Usage, Decimal::new(8_123_371, 4)),
            (ChargeCategory::Credit, Decimal::new(-125, 1)),
        ] {
            for service in 0..5 {
                i.consumption.push(ConsumptionAggregate {
                    subscription_id: id,
                    aws_account: format!("{:012}", n),
                    period: p,
                    month: "2026-11".into(),
                    service: format!("Service {service}"),
                    category,
                    amount,
                    rows: 720,
                });
            }
        }
        if n % 10 == 0 {
            i.hours.push(HoursEntry {
                id: Uuid::from_u128(1_000_000 + n),
                subscription_id: id,
                person: "ana".into(),
                start: day.and_hms_opt(17, 0, 0).unwrap_or_default(),
                end: day.and_hms_opt(19, 30, 0).unwrap_or_default(),
                what: "Migración".into(),
                logged_by: "ana".into(),
                logged_at: chrono::DateTime::UNIX_EPOCH,
            });
        }
        let mut earlier = p;
        for _ in 0..3 {
            earlier = earlier.previous();
            i.history.push(PastConsumption {
                subscription_id: id,
                period: earlier,
                net: Decimal::new(700, 0),
            });
        }
    }
    i
}

fn billing_run(c: &mut Criterion) {
    let i = inputs();
    let mut group = c.benchmark_group("billing_run");
    group.sample_size(10);
    group.bench_function("10000_subscriptions", |b| b.iter(|| run(&i)));
    group.finish();
}

criterion_group!(benches, billing_run);
criterion_main!(benches);
