//! Imported consumption: one row per file and its sums per subscription, account,
//! period, service and category.

use std::str::FromStr;

use nimbo_domain::billing::{ConsumptionAggregate, ConsumptionImport, Period};
use rust_decimal::Decimal;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_json, parse_uuid, time_text, to_json};

/// Writes an import and its sums (an import is never changed).
pub async fn insert(
    conn: &mut SqliteConnection,
    import: &ConsumptionImport,
) -> Result<(), StoreError> {
    let exists: Option<String> =
        sqlx::query_scalar("SELECT id FROM consumption_imports WHERE id = ?")
            .bind(import.id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    if exists.is_some() {
        return Ok(());
    }
    let mut head = import.clone();
    head.aggregates.clear();
    sqlx::query(
        "INSERT INTO consumption_imports (id, sha256, months, at, body) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(import.id.to_string())
    .bind(&import.sha256)
    .bind(to_json(&import.months)?)
    .bind(time_text(import.at))
    .bind(to_json(&head)?)
    .execute(&mut *conn)
    .await?;
    for a in &import.aggregates {
        sqlx::query(
            "INSERT INTO consumption (import_id, subscription_id, aws_account, period, month, \
             service, category, amount, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(import.id.to_string())
        .bind(a.subscription_id.to_string())
        .bind(&a.aws_account)
        .bind(a.period.to_string())
        .bind(&a.month)
        .bind(&a.service)
        .bind(a.category.id())
        .bind(a.amount.to_string())
        .bind(i64::try_from(a.rows).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

fn aggregate(row: &sqlx::sqlite::SqliteRow) -> Result<ConsumptionAggregate, StoreError> {
    let amount: String = row.get("amount");
    let period: String = row.get("period");
    let category: String = row.get("category");
    Ok(ConsumptionAggregate {
        subscription_id: parse_uuid(row.get("subscription_id"))?,
        aws_account: row.get("aws_account"),
        period: period
            .parse::<Period>()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        month: row.get("month"),
        service: row.get("service"),
        category: parse_json(&format!("\"{category}\""))?,
        amount: Decimal::from_str(&amount)
            .map_err(|_| StoreError::Corrupt(format!("importe {amount}")))?,
        rows: u64::try_from(row.get::<i64, _>("rows")).unwrap_or(0),
    })
}

/// An import with its sums.
pub async fn by_id(
    conn: &mut SqliteConnection,
    id: Uuid,
) -> Result<Option<ConsumptionImport>, StoreError> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM consumption_imports WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let Some(body) = body else {
        return Ok(None);
    };
    let mut import: ConsumptionImport = parse_json(&body)?;
    let rows = sqlx::query(
        "SELECT subscription_id, aws_account, period, month, service, category, amount, rows \
         FROM consumption WHERE import_id = ? ORDER BY rowid",
    )
    .bind(id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    import.aggregates = rows.iter().map(aggregate).collect::<Result<_, _>>()?;
    Ok(Some(import))
}

/// An import by the SHA-256 of its file.
pub async fn by_sha256(
    conn: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<ConsumptionImport>, StoreError> {
    let id: Option<String> =
        sqlx::query_scalar("SELECT id FROM consumption_imports WHERE sha256 = ?")
            .bind(sha256)
            .fetch_optional(&mut *conn)
            .await?;
    match id {
        Some(id) => by_id(conn, parse_uuid(&id)?).await,
        None => Ok(None),
    }
}

/// Every import, oldest first, without their sums.
pub async fn all_heads(conn: &mut SqliteConnection) -> Result<Vec<ConsumptionImport>, StoreError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT body FROM consumption_imports ORDER BY at, id")
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|b| parse_json(b)).collect()
}

/// Every import that has sums in the period, with only those sums (what the period's
/// run reads), oldest first.
pub async fn reaching(
    conn: &mut SqliteConnection,
    period: Period,
) -> Result<Vec<ConsumptionImport>, StoreError> {
    let mut imports = Vec::new();
    for head in all_heads(conn).await? {
        let rows = sqlx::query(
            "SELECT subscription_id, aws_account, period, month, service, category, amount, rows \
             FROM consumption WHERE import_id = ? AND period = ? ORDER BY rowid",
        )
        .bind(head.id.to_string())
        .bind(period.to_string())
        .fetch_all(&mut *conn)
        .await?;
        if rows.is_empty() {
            continue;
        }
        let mut import = head;
        import.aggregates = rows.iter().map(aggregate).collect::<Result<_, _>>()?;
        imports.push(import);
    }
    Ok(imports)
}
