//! The bench every story runs on: a temporary data folder with its own SQLite file
//! (`Desk`, filled beforehand with the real `nimbo` command line when a story needs it),
//! `tauri-driver` on ports of its own with `NIMBO_DB` in its environment, and a WebDriver
//! session on the built `nimbo-desktop` binary (`App`).
//!
//! Dropping an `App` (also when its story panics) saves a screenshot of a failed story,
//! closes the session and stops `tauri-driver` with SIGTERM — never SIGKILL, which would
//! leave WebKitWebDriver holding its port.
//!
//! Every helper waits: `invoke` is asynchronous, so whatever the window shows after a
//! click shows up a little later. A helper polls for up to [`PATIENCE`] and then fails
//! naming what it waited for.

use std::fs::File;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use nimbo_testkit::cli::{self, Folder};
use serde_json::{Value, json};

pub use nimbo_testkit::cli::Run;

/// How long a helper waits for the window before failing.
pub const PATIENCE: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(100);
/// How long `tauri-driver` may take to say it is ready, and to stop.
const DRIVER_PATIENCE: Duration = Duration::from_secs(20);

/// The repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| panic!("{} has no parent", env!("CARGO_MANIFEST_DIR")))
        .to_path_buf()
}

/// `artifacts/` at the repository's root (ignored by git): screenshots and driver logs.
pub fn artifacts() -> PathBuf {
    repo_root().join("artifacts")
}

/// Where the built binaries are: `NIMBO_E2E_BIN_DIR`, else the folder this test binary was
/// built into (`…/debug/deps/e2e-HASH` → `…/debug`), which follows `CARGO_TARGET_DIR`.
pub fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NIMBO_E2E_BIN_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("no current exe: {e}"));
    exe.parent()
        .and_then(Path::parent)
        .unwrap_or_else(|| panic!("{} is not in a target folder", exe.display()))
        .to_path_buf()
}

/// A built binary of the workspace, by name.
pub fn binary(name: &str) -> PathBuf {
    let path = bin_dir().join(name);
    assert!(
        path.is_file(),
        "{} is missing: build the UI and the binaries first \
         (cd ui && npm ci && npm run build; cargo build -p nimbo-desktop -p nimbo-cli)",
        path.display()
    );
    path
}

/// `tauri-driver`: `TAURI_DRIVER`, else on the PATH, else in cargo's bin folder.
fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.join("tauri-driver"))
        .find(|p| p.is_file());
    if let Some(path) = on_path {
        return path;
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    let path = cargo_home.join("bin").join("tauri-driver");
    assert!(
        path.is_file(),
        "tauri-driver is missing: cargo install tauri-driver --version '^2' --locked"
    );
    path
}

/// A temporary data folder with its own database file (`nimbo_testkit::cli::Folder`:
/// `dir`, `db`, `pdf`), which the `nimbo` command line can fill before the window opens on
/// it, and read afterwards; the window and the command line share the file.
pub struct Desk {
    data: Folder,
}

impl Deref for Desk {
    type Target = Folder;

    fn deref(&self) -> &Folder {
        &self.data
    }
}

impl Desk {
    /// A fresh folder; the database file does not exist yet (the first-run screen).
    pub fn empty() -> Desk {
        Desk {
            data: Folder::new("nimbo-e2e-"),
        }
    }

    /// Another window's view of this desk's database: its own temporary folder, the same
    /// database file (so one laptop's data can be opened again after its window closed).
    pub fn sharing(&self) -> Desk {
        let mut desk = Desk::empty();
        desk.data.db = self.db.clone();
        desk
    }

    /// A database filled by `nimbo demo --orders N`.
    pub fn demo(orders: u32) -> Desk {
        let desk = Desk::empty();
        let orders = orders.to_string();
        let run = desk.run(None, &["demo", "--orders", &orders]);
        assert_eq!(run.code, 0, "nimbo demo failed:\n{run:?}");
        desk
    }

    /// `nimbo --db <this file> [--as USER] ARGS…`, with none of the caller's NIMBO_*
    /// variables leaking in.
    pub fn run(&self, user: Option<&str>, args: &[&str]) -> Run {
        let db = self.db_arg();
        let mut all = vec!["--db", db.as_str()];
        if let Some(user) = user {
            all.extend(["--as", user]);
        }
        all.extend_from_slice(args);
        cli::run(&binary("nimbo"), self.dir(), &all)
    }

