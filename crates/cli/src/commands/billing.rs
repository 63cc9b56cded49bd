//! `nimbo subscription …`, `nimbo billing …` and `nimbo hours …`.

use nimbo_app::actions::billing::{
    adjustments, hours, period, quote as quotes, run as runs, subscriptions, two_places,
};
use nimbo_domain::billing::QuoteRequest;
use nimbo_domain::billing::quote::{parse_amount, parse_day, parse_interval};

use crate::billing_args::{BillingCommand, HoursCommand, QuoteArgs, SubscriptionCommand};
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

/// Runs a subscription command.
pub async fn subscription(ctx: &Ctx, command: SubscriptionCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        SubscriptionCommand::History { subscription } => {
            return super::processes::history(ctx, &nimbo, &subscription).await;
        }
        SubscriptionCommand::List => {
            let list = subscriptions::list(&nimbo).await.map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|l| {
                        vec![
                            l.subscription.subscriber_id.clone(),
                            l.customer.clone(),
                            l.subscription.billing_account.clone(),
                            l.subscription
                                .activation_date
                                .format("%d/%m/%Y")
                                .to_string(),
                            l.subscription.plans.join(", "),
                            l.subscription.status.id().into(),
                        ]
                    })
                    .collect();
                table(
                    &[
                        "Subscriber ID",
                        ctx.t("Cliente", "Customer"),
                        ctx.t("Cuenta", "Account"),
                        ctx.t("Activa desde", "Active since"),
                        ctx.t("Planes", "Plans"),
                        ctx.t("Estado", "Status"),
                    ],
                    &rows,
                );
            }
        }
        SubscriptionCommand::Show { subscription } => {
            let l = subscriptions::show(&nimbo, &subscription)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&l);
            } else {
                fields(&[
                    ("Subscriber ID", l.subscription.subscriber_id.clone()),
                    (
                        ctx.t("Cliente", "Customer"),
                        format!("{} (RUC {})", l.customer, l.ruc),
                    ),
                    (
                        ctx.t("Cuenta de facturación", "Billing account"),
                        l.subscription.billing_account.clone(),
                    ),
                    (
                        ctx.t("Activa desde", "Active since"),
                        l.subscription
                            .activation_date
                            .format("%d/%m/%Y")
                            .to_string(),
                    ),
                    (ctx.t("Planes", "Plans"), l.subscription.plans.join(", ")),
                    (
                        ctx.t("Cuentas de AWS", "AWS accounts"),
                        l.subscription.aws_accounts.join(", "),
                    ),
                    (ctx.t("Estado", "Status"), l.subscription.status.id().into()),
                ]);
            }
        }
    }
    Ok(0)
}

/// Runs a billing command.
pub async fn billing(ctx: &Ctx, command: BillingCommand) -> Result<u8, CliError> {
    if let BillingCommand::Quote(args) = command {
        return quote(ctx, args).await;
    }
    let nimbo = ctx.open().await?;
    match command {
        BillingCommand::Import { file, problems } => {
            return super::consumption::import(ctx, &nimbo, &file, problems.as_deref()).await;
        }
        BillingCommand::Run(p) => {
            let period = period(&p.period).map_err(|e| ctx.fail(e))?;
            let run = runs::preview(&nimbo, period, ctx.lang)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&run);
                return Ok(0);
            }
            say!(
                "{} {} ({}) · {}",
                ctx.t("Período", "Period"),
                run.period,
                run.span,
                if run.locked {
                    format!(
                        "{} {} {}",
                        ctx.t("cerrado por", "locked by"),
                        run.locked_by.clone().unwrap_or_default(),
                        run.locked_at.clone().unwrap_or_default()
                    )
                } else {
                    ctx.t("vista previa", "preview").to_string()
                }
            );
            let mut rows = Vec::new();
            for s in &run.subscriptions {
                for l in &s.lines {
                    rows.push(vec![
                        s.subscriber_id.clone(),
                        s.customer.clone(),
                        l.plan_name.clone(),
                        l.net.clone(),
                        l.iva.clone(),
                        l.total.clone(),
                        l.explanation.clone(),
                    ]);
                }
            }
            table(
                &[
                    "Subscriber ID",
                    ctx.t("Cliente", "Customer"),
                    "Plan",
                    ctx.t("Neto", "Net"),
                    "IVA",
                    "Total",
                    ctx.t("Explicación", "Explanation"),
                ],
                &rows,
            );
            for s in &run.subscriptions {
                for f in &s.flags {
                    say!("⚑ {} ({}): {f}", s.subscriber_id, s.customer);
                }
            }
            fields(&[
                (ctx.t("Neto", "Net"), run.net.clone()),
                ("IVA", run.iva.clone()),
                ("Total", run.total.clone()),
                (ctx.t("Hash de la corrida", "Run hash"), run.hash.clone()),
            ]);
        }
        BillingCommand::Lock(a) => {
            let by = ctx.actor()?;
            let period = period(&a.period).map_err(|e| ctx.fail(e))?;
            let lock = runs::lock(&nimbo, by, period, a.hash.as_deref())
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(
                    &serde_json::json!({ "period": lock.period, "run_hash": lock.run_hash,
                    "lines": lock.lines.len(), "by": lock.by, "at": lock.at }),
                );
            } else {
                say!(
                    "{} {}: {} {} · hash {}",
                    ctx.t("Período cerrado", "Period locked"),
                    lock.period,
                    lock.lines.len(),
                    ctx.t("líneas", "lines"),
                    lock.run_hash
                );
            }
        }
        BillingCommand::Export { lock: a, output } => {
            let by = ctx.actor()?;
            let period = period(&a.period).map_err(|e| ctx.fail(e))?;
            let lock = runs::export(&nimbo, by, period, a.hash.as_deref(), &output)
                .await
                .map_err(|e| ctx.fail(e))?;
            let total: rust_decimal::Decimal = lock.lines.iter().map(|l| l.total).sum();
            if ctx.json {
                json(
                    &serde_json::json!({ "period": lock.period, "run_hash": lock.run_hash,
                    "lines": lock.lines.len(), "total": two_places(total),
                    "file": output.display().to_string() }),
                );
            } else {
                say!(
                    "{} {} → {} ({} {}, total USD {})",
                    ctx.t("Exportado el período", "Exported period"),
                    lock.period,
                    output.display(),
                    lock.lines.len(),
                    ctx.t("líneas", "lines"),
                    two_places(total)
                );
            }
        }
        BillingCommand::Adjust(a) => {
            let by = ctx.actor()?;
            let adj = adjustments::add(
                &nimbo,
                by,
                &adjustments::AdjustmentDraft {
                    subscription: a.subscription,
                    plan: a.plan,
                    amount: a.amount,
                    reason: a.reason,
                },
            )
            .await
            .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&adj);
            } else {
                say!(
                    "{} USD {} {} {} ({})",
                    ctx.t("Ajuste de", "Adjustment of"),
                    two_places(adj.amount),
                    ctx.t("en el período", "in period"),
                    adj.period,
                    adj.period.span_display()
                );
            }
        }
        BillingCommand::Quote(_) => {}
    }
    Ok(0)
}

