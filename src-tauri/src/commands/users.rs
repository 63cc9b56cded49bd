//! Users and roles (changes: administrators only).

use nimbo_app::views::users::{self, UserInput, UserView};
use tauri::State;

use crate::state::{AppState, Reply};

/// Every user.
#[tauri::command]
#[specta::specta]
pub async fn list_users(state: State<'_, AppState>) -> Reply<Vec<UserView>> {
    state.reply(users::list(&state.nimbo, state.lang()).await)
}

/// Creates a user.
#[tauri::command]
#[specta::specta]
pub async fn add_user(state: State<'_, AppState>, input: UserInput) -> Reply<UserView> {
    let by = state.actor()?;
    state.reply(users::add(&state.nimbo, &by, &input, state.lang()).await)
}

/// Grants (`granted: true`) or revokes a role, by its id.
#[tauri::command]
#[specta::specta]
pub async fn set_role(
    state: State<'_, AppState>,
    username: String,
    role: String,
    granted: bool,
) -> Reply<UserView> {
    let by = state.actor()?;
    state.reply(users::set_role(&state.nimbo, &by, &username, &role, granted, state.lang()).await)
}

/// Activates or deactivates a user.
#[tauri::command]
#[specta::specta]
pub async fn set_user_active(
    state: State<'_, AppState>,
    username: String,
    active: bool,
) -> Reply<UserView> {
    let by = state.actor()?;
    state.reply(users::set_active(&state.nimbo, &by, &username, active, state.lang()).await)
}
