//! Is this file a document Nimbo issued? By the SHA-256 of its bytes first; failing
//! that, by the verification text it carries, which tells an altered copy of a known
//! version from a file Nimbo never issued. A customer's statement, which is not an
//! order's or a process's document, is looked up the same way among the statements.

use nimbo_domain::document::{DocumentKind, DocumentVersion, SignatureStateId, payload_of};
use nimbo_store::{Connection, billing, documents as store, orders};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::actions::billing::statement::{StatementVersionView, version_view};
use crate::{AppError, Nimbo};

/// Which version a file is (or claims to be).
#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    /// The document.
    pub document_id: Uuid,
    /// Its kind.
    pub kind: DocumentKind,
    /// Its number.
    pub number: String,
    /// The number of the order or process it belongs to.
    pub order: String,
    /// The version.
    pub version: u32,
    /// Whether it is the document's latest, not voided version.
    pub current: bool,
    /// Why it was voided, if it was.
    pub void_reason: Option<String>,
    /// Its signature state.
    pub state: SignatureStateId,
    /// SHA-256 of the PDF Nimbo issued.
    pub pdf_sha256: String,
}

/// What a file turned out to be.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Exactly a version Nimbo issued.
    Issued {
        /// Which.
        version: VersionInfo,
    },
    /// Exactly a signed copy or signed rendering recorded for a version.
    Signed {
        /// Of which version.
        version: VersionInfo,
    },
    /// It names a version Nimbo issued but its bytes differ: it was altered.
    Altered {
        /// The version it claims to be, when it names one.
        version: Option<VersionInfo>,
        /// The SHA-256 of the file.
        sha256: String,
    },
    /// Exactly a version of a customer's statement Nimbo issued.
    StatementIssued {
        /// Which.
        statement: StatementVersionView,
    },
    /// It names a version of a statement Nimbo issued but its bytes differ.
    StatementAltered {
        /// The version it claims to be.
        statement: StatementVersionView,
        /// The SHA-256 of the file.
        sha256: String,
    },
    /// Nothing Nimbo issued.
    Unknown {
        /// The SHA-256 of the file.
        sha256: String,
    },
}

impl Verdict {
    /// Whether the file is genuine (issued or a recorded signed copy).
    pub fn is_genuine(&self) -> bool {
        matches!(
            self,
            Verdict::Issued { .. } | Verdict::Signed { .. } | Verdict::StatementIssued { .. }
        )
    }
}

async fn info(conn: &mut Connection, v: &DocumentVersion) -> Result<VersionInfo, AppError> {
    // By the document's id: the same whether an order or a process holds it.
    let latest = store::by_id(conn, v.document_id)
        .await?
        .map(|d| d.current_version)
        .unwrap_or(v.version);
    let order = match v.process_id {
        Some(id) => nimbo_store::processes::by_id(conn, id)
            .await?
            .map(|p| p.number().to_string())
            .unwrap_or_default(),
        None => orders::by_id(conn, v.order_id)
            .await?
            .map(|o| o.number)
            .unwrap_or_default(),
    };
    Ok(VersionInfo {
        document_id: v.document_id,
        kind: v.kind,
        number: v.number.clone(),
        order,
        version: v.version,
        current: latest == v.version && !v.is_voided(),
        void_reason: v.void_reason().map(str::to_string),
        state: v.signature.state.id(),
        pdf_sha256: v.pdf_sha256.clone(),
    })
}

/// Says whether these bytes are a version Nimbo issued, which one, or an altered copy.
pub async fn verify(nimbo: &Nimbo, bytes: &[u8]) -> Result<Verdict, AppError> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    let mut conn = nimbo.store().read().await?;
    if let Some(v) = store::by_pdf_sha256(&mut conn, &sha256).await? {
        return Ok(Verdict::Issued {
            version: info(&mut conn, &v).await?,
        });
    }
    if let Some(e) = store::event_by_pdf(&mut conn, &sha256).await?
        && let Some(v) = store::version(&mut conn, e.document_id, e.version).await?
    {
        return Ok(Verdict::Signed {
            version: info(&mut conn, &v).await?,
        });
    }
    if let Some((statement, n)) = billing::statements::by_pdf_sha256(&mut conn, &sha256).await?
        && let Some(v) = statement.version(n)
    {
        return Ok(Verdict::StatementIssued {
            statement: version_view(&mut conn, &statement, v).await?,
        });
    }
    let payload = nimbo_docs::qr::find_payload(bytes).and_then(|p| payload_of(&p));
    if let Some((id, n, hash)) = &payload
        && let Some(statement) = billing::statements::by_id(&mut conn, *id).await?
        && let Some(v) = statement.version(*n).filter(|v| v.snapshot_sha256 == *hash)
    {
        return Ok(Verdict::StatementAltered {
            statement: version_view(&mut conn, &statement, v).await?,
            sha256,
        });
    }
    if let Some((id, n, hash)) = payload
        && let Some(v) = store::version(&mut conn, id, n).await?
        && (v.snapshot_sha256 == hash
            || store::event_by_snapshot(&mut conn, &hash).await?.is_some())
    {
        return Ok(Verdict::Altered {
            version: Some(info(&mut conn, &v).await?),
            sha256,
        });
    }
    // The verification text itself may be what was changed: the document's id is
    // written once more in the PDF's information dictionary.
    if let Some(id) = nimbo_docs::qr::find_identifier(bytes).and_then(|t| Uuid::parse_str(&t).ok())
        && (store::document_exists(&mut conn, id).await?
            || billing::statements::by_id(&mut conn, id).await?.is_some())
    {
        return Ok(Verdict::Altered {
            version: None,
            sha256,
        });
    }
    Ok(Verdict::Unknown { sha256 })
}
