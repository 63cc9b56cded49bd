//! Issuing a document version, a fact only a laptop makes: the order's or the
//! process's data read into the document, the PDF rendered and stored by its hash, and the version issued on the one
//! path — a new version only when the data changed. Shared by the documents area
//! (generating on demand, signing, certificates) and by completing the step that produces
//! a document (step 19's Welcome KIT), so that neither area calls the other.

mod paper;
mod process;
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
pub(crate) use paper::Paper;
use process::ProcessSources;
use snapshot::Sources;

/// The order `number` names, for one of its documents of `kind`; a process's number or
/// a process's kind is told apart from a number nobody has.
pub(crate) async fn order_for(
    conn: &mut Connection,
    number: &str,
    kind: DocumentKind,
) -> Result<nimbo_domain::order::Order, AppError> {
    let not_its = || nimbo_domain::DomainError::NotADocumentOf {
        kind,
        number: number.trim().to_string(),
    };
    match find_order(&mut *conn, number).await {
        Ok(_) if kind.of_process() => Err(not_its().into()),
        Ok(order) => Ok(order),
        Err(e) => match nimbo_store::processes::by_number(&mut *conn, number.trim()).await? {
            Some(_) => Err(not_its().into()),
            None => Err(e),
        },
    }
}

/// The process `number` names, for one of its documents of `kind`; an order's number or
/// an order's kind is told apart from a number nobody has.
pub(crate) async fn process_for(
    conn: &mut Connection,
    number: &str,
    kind: DocumentKind,
) -> Result<nimbo_domain::service::ServiceProcess, AppError> {
    let not_its = || nimbo_domain::DomainError::NotADocumentOf {
        kind,
        number: number.trim().to_string(),
    };
    match crate::actions::processes::find(&mut *conn, number).await {
        Ok(_) if !kind.of_process() => Err(not_its().into()),
        Ok(process) => Ok(process),
        Err(e) => match nimbo_store::orders::by_number(&mut *conn, number.trim()).await? {
            Some(_) => Err(not_its().into()),
            None => Err(e),
        },
    }
}

/// Whose document it is — an order's or a termination's, suspension's or
/// reconnection's — with what its documents print.
enum Holder {
    Order(Box<Sources>),
    Process(Box<ProcessSources>),
}

