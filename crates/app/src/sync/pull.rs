//! Bringing down what other laptops did: the server's applied operations by its gap-free
//! sequence, in pages; each one not made here is replayed through the domain's own
//! `operation::apply` — the function the server decided it with — against this
//! database's records, a page of them in one transaction with the cursor, after the
//! files the page refers to are downloaded and checked by hash. Operations this laptop
//! made are already applied here and only move the cursor.
//!
//! Each replay leaves its trace here in the same transaction: the operation's entry in
//! the history of the record it touched, kept beside this device's own audit chain (never
//! in it), and the signature-trail events the domain says it adds.
//!
//! A replay the domain refuses here means the records here differ from the server's:
//! what came before it is kept, the record is fetched from the server and written over
//! the local one, and the pull goes on. An operation that cannot be replayed at all (its
//! author unknown here) stops the pull at it — the cursor does not pass it — as skipping
//! would make the records drift further.

use std::collections::HashSet;

use nimbo_domain::Lang;
use nimbo_domain::history::HistoryEntry;
use nimbo_domain::operation::{
    Command, MemoryRecords, Operation, OperationBody, Outcome, Record, RecordKey, Records, Refusal,
    apply, server_administrator, wanted,
};
use nimbo_domain::order::AttachmentRef;
use nimbo_domain::order::OrderStatus;
use nimbo_domain::subscription::Subscription;
use nimbo_store::{
    Connection, attachments, documents, history, outbox, records, stamps, subscriptions,
    sync as store,
};
use nimbo_sync::client::Client;
use nimbo_sync::sha256_hex;
use nimbo_sync::wire::Pulled;
use uuid::Uuid;

use super::connection::client_error;
use crate::{AppError, Nimbo};

/// Operations per page.
const PAGE: i64 = 500;

/// What a pull did.
#[derive(Debug, Clone, Default)]
pub struct PullReport {
    /// Operations of others replayed here.
    pub pulled: usize,
    /// Files downloaded for them.
    pub files_received: usize,
    /// The last server sequence number applied here.
    pub pulled_through: i64,
    /// Records brought back in line with the server's where a replay found them differing.
    pub realigned: usize,
}

/// Pulls and replays every operation after this database's cursor, a page per
/// transaction: the files the page's operations name are fetched first, then its
/// operations are replayed and the cursor moved in one commit (a first sync of tens of
/// thousands of operations would otherwise spend most of its time committing).
pub async fn pull(nimbo: &Nimbo, client: &Client) -> Result<PullReport, AppError> {
    let mut after = {
        let mut conn = nimbo.store().read().await?;
        store::session(&mut conn)
            .await?
            .ok_or(AppError::SyncNotConnected)?
            .pulled_through
    };
    let mut report = PullReport {
        pulled_through: after,
        ..PullReport::default()
    };
    let start = after;
    loop {
        let page = client.pull(after, PAGE).await.map_err(client_error)?;
        if page.operations.is_empty() {
            break;
        }
        let (own, files) = sort_out(nimbo, &page.operations).await?;
        let downloaded = download(client, &page.operations, files).await?;
        let now = nimbo.now();
        let mut tx = nimbo.store().begin().await?;
        for (file, bytes) in &downloaded {
            attachments::put(&mut tx, file, bytes, now).await?;
            report.files_received += 1;
        }
        for pulled in &page.operations {
            super::progress::set(pulled.seq - start, page.latest_seq - start);
            if !own.contains(&pulled.operation.id) {
                match replay(&mut tx, pulled, now).await? {
                    Replayed::Applied => report.pulled += 1,
                    Replayed::Stuck(error) => {
                        // Keep what came before it; the next sync starts here again.
                        store::pulled(&mut tx, after).await?;
                        tx.commit().await?;
                        return Err(error);
                    }
                    Replayed::Refused(refusal) => {
                        // The server applied it, so the records here differ from the
                        // server's (a change made here was refused, or this laptop
                        // already holds a later state of the record): keep what came
                        // before it, then take the server's state of the record.
                        store::pulled(&mut tx, after).await?;
                        tx.commit().await?;
                        if !super::realign::realign(nimbo, client, &pulled.operation).await? {
                            return Err(refused(
                                pulled,
                                refusal.code(),
                                &refusal.message(Lang::Es),
                            ));
                        }
                        report.realigned += 1;
                        report.pulled += 1;
                        tx = nimbo.store().begin().await?;
                        // It happened on the server all the same: its history entry says
                        // what the operation itself states, as the replay could not run.
                        let stated = Outcome {
                            changes: pulled.operation.body.stated_changes(),
                            ..Outcome::default()
                        };
                        remember(&mut tx, pulled, &stated).await?;
                    }
                }
            }
            after = pulled.seq;
            report.pulled_through = after;
        }
        store::pulled(&mut tx, after).await?;
        tx.commit().await?;
    }
    super::progress::clear();
    Ok(report)
}

