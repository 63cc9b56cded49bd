//! Invoices CBS/Siebel issued, recorded by hand or imported from a CSV, and the payments
//! recorded against them; each customer's debt (what suspension and termination read).

use std::path::Path;

use chrono::NaiveDate;
use nimbo_domain::billing::{Debt, Invoice, InvoiceStatus, Payment, amount, debt};
use nimbo_domain::customer::Customer;
use nimbo_domain::operation::{Command, EntityKind, Record};
use nimbo_domain::permission::{Action, authorize};
use nimbo_domain::problem::FieldError;
use nimbo_domain::time::today_in_asuncion;
use nimbo_domain::user::User;
use nimbo_store::{Connection, billing, customers};
use serde::Serialize;
use uuid::Uuid;

use super::day;
use super::two_places;
use crate::context::{actor, find_customer, require};
use crate::error::invalid;
use crate::journal::{Change, act, written};
use crate::{AppError, Nimbo};

/// An invoice as typed or read from a CSV row.
#[derive(Debug, Clone, Default)]
pub struct InvoiceDraft {
    /// Its number.
    pub number: String,
    /// The Siebel billing account it was issued to.
    pub billing_account: String,
    /// Issue day, `YYYY-MM-DD`.
    pub issued_on: String,
    /// Due day, `YYYY-MM-DD`.
    pub due_on: String,
    /// Amount with IVA, `1234.57`.
    pub amount: String,
}

/// The customer whose Siebel billing account this is.
async fn customer_of_account(conn: &mut Connection, account: &str) -> Result<Customer, AppError> {
    customers::by_billing_account(conn, account.trim())
        .await?
        .ok_or_else(|| AppError::BillingAccountNotFound {
            account: account.trim().to_string(),
        })
}

async fn record_one(
    conn: &mut Connection,
    user: &User,
    now: chrono::DateTime<chrono::Utc>,
    draft: &InvoiceDraft,
) -> Result<Invoice, AppError> {
    let customer = customer_of_account(conn, &draft.billing_account).await?;
    let invoice = Invoice {
        id: Uuid::now_v7(),
        number: draft.number.trim().to_string(),
        billing_account: draft.billing_account.trim().to_string(),
        customer_id: customer.id,
        issued_on: day("issued_on", "Emisión", "Issue date", &draft.issued_on)?,
        due_on: day("due_on", "Vencimiento", "Due date", &draft.due_on)?,
        amount: amount(&draft.amount, false)
            .map_err(|p| invalid(vec![FieldError::new("amount", "Importe", "Amount", p)]))?,
        payments: Vec::new(),
        by: user.username.clone(),
        at: now,
    };
    let change = Change::command(
        user,
        EntityKind::Invoice,
        invoice.id,
        Command::RecordInvoice { invoice },
    );
    let outcome = act(conn, now, change).await?;
    written(outcome, "invoice", |r| match r {
        Record::Invoice(i) => Some(i),
        _ => None,
    })
}

/// Records an invoice CBS/Siebel issued.
pub async fn record(nimbo: &Nimbo, by: &str, draft: &InvoiceDraft) -> Result<Invoice, AppError> {
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::RecordInvoice)?;
    let invoice = record_one(&mut tx, &user, now, draft).await?;
    tx.commit().await?;
    Ok(invoice)
}

/// The columns an invoices CSV carries (a header row names them, in any order).
pub const IMPORT_COLUMNS: [&str; 5] = [
    "numero",
    "cuenta_facturacion",
    "emision",
    "vencimiento",
    "importe",
];

/// Imports invoices from a CSV whose header names [`IMPORT_COLUMNS`]: all of them in one
/// transaction, or none, the first problem named by its line.
pub async fn import(nimbo: &Nimbo, by: &str, path: &Path) -> Result<Vec<Invoice>, AppError> {
    let unreadable = |reason: crate::error::FileProblem| AppError::FileUnreadable {
        path: path.to_path_buf(),
        reason,
    };
    let bytes =
        std::fs::read(path).map_err(|e| unreadable(crate::error::FileProblem::from_io(&e)))?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::BadInvoiceFile {
            line: 1,
            detail: e.to_string(),
        })?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let mut at = Vec::new();
    for col in IMPORT_COLUMNS {
        match header.iter().position(|h| h == col) {
            Some(i) => at.push(i),
            None => {
                return Err(AppError::BadInvoiceFile {
                    line: 1,
                    detail: format!(
                        "falta la columna «{col}»; el encabezado debe nombrar {}",
                        IMPORT_COLUMNS.join(", ")
                    ),
                });
            }
        }
    }
    let now = nimbo.now();
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::RecordInvoice)?;
    let mut invoices = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let line = n + 2;
        let row = row.map_err(|e| AppError::BadInvoiceFile {
            line,
            detail: e.to_string(),
        })?;
        let cell = |i: usize| {
            at.get(i)
                .and_then(|&c| row.get(c))
                .unwrap_or_default()
                .to_string()
        };
        let draft = InvoiceDraft {
            number: cell(0),
            billing_account: cell(1),
            issued_on: cell(2),
            due_on: cell(3),
            amount: cell(4),
        };
        let invoice = record_one(&mut tx, &user, now, &draft).await.map_err(|e| {
            AppError::BadInvoiceFile {
                line,
                detail: e
                    .sentence(nimbo_domain::Lang::Es)
                    .trim_end_matches('.')
                    .to_string(),
            }
        })?;
        invoices.push(invoice);
    }
    tx.commit().await?;
    Ok(invoices)
}

