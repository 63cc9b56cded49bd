//! nimbo-docs against headless Chromium on the same Welcome KIT (issue 4: "the goal is at
//! least 50× faster").
//!
//! What it measures, on the demonstration snapshot `samples::welcome_kit_first()` (the
//! HTML page mirrors the first edition of the layout, which the figures were taken on):
//! - **nimbo-docs:** 300 single renders (snapshot → PDF bytes, fonts parsed once, as the
//!   app does), min / p50 / p95 / max; then 1,000 renders on two threads (500 each), the
//!   wall time of the batch, three times.
//! - **Chromium:** an HTML page with the same content, built from the same snapshot's
//!   fields (the same logo as a data URL, the same typeface, a QR code with the same
//!   payload, A4 with the same margins, a header and a "Página X de Y" footer in CSS page
//!   margin boxes), printed with `chromium --headless=new --print-to-pdf`, one process per
//!   document as a batch script would run it: one warm-up, then 10 timed runs (min / p50 /
//!   max); then 20 documents two at a time, extrapolated to 1,000.
//! - **Equivalence:** both PDFs go through `pdfinfo` (pages, page size) and `pdftotext`
//!   (the customer's name and Spanish sentences must appear in both, and the words of one
//!   that the other lacks are listed).
//!
//! Run: `cargo bench -p nimbo-docs --bench chromium`. It needs Debian's chromium and
//! poppler-utils (`apt-get install -y chromium poppler-utils`); `NIMBO_CHROMIUM=/path`
//! picks another Chromium binary. `NIMBO_BENCH_KEEP=DIR` copies the HTML page and both PDFs
//! to DIR. Figures: BENCHMARKS.md §5.

#![allow(clippy::expect_used)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use nimbo_docs::dates::{day, instant, long_day};
use nimbo_docs::qr::{Qr, payload};
use nimbo_docs::templates::welcome_kit::{WelcomeKit, cycle_text};
use nimbo_docs::{Document, Fonts, Person, samples};
use nimbo_domain::Lang;

/// Single nimbo-docs renders timed.
const SINGLE_RENDERS: usize = 300;
/// Documents in the nimbo-docs batch.
const BATCH: usize = 1_000;
/// Timed Chromium runs, one process each, after one warm-up.
const CHROMIUM_RUNS: usize = 10;
/// Documents printed two at a time by Chromium.
const CHROMIUM_BATCH: usize = 20;

/// The flags of every Chromium run, besides `--user-data-dir` and `--print-to-pdf`.
/// `--no-sandbox` is needed as root; `--no-pdf-header-footer` drops Chromium's own date,
/// title and URL lines (the page draws its own); the last four keep Chromium from trying
/// the network at start-up, which this machine's closed network refuses.
const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless=new",
    "--disable-gpu",
    "--no-sandbox",
    "--no-pdf-header-footer",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Sentences (and data) that both PDFs must contain, whitespace aside.
fn needles(kit: &WelcomeKit) -> Vec<String> {
    vec![
        kit.customer.name.clone(),
        format!(
            "{} le da la bienvenida a su servicio de nube en Amazon Web Services.",
            kit.organisation.name
        ),
        "Por su seguridad, la contraseña no figura en este documento".into(),
        "Si un incidente no se resuelve en los plazos acordados, escálelo en este orden:".into(),
        "Cómo obtener sus facturas".into(),
        format!(
            "El servicio fue entregado el {}",
            long_day(kit.delivery_date)
        ),
        kit.aws_accounts
            .first()
            .map(|a| a.id.clone())
            .unwrap_or_default(),
        kit.mco.console_url.clone(),
        "Página 1 de".into(),
    ]
}

