//! Renders every demonstration document into a folder: `cargo run -p nimbo-docs --example
//! render -- OUT_DIR`.

use std::path::PathBuf;

use nimbo_docs::{Document, render_statement, samples};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "docs-out".into()));
    std::fs::create_dir_all(&out)?;
    let documents = [
        ("welcome-kit", Document::WelcomeKit(samples::welcome_kit())),
        (
            "acceptance-act",
            Document::AcceptanceAct(samples::acceptance_act(false)),
        ),
        (
            "acceptance-act-signed",
            Document::AcceptanceAct(samples::acceptance_act(true)),
        ),
        ("risk-act", Document::RiskAct(samples::risk_act())),
        ("certificate", Document::Certificate(samples::certificate())),
    ];
    for (name, doc) in documents {
        let rendered = doc.render()?;
        let path = out.join(format!("{name}.pdf"));
        std::fs::write(&path, &rendered.pdf)?;
        println!(
            "{} — {} pages, {} bytes, sha256 {}",
            path.display(),
            rendered.pages,
            rendered.pdf.len(),
            rendered.pdf_sha256
        );
    }
    let statements = [
        ("statement", samples::statement()),
        (
            "statement-without-consumption",
            samples::statement_without_consumption(),
        ),
        (
            "statement-30-lines",
            samples::statement_of_subscriptions(10),
        ),
    ];
    for (name, statement) in statements {
        let rendered = render_statement(&statement)?;
        let path = out.join(format!("{name}.pdf"));
        std::fs::write(&path, &rendered.pdf)?;
        println!(
            "{} — {} pages, {} bytes, sha256 {}",
            path.display(),
            rendered.pages,
            rendered.pdf.len(),
            rendered.pdf_sha256
        );
    }
    Ok(())
}
