//! What every run keeps, whatever its inputs: the same lines and hash for the same inputs
//! in any order, and totals that are sums of rounded lines.

use super::*;

/// The inputs in another order, chosen by `seed`.
fn scrambled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut keyed: Vec<(u64, &T)> = items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                ((i as u64) ^ seed)
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    .rotate_left(29),
                t,
            )
        })
        .collect();
    keyed.sort_by_key(|k| k.0);
    keyed.into_iter().map(|(_, t)| t.clone()).collect()
}

prop_compose! {
    fn any_inputs()(
        subs in prop::collection::vec((0u32..60, prop::bool::ANY, prop::option::of(0u32..60)), 1..6),
        aggregates in prop::collection::vec((0u128..6, 0usize..5, -50_000i64..500_000), 0..20),
        hours in prop::collection::vec((0u128..6, 0i64..30 * 24 * 60, 1i64..24 * 60), 0..10),
        adjustments in prop::collection::vec((0u128..6, -10_000i64..10_000, 0i64..1000), 0..4),
        history in prop::collection::vec((0u128..6, 1usize..6, 0i64..200_000), 0..15),
    ) -> RunInputs {
        let mut i = inputs("2026-11");
        let p = i.period;
        let start = day("2026-10-30");
        for (n, (from, vip, until)) in subs.into_iter().enumerate() {
            let plans: &[&str] = if vip { VIP } else { &["aws"] };
            let mut s = subscription(n as u128, plans, "2000-01-01", None);
            s.activation_date = start + Duration::days(i64::from(from));
            s.termination_date = until.map(|u| s.activation_date + Duration::days(i64::from(u)));
            i.subscriptions.push(s);
        }
        let categories = [
            ChargeCategory::Usage,
            ChargeCategory::Purchase,
            ChargeCategory::Credit,
            ChargeCategory::Refund,
            ChargeCategory::Tax,
        ];
        for (n, c, mills) in aggregates {
            let mut a = usage(n, p, categories[c], "0");
            a.amount = Decimal::new(mills, 3);
            i.consumption.push(a);
        }
        for (k, (n, offset, length)) in hours.into_iter().enumerate() {
            let begin = at("2026-11-15 00:00") + Duration::minutes(offset);
            let mut e = work(n, &format!("p{k}"), "2026-11-15 00:00", "2026-11-15 00:00");
            e.id = Uuid::from_u128(10_000 + k as u128);
            (e.start, e.end) = (begin, begin + Duration::minutes(length));
            i.hours.push(e);
        }
        for (k, (n, cents, minute)) in adjustments.into_iter().enumerate() {
            i.adjustments.push(Adjustment {
                id: Uuid::from_u128(20_000 + k as u128),
                subscription_id: Uuid::from_u128(n),
                period: p,
                plan_code: "aws".into(),
                amount: Decimal::new(cents, 2),
                reason: "Corrección".into(),
                by: "marta.rios".into(),
                at: DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(minute),
            });
        }
        for (n, back, cents) in history {
            let mut earlier = p;
            for _ in 0..back {
                earlier = earlier.previous();
            }
            i.history.push(PastConsumption {
                subscription_id: Uuid::from_u128(n),
                period: earlier,
                net: Decimal::new(cents, 2),
            });
        }
        i
    }
}

proptest! {
    #[test]
    fn the_same_inputs_give_the_same_lines_and_hash(inputs in any_inputs()) {
        let first = run(&inputs);
        let again = run(&inputs.clone());
        prop_assert_eq!(&first.hash, &again.hash);
        prop_assert_eq!(first, again);
    }

    #[test]
    fn reordering_the_inputs_gives_the_same_lines(inputs in any_inputs(), seed in any::<u64>()) {
        let mut other = inputs.clone();
        other.subscriptions = scrambled(&inputs.subscriptions, seed);
        other.consumption = scrambled(&inputs.consumption, seed);
        other.hours = scrambled(&inputs.hours, seed);
        other.adjustments = scrambled(&inputs.adjustments, seed);
        other.history = scrambled(&inputs.history, seed);
        prop_assert_eq!(run(&inputs), run(&other));
    }

    #[test]
    fn every_total_is_the_sum_of_rounded_lines(inputs in any_inputs()) {
        let billed = run(&inputs);
        for s in &billed.subscriptions {
            for l in &s.lines {
                prop_assert_eq!(l.net, crate::billing::money::cents(l.net));
                prop_assert_eq!(l.iva, crate::billing::money::cents(l.net * crate::billing::money::IVA_RATE));
                prop_assert_eq!(l.total, l.net + l.iva);
            }
            prop_assert_eq!(s.total, s.lines.iter().map(|l| l.total).sum::<Decimal>());
        }
        prop_assert_eq!(billed.net, billed.lines().map(|l| l.net).sum::<Decimal>());
        prop_assert_eq!(billed.total, billed.net + billed.iva);
    }
}

#[test]
fn changing_one_cent_changes_the_hash() {
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, &["aws"], "2025-01-10", None));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "10.00"));
    let before = run(&i).hash;
    i.consumption[0].amount = d("10.01");
    assert_ne!(before, run(&i).hash);
}
