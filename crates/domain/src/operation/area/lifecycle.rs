//! The service's life after onboarding: terminations, suspensions and reconnections
//! (`crate::service`) started and moved through their steps; a step that ends, cuts or
//! reconnects a service writes the subscription in the same operation.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::billing::{Invoice, Period};
use crate::order::AttachmentRef;
use crate::permission::Action;
use crate::service::{
    DEFAULT_GRACE_DAYS, Effect, Facts, ProcessKind, Reconnection, ServiceProcess, ServiceStep,
    Suspension, Termination,
};
use crate::subscription::Subscription;
use crate::workflow::StepContext;

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::{Area, Context, misrouted};

/// The commands of terminations, suspensions and reconnections.
pub(super) struct Lifecycle;

/// What a rule of these processes reads, loaded from the view.
struct World {
    subscription: Subscription,
    invoices: Vec<Invoice>,
    processes: Vec<ServiceProcess>,
    grace_days: u32,
}

impl World {
    fn load(view: &dyn Records, subscription_id: Uuid) -> Result<World, Refusal> {
        let subscription = view
            .subscription(subscription_id)
            .ok_or_else(|| Refusal::unknown(EntityKind::Subscription, subscription_id))?;
        Ok(World {
            invoices: view.invoices_of(&subscription.billing_account),
            processes: view.processes_of(subscription_id),
            grace_days: view
                .organisation()
                .map_or(DEFAULT_GRACE_DAYS, |o| o.grace_days()),
            subscription,
        })
    }

    fn facts(&self, today: chrono::NaiveDate) -> Facts<'_> {
        Facts {
            today,
            subscription: &self.subscription,
            invoices: &self.invoices,
            grace_days: self.grace_days,
            processes: &self.processes,
            carry_into: Period::of_day(today),
        }
    }
}

/// The first period from `from` that `view` holds no lock for: the run a partial
/// termination's debt goes into. The view holds the locks [`locks_wanted`] named.
fn first_unlocked(view: &dyn Records, from: Period) -> Period {
    let mut period = from;
    while view.period_lock(period).is_some() {
        period = period.next();
    }
    period
}

/// The locks a termination's step reads to know where its debt goes: the period of its
/// last day of service, and each next one while the one before is locked.
fn locks_wanted(view: &dyn Records, process: Option<ServiceProcess>) -> Vec<RecordKey> {
    let Some(ServiceProcess::Termination(t)) = process else {
        return Vec::new();
    };
    let from = Period::of_day(t.detail.termination_date);
    let last = first_unlocked(view, from);
    let mut keys = vec![RecordKey::PeriodLock(from)];
    let mut period = from;
    while period < last {
        period = period.next();
        keys.push(RecordKey::PeriodLock(period));
    }
    keys
}

/// The records a process's command reads: the process, then (once it is known) its
/// subscription, the subscription's other processes and its billing account's invoices.
fn around(view: &dyn Records, subscription_id: Option<Uuid>) -> Vec<RecordKey> {
    let Some(id) = subscription_id else {
        return Vec::new();
    };
    let mut keys = vec![
        RecordKey::Subscription(id),
        RecordKey::ProcessesOf(id),
        RecordKey::Organisation,
    ];
    if let Some(s) = view.subscription(id) {
        keys.push(RecordKey::InvoicesOf(s.billing_account));
    }
    keys
}

fn process_id(command: &Command) -> Option<Uuid> {
    match command {
        Command::RequestTermination { process_id, .. }
        | Command::DecideSuspension { process_id, .. }
        | Command::ConfirmReconnectionPayment { process_id, .. }
        | Command::CompleteProcessStep { process_id, .. }
        | Command::DecideProcessStep { process_id, .. }
        | Command::RejectProcessStep { process_id, .. }
        | Command::CancelProcess { process_id, .. } => Some(*process_id),
        _ => None,
    }
}

fn started_on(command: &Command) -> Option<Uuid> {
    match command {
        Command::RequestTermination {
            subscription_id, ..
        }
        | Command::DecideSuspension {
            subscription_id, ..
        }
        | Command::ConfirmReconnectionPayment {
            subscription_id, ..
        } => Some(*subscription_id),
        _ => None,
    }
}

fn context(cx: &Context<'_>) -> StepContext {
    StepContext {
        today: cx.today,
        plans: cx.view.plans(),
        risks: Vec::new(),
        signed_documents: Default::default(),
    }
}

/// The process's new state and, when a step changed the subscription, the subscription.
fn written(process: ServiceProcess, effect: &Effect, world: &World) -> Outcome {
    let id = process.id();
    let mut outcome = Outcome::one(Record::Process(process));
    if let Some(subscription) = effect.on(&world.subscription, id) {
        outcome.records.push(Record::Subscription(subscription));
    }
    outcome
}

