//! Billing (DOMAIN §5): imported consumption, professional hours, adjustments, locking a
//! period, and the invoices and payments CBS/Siebel's invoicing leaves. A locked period
//! is never changed: a correction is an adjustment charged in an open period.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_json::json;

use crate::billing::{BillingError, Invoice, Period};
use crate::permission::Action;
use crate::problem::{FieldError, Problem, required_text};

use super::super::records::{Record, RecordKey, Records};
use super::super::{Command, EntityKind, Outcome, Refusal};
use super::{Area, Context, misrouted};

/// The billing commands.
pub(super) struct Billing;

impl Area for Billing {
    fn wanted(&self, command: &Command, view: &dyn Records) -> Vec<RecordKey> {
        match command {
            Command::RecordConsumptionImport { import } => {
                let subscriptions: BTreeSet<_> = import
                    .aggregates
                    .iter()
                    .map(|a| a.subscription_id)
                    .collect();
                let periods: BTreeSet<_> = import.aggregates.iter().map(|a| a.period).collect();
                let mut keys = vec![RecordKey::ConsumptionImport(import.id)];
                keys.extend(subscriptions.into_iter().map(RecordKey::Subscription));
                keys.extend(periods.into_iter().map(RecordKey::PeriodLock));
                keys
            }
            Command::LogHours { entry } => vec![
                RecordKey::Subscription(entry.subscription_id),
                RecordKey::User(entry.person.clone()),
                RecordKey::HoursOf(entry.person.clone()),
                RecordKey::PeriodLock(Period::of_day(entry.start.date())),
            ],
            Command::AddAdjustment { adjustment } => vec![
                RecordKey::Subscription(adjustment.subscription_id),
                RecordKey::Plans,
                RecordKey::PeriodLock(adjustment.period),
            ],
            Command::LockPeriod { period, .. } => {
                let mut keys = vec![RecordKey::PeriodLock(*period)];
                keys.extend(crate::billing::gather::wanted(view, *period));
                keys
            }
            Command::RecordInvoice { invoice } => vec![
                RecordKey::Invoice(invoice.id),
                RecordKey::InvoiceByNumber(invoice.number.clone()),
                RecordKey::Customer(invoice.customer_id),
            ],
            Command::RecordPayment { invoice_id, .. } => vec![RecordKey::Invoice(*invoice_id)],
            _ => Vec::new(),
        }
    }

