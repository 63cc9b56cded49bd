//! The templates' editions: a snapshot of the first edition keeps its JSON and its layout
//! (the full hash in the footer), and the second edition reads as issue 14 asks — the
//! Welcome KIT in at most three pages with a contents list whose pages are right, each
//! fact said once, acronyms spelled out at first use, no dash for a missing datum; the
//! acts naming their contract, offer and SOW, from when billing runs, with lined room for
//! observations and each signer's name, title and C.I.

use nimbo_docs::marks::Mark;
use nimbo_docs::{Document, TemplateVersion, fonts, samples};

use crate::support::{all_text, page_text, squash, write};

fn reads(text: &str, expected: &[&str]) {
    let text = squash(text);
    for e in expected {
        assert!(text.contains(&squash(e)), "{e:?} is not in\n{text}");
    }
}

fn lacks(text: &str, unexpected: &[&str]) {
    let text = squash(text);
    for u in unexpected {
        assert!(!text.contains(u), "{u:?} should not be in\n{text}");
    }
}

#[test]
fn a_first_edition_snapshot_keeps_its_json_and_names_no_edition() {
    let first = serde_json::to_value(Document::WelcomeKit(samples::welcome_kit_first())).unwrap();
    for key in ["template", "recipient", "ticket", "response_times"] {
        assert!(first.get(key).is_none(), "{key} is written: {first}");
    }
    assert!(first["mco"].get("password_delivery").is_none());
    let act = serde_json::to_value(Document::AcceptanceAct(samples::acceptance_act_first(
        false,
    )))
    .unwrap();
    assert!(act.get("template").is_none() && act.get("basis").is_none());

    let second = serde_json::to_value(Document::WelcomeKit(samples::welcome_kit())).unwrap();
    assert_eq!(second["template"], 2);
    let back: Document = serde_json::from_value(second).unwrap();
    let Document::WelcomeKit(kit) = back else {
        panic!("a KIT")
    };
    assert_eq!(kit.template, TemplateVersion::CURRENT);
}

#[test]
fn the_first_edition_prints_the_whole_hash_and_the_second_a_short_code() {
    let first = write(&Document::WelcomeKit(samples::welcome_kit_first()));
    let text = squash(&page_text(&first.path, 1));
    assert!(text.contains(&first.rendered.snapshot_sha256), "{text}");

    for doc in [
        Document::WelcomeKit(samples::welcome_kit()),
        Document::AcceptanceAct(samples::acceptance_act(false)),
        Document::RiskAct(samples::risk_act()),
    ] {
        let disk = write(&doc);
        let hash = &disk.rendered.snapshot_sha256;
        let code = format!(
            "Código de verificación {}·{}",
            hash[..4].to_uppercase(),
            hash[4..8].to_uppercase()
        );
        for page in 1..=disk.rendered.pages {
            let text = squash(&page_text(&disk.path, page));
            assert!(text.contains(&code), "{code:?} is not in\n{text}");
            assert!(!text.contains(hash.as_str()), "the whole hash is printed");
        }
        // The QR code's text and /Keywords still carry the whole hash.
        assert_eq!(
            nimbo_docs::qr::find_payload(&disk.rendered.pdf).as_deref(),
            Some(disk.rendered.qr_payload.as_str())
        );
        assert!(disk.rendered.qr_payload.ends_with(hash.as_str()));
    }
}

#[test]
fn the_welcome_kit_fits_three_pages_with_a_contents_list_whose_pages_are_right() {
    let disk = write(&Document::WelcomeKit(samples::welcome_kit()));
    assert!(disk.rendered.pages <= 3, "{} pages", disk.rendered.pages);
    let layout = std::process::Command::new("pdftotext")
        .args(["-layout", "-f", "1", "-l", "1", "-enc", "UTF-8"])
        .arg(&disk.path)
        .arg("-")
        .output()
        .unwrap();
    let cover = String::from_utf8(layout.stdout).unwrap();
    for (i, section) in nimbo_docs::templates::welcome_kit::SECTIONS
        .iter()
        .enumerate()
    {
        let heading = format!("{}. {section}", i + 1);
        let on = (1..=disk.rendered.pages)
            .find(|p| {
                page_text(&disk.path, *p)
                    .lines()
                    .any(|l| l.trim() == heading)
            })
            .unwrap_or_else(|| panic!("{heading:?} is on no page"));
        let listed = cover
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}.", i + 1)) && l.contains(section))
            .unwrap_or_else(|| panic!("{section:?} is not in the contents:\n{cover}"));
        let page: usize = listed
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page number in {listed:?}"));
        assert_eq!(
            page, on,
            "{section}: listed on page {page}, printed on {on}"
        );
    }
}

