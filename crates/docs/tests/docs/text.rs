//! What a customer reads: pdftotext gives back every line layout placed, on its page,
//! with accents, ñ, the customer's data and "Página X de Y" exactly.

use nimbo_docs::{Document, fonts, samples};

use crate::support::{all_samples, all_text, page_text, squash, write};

#[test]
fn every_line_laid_out_is_in_the_pdf_text_of_its_page() {
    for (name, doc) in all_samples() {
        let layout = doc.layout(fonts().unwrap()).unwrap();
        let disk = write(&doc);
        assert_eq!(disk.rendered.pages, layout.pages.len(), "{name}");
        for (i, page) in layout.pages.iter().enumerate() {
            let text = squash(&page_text(&disk.path, i + 1));
            for mark in page.texts() {
                assert!(
                    text.contains(&squash(&mark.text)),
                    "{name}, page {}: {:?} is not in\n{text}",
                    i + 1,
                    mark.text
                );
            }
            let footer = format!("Página {} de {}", i + 1, layout.pages.len());
            assert!(text.contains(&footer), "{name}: {footer}");
        }
    }
}

fn assert_reads(text: &str, expected: &[&str]) {
    let text = squash(text);
    for e in expected {
        assert!(text.contains(&squash(e)), "{e:?} is not in\n{text}");
    }
}

#[test]
fn a_first_edition_welcome_kit_still_reads_as_it_was_issued() {
    let kit = samples::welcome_kit_first();
    let disk = write(&Document::WelcomeKit(kit.clone()));
    assert_eq!(disk.rendered.pages, 4);
    let text = all_text(&disk.path, disk.rendered.pages);
    assert_reads(
        &text,
        &[
            "Telecom B2B Cloud S.A.",
            "RUC 80012345-6",
            "WELCOME KIT",
            "N.º KIT-7K3F-000123 · versión 1",
            "Cooperativa Multiactiva Ñandutí Ltda.",
            "80098765-1",
            "Av. Mariscal López 1234 c/ Gral. Aquino, Asunción",
            "Corporativo",
            "24/11/2026",
            "Estimado cliente:",
            "Telecom B2B Cloud S.A. le da la bienvenida a su servicio de nube en Amazon Web Services.",
            "1. Planes contratados",
            "Tigo Cloud AWS Serv. Adm. VIP",
            "Según consumo",
            "Mínimo USD 75,00 / mes",
            "USD 50,00 / hora",
            "USD 75,00 / hora",
            "Tigo Cloud AWS Serv. Prof. Hora no Hábil",
            "2. Cuentas de AWS",
            "123456789012",
            "210987654321",
            "Producción: sistema de gestión de socios",
            "3. Acceso a la consola MCO",
            "https://mco.telecom.example.com.py/console",
            "admin.80098765",
            "la contraseña no figura en este documento",
            "4. Soporte técnico y escalamiento",
            "Mesa de ayuda telefónica",
            "0800 11 2020 (opción 3: nube)",
            "Escalamiento",
            "Jorge Cáceres",
            "Gerente de servicios de nube",
            "5. Facturación",
            "Ciclo 15: cada período va del día 15 de un mes al día 14 del mes siguiente, ambos inclusive; el consumo se cierra el día 15.",
            "100200300",
            "Cómo obtener sus facturas",
            "Cada mes puede descargar su factura en la plataforma de autogestión TBO, en «Mis facturas».",
            "Multi Cloud Orchestrator",
            "6. Sus contactos",
            "María José Benítez",
            "mbenitez@telecom.example.com.py",
            "Sebastián Núñez Acuña",
            "+595 971 654 321",
            "7. Fecha de entrega",
            "El servicio fue entregado el 24 de noviembre de 2026, con el pedido N.º 7K3F-000123.",
            "Emitido el 26/11/2026 10:15 (hora de Asunción)",
            &disk.rendered.snapshot_sha256,
        ],
    );
    assert!(!text.to_lowercase().contains("contraseña:"));
    for page in 1..=4 {
        assert!(page_text(&disk.path, page).contains(&format!("Página {page} de 4")));
    }
}

