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
        _ => billing_key(op),
    }
}

/// How the server names a billing or catalogue record an operation touches.
fn billing_key(op: &Operation) -> Option<(&'static str, String)> {
    let OperationBody::Command { command } = &op.body else {
        return None;
    };
    Some(match command {
        Command::SetPlanPrice { price, .. } => ("plan", price.plan.code.clone()),
        Command::SetRisk { risk } => ("risk", risk.code.clone()),
        Command::SetHoliday { holiday } => ("holiday", holiday.date.to_string()),
        Command::LockPeriod { period, .. } => ("period_lock", period.to_string()),
        Command::RecordInvoice { invoice } => ("invoice", invoice.id.to_string()),
        Command::RecordPayment { invoice_id, .. } => ("invoice", invoice_id.to_string()),
        Command::LogHours { entry } => ("hours", entry.id.to_string()),
        Command::AddAdjustment { adjustment } => ("adjustment", adjustment.id.to_string()),
        Command::IssueStatement { statement_id, .. } => ("statement", statement_id.to_string()),
        Command::RecordConsumptionImport { import } => {
            ("consumption_import", import.id.to_string())
        }
        _ => return None,
    })
}

/// Whether the server's word on a record of this kind is asked for: a record it only
/// ever creates (an interval, an adjustment, an import) is not served; a refused one is
/// simply forgotten here.
fn served(kind: &str) -> bool {
    !matches!(kind, "hours" | "adjustment" | "consumption_import")
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
    let held = if served(kind) {
        client.record(kind, &key).await.map_err(client_error)?
    } else {
        None
    };
    let Some(record) = held else {
        // Billing's records the server never accepted do not stay: a lock, an import or
        // an interval the server refused would bill what the organisation does not.
        if billing_key(op).is_some() {
            let mut tx = nimbo.store().begin().await?;
            let forgot = records::forget(&mut tx, kind, &key).await?;
            tx.commit().await?;
            return Ok(forgot);
        }
        return Ok(false);
    };
    let mut tx = nimbo.store().begin().await?;
    records::save(&mut tx, &[record], nimbo.now()).await?;
    tx.commit().await?;
    Ok(true)
}
