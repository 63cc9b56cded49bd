//! `nimbo order …` and `nimbo tasks`.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Utc;
use nimbo_app::attachments::FileUpload;
use nimbo_app::orders::{self, OrderList, StepSubmission};
use nimbo_app::views::history::describe_entry;
use nimbo_domain::order::{Order, OrderStatus, Step, StepState};
use nimbo_domain::problem::Problem;
use nimbo_domain::time::local_display;
use nimbo_domain::workflow::ProcessStep;
use nimbo_store::orders::{OrderFilter, OrderSort};

use crate::args::{OrderCommand, OrderListArgs};
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

use super::{bad_value, parse_role, parse_step};

pub(crate) fn split_pair<'a>(
    ctx: &Ctx,
    flag: &str,
    text: &'a str,
) -> Result<(&'a str, &'a str), CliError> {
    text.split_once('=')
        .filter(|(k, _)| !k.trim().is_empty())
        .ok_or_else(|| {
            bad_value(
                ctx,
                flag,
                Problem::BadShape {
                    given: text.to_string(),
                    expected_es: "campo=valor",
                    expected_en: "field=value",
                    example: "apn_opportunity_id=O1234567",
                },
            )
        })
}

fn status_text(ctx: &Ctx, o: &Order) -> String {
    match (o.status, o.current) {
        (OrderStatus::Open, Some(s)) => format!(
            "{} {} «{}» — {}",
            ctx.t("paso", "step"),
            s.number(),
            s.name(ctx.lang),
            s.role().name(ctx.lang)
        ),
        (OrderStatus::Completed, _) => ctx.t("completado", "completed").into(),
        (OrderStatus::Cancelled, _) => ctx.t("cancelado", "cancelled").into(),
        (OrderStatus::Open, None) => "?".into(),
    }
}

fn waited(ctx: &Ctx, since: chrono::DateTime<Utc>) -> String {
    let d = Utc::now() - since;
    if d.num_days() >= 1 {
        format!("{} {}", d.num_days(), ctx.t("d", "d"))
    } else {
        format!("{} h", d.num_hours().max(0))
    }
}

/// How long the step has waited and, where its table gives it a time limit, when it is
/// due or that it is overdue (the engine's deadline, counted in calendar hours).
fn waiting(ctx: &Ctx, step: Step, since: chrono::DateTime<Utc>) -> String {
    let waited = waited(ctx, since);
    let spec = step.spec();
    match spec.deadline(since) {
        Some(due) if spec.is_overdue(since, Utc::now()) => format!(
            "{waited} · {} {}",
            ctx.t("vencido el", "overdue since"),
            local_display(due)
        ),
        Some(due) if spec.is_near_deadline(since, Utc::now()) => format!(
            "{waited} · {} {}",
            ctx.t("vence pronto:", "due soon:"),
            local_display(due)
        ),
        Some(due) => format!(
            "{waited} · {} {}",
            ctx.t("vence", "due"),
            local_display(due)
        ),
        None => waited,
    }
}

fn print_changed(ctx: &Ctx, o: &Order) {
    if ctx.json {
        json(o);
    } else {
        say!(
            "{} {}: {}",
            ctx.t("Pedido", "Order"),
            o.number,
            status_text(ctx, o)
        );
    }
}

