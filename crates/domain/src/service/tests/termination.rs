//! Terminations as stories: the 30 days' notice, the debt rules, the three
//! authorisations, the deadlines and what the confirmation does to the subscription.

use chrono::Duration;
use uuid::Uuid;

use super::*;
use crate::service::{Termination, TerminationScope, TerminationStep as T};

pub(super) const TERMINATION: Uuid = Uuid::from_u128(0xBA1);

pub(super) fn step(s: T) -> ServiceStep {
    ServiceStep::Termination(s)
}

/// The KAM enters a request on 2 December 2026 for the given date and scope.
pub(super) fn request(
    office: &mut Office,
    date: NaiveDate,
    plans: &[&str],
) -> Result<Outcome, Refusal> {
    let kam = office.kam.clone();
    office.run(
        &kam,
        noon(2026, 12, 2),
        Command::RequestTermination {
            process_id: TERMINATION,
            number: "BAJ-7K3F-000001".into(),
            subscription_id: SUBSCRIPTION,
            termination_date: date,
            plans: plans.iter().map(|p| p.to_string()).collect(),
            aws_accounts: Vec::new(),
            letter: letter(),
        },
    )
}

fn termination(office: &Office) -> Termination {
    match office.process(TERMINATION) {
        ServiceProcess::Termination(t) => t,
        other => panic!("not a termination: {other:?}"),
    }
}

/// Steps 2 to 4 done: the KAM verified (leaving debt or not), confirmed, and the service
/// executive confirmed the debt on 3 December.
pub(super) fn verified(office: &mut Office, leaves_debt: bool) {
    let kam = office.kam.clone();
    office
        .step(
            &kam,
            noon(2026, 12, 2),
            TERMINATION,
            step(T::Verification),
            [("leaves_debt", if leaves_debt { "sí" } else { "no" })],
        )
        .unwrap();
}

pub(super) fn confirmed_and_debt_checked(office: &mut Office) {
    let (kam, executive) = (office.kam.clone(), office.executive.clone());
    office
        .step(
            &kam,
            noon(2026, 12, 2),
            TERMINATION,
            step(T::ConfirmationSent),
            [("confirmed_on", "2026-12-02")],
        )
        .unwrap();
    office
        .step(
            &executive,
            noon(2026, 12, 3),
            TERMINATION,
            step(T::DebtConfirmation),
            [("debt_exists", "sí")],
        )
        .unwrap();
}

#[test]
fn a_termination_asked_for_20_days_ahead_is_refused_naming_the_earliest_date() {
    let mut office = Office::new();
    let refusal = request(&mut office, day(2026, 12, 22), &[]).unwrap_err();
    assert_eq!(code(refusal.clone()), ErrorCode::TerminationTooSoon);
    let message = refusal.message(crate::Lang::Es);
    assert!(message.contains("01/01/2027"), "{message}");
    assert!(office.records.process(TERMINATION).is_none());
    // The earliest date itself is accepted.
    request(&mut office, day(2027, 1, 1), &[]).unwrap();
    assert_eq!(termination(&office).flow.current, Some(T::Verification));
}

#[test]
fn a_request_naming_every_plan_is_a_total_termination_and_an_unknown_plan_is_refused() {
    let mut office = Office::new();
    let refusal = request(&mut office, day(2027, 1, 15), &["aws-enterprise"]).unwrap_err();
    assert_eq!(code(refusal), ErrorCode::NotInSubscription);
    request(&mut office, day(2027, 1, 15), &["aws", "aws-vip"]).unwrap();
    assert_eq!(termination(&office).detail.scope, TerminationScope::Total);
}

#[test]
fn only_the_kam_enters_a_termination_request() {
    let mut office = Office::new();
    let presales = office.presales.clone();
    let refusal = office
        .run(
            &presales,
            noon(2026, 12, 2),
            Command::RequestTermination {
                process_id: TERMINATION,
                number: "BAJ-7K3F-000001".into(),
                subscription_id: SUBSCRIPTION,
                termination_date: day(2027, 2, 1),
                plans: Vec::new(),
                aws_accounts: Vec::new(),
                letter: letter(),
            },
        )
        .unwrap_err();
    assert_eq!(code(refusal), ErrorCode::NotAllowed);
}

