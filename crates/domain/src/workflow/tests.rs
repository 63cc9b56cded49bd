//! The engine on a process of its own, shaped like termination (DOMAIN §6): a step
//! several roles decide, taken only when the verification records debt; time limits of
//! 24, 4 and 48 hours; a step two roles may take; a skippable one; a rejection.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::role::Role;

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Ending {
    Request,
    Verification,
    Authorisation,
    DebtConfirmation,
    StatusChange,
    WorkOrder,
    Confirmed,
}

const DEBT: &[FieldSpec] = &[field(
    "debt",
    "deuda que el cliente no pagará",
    "debt the customer will not pay",
    FieldKind::YesNo,
    Need::Required,
)];

const ENDING: [StepSpec<Ending>; 7] = [
    StepSpec::new(Ending::Request, "Solicitud", "Request", &[Role::Kam]),
    StepSpec {
        fields: DEBT,
        ..StepSpec::new(
            Ending::Verification,
            "Verificación",
            "Verification",
            &[Role::Kam],
        )
    },
    StepSpec {
        when: Condition::WhenYes {
            step: Ending::Verification,
            field: "debt",
        },
        deciders: &[Role::CreditManager, Role::SalesManager, Role::Offers],
        rejects_to: Some(Ending::Verification),
        ..StepSpec::new(
            Ending::Authorisation,
            "Autorización",
            "Authorisation",
            &[Role::CreditManager, Role::SalesManager, Role::Offers],
        )
    },
    StepSpec {
        time_limit_hours: Some(24),
        ..StepSpec::new(
            Ending::DebtConfirmation,
            "Confirmación de deuda",
            "Debt confirmation",
            &[Role::ServiceExecutive],
        )
    },
    StepSpec {
        time_limit_hours: Some(4),
        rejects_to: Some(Ending::DebtConfirmation),
        ..StepSpec::new(
            Ending::StatusChange,
            "Cambio de estado",
            "Status change",
            &[Role::ServiceExecutive, Role::CorporateSupport],
        )
    },
    StepSpec {
        time_limit_hours: Some(48),
        skippable: true,
        ..StepSpec::new(
            Ending::WorkOrder,
            "Orden de trabajo",
            "Work order",
            &[Role::Presales, Role::OrderManager],
        )
    },
    StepSpec::new(
        Ending::Confirmed,
        "Confirmada",
        "Confirmed",
        &[Role::Presales, Role::OrderManager],
    ),
];

impl ProcessStep for Ending {
    fn table() -> &'static [StepSpec<Ending>] {
        &ENDING
    }

    fn spec(self) -> &'static StepSpec<Ending> {
        &ENDING[self as usize]
    }

    fn position(self) -> u8 {
        self as u8 + 1
    }
}

fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0)
        .single()
        .unwrap()
        + Duration::hours(hours)
}

fn debt(yes: bool) -> BTreeMap<String, FieldValue> {
    BTreeMap::from([("debt".to_string(), FieldValue::Flag(yes))])
}

fn decision(role: Role, approved: bool) -> Decision {
    Decision {
        role,
        by: format!("{}-person", role.id()),
        at: at(3),
        approved,
        reason: "deuda asumida por la cuenta".into(),
    }
}

fn verified(with_debt: bool) -> Flow<Ending> {
    let mut flow = Flow::start(at(0));
    flow.complete(Ending::Request, "kam", BTreeMap::new(), at(1))
        .unwrap();
    flow.complete(Ending::Verification, "kam", debt(with_debt), at(2))
        .unwrap();
    flow
}

#[test]
fn every_step_of_a_table_has_its_row_in_order() {
    for (i, row) in Ending::table().iter().enumerate() {
        assert_eq!(usize::from(row.step.position()), i + 1);
        assert_eq!(row.step.spec().step, row.step);
    }
    assert_eq!(Ending::first(), Ending::Request);
    assert_eq!(Ending::Confirmed.following(), None);
}

#[test]
fn a_step_taken_only_when_a_choice_holds_is_undecided_until_the_choice_is_made() {
    let flow: Flow<Ending> = Flow::start(at(0));
    assert_eq!(flow.applies(Ending::Authorisation), None);
    assert_eq!(verified(false).applies(Ending::Authorisation), Some(false));
    assert_eq!(verified(true).applies(Ending::Authorisation), Some(true));
}

