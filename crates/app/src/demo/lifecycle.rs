//! The service's life in a demonstration: terminations standing at every step (one past
//! its deadline, one waiting for the three authorisations, one confirmed), a customer
//! suspended for debt and another reconnected after paying.
//!
//! Each change is decided by the domain's `apply`, the one path every change takes, at
//! an instant of the last days — so deadlines have passed as they would have. They are
//! written as a replay writes what it pulls (records only): this laptop's clock and
//! journal, which a year of billing moved up to now, cannot be written in the past.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use nimbo_domain::billing::Invoice;
use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{
    Command, EntityKind, MemoryRecords, Operation, OperationBody, Outcome, apply,
};
use nimbo_domain::role::Role;
use nimbo_domain::service::{
    DEFAULT_GRACE_DAYS, ProcessKind, ReconnectionStep, ServiceStep, SuspensionStep,
    TerminationStep, overdue_beyond_grace,
};
use nimbo_domain::subscription::Subscription;
use nimbo_domain::time::{order_number, today_in_asuncion};
use nimbo_domain::user::User;
use nimbo_domain::workflow::{AttachmentRef, StepInput};
use nimbo_store::{Connection, attachments, billing, device, records, subscriptions, users};
use uuid::Uuid;

use crate::AppError;

struct Desk<'a> {
    conn: &'a mut Connection,
    seq: i64,
    device: Uuid,
}

impl Desk<'_> {
    async fn user(&mut self, username: &str) -> Result<User, AppError> {
        users::by_username(self.conn, username)
            .await?
            .ok_or_else(|| AppError::UnknownUser {
                username: username.into(),
            })
    }

    /// Decides a command by `who` at `at` as the server would and writes what it wrote.
    async fn run(
        &mut self,
        who: &str,
        at: DateTime<Utc>,
        command: Command,
    ) -> Result<Outcome, AppError> {
        let user = self.user(who).await?;
        let op = Operation {
            id: Uuid::now_v7(),
            hlc: Hlc {
                wall_ms: at.timestamp_millis(),
                counter: 0,
                node: "demo".into(),
            },
            device: self.device,
            actor: user.username.clone(),
            entity: EntityKind::Process,
            entity_id: Uuid::nil(),
            body: OperationBody::Command { command },
        };
        let mut view = MemoryRecords::default();
        records::load_wanted(self.conn, &op, &mut view).await?;
        let outcome = apply(&op, &user, &view)?;
        records::save(self.conn, &outcome.records, at).await?;
        Ok(outcome)
    }

    fn number(&mut self, kind: ProcessKind) -> String {
        self.seq += 1;
        format!("{}-{}", kind.prefix(), order_number(self.device, self.seq))
    }

    async fn step<const N: usize>(
        &mut self,
        who: &str,
        at: DateTime<Utc>,
        process: Uuid,
        step: ServiceStep,
        values: [(&str, &str); N],
    ) -> Result<(), AppError> {
        let input = StepInput::with(values);
        self.run(
            who,
            at,
            Command::CompleteProcessStep {
                process_id: process,
                step,
                input,
            },
        )
        .await
        .map(|_| ())
    }

    async fn decide(
        &mut self,
        who: &str,
        at: DateTime<Utc>,
        process: Uuid,
        role: Role,
    ) -> Result<(), AppError> {
        self.run(
            who,
            at,
            Command::DecideProcessStep {
                process_id: process,
                step: ServiceStep::Termination(TerminationStep::Authorisation),
                role,
                approved: true,
                reason: "Cliente estratégico; la deuda sigue en gestión de cobro".into(),
            },
        )
        .await
        .map(|_| ())
    }
}

/// A step a demonstration's termination takes: who, which, and what they type.
type Scripted = (&'static str, ServiceStep, Vec<(&'static str, String)>);

const KAM: &str = "ana.duarte";
const EXECUTIVE: &str = "sofia.ramirez";
const SUPPORT: &str = "maria.gonzalez";
const PRESALES: &str = "pedro.gimenez";
const REGIONAL: &str = "laura.acosta";
const CREDIT: &str = "ricardo.ortiz";
const SPECIALIST: &str = "hugo.martinez";

fn ymd(at: DateTime<Utc>) -> String {
    today_in_asuncion(at).format("%Y-%m-%d").to_string()
}

/// The letter a customer signed, stored as the KAM would attach it.
async fn letter(
    conn: &mut Connection,
    subscriber_id: &str,
    now: DateTime<Utc>,
) -> Result<AttachmentRef, AppError> {
    let bytes = format!(
        "%PDF-1.4\n% Nota de baja del servicio AWS, Subscriber ID {subscriber_id}, firmada por el representante legal\n%%EOF\n"
    )
    .into_bytes();
    let upload = crate::attachments::FileUpload::from_bytes("nota-de-baja.pdf", bytes)?;
    attachments::put(conn, &upload.reference(), &upload.bytes, now).await?;
    Ok(upload.reference())
}