#[test]
fn a_total_termination_with_an_unpaid_invoice_cannot_go_on_without_the_three_authorisations() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    verified(&mut office, false);
    confirmed_and_debt_checked(&mut office);
    let kam = office.kam.clone();
    let refusal = office
        .step(
            &kam,
            noon(2026, 12, 3),
            TERMINATION,
            step(T::RequestForwarded),
            [],
        )
        .unwrap_err();
    assert_eq!(code(refusal.clone()), ErrorCode::DebtUnpaid);
    assert!(refusal.message(crate::Lang::Es).contains("1.250,00"));
    assert_eq!(termination(&office).flow.current, Some(T::RequestForwarded));
}

#[test]
fn a_total_termination_goes_on_once_the_debt_is_paid() {
    let mut office = Office::new();
    let invoice = office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    verified(&mut office, false);
    confirmed_and_debt_checked(&mut office);
    office.pay(invoice, day(2026, 12, 3));
    let kam = office.kam.clone();
    office
        .step(
            &kam,
            noon(2026, 12, 3),
            TERMINATION,
            step(T::RequestForwarded),
            [],
        )
        .unwrap();
    assert_eq!(termination(&office).flow.current, Some(T::StatusChange));
}

#[test]
fn the_three_authorisations_let_a_total_termination_with_debt_end_the_subscription() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    verified(&mut office, true);
    assert_eq!(termination(&office).flow.current, Some(T::Authorisation));
    // One person cannot complete a decision step.
    let credit = office.credit.clone();
    let refusal = office
        .step(
            &credit,
            noon(2026, 12, 2),
            TERMINATION,
            step(T::Authorisation),
            [],
        )
        .unwrap_err();
    assert_eq!(code(refusal), ErrorCode::DecisionsRequired);
    for (who, role) in [
        (office.credit.clone(), Role::CreditManager),
        (office.sales_manager.clone(), Role::SalesManager),
    ] {
        office
            .run(
                &who,
                noon(2026, 12, 2),
                Command::DecideProcessStep {
                    process_id: TERMINATION,
                    step: step(T::Authorisation),
                    role,
                    approved: true,
                    reason: "cliente estratégico, deuda en gestión de cobro".into(),
                },
            )
            .unwrap();
    }
    // Two of three: it still waits for the offers desk.
    let t = termination(&office);
    assert_eq!(t.flow.current, Some(T::Authorisation));
    assert_eq!(t.flow.awaiting(T::Authorisation), vec![Role::Offers]);
    let offers = office.offers.clone();
    office
        .run(
            &offers,
            noon(2026, 12, 2),
            Command::DecideProcessStep {
                process_id: TERMINATION,
                step: step(T::Authorisation),
                role: Role::Offers,
                approved: true,
                reason: "se autoriza".into(),
            },
        )
        .unwrap();
    assert_eq!(termination(&office).flow.current, Some(T::ConfirmationSent));
    confirmed_and_debt_checked(&mut office);
    let (kam, executive, presales, manager) = (
        office.kam.clone(),
        office.executive.clone(),
        office.presales.clone(),
        office.order_manager.clone(),
    );
    office
        .step(
            &kam,
            noon(2026, 12, 3),
            TERMINATION,
            step(T::RequestForwarded),
            [],
        )
        .unwrap();
    office
        .step(
            &executive,
            noon(2026, 12, 3),
            TERMINATION,
            step(T::StatusChange),
            [("status_changed_on", "2026-12-03")],
        )
        .unwrap();
    office
        .step(
            &presales,
            noon(2026, 12, 4),
            TERMINATION,
            step(T::WorkOrder),
            [("work_order", "WO0012345")],
        )
        .unwrap();
    assert_eq!(office.subscription().status, SubscriptionStatus::Active);
    let outcome = office
        .step(
            &manager,
            noon(2026, 12, 5),
            TERMINATION,
            step(T::Confirmed),
            [],
        )
        .unwrap();
    assert_eq!(outcome.records.len(), 2, "the process and the subscription");
    let subscription = office.subscription();
    assert_eq!(subscription.status, SubscriptionStatus::Terminated);
    assert_eq!(subscription.termination_date, Some(day(2027, 1, 15)));
    assert!(!termination(&office).is_open_for_test());
}

#[test]
fn one_refusal_of_the_three_sends_the_termination_back_to_the_kams_verification() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    verified(&mut office, true);
    let credit = office.credit.clone();
    office
        .run(
            &credit,
            noon(2026, 12, 2),
            Command::DecideProcessStep {
                process_id: TERMINATION,
                step: step(T::Authorisation),
                role: Role::CreditManager,
                approved: false,
                reason: "el cliente tiene capacidad de pago".into(),
            },
        )
        .unwrap();
    assert_eq!(termination(&office).flow.current, Some(T::Verification));
}

