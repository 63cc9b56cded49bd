//! Subscriptions the server keeps as records since billing (issue 12): an order completed
//! before then left none here, though billing names it. Writing the ones missing, from
//! the completed orders, with the same id the domain derives, brings such a server up to
//! date; on any other it writes nothing.

use nimbo_domain::order::Order;
use nimbo_domain::subscription::Subscription;

use super::Pool;
use crate::error::ServerError;

/// Writes the subscription of every completed order that has none yet, at the order's
/// version; returns how many were written.
pub async fn backfill(pool: &Pool) -> Result<u64, ServerError> {
    let rows: Vec<(serde_json::Value, i64)> = sqlx::query_as(
        "SELECT o.state, o.version FROM entities o
         WHERE o.kind = 'order' AND o.state ->> 'status' = 'completed'",
    )
    .fetch_all(pool)
    .await?;
    let mut written = 0;
    for (state, version) in rows {
        let Ok(order) = serde_json::from_value::<Order>(state) else {
            continue;
        };
        let Some(subscription) = Subscription::from_completed_order(&order) else {
            continue;
        };
        let state = serde_json::to_value(&subscription)
            .map_err(|e| ServerError::Internal(format!("serialising a subscription: {e}")))?;
        written += sqlx::query(
            "INSERT INTO entities (kind, id, state, stamps, version)
             VALUES ('subscription', $1, $2, '{}', $3) ON CONFLICT (kind, id) DO NOTHING",
        )
        .bind(subscription.id)
        .bind(state)
        .bind(version)
        .execute(pool)
        .await?
        .rows_affected();
    }
    Ok(written)
}
