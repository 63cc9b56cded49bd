//! The run told as stories, each amount computed by hand from DOMAIN §3.

use super::*;

#[test]
fn a_february_period_of_28_days_prorates_the_minimum_over_28() {
    // Period 2026-02 runs 15/02/2026–14/03/2026: 28 days. Activated on 20 Feb: 23 days.
    // 75 × 23 / 28 = 61.607… → 61.61 (15 % of 100 = 15 is less).
    let mut i = inputs("2026-02");
    i.subscriptions
        .push(subscription(1, VIP, "2026-02-20", None));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "100"));
    let billed = run(&i);
    assert_eq!(
        nets(&billed, 1),
        [
            (LineKind::Consumption, d("100.00")),
            (LineKind::VipFee, d("61.61"))
        ]
    );
    let vip = &billed.subscriptions[0].lines[1];
    assert_eq!(
        vip.explanation_es,
        "15 % de 100,00 = 15,00; mínimo prorrateado 75 × 23/28 = 61,61; se aplica 61,61"
    );
    assert_eq!((vip.iva, vip.total), (d("6.16"), d("67.77")));
}

#[test]
fn a_leap_february_period_has_29_days() {
    // Period 2028-02: 15/02/2028–14/03/2028, 29 days; activated 20 Feb: 24 days.
    // 75 × 24 / 29 = 62.068… → 62.07.
    let mut i = inputs("2028-02");
    i.subscriptions
        .push(subscription(1, VIP, "2028-02-20", None));
    assert_eq!(nets(&run(&i), 1), [(LineKind::VipFee, d("62.07"))]);
}

#[test]
fn a_service_terminated_on_24_november_pays_10_days_of_the_minimum() {
    // 15–24 Nov = 10 of 30 days: 75 × 10/30 = 25.00. Consumption is never prorated.
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, VIP, "2025-01-10", Some("2026-11-24")));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "120.40"));
    assert_eq!(
        nets(&run(&i), 1),
        [
            (LineKind::Consumption, d("120.40")),
            (LineKind::VipFee, d("25.00"))
        ]
    );
}

#[test]
fn a_service_inactive_the_whole_period_gets_no_lines_and_its_charges_are_flagged() {
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, VIP, "2025-01-10", Some("2026-11-14")));
    i.subscriptions
        .push(subscription(2, VIP, "2026-12-15", None));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "3.10"));
    let billed = run(&i);
    assert!(billed.subscriptions.is_empty());
    assert_eq!(billed.total, Decimal::ZERO);
    assert_eq!(billed.flags.len(), 1);
    assert_eq!(billed.flags[0].kind, FlagKind::ChargesWhileInactive);
    assert!(
        billed.flags[0]
            .explanation_es
            .contains("15/11/2026 – 14/12/2026")
    );
}

#[test]
fn a_suspended_service_is_billed_all_the_same() {
    let mut i = inputs("2026-11");
    let mut sub = subscription(1, VIP, "2025-01-10", None);
    sub.status = SubscriptionStatus::Suspended;
    i.subscriptions.push(sub);
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "1000"));
    assert_eq!(
        nets(&run(&i), 1),
        [
            (LineKind::Consumption, d("1000.00")),
            (LineKind::VipFee, d("150.00"))
        ]
    );
}

#[test]
fn the_vip_fee_is_taken_on_the_rounded_consumption_and_only_when_contracted() {
    // Usage 1,300.004 less credits 65.43 = 1,234.574 → line 1,234.57; the fee is
    // 15 % of 1,234.57 = 185.1855 → 185.19 (of the unrounded 1,234.574 it would be the same
    // here, but the explanation must show the line's number).
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, VIP, "2026-11-25", None));
    i.subscriptions
        .push(subscription(2, &["aws"], "2026-11-25", None));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "1300.004"));
    i.consumption
        .push(usage(1, p, ChargeCategory::Credit, "-65.43"));
    i.consumption
        .push(usage(1, p, ChargeCategory::Tax, "99.99"));
    i.consumption.push(usage(2, p, ChargeCategory::Usage, "10"));
    let billed = run(&i);
    let lines = &billed.subscriptions[0].lines;
    assert_eq!(
        lines[0].explanation_es,
        "Uso 1.300,00; créditos -65,43; total 1.234,57; impuestos de AWS 99,99 no facturados (se factura IVA)"
    );
    assert_eq!(
        lines[1].explanation_es,
        "15 % de 1.234,57 = 185,19; mínimo prorrateado 75 × 20/30 = 50,00; se aplica 185,19"
    );
    assert_eq!(nets(&billed, 2), [(LineKind::Consumption, d("10.00"))]);
}

