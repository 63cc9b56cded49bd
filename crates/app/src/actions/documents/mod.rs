//! Documents of an order (DOMAIN §7) or of a termination, suspension or reconnection
//! (§6, §8): generated as versions from their data, verified by their bytes, and followed
//! through their signatures — one path for both, the number naming the order or the
//! process. Every accepted
//! action writes the document's state, its signature event, one audit event and one
//! outbox operation in one transaction; a refusal writes nothing.

mod certificate;
mod generate;
mod signatures;
mod verify;

use nimbo_domain::document::{DocumentKind, DocumentVersion, SignatureEvent, SignerEntry};
use nimbo_store::{Connection, documents as store};
use serde::Serialize;

use crate::context::find_order;
use crate::{AppError, Nimbo};

pub use crate::issuing::Generated;
pub use certificate::certificate;
pub use generate::{completed_in, generate};
pub use signatures::{SignatureDone, attach_signed, decline, expire, send, sign_in_person, void};
pub use verify::{Verdict, VersionInfo, verify};

/// A version as lists show it, with its signature trail.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLine {
    /// The version.
    #[serde(flatten)]
    pub version: DocumentVersion,
    /// Whether it is the document's latest version.
    pub latest: bool,
    /// Its signature trail, oldest first.
    pub events: Vec<SignatureEvent>,
}

/// Every version of the documents of an order or a process (`BAJ-…`, `SUS-…`,
/// `REC-…`), with their trails.
pub async fn list(nimbo: &Nimbo, number: &str) -> Result<Vec<VersionLine>, AppError> {
    let mut conn = nimbo.store().read().await?;
    let versions = match nimbo_store::processes::by_number(&mut conn, number.trim()).await? {
        Some(process) => store::versions_of_process(&mut conn, process.id()).await?,
        None => {
            let order = find_order(&mut conn, number).await?;
            store::versions_of_order(&mut conn, order.id).await?
        }
    };
    let mut out = Vec::with_capacity(versions.len());
    for v in &versions {
        let latest = !versions
            .iter()
            .any(|o| o.document_id == v.document_id && o.version > v.version);
        out.push(VersionLine {
            events: store::events(&mut conn, v.document_id, v.version).await?,
            latest,
            version: v.clone(),
        });
    }
    Ok(out)
}

/// A document still waiting for signatures, and who has not signed.
#[derive(Debug, Clone, Serialize)]
pub struct Pending {
    /// The number of the order or process it belongs to.
    pub order: String,
    /// The customer's name.
    pub customer: String,
    /// The version.
    #[serde(flatten)]
    pub version: DocumentVersion,
    /// The signers who have not signed yet.
    pub waiting_for: Vec<SignerEntry>,
}

/// "Firmas pendientes": who still has to sign what, oldest first.
pub async fn pending(nimbo: &Nimbo) -> Result<Vec<Pending>, AppError> {
    let mut conn = nimbo.store().read().await?;
    let mut out = Vec::new();
    for v in store::awaiting_signatures(&mut conn).await? {
        let Some(order) = nimbo_store::orders::by_id(&mut conn, v.order_id).await? else {
            continue;
        };
        let customer = nimbo_store::customers::by_id(&mut conn, order.customer_id)
            .await?
            .map(|c| c.name)
            .unwrap_or_default();
        let holder = match v.process_id {
            Some(id) => nimbo_store::processes::by_id(&mut conn, id)
                .await?
                .map_or(order.number, |p| p.number().to_string()),
            None => order.number,
        };
        out.push(Pending {
            order: holder,
            customer,
            waiting_for: v.signature.pending().into_iter().cloned().collect(),
            version: v,
        });
    }
    Ok(out)
}

/// The latest version of the document of that kind of the order or process `number`
/// names (a process's kind names a process).
pub(crate) async fn latest(
    conn: &mut Connection,
    number: &str,
    kind: DocumentKind,
) -> Result<DocumentVersion, AppError> {
    let (holder, doc) = if kind.of_process() {
        let process = crate::issuing::process_for(conn, number, kind).await?;
        let doc = store::document_of_process(conn, process.id(), kind).await?;
        (process.number().to_string(), doc)
    } else {
        let order = crate::issuing::order_for(conn, number, kind).await?;
        let doc = store::document_of(conn, order.id, kind).await?;
        (order.number, doc)
    };
    let missing = || AppError::DocumentNotFound {
        number: holder.clone(),
        kind,
    };
    let doc = doc.ok_or_else(missing)?;
    store::version(conn, doc.id, doc.current_version)
        .await?
        .ok_or_else(missing)
}

/// A PDF of a version: the issued file, by its hash.
pub async fn pdf(
    nimbo: &Nimbo,
    number: &str,
    kind: DocumentKind,
) -> Result<(DocumentVersion, Vec<u8>), AppError> {
    let mut conn = nimbo.store().read().await?;
    let v = latest(&mut conn, number, kind).await?;
    let bytes = nimbo_store::attachments::content(&mut conn, &v.pdf_sha256)
        .await?
        .ok_or_else(|| {
            AppError::Store(nimbo_store::StoreError::Corrupt(format!(
                "the PDF of {} version {} is missing",
                v.number, v.version
            )))
        })?;
    Ok((v, bytes))
}
