//! Documents of an order on a real SQLite file: generated from the order's data as
//! versions, idempotent for the same data, verified by their bytes, and followed through
//! their signatures — each accepted action one audit event and one outbox operation,
//! each refusal nothing at all.

use nimbo_app::attachments::FileUpload;
use nimbo_app::documents::{self, Verdict};
use nimbo_app::orders::{self, StepSubmission};
use nimbo_app::{AppError, customers};
use nimbo_domain::document::{Channel, DocumentKind, Party, SignatureStateId};
use nimbo_domain::order::Step;
use nimbo_domain::{DomainError, ErrorCode};
use nimbo_testkit::customers::representative;
use nimbo_testkit::submissions::simple_path;

use crate::stories::{team_and_order, walk};
use crate::support::{Env, count, journal_counts};

const SIGNATURE_PNG: &[u8] = nimbo_docs::samples::SIGNATURE_CUSTOMER_PNG;

/// A team, a customer with a legal representative, and its order waiting for `until`.
pub async fn order_at(env: &Env, until: Option<Step>) -> String {
    let (ruc, number) = team_and_order(env).await;
    customers::add_representative(&env.nimbo, "ana", &ruc, &representative())
        .await
        .expect("the representative is added");
    walk(env, &number, until, env.today()).await;
    number
}

async fn journal_and_events(env: &Env) -> (i64, i64, i64) {
    let (a, o) = journal_counts(&env.nimbo).await;
    (a, o, count(&env.nimbo, "signature_events").await)
}

fn pdf(name: &str, text: &str) -> FileUpload {
    FileUpload {
        name: name.into(),
        bytes: format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes(),
    }
}

#[tokio::test]
async fn generating_twice_with_the_same_data_returns_the_same_version_and_writes_nothing() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::WelcomeKit)).await;
    let before = journal_counts(&env.nimbo).await;
    let first = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect("the Welcome KIT is generated");
    assert!(first.created);
    assert_eq!(first.version.version, 1);
    assert_eq!(first.version.number, format!("KIT-{number}"));
    assert_eq!(
        journal_counts(&env.nimbo).await,
        (before.0 + 1, before.1 + 1)
    );
    env.advance(30);
    let after_first = journal_and_events(&env).await;
    let again = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect("generated again");
    assert!(!again.created);
    assert_eq!(again.version.version, 1);
    assert_eq!(again.version.pdf_sha256, first.version.pdf_sha256);
    assert_eq!(again.pdf, first.pdf, "the same bytes come back");
    assert_eq!(journal_and_events(&env).await, after_first);
}

#[tokio::test]
async fn a_change_in_the_data_makes_a_new_version_that_voids_the_previous() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::AcceptanceAct)).await;
    let v1 = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect("v1");
    // Step 19 records the delivery date the KIT prints: its data changed.
    env.advance(60 * 24);
    let v2 = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect("v2");
    assert!(!v2.created, "nothing changed yet: {:?}", v2.version.version);
    orders::complete_step(
        &env.nimbo,
        "diego",
        &number,
        StepSubmission {
            step: Some(Step::AcceptanceAct),
            ..Default::default()
        },
    )
    .await
    .expect_err("step 20 without the signed act is refused");
    // The organisation's phone changes the support lines the KIT prints.
    nimbo_app::organisation::edit(
        &env.nimbo,
        crate::support::ADMIN,
        &nimbo_domain::organisation::OrganisationPatch {
            phone: Some("+595 21 200 2000".into()),
            ..Default::default()
        },
    )
    .await
    .expect("the phone is recorded");
    let before = journal_and_events(&env).await;
    let v2 = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect("v2");
    assert!(v2.created);
    assert_eq!(v2.version.version, 2);
    assert_eq!(v2.voided, Some(1));
    assert_ne!(v2.version.pdf_sha256, v1.version.pdf_sha256);
    // One audit event and one operation; two trail events (v1 voided, v2 issued).
    let after = journal_and_events(&env).await;
    assert_eq!(after, (before.0 + 1, before.1 + 1, before.2 + 2));
    let list = documents::list(&env.nimbo, &number)
        .await
        .expect("the list");
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].version.signature.state.id(),
        SignatureStateId::Voided
    );
    assert!(!list[0].latest);
    assert!(list[1].latest);
    // The old file still verifies, as voided.
    match documents::verify(&env.nimbo, &v1.pdf)
        .await
        .expect("verified")
    {
        Verdict::Issued { version } => {
            assert_eq!(version.version, 1);
            assert!(!version.current);
            assert!(version.void_reason.is_some_and(|r| r.contains("versión 2")));
        }
        other => panic!("not issued: {other:?}"),
    }
    match documents::verify(&env.nimbo, &v2.pdf)
        .await
        .expect("verified")
    {
        Verdict::Issued { version } => assert!(version.current),
        other => panic!("not issued: {other:?}"),
    }
}

