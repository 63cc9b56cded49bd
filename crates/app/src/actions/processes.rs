//! Terminations, suspensions and reconnections (DOMAIN §6, §8): started by the people
//! the procedure names, taken through their steps, decided, rejected or cancelled; shown
//! with their steps and deadlines; listed, and waiting in «Mis tareas».

use std::collections::BTreeMap;

use chrono::NaiveDate;
use nimbo_domain::operation::{Command, EntityKind, Outcome, Record};
use nimbo_domain::role::Role;
use nimbo_domain::service::{ProcessKind, ServiceProcess, ServiceStep};
use nimbo_domain::time::order_number;
use nimbo_domain::workflow::StepInput;
use nimbo_store::{Connection, attachments, billing, customers, device, processes};
use uuid::Uuid;

use super::billing::subscriptions::find as find_subscription;
use crate::attachments::FileUpload;
use crate::context::{actor, require};
use crate::journal::{Change, act, act_on, written};
use crate::views::People;
use crate::views::processes::{Around, ProcessLine, ProcessView, process_line, process_view};
use nimbo_domain::Lang;

use crate::{AppError, Nimbo};

/// What a person submits to complete a step of a process: typed values and files.
#[derive(Debug, Clone, Default)]
pub struct ProcessSubmission {
    /// The step meant, by key or number; `None` means the step it waits for.
    pub step: Option<String>,
    /// Typed values by field key.
    pub values: BTreeMap<String, String>,
    /// Files by field key.
    pub files: BTreeMap<String, FileUpload>,
}

impl ProcessSubmission {
    fn input(&self) -> StepInput {
        StepInput {
            values: self.values.clone(),
            files: self
                .files
                .iter()
                .map(|(k, f)| (k.clone(), f.reference()))
                .collect(),
        }
    }
}

/// The process a person means, by its number.
pub(crate) async fn find(conn: &mut Connection, number: &str) -> Result<ServiceProcess, AppError> {
    processes::by_number(conn, number)
        .await?
        .ok_or_else(|| AppError::ProcessNotFound {
            text: number.trim().to_string(),
        })
}

fn process_in(outcome: Outcome) -> Result<ServiceProcess, AppError> {
    written(outcome, "process", |record| match record {
        Record::Process(p) => Some(p),
        _ => None,
    })
}

/// The step named, or the one the process waits for.
fn step_of(process: &ServiceProcess, named: Option<&str>) -> Result<ServiceStep, AppError> {
    let kind = process.kind();
    match named {
        Some(text) => ServiceStep::parse(kind, text).map_err(|e| AppError::UnknownChoice {
            what: "step",
            text: e.given,
        }),
        // A closed process waits for nothing: its first step is named, and the domain
        // says it is closed.
        None => process
            .task(process.created_at())
            .map(|t| t.step)
            .or_else(|| kind.steps().first().copied())
            .ok_or_else(|| AppError::UnknownChoice {
                what: "step",
                text: String::new(),
            }),
    }
}

/// Starts a process of `kind` on this laptop, numbered from the device's sequence.
async fn start(
    nimbo: &Nimbo,
    by: &str,
    kind: ProcessKind,
    subscription: &str,
    make: impl FnOnce(Uuid, String, Uuid) -> Command,
    letter: Option<&FileUpload>,
) -> Result<ServiceProcess, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    let subscription = find_subscription(&mut tx, subscription).await?;
    let mut dev = device::load(&mut tx).await?;
    dev.order_seq += 1;
    let id = Uuid::now_v7();
    let number = format!("{}-{}", kind.prefix(), order_number(dev.id, dev.order_seq));
    if let Some(file) = letter {
        attachments::put(&mut tx, &file.reference(), &file.bytes, now).await?;
    }
    let command = make(id, number, subscription.id);
    let change = Change::command(&user, EntityKind::Process, id, command);
    let outcome = act_on(&mut tx, &mut dev, now, change).await?;
    tx.commit().await?;
    process_in(outcome)
}

