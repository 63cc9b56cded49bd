//! The layout engine's positions, for random lengths and characters (long names, words
//! without spaces, accents): wrapped text never runs past the margins, nothing of the
//! body reaches the footer, tables repeat their header on every page they reach, and the
//! header and footer never reach into the body.

use nimbo_docs::flow::Flow;
use nimbo_docs::fonts::{Weight, fonts};
use nimbo_docs::marks::{Mark, Page};
use nimbo_docs::measure::text_width;
use nimbo_docs::style::{BODY, CELL_HEAD, Geometry};
use nimbo_docs::table::{Column, Table, draw_table};
use nimbo_docs::wrap::wrap;
use nimbo_docs::{AwsAccount, DeliveredItem, Document, RiskItem, samples};
use proptest::collection::vec;
use proptest::prelude::*;

const EPS: f32 = 0.01;
const GEO: Geometry = Geometry::A4;

/// A word: mostly short with accents and ñ, sometimes a long run without spaces (an
/// URL, an e-mail, a name typed without spaces).
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-zA-Z0-9áéíóúüñÁÉÍÓÚÑ.,;:()«»@/¿?-]{1,12}",
        1 => "[a-zA-Z0-9ñÑáéíóú/._@-]{25,160}",
    ]
}

fn words(range: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    vec(word(), range).prop_map(|w| w.join(" "))
}

