//! How long the app takes to show its first usable screen. The UI says when that screen
//! is on show; with `--exit-when-ready` the shell then prints the time since the process
//! began and quits, so that a startup benchmark can launch it again and again (see
//! BENCHMARKS.md). Without the flag, nothing happens.

use std::io::Write;
use std::time::Instant;

/// When the process began and whether to quit once the first screen shows.
#[derive(Debug, Clone, Copy)]
pub struct Startup {
    began: Instant,
    exit_when_ready: bool,
}

impl Startup {
    /// Startup measured from `began` (taken first thing in `main`).
    pub fn new(began: Instant, exit_when_ready: bool) -> Startup {
        Startup {
            began,
            exit_when_ready,
        }
    }

    /// The first screen is on show: under `--exit-when-ready`, prints
    /// `nimbo-desktop: first screen after N ms` and ends the app.
    pub fn first_screen_shown(&self, app: &tauri::AppHandle) {
        if !self.exit_when_ready {
            return;
        }
        let ms = self.began.elapsed().as_secs_f64() * 1000.0;
        let mut out = std::io::stdout().lock();
        // A closed stdout must not keep the benchmark's app alive: ignore write errors.
        let _ = writeln!(out, "nimbo-desktop: first screen after {ms:.1} ms");
        let _ = out.flush();
        app.exit(0);
    }
}
