//! The signature record's transitions and refusals, one story each.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::ErrorCode;
use crate::error::DomainError;
use crate::lang::Lang;
use crate::permission::{Action, authorize};
use crate::role::Role;
use crate::user::User;

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 14, minute, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
}

fn act() -> SignatureRecord {
    SignatureRecord::draft(
        DocumentKind::AcceptanceAct,
        "ACT-7K3F-000001",
        1,
        vec![
            SignerEntry::pending(
                Party::Customer,
                "Ana Ñandutí",
                Some("ana@coop.com.py".into()),
                None,
            ),
            SignerEntry::pending(Party::Organisation, "Sebastián Núñez", None, None),
        ],
    )
}

fn ok<T>(r: Result<T, DomainError>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("refused: {}", e.message(Lang::Es)),
    }
}

fn no<T: std::fmt::Debug>(r: Result<T, DomainError>) -> DomainError {
    match r {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => e,
    }
}

fn drawn() -> SignatureMethod {
    SignatureMethod::InPerson {
        drawing_sha256: "ab".repeat(32),
    }
}

fn copy() -> SignatureMethod {
    SignatureMethod::SignedCopy {
        pdf_sha256: "cd".repeat(32),
    }
}

fn issued() -> SignatureRecord {
    ok(act().issue())
}

#[test]
fn a_draft_is_issued_once() {
    let r = issued();
    assert_eq!(r.state, SignatureState::Issued);
    let e = no(r.issue());
    assert_eq!(e.code(), ErrorCode::DocumentNotInState);
    assert!(e.message(Lang::Es).contains("emitido"));
}

#[test]
fn sending_records_the_channel_and_an_expiry_date_from_today_on() {
    let r = ok(issued().send(Channel::Email, Some(day(30)), day(20)));
    assert_eq!(
        r.state,
        SignatureState::Sent {
            channel: Channel::Email
        }
    );
    assert_eq!(r.expires_on, Some(day(30)));
    let again = ok(r.send(Channel::Courier, None, day(21)));
    assert_eq!(
        again.state,
        SignatureState::Sent {
            channel: Channel::Courier
        }
    );
    assert_eq!(again.expires_on, Some(day(30)), "a re-send keeps the date");
    let e = no(issued().send(Channel::Email, Some(day(19)), day(20)));
    assert_eq!(
        e,
        DomainError::ExpiryInPast {
            date: day(19),
            today: day(20)
        }
    );
    assert!(e.message(Lang::En).contains("choose a date"));
}

#[test]
fn a_draft_cannot_be_sent_before_it_is_issued() {
    assert_eq!(
        no(act().send(Channel::Email, None, day(20))).code(),
        ErrorCode::DocumentNotInState
    );
}

#[test]
fn one_signature_makes_it_partially_signed_and_both_make_it_signed() {
    let sent = ok(issued().send(Channel::InPerson, None, day(20)));
    let half = ok(sent.sign(Party::Customer, drawn(), at(1), "kam"));
    assert_eq!(half.state, SignatureState::PartiallySigned);
    assert_eq!(half.pending().len(), 1);
    assert_eq!(half.pending()[0].party, Party::Organisation);
    let whole = ok(half.sign(Party::Organisation, copy(), at(2), "om"));
    assert_eq!(whole.state, SignatureState::Signed);
    assert!(whole.pending().is_empty());
    assert!(matches!(
        &whole.signers[0].state,
        SignerState::Signed { at: t, recorded_by, .. } if *t == at(1) && recorded_by == "kam"
    ));
}

#[test]
fn an_issued_document_may_be_signed_without_being_sent() {
    let r = ok(issued().sign(Party::Customer, copy(), at(1), "kam"));
    assert_eq!(r.state, SignatureState::PartiallySigned);
}

