//! The bench the stories run on: a temporary database, the `nimbo` binary run as a process,
//! and a look into the SQLite file for the audit trail and the outbox.
//!
//! Every accepted change must leave exactly one audit event and one outbox entry; every
//! refusal must leave none. `Desk::accept` and `Desk::refuse` check both on every call, so
//! each story checks it at every step without saying so.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use tempfile::TempDir;

/// The binary under test.
pub const NIMBO: &str = env!("CARGO_BIN_EXE_nimbo");

/// The exit codes the command line promises.
pub const DONE: i32 = 0;
pub const REFUSED: i32 = 1;

/// One run of `nimbo`.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// What ran and what it said, for failure messages.
    pub fn describe(&self) -> String {
        let clip = |s: &str| -> String {
            if s.chars().count() > 2_000 {
                let head: String = s.chars().take(2_000).collect();
                format!("{head}… [clipped]")
            } else {
                s.to_string()
            }
        };
        let args: Vec<String> = self.args.iter().map(|a| clip(a)).collect();
        format!(
            "nimbo {}\n  exit: {}\n  stdout: {}\n  stderr: {}",
            args.join(" "),
            self.code,
            clip(&self.stdout),
            clip(&self.stderr)
        )
    }

    /// Whatever the exit code, the program did not crash.
    pub fn assert_no_panic(&self) -> &Self {
        assert!(
            self.code != 101 && self.code >= 0,
            "nimbo crashed (exit {}):\n{}",
            self.code,
            self.describe()
        );
        assert!(
            !self.stderr.contains("panicked"),
            "nimbo panicked:\n{}",
            self.describe()
        );
        self
    }

    /// Exit 0.
    pub fn assert_done(&self) -> &Self {
        self.assert_no_panic();
        assert_eq!(self.code, DONE, "expected success:\n{}", self.describe());
        self
    }

    /// Exit 1: refused, invalid or not found.
    pub fn assert_refused(&self) -> &Self {
        self.assert_no_panic();
        assert_eq!(
            self.code,
            REFUSED,
            "expected a refusal:\n{}",
            self.describe()
        );
        self
    }

    /// Stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.describe()))
    }

    /// The `{"error":{…}}` a `--json` run printed.
    pub fn error(&self) -> ErrorBody {
        let v = self.json();
        let e = v
            .get("error")
            .unwrap_or_else(|| panic!("no \"error\" object in the JSON:\n{}", self.describe()));
        let text = |k: &str| -> String {
            e.get(k)
                .and_then(Value::as_str)
                .unwrap_or_else(|| {
                    panic!("error.{k} missing or not a string:\n{}", self.describe())
                })
                .to_string()
        };
        ErrorBody {
            code: text("code"),
            message: text("message"),
            fields: e
                .get("fields")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_else(|| panic!("error.fields is not a list:\n{}", self.describe())),
        }
    }
}

/// The body of a JSON error.
#[derive(Debug)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    pub fields: Vec<Value>,
}

impl ErrorBody {
    /// The keys of the fields the error names.
    pub fn field_keys(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter_map(|f| f.get("field").and_then(Value::as_str).map(str::to_string))
            .collect()
    }
}

/// A refusal seen three ways: the JSON code, the Spanish text, the English text.
#[derive(Debug)]
pub struct Refusal {
    pub code: String,
    pub es: String,
    pub en: String,
    pub fields: Vec<String>,
}

impl Refusal {
    /// Asserts the JSON code.
    pub fn has_code(&self, code: &str) -> &Self {
        assert_eq!(self.code, code, "wrong error code for: {self:#?}");
        self
    }

    /// Asserts the Spanish message says each of `parts`.
    pub fn says_es(&self, parts: &[&str]) -> &Self {
        for p in parts {
            assert!(
                self.es.contains(p),
                "the Spanish message should mention «{p}»: {}",
                self.es
            );
        }
        self
    }

    /// Asserts the English message says each of `parts`.
    pub fn says_en(&self, parts: &[&str]) -> &Self {
        for p in parts {
            assert!(
                self.en.contains(p),
                "the English message should mention «{p}»: {}",
                self.en
            );
        }
        self
    }

    /// Asserts the error names this field.
    pub fn names_field(&self, key: &str) -> &Self {
        assert!(
            self.fields.iter().any(|f| f == key),
            "the error should name the field {key}: {self:#?}"
        );
        self
    }
}

/// How many audit events and outbox entries the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trail {
    pub audit: i64,
    pub outbox: i64,
}

/// Runs `nimbo` with exactly these arguments, in `dir`, with none of the user's own
/// settings leaking in (no NIMBO_* variables, a private home).
pub fn nimbo_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(NIMBO)
        .args(args)
        .current_dir(dir)
        .env_remove("NIMBO_DB")
        .env_remove("NIMBO_USER")
        .env_remove("NIMBO_LANG")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("could not start {NIMBO}: {e}"));
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `nimbo` with these arguments in `dir` whose reader closes its end of the pipe
/// before reading anything, as `nimbo … | head -1` does after its line.
pub fn nimbo_into_closed_pipe(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(NIMBO)
        .args(args)
        .current_dir(dir)
        .env_remove("NIMBO_DB")
        .env_remove("NIMBO_USER")
        .env_remove("NIMBO_LANG")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {NIMBO}: {e}"));
    drop(child.stdout.take());
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("could not wait for {NIMBO}: {e}"));
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: output.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs a future to its end on a small runtime of its own.
pub fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no tokio runtime: {e}"))
        .block_on(f)
}

