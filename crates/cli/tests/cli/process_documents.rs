//! The documents of a service's life from the command line (DOMAIN §6, §8, issue 13),
//! made like an order's with `nimbo doc generate KIND --process NUMBER`: a contract of 24
//! months with a clause and an investment, terminated early, gets its penalty table (the
//! same bytes when generated twice) and, once confirmed, its termination confirmation; a
//! customer who stops paying gets its suspension notice and, once it paid, its
//! reconnection notice. Each PDF is read back with pdftotext.

use std::path::Path;

use chrono::Duration;
use serde_json::Value;

use crate::lifecycle::{
    CREDIT, KAM as DEMO_KAM, REGIONAL as DEMO_REGIONAL, SUPPORT as DEMO_SUPPORT, confirm_payment,
    office as demo_office, pay_everything, take_step, today, unpaid_invoice, ymd,
};
use crate::office::{ADMIN, KAM, OFFERS, Office, PRESALES, SUBSCRIBER_ID};
use crate::support::pdftotext;
use crate::support::{current_step, text};

/// Generates a process's document into `file` and returns what the CLI says of it.
fn generate(
    desk: &crate::support::Desk,
    user: &str,
    kind: &str,
    process: &str,
    file: &str,
) -> Value {
    let run = desk.by(
        user,
        &[
            "--json",
            "doc",
            "generate",
            kind,
            "--process",
            process,
            "-o",
            file,
        ],
    );
    run.assert_done();
    run.json()
}

/// An office whose customer bought 24 months with a clause of three monthly fees and an
/// installation investment of USD 12.000 in 12 instalments, activated three days ago.
fn contract_with_a_term() -> Office {
    let office = Office::ready();
    let order = office.open_order("AWS con plazo de 24 meses");
    office.take_to(&order, 7);
    office.desk.accept(
        PRESALES,
        &[
            "order",
            "step",
            &order,
            "--set",
            "offer_id=0065f00000AbCdEFGH",
            "--set",
            "plans=aws,aws-vip",
            "--set",
            "price_exception=sí",
            "--set",
            "exception_detail=Plazo de 24 meses con inversión de instalación",
        ],
    );
    let shown = office.desk.accept(
        OFFERS,
        &[
            "order",
            "step",
            &order,
            "--set",
            "approval_note=Aprobado con plazo",
            "--set",
            "term_months=24",
            "--set",
            "early_termination=3",
            "--set",
            "installation_investment=12000",
            "--set",
            "installation_instalments=12",
        ],
    );
    let mut at = current_step(&shown);
    while let Some(step) = at {
        at = current_step(&office.complete(&order, step));
    }
    office
}

fn hire(office: &Office, username: &str, name: &str, role: &str) {
    office.desk.accept(
        ADMIN,
        &["user", "add", username, "--name", name, "--role", role],
    );
}

