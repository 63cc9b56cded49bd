//! A subscription's own page: its status over time, processes, documents, charges and
//! its billing account's debt.

use crate::state::{AppState, Reply};
use nimbo_app::actions::subscription_page::{self, SubscriptionPageView};
use tauri::State;

/// The page of a subscription, by its Subscriber ID.
#[tauri::command]
#[specta::specta]
pub async fn subscription_page(
    state: State<'_, AppState>,
    subscription: String,
) -> Reply<SubscriptionPageView> {
    state.reply(subscription_page::page(&state.nimbo, &subscription, state.lang()).await)
}
