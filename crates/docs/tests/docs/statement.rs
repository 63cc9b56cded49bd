//! The statement as a customer reads it: every charge line with its plan, what it
//! charges for and its explanation, the totals, the consumption per AWS service, the
//! twelve periods of the chart and its table, dates dd/mm/aaaa, money `USD 1.234,57`; the
//! same snapshot gives the same bytes; a statement without consumption and one of thirty
//! lines render, the latter over pages with the table's header on each.

use std::path::PathBuf;
use std::process::Command;

use nimbo_docs::marks::Mark;
use nimbo_docs::style::Geometry;
use nimbo_docs::{Fonts, Rendered, Statement, fonts, render_statement, samples};

use crate::support::{all_text, page_text, squash};

/// A rendered statement written to a temporary folder.
struct OnDisk {
    dir: tempfile::TempDir,
    path: PathBuf,
    rendered: Rendered,
}

fn write(statement: &Statement) -> OnDisk {
    let rendered = render_statement(statement).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.pdf");
    std::fs::write(&path, &rendered.pdf).unwrap();
    OnDisk {
        dir,
        path,
        rendered,
    }
}

fn reads(text: &str, expected: &[&str]) {
    let text = squash(text);
    for e in expected {
        assert!(text.contains(&squash(e)), "{e:?} is not in\n{text}");
    }
}

#[test]
fn the_november_statement_reads_its_lines_explanations_and_totals() {
    let disk = write(&samples::statement());
    let text = all_text(&disk.path, disk.rendered.pages);
    reads(
        &text,
        &[
            "Estado de cuenta",
            "Cooperativa Multiactiva Ñandutí Ltda.",
            "80098765-1",
            "100200300",
            "Del 15/11/2026 al 14/12/2026 (30 días)",
            // Each line: its plan by name, what it charges for, how it was reckoned.
            "Tigo Cloud AWS Serv. Adm. VIP",
            "Servicios administrados",
            "15 % de 2.418,46 = 362,77; mínimo prorrateado 75 × 30/30 = 75,00; se aplica 362,77",
            "Consumo de AWS del período",
            "Uso 2.391,96; compras 100,00; créditos -50,00; reembolsos -23,50; total 2.418,46",
            "Servicios profesionales en horario hábil",
            "6 h 30 min (390 min) × 50,00/h = 325,00",
            "Servicios profesionales fuera del horario hábil",
            "2 h 15 min (135 min) × 75,00/h = 168,75",
            "Ajuste de un período anterior",
            "USD 362,77",
            "USD 36,28",
            "USD 399,05",
            "USD -110,00",
            // The totals: sums of the rounded lines.
            "Total del período",
            "USD 3.174,98",
            "USD 317,51",
            "USD 3.492,49",
            // Consumption per AWS service.
            "Amazon Elastic Compute Cloud",
            "USD 1.412,37",
            "USD -50,00",
            "USD 1.362,37",
            "AWS Support (Business)",
            "Total del consumo",
            "USD 2.491,96",
            "USD -73,50",
            // The chart's months and axis, then the periods' table.
            "dic. 25",
            "oct. 26",
            "nov. 26",
            "4.000",
            "Período de este estado de cuenta",
            "Noviembre de 2026",
            "Diciembre de 2025",
            "Del 15/12/2025 al 14/01/2026",
            "USD 1.872,45",
            "IVA (impuesto al valor agregado)",
            "Amazon Web Services (AWS)",
        ],
    );
    // No dash stands for missing data; the explanations are the run's own words.
    let s = samples::statement();
    let mut rest = squash(&text);
    for line in &s.lines {
        rest = rest.replace(&squash(&line.explanation_es), "");
    }
    assert!(!rest.contains('—'), "a dash in\n{rest}");
    // One subscription: its lines need no name over them.
    assert!(!rest.contains("Suscripción"));
    // The run's short code, and the statement's own in every footer.
    reads(
        &text,
        &[&format!(
            "código {}",
            nimbo_docs::qr::short_code(&s.run_sha256)
        )],
    );
    let hash = &disk.rendered.snapshot_sha256;
    let code = format!(
        "Código de verificación {}·{}",
        hash[..4].to_uppercase(),
        hash[4..8].to_uppercase()
    );
    for page in 1..=disk.rendered.pages {
        reads(&page_text(&disk.path, page), &[&code]);
    }
    assert_eq!(
        nimbo_docs::qr::find_payload(&disk.rendered.pdf).as_deref(),
        Some(disk.rendered.qr_payload.as_str())
    );
    assert!(disk.rendered.qr_payload.ends_with(hash.as_str()));
}

#[test]
fn the_totals_are_the_sums_of_the_rounded_lines_and_the_chart_shows_them() {
    let s = samples::statement();
    let totals = s.totals();
    assert_eq!(totals.net, s.lines.iter().map(|l| l.net).sum());
    assert_eq!(totals.total, totals.net + totals.iva);
    let twelve = s.last_twelve();
    assert_eq!(twelve.len(), 12);
    assert_eq!(twelve[0].0.to_string(), "2025-12");
    let (period, current) = twelve[11].clone();
    assert_eq!(period, s.period);
    let current = current.unwrap();
    assert_eq!(current.charges, totals.total);
    assert_eq!(
        current.consumption,
        s.consumption.iter().map(|c| c.total).sum()
    );
}

