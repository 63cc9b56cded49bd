//! Locked periods and their frozen charge lines.

use nimbo_domain::billing::{ChargeLine, Period, PeriodLock};
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::{StoreError, parse_json, parse_time, time_text, to_json};

/// Writes a lock and its lines (a lock is never changed).
pub async fn insert(conn: &mut SqliteConnection, lock: &PeriodLock) -> Result<(), StoreError> {
    let done = sqlx::query(
        "INSERT INTO period_locks (period, run_hash, by_user, at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (period) DO NOTHING",
    )
    .bind(lock.period.to_string())
    .bind(&lock.run_hash)
    .bind(&lock.by)
    .bind(time_text(lock.at))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(());
    }
    for (position, line) in lock.lines.iter().enumerate() {
        sqlx::query(
            "INSERT INTO charge_lines (id, period, subscription_id, position, body) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(line.id.to_string())
        .bind(lock.period.to_string())
        .bind(line.subscription_id.to_string())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(to_json(line)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A period's lock with its lines, if locked.
pub async fn of_period(
    conn: &mut SqliteConnection,
    period: Period,
) -> Result<Option<PeriodLock>, StoreError> {
    let row = sqlx::query("SELECT run_hash, by_user, at FROM period_locks WHERE period = ?")
        .bind(period.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let bodies: Vec<String> =
        sqlx::query_scalar("SELECT body FROM charge_lines WHERE period = ? ORDER BY position")
            .bind(period.to_string())
            .fetch_all(&mut *conn)
            .await?;
    Ok(Some(PeriodLock {
        period,
        run_hash: row.get("run_hash"),
        by: row.get("by_user"),
        at: parse_time(row.get("at"))?,
        lines: bodies
            .iter()
            .map(|b| parse_json(b))
            .collect::<Result<_, _>>()?,
    }))
}

/// The locked periods, newest first.
pub async fn locked_periods(conn: &mut SqliteConnection) -> Result<Vec<Period>, StoreError> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT period FROM period_locks ORDER BY period DESC")
            .fetch_all(&mut *conn)
            .await?;
    rows.iter()
        .map(|p| {
            p.parse::<Period>()
                .map_err(|e| StoreError::Corrupt(e.to_string()))
        })
        .collect()
}

/// A subscription's locked lines, newest period first.
pub async fn lines_of_subscription(
    conn: &mut SqliteConnection,
    subscription_id: Uuid,
) -> Result<Vec<ChargeLine>, StoreError> {
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM charge_lines WHERE subscription_id = ? ORDER BY period DESC, position",
    )
    .bind(subscription_id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    bodies.iter().map(|b| parse_json(b)).collect()
}