async fn quote(ctx: &Ctx, a: QuoteArgs) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let fail = |e: nimbo_domain::billing::QuoteError| ctx.fail(nimbo_app::AppError::Quote(e));
    let mut request = QuoteRequest::new(period(&a.period).map_err(|e| ctx.fail(e))?);
    request.active_from = a
        .active_from
        .as_deref()
        .map(parse_day)
        .transpose()
        .map_err(fail)?;
    request.active_until = a
        .active_until
        .as_deref()
        .map(parse_day)
        .transpose()
        .map_err(fail)?;
    request.consumption = a
        .consumption
        .as_deref()
        .map(parse_amount)
        .transpose()
        .map_err(fail)?;
    request.vip = a.vip;
    request.hours = a
        .hours
        .iter()
        .map(|h| parse_interval(h))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let q = quotes::quote(&nimbo, &request)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        let lines: Vec<serde_json::Value> = q
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({ "plan": l.plan_code, "plan_name": l.plan_name,
                    "net": two_places(l.net), "iva": two_places(l.iva),
                    "total": two_places(l.total),
                    "explanation": ctx.t(&l.explanation_es, &l.explanation_en) })
            })
            .collect();
        json(&serde_json::json!({ "period": q.period, "lines": lines,
            "net": two_places(q.net), "iva": two_places(q.iva), "total": two_places(q.total) }));
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = q
        .lines
        .iter()
        .map(|l| {
            vec![
                l.plan_name.clone(),
                two_places(l.net),
                two_places(l.iva),
                two_places(l.total),
                ctx.t(&l.explanation_es, &l.explanation_en).to_string(),
            ]
        })
        .collect();
    table(
        &[
            "Plan",
            ctx.t("Neto", "Net"),
            "IVA",
            "Total",
            ctx.t("Explicación", "Explanation"),
        ],
        &rows,
    );
    fields(&[
        (ctx.t("Neto", "Net"), two_places(q.net)),
        ("IVA", two_places(q.iva)),
        ("Total", two_places(q.total)),
    ]);
    Ok(0)
}

/// Runs an hours command.
pub async fn hours_log(ctx: &Ctx, command: HoursCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        HoursCommand::Log {
            subscription,
            start,
            end,
            what,
            person,
        } => {
            let by = ctx.actor()?;
            let entry = hours::log(
                &nimbo,
                by,
                &hours::HoursDraft {
                    subscription,
                    person,
                    start,
                    end,
                    what,
                },
            )
            .await
            .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&entry);
            } else {
                say!(
                    "{} {} {} – {} ({})",
                    ctx.t("Horas registradas:", "Hours logged:"),
                    entry.person,
                    entry.start.format("%d/%m/%Y %H:%M"),
                    entry.end.format("%d/%m/%Y %H:%M"),
                    entry.what
                );
            }
        }
        HoursCommand::List { subscription } => {
            let list = hours::of_subscription(&nimbo, &subscription)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|h| {
                        vec![
                            h.person.clone(),
                            h.start.format("%d/%m/%Y %H:%M").to_string(),
                            h.end.format("%d/%m/%Y %H:%M").to_string(),
                            h.what.clone(),
                        ]
                    })
                    .collect();
                table(
                    &[
                        ctx.t("Persona", "Person"),
                        ctx.t("Inicio", "Start"),
                        ctx.t("Fin", "End"),
                        ctx.t("Trabajo", "Work"),
                    ],
                    &rows,
                );
            }
        }
    }
    Ok(0)
}
