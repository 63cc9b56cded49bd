//! A process's documents as stories, decided by the same `apply` as an order's: who may
//! make each, from which step, and what an old operation without a process still reads as.

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::*;
use crate::contract::{ContractTerms, EarlyTerminationClause};
use crate::document::{DocumentKind, Party, SignerEntry};
use crate::service::{SuspensionStep, TerminationStep};

const TERMINATION: Uuid = Uuid::from_u128(0xBA7);

/// Issues version 1 of a document of the process, as the laptop would after rendering it.
fn issue(
    office: &mut Office,
    who: &User,
    process: Uuid,
    kind: DocumentKind,
    document: Uuid,
) -> Result<Outcome, Refusal> {
    let snapshot = format!("{{\"kind\":\"{}\"}}", kind.id());
    let signers = kind
        .signers()
        .iter()
        .map(|p| SignerEntry::pending(*p, "Juan Pérez", None, None))
        .collect();
    office.run(
        who,
        noon(2026, 12, 21),
        Command::IssueDocumentVersion {
            document_id: document,
            order_id: office.subscription().order_id,
            process_id: Some(process),
            kind,
            number: format!("{}-{}", kind.prefix(), office.process(process).number()),
            version: 1,
            snapshot_sha256: hex::encode(Sha256::digest(snapshot.as_bytes())),
            snapshot,
            pdf: AttachmentRef {
                sha256: "cd".repeat(32),
                name: "documento.pdf".into(),
                size: 30_000,
                media_type: "application/pdf".into(),
            },
            issued_at: noon(2026, 12, 21),
            signers,
        },
    )
}

fn request_termination(office: &mut Office) {
    let kam = office.kam.clone();
    office
        .run(
            &kam,
            noon(2026, 12, 2),
            Command::RequestTermination {
                process_id: TERMINATION,
                number: "BAJ-7K3F-000007".into(),
                subscription_id: SUBSCRIPTION,
                termination_date: day(2027, 2, 28),
                plans: Vec::new(),
                aws_accounts: Vec::new(),
                letter: letter(),
            },
        )
        .unwrap();
}

#[test]
fn a_suspension_notice_waits_for_the_kams_notice_step_and_is_sent_unsigned_once_per_suspension() {
    let mut office = Office::new();
    office.invoice("001-001-0000009", day(2026, 11, 1), 900, false);
    super::suspension::decide(
        &mut office,
        super::suspension::SUSPENSION,
        day(2026, 12, 20),
    )
    .unwrap();
    let (kam, presales) = (office.kam.clone(), office.presales.clone());
    let id = super::suspension::SUSPENSION;

    // The notice prints the date the KAM's step records: refused before it.
    let early = issue(
        &mut office,
        &kam,
        id,
        DocumentKind::SuspensionNotice,
        Uuid::from_u128(1),
    );
    assert_eq!(code(early.unwrap_err()), ErrorCode::DocumentDataMissing);
    office
        .step(
            &kam,
            noon(2026, 12, 20),
            id,
            ServiceStep::Suspension(SuspensionStep::Notice),
            [
                ("suspension_date", "2026-12-27"),
                ("notified_on", "2026-12-20"),
            ],
        )
        .unwrap();

    // The KAM's to make; nobody signs a notice.
    let refused = issue(
        &mut office,
        &presales,
        id,
        DocumentKind::SuspensionNotice,
        Uuid::from_u128(1),
    );
    assert_eq!(code(refused.unwrap_err()), ErrorCode::NotAllowed);
    let done = issue(
        &mut office,
        &kam,
        id,
        DocumentKind::SuspensionNotice,
        Uuid::from_u128(1),
    )
    .unwrap();
    let docs = office.records.documents_of_process(id);
    assert_eq!(docs.len(), 1, "{done:?}");
    assert_eq!(docs[0].process_id, Some(id));
    assert!(docs[0].versions[0].signature.signers.is_empty());
    // The order's own documents do not list it.
    assert!(office.records.documents_of(docs[0].order_id).is_empty());
    // One notice per suspension: another document of the kind is refused.
    let twice = issue(
        &mut office,
        &kam,
        id,
        DocumentKind::SuspensionNotice,
        Uuid::from_u128(2),
    );
    assert!(
        matches!(twice, Err(Refusal::DocumentKindTaken { .. })),
        "{twice:?}"
    );
    // A suspension has no penalty table.
    let wrong = issue(
        &mut office,
        &kam,
        id,
        DocumentKind::PenaltyTable,
        Uuid::from_u128(3),
    );
    assert_eq!(code(wrong.unwrap_err()), ErrorCode::InvalidFields);
}

