//! The catalogue an administrator keeps: plans priced from a day on, the risks of the
//! risk act, and Paraguay's holidays.

use nimbo_domain::billing::Holiday;
use nimbo_domain::catalogue::{Plan, PlanPrice, Pricing, Risk};
use nimbo_domain::operation::{Command, EntityKind, PlanRecord, Record, natural_id};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::problem::{FieldError, Problem};
use nimbo_store::{billing, catalogue};
use rust_decimal::Decimal;

use super::day;
use crate::context::{actor, require};
use crate::error::invalid;
use crate::journal::{Change, act, written};
use crate::{AppError, Nimbo};

/// Every plan with every price it has had.
pub async fn plans(nimbo: &Nimbo) -> Result<Vec<PlanRecord>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(catalogue::plan_records(&mut conn).await?)
}

/// A new price of a plan (or a new plan), as an administrator types it.
#[derive(Debug, Clone, Default)]
pub struct PriceDraft {
    /// The plan's code.
    pub code: String,
    /// Its name; empty keeps the current one.
    pub name: String,
    /// `consumption`, `share` or `hourly`; empty keeps the current pricing's kind.
    pub kind: String,
    /// The share (`0.15`) or the hourly rate.
    pub rate: Option<String>,
    /// The monthly minimum of a share.
    pub minimum: Option<String>,
    /// Whether an hourly rate is for business hours.
    pub business_hours: Option<bool>,
    /// The first day it is in force, `YYYY-MM-DD`.
    pub valid_from: String,
}

fn number(field: &str, es: &str, en: &str, text: &str) -> Result<Decimal, AppError> {
    text.trim().parse::<Decimal>().map_err(|_| {
        invalid(vec![FieldError::new(
            field,
            es,
            en,
            Problem::NotAnAmount {
                given: text.trim().to_string(),
                signed: false,
            },
        )])
    })
}

/// The price the draft makes of the plan as it stands (`current`, if it exists).
fn priced(draft: &PriceDraft, current: Option<&Plan>) -> Result<PlanPrice, AppError> {
    let valid_from = day(
        "valid_from",
        "Vigente desde",
        "In force from",
        &draft.valid_from,
    )?;
    let rate = |fallback: Option<Decimal>| -> Result<Decimal, AppError> {
        match (&draft.rate, fallback) {
            (Some(t), _) => number("rate", "Tarifa", "Rate", t),
            (None, Some(d)) => Ok(d),
            (None, None) => Err(invalid(vec![FieldError::new(
                "rate",
                "Tarifa",
                "Rate",
                Problem::Required,
            )])),
        }
    };
    let kind = if draft.kind.trim().is_empty() {
        match current.map(|p| &p.pricing) {
            Some(Pricing::Consumption) => "consumption",
            Some(Pricing::ShareOfConsumption { .. }) => "share",
            Some(Pricing::Hourly { .. }) => "hourly",
            None => "",
        }
    } else {
        draft.kind.trim()
    };
    let pricing = match kind {
        "consumption" => Pricing::Consumption,
        "share" => {
            let (r, m) = match current.map(|p| &p.pricing) {
                Some(Pricing::ShareOfConsumption { rate, minimum }) => {
                    (Some(*rate), Some(*minimum))
                }
                _ => (None, None),
            };
            Pricing::ShareOfConsumption {
                rate: rate(r)?,
                minimum: match (&draft.minimum, m) {
                    (Some(t), _) => number("minimum", "Mínimo", "Minimum", t)?,
                    (None, Some(d)) => d,
                    (None, None) => Decimal::ZERO,
                },
            }
        }
        "hourly" => {
            let (r, b) = match current.map(|p| &p.pricing) {
                Some(Pricing::Hourly {
                    rate,
                    business_hours,
                }) => (Some(*rate), Some(*business_hours)),
                _ => (None, None),
            };
            Pricing::Hourly {
                rate: rate(r)?,
                business_hours: draft.business_hours.or(b).unwrap_or(true),
            }
        }
        other => {
            return Err(invalid(vec![FieldError::new(
                "kind",
                "Tipo de precio",
                "Pricing",
                Problem::NotInCatalogue {
                    given: other.to_string(),
                    known: vec!["consumption".into(), "share".into(), "hourly".into()],
                },
            )]));
        }
    };
    let name = if draft.name.trim().is_empty() {
        current.map(|p| p.name.clone()).unwrap_or_default()
    } else {
        draft.name.trim().to_string()
    };
    Ok(PlanPrice {
        plan: Plan {
            code: draft.code.trim().to_string(),
            name,
            pricing,
        },
        valid_from,
    })
}

/// Sets a plan's price from a day on (never the past): the plan with all its versions.
pub async fn set_price(
    nimbo: &Nimbo,
    by: &str,
    draft: &PriceDraft,
) -> Result<PlanRecord, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditCatalogue)?;
    let records = catalogue::plan_records(&mut tx).await?;
    let record = records.iter().find(|r| r.code == draft.code.trim());
    let current = record.and_then(|r| r.prices.last()).map(|p| &p.plan);
    let price = priced(draft, current)?;
    let seen = record.and_then(|r| {
        r.prices
            .iter()
            .find(|p| p.valid_from == price.valid_from)
            .cloned()
    });
    let id = natural_id(EntityKind::Plan, &price.plan.code);
    let change = Change::command(
        &user,
        EntityKind::Plan,
        id,
        Command::SetPlanPrice { price, seen },
    );
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    written(outcome, "plan", |r| match r {
        Record::Plan(p) => Some(p),
        _ => None,
    })
}

/// Every risk of the catalogue, retired ones too.
pub async fn risks(nimbo: &Nimbo) -> Result<Vec<Risk>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    Ok(catalogue::all_risks(&mut conn).await?)
}

/// Adds a risk, corrects its texts, or retires it.
pub async fn set_risk(nimbo: &Nimbo, by: &str, risk: Risk) -> Result<Risk, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditCatalogue)?;
    let id = natural_id(EntityKind::Risk, risk.code.trim());
    let change = Change::command(&user, EntityKind::Risk, id, Command::SetRisk { risk });
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    written(outcome, "risk", |r| match r {
        Record::Risk(k) => Some(k),
        _ => None,
    })
}

/// The holidays of a year (every year when `None`), removed ones too.
pub async fn holidays(nimbo: &Nimbo, year: Option<i32>) -> Result<Vec<Holiday>, AppError> {
    use chrono::Datelike;
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let all = super::calendar(&mut conn).await?;
    Ok(all
        .into_iter()
        .filter(|h| year.is_none_or(|y| h.date.year() == y))
        .collect())
}

/// Adds or renames a holiday (`active`), or removes it (`!active`).
pub async fn set_holiday(
    nimbo: &Nimbo,
    by: &str,
    date: &str,
    name: &str,
    active: bool,
) -> Result<Holiday, AppError> {
    let now = nimbo.now();
    let date = day("date", "Fecha", "Date", date)?;
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::EditCatalogue)?;
    let name = if name.trim().is_empty() && !active {
        billing::holidays::all(&mut tx)
            .await?
            .into_iter()
            .find(|h| h.date == date)
            .map(|h| h.name)
            .unwrap_or_else(|| "Feriado".into())
    } else {
        name.trim().to_string()
    };
    let holiday = Holiday { date, name, active };
    let id = natural_id(EntityKind::Holiday, &date.to_string());
    let change = Change::command(
        &user,
        EntityKind::Holiday,
        id,
        Command::SetHoliday { holiday },
    );
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    written(outcome, "holiday", |r| match r {
        Record::Holiday(h) => Some(h),
        _ => None,
    })
}
