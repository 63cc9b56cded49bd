//! Documents, their versions, signers and signature trail. A version is written once
//! with its data and hashes (triggers refuse changing them); its signature record is
//! kept whole as JSON with its state beside it, and each signer mirrored in a row of its
//! own so that "who still has to sign what" is one query.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use nimbo_domain::document::{
    DocumentKind, DocumentVersion, Party, SignatureEvent, SignatureEventKind, SignatureRecord,
    SignerState,
};
use sqlx::{Row, SqliteConnection, sqlite::SqliteRow};
use uuid::Uuid;

use crate::{StoreError, parse_json, parse_time, parse_uuid, time_text, to_json};

/// A document: one per order and kind, or per process and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// Its id (the QR code carries it).
    pub id: Uuid,
    /// The order (of a process's document: the order its subscription came from).
    pub order_id: Uuid,
    /// The termination, suspension or reconnection, for a process's document.
    pub process_id: Option<Uuid>,
    /// Its kind.
    pub kind: DocumentKind,
    /// Its number.
    pub number: String,
    /// The latest version.
    pub current_version: u32,
}

fn kind_of(text: &str) -> Result<DocumentKind, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("not a kind of document: {text}")))
}

fn version_of(n: i64) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("not a version: {n}")))
}

fn process_of(r: &SqliteRow) -> Result<Option<Uuid>, StoreError> {
    r.try_get::<Option<&str>, _>("process_id")?
        .map(parse_uuid)
        .transpose()
}

fn document_row(r: &SqliteRow) -> Result<DocumentRow, StoreError> {
    Ok(DocumentRow {
        id: parse_uuid(r.try_get::<&str, _>("id")?)?,
        order_id: parse_uuid(r.try_get::<&str, _>("order_id")?)?,
        process_id: process_of(r)?,
        kind: kind_of(r.try_get::<&str, _>("kind")?)?,
        number: r.try_get("number")?,
        current_version: version_of(r.try_get("current_version")?)?,
    })
}

/// A document by id.
pub async fn by_id(
    conn: &mut SqliteConnection,
    id: Uuid,
) -> Result<Option<DocumentRow>, StoreError> {
    let row = sqlx::query(
        "SELECT id, order_id, process_id, kind, number, current_version FROM documents WHERE id = ?",
    )
    .bind(id.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(document_row).transpose()
}

/// Every document of an order (not its processes'), by kind.
pub async fn of_order(
    conn: &mut SqliteConnection,
    order_id: Uuid,
) -> Result<Vec<DocumentRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, order_id, process_id, kind, number, current_version FROM documents \
         WHERE order_id = ? AND process_id IS NULL ORDER BY kind",
    )
    .bind(order_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(document_row).collect()
}

/// Every document of a termination, suspension or reconnection, by kind.
pub async fn of_process(
    conn: &mut SqliteConnection,
    process_id: Uuid,
) -> Result<Vec<DocumentRow>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, order_id, process_id, kind, number, current_version FROM documents \
         WHERE process_id = ? ORDER BY kind",
    )
    .bind(process_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(document_row).collect()
}

/// The document of a process of that kind, if one was generated.
pub async fn document_of_process(
    conn: &mut SqliteConnection,
    process_id: Uuid,
    kind: DocumentKind,
) -> Result<Option<DocumentRow>, StoreError> {
    Ok(of_process(conn, process_id)
        .await?
        .into_iter()
        .find(|d| d.kind == kind))
}

/// The document of an order of that kind, if one was generated.
pub async fn document_of(
    conn: &mut SqliteConnection,
    order_id: Uuid,
    kind: DocumentKind,
) -> Result<Option<DocumentRow>, StoreError> {
    let row = sqlx::query(
        "SELECT id, number, current_version FROM documents \
         WHERE order_id = ? AND kind = ? AND process_id IS NULL",
    )
    .bind(order_id.to_string())
    .bind(kind.id())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(DocumentRow {
            id: parse_uuid(r.try_get::<&str, _>("id")?)?,
            order_id,
            process_id: None,
            kind,
            number: r.try_get("number")?,
            current_version: version_of(r.try_get("current_version")?)?,
        })
    })
    .transpose()
}

