//! The desktop app's speed and memory with 100,000 orders, in the real window under Xvfb
//! (issue 3's targets; figures go to BENCHMARKS.md):
//!
//! - cold start: `nimbo-desktop --exit-when-ready` launched again and again, from the
//!   process spawn until it exits right after the UI says its first usable screen is
//!   painted (the sign-in screen with its users, or the first-run form);
//! - a filter keystroke: in "Pedidos", each key typed in the customer and RUC filters,
//!   from the key's input event to the painted results, as the page's own
//!   `performance.measure('nimbo:filter')` records it;
//! - resident memory: the app and WebKit's processes after working through the lists.
//!
//! Run on a release build (the desktop binary is the one beside this bench):
//! ```text
//! (cd ui && npm ci && npm run build)
//! cargo build --release -p nimbo-desktop -p nimbo-cli
//! xvfb-run -a cargo bench -p nimbo-e2e --bench desktop
//! ```

#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use harness::{App, Desk, binary};
use serde_json::Value;

const ORDERS: u32 = 100_000;
const STARTS: usize = 10;
const USER: &str = "ana.duarte";

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no tokio runtime: {e}"));
    println!("nimbo-desktop: {}", binary("nimbo-desktop").display());

    let empty = Desk::empty();
    let started = Instant::now();
    let busy = Desk::demo(ORDERS);
    println!(
        "database: {ORDERS} demo orders made in {:.1} s ({:.0} MB)",
        started.elapsed().as_secs_f64(),
        file_mb(&busy.db)
    );

    cold_start("first run (empty database)", &empty);
    cold_start(&format!("sign-in ({ORDERS} orders)"), &busy);
    runtime.block_on(filter_and_memory(busy));
}

/// Launches the app `STARTS` times (after one warm-up) and prints the spread.
fn cold_start(label: &str, desk: &Desk) {
    let mut outside = Vec::new();
    let mut inside = Vec::new();
    for run in 0..=STARTS {
        let start = Instant::now();
        let output = Command::new(binary("nimbo-desktop"))
            .arg("--exit-when-ready")
            .env("NIMBO_DB", &desk.db)
            .env("XDG_DATA_HOME", desk.dir().join("xdg-data"))
            .env("XDG_CONFIG_HOME", desk.dir().join("xdg-config"))
            .env("XDG_CACHE_HOME", desk.dir().join("xdg-cache"))
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("could not start nimbo-desktop: {e}"));
        let wall = start.elapsed();
        let text = String::from_utf8_lossy(&output.stdout);
        let reported = text
            .lines()
            .find_map(|l| l.strip_prefix("nimbo-desktop: first screen after "))
            .and_then(|rest| rest.trim_end_matches(" ms").parse::<f64>().ok())
            .unwrap_or_else(|| {
                panic!(
                    "nimbo-desktop did not report its first screen ({:?}): {text}",
                    output.status
                )
            });
        if run > 0 {
            outside.push(wall.as_secs_f64() * 1000.0);
            inside.push(reported);
        }
    }
    println!(
        "cold start, {label}: spawn → exit after first screen {} | main() → first screen {}",
        spread(&mut outside),
        spread(&mut inside)
    );
}

