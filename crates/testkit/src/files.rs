//! Files to attach: small real PDFs and references to bytes, as a laptop makes them.

use nimbo_domain::order::AttachmentRef;
use sha2::{Digest, Sha256};

/// The SHA-256 of bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A reference to bytes, as the laptop makes one when a file is attached.
pub fn attachment(name: &str, media_type: &str, bytes: &[u8]) -> AttachmentRef {
    AttachmentRef {
        sha256: sha256_hex(bytes),
        name: name.into(),
        size: bytes.len() as u64,
        media_type: media_type.into(),
    }
}

/// A small real PDF (it starts with `%PDF-`) whose title is `name`.
pub fn small_pdf(name: &str) -> String {
    format!(
        "%PDF-1.4\n%\u{e2}\u{e3}\u{cf}\u{d3}\n1 0 obj << /Title ({name}) >> endobj\n\
         trailer << /Root 1 0 R >>\n%%EOF\n"
    )
}
