//! Suspensions as stories: the grace period, the notice, the cut, and never twice.

use uuid::Uuid;

use super::*;
use crate::service::{Suspension, SuspensionStep as S};

pub(super) const SUSPENSION: Uuid = Uuid::from_u128(0x5A1);

fn step(s: S) -> ServiceStep {
    ServiceStep::Suspension(s)
}

pub(super) fn decide(office: &mut Office, id: Uuid, on: NaiveDate) -> Result<Outcome, Refusal> {
    let credit = office.credit.clone();
    office.run(
        &credit,
        at_noon(on),
        Command::DecideSuspension {
            process_id: id,
            number: format!("SUS-7K3F-{:06}", id.as_u128() & 0xff),
            subscription_id: SUBSCRIPTION,
        },
    )
}

/// Notice, Siebel and the cut, on 20 December 2026.
pub(super) fn carried_out(office: &mut Office, id: Uuid) {
    let (kam, support, regional) = (
        office.kam.clone(),
        office.support.clone(),
        office.regional.clone(),
    );
    office
        .step(
            &kam,
            noon(2026, 12, 20),
            id,
            step(S::Notice),
            [
                ("suspension_date", "2026-12-27"),
                ("notified_on", "2026-12-20"),
            ],
        )
        .unwrap();
    office
        .step(
            &support,
            noon(2026, 12, 27),
            id,
            step(S::SiebelSuspended),
            [("servicenow_request", "REQ0045678")],
        )
        .unwrap();
    office
        .step(
            &regional,
            noon(2026, 12, 27),
            id,
            step(S::Cut),
            [("cut_on", "2026-12-27")],
        )
        .unwrap();
}

fn suspension(office: &Office) -> Suspension {
    match office.process(SUSPENSION) {
        ServiceProcess::Suspension(s) => s,
        other => panic!("not a suspension: {other:?}"),
    }
}

#[test]
fn an_invoice_within_the_grace_period_is_no_ground_to_suspend() {
    let mut office = Office::new();
    // Due on 30 November: 15 days of grace run to 15 December.
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    let refusal = decide(&mut office, SUSPENSION, day(2026, 12, 15)).unwrap_err();
    assert_eq!(code(refusal), ErrorCode::NothingOverdue);
    decide(&mut office, SUSPENSION, day(2026, 12, 16)).unwrap();
    let s = suspension(&office);
    assert_eq!(s.detail.invoices.len(), 1);
    assert_eq!(s.detail.invoices[0].days_overdue, 16);
    assert_eq!(s.flow.current, Some(S::Notice));
}

#[test]
fn the_cut_on_the_mco_suspends_the_subscription_and_it_is_not_suspended_twice() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    decide(&mut office, SUSPENSION, day(2026, 12, 18)).unwrap();
    // While the first is under way, a second is refused.
    let refusal = decide(&mut office, Uuid::from_u128(0x5A2), day(2026, 12, 18)).unwrap_err();
    assert_eq!(code(refusal), ErrorCode::AlreadySuspended);
    carried_out(&mut office, SUSPENSION);
    assert_eq!(office.subscription().status, SubscriptionStatus::Suspended);
    assert_eq!(
        suspension(&office).suspension_date(),
        Some(day(2026, 12, 27))
    );
    let refusal = decide(&mut office, Uuid::from_u128(0x5A3), day(2026, 12, 28)).unwrap_err();
    assert_eq!(code(refusal), ErrorCode::AlreadySuspended);
}

#[test]
fn only_the_credit_manager_decides_a_suspension() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    let kam = office.kam.clone();
    let refusal = office
        .run(
            &kam,
            noon(2026, 12, 18),
            Command::DecideSuspension {
                process_id: SUSPENSION,
                number: "SUS-7K3F-000001".into(),
                subscription_id: SUBSCRIPTION,
            },
        )
        .unwrap_err();
    assert_eq!(code(refusal), ErrorCode::NotAllowed);
}

#[test]
fn a_cancelled_suspension_leaves_the_subscription_active() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    decide(&mut office, SUSPENSION, day(2026, 12, 18)).unwrap();
    let credit = office.credit.clone();
    office
        .run(
            &credit,
            noon(2026, 12, 19),
            Command::CancelProcess {
                process_id: SUSPENSION,
                reason: "el cliente pagó el 19/12".into(),
            },
        )
        .unwrap();
    assert_eq!(office.subscription().status, SubscriptionStatus::Active);
    let regional = office.regional.clone();
    let refusal = office
        .step(
            &regional,
            noon(2026, 12, 20),
            SUSPENSION,
            step(S::Cut),
            [("cut_on", "2026-12-20")],
        )
        .unwrap_err();
    assert_eq!(code(refusal), ErrorCode::ProcessClosed);
}
