//! The documents of a service's life after onboarding as a customer reads them: the
//! penalty table with each service's clause charge and residual investment explained and
//! totalled, the termination confirmation with its debt situation and the systems that
//! carried it out, the suspension notice with the overdue invoices and what suspension
//! means, the reconnection notice with the payment confirmed; dates dd/mm/aaaa, money
//! `USD 1.234,57`; the same snapshot gives the same bytes, in this process and another;
//! every page stays inside its margins and renders.

use std::path::PathBuf;
use std::process::Command;

use nimbo_docs::marks::Mark;
use nimbo_docs::style::Geometry;
use nimbo_docs::{
    DebtSituation, Fonts, Layout, PenaltyTable, ReconnectionNotice, Rendered, SuspensionNotice,
    TerminationConfirmation, fonts, render_penalty_table, render_reconnection_notice,
    render_suspension_notice, render_termination_confirmation, samples,
};
use rust_decimal::Decimal;

use crate::support::{all_text, page_text, squash};

/// One of the four documents, whichever it is.
enum Sample {
    Penalty(PenaltyTable),
    Confirmation(TerminationConfirmation),
    Suspension(SuspensionNotice),
    Reconnection(ReconnectionNotice),
}

impl Sample {
    fn render(&self) -> Rendered {
        match self {
            Sample::Penalty(d) => render_penalty_table(d),
            Sample::Confirmation(d) => render_termination_confirmation(d),
            Sample::Suspension(d) => render_suspension_notice(d),
            Sample::Reconnection(d) => render_reconnection_notice(d),
        }
        .unwrap()
    }

    fn render_with(&self, fonts: &Fonts) -> Rendered {
        match self {
            Sample::Penalty(d) => d.render_with(fonts),
            Sample::Confirmation(d) => d.render_with(fonts),
            Sample::Suspension(d) => d.render_with(fonts),
            Sample::Reconnection(d) => d.render_with(fonts),
        }
        .unwrap()
    }

    fn layout(&self) -> Layout {
        let f = fonts().unwrap();
        match self {
            Sample::Penalty(d) => d.layout(f),
            Sample::Confirmation(d) => d.layout(f),
            Sample::Suspension(d) => d.layout(f),
            Sample::Reconnection(d) => d.layout(f),
        }
        .unwrap()
    }

    fn snapshot_json(&self) -> String {
        match self {
            Sample::Penalty(d) => d.snapshot_json(),
            Sample::Confirmation(d) => d.snapshot_json(),
            Sample::Suspension(d) => d.snapshot_json(),
            Sample::Reconnection(d) => d.snapshot_json(),
        }
        .unwrap()
    }
}

/// Every demonstration document of the service's life, with a short name.
fn all() -> Vec<(&'static str, Sample)> {
    vec![
        (
            "penalty-table",
            Sample::Penalty(samples::penalty_table(false)),
        ),
        (
            "penalty-table-signed",
            Sample::Penalty(samples::penalty_table(true)),
        ),
        (
            "termination-confirmation",
            Sample::Confirmation(samples::termination_confirmation()),
        ),
        (
            "termination-confirmation-partial",
            Sample::Confirmation(samples::termination_confirmation_partial()),
        ),
        (
            "suspension-notice",
            Sample::Suspension(samples::suspension_notice()),
        ),
        (
            "suspension-notice-24-invoices",
            Sample::Suspension(samples::suspension_notice_of(24)),
        ),
        (
            "reconnection-notice",
            Sample::Reconnection(samples::reconnection_notice()),
        ),
    ]
}

/// A rendered document written to a temporary folder.
struct OnDisk {
    dir: tempfile::TempDir,
    path: PathBuf,
    rendered: Rendered,
}

fn write(sample: &Sample) -> OnDisk {
    let rendered = sample.render();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, &rendered.pdf).unwrap();
    OnDisk {
        dir,
        path,
        rendered,
    }
}

fn text_of(sample: Sample) -> String {
    let disk = write(&sample);
    all_text(&disk.path, disk.rendered.pages)
}