/// A temporary directory with one database file in it.
pub struct Desk {
    dir: TempDir,
    pub db: PathBuf,
}

impl Desk {
    /// A fresh directory; the database file does not exist yet.
    pub fn empty() -> Desk {
        let dir = tempfile::Builder::new()
            .prefix("nimbo-cli-")
            .tempdir()
            .unwrap_or_else(|e| panic!("no temp dir: {e}"));
        let db = dir.path().join("nimbo.sqlite");
        Desk { dir, db }
    }

    /// The temporary directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The database path as text.
    pub fn db_arg(&self) -> String {
        self.db.display().to_string()
    }

    /// `nimbo --db <this file> ARGS…`.
    pub fn run(&self, args: &[&str]) -> Run {
        let db = self.db_arg();
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        nimbo_in(self.dir(), &all)
    }

    /// `nimbo --db <this file> --as USER ARGS…`.
    pub fn by(&self, user: &str, args: &[&str]) -> Run {
        let mut all = vec!["--as", user];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `nimbo --db <this file> ARGS…` with `input` on its standard input (a password
    /// typed or piped, as people and scripts give it).
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let db = self.db_arg();
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        let mut child = Command::new(NIMBO)
            .args(&all)
            .current_dir(self.dir())
            .env_remove("NIMBO_DB")
            .env_remove("NIMBO_USER")
            .env_remove("NIMBO_LANG")
            .env_remove("NIMBO_PASSWORD")
            .env("HOME", self.dir())
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {NIMBO}: {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.as_bytes())
                .unwrap_or_else(|e| panic!("could not type into nimbo: {e}"));
        }
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("nimbo did not finish: {e}"));
        Run {
            args: all.iter().map(|a| a.to_string()).collect(),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// A read that must succeed, as JSON.
    pub fn read(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.run(&all).assert_done().json()
    }

    /// A change by `user` that must be accepted, leaving exactly one audit event and one
    /// outbox entry. Returns what `--json` printed.
    pub fn accept(&self, user: &str, args: &[&str]) -> Value {
        self.accept_writing(user, args, 1)
    }

    /// What completing the order's current step writes to the journal: one entry, or
    /// two at step 19, which also issues the Welcome KIT with the delivery it records.
    pub fn entries_completing(&self, order: &str) -> i64 {
        let shown = self.read(&["order", "show", order]);
        if current_step(&shown["order"]) == Some(19) {
            2
        } else {
            1
        }
    }

    /// A change by `user` that must be accepted, leaving exactly `entries` audit events
    /// and as many outbox entries (completing step 19 also issues the Welcome KIT).
    pub fn accept_writing(&self, user: &str, args: &[&str], entries: i64) -> Value {
        let before = self.trail();
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.by(user, &all);
        run.assert_done();
        let after = self.trail();
        assert_eq!(
            (after.audit - before.audit, after.outbox - before.outbox),
            (entries, entries),
            "an accepted action must add exactly {entries} audit event(s) and as many outbox \
             entries (before {before:?}, after {after:?}):\n{}",
            run.describe()
        );
        run.json()
    }

    /// A change that must be refused (exit 1), asked three times — `--json`, Spanish,
    /// `--lang en` — and leaving the audit trail and the outbox as they were.
    pub fn refuse(&self, user: Option<&str>, args: &[&str]) -> Refusal {
        let before = self.trail();
        let with = |prefix: &[&str]| -> Run {
            let mut all: Vec<&str> = Vec::new();
            if let Some(u) = user {
                all.extend_from_slice(&["--as", u]);
            }
            all.extend_from_slice(prefix);
            all.extend_from_slice(args);
            self.run(&all)
        };
        let json = with(&["--json"]);
        json.assert_refused();
        let body = json.error();
        assert!(
            !body.message.trim().is_empty(),
            "a refusal needs a message:\n{}",
            json.describe()
        );
        let es = with(&[]);
        es.assert_refused();
        let en = with(&["--lang", "en"]);
        en.assert_refused();
        for run in [&es, &en] {
            assert!(
                run.stderr.starts_with("error: "),
                "a refusal is printed on stderr as «error: …»:\n{}",
                run.describe()
            );
        }
        assert!(
            es.stderr.contains(&body.message),
            "the Spanish text and the JSON message should agree:\n{}\n{}",
            es.describe(),
            json.describe()
        );
        let after = self.trail();
        assert_eq!(
            before,
            after,
            "a refusal must leave the audit trail and the outbox untouched:\n{}",
            json.describe()
        );
        Refusal {
            code: body.code.clone(),
            es: es.stderr.trim().to_string(),
            en: en.stderr.trim().to_string(),
            fields: body.field_keys(),
        }
    }

    /// Writes a file into the temporary directory and returns its absolute path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir().join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {path:?}: {e}"));
        path.display().to_string()
    }