fn print_list(ctx: &Ctx, list: &OrderList) {
    if ctx.json {
        json(list);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .orders
        .iter()
        .map(|l| {
            let current = l.current_step.and_then(Step::from_number);
            let step = current
                .map(|s| format!("{:>2} {}", s.number(), s.name(ctx.lang)))
                .unwrap_or_else(|| match l.status.as_str() {
                    "completed" => ctx.t("completado", "completed").into(),
                    _ => ctx.t("cancelado", "cancelled").into(),
                });
            vec![
                l.number.clone(),
                l.customer.clone(),
                l.ruc.clone(),
                step,
                match current {
                    Some(s) if l.status == "open" => waiting(ctx, s, l.step_since),
                    _ => "—".into(),
                },
            ]
        })
        .collect();
    table(
        &[
            ctx.t("pedido", "order"),
            ctx.t("cliente", "customer"),
            "RUC",
            ctx.t("paso", "step"),
            ctx.t("espera", "waiting"),
        ],
        &rows,
    );
    if list.total >= 0 {
        say!(
            "{} {}",
            list.total,
            ctx.t("pedidos en total", "orders in all")
        );
    }
}

/// `nimbo tasks`: the steps waiting for the acting user's roles.
pub async fn tasks(ctx: &Ctx, limit: i64, offset: i64) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let list = orders::tasks(&nimbo, ctx.actor()?, limit, offset)
        .await
        .map_err(|e| ctx.fail(e))?;
    // Terminations, suspensions and reconnections wait in the same inbox, after the
    // orders; with --json they come under their own key.
    let page = u32::try_from(limit).unwrap_or(50);
    let (waits, waiting) = nimbo_app::processes::tasks(&nimbo, ctx.actor()?, page, 0, ctx.lang)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        crate::output::json(&serde_json::json!({
            "total": list.total,
            "orders": list.orders,
            "processes_total": waiting,
            "processes": waits,
        }));
    } else {
        print_list(ctx, &list);
        if !waits.is_empty() {
            say!();
            say!(
                "{} ({waiting})",
                ctx.t(
                    "Bajas, suspensiones y reconexiones",
                    "Terminations, suspensions and reconnections"
                )
            );
            super::processes::print_lines(ctx, &waits);
        }
    }
    nimbo.close().await;
    Ok(0)
}

fn filter(ctx: &Ctx, a: OrderListArgs) -> Result<OrderFilter, CliError> {
    Ok(OrderFilter {
        customer_name: a.customer,
        ruc: a.ruc,
        step: a.step.as_deref().map(|s| parse_step(ctx, s)).transpose()?,
        roles: a
            .role
            .as_deref()
            .map(|r| parse_role(ctx, r))
            .transpose()?
            .into_iter()
            .collect(),
        status: match a.status.as_deref() {
            None => None,
            Some(s @ ("open" | "completed" | "cancelled")) => Some(s.to_string()),
            Some(other) => {
                return Err(bad_value(
                    ctx,
                    "status",
                    Problem::NotInCatalogue {
                        given: other.to_string(),
                        known: vec!["open".into(), "completed".into(), "cancelled".into()],
                    },
                ));
            }
        },
        waiting_since_before: match a.older_than_days {
            None => None,
            Some(d) if (0..=36_500).contains(&d) => Some(Utc::now() - chrono::Duration::days(d)),
            Some(d) => {
                return Err(bad_value(
                    ctx,
                    "older-than-days",
                    Problem::OutOfRange {
                        given: d.to_string(),
                        min: 0,
                        max: 36_500,
                    },
                ));
            }
        },
        sort: if a.oldest_first {
            OrderSort::LongestWaiting
        } else {
            OrderSort::Newest
        },
        limit: a.limit,
        offset: a.offset,
    })
}