#[test]
fn the_welcome_kit_says_each_thing_once_in_the_customers_words() {
    let disk = write(&Document::WelcomeKit(samples::welcome_kit()));
    let text = squash(&all_text(&disk.path, disk.rendered.pages));
    reads(
        &text,
        &[
            "Estimado/a Ana Beatriz Ocampos:",
            "Contenido",
            "no incluyen el IVA del 10 %, que se suma a cada cargo.",
            "Servicios administrados: 15 % del consumo mensual, con un mínimo de USD 75,00.",
            "Su servicio se gestiona desde el Multi Cloud Orchestrator (MCO)",
            "La recibirá por SMS al celular del representante legal, dentro de las 24 horas siguientes a la entrega.",
            "Si no la recibe, comuníquese con la mesa de ayuda, al 0800 11 2020 (opción 3: nube).",
            "Cómo abrir un ticket",
            "indicando el ID de la cuenta de AWS",
            "Tiempos de respuesta según la severidad",
            "Crítica",
            "1 hora, todos los días",
            "4 horas hábiles",
            "1 día hábil",
            "Gestor del pedido",
            "Ejecutivo comercial",
            "Ciclo 15. Cada período va del día 15 de un mes al día 14 del mes siguiente, ambos inclusive; se factura una vez cerrado.",
            "TBO, la plataforma de autogestión de facturas (https://tbo.telecom.example.com.py)",
            "Atentamente,",
        ],
    );
    lacks(
        &text,
        &[
            "—",
            "USD 500",
            "Order Manager",
            "(KAM)",
            "Gerente de cuenta",
            "se cierra el día 15",
            "Estimado cliente",
        ],
    );
    // Said once: IVA, the delivery date, and each acronym spelled out before any use.
    assert_eq!(text.matches("IVA").count(), 1, "IVA: {text}");
    assert_eq!(text.matches("24/11/2026").count(), 1, "the delivery date");
    assert_eq!(text.matches("FECHA DE ENTREGA").count(), 1);
    assert!(!text.contains("Fecha de entrega"));
    assert_eq!(text.matches("Multi Cloud Orchestrator").count(), 1);
    assert_eq!(text.matches("TBO").count(), 1);
    let body = text
        .split("Multi Cloud Orchestrator (MCO)")
        .next()
        .unwrap_or_default();
    assert!(
        !body.contains("MCO"),
        "MCO is used before it is spelled out"
    );
}

#[test]
fn a_missing_phone_or_address_is_left_out_not_dashed() {
    let mut kit = samples::welcome_kit();
    kit.customer.address = String::new();
    for e in &mut kit.escalation {
        e.phone = String::new();
    }
    kit.kam.phone = None;
    kit.recipient = None;
    kit.ticket = None;
    kit.response_times.clear();
    kit.mco.password_delivery = None;
    let disk = write(&Document::WelcomeKit(kit));
    let text = squash(&all_text(&disk.path, disk.rendered.pages));
    lacks(
        &text,
        &[
            "—",
            "DIRECCIÓN",
            "Cómo abrir un ticket",
            "Tiempos de respuesta",
            "+595 981 123 456",
        ],
    );
    reads(
        &text,
        &["Estimados señores:", "La recibirá por un canal separado."],
    );
}

#[test]
fn the_acceptance_act_names_its_contract_offer_and_sow_and_from_when_billing_runs() {
    let disk = write(&Document::AcceptanceAct(samples::acceptance_act(false)));
    let text = squash(&all_text(&disk.path, disk.rendered.pages));
    reads(
        &text,
        &[
            "En Asunción, el 26/11/2026, Cooperativa Multiactiva Ñandutí Ltda. (RUC 80098765-1)",
            "Documentos de referencia",
            "Contrato Marco de Soluciones",
            "N.º CMS-2026-0456, firmado el 02/10/2026",
            "Oferta",
            "N.º 0065f00000XyZabcDE",
            "Alcance del trabajo (SOW)",
            "SOW-Nanduti-nube.pdf, registrado el 20/10/2026",
            "Fecha de entrega",
            "24/11/2026",
            "La facturación rige desde el 16/11/2026, fecha de activación del servicio.",
            "Observaciones",
            "EL CLIENTE",
            "EL PROVEEDOR",
            "Ana Beatriz Ocampos",
            "Presidenta del Consejo de Administración",
            "C.I. N.º 1.234.567",
            "Sebastián Núñez Acuña",
            "Gestor del pedido",
            "C.I. N.º ____",
            "Fecha: ____ / ____ / ________",
        ],
    );
    lacks(&text, &["—", "Order Manager"]);
}

#[test]
fn the_acts_leave_ruled_lines_for_observations() {
    for doc in [
        Document::AcceptanceAct(samples::acceptance_act(false)),
        Document::RiskAct(samples::risk_act()),
    ] {
        let layout = doc.layout(fonts().unwrap()).unwrap();
        let (page, top) = layout
            .pages
            .iter()
            .enumerate()
            .find_map(|(i, p)| {
                p.texts()
                    .find(|t| t.text == "Observaciones")
                    .map(|t| (i, t.bottom))
            })
            .expect("an Observaciones heading");
        let body_width = layout.geometry.right - layout.geometry.left;
        let lines = layout.pages[page]
            .body
            .iter()
            .filter(|m| match m {
                Mark::Rule { x1, x2, y1, .. } => *y1 > top + 8.0 && (x2 - x1) >= body_width - 0.5,
                _ => false,
            })
            .count();
        // The heading's own hairline, the lines to write on, and none of the signatures'
        // (which are half the width).
        assert!(lines >= 4, "{} ruled lines under Observaciones", lines);
    }
}

#[test]
fn the_risk_act_names_its_contract_and_offer_and_the_kam_signs_with_a_title() {
    let disk = write(&Document::RiskAct(samples::risk_act()));
    let text = squash(&all_text(&disk.path, disk.rendered.pages));
    reads(
        &text,
        &[
            "N.º CMS-2026-0456, firmado el 02/10/2026",
            "N.º 0065f00000XyZabcDE",
            "Riesgos aceptados",
            "Observaciones",
            "María José Benítez",
            "Ejecutivo comercial",
            "C.I. N.º 1.234.567",
        ],
    );
    lacks(&text, &["Alcance del trabajo", "La facturación rige"]);
}
