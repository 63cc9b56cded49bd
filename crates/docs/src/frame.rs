//! What the header and footer of every page say, and drawing them once the number of
//! pages is known.

use crate::fonts::Fonts;
use crate::images::Images;
use crate::marks::{ImageKey, Page};
use crate::model::TemplateVersion;
use crate::qr::Qr;
use crate::style::Geometry;
use crate::{footer, header};

/// The facts the frame of every page shows.
#[derive(Debug, Clone)]
pub struct FrameInfo {
    /// The organisation's name.
    pub organisation: String,
    /// The organisation's RUC.
    pub ruc: String,
    /// The organisation's logo, when it has one.
    pub logo: Option<ImageKey>,
    /// The kind of document, in capitals (`WELCOME KIT`).
    pub kind: String,
    /// The document's title, for the footer.
    pub title: String,
    /// The document's human number.
    pub number: String,
    /// The version.
    pub version: u32,
    /// When it was issued, as shown (Asunción time).
    pub issued: String,
    /// The SHA-256 of the snapshot, hex.
    pub snapshot_sha256: String,
    /// The verification code.
    pub qr: Qr,
    /// The edition of the document's template: the first prints the whole snapshot hash
    /// in the footer, later ones a short code beside the QR code.
    pub template: TemplateVersion,
}

/// Draws header and footer on every page.
pub fn draw(fonts: &Fonts, geo: &Geometry, info: &FrameInfo, images: &Images, pages: &mut [Page]) {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        header::draw(fonts, geo, info, images, &mut page.frame);
        footer::draw(fonts, geo, info, i + 1, total, &mut page.frame);
    }
}