fn main() -> ExitCode {
    let Some(chromium) = chromium() else {
        eprintln!(
            "Chromium was not found. Install Debian's chromium:\n\n    apt-get install -y chromium\n\n\
             or point NIMBO_CHROMIUM at a Chromium binary, then run again:\n\n    \
             cargo bench -p nimbo-docs --bench chromium"
        );
        return ExitCode::FAILURE;
    };
    for tool in ["pdftotext", "pdfinfo"] {
        if !runs(Command::new(tool).arg("-v")) {
            eprintln!("`{tool}` was not found. Install it: apt-get install -y poppler-utils");
            return ExitCode::FAILURE;
        }
    }
    let version = Command::new(&chromium)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    println!("chromium: {} ({version})", chromium.display());
    println!("flags: {}", CHROMIUM_FLAGS.join(" "));
    println!("load average at start: {}", load_average());

    let dir = tempfile::tempdir().expect("a temporary directory for the bench's files");
    let kit = samples::welcome_kit_first();
    let doc = Document::WelcomeKit(kit.clone());
    let fonts = nimbo_docs::fonts().expect("the compiled-in fonts parse");

    // nimbo-docs, one document at a time.
    let rendered = doc
        .render_with(fonts)
        .expect("the sample Welcome KIT renders");
    let nimbo_pdf = dir.path().join("nimbo.pdf");
    std::fs::write(&nimbo_pdf, &rendered.pdf).expect("write nimbo.pdf in the temp dir");
    for _ in 0..10 {
        black_box(doc.render_with(fonts).expect("render"));
    }
    let singles = sorted(
        (0..SINGLE_RENDERS)
            .map(|_| {
                let start = Instant::now();
                black_box(doc.render_with(fonts).expect("render"));
                start.elapsed()
            })
            .collect(),
    );
    let nimbo_p50 = pct(&singles, 50);
    println!(
        "\nnimbo-docs, {SINGLE_RENDERS} single renders: min {}, p50 {}, p95 {}, max {} \
         ({} pages, {} bytes)",
        ms(singles[0]),
        ms(nimbo_p50),
        ms(pct(&singles, 95)),
        ms(pct(&singles, 100)),
        rendered.pages,
        rendered.pdf.len()
    );

    // nimbo-docs, 1,000 documents on two threads.
    let batches = sorted((0..3).map(|_| nimbo_batch(&doc, fonts)).collect());
    let nimbo_batch = pct(&batches, 50);
    println!(
        "nimbo-docs, {BATCH} documents on 2 threads: {} (median of 3: {})",
        batches
            .iter()
            .map(|d| secs(*d))
            .collect::<Vec<_>>()
            .join(", "),
        secs(nimbo_batch)
    );

    // The HTML page, with the fonts next to it.
    let html = html(&kit, &rendered.snapshot_sha256);
    let page = dir.path().join("welcome-kit.html");
    std::fs::write(&page, &html).expect("write the HTML page in the temp dir");
    for name in ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fonts")
            .join(name);
        std::fs::copy(&from, dir.path().join(name)).expect("copy the crate's fonts");
    }
    let url = format!("file://{}", page.display());

    // Chromium, one process per document.
    let profile = dir.path().join("profile-0");
    let chromium_pdf = dir.path().join("chromium.pdf");
    let Some(warm_up) = print(&chromium, &profile, &url, &chromium_pdf) else {
        eprintln!("Chromium failed to print the page; run the command by hand to see why.");
        return ExitCode::FAILURE;
    };
    println!(
        "\nchromium warm-up: {} ({} bytes of HTML)",
        ms(warm_up),
        html.len()
    );
    let runs: Vec<Duration> = (0..CHROMIUM_RUNS)
        .filter_map(|i| {
            let out = dir.path().join(format!("run-{i}.pdf"));
            print(&chromium, &profile, &url, &out)
        })
        .collect();
    if runs.len() != CHROMIUM_RUNS {
        eprintln!("Chromium failed on some runs.");
        return ExitCode::FAILURE;
    }
    let runs = sorted(runs);
    let chromium_p50 = pct(&runs, 50);
    println!(
        "chromium, {CHROMIUM_RUNS} documents one at a time: min {}, p50 {}, max {}",
        ms(runs[0]),
        ms(chromium_p50),
        ms(pct(&runs, 100))
    );

    // Chromium, two at a time.
    let start = Instant::now();
    let ok = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|w| {
                let (chromium, dir, url) = (&chromium, dir.path(), &url);
                s.spawn(move || {
                    let profile = dir.join(format!("profile-{w}"));
                    (0..CHROMIUM_BATCH / 2).all(|i| {
                        let out = dir.join(format!("batch-{w}-{i}.pdf"));
                        print(chromium, &profile, url, &out).is_some()
                    })
                })
            })
            .collect();
        workers.into_iter().all(|w| w.join().unwrap_or(false))
    });
    let chromium_batch = start.elapsed();
    if !ok {
        eprintln!("Chromium failed on some documents of the batch.");
        return ExitCode::FAILURE;
    }
    let extrapolated = chromium_batch * (BATCH / CHROMIUM_BATCH) as u32;
    println!(
        "chromium, {CHROMIUM_BATCH} documents 2 at a time: {} → {BATCH} documents ≈ {}",
        secs(chromium_batch),
        secs(extrapolated)
    );

    // Are the two documents equivalent?
    println!();
    let nimbo_info = pdfinfo(&nimbo_pdf);
    let chromium_info = pdfinfo(&chromium_pdf);
    println!("pdfinfo nimbo-docs: {nimbo_info}");
    println!("pdfinfo chromium:   {chromium_info}");
    let nimbo_text = pdftotext(&nimbo_pdf);
    let chromium_text = pdftotext(&chromium_pdf);
    let mut equivalent = true;
    for needle in needles(&kit) {
        let needle = squash(&needle);
        let (a, b) = (
            nimbo_text.contains(&needle),
            chromium_text.contains(&needle),
        );
        equivalent &= a && b;
        println!(
            "  {} nimbo-docs, {} chromium: «{needle}»",
            if a { "in" } else { "NOT in" },
            if b { "in" } else { "NOT in" },
        );
    }
    let (nimbo_words, chromium_words) = (words(&nimbo_text), words(&chromium_text));
    let only_nimbo: Vec<&str> = nimbo_words
        .difference(&chromium_words)
        .map(String::as_str)
        .collect();
    let only_chromium: Vec<&str> = chromium_words
        .difference(&nimbo_words)
        .map(String::as_str)
        .collect();
    println!(
        "  distinct words: nimbo-docs {}, chromium {}; only in nimbo-docs: {:?}; only in chromium: {:?}",
        nimbo_words.len(),
        chromium_words.len(),
        only_nimbo,
        only_chromium
    );
    if !equivalent {
        eprintln!("The two PDFs do not carry the same text: the comparison would be unfair.");
        return ExitCode::FAILURE;
    }

    println!(
        "\nratio per document (chromium p50 / nimbo-docs p50): {:.0}×",
        chromium_p50.as_secs_f64() / nimbo_p50.as_secs_f64()
    );
    println!(
        "ratio per batch of {BATCH} on two cores (chromium extrapolated / nimbo-docs): {:.0}×",
        extrapolated.as_secs_f64() / nimbo_batch.as_secs_f64()
    );
    println!("load average at end: {}", load_average());

    if let Some(keep) = std::env::var_os("NIMBO_BENCH_KEEP") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("create NIMBO_BENCH_KEEP");
        for name in [
            "welcome-kit.html",
            "nimbo.pdf",
            "chromium.pdf",
            "NotoSans-Regular.ttf",
            "NotoSans-Bold.ttf",
        ] {
            std::fs::copy(dir.path().join(name), keep.join(name))
                .expect("copy to NIMBO_BENCH_KEEP");
        }
        println!("files kept in {}", keep.display());
    }
    ExitCode::SUCCESS
}