/// Fills the demonstration's service life, in the caller's transaction.
pub(crate) async fn fill(conn: &mut Connection, now: DateTime<Utc>) -> Result<(), AppError> {
    let subs = subscriptions::all(conn).await?;
    if subs.len() < 4 || subs.len() > super::billing::MOST_SUBSCRIPTIONS {
        return Ok(());
    }
    let dev = device::load(conn).await?;
    let mut invoices_of: BTreeMap<String, Vec<Invoice>> = BTreeMap::new();
    for i in billing::invoices::all(conn).await? {
        invoices_of
            .entry(i.billing_account.clone())
            .or_default()
            .push(i);
    }
    let today = today_in_asuncion(now);
    let overdue = |s: &Subscription| {
        !overdue_beyond_grace(
            invoices_of
                .get(&s.billing_account)
                .map_or(&[][..], Vec::as_slice),
            today,
            DEFAULT_GRACE_DAYS,
        )
        .is_empty()
    };
    let (in_debt, paying): (Vec<&Subscription>, Vec<&Subscription>) =
        subs.iter().partition(|s| overdue(s));
    let mut desk = Desk {
        conn,
        seq: dev.order_seq + 1_000,
        device: dev.id,
    };
    let days_ago = |d: i64, h: i64| now - Duration::days(d) - Duration::hours(h);

    // A customer suspended for debt, and another reconnected after paying.
    let mut in_debt = in_debt.into_iter();
    if let Some(s) = in_debt.next() {
        suspend(&mut desk, s, days_ago(6, 4)).await?;
    }
    if let Some(s) = in_debt.next() {
        suspend(&mut desk, s, days_ago(12, 4)).await?;
        let paid_at = days_ago(5, 2);
        let owed = invoices_of
            .get(&s.billing_account)
            .cloned()
            .unwrap_or_default();
        pay(&mut desk, &owed, paid_at).await?;
        let id = Uuid::now_v7();
        let number = desk.number(ProcessKind::Reconnection);
        let paid_on = ymd(paid_at);
        desk.run(
            EXECUTIVE,
            days_ago(5, 0),
            Command::ConfirmReconnectionPayment {
                process_id: id,
                number,
                subscription_id: s.id,
                input: StepInput::with([
                    ("payment_reference", "TRF 889122"),
                    ("paid_on", paid_on.as_str()),
                ]),
            },
        )
        .await?;
        let r = |step| ServiceStep::Reconnection(step);
        desk.step(
            SUPPORT,
            days_ago(4, 6),
            id,
            r(ReconnectionStep::SiebelReactivated),
            [("servicenow_request", "REQ0045999")],
        )
        .await?;
        desk.step(
            REGIONAL,
            days_ago(4, 2),
            id,
            r(ReconnectionStep::Reconnected),
            [("reconnected_on", ymd(days_ago(4, 2)).as_str())],
        )
        .await?;
        desk.step(
            KAM,
            days_ago(4, 1),
            id,
            r(ReconnectionStep::Notice),
            [("notified_on", ymd(days_ago(4, 1)).as_str())],
        )
        .await?;
    }

    // Terminations at every step: the n-th stops after n steps.
    let with_debt: Vec<&Subscription> = in_debt.collect();
    // Contracts with a term first, so that their terminations have a penalty table.
    let mut paying = paying;
    paying.sort_by_key(|s| s.terms.is_none());
    let mut candidates = paying.into_iter();
    // One waiting for the three authorisations: a customer that owes and will not pay.
    if let Some(s) = with_debt.first() {
        let id = request(&mut desk, s, days_ago(3, 5)).await?;
        let t = |step| ServiceStep::Termination(step);
        desk.step(
            KAM,
            days_ago(3, 2),
            id,
            t(TerminationStep::Verification),
            [
                ("leaves_debt", "sí"),
                (
                    "notes",
                    "El cliente cierra operaciones en Paraguay y no pagará la última factura",
                ),
            ],
        )
        .await?;
        desk.decide(CREDIT, days_ago(2, 3), id, Role::CreditManager)
            .await?;
    }
    for stop in 1..=8_usize {
        let Some(s) = candidates.next() else { break };
        let start = days_ago(9 - i64::try_from(stop).unwrap_or(0), 6);
        let id = request(&mut desk, s, start).await?;
        let t = |step| ServiceStep::Termination(step);
        let mut at = start;
        let mut tick = |hours: i64| {
            at += Duration::hours(hours);
            at
        };
        let steps: [Scripted; 7] = [
            (
                KAM,
                t(TerminationStep::Verification),
                vec![("leaves_debt", "no".into())],
            ),
            (
                KAM,
                t(TerminationStep::ConfirmationSent),
                vec![("confirmed_on", ymd(start))],
            ),
            (
                EXECUTIVE,
                t(TerminationStep::DebtConfirmation),
                vec![("debt_exists", "no".into())],
            ),
            (KAM, t(TerminationStep::RequestForwarded), vec![]),
            (
                EXECUTIVE,
                t(TerminationStep::StatusChange),
                vec![("status_changed_on", ymd(start + Duration::hours(30)))],
            ),
            (
                PRESALES,
                t(TerminationStep::WorkOrder),
                vec![("work_order", format!("WO00{:05}", 12_340 + stop))],
            ),
            (PRESALES, t(TerminationStep::Confirmed), vec![]),
        ];
        // The second stops at the debt confirmation, sent on two days ago: past its 24 h.
        for (who, step, values) in steps.into_iter().take(stop - 1) {
            let when = tick(if step == t(TerminationStep::DebtConfirmation) {
                20
            } else {
                2
            });
            // A total termination goes on after the payments: the customer pays what it
            // owes before the request is forwarded.
            if step == t(TerminationStep::RequestForwarded) {
                let owed = invoices_of
                    .get(&s.billing_account)
                    .cloned()
                    .unwrap_or_default();
                pay(&mut desk, &owed, when - Duration::hours(1)).await?;
            }
            // An invoice issued after that payment still holds it back, as it would:
            // the termination waits there.
            if desk
                .run(
                    who,
                    when,
                    Command::CompleteProcessStep {
                        process_id: id,
                        step,
                        input: input_of(&values),
                    },
                )
                .await
                .is_err()
            {
                break;
            }
        }
    }
    Ok(())
}