impl Area for Lifecycle {
    fn wanted(&self, command: &Command, view: &dyn Records) -> Vec<RecordKey> {
        let Some(id) = process_id(command) else {
            return Vec::new();
        };
        let subscription =
            started_on(command).or_else(|| view.process(id).map(|p| p.subscription_id()));
        let mut keys = vec![RecordKey::Process(id)];
        keys.extend(around(view, subscription));
        if matches!(command, Command::CompleteProcessStep { .. }) {
            keys.extend(locks_wanted(view, view.process(id)));
        }
        keys
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        let (view, actor, at) = (cx.view, cx.actor, cx.at);
        if let Some(id) = started_on(command).and(process_id(command))
            && view.process(id).is_some()
        {
            return Err(Refusal::exists(EntityKind::Process, id));
        }
        match command {
            Command::RequestTermination {
                process_id,
                number,
                subscription_id,
                termination_date,
                plans,
                aws_accounts,
                letter,
            } => {
                let world = World::load(view, *subscription_id)?;
                let termination = Termination::request(
                    *process_id,
                    number.clone(),
                    &world.facts(cx.today),
                    *termination_date,
                    plans,
                    aws_accounts,
                    letter.clone(),
                    actor,
                    at,
                )?;
                let changes = json!({ "number": number, "subscriber_id": world.subscription.subscriber_id,
                    "termination_date": termination_date, "scope": termination.detail.scope,
                    "letter": letter.sha256 });
                Ok(
                    Outcome::one(Record::Process(ServiceProcess::Termination(termination)))
                        .noting(changes),
                )
            }
            Command::DecideSuspension {
                process_id,
                number,
                subscription_id,
            } => {
                let world = World::load(view, *subscription_id)?;
                let suspension = Suspension::decide_to_suspend(
                    *process_id,
                    number.clone(),
                    &world.facts(cx.today),
                    actor,
                    at,
                )?;
                let changes = json!({ "number": number, "subscriber_id": world.subscription.subscriber_id,
                    "invoices": suspension.detail.invoices, "grace_days": suspension.detail.grace_days });
                Ok(
                    Outcome::one(Record::Process(ServiceProcess::Suspension(suspension)))
                        .noting(changes),
                )
            }
            Command::ConfirmReconnectionPayment {
                process_id,
                number,
                subscription_id,
                input,
            } => {
                let world = World::load(view, *subscription_id)?;
                let reconnection = Reconnection::confirm_payment(
                    *process_id,
                    number.clone(),
                    &world.facts(cx.today),
                    input,
                    &context(cx),
                    actor,
                    at,
                )?;
                let changes = json!({ "number": number, "subscriber_id": world.subscription.subscriber_id,
                    "suspension": reconnection.detail.suspension_number, "values": input.values });
                Ok(
                    Outcome::one(Record::Process(ServiceProcess::Reconnection(reconnection)))
                        .noting(changes),
                )
            }
            Command::CompleteProcessStep {
                process_id,
                step,
                input,
            } => {
                let process = process_of(view, *process_id)?;
                let world = World::load(view, process.subscription_id())?;
                let mut facts = world.facts(cx.today);
                if let ServiceProcess::Termination(t) = &process {
                    let last_day = Period::of_day(t.detail.termination_date);
                    facts.carry_into = first_unlocked(view, last_day);
                }
                let ctx = context(cx);
                let (next, changes, effect) = match (&process, step) {
                    (ServiceProcess::Termination(t), ServiceStep::Termination(s)) => {
                        let (n, c, e) = t.complete_step(*s, input, &ctx, &facts, actor, at)?;
                        (ServiceProcess::Termination(n), c, e)
                    }
                    (ServiceProcess::Suspension(p), ServiceStep::Suspension(s)) => {
                        let (n, c, e) = p.complete_step(*s, input, &ctx, actor, at)?;
                        (ServiceProcess::Suspension(n), c, e)
                    }
                    (ServiceProcess::Reconnection(p), ServiceStep::Reconnection(s)) => {
                        let (n, c, e) = p.complete_step(*s, input, &ctx, actor, at)?;
                        (ServiceProcess::Reconnection(n), c, e)
                    }
                    _ => return Err(wrong_process(&process)),
                };
                Ok(written(next, &effect, &world).noting(changes))
            }
            Command::DecideProcessStep {
                process_id,
                step,
                role,
                approved,
                reason,
            } => {
                let process = process_of(view, *process_id)?;
                let (next, changes) = match (&process, step) {
                    (ServiceProcess::Termination(t), ServiceStep::Termination(s)) => {
                        let (n, c) = t.decide(*s, *role, *approved, reason, actor, at)?;
                        (ServiceProcess::Termination(n), c)
                    }
                    (ServiceProcess::Suspension(p), ServiceStep::Suspension(s)) => {
                        let (n, c) = p.decide(*s, *role, *approved, reason, actor, at)?;
                        (ServiceProcess::Suspension(n), c)
                    }
                    (ServiceProcess::Reconnection(p), ServiceStep::Reconnection(s)) => {
                        let (n, c) = p.decide(*s, *role, *approved, reason, actor, at)?;
                        (ServiceProcess::Reconnection(n), c)
                    }
                    _ => return Err(wrong_process(&process)),
                };
                Ok(Outcome::one(Record::Process(next)).noting(changes))
            }
            Command::RejectProcessStep {
                process_id,
                step,
                reason,
            } => {
                let process = process_of(view, *process_id)?;
                let (next, changes) = match (&process, step) {
                    (ServiceProcess::Termination(t), ServiceStep::Termination(s)) => {
                        let (n, c) = t.reject(*s, reason, actor, at)?;
                        (ServiceProcess::Termination(n), c)
                    }
                    (ServiceProcess::Suspension(p), ServiceStep::Suspension(s)) => {
                        let (n, c) = p.reject(*s, reason, actor, at)?;
                        (ServiceProcess::Suspension(n), c)
                    }
                    (ServiceProcess::Reconnection(p), ServiceStep::Reconnection(s)) => {
                        let (n, c) = p.reject(*s, reason, actor, at)?;
                        (ServiceProcess::Reconnection(n), c)
                    }
                    _ => return Err(wrong_process(&process)),
                };
                Ok(Outcome::one(Record::Process(next)).noting(changes))
            }
            Command::CancelProcess { process_id, reason } => {
                let process = process_of(view, *process_id)?;
                let (next, changes) = match &process {
                    ServiceProcess::Termination(t) => {
                        let (n, c) = t.cancel(reason, actor, at)?;
                        (ServiceProcess::Termination(n), c)
                    }
                    ServiceProcess::Suspension(p) => {
                        let (n, c) = p.cancel(reason, actor, at)?;
                        (ServiceProcess::Suspension(n), c)
                    }
                    ServiceProcess::Reconnection(p) => {
                        let (n, c) = p.cancel(reason, actor, at)?;
                        (ServiceProcess::Reconnection(n), c)
                    }
                };
                Ok(Outcome::one(Record::Process(next)).noting(changes))
            }
            _ => Err(misrouted()),
        }
    }