#[test]
fn hours_on_a_holiday_and_a_saturday_are_after_hours_and_crossing_18_splits_them() {
    // Period 2026-11. Tuesday 8 Dec (Caacupé) 09:00–11:00: 120 after. Saturday 28 Nov
    // 10:00–12:00: 120 after. Monday 30 Nov 16:30–18:45: 90 business + 45 after.
    // Business 90 × 50/60 = 75.00; after 285 × 75/60 = 356.25.
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, &["aws"], "2025-01-10", None));
    i.hours
        .push(work(1, "ana", "2026-12-08 09:00", "2026-12-08 11:00"));
    i.hours
        .push(work(1, "ana", "2026-11-28 10:00", "2026-11-28 12:00"));
    i.hours
        .push(work(1, "luis", "2026-11-30 16:30", "2026-11-30 18:45"));
    // Starts on 15 Dec: period 2026-12, not this one.
    i.hours
        .push(work(1, "luis", "2026-12-15 09:00", "2026-12-15 10:00"));
    let billed = run(&i);
    assert_eq!(
        nets(&billed, 1),
        [
            (LineKind::BusinessHours, d("75.00")),
            (LineKind::AfterHours, d("356.25"))
        ]
    );
    let lines = &billed.subscriptions[0].lines;
    assert_eq!(lines[0].plan_code, "ps-business");
    assert_eq!(
        lines[1].plan_name,
        "Tigo Cloud AWS Serv. Prof. Hora no Hábil"
    );
    assert_eq!(
        lines[1].explanation_es,
        "4 h 45 min (285 min) × 75,00/h = 356,25; 3 registros: 28/11 10:00–12:00 (120 min), 30/11 16:30–18:45 (45 min), 08/12 09:00–11:00 (120 min)"
    );
}

#[test]
fn an_interval_crossing_midnight_belongs_to_the_period_of_its_start() {
    // Monday 14 Dec 2026 22:00 – Tuesday 15 Dec 02:00 starts in period 2026-11: 240 after.
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, &["aws"], "2025-01-10", None));
    i.hours
        .push(work(1, "ana", "2026-12-14 22:00", "2026-12-15 02:00"));
    assert_eq!(nets(&run(&i), 1), [(LineKind::AfterHours, d("300.00"))]);
    let mut next = inputs("2026-12");
    next.subscriptions = i.subscriptions.clone();
    next.hours = i.hours.clone();
    assert!(run(&next).subscriptions.is_empty());
}

#[test]
fn half_a_cent_rounds_away_from_zero_once_per_line() {
    // 1.125 → 1.13 (half to even would give 1.12); IVA 0.113 → 0.11; total 1.24.
    // A credit of -0.005 rounds to -0.01.
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, &["aws"], "2025-01-10", None));
    i.subscriptions
        .push(subscription(2, &["aws"], "2025-01-10", None));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "1.125"));
    i.consumption
        .push(usage(2, p, ChargeCategory::Credit, "-0.005"));
    let billed = run(&i);
    let line = &billed.subscriptions[0].lines[0];
    assert_eq!(
        (line.net, line.iva, line.total),
        (d("1.13"), d("0.11"), d("1.24"))
    );
    assert_eq!(nets(&billed, 2), [(LineKind::Consumption, d("-0.01"))]);
}

#[test]
fn totals_are_sums_of_rounded_lines_not_rounded_sums() {
    // Three subscriptions of 0.005 each: every line is 0.01 (IVA 0.00), so the run is
    // 0.03 though the consumption adds up to 0.015.
    let mut i = inputs("2026-11");
    let p = i.period;
    for n in 1..=3 {
        i.subscriptions
            .push(subscription(n, &["aws"], "2025-01-10", None));
        i.consumption
            .push(usage(n, p, ChargeCategory::Usage, "0.005"));
    }
    // One subscription with lines whose IVA rounds each: 0.05 → IVA 0.01 (0.005 up),
    // twice over two lines (consumption and an adjustment) = 0.02, not round(0.01) = 0.01.
    i.subscriptions
        .push(subscription(4, &["aws"], "2025-01-10", None));
    i.consumption
        .push(usage(4, p, ChargeCategory::Usage, "0.05"));
    i.adjustments.push(Adjustment {
        id: Uuid::from_u128(9),
        subscription_id: Uuid::from_u128(4),
        period: p,
        plan_code: "aws".into(),
        amount: d("0.05"),
        reason: "Diferencia de octubre".into(),
        by: "marta.rios".into(),
        at: DateTime::<Utc>::UNIX_EPOCH,
    });
    let billed = run(&i);
    assert_eq!(billed.net, d("0.13"));
    let fourth = billed
        .subscriptions
        .iter()
        .find(|s| s.subscription_id == Uuid::from_u128(4));
    assert_eq!(
        fourth.map(|s| (s.net, s.iva, s.total)),
        Some((d("0.10"), d("0.02"), d("0.12")))
    );
    assert_eq!(billed.iva, d("0.02"));
    assert_eq!(billed.total, d("0.15"));
    let lines_total: Decimal = billed.lines().map(|l| l.total).sum();
    assert_eq!(billed.total, lines_total);
}

