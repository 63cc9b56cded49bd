//! A customer's statement of a locked period (issue 12) as a versioned Nimbo document:
//! rendered with the evidence of every Nimbo document (snapshot SHA-256 in the QR code,
//! short code in the footer, the same bytes for the same data) and issued on the one
//! path — a command decided by `apply`, its record, audit event and outbox operation in
//! one transaction — so that the server records it and `nimbo doc verify` finds it.
//!
//! Issuing again gives back the latest version, byte for byte, and records nothing, while
//! the data it prints is the same; when it changed (the customer's name, the billing
//! account, the organisation's logo…) the statement is issued as the next version, and
//! every version is kept. The first version is dated by the period's lock, so two laptops
//! that issue it offline make the same bytes; a later one by the moment it is issued.

mod gather;

use std::path::Path;

use chrono::{DateTime, SubsecRound, Utc};
use nimbo_docs::{DocumentMeta, Rendered, Statement, render_statement};
use nimbo_domain::DomainError;
use nimbo_domain::billing::{
    BillingError, Period, StatementRecord, StatementVersion, statement_id, statement_number,
};
use nimbo_domain::operation::{Command, EntityKind};
use nimbo_domain::permission::{Action, authorize};
use nimbo_store::{Connection, billing, customers, users};
use serde::Serialize;
use specta::Type;
use uuid::Uuid;

use crate::context::{actor, find_customer, require};
use crate::journal::{Change, act};
use crate::{AppError, Nimbo};

/// A statement written to a file.
#[derive(Debug, Clone, Serialize, Type)]
pub struct StatementFile {
    /// Its number, `EC-80028061-0-2026-11`.
    pub number: String,
    /// The version written: the latest one when the data had not changed.
    pub version: u32,
    /// Whether this issue made a new version.
    pub created: bool,
    /// Where it was written.
    pub path: String,
    /// The PDF's SHA-256.
    pub pdf_sha256: String,
    /// The snapshot's SHA-256 (the QR code's).
    pub snapshot_sha256: String,
    /// How many charge lines it lists.
    pub lines: usize,
    /// Its total, IVA included.
    pub total: String,
}

fn meta(id: Uuid, number: &str, version: u32, issued_at: DateTime<Utc>) -> DocumentMeta {
    DocumentMeta {
        id: id.to_string(),
        number: number.to_string(),
        version,
        issued_at,
    }
}

fn save(path: &Path, pdf: &[u8]) -> Result<(), AppError> {
    std::fs::write(path, pdf).map_err(|e| AppError::FileNotSaved {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

fn written(
    statement: &Statement,
    rendered: &Rendered,
    path: &Path,
    created: bool,
) -> StatementFile {
    StatementFile {
        number: statement.document.number.clone(),
        version: statement.document.version,
        created,
        path: path.display().to_string(),
        pdf_sha256: rendered.pdf_sha256.clone(),
        snapshot_sha256: rendered.snapshot_sha256.clone(),
        lines: statement.lines.len(),
        total: super::two_places(statement.totals().total),
    }
}

/// Issues the statement of the customer with RUC `ruc` for `period`, by `by`, and writes
/// it to `path`: the latest version when its data had not changed, the next otherwise.
pub async fn statement(
    nimbo: &Nimbo,
    by: &str,
    ruc: &str,
    period: Period,
    path: &Path,
) -> Result<StatementFile, AppError> {
    // Whole seconds: the PDF dates the issue to the second, and the stored time must
    // give back exactly the snapshot it was made from.
    let now = nimbo.now().trunc_subsecs(0);
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::IssueStatement)?;
    let organisation = require(&mut tx).await?;
    let customer = find_customer(&mut tx, ruc).await?;
    let lock = billing::locks::of_period(&mut tx, period)
        .await?
        .ok_or_else(|| DomainError::from(BillingError::PeriodNotLocked { period }))?;
    let number = statement_number(&customer.ruc.to_string(), period);
    let id = statement_id(&number);
    let held = billing::statements::by_id(&mut tx, id).await?;
    let latest = held.as_ref().and_then(StatementRecord::latest);
    let first = meta(id, &number, 1, lock.at.trunc_subsecs(0));
    let mut statement = gather::statement(&mut tx, &organisation, &customer, &lock, first).await?;
    if let Some(latest) = latest {
        statement.document = meta(id, &number, latest.version, latest.issued_at);
        let again = render_statement(&statement).map_err(AppError::Render)?;
        if again.snapshot_sha256 == latest.snapshot_sha256 && again.pdf_sha256 == latest.pdf_sha256
        {
            // Nothing changed: the latest version, and nothing recorded.
            save(path, &again.pdf)?;
            return Ok(written(&statement, &again, path, false));
        }
        statement.document = meta(id, &number, latest.version.saturating_add(1), now);
    }
    let rendered = render_statement(&statement).map_err(AppError::Render)?;
    let command = Command::IssueStatement {
        statement_id: id,
        customer_id: customer.id,
        period,
        number,
        version: statement.document.version,
        snapshot_sha256: rendered.snapshot_sha256.clone(),
        pdf_sha256: rendered.pdf_sha256.clone(),
        issued_at: statement.document.issued_at,
    };
    act(
        &mut tx,
        now,
        Change::command(&user, EntityKind::Statement, id, command),
    )
    .await?;
    // Written before the commit: a file that cannot be saved records no version.
    save(path, &rendered.pdf)?;
    tx.commit().await?;
    Ok(written(&statement, &rendered, path, true))
}

/// One version of a customer's statement, as a list or a verification shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementVersionView {
    /// The statement's number.
    pub number: String,
    /// The period it states, `2026-11`.
    pub period: String,
    /// The customer's name.
    pub customer: String,
    /// The version.
    pub version: u32,
    /// Whether it is the statement's latest version.
    pub current: bool,
    /// The instant printed on it as its issue.
    pub issued_at: DateTime<Utc>,
    /// Who issued it (username).
    pub issued_by: String,
    /// Their full name, when known.
    pub issued_by_name: String,
    /// Its PDF's SHA-256.
    pub pdf_sha256: String,
    /// Its snapshot's SHA-256 (the QR code's).
    pub snapshot_sha256: String,
}

/// How a version of `statement` is shown.
pub(crate) async fn version_view(
    conn: &mut Connection,
    statement: &StatementRecord,
    v: &StatementVersion,
) -> Result<StatementVersionView, AppError> {
    let customer = customers::by_id(&mut *conn, statement.customer_id)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    let issued_by_name = users::by_username(&mut *conn, &v.issued_by)
        .await?
        .map_or_else(|| v.issued_by.clone(), |u| u.full_name);
    Ok(StatementVersionView {
        number: statement.number.clone(),
        period: statement.period.to_string(),
        customer,
        version: v.version,
        current: statement.latest().is_some_and(|l| l.version == v.version),
        issued_at: v.issued_at,
        issued_by: v.issued_by.clone(),
        issued_by_name,
        pdf_sha256: v.pdf_sha256.clone(),
        snapshot_sha256: v.snapshot_sha256.clone(),
    })
}

/// Every version of the statements of the customer with RUC `ruc`: newest period first,
/// each period's versions oldest first.
pub async fn list(nimbo: &Nimbo, ruc: &str) -> Result<Vec<StatementVersionView>, AppError> {
    let mut conn = nimbo.store().read().await?;
    let customer = find_customer(&mut conn, ruc).await?;
    let mut out = Vec::new();
    for statement in billing::statements::of_customer(&mut conn, customer.id).await? {
        for v in &statement.versions {
            out.push(version_view(&mut conn, &statement, v).await?);
        }
    }
    Ok(out)
}
