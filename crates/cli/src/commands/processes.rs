//! `nimbo termination …`, `nimbo suspension …`, `nimbo reconnection …` and
//! `nimbo subscription history`.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use nimbo_app::actions::processes::{self, ProcessSubmission};
use nimbo_app::attachments::FileUpload;
use nimbo_app::views::processes::{ProcessLine, ProcessView};
use nimbo_domain::service::{ProcessKind, ServiceProcess};

use super::orders::split_pair;
use crate::lifecycle_args::{
    ListArgs, ReconnectionCommand, StepValues, SuspensionCommand, TerminationCommand,
};
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

/// An instant in RFC 3339 as people read it in Asunción.
fn moment(text: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| {
            (t.with_timezone(&chrono::Utc) - chrono::Duration::hours(3))
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| text.to_string())
}

fn submission(ctx: &Ctx, args: &StepValues) -> Result<ProcessSubmission, CliError> {
    let mut s = ProcessSubmission {
        step: args.step.clone(),
        values: BTreeMap::new(),
        files: BTreeMap::new(),
    };
    for v in &args.values {
        let (k, val) = split_pair(ctx, "--set", v)?;
        s.values.insert(k.trim().to_string(), val.to_string());
    }
    for f in &args.files {
        let (k, path) = split_pair(ctx, "--file", f)?;
        let upload = FileUpload::from_path(Path::new(path.trim())).map_err(|e| ctx.fail(e))?;
        s.files.insert(k.trim().to_string(), upload);
    }
    Ok(s)
}

fn date(ctx: &Ctx, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        super::bad_value(
            ctx,
            "--date",
            nimbo_domain::problem::Problem::NotADate {
                given: text.trim().to_string(),
            },
        )
    })
}

/// Prints what a change left, then the process's page.
async fn changed(
    ctx: &Ctx,
    nimbo: &nimbo_app::Nimbo,
    result: Result<ServiceProcess, nimbo_app::AppError>,
) -> Result<u8, CliError> {
    let process = result.map_err(|e| ctx.fail(e))?;
    show(ctx, nimbo, process.number()).await
}

async fn show(ctx: &Ctx, nimbo: &nimbo_app::Nimbo, number: &str) -> Result<u8, CliError> {
    let page = processes::show(nimbo, number, ctx.lang)
        .await
        .map_err(|e| ctx.fail(e))?;
    if ctx.json {
        json(&page);
    } else {
        print_page(ctx, &page);
    }
    Ok(0)
}

