//! One export feeds two periods: each charge lands in the period of its start in
//! Asunción time; a locked period's charges are totalled for comparison, never imported.

use nimbo_consumption::ProblemKind;
use nimbo_consumption::generate::handmade::{self, Charge, Shape};
use nimbo_domain::billing::ChargeCategory;

use crate::support::*;

#[test]
fn a_charge_at_14_11_23_30_in_asuncion_and_one_at_15_11_00_10_land_in_two_periods() -> Outcome {
    let charges = vec![
        // 14/11 23:30 in Asunción (UTC−3) is 15/11 02:30 UTC: still period 2026-10.
        Charge::usage(BOSCO, "2026-11-15T02:30:00Z", "4.00"),
        // 15/11 00:10 in Asunción: period 2026-11.
        Charge::usage(BOSCO, "2026-11-15T00:10:00-03:00", "6.00"),
    ];
    let summary = import(&handmade::focus(&charges, Shape::default())?)?;
    let by_period: Vec<_> = summary
        .aggregates
        .iter()
        .map(|a| (a.period.to_string(), a.amount))
        .collect();
    assert_eq!(
        by_period,
        vec![
            ("2026-10".to_string(), d("4.00")),
            ("2026-11".to_string(), d("6.00"))
        ]
    );
    // Both start in November in UTC: the export covers one calendar month.
    assert_eq!(summary.months, vec!["2026-11".to_string()]);
    Ok(())
}

#[test]
fn a_locked_periods_charges_are_problems_totalled_for_comparison_not_imported() -> Outcome {
    let charges = vec![
        Charge::usage(BOSCO, "2026-11-01T10:00:00Z", "10.00"), // period 2026-10, locked
        Charge::usage(BOSCO, "2026-11-02T10:00:00Z", "-1.50").category("Credit"), // locked
        Charge::usage(FERRETERIA, "2026-11-10T10:00:00Z", "2.25"), // locked
        Charge::usage(BOSCO, "2026-11-20T10:00:00Z", "7.00"),  // period 2026-11, open
    ];
    let (outcome, report) = import_reporting(
        &handmade::focus(&charges, Shape::default())?,
        &[period("2026-10")],
    );
    let summary = outcome?;
    assert_eq!(
        seen(&summary),
        vec![
            problem(
                2,
                "ChargePeriodStart",
                ProblemKind::LockedPeriod,
                "2026-11-01T10:00:00Z"
            ),
            problem(
                3,
                "ChargePeriodStart",
                ProblemKind::LockedPeriod,
                "2026-11-02T10:00:00Z"
            ),
            problem(
                4,
                "ChargePeriodStart",
                ProblemKind::LockedPeriod,
                "2026-11-10T10:00:00Z"
            ),
        ]
    );
    assert!(
        summary.problems[0]
            .message_es
            .contains("período 2026-10 (15/10/2026 – 14/11/2026), ya cerrado")
    );
    assert_eq!((summary.rows_billed, summary.rows_with_problems), (1, 3));
    assert_eq!(summary.aggregates.len(), 1);
    assert_eq!(total(&summary, ChargeCategory::Usage), d("7.00"));
    assert_eq!(summary.locked.len(), 1);
    let locked = &summary.locked[0];
    assert_eq!(
        (locked.period, locked.amount, locked.rows),
        (period("2026-10"), d("10.75"), 3)
    );
    assert_eq!(locked.aggregates.len(), 3);
    assert_eq!(report.lines().count(), 4);
    Ok(())
}

#[test]
fn the_months_covered_follow_the_billing_period_start_when_the_export_has_it() -> Outcome {
    // A correction of October billed in November's export.
    let bytes = b"SubAccountId,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ServiceName,BilledCost,BillingCurrency\n\
111122223333,2026-11-01T00:00:00Z,2026-10-20T00:00:00Z,2026-10-20T01:00:00Z,Usage,Correction,AWS Lambda,-0.40,USD\n\
111122223333,2026-11-01T00:00:00Z,2026-11-20T00:00:00Z,2026-11-20T01:00:00Z,Usage,,AWS Lambda,3,USD\n\
111122223333,2026-11-01T00:00:00Z,2026-11-20T00:00:00Z,2026-11-20T01:00:00Z,Usage,Rebill,AWS Lambda,3,USD\n";
    let summary = import(bytes)?;
    assert_eq!(summary.months, vec!["2026-11".to_string()]);
    assert_eq!(
        seen(&summary),
        vec![problem(
            4,
            "ChargeClass",
            ProblemKind::UnknownCategory,
            "Rebill"
        )]
    );
    let periods: Vec<_> = summary
        .aggregates
        .iter()
        .map(|a| a.period.to_string())
        .collect();
    assert_eq!(periods, vec!["2026-10".to_string(), "2026-11".to_string()]);
    Ok(())
}