/// The KAM enters a customer's termination request with the signed letter; no plan and
/// no account named is the whole contract.
pub async fn request_termination(
    nimbo: &Nimbo,
    by: &str,
    subscription: &str,
    termination_date: NaiveDate,
    plans: &[String],
    aws_accounts: &[String],
    letter: &FileUpload,
) -> Result<ServiceProcess, AppError> {
    let reference = letter.reference();
    start(
        nimbo,
        by,
        ProcessKind::Termination,
        subscription,
        |process_id, number, subscription_id| Command::RequestTermination {
            process_id,
            number,
            subscription_id,
            termination_date,
            plans: plans.to_vec(),
            aws_accounts: aws_accounts.to_vec(),
            letter: reference,
        },
        Some(letter),
    )
    .await
}

/// The credit manager decides to suspend a subscription for its overdue invoices.
pub async fn decide_suspension(
    nimbo: &Nimbo,
    by: &str,
    subscription: &str,
) -> Result<ServiceProcess, AppError> {
    start(
        nimbo,
        by,
        ProcessKind::Suspension,
        subscription,
        |process_id, number, subscription_id| Command::DecideSuspension {
            process_id,
            number,
            subscription_id,
        },
        None,
    )
    .await
}

/// The service executive confirms a suspended subscription's payment, which starts its
/// reconnection.
pub async fn confirm_reconnection(
    nimbo: &Nimbo,
    by: &str,
    subscription: &str,
    submission: &ProcessSubmission,
) -> Result<ServiceProcess, AppError> {
    let input = submission.input();
    start(
        nimbo,
        by,
        ProcessKind::Reconnection,
        subscription,
        |process_id, number, subscription_id| Command::ConfirmReconnectionPayment {
            process_id,
            number,
            subscription_id,
            input,
        },
        None,
    )
    .await
}

/// Decides and writes a command on an existing process, in one transaction.
async fn on_process(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    files: &BTreeMap<String, FileUpload>,
    make: impl FnOnce(&ServiceProcess) -> Result<Command, AppError>,
) -> Result<ServiceProcess, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    let process = find(&mut tx, number).await?;
    let command = make(&process)?;
    for file in files.values() {
        attachments::put(&mut tx, &file.reference(), &file.bytes, now).await?;
    }
    let change = Change::command(&user, EntityKind::Process, process.id(), command);
    let next = process_in(act(&mut tx, now, change).await?)?;
    tx.commit().await?;
    Ok(next)
}

/// Completes a step of a process with what the person recorded.
pub async fn complete_step(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    submission: &ProcessSubmission,
) -> Result<ServiceProcess, AppError> {
    on_process(nimbo, by, number, &submission.files, |p| {
        Ok(Command::CompleteProcessStep {
            process_id: p.id(),
            step: step_of(p, submission.step.as_deref())?,
            input: submission.input(),
        })
    })
    .await
}

/// Records one role's decision (authorise or refuse, with a reason) on the step the
/// process waits for.
pub async fn decide(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    role: &str,
    approved: bool,
    reason: &str,
) -> Result<ServiceProcess, AppError> {
    let role: Role = role.trim().parse().map_err(|_| AppError::UnknownChoice {
        what: "role",
        text: role.trim().to_string(),
    })?;
    on_process(nimbo, by, number, &BTreeMap::new(), |p| {
        Ok(Command::DecideProcessStep {
            process_id: p.id(),
            step: step_of(p, None)?,
            role,
            approved,
            reason: reason.to_string(),
        })
    })
    .await
}

/// Rejects the work of the step the process waits for, sending it back.
pub async fn reject(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    reason: &str,
) -> Result<ServiceProcess, AppError> {
    on_process(nimbo, by, number, &BTreeMap::new(), |p| {
        Ok(Command::RejectProcessStep {
            process_id: p.id(),
            step: step_of(p, None)?,
            reason: reason.to_string(),
        })
    })
    .await
}

