//! `nimbo audit verify` catches a trail edited behind the application's back.

use serde_json::Value;

use crate::office::Office;
use crate::support::{DONE, REFUSED};

/// An office with some history: the team, a customer, an order half-way.
fn office_with_history() -> (Office, i64) {
    let office = Office::ready();
    let order = office.open_order("Cuenta AWS");
    office.take_to(&order, 12);
    let events = office.desk.trail().audit;
    assert!(events > 15, "expected a long enough trail, got {events}");
    let verify = office.desk.run(&["audit", "verify"]);
    assert_eq!(verify.code, DONE, "{}", verify.describe());
    (office, events)
}

/// `audit verify --json`'s `broken` object (exit 1 expected).
fn broken(office: &Office) -> Value {
    let run = office.desk.run(&["--json", "audit", "verify"]);
    run.assert_no_panic();
    assert_eq!(
        run.code,
        REFUSED,
        "a broken trail exits 1:\n{}",
        run.describe()
    );
    let report = run.json();
    assert!(
        report["broken"].is_object(),
        "no broken link reported: {report}"
    );
    report["broken"].clone()
}

#[test]
fn an_event_whose_changes_were_edited_by_hand_is_named() {
    let (office, events) = office_with_history();
    let seq = events / 2;
    office.desk.tamper(&[
        "DROP TRIGGER audit_events_no_update".to_string(),
        format!("UPDATE audit_events SET changes = replace(changes, '\"', '''') WHERE seq = {seq}"),
    ]);

    let run = office.desk.run(&["audit", "verify"]);
    run.assert_no_panic();
    assert_eq!(run.code, REFUSED, "{}", run.describe());
    assert!(
        run.stderr.contains(&format!("evento {seq} ")) && run.stderr.contains("alterado"),
        "the message should name event {seq}:\n{}",
        run.describe()
    );
    let run = office.desk.run(&["--lang", "en", "audit", "verify"]);
    assert!(
        run.stderr.contains(&format!("event {seq} ")),
        "{}",
        run.describe()
    );

    let b = broken(&office);
    assert_eq!(b["seq"], seq, "{b}");
    assert_eq!(b["reason"]["kind"], "content_altered", "{b}");
}

#[test]
fn an_event_whose_actor_was_changed_is_named() {
    let (office, events) = office_with_history();
    let seq = events / 3;
    office.desk.tamper(&[
        "DROP TRIGGER audit_events_no_update".to_string(),
        format!("UPDATE audit_events SET actor = 'mallory' WHERE seq = {seq}"),
    ]);
    let b = broken(&office);
    assert_eq!(b["seq"], seq, "{b}");
    assert_eq!(b["reason"]["kind"], "content_altered", "{b}");
}

#[test]
fn a_deleted_event_is_reported_as_a_gap() {
    let (office, events) = office_with_history();
    let seq = events / 2;
    office.desk.tamper(&[
        "DROP TRIGGER audit_events_no_delete".to_string(),
        format!("DELETE FROM audit_events WHERE seq = {seq}"),
    ]);
    let run = office.desk.run(&["audit", "verify"]);
    assert_eq!(run.code, REFUSED, "{}", run.describe());
    assert!(
        run.stderr.contains(&format!("falta el evento {seq}")),
        "the message should say event {seq} is missing:\n{}",
        run.describe()
    );
    let b = broken(&office);
    assert_eq!(b["reason"]["kind"], "gap", "{b}");
    assert_eq!(b["reason"]["expected"], seq, "{b}");
    assert_eq!(b["seq"], seq + 1, "{b}");
}

#[test]
fn the_triggers_keep_the_trail_append_only() {
    let (office, _) = office_with_history();
    let update = office
        .desk
        .try_tamper(&["UPDATE audit_events SET actor = 'mallory' WHERE seq = 3".to_string()]);
    assert!(
        update.as_ref().is_err_and(|e| e.contains("append-only")),
        "the database should refuse an UPDATE of the trail: {update:?}"
    );
    let delete = office
        .desk
        .try_tamper(&["DELETE FROM audit_events WHERE seq = 3".to_string()]);
    assert!(
        delete.as_ref().is_err_and(|e| e.contains("append-only")),
        "the database should refuse a DELETE from the trail: {delete:?}"
    );
    let verify = office.desk.run(&["audit", "verify"]);
    assert_eq!(verify.code, DONE, "{}", verify.describe());
}

#[test]
fn deleting_the_newest_event_is_noticed() {
    // The chain is only checked link by link, so cutting its tail leaves a sound chain:
    // `audit verify` says «íntegro» although the outbox still holds one more entry than
    // the trail has events (and the order's last step is no longer in its history).
    let (office, events) = office_with_history();
    office.desk.tamper(&[
        "DROP TRIGGER audit_events_no_delete".to_string(),
        format!("DELETE FROM audit_events WHERE seq = {events}"),
    ]);
    let run = office.desk.run(&["audit", "verify"]);
    assert_eq!(
        run.code,
        REFUSED,
        "a trail missing its newest event should not verify:\n{}",
        run.describe()
    );
}