#[tokio::test]
async fn verify_tells_an_altered_copy_from_an_unknown_file() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::WelcomeKit)).await;
    let kit = documents::generate(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect("the act");
    let mut altered = kit.pdf.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x01;
    match documents::verify(&env.nimbo, &altered)
        .await
        .expect("verified")
    {
        Verdict::Altered {
            version: Some(v), ..
        } => {
            assert_eq!(v.number, format!("ACT-{number}"));
            assert_eq!(v.version, 1);
        }
        other => panic!("not altered: {other:?}"),
    }
    let unknown = nimbo_docs::Document::WelcomeKit(nimbo_docs::samples::welcome_kit())
        .render()
        .expect("a sample");
    assert!(matches!(
        documents::verify(&env.nimbo, &unknown.pdf)
            .await
            .expect("verified"),
        Verdict::Unknown { .. }
    ));
    assert!(matches!(
        documents::verify(&env.nimbo, b"not a pdf")
            .await
            .expect("verified"),
        Verdict::Unknown { .. }
    ));
}

#[tokio::test]
async fn documents_are_refused_before_their_data_exists_and_to_the_wrong_roles() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::Sow)).await;
    let before = journal_and_events(&env).await;
    let e = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect_err("no provisioning yet");
    assert_eq!(e.code(), ErrorCode::DocumentDataMissing);
    let e = documents::generate(&env.nimbo, "diego", &number, DocumentKind::RiskAct)
        .await
        .expect_err("no risks recorded");
    assert_eq!(e.code(), ErrorCode::NoRisksRecorded);
    let e = documents::generate(&env.nimbo, "pedro", &number, DocumentKind::AcceptanceAct)
        .await
        .expect_err("presales does not generate");
    assert!(matches!(
        e,
        AppError::Domain(DomainError::NotAllowed { .. })
    ));
    let e = documents::send(
        &env.nimbo,
        "ana",
        &number,
        DocumentKind::AcceptanceAct,
        Channel::Email,
        None,
    )
    .await
    .expect_err("nothing to send");
    assert_eq!(e.code(), ErrorCode::DocumentNotFound);
    assert_eq!(journal_and_events(&env).await, before);
    assert_eq!(count(&env.nimbo, "document_versions").await, 0);
}

