//! The three tables against DOMAIN §6 and §8: their order, and every step refused to
//! every role the table does not name.

use crate::permission::{Action, authorize};
use crate::service::{ProcessKind, ReconnectionStep, SuspensionStep, TerminationStep};
use crate::workflow::ProcessStep;

use super::*;

#[test]
fn each_table_lists_its_steps_in_the_enums_order() {
    for (i, row) in TerminationStep::table().iter().enumerate() {
        assert_eq!(usize::from(row.step.position()), i + 1);
    }
    for (i, row) in SuspensionStep::table().iter().enumerate() {
        assert_eq!(usize::from(row.step.position()), i + 1);
    }
    for (i, row) in ReconnectionStep::table().iter().enumerate() {
        assert_eq!(usize::from(row.step.position()), i + 1);
    }
}

#[test]
fn the_termination_has_the_procedures_time_limits() {
    let limits: Vec<(&str, Option<u32>)> = ProcessKind::Termination
        .steps()
        .into_iter()
        .map(|s| (s.key(), s.time_limit_hours()))
        .filter(|(_, l)| l.is_some())
        .collect();
    assert_eq!(
        limits,
        vec![
            ("debt_confirmation", Some(24)),
            ("status_change", Some(4)),
            ("work_order", Some(48)),
        ]
    );
}

#[test]
fn every_step_is_refused_to_every_role_its_table_does_not_name() {
    for kind in ProcessKind::ALL {
        for step in kind.steps() {
            for role in Role::ALL {
                let user = person("alguien", &[role]);
                let allowed = authorize(&user, Action::ServiceStep(step)).is_ok();
                assert_eq!(allowed, step.roles().contains(&role), "{step} for {role:?}");
            }
        }
    }
}

#[test]
fn a_step_is_named_by_its_key_or_its_number() {
    assert_eq!(
        ServiceStep::parse(ProcessKind::Termination, "debt-confirmation").unwrap(),
        ServiceStep::Termination(TerminationStep::DebtConfirmation)
    );
    assert_eq!(
        ServiceStep::parse(ProcessKind::Suspension, "4").unwrap(),
        ServiceStep::Suspension(SuspensionStep::Cut)
    );
    assert!(ServiceStep::parse(ProcessKind::Reconnection, "corte").is_err());
}
