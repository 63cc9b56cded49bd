//! A customer's statement as stories, decided by `apply` on records in memory: what a
//! laptop and the server decide alike.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

use super::super::{
    Command, EntityKind, MemoryRecords, Operation, OperationBody, Record, Refusal, apply,
};
use crate::ErrorCode;
use crate::billing::{Period, PeriodLock, StatementRecord, statement_id, statement_number};
use crate::hlc::Hlc;
use crate::lang::Lang;
use crate::role::Role;
use crate::user::{User, UserDraft};

const CUSTOMER: Uuid = Uuid::from_u128(0xC1);
const RUC: &str = "80028061-0";

fn instant(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 15, 0, 0).unwrap()
}

fn p(text: &str) -> Period {
    text.parse().unwrap()
}

fn person(name: &str, roles: &[Role]) -> User {
    UserDraft {
        username: name.into(),
        full_name: format!("{name} de prueba"),
        email: None,
        roles: roles.to_vec(),
    }
    .validate(Uuid::now_v7(), instant(2026, 1, 5))
    .unwrap()
}

/// A customer, a billing specialist, a KAM and an order manager; November 2026 locked,
/// December open.
fn office() -> (MemoryRecords, User, User, User) {
    let mut records = MemoryRecords::default();
    records.put(Record::Customer(
        crate::customer::CustomerDraft {
            name: "Cooperativa Ñandutí Ltda.".into(),
            ruc: RUC.into(),
            segment: "corporate".into(),
            ..Default::default()
        }
        .validate(CUSTOMER, instant(2026, 1, 5))
        .unwrap(),
    ));
    records.put(Record::PeriodLock(PeriodLock {
        period: p("2026-11"),
        run_hash: "ab".repeat(32),
        lines: Vec::new(),
        by: "beatriz".into(),
        at: instant(2026, 12, 15),
    }));
    let billing = person("beatriz", &[Role::BillingSpecialist]);
    let kam = person("karina", &[Role::Kam]);
    let manager = person("oscar", &[Role::OrderManager]);
    for u in [&billing, &kam, &manager] {
        records.put(Record::User(u.clone()));
    }
    (records, billing, kam, manager)
}

/// The statement of November's version `version`, as a laptop rendered it: `data` stands
/// for what it was made from (its hashes change with it).
fn issue(period: &str, version: u32, data: char) -> Command {
    let number = statement_number(RUC, p(period));
    Command::IssueStatement {
        statement_id: statement_id(&number),
        customer_id: CUSTOMER,
        period: p(period),
        number,
        version,
        snapshot_sha256: data.to_string().repeat(64),
        pdf_sha256: format!("{data}{version}").repeat(32),
        issued_at: instant(2026, 12, 15),
    }
}

fn op(actor: &User, at: DateTime<Utc>, command: Command) -> Operation {
    Operation {
        id: Uuid::now_v7(),
        hlc: Hlc {
            wall_ms: at.timestamp_millis(),
            counter: 0,
            node: actor.username.clone(),
        },
        device: Uuid::nil(),
        actor: actor.username.clone(),
        entity: EntityKind::Statement,
        entity_id: statement_id(&statement_number(RUC, p("2026-11"))),
        body: OperationBody::Command { command },
    }
}

/// Applies the operation and keeps what it wrote: whether it wrote anything.
fn decide(records: &mut MemoryRecords, actor: &User, command: Command) -> Result<bool, Refusal> {
    let outcome = apply(&op(actor, instant(2026, 12, 20), command), actor, records)?;
    records.absorb(&outcome);
    Ok(outcome.changed())
}

fn november(records: &MemoryRecords) -> StatementRecord {
    let id = statement_id(&statement_number(RUC, p("2026-11")));
    records.statements.get(&id).cloned().unwrap()
}

#[test]
fn issuing_a_statement_twice_gives_the_same_version_and_records_nothing_new() {
    let (mut records, billing, ..) = office();
    assert!(decide(&mut records, &billing, issue("2026-11", 1, 'a')).unwrap());
    let first = november(&records);
    assert_eq!(first.number, "EC-80028061-0-2026-11");
    assert_eq!(first.versions.len(), 1);
    let v1 = &first.versions[0];
    assert_eq!((v1.version, v1.issued_by.as_str()), (1, "beatriz"));
    assert_eq!(v1.issued_at, instant(2026, 12, 15));

    // The same version with the same bytes again: already recorded, nothing written.
    assert!(!decide(&mut records, &billing, issue("2026-11", 1, 'a')).unwrap());
    assert_eq!(november(&records), first);
}