#[test]
fn a_signer_signs_once() {
    let half = ok(issued().sign(Party::Customer, drawn(), at(1), "kam"));
    let e = no(half.sign(Party::Customer, copy(), at(2), "kam"));
    assert_eq!(e.code(), ErrorCode::AlreadySigned);
    assert!(e.message(Lang::Es).contains("Ana Ñandutí"));
}

#[test]
fn a_signed_document_takes_no_more_signatures_or_refusals() {
    let signed = ok(
        ok(issued().sign(Party::Customer, drawn(), at(1), "kam")).sign(
            Party::Organisation,
            drawn(),
            at(2),
            "om",
        ),
    );
    assert_eq!(
        no(signed.decline(Party::Customer, "no", at(3))).code(),
        ErrorCode::DocumentNotInState
    );
    let e = no(signed.expire(day(30)));
    assert_eq!(e.code(), ErrorCode::DocumentNotInState);
}

#[test]
fn a_declined_document_says_who_and_why_and_takes_nothing_more_but_voiding() {
    let sent = ok(issued().send(Channel::Email, None, day(20)));
    let declined = ok(sent.decline(Party::Customer, "el monto no coincide", at(5)));
    assert_eq!(
        declined.state,
        SignatureState::Declined {
            party: Party::Customer,
            reason: "el monto no coincide".into()
        }
    );
    assert!(matches!(
        declined.signers[0].state,
        SignerState::Declined { .. }
    ));
    assert_eq!(
        no(declined.sign(Party::Organisation, drawn(), at(6), "om")).code(),
        ErrorCode::DocumentNotInState
    );
    assert_eq!(
        no(declined.send(Channel::Email, None, day(20))).code(),
        ErrorCode::DocumentNotInState
    );
    let voided = ok(declined.void("corregido en la versión 2"));
    assert_eq!(voided.state.id(), SignatureStateId::Voided);
}

#[test]
fn declining_needs_a_reason() {
    assert_eq!(
        no(issued().decline(Party::Customer, "  ", at(1))),
        DomainError::ReasonRequired
    );
}

#[test]
fn voiding_needs_a_reason_and_happens_once() {
    assert_eq!(no(issued().void("")), DomainError::ReasonRequired);
    let voided = ok(issued().void("reemplazado por la versión 2"));
    assert_eq!(
        voided.state,
        SignatureState::Voided {
            reason: "reemplazado por la versión 2".into()
        }
    );
    assert!(voided.pending().is_empty());
    let e = no(voided.void("otra vez"));
    assert_eq!(e.code(), ErrorCode::DocumentNotInState);
    assert!(e.message(Lang::Es).contains("anulado"));
    assert_eq!(
        no(voided.sign(Party::Customer, drawn(), at(1), "kam")).code(),
        ErrorCode::DocumentNotInState
    );
}

#[test]
fn an_unsigned_document_expires_only_after_its_date() {
    let no_date = issued();
    let e = no(no_date.expire(day(30)));
    assert_eq!(
        e,
        DomainError::NotExpiredYet {
            kind: DocumentKind::AcceptanceAct,
            expires_on: None
        }
    );
    assert!(e.message(Lang::Es).contains("--expires"));
    let sent = ok(issued().send(Channel::Email, Some(day(25)), day(20)));
    assert_eq!(no(sent.expire(day(25))).code(), ErrorCode::NotExpiredYet);
    let expired = ok(sent.expire(day(26)));
    assert_eq!(expired.state, SignatureState::Expired { after: day(25) });
    assert_eq!(
        no(expired.sign(Party::Customer, drawn(), at(1), "kam")).code(),
        ErrorCode::DocumentNotInState
    );
}

