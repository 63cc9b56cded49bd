//! Documents as the order manager and the KAM use them from the command line: the Welcome
//! KIT and the acceptance act generated from the order's data and read back with
//! pdftotext, the same bytes in two processes, `doc verify` telling issued from altered
//! and unknown, signatures in person and by a signed copy, and a month's batch.

use std::path::Path;
use std::process::Command;

use nimbo_testkit::dates::days_ago;
use serde_json::Value;

use crate::office::{
    AWS_ACCOUNTS, CUSTOMER_ADDRESS, CUSTOMER_NAME, KAM, ORDER_MANAGER, Office, PRESALES,
};
use crate::support::pdftotext;
use crate::support::{current_step, text};

const SIGNATURE_PNG: &[u8] = nimbo_docs::samples::SIGNATURE_CUSTOMER_PNG;

fn page_count(path: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo could not run: {e}"));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// An office with an order waiting at `step`.
fn order_at(step: u8) -> (Office, String) {
    let office = Office::ready();
    let order = office.open_order("AWS para el portal de clientes");
    office.take_to(&order, step);
    (office, order)
}

fn generate(office: &Office, user: &str, kind: &str, order: &str, file: &str) -> Value {
    office.desk.accept(
        user,
        &["doc", "generate", kind, "--order", order, "-o", file],
    )
}

#[test]
fn the_welcome_kit_prints_the_orders_data_in_spanish_and_verifies() {
    let (office, order) = order_at(19);
    let out = generate(&office, ORDER_MANAGER, "welcome_kit", &order, "kit.pdf");
    assert_eq!(out["generated"]["version"], 1);
    assert_eq!(out["generated"]["created"], true);
    let path = office.desk.dir().join("kit.pdf");
    let text_of = pdftotext(&path);
    // The cover's panel wraps the address in its column: read it in reading order.
    let flowing = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    assert!(flowing.contains(CUSTOMER_ADDRESS), "{flowing}");
    for expected in [
        CUSTOMER_NAME,
        "Welcome KIT",
        &format!("N.º KIT-{order} · versión 1"),
        "Sus cuentas de AWS",
        AWS_ACCOUNTS[0],
        AWS_ACCOUNTS[1],
        "https://mco.example.com.py/console",
        "continental-admin",
        "Karina Duarte",
        "Diego Rojas",
        "Tigo Cloud AWS",
        "Soporte técnico",
        "Contactos y escalamiento",
        "Ciclo de facturación",
        "Gestor del pedido",
        "Ejecutivo comercial",
        "Contenido",
    ] {
        assert!(
            text_of.contains(expected),
            "the Welcome KIT should say «{expected}»:\n{text_of}"
        );
    }
    // The office records no phone for its people: the KIT leaves the row out.
    assert!(
        !text_of.contains('—'),
        "a dash for a missing datum:\n{text_of}"
    );
    assert!(!text_of.contains("Order Manager"), "{text_of}");
    assert!(
        out["generated"]["pdf_sha256"].is_string() && page_count(&path) <= 3,
        "the Welcome KIT fits three pages"
    );
    let sha = text(&out["generated"], "pdf_sha256").to_string();
    // A second process generating the same document gives the same bytes and writes nothing.
    let before = office.desk.trail();
    let again = office
        .desk
        .by(
            ORDER_MANAGER,
            &[
                "--json",
                "doc",
                "generate",
                "welcome_kit",
                "--order",
                &order,
                "-o",
                "kit2.pdf",
            ],
        )
        .assert_done()
        .json();
    assert_eq!(again["generated"]["created"], false);
    assert_eq!(office.desk.trail(), before);
    let first = std::fs::read(&path).unwrap_or_default();
    let second = std::fs::read(office.desk.dir().join("kit2.pdf")).unwrap_or_default();
    assert!(!first.is_empty());
    assert_eq!(first, second, "the same document, byte for byte");
    // And this test process, rendering the stored snapshot, makes the same bytes too.
    let list = office.desk.read(&["doc", "list", "--order", &order]);
    let snapshot = list[0]["snapshot"].as_str().unwrap_or_default();
    let doc: nimbo_docs::Document =
        serde_json::from_str(snapshot).unwrap_or_else(|e| panic!("a snapshot: {e}"));
    let rendered = doc.render().unwrap_or_else(|e| panic!("renders: {e}"));
    assert_eq!(rendered.pdf_sha256, sha);
    assert_eq!(rendered.pdf, first);

    let verified = office.desk.run(&["doc", "verify", "kit.pdf"]);
    verified.assert_done();
    assert!(
        verified.stdout.contains("EMITIDO POR NIMBO") && verified.stdout.contains("vigente"),
        "{}",
        verified.describe()
    );
    let json = office.desk.read(&["doc", "verify", "kit.pdf"]);
    assert_eq!(json["verdict"], "issued");
    assert_eq!(json["version"]["order"], order.as_str());

    let mut altered = first.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x20;
    office.desk.write("kit-alterado.pdf", &altered);
    let run = office.desk.run(&["doc", "verify", "kit-alterado.pdf"]);
    run.assert_refused();
    assert!(run.stdout.contains("ALTERADO"), "{}", run.describe());
    assert!(
        run.stdout.contains(&format!("KIT-{order}")),
        "{}",
        run.describe()
    );
    let en = office
        .desk
        .run(&["--lang", "en", "doc", "verify", "kit-alterado.pdf"]);
    assert_eq!(en.code, 1);
    assert!(en.stdout.contains("ALTERED"), "{}", en.describe());

    office.desk.pdf("otro.pdf");
    let run = office.desk.run(&["doc", "verify", "otro.pdf"]);
    run.assert_refused();
    assert!(run.stdout.contains("DESCONOCIDO"), "{}", run.describe());
}

#[test]
fn the_acceptance_act_is_signed_in_person_and_by_copy_and_then_step_20_needs_no_file() {
    let (office, order) = order_at(20);
    let desk = &office.desk;
    generate(&office, ORDER_MANAGER, "acceptance_act", &order, "acta.pdf");
    let act = pdftotext(desk.dir().join("acta.pdf"));
    for expected in [
        CUSTOMER_NAME,
        "Declaración de aceptación",
        "Juan Pérez Benítez",
    ] {
        assert!(
            act.contains(expected),
            "the act should say «{expected}»:\n{act}"
        );
    }
    let sent = desk.accept(
        ORDER_MANAGER,
        &[
            "doc",
            "send",
            "acceptance_act",
            "--order",
            &order,
            "--channel",
            "in_person",
        ],
    );
    assert_eq!(sent["document"]["signature"]["state"]["state"], "sent");
    desk.write("firma.png", SIGNATURE_PNG);
    let signed = desk.accept(
        ORDER_MANAGER,
        &[
            "doc",
            "sign",
            "acceptance_act",
            "--order",
            &order,
            "--signer",
            "customer",
            "--signature",
            "firma.png",
            "-o",
            "acta-firmada.pdf",
        ],
    );
    assert_eq!(
        signed["document"]["signature"]["state"]["state"],
        "partially_signed"
    );
    let signed_text = pdftotext(desk.dir().join("acta-firmada.pdf"));
    assert!(signed_text.contains("Juan Pérez Benítez"), "{signed_text}");
    let run = desk.run(&["doc", "verify", "acta-firmada.pdf"]);
    run.assert_done();
    assert!(run.stdout.contains("COPIA FIRMADA"), "{}", run.describe());

    let pending = desk.read(&["doc", "pending"]);
    assert_eq!(pending.as_array().map(Vec::len), Some(1));
    assert_eq!(pending[0]["waiting_for"][0]["party"], "organisation");
    let printed = desk.run(&["doc", "pending"]);
    assert!(
        printed.stdout.contains("Firmas pendientes"),
        "{}",
        printed.describe()
    );
    assert!(
        printed.stdout.contains("Diego Rojas"),
        "{}",
        printed.describe()
    );

    desk.refuse(
        Some(ORDER_MANAGER),
        &[
            "doc",
            "sign",
            "acceptance_act",
            "--order",
            &order,
            "--signer",
            "customer",
            "--signature",
            "firma.png",
        ],
    )
    .has_code("already_signed")
    .says_es(&["ya firmó"]);
    desk.refuse(
        Some(KAM),
        &[
            "doc",
            "attach-signed",
            "acceptance_act",
            "--order",
            &order,
            "firma.png",
            "--signer",
            "organisation",
        ],
    )
    .has_code("wrong_file_type")
    .says_es(&["no es un PDF"])
    .says_en(&["not a PDF"]);
    desk.refuse(
        Some(PRESALES),
        &[
            "doc",
            "void",
            "acceptance_act",
            "--order",
            &order,
            "--reason",
            "error",
        ],
    )
    .has_code("not_allowed");
    let copy = desk.pdf("acta-escaneada.pdf");
    let done = desk.accept(
        KAM,
        &[
            "doc",
            "attach-signed",
            "acceptance_act",
            "--order",
            &order,
            &copy,
            "--signer",
            "organisation",
        ],
    );
    assert_eq!(done["document"]["signature"]["state"]["state"], "signed");
    assert_eq!(
        desk.read(&["doc", "pending"]).as_array().map(Vec::len),
        Some(0)
    );
    desk.refuse(
        Some(KAM),
        &[
            "doc",
            "decline",
            "acceptance_act",
            "--order",
            &order,
            "--signer",
            "customer",
            "--reason",
            "no",
        ],
    )
    .has_code("document_not_in_state")
    .says_es(&["firmado"]);

    let step = desk.accept(
        ORDER_MANAGER,
        &[
            "order",
            "step",
            &order,
            "--set",
            &format!("accepted_on={}", days_ago(0)),
        ],
    );
    assert_eq!(current_step(&step), Some(21));
}

#[test]
fn documents_are_refused_with_codes_that_say_what_to_do() {
    let (office, order) = order_at(9);
    let desk = &office.desk;
    desk.refuse(
        Some(ORDER_MANAGER),
        &[
            "doc",
            "generate",
            "welcome_kit",
            "--order",
            &order,
            "-o",
            "kit.pdf",
        ],
    )
    .has_code("document_data_missing")
    .says_es(&["paso 17", "complete ese paso primero"])
    .says_en(&["step 17"]);
    desk.refuse(
        Some(KAM),
        &[
            "doc",
            "generate",
            "risk_act",
            "--order",
            &order,
            "-o",
            "riesgos.pdf",
        ],
    )
    .has_code("no_risks_recorded");
    desk.refuse(
        Some(KAM),
        &[
            "doc",
            "generate",
            "penalty_table",
            "--order",
            &order,
            "-o",
            "x.pdf",
        ],
    )
    // A termination's document, asked of an order: it says whose it is.
    .has_code("invalid_fields")
    .says_es(&["no lleva «Tabla de penalidades»", "baja"]);
    desk.refuse(
        Some(KAM),
        &[
            "doc",
            "send",
            "acceptance_act",
            "--order",
            &order,
            "--channel",
            "email",
        ],
    )
    .has_code("document_not_found")
    .says_es(&["genérelo primero"]);
    desk.refuse(
        Some(KAM),
        &[
            "doc",
            "send",
            "acceptance_act",
            "--order",
            &order,
            "--channel",
            "fax",
        ],
    )
    .has_code("invalid_fields");
    assert!(!desk.dir().join("kit.pdf").exists());
    let run = desk.run(&["doc", "verify", "no-existe.pdf"]);
    assert_eq!(run.code, 1, "{}", run.describe());
}

#[test]
fn a_month_of_completed_orders_gets_its_welcome_kits_at_once() {
    let office = Office::ready();
    let mut orders = Vec::new();
    for title in ["Portal", "ERP"] {
        let order = office.open_order(title);
        let mut at = Some(1);
        while let Some(step) = at {
            at = current_step(&office.complete(&order, step));
        }
        orders.push(order);
    }
    let month = days_ago(0).get(..7).unwrap_or_default().to_string();
    let run = office.desk.by(
        ORDER_MANAGER,
        &[
            "--json",
            "doc",
            "generate",
            "welcome_kit",
            "--completed-in",
            &month,
            "--out-dir",
            "kits",
        ],
    );
    run.assert_done();
    assert!(
        !run.stderr.contains('█'),
        "no progress bar when not at a terminal:\n{}",
        run.describe()
    );
    let body = run.json();
    let made = body["generated"].as_array().cloned().unwrap_or_default();
    assert_eq!(made.len(), 2, "{}", run.describe());
    for order in &orders {
        let file = office
            .desk
            .dir()
            .join("kits")
            .join(format!("KIT-{order}-v1.pdf"));
        assert!(file.exists(), "{file:?}");
        assert!(pdftotext(&file).contains(order.as_str()));
    }
    let printed = office.desk.by(
        ORDER_MANAGER,
        &[
            "doc",
            "generate",
            "welcome_kit",
            "--completed-in",
            &month,
            "--out-dir",
            "kits",
        ],
    );
    printed.assert_done();
    assert!(
        printed.stdout.contains("2 generados"),
        "{}",
        printed.describe()
    );
    office
        .desk
        .refuse(
            Some(ORDER_MANAGER),
            &[
                "doc",
                "generate",
                "welcome_kit",
                "--completed-in",
                "2026-13",
                "--out-dir",
                "kits",
            ],
        )
        .has_code("invalid_fields");
}

#[test]
fn the_risk_act_made_and_signed_in_nimbo_lets_the_kam_complete_step_9_with_the_offer_alone() {
    let office = Office::ready();
    let desk = &office.desk;
    let order = office.open_order("AWS con riesgos aceptados");
    office.take_to(&order, 7);
    desk.accept(
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
            "price_exception=no",
            "--set",
            "risks=no-backup,single-az",
            "--set",
            "risks_other=El cliente administra sus propias llaves de cifrado",
        ],
    );
    let offer = desk.pdf("oferta-firmada.pdf");
    // Without the risk act signed, the offer alone is not enough.
    desk.refuse(
        Some(KAM),
        &[
            "order",
            "step",
            &order,
            "--file",
            &format!("signed_offer={offer}"),
        ],
    )
    .has_code("invalid_fields")
    .names_field("signed_risk_act");
    generate(&office, KAM, "risk_act", &order, "riesgos.pdf");
    let act = pdftotext(desk.dir().join("riesgos.pdf"));
    for expected in [
        CUSTOMER_NAME,
        "Sin política de respaldo",
        "Una sola zona",
        "llaves de cifrado",
        "Karina Duarte",
    ] {
        assert!(
            act.contains(expected),
            "the risk act should say «{expected}»:\n{act}"
        );
    }
    let scan = desk.pdf("riesgos-firmado.pdf");
    desk.accept(
        KAM,
        &[
            "doc",
            "attach-signed",
            "risk_act",
            "--order",
            &order,
            &scan,
            "--signer",
            "customer",
            "--signer",
            "organisation",
        ],
    );
    let done = desk.accept(
        KAM,
        &[
            "order",
            "step",
            &order,
            "--file",
            &format!("signed_offer={offer}"),
        ],
    );
    assert_eq!(current_step(&done), Some(10));
    // The trail of every action so far still verifies.
    desk.run(&["audit", "verify"]).assert_done();
    // The signed scan verifies as a recorded signed copy.
    let verdict = desk.read(&["doc", "verify", "riesgos-firmado.pdf"]);
    assert_eq!(verdict["verdict"], "signed");
    assert_eq!(verdict["version"]["state"], "signed");
}

