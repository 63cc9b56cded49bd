//! Which periods are locked, and which one a correction lands in.

use chrono::{DateTime, Utc};
use nimbo_domain::billing::{Period, first_open};
use nimbo_domain::time::today_in_asuncion;
use nimbo_store::{Connection, billing};

use crate::AppError;

/// The period a correction made now lands in: the first open one, after the latest locked
/// period; when none is locked yet, the period of today.
pub async fn next_open(conn: &mut Connection, now: DateTime<Utc>) -> Result<Period, AppError> {
    let locked = billing::locks::locked_periods(conn).await?;
    Ok(first_open(locked.first().copied(), today_in_asuncion(now)))
}

/// A period as the period picker offers it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct PeriodChoice {
    /// `2026-11`, what the UI sends back.
    pub period: String,
    /// «nov. 2026 (15/11–14/12)».
    pub label: String,
    /// Whether it is locked.
    pub locked: bool,
}

/// The periods the billing specialist picks from: the open one first (the default), then
/// the twelve before it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct PeriodChoices {
    /// The open period: the one after the latest locked, or today's.
    pub open: String,
    /// The open period and the twelve before, newest first.
    pub periods: Vec<PeriodChoice>,
}

/// A period's name as people say it: «nov. 2026 (15/11–14/12)» / «Nov 2026 (15/11–14/12)».
pub fn period_label(period: Period, lang: nimbo_domain::Lang) -> String {
    period.label(lang)
}

/// The periods to pick from, the open one by default.
pub async fn choices(
    nimbo: &crate::Nimbo,
    lang: nimbo_domain::Lang,
) -> Result<PeriodChoices, AppError> {
    let mut conn = nimbo.store().read().await?;
    crate::context::require(&mut conn).await?;
    let open = next_open(&mut conn, nimbo.now()).await?;
    let locked = billing::locks::locked_periods(&mut conn).await?;
    let mut periods = Vec::new();
    let mut p = open;
    for _ in 0..13 {
        periods.push(PeriodChoice {
            period: p.to_string(),
            label: period_label(p, lang),
            locked: locked.contains(&p),
        });
        p = p.previous();
    }
    Ok(PeriodChoices {
        open: open.to_string(),
        periods,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_named_by_its_month_and_its_days() -> Result<(), String> {
        let p: Period = "2026-11".parse().map_err(|_| "period")?;
        assert_eq!(
            period_label(p, nimbo_domain::Lang::Es),
            "nov. 2026 (15/11–14/12)"
        );
        assert_eq!(
            period_label(p, nimbo_domain::Lang::En),
            "Nov 2026 (15/11–14/12)"
        );
        Ok(())
    }
}
