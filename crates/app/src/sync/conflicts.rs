//! Edit conflicts both people see (SYNC.md: "a conflict record is kept that both users
//! see"): when two people changed the same field offline, the server keeps the later
//! change and records the conflict; each sync brings the list of those the connected
//! user is part of — as the author of the edit that arrived second, or as the person
//! whose value it met — and keeps it here, so it can be read offline. The person whose
//! value lost may put it back, as an ordinary edit.

use nimbo_domain::customer::CustomerPatch;
use nimbo_domain::operation::{EntityKind, customer_value, organisation_value};
use nimbo_domain::organisation::OrganisationPatch;
use nimbo_store::conflicts::{self as store, EditConflict};
use nimbo_sync::client::Client;
use uuid::Uuid;

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

/// The value the connected user may put back in a kept conflict, with the record's kind:
/// none when the conflict is gone, the user lost nothing in it, the field holds their
/// value again, or it is money (settled by hand).
pub(crate) async fn restorable(
    conn: &mut nimbo_store::Connection,
    conflict: &EditConflict,
    me: &str,
) -> Result<Option<serde_json::Value>, AppError> {
    let now_held = match kind_of(conflict) {
        Some(EntityKind::Customer) => {
            match nimbo_store::customers::by_id(conn, conflict.entity_id).await? {
                Some(c) => customer_value(&c, &conflict.field),
                None => return Ok(None),
            }
        }
        Some(EntityKind::Organisation) => match nimbo_store::organisation::load(conn).await? {
            Some(o) => organisation_value(&o, &conflict.field),
            None => return Ok(None),
        },
        // Only customers and the organisation are edited field by field.
        _ => return Ok(None),
    };
    Ok(conflict.restorable(me, &now_held).cloned())
}

/// The kind of record a kept conflict is about, when this build knows it.
pub(crate) fn kind_of(conflict: &EditConflict) -> Option<EntityKind> {
    serde_json::from_value(serde_json::Value::String(conflict.entity_kind.clone())).ok()
}

/// Puts back the value the connected user lost in the conflict of `operation` on `field`:
/// an ordinary edit of that one field, made by `by` and checked, recorded and sent like
/// any other (the one apply path).
pub async fn restore_mine(
    nimbo: &Nimbo,
    by: &str,
    operation: Uuid,
    field: &str,
) -> Result<(), AppError> {
    let gone = || AppError::ConflictNotRestorable;
    let (conflict, value, ruc) = {
        let mut conn = nimbo.store().read().await?;
        let me = nimbo_store::sync::session(&mut conn)
            .await?
            .map(|s| s.username)
            .ok_or(AppError::SyncNotConnected)?;
        let conflict = store::list(&mut conn)
            .await?
            .into_iter()
            .find(|c| c.operation_id == operation && c.field == field)
            .ok_or_else(gone)?;
        let value = restorable(&mut conn, &conflict, &me)
            .await?
            .ok_or_else(gone)?;
        let ruc = match kind_of(&conflict) {
            Some(EntityKind::Customer) => {
                nimbo_store::customers::by_id(&mut conn, conflict.entity_id)
                    .await?
                    .map(|c| c.ruc.to_string())
            }
            _ => None,
        };
        (conflict, value, ruc)
    };
    let patch = conflict.patch_restoring(&value);
    match (kind_of(&conflict), ruc) {
        (Some(EntityKind::Customer), Some(ruc)) => {
            let patch: CustomerPatch = serde_json::from_value(patch).map_err(|_| gone())?;
            crate::actions::customers::edit(nimbo, by, &ruc, &patch).await?;
        }
        (Some(EntityKind::Organisation), _) => {
            let patch: OrganisationPatch = serde_json::from_value(patch).map_err(|_| gone())?;
            crate::actions::organisation::edit(nimbo, by, &patch).await?;
        }
        _ => return Err(gone()),
    }
    Ok(())
}