#[test]
fn the_welcome_kit_is_delivered_not_signed() {
    let kit = ok(SignatureRecord::draft(DocumentKind::WelcomeKit, "KIT-1", 1, vec![]).issue());
    let e = no(kit.sign(Party::Customer, drawn(), at(1), "om"));
    assert_eq!(
        e,
        DomainError::DocumentNeedsNoSignature {
            kind: DocumentKind::WelcomeKit
        }
    );
    assert!(e.message(Lang::Es).contains("no se firma"));
    let sent = ok(kit.send(Channel::Email, None, day(20)));
    assert_eq!(sent.state.id(), SignatureStateId::Sent);
    assert!(DocumentKind::WelcomeKit.signers().is_empty());
}

#[test]
fn only_the_two_parties_sign() {
    let one = SignatureRecord::draft(
        DocumentKind::RiskAct,
        "RSK-1",
        1,
        vec![SignerEntry::pending(Party::Customer, "Ana", None, None)],
    );
    let e = no(ok(one.issue()).sign(Party::Organisation, drawn(), at(1), "kam"));
    assert_eq!(e.code(), ErrorCode::NotASigner);
}

fn user(roles: &[Role]) -> User {
    User {
        id: Uuid::nil(),
        username: "someone".into(),
        full_name: "Someone".into(),
        email: None,
        roles: roles.iter().copied().collect(),
        active: true,
        created_at: at(0),
    }
}

#[test]
fn the_order_manager_generates_the_kits_and_the_kam_may_also_make_the_risk_act() {
    let om = user(&[Role::OrderManager]);
    let kam = user(&[Role::Kam]);
    for kind in DocumentKind::OF_ORDERS {
        assert!(authorize(&om, Action::GenerateDocument(kind)).is_ok());
    }
    assert!(authorize(&kam, Action::GenerateDocument(DocumentKind::RiskAct)).is_ok());
    let e = authorize(&kam, Action::GenerateDocument(DocumentKind::WelcomeKit));
    assert!(matches!(e, Err(DomainError::NotAllowed { .. })));
    for action in [
        Action::SendDocument,
        Action::RecordSignature,
        Action::VoidDocument,
    ] {
        assert!(authorize(&kam, action).is_ok());
        assert!(authorize(&om, action).is_ok());
        assert!(authorize(&user(&[Role::Presales, Role::Regional]), action).is_err());
    }
}

#[test]
fn the_kam_makes_a_terminations_penalty_table_and_the_notices_and_pre_sales_or_the_order_manager_its_confirmation()
 {
    use DocumentKind as K;
    let allowed =
        |roles: &[Role], kind| authorize(&user(roles), Action::GenerateDocument(kind)).is_ok();
    for kind in [K::PenaltyTable, K::SuspensionNotice, K::ReconnectionNotice] {
        assert!(allowed(&[Role::Kam], kind), "{kind}");
        assert!(
            !allowed(&[Role::OrderManager, Role::Presales], kind),
            "{kind}"
        );
    }
    assert!(allowed(&[Role::Presales], K::TerminationConfirmation));
    assert!(allowed(&[Role::OrderManager], K::TerminationConfirmation));
    assert!(!allowed(&[Role::Kam], K::TerminationConfirmation));
    // The customer signs for the penalty table and acknowledges the confirmation; the
    // notices are sent, not signed.
    assert_eq!(
        K::PenaltyTable.signers(),
        [Party::Customer, Party::Organisation]
    );
    assert_eq!(
        K::TerminationConfirmation.signers(),
        [Party::Customer, Party::Organisation]
    );
    assert!(K::SuspensionNotice.signers().is_empty());
    assert!(K::ReconnectionNotice.signers().is_empty());
    // Every kind has its own number prefix.
    let mut prefixes: Vec<_> = K::ALL.iter().map(|k| k.prefix()).collect();
    prefixes.sort();
    prefixes.dedup();
    assert_eq!(prefixes.len(), K::ALL.len());
}

