//! The organisation's profile: read by everyone, edited by administrators.

use nimbo_app::views::organisation::{self as views, OrgView, OrganisationInput, PictureInput};
use tauri::State;

use crate::state::{AppState, Reply};

/// The organisation's profile, with its logo.
#[tauri::command]
#[specta::specta]
pub async fn organisation_profile(state: State<'_, AppState>) -> Reply<OrgView> {
    state.reply(views::profile(&state.nimbo).await)
}

/// Edits the profile's name, RUC and contact details (administrators).
#[tauri::command]
#[specta::specta]
pub async fn edit_organisation(
    state: State<'_, AppState>,
    input: OrganisationInput,
) -> Reply<OrgView> {
    let by = state.actor()?;
    state.reply(views::edit(&state.nimbo, &by, &input).await)
}

/// Sets the logo from a PNG, or removes it with `null` (administrators).
#[tauri::command]
#[specta::specta]
pub async fn set_organisation_logo(
    state: State<'_, AppState>,
    picture: Option<PictureInput>,
) -> Reply<OrgView> {
    let by = state.actor()?;
    state.reply(views::set_logo(&state.nimbo, &by, picture.as_ref()).await)
}
