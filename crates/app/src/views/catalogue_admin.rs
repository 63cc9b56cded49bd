//! The catalogue as an administrator keeps it (issue 12): each plan with every price it
//! has had and the one in force today, the risks with what each means, and the holidays
//! of a year — for the «Catálogo» screen.

use nimbo_domain::Lang;
use nimbo_domain::catalogue::{Pricing, Risk};
use nimbo_domain::time::today_in_asuncion;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::actions::billing::catalogue::{self, PriceDraft};
use crate::{AppError, Nimbo};

/// One price of a plan, from its day on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PriceView {
    /// The first day in force, `YYYY-MM-DD`.
    pub valid_from: String,
    /// The same, `dd/mm/aaaa`.
    pub valid_from_shown: String,
    /// The plan's name from that day.
    pub name: String,
    /// `consumption`, `share` or `hourly`.
    pub kind: String,
    /// The price in words: «15 % del consumo, mínimo USD 75,00».
    pub price: String,
    /// Whether it is the price in force today.
    pub in_force: bool,
    /// Whether it starts after today (it may still be corrected).
    pub future: bool,
}

/// A plan with its prices, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PlanAdminView {
    /// Its code.
    pub code: String,
    /// Its name today.
    pub name: String,
    /// Its prices.
    pub prices: Vec<PriceView>,
}

/// A new price, as the form sends it; amounts as decimal strings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct PriceInput {
    /// The plan's code.
    pub code: String,
    /// The name from that day (empty keeps it).
    pub name: String,
    /// `consumption`, `share` or `hourly` (empty keeps it).
    pub kind: String,
    /// The share (`0.15`) or the hourly rate (`50.00`).
    pub rate: Option<String>,
    /// The share's monthly minimum.
    pub minimum: Option<String>,
    /// Whether an hourly rate is for business hours.
    pub business_hours: Option<bool>,
    /// The first day in force, `YYYY-MM-DD`.
    pub valid_from: String,
}

/// A risk of the catalogue as shown and edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct RiskAdminView {
    /// Its code.
    pub code: String,
    /// Its name in Spanish.
    pub name_es: String,
    /// Its name in English.
    pub name_en: String,
    /// What it means, in Spanish (printed in the risk act).
    pub description_es: String,
    /// What it means, in English.
    pub description_en: String,
    /// Whether offers may still list it.
    pub active: bool,
}

/// A holiday as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct HolidayView {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// The day, `dd/mm/aaaa` and its weekday.
    pub shown: String,
    /// What it commemorates.
    pub name: String,
}

fn money(d: rust_decimal::Decimal, lang: Lang) -> String {
    format!("USD {}", nimbo_domain::billing::es_py(d, lang))
}

fn price_text(p: &Pricing, lang: Lang) -> (String, String) {
    match p {
        Pricing::Consumption => (
            "consumption".into(),
            lang.pick(
                "el consumo de AWS del período",
                "the period's AWS consumption",
            )
            .into(),
        ),
        Pricing::ShareOfConsumption { rate, minimum } => {
            let share = (rate * rust_decimal::Decimal::ONE_HUNDRED)
                .normalize()
                .to_string();
            let share = if lang == Lang::Es {
                share.replace('.', ",")
            } else {
                share
            };
            (
                "share".into(),
                match lang {
                    Lang::Es => format!(
                        "{share} % del consumo, mínimo {} prorrateado",
                        money(*minimum, lang)
                    ),
                    Lang::En => format!(
                        "{share} % of consumption, prorated minimum {}",
                        money(*minimum, lang)
                    ),
                },
            )
        }
        Pricing::Hourly {
            rate,
            business_hours,
        } => (
            "hourly".into(),
            format!(
                "{} {}",
                money(*rate, lang),
                match (business_hours, lang) {
                    (true, Lang::Es) => "por hora hábil",
                    (true, Lang::En) => "per business hour",
                    (false, Lang::Es) => "por hora no hábil",
                    (false, Lang::En) => "per hour outside business hours",
                }
            ),
        ),
    }
}

