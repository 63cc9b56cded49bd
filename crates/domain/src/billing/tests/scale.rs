//! A run of 10,000 subscriptions, measured on demand (never a timed test).

use super::*;

/// `cargo test -p nimbo-domain --release -- --ignored --nocapture ten_thousand`
#[test]
#[ignore = "a measurement, run on demand in release"]
fn ten_thousand_subscriptions_are_billed_in_well_under_a_second() {
    let mut i = inputs("2026-11");
    let p = i.period;
    for n in 0..10_000u128 {
        let plans: &[&str] = if n % 3 == 0 { VIP } else { &["aws"] };
        i.subscriptions
            .push(subscription(n, plans, "2025-01-10", None));
        for (c, amount) in [
            (ChargeCategory::Usage, "812.3371"),
            (ChargeCategory::Credit, "-12.5"),
        ] {
            for service in 0..5 {
                let mut a = usage(n, p, c, amount);
                a.service = format!("Service {service}");
                i.consumption.push(a);
            }
        }
        if n % 10 == 0 {
            i.hours
                .push(work(n, "ana", "2026-11-23 17:00", "2026-11-23 19:30"));
        }
        for back in 1..=3 {
            let mut earlier = p;
            for _ in 0..back {
                earlier = earlier.previous();
            }
            i.history.push(PastConsumption {
                subscription_id: Uuid::from_u128(n),
                period: earlier,
                net: d("700"),
            });
        }
    }
    let started = std::time::Instant::now();
    let billed = run(&i);
    let took = started.elapsed();
    println!(
        "10,000 subscriptions, {} lines, {} aggregates: {took:?}",
        billed.lines().count(),
        i.consumption.len()
    );
    assert_eq!(billed.subscriptions.len(), 10_000);
}