fn print_page(ctx: &Ctx, page: &ProcessView) {
    let mut pairs: Vec<(&str, String)> = vec![
        (
            ctx.t("Trámite", "Process"),
            format!("{} {}", page.kind_name, page.number),
        ),
        (ctx.t("Estado", "Status"), page.status_label.clone()),
        (
            ctx.t("Cliente", "Customer"),
            format!("{} (RUC {})", page.customer, page.ruc),
        ),
        ("Subscriber ID", page.subscriber_id.clone()),
        (
            ctx.t("Iniciado por", "Started by"),
            format!("{}, {}", page.created_by, moment(&page.created_at)),
        ),
        (
            ctx.t("Deuda de la cuenta", "Account's debt"),
            format!(
                "USD {} ({} {})",
                page.owed
                    .parse()
                    .map(|d| nimbo_domain::billing::es_py(d, ctx.lang))
                    .unwrap_or_else(|_| page.owed.clone()),
                page.unpaid_invoices,
                ctx.t("facturas impagas", "unpaid invoices")
            ),
        ),
    ];
    for f in &page.facts {
        pairs.push((f.label.as_str(), f.value.clone()));
    }
    if let Some(open) = &page.open_step {
        let due = match (&open.deadline, open.lateness.as_deref()) {
            (Some(d), Some("overdue")) => format!(
                " — {} {} ({})",
                ctx.t("vence", "due"),
                moment(d),
                ctx.t("VENCIDO", "OVERDUE")
            ),
            (Some(d), _) => format!(" — {} {}", ctx.t("vence", "due"), moment(d)),
            _ => String::new(),
        };
        pairs.push((
            ctx.t("Espera", "Waits for"),
            format!(
                "{}. {} ({}){due}",
                open.number,
                open.name,
                open.roles.join(", ")
            ),
        ));
    }
    if let Some(c) = &page.cancellation {
        pairs.push((c.label.as_str(), c.value.clone()));
    }
    fields(&pairs);
    say!();
    let rows: Vec<Vec<String>> = page
        .steps
        .iter()
        .map(|s| {
            let state = match s.state.as_str() {
                "done" => ctx.t("hecho", "done"),
                "current" => ctx.t("en espera", "waiting"),
                "not_applicable" => ctx.t("no corresponde", "not applicable"),
                "cancelled" => ctx.t("cancelado", "cancelled"),
                _ => ctx.t("pendiente", "pending"),
            };
            let mut what: Vec<String> = s
                .values
                .iter()
                .map(|v| format!("{}: {}", v.label, v.value))
                .collect();
            for d in &s.decisions {
                what.push(format!(
                    "{} {} ({}): {}",
                    d.role,
                    if d.approved {
                        ctx.t("autorizó", "authorised")
                    } else {
                        ctx.t("rechazó", "refused")
                    },
                    d.by,
                    d.reason
                ));
            }
            vec![
                s.number.to_string(),
                s.name.clone(),
                s.roles.join(", "),
                s.time_limit_hours
                    .map(|h| format!("{h} h"))
                    .unwrap_or_default(),
                state.to_string(),
                s.by.clone()
                    .map(|b| format!("{b}, {}", s.at.as_deref().map(moment).unwrap_or_default()))
                    .unwrap_or_default(),
                what.join("; "),
            ]
        })
        .collect();
    table(
        &[
            "#",
            ctx.t("Paso", "Step"),
            ctx.t("Rol", "Role"),
            ctx.t("Plazo", "Limit"),
            ctx.t("Estado", "Status"),
            ctx.t("Hecho por", "Done by"),
            ctx.t("Registró", "Recorded"),
        ],
        &rows,
    );
}

/// Prints a list of processes.
pub fn print_lines(ctx: &Ctx, list: &[ProcessLine]) {
    if ctx.json {
        json(&list);
        return;
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|l| {
            vec![
                l.number.clone(),
                l.kind_name.clone(),
                l.customer.clone(),
                l.subscriber_id.clone(),
                l.status_label.clone(),
                l.step.clone().unwrap_or_default(),
                match (&l.deadline, l.overdue) {
                    (Some(d), true) => format!("{} ({})", moment(d), ctx.t("VENCIDO", "OVERDUE")),
                    (Some(d), false) => moment(d),
                    _ => String::new(),
                },
            ]
        })
        .collect();
    table(
        &[
            ctx.t("Número", "Number"),
            ctx.t("Trámite", "Process"),
            ctx.t("Cliente", "Customer"),
            "Subscriber ID",
            ctx.t("Estado", "Status"),
            ctx.t("Espera", "Waits for"),
            ctx.t("Vence", "Due"),
        ],
        &rows,
    );
}

async fn list(
    ctx: &Ctx,
    nimbo: &nimbo_app::Nimbo,
    kind: ProcessKind,
    args: &ListArgs,
) -> Result<u8, CliError> {
    let list = processes::list(nimbo, kind, args.open, args.limit, ctx.lang)
        .await
        .map_err(|e| ctx.fail(e))?;
    print_lines(ctx, &list);
    Ok(0)
}