#[test]
fn a_person_decides_only_in_the_name_of_a_role_they_hold() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    verified(&mut office, true);
    let credit = office.credit.clone();
    let refusal = office
        .run(
            &credit,
            noon(2026, 12, 2),
            Command::DecideProcessStep {
                process_id: TERMINATION,
                step: step(T::Authorisation),
                role: Role::Offers,
                approved: true,
                reason: "en nombre de otro".into(),
            },
        )
        .unwrap_err();
    assert_eq!(code(refusal), ErrorCode::NotADecider);
}

#[test]
fn authorisations_are_not_asked_for_a_customer_who_owes_nothing() {
    let mut office = Office::new();
    office.invoice("001-001-0000100", day(2026, 10, 30), 900, true);
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    let kam = office.kam.clone();
    let refusal = office
        .step(
            &kam,
            noon(2026, 12, 2),
            TERMINATION,
            step(T::Verification),
            [("leaves_debt", "sí")],
        )
        .unwrap_err();
    assert_eq!(code(refusal), ErrorCode::NoDebtToAuthorise);
}

#[test]
fn a_partial_termination_needs_no_advance_payment_and_ends_only_what_it_names() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    request(&mut office, day(2027, 1, 15), &["aws-vip"]).unwrap();
    verified(&mut office, false);
    confirmed_and_debt_checked(&mut office);
    let (kam, executive, presales) = (
        office.kam.clone(),
        office.executive.clone(),
        office.presales.clone(),
    );
    office
        .step(
            &kam,
            noon(2026, 12, 3),
            TERMINATION,
            step(T::RequestForwarded),
            [],
        )
        .unwrap();
    office
        .step(
            &executive,
            noon(2026, 12, 3),
            TERMINATION,
            step(T::StatusChange),
            [("status_changed_on", "2026-12-03")],
        )
        .unwrap();
    office
        .step(
            &presales,
            noon(2026, 12, 4),
            TERMINATION,
            step(T::WorkOrder),
            [("work_order", "WO0012345")],
        )
        .unwrap();
    office
        .step(
            &presales,
            noon(2026, 12, 4),
            TERMINATION,
            step(T::Confirmed),
            [],
        )
        .unwrap();
    let subscription = office.subscription();
    assert_eq!(subscription.status, SubscriptionStatus::Active);
    assert_eq!(subscription.plans, vec!["aws".to_string()]);
    assert_eq!(subscription.ended.len(), 1);
    assert_eq!(subscription.ended[0].on, day(2027, 1, 15));
}

#[test]
fn the_service_executives_step_is_overdue_24_hours_after_the_previous_one() {
    let mut office = Office::new();
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    verified(&mut office, false);
    let kam = office.kam.clone();
    let sent = noon(2026, 12, 2);
    office
        .step(
            &kam,
            sent,
            TERMINATION,
            step(T::ConfirmationSent),
            [("confirmed_on", "2026-12-02")],
        )
        .unwrap();
    let t = termination(&office);
    let task = t.task(sent + Duration::hours(24)).unwrap();
    assert_eq!(task.step, step(T::DebtConfirmation));
    assert_eq!(task.deadline, Some(sent + Duration::hours(24)));
    assert!(
        !task.overdue,
        "at the deadline itself it is not overdue yet"
    );
    let late = t
        .task(sent + Duration::hours(24) + Duration::minutes(1))
        .unwrap();
    assert!(late.overdue);
    assert_eq!(late.roles, vec![Role::ServiceExecutive]);
}

#[test]
fn a_second_termination_of_the_same_subscription_waits_for_the_first() {
    let mut office = Office::new();
    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    let kam = office.kam.clone();
    let refusal = office
        .run(
            &kam,
            noon(2026, 12, 2),
            Command::RequestTermination {
                process_id: Uuid::from_u128(0xBA2),
                number: "BAJ-7K3F-000002".into(),
                subscription_id: SUBSCRIPTION,
                termination_date: day(2027, 2, 1),
                plans: Vec::new(),
                aws_accounts: Vec::new(),
                letter: letter(),
            },
        )
        .unwrap_err();
    assert_eq!(code(refusal), ErrorCode::ProcessUnderway);
}

impl Termination {
    fn is_open_for_test(&self) -> bool {
        self.flow.status == crate::workflow::FlowStatus::Open
    }
}
