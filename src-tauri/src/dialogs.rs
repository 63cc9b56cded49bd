//! The system's open and save dialogs, asked from Rust so that a chosen file is read or
//! written where it lies and never crosses into the web view.
//!
//! A window driven by the end-to-end stories cannot click in a native dialog: when
//! `NIMBO_DIALOG_ANSWERS` names a file, each dialog instead takes (and removes) that
//! file's first line as the path chosen; an empty line is a dialog closed.

use std::path::PathBuf;

use tauri_plugin_dialog::DialogExt;

/// The answer the stories wrote for the next dialog, if they drive this window.
fn scripted() -> Option<Option<PathBuf>> {
    let file = std::env::var_os("NIMBO_DIALOG_ANSWERS")?;
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default().trim().to_string();
    let rest: Vec<&str> = lines.collect();
    // A story that cannot rewrite its answers finds out from the next dialog's answer.
    let _ = std::fs::write(&file, rest.join("\n"));
    Some((!first.is_empty()).then(|| PathBuf::from(first)))
}

/// The file the person picks to read, filtered by `extensions`; `None` when they close
/// the dialog.
pub fn pick_file(app: &tauri::AppHandle, filter: &str, extensions: &[&str]) -> Option<PathBuf> {
    if let Some(answer) = scripted() {
        return answer;
    }
    app.dialog()
        .file()
        .add_filter(filter, extensions)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Where the person chooses to save a file named `name`; `None` when they close the
/// dialog.
pub fn save_file(app: &tauri::AppHandle, name: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted() {
        return answer;
    }
    app.dialog()
        .file()
        .set_file_name(name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}
