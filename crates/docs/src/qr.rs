//! The verification QR code printed on every page. It carries the document's id, its
//! version and the SHA-256 of the snapshot it was made from (a PDF cannot carry the
//! hash of its own bytes; see docs/DECISIONS.md).

use qrcode::{Color, EcLevel, QrCode};

use crate::error::DocsError;

/// The text a document's QR code carries: `nimbo:doc:<id>:v<version>:sha256:<hex>`.
pub fn payload(document_id: &str, version: u32, snapshot_sha256: &str) -> String {
    format!("nimbo:doc:{document_id}:v{version}:sha256:{snapshot_sha256}")
}

/// The short verification code a footer prints: the snapshot hash's first eight hex
/// digits in capitals, in two groups (`3F9A·1C07`), enough for a person to match the
/// paper with the version Nimbo shows; the QR code carries the whole hash.
pub fn short_code(snapshot_sha256: &str) -> String {
    let head: String = snapshot_sha256
        .chars()
        .take(8)
        .collect::<String>()
        .to_uppercase();
    match (head.get(..4), head.get(4..)) {
        (Some(a), Some(b)) if !b.is_empty() => format!("{a}·{b}"),
        _ => head,
    }
}

/// Finds the verification text in a PDF's bytes without parsing the file (a damaged or
/// altered file may not parse): the `/Keywords` entry of the information dictionary,
/// written as UTF-16 hex or as a literal string.
pub fn find_payload(pdf: &[u8]) -> Option<String> {
    let key = b"/Keywords";
    let mut from = 0;
    while let Some(at) = find(pdf.get(from..)?, key) {
        let start = from + at + key.len();
        let rest = pdf.get(start..)?;
        let rest = rest.get(rest.iter().position(|b| !b.is_ascii_whitespace())?..)?;
        let text = match rest.first()? {
            b'<' => {
                let end = rest.iter().position(|b| *b == b'>')?;
                utf16_hex(rest.get(1..end)?)
            }
            b'(' => {
                let end = rest.iter().position(|b| *b == b')')?;
                String::from_utf8(rest.get(1..end)?.to_vec()).ok()
            }
            _ => None,
        };
        if let Some(t) = text.filter(|t| t.starts_with("nimbo:doc:")) {
            return Some(t);
        }
        from = start;
    }
    None
}

/// Finds the document id of the information dictionary's `/Identifier`, when written.
pub fn find_identifier(pdf: &[u8]) -> Option<String> {
    let key = b"/Identifier(";
    let at = find(pdf, key)? + key.len();
    let rest = pdf.get(at..)?;
    let end = rest.iter().position(|b| *b == b')')?;
    String::from_utf8(rest.get(..end)?.to_vec()).ok()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn utf16_hex(hex_text: &[u8]) -> Option<String> {
    let clean: Vec<u8> = hex_text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let bytes = hex::decode(clean).ok()?;
    let body = bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(&bytes);
    let units: Vec<u16> = body
        .chunks(2)
        .map(|c| {
            u16::from_be_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    String::from_utf16(&units).ok()
}

/// A QR code as a square grid of modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    side: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// Encodes `text` with medium error correction (a printed page survives a fold).
    pub fn new(text: &str) -> Result<Qr, DocsError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| DocsError::Qr(e.to_string()))?;
        Ok(Qr {
            side: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules per side.
    pub fn side(&self) -> usize {
        self.side
    }

    /// Whether the module at `row`, `col` is dark.
    pub fn is_dark(&self, row: usize, col: usize) -> bool {
        self.dark
            .get(row * self.side + col)
            .copied()
            .unwrap_or(false)
    }

    /// The code as a PDF content stream in module units (`side` × `side`, origin at the
    /// bottom left): one rectangle per horizontal run of dark modules, each a hair taller
    /// than a module so that viewers leave no seams between rows. Drawn once per
    /// document as a form and placed on every page.
    pub fn content(&self) -> Vec<u8> {
        let mut out = String::from("0 g\n");
        for row in 0..self.side {
            let y = self.side - row - 1;
            let mut col = 0;
            while col < self.side {
                if !self.is_dark(row, col) {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < self.side && self.is_dark(row, col) {
                    col += 1;
                }
                out.push_str(&format!(
                    "{start} {:.2} {} 1.04 re\n",
                    y as f32 - 0.02,
                    col - start
                ));
            }
        }
        out.push_str("f\n");
        out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_code_is_the_hash_head_in_two_groups() {
        assert_eq!(short_code("3f9a1c07e2d4aa00"), "3F9A·1C07");
        assert_eq!(short_code("ab"), "AB");
    }

    #[test]
    fn carries_id_version_and_hash() {
        let hash = "a".repeat(64);
        let text = payload("0190b1c2-7d3e-7a00-8000-000000000001", 3, &hash);
        assert_eq!(
            text,
            format!("nimbo:doc:0190b1c2-7d3e-7a00-8000-000000000001:v3:sha256:{hash}")
        );
        let qr = Qr::new(&text).unwrap();
        assert!(qr.side() >= 21);
        // The three finder patterns are dark in their corners.
        assert!(qr.is_dark(0, 0) && qr.is_dark(0, qr.side() - 1) && qr.is_dark(qr.side() - 1, 0));
        let content = String::from_utf8(qr.content()).unwrap();
        let dark: usize = (0..qr.side())
            .flat_map(|r| (0..qr.side()).map(move |c| (r, c)))
            .filter(|(r, c)| qr.is_dark(*r, *c))
            .count();
        let drawn: usize = content
            .lines()
            .filter(|l| l.ends_with(" re"))
            .map(|l| l.split(' ').nth(2).unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(drawn, dark);
    }
}
