//! Orders: lists, "My tasks", the order page and its history, and the actions on an
//! order other than completing a step.

use nimbo_app::views::history::{self, HistoryEntryView};
use nimbo_app::views::order_page::{self, OrderPageView};
use nimbo_app::views::orders::{self, OrderFilterInput, OrderListView, OrderSortView};
use tauri::State;

use crate::state::{AppState, Reply};

/// The open orders waiting for the signed-in user's roles, longest waiting first.
#[tauri::command]
#[specta::specta]
pub async fn my_tasks(
    state: State<'_, AppState>,
    limit: i64,
    offset: i64,
    sort: Option<OrderSortView>,
) -> Reply<OrderListView> {
    let by = state.actor()?;
    state.reply(orders::tasks(&state.nimbo, &by, (limit, offset), sort, state.lang()).await)
}

/// A page of orders matching a filter.
#[tauri::command]
#[specta::specta]
pub async fn list_orders(
    state: State<'_, AppState>,
    filter: OrderFilterInput,
) -> Reply<OrderListView> {
    state.reply(orders::list(&state.nimbo, &filter, state.lang()).await)
}

/// An order's page, as the signed-in user sees it.
#[tauri::command]
#[specta::specta]
pub async fn order_page(state: State<'_, AppState>, number: String) -> Reply<OrderPageView> {
    let user = state.user();
    state.reply(order_page::page(&state.nimbo, &number, user.as_deref(), state.lang()).await)
}

/// An order's history, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn order_history(
    state: State<'_, AppState>,
    number: String,
) -> Reply<Vec<HistoryEntryView>> {
    state.reply(history::order_history(&state.nimbo, &number, state.lang()).await)
}

/// Opens an order for the customer with that RUC.
#[tauri::command]
#[specta::specta]
pub async fn create_order(
    state: State<'_, AppState>,
    ruc: String,
    title: String,
) -> Reply<OrderPageView> {
    let by = state.actor()?;
    state.reply(order_page::create(&state.nimbo, &by, &ruc, &title, state.lang()).await)
}

/// Rejects the current step's work, sending the order back.
#[tauri::command]
#[specta::specta]
pub async fn reject_step(
    state: State<'_, AppState>,
    number: String,
    reason: String,
) -> Reply<OrderPageView> {
    let by = state.actor()?;
    state.reply(order_page::reject(&state.nimbo, &by, &number, &reason, state.lang()).await)
}

/// Skips the current step, when optional.
#[tauri::command]
#[specta::specta]
pub async fn skip_step(
    state: State<'_, AppState>,
    number: String,
    reason: String,
) -> Reply<OrderPageView> {
    let by = state.actor()?;
    state.reply(order_page::skip(&state.nimbo, &by, &number, &reason, state.lang()).await)
}

/// Cancels an order before activation.
#[tauri::command]
#[specta::specta]
pub async fn cancel_order(
    state: State<'_, AppState>,
    number: String,
    reason: String,
) -> Reply<OrderPageView> {
    let by = state.actor()?;
    state.reply(order_page::cancel(&state.nimbo, &by, &number, &reason, state.lang()).await)
}
