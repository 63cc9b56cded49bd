//! The catalogue (DOMAIN §3, §7): plans and their prices from a day on, the risks a
//! customer may accept, and Paraguay's holidays — data an administrator changes, synced
//! like any record. A price never changes the past, and a holiday never changes a locked
//! period's hours.

use serde_json::json;

use crate::billing::{BillingError, Period};
use crate::catalogue::{PlanPrice, Pricing, Risk};
use crate::permission::Action;
use crate::problem::{FieldError, Problem, required_text};

use super::super::records::{PlanRecord, Record, RecordKey, Records};
use super::super::{Command, Outcome, Refusal};
use super::{Area, Context, misrouted};

/// The catalogue's commands.
pub(super) struct Catalogue;

impl Area for Catalogue {
    fn wanted(&self, command: &Command, _view: &dyn Records) -> Vec<RecordKey> {
        match command {
            Command::SetPlanPrice { .. } => vec![RecordKey::Plans],
            Command::SetRisk { .. } => vec![RecordKey::Risks],
            Command::SetHoliday { holiday } => vec![
                RecordKey::Holidays,
                RecordKey::PeriodLock(Period::of_day(holiday.date)),
            ],
            _ => Vec::new(),
        }
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        match command {
            Command::SetPlanPrice { price, seen } => set_price(price, seen.as_ref(), cx),
            Command::SetRisk { risk } => {
                let risk = checked_risk(risk)?;
                let before = cx
                    .view
                    .risk_records()
                    .into_iter()
                    .find(|r| r.code == risk.code);
                Ok(Outcome::one(Record::Risk(risk.clone()))
                    .noting(json!({ "risk": risk, "before": before })))
            }
            Command::SetHoliday { holiday } => {
                let period = Period::of_day(holiday.date);
                if cx.view.period_lock(period).is_some() {
                    return Err(BillingError::PeriodLocked { period }.into());
                }
                let name = required_text(&holiday.name, 120).map_err(|p| {
                    Refusal::invalid(vec![FieldError::new("name", "Nombre", "Name", p)])
                })?;
                let mut next = holiday.clone();
                next.name = name;
                let before = cx
                    .view
                    .holidays()
                    .into_iter()
                    .find(|h| h.date == holiday.date);
                Ok(Outcome::one(Record::Holiday(next.clone()))
                    .noting(json!({ "holiday": next, "before": before })))
            }
            _ => Err(misrouted()),
        }
    }

    fn action(&self, _command: &Command) -> Option<Action> {
        Some(Action::EditCatalogue)
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::SetPlanPrice { .. } => "catalogue.price_set",
            Command::SetRisk { .. } => "catalogue.risk_set",
            _ => "catalogue.holiday_set",
        }
    }
}

impl From<BillingError> for Refusal {
    fn from(e: BillingError) -> Refusal {
        Refusal::Domain(e.into())
    }
}

fn set_price(
    price: &PlanPrice,
    seen: Option<&PlanPrice>,
    cx: &Context<'_>,
) -> Result<Outcome, Refusal> {
    if price.valid_from < cx.today {
        return Err(BillingError::PriceInThePast {
            plan: price.plan.name.clone(),
            from: price.valid_from,
            today: cx.today,
        }
        .into());
    }
    let price = checked_price(price)?;
    let mut record = cx
        .view
        .plan_records()
        .into_iter()
        .find(|p| p.code == price.plan.code)
        .unwrap_or_else(|| PlanRecord {
            code: price.plan.code.clone(),
            prices: Vec::new(),
        });
    let same_day = record
        .prices
        .iter()
        .position(|p| p.valid_from == price.valid_from);
    let current = same_day.and_then(|i| record.prices.get(i));
    if current != seen {
        // Someone else set this plan's price for the same day since the author looked:
        // money is never settled by a rule.
        return Err(Refusal::MoneyConflict {
            field: format!("{}.{}", price.plan.code, price.valid_from),
            yours: json!(price),
            theirs: json!(current),
        });
    }
    let before = current.cloned();
    match same_day {
        Some(i) => {
            if let Some(slot) = record.prices.get_mut(i) {
                *slot = price.clone();
            }
        }
        None => record.prices.push(price.clone()),
    }
    record.prices.sort_by_key(|p| p.valid_from);
    Ok(Outcome::one(Record::Plan(record)).noting(json!({ "price": price, "before": before })))
}

fn invalid(field: &str, es: &str, en: &str, problem: Problem) -> Refusal {
    Refusal::invalid(vec![FieldError::new(field, es, en, problem)])
}

/// A catalogue code as typed: lowercase letters, digits and dashes, at most 40.
fn checked_code<'a>(code: &'a str, example: &'static str) -> Result<&'a str, Refusal> {
    let code = code.trim();
    let well_formed = !code.is_empty()
        && code.len() <= 40
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if well_formed {
        return Ok(code);
    }
    Err(invalid(
        "code",
        "Código",
        "Code",
        Problem::BadShape {
            given: code.to_string(),
            expected_es: "minúsculas, cifras y guiones",
            expected_en: "lowercase letters, digits and dashes",
            example,
        },
    ))
}

/// A plan price as an administrator may set it: a code of letters, digits and dashes, a
/// name, and amounts that make sense (a share between 0 and 1, no negative price).
fn checked_price(price: &PlanPrice) -> Result<PlanPrice, Refusal> {
    let code = checked_code(&price.plan.code, "aws-vip")?;
    let name =
        required_text(&price.plan.name, 120).map_err(|p| invalid("name", "Nombre", "Name", p))?;
    let amount_ok = |d: &rust_decimal::Decimal| *d >= rust_decimal::Decimal::ZERO && d.scale() <= 4;
    let bad_amount = |field: &str, es: &str, en: &str, d: &rust_decimal::Decimal| {
        invalid(
            field,
            es,
            en,
            Problem::NotAnAmount {
                given: d.to_string(),
                signed: false,
            },
        )
    };
    match &price.plan.pricing {
        Pricing::Consumption => {}
        Pricing::ShareOfConsumption { rate, minimum } => {
            if !amount_ok(rate) || *rate > rust_decimal::Decimal::ONE {
                return Err(bad_amount("rate", "Porcentaje", "Share", rate));
            }
            if !amount_ok(minimum) {
                return Err(bad_amount("minimum", "Mínimo", "Minimum", minimum));
            }
        }
        Pricing::Hourly { rate, .. } => {
            if !amount_ok(rate) {
                return Err(bad_amount(
                    "rate",
                    "Precio por hora",
                    "Price per hour",
                    rate,
                ));
            }
        }
    }
    let mut next = price.clone();
    next.plan.code = code.to_string();
    next.plan.name = name;
    Ok(next)
}

fn checked_risk(risk: &Risk) -> Result<Risk, Refusal> {
    let code = checked_code(&risk.code, "single-az")?;
    Ok(Risk {
        code: code.to_string(),
        name_es: required_text(&risk.name_es, 200)
            .map_err(|p| invalid("name_es", "Texto en español", "Spanish text", p))?,
        name_en: required_text(&risk.name_en, 200)
            .map_err(|p| invalid("name_en", "Texto en inglés", "English text", p))?,
        active: risk.active,
        // What the risk act prints under the risk: the customer must be told what it means.
        description_es: required_text(&risk.description_es, 1000).map_err(|p| {
            invalid(
                "description_es",
                "Qué significa (español)",
                "What it means (Spanish)",
                p,
            )
        })?,
        description_en: risk.description_en.trim().to_string(),
    })
}
