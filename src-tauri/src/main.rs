//! The `nimbo-desktop` binary: runs the window (`--demo` first fills an empty database
//! with demonstration data; `--exit-when-ready` quits once the first screen shows,
//! printing how long it took), or with `--export-bindings` writes the UI's TypeScript
//! bindings and exits.

#![warn(missing_docs)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    let began = std::time::Instant::now();
    draw_without_compositing();
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

/// WebKitGTK composites the page with OpenGL when it can; where the GL is software
/// (virtual machines, remote desktops, Xvfb) that costs about 160 MB in the web process and
/// 0.3 s at start-up, for a page of forms and tables that gains nothing from it
/// (BENCHMARKS.md). Unless the person running Nimbo chose otherwise, WebKit draws without.
/// (Changing the web view's own setting once the window exists left WebDriver sessions
/// hanging in the end-to-end tests: the environment, read when WebKit starts, is the way.)
#[allow(unsafe_code)]
fn draw_without_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: first thing in `main`, before any other thread exists, so nothing reads
        // the environment while it changes.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
}