    /// `nimbo --db <this file> ARGS…` with `input` on its standard input (a password
    /// piped as a script gives it); it must succeed.
    pub fn cli_with_input(&self, args: &[&str], input: &str) -> Run {
        let db = self.db_arg();
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        let run = cli::run_with_input(&binary("nimbo"), self.dir(), &all, input);
        assert_eq!(run.code, 0, "nimbo {} failed:\n{run:?}", run.args.join(" "));
        run
    }

    /// The file the window's dialogs read their answers from.
    pub fn dialog_answers(&self) -> PathBuf {
        self.dir().join("dialog-answers")
    }

    /// The path the window's next open or save dialog «chooses».
    pub fn answer_dialog(&self, path: &Path) {
        let file = self.dialog_answers();
        std::fs::write(&file, format!("{}\n", path.display()))
            .unwrap_or_else(|e| panic!("cannot write {file:?}: {e}"));
    }

    /// A command that must succeed, as JSON.
    pub fn cli(&self, user: Option<&str>, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(user, &all);
        assert_eq!(
            run.code,
            0,
            "nimbo {} failed:\n{}\n{}",
            run.args.join(" "),
            run.stdout,
            run.stderr
        );
        run.json()
    }

    /// A command that must be refused (exit 1): its JSON `error`.
    pub fn cli_refused(&self, user: Option<&str>, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(user, &all);
        assert_eq!(
            run.code,
            1,
            "nimbo {} should have been refused:\n{}\n{}",
            run.args.join(" "),
            run.stdout,
            run.stderr
        );
        run.json()["error"].clone()
    }
}

/// Two free local ports, `P` and `P + 1`.
fn free_ports() -> u16 {
    for _ in 0..100 {
        let Ok(first) = TcpListener::bind(("127.0.0.1", 0)) else {
            continue;
        };
        let Ok(addr) = first.local_addr() else {
            continue;
        };
        let port = addr.port();
        if port < u16::MAX && TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no two free consecutive ports");
}

/// A plain HTTP/1.1 request to the driver on 127.0.0.1: the status and the body.
fn http(port: u16, method: &str, path: &str, body: &str) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(DRIVER_PATIENCE))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("not an HTTP answer: {text:?}"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))?;
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    Ok((
        status,
        if chunked {
            unchunk(rest)
        } else {
            rest.to_string()
        },
    ))
}

/// The body of a chunked HTTP answer.
fn unchunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || after.len() < size {
            break;
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    out
}

/// Standard base64, for a screenshot taken without fantoccini.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    out
}

/// `tauri-driver` on two ports of its own, with the story's database in its environment.
struct Driver {
    child: Child,
    port: u16,
    log: PathBuf,
    /// `NIMBO_DB=…` as it appears in the environment of every process of this story.
    marker: String,
}

impl Driver {
    fn start(desk: &Desk, log: PathBuf) -> Driver {
        let port = free_ports();
        let out = File::create(&log).unwrap_or_else(|e| panic!("cannot create {log:?}: {e}"));
        let err = out
            .try_clone()
            .unwrap_or_else(|e| panic!("cannot share {log:?}: {e}"));
        let mut command = Command::new(tauri_driver());
        // Nimbo draws without GPU compositing (nimbo-desktop's main). A debug build drawing
        // that way never completed a WebDriver session here (seen 2026-11-26; the release
        // build does): the stories, built in debug, keep WebKit's default drawing, and the
        // benchmark, built in release, runs the app as people do.
        if cfg!(debug_assertions) {
            command.env("WEBKIT_DISABLE_COMPOSITING_MODE", "0");
        }
        let child = command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &(port + 1).to_string(),
            ])
            .env("NIMBO_DB", &desk.db)
            // The window's open and save dialogs take their answers from this file
            // (`Desk::answer_dialog`): a story cannot click in a native dialog.
            .env("NIMBO_DIALOG_ANSWERS", desk.dialog_answers())
            .env_remove("NIMBO_USER")
            .env_remove("NIMBO_LANG")
            .env("XDG_DATA_HOME", desk.dir().join("xdg-data"))
            .env("XDG_CONFIG_HOME", desk.dir().join("xdg-config"))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("could not start tauri-driver: {e}"));
        let marker = format!("NIMBO_DB={}", desk.db.display());
        let mut driver = Driver {
            child,
            port,
            log,
            marker,
        };
        driver.wait_ready();
        driver
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Polls `GET /status` until `value.ready`.
    fn wait_ready(&mut self) {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < DRIVER_PATIENCE {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "tauri-driver exited ({status}) before it was ready:\n{}",
                    self.log_text()
                );
            }
            match http(self.port, "GET", "/status", "") {
                Ok((200, body)) => {
                    let ready = serde_json::from_str::<Value>(&body)
                        .ok()
                        .and_then(|v| v["value"]["ready"].as_bool())
                        .unwrap_or(false);
                    if ready {
                        return;
                    }
                    last = body;
                }
                Ok((code, body)) => last = format!("{code} {body}"),
                Err(e) => last = e,
            }
            std::thread::sleep(POLL);
        }
        panic!(
            "tauri-driver on port {} not ready after {DRIVER_PATIENCE:?} (last answer: {last}):\n{}",
            self.port,
            self.log_text()
        );
    }
}

