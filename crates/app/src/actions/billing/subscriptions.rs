//! The subscriptions billing charges, as the billing specialist and the KAM find them:
//! by Siebel's Subscriber ID (as printed on every invoice), or by id.

use nimbo_domain::subscription::Subscription;
use nimbo_store::{Connection, customers, subscriptions};
use serde::Serialize;
use uuid::Uuid;

use crate::context::require;
use crate::{AppError, Nimbo};

/// A subscription with the customer it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct SubscriptionLine {
    /// The subscription.
    pub subscription: Subscription,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
}

/// The subscription a person means: its Subscriber ID or its id.
pub async fn find(conn: &mut Connection, text: &str) -> Result<Subscription, AppError> {
    let text = text.trim();
    let not_found = || AppError::SubscriptionNotFound {
        text: text.to_string(),
    };
    if let Ok(id) = Uuid::parse_str(text) {
        return subscriptions::by_id(conn, id).await?.ok_or_else(not_found);
    }
    subscriptions::all(conn)
        .await?
        .into_iter()
        .find(|s| s.subscriber_id.eq_ignore_ascii_case(text))
        .ok_or_else(not_found)
}

async fn line(conn: &mut Connection, s: Subscription) -> Result<SubscriptionLine, AppError> {
    let customer = customers::by_id(conn, s.customer_id).await?;
    Ok(SubscriptionLine {
        customer: customer
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        ruc: customer.map(|c| c.ruc.to_string()).unwrap_or_default(),
        subscription: s,
    })
}

/// Every subscription with its customer, oldest first.
pub async fn list(nimbo: &Nimbo) -> Result<Vec<SubscriptionLine>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let mut lines = Vec::new();
    for s in subscriptions::all(&mut conn).await? {
        lines.push(line(&mut conn, s).await?);
    }
    Ok(lines)
}

/// One subscription with its customer.
pub async fn show(nimbo: &Nimbo, text: &str) -> Result<SubscriptionLine, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let s = find(&mut conn, text).await?;
    line(&mut conn, s).await
}
