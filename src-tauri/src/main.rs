//! The `nimbo-desktop` binary: runs the window (`--demo` first fills an empty database
//! with demonstration data; `--exit-when-ready` quits once the first screen shows,
//! printing how long it took), or with `--export-bindings` writes the UI's TypeScript
//! bindings and exits.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    let began = std::time::Instant::now();
    let result = if std::env::args().any(|a| a == "--export-bindings") {
        nimbo_desktop::export_bindings(std::path::Path::new(nimbo_desktop::BINDINGS))
    } else {
        nimbo_desktop::run(
            tauri::generate_context!(),
            std::env::args().any(|a| a == "--demo"),
            nimbo_desktop::startup::Startup::new(
                began,
                std::env::args().any(|a| a == "--exit-when-ready"),
            ),
        )
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nimbo-desktop: {e}");
            ExitCode::FAILURE
        }
    }
}
