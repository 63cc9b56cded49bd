//! Generating a document on demand: a new version only when its data changed.

use chrono::{Datelike, NaiveDate};
use nimbo_domain::document::DocumentKind;
use nimbo_store::documents as store;

use crate::context::actor;
use crate::issuing::{Generated, generate_in};
use crate::{AppError, Nimbo};

/// Generates the order's document of that kind: the same data gives back the current
/// version and writes nothing; changed data makes a new version that voids the previous.
pub async fn generate(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    kind: DocumentKind,
) -> Result<Generated, AppError> {
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    let generated = generate_in(&mut tx, &user, number, kind, nimbo.now()).await?;
    tx.commit().await?;
    Ok(generated)
}

/// The numbers of the orders completed in a month (days in Asunción), oldest first.
pub async fn completed_in(nimbo: &Nimbo, year: i32, month: u32) -> Result<Vec<String>, AppError> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
        crate::error::invalid(vec![nimbo_domain::problem::FieldError::new(
            "completed_in",
            "mes",
            "month",
            nimbo_domain::problem::Problem::BadShape {
                given: format!("{year}-{month:02}"),
                expected_es: "un mes AAAA-MM",
                expected_en: "a month YYYY-MM",
                example: "2026-11",
            },
        )])
    })?;
    let mut conn = nimbo.store().read().await?;
    let numbers = store::completed_orders(&mut conn).await?;
    Ok(numbers
        .into_iter()
        .filter(|(_, at)| {
            let day = nimbo_domain::time::today_in_asuncion(*at);
            day.year() == first.year() && day.month() == first.month()
        })
        .map(|(n, _)| n)
        .collect())
}
