//! Reconnections as stories: only after the payment, never while being terminated.

use uuid::Uuid;

use super::suspension::{SUSPENSION, carried_out, decide};
use super::*;
use crate::service::Effect;
use crate::service::ReconnectionStep as R;

const RECONNECTION: Uuid = Uuid::from_u128(0xEC1);

fn step(s: R) -> ServiceStep {
    ServiceStep::Reconnection(s)
}

fn confirm(office: &mut Office, on: NaiveDate) -> Result<Outcome, Refusal> {
    let executive = office.executive.clone();
    office.run(
        &executive,
        at_noon(on),
        Command::ConfirmReconnectionPayment {
            process_id: RECONNECTION,
            number: "REC-7K3F-000001".into(),
            subscription_id: SUBSCRIPTION,
            input: StepInput::with([
                ("payment_reference", "TRF 889122"),
                ("paid_on", &on.to_string()),
            ]),
        },
    )
}

fn suspended(office: &mut Office) -> Uuid {
    let invoice = office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    decide(office, SUSPENSION, day(2026, 12, 18)).unwrap();
    carried_out(office, SUSPENSION);
    invoice
}

#[test]
fn a_suspended_subscription_is_reconnected_once_its_invoice_is_paid() {
    let mut office = Office::new();
    let invoice = suspended(&mut office);
    let refusal = confirm(&mut office, day(2026, 12, 28)).unwrap_err();
    assert_eq!(code(refusal.clone()), ErrorCode::InvoiceStillOwed);
    assert!(refusal.message(crate::Lang::Es).contains("001-001-0000123"));
    office.pay(invoice, day(2026, 12, 28));
    confirm(&mut office, day(2026, 12, 28)).unwrap();
    let (support, regional, kam) = (
        office.support.clone(),
        office.regional.clone(),
        office.kam.clone(),
    );
    office
        .step(
            &support,
            noon(2026, 12, 28),
            RECONNECTION,
            step(R::SiebelReactivated),
            [("servicenow_request", "REQ0045999")],
        )
        .unwrap();
    assert_eq!(office.subscription().status, SubscriptionStatus::Suspended);
    office
        .step(
            &regional,
            noon(2026, 12, 29),
            RECONNECTION,
            step(R::Reconnected),
            [("reconnected_on", "2026-12-29")],
        )
        .unwrap();
    assert_eq!(office.subscription().status, SubscriptionStatus::Active);
    office
        .step(
            &kam,
            noon(2026, 12, 29),
            RECONNECTION,
            step(R::Notice),
            [("notified_on", "2026-12-29")],
        )
        .unwrap();
    assert!(!office.process(RECONNECTION).is_open());

    // The subscription's status over time reads from the two processes: cut, reconnected.
    let cut = office.process(SUSPENSION).effects();
    assert_eq!(cut.len(), 1, "{cut:?}");
    assert!(matches!(cut[0].1, Effect::Suspended { .. }), "{cut:?}");
    let back = office.process(RECONNECTION).effects();
    assert_eq!(
        back,
        vec![(
            noon(2026, 12, 29),
            Effect::Reactivated {
                on: day(2026, 12, 29)
            }
        )]
    );
}

#[test]
fn an_active_subscription_is_not_reconnected() {
    let mut office = Office::new();
    let refusal = confirm(&mut office, day(2026, 12, 28)).unwrap_err();
    assert_eq!(code(refusal), ErrorCode::NotSuspended);
}

#[test]
fn a_subscription_being_terminated_cannot_be_reconnected() {
    let mut office = Office::new();
    let invoice = suspended(&mut office);
    office.pay(invoice, day(2026, 12, 28));
    let kam = office.kam.clone();
    office
        .run(
            &kam,
            noon(2026, 12, 28),
            Command::RequestTermination {
                process_id: Uuid::from_u128(0xBA1),
                number: "BAJ-7K3F-000001".into(),
                subscription_id: SUBSCRIPTION,
                termination_date: day(2027, 2, 1),
                plans: Vec::new(),
                aws_accounts: Vec::new(),
                letter: letter(),
            },
        )
        .unwrap();
    let refusal = confirm(&mut office, day(2026, 12, 28)).unwrap_err();
    assert_eq!(code(refusal), ErrorCode::BeingTerminated);
}