#[test]
fn a_first_edition_acceptance_act_still_states_what_was_delivered_and_who_signs() {
    let disk = write(&Document::AcceptanceAct(samples::acceptance_act_first(
        false,
    )));
    let text = all_text(&disk.path, disk.rendered.pages);
    assert_reads(
        &text,
        &[
            "Acta de aceptación del servicio",
            "SERVICIO DE NUBE AWS · PEDIDO N.º 7K3F-000123",
            "En Asunción, a los 26 días del mes de noviembre de 2026, Cooperativa Multiactiva Ñandutí Ltda. (RUC 80098765-1), en adelante «el Cliente», y Telecom B2B Cloud S.A. (RUC 80012345-6), en adelante «el Proveedor», dejan constancia de la entrega y aceptación del servicio que se detalla a continuación.",
            "Servicio entregado",
            "123456789012 (producción) y 210987654321 (desarrollo y pruebas)",
            "Fecha de entrega",
            "24 de noviembre de 2026",
            "Declaración de aceptación",
            "El Cliente declara que recibió el servicio descrito el 24 de noviembre de 2026, que lo verificó y que funciona conforme a lo contratado.",
            "REPRESENTANTE LEGAL DEL CLIENTE",
            "Ana Beatriz Ocampos",
            "Presidenta del Consejo de Administración",
            "C.I. N.º 1.234.567",
            "Por Cooperativa Multiactiva Ñandutí Ltda.",
            "GESTOR DEL PEDIDO",
            "Sebastián Núñez Acuña",
            "Por Telecom B2B Cloud S.A.",
            "Fecha: ____ / ____ / ________",
            "Página 1 de 1",
        ],
    );
}

#[test]
fn a_signed_act_shows_each_drawn_signature_with_its_time() {
    let disk = write(&Document::AcceptanceAct(samples::acceptance_act_first(
        true,
    )));
    let text = all_text(&disk.path, disk.rendered.pages);
    assert_reads(
        &text,
        &[
            "Firmado el 27/11/2026 14:42 (hora de Asunción)",
            "Firmado el 27/11/2026 14:45 (hora de Asunción)",
        ],
    );
    assert!(!text.contains("Fecha: ____"));
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&disk.path)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&images.stdout);
    // The logo and two signatures, each an image with its transparency mask.
    let kinds: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "image").count(),
        3,
        "{listing}"
    );
    assert_eq!(
        kinds.iter().filter(|k| **k == "smask").count(),
        3,
        "{listing}"
    );
}

#[test]
fn the_risk_act_lists_each_risk_with_what_it_means() {
    let disk = write(&Document::RiskAct(samples::risk_act_first()));
    let text = all_text(&disk.path, disk.rendered.pages);
    assert_reads(
        &text,
        &[
            "Acta de aceptación de riesgos AWS",
            "Riesgos aceptados",
            "Sin política de respaldo (backup)",
            "Una sola zona de disponibilidad",
            "Datos almacenados fuera del Paraguay",
            "Cuenta raíz sin MFA",
            "Costo variable por uso (pay per use)",
            "La cuenta raíz de AWS no tiene autenticación de múltiples factores.",
            "Otros riesgos declarados",
            "El Cliente administra por su cuenta las claves de acceso de sus desarrolladores externos y no las rota periódicamente.",
            "Declaración del Cliente",
            "acepta esos riesgos de forma expresa y asume las consecuencias que de ellos pudieran derivarse",
            "Ana Beatriz Ocampos",
        ],
    );
}

#[test]
fn the_certificate_lists_signers_events_and_both_hashes() {
    let cert = samples::certificate();
    let disk = write(&Document::Certificate(cert.clone()));
    assert_eq!(disk.rendered.pages, 1);
    let text = all_text(&disk.path, disk.rendered.pages);
    assert_reads(
        &text,
        &[
            "Certificado de finalización",
            "Acta de aceptación del servicio · N.º ACT-7K3F-000123 · versión 1",
            "2 de 2 firmantes",
            "Firmantes",
            "Ana Beatriz Ocampos",
            "aocampos@nanduti.example.com.py",
            "Firma en persona",
            "27/11/2026 14:42",
            "Registro de eventos",
            "26/11/2026 10:15",
            "Emitido",
            "Enviado",
            "Por correo electrónico a aocampos@nanduti.example.com.py",
            "En persona, en la oficina del cliente",
            "Huellas SHA-256",
            &cert.original_sha256,
            cert.final_sha256.as_deref().unwrap(),
        ],
    );
}