    fn apply(&self, command: &Command, cx: &Context<'_>) -> Result<Outcome, Refusal> {
        let view = cx.view;
        match command {
            Command::RecordConsumptionImport { import } => {
                if let Some(earlier) = view.consumption_import(import.id) {
                    return Err(BillingError::AlreadyImported {
                        file_name: earlier.file_name,
                        on: crate::time::today_in_asuncion(earlier.at),
                        by: earlier.by,
                    }
                    .into());
                }
                for a in &import.aggregates {
                    if view.subscription(a.subscription_id).is_none() {
                        return Err(Refusal::unknown(
                            EntityKind::Subscription,
                            a.subscription_id,
                        ));
                    }
                    if view.period_lock(a.period).is_some() {
                        return Err(BillingError::PeriodLocked { period: a.period }.into());
                    }
                }
                let counts = json!({ "file_name": import.file_name, "sha256": import.sha256,
                    "rows": import.rows, "rows_billed": import.rows_billed,
                    "rows_with_problems": import.rows_with_problems,
                    "aggregates": import.aggregates.len() });
                Ok(Outcome::one(Record::ConsumptionImport(import.clone())).noting(counts))
            }
            Command::LogHours { entry } => {
                if view.subscription(entry.subscription_id).is_none() {
                    return Err(Refusal::unknown(
                        EntityKind::Subscription,
                        entry.subscription_id,
                    ));
                }
                if view.user(&entry.person).is_none() {
                    return Err(Refusal::unknown(EntityKind::User, &entry.person));
                }
                let period = Period::of_day(entry.start.date());
                if view.period_lock(period).is_some() {
                    return Err(BillingError::PeriodLocked { period }.into());
                }
                let others = view.hours_of(&entry.person);
                if others.iter().any(|h| h.id == entry.id) {
                    return Err(Refusal::exists(EntityKind::Hours, entry.id));
                }
                crate::billing::business_hours::check_entry(entry, &others)?;
                let mut entry = entry.clone();
                entry.what = required_text(&entry.what, 500).map_err(|p| {
                    Refusal::invalid(vec![FieldError::new("what", "Trabajo", "Work", p)])
                })?;
                Ok(Outcome::one(Record::Hours(entry.clone())).noting(json!({ "entry": entry })))
            }
            Command::AddAdjustment { adjustment } => {
                if view.subscription(adjustment.subscription_id).is_none() {
                    return Err(Refusal::unknown(
                        EntityKind::Subscription,
                        adjustment.subscription_id,
                    ));
                }
                if view.period_lock(adjustment.period).is_some() {
                    return Err(BillingError::PeriodLocked {
                        period: adjustment.period,
                    }
                    .into());
                }
                if !view.plans().contains(&adjustment.plan_code) {
                    return Err(BillingError::UnknownPlan {
                        code: adjustment.plan_code.clone(),
                    }
                    .into());
                }
                let mut adj = adjustment.clone();
                if adj.amount.is_zero() || adj.amount.scale() > 2 {
                    return Err(invalid(
                        "amount",
                        "Importe",
                        "Amount",
                        Problem::NotAnAmount {
                            given: adj.amount.to_string(),
                            signed: true,
                        },
                    ));
                }
                adj.reason = required_text(&adj.reason, 500)
                    .map_err(|p| invalid("reason", "Motivo", "Reason", p))?;
                Ok(Outcome::one(Record::Adjustment(adj.clone()))
                    .noting(json!({ "adjustment": adj })))
            }
            Command::LockPeriod { period, run_hash } => {
                if let Some(lock) = view.period_lock(*period) {
                    if lock.run_hash == *run_hash {
                        // The same run locked twice (a retry, or two people alike): nothing
                        // changes.
                        return Ok(Outcome::default().noting(
                            json!({ "period": period, "run_hash": run_hash, "already": true }),
                        ));
                    }
                    return Err(BillingError::LockedOtherwise {
                        period: *period,
                        by: lock.by,
                    }
                    .into());
                }
                let run = crate::billing::run_of(view, *period);
                if run.hash != *run_hash {
                    return Err(BillingError::RunChanged { period: *period }.into());
                }
                let lock = crate::billing::PeriodLock {
                    period: *period,
                    run_hash: run.hash.clone(),
                    lines: run.lines().cloned().collect(),
                    by: cx.actor.username.clone(),
                    at: cx.at,
                };
                Ok(Outcome::one(Record::PeriodLock(lock))
                    .noting(json!({ "period": period, "run_hash": run.hash })))
            }
            Command::RecordInvoice { invoice } => {
                if view.invoice(invoice.id).is_some() {
                    return Err(Refusal::exists(EntityKind::Invoice, invoice.id));
                }
                if view.invoice_by_number(&invoice.number).is_some() {
                    return Err(Refusal::exists(EntityKind::Invoice, &invoice.number));
                }
                if view.customer(invoice.customer_id).is_none() {
                    return Err(Refusal::unknown(EntityKind::Customer, invoice.customer_id));
                }
                let invoice = checked_invoice(invoice)?;
                Ok(Outcome::one(Record::Invoice(invoice.clone()))
                    .noting(json!({ "number": invoice.number, "amount": invoice.amount,
                        "due_on": invoice.due_on, "billing_account": invoice.billing_account })))
            }
            Command::RecordPayment {
                invoice_id,
                payment,
            } => {
                let mut invoice = view
                    .invoice(*invoice_id)
                    .ok_or_else(|| Refusal::unknown(EntityKind::Invoice, invoice_id))?;
                if payment.amount <= Decimal::ZERO || payment.amount.scale() > 2 {
                    return Err(invalid(
                        "amount",
                        "Importe",
                        "Amount",
                        Problem::NotAnAmount {
                            given: payment.amount.to_string(),
                            signed: false,
                        },
                    ));
                }
                let reference = required_text(&payment.reference, 120)
                    .map_err(|p| invalid("reference", "Referencia", "Reference", p))?;
                if invoice
                    .payments
                    .iter()
                    .any(|p| p.id == payment.id || p.reference == reference)
                {
                    return Err(BillingError::PaymentRecorded {
                        invoice: invoice.number,
                        reference,
                    }
                    .into());
                }
                if payment.amount > invoice.balance() {
                    return Err(BillingError::PaymentExceedsBalance {
                        invoice: invoice.number.clone(),
                        amount: payment.amount,
                        balance: invoice.balance(),
                    }
                    .into());
                }
                if payment.paid_on > cx.today {
                    return Err(invalid(
                        "paid_on",
                        "Fecha de pago",
                        "Payment date",
                        Problem::DateInFuture {
                            given: payment.paid_on.to_string(),
                        },
                    ));
                }
                if payment.paid_on < invoice.issued_on {
                    return Err(invalid(
                        "paid_on",
                        "Fecha de pago",
                        "Payment date",
                        Problem::BeforeDay {
                            given: payment.paid_on.to_string(),
                            earliest: invoice.issued_on.to_string(),
                        },
                    ));
                }
                let mut payment = payment.clone();
                payment.reference = reference;
                invoice.payments.push(payment.clone());
                let changes = json!({ "number": invoice.number, "payment": payment,
                    "balance": invoice.balance() });
                Ok(Outcome::one(Record::Invoice(invoice)).noting(changes))
            }
            _ => Err(misrouted()),
        }
    }