#[tokio::test]
async fn the_acceptance_act_signed_in_person_completes_step_20_without_an_attached_copy() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::AcceptanceAct)).await;
    documents::generate(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect("the act");
    let mut before = journal_and_events(&env).await;
    let sent = documents::send(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        Channel::InPerson,
        None,
    )
    .await
    .expect("sent");
    assert_eq!(sent.version.signature.state.id(), SignatureStateId::Sent);
    before = (before.0 + 1, before.1 + 1, before.2 + 1);
    assert_eq!(journal_and_events(&env).await, before);
    let drawing = FileUpload::from_bytes("firma.png", SIGNATURE_PNG.to_vec()).expect("png");
    let half = documents::sign_in_person(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        Party::Customer,
        drawing.clone(),
    )
    .await
    .expect("the customer signs");
    assert_eq!(
        half.version.signature.state.id(),
        SignatureStateId::PartiallySigned
    );
    let signed_pdf = half.signed_pdf.clone().expect("a signed rendering");
    before = (before.0 + 1, before.1 + 1, before.2 + 1);
    assert_eq!(journal_and_events(&env).await, before);
    // The signed rendering is recognised as a signed copy of the version.
    assert!(matches!(
        documents::verify(&env.nimbo, &signed_pdf)
            .await
            .expect("verified"),
        Verdict::Signed { .. }
    ));
    let pending = documents::pending(&env.nimbo).await.expect("pending");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].waiting_for.len(), 1);
    assert_eq!(pending[0].waiting_for[0].party, Party::Organisation);
    // Signing twice is refused and writes nothing.
    let e = documents::sign_in_person(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        Party::Customer,
        drawing.clone(),
    )
    .await
    .expect_err("signed already");
    assert_eq!(e.code(), ErrorCode::AlreadySigned);
    assert_eq!(journal_and_events(&env).await, before);
    // A PDF is not a drawing.
    let e = documents::sign_in_person(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        Party::Organisation,
        pdf("firma.png", "x"),
    )
    .await
    .expect_err("not a PNG");
    assert_eq!(e.code(), ErrorCode::WrongFileType);
    assert_eq!(journal_and_events(&env).await, before);
    documents::sign_in_person(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        Party::Organisation,
        drawing,
    )
    .await
    .expect("the order manager signs");
    assert!(
        documents::pending(&env.nimbo)
            .await
            .expect("pending")
            .is_empty()
    );
    let today = env.today().format("%Y-%m-%d").to_string();
    let order = orders::complete_step(
        &env.nimbo,
        "diego",
        &number,
        StepSubmission {
            step: Some(Step::AcceptanceAct),
            values: [("accepted_on".to_string(), today)].into(),
            files: Default::default(),
        },
    )
    .await
    .expect("step 20 completes with the act signed in Nimbo");
    assert_eq!(order.current, Some(Step::CloseProvisioningCase));
}

