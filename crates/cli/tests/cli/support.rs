//! The bench the stories run on: a temporary database, the `nimbo` binary run as a process,
//! and a look into the SQLite file for the audit trail and the outbox.
//!
//! Every accepted change must leave exactly one audit event and one outbox entry; every
//! refusal must leave none. `Desk::accept` and `Desk::refuse` check both on every call, so
//! each story checks it at every step without saying so.

use std::future::Future;
use std::ops::Deref;
use std::path::Path;

use nimbo_testkit::cli::{self, Folder};
use serde_json::Value;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

pub use nimbo_testkit::cli::{DONE, REFUSED, Run};

/// The binary under test.
pub const NIMBO: &str = env!("CARGO_BIN_EXE_nimbo");

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

/// The text of a PDF as poppler's `pdftotext -layout` reads it.
pub fn pdftotext(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not run: {e}"));
    assert!(out.status.success(), "pdftotext failed on {path:?}");
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
}

/// Runs `nimbo` with exactly these arguments, in `dir`, with none of the user's own
/// settings leaking in (no NIMBO_* variables, a private home).
pub fn nimbo_in(dir: &Path, args: &[&str]) -> Run {
    cli::run(Path::new(NIMBO), dir, args)
}

/// Runs `nimbo` with these arguments in `dir` whose reader closes its end of the pipe
/// before reading anything, as `nimbo … | head -1` does after its line.
pub fn nimbo_into_closed_pipe(dir: &Path, args: &[&str]) -> Run {
    cli::run_into_closed_pipe(Path::new(NIMBO), dir, args)
}

/// Runs a future to its end on a small runtime of its own.
pub fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no tokio runtime: {e}"))
        .block_on(f)
}

/// A temporary directory with one database file in it (`nimbo_testkit::cli::Folder`:
/// `dir`, `db`, `write`, `pdf`), where `nimbo` runs and whose trail it checks.
pub struct Desk {
    folder: Folder,
}

impl Deref for Desk {
    type Target = Folder;

    fn deref(&self) -> &Folder {
        &self.folder
    }
}

impl Desk {
    /// A fresh directory; the database file does not exist yet.
    pub fn empty() -> Desk {
        Desk {
            folder: Folder::new("nimbo-cli-"),
        }
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
        let db = self.db_arg();
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        cli::run_with_input(Path::new(NIMBO), self.dir(), &all, input)
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