    /// A small PDF (it starts with `%PDF-`) written into the temporary directory.
    pub fn pdf(&self, name: &str) -> String {
        let body = format!(
            "%PDF-1.4\n%\u{e2}\u{e3}\u{cf}\u{d3}\n1 0 obj << /Title ({name}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        );
        self.write(name, body.as_bytes())
    }

    /// Counts the rows of `audit_events` and `outbox`, reading the SQLite file directly.
    pub fn trail(&self) -> Trail {
        if !self.db.exists() {
            return Trail {
                audit: 0,
                outbox: 0,
            };
        }
        block_on(async {
            let mut conn = SqliteConnectOptions::new()
                .filename(&self.db)
                .connect()
                .await
                .unwrap_or_else(|e| panic!("cannot open {:?}: {e}", self.db));
            let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events")
                .fetch_one(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("cannot count audit_events: {e}"));
            let outbox: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
                .fetch_one(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("cannot count outbox: {e}"));
            conn.close()
                .await
                .unwrap_or_else(|e| panic!("cannot close {:?}: {e}", self.db));
            Trail { audit, outbox }
        })
    }

    /// Runs SQL on the file behind the application's back (to play the tamperer); each
    /// UPDATE or DELETE must touch exactly one row.
    pub fn tamper(&self, statements: &[String]) {
        if let Err(e) = self.try_tamper(statements) {
            panic!("{e}");
        }
    }

    /// Like `tamper`, but says what the database refused instead of failing.
    pub fn try_tamper(&self, statements: &[String]) -> Result<(), String> {
        block_on(async {
            let mut conn = SqliteConnectOptions::new()
                .filename(&self.db)
                .connect()
                .await
                .map_err(|e| format!("cannot open {:?}: {e}", self.db))?;
            let mut outcome = Ok(());
            for s in statements {
                match sqlx::raw_sql(sqlx::AssertSqlSafe(s.clone()))
                    .execute(&mut conn)
                    .await
                {
                    Ok(done) => {
                        let verb = s.trim_start().to_uppercase();
                        let edits = verb.starts_with("UPDATE") || verb.starts_with("DELETE");
                        if edits && done.rows_affected() != 1 {
                            outcome = Err(format!(
                                "«{s}» should touch exactly one row, touched {}",
                                done.rows_affected()
                            ));
                            break;
                        }
                    }
                    Err(e) => {
                        outcome = Err(format!("«{s}» refused: {e}"));
                        break;
                    }
                }
            }
            conn.close()
                .await
                .map_err(|e| format!("cannot close {:?}: {e}", self.db))?;
            outcome
        })
    }
}

/// The step ids, in order; `STEP_IDS[n - 1]` is step `n`.
pub const STEP_IDS: [&str; 22] = [
    "needs_survey",
    "apn_opportunity",
    "hld_checklist",
    "architect_request",
    "feasibility_request",
    "hld_design",
    "offer",
    "offer_approval",
    "customer_signature",
    "sow",
    "back_validation_case",
    "document_validation",
    "siebel_activation",
    "provisioning_case",
    "sow_completion",
    "provisioning_request",
    "provisioning",
    "delivery_kit",
    "welcome_kit",
    "acceptance_act",
    "close_provisioning_case",
    "close_back_validation",
];

/// The number of a step id.
pub fn step_number(id: &str) -> u8 {
    let i = STEP_IDS
        .iter()
        .position(|s| *s == id)
        .unwrap_or_else(|| panic!("unknown step id {id}"));
    u8::try_from(i + 1).unwrap_or_else(|e| panic!("{e}"))
}

/// The step an order (as `--json` prints it) waits at, if any.
pub fn current_step(order: &Value) -> Option<u8> {
    order
        .get("current")
        .and_then(Value::as_str)
        .map(step_number)
}

/// A text field of a JSON object.
pub fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no text «{key}» in {v}"))
}

/// A list field of a JSON object.
pub fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v.get(key)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no list «{key}» in {v}"))
}

/// The date `days` days before today, as YYYY-MM-DD (UTC; a day earlier than needed keeps
/// it in the past in Asunción too).
pub fn days_ago(days: i64) -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_else(|e| panic!("clock before 1970: {e}"))
        .as_secs();
    let today = i64::try_from(secs / 86_400).unwrap_or_else(|e| panic!("{e}"));
    civil_from_days(today - days)
}

/// Days since 1970-01-01 to a calendar date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn the_calendar_helper_knows_a_few_dates() {
    assert_eq!(civil_from_days(0), "1970-01-01");
    assert_eq!(civil_from_days(19_782), "2024-02-29");
    assert_eq!(civil_from_days(20_454), "2026-01-01");
}