/// Signs in, works through the lists, times filter keystrokes, then reads the memory.
async fn filter_and_memory(desk: Desk) {
    let app = App::launch(desk, "bench-desktop").await;
    app.sign_in(USER).await;
    app.wait_text("h1", "Mis tareas").await;
    app.nav("orders").await;
    app.find("tr[data-order]").await;
    // Page through the list a little, as a person looking for an order would.
    for page in 1..=5 {
        app.click("button[data-page=\"next\"]").await;
        app.wait_text(".pager", &format!("{}–{}", page * 50 + 1, page * 50 + 50))
            .await;
    }
    app.nav("tasks").await;
    app.nav("orders").await;
    app.find("tr[data-order]").await;

    let mut keystrokes = Vec::new();
    let mut slowest: Vec<(f64, String)> = Vec::new();
    for (filter, words) in [
        (
            "#f-customer",
            ["Agro", "Banco", "Cooperativa", "Ñandutí", "zzz"],
        ),
        ("#f-ruc", ["800", "8001", "4", "99999", "1234567"]),
    ] {
        for word in words {
            let mut typed = String::new();
            for ch in word.chars() {
                typed.push(ch);
                let ms = keystroke(&app, filter, &ch.to_string()).await;
                keystrokes.push(ms);
                slowest.push((ms, format!("{filter}={typed}")));
            }
            for _ in word.chars() {
                typed.pop();
                let ms = keystroke(&app, filter, &Key::Backspace.to_string()).await;
                keystrokes.push(ms);
                slowest.push((ms, format!("{filter}={typed}")));
            }
        }
    }
    println!(
        "filter keystroke over {ORDERS} orders ({} keys): key → painted results {}",
        keystrokes.len(),
        spread(&mut keystrokes)
    );
    let mut asked = named_measures(&app, "nimbo:list-orders").await;
    println!(
        "  of which the command (invoke → answer): {}",
        spread(&mut asked)
    );
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let worst: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(ms, what)| format!("{what} {ms:.0} ms"))
        .collect();
    println!("  slowest keys: {}", worst.join(", "));

    // Open a few orders of the first page, then the tasks, before reading the memory.
    let newest = app.desk.cli(None, &["order", "list", "--limit", "3"]);
    let numbers: Vec<String> = newest["orders"]
        .as_array()
        .unwrap_or_else(|| panic!("no orders in {newest}"))
        .iter()
        .filter_map(|o| o["number"].as_str().map(str::to_string))
        .collect();
    for number in &numbers {
        app.open_order(number).await;
        app.find(".timeline").await;
    }
    app.nav("tasks").await;
    app.find("tr[data-order]").await;
    let marker = format!("NIMBO_DB={}", app.desk.db.display());
    let processes = window_processes(&marker);
    let (mut sum, mut proportional) = (0.0, 0.0);
    let mut parts = Vec::new();
    for (pid, name) in &processes {
        let rss = proc_kb(*pid, "status", "VmRSS:") / 1024.0;
        let peak = proc_kb(*pid, "status", "VmHWM:") / 1024.0;
        // PSS shares each library page among the processes mapping it, so the sum does
        // not count WebKit's libraries twice.
        let pss = proc_kb(*pid, "smaps_rollup", "Pss:") / 1024.0;
        sum += rss;
        proportional += pss;
        parts.push(format!("{name} {rss:.0} MB (peak {peak:.0}, PSS {pss:.0})"));
    }
    println!(
        "resident memory with {ORDERS} orders: {sum:.0} MB RSS in all, {proportional:.0} MB PSS — {}",
        parts.join(", ")
    );
}

/// Types one key into `filter` and waits for the page to record one more measure.
async fn keystroke(app: &App, filter: &str, key: &str) -> f64 {
    let before = measures(app).await.len();
    let input = app.find(filter).await;
    input
        .send_keys(key)
        .await
        .unwrap_or_else(|e| panic!("cannot type into {filter}: {e}"));
    let started = Instant::now();
    loop {
        let all = measures(app).await;
        if all.len() > before {
            return all[all.len() - 1];
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no results shown 10 s after typing {key:?} into {filter}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The page's `nimbo:filter` measures so far, in milliseconds.
async fn measures(app: &App) -> Vec<f64> {
    named_measures(app, "nimbo:filter").await
}

/// The page's measures of one name so far, in milliseconds.
async fn named_measures(app: &App, name: &str) -> Vec<f64> {
    let value = app
        .client
        .execute(
            "return performance.getEntriesByName(arguments[0]).map(e => e.duration);",
            vec![serde_json::json!(name)],
        )
        .await
        .unwrap_or_else(|e| panic!("cannot read the page's measures: {e}"));
    match value {
        Value::Array(items) => items.iter().filter_map(Value::as_f64).collect(),
        other => panic!("measures are not a list: {other}"),
    }
}

/// The window's processes — the app and WebKit's helpers, not the drivers — by name.
fn window_processes(marker: &str) -> Vec<(u32, String)> {
    let mut found: Vec<(u32, String)> = harness::stragglers(marker)
        .into_iter()
        .filter_map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
            let name = name.trim().to_string();
            let driver = name.contains("tauri-driver") || name.contains("WebKitWebDriver");
            (!driver).then_some((pid, name))
        })
        .collect();
    found.sort();
    found
}

/// A `kB` line of `/proc/PID/FILE` (`status`, `smaps_rollup`), in kB.
fn proc_kb(pid: u32, file: &str, key: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        })
        .unwrap_or(0.0)
}

fn file_mb(path: &Path) -> f64 {
    std::fs::metadata(path)
        .map(|m| m.len() as f64 / 1e6)
        .unwrap_or(0.0)
}

/// `median M ms (min A, p90 B, max C, n N)`.
fn spread(values: &mut [f64]) -> String {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.1} ms (min {:.1}, p90 {:.1}, max {:.1}, n {})",
        at(0.5),
        at(0.0),
        at(0.9),
        at(1.0),
        values.len()
    )
}