/// Every plan with its prices.
pub async fn plans(nimbo: &Nimbo, lang: Lang) -> Result<Vec<PlanAdminView>, AppError> {
    let today = today_in_asuncion(nimbo.now());
    Ok(catalogue::plans(nimbo)
        .await?
        .into_iter()
        .map(|record| {
            let current = record
                .prices
                .iter()
                .filter(|p| p.valid_from <= today)
                .map(|p| p.valid_from)
                .max();
            PlanAdminView {
                code: record.code.clone(),
                name: record
                    .prices
                    .last()
                    .map(|p| p.plan.name.clone())
                    .unwrap_or_default(),
                prices: record
                    .prices
                    .iter()
                    .map(|p| {
                        let (kind, price) = price_text(&p.plan.pricing, lang);
                        PriceView {
                            valid_from: p.valid_from.to_string(),
                            valid_from_shown: p.valid_from.format("%d/%m/%Y").to_string(),
                            name: p.plan.name.clone(),
                            kind,
                            price,
                            in_force: Some(p.valid_from) == current,
                            future: p.valid_from > today,
                        }
                    })
                    .collect(),
            }
        })
        .collect())
}

/// Sets a price from a day on; every plan as it then stands.
pub async fn set_price(
    nimbo: &Nimbo,
    by: &str,
    input: &PriceInput,
    lang: Lang,
) -> Result<Vec<PlanAdminView>, AppError> {
    let draft = PriceDraft {
        code: input.code.clone(),
        name: input.name.clone(),
        kind: input.kind.clone(),
        rate: input.rate.clone().filter(|r| !r.trim().is_empty()),
        minimum: input.minimum.clone().filter(|m| !m.trim().is_empty()),
        business_hours: input.business_hours,
        valid_from: input.valid_from.clone(),
    };
    catalogue::set_price(nimbo, by, &draft).await?;
    plans(nimbo, lang).await
}

fn risk_view(r: Risk) -> RiskAdminView {
    RiskAdminView {
        code: r.code,
        name_es: r.name_es,
        name_en: r.name_en,
        description_es: r.description_es,
        description_en: r.description_en,
        active: r.active,
    }
}

/// Every risk, retired ones too.
pub async fn risks(nimbo: &Nimbo) -> Result<Vec<RiskAdminView>, AppError> {
    Ok(catalogue::risks(nimbo)
        .await?
        .into_iter()
        .map(risk_view)
        .collect())
}

/// Adds, corrects or retires a risk; every risk as they then stand.
pub async fn set_risk(
    nimbo: &Nimbo,
    by: &str,
    input: &RiskAdminView,
) -> Result<Vec<RiskAdminView>, AppError> {
    let risk = Risk {
        code: input.code.clone(),
        name_es: input.name_es.clone(),
        name_en: input.name_en.clone(),
        active: input.active,
        description_es: input.description_es.clone(),
        description_en: input.description_en.clone(),
    };
    catalogue::set_risk(nimbo, by, risk).await?;
    risks(nimbo).await
}

/// The holidays of a year still in the calendar.
pub async fn holidays(nimbo: &Nimbo, year: i32, lang: Lang) -> Result<Vec<HolidayView>, AppError> {
    use chrono::Datelike;
    let weekday = |d: chrono::NaiveDate| -> &'static str {
        let es = [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ];
        let en = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let i = d.weekday().num_days_from_monday() as usize;
        match lang {
            Lang::Es => es.get(i).copied().unwrap_or_default(),
            Lang::En => en.get(i).copied().unwrap_or_default(),
        }
    };
    Ok(catalogue::holidays(nimbo, Some(year))
        .await?
        .into_iter()
        .filter(|h| h.active)
        .map(|h| HolidayView {
            date: h.date.to_string(),
            shown: format!("{} {}", weekday(h.date), h.date.format("%d/%m/%Y")),
            name: h.name,
        })
        .collect())
}

/// Adds (or renames) a holiday, or removes it; the holidays of its year as they then stand.
pub async fn set_holiday(
    nimbo: &Nimbo,
    by: &str,
    date: &str,
    name: &str,
    active: bool,
    lang: Lang,
) -> Result<Vec<HolidayView>, AppError> {
    use chrono::Datelike;
    let h = catalogue::set_holiday(nimbo, by, date, name, active).await?;
    holidays(nimbo, h.date.year(), lang).await
}
