//! Writing what the domain's `apply` decided, the one writer every change goes through:
//! a change made here (then journalled: audit event and outbox operation, see
//! [`crate::journal`]) and one replayed from another laptop (then remembered in the
//! history of others' work, see [`crate::sync`]) write their records, stamps,
//! subscriptions and signature-trail events the same way, in the caller's transaction.

use chrono::{DateTime, Utc};
use nimbo_domain::catalogue::{initial_plans, initial_risks};
use nimbo_domain::operation::{Command, Operation, OperationBody, Outcome, operation_time};
use nimbo_store::{Connection, catalogue, documents, records, stamps, subscriptions};

use crate::AppError;

/// Writes the outcome of `op` in the caller's transaction. `now` is when this laptop
/// writes it, for its own bookkeeping columns; what the records say happened carries the
/// operation's own time.
pub(crate) async fn write(
    conn: &mut Connection,
    op: &Operation,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    records::save(conn, &outcome.records, now).await?;
    stamps::save(conn, &outcome.stamps).await?;
    for subscription in outcome.subscriptions() {
        if subscriptions::by_order(conn, subscription.order_id)
            .await?
            .is_none()
        {
            subscriptions::insert(conn, &subscription).await?;
        }
    }
    // `apply` refuses a second set-up, so the catalogue is seeded once per database.
    if let OperationBody::Command {
        command: Command::InitOrganisation { .. },
    } = &op.body
    {
        seed_catalogue(conn, now).await?;
    }
    // Under ids derived from the operation: the laptop that made it and every laptop
    // that replays it hold the same events, and a page replayed twice adds nothing.
    if let Some(at) = operation_time(op) {
        for (n, event) in outcome.trail.iter().enumerate() {
            let event = event
                .clone()
                .stamped(op.derived_id("signature_event", n), at, &op.actor);
            documents::append_replayed_event(conn, &event).await?;
        }
    }
    Ok(())
}

/// Seeds a new organisation's catalogue with the initial plans and risks (DOMAIN §2, §7):
/// at set-up here, and when another laptop's set-up is replayed (the catalogue is not
/// synced yet, so every database starts from the same one).
async fn seed_catalogue(
    tx: &mut Connection,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let from = nimbo_domain::time::today_in_asuncion(now).to_string();
    for plan in initial_plans() {
        catalogue::put_plan(tx, &plan, &from).await?;
    }
    for risk in initial_risks() {
        catalogue::put_risk(tx, &risk).await?;
    }
    Ok(())
}