#[test]
fn an_early_termination_gets_its_penalty_table_and_its_confirmation_as_nimbo_documents() {
    let office = contract_with_a_term();
    let desk = &office.desk;
    hire(
        &office,
        "sofia.ramirez",
        "Sofía Ramírez",
        "service_executive",
    );
    let letter = desk.write("carta-baja.pdf", b"%PDF-1.4\n% carta de baja\n%%EOF\n");
    let date = ymd(today() + Duration::days(45));
    let page = desk.accept(
        KAM,
        &[
            "termination",
            "request",
            "--subscription",
            SUBSCRIBER_ID,
            "--date",
            &date,
            "--letter",
            &letter,
        ],
    );
    let number = text(&page, "number").to_string();
    assert!(number.starts_with("BAJ-"), "{page}");

    // The confirmation waits for the termination to be confirmed.
    let early = desk.refuse(
        Some(PRESALES),
        &[
            "doc",
            "generate",
            "termination_confirmation",
            "--process",
            &number,
        ],
    );
    assert_eq!(early.code, "document_data_missing");
    assert!(early.es.contains("Baja confirmada"), "{}", early.es);
    // The penalty table is the KAM's, at the verification.
    let refusal = desk.refuse(
        Some(PRESALES),
        &["doc", "generate", "penalty_table", "--process", &number],
    );
    assert_eq!(refusal.code, "not_allowed");

    let first = desk.pdf("tabla-1.pdf");
    let made = generate(desk, KAM, "penalty_table", &number, &first);
    let doc_number = made["generated"]["number"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(doc_number, format!("PEN-{number}"));
    assert_eq!(made["generated"]["created"], true);
    let text_1 = pdftotext(&first);
    assert!(text_1.contains("Tabla de penalidades"), "{text_1}");
    assert!(text_1.contains(&doc_number), "{text_1}");
    assert!(text_1.contains(SUBSCRIBER_ID), "{text_1}");
    // The residual investment of 12.000 over 24 months, as the termination's page says it.
    let shown = desk.read(&["termination", "show", &number]);
    let total = shown["facts"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .find(|f| f["label"] == "Total de penalidades")
        .map(|f| f["value"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    assert!(total.starts_with("USD "), "{shown}");
    assert!(
        text_1.contains(&total),
        "the PDF's total is the page's {total}:\n{text_1}"
    );
    assert!(text_1.contains("Inversión de instalación"), "{text_1}");

    // The same data gives the same version and the same bytes.
    let second = desk.pdf("tabla-2.pdf");
    let again = generate(desk, KAM, "penalty_table", &number, &second);
    assert_eq!(again["generated"]["created"], false);
    assert_eq!(
        again["generated"]["pdf_sha256"],
        made["generated"]["pdf_sha256"]
    );
    let bytes = |p: &str| std::fs::read(Path::new(p)).unwrap_or_default();
    assert_eq!(bytes(&first), bytes(&second));
    let verdict = desk.read(&["doc", "verify", &second]);
    assert_eq!(verdict["verdict"], "issued", "{verdict}");
    assert_eq!(verdict["version"]["order"], number.as_str(), "{verdict}");

    // The customer signs for it in person, as for an act.
    let drawing = desk.write("firma.png", nimbo_docs::samples::SIGNATURE_CUSTOMER_PNG);
    let signed = desk.accept(
        KAM,
        &[
            "doc",
            "sign",
            "penalty_table",
            "--process",
            &number,
            "--signer",
            "customer",
            "--signature",
            &drawing,
        ],
    );
    assert_eq!(
        signed["document"]["signature"]["state"]["state"], "partially_signed",
        "{signed}"
    );
    let listed = desk.read(&["doc", "list", "--process", &number]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");

    // The first installation instalment fell due at the activation: Siebel invoiced it
    // (USD 1.000 + IVA) and the customer paid, so nothing is owed.
    hire(
        &office,
        "rosa.villalba",
        "Rosa Villalba",
        "billing_specialist",
    );
    let t = ymd(today());
    let due = ymd(today() + Duration::days(20));
    desk.accept(
        "rosa.villalba",
        &[
            "invoice",
            "add",
            "--number",
            "001-001-0000101",
            "--account",
            nimbo_testkit::office::BILLING_ACCOUNT,
            "--issued",
            &t,
            "--due",
            &due,
            "--amount",
            "1100.00",
        ],
    );
    desk.accept(
        "rosa.villalba",
        &[
            "payment",
            "add",
            "--invoice",
            "001-001-0000101",
            "--date",
            &t,
            "--amount",
            "1100.00",
            "--reference",
            "TRF 1",
        ],
    );

    // To its end, with no debt: the confirmation, by pre-sales.
    let steps: [(&str, Vec<String>); 7] = [
        (KAM, vec!["leaves_debt=no".into()]),
        (KAM, vec![format!("confirmed_on={t}")]),
        ("sofia.ramirez", vec!["debt_exists=no".into()]),
        (KAM, vec![]),
        ("sofia.ramirez", vec![format!("status_changed_on={t}")]),
        (PRESALES, vec!["work_order=WO0012345".into()]),
        (PRESALES, vec![]),
    ];
    for (i, (who, sets)) in steps.iter().enumerate() {
        if i == 6 {
            let file = desk.pdf("confirmacion.pdf");
            let made = generate(desk, PRESALES, "termination_confirmation", &number, &file);
            assert_eq!(
                made["generated"]["number"],
                format!("CBJ-{number}").as_str()
            );
            let text = pdftotext(&file);
            assert!(text.contains("Confirmación de baja"), "{text}");
            assert!(text.contains("WO0012345"), "{text}");
            assert!(text.contains(&format!("CBJ-{number}")), "{text}");
        }
        let mut args = vec!["termination", "step", number.as_str()];
        for s in sets {
            args.extend(["--set", s.as_str()]);
        }
        desk.accept(who, &args);
    }
}

#[test]
fn a_suspension_and_its_reconnection_send_their_notices() {
    let (desk, subscription, account) = demo_office();
    unpaid_invoice(&desk, &account, "001-009-0000077", 40);
    let page = desk.accept(
        CREDIT,
        &["suspension", "decide", "--subscription", &subscription],
    );
    let number = text(&page, "number").to_string();
    // The notice prints the date the KAM's step records: not before.
    let early = desk.refuse(
        Some(DEMO_KAM),
        &["doc", "generate", "suspension_notice", "--process", &number],
    );
    assert_eq!(early.code, "document_data_missing");
    let t = ymd(today());
    let cut = today() + Duration::days(7);
    desk.accept(
        DEMO_KAM,
        &[
            "suspension",
            "step",
            &number,
            "--set",
            &format!("suspension_date={}", ymd(cut)),
            "--set",
            &format!("notified_on={t}"),
        ],
    );
    let file = desk.pdf("aviso-suspension.pdf");
    let made = generate(&desk, DEMO_KAM, "suspension_notice", &number, &file);
    assert_eq!(
        made["generated"]["number"],
        format!("AVS-{number}").as_str()
    );
    assert_eq!(
        made["generated"]["signature"]["signers"],
        serde_json::json!([])
    );
    let notice = pdftotext(&file);
    let suspension = notice.clone();
    assert!(notice.contains("Aviso de suspensión"), "{notice}");
    assert!(notice.contains("001-009-0000077"), "{notice}");
    assert!(notice.contains("1.250,00"), "{notice}");
    assert!(
        notice.contains(&cut.format("%d/%m/%Y").to_string()),
        "{notice}"
    );
    let file_2 = desk.pdf("aviso-suspension-2.pdf");
    let again = generate(&desk, DEMO_KAM, "suspension_notice", &number, &file_2);
    assert_eq!(
        again["generated"]["pdf_sha256"],
        made["generated"]["pdf_sha256"]
    );
    // A suspension has no penalty table.
    let wrong = desk.refuse(
        Some(DEMO_KAM),
        &["doc", "generate", "penalty_table", "--process", &number],
    );
    assert_eq!(wrong.code, "invalid_fields");

    take_step(
        &desk,
        DEMO_SUPPORT,
        "suspension",
        &number,
        &["servicenow_request=REQ0045678".into()],
    );
    take_step(
        &desk,
        DEMO_REGIONAL,
        "suspension",
        &number,
        &[format!("cut_on={t}")],
    );
    pay_everything(&desk, &account);
    let number = confirm_payment(&desk, &subscription, "TRF 889122", &t);
    take_step(
        &desk,
        DEMO_SUPPORT,
        "reconnection",
        &number,
        &["servicenow_request=REQ0045999".into()],
    );
    take_step(
        &desk,
        DEMO_REGIONAL,
        "reconnection",
        &number,
        &[format!("reconnected_on={t}")],
    );
    let file = desk.pdf("aviso-reconexion.pdf");
    let made = generate(&desk, DEMO_KAM, "reconnection_notice", &number, &file);
    assert_eq!(
        made["generated"]["number"],
        format!("AVR-{number}").as_str()
    );
    let notice = pdftotext(&file);
    assert!(notice.contains("Aviso de reconexión"), "{notice}");
    assert!(notice.contains("TRF 889122"), "{notice}");
    // The payment confirmed is what the suspension's notice asked for.
    let paid = notice
        .split("confirmamos su pago de ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().take(2).last())
        .unwrap_or_default()
        .to_string();
    assert!(
        !paid.is_empty() && suspension.contains(&paid),
        "{paid} in:\n{suspension}"
    );
    let file_2 = desk.pdf("aviso-reconexion-2.pdf");
    let again = generate(&desk, DEMO_KAM, "reconnection_notice", &number, &file_2);
    assert_eq!(
        again["generated"]["pdf_sha256"],
        made["generated"]["pdf_sha256"]
    );
    take_step(
        &desk,
        DEMO_KAM,
        "reconnection",
        &number,
        &[format!("notified_on={t}")],
    );
}
