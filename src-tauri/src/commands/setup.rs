//! Setting up a database: a real organisation, or demonstration data.

use nimbo_app::views::session::{self, DemoView, OrgView, SetupInput};
use tauri::State;

use crate::state::{AppState, Reply};

/// Sets up the organisation and its first administrator.
#[tauri::command]
#[specta::specta]
pub async fn init_organisation(state: State<'_, AppState>, setup: SetupInput) -> Reply<OrgView> {
    state.reply(session::init_organisation(&state.nimbo, &setup).await)
}

/// Fills an empty database with demonstration data (`orders` orders, up to 100,000).
#[tauri::command]
#[specta::specta]
pub async fn load_demo(state: State<'_, AppState>, orders: u32) -> Reply<DemoView> {
    state.reply(session::load_demo(&state.nimbo, orders, state.lang()).await)
}