#[test]
fn without_debt_the_authorisation_is_passed_by() {
    let flow = verified(false);
    assert_eq!(flow.current, Some(Ending::DebtConfirmation));
    let states: Vec<_> = flow.timeline().into_iter().map(|e| e.state).collect();
    assert!(matches!(states[2], StepState::NotApplicable));
    flow.check_invariants().unwrap();
}

#[test]
fn a_step_several_roles_decide_is_done_once_each_has_approved() {
    let mut flow = verified(true);
    assert_eq!(flow.current, Some(Ending::Authorisation));
    assert_eq!(
        flow.check_complete(Ending::Authorisation),
        Err(FlowRefusal::NeedsDecisions {
            step: Ending::Authorisation
        })
    );
    flow.decide(
        Ending::Authorisation,
        decision(Role::CreditManager, true),
        at(3),
    )
    .unwrap();
    flow.decide(
        Ending::Authorisation,
        decision(Role::SalesManager, true),
        at(4),
    )
    .unwrap();
    assert_eq!(flow.current, Some(Ending::Authorisation));
    assert_eq!(flow.awaiting(Ending::Authorisation), vec![Role::Offers]);
    let open = flow.open_step(at(4)).unwrap();
    assert_eq!(open.roles, vec![Role::Offers]);
    assert!(open.is_for(&[Role::Offers]) && !open.is_for(&[Role::CreditManager]));
    flow.decide(Ending::Authorisation, decision(Role::Offers, true), at(5))
        .unwrap();
    assert_eq!(flow.current, Some(Ending::DebtConfirmation));
    let reasons: Vec<_> = flow.decisions[&Ending::Authorisation]
        .iter()
        .map(|d| (d.role, d.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3, "each decision is kept with its reason");
    assert!(reasons.iter().all(|(_, r)| !r.is_empty()));
    flow.check_invariants().unwrap();
}

#[test]
fn a_role_that_does_not_decide_is_refused_and_nothing_changes() {
    let flow = verified(true);
    let mut tried = flow.clone();
    assert_eq!(
        tried.decide(Ending::Authorisation, decision(Role::Kam, true), at(3)),
        Err(FlowRefusal::NotADecider {
            step: Ending::Authorisation,
            role: Role::Kam
        })
    );
    assert_eq!(tried, flow);
}

#[test]
fn a_refusal_sends_the_instance_back_and_forgets_the_decisions_taken() {
    let mut flow = verified(true);
    flow.decide(
        Ending::Authorisation,
        decision(Role::CreditManager, true),
        at(3),
    )
    .unwrap();
    flow.decide(
        Ending::Authorisation,
        decision(Role::SalesManager, false),
        at(4),
    )
    .unwrap();
    assert_eq!(flow.current, Some(Ending::Verification));
    assert!(flow.decisions.is_empty());
    assert!(!flow.records.contains_key(&Ending::Verification));
    assert_eq!(flow.rejections.len(), 1);
    assert_eq!(flow.rejections[0].back_to, Ending::Verification);
    flow.check_invariants().unwrap();
}

#[test]
fn the_service_executives_step_is_overdue_24_hours_after_the_previous_one() {
    let flow = verified(false);
    // Verification was done at hour 2: the debt confirmation is due at hour 26.
    assert_eq!(flow.deadline(), Some(at(26)));
    assert!(!flow.is_overdue(at(26)));
    assert!(flow.is_overdue(at(26) + Duration::minutes(1)));
    let open = flow.open_step(at(30)).unwrap();
    assert_eq!(open.deadline, Some(at(26)));
    assert!(open.overdue);
}

#[test]
fn a_wait_turns_near_the_deadline_at_three_quarters_of_the_limit_and_overdue_after_it() {
    // The debt confirmation has 24 h: near its deadline from hour 18, overdue after 24.
    let spec = Ending::DebtConfirmation.spec();
    let since = at(0);
    assert_eq!(spec.lateness(since, at(0)), Some(Lateness::OnTime));
    assert_eq!(
        spec.lateness(since, at(18) - Duration::seconds(1)),
        Some(Lateness::OnTime)
    );
    assert_eq!(spec.lateness(since, at(18)), Some(Lateness::NearDeadline));
    assert!(spec.is_near_deadline(since, at(24)));
    assert_eq!(spec.lateness(since, at(24)), Some(Lateness::NearDeadline));
    assert_eq!(
        spec.lateness(since, at(24) + Duration::seconds(1)),
        Some(Lateness::Overdue)
    );
    assert!(
        !spec.is_near_deadline(since, at(25)),
        "overdue is not amber"
    );
    // The status change has 4 h: amber from 3 h.
    let short = Ending::StatusChange.spec();
    assert!(!short.is_near_deadline(since, at(2)));
    assert!(short.is_near_deadline(since, at(3)));
    // A step without a limit is never coloured.
    let open = Ending::Verification.spec();
    assert_eq!(open.lateness(since, at(10_000)), None);
    assert!(!open.is_near_deadline(since, at(10_000)));
    assert_eq!(NEAR_DEADLINE_PERCENT, 75);
}

#[test]
fn each_limit_counts_from_the_moment_the_previous_step_was_done() {
    let mut flow = verified(false);
    flow.complete(Ending::DebtConfirmation, "se", BTreeMap::new(), at(10))
        .unwrap();
    assert_eq!(
        flow.deadline(),
        Some(at(14)),
        "4 h after the debt confirmation"
    );
    flow.complete(Ending::StatusChange, "support", BTreeMap::new(), at(11))
        .unwrap();
    assert_eq!(
        flow.deadline(),
        Some(at(59)),
        "48 h after the status change"
    );
    flow.skip(Ending::WorkOrder, "om", "ya estaba en ServiceNow", at(12))
        .unwrap();
    assert_eq!(flow.deadline(), None, "the last step has no limit");
    assert!(!flow.is_overdue(at(1000)));
}

#[test]
fn a_step_without_a_limit_has_no_deadline_and_a_closed_instance_no_open_step() {
    let mut flow: Flow<Ending> = Flow::start(at(0));
    assert_eq!(flow.deadline(), None);
    assert!(flow.open_step(at(0)).unwrap().deadline.is_none());
    flow.cancel("kam", "el cliente desistió", at(1)).unwrap();
    assert_eq!(flow.open_step(at(2)), None);
    assert_eq!(
        flow.check_at(Ending::Request),
        Err(FlowRefusal::Closed { completed: false })
    );
    flow.check_invariants().unwrap();
}

#[test]
fn only_the_current_step_moves_and_only_a_skippable_one_is_skipped() {
    let mut flow = verified(false);
    let before = flow.clone();
    assert_eq!(
        flow.complete(Ending::WorkOrder, "om", BTreeMap::new(), at(3)),
        Err(FlowRefusal::NotCurrent {
            asked: Ending::WorkOrder,
            current: Ending::DebtConfirmation
        })
    );
    assert_eq!(
        flow.skip(Ending::DebtConfirmation, "se", "no", at(3)),
        Err(FlowRefusal::NotSkippable {
            step: Ending::DebtConfirmation
        })
    );
    assert_eq!(
        flow.reject(Ending::DebtConfirmation, "se", "no", at(3)),
        Err(FlowRefusal::NotRejectable {
            step: Ending::DebtConfirmation
        })
    );
    assert_eq!(flow, before);
}

#[test]
fn an_instance_done_to_its_last_step_is_completed_and_takes_no_more_steps() {
    let mut flow = verified(false);
    for (step, hour) in [
        (Ending::DebtConfirmation, 3),
        (Ending::StatusChange, 4),
        (Ending::WorkOrder, 5),
        (Ending::Confirmed, 6),
    ] {
        flow.complete(step, "someone", BTreeMap::new(), at(hour))
            .unwrap();
    }
    assert_eq!(flow.status, FlowStatus::Completed);
    assert_eq!(flow.completed_at, Some(at(6)));
    assert_eq!(
        flow.check_open(),
        Err(FlowRefusal::Closed { completed: true })
    );
    flow.check_invariants().unwrap();
}

#[test]
fn an_instance_without_decisions_writes_the_same_json_as_before_the_engine_had_them() {
    let flow = verified(false);
    let json = serde_json::to_value(&flow).unwrap();
    assert!(json.get("decisions").is_none());
    let back: Flow<Ending> = serde_json::from_value(json).unwrap();
    assert_eq!(back, flow);
}