#[test]
fn kinds_channels_and_parties_read_from_the_command_line() {
    assert_eq!("welcome-kit".parse(), Ok(DocumentKind::WelcomeKit));
    assert_eq!("ACCEPTANCE_ACT".parse(), Ok(DocumentKind::AcceptanceAct));
    assert_eq!("risk_act".parse(), Ok(DocumentKind::RiskAct));
    assert_eq!("penalty-table".parse(), Ok(DocumentKind::PenaltyTable));
    assert_eq!(
        "aviso_suspension".parse(),
        Ok(DocumentKind::SuspensionNotice)
    );
    for kind in DocumentKind::ALL {
        assert_eq!(kind.id().parse(), Ok(kind));
    }
    assert!("contrato".parse::<DocumentKind>().is_err());
    assert_eq!("correo".parse(), Ok(Channel::Email));
    assert_eq!("in-person".parse(), Ok(Channel::InPerson));
    assert!("fax".parse::<Channel>().is_err());
    assert_eq!("cliente".parse(), Ok(Party::Customer));
    assert!("kam".parse::<Party>().is_err());
}

#[test]
fn the_verification_text_is_read_back_into_its_parts() {
    let id = Uuid::from_u128(42);
    let hash = "a".repeat(64);
    let text = format!("nimbo:doc:{id}:v3:sha256:{hash}");
    assert_eq!(payload_of(&text), Some((id, 3, hash)));
    assert_eq!(payload_of("nimbo:doc:x:v3:sha256:aa"), None);
    assert_eq!(
        payload_of(&format!("nimbo:doc:{id}:vX:sha256:{}", "a".repeat(64))),
        None
    );
}

#[test]
fn support_lines_come_from_the_profile_or_fall_back_to_the_kam() {
    let lines = support_lines(
        Some("+595 21 000"),
        None,
        Some("https://soporte.example.com"),
        "kam@x.py",
    );
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].contact, "+595 21 000");
    let none = support_lines(None, Some("  "), None, "kam@x.py");
    assert_eq!(none.len(), 1);
    assert_eq!(none[0].contact, "kam@x.py");
    assert_eq!(escalation_levels().map(EscalationLevel::number), [1, 2, 3]);
}

#[test]
fn document_commands_travel_as_json_and_come_back_the_same() {
    use crate::operation::Command;
    use crate::order::AttachmentRef;
    let pdf = AttachmentRef {
        sha256: "ef".repeat(32),
        name: "ACT-1-v1.pdf".into(),
        size: 1234,
        media_type: "application/pdf".into(),
    };
    let id = Uuid::from_u128(7);
    let commands = vec![
        Command::IssueDocumentVersion {
            document_id: id,
            order_id: Uuid::from_u128(8),
            process_id: None,
            kind: DocumentKind::AcceptanceAct,
            number: "ACT-1".into(),
            version: 2,
            snapshot: "{}".into(),
            snapshot_sha256: "ab".repeat(32),
            pdf: pdf.clone(),
            issued_at: at(1),
            signers: act().signers,
        },
        Command::SendDocument {
            document_id: id,
            version: 2,
            channel: Channel::Courier,
            expires_on: Some(day(30)),
        },
        Command::SignDocumentInPerson {
            document_id: id,
            version: 2,
            party: Party::Customer,
            drawing: pdf.clone(),
            signed_pdf: pdf.clone(),
            signed_snapshot_sha256: None,
            signed_at: at(2),
        },
        Command::AttachSignedCopy {
            document_id: id,
            version: 2,
            parties: vec![Party::Customer, Party::Organisation],
            copy: pdf,
        },
        Command::DeclineDocument {
            document_id: id,
            version: 2,
            party: Party::Organisation,
            reason: "falta un anexo".into(),
        },
        Command::VoidDocument {
            document_id: id,
            version: 2,
            reason: "reemplazada".into(),
        },
        Command::ExpireDocument {
            document_id: id,
            version: 2,
        },
    ];
    for c in commands {
        let text = serde_json::to_string(&c).unwrap_or_default();
        let back: Command = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        assert_eq!(back, c);
    }
}