impl Drop for Driver {
    /// SIGTERM, then waits; never SIGKILL (WebKitWebDriver would keep its port).
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill")
            .args(["-TERM", &pid])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let start = Instant::now();
        while start.elapsed() < DRIVER_PATIENCE {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(POLL);
        }
        if !matches!(self.child.try_wait(), Ok(Some(_))) {
            eprintln!("tauri-driver (pid {pid}) still runs {DRIVER_PATIENCE:?} after SIGTERM");
        }
        // The window's own processes (the app, WebKit's web and network processes) outlive
        // the driver for a moment and write into the data folder: wait for them, or the
        // folder would be removed before their last write and left behind.
        while start.elapsed() < DRIVER_PATIENCE * 2 {
            let left = stragglers(&self.marker);
            if left.is_empty() {
                return;
            }
            std::thread::sleep(POLL);
        }
        eprintln!(
            "processes of this story still run: {:?}",
            stragglers(&self.marker)
        );
    }
}

/// The processes whose environment holds `marker` (Linux `/proc`).
pub fn stragglers(marker: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let me = std::process::id();
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| *pid != me)
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|b| *b == 0).any(|var| var == marker.as_bytes()))
                .unwrap_or(false)
        })
        .collect()
}

/// The desktop app in its window, driven through WebDriver.
pub struct App {
    /// The WebDriver client.
    pub client: Client,
    session: String,
    name: String,
    // Dropped in this order: the driver stops before the data folder is removed.
    driver: Driver,
    /// The story's data folder and database.
    pub desk: Desk,
}

