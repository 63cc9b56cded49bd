//! Renders every demonstration document into a folder: `cargo run -p nimbo-docs --example
//! render -- OUT_DIR`.

use std::path::PathBuf;

use nimbo_docs::{Document, samples};

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
    Ok(())
}
