//! Every page of every document renders: poppler reads A4 pages and draws each one.

use std::process::Command;

use crate::support::{all_samples, write};

#[test]
fn every_page_of_every_document_renders() {
    for (name, doc) in all_samples() {
        let disk = write(&doc);
        let info = Command::new("pdfinfo").arg(&disk.path).output().unwrap();
        assert!(info.status.success(), "{name}: pdfinfo failed");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Pages:")
                    && l.ends_with(&format!(" {}", disk.rendered.pages))),
            "{name}: {info}"
        );
        assert!(info.contains("841.89 pts (A4)"), "{name}: {info}");
        assert!(
            !info.contains("PDF/X"),
            "{name}: claims to be PDF/X: {info}"
        );

        let prefix = disk.dir.path().join("page");
        let out = Command::new("pdftoppm")
            .args(["-r", "30", "-png"])
            .arg(&disk.path)
            .arg(&prefix)
            .output()
            .expect("pdftoppm (poppler-utils) is installed");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{name}: poppler complained: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut pngs: Vec<_> = std::fs::read_dir(disk.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
            .collect();
        pngs.sort_by_key(|e| e.path());
        assert_eq!(pngs.len(), disk.rendered.pages, "{name}");
        for png in pngs {
            // A blank A4 page at 30 dpi compresses to a few hundred bytes; ours carry text.
            assert!(
                png.metadata().unwrap().len() > 2_000,
                "{name}: {:?} looks blank",
                png.path()
            );
        }
    }
}
