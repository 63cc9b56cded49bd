//! The apply function on records in memory: what the server decides, without a server.

#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use serde_json::json;
use uuid::Uuid;

use super::*;
use crate::ErrorCode;
use crate::customer::CustomerDraft;
use crate::error::DomainError;
use crate::hlc::Hlc;
use crate::operation::{Command, MemoryRecords, OperationBody};
use crate::role::Role;
use crate::user::UserDraft;

fn user(name: &str, roles: &[Role]) -> User {
    UserDraft {
        username: name.into(),
        full_name: format!("{name} de prueba"),
        email: None,
        roles: roles.to_vec(),
    }
    .validate(
        Uuid::now_v7(),
        Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap(),
    )
    .unwrap()
}

fn records() -> (MemoryRecords, Uuid) {
    let mut records = MemoryRecords::default();
    let customer = CustomerDraft {
        name: "Cooperativa Ñandutí Ltda.".into(),
        ruc: "80028061-0".into(),
        segment: "corporate".into(),
        ..CustomerDraft::default()
    }
    .validate(
        Uuid::now_v7(),
        Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap(),
    )
    .unwrap();
    let id = customer.id;
    records.put(Record::Customer(customer));
    (records, id)
}

fn op(actor: &str, wall_ms: i64, entity: EntityKind, id: Uuid, body: OperationBody) -> Operation {
    Operation {
        id: Uuid::now_v7(),
        hlc: Hlc {
            wall_ms,
            counter: 0,
            node: actor.into(),
        },
        device: Uuid::nil(),
        actor: actor.into(),
        entity,
        entity_id: id,
        body,
    }
}

const NOON: i64 = 1_767_614_400_000; // 2026-01-05 12:00 UTC

fn rename(actor: &str, wall_ms: i64, id: Uuid, old: &str, new: &str) -> Operation {
    op(
        actor,
        wall_ms,
        EntityKind::Customer,
        id,
        OperationBody::Fields {
            entity: EntityKind::Customer,
            entity_id: id,
            changes: vec![FieldChange {
                field: "name".into(),
                old: json!(old),
                new: json!(new),
            }],
        },
    )
}

#[test]
fn a_stale_edit_with_a_later_clock_wins_and_one_with_an_earlier_clock_loses() {
    let (mut records, id) = records();
    let kam = user("karina", &[Role::Kam]);
    let seen = "Cooperativa Ñandutí Ltda.";
    let first = apply(
        &rename("karina", NOON, id, seen, "Ñandutí S.A."),
        &kam,
        &records,
    )
    .unwrap();
    assert!(first.conflicts.is_empty());
    records.absorb(&first);

    let later = apply(
        &rename("karina", NOON + 5, id, seen, "Ñandutí"),
        &kam,
        &records,
    )
    .unwrap();
    assert_eq!(later.conflicts[0].kept, json!("Ñandutí"));
    assert_eq!(later.conflicts[0].other.as_deref(), Some("karina"));
    assert!(later.changed());

    let earlier = apply(
        &rename("karina", NOON - 5, id, seen, "Ñandú"),
        &kam,
        &records,
    )
    .unwrap();
    assert_eq!(earlier.conflicts[0].kept, json!("Ñandutí S.A."));
    assert!(!earlier.changed(), "the losing edit changes nothing");
}

#[test]
fn a_money_field_under_a_stale_base_is_refused_whatever_the_clock() {
    let (records, id) = records();
    let kam = user("karina", &[Role::Kam]);
    let fee = op(
        "karina",
        NOON + 60_000,
        EntityKind::Customer,
        id,
        OperationBody::Fields {
            entity: EntityKind::Customer,
            entity_id: id,
            changes: vec![FieldChange {
                field: "monthly_fee".into(),
                old: json!("75"),
                new: json!("80"),
            }],
        },
    );
    let refused = apply(&fee, &kam, &records).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::MoneyConflict);
}

#[test]
fn a_step_at_the_wrong_place_is_refused_with_the_domains_own_error_and_writes_nothing() {
    let (mut records, customer_id) = records();
    let kam = user("karina", &[Role::Kam]);
    let order_id = Uuid::now_v7();
    let open = op(
        "karina",
        NOON,
        EntityKind::Order,
        order_id,
        OperationBody::Command {
            command: Command::OpenOrder {
                order_id,
                number: "7K3F-000001".into(),
                customer_id,
                title: "Tigo Cloud AWS".into(),
            },
        },
    );
    let opened = apply(&open, &kam, &records).unwrap();
    records.absorb(&opened);
    let presales = user("pedro", &[Role::Presales]);
    let offer = op(
        "pedro",
        NOON + 1,
        EntityKind::Order,
        order_id,
        OperationBody::Command {
            command: Command::CompleteStep {
                order_id,
                step: crate::order::Step::Offer,
                input: crate::order::StepInput::default(),
            },
        },
    );
    let refused = apply(&offer, &presales, &records).unwrap_err();
    assert!(matches!(
        refused,
        Refusal::Domain(DomainError::NotCurrentStep { .. })
    ));
    assert!(
        refused
            .message(crate::Lang::Es)
            .contains("espera el paso 1")
    );
    // The same order opened again is taken, and an unknown one is unknown.
    assert_eq!(
        apply(&open, &kam, &records).unwrap_err().code(),
        ErrorCode::RecordExists
    );
    let ghost = Uuid::now_v7();
    let cancel = op(
        "karina",
        NOON,
        EntityKind::Order,
        ghost,
        OperationBody::Command {
            command: Command::CancelOrder {
                order_id: ghost,
                reason: "desistió".into(),
            },
        },
    );
    assert_eq!(
        apply(&cancel, &kam, &records).unwrap_err().code(),
        ErrorCode::UnknownRecord
    );
}

#[test]
fn a_new_customer_is_checked_whole_by_the_domain_its_address_too() {
    let kam = user("karina", &[Role::Kam]);
    let draft = CustomerDraft {
        name: "  Agroganadera del Sur S.A.  ".into(),
        ruc: "80028061-0".into(),
        segment: "corporate".into(),
        address: Some("  Ruta 1 km 20, Itauguá  ".into()),
        ..CustomerDraft::default()
    };
    let mut customer = draft
        .validate(
            Uuid::now_v7(),
            Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap(),
        )
        .unwrap();
    let create = |customer: &crate::customer::Customer| {
        op(
            "karina",
            NOON,
            EntityKind::Customer,
            customer.id,
            OperationBody::Command {
                command: Command::CreateCustomer {
                    customer: customer.clone(),
                },
            },
        )
    };
    let made = apply(&create(&customer), &kam, &MemoryRecords::default()).unwrap();
    let Some(Record::Customer(stored)) = made.records.first() else {
        panic!("a customer record: {made:?}");
    };
    assert_eq!(stored.address.as_deref(), Some("Ruta 1 km 20, Itauguá"));

    // A hand-made client sending an address no form would accept is refused with the
    // field named.
    customer.address = Some("x".repeat(2_000));
    let refused = apply(&create(&customer), &kam, &MemoryRecords::default()).unwrap_err();
    assert!(
        refused.message(crate::Lang::Es).contains("dirección"),
        "{}",
        refused.message(crate::Lang::Es)
    );
}