/// Runs a termination command.
pub async fn termination(ctx: &Ctx, command: TerminationCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        TerminationCommand::Request {
            subscription,
            date: day,
            letter,
            plans,
            aws_accounts,
        } => {
            let day = date(ctx, &day)?;
            let letter = FileUpload::from_path(&letter).map_err(|e| ctx.fail(e))?;
            let by = ctx.actor()?.to_string();
            let r = processes::request_termination(
                &nimbo,
                &by,
                &subscription,
                day,
                &plans,
                &aws_accounts,
                &letter,
            )
            .await;
            changed(ctx, &nimbo, r).await
        }
        TerminationCommand::Step(args) => {
            let s = submission(ctx, &args)?;
            let by = ctx.actor()?.to_string();
            let r = processes::complete_step(&nimbo, &by, &args.number, &s).await;
            changed(ctx, &nimbo, r).await
        }
        TerminationCommand::Reject(a) => {
            let r = processes::reject(&nimbo, ctx.actor()?, &a.number, &a.reason).await;
            changed(ctx, &nimbo, r).await
        }
        TerminationCommand::Authorise {
            number,
            role,
            refuse,
            reason,
        } => {
            let r = processes::decide(&nimbo, ctx.actor()?, &number, &role, !refuse, &reason).await;
            changed(ctx, &nimbo, r).await
        }
        TerminationCommand::Cancel(a) => {
            let r = processes::cancel(&nimbo, ctx.actor()?, &a.number, &a.reason).await;
            changed(ctx, &nimbo, r).await
        }
        TerminationCommand::Show { number } => show(ctx, &nimbo, &number).await,
        TerminationCommand::List(args) => list(ctx, &nimbo, ProcessKind::Termination, &args).await,
    }
}

/// Runs a suspension command.
pub async fn suspension(ctx: &Ctx, command: SuspensionCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        SuspensionCommand::Decide { subscription } => {
            let r = processes::decide_suspension(&nimbo, ctx.actor()?, &subscription).await;
            changed(ctx, &nimbo, r).await
        }
        SuspensionCommand::Step(args) => {
            let s = submission(ctx, &args)?;
            let by = ctx.actor()?.to_string();
            let r = processes::complete_step(&nimbo, &by, &args.number, &s).await;
            changed(ctx, &nimbo, r).await
        }
        SuspensionCommand::Cancel(a) => {
            let r = processes::cancel(&nimbo, ctx.actor()?, &a.number, &a.reason).await;
            changed(ctx, &nimbo, r).await
        }
        SuspensionCommand::Show { number } => show(ctx, &nimbo, &number).await,
        SuspensionCommand::List(args) => list(ctx, &nimbo, ProcessKind::Suspension, &args).await,
    }
}

/// Runs a reconnection command.
pub async fn reconnection(ctx: &Ctx, command: ReconnectionCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        ReconnectionCommand::Confirm {
            subscription,
            reference,
            paid_on,
        } => {
            let mut s = ProcessSubmission::default();
            s.values.insert("payment_reference".into(), reference);
            s.values.insert("paid_on".into(), paid_on);
            let r = processes::confirm_reconnection(&nimbo, ctx.actor()?, &subscription, &s).await;
            changed(ctx, &nimbo, r).await
        }
        ReconnectionCommand::Step(args) => {
            let s = submission(ctx, &args)?;
            let by = ctx.actor()?.to_string();
            let r = processes::complete_step(&nimbo, &by, &args.number, &s).await;
            changed(ctx, &nimbo, r).await
        }
        ReconnectionCommand::Cancel(a) => {
            let r = processes::cancel(&nimbo, ctx.actor()?, &a.number, &a.reason).await;
            changed(ctx, &nimbo, r).await
        }
        ReconnectionCommand::Show { number } => show(ctx, &nimbo, &number).await,
        ReconnectionCommand::List(args) => {
            list(ctx, &nimbo, ProcessKind::Reconnection, &args).await
        }
    }
}

/// `nimbo subscription history`: the subscription's processes, oldest first.
pub async fn history(
    ctx: &Ctx,
    nimbo: &nimbo_app::Nimbo,
    subscription: &str,
) -> Result<u8, CliError> {
    let list = processes::of_subscription(nimbo, subscription, ctx.lang)
        .await
        .map_err(|e| ctx.fail(e))?;
    print_lines(ctx, &list);
    Ok(0)
}