#[test]
fn a_demonstration_orders_welcome_kit_fits_three_pages_in_the_profiles_words() {
    let desk = crate::support::Desk::empty();
    desk.read(&["demo", "--orders", "60"]);
    let order = [20, 19, 18, 21]
        .iter()
        .find_map(|step| {
            let found = desk.read(&["order", "list", "--step", &step.to_string()]);
            found["orders"][0]["number"].as_str().map(str::to_string)
        })
        .unwrap_or_else(|| panic!("the demo has an order past provisioning"));
    desk.accept(
        "diego.rojas",
        &[
            "doc",
            "generate",
            "welcome_kit",
            "--order",
            &order,
            "-o",
            "kit.pdf",
        ],
    );
    let path = desk.dir().join("kit.pdf");
    assert!(page_count(&path) <= 3, "{} pages", page_count(&path));
    let flowing = pdftotext(&path)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Estimado/a",
        "Contenido",
        "La recibirá por SMS al celular del representante legal",
        "Si no la recibe, comuníquese con la mesa de ayuda, al +595 21 219 0000.",
        "Cómo abrir un ticket",
        "Tiempos de respuesta según la severidad",
        "1 hora, todos los días",
        "https://tbo.example.com.py",
        "Ejecutivo comercial",
    ] {
        assert!(
            flowing.contains(expected),
            "«{expected}» is not in:\n{flowing}"
        );
    }
    assert!(!flowing.contains('—'), "{flowing}");
}