/// Cancels a process with a reason.
pub async fn cancel(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    reason: &str,
) -> Result<ServiceProcess, AppError> {
    on_process(nimbo, by, number, &BTreeMap::new(), |p| {
        Ok(Command::CancelProcess {
            process_id: p.id(),
            reason: reason.to_string(),
        })
    })
    .await
}

/// A process's page.
pub async fn show(nimbo: &Nimbo, number: &str, lang: Lang) -> Result<ProcessView, AppError> {
    let people = People::load(nimbo).await?;
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let process = find(&mut conn, number).await?;
    let subscription = find_subscription(&mut conn, &process.subscription_id().to_string()).await?;
    let customer = customers::by_id(&mut conn, process.customer_id()).await?;
    let (name, ruc) = customer
        .map(|c| (c.name.clone(), c.ruc.to_string()))
        .unwrap_or_default();
    let invoices = billing::invoices::of_account(&mut conn, &subscription.billing_account).await?;
    // The fees of the plans in force on the last day of service, for the penalty table.
    let prices: Vec<_> = nimbo_store::catalogue::plan_records(&mut conn)
        .await?
        .into_iter()
        .flat_map(|p| p.prices)
        .collect();
    let day = match &process {
        ServiceProcess::Termination(t) => t.detail.termination_date,
        _ => nimbo_domain::time::today_in_asuncion(nimbo.now()),
    };
    let catalogue = nimbo_domain::catalogue::in_force(&prices, day);
    let around = Around {
        subscription: &subscription,
        customer: (&name, &ruc),
        invoices: &invoices,
        catalogue: &catalogue,
    };
    Ok(process_view(&process, &around, &people, nimbo.now(), lang))
}

pub(crate) async fn lines(
    conn: &mut Connection,
    found: Vec<ServiceProcess>,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
) -> Result<Vec<ProcessLine>, AppError> {
    let mut out = Vec::with_capacity(found.len());
    for p in found {
        let subscription = nimbo_store::subscriptions::by_id(conn, p.subscription_id()).await?;
        let customer = customers::by_id(conn, p.customer_id()).await?;
        out.push(process_line(
            &p,
            subscription
                .as_ref()
                .map_or("", |s| s.subscriber_id.as_str()),
            customer.as_ref().map_or("", |c| c.name.as_str()),
            now,
            lang,
        ));
    }
    Ok(out)
}

/// The processes of a kind, newest first (at most `limit`); only open ones when asked.
pub async fn list(
    nimbo: &Nimbo,
    kind: ProcessKind,
    open_only: bool,
    limit: u32,
    lang: Lang,
) -> Result<Vec<ProcessLine>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let found = processes::of_kind(&mut conn, kind, open_only, limit).await?;
    lines(&mut conn, found, nimbo.now(), lang).await
}

/// A subscription's processes, oldest first.
pub async fn of_subscription(
    nimbo: &Nimbo,
    subscription: &str,
    lang: Lang,
) -> Result<Vec<ProcessLine>, AppError> {
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let s = find_subscription(&mut conn, subscription).await?;
    let found = processes::of_subscription(&mut conn, s.id).await?;
    lines(&mut conn, found, nimbo.now(), lang).await
}

/// The processes waiting for any of the user's roles, oldest wait first: a page and the
/// total («Mis tareas»).
pub async fn tasks(
    nimbo: &Nimbo,
    username: &str,
    limit: u32,
    offset: u32,
    lang: Lang,
) -> Result<(Vec<ProcessLine>, u64), AppError> {
    let mut conn = nimbo.store().read().await?;
    let user = actor(&mut conn, username).await?;
    let roles: Vec<&str> = user.roles.iter().map(|r| r.id()).collect();
    let (waits, total) = processes::waiting_for(&mut conn, &roles, limit, offset).await?;
    let found = waits.into_iter().map(|w| w.process).collect();
    Ok((lines(&mut conn, found, nimbo.now(), lang).await?, total))
}