/// The Chromium binary: `NIMBO_CHROMIUM`, else `chromium` on the PATH, if it runs.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("NIMBO_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("chromium"));
    runs(Command::new(&path).arg("--version")).then_some(path)
}

/// Whether a command starts and exits successfully.
fn runs(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Prints `url` to `out` with a fresh Chromium process; its wall time, if it worked.
fn print(chromium: &Path, profile: &Path, url: &str, out: &Path) -> Option<Duration> {
    let _ = std::fs::remove_file(out);
    let start = Instant::now();
    let ok = runs(
        Command::new(chromium)
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(url),
    );
    let took = start.elapsed();
    let written = std::fs::metadata(out).is_ok_and(|m| m.len() > 0);
    (ok && written).then_some(took)
}

/// 1,000 renders on two threads; the wall time.
fn nimbo_batch(doc: &Document, fonts: &Fonts) -> Duration {
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..BATCH / 2 {
                    black_box(doc.render_with(fonts).expect("render"));
                }
            });
        }
    });
    start.elapsed()
}

fn sorted(mut v: Vec<Duration>) -> Vec<Duration> {
    v.sort();
    v
}

/// The `p`th percentile of sorted durations, nearest rank (p50 of 10 is the 5th).
fn pct(sorted: &[Duration], p: usize) -> Duration {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted
        .get(rank - 1)
        .or(sorted.last())
        .copied()
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// `pdfinfo`'s pages and page size.
fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| {
            ["Pages:", "Page size:", "File size:", "Producer:"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `pdftotext`'s text with all whitespace folded into single spaces.
fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    squash(&String::from_utf8_lossy(&out.stdout))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The distinct words of a text, lower-cased.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A CSS string literal.
fn css_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\A "),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The QR code as an SVG data URL, with a quiet zone of one module.
fn qr_svg(qr: &Qr) -> String {
    let side = qr.side();
    let mut svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='-1 -1 {0} {0}' shape-rendering='crispEdges'>\
         <rect x='-1' y='-1' width='{0}' height='{0}' fill='white'/><path d='",
        side + 2
    );
    for row in 0..side {
        let mut col = 0;
        while col < side {
            if !qr.is_dark(row, col) {
                col += 1;
                continue;
            }
            let start = col;
            while col < side && qr.is_dark(row, col) {
                col += 1;
            }
            let _ = write!(svg, "M{start} {row}h{}v1h-{}z", col - start, col - start);
        }
    }
    svg.push_str("'/></svg>");
    format!("data:image/svg+xml;base64,{}", base64(svg.as_bytes()))
}

fn table(out: &mut String, head: Option<&[(&str, u32)]>, class: &str, rows: &[Vec<String>]) {
    let _ = write!(out, "<table class=\"{class}\">");
    if let Some(head) = head {
        out.push_str("<colgroup>");
        for (_, w) in head {
            let _ = write!(out, "<col style=\"width:{w}%\">");
        }
        out.push_str("</colgroup><thead><tr>");
        for (h, _) in head {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("</tr></thead>");
    }
    out.push_str("<tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", esc(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn panel(out: &mut String, items: &[(&str, String)]) {
    out.push_str("<div class=\"panel\">");
    for (label, value) in items {
        let _ = write!(
            out,
            "<div><div class=\"label\">{}</div><div class=\"value\">{}</div></div>",
            esc(&label.to_uppercase()),
            esc(value)
        );
    }
    out.push_str("</div>");
}

fn key_values(out: &mut String, rows: &[(&str, String)]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(k, v)| vec![k.to_string(), v.clone()])
        .collect();
    table(out, None, "kv", &rows);
}

/// An element of `class` holding `text`.
fn block(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(out, "<{tag} class=\"{class}\">{}</{tag}>", esc(text));
}

fn para(out: &mut String, text: &str) {
    let _ = write!(out, "<p>{}</p>", esc(text));
}

const SECTIONS: [&str; 7] = [
    "Planes contratados",
    "Cuentas de AWS",
    "Acceso a la consola MCO",
    "Soporte técnico y escalamiento",
    "Facturación",
    "Sus contactos",
    "Fecha de entrega",
];

/// The Welcome KIT as an HTML page for Chromium to print: the template's wording, the
/// snapshot's data, the same logo, typeface, colours, margins and QR payload.
fn html(kit: &WelcomeKit, snapshot_sha256: &str) -> String {
    let org = &kit.organisation;
    let c = &kit.customer;
    let meta = &kit.document;
    let logo = org
        .logo
        .as_ref()
        .map(|png| format!("url(data:image/png;base64,{})", base64(&png.0)))
        .unwrap_or_else(|| "none".into());
    let qr = qr_svg(
        &Qr::new(&payload(&meta.id, meta.version, snapshot_sha256))
            .expect("the QR payload encodes"),
    );
    let header_left = css_str(&format!("{}\nRUC {}", org.name, org.ruc));
    let header_right = css_str(&format!(
        "WELCOME KIT\nN.º {} · versión {}",
        meta.number, meta.version
    ));
    let footer_left = css_str(&format!(
        "Welcome KIT · N.º {} · Versión {}\nEmitido el {} (hora de Asunción)\n\
         Verifique este documento con el código QR. Huella SHA-256 de sus datos:\n{}",
        meta.number,
        meta.version,
        instant(meta.issued_at),
        snapshot_sha256
    ));
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Welcome KIT N.º {number} (versión {version})</title>
<style>
@font-face {{ font-family: "Noto Sans"; font-weight: 400; src: url(NotoSans-Regular.ttf); }}
@font-face {{ font-family: "Noto Sans"; font-weight: 700; src: url(NotoSans-Bold.ttf); }}
@page {{
  size: A4; margin: 36mm 22mm 35mm 22mm;
  @top-left-corner {{ content: ""; background: {band}; }}
  @top-right-corner {{ content: ""; background: {band}; }}
  @top-left {{ content: {header_left}; white-space: pre; font: 700 9pt/14pt "Noto Sans"; color: #1F2933;
    vertical-align: top; padding: 12mm 0 0 15mm; background: {logo} no-repeat left 12mm / 11mm 11mm, {band};
    border-bottom: 0.6pt solid #D5DBE3; margin-bottom: 9mm; }}
  @top-right {{ content: {header_right}; white-space: pre; text-align: right; vertical-align: top;
    font: 700 7.5pt/11pt "Noto Sans"; color: #1D4E89; padding-top: 12mm; background: {band};
    border-bottom: 0.6pt solid #D5DBE3; margin-bottom: 9mm; }}
  @bottom-left {{ content: {footer_left}; white-space: pre; vertical-align: top; font: 400 7pt/9.5pt "Noto Sans";
    color: #5F6B7A; padding-top: 2.5mm; border-top: 0.6pt solid #D5DBE3; margin-top: 6mm; width: 120mm; }}
  @bottom-right {{ content: "Página " counter(page) " de " counter(pages); vertical-align: top; text-align: left;
    font: 400 8pt "Noto Sans"; color: #1F2933; padding: 2.5mm 0 0 0; border-top: 0.6pt solid #D5DBE3; margin-top: 6mm;
    background: url({qr}) no-repeat right 2mm / 16mm 16mm; }}
}}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; box-sizing: border-box; }}
body {{ margin: 0; font: 400 9.5pt/14.5pt "Noto Sans"; color: #1F2933; }}
p {{ margin: 0 0 6pt; }}
.kicker {{ font: 700 8pt/11pt "Noto Sans"; color: #1D4E89; margin-bottom: 3pt; }}
h1 {{ font: 700 21pt/29pt "Noto Sans"; margin: 0 0 2pt; }}
.subtitle {{ font-size: 11pt; line-height: 15pt; color: #5F6B7A; margin-bottom: 14pt; }}
h2 {{ font: 700 12.5pt/18pt "Noto Sans"; color: #1D4E89; margin: 0 0 6pt; padding-bottom: 2pt;
  border-bottom: 0.6pt solid #D5DBE3; }}
h3 {{ font: 700 10pt/14pt "Noto Sans"; margin: 6pt 0 4pt; break-after: avoid; }}
section {{ break-inside: avoid; margin-bottom: 12pt; }}
.cover {{ break-after: page; }}
.panel {{ display: grid; grid-template-columns: 1fr 1fr; gap: 9pt 16pt; background: #EEF3F9;
  border-left: 3pt solid #1D4E89; padding: 13pt; margin-bottom: 16pt; }}
.label {{ font: 700 7pt/10pt "Noto Sans"; color: #5F6B7A; margin-bottom: 1pt; }}
.value {{ font-size: 9.5pt; line-height: 13.5pt; white-space: pre-line; }}
ol {{ margin: 0 0 8pt; padding-left: 20pt; }} ol li::marker {{ color: #1D4E89; font-weight: 700; }}
table {{ width: 100%; border-collapse: collapse; margin-bottom: 2pt; font-size: 9pt; line-height: 12.5pt; }}
th {{ background: #EEF3F9; color: #1D4E89; font: 700 7.5pt/10.5pt "Noto Sans"; text-align: left; padding: 5pt 6pt; }}
td {{ padding: 5pt 6pt; border-bottom: 0.5pt solid #D5DBE3; vertical-align: top; white-space: pre-line; }}
tr {{ break-inside: avoid; }}
table.plans td:last-child, table.plans th:last-child {{ text-align: right; }}
table.kv {{ margin-bottom: 10pt; }} table.kv td:first-child {{ width: 34%; color: #5F6B7A; }}
.small {{ font-size: 8pt; line-height: 11.5pt; color: #5F6B7A; margin-top: 2pt; }}
.note {{ background: #EEF3F9; border-left: 3pt solid #1D4E89; padding: 10pt; margin-bottom: 12pt; }}
.muted {{ color: #5F6B7A; font-size: 9pt; line-height: 12.5pt; margin: 0; }}
.strong {{ font-weight: 700; font-size: 9pt; line-height: 12.5pt; margin: 0; }}
</style></head><body>
"#,
        number = esc(&meta.number),
        version = meta.version,
        band = "linear-gradient(#1D4E89, #1D4E89) no-repeat left top / 100% 3pt",
    );

    // The cover.
    out.push_str("<div class=\"cover\">");
    block(
        &mut out,
        "div",
        "kicker",
        &format!("Welcome KIT · Pedido N.º {}", kit.order_number).to_uppercase(),
    );
    block(&mut out, "h1", "", &c.name);
    block(
        &mut out,
        "p",
        "subtitle",
        "Kit de bienvenida a su servicio de nube en Amazon Web Services",
    );
    panel(
        &mut out,
        &[
            ("Cliente", c.name.clone()),
            ("RUC", c.ruc.clone()),
            ("Segmento", c.segment.name(Lang::Es).to_string()),
            ("Dirección", c.address.clone()),
            ("Pedido N.º", kit.order_number.clone()),
            ("Fecha de entrega", day(kit.delivery_date)),
            ("Gerente de cuenta (KAM)", kit.kam.name.clone()),
            ("Gestor del pedido", kit.order_manager.name.clone()),
        ],
    );
    para(&mut out, "Estimado cliente:");
    para(
        &mut out,
        &format!(
            "{} le da la bienvenida a su servicio de nube en Amazon Web Services. Este documento reúne lo que necesita para empezar a usarlo y gestionarlo: los planes contratados, sus cuentas de AWS, el acceso a la consola de gestión, los canales de soporte, la facturación y las personas que lo acompañan.",
            org.name
        ),
    );
    para(
        &mut out,
        "Le recomendamos guardarlo junto a la documentación del contrato y compartirlo con el equipo técnico de su organización.",
    );
    out.push_str("<h2 style=\"margin-top:12pt\">Contenido</h2><ol>");
    for s in SECTIONS {
        let _ = write!(out, "<li>{}</li>", esc(s));
    }
    out.push_str("</ol></div>");

    let section = |out: &mut String, i: usize| {
        let _ = write!(out, "<section><h2>{}. {}</h2>", i + 1, esc(SECTIONS[i]));
    };

    // 1. Plans.
    section(&mut out, 0);
    para(
        &mut out,
        "Estos son los planes activados para su organización. Los precios están expresados en dólares estadounidenses y no incluyen el IVA.",
    );
    let plans: Vec<Vec<String>> = kit
        .plans
        .iter()
        .map(|p| vec![p.name.clone(), p.terms.clone(), p.price.text()])
        .collect();
    table(
        &mut out,
        Some(&[("Plan", 30), ("Condiciones", 44), ("Precio", 26)]),
        "plans",
        &plans,
    );
    block(
        &mut out,
        "p",
        "small",
        "A cada cargo se suma el IVA del 10 %. Los planes se prorratean según los días de servicio activo del período.",
    );
    out.push_str("</section>");

    // 2. AWS accounts.
    section(&mut out, 1);
    para(
        &mut out,
        "Su servicio se presta en las siguientes cuentas de AWS. Indique el identificador de la cuenta en cada consulta al soporte.",
    );
    let accounts: Vec<Vec<String>> = kit
        .aws_accounts
        .iter()
        .enumerate()
        .map(|(i, a)| vec![(i + 1).to_string(), a.id.clone(), a.description.clone()])
        .collect();
    table(
        &mut out,
        Some(&[("N.º", 8), ("ID de cuenta AWS", 30), ("Descripción", 62)]),
        "accounts",
        &accounts,
    );
    out.push_str("</section>");

    // 3. MCO.
    section(&mut out, 2);
    para(
        &mut out,
        "La consola MCO (Multi Cloud Orchestrator) le permite consultar sus recursos en la nube y su consumo.",
    );
    key_values(
        &mut out,
        &[
            ("Dirección de la consola", kit.mco.console_url.clone()),
            ("Usuario", kit.mco.user_name.clone()),
        ],
    );
    block(
        &mut out,
        "div",
        "note",
        "Por su seguridad, la contraseña no figura en este documento: la recibirá por un canal separado y deberá cambiarla en su primer ingreso. Nadie de nuestro equipo se la pedirá.",
    );
    out.push_str("</section>");

    // 4. Support and escalation.
    section(&mut out, 3);
    para(
        &mut out,
        "Para consultas técnicas y reportes de incidentes, use los siguientes canales de soporte postventa:",
    );
    let channels: Vec<Vec<String>> = kit
        .support
        .iter()
        .map(|s| vec![s.channel.clone(), s.contact.clone(), s.hours.clone()])
        .collect();
    table(
        &mut out,
        Some(&[("Canal", 28), ("Contacto", 44), ("Horario de atención", 28)]),
        "support",
        &channels,
    );
    out.push_str("<h3>Escalamiento</h3>");
    para(
        &mut out,
        "Si un incidente no se resuelve en los plazos acordados, escálelo en este orden:",
    );
    let mut escalation = kit.escalation.clone();
    escalation.sort_by_key(|e| e.level);
    let ladder: Vec<Vec<String>> = escalation
        .iter()
        .map(|e| {
            vec![
                e.level.to_string(),
                format!("{}\n{}", e.name, e.role),
                e.email.clone(),
                e.phone.clone(),
            ]
        })
        .collect();
    table(
        &mut out,
        Some(&[
            ("Nivel", 8),
            ("Contacto", 33),
            ("Correo electrónico", 38),
            ("Teléfono", 21),
        ]),
        "ladder",
        &ladder,
    );
    out.push_str("</section>");

    // 5. Billing.
    section(&mut out, 4);
    key_values(
        &mut out,
        &[
            ("Ciclo de facturación", cycle_text(kit.billing.cycle_day)),
            ("Cuenta de facturación", kit.billing.billing_account.clone()),
            (
                "Moneda",
                "Dólares estadounidenses (USD); precios sin IVA, IVA del 10 % aparte.".into(),
            ),
        ],
    );
    out.push_str("<h3>Cómo obtener sus facturas</h3>");
    para(&mut out, &kit.billing.invoices);
    out.push_str("</section>");

    // 6. Contacts.
    section(&mut out, 5);
    para(
        &mut out,
        "Estas personas lo acompañan en la relación comercial y en la entrega del servicio:",
    );
    let card = |p: &Person| {
        format!(
            "{}\n{}\n{}",
            p.name,
            p.email,
            p.phone.clone().unwrap_or_else(|| "—".into())
        )
    };
    panel(
        &mut out,
        &[
            ("Gerente de cuenta (KAM)", card(&kit.kam)),
            ("Gestor del pedido", card(&kit.order_manager)),
        ],
    );
    out.push_str("</section>");

    // 7. Delivery date.
    section(&mut out, 6);
    para(
        &mut out,
        &format!(
            "El servicio fue entregado el {}, con el pedido N.º {}.",
            long_day(kit.delivery_date),
            kit.order_number
        ),
    );
    para(
        &mut out,
        "Gracias por confiar en nosotros. Quedamos a su disposición para acompañarlo en cada etapa de su servicio.",
    );
    out.push_str("<p style=\"margin-top:8pt\">Atentamente,</p>");
    let om = &kit.order_manager;
    let _ = write!(
        out,
        "<p class=\"strong\" style=\"margin-top:10pt\">{}</p><p class=\"muted\">{}</p><p class=\"muted\">{}</p>",
        esc(&om.name),
        esc(&format!("Gestor del pedido · {}", org.name)),
        esc(&om.email)
    );
    out.push_str("</section></body></html>\n");
    out
}
