//! Customers' statements of locked periods and their versions (migration 0017).

use nimbo_domain::billing::{Period, StatementRecord, StatementVersion};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_time, parse_uuid, time_text};

/// Writes a statement as the record stands: its row, and its versions replaced by the
/// record's (a replay adds the new one; bringing it in line with the server's may
/// replace a version the server never accepted).
pub async fn save(conn: &mut SqliteConnection, s: &StatementRecord) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO statements (id, customer_id, period, number) VALUES (?, ?, ?, ?) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(s.id.to_string())
    .bind(s.customer_id.to_string())
    .bind(s.period.to_string())
    .bind(&s.number)
    .execute(&mut *conn)
    .await?;
    let held = versions(conn, s.id).await?;
    if held == s.versions {
        return Ok(());
    }
    sqlx::query("DELETE FROM statement_versions WHERE statement_id = ?")
        .bind(s.id.to_string())
        .execute(&mut *conn)
        .await?;
    for v in &s.versions {
        sqlx::query(
            "INSERT INTO statement_versions \
             (statement_id, version, snapshot_sha256, pdf_sha256, issued_at, issued_by) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(s.id.to_string())
        .bind(i64::from(v.version))
        .bind(&v.snapshot_sha256)
        .bind(&v.pdf_sha256)
        .bind(time_text(v.issued_at))
        .bind(&v.issued_by)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Removes a statement the server never accepted. True when something was removed.
pub async fn forget(conn: &mut SqliteConnection, id: &str) -> Result<bool, StoreError> {
    sqlx::query("DELETE FROM statement_versions WHERE statement_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let gone = sqlx::query("DELETE FROM statements WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(gone.rows_affected() > 0)
}

fn read_version(row: &SqliteRow) -> Result<StatementVersion, StoreError> {
    let version: i64 = row.get("version");
    Ok(StatementVersion {
        version: u32::try_from(version)
            .map_err(|_| StoreError::Corrupt(format!("not a version: {version}")))?,
        snapshot_sha256: row.get("snapshot_sha256"),
        pdf_sha256: row.get("pdf_sha256"),
        issued_at: parse_time(row.get("issued_at"))?,
        issued_by: row.get("issued_by"),
    })
}

async fn versions(
    conn: &mut SqliteConnection,
    id: Uuid,
) -> Result<Vec<StatementVersion>, StoreError> {
    let rows = sqlx::query(
        "SELECT version, snapshot_sha256, pdf_sha256, issued_at, issued_by \
         FROM statement_versions WHERE statement_id = ? ORDER BY version",
    )
    .bind(id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(read_version).collect()
}

fn read_statement(row: &SqliteRow) -> Result<StatementRecord, StoreError> {
    let period: String = row.get("period");
    Ok(StatementRecord {
        id: parse_uuid(row.get("id"))?,
        customer_id: parse_uuid(row.get("customer_id"))?,
        period: period
            .parse::<Period>()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        number: row.get("number"),
        versions: Vec::new(),
    })
}

/// A statement with its versions, by id.
pub async fn by_id(
    conn: &mut SqliteConnection,
    id: Uuid,
) -> Result<Option<StatementRecord>, StoreError> {
    let row = sqlx::query("SELECT id, customer_id, period, number FROM statements WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut statement = read_statement(&row)?;
    statement.versions = versions(conn, id).await?;
    Ok(Some(statement))
}

/// A customer's statements with their versions, newest period first.
pub async fn of_customer(
    conn: &mut SqliteConnection,
    customer_id: Uuid,
) -> Result<Vec<StatementRecord>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, customer_id, period, number FROM statements \
         WHERE customer_id = ? ORDER BY period DESC",
    )
    .bind(customer_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut statement = read_statement(row)?;
        statement.versions = versions(conn, statement.id).await?;
        out.push(statement);
    }
    Ok(out)
}

/// The statement and version whose PDF has this SHA-256, if one has.
pub async fn by_pdf_sha256(
    conn: &mut SqliteConnection,
    sha256: &str,
) -> Result<Option<(StatementRecord, u32)>, StoreError> {
    let found: Option<(String, i64)> = sqlx::query_as(
        "SELECT statement_id, version FROM statement_versions WHERE pdf_sha256 = ? \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(sha256)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, version)) = found else {
        return Ok(None);
    };
    let statement = by_id(conn, parse_uuid(&id)?).await?;
    Ok(statement.and_then(|s| u32::try_from(version).ok().map(|v| (s, v))))
}
