//! Sync with the central server: the indicator's status, connecting, syncing now, the
//! refused changes, disconnecting. A timer in the shell ([`crate::background`]) syncs on
//! its own while connected.

use nimbo_app::views::sync::{
    self as views, EditConflictView, SyncDoneView, SyncStatusView, UnacceptedView,
};
use tauri::State;

use crate::state::{AppState, Reply};

/// Where sync stands.
#[tauri::command]
#[specta::specta]
pub async fn sync_status(state: State<'_, AppState>) -> Reply<SyncStatusView> {
    state.reply(views::status(&state.nimbo).await)
}

/// Connects this computer to a server with a user's password (sent once, never kept).
#[tauri::command]
#[specta::specta]
pub async fn sync_login(
    state: State<'_, AppState>,
    server: String,
    username: String,
    password: String,
) -> Reply<SyncStatusView> {
    state.reply(views::login(&state.nimbo, &server, &username, &password).await)
}

/// Syncs now.
#[tauri::command]
#[specta::specta]
pub async fn sync_now(state: State<'_, AppState>) -> Reply<SyncDoneView> {
    state.reply(views::now(&state.nimbo, state.lang()).await)
}

/// The changes the server refused or found in conflict, with its reasons.
#[tauri::command]
#[specta::specta]
pub async fn sync_refused(state: State<'_, AppState>) -> Reply<Vec<UnacceptedView>> {
    state.reply(views::unaccepted(&state.nimbo).await)
}

/// The edit conflicts this user is part of, as the last sync brought them.
#[tauri::command]
#[specta::specta]
pub async fn sync_conflicts(state: State<'_, AppState>) -> Reply<Vec<EditConflictView>> {
    state.reply(views::edit_conflicts(&state.nimbo, state.lang()).await)
}

/// Puts back the signed-in user's value that lost in an edit conflict, as an ordinary edit.
#[tauri::command]
#[specta::specta]
pub async fn sync_restore_mine(
    state: State<'_, AppState>,
    operation: String,
    field: String,
) -> Reply<Vec<EditConflictView>> {
    let by = state.actor()?;
    state.reply(views::restore_mine(&state.nimbo, &by, &operation, &field, state.lang()).await)
}

/// Disconnects this computer; pending work stays queued.
#[tauri::command]
#[specta::specta]
pub async fn sync_logout(state: State<'_, AppState>) -> Reply<SyncStatusView> {
    state.reply(views::logout(&state.nimbo).await)
}
