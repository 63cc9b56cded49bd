//! The laptop's side of sync (SYNC.md, DOMAIN §9): connect this database to the sync
//! server once online ([`login`]), then [`sync`] whenever the network is there — the
//! outbox goes up in the order it was written, files first, each operation answered
//! applied, refused with a reason or in conflict; what other laptops did comes down by
//! the server's gap-free sequence and is replayed here through the domain's own
//! `operation::apply`, the function the server decided it with.
//!
//! Work never waits for the network: every change is saved with its outbox operation
//! (see `journal`), and an unreachable server only leaves operations queued.

pub(crate) mod conflicts;
mod connection;
pub mod progress;
mod pull;
mod push;
mod realign;

use chrono::{DateTime, Utc};
use nimbo_store::{outbox, sync as store};
use serde::Serialize;

use crate::{AppError, Nimbo};

pub use conflicts::restore_mine;
pub use connection::{login, logout};
pub use pull::pull;
pub use push::push;

/// Where sync stands on this computer.
#[derive(Debug, Clone, Serialize)]
pub struct SyncStatus {
    /// The server, once connected.
    pub server_url: Option<String>,
    /// Who connected it.
    pub username: Option<String>,
    /// Operations waiting to be sent.
    pub pending: i64,
    /// Operations the server refused or found in conflict (see [`unaccepted`]).
    pub unaccepted: usize,
    /// The last server sequence number applied here.
    pub pulled_through: i64,
    /// When the last sync finished.
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Why the last sync failed, if it did.
    pub last_error: Option<String>,
}

/// What one sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Operations sent and applied by the server.
    pub applied: usize,
    /// Operations the server refused (shown with [`unaccepted`]).
    pub refused: usize,
    /// Operations that met someone else's change.
    pub conflicts: usize,
    /// Operations kept queued for now (a file not uploaded yet, the laptop's clock ahead).
    pub deferred: usize,
    /// Files uploaded.
    pub files_sent: usize,
    /// Operations of others pulled and replayed here.
    pub pulled: usize,
    /// Files downloaded for them.
    pub files_received: usize,
    /// The last server sequence number applied here.
    pub pulled_through: i64,
    /// Records brought back in line with the server's (after a refusal).
    pub realigned: usize,
    /// Edit conflicts the connected user is part of, as the server lists them now.
    pub edit_conflicts: usize,
}

/// Where sync stands.
pub async fn status(nimbo: &Nimbo) -> Result<SyncStatus, AppError> {
    let mut conn = nimbo.store().read().await?;
    let session = store::session(&mut conn).await?;
    Ok(SyncStatus {
        server_url: session.as_ref().map(|s| s.server_url.clone()),
        username: session.as_ref().map(|s| s.username.clone()),
        pending: outbox::pending(&mut conn).await?,
        unaccepted: usize::try_from(outbox::unaccepted_count(&mut conn).await?).unwrap_or(0),
        pulled_through: session.as_ref().map_or(0, |s| s.pulled_through),
        last_sync_at: session.as_ref().and_then(|s| s.last_sync_at),
        last_error: session.and_then(|s| s.last_error),
    })
}

/// The operations the server refused or found in conflict, newest first, with its
/// answers.
pub async fn unaccepted(nimbo: &Nimbo) -> Result<Vec<outbox::Unaccepted>, AppError> {
    let mut conn = nimbo.store().read().await?;
    Ok(outbox::unaccepted(&mut conn, 500).await?)
}

/// Sends the outbox, then brings down what others did. A failure is remembered for the
/// status and returned; what was done before it stays done.
pub async fn sync(nimbo: &Nimbo) -> Result<SyncReport, AppError> {
    // One sync at a time in a program: the desktop's timer and its button may meet.
    static RUNNING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one = RUNNING.lock().await;
    progress::clear();
    let outcome = async {
        let client = connection::client(nimbo).await?;
        let mut report = push(nimbo, &client).await?;
        let pulled = pull(nimbo, &client).await?;
        report.pulled = pulled.pulled;
        report.files_received = pulled.files_received;
        report.pulled_through = pulled.pulled_through;
        report.realigned += pulled.realigned;
        report.edit_conflicts = conflicts::refresh(nimbo, &client).await?;
        Ok::<SyncReport, AppError>(report)
    }
    .await;
    progress::clear();
    let mut conn = nimbo.store().begin().await?;
    let error = outcome
        .as_ref()
        .err()
        .map(|e| e.sentence(nimbo_domain::Lang::Es));
    store::finished(&mut conn, error.as_deref(), nimbo.now()).await?;
    conn.commit().await?;
    outcome
}
