//! The documents of an order or of a termination, suspension or reconnection, their
//! signatures, and "Firmas pendientes". The number names the order or the process.

use nimbo_app::views::document_actions as actions;
use nimbo_app::views::documents::{
    self, DocumentFileContent, OrderDocumentsView, PendingSignatureView,
};
use nimbo_app::views::steps::FileInput;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use crate::state::{AppState, Reply};

/// The documents an order needs, with every version made so far.
#[tauri::command]
#[specta::specta]
pub async fn order_documents(
    state: State<'_, AppState>,
    number: String,
) -> Reply<OrderDocumentsView> {
    let user = state.user();
    state.reply(
        documents::order_documents(&state.nimbo, &number, user.as_deref(), state.lang()).await,
    )
}

/// The documents of a termination, suspension or reconnection, as an order's.
#[tauri::command]
#[specta::specta]
pub async fn process_documents(
    state: State<'_, AppState>,
    number: String,
) -> Reply<OrderDocumentsView> {
    let user = state.user();
    state.reply(
        documents::process_documents(&state.nimbo, &number, user.as_deref(), state.lang()).await,
    )
}

/// One of the order's document files (an issued or a signed version), for the viewer.
#[tauri::command]
#[specta::specta]
pub async fn document_file(
    state: State<'_, AppState>,
    number: String,
    sha256: String,
) -> Reply<DocumentFileContent> {
    state.reply(documents::file(&state.nimbo, &number, &sha256).await)
}

/// Saves a copy of one of the order's files where the person chooses in the system's
/// save dialog; `false` when they closed the dialog without choosing.
#[tauri::command]
#[specta::specta]
pub async fn save_order_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    number: String,
    sha256: String,
) -> Reply<bool> {
    let name = state.reply(documents::file_name(&state.nimbo, &number, &sha256).await)?;
    let chosen = app
        .dialog()
        .file()
        .set_file_name(&name)
        .blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(false);
    };
    state.reply(
        documents::save_file(&state.nimbo, &number, &sha256, &path)
            .await
            .map(|()| true),
    )
}

/// Opens the system's print dialog on the window (the web view's own print operation):
/// the viewer has laid out only the PDF's pages for print. `false` when it could not open.
#[tauri::command]
#[specta::specta]
pub fn print_window(window: tauri::WebviewWindow) -> Reply<bool> {
    Ok(window.print().is_ok())
}

/// Who still has to sign what, across every order.
#[tauri::command]
#[specta::specta]
pub async fn pending_signatures(state: State<'_, AppState>) -> Reply<Vec<PendingSignatureView>> {
    state.reply(documents::pending(&state.nimbo, state.lang()).await)
}

/// Generates a document of the order.
#[tauri::command]
#[specta::specta]
pub async fn generate_document(
    state: State<'_, AppState>,
    number: String,
    kind: String,
) -> Reply<OrderDocumentsView> {
    let by = state.actor()?;
    state.reply(actions::generate(&state.nimbo, &by, &number, &kind, state.lang()).await)
}

/// Records that the latest version was sent, with an optional expiry day.
#[tauri::command]
#[specta::specta]
pub async fn send_document(
    state: State<'_, AppState>,
    number: String,
    kind: String,
    channel: String,
    expires_on: Option<String>,
) -> Reply<OrderDocumentsView> {
    let (by, lang) = (state.actor()?, state.lang());
    state.reply(
        actions::send(
            &state.nimbo,
            &by,
            &number,
            &kind,
            &channel,
            expires_on.as_deref(),
            lang,
        )
        .await,
    )
}

/// Records a signature drawn on this computer.
#[tauri::command]
#[specta::specta]
pub async fn sign_document_in_person(
    state: State<'_, AppState>,
    number: String,
    kind: String,
    party: String,
    drawing: FileInput,
) -> Reply<OrderDocumentsView> {
    let (by, lang) = (state.actor()?, state.lang());
    state.reply(
        actions::sign_in_person(&state.nimbo, &by, &number, &kind, &party, &drawing, lang).await,
    )
}

/// Attaches a signed copy carrying these signers' signatures.
#[tauri::command]
#[specta::specta]
pub async fn attach_signed_copy(
    state: State<'_, AppState>,
    number: String,
    kind: String,
    parties: Vec<String>,
    copy: FileInput,
) -> Reply<OrderDocumentsView> {
    let (by, lang) = (state.actor()?, state.lang());
    state.reply(
        actions::attach_signed(&state.nimbo, &by, &number, &kind, &parties, &copy, lang).await,
    )
}

/// Records that a signer refused to sign.
#[tauri::command]
#[specta::specta]
pub async fn decline_document(
    state: State<'_, AppState>,
    number: String,
    kind: String,
    party: String,
    reason: String,
) -> Reply<OrderDocumentsView> {
    let (by, lang) = (state.actor()?, state.lang());
    state.reply(actions::decline(&state.nimbo, &by, &number, &kind, &party, &reason, lang).await)
}

/// Voids the latest version.
#[tauri::command]
#[specta::specta]
pub async fn void_document(
    state: State<'_, AppState>,
    number: String,
    kind: String,
    reason: String,
) -> Reply<OrderDocumentsView> {
    let by = state.actor()?;
    state.reply(actions::void(&state.nimbo, &by, &number, &kind, &reason, state.lang()).await)
}
