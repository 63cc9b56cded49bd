//! The catalogue: plans with their prices from a day on, and risks.

use chrono::NaiveDate;
use nimbo_domain::catalogue::{Plan, PlanPrice, Risk};
use nimbo_domain::operation::PlanRecord;
use sqlx::{Row, SqliteConnection};

use crate::{StoreError, parse_json, to_json};

/// Writes a plan's prices valid from a day, over a version of the same day.
pub async fn put_plan(
    conn: &mut SqliteConnection,
    plan: &Plan,
    valid_from: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO plans (code, valid_from, name, pricing) VALUES (?, ?, ?, ?) \
         ON CONFLICT (code, valid_from) DO UPDATE SET name = excluded.name, pricing = excluded.pricing",
    )
    .bind(&plan.code)
    .bind(valid_from)
    .bind(&plan.name)
    .bind(to_json(&plan.pricing)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes every version of a plan as its record holds them.
pub async fn put_plan_record(
    conn: &mut SqliteConnection,
    record: &PlanRecord,
) -> Result<(), StoreError> {
    for price in &record.prices {
        put_plan(conn, &price.plan, &price.valid_from.to_string()).await?;
    }
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

/// Every plan with all its versions, in the catalogue's order.
pub async fn plan_records(conn: &mut SqliteConnection) -> Result<Vec<PlanRecord>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, valid_from, name, pricing FROM plans \
         ORDER BY (SELECT min(rowid) FROM plans q WHERE q.code = plans.code), valid_from",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut records: Vec<PlanRecord> = Vec::new();
    for r in &rows {
        let code: String = r.get("code");
        let day: String = r.get("valid_from");
        let price = PlanPrice {
            plan: Plan {
                code: code.clone(),
                name: r.get("name"),
                pricing: parse_json(r.get("pricing"))?,
            },
            valid_from: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .map_err(|_| StoreError::Corrupt(format!("vigencia {day}")))?,
        };
        match records.last_mut() {
            Some(last) if last.code == code => last.prices.push(price),
            _ => records.push(PlanRecord {
                code,
                prices: vec![price],
            }),
        }
    }
    Ok(records)
}

/// Writes a risk of the catalogue over its previous texts.
pub async fn put_risk(conn: &mut SqliteConnection, risk: &Risk) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO risks (code, name_es, name_en, active, description_es, description_en) \
         VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (code) DO UPDATE SET name_es = excluded.name_es, \
         name_en = excluded.name_en, active = excluded.active, \
         description_es = excluded.description_es, description_en = excluded.description_en",
    )
    .bind(&risk.code)
    .bind(&risk.name_es)
    .bind(&risk.name_en)
    .bind(risk.active)
    .bind(&risk.description_es)
    .bind(&risk.description_en)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every risk of the catalogue, retired ones too.
pub async fn all_risks(conn: &mut SqliteConnection) -> Result<Vec<Risk>, StoreError> {
    let rows = sqlx::query(
        "SELECT code, name_es, name_en, active, description_es, description_en FROM risks \
         ORDER BY rowid",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Risk {
            code: r.get("code"),
            name_es: r.get("name_es"),
            name_en: r.get("name_en"),
            active: r.get("active"),
            description_es: r.get("description_es"),
            description_en: r.get("description_en"),
        })
        .collect())
}

/// The active risks of the catalogue.
pub async fn risks(conn: &mut SqliteConnection) -> Result<Vec<Risk>, StoreError> {
    Ok(all_risks(conn)
        .await?
        .into_iter()
        .filter(|r| r.active)
        .collect())
}
