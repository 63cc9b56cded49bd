//! Writing what the domain's `apply` decided, the one writer every change goes through:
//! a change made here (then journalled: audit event and outbox operation, see
//! [`crate::journal`]) and one replayed from another laptop (then remembered in the
//! history of others' work, see [`crate::sync`]) write their records, stamps,
//! subscriptions and signature-trail events the same way, in the caller's transaction.

use chrono::{DateTime, Utc};
use nimbo_domain::operation::{Operation, Outcome, operation_time};
use nimbo_store::{Connection, documents, records, stamps, subscriptions};

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
