//! Bringing down what other laptops did: the server's applied operations by its gap-free
//! sequence, in pages; each one not made here is replayed through the domain's own
//! `operation::apply` — the function the server decided it with — against this
//! database's records, in one transaction with the cursor, after the files it refers to
//! are downloaded and checked by hash. Operations this laptop made are already applied
//! here and only move the cursor.
//!
//! Each replay leaves its trace here in the same transaction: the operation's entry in
//! the history of the record it touched, kept beside this device's own audit chain (never
//! in it), and the signature-trail events the domain says it adds.
//!
//! A replay the domain refuses here stops the pull at that operation (the cursor does
//! not pass it): the records here disagree with the server's, and skipping would make
//! them drift further.

use nimbo_domain::history::HistoryEntry;
use nimbo_domain::operation::{
    Command, MemoryRecords, Operation, OperationBody, Outcome, RecordKey, Records, apply,
    server_administrator, wanted,
};
use nimbo_domain::{ErrorCode, Lang};
use nimbo_store::{Connection, attachments, history, outbox, records, sync as store};
use nimbo_sync::client::Client;
use nimbo_sync::sha256_hex;
use nimbo_sync::wire::Pulled;

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

/// Pulls and replays every operation after this database's cursor.
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
        for pulled in &page.operations {
            super::progress::set(pulled.seq - start, page.latest_seq - start);
            if replay(nimbo, client, pulled, &mut report).await? {
                report.pulled += 1;
            }
            after = pulled.seq;
            report.pulled_through = after;
        }
    }
    super::progress::clear();
    Ok(report)
}

/// Replays one pulled operation; false when it was this laptop's own.
async fn replay(
    nimbo: &Nimbo,
    client: &Client,
    pulled: &Pulled,
    report: &mut PullReport,
) -> Result<bool, AppError> {
    let op = &pulled.operation;
    let mut files = Vec::new();
    {
        let mut conn = nimbo.store().read().await?;
        if outbox::is_own(&mut conn, op.id).await? {
            drop(conn);
            let mut tx = nimbo.store().begin().await?;
            store::pulled(&mut tx, pulled.seq).await?;
            tx.commit().await?;
            return Ok(false);
        }
        for file in op.body.attachments() {
            if attachments::content(&mut conn, &file.sha256)
                .await?
                .is_none()
            {
                files.push(file.clone());
            }
        }
    }
    let mut downloaded = Vec::new();
    for file in files {
        let bytes = client.get_blob(&file.sha256).await.map_err(client_error)?;
        if sha256_hex(&bytes) != file.sha256 {
            return Err(refused(
                pulled,
                ErrorCode::FileAltered,
                "un archivo bajado del servidor no coincide con su huella SHA-256",
            ));
        }
        downloaded.push((file, bytes));
    }
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    for (file, bytes) in &downloaded {
        attachments::put(&mut tx, file, bytes, now).await?;
        report.files_received += 1;
    }
    let view = view_for(&mut tx, op).await?;
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
        return Err(refused(
            pulled,
            ErrorCode::UnknownActor,
            &format!("el usuario {} no existe en este equipo", op.actor),
        ));
    };
    let outcome = match apply(op, &actor, &view) {
        Ok(outcome) => outcome,
        Err(refusal) => {
            // The server applied it, so the records here differ from the server's (a
            // change made here was refused, or this laptop already holds a later state
            // of the record): take the server's state of the record.
            drop(tx);
            if super::realign::realign(nimbo, client, op).await? {
                report.realigned += 1;
                let mut tx = nimbo.store().begin().await?;
                // It happened on the server all the same: its history entry says what
                // the operation itself states, as the replay could not run here.
                let stated = Outcome {
                    changes: op.body.stated_changes(),
                    ..Outcome::default()
                };
                remember(&mut tx, pulled, &stated).await?;
                store::pulled(&mut tx, pulled.seq).await?;
                tx.commit().await?;
                return Ok(true);
            }
            return Err(refused(pulled, refusal.code(), &refusal.message(Lang::Es)));
        }
    };
    crate::outcome::write(&mut tx, op, &outcome, now).await?;
    remember(&mut tx, pulled, &outcome).await?;
    store::pulled(&mut tx, pulled.seq).await?;
    tx.commit().await?;
    Ok(true)
}

/// Leaves the replayed operation's trace here, in the replay's transaction: its entry in
/// the history of the record it touched, beside this device's own audit chain, never in
/// it (its signature-trail events are written with its outcome).
async fn remember(
    conn: &mut Connection,
    pulled: &Pulled,
    outcome: &Outcome,
) -> Result<(), AppError> {
    if let Some(entry) = HistoryEntry::replayed(&pulled.operation, pulled.seq, outcome) {
        history::append_replayed(conn, &entry).await?;
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

fn refused(pulled: &Pulled, code: ErrorCode, message: &str) -> AppError {
    AppError::SyncReplay {
        seq: pulled.seq,
        code,
        message: message.to_string(),
    }
}
