//! Billing: the period's run, the consumption import (from the system's file dialog,
//! read where it lies, with progress over a channel), lock and export, adjustments,
//! invoices and payments, hours, and a customer's charges and debt.

use crate::dialogs;
use crate::state::{AppState, Reply};
use nimbo_app::billing::charges::{self, CustomerCharges};
use nimbo_app::billing::consumption;
use nimbo_app::billing::invoices::{self, DebtView, InvoiceLine};
use nimbo_app::billing::periods::{self, PeriodChoices};
use nimbo_app::billing::run::{self, RunView};
use nimbo_app::views::billing::{
    self as views, AdjustmentInput, AdjustmentView, HoursInput, HoursView, ImportOutcome,
    ImportProgress, InvoiceInput, PaymentInput, SubscriptionChoice,
};
use tauri::State;
use tauri::ipc::Channel;

/// The periods to pick from, the open one by default.
#[tauri::command]
#[specta::specta]
pub async fn billing_periods(state: State<'_, AppState>) -> Reply<PeriodChoices> {
    state.reply(periods::choices(&state.nimbo, state.lang()).await)
}

/// A period's run: the locked lines, or a preview computed now.
#[tauri::command]
#[specta::specta]
pub async fn billing_run(state: State<'_, AppState>, period: String) -> Reply<RunView> {
    let period = state.reply(nimbo_app::billing::period(&period))?;
    state.reply(run::preview(&state.nimbo, period, state.lang()).await)
}

/// Asks for an export in the system's file dialog and imports it, telling `progress`
/// the bytes read; `None` when the person closed the dialog.
#[tauri::command]
#[specta::specta]
pub async fn import_consumption(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    progress: Channel<ImportProgress>,
) -> Reply<Option<ImportOutcome>> {
    let Some(path) = dialogs::pick_file(&app, "FOCUS / CUR 2.0", &["csv", "gz"]) else {
        return Ok(None);
    };
    let by = state.actor()?;
    let report =
        consumption::import(&state.nimbo, &by, &path, None, state.lang(), tell(progress)).await;
    let source = path.display().to_string();
    state.reply(report.map(|report| Some(ImportOutcome { source, report })))
}

/// The importer's progress sent to the window; a window that went away no longer
/// listens, and the import goes on.
fn tell(progress: Channel<ImportProgress>) -> Box<dyn FnMut(nimbo_app::billing::Progress) + Send> {
    views::progress_to(move |p| {
        let _ = progress.send(p);
    })
}

/// Reads the import's file again and writes its problems as a CSV where the person
/// chooses; `None` when they closed the dialog.
#[tauri::command]
#[specta::specta]
pub async fn save_import_problems(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    source: String,
    progress: Channel<ImportProgress>,
) -> Reply<Option<String>> {
    let Some(target) = dialogs::save_file(&app, "problemas-importacion.csv") else {
        return Ok(None);
    };
    let (by, lang) = (state.actor()?, state.lang());
    let source = std::path::PathBuf::from(source);
    let report = consumption::import(
        &state.nimbo,
        &by,
        &source,
        Some(&target),
        lang,
        tell(progress),
    );
    state.reply(report.await.map(|r| r.report))
}

/// Locks the period with the run whose hash the person looked at.
#[tauri::command]
#[specta::specta]
pub async fn lock_period(
    state: State<'_, AppState>,
    period: String,
    seen_hash: String,
) -> Reply<RunView> {
    let (by, p) = (
        state.actor()?,
        state.reply(nimbo_app::billing::period(&period))?,
    );
    state.reply(run::lock(&state.nimbo, &by, p, Some(&seen_hash)).await)?;
    state.reply(run::preview(&state.nimbo, p, state.lang()).await)
}

/// Exports the period for Satélite where the person chooses in the save dialog, locking
/// it with the run they looked at; `None` when they closed the dialog.
#[tauri::command]
#[specta::specta]
pub async fn export_period(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    period: String,
    seen_hash: String,
) -> Reply<Option<RunView>> {
    let (by, p) = (
        state.actor()?,
        state.reply(nimbo_app::billing::period(&period))?,
    );
    let Some(path) = dialogs::save_file(&app, &format!("satelite-{p}.csv")) else {
        return Ok(None);
    };
    state.reply(run::export(&state.nimbo, &by, p, Some(&seen_hash), &path).await)?;
    state.reply(run::preview(&state.nimbo, p, state.lang()).await.map(Some))
}