#[test]
fn a_statement_issued_again_after_the_data_changed_is_version_2_and_both_are_kept() {
    let (mut records, billing, kam, _) = office();
    decide(&mut records, &billing, issue("2026-11", 1, 'a')).unwrap();
    // The customer's name changed: the KAM's statement is made from other data.
    assert!(decide(&mut records, &kam, issue("2026-11", 2, 'b')).unwrap());
    let both = november(&records);
    let versions: Vec<_> = both
        .versions
        .iter()
        .map(|v| (v.version, v.issued_by.as_str(), v.snapshot_sha256.clone()))
        .collect();
    assert_eq!(
        versions,
        [
            (1, "beatriz", "a".repeat(64)),
            (2, "karina", "b".repeat(64))
        ]
    );
    // A version that is not the next one is refused, saying which one is expected.
    let skipped = decide(&mut records, &billing, issue("2026-11", 4, 'c'));
    assert_eq!(
        skipped.err().map(|r| r.code()),
        Some(ErrorCode::VersionOutOfOrder)
    );
}

#[test]
fn a_statement_of_an_open_period_is_refused_saying_to_lock_it_first() {
    let (mut records, billing, ..) = office();
    let refused = decide(&mut records, &billing, issue("2026-12", 1, 'a')).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::PeriodNotLocked);
    let message = refused.message(Lang::Es);
    assert!(message.starts_with("El período 2026-12"), "{message}");
    assert!(message.contains("Ciérrelo"), "{message}");
    assert!(records.statements.is_empty());
}

#[test]
fn a_statement_is_issued_by_billing_the_kam_or_credit_and_named_by_its_customer_and_period() {
    let (mut records, _, _, manager) = office();
    let refused = decide(&mut records, &manager, issue("2026-11", 1, 'a'));
    assert_eq!(refused.err().map(|r| r.code()), Some(ErrorCode::NotAllowed));
    let (mut records, billing, ..) = office();
    let Command::IssueStatement {
        statement_id,
        customer_id,
        period,
        version,
        snapshot_sha256,
        pdf_sha256,
        issued_at,
        ..
    } = issue("2026-11", 1, 'a')
    else {
        unreachable!()
    };
    let misnamed = Command::IssueStatement {
        statement_id,
        customer_id,
        period,
        number: "EC-80028061-0-2026-10".into(),
        version,
        snapshot_sha256,
        pdf_sha256,
        issued_at,
    };
    let refused = decide(&mut records, &billing, misnamed);
    assert_eq!(
        refused.err().map(|r| r.code()),
        Some(ErrorCode::DocumentMismatch)
    );
}

#[test]
fn the_server_records_a_statement_issued_offline_and_a_second_laptops_same_one_as_already_there() {
    let (server, billing, kam, _) = office();
    let (mut server, mut laptop, mut other) = (server.clone(), server.clone(), server);
    // Offline, the laptop issues November's statement: its own records hold it.
    decide(&mut laptop, &billing, issue("2026-11", 1, 'a')).unwrap();
    // Back online, the server decides the same operation with the same code.
    assert!(decide(&mut server, &billing, issue("2026-11", 1, 'a')).unwrap());
    assert_eq!(november(&server), november(&laptop));
    // Another laptop issued the same statement offline from the same data: the same
    // bytes, taken as already recorded.
    decide(&mut other, &kam, issue("2026-11", 1, 'a')).unwrap();
    assert!(!decide(&mut server, &kam, issue("2026-11", 1, 'a')).unwrap());
    // One made from other data claims version 1 too: refused, it is version 2.
    let late = decide(&mut server, &kam, issue("2026-11", 1, 'e'));
    assert_eq!(
        late.err().map(|r| r.code()),
        Some(ErrorCode::VersionOutOfOrder)
    );
    assert_eq!(november(&server).versions.len(), 1);
}