#[test]
fn a_penalty_table_needs_a_contract_with_a_term_and_is_signed_by_the_customer_and_the_kam() {
    let mut office = Office::new();
    request_termination(&mut office);
    let kam = office.kam.clone();

    // The standard service has no term, so no penalties.
    let none = issue(
        &mut office,
        &kam,
        TERMINATION,
        DocumentKind::PenaltyTable,
        Uuid::from_u128(7),
    );
    let refusal = none.unwrap_err();
    assert_eq!(code(refusal.clone()), ErrorCode::DocumentDataMissing);
    assert!(
        refusal
            .message(crate::Lang::Es)
            .contains("no hay penalidades")
    );

    let mut subscription = office.subscription();
    subscription.terms = Some(ContractTerms {
        term_months: 24,
        early_termination: Some(EarlyTerminationClause::MonthlyFees(3)),
        installation_investment: Decimal::from(12_000),
        installation_instalments: 12,
    });
    office.records.put(Record::Subscription(subscription));
    // At the verification (step 2), the KAM's; the confirmation waits for step 8.
    let presales = office.presales.clone();
    let early = issue(
        &mut office,
        &presales,
        TERMINATION,
        DocumentKind::TerminationConfirmation,
        Uuid::from_u128(8),
    );
    let refusal = early.unwrap_err();
    assert_eq!(code(refusal.clone()), ErrorCode::DocumentDataMissing);
    let words = refusal.message(crate::Lang::Es);
    assert!(
        words.contains(ServiceStep::Termination(TerminationStep::Confirmed).name(crate::Lang::Es)),
        "{words}"
    );
    issue(
        &mut office,
        &kam,
        TERMINATION,
        DocumentKind::PenaltyTable,
        Uuid::from_u128(7),
    )
    .unwrap();
    let doc = office.records.document(Uuid::from_u128(7)).unwrap();
    assert_eq!(doc.number, "PEN-BAJ-7K3F-000007");
    let parties: Vec<Party> = doc.versions[0]
        .signature
        .signers
        .iter()
        .map(|s| s.party)
        .collect();
    assert_eq!(parties, [Party::Customer, Party::Organisation]);
}

#[test]
fn an_issue_written_before_processes_had_documents_still_reads_as_an_orders() {
    let old = serde_json::json!({
        "command": "issue_document_version",
        "document_id": Uuid::from_u128(9),
        "order_id": Uuid::from_u128(1),
        "kind": "welcome_kit",
        "number": "KIT-7K3F-000001",
        "version": 1,
        "snapshot": "{}",
        "snapshot_sha256": "00",
        "pdf": { "sha256": "ab", "name": "kit.pdf", "size": 1, "media_type": "application/pdf" },
        "issued_at": "2026-11-02T15:00:00Z",
        "signers": []
    });
    let command: Command = serde_json::from_value(old.clone()).unwrap();
    let Command::IssueDocumentVersion { process_id, .. } = &command else {
        panic!("not an issue: {command:?}");
    };
    assert_eq!(*process_id, None);
    // And it is written back the same, without a process.
    assert_eq!(serde_json::to_value(&command).unwrap(), old);
}
