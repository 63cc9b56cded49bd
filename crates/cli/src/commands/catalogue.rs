//! `nimbo plan …`, `nimbo risk …` and `nimbo holidays …`.

use nimbo_app::actions::billing::catalogue::{self, PriceDraft};
use nimbo_domain::catalogue::{Pricing, Risk};

use crate::billing_args::{HolidaysCommand, PlanCommand, RiskCommand};
use crate::output::{json, table};
use crate::{CliError, Ctx};

fn pricing_text(ctx: &Ctx, p: &Pricing) -> String {
    match p {
        Pricing::Consumption => ctx
            .t("el consumo del mes", "the month's consumption")
            .into(),
        Pricing::ShareOfConsumption { rate, minimum } => format!(
            "{} % {} {minimum}",
            (rate * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
            ctx.t("del consumo, mínimo USD", "of consumption, minimum USD")
        ),
        Pricing::Hourly {
            rate,
            business_hours,
        } => format!(
            "USD {rate}/h {}",
            if *business_hours {
                ctx.t("hábil", "business hours")
            } else {
                ctx.t("no hábil", "after hours")
            }
        ),
    }
}

/// Runs a plan command.
pub async fn plan(ctx: &Ctx, command: PlanCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        PlanCommand::List => {
            let list = catalogue::plans(&nimbo).await.map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .flat_map(|r| {
                        r.prices.iter().map(|p| {
                            vec![
                                p.plan.code.clone(),
                                p.plan.name.clone(),
                                pricing_text(ctx, &p.plan.pricing),
                                p.valid_from.format("%d/%m/%Y").to_string(),
                            ]
                        })
                    })
                    .collect();
                table(
                    &[
                        ctx.t("Código", "Code"),
                        ctx.t("Nombre", "Name"),
                        ctx.t("Precio", "Price"),
                        ctx.t("Desde", "From"),
                    ],
                    &rows,
                );
            }
        }
        PlanCommand::Price {
            code,
            from,
            name,
            kind,
            rate,
            minimum,
            business_hours,
        } => {
            let by = ctx.actor()?;
            let draft = PriceDraft {
                code,
                name,
                kind,
                rate,
                minimum,
                business_hours,
                valid_from: from,
            };
            let record = catalogue::set_price(&nimbo, by, &draft)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&record);
            } else if let Some(p) = record
                .prices
                .iter()
                .find(|p| p.valid_from.to_string() == draft.valid_from.trim())
            {
                say!(
                    "{} {}: {} {} {}",
                    ctx.t("Precio de", "Price of"),
                    p.plan.name,
                    pricing_text(ctx, &p.plan.pricing),
                    ctx.t("desde el", "from"),
                    p.valid_from.format("%d/%m/%Y")
                );
            }
        }
    }
    Ok(0)
}

/// Runs a risk command.
pub async fn risk(ctx: &Ctx, command: RiskCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        RiskCommand::List => {
            let list = catalogue::risks(&nimbo).await.map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|r| {
                        vec![
                            r.code.clone(),
                            ctx.t(&r.name_es, &r.name_en).to_string(),
                            ctx.t(
                                if r.active { "vigente" } else { "retirado" },
                                if r.active { "active" } else { "retired" },
                            )
                            .into(),
                        ]
                    })
                    .collect();
                table(
                    &[
                        ctx.t("Código", "Code"),
                        ctx.t("Riesgo", "Risk"),
                        ctx.t("Estado", "Status"),
                    ],
                    &rows,
                );
            }
        }
        RiskCommand::Set {
            code,
            es,
            en,
            description_es,
            description_en,
            retired,
        } => {
            let by = ctx.actor()?;
            let risk = catalogue::set_risk(
                &nimbo,
                by,
                Risk {
                    code,
                    name_es: es,
                    name_en: en,
                    active: !retired,
                    description_es,
                    description_en,
                },
            )
            .await
            .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&risk);
            } else {
                say!(
                    "{} {}: {}",
                    ctx.t("Riesgo", "Risk"),
                    risk.code,
                    ctx.t(&risk.name_es, &risk.name_en)
                );
            }
        }
    }
    Ok(0)
}

/// Runs a holidays command.
pub async fn holidays(ctx: &Ctx, command: HolidaysCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        HolidaysCommand::List { year } => {
            let list = catalogue::holidays(&nimbo, year)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .filter(|h| h.active)
                    .map(|h| vec![h.date.format("%d/%m/%Y").to_string(), h.name.clone()])
                    .collect();
                table(
                    &[ctx.t("Fecha", "Date"), ctx.t("Feriado", "Holiday")],
                    &rows,
                );
            }
        }
        HolidaysCommand::Set { date, name } => {
            let by = ctx.actor()?;
            let h = catalogue::set_holiday(&nimbo, by, &date, &name, true)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&h);
            } else {
                say!(
                    "{} {}: {}",
                    ctx.t("Feriado", "Holiday"),
                    h.date.format("%d/%m/%Y"),
                    h.name
                );
            }
        }
        HolidaysCommand::Remove { date } => {
            let by = ctx.actor()?;
            let h = catalogue::set_holiday(&nimbo, by, &date, "", false)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&h);
            } else {
                say!(
                    "{} {} ({})",
                    ctx.t("Quitado el feriado del", "Removed the holiday of"),
                    h.date.format("%d/%m/%Y"),
                    h.name
                );
            }
        }
    }
    Ok(0)
}