fn no_space(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn sorted_chars(text: &str) -> Vec<char> {
    let mut v: Vec<char> = no_space(text).chars().collect();
    v.sort_unstable();
    v
}

/// Every body mark inside the margins and between the header and the footer.
fn body_stays_inside(pages: &[Page]) -> Result<(), TestCaseError> {
    for (i, page) in pages.iter().enumerate() {
        for m in &page.body {
            let (l, t, r, b) = m.bounds();
            prop_assert!(
                l >= GEO.left - EPS && r <= GEO.right + EPS,
                "page {}: past a margin: {m:?}",
                i + 1
            );
            prop_assert!(
                t >= GEO.body_top - EPS,
                "page {}: into the header: {m:?}",
                i + 1
            );
            prop_assert!(
                b <= GEO.body_bottom + EPS,
                "page {}: into the footer: {m:?}",
                i + 1
            );
        }
    }
    Ok(())
}

/// Every frame mark on the page, above the body or below it, never inside.
fn frame_stays_outside_the_body(pages: &[Page]) -> Result<(), TestCaseError> {
    for (i, page) in pages.iter().enumerate() {
        for m in &page.frame {
            let (l, t, r, b) = m.bounds();
            prop_assert!(
                l >= -EPS && r <= GEO.width + EPS,
                "page {}: off the page: {m:?}",
                i + 1
            );
            if let Mark::Text(text) = m {
                prop_assert!(
                    text.x >= GEO.left - EPS && text.right() <= GEO.right + EPS,
                    "page {}: {m:?}",
                    i + 1
                );
            }
            prop_assert!(
                b <= GEO.body_top + EPS
                    || (t >= GEO.body_bottom - EPS && b <= GEO.footer_bottom + EPS),
                "page {}: frame mark in the body: {m:?}",
                i + 1
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn wrapped_lines_fit_their_width_and_keep_every_character(
        text in words(0..60),
        width in 40f32..470.0,
        size in 7f32..22.0,
        bold in any::<bool>(),
    ) {
        let f = fonts().unwrap();
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        let lines = wrap(f, weight, size, &text, width);
        for line in &lines {
            prop_assert!(line.width <= width + EPS, "{line:?} wider than {width}");
            let measured = text_width(f, weight, size, &line.text);
            prop_assert!((line.width - measured).abs() < 0.05, "{line:?} measures {measured}");
            prop_assert!(!line.text.starts_with(' ') && !line.text.ends_with(' '));
        }
        prop_assert_eq!(no_space(&lines.iter().map(|l| l.text.as_str()).collect::<String>()), no_space(&text));
    }

    #[test]
    fn paragraphs_stay_inside_the_margins_on_every_page(
        paragraphs in vec(words(0..120), 1..6),
        start in 0f32..720.0,
    ) {
        let f = fonts().unwrap();
        let mut flow = Flow::new(f, GEO);
        flow.set_y(GEO.body_top + start.min(GEO.body_height() - 1.0));
        for p in &paragraphs {
            flow.paragraph(BODY, p);
            flow.gap(6.0);
        }
        let (pages, _) = flow.finish();
        body_stays_inside(&pages)?;
        let placed: String = pages.iter().flat_map(|p| p.texts()).map(|t| t.text.clone()).collect();
        prop_assert_eq!(no_space(&placed), no_space(&paragraphs.concat()));
    }
}

/// Column shares, rows of cells (empty, short or long) and whether there is a header.
fn table_input() -> impl Strategy<Value = (Vec<f32>, Vec<Vec<String>>, bool)> {
    (1usize..6).prop_flat_map(|cols| {
        let cell = prop_oneof![
            2 => Just(String::new()),
            6 => words(1..6),
            2 => words(20..160),
        ];
        (
            vec(1f32..3.0, cols),
            vec(vec(cell, cols), 0..25),
            any::<bool>(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn tables_stay_in_their_columns_above_the_footer_with_the_header_on_every_page(
        (shares, rows, header) in table_input(),
        start in 0f32..720.0,
    ) {
        let f = fonts().unwrap();
        let columns: Vec<Column> = shares
            .iter()
            .enumerate()
            .map(|(i, s)| Column::new(&format!("Columna {}", i + 1), *s))
            .collect();
        let table = Table { columns, rows: rows.clone(), header };
        let mut flow = Flow::new(f, GEO);
        flow.set_y(GEO.body_top + start.min(GEO.body_height() - 1.0));
        let first_page_before = 0;
        draw_table(&mut flow, &table);
        let (pages, _) = flow.finish();
        body_stays_inside(&pages)?;

        // Each line of text sits inside one column.
        let total: f32 = shares.iter().sum();
        let mut edges = vec![GEO.left];
        for s in &shares {
            let last = *edges.last().unwrap_or(&GEO.left);
            edges.push(last + GEO.body_width() * s / total);
        }
        for page in &pages {
            for t in page.texts() {
                let inside = edges.windows(2).any(|w| t.x >= w[0] - EPS && t.right() <= w[1] + EPS);
                prop_assert!(inside, "{t:?} crosses a column edge {edges:?}");
            }
        }

        // The header opens every page the table reaches.
        if header {
            for (i, page) in pages.iter().enumerate().skip(first_page_before) {
                if page.body.is_empty() {
                    continue;
                }
                let top_text = page.texts().min_by(|a, b| a.top.total_cmp(&b.top));
                prop_assert!(
                    // A narrow column breaks its title inside a word («Column» / «a 1»).
                    top_text.is_some_and(|t| t.style == CELL_HEAD
                        && table.columns.iter().any(|c| c.title.contains(t.text.trim()))),
                    "page {} does not open with the header: it opens with {:?}",
                    i + 1,
                    top_text
                );
            }
        }

        // Every character of every cell is placed, none twice.
        let placed: String = pages
            .iter()
            .flat_map(|p| p.texts())
            .filter(|t| t.style != CELL_HEAD)
            .map(|t| t.text.clone())
            .collect();
        let expected: String = rows.iter().flatten().cloned().collect();
        prop_assert_eq!(sorted_chars(&placed), sorted_chars(&expected));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn documents_with_any_names_keep_body_header_and_footer_apart(
        organisation in words(0..12),
        customer in words(0..30),
        address in words(0..25),
        person in words(1..8),
        long in words(0..200),
        accounts in vec(("[0-9]{12}", words(0..10)), 0..40),
        delivered in vec((words(1..4), words(0..30)), 0..20),
        risks in vec((words(1..8), words(0..60)), 0..15),
    ) {
        let f = fonts().unwrap();
        let mut kit = samples::welcome_kit();
        kit.organisation.name = organisation.clone();
        kit.customer.name = customer.clone();
        kit.customer.address = address.clone();
        kit.kam.name = person.clone();
        kit.mco.console_url = long.clone();
        kit.billing.invoices = long.clone();
        kit.aws_accounts = accounts.iter().map(|(id, d)| AwsAccount { id: id.clone(), description: d.clone() }).collect();

        let mut act = samples::acceptance_act(true);
        act.organisation.name = organisation.clone();
        act.customer.name = customer.clone();
        act.signers[0].name = person.clone();
        act.signers[1].position = Some(long.clone());
        act.observations = Some(long.clone());
        act.delivered = delivered.iter().map(|(c, d)| DeliveredItem { concept: c.clone(), detail: d.clone() }).collect();

        let mut risk = samples::risk_act();
        risk.customer.name = customer.clone();
        risk.risks.extend(risks.iter().map(|(t, d)| RiskItem { code: None, title: t.clone(), description: d.clone() }));
        risk.other_risks = Some(long.clone());

        let mut cert = samples::certificate();
        cert.subject.customer = customer.clone();
        cert.subject.title = long.chars().take(300).collect();

        for doc in [
            Document::WelcomeKit(kit),
            Document::AcceptanceAct(act),
            Document::RiskAct(risk),
            Document::Certificate(cert),
        ] {
            let layout = doc.layout(f).unwrap();
            body_stays_inside(&layout.pages)?;
            frame_stays_outside_the_body(&layout.pages)?;
            let n = layout.pages.len();
            for (i, page) in layout.pages.iter().enumerate() {
                let footer = format!("Página {} de {}", i + 1, n);
                prop_assert!(page.texts().any(|t| t.text == footer), "no {footer}");
            }
        }
    }
}
