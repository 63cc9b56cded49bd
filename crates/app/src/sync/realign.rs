//! Bringing a record back in line with the server's, the authority: when the server
//! refused an operation made here, or when replaying someone else's found the record here
//! differing (because of such a refusal), the record as the server holds it replaces this
//! database's. A record the server never accepted stays here, with its refused operation
//! listed for its author (`nimbo sync refused`).

use nimbo_domain::operation::{Command, EntityKind, Operation, OperationBody};
use nimbo_store::records;
use nimbo_sync::client::Client;

use super::connection::client_error;
use crate::{AppError, Nimbo};

/// How the server names the record an operation touches, when it keeps one.
fn server_key(op: &Operation) -> Option<(&'static str, String)> {
    let id = op.entity_id.to_string();
    match op.entity {
        EntityKind::Organisation => Some(("organisation", "-".into())),
        EntityKind::Customer => Some(("customer", id)),
        EntityKind::Order => Some(("order", id)),
        EntityKind::Document => Some(("document", id)),
        EntityKind::User => match &op.body {
            OperationBody::Command { command } => match command {
                Command::CreateUser { user } => Some(("user", user.username.clone())),
                Command::GrantRole { username, .. }
                | Command::RevokeRole { username, .. }
                | Command::SetUserActive { username, .. } => Some(("user", username.clone())),
                _ => None,
            },
            OperationBody::Fields { .. } => None,
        },
        EntityKind::Subscription | EntityKind::Attachment => None,
    }
}

/// Replaces the record `op` touches with the server's; false when the server keeps no
/// such record (nothing changed here).
pub(crate) async fn realign(
    nimbo: &Nimbo,
    client: &Client,
    op: &Operation,
) -> Result<bool, AppError> {
    let Some((kind, key)) = server_key(op) else {
        return Ok(false);
    };
    let Some(record) = client.record(kind, &key).await.map_err(client_error)? else {
        return Ok(false);
    };
    let mut tx = nimbo.store().begin().await?;
    records::save(&mut tx, &[record], nimbo.now()).await?;
    tx.commit().await?;
    Ok(true)
}
