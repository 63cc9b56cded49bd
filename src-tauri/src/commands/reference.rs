//! What forms check against and pick from: the RUC check, the steps, the catalogue.

use nimbo_app::views::catalogue::{self, CatalogueView};
use nimbo_app::views::ruc::{self, RucCheckView};
use nimbo_app::views::steps::{self, StepFormView};
use nimbo_app::views::users::{self, RoleView};
use tauri::State;

use crate::state::{AppState, Reply};

/// Checks a RUC as typed (the check digit included).
#[tauri::command]
#[specta::specta]
pub fn check_ruc(state: State<'_, AppState>, text: String) -> Reply<RucCheckView> {
    Ok(ruc::check_ruc(&text, state.lang()))
}

/// The 22 steps as forms.
#[tauri::command]
#[specta::specta]
pub fn step_forms(state: State<'_, AppState>) -> Reply<Vec<StepFormView>> {
    Ok(steps::step_forms(state.lang()))
}

/// Every role, in the order of the procedure.
#[tauri::command]
#[specta::specta]
pub fn roles(state: State<'_, AppState>) -> Reply<Vec<RoleView>> {
    Ok(users::all_roles(state.lang()))
}

/// Plans, risks, roles and segments.
#[tauri::command]
#[specta::specta]
pub async fn catalogue(state: State<'_, AppState>) -> Reply<CatalogueView> {
    state.reply(catalogue::catalogue(&state.nimbo, state.lang()).await)
}
