//! Where the app stands, signing in and out, the language.

use nimbo_app::views::Language;
use nimbo_app::views::session::{self as views, AppStatus};
use nimbo_app::views::users::UserView;
use tauri::State;

use crate::startup::Startup;
use crate::state::{AppState, Reply};

/// Whether the database has an organisation, whether it is a demo, where it is, and the
/// language the commands answer in.
#[tauri::command]
#[specta::specta]
pub async fn app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    state.reply(views::app_status(&state.nimbo, &state.database, state.lang()).await)
}

/// Signs a user in (they must exist and be active); acting commands act as them.
#[tauri::command]
#[specta::specta]
pub async fn sign_in(state: State<'_, AppState>, username: String) -> Reply<UserView> {
    let user = state.reply(views::sign_in(&state.nimbo, &username, state.lang()).await)?;
    state.set_user(Some(user.username.clone()));
    Ok(user)
}

/// Signs the user out.
#[tauri::command]
#[specta::specta]
pub fn sign_out(state: State<'_, AppState>) -> Reply<()> {
    state.set_user(None);
    Ok(())
}

/// The signed-in user, or `null` when no one is signed in.
#[tauri::command]
#[specta::specta]
pub async fn session(state: State<'_, AppState>) -> Reply<Option<UserView>> {
    let user = state.user();
    state.reply(views::session(&state.nimbo, user.as_deref(), state.lang()).await)
}

/// Changes the language of everything the commands return from now on.
#[tauri::command]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, lang: Language) -> Reply<()> {
    state.set_lang(lang.into());
    Ok(())
}

/// The UI's first usable screen is on show (startup benchmarks: `--exit-when-ready`).
#[tauri::command]
#[specta::specta]
pub fn first_screen_shown(app: tauri::AppHandle, startup: State<'_, Startup>) -> Reply<()> {
    startup.first_screen_shown(&app);
    Ok(())
}
