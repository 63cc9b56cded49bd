//! Rendering into temporary files and reading them back with poppler.

use std::path::{Path, PathBuf};
use std::process::Command;

use nimbo_docs::{Document, Rendered, samples};

/// Every demonstration document with a short name.
pub fn all_samples() -> Vec<(&'static str, Document)> {
    vec![
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
        (
            "welcome-kit-first",
            Document::WelcomeKit(samples::welcome_kit_first()),
        ),
        (
            "acceptance-act-first",
            Document::AcceptanceAct(samples::acceptance_act_first(false)),
        ),
        (
            "acceptance-act-first-signed",
            Document::AcceptanceAct(samples::acceptance_act_first(true)),
        ),
        (
            "risk-act-first",
            Document::RiskAct(samples::risk_act_first()),
        ),
    ]
}

/// A rendered PDF written to a temporary folder.
pub struct OnDisk {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub rendered: Rendered,
}

pub fn write(doc: &Document) -> OnDisk {
    let rendered = doc.render().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, &rendered.pdf).unwrap();
    OnDisk {
        dir,
        path,
        rendered,
    }
}

/// The text of one page (1-based) as pdftotext reads it.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args([
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            "-enc",
            "UTF-8",
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The whole text, pages in order.
pub fn all_text(pdf: &Path, pages: usize) -> String {
    (1..=pages)
        .map(|p| page_text(pdf, p))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Collapses runs of whitespace, as line breaks in pdftotext's output fall anywhere.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