#[tokio::test]
async fn a_signed_copy_is_checked_by_content_and_a_declined_act_can_only_be_voided() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::AcceptanceAct)).await;
    documents::generate(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect("the act");
    let before = journal_and_events(&env).await;
    let png = FileUpload::from_bytes("acta-firmada.pdf", SIGNATURE_PNG.to_vec()).expect("bytes");
    let e = documents::attach_signed(
        &env.nimbo,
        "ana",
        &number,
        DocumentKind::AcceptanceAct,
        &[Party::Customer],
        png,
    )
    .await
    .expect_err("a PNG named .pdf");
    assert_eq!(e.code(), ErrorCode::WrongFileType);
    assert_eq!(journal_and_events(&env).await, before);
    let (_, original) = documents::pdf(&env.nimbo, &number, DocumentKind::AcceptanceAct)
        .await
        .expect("the issued PDF");
    let e = documents::attach_signed(
        &env.nimbo,
        "ana",
        &number,
        DocumentKind::AcceptanceAct,
        &[Party::Customer],
        FileUpload::from_bytes("acta.pdf", original).expect("bytes"),
    )
    .await
    .expect_err("the unsigned original is no signed copy");
    assert_eq!(e.code(), ErrorCode::UnsignedOriginal);
    assert!(e.message(nimbo_domain::Lang::Es).contains("sin firmar"));
    assert_eq!(journal_and_events(&env).await, before);
    let copy = pdf("escaneo.pdf", "acta firmada por el cliente");
    let done = documents::attach_signed(
        &env.nimbo,
        "ana",
        &number,
        DocumentKind::AcceptanceAct,
        &[Party::Customer],
        copy.clone(),
    )
    .await
    .expect("the KAM attaches the customer's signed copy");
    assert_eq!(
        done.version.signature.state.id(),
        SignatureStateId::PartiallySigned
    );
    assert!(matches!(
        documents::verify(&env.nimbo, &copy.bytes)
            .await
            .expect("verified"),
        Verdict::Signed { .. }
    ));
    let e = documents::decline(
        &env.nimbo,
        "ana",
        &number,
        DocumentKind::AcceptanceAct,
        Party::Organisation,
        " ",
    )
    .await
    .expect_err("no reason");
    assert_eq!(e.code(), ErrorCode::ReasonRequired);
    let declined = documents::decline(
        &env.nimbo,
        "ana",
        &number,
        DocumentKind::AcceptanceAct,
        Party::Organisation,
        "falta una cuenta AWS",
    )
    .await
    .expect("declined");
    assert_eq!(
        declined.version.signature.state.id(),
        SignatureStateId::Declined
    );
    let e = documents::send(
        &env.nimbo,
        "ana",
        &number,
        DocumentKind::AcceptanceAct,
        Channel::Email,
        None,
    )
    .await
    .expect_err("declined");
    assert_eq!(e.code(), ErrorCode::DocumentNotInState);
    let e = documents::void(
        &env.nimbo,
        "pedro",
        &number,
        DocumentKind::AcceptanceAct,
        "error",
    )
    .await
    .expect_err("presales may not void");
    assert_eq!(e.code(), ErrorCode::NotAllowed);
    let voided = documents::void(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        "se corrige y se emite de nuevo",
    )
    .await
    .expect("voided");
    assert_eq!(
        voided.version.signature.state.id(),
        SignatureStateId::Voided
    );
    // Same data, but the latest version is voided: generating makes version 2.
    let v2 = documents::generate(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect("v2");
    assert!(v2.created);
    assert_eq!(v2.version.version, 2);
    assert_eq!(v2.voided, None);
}

#[tokio::test]
async fn an_act_sent_with_a_date_expires_only_after_it() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::AcceptanceAct)).await;
    documents::generate(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect("the act");
    let e = documents::send(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        Channel::Email,
        Some(env.today().pred_opt().expect("yesterday")),
    )
    .await
    .expect_err("a past date");
    assert_eq!(e.code(), ErrorCode::ExpiryInPast);
    documents::send(
        &env.nimbo,
        "diego",
        &number,
        DocumentKind::AcceptanceAct,
        Channel::Email,
        Some(env.today()),
    )
    .await
    .expect("sent");
    let e = documents::expire(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect_err("not yet");
    assert_eq!(e.code(), ErrorCode::NotExpiredYet);
    env.advance(60 * 24);
    let expired = documents::expire(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect("expired");
    assert_eq!(
        expired.version.signature.state.id(),
        SignatureStateId::Expired
    );
}

#[tokio::test]
async fn a_month_of_completed_orders_is_listed_for_a_batch() {
    let env = Env::new().await;
    let number = order_at(&env, None).await;
    let month = env.today();
    use chrono::Datelike;
    let numbers = documents::completed_in(&env.nimbo, month.year(), month.month())
        .await
        .expect("the month");
    assert_eq!(numbers, vec![number.clone()]);
    assert!(
        documents::completed_in(&env.nimbo, 2026, 1)
            .await
            .expect("another month")
            .is_empty()
    );
    // Step 19 made the KIT it delivered; generating it again for the batch gives it back.
    let kit = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect("a completed order's KIT");
    assert!(!kit.created, "step 19 already issued the KIT");
    assert_eq!(kit.version.version, 1);
}

#[tokio::test]
async fn a_versions_data_and_the_signature_trail_cannot_be_changed_behind_nimbos_back() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::WelcomeKit)).await;
    documents::generate(&env.nimbo, "diego", &number, DocumentKind::AcceptanceAct)
        .await
        .expect("the act");
    let mut conn = env.nimbo.store().read().await.expect("a connection");
    for statement in [
        "UPDATE document_versions SET snapshot = '{}'",
        "UPDATE document_versions SET pdf_sha256 = 'x'",
        "DELETE FROM document_versions",
        "UPDATE signature_events SET actor = 'otro'",
        "DELETE FROM signature_events",
    ] {
        let refused = sqlx::query(statement).execute(&mut *conn).await;
        assert!(refused.is_err(), "«{statement}» should be refused");
    }
    // The signature record itself moves on (that is what the use cases write).
    sqlx::query("UPDATE document_versions SET state = state")
        .execute(&mut *conn)
        .await
        .expect("the state column is not history");
}

