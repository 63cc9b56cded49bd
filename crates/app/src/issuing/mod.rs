//! Issuing a document version, a fact only a laptop makes: the order's data read into
//! the document, the PDF rendered and stored by its hash, and the version issued on the one
//! path — a new version only when the data changed. Shared by the documents area
//! (generating on demand, signing, certificates) and by completing the step that produces
//! a document (step 19's Welcome KIT), so that neither area calls the other.

mod snapshot;

use nimbo_docs::{Document, DocumentMeta};
use nimbo_domain::document::{DocumentKind, DocumentVersion};
use nimbo_domain::operation::{Command, EntityKind, Outcome, Record};
use nimbo_domain::order::AttachmentRef;
use nimbo_domain::permission::{Action, authorize};
use nimbo_store::documents as store;
use nimbo_store::{Connection, attachments};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::AppError;
use crate::context::{customer_of, find_order};
use crate::journal::{Change, act};
use snapshot::Sources;

/// What a generation gave.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    /// The version (new, or the current one when the data had not changed).
    #[serde(flatten)]
    pub version: DocumentVersion,
    /// Whether a new version was made.
    pub created: bool,
    /// The version it voided, if any.
    pub voided: Option<u32>,
    /// The PDF.
    #[serde(skip)]
    pub pdf: Vec<u8>,
}

pub(crate) fn render_error(e: nimbo_docs::DocsError) -> AppError {
    AppError::Render(e)
}

pub(crate) fn snapshot_json(doc: &Document) -> Result<String, AppError> {
    nimbo_docs::snapshot::canonical_json(doc).map_err(render_error)
}

fn meta(
    id: Uuid,
    number: &str,
    version: u32,
    issued_at: chrono::DateTime<chrono::Utc>,
) -> DocumentMeta {
    DocumentMeta {
        id: id.to_string(),
        number: number.to_string(),
        version,
        issued_at,
    }
}

async fn content(conn: &mut Connection, v: &DocumentVersion) -> Result<Vec<u8>, AppError> {
    attachments::content(conn, &v.pdf_sha256)
        .await?
        .ok_or_else(|| {
            AppError::Store(nimbo_store::StoreError::Corrupt(format!(
                "the PDF of {} version {} is missing",
                v.number, v.version
            )))
        })
}

/// Generates the order's document of that kind inside a transaction the caller commits:
/// the same data gives back the current version and writes nothing; changed data makes a
/// new version that voids the previous. Completing step 19 makes the Welcome KIT it
/// delivers in the step's own transaction.
pub(crate) async fn generate_in(
    tx: &mut Connection,
    user: &nimbo_domain::user::User,
    number: &str,
    kind: DocumentKind,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Generated, AppError> {
    // Whole seconds: the PDF prints and dates the issue to the second, and the stored
    // time must give back exactly the snapshot it was made from.
    let now = chrono::SubsecRound::trunc_subsecs(now, 0);
    authorize(user, Action::GenerateDocument(kind))?;
    let order = find_order(&mut *tx, number).await?;
    // Asked before rendering, and decided again by `apply` with the same rule.
    kind.check_issuable(&order)?;
    let customer = customer_of(&mut *tx, &order).await?;
    let existing = store::document_of(&mut *tx, order.id, kind).await?;
    let previous = match &existing {
        Some(d) => store::version(&mut *tx, d.id, d.current_version).await?,
        None => None,
    };
    let sources = Sources::read(&mut *tx, order, customer, user).await?;
    if let Some(prev) = previous.as_ref().filter(|p| !p.is_voided()) {
        let same = sources
            .document(
                &mut *tx,
                kind,
                meta(prev.document_id, &prev.number, prev.version, prev.issued_at),
            )
            .await?;
        if snapshot_json(&same)? == prev.snapshot {
            let pdf = content(&mut *tx, prev).await?;
            return Ok(Generated {
                version: prev.clone(),
                created: false,
                voided: None,
                pdf,
            });
        }
    }
    let order = &sources.order;
    let (doc_id, doc_number, version) = match &existing {
        Some(d) => (d.id, d.number.clone(), d.current_version + 1),
        None => (
            Uuid::now_v7(),
            format!("{}-{}", kind.prefix(), order.number),
            1,
        ),
    };
    let doc = sources
        .document(&mut *tx, kind, meta(doc_id, &doc_number, version, now))
        .await?;
    let rendered = doc.render().map_err(render_error)?;
    let pdf_ref = AttachmentRef {
        sha256: rendered.pdf_sha256.clone(),
        name: format!("{doc_number}-v{version}.pdf"),
        size: rendered.pdf.len() as u64,
        media_type: "application/pdf".into(),
    };
    attachments::put(&mut *tx, &pdf_ref, &rendered.pdf, now).await?;
    let command = Command::IssueDocumentVersion {
        document_id: doc_id,
        order_id: order.id,
        kind,
        number: doc_number.clone(),
        version,
        snapshot: snapshot_json(&doc)?,
        snapshot_sha256: rendered.snapshot_sha256.clone(),
        pdf: pdf_ref,
        issued_at: now,
        signers: sources.signers(kind)?,
    };
    let change = Change::command(user, EntityKind::Document, doc_id, command);
    let outcome = act(&mut *tx, now, change).await?;
    let issued = version_in(&outcome, doc_id, version)?;
    debug_assert_eq!(
        hex::encode(Sha256::digest(&rendered.pdf)),
        issued.pdf_sha256
    );
    Ok(Generated {
        version: issued,
        created: true,
        voided: previous
            .as_ref()
            .filter(|p| !p.is_voided())
            .map(|p| p.version),
        pdf: rendered.pdf,
    })
}

/// A version of a document an accepted document command wrote.
pub(crate) fn version_in(
    outcome: &Outcome,
    document_id: Uuid,
    version: u32,
) -> Result<DocumentVersion, AppError> {
    outcome
        .records
        .iter()
        .find_map(|record| match record {
            Record::Document(doc) if doc.id == document_id => {
                doc.versions.iter().find(|v| v.version == version).cloned()
            }
            _ => None,
        })
        .ok_or_else(|| {
            AppError::Store(nimbo_store::StoreError::Corrupt(format!(
                "an accepted document command wrote no version {version} of {document_id}"
            )))
        })
}