#[test]
fn adjustments_are_one_line_each_with_the_reason_and_when_even_after_termination() {
    let mut i = inputs("2026-12");
    // Terminated in November: no consumption or VIP line in December, but the correction
    // of November's locked run reaches the customer.
    i.subscriptions
        .push(subscription(1, VIP, "2025-01-10", Some("2026-11-30")));
    let p = i.period;
    for (n, amount, reason) in [
        (2, "-12.50", "Crédito por corte"),
        (1, "40", "Horas no facturadas"),
    ] {
        i.adjustments.push(Adjustment {
            id: Uuid::from_u128(n),
            subscription_id: Uuid::from_u128(1),
            period: p,
            plan_code: "aws-vip".into(),
            amount: d(amount),
            reason: reason.into(),
            by: "marta.rios".into(),
            at: DateTime::<Utc>::UNIX_EPOCH + Duration::hours(n as i64),
        });
    }
    let billed = run(&i);
    let lines = &billed.subscriptions[0].lines;
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].net, d("40.00"));
    assert_eq!(
        lines[0].explanation_es,
        "Ajuste registrado el 31/12/1969: Horas no facturadas"
    );
    assert_eq!(
        lines[1].explanation_en,
        "Adjustment recorded on 31/12/1969: Crédito por corte"
    );
    assert_eq!((lines[1].net, lines[1].iva), (d("-12.50"), d("-1.25")));
    assert_eq!(lines[1].plan_name, "Tigo Cloud AWS Serv. Adm. VIP");
    assert_eq!(
        lines[1].id,
        line_id(Uuid::from_u128(1), p, LineKind::Adjustment, "aws-vip", 1)
    );
}

#[test]
fn a_consumption_over_twice_the_last_three_periods_average_is_flagged() {
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, &["aws"], "2025-01-10", None));
    i.subscriptions
        .push(subscription(2, &["aws"], "2026-09-20", None));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "900"));
    i.consumption
        .push(usage(2, p, ChargeCategory::Usage, "900"));
    for (n, before, net) in [
        (1, "2026-08", "400"),
        (1, "2026-09", "400"),
        (1, "2026-10", "400"),
    ] {
        i.history.push(PastConsumption {
            subscription_id: Uuid::from_u128(n),
            period: period(before),
            net: d(net),
        });
    }
    // Subscription 2 has two earlier periods only: not flagged however large.
    for before in ["2026-09", "2026-10"] {
        i.history.push(PastConsumption {
            subscription_id: Uuid::from_u128(2),
            period: period(before),
            net: d("1"),
        });
    }
    let billed = run(&i);
    assert_eq!(billed.flags.len(), 1);
    assert_eq!(billed.flags[0].subscription_id, Uuid::from_u128(1));
    assert_eq!(billed.flags[0].kind, FlagKind::ConsumptionSpike);
}

#[test]
fn a_subscription_listed_twice_is_billed_once() {
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, VIP, "2025-01-10", None));
    i.subscriptions
        .push(subscription(1, VIP, "2025-01-10", None));
    assert_eq!(run(&i).subscriptions.len(), 1);
}

#[test]
fn consumption_of_a_subscription_the_run_was_not_given_is_flagged_not_dropped() {
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, &["aws"], "2025-01-10", None));
    let p = i.period;
    i.consumption.push(usage(7, p, ChargeCategory::Usage, "44"));
    i.hours
        .push(work(7, "ana", "2026-11-23 09:00", "2026-11-23 10:30"));
    let billed = run(&i);
    assert!(billed.subscriptions.is_empty());
    assert_eq!(billed.flags.len(), 1);
    assert_eq!(billed.flags[0].kind, FlagKind::UnlistedSubscription);
    assert_eq!(billed.flags[0].subscription_id, Uuid::from_u128(7));
    assert!(
        billed.flags[0]
            .explanation_es
            .contains("44,00, 90 min de trabajo y 0 ajustes")
    );
}

#[test]
fn a_service_activated_on_the_20th_and_terminated_on_the_24th_pays_5_days_of_the_minimum() {
    // 20–24 Nov, both ends counted: 5 of 30 days. 75 × 5/30 = 12.50; IVA 1.25.
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, VIP, "2026-11-20", Some("2026-11-24")));
    let billed = run(&i);
    assert_eq!(nets(&billed, 1), [(LineKind::VipFee, d("12.50"))]);
    assert_eq!(billed.total, d("13.75"));
    assert!(
        billed.subscriptions[0].lines[0]
            .explanation_en
            .contains("prorated minimum 75 × 5/30 = 12.50")
    );
}

#[test]
fn amounts_always_carry_two_decimals_as_they_travel() {
    // 15 % of 500 = 75 exactly and 75 × 30/30 = 75: the line still reads 75.00.
    let mut i = inputs("2026-11");
    i.subscriptions
        .push(subscription(1, VIP, "2025-01-10", None));
    let p = i.period;
    i.consumption
        .push(usage(1, p, ChargeCategory::Usage, "500"));
    i.consumption
        .push(usage(1, p, ChargeCategory::Credit, "-0.001"));
    let billed = run(&i);
    let texts: Vec<String> = billed
        .lines()
        .flat_map(|l| [l.net.to_string(), l.iva.to_string(), l.total.to_string()])
        .collect();
    assert_eq!(
        texts,
        ["500.00", "50.00", "550.00", "75.00", "7.50", "82.50"]
    );
    assert_eq!(billed.total.to_string(), "632.50");
    assert_eq!(run(&inputs("2026-11")).total.to_string(), "0.00");
}