#[tokio::test]
async fn completing_step_19_issues_the_welcome_kit_with_the_delivery_it_records() {
    let env = Env::new().await;
    let number = order_at(&env, Some(Step::WelcomeKit)).await;
    // A KIT looked at before delivery is replaced by the one step 19 delivers.
    let preview = documents::generate(&env.nimbo, "diego", &number, DocumentKind::WelcomeKit)
        .await
        .expect("a preview of the KIT");
    assert_eq!(preview.version.version, 1);
    let before = journal_and_events(&env).await;
    // Delivered two days ago: a date the preview (made before delivery) could not know.
    let mut delivery = simple_path(Step::WelcomeKit, env.today(), env.today());
    let two_days_ago = env.today() - chrono::Duration::days(2);
    delivery
        .values
        .insert("delivered_on".into(), two_days_ago.to_string());
    orders::complete_step(&env.nimbo, "diego", &number, delivery)
        .await
        .expect("step 19 by the order manager");
    let after = journal_and_events(&env).await;
    assert_eq!(
        (after.0 - before.0, after.1 - before.1),
        (2, 2),
        "the step and the KIT's issue, each journalled"
    );
    let kits: Vec<_> = documents::list(&env.nimbo, &number)
        .await
        .expect("the documents")
        .into_iter()
        .filter(|l| l.version.kind == DocumentKind::WelcomeKit)
        .collect();
    let delivered = kits
        .iter()
        .find(|l| l.latest)
        .expect("a current KIT after step 19");
    assert_eq!(delivered.version.version, 2);
    let delivered_on = orders::show(&env.nimbo, &number)
        .await
        .expect("the order")
        .order
        .records[&Step::WelcomeKit]
        .values["delivered_on"]
        .clone();
    let delivered_on = serde_json::to_value(delivered_on)
        .expect("json")
        .to_string();
    let day = delivered_on
        .split('"')
        .find(|part| part.len() == 10 && part.as_bytes().get(4) == Some(&b'-'))
        .expect("a YYYY-MM-DD day");
    assert!(
        delivered.version.snapshot.contains(day),
        "the KIT carries the delivery date {day}"
    );
    assert!(
        kits.iter()
            .any(|l| l.version.version == 1 && l.version.is_voided()),
        "the preview was voided by the delivered KIT"
    );
}

#[tokio::test]
async fn the_documents_view_offers_each_user_only_what_their_roles_allow_and_opens_only_the_orders_files()
 {
    use nimbo_app::views::document_actions;
    use nimbo_app::views::documents as view;
    use nimbo_domain::Lang;

    let env = Env::new().await;
    let number = order_at(&env, Some(Step::AcceptanceAct)).await;
    // The KAM sees the act, not made yet, and may not generate it (the order manager does).
    let kam = view::order_documents(&env.nimbo, &number, Some("ana"), Lang::Es)
        .await
        .expect("the KAM's view");
    let act = kam
        .cards
        .iter()
        .find(|c| c.kind == "acceptance_act")
        .expect("the act's card");
    assert!(!act.can_generate && act.current.is_none());
    assert_eq!(kam.channels.len(), 4);
    // The order manager generates it, and both signers wait.
    let om = document_actions::generate(&env.nimbo, "diego", &number, "acceptance_act", Lang::Es)
        .await
        .expect("the act is generated");
    let act = om
        .cards
        .iter()
        .find(|c| c.kind == "acceptance_act")
        .expect("the act's card");
    let current = act.current.as_ref().expect("version 1");
    assert!(act.can_generate && act.can_sign);
    assert_eq!(current.state, "issued");
    assert!(current.signers.iter().all(|s| s.state == "pending"));
    let pending = view::pending(&env.nimbo, Lang::Es).await.expect("pending");
    assert!(
        pending
            .iter()
            .any(|p| p.order == number && p.waiting_for.len() == 2)
    );
    // Its file opens; a file of no document of the order is refused, naming the fix.
    let file = view::file(&env.nimbo, &number, &current.pdf_sha256)
        .await
        .expect("the original");
    assert!(file.base64.starts_with("JVBERi0")); // "%PDF-"
    let refused = view::file(&env.nimbo, &number, &"0".repeat(64))
        .await
        .expect_err("not a document of the order");
    assert_eq!(refused.code(), ErrorCode::DocumentFileNotFound);
    assert!(refused.message(Lang::Es).contains("lista de documentos"));
    // A kind the window cannot have offered is refused with its code.
    let unknown = document_actions::generate(&env.nimbo, "diego", &number, "factura", Lang::Es)
        .await
        .expect_err("no such document");
    assert_eq!(unknown.code(), ErrorCode::UnknownChoice);
}
