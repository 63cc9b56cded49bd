//! A document snapshot in, a laid-out document and its PDF bytes out.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::DocsError;
use crate::flow::Flow;
use crate::fonts::{Fonts, fonts};
use crate::frame::{self, FrameInfo};
use crate::images::{Images, decode_logo};
use crate::marks::Page;
use crate::model::DocumentMeta;
use crate::pdf::{self, PdfInfo};
use crate::qr::{Qr, payload};
use crate::snapshot::sha256_hex;
use crate::style::Geometry;
use crate::templates::Template;
use crate::templates::acceptance_act::AcceptanceAct;
use crate::templates::certificate::Certificate;
use crate::templates::risk_act::RiskAct;
use crate::templates::welcome_kit::WelcomeKit;

/// A document snapshot: the kind of document and all the data it is made from. Its
/// canonical JSON is what the SHA-256 in the QR code covers.
// One document is built per render: boxing the larger snapshots would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Document {
    /// The Welcome KIT.
    WelcomeKit(WelcomeKit),
    /// The service acceptance act.
    AcceptanceAct(AcceptanceAct),
    /// The AWS risk acceptance act.
    RiskAct(RiskAct),
    /// The certificate of completion of a signed document.
    Certificate(Certificate),
}

/// A rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// SHA-256 of the PDF bytes, hex.
    pub pdf_sha256: String,
    /// SHA-256 of the snapshot's canonical JSON, hex (what the QR code carries).
    pub snapshot_sha256: String,
    /// The text the QR code carries.
    pub qr_payload: String,
    /// Number of pages.
    pub pages: usize,
}

/// A document laid out on pages, before it is written as PDF.
#[derive(Debug)]
pub struct Layout {
    /// The page geometry.
    pub geometry: Geometry,
    /// The pages with every mark placed.
    pub pages: Vec<Page>,
    /// SHA-256 of the snapshot, hex.
    pub snapshot_sha256: String,
    /// The text of the QR code.
    pub qr_payload: String,
    images: Images,
    qr: Qr,
    info: PdfInfo,
}

impl Document {
    fn template(&self) -> &dyn Template {
        match self {
            Document::WelcomeKit(d) => d,
            Document::AcceptanceAct(d) => d,
            Document::RiskAct(d) => d,
            Document::Certificate(d) => d,
        }
    }

    /// Which version of which document this is.
    pub fn meta(&self) -> &DocumentMeta {
        self.template().meta()
    }

    /// The document's title (`Welcome KIT`, `Acta de aceptación del servicio`…).
    pub fn title(&self) -> String {
        self.template().title()
    }

    /// SHA-256 of the snapshot's canonical JSON, hex.
    pub fn snapshot_sha256(&self) -> Result<String, DocsError> {
        sha256_hex(self)
    }

    /// Lays the document out on A4 pages with the given fonts.
    pub fn layout(&self, fonts: &Fonts) -> Result<Layout, DocsError> {
        lay_out(self.template(), self.snapshot_sha256()?, fonts)
    }

    /// Renders the document with the process-wide fonts.
    pub fn render(&self) -> Result<Rendered, DocsError> {
        self.render_with(fonts()?)
    }

    /// Renders the document with fonts the caller keeps.
    pub fn render_with(&self, fonts: &Fonts) -> Result<Rendered, DocsError> {
        self.layout(fonts)?.write(fonts)
    }
}

/// Lays out any template whose snapshot hashes to `snapshot_sha256`: the body the
/// template composes, then header, footer and QR code on every page.
pub(crate) fn lay_out(
    t: &dyn Template,
    snapshot_sha256: String,
    fonts: &Fonts,
) -> Result<Layout, DocsError> {
    let meta = t.meta();
    let org = t.organisation();
    let qr_payload = payload(&meta.id, meta.version, &snapshot_sha256);
    let geo = Geometry::A4;
    let mut flow = Flow::new(fonts, geo);
    let logo = match &org.logo {
        Some(png) => Some(flow.add_image(
            decode_logo(&png.0, 480, 160).map_err(|reason| DocsError::Logo { reason })?,
        )),
        None => None,
    };
    t.compose(&mut flow)?;
    let (mut pages, images) = flow.finish();
    let frame_info = FrameInfo {
        organisation: org.name.clone(),
        ruc: org.ruc.clone(),
        logo,
        kind: t.kind().to_uppercase(),
        title: t.title(),
        number: meta.number.clone(),
        version: meta.version,
        issued: crate::dates::instant(meta.issued_at),
        snapshot_sha256: snapshot_sha256.clone(),
        qr: Qr::new(&qr_payload)?,
        template: t.template(),
    };
    frame::draw(fonts, &geo, &frame_info, &images, &mut pages);
    let info = PdfInfo {
        title: format!(
            "{} N.º {} (versión {})",
            t.title(),
            meta.number,
            meta.version
        ),
        author: org.name.clone(),
        subject: t.subject(),
        identifier: meta.id.clone(),
        issued_at: meta.issued_at,
        snapshot_sha256: snapshot_sha256.clone(),
        payload: qr_payload.clone(),
    };
    Ok(Layout {
        geometry: geo,
        pages,
        snapshot_sha256,
        qr_payload,
        images,
        qr: frame_info.qr,
        info,
    })
}

impl Layout {
    /// Writes the laid-out pages as PDF bytes.
    pub fn write(self, fonts: &Fonts) -> Result<Rendered, DocsError> {
        let pdf = pdf::write(
            fonts,
            &self.geometry,
            &self.pages,
            &self.images,
            &self.qr,
            &self.info,
        )?;
        Ok(Rendered {
            pdf_sha256: hex::encode(Sha256::digest(&pdf)),
            pdf,
            snapshot_sha256: self.snapshot_sha256,
            qr_payload: self.qr_payload,
            pages: self.pages.len(),
        })
    }
}
