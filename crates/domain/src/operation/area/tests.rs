//! Every command reaches its area and is decided, authorised, filed and worded as it was
//! when one `match` per concern held them all; and the wire keeps its exact JSON.

#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use super::super::{MemoryRecords, Operation};
use super::*;
use crate::document::DocumentKind;
use crate::order::Step;
use crate::role::Role;
use crate::user::UserDraft;

fn file(name: &str) -> Value {
    json!({ "sha256": format!("{name:0>64}"), "name": name, "size": 3,
            "media_type": "application/pdf" })
}

fn user(name: &str) -> Value {
    json!({ "id": "01a237ee-f275-77a9-99c4-95116484a63e", "username": name,
            "full_name": "Usuario de prueba", "email": null, "roles": ["admin"],
            "active": true, "created_at": "2026-11-20T15:00:00Z" })
}

const ID: &str = "01a237ee-f281-759f-971e-2b05fff89ad0";

/// A command as the wire carries it, with what it asked for before the areas: its
/// history words, its action, how many files it names and how many records it wants
/// from an empty view.
type Row = (Value, &'static str, Option<Action>, usize, usize);

/// One of each command, two where the history words or the records wanted depend on a
/// field.
fn every_command() -> Vec<Row> {
    [people(), customers(), onboarding(), documents(), billing()].concat()
}

/// The organisation's and the users' commands.
fn people() -> Vec<Row> {
    vec![
        (
            json!({ "command": "init_organisation", "name": "Tigo", "ruc": "80000190-7",
                    "admin": user("admin"), "logo": file("logo") }),
            "organisation.initialised",
            Some(Action::EditOrganisation),
            1,
            2,
        ),
        (
            json!({ "command": "set_organisation_logo", "logo": file("logo") }),
            "organisation.logo_set",
            Some(Action::EditOrganisation),
            1,
            1,
        ),
        (
            json!({ "command": "set_organisation_logo", "logo": null }),
            "organisation.logo_removed",
            Some(Action::EditOrganisation),
            0,
            1,
        ),
        (
            json!({ "command": "create_user", "user": user("pedro") }),
            "user.created",
            Some(Action::ManageUsers),
            0,
            1,
        ),
        (
            json!({ "command": "grant_role", "username": "pedro", "role": "admin" }),
            "user.role_granted",
            Some(Action::ManageUsers),
            0,
            1,
        ),
        (
            json!({ "command": "revoke_role", "username": "pedro", "role": "admin" }),
            "user.role_revoked",
            Some(Action::ManageUsers),
            0,
            2,
        ),
        (
            json!({ "command": "revoke_role", "username": "pedro", "role": "kam" }),
            "user.role_revoked",
            Some(Action::ManageUsers),
            0,
            1,
        ),
        (
            json!({ "command": "set_user_active", "username": "pedro", "active": true }),
            "user.activated",
            Some(Action::ManageUsers),
            0,
            1,
        ),
        (
            json!({ "command": "set_user_active", "username": "pedro", "active": false }),
            "user.deactivated",
            Some(Action::ManageUsers),
            0,
            2,
        ),
    ]
}

/// The customers' commands and storing a file.
fn customers() -> Vec<Row> {
    let rep = json!({ "id": ID, "name": "Rosalía Ñamandú", "document": "1234567",
                      "email": "rosalia@cliente.com.py", "phone": "+595 981 000 111" });
    vec![
        (
            json!({ "command": "create_customer", "customer": {
                "id": ID, "ruc": "80028061-0", "name": "Cliente S.A.", "segment": "corporate",
                "address": null, "billing_account": null, "master_contract": null,
                "representatives": [], "created_at": "2026-11-20T15:00:00Z" } }),
            "customer.created",
            Some(Action::CreateCustomer),
            0,
            2,
        ),
        (
            json!({ "command": "add_representative", "customer_id": ID, "representative": rep }),
            "customer.representative_added",
            Some(Action::EditCustomer),
            0,
            1,
        ),
        (
            json!({ "command": "correct_representative", "customer_id": ID,
                    "representative": rep }),
            "customer.representative_corrected",
            Some(Action::EditCustomer),
            0,
            1,
        ),
        (
            json!({ "command": "remove_representative", "customer_id": ID,
                    "representative_id": ID }),
            "customer.representative_removed",
            Some(Action::EditCustomer),
            0,
            1,
        ),
        (
            json!({ "command": "record_master_contract", "customer_id": ID,
                    "contract": { "signed_on": "2025-03-01", "reference": "CMS-1" } }),
            "customer.master_contract_recorded",
            Some(Action::EditCustomer),
            0,
            1,
        ),
        (
            json!({ "command": "store_attachment", "attachment": file("a") }),
            "attachment.stored",
            None,
            1,
            0,
        ),
    ]
}

/// The orders' commands.
fn onboarding() -> Vec<Row> {
    vec![
        (
            json!({ "command": "open_order", "order_id": ID, "number": "PPAS-000001",
                    "customer_id": ID, "title": "AWS para el ERP" }),
            "order.opened",
            Some(Action::CreateOrder),
            0,
            3,
        ),
        (
            json!({ "command": "complete_step", "order_id": ID, "step": "welcome_kit",
                    "input": { "values": {}, "files": { "kit": file("k"), "acta": file("a") } } }),
            "order.step_completed",
            Some(Action::CompleteStep(Step::WelcomeKit)),
            2,
            2,
        ),
        (
            json!({ "command": "reject_step", "order_id": ID, "step": "offer_approval",
                    "reason": "precio" }),
            "order.rejected",
            Some(Action::RejectStep(Step::OfferApproval)),
            0,
            1,
        ),
        (
            json!({ "command": "skip_step", "order_id": ID, "step": "welcome_kit",
                    "reason": "no aplica" }),
            "order.step_skipped",
            Some(Action::SkipStep(Step::WelcomeKit)),
            0,
            1,
        ),
        (
            json!({ "command": "cancel_order", "order_id": ID, "reason": "desistió" }),
            "order.cancelled",
            Some(Action::CancelOrder),
            0,
            1,
        ),
    ]
}

/// The documents' commands.
fn documents() -> Vec<Row> {
    vec![
        (
            json!({ "command": "issue_document_version", "document_id": ID, "order_id": ID,
                    "kind": "risk_act", "number": "RSK-1", "version": 1, "snapshot": "{}",
                    "snapshot_sha256": "0".repeat(64), "pdf": file("p"),
                    "issued_at": "2026-11-20T15:00:00Z", "signers": [] }),
            "document.issued",
            Some(Action::GenerateDocument(DocumentKind::RiskAct)),
            1,
            3,
        ),
        (
            json!({ "command": "send_document", "document_id": ID, "version": 1,
                    "channel": "in_person", "expires_on": null }),
            "document.sent",
            Some(Action::SendDocument),
            0,
            1,
        ),
        (
            json!({ "command": "sign_document_in_person", "document_id": ID, "version": 1,
                    "party": "customer", "drawing": file("d"), "signed_pdf": file("s"),
                    "signed_at": "2026-11-21T05:00:00Z" }),
            "document.signed",
            Some(Action::RecordSignature),
            2,
            1,
        ),
        (
            json!({ "command": "attach_signed_copy", "document_id": ID, "version": 1,
                    "parties": ["customer"], "copy": file("c") }),
            "document.signed",
            Some(Action::RecordSignature),
            1,
            1,
        ),
        (
            json!({ "command": "decline_document", "document_id": ID, "version": 1,
                    "party": "customer", "reason": "no" }),
            "document.declined",
            Some(Action::RecordSignature),
            0,
            1,
        ),
        (
            json!({ "command": "void_document", "document_id": ID, "version": 1,
                    "reason": "error" }),
            "document.voided",
            Some(Action::VoidDocument),
            0,
            1,
        ),
        (
            json!({ "command": "expire_document", "document_id": ID, "version": 1 }),
            "document.expired",
            Some(Action::SendDocument),
            0,
            1,
        ),
    ]
}

/// The catalogue's and billing's commands.
fn billing() -> Vec<Row> {
    let at = "2026-11-20T15:00:00Z";
    vec![
        (
            json!({ "command": "set_plan_price", "price": { "plan": { "code": "aws-vip",
                    "name": "Tigo Cloud AWS Serv. Adm. VIP", "pricing": { "kind":
                    "share_of_consumption", "rate": "0.15", "minimum": "80" } },
                    "valid_from": "2027-01-15" }, "seen": null }),
            "catalogue.price_set",
            Some(Action::EditCatalogue),
            0,
            1,
        ),
        (
            json!({ "command": "set_risk", "risk": { "code": "single-az", "name_es": "Una zona",
                    "name_en": "One zone", "active": false } }),
            "catalogue.risk_set",
            Some(Action::EditCatalogue),
            0,
            1,
        ),
        (
            json!({ "command": "set_holiday", "holiday": { "date": "2026-12-08",
                    "name": "Virgen de Caacupé", "active": true } }),
            "catalogue.holiday_set",
            Some(Action::EditCatalogue),
            0,
            2,
        ),
        (
            json!({ "command": "record_consumption_import", "import": { "id": ID,
                    "sha256": "ab", "file_name": "focus.csv", "format": "focus",
                    "months": ["2026-11"], "rows": 2, "rows_billed": 1, "rows_with_problems": 1,
                    "aggregates": [{ "subscription_id": ID, "aws_account": "123456789012",
                    "period": "2026-11", "month": "2026-11", "service": "Amazon EC2",
                    "category": "usage", "amount": "12.5", "rows": 1 }], "by": "ana", "at": at } }),
            "billing.consumption_imported",
            Some(Action::ImportConsumption),
            0,
            3,
        ),
        (
            json!({ "command": "log_hours", "entry": { "id": ID, "subscription_id": ID,
                    "person": "ana", "start": "2026-11-23T17:00:00", "end": "2026-11-23T19:30:00",
                    "what": "Migración", "logged_by": "ana", "logged_at": at } }),
            "billing.hours_logged",
            Some(Action::LogHours),
            0,
            4,
        ),
        (
            json!({ "command": "add_adjustment", "adjustment": { "id": ID, "subscription_id": ID,
                    "period": "2026-12", "plan_code": "aws", "amount": "-10.00",
                    "reason": "Crédito", "by": "ana", "at": at } }),
            "billing.adjustment_added",
            Some(Action::AdjustCharges),
            0,
            3,
        ),
        (
            json!({ "command": "lock_period", "period": "2026-11", "run_hash": "ab" }),
            "billing.period_locked",
            Some(Action::LockPeriod),
            0,
            2,
        ),
        (
            json!({ "command": "record_invoice", "invoice": { "id": ID, "number": "001-001-1",
                    "billing_account": "100234567", "customer_id": ID, "issued_on": "2026-12-01",
                    "due_on": "2026-12-20", "amount": "110.00", "payments": [], "by": "ana",
                    "at": at } }),
            "billing.invoice_recorded",
            Some(Action::RecordInvoice),
            0,
            3,
        ),
        (
            json!({ "command": "record_payment", "invoice_id": ID, "payment": { "id": ID,
                    "paid_on": "2026-12-10", "amount": "110.00", "reference": "TRX-1",
                    "by": "ana", "at": at } }),
            "billing.payment_recorded",
            Some(Action::RecordPayment),
            0,
            1,
        ),
        (
            json!({ "command": "issue_statement", "statement_id": ID, "customer_id": ID,
                    "period": "2026-11", "number": "EC-80028061-0-2026-11", "version": 1,
                    "snapshot_sha256": "ab", "pdf_sha256": "cd", "issued_at": at }),
            "billing.statement_issued",
            Some(Action::IssueStatement),
            0,
            3,
        ),
    ]
}

fn decoded(wire: &Value) -> Command {
    serde_json::from_value(wire.clone()).unwrap_or_else(|e| panic!("{wire} does not decode: {e}"))
}

#[test]
fn every_command_is_worded_authorised_and_filed_by_its_area_as_before() {
    let tags: std::collections::BTreeSet<_> = every_command()
        .iter()
        .map(|row| row.0["command"].clone().to_string())
        .collect();
    assert_eq!(tags.len(), 34, "one row at least for every command");
    let view = MemoryRecords::default();
    for (wire, words, action, files, keys) in every_command() {
        let command = decoded(&wire);
        assert_eq!(command.history_action(), words, "{wire}");
        assert_eq!(command.action(), action, "{wire}");
        assert_eq!(command.attachments().len(), files, "{wire}");
        assert_eq!(command.area().wanted(&command, &view).len(), keys, "{wire}");
    }
}

#[test]
fn every_command_keeps_its_json_on_the_wire() {
    for (wire, ..) in every_command() {
        assert_eq!(serde_json::to_value(decoded(&wire)).unwrap(), wire);
    }
}

#[test]
fn every_command_is_decided_by_its_own_area() {
    let admin = UserDraft {
        username: "admin".into(),
        full_name: "Administradora".into(),
        email: None,
        roles: vec![Role::Admin],
    }
    .validate(
        Uuid::now_v7(),
        Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap(),
    )
    .unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
    let view = MemoryRecords::default();
    let cx = Context {
        actor: &admin,
        at,
        today: at.date_naive(),
        view: &view,
    };
    for (wire, ..) in every_command() {
        let command = decoded(&wire);
        if let Err(refusal) = command.area().apply(&command, &cx) {
            assert_ne!(refusal, misrouted(), "{wire} reached another area");
        }
    }
}

#[test]
fn only_a_workflow_command_states_its_changes() {
    for (wire, ..) in every_command() {
        let command = decoded(&wire);
        let stated = command.area().stated_changes(&command);
        let workflow = wire["command"].as_str().unwrap().ends_with("_order")
            || wire["command"].as_str().unwrap().ends_with("_step");
        assert_eq!(stated != json!({}), workflow, "{wire}: {stated}");
    }
}

/// The operations a laptop recorded on 2 December 2026 (the app's fixture): each decodes
/// and encodes again to the very JSON it was recorded as.
#[test]
fn recorded_operations_encode_to_the_json_they_were_recorded_as() {
    let text = include_str!("../../../../app/tests/fixtures/operations-2026-12-02.json");
    let fixture: Value = serde_json::from_str(text).unwrap();
    let operations = fixture["operations"].as_array().unwrap();
    assert!(operations.len() >= 25, "a whole onboarding");
    for recorded in operations {
        let op: Operation = serde_json::from_value(recorded.clone()).unwrap();
        assert_eq!(&serde_json::to_value(&op).unwrap(), recorded);
    }
}
