//! The same snapshot gives the same bytes: twice in one process, and in two processes.

use std::process::Command;

use nimbo_docs::{Document, Fonts, samples};

use crate::support::all_samples;

const CHILD_DIR: &str = "NIMBO_DOCS_RENDER_TO";

/// The child of `the_same_snapshot_gives_the_same_bytes_in_another_process`: renders the
/// demonstration documents into the folder it is given, and does nothing otherwise.
#[test]
fn child_renders_the_samples_when_asked() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    for (name, doc) in all_samples() {
        let pdf = doc.render().unwrap().pdf;
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

#[test]
fn the_same_snapshot_gives_the_same_bytes_in_another_process() {
    let exe = std::env::current_exe().unwrap();
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    for dir in &dirs {
        let status = Command::new(&exe)
            .args([
                "--exact",
                "determinism::child_renders_the_samples_when_asked",
                "--test-threads=1",
                "--quiet",
            ])
            .env(CHILD_DIR, dir.path())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    }
    for (name, doc) in all_samples() {
        let first = std::fs::read(dirs[0].path().join(format!("{name}.pdf"))).unwrap();
        let second = std::fs::read(dirs[1].path().join(format!("{name}.pdf"))).unwrap();
        assert!(
            first == second,
            "{name}: two processes gave different bytes"
        );
        let here = doc.render().unwrap().pdf;
        assert!(first == here, "{name}: this process gave different bytes");
    }
}

#[test]
fn the_same_snapshot_gives_the_same_bytes_twice_in_one_process() {
    let own_fonts = Fonts::load().unwrap();
    for (name, doc) in all_samples() {
        let a = doc.render().unwrap();
        let b = doc.render().unwrap();
        let c = doc.render_with(&own_fonts).unwrap();
        assert!(a.pdf == b.pdf, "{name}");
        assert!(
            a.pdf == c.pdf,
            "{name}: fonts parsed apart gave other bytes"
        );
        assert_eq!(a.pdf_sha256, b.pdf_sha256);
        assert_eq!(a.pdf_sha256.len(), 64);
    }
}

#[test]
fn a_change_in_the_data_is_a_change_in_hash_and_bytes() {
    let kit = samples::welcome_kit();
    let before = Document::WelcomeKit(kit.clone()).render().unwrap();
    let mut renamed = kit.clone();
    renamed.customer.name.push_str(" S.A.");
    let after = Document::WelcomeKit(renamed).render().unwrap();
    assert_ne!(before.snapshot_sha256, after.snapshot_sha256);
    assert_ne!(before.pdf, after.pdf);

    let mut next = kit;
    next.document.version = 2;
    let v2 = Document::WelcomeKit(next).render().unwrap();
    assert!(v2.qr_payload.contains(":v2:sha256:"));
    assert_eq!(
        v2.qr_payload,
        format!(
            "nimbo:doc:0193a6f0-7c1e-7d2a-9b40-2f5c8e1a0001:v2:sha256:{}",
            v2.snapshot_sha256
        )
    );
}

#[test]
fn a_snapshot_kept_as_json_renders_the_same_document() {
    for (name, doc) in all_samples() {
        let json = serde_json::to_string_pretty(&doc).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc, "{name}");
        assert_eq!(
            back.snapshot_sha256().unwrap(),
            doc.snapshot_sha256().unwrap()
        );
        assert!(
            back.render().unwrap().pdf == doc.render().unwrap().pdf,
            "{name}"
        );
    }
}

#[test]
fn the_verification_text_can_be_read_back_from_the_pdf_bytes() {
    let doc = nimbo_docs::Document::WelcomeKit(nimbo_docs::samples::welcome_kit());
    let rendered = doc.render().unwrap();
    assert_eq!(
        nimbo_docs::qr::find_payload(&rendered.pdf).as_deref(),
        Some(rendered.qr_payload.as_str())
    );
    assert_eq!(
        nimbo_docs::qr::find_identifier(&rendered.pdf).as_deref(),
        Some(doc.meta().id.as_str())
    );
    assert_eq!(nimbo_docs::qr::find_payload(b"%PDF-1.7 nothing here"), None);
}
