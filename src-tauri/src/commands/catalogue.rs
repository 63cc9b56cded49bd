//! The catalogue an administrator keeps: plans priced from a day on, risks, holidays.

use nimbo_app::views::catalogue_admin::{
    self as admin, HolidayView, PlanAdminView, PriceInput, RiskAdminView,
};
use tauri::State;

use crate::state::{AppState, Reply};

/// Every plan with every price it has had.
#[tauri::command]
#[specta::specta]
pub async fn catalogue_plans(state: State<'_, AppState>) -> Reply<Vec<PlanAdminView>> {
    state.reply(admin::plans(&state.nimbo, state.lang()).await)
}

/// Sets a plan's price from a day on.
#[tauri::command]
#[specta::specta]
pub async fn set_plan_price(
    state: State<'_, AppState>,
    input: PriceInput,
) -> Reply<Vec<PlanAdminView>> {
    let by = state.actor()?;
    state.reply(admin::set_price(&state.nimbo, &by, &input, state.lang()).await)
}

/// Every risk of the catalogue.
#[tauri::command]
#[specta::specta]
pub async fn catalogue_risks(state: State<'_, AppState>) -> Reply<Vec<RiskAdminView>> {
    state.reply(admin::risks(&state.nimbo).await)
}

/// Adds, corrects or retires a risk.
#[tauri::command]
#[specta::specta]
pub async fn set_catalogue_risk(
    state: State<'_, AppState>,
    input: RiskAdminView,
) -> Reply<Vec<RiskAdminView>> {
    let by = state.actor()?;
    state.reply(admin::set_risk(&state.nimbo, &by, &input).await)
}

/// The holidays of a year.
#[tauri::command]
#[specta::specta]
pub async fn catalogue_holidays(state: State<'_, AppState>, year: i32) -> Reply<Vec<HolidayView>> {
    state.reply(admin::holidays(&state.nimbo, year, state.lang()).await)
}

/// Adds or renames (`active`) a holiday, or removes it.
#[tauri::command]
#[specta::specta]
pub async fn set_catalogue_holiday(
    state: State<'_, AppState>,
    date: String,
    name: String,
    active: bool,
) -> Reply<Vec<HolidayView>> {
    let by = state.actor()?;
    state.reply(admin::set_holiday(&state.nimbo, &by, &date, &name, active, state.lang()).await)
}
