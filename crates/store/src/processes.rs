//! Terminations, suspensions and reconnections, and the waits «Mis tareas» lists.

use chrono::{DateTime, Utc};
use nimbo_domain::service::{ProcessKind, ServiceProcess};
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::{StoreError, parse_json, time_text, to_json};

/// Writes a process over its previous state (or as new), with the waits of its open step.
pub async fn upsert(conn: &mut SqliteConnection, p: &ServiceProcess) -> Result<(), StoreError> {
    let (since, created_at) = (waiting_since(p), p.created_at());
    sqlx::query(
        "INSERT INTO processes (id, kind, number, subscription_id, customer_id, status, step_since, \
         created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, step_since = excluded.step_since, \
         body = excluded.body",
    )
    .bind(p.id().to_string())
    .bind(p.kind().id())
    .bind(p.number())
    .bind(p.subscription_id().to_string())
    .bind(p.customer_id().to_string())
    .bind(p.status().id())
    .bind(time_text(since))
    .bind(time_text(created_at))
    .bind(to_json(p)?)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM process_waits WHERE process_id = ?")
        .bind(p.id().to_string())
        .execute(&mut *conn)
        .await?;
    // The task as seen when it became current: its deadline does not depend on `now`.
    if let Some(task) = p.task(since) {
        for role in &task.roles {
            sqlx::query(
                "INSERT INTO process_waits (process_id, role, step, since, deadline) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(p.id().to_string())
            .bind(role.id())
            .bind(task.step.key())
            .bind(time_text(task.since))
            .bind(task.deadline.map(time_text))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

fn waiting_since(p: &ServiceProcess) -> DateTime<Utc> {
    match p {
        ServiceProcess::Termination(c) => c.flow.step_since,
        ServiceProcess::Suspension(c) => c.flow.step_since,
        ServiceProcess::Reconnection(c) => c.flow.step_since,
    }
}

async fn many(
    conn: &mut SqliteConnection,
    sql: &'static str,
    key: String,
) -> Result<Vec<ServiceProcess>, StoreError> {
    let bodies: Vec<String> = sqlx::query_scalar(sql)
        .bind(key)
        .fetch_all(&mut *conn)
        .await?;
    bodies.iter().map(|b| parse_json(b)).collect()
}

/// A process by id.
pub async fn by_id(
    conn: &mut SqliteConnection,
    id: Uuid,
) -> Result<Option<ServiceProcess>, StoreError> {
    Ok(many(
        conn,
        "SELECT body FROM processes WHERE id = ?",
        id.to_string(),
    )
    .await?
    .pop())
}

/// A process by number (`BAJ-7K3F-000001`).
pub async fn by_number(
    conn: &mut SqliteConnection,
    number: &str,
) -> Result<Option<ServiceProcess>, StoreError> {
    Ok(many(
        conn,
        "SELECT body FROM processes WHERE number = ?",
        number.trim().to_uppercase(),
    )
    .await?
    .pop())
}

/// A subscription's processes, oldest first.
pub async fn of_subscription(
    conn: &mut SqliteConnection,
    subscription_id: Uuid,
) -> Result<Vec<ServiceProcess>, StoreError> {
    many(
        conn,
        "SELECT body FROM processes WHERE subscription_id = ? ORDER BY created_at, id",
        subscription_id.to_string(),
    )
    .await
}

/// A customer's processes, oldest first.
pub async fn of_customer(
    conn: &mut SqliteConnection,
    customer_id: Uuid,
) -> Result<Vec<ServiceProcess>, StoreError> {
    many(
        conn,
        "SELECT body FROM processes WHERE customer_id = ? ORDER BY created_at, id",
        customer_id.to_string(),
    )
    .await
}

/// The processes of a kind, newest first, at most `limit`; only open ones when asked.
pub async fn of_kind(
    conn: &mut SqliteConnection,
    kind: ProcessKind,
    open_only: bool,
    limit: u32,
) -> Result<Vec<ServiceProcess>, StoreError> {
    let sql = if open_only {
        "SELECT body FROM processes WHERE kind = ? AND status = 'open' ORDER BY created_at DESC, id LIMIT ?"
    } else {
        "SELECT body FROM processes WHERE kind = ? ORDER BY created_at DESC, id LIMIT ?"
    };
    let bodies: Vec<String> = sqlx::query_scalar(sql)
        .bind(kind.id())
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
    bodies.iter().map(|b| parse_json(b)).collect()
}

/// One wait «Mis tareas» lists: the process and the step it waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    /// The process, as stored.
    pub process: ServiceProcess,
    /// Since when it waits.
    pub since: DateTime<Utc>,
    /// When it is due, if its step has a time limit.
    pub deadline: Option<DateTime<Utc>>,
}

/// The open processes waiting for any of the roles, oldest wait first: a page of
/// `limit` from `offset`, and how many there are in all.
///
/// The page is chosen from `process_waits_role_since` alone (role, since, process id,
/// deadline: migration 0016) and only its rows' processes are read. One role (most
/// people) walks the index in the page's order and stops after the page; several roles
/// group a process waiting for more than one of them (a decision step) into one line.
pub async fn waiting_for(
    conn: &mut SqliteConnection,
    roles: &[&str],
    limit: u32,
    offset: u32,
) -> Result<(Vec<Wait>, u64), StoreError> {
    if roles.is_empty() {
        return Ok((Vec::new(), 0));
    }
    // Only placeholders are formatted in: the roles are bound.
    let marks = vec!["?"; roles.len()].join(", ");
    let (count_sql, chosen) = if roles.len() == 1 {
        // (process, role) is the key: one role waits at most once per process.
        (
            "SELECT count(*) FROM process_waits WHERE role = ?".to_string(),
            "SELECT process_id, since, deadline FROM process_waits WHERE role = ? \
             ORDER BY since, process_id LIMIT ? OFFSET ?"
                .to_string(),
        )
    } else {
        (
            format!("SELECT count(DISTINCT process_id) FROM process_waits WHERE role IN ({marks})"),
            format!(
                "SELECT process_id, min(since) AS since, min(deadline) AS deadline \
                 FROM process_waits WHERE role IN ({marks}) GROUP BY process_id \
                 ORDER BY since, process_id LIMIT ? OFFSET ?"
            ),
        )
    };
    let mut count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql));
    for r in roles {
        count = count.bind(*r);
    }
    let total = count.fetch_one(&mut *conn).await?;
    let page_sql = format!(
        "SELECT p.body, w.since, w.deadline FROM ({chosen}) w \
         JOIN processes p ON p.id = w.process_id ORDER BY w.since, w.process_id"
    );
    let mut page =
        sqlx::query_as::<_, (String, String, Option<String>)>(sqlx::AssertSqlSafe(page_sql));
    for r in roles {
        page = page.bind(*r);
    }
    let rows = page
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&mut *conn)
        .await?;
    let mut waits = Vec::with_capacity(rows.len());
    for (body, since, deadline) in rows {
        waits.push(Wait {
            process: parse_json(&body)?,
            since: parse_time(&since)?,
            deadline: deadline.as_deref().map(parse_time).transpose()?,
        });
    }
    Ok((waits, u64::try_from(total).unwrap_or(0)))
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("unreadable time {text}: {e}")))
}