#[test]
fn the_same_statement_gives_the_same_bytes_and_its_kept_json_renders_them_again() {
    let s = samples::statement();
    let a = render_statement(&s).unwrap();
    let b = render_statement(&s).unwrap();
    let own = s.render_with(&Fonts::load().unwrap()).unwrap();
    assert!(a.pdf == b.pdf && a.pdf == own.pdf);
    assert_eq!(a.pdf_sha256.len(), 64);

    let json = s.snapshot_json().unwrap();
    assert!(json.contains(r#""kind":"statement""#), "{json}");
    let back: Statement = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.snapshot_sha256().unwrap(), a.snapshot_sha256);
    assert!(render_statement(&back).unwrap().pdf == a.pdf);

    let mut changed = s.clone();
    if let Some(line) = changed.lines.first_mut() {
        line.explanation_es.push('.');
    }
    let c = render_statement(&changed).unwrap();
    assert_ne!(c.snapshot_sha256, a.snapshot_sha256);
    assert_ne!(c.pdf, a.pdf);
}

const CHILD_DIR: &str = "NIMBO_DOCS_STATEMENT_TO";

/// The child of `another_process_renders_the_same_statement_bytes`: renders the sample
/// statement into the folder it is given, and does nothing otherwise.
#[test]
fn child_renders_the_statement_when_asked() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let pdf = render_statement(&samples::statement()).unwrap().pdf;
    std::fs::write(std::path::Path::new(&dir).join("statement.pdf"), pdf).unwrap();
}

#[test]
fn another_process_renders_the_same_statement_bytes() {
    let exe = std::env::current_exe().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(&exe)
        .args([
            "--exact",
            "statement::child_renders_the_statement_when_asked",
            "--test-threads=1",
            "--quiet",
        ])
        .env(CHILD_DIR, dir.path())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let there = std::fs::read(dir.path().join("statement.pdf")).unwrap();
    assert!(there == render_statement(&samples::statement()).unwrap().pdf);
}

#[test]
fn a_statement_without_consumption_says_so_and_still_draws_its_chart() {
    let disk = write(&samples::statement_without_consumption());
    let text = all_text(&disk.path, disk.rendered.pages);
    reads(
        &text,
        &[
            "No se registró consumo de AWS en este período.",
            "mínimo prorrateado 75 × 20/30 = 50,00; se aplica 50,00",
            "USD 55,00",
            "nov. 26",
            "dic. 25",
        ],
    );
    assert!(!text.contains("Total del consumo"));
    assert!(!text.contains('—'));
}

#[test]
fn thirty_lines_run_over_pages_with_the_header_on_each() {
    let s = samples::statement_of_subscriptions(10);
    assert_eq!(s.lines.len(), 30);
    let disk = write(&s);
    assert!(disk.rendered.pages >= 3, "{} pages", disk.rendered.pages);
    let text = squash(&all_text(&disk.path, disk.rendered.pages));
    for line in &s.lines {
        let explanation = squash(&line.explanation_es);
        assert!(text.contains(&explanation), "{explanation:?} is missing");
    }
    let with_header = (1..=disk.rendered.pages)
        .filter(|p| page_text(&disk.path, *p).contains("CONCEPTO Y CÁLCULO"))
        .count();
    assert!(with_header >= 2, "the header is on {with_header} pages");
    // The totals close the table once, after its last line.
    assert_eq!(text.matches("Total del período").count(), 1);
    // Each subscription is named over its lines, and again over the ones a page turn
    // carries on.
    for n in 0..10 {
        let name = format!(
            "Suscripción 1-7K3F{n:03} · cuenta AWS {}",
            123_456_789_012_u64 + n
        );
        assert!(text.contains(&name), "{name:?} is missing");
    }
    assert!(text.matches("Suscripción 1-7K3F").count() > 10);
}

#[test]
fn every_statement_stays_inside_its_margins_and_renders_every_page() {
    let geo = Geometry::A4;
    // A refund larger than the period's charges takes the chart below zero.
    let mut refunded = samples::statement();
    if let Some(last) = refunded.lines.last().cloned() {
        refunded.lines.push(nimbo_domain::billing::ChargeLine {
            net: "-5000.00".parse().unwrap(),
            iva: "-500.00".parse().unwrap(),
            total: "-5500.00".parse().unwrap(),
            explanation_es: "Devolución acordada por una facturación duplicada".into(),
            ..last
        });
    }
    assert!(refunded.totals().total.is_sign_negative());
    for s in [
        samples::statement(),
        samples::statement_without_consumption(),
        samples::statement_of_subscriptions(10),
        refunded,
    ] {
        let layout = s.layout(fonts().unwrap()).unwrap();
        for (i, page) in layout.pages.iter().enumerate() {
            for m in &page.body {
                let (l, t, r, b) = m.bounds();
                assert!(
                    l >= geo.left - 0.01 && r <= geo.right + 0.01,
                    "page {}: past a margin: {m:?}",
                    i + 1
                );
                assert!(
                    t >= geo.body_top - 0.01 && b <= geo.body_bottom + 0.01,
                    "page {}: outside the body: {m:?}",
                    i + 1
                );
            }
            assert!(
                page.body.iter().any(|m| matches!(m, Mark::Text(_))),
                "page {} is empty",
                i + 1
            );
        }

        let disk = write(&s);
        let out = Command::new("pdftoppm")
            .args(["-r", "30", "-png"])
            .arg(&disk.path)
            .arg(disk.dir.path().join("page"))
            .output()
            .expect("pdftoppm (poppler-utils) is installed");
        assert!(out.status.success() && out.stderr.is_empty());
        let pngs = std::fs::read_dir(disk.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
            .count();
        assert_eq!(pngs, disk.rendered.pages);
    }
}
