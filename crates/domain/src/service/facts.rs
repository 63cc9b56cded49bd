//! What the rules of a service's processes read of the world, given by the caller: the
//! subscription, its billing account's invoices, the day, the grace period and the other
//! processes of the same subscription.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::billing::{Invoice, Period};
use crate::contract::{InstalmentsOwed, instalments_owed};
use crate::subscription::Subscription;

use super::kind::ProcessKind;
use super::process::ServiceProcess;

/// The world as a process's rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// The day in Asunción.
    pub today: NaiveDate,
    /// The subscription acted on.
    pub subscription: &'a Subscription,
    /// The invoices of its billing account.
    pub invoices: &'a [Invoice],
    /// How many days past its due date an unpaid invoice may wait before suspension.
    pub grace_days: u32,
    /// Every process of the subscription (the one decided included, as it stood).
    pub processes: &'a [ServiceProcess],
    /// The period whose run a partial termination confirmed now carries its debt into:
    /// the first not locked from the period of its last day of service.
    pub carry_into: Period,
}

/// What a subscription owes (DOMAIN §6: Inactive only when every invoice and every due
/// installation instalment is paid): its billing account's invoices and the instalments of
/// its contract due so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owing {
    /// The invoices' balances (billing's [`crate::billing::debt`]).
    pub on_invoices: Decimal,
    /// How many invoices are not paid in full.
    pub unpaid_invoices: usize,
    /// The due instalments not paid, and what of them no invoice carries yet.
    pub instalments: InstalmentsOwed,
    /// Everything owed: the invoices' balances and the instalments no invoice carries.
    pub total: Decimal,
}

impl Owing {
    /// Whether nothing is owed.
    pub fn is_paid(&self) -> bool {
        self.total.is_zero() && self.instalments.unpaid.is_empty()
    }
}

/// What `subscription` owes on `today` from its billing account's `invoices`: the
/// instalments due by `today`, or by the last day of service when that comes first
/// (instalments due later are not owed as instalments: the penalty's residual value is).
pub fn owing(
    subscription: &Subscription,
    invoices: &[Invoice],
    today: NaiveDate,
    last_day: Option<NaiveDate>,
) -> Owing {
    let on_invoices = crate::billing::debt(invoices, today).owed;
    let due_by = last_day.map_or(today, |l| l.min(today));
    let instalments = instalments_owed(
        subscription.terms.as_ref(),
        subscription.activation_date,
        due_by,
        invoices,
    );
    Owing {
        on_invoices,
        unpaid_invoices: invoices
            .iter()
            .filter(|i| i.balance() > Decimal::ZERO)
            .count(),
        total: on_invoices + instalments.not_invoiced,
        instalments,
    }
}

impl Facts<'_> {
    /// What the subscription owes today, invoices and due instalments (see [`owing`]);
    /// a termination passes its last day of service.
    pub fn owing(&self, last_day: Option<NaiveDate>) -> Owing {
        owing(self.subscription, self.invoices, self.today, last_day)
    }

    /// What the billing account owes on its invoices and due instalments today.
    pub fn owed(&self) -> Decimal {
        self.owing(None).total
    }

    /// How many of its invoices are not paid in full.
    pub fn unpaid_invoices(&self) -> usize {
        self.owing(None).unpaid_invoices
    }

    /// The open process of a kind on the subscription, other than `except`.
    pub fn open(&self, kind: ProcessKind, except: uuid::Uuid) -> Option<&ServiceProcess> {
        self.processes
            .iter()
            .find(|p| p.kind() == kind && p.is_open() && p.id() != except)
    }
}

/// An invoice overdue beyond the grace period, as a suspension lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueInvoice {
    /// Its number.
    pub number: String,
    /// When it fell due.
    pub due_on: NaiveDate,
    /// What is still owed on it.
    pub balance: Decimal,
    /// How many days past due on the day asked.
    pub days_overdue: i64,
}

/// The invoices unpaid more than `grace_days` after they fell due, oldest first.
pub fn overdue_beyond_grace(
    invoices: &[Invoice],
    today: NaiveDate,
    grace_days: u32,
) -> Vec<OverdueInvoice> {
    let mut overdue: Vec<OverdueInvoice> = invoices
        .iter()
        .filter(|i| i.balance() > Decimal::ZERO)
        .map(|i| OverdueInvoice {
            number: i.number.clone(),
            due_on: i.due_on,
            balance: i.balance(),
            days_overdue: (today - i.due_on).num_days(),
        })
        .filter(|o| o.days_overdue > i64::from(grace_days))
        .collect();
    overdue.sort_by(|a, b| (a.due_on, &a.number).cmp(&(b.due_on, &b.number)));
    overdue
}