fn input_of(values: &[(&str, String)]) -> StepInput {
    StepInput {
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
        files: BTreeMap::new(),
    }
}

async fn request(
    desk: &mut Desk<'_>,
    s: &Subscription,
    at: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
    let number = desk.number(ProcessKind::Termination);
    let letter = letter(desk.conn, &s.subscriber_id, at).await?;
    desk.run(
        KAM,
        at,
        Command::RequestTermination {
            process_id: id,
            number,
            subscription_id: s.id,
            termination_date: today_in_asuncion(at) + Duration::days(45),
            plans: Vec::new(),
            aws_accounts: Vec::new(),
            letter,
        },
    )
    .await?;
    Ok(id)
}

/// The billing specialist records the payment of every invoice issued by `at`.
async fn pay(desk: &mut Desk<'_>, invoices: &[Invoice], at: DateTime<Utc>) -> Result<(), AppError> {
    let day = today_in_asuncion(at);
    for invoice in invoices {
        // As it stands now: accounts shared by several subscriptions were paid already.
        let Some(invoice) = billing::invoices::by_id(desk.conn, invoice.id).await? else {
            continue;
        };
        if invoice.balance().is_zero() || invoice.issued_on > day {
            continue;
        }
        let payment = nimbo_domain::billing::Payment {
            id: Uuid::now_v7(),
            paid_on: day,
            amount: invoice.balance(),
            reference: format!("TRF {}", invoice.number),
            by: SPECIALIST.into(),
            at,
        };
        desk.run(
            SPECIALIST,
            at,
            Command::RecordPayment {
                invoice_id: invoice.id,
                payment,
            },
        )
        .await?;
    }
    Ok(())
}

/// A suspension decided at `at` and carried out over the next two days.
async fn suspend(desk: &mut Desk<'_>, s: &Subscription, at: DateTime<Utc>) -> Result<(), AppError> {
    let id = Uuid::now_v7();
    let number = desk.number(ProcessKind::Suspension);
    desk.run(
        CREDIT,
        at,
        Command::DecideSuspension {
            process_id: id,
            number,
            subscription_id: s.id,
        },
    )
    .await?;
    let u = |step| ServiceStep::Suspension(step);
    let notice = at + Duration::hours(3);
    let cut = at + Duration::days(2);
    desk.step(
        KAM,
        notice,
        id,
        u(SuspensionStep::Notice),
        [
            ("suspension_date", ymd(cut).as_str()),
            ("notified_on", ymd(notice).as_str()),
        ],
    )
    .await?;
    desk.step(
        SUPPORT,
        cut - Duration::hours(3),
        id,
        u(SuspensionStep::SiebelSuspended),
        [("servicenow_request", "REQ0045678")],
    )
    .await?;
    desk.step(
        REGIONAL,
        cut,
        id,
        u(SuspensionStep::Cut),
        [("cut_on", ymd(cut).as_str())],
    )
    .await?;
    Ok(())
}
