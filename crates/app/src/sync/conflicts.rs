//! Edit conflicts both people see (SYNC.md: "a conflict record is kept that both users
//! see"): when two people changed the same field offline, the server keeps the later
//! change and records the conflict; each sync brings the list of those the connected
//! user is part of — as the author of the edit that arrived second, or as the person
//! whose value it met — and keeps it here, so it can be read offline.

use nimbo_store::conflicts::{self as store, EditConflict};
use nimbo_sync::client::Client;

use super::connection::client_error;
use crate::{AppError, Nimbo};

/// Brings the server's list and keeps it in place of the last one; how many it holds.
pub(crate) async fn refresh(nimbo: &Nimbo, client: &Client) -> Result<usize, AppError> {
    // The wire's conflict record is the store's own type (`EditConflict`, in the domain).
    let listed: Vec<EditConflict> = client.conflicts().await.map_err(client_error)?;
    let mut tx = nimbo.store().begin().await?;
    store::replace(&mut tx, &listed).await?;
    tx.commit().await?;
    Ok(listed.len())
}
