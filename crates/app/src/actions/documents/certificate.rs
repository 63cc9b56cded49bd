//! The certificate of completion of a version: its signers, its signature trail with
//! times, and the original and final hashes. It is made on demand from the trail, the
//! same trail always giving the same bytes; it is not a tracked document of its own.

use nimbo_docs::{
    Certificate, CertificateEvent, CertificateSigner, CertifiedDocument, Document, DocumentMeta,
    SignerRole, SigningMethod,
};
use nimbo_domain::Lang;
use nimbo_domain::document::{
    DocumentKind, Party, SignatureEventKind, SignatureMethod, SignerState,
};
use nimbo_store::{attachments, customers, documents as store, orders};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::latest;
use crate::issuing::render_error;
use crate::{AppError, Nimbo};

/// Renders the certificate of completion of the latest version of an order's document.
pub async fn certificate(
    nimbo: &Nimbo,
    number: &str,
    kind: DocumentKind,
) -> Result<Vec<u8>, AppError> {
    let mut conn = nimbo.store().read().await?;
    let v = latest(&mut conn, number, kind).await?;
    let events = store::events(&mut conn, v.document_id, v.version).await?;
    let org = crate::context::require(&mut conn).await?;
    let logo = match &org.logo {
        Some(l) => attachments::content(&mut conn, &l.sha256).await?,
        None => None,
    };
    let customer = match orders::by_id(&mut conn, v.order_id).await? {
        Some(o) => customers::by_id(&mut conn, o.customer_id)
            .await?
            .map(|c| c.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    // Its own id, derived from the version's, so that the same trail gives the same bytes.
    let seed = Sha256::digest(format!("certificate:{}:{}", v.document_id, v.version).as_bytes());
    let mut id = [0u8; 16];
    id.copy_from_slice(seed.get(..16).unwrap_or(&[0u8; 16]));
    let issued_at = events.last().map(|e| e.at).unwrap_or(v.issued_at);
    let final_sha256 = events
        .iter()
        .rev()
        .find(|e| e.kind == SignatureEventKind::Signed)
        .and_then(|e| e.pdf_sha256.clone());
    let doc = Document::Certificate(Certificate {
        document: DocumentMeta {
            id: Uuid::from_bytes(id).to_string(),
            number: format!("CERT-{}", v.number),
            version: v.version,
            issued_at,
        },
        organisation: nimbo_docs::Organisation {
            name: org.name.clone(),
            ruc: org.ruc.to_string(),
            logo: logo.map(nimbo_docs::Png),
        },
        subject: CertifiedDocument {
            title: kind.name(Lang::Es).to_string(),
            id: v.document_id.to_string(),
            number: v.number.clone(),
            version: v.version,
            customer,
        },
        signers: v
            .signature
            .signers
            .iter()
            .map(|s| {
                let (method, signed_at) = match &s.state {
                    SignerState::Signed { method, at, .. } => (
                        Some(match method {
                            SignatureMethod::InPerson { .. } => SigningMethod::InPerson,
                            SignatureMethod::SignedCopy { .. } => SigningMethod::SignedCopy,
                        }),
                        Some(*at),
                    ),
                    _ => (None, None),
                };
                CertificateSigner {
                    name: s.name.clone(),
                    role: match (s.party, kind) {
                        (Party::Customer, _) => SignerRole::CustomerRepresentative,
                        (Party::Organisation, DocumentKind::RiskAct) => {
                            SignerRole::OrganisationRepresentative
                        }
                        (Party::Organisation, _) => SignerRole::OrderManager,
                    },
                    email: s.email.clone(),
                    method,
                    signed_at,
                }
            })
            .collect(),
        events: events
            .iter()
            .map(|e| CertificateEvent {
                at: e.at,
                kind: e.kind,
                actor: e.actor.clone(),
                detail: e.detail.clone(),
            })
            .collect(),
        original_sha256: v.pdf_sha256.clone(),
        final_sha256,
    });
    Ok(doc.render().map_err(render_error)?.pdf)
}