    fn action(&self, command: &Command) -> Option<Action> {
        Some(match command {
            Command::RecordConsumptionImport { .. } => Action::ImportConsumption,
            Command::LogHours { .. } => Action::LogHours,
            Command::AddAdjustment { .. } => Action::AdjustCharges,
            Command::LockPeriod { .. } => Action::LockPeriod,
            Command::RecordInvoice { .. } => Action::RecordInvoice,
            _ => Action::RecordPayment,
        })
    }

    fn history_action(&self, command: &Command) -> &'static str {
        match command {
            Command::RecordConsumptionImport { .. } => "billing.consumption_imported",
            Command::LogHours { .. } => "billing.hours_logged",
            Command::AddAdjustment { .. } => "billing.adjustment_added",
            Command::LockPeriod { .. } => "billing.period_locked",
            Command::RecordInvoice { .. } => "billing.invoice_recorded",
            _ => "billing.payment_recorded",
        }
    }
}

fn invalid(field: &str, es: &str, en: &str, problem: Problem) -> Refusal {
    Refusal::invalid(vec![FieldError::new(field, es, en, problem)])
}

/// An invoice as it may be recorded: a number, an account, a positive amount in cents,
/// due no earlier than issued, no payments yet (they come by [`Command::RecordPayment`]).
fn checked_invoice(invoice: &Invoice) -> Result<Invoice, Refusal> {
    let mut next = invoice.clone();
    next.number =
        required_text(&invoice.number, 40).map_err(|p| invalid("number", "Número", "Number", p))?;
    next.billing_account = required_text(&invoice.billing_account, 40).map_err(|p| {
        invalid(
            "billing_account",
            "Cuenta de facturación",
            "Billing account",
            p,
        )
    })?;
    if invoice.amount <= Decimal::ZERO || invoice.amount.scale() > 2 {
        return Err(invalid(
            "amount",
            "Importe",
            "Amount",
            Problem::NotAnAmount {
                given: invoice.amount.to_string(),
                signed: false,
            },
        ));
    }
    if invoice.due_on < invoice.issued_on {
        return Err(invalid(
            "due_on",
            "Vencimiento",
            "Due date",
            Problem::BeforeDay {
                given: invoice.due_on.to_string(),
                earliest: invoice.issued_on.to_string(),
            },
        ));
    }
    next.payments.clear();
    Ok(next)
}
