//! Subscriptions: the services running for customers.

use nimbo_domain::subscription::Subscription;
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::{StoreError, parse_json, time_text, to_json};

/// Writes a new subscription (as [`upsert`] does: the one a completed order sets up is
/// the same on every laptop that writes it).
pub async fn insert(conn: &mut SqliteConnection, s: &Subscription) -> Result<(), StoreError> {
    upsert(conn, s).await
}

/// The subscription an order set up, if any.
pub async fn by_order(
    conn: &mut SqliteConnection,
    order_id: Uuid,
) -> Result<Option<Subscription>, StoreError> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM subscriptions WHERE order_id = ?")
            .bind(order_id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    body.as_deref().map(parse_json).transpose()
}

/// A customer's subscriptions.
pub async fn by_customer(
    conn: &mut SqliteConnection,
    customer_id: Uuid,
) -> Result<Vec<Subscription>, StoreError> {
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM subscriptions WHERE customer_id = ? ORDER BY created_at",
    )
    .bind(customer_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    bodies.iter().map(|b| parse_json(b)).collect()
}

/// A subscription by id.
pub async fn by_id(
    conn: &mut SqliteConnection,
    id: Uuid,
) -> Result<Option<Subscription>, StoreError> {
    let body: Option<String> = sqlx::query_scalar("SELECT body FROM subscriptions WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    body.as_deref().map(parse_json).transpose()
}

/// Every subscription, oldest first.
pub async fn all(conn: &mut SqliteConnection) -> Result<Vec<Subscription>, StoreError> {
    let bodies: Vec<String> =
        sqlx::query_scalar("SELECT body FROM subscriptions ORDER BY created_at, id")
            .fetch_all(&mut *conn)
            .await?;
    bodies.iter().map(|b| parse_json(b)).collect()
}

/// The subscription an AWS account belongs to, by every subscription's accounts: the map
/// an import reads (an account is one subscription's).
pub async fn by_aws_account(
    conn: &mut SqliteConnection,
) -> Result<std::collections::HashMap<String, Uuid>, StoreError> {
    let mut map = std::collections::HashMap::new();
    for s in all(conn).await? {
        for account in &s.aws_accounts {
            map.insert(account.trim().to_string(), s.id);
        }
    }
    Ok(map)
}

/// Writes a subscription over its previous state (or as new).
pub async fn upsert(conn: &mut SqliteConnection, s: &Subscription) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO subscriptions (id, order_id, customer_id, subscriber_id, billing_account, activation_date, \
         status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body",
    )
    .bind(s.id.to_string())
    .bind(s.order_id.to_string())
    .bind(s.customer_id.to_string())
    .bind(&s.subscriber_id)
    .bind(&s.billing_account)
    .bind(s.activation_date.to_string())
    .bind(s.status.id())
    .bind(to_json(s)?)
    .bind(time_text(s.created_at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}