impl App {
    /// Starts `tauri-driver` and opens `nimbo-desktop` on the desk's database. `name`
    /// names the driver's log (`artifacts/logs/NAME.log`) and a failed story's screenshot.
    pub async fn launch(desk: Desk, name: &str) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "no display for the window: run the end-to-end stories under `xvfb-run -a` \
             (xvfb-run -a cargo test -p nimbo-e2e -- --test-threads=1)"
        );
        let application = binary("nimbo-desktop");
        let logs = artifacts().join("logs");
        std::fs::create_dir_all(&logs).unwrap_or_else(|e| panic!("cannot create {logs:?}: {e}"));
        let driver = Driver::start(&desk, logs.join(format!("{name}.log")));
        let capabilities = json!({
            "tauri:options": { "application": application.display().to_string() }
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "no WebDriver session on {}: {e}\n{}",
                    application.display(),
                    driver.log_text()
                )
            });
        let session = client
            .session_id()
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("the new session has no id"));
        App {
            client,
            session,
            name: name.to_string(),
            driver,
            desk,
        }
    }

    /// Polls `probe` until it gives a value, for up to [`PATIENCE`]; fails naming `what`
    /// and the last thing the probe said.
    pub async fn eventually<T, F, Fut>(&self, what: &str, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, String>>,
    {
        let start = Instant::now();
        loop {
            match probe().await {
                Ok(value) => return value,
                Err(last) if start.elapsed() > PATIENCE => {
                    panic!("waited {PATIENCE:?} for {what}; last: {last}")
                }
                Err(_) => tokio::time::sleep(POLL).await,
            }
        }
    }

    /// The element `css` selects, once it is there.
    pub async fn find(&self, css: &str) -> Element {
        self.eventually(&format!("«{css}»"), || async {
            self.client.find(Locator::Css(css)).await.map_err(why)
        })
        .await
    }

    /// Whether `css` selects anything right now.
    pub async fn exists(&self, css: &str) -> bool {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|all| !all.is_empty())
            .unwrap_or(false)
    }

    /// Every element `css` selects right now.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find_all «{css}»: {e}"))
    }

    /// Waits until `css` selects nothing.
    pub async fn wait_gone(&self, css: &str) {
        self.eventually(&format!("«{css}» to go away"), || async {
            if self.exists(css).await {
                Err("still there".to_string())
            } else {
                Ok(())
            }
        })
        .await
    }

    /// Clicks `css` once it is there and can be clicked.
    pub async fn click(&self, css: &str) {
        self.eventually(&format!("a click on «{css}»"), || async {
            let el = self.client.find(Locator::Css(css)).await.map_err(why)?;
            el.click().await.map_err(why)
        })
        .await
    }

    /// Replaces the text of the input `css` with `text`, typed key by key. Tried again
    /// from the start (find, clear, type) while the window refuses, e.g. while Svelte
    /// re-renders the element.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.eventually(&format!("«{css}» to take «{text}»"), || async {
            let el = self.client.find(Locator::Css(css)).await.map_err(why)?;
            el.clear().await.map_err(why)?;
            el.send_keys(text).await.map_err(why)
        })
        .await
    }

    /// Chooses the option of value `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.eventually(&format!("«{css}» to take «{value}»"), || async {
            let el = self.client.find(Locator::Css(css)).await.map_err(why)?;
            el.select_by_value(value).await.map_err(why)
        })
        .await
    }

    /// The text of `css`, once it is there.
    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of «{css}»: {e}"))
    }

    /// Waits until the text of `css` contains `needle`; returns the whole text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        self.eventually(&format!("«{css}» to say «{needle}»"), || async {
            let el = self.client.find(Locator::Css(css)).await.map_err(why)?;
            let text = el.text().await.map_err(why)?;
            if text.contains(needle) {
                Ok(text)
            } else {
                Err(format!("it says «{text}»"))
            }
        })
        .await
    }

    /// An attribute of `css`, once the element is there.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|e| panic!("attribute {name} of «{css}»: {e}"))
    }

    /// A property of `css` (a field's current `value`), once the element is there.
    pub async fn prop(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)
            .await
            .prop(name)
            .await
            .unwrap_or_else(|e| panic!("property {name} of «{css}»: {e}"))
    }

    /// Fills the step form's field `key` (`#f-KEY`) the way its control takes input: a
    /// yes/no select by value (`si`/`no`); a file input by the absolute path of the file;
    /// a date typed segment by segment; a group of checkboxes (plans, risks) by ticking the
    /// comma-separated codes (`input[data-code=CODE]`); anything else typed key by key.
    /// Tried again from the start until the control holds the value: a control may change
    /// under the test (the plans are a text box until the catalogue has loaded).
    pub async fn fill(&self, key: &str, value: &str) {
        let css = format!("#f-{key}");
        self.eventually(&format!("«{css}» to hold «{value}»"), || async {
            let el = self.client.find(Locator::Css(&css)).await.map_err(why)?;
            let tag = el.tag_name().await.map_err(why)?.to_ascii_lowercase();
            let kind = el.attr("type").await.map_err(why)?.unwrap_or_default();
            let role = el.attr("role").await.map_err(why)?.unwrap_or_default();
            if role == "group" {
                return tick(&el, value).await;
            }
            if tag == "select" {
                el.select_by_value(value).await.map_err(why)?;
            } else if kind == "file" {
                el.send_keys(value).await.map_err(why)?;
                let name = Path::new(value)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let held = el.prop("value").await.map_err(why)?.unwrap_or_default();
                return if held.ends_with(&name) {
                    Ok(())
                } else {
                    Err(format!("it holds «{held}»"))
                };
            } else if el.attr("data-date").await.map_err(why)?.is_some() {
                // Nimbo's date input: typed day first (dd/mm/aaaa), holding the ISO day.
                let Some((y, rest)) = value.split_once('-') else {
                    panic!("{value} is not YYYY-MM-DD")
                };
                let Some((m, d)) = rest.split_once('-') else {
                    panic!("{value} is not YYYY-MM-DD")
                };
                el.clear().await.map_err(why)?;
                el.send_keys(&format!("{d}/{m}/{y}")).await.map_err(why)?;
                let iso = el.attr("data-iso").await.map_err(why)?.unwrap_or_default();
                return if iso == value {
                    Ok(())
                } else {
                    Err(format!("the date input holds «{iso}»"))
                };
            } else {
                el.clear().await.map_err(why)?;
                el.send_keys(value).await.map_err(why)?;
            }
            let held = el.prop("value").await.map_err(why)?.unwrap_or_default();
            if held == value {
                Ok(())
            } else {
                Err(format!("the {tag} {kind} holds «{held}»"))
            }
        })
        .await
    }

    /// Clicks «Completar el paso» once the as-you-type validation has settled: its answer
    /// adds and removes messages under the fields, which moves the button, and a click
    /// computed before such a move lands beside it.
    pub async fn complete_step(&self) {
        self.pause(300).await;
        self.wait_gone("form.step-form [data-error]").await;
        self.click("#complete-step").await;
    }

    /// Signs in as `username` from the sign-in screen.
    pub async fn sign_in(&self, username: &str) {
        self.click(&format!("button.user[data-username=\"{username}\"]"))
            .await;
        self.find("#sign-out").await;
    }

    /// Signs out and signs in as `username`.
    pub async fn switch_user(&self, username: &str) {
        self.click("#sign-out").await;
        self.sign_in(username).await;
    }

    /// Goes to a screen of the navigation (`tasks`, `orders`, `customers`, `users`,
    /// `organisation`).
    pub async fn nav(&self, route: &str) {
        self.click(&format!("button[data-nav=\"{route}\"]")).await;
        self.find(&format!(
            "button[data-nav=\"{route}\"][aria-current=\"page\"]"
        ))
        .await;
    }

    /// Opens an order from the orders list.
    pub async fn open_order(&self, number: &str) {
        self.nav("orders").await;
        self.open_row(number).await;
    }

    /// Opens the order of a row of the list on screen (tasks or orders). The click lands
    /// on the row's first cell: WebKitWebDriver refuses a click on a `<tr>` itself
    /// ("element not interactable").
    pub async fn open_row(&self, number: &str) {
        self.click(&format!("tr[data-order=\"{number}\"] td")).await;
        self.wait_text("h1", number).await;
        self.find("#order-status").await;
    }

    /// Waits until the in-app PDF viewer has drawn every page of its document, and
    /// returns how many there are.
    pub async fn viewer_drawn(&self) -> u32 {
        self.eventually("the viewer to draw every page", || async {
            let pages = self
                .attr("#pdf-viewer", "data-pages")
                .await
                .unwrap_or_default();
            let drawn = self
                .attr("#pdf-viewer", "data-drawn")
                .await
                .unwrap_or_default();
            match pages.parse::<u32>() {
                Ok(n) if n > 0 && drawn == pages => Ok(n),
                _ => Err(format!("{drawn} of {pages} pages drawn")),
            }
        })
        .await
    }

    /// Saves a screenshot of the window as `artifacts/screenshots/NAME.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // WebKit's snapshot can show the frame before the last change: let two frames
        // be painted first.
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await;
        self.pause(150).await;
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        save_png(name, &png)
    }

    /// Runs a script in the page (its `arguments` are `args`) and returns what it returns:
    /// for what a person sees but no element's text says (sizes, focus, styles).
    pub async fn script(&self, js: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(js, args)
            .await
            .unwrap_or_else(|e| panic!("script failed ({e}): {js}"))
    }

    /// Presses Tab (as a person at the keyboard) until the focused element matches `css`;
    /// fails after `most` presses, naming where the focus was.
    pub async fn tab_to(&self, css: &str, most: usize) {
        let mut last = String::new();
        for _ in 0..=most {
            let here = self
                .client
                .execute(
                    "const a = document.activeElement; \
                     return [a ? a.matches(arguments[0]) : false, \
                             a ? a.outerHTML.slice(0, 120) : 'nothing'];",
                    vec![json!(css)],
                )
                .await
                .unwrap_or_else(|e| panic!("cannot read the focus: {e}"));
            if here[0].as_bool() == Some(true) {
                return;
            }
            last = here[1].as_str().unwrap_or_default().to_string();
            self.press(&fantoccini::key::Key::Tab.to_string()).await;
        }
        panic!("{most} presses of Tab never reached «{css}»; the focus ended on {last}");
    }

    /// Types `keys` into whatever has the focus.
    pub async fn press(&self, keys: &str) {
        let focused = self
            .client
            .active_element()
            .await
            .unwrap_or_else(|e| panic!("nothing has the focus: {e}"));
        focused
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("cannot type {keys:?}: {e}"));
    }

    /// Signs in the canvas `css` with the mouse, as a person does: the button pressed,
    /// a zigzag across the box, the button released.
    pub async fn draw(&self, css: &str) {
        use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
        let canvas = self.find(css).await;
        let step = Some(Duration::from_millis(15));
        let mut mouse = MouseActions::new("signer".to_string())
            .then(PointerAction::MoveToElement {
                element: canvas,
                duration: None,
                x: -160.0,
                y: 10.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            });
        for (x, y) in [
            (25.0, -35.0),
            (25.0, 45.0),
            (30.0, -50.0),
            (30.0, 40.0),
            (40.0, -25.0),
            (45.0, 20.0),
            (50.0, -5.0),
        ] {
            mouse = mouse.then(PointerAction::MoveBy {
                duration: step,
                x,
                y,
            });
        }
        mouse = mouse.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client
            .perform_actions(mouse)
            .await
            .unwrap_or_else(|e| panic!("cannot draw in «{css}»: {e}"));
    }

    /// Waits for `ms` milliseconds: for an answer that changes nothing on screen.
    pub async fn pause(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

/// Ticks exactly the comma-separated `codes` among a group's checkboxes
/// (`input[data-code=CODE]`).
async fn tick(group: &Element, codes: &str) -> Result<(), String> {
    let wanted: Vec<&str> = codes.split(',').filter(|c| !c.is_empty()).collect();
    let boxes = group
        .find_all(Locator::Css("input[type=checkbox][data-code]"))
        .await
        .map_err(why)?;
    let mut seen = Vec::new();
    for b in boxes {
        let code = b.attr("data-code").await.map_err(why)?.unwrap_or_default();
        let on = wanted.contains(&code.as_str());
        if b.is_selected().await.map_err(why)? != on {
            b.click().await.map_err(why)?;
        }
        if b.is_selected().await.map_err(why)? != on {
            return Err(format!("the checkbox {code} did not follow the click"));
        }
        seen.push(code);
    }
    match wanted.iter().find(|c| !seen.iter().any(|s| s == *c)) {
        Some(missing) => Err(format!("no checkbox {missing} among {seen:?}")),
        None => Ok(()),
    }
}

/// A WebDriver error with its kind (its text alone is often empty).
fn why(e: fantoccini::error::CmdError) -> String {
    format!("{e} ({e:?})")
}

/// Writes `artifacts/screenshots/NAME.png`.
fn save_png(name: &str, png: &[u8]) -> PathBuf {
    let dir = artifacts().join("screenshots");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {dir:?}: {e}"));
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("cannot write {path:?}: {e}"));
    path
}

impl Drop for App {
    /// A failed story leaves `artifacts/screenshots/failed-NAME.png`; then the session is
    /// closed (the window quits) and `tauri-driver` stops. Plain blocking HTTP: this runs
    /// while a panic unwinds, where nothing can be awaited.
    fn drop(&mut self) {
        let port = self.driver.port;
        let session = format!("/session/{}", self.session);
        if std::thread::panicking()
            && let Ok((200, body)) = http(port, "GET", &format!("{session}/screenshot"), "")
            && let Some(data) = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| v["value"].as_str().map(str::to_string))
        {
            let path = save_png(&format!("failed-{}", self.name), &base64_decode(&data));
            eprintln!("screenshot of the failed story: {}", path.display());
        }
        if let Err(e) = http(port, "DELETE", &session, "") {
            eprintln!("closing the session: {e}");
        }
    }
}