/// Which of the page's operations this laptop made (already applied here: they only
/// move the cursor), and the files the others name that this database lacks.
async fn sort_out(
    nimbo: &Nimbo,
    page: &[Pulled],
) -> Result<(HashSet<Uuid>, Vec<AttachmentRef>), AppError> {
    let mut conn = nimbo.store().read().await?;
    let mut own = HashSet::new();
    let mut files: Vec<AttachmentRef> = Vec::new();
    for pulled in page {
        let op = &pulled.operation;
        if outbox::is_own(&mut conn, op.id).await? {
            own.insert(op.id);
            continue;
        }
        for file in op.body.attachments() {
            if !files.iter().any(|f| f.sha256 == file.sha256)
                && attachments::content(&mut conn, &file.sha256)
                    .await?
                    .is_none()
            {
                files.push(file.clone());
            }
        }
    }
    Ok((own, files))
}

/// Downloads the files, each checked against its SHA-256.
async fn download(
    client: &Client,
    page: &[Pulled],
    files: Vec<AttachmentRef>,
) -> Result<Vec<(AttachmentRef, Vec<u8>)>, AppError> {
    let mut downloaded = Vec::with_capacity(files.len());
    for file in files {
        let bytes = client.get_blob(&file.sha256).await.map_err(client_error)?;
        if sha256_hex(&bytes) != file.sha256 {
            let naming = page.iter().find(|p| {
                p.operation
                    .body
                    .attachments()
                    .iter()
                    .any(|a| a.sha256 == file.sha256)
            });
            return Err(AppError::SyncReplay {
                seq: naming.map_or(0, |p| p.seq),
                code: "file_altered".into(),
                message: "un archivo bajado del servidor no coincide con su huella SHA-256".into(),
            });
        }
        downloaded.push((file, bytes));
    }
    Ok(downloaded)
}

/// How replaying one operation went.
enum Replayed {
    /// Applied here.
    Applied,
    /// The records here refused it: they differ from the server's.
    Refused(Refusal),
    /// It cannot be replayed here (its author is unknown here).
    Stuck(AppError),
}

/// Replays one pulled operation of someone else in the page's transaction.
async fn replay(
    tx: &mut Connection,
    pulled: &Pulled,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Replayed, AppError> {
    let op = &pulled.operation;
    let view = view_for(tx, op).await?;
    // The organisation's set-up is made by the administrator it creates.
    let founder = match &op.body {
        OperationBody::Command {
            command: Command::InitOrganisation { admin, .. },
        } if admin.username == op.actor => Some(admin.clone()),
        _ => None,
    };
    // The server's own operations (its administrator's users and roles) are replayed as
    // the administrator the server decided them as.
    let server = op.is_by_server().then(server_administrator);
    let Some(actor) = server
        .or_else(|| view.user(&op.actor))
        .or_else(|| founder.clone())
    else {
        return Ok(Replayed::Stuck(refused(
            pulled,
            "unknown_actor",
            &format!("el usuario {} no existe en este equipo", op.actor),
        )));
    };
    let outcome = match apply(op, &actor, &view) {
        Ok(outcome) => outcome,
        Err(refusal) => return Ok(Replayed::Refused(refusal)),
    };
    records::save(tx, &outcome.records, now).await?;
    stamps::save(tx, &outcome.stamps).await?;
    remember(tx, pulled, &outcome).await?;
    if founder.is_some() {
        crate::organisation::seed_catalogue(tx, now).await?;
    }
    for record in &outcome.records {
        if let Record::Order(order) = record
            && order.status == OrderStatus::Completed
            && subscriptions::by_order(tx, order.id).await?.is_none()
            && let Some(s) = Subscription::from_completed_order(order)
        {
            subscriptions::insert(tx, &s).await?;
        }
    }
    Ok(Replayed::Applied)
}

/// Leaves the replayed operation's trace here, in the replay's transaction: its entry in
/// the history of the record it touched (beside this device's own audit chain, never in
/// it) and the signature-trail events the domain says it adds, under ids derived from
/// the operation so that a page replayed twice adds nothing twice.
async fn remember(
    conn: &mut Connection,
    pulled: &Pulled,
    outcome: &Outcome,
) -> Result<(), AppError> {
    let op = &pulled.operation;
    if let Some(entry) = HistoryEntry::replayed(op, pulled.seq, outcome) {
        history::append_replayed(conn, &entry).await?;
        for (n, event) in outcome.trail.iter().enumerate() {
            let event =
                event
                    .clone()
                    .stamped(op.derived_id("signature_event", n), entry.at, &op.actor);
            documents::append_replayed_event(conn, &event).await?;
        }
    }
    Ok(())
}

/// Loads what `apply` will read, asking again until nothing new is wanted (an order
/// names its customer only once it is loaded), and the operation's author.
async fn view_for(conn: &mut Connection, op: &Operation) -> Result<MemoryRecords, AppError> {
    let mut view = MemoryRecords::default();
    records::load(conn, &[RecordKey::User(op.actor.clone())], &mut view).await?;
    for _ in 0..8 {
        let keys = wanted(op, &view);
        let before = view.clone();
        records::load(conn, &keys, &mut view).await?;
        if view == before {
            break;
        }
    }
    Ok(view)
}

fn refused(pulled: &Pulled, code: &str, message: &str) -> AppError {
    AppError::SyncReplay {
        seq: pulled.seq,
        code: code.to_string(),
        message: message.to_string(),
    }
}