    fn action(&self, command: &Command) -> Option<Action> {
        use crate::service::{ReconnectionStep, SuspensionStep, TerminationStep};
        Some(match command {
            Command::RequestTermination { .. } => {
                Action::ServiceStep(ServiceStep::Termination(TerminationStep::Request))
            }
            Command::DecideSuspension { .. } => {
                Action::ServiceStep(ServiceStep::Suspension(SuspensionStep::Decision))
            }
            Command::ConfirmReconnectionPayment { .. } => Action::ServiceStep(
                ServiceStep::Reconnection(ReconnectionStep::PaymentConfirmed),
            ),
            Command::CompleteProcessStep { step, .. }
            | Command::DecideProcessStep { step, .. }
            | Command::RejectProcessStep { step, .. } => Action::ServiceStep(*step),
            // The process's kind is known only once it is loaded: its own rule checks.
            _ => return None,
        })
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::RequestTermination { .. } => "termination.requested",
            Command::DecideSuspension { .. } => "suspension.decided",
            Command::ConfirmReconnectionPayment { .. } => "reconnection.payment_confirmed",
            Command::CompleteProcessStep { step, .. } => match step.kind() {
                ProcessKind::Termination => "termination.step_completed",
                ProcessKind::Suspension => "suspension.step_completed",
                ProcessKind::Reconnection => "reconnection.step_completed",
            },
            Command::DecideProcessStep { step, .. } => match step.kind() {
                ProcessKind::Termination => "termination.decided",
                ProcessKind::Suspension => "suspension.decided",
                ProcessKind::Reconnection => "reconnection.decided",
            },
            Command::RejectProcessStep { .. } => "process.rejected",
            _ => "process.cancelled",
        }
    }

    fn attachments<'c>(&self, command: &'c Command) -> Vec<&'c AttachmentRef> {
        match command {
            Command::RequestTermination { letter, .. } => vec![letter],
            Command::ConfirmReconnectionPayment { input, .. }
            | Command::CompleteProcessStep { input, .. } => input.files.values().collect(),
            _ => Vec::new(),
        }
    }

    fn stated_changes(&self, command: &Command) -> Value {
        match command {
            Command::RequestTermination {
                number,
                termination_date,
                ..
            } => json!({ "number": number, "termination_date": termination_date }),
            Command::DecideSuspension { number, .. }
            | Command::ConfirmReconnectionPayment { number, .. } => json!({ "number": number }),
            Command::CompleteProcessStep { step, input, .. } => {
                json!({ "step": step, "values": input.values })
            }
            Command::DecideProcessStep {
                step,
                role,
                approved,
                reason,
                ..
            } => json!({ "step": step, "role": role, "approved": approved, "reason": reason }),
            Command::RejectProcessStep { step, reason, .. } => {
                json!({ "step": step, "reason": reason })
            }
            Command::CancelProcess { reason, .. } => json!({ "reason": reason }),
            _ => json!({}),
        }
    }
}

fn process_of(view: &dyn Records, id: Uuid) -> Result<ServiceProcess, Refusal> {
    view.process(id)
        .ok_or_else(|| Refusal::unknown(EntityKind::Process, id))
}

/// A step of another kind of process than the one named: the command is inconsistent.
fn wrong_process(process: &ServiceProcess) -> Refusal {
    Refusal::Inconsistent { id: process.id() }
}
