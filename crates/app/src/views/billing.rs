//! Billing as the desktop shows it: the forms the billing specialist and the order
//! manager fill (invoices, payments, adjustments, hours) and what they answer, with
//! amounts as decimal strings and people by their full names. The run, the import's
//! report, invoices and a customer's charges are the use cases' own views.

use nimbo_domain::Lang;
use nimbo_domain::billing::HoursEntry;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::People;
use crate::actions::billing::{
    adjustments, hours, invoices, periods::period_label, subscriptions, two_places,
};
use crate::{AppError, Nimbo};

/// A subscription as a billing form offers it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct SubscriptionChoice {
    /// Siebel's Subscriber ID, what the UI sends back.
    pub subscriber_id: String,
    /// The customer's name.
    pub customer: String,
    /// The customer's RUC.
    pub ruc: String,
}

/// Every subscription with its customer, for the adjustment's picker.
pub async fn subscription_choices(nimbo: &Nimbo) -> Result<Vec<SubscriptionChoice>, AppError> {
    Ok(subscriptions::list(nimbo)
        .await?
        .into_iter()
        .map(|l| SubscriptionChoice {
            subscriber_id: l.subscription.subscriber_id,
            customer: l.customer,
            ruc: l.ruc,
        })
        .collect())
}

/// An adjustment as typed.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AdjustmentInput {
    /// The subscription's Subscriber ID.
    pub subscription: String,
    /// Net of IVA: negative gives back, positive charges more.
    pub amount: String,
    /// Why, as the customer will read it.
    pub reason: String,
}

/// An adjustment once recorded: where it landed.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AdjustmentView {
    /// The period it is charged in, `2026-12`.
    pub period: String,
    /// That period's name.
    pub period_label: String,
    /// Net of IVA.
    pub amount: String,
}

/// Adds an adjustment to the next open period.
pub async fn add_adjustment(
    nimbo: &Nimbo,
    by: &str,
    input: &AdjustmentInput,
    lang: Lang,
) -> Result<AdjustmentView, AppError> {
    let draft = adjustments::AdjustmentDraft {
        subscription: input.subscription.clone(),
        plan: String::new(),
        amount: input.amount.clone(),
        reason: input.reason.clone(),
    };
    let a = adjustments::add(nimbo, by, &draft).await?;
    Ok(AdjustmentView {
        period: a.period.to_string(),
        period_label: period_label(a.period, lang),
        amount: two_places(a.amount),
    })
}

/// An invoice as typed.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct InvoiceInput {
    /// Its number.
    pub number: String,
    /// The Siebel billing account.
    pub billing_account: String,
    /// Issue day, `YYYY-MM-DD`.
    pub issued_on: String,
    /// Due day, `YYYY-MM-DD`.
    pub due_on: String,
    /// Amount with IVA.
    pub amount: String,
}

/// Records an invoice and lists them all again.
pub async fn record_invoice(
    nimbo: &Nimbo,
    by: &str,
    input: &InvoiceInput,
) -> Result<Vec<invoices::InvoiceLine>, AppError> {
    let draft = invoices::InvoiceDraft {
        number: input.number.clone(),
        billing_account: input.billing_account.clone(),
        issued_on: input.issued_on.clone(),
        due_on: input.due_on.clone(),
        amount: input.amount.clone(),
    };
    invoices::record(nimbo, by, &draft).await?;
    invoices::list(nimbo).await
}

/// A payment as typed.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PaymentInput {
    /// The invoice's number.
    pub number: String,
    /// The day it was paid, `YYYY-MM-DD`.
    pub paid_on: String,
    /// Amount.
    pub amount: String,
    /// The bank's or the customer's reference.
    pub reference: String,
}

/// Records a payment and lists the invoices again.
pub async fn record_payment(
    nimbo: &Nimbo,
    by: &str,
    input: &PaymentInput,
) -> Result<Vec<invoices::InvoiceLine>, AppError> {
    invoices::pay(
        nimbo,
        by,
        &input.number,
        &input.paid_on,
        &input.amount,
        &input.reference,
    )
    .await?;
    invoices::list(nimbo).await
}

/// An interval of work as typed: Asunción local times `YYYY-MM-DDTHH:MM`.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HoursInput {
    /// The subscription's Subscriber ID.
    pub subscription: String,
    /// When the work started.
    pub start: String,
    /// When it ended.
    pub end: String,
    /// What was done.
    pub what: String,
}

/// An interval of work as listed.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct HoursView {
    /// Its id.
    pub id: String,
    /// Who worked, by full name.
    pub person: String,
    /// Start, `dd/mm/aaaa hh:mm` (Asunción).
    pub start: String,
    /// End, `hh:mm`, or `dd/mm/aaaa hh:mm` when another day.
    pub end: String,
    /// Minutes worked.
    pub minutes: i64,
    /// What was done.
    pub what: String,
}

fn hours_view(e: &HoursEntry, people: &People) -> HoursView {
    let same_day = e.start.date() == e.end.date();
    HoursView {
        id: e.id.to_string(),
        person: people.name(&e.person),
        start: e.start.format("%d/%m/%Y %H:%M").to_string(),
        end: if same_day {
            e.end.format("%H:%M").to_string()
        } else {
            e.end.format("%d/%m/%Y %H:%M").to_string()
        },
        minutes: (e.end - e.start).num_minutes(),
        what: e.what.clone(),
    }
}

/// A subscription's logged work, newest first.
pub async fn subscription_hours(
    nimbo: &Nimbo,
    subscription: &str,
) -> Result<Vec<HoursView>, AppError> {
    let people = People::load(nimbo).await?;
    Ok(hours::of_subscription(nimbo, subscription)
        .await?
        .iter()
        .map(|e| hours_view(e, &people))
        .collect())
}

/// Logs an interval of the signed-in person's work and lists the subscription's again.
pub async fn log_hours(
    nimbo: &Nimbo,
    by: &str,
    input: &HoursInput,
) -> Result<Vec<HoursView>, AppError> {
    let draft = hours::HoursDraft {
        subscription: input.subscription.clone(),
        person: String::new(),
        start: input.start.clone(),
        end: input.end.clone(),
        what: input.what.clone(),
    };
    hours::log(nimbo, by, &draft).await?;
    subscription_hours(nimbo, &input.subscription).await
}

/// How far an import has read, for the progress bar.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type)]
pub struct ImportProgress {
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// The file's size in bytes.
    pub total_bytes: u64,
}

/// An import's report with the file it read, so that «Guardar informe de problemas…»
/// can read it again (the same file records nothing twice) and write the CSV.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportOutcome {
    /// The path chosen in the system's dialog (only the path crosses, never the bytes).
    pub source: String,
    /// What the import did.
    pub report: crate::actions::billing::consumption::ImportReport,
}

/// The importer's progress as the progress bar reads it, handed to `tell`.
pub fn progress_to(
    mut tell: impl FnMut(ImportProgress) + Send + 'static,
) -> Box<dyn FnMut(nimbo_consumption::Progress) + Send> {
    Box::new(move |p: nimbo_consumption::Progress| {
        tell(ImportProgress {
            bytes_read: p.bytes_read,
            total_bytes: p.total_bytes.unwrap_or_default(),
        });
    })
}