/// Records a payment against an invoice named by its number.
pub async fn pay(
    nimbo: &Nimbo,
    by: &str,
    number: &str,
    paid_on: &str,
    amount_text: &str,
    reference: &str,
) -> Result<Invoice, AppError> {
    let now = nimbo.now();
    let paid_on = day("paid_on", "Fecha de pago", "Payment date", paid_on)?;
    let value = amount(amount_text, false)
        .map_err(|p| invalid(vec![FieldError::new("amount", "Importe", "Amount", p)]))?;
    let mut tx = nimbo.store().begin().await?;
    let user = actor(&mut tx, by).await?;
    authorize(&user, Action::RecordPayment)?;
    let invoice = billing::invoices::by_number(&mut tx, number.trim())
        .await?
        .ok_or_else(|| AppError::InvoiceNotFound {
            number: number.trim().to_string(),
        })?;
    let payment = Payment {
        id: Uuid::now_v7(),
        paid_on,
        amount: value,
        reference: reference.to_string(),
        by: user.username.clone(),
        at: now,
    };
    let change = Change::command(
        &user,
        EntityKind::Invoice,
        invoice.id,
        Command::RecordPayment {
            invoice_id: invoice.id,
            payment,
        },
    );
    let outcome = act(&mut tx, now, change).await?;
    tx.commit().await?;
    written(outcome, "invoice", |r| match r {
        Record::Invoice(i) => Some(i),
        _ => None,
    })
}

/// An invoice as listed: amounts as decimal strings, its status on today.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct InvoiceLine {
    /// Its id.
    pub id: String,
    /// Its number.
    pub number: String,
    /// The billing account.
    pub billing_account: String,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
    /// Issue day, `YYYY-MM-DD`.
    pub issued_on: String,
    /// Due day, `YYYY-MM-DD`.
    pub due_on: String,
    /// Amount.
    pub amount: String,
    /// Paid so far.
    pub paid: String,
    /// Still owed.
    pub balance: String,
    /// `open`, `partly_paid`, `paid` or `overdue`.
    pub status: String,
    /// The day it was paid in full, if it was.
    pub paid_in_full_on: Option<String>,
    /// Its payments, oldest first.
    pub payments: Vec<PaymentLine>,
}

/// A payment as listed: its amount as a decimal string.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PaymentLine {
    /// Its id.
    pub id: String,
    /// The day it was paid, `YYYY-MM-DD`.
    pub paid_on: String,
    /// Amount.
    pub amount: String,
    /// The bank's or the customer's reference.
    pub reference: String,
    /// Who recorded it (username).
    pub by: String,
}

fn payment_line(p: &Payment) -> PaymentLine {
    PaymentLine {
        id: p.id.to_string(),
        paid_on: p.paid_on.to_string(),
        amount: two_places(p.amount),
        reference: p.reference.clone(),
        by: p.by.clone(),
    }
}

fn status_id(s: InvoiceStatus) -> &'static str {
    match s {
        InvoiceStatus::Open => "open",
        InvoiceStatus::PartlyPaid => "partly_paid",
        InvoiceStatus::Paid => "paid",
        InvoiceStatus::Overdue => "overdue",
    }
}

pub(crate) fn line(i: &Invoice, customer: Option<&Customer>, today: NaiveDate) -> InvoiceLine {
    InvoiceLine {
        id: i.id.to_string(),
        number: i.number.clone(),
        billing_account: i.billing_account.clone(),
        customer: customer.map(|c| c.name.clone()).unwrap_or_default(),
        ruc: customer.map(|c| c.ruc.to_string()).unwrap_or_default(),
        issued_on: i.issued_on.to_string(),
        due_on: i.due_on.to_string(),
        amount: two_places(i.amount),
        paid: two_places(i.paid()),
        balance: two_places(i.balance()),
        status: status_id(i.status(today)).into(),
        paid_in_full_on: i.paid_in_full_on().map(|d| d.to_string()),
        payments: i.payments.iter().map(payment_line).collect(),
    }
}

/// Every invoice, newest due first, with its status today.
pub async fn list(nimbo: &Nimbo) -> Result<Vec<InvoiceLine>, AppError> {
    let today = today_in_asuncion(nimbo.now());
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let mut lines = Vec::new();
    for i in billing::invoices::all(&mut conn).await? {
        let c = customers::by_id(&mut conn, i.customer_id).await?;
        lines.push(line(&i, c.as_ref(), today));
    }
    Ok(lines)
}

/// A customer's debt as shown: amounts as decimal strings.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DebtView {
    /// The customer's name.
    pub customer: String,
    /// The RUC.
    pub ruc: String,
    /// Everything owed.
    pub owed: String,
    /// The part past due.
    pub overdue: String,
    /// The oldest overdue invoice's number, if any.
    pub oldest_overdue: Option<String>,
    /// Its due day.
    pub oldest_overdue_due_on: Option<String>,
    /// The customer's invoices, by due day.
    pub invoices: Vec<InvoiceLine>,
}

/// A customer's debt on today and its invoices.
pub async fn debt_of(nimbo: &Nimbo, ruc: &str) -> Result<DebtView, AppError> {
    let today = today_in_asuncion(nimbo.now());
    let mut conn = nimbo.store().read().await?;
    require(&mut conn).await?;
    let customer = find_customer(&mut conn, ruc).await?;
    let invoices = billing::invoices::of_customer(&mut conn, customer.id).await?;
    let Debt {
        owed,
        overdue,
        oldest_overdue,
    } = debt(&invoices, today);
    Ok(DebtView {
        customer: customer.name.clone(),
        ruc: customer.ruc.to_string(),
        owed: two_places(owed),
        overdue: two_places(overdue),
        oldest_overdue_due_on: oldest_overdue.as_ref().map(|(_, d)| d.to_string()),
        oldest_overdue: oldest_overdue.map(|(n, _)| n),
        invoices: invoices
            .iter()
            .map(|i| line(i, Some(&customer), today))
            .collect(),
    })
}
