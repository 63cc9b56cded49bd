//! Billing (DOMAIN §3, §5) as people do it: the catalogue's prices, risks and holidays;
//! importing a month's consumption; logging professional hours; the run of a period, its
//! lock and its export for Satélite; adjustments; invoices and payments; and the
//! pre-sales quote. Every change is a domain command taken by the one path (decided by
//! `apply`, written with its audit event and outbox operation in one transaction).

pub mod adjustments;
pub mod catalogue;
pub mod charges;
pub mod consumption;
pub mod hours;
pub mod invoices;
pub mod periods;
pub mod quote;
pub mod run;
pub mod statement;
pub mod subscriptions;

pub use nimbo_consumption::Progress;
use nimbo_domain::billing::Period;
use nimbo_domain::problem::{FieldError, Problem};

use crate::AppError;
use crate::error::invalid;

/// A period as a person writes it, `2026-11` (the one that starts on 15 November).
pub fn period(text: &str) -> Result<Period, AppError> {
    text.parse::<Period>().map_err(|_| {
        invalid(vec![FieldError::new(
            "period",
            "Período",
            "Period",
            Problem::BadShape {
                given: text.trim().to_string(),
                expected_es: "AAAA-MM, el mes en que empieza el período (del 15 al 14)",
                expected_en: "YYYY-MM, the month the period starts in (15th to 14th)",
                example: "2026-11",
            },
        )])
    })
}

/// An amount as shown and exported: two decimals and a point, `1234.50`.
pub fn two_places(amount: rust_decimal::Decimal) -> String {
    format!("{:.2}", nimbo_domain::billing::cents(amount))
}

/// A day as a form or a file writes it, `YYYY-MM-DD` or `dd/mm/aaaa`; refused as the
/// field labelled `es`/`en`.
pub(crate) fn day(
    field: &str,
    es: &str,
    en: &str,
    text: &str,
) -> Result<chrono::NaiveDate, AppError> {
    let t = text.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| {
            invalid(vec![FieldError::new(
                field,
                es,
                en,
                Problem::NotADate {
                    given: t.to_string(),
                },
            )])
        })
}

/// The holidays as this database holds them, or, when it holds none (set up before the
/// calendar was data), the seed every view of the records answers with.
pub(crate) async fn calendar(
    conn: &mut nimbo_store::Connection,
) -> Result<Vec<nimbo_domain::billing::Holiday>, AppError> {
    let held = nimbo_store::billing::holidays::all(conn).await?;
    Ok(if held.is_empty() {
        nimbo_domain::billing::seed_holidays()
    } else {
        held
    })
}
