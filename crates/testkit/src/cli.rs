//! The `nimbo` command line run as a process, the way people and scripts run it, with
//! none of the caller's own settings leaking in, on a database in a temporary folder;
//! what one run printed, and the checks every story makes on it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

use crate::files::small_pdf;

/// The exit code of a command that did what it was asked.
pub const DONE: i32 = 0;
/// The exit code of a command refused, invalid or not found.
pub const REFUSED: i32 = 1;

/// A temporary folder with one database file in it, which does not exist until a command
/// makes it; both go when the folder is dropped.
pub struct Folder {
    dir: TempDir,
    /// The database file.
    pub db: PathBuf,
}

impl Folder {
    /// A fresh folder whose name starts with `prefix`.
    pub fn new(prefix: &str) -> Folder {
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .unwrap_or_else(|e| panic!("no temp dir: {e}"));
        let db = dir.path().join("nimbo.sqlite");
        Folder { dir, db }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The database file as text, as `--db` takes it.
    pub fn db_arg(&self) -> String {
        self.db.display().to_string()
    }

    /// Writes a file into the folder and returns its absolute path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir().join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {path:?}: {e}"));
        path.display().to_string()
    }

    /// A small real PDF written into the folder; its absolute path, as `--file` and a
    /// file input take it.
    pub fn pdf(&self, name: &str) -> String {
        self.write(name, small_pdf(name).as_bytes())
    }
}

/// `binary` to be run in `dir` with no NIMBO_* variables, a private home and no
/// backtraces.
pub fn command(binary: &Path, dir: &Path) -> Command {
    let mut command = Command::new(binary);
    command
        .current_dir(dir)
        .env_remove("NIMBO_DB")
        .env_remove("NIMBO_USER")
        .env_remove("NIMBO_LANG")
        .env_remove("NIMBO_PASSWORD")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("xdg-data"))
        .env("RUST_BACKTRACE", "0");
    command
}

/// Runs `binary` with exactly these arguments in `dir`, nothing on its standard input.
pub fn run(binary: &Path, dir: &Path, args: &[&str]) -> Run {
    let output = command(binary, dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", binary.display()));
    Run::of(args, &output)
}

/// Runs `binary` with these arguments in `dir` with `input` on its standard input (a
/// password typed or piped, as people and scripts give it).
pub fn run_with_input(binary: &Path, dir: &Path, args: &[&str], input: &str) -> Run {
    let mut child = command(binary, dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", binary.display()));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .unwrap_or_else(|e| panic!("could not type into nimbo: {e}"));
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("nimbo did not finish: {e}"));
    Run::of(args, &output)
}

/// Runs `binary` with these arguments in `dir` whose reader closes its end of the pipe
/// before reading anything, as `nimbo … | head -1` does after its line.
pub fn run_into_closed_pipe(binary: &Path, dir: &Path, args: &[&str]) -> Run {
    let mut child = command(binary, dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", binary.display()));
    drop(child.stdout.take());
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("could not wait for {}: {e}", binary.display()));
    Run::of(args, &output)
}

/// One run of `nimbo`: its arguments, exit code and what it printed.
#[derive(Debug)]
pub struct Run {
    /// The arguments it was given.
    pub args: Vec<String>,
    /// Its exit code (-1 when a signal ended it).
    pub code: i32,
    /// What it printed on standard output.
    pub stdout: String,
    /// What it printed on standard error.
    pub stderr: String,
}

impl Run {
    fn of(args: &[&str], output: &Output) -> Run {
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

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
    /// Its code, one of the closed set the UI branches on.
    pub code: String,
    /// Its message, in the run's language.
    pub message: String,
    /// The fields it names, as `{"field": KEY, …}` objects.
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
