//! The catalogue: plans and risks.

use nimbo_domain::catalogue::{Plan, Risk};
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_json, to_json};

/// Writes a plan's prices valid from a day.
pub async fn put_plan(
    conn: &mut SqliteConnection,
    plan: &Plan,
    valid_from: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO plans (code, valid_from, name, pricing) VALUES (?, ?, ?, ?)")
        .bind(&plan.code)
        .bind(valid_from)
        .bind(&plan.name)
        .bind(to_json(&plan.pricing)?)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The plans, each at its latest price.
pub async fn plans(conn: &mut SqliteConnection) -> Result<Vec<Plan>, StoreError> {
    let rows = sqlx::query(
        "SELECT p.code, p.name, p.pricing FROM plans p WHERE p.valid_from = \
         (SELECT max(valid_from) FROM plans q WHERE q.code = p.code) ORDER BY p.rowid",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Plan {
                code: r.get("code"),
                name: r.get("name"),
                pricing: parse_json(r.get("pricing"))?,
            })
        })
        .collect()
}

/// Writes a risk of the catalogue.
pub async fn put_risk(conn: &mut SqliteConnection, risk: &Risk) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO risks (code, name_es, name_en, active) VALUES (?, ?, ?, 1)")
        .bind(&risk.code)
        .bind(&risk.name_es)
        .bind(&risk.name_en)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The active risks of the catalogue.
pub async fn risks(conn: &mut SqliteConnection) -> Result<Vec<Risk>, StoreError> {
    let rows =
        sqlx::query("SELECT code, name_es, name_en FROM risks WHERE active = 1 ORDER BY rowid")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .iter()
        .map(|r| Risk {
            code: r.get("code"),
            name_es: r.get("name_es"),
            name_en: r.get("name_en"),
            active: true,
        })
        .collect())
}
