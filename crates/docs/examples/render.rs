//! Renders every demonstration document into a folder: `cargo run -p nimbo-docs --example
//! render -- OUT_DIR`.

use std::path::PathBuf;

use nimbo_docs::{
    Document, Rendered, render_penalty_table, render_reconnection_notice, render_statement,
    render_suspension_notice, render_termination_confirmation, samples,
};

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
    let service_status: [(&str, Rendered); 7] = [
        (
            "penalty-table",
            render_penalty_table(&samples::penalty_table(false))?,
        ),
        (
            "penalty-table-signed",
            render_penalty_table(&samples::penalty_table(true))?,
        ),
        (
            "termination-confirmation",
            render_termination_confirmation(&samples::termination_confirmation())?,
        ),
        (
            "termination-confirmation-partial",
            render_termination_confirmation(&samples::termination_confirmation_partial())?,
        ),
        (
            "suspension-notice",
            render_suspension_notice(&samples::suspension_notice())?,
        ),
        (
            "suspension-notice-24-invoices",
            render_suspension_notice(&samples::suspension_notice_of(24))?,
        ),
        (
            "reconnection-notice",
            render_reconnection_notice(&samples::reconnection_notice())?,
        ),
    ];
    for (name, rendered) in service_status {
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
