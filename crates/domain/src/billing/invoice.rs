//! Invoices CBS/Siebel issued and the payments recorded against them (DOMAIN §5 step 4):
//! what suspension and termination (§6, §8) read to know a customer's debt.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A payment against an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// Stable id.
    pub id: Uuid,
    /// The day it was paid.
    pub paid_on: NaiveDate,
    /// How much, USD.
    pub amount: Decimal,
    /// The bank's or the cashier's reference.
    pub reference: String,
    /// Who recorded it (username).
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// An invoice issued by CBS/Siebel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// Stable id.
    pub id: Uuid,
    /// Its number as printed (`001-001-0012345`).
    pub number: String,
    /// The Siebel billing account it was issued to.
    pub billing_account: String,
    /// The customer that account belongs to.
    pub customer_id: Uuid,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// The day it falls due.
    pub due_on: NaiveDate,
    /// Its amount, IVA included, USD.
    pub amount: Decimal,
    /// The payments recorded against it, in the order recorded.
    pub payments: Vec<Payment>,
    /// Who recorded it (username).
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Where an invoice stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Nothing paid, not yet due.
    Open,
    /// Something paid, not all, not yet due.
    PartlyPaid,
    /// Paid in full.
    Paid,
    /// Past its due day and not paid in full.
    Overdue,
}

impl Invoice {
    /// What has been paid.
    pub fn paid(&self) -> Decimal {
        self.payments.iter().map(|p| p.amount).sum()
    }

    /// What is still owed (never below zero).
    pub fn balance(&self) -> Decimal {
        (self.amount - self.paid()).max(Decimal::ZERO)
    }

    /// Its status on `today`.
    pub fn status(&self, today: NaiveDate) -> InvoiceStatus {
        if self.balance().is_zero() {
            InvoiceStatus::Paid
        } else if today > self.due_on {
            InvoiceStatus::Overdue
        } else if self.paid().is_zero() {
            InvoiceStatus::Open
        } else {
            InvoiceStatus::PartlyPaid
        }
    }

    /// The day it was paid in full, if it was.
    pub fn paid_in_full_on(&self) -> Option<NaiveDate> {
        let mut sum = Decimal::ZERO;
        for p in &self.payments {
            sum += p.amount;
            if sum >= self.amount {
                return Some(p.paid_on);
            }
        }
        None
    }
}

/// A customer's debt on a day: what is owed and the oldest overdue invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debt {
    /// The sum of the balances of every invoice not paid in full.
    pub owed: Decimal,
    /// The part of it past due.
    pub overdue: Decimal,
    /// The number of the oldest overdue invoice, with its due day.
    pub oldest_overdue: Option<(String, NaiveDate)>,
}

/// A customer's debt on `today` from its invoices.
pub fn debt(invoices: &[Invoice], today: NaiveDate) -> Debt {
    let mut owed = Decimal::ZERO;
    let mut overdue = Decimal::ZERO;
    let mut oldest: Option<(String, NaiveDate)> = None;
    for inv in invoices {
        owed += inv.balance();
        if inv.status(today) == InvoiceStatus::Overdue {
            overdue += inv.balance();
            if oldest.as_ref().is_none_or(|(_, due)| inv.due_on < *due) {
                oldest = Some((inv.number.clone(), inv.due_on));
            }
        }
    }
    Debt {
        owed,
        overdue,
        oldest_overdue: oldest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }
    fn day(m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, dd).unwrap_or(NaiveDate::MIN)
    }
    fn invoice(number: &str, due: NaiveDate, amount: &str, paid: &[&str]) -> Invoice {
        Invoice {
            id: Uuid::new_v4(),
            number: number.into(),
            billing_account: "1.2345".into(),
            customer_id: Uuid::nil(),
            issued_on: due - chrono::Days::new(15),
            due_on: due,
            amount: d(amount),
            payments: paid
                .iter()
                .map(|a| Payment {
                    id: Uuid::new_v4(),
                    paid_on: due,
                    amount: d(a),
                    reference: "ref".into(),
                    by: "u".into(),
                    at: DateTime::UNIX_EPOCH,
                })
                .collect(),
            by: "u".into(),
            at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn an_invoice_is_open_partly_paid_paid_or_overdue() {
        let due = day(11, 30);
        assert_eq!(
            invoice("1", due, "100", &[]).status(day(11, 20)),
            InvoiceStatus::Open
        );
        assert_eq!(
            invoice("1", due, "100", &["40"]).status(day(11, 20)),
            InvoiceStatus::PartlyPaid
        );
        assert_eq!(
            invoice("1", due, "100", &["40", "60"]).status(day(12, 20)),
            InvoiceStatus::Paid
        );
        assert_eq!(
            invoice("1", due, "100", &["40"]).status(day(12, 1)),
            InvoiceStatus::Overdue
        );
    }

    #[test]
    fn a_customers_debt_sums_balances_and_names_the_oldest_overdue_invoice() {
        let invoices = [
            invoice("A", day(10, 31), "100", &["30"]),
            invoice("B", day(9, 30), "50", &[]),
            invoice("C", day(12, 31), "80", &[]),
            invoice("D", day(8, 31), "20", &["20"]),
        ];
        let debt = debt(&invoices, day(11, 15));
        assert_eq!(debt.owed, d("200"));
        assert_eq!(debt.overdue, d("120"));
        assert_eq!(debt.oldest_overdue, Some(("B".to_string(), day(9, 30))));
    }
}
