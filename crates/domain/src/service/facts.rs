//! What the rules of a service's processes read of the world, given by the caller: the
//! subscription, its billing account's invoices, the day, the grace period and the other
//! processes of the same subscription.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::billing::Invoice;
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
}

impl Facts<'_> {
    /// What the billing account owes on its invoices today.
    pub fn owed(&self) -> Decimal {
        crate::billing::debt(self.invoices, self.today).owed
    }

    /// How many of its invoices are not paid in full.
    pub fn unpaid_invoices(&self) -> usize {
        self.invoices
            .iter()
            .filter(|i| i.balance() > Decimal::ZERO)
            .count()
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
