//! The certificate of completion: who signed a document, every event of its signature
//! record with its time, and the hashes of the original and the final PDF. Rendered on
//! its own, as a page that goes with the signed document.

use chrono::{DateTime, Utc};
use nimbo_domain::Lang;
use serde::{Deserialize, Serialize};

use super::Template;
use super::blocks::{panel, small, space, title_block};
use crate::dates::instant;
use crate::error::DocsError;
use crate::flow::Flow;
use crate::model::{DocumentMeta, Organisation, SignerRole, TemplateVersion};
use crate::style::{CELL, MUTED};
use crate::table::{Column, Table, draw_table};

/// How a signer signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SigningMethod {
    /// Drawn on the laptop, in person.
    InPerson,
    /// A signed copy (scanned or digitally signed PDF) was attached.
    SignedCopy,
}

impl SigningMethod {
    /// The method as printed.
    pub fn label(self) -> &'static str {
        match self {
            SigningMethod::InPerson => "Firma en persona",
            SigningMethod::SignedCopy => "Copia firmada adjunta",
        }
    }
}

/// What happened to the document: the domain's kind of signature event, so the
/// certificate names the same events the signature record keeps.
pub use nimbo_domain::document::SignatureEventKind as EventKind;

/// The event as printed: its Spanish name with a capital.
fn event_label(kind: EventKind) -> String {
    let name = kind.name(Lang::Es);
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The document the certificate is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertifiedDocument {
    /// Its title (e.g. `Acta de aceptación del servicio`).
    pub title: String,
    /// Its id.
    pub id: String,
    /// Its human number.
    pub number: String,
    /// The version signed.
    pub version: u32,
    /// The customer it concerns.
    pub customer: String,
}

/// A signer and how far they got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSigner {
    /// Full name.
    pub name: String,
    /// In what capacity.
    pub role: SignerRole,
    /// E-mail address, when known.
    pub email: Option<String>,
    /// How they signed, once they did.
    pub method: Option<SigningMethod>,
    /// When they signed, once they did.
    pub signed_at: Option<DateTime<Utc>>,
}

/// An event of the signature record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateEvent {
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub kind: EventKind,
    /// Who did it.
    pub actor: String,
    /// The channel, the reason, the signer… (may be empty).
    pub detail: String,
}

/// The certificate's snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// Which version of the certificate.
    pub document: DocumentMeta,
    /// Who issues it.
    pub organisation: Organisation,
    /// The document certified.
    pub subject: CertifiedDocument,
    /// Its signers.
    pub signers: Vec<CertificateSigner>,
    /// Its events, in the order they happened.
    pub events: Vec<CertificateEvent>,
    /// SHA-256 of the PDF as issued.
    pub original_sha256: String,
    /// SHA-256 of the signed PDF, once there is one.
    pub final_sha256: Option<String>,
}

impl Template for Certificate {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Certificado de finalización"
    }

    fn title(&self) -> String {
        "Certificado de finalización".into()
    }

    // Not a tracked document: rendered on demand from the trail, never verified by its
    // bytes, so it always takes the current frame.
    fn template(&self) -> TemplateVersion {
        TemplateVersion::CURRENT
    }

    fn subject(&self) -> String {
        format!("{} N.º {}", self.subject.title, self.subject.number)
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        let s = &self.subject;
        title_block(
            flow,
            "Registro de firmas",
            "Certificado de finalización",
            &format!("{} · N.º {} · versión {}", s.title, s.number, s.version),
        );
        let signed = self
            .signers
            .iter()
            .filter(|x| x.signed_at.is_some())
            .count();
        panel(
            flow,
            &[
                ("Documento", s.title.clone()),
                ("Cliente", s.customer.clone()),
                (
                    "Número y versión",
                    format!("{} · versión {}", s.number, s.version),
                ),
                (
                    "Firmas",
                    format!("{signed} de {} firmantes", self.signers.len()),
                ),
            ],
            2,
        );

        flow.heading("Firmantes");
        let mut signers = Table::new(vec![
            Column::new("Firmante", 0.38),
            Column::new("Rol", 0.22),
            Column::new("Método", 0.20),
            Column::new("Firmado el", 0.20),
        ]);
        for x in &self.signers {
            let who = match &x.email {
                Some(e) if !e.trim().is_empty() => format!("{}\n{}", x.name, e),
                _ => x.name.clone(),
            };
            signers = signers.row([
                who,
                x.role.label().to_string(),
                x.method.map(|m| m.label()).unwrap_or("—").to_string(),
                x.signed_at
                    .map(instant)
                    .unwrap_or_else(|| "Pendiente".into()),
            ]);
        }
        draw_table(flow, &signers);
        space(flow);

        flow.heading("Registro de eventos");
        let mut events = Table::new(vec![
            Column::new("Fecha y hora", 0.22),
            Column::new("Evento", 0.16),
            Column::new("Por", 0.26),
            Column::new("Detalle", 0.36),
        ]);
        for e in &self.events {
            events = events.row([
                instant(e.at),
                event_label(e.kind),
                e.actor.clone(),
                e.detail.clone(),
            ]);
        }
        draw_table(flow, &events);
        small(flow, "Fechas y horas de Asunción (UTC-3).");
        space(flow);

        flow.heading("Huellas SHA-256");
        let hashes = Table::new(vec![
            Column::new("", 0.24).styled(CELL.coloured(MUTED)),
            Column::new("", 0.76),
        ])
        .without_header()
        .row([
            "Documento original".to_string(),
            self.original_sha256.clone(),
        ])
        .row([
            "Documento firmado".to_string(),
            self.final_sha256
                .clone()
                .unwrap_or_else(|| "Aún no hay una versión firmada".into()),
        ]);
        draw_table(flow, &hashes);
        small(
            flow,
            "La huella SHA-256 identifica el contenido exacto de un archivo PDF: cualquier cambio, por mínimo que sea, produce otra huella. Compare la de su copia con la de este certificado para comprobar que no fue alterada.",
        );
        Ok(())
    }
}