fn reads(text: &str, expected: &[&str]) {
    let text = squash(text);
    for e in expected {
        assert!(text.contains(&squash(e)), "{e:?} is not in\n{text}");
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_contract_of_24_months_terminated_after_11_owes_13_months_of_residual_investment() {
    let t = samples::penalty_table(false);
    let vip = &t.rows[0];
    assert_eq!(vip.months_remaining, 13);
    // 9.600,00 × 13 ÷ 24 = 5.200,00; three fees of 450,00 = 1.350,00.
    assert_eq!(
        t.contract.installation_investment.unwrap() * d("13") / d("24"),
        vip.residual_investment
    );
    assert_eq!(vip.total(), d("6550.00"));
    assert_eq!(t.charges_total(), d("7750.00"));
    assert_eq!(t.instalments_total(), d("800.00"));
    assert_eq!(t.total(), d("8550.00"));
}

#[test]
fn the_penalty_table_reads_each_service_its_explanations_the_unpaid_instalments_and_the_totals() {
    let text = text_of(Sample::Penalty(samples::penalty_table(false)));
    reads(
        &text,
        &[
            "Tabla de penalidades",
            "SUSCRIPCIÓN 1-7K3F001",
            "Cooperativa Multiactiva Ñandutí Ltda.",
            "RUC 80098765-1",
            "100200300",
            "15/01/2027",
            // The contract's term and clause in words.
            "24 meses, del 15/02/2026 al 14/02/2028",
            "Tres cuotas mensuales de cada plan dado de baja",
            "USD 9.600,00, pagadera en 24 cuotas",
            // One row per service, each figure with its explanation.
            "Tigo Cloud AWS Serv. Adm. VIP",
            "Cláusula: 3 cuotas × 450,00 = 1.350,00",
            "Inversión residual: 9.600,00 × 13 meses restantes ÷ 24 meses del plazo = 5.200,00",
            "USD 6.550,00",
            "Tigo Cloud AWS Serv. Prof. Hora Hábil",
            "Inversión residual: este plan no tiene inversión de instalación",
            "Total por terminación anticipada",
            "USD 2.550,00",
            "USD 5.200,00",
            "USD 7.750,00",
            // The unpaid instalments.
            "Cuota 9 de 24",
            "15/10/2026",
            "Total de cuotas impagas",
            "USD 800,00",
            "Total a pagar: USD 8.550,00",
            // Received and signed for by the customer's representative.
            "Ana Beatriz Ocampos, representante legal de Cooperativa Multiactiva Ñandutí Ltda., firma en constancia de haber recibido esta tabla de penalidades. Asunción, 26/11/2026.",
            "C.I. N.º 1.234.567",
            "María José Benítez",
            "Por Telecom B2B Cloud S.A.",
        ],
    );
    assert!(!text.contains('—'));
}

#[test]
fn a_penalty_table_without_unpaid_instalments_has_no_such_section() {
    let mut t = samples::penalty_table(false);
    t.unpaid_instalments.clear();
    let text = text_of(Sample::Penalty(t));
    reads(
        &text,
        &["Total a pagar por la terminación anticipada: USD 7.750,00."],
    );
    assert!(!text.contains("Cuotas de instalación impagas"));
}

#[test]
fn a_signed_penalty_table_shows_when_each_party_signed() {
    let text = text_of(Sample::Penalty(samples::penalty_table(true)));
    reads(&text, &["Firmado el 27/11/2026 14:42 (hora de Asunción)"]);
}

#[test]
fn a_total_termination_with_debt_names_the_three_authorisations_and_the_systems_records() {
    let text = text_of(Sample::Confirmation(samples::termination_confirmation()));
    reads(
        &text,
        &[
            "Confirmación de baja",
            "la baja de todos los servicios de su contrato, que su representante legal solicitó por nota recibida el 24/11/2026. La baja rige desde el 15/01/2027.",
            "Baja total: terminan todos los servicios del contrato.",
            "Tigo Cloud AWS Serv. Adm. VIP y Tigo Cloud AWS Serv. Prof. Hora Hábil",
            "123456789012 y 210987654321",
            // The debt, and who authorised leaving it unpaid, when and why.
            "con una deuda pendiente de USD 3.762,64",
            "Gerente de créditos",
            "Ricardo Villalba",
            "08/01/2027 09:10",
            "Deuda en gestión de cobro judicial; no bloquea la baja.",
            "Gerente comercial",
            "Claudia Giménez",
            "Ofertas",
            "Gustavo Ramírez",
            "Sin objeciones comerciales.",
            // The letter by its hash, and the systems' records in Asunción's time.
            "Firmada por Ana Beatriz Ocampos, recibida el 24/11/2026",
            "3f2a9c1b 77e04d5a 8c6b19e2 f0a4d7c3",
            "Servicios dados de baja el 15/01/2027 10:05; cambio N.º 1-9XK4T2",
            "N.º WO0048213, abierta el 15/01/2027 11:20",
            "EL CLIENTE",
            "EL PROVEEDOR",
        ],
    );
    assert!(!text.contains('—'));
}

#[test]
fn a_partial_termination_names_what_ends_and_carries_its_debt_to_the_next_invoice() {
    let text = text_of(Sample::Confirmation(
        samples::termination_confirmation_partial(),
    ));
    reads(
        &text,
        &[
            "la baja del plan Tigo Cloud AWS Serv. Prof. Hora Hábil y la cuenta AWS 210987654321",
            "Parcial",
            "los demás servicios de la suscripción continúan",
            "USD 1.200,00, se suma a su próxima factura",
        ],
    );
    assert!(!text.contains("Gerente de créditos"));
    assert!(!text.contains("Tigo Cloud AWS Serv. Adm. VIP"));
}

#[test]
fn a_termination_without_debt_says_so_with_the_day_it_was_confirmed() {
    let c = TerminationConfirmation {
        debt: DebtSituation::Paid {
            confirmed_on: "2027-01-05".parse().unwrap(),
        },
        ..samples::termination_confirmation()
    };
    let text = text_of(Sample::Confirmation(c));
    reads(
        &text,
        &[
            "Sin deuda: todas las facturas y cuotas de instalación están pagadas, según confirmó el Ejecutivo de Servicios B2B el 05/01/2027.",
        ],
    );
    assert!(!text.contains("Autoriza"));
}

#[test]
fn the_suspension_notice_lists_the_overdue_invoices_the_date_and_how_to_pay() {
    let notice = samples::suspension_notice();
    assert_eq!(notice.total_debt(), d("6362.64"));
    let text = text_of(Sample::Suspension(notice));
    reads(
        &text,
        &[
            "Aviso de suspensión del servicio",
            "Asunción, 26/11/2026",
            "Ana Beatriz Ocampos",
            "Representante legal",
            "tiene 2 facturas vencidas hace más de 30 días, por un total de USD 6.362,64",
            "Si el pago no se registra antes del 10/12/2026, ese día se suspenderá",
            "001-002-0004776",
            "10/09/2026",
            "77",
            "USD 2.870,15",
            "001-002-0004873",
            "10/10/2026",
            "47",
            "USD 3.492,49",
            "Total de la deuda vencida",
            "sus cuentas AWS 123456789012 y 210987654321 queda restringido en el Multi Cloud Orchestrator (MCO)",
            "El consumo de AWS durante la suspensión se sigue facturando",
            "aviso de reconexión",
            "cuenta corriente N.º 12-345678/9",
            "Si ya realizó el pago, envíe el comprobante a su ejecutivo comercial",
            "mbenitez@telecom.example.com.py",
            "+595 21 200 2000",
            "portal de autogestión (TBO): https://tbo.telecom.example.com.py",
            "Atentamente,",
        ],
    );
    assert!(!text.contains('—'));
}

#[test]
fn a_notice_leaves_out_the_support_channels_the_organisation_has_not_set() {
    let mut notice = samples::suspension_notice();
    notice.support = nimbo_docs::SupportContact::default();
    let text = text_of(Sample::Suspension(notice));
    assert!(text.contains("Su ejecutivo comercial"));
    assert!(!text.contains("Soporte corporativo"));
    assert!(!text.contains("TBO):"));
}

#[test]
fn twenty_four_overdue_invoices_run_over_pages_with_the_header_on_each() {
    let notice = samples::suspension_notice_of(24);
    let disk = write(&Sample::Suspension(notice.clone()));
    assert!(disk.rendered.pages >= 2);
    let text = squash(&all_text(&disk.path, disk.rendered.pages));
    for i in &notice.invoices {
        assert!(text.contains(&i.number), "{} is missing", i.number);
    }
    let with_header = (1..=disk.rendered.pages)
        .filter(|p| page_text(&disk.path, *p).contains("N.º de factura"))
        .count();
    assert!(with_header >= 2, "the header is on {with_header} pages");
    assert!(text.contains("tiene 24 facturas vencidas"));
    // The sign-off keeps company: it never stands alone on a page.
    let last = squash(&page_text(&disk.path, disk.rendered.pages));
    assert!(last.contains("Su ejecutivo comercial") && last.contains("Atentamente,"));
}

#[test]
fn the_reconnection_notice_names_the_payment_and_says_the_service_is_active_again() {
    let text = text_of(Sample::Reconnection(samples::reconnection_notice()));
    reads(
        &text,
        &[
            "Aviso de reconexión del servicio",
            "Asunción, 13/12/2026",
            "confirmamos su pago de USD 6.362,64 y que el 13/12/2026 reconectamos el servicio",
            "el servicio está activo nuevamente",
            "sus cuentas AWS 123456789012 y 210987654321 ya no tiene restricciones",
            "Activo",
            "12/12/2026",
            "Transferencia N.º 20261212-88431",
            "suspendido desde el 10/12/2026",
            "Atentamente,",
        ],
    );
    assert!(!text.contains('—'));
}

#[test]
fn every_page_has_the_evidence_of_every_document() {
    for (name, sample) in all() {
        let disk = write(&sample);
        let r = &disk.rendered;
        let hash = &r.snapshot_sha256;
        let code = format!(
            "Código de verificación {}·{}",
            hash[..4].to_uppercase(),
            hash[4..8].to_uppercase()
        );
        for page in 1..=r.pages {
            let text = page_text(&disk.path, page);
            assert!(text.contains(&code), "{name} page {page}: no {code:?}");
            assert!(text.contains("versión 1"), "{name} page {page}: no version");
        }
        assert_eq!(
            nimbo_docs::qr::find_payload(&r.pdf).as_deref(),
            Some(r.qr_payload.as_str()),
            "{name}"
        );
        assert!(r.qr_payload.ends_with(hash.as_str()), "{name}");
    }
}

#[test]
fn the_same_snapshot_gives_the_same_bytes_and_its_kept_json_renders_them_again() {
    let own = Fonts::load().unwrap();
    for (name, sample) in all() {
        let a = sample.render();
        let b = sample.render();
        assert!(a.pdf == b.pdf, "{name}: twice in one process");
        assert!(a.pdf == sample.render_with(&own).pdf, "{name}: other fonts");
        let json = sample.snapshot_json();
        let kind = name.split('-').take(2).collect::<Vec<_>>().join("_");
        assert!(json.contains(&format!(r#""kind":"{kind}""#)), "{json}");
        let again = match &sample {
            Sample::Penalty(_) => Sample::Penalty(serde_json::from_str(&json).unwrap()),
            Sample::Confirmation(_) => Sample::Confirmation(serde_json::from_str(&json).unwrap()),
            Sample::Suspension(_) => Sample::Suspension(serde_json::from_str(&json).unwrap()),
            Sample::Reconnection(_) => Sample::Reconnection(serde_json::from_str(&json).unwrap()),
        };
        assert!(again.render().pdf == a.pdf, "{name}: from its kept JSON");
    }
    // A changed explanation is another snapshot: another hash, other bytes.
    let t = samples::penalty_table(false);
    let mut changed = t.clone();
    changed.rows[0].clause_explanation.push('.');
    let (a, c) = (
        render_penalty_table(&t).unwrap(),
        render_penalty_table(&changed).unwrap(),
    );
    assert_ne!(a.snapshot_sha256, c.snapshot_sha256);
    assert_ne!(a.pdf, c.pdf);
}

const CHILD_DIR: &str = "NIMBO_DOCS_SERVICE_STATUS_TO";

/// The child of `another_process_renders_the_same_bytes`: renders the demonstration
/// documents into the folder it is given, and does nothing otherwise.
#[test]
fn child_renders_the_service_documents_when_asked() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    for (name, sample) in all() {
        let pdf = sample.render().pdf;
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

#[test]
fn another_process_renders_the_same_bytes() {
    let exe = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(&exe)
        .args([
            "--exact",
            "service_status::child_renders_the_service_documents_when_asked",
            "--test-threads=1",
            "--quiet",
        ])
        .env(CHILD_DIR, dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for (name, sample) in all() {
        let there = std::fs::read(dir.path().join(format!("{name}.pdf"))).unwrap();
        assert!(there == sample.render().pdf, "{name}: another process");
    }
}

#[test]
fn every_document_stays_inside_its_margins_and_renders_every_page() {
    let geo = Geometry::A4;
    for (name, sample) in all() {
        let layout = sample.layout();
        for (i, page) in layout.pages.iter().enumerate() {
            for m in &page.body {
                let (l, t, r, b) = m.bounds();
                assert!(
                    l >= geo.left - 0.01 && r <= geo.right + 0.01,
                    "{name} page {}: past a margin: {m:?}",
                    i + 1
                );
                assert!(
                    t >= geo.body_top - 0.01 && b <= geo.body_bottom + 0.01,
                    "{name} page {}: outside the body: {m:?}",
                    i + 1
                );
            }
            assert!(
                page.body.iter().any(|m| matches!(m, Mark::Text(_))),
                "{name} page {} is empty",
                i + 1
            );
        }
        let disk = write(&sample);
        let out = Command::new("pdftoppm")
            .args(["-r", "30", "-png"])
            .arg(&disk.path)
            .arg(disk.dir.path().join("page"))
            .output()
            .expect("pdftoppm (poppler-utils) is installed");
        assert!(out.status.success() && out.stderr.is_empty(), "{name}");
        let pngs = std::fs::read_dir(disk.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
            .count();
        assert_eq!(pngs, disk.rendered.pages, "{name}");
    }
}