/// The subscriptions an adjustment may correct.
#[tauri::command]
#[specta::specta]
pub async fn billing_subscriptions(state: State<'_, AppState>) -> Reply<Vec<SubscriptionChoice>> {
    state.reply(views::subscription_choices(&state.nimbo).await)
}

/// Adds an adjustment; it lands in the next open period.
#[tauri::command]
#[specta::specta]
pub async fn add_adjustment(
    state: State<'_, AppState>,
    input: AdjustmentInput,
) -> Reply<AdjustmentView> {
    let by = state.actor()?;
    state.reply(views::add_adjustment(&state.nimbo, &by, &input, state.lang()).await)
}

/// Every invoice with its status today.
#[tauri::command]
#[specta::specta]
pub async fn list_invoices(state: State<'_, AppState>) -> Reply<Vec<InvoiceLine>> {
    state.reply(invoices::list(&state.nimbo).await)
}

/// Records an invoice CBS/Siebel issued.
#[tauri::command]
#[specta::specta]
pub async fn record_invoice(
    state: State<'_, AppState>,
    input: InvoiceInput,
) -> Reply<Vec<InvoiceLine>> {
    let by = state.actor()?;
    state.reply(views::record_invoice(&state.nimbo, &by, &input).await)
}

/// Imports invoices from a CSV chosen in the system's file dialog (all or none);
/// `None` when the person closed the dialog, else how many were recorded.
#[tauri::command]
#[specta::specta]
pub async fn import_invoices(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<usize>> {
    let Some(path) = dialogs::pick_file(&app, "CSV", &["csv"]) else {
        return Ok(None);
    };
    let by = state.actor()?;
    state.reply(
        invoices::import(&state.nimbo, &by, &path)
            .await
            .map(|v| Some(v.len())),
    )
}

/// Records a payment against an invoice.
#[tauri::command]
#[specta::specta]
pub async fn record_payment(
    state: State<'_, AppState>,
    input: PaymentInput,
) -> Reply<Vec<InvoiceLine>> {
    let by = state.actor()?;
    state.reply(views::record_payment(&state.nimbo, &by, &input).await)
}

/// A customer's debt and invoices today.
#[tauri::command]
#[specta::specta]
pub async fn customer_debt(state: State<'_, AppState>, ruc: String) -> Reply<DebtView> {
    state.reply(invoices::debt_of(&state.nimbo, &ruc).await)
}

/// A customer's charges in locked periods and its consumption by period and service.
#[tauri::command]
#[specta::specta]
pub async fn customer_charges(state: State<'_, AppState>, ruc: String) -> Reply<CustomerCharges> {
    state.reply(charges::of_customer(&state.nimbo, &ruc, state.lang()).await)
}

/// A subscription's logged work.
#[tauri::command]
#[specta::specta]
pub async fn subscription_hours(
    state: State<'_, AppState>,
    subscription: String,
) -> Reply<Vec<HoursView>> {
    state.reply(views::subscription_hours(&state.nimbo, &subscription).await)
}

/// Logs an interval of the signed-in person's work on a subscription.
#[tauri::command]
#[specta::specta]
pub async fn log_hours(state: State<'_, AppState>, input: HoursInput) -> Reply<Vec<HoursView>> {
    let by = state.actor()?;
    state.reply(views::log_hours(&state.nimbo, &by, &input).await)
}

/// Writes a customer's statement of a locked period where the person chooses; `None` when
/// the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn save_statement(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    ruc: String,
    period: String,
) -> Reply<Option<nimbo_app::billing::statement::StatementFile>> {
    let by = state.actor()?;
    let p = state.reply(nimbo_app::billing::period(&period))?;
    let Some(path) = dialogs::save_file(&app, &format!("estado-de-cuenta-{ruc}-{p}.pdf")) else {
        return Ok(None);
    };
    state.reply(
        nimbo_app::billing::statement::statement(&state.nimbo, &by, &ruc, p, &path)
            .await
            .map(Some),
    )
}
