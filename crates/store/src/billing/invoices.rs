//! Invoices CBS/Siebel issued, with their payments.

use nimbo_domain::billing::Invoice;
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::{StoreError, parse_json, to_json};

/// Writes an invoice over its previous state (a payment adds to it).
pub async fn upsert(conn: &mut SqliteConnection, inv: &Invoice) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO invoices (id, number, customer_id, billing_account, issued_on, due_on, body) \
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
    )
    .bind(inv.id.to_string())
    .bind(&inv.number)
    .bind(inv.customer_id.to_string())
    .bind(&inv.billing_account)
    .bind(inv.issued_on.to_string())
    .bind(inv.due_on.to_string())
    .bind(to_json(inv)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn one(
    conn: &mut SqliteConnection,
    sql: &'static str,
    key: String,
) -> Result<Option<Invoice>, StoreError> {
    let body: Option<String> = sqlx::query_scalar(sql)
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
    body.as_deref().map(parse_json).transpose()
}

/// An invoice by id.
pub async fn by_id(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<Invoice>, StoreError> {
    one(
        conn,
        "SELECT body FROM invoices WHERE id = ?",
        id.to_string(),
    )
    .await
}

/// An invoice by number.
pub async fn by_number(
    conn: &mut SqliteConnection,
    number: &str,
) -> Result<Option<Invoice>, StoreError> {
    one(
        conn,
        "SELECT body FROM invoices WHERE number = ?",
        number.to_string(),
    )
    .await
}

/// A customer's invoices, by due day.
pub async fn of_customer(
    conn: &mut SqliteConnection,
    customer_id: Uuid,
) -> Result<Vec<Invoice>, StoreError> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM invoices WHERE customer_id = ? ORDER BY due_on, number",
    )
    .bind(customer_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|b| parse_json(b)).collect()
}

/// A Siebel billing account's invoices, by due day.
pub async fn of_account(
    conn: &mut SqliteConnection,
    billing_account: &str,
) -> Result<Vec<Invoice>, StoreError> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM invoices WHERE billing_account = ? ORDER BY due_on, number",
    )
    .bind(billing_account)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|b| parse_json(b)).collect()
}

/// Every invoice, newest due first (the billing specialist's list).
pub async fn all(conn: &mut SqliteConnection) -> Result<Vec<Invoice>, StoreError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT body FROM invoices ORDER BY due_on DESC, number")
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|b| parse_json(b)).collect()
}
