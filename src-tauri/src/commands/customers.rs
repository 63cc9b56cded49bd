//! Customers: search, page, creation and edits.

use nimbo_app::views::customers::{
    self, ContractInput, CustomerEditInput, CustomerInput, CustomerLineView, CustomerView,
    RepresentativeInput,
};
use tauri::State;

use crate::state::{AppState, Reply};

/// Customers whose name or RUC contains the text.
#[tauri::command]
#[specta::specta]
pub async fn search_customers(
    state: State<'_, AppState>,
    text: String,
    limit: i64,
    offset: i64,
) -> Reply<Vec<CustomerLineView>> {
    state.reply(customers::search(&state.nimbo, &text, limit, offset, state.lang()).await)
}

/// A customer's page, by RUC.
#[tauri::command]
#[specta::specta]
pub async fn customer_page(state: State<'_, AppState>, ruc: String) -> Reply<CustomerView> {
    state.reply(customers::page(&state.nimbo, &ruc, state.lang()).await)
}

/// Creates a customer.
#[tauri::command]
#[specta::specta]
pub async fn create_customer(
    state: State<'_, AppState>,
    input: CustomerInput,
) -> Reply<CustomerView> {
    let by = state.actor()?;
    state.reply(customers::create(&state.nimbo, &by, &input, state.lang()).await)
}

/// Edits a customer's fields.
#[tauri::command]
#[specta::specta]
pub async fn edit_customer(
    state: State<'_, AppState>,
    ruc: String,
    input: CustomerEditInput,
) -> Reply<CustomerView> {
    let by = state.actor()?;
    state.reply(customers::edit(&state.nimbo, &by, &ruc, &input, state.lang()).await)
}

/// Adds a legal representative.
#[tauri::command]
#[specta::specta]
pub async fn add_representative(
    state: State<'_, AppState>,
    ruc: String,
    input: RepresentativeInput,
) -> Reply<CustomerView> {
    let by = state.actor()?;
    state.reply(customers::add_representative(&state.nimbo, &by, &ruc, &input, state.lang()).await)
}

/// Corrects a legal representative's details.
#[tauri::command]
#[specta::specta]
pub async fn correct_representative(
    state: State<'_, AppState>,
    ruc: String,
    id: String,
    input: RepresentativeInput,
) -> Reply<CustomerView> {
    let by = state.actor()?;
    state.reply(
        customers::correct_representative(&state.nimbo, &by, &ruc, &id, &input, state.lang()).await,
    )
}

/// Removes a legal representative.
#[tauri::command]
#[specta::specta]
pub async fn remove_representative(
    state: State<'_, AppState>,
    ruc: String,
    id: String,
) -> Reply<CustomerView> {
    let by = state.actor()?;
    state.reply(customers::remove_representative(&state.nimbo, &by, &ruc, &id, state.lang()).await)
}

/// Records the signed master solutions contract.
#[tauri::command]
#[specta::specta]
pub async fn record_master_contract(
    state: State<'_, AppState>,
    ruc: String,
    input: ContractInput,
) -> Reply<CustomerView> {
    let by = state.actor()?;
    state.reply(
        customers::record_master_contract(&state.nimbo, &by, &ruc, &input, state.lang()).await,
    )
}