fn print_page(ctx: &Ctx, page: &orders::OrderPage) {
    let o = &page.order;
    fields(&[
        (ctx.t("Pedido", "Order"), o.number.clone()),
        (
            ctx.t("Cliente", "Customer"),
            format!("{} (RUC {})", page.customer.name, page.customer.ruc),
        ),
        (ctx.t("Descripción", "Description"), o.title.clone()),
        (ctx.t("Estado", "Status"), status_text(ctx, o)),
        (
            ctx.t("Abierto", "Opened"),
            format!(
                "{} {} {}",
                local_display(o.created_at),
                ctx.t("por", "by"),
                o.created_by
            ),
        ),
    ]);
    if let Some(c) = &o.cancellation {
        say!(
            "{}: {} ({}, {})",
            ctx.t("Cancelado", "Cancelled"),
            c.reason,
            c.by,
            local_display(c.at)
        );
    }
    for r in &o.rejections {
        say!(
            "{} {} → {}: «{}» ({}, {})",
            ctx.t("Rechazado en el paso", "Rejected at step"),
            r.step.number(),
            r.back_to.number(),
            r.reason,
            r.by,
            local_display(r.at)
        );
    }
    say!();
    for entry in &page.timeline {
        let s = entry.step;
        let (mark, detail) = match &entry.state {
            StepState::Done { record } => {
                ("✔", format!("{} {}", record.by, local_display(record.at)))
            }
            StepState::Current => (
                "▶",
                format!(
                    "{} {}",
                    ctx.t("le toca a", "waiting for"),
                    s.role().name(ctx.lang)
                ),
            ),
            StepState::Pending => ("·", String::new()),
            StepState::Skipped { skip } => (
                "↷",
                format!(
                    "{} {} {}: «{}»",
                    ctx.t("omitido por", "skipped by"),
                    skip.by,
                    local_display(skip.at),
                    skip.reason
                ),
            ),
            StepState::NotApplicable => ("–", ctx.t("no aplica", "not applicable").into()),
            StepState::Undecided => (
                "?",
                ctx.t(
                    "según el relevamiento u oferta",
                    "depends on the survey or offer",
                )
                .into(),
            ),
        };
        let line = format!(
            "{mark} {:>2}. {:<38} {detail}",
            s.number(),
            s.name(ctx.lang)
        );
        say!("{}", line.trim_end());
        if let StepState::Done { record } = &entry.state {
            for field in s.fields() {
                if let Some(value) = record.values.get(field.key) {
                    say!(
                        "        {}: {}",
                        field.label(ctx.lang),
                        value.display(ctx.lang)
                    );
                }
            }
        }
    }
    if let Some(sub) = &page.subscription {
        say!();
        say!(
            "{} {} {} {}",
            ctx.t("Suscripción activa", "Active subscription"),
            sub.subscriber_id,
            ctx.t("desde", "since"),
            sub.activation_date.format("%d/%m/%Y")
        );
    }
}

/// Runs an order command.
pub async fn run(ctx: &Ctx, command: OrderCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    let changed = match command {
        OrderCommand::Create { customer, title } => {
            Some(orders::create(&nimbo, ctx.actor()?, &customer, &title).await)
        }
        OrderCommand::Step {
            number,
            step,
            values,
            files,
        } => {
            let mut submission = StepSubmission {
                step: step.as_deref().map(|s| parse_step(ctx, s)).transpose()?,
                values: BTreeMap::new(),
                files: BTreeMap::new(),
            };
            for v in &values {
                let (k, val) = split_pair(ctx, "--set", v)?;
                submission
                    .values
                    .insert(k.trim().to_string(), val.to_string());
            }
            for f in &files {
                let (k, path) = split_pair(ctx, "--file", f)?;
                let upload =
                    FileUpload::from_path(Path::new(path.trim())).map_err(|e| ctx.fail(e))?;
                submission.files.insert(k.trim().to_string(), upload);
            }
            let actor = ctx.actor()?.to_string();
            Some(orders::complete_step(&nimbo, &actor, &number, submission).await)
        }
        OrderCommand::Reject { number, reason } => {
            Some(orders::reject(&nimbo, ctx.actor()?, &number, &reason).await)
        }
        OrderCommand::Skip { number, reason } => {
            Some(orders::skip(&nimbo, ctx.actor()?, &number, &reason).await)
        }
        OrderCommand::Cancel { number, reason } => {
            Some(orders::cancel(&nimbo, ctx.actor()?, &number, &reason).await)
        }
        OrderCommand::Show { number } => {
            let page = orders::show(&nimbo, &number)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&page);
            } else {
                print_page(ctx, &page);
            }
            None
        }
        OrderCommand::List(a) => {
            let f = filter(ctx, a)?;
            let list = orders::list(&nimbo, &f, true)
                .await
                .map_err(|e| ctx.fail(e))?;
            print_list(ctx, &list);
            None
        }
        OrderCommand::History { number } => {
            let events = orders::history(&nimbo, &number)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                let readable: Vec<serde_json::Value> = events
                    .iter()
                    .map(|e| {
                        let mut v = serde_json::to_value(e).unwrap_or_default();
                        v["changes"] = serde_json::from_str(&e.changes).unwrap_or_default();
                        v
                    })
                    .collect();
                json(&readable);
            } else {
                for e in &events {
                    let what = describe_entry(ctx.lang, e);
                    say!("{}  {:<16} {what}", local_display(e.at), e.actor);
                }
            }
            None
        }
    };
    if let Some(result) = changed {
        let order = result.map_err(|e| ctx.fail(e))?;
        print_changed(ctx, &order);
    }
    nimbo.close().await;
    Ok(0)
}