impl Holder {
    /// Reads the order or process `number` names for a document of `kind`, once the
    /// domain allows one to be issued (asked before rendering, and decided again by
    /// `apply` with the same rule).
    async fn read(
        tx: &mut Connection,
        user: &nimbo_domain::user::User,
        number: &str,
        kind: DocumentKind,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Holder, AppError> {
        if !kind.of_process() {
            let order = order_for(&mut *tx, number, kind).await?;
            kind.check_issuable(&order)?;
            let customer = customer_of(&mut *tx, &order).await?;
            let sources = Sources::read(&mut *tx, order, customer, user).await?;
            return Ok(Holder::Order(Box::new(sources)));
        }
        let process = process_for(&mut *tx, number, kind).await?;
        let subscription = nimbo_store::subscriptions::by_id(&mut *tx, process.subscription_id())
            .await?
            .ok_or_else(|| AppError::SubscriptionNotFound {
                text: process.subscription_id().to_string(),
            })?;
        kind.check_issuable_for(&process, &subscription)?;
        let customer = nimbo_store::customers::by_id(&mut *tx, process.customer_id())
            .await?
            .ok_or_else(|| {
                AppError::Store(nimbo_store::StoreError::Corrupt(format!(
                    "the customer of {} is missing",
                    process.number()
                )))
            })?;
        let sources =
            ProcessSources::read(&mut *tx, process, subscription, customer, user, now).await?;
        Ok(Holder::Process(Box::new(sources)))
    }

    /// The order the document names (of a process: the order its subscription came from).
    fn order_id(&self) -> Uuid {
        match self {
            Holder::Order(s) => s.order.id,
            Holder::Process(s) => s.subscription.order_id,
        }
    }

    /// The process, for a process's document.
    fn process_id(&self) -> Option<Uuid> {
        match self {
            Holder::Order(_) => None,
            Holder::Process(s) => Some(s.process.id()),
        }
    }

    /// The order's or process's number, which the document's number carries.
    fn number(&self) -> &str {
        match self {
            Holder::Order(s) => &s.order.number,
            Holder::Process(s) => s.process.number(),
        }
    }

    /// Its document of that kind, if one was generated.
    async fn existing(
        &self,
        tx: &mut Connection,
        kind: DocumentKind,
    ) -> Result<Option<store::DocumentRow>, AppError> {
        Ok(match self.process_id() {
            Some(process) => store::document_of_process(tx, process, kind).await?,
            None => store::document_of(tx, self.order_id(), kind).await?,
        })
    }

    /// The snapshot of its document of that kind with the given identity.
    async fn paper(
        &self,
        tx: &mut Connection,
        kind: DocumentKind,
        meta: DocumentMeta,
    ) -> Result<Paper, AppError> {
        match self {
            Holder::Order(s) => s.document(tx, kind, meta).await.map(Paper::Order),
            Holder::Process(s) => s.paper(tx, kind, meta).await,
        }
    }

    /// Who must sign its document of that kind.
    fn signers(
        &self,
        kind: DocumentKind,
    ) -> Result<Vec<nimbo_domain::document::SignerEntry>, AppError> {
        match self {
            Holder::Order(s) => s.signers(kind),
            Holder::Process(s) => s.signers(kind),
        }
    }
}

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

/// Generates the document of that kind of the order or process `number` names, inside
/// a transaction the caller commits: the same data gives back the current version and
/// writes nothing; changed data makes a new version that voids the previous. Completing
/// step 19 makes the Welcome KIT it delivers in the step's own transaction.
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
    let holder = Holder::read(&mut *tx, user, number, kind, now).await?;
    let existing = holder.existing(&mut *tx, kind).await?;
    let previous = match &existing {
        Some(d) => store::version(&mut *tx, d.id, d.current_version).await?,
        None => None,
    };
    if let Some(prev) = previous.as_ref().filter(|p| !p.is_voided()) {
        let same = holder
            .paper(
                &mut *tx,
                kind,
                meta(prev.document_id, &prev.number, prev.version, prev.issued_at),
            )
            .await?;
        if same.snapshot_json()? == prev.snapshot {
            let pdf = content(&mut *tx, prev).await?;
            return Ok(Generated {
                version: prev.clone(),
                created: false,
                voided: None,
                pdf,
            });
        }
    }
    let (doc_id, doc_number, version) = match &existing {
        Some(d) => (d.id, d.number.clone(), d.current_version + 1),
        None => (
            Uuid::now_v7(),
            format!("{}-{}", kind.prefix(), holder.number()),
            1,
        ),
    };
    let doc = holder
        .paper(&mut *tx, kind, meta(doc_id, &doc_number, version, now))
        .await?;
    let rendered = doc.render()?;
    let pdf_ref = AttachmentRef {
        sha256: rendered.pdf_sha256.clone(),
        name: format!("{doc_number}-v{version}.pdf"),
        size: rendered.pdf.len() as u64,
        media_type: "application/pdf".into(),
    };
    attachments::put(&mut *tx, &pdf_ref, &rendered.pdf, now).await?;
    let command = Command::IssueDocumentVersion {
        document_id: doc_id,
        order_id: holder.order_id(),
        process_id: holder.process_id(),
        kind,
        number: doc_number.clone(),
        version,
        snapshot: doc.snapshot_json()?,
        snapshot_sha256: rendered.snapshot_sha256.clone(),
        pdf: pdf_ref,
        issued_at: now,
        signers: holder.signers(kind)?,
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