/// Writes a new document, or moves an existing one to its new current version.
pub async fn upsert_document(
    conn: &mut SqliteConnection,
    doc: &DocumentRow,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO documents (id, order_id, process_id, kind, number, current_version, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET current_version = excluded.current_version",
    )
    .bind(doc.id.to_string())
    .bind(doc.order_id.to_string())
    .bind(doc.process_id.map(|p| p.to_string()))
    .bind(doc.kind.id())
    .bind(&doc.number)
    .bind(i64::from(doc.current_version))
    .bind(time_text(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes a new version with its signature record and signers.
pub async fn insert_version(
    conn: &mut SqliteConnection,
    v: &DocumentVersion,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO document_versions (document_id, version, order_id, process_id, kind, number, snapshot, \
         snapshot_sha256, pdf_sha256, size, issued_at, issued_by, state, expires_on, signature, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(v.document_id.to_string())
    .bind(i64::from(v.version))
    .bind(v.order_id.to_string())
    .bind(v.process_id.map(|p| p.to_string()))
    .bind(v.kind.id())
    .bind(&v.number)
    .bind(&v.snapshot)
    .bind(&v.snapshot_sha256)
    .bind(&v.pdf_sha256)
    .bind(i64::try_from(v.size).unwrap_or(i64::MAX))
    .bind(time_text(v.issued_at))
    .bind(&v.issued_by)
    .bind(v.signature.state.id().id())
    .bind(v.signature.expires_on.map(|d| d.to_string()))
    .bind(to_json(&v.signature)?)
    .bind(time_text(now))
    .execute(&mut *conn)
    .await?;
    save_signers(conn, v.document_id, v.version, &v.signature).await
}

async fn save_signers(
    conn: &mut SqliteConnection,
    document_id: Uuid,
    version: u32,
    record: &SignatureRecord,
) -> Result<(), StoreError> {
    for s in &record.signers {
        let state = match s.state {
            SignerState::Pending => "pending",
            SignerState::Signed { .. } => "signed",
            SignerState::Declined { .. } => "declined",
        };
        sqlx::query(
            "INSERT INTO document_signers (document_id, version, party, name, state, body) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (document_id, version, party) DO UPDATE SET name = excluded.name, state = excluded.state, body = excluded.body",
        )
        .bind(document_id.to_string())
        .bind(i64::from(version))
        .bind(s.party.id())
        .bind(&s.name)
        .bind(state)
        .bind(to_json(s)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Writes a version's new signature record.
pub async fn save_signature(
    conn: &mut SqliteConnection,
    document_id: Uuid,
    version: u32,
    record: &SignatureRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE document_versions SET state = ?, expires_on = ?, signature = ?, updated_at = ? \
         WHERE document_id = ? AND version = ?",
    )
    .bind(record.state.id().id())
    .bind(record.expires_on.map(|d| d.to_string()))
    .bind(to_json(record)?)
    .bind(time_text(now))
    .bind(document_id.to_string())
    .bind(i64::from(version))
    .execute(&mut *conn)
    .await?;
    save_signers(conn, document_id, version, record).await
}

macro_rules! select_versions {
    ($rest:literal) => {
        concat!(
            "SELECT document_id, version, order_id, process_id, kind, number, snapshot, snapshot_sha256, \
             pdf_sha256, size, issued_at, issued_by, signature FROM document_versions v ",
            $rest
        )
    };
}

fn read_version(r: &SqliteRow) -> Result<DocumentVersion, StoreError> {
    Ok(DocumentVersion {
        document_id: parse_uuid(r.try_get::<&str, _>("document_id")?)?,
        kind: kind_of(r.try_get::<&str, _>("kind")?)?,
        order_id: parse_uuid(r.try_get::<&str, _>("order_id")?)?,
        process_id: process_of(r)?,
        number: r.try_get("number")?,
        version: version_of(r.try_get("version")?)?,
        snapshot: r.try_get("snapshot")?,
        snapshot_sha256: r.try_get("snapshot_sha256")?,
        pdf_sha256: r.try_get("pdf_sha256")?,
        size: u64::try_from(r.try_get::<i64, _>("size")?).unwrap_or(0),
        issued_at: parse_time(r.try_get::<&str, _>("issued_at")?)?,
        issued_by: r.try_get("issued_by")?,
        signature: parse_json(r.try_get::<&str, _>("signature")?)?,
    })
}

/// One version of a document.
pub async fn version(
    conn: &mut SqliteConnection,
    document_id: Uuid,
    version: u32,
) -> Result<Option<DocumentVersion>, StoreError> {
    let row = sqlx::query(select_versions!("WHERE document_id = ? AND version = ?"))
        .bind(document_id.to_string())
        .bind(i64::from(version))
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(read_version).transpose()
}

/// Every version of a document, oldest first.
pub async fn versions(
    conn: &mut SqliteConnection,
    document_id: Uuid,
) -> Result<Vec<DocumentVersion>, StoreError> {
    let rows = sqlx::query(select_versions!("WHERE document_id = ? ORDER BY version"))
        .bind(document_id.to_string())
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(read_version).collect()
}

/// The version whose PDF has this SHA-256, if Nimbo issued one.
pub async fn by_pdf_sha256(
    conn: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<DocumentVersion>, StoreError> {
    let row = sqlx::query(select_versions!(
        "WHERE pdf_sha256 = ? ORDER BY version DESC LIMIT 1"
    ))
    .bind(sha256)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(read_version).transpose()
}

/// Every version of an order's documents, by kind then version.
pub async fn versions_of_order(
    conn: &mut SqliteConnection,
    order_id: Uuid,
) -> Result<Vec<DocumentVersion>, StoreError> {
    let rows = sqlx::query(select_versions!(
        "WHERE order_id = ? AND process_id IS NULL ORDER BY kind, version"
    ))
    .bind(order_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(read_version).collect()
}

/// Every version of a process's documents, by kind then version.
pub async fn versions_of_process(
    conn: &mut SqliteConnection,
    process_id: Uuid,
) -> Result<Vec<DocumentVersion>, StoreError> {
    let rows = sqlx::query(select_versions!(
        "WHERE process_id = ? ORDER BY kind, version"
    ))
    .bind(process_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(read_version).collect()
}

/// The kinds of the order's documents whose latest version is signed.
pub async fn signed_kinds(
    conn: &mut SqliteConnection,
    order_id: Uuid,
) -> Result<BTreeSet<DocumentKind>, StoreError> {
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT v.kind FROM documents d JOIN document_versions v \
         ON v.document_id = d.id AND v.version = d.current_version \
         WHERE d.order_id = ? AND d.process_id IS NULL AND v.state = 'signed'",
    )
    .bind(order_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    kinds.iter().map(|k| kind_of(k)).collect()
}

/// The latest versions still waiting for signatures, oldest first.
pub async fn awaiting_signatures(
    conn: &mut SqliteConnection,
) -> Result<Vec<DocumentVersion>, StoreError> {
    let rows = sqlx::query(select_versions!(
        "WHERE v.state IN ('issued', 'sent', 'partially_signed') \
         AND EXISTS (SELECT 1 FROM document_signers s WHERE s.document_id = v.document_id \
         AND s.version = v.version AND s.state = 'pending') ORDER BY v.issued_at"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(read_version).collect()
}

/// Appends an event replayed from another laptop, under an id derived from its operation:
/// false when the trail holds it already (the same page replayed twice), writing nothing.
pub async fn append_replayed_event(
    conn: &mut SqliteConnection,
    e: &SignatureEvent,
) -> Result<bool, StoreError> {
    insert_event(conn, e, " ON CONFLICT (id) DO NOTHING").await
}

async fn insert_event(
    conn: &mut SqliteConnection,
    e: &SignatureEvent,
    on_conflict: &'static str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO signature_events (id, document_id, version, at, actor, event, party, detail, pdf_sha256, \
         snapshot_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?){on_conflict}"
    )))
    .bind(e.id.to_string())
    .bind(e.document_id.to_string())
    .bind(i64::from(e.version))
    .bind(time_text(e.at))
    .bind(&e.actor)
    .bind(e.kind.id())
    .bind(e.party.map(Party::id))
    .bind(&e.detail)
    .bind(&e.pdf_sha256)
    .bind(&e.snapshot_sha256)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn read_event(r: &SqliteRow) -> Result<SignatureEvent, StoreError> {
    let kind: &str = r.try_get("event")?;
    let party: Option<&str> = r.try_get("party")?;
    Ok(SignatureEvent {
        id: parse_uuid(r.try_get::<&str, _>("id")?)?,
        document_id: parse_uuid(r.try_get::<&str, _>("document_id")?)?,
        version: version_of(r.try_get("version")?)?,
        at: parse_time(r.try_get::<&str, _>("at")?)?,
        actor: r.try_get("actor")?,
        kind: SignatureEventKind::from_id(kind)
            .ok_or_else(|| StoreError::Corrupt(format!("not a signature event: {kind}")))?,
        party: party
            .map(|p| {
                p.parse::<Party>()
                    .map_err(|_| StoreError::Corrupt(format!("not a party: {p}")))
            })
            .transpose()?,
        detail: r.try_get("detail")?,
        pdf_sha256: r.try_get("pdf_sha256")?,
        snapshot_sha256: r.try_get("snapshot_sha256")?,
    })
}

/// A version's signature trail, oldest first.
pub async fn events(
    conn: &mut SqliteConnection,
    document_id: Uuid,
    version: u32,
) -> Result<Vec<SignatureEvent>, StoreError> {
    let rows = sqlx::query(
        "SELECT * FROM signature_events WHERE document_id = ? AND version = ? ORDER BY at, rowid",
    )
    .bind(document_id.to_string())
    .bind(i64::from(version))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(read_event).collect()
}

/// The event that carried a file with this SHA-256 (a signed copy or a signed rendering).
pub async fn event_by_pdf(
    conn: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<SignatureEvent>, StoreError> {
    let row = sqlx::query(
        "SELECT * FROM signature_events WHERE pdf_sha256 = ? AND event = 'signed' LIMIT 1",
    )
    .bind(sha256)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(read_event).transpose()
}

/// The signed rendering whose snapshot has this SHA-256, if one was made.
pub async fn event_by_snapshot(
    conn: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<SignatureEvent>, StoreError> {
    let row = sqlx::query("SELECT * FROM signature_events WHERE snapshot_sha256 = ? LIMIT 1")
        .bind(sha256)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(read_event).transpose()
}

/// The numbers of completed orders with when each was completed, oldest first (what
/// a month's batch of documents starts from).
pub async fn completed_orders(
    conn: &mut SqliteConnection,
) -> Result<Vec<(String, DateTime<Utc>)>, StoreError> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT number, json_extract(body, '$.completed_at') AS completed_at FROM orders \
         WHERE status = 'completed' ORDER BY completed_at, number",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .filter_map(|(n, at)| at.map(|at| parse_time(&at).map(|t| (n, t))))
        .collect()
}

/// Whether a document with this id exists.
pub async fn document_exists(conn: &mut SqliteConnection, id: Uuid) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM documents WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}
