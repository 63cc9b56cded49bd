//! `nimbo sync` as people and scripts use it, against the real sync server (in-process,
//! on the test PostgreSQL): before connecting it says how to; a wrong password is refused
//! and nothing is kept; the password is read from standard input, never kept in the
//! database; the first sync sends the office's work and leaves nothing pending.

use nimbo_testkit::PASSWORD;
use nimbo_testkit::server::with_admin;

use crate::office::{ADMIN, Office};

/// A runtime that keeps the server answering while the test waits on `nimbo`, and the
/// server's address; `None` (with a notice) without a test PostgreSQL outside CI.
fn server() -> Option<(tokio::runtime::Runtime, String)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("a tokio runtime: {e}"));
    let base = runtime.block_on(async {
        let server = with_admin("`nimbo sync`", ADMIN, "Administradora").await?;
        Some(server.base)
    })?;
    Some((runtime, base))
}

#[test]
fn an_administrator_connects_the_office_laptop_with_the_password_on_standard_input_and_syncs() {
    let Some((_runtime, base)) = server() else {
        return;
    };
    let office = Office::ready();
    let desk = &office.desk;

    // Not connected yet: status says so, and a sync says how to connect.
    let status = desk.read(&["sync", "status"]);
    assert!(status["server_url"].is_null(), "{status}");
    let pending = status["pending"].as_i64().unwrap_or_default();
    assert!(
        pending > 0,
        "the office's work waits in the outbox: {status}"
    );
    desk.refuse(None, &["sync", "now"])
        .has_code("sync_not_connected")
        .says_es(&["nimbo sync login"]);

    // A wrong password is refused, and nothing is kept.
    let wrong = desk.run_with_input(
        &["sync", "login", "--server", &base, "--user", ADMIN],
        "no-es-la-clave\n",
    );
    assert_eq!(wrong.code, 1, "{}", wrong.describe());
    assert!(wrong.stderr.contains("contraseña"), "{}", wrong.describe());
    assert!(desk.read(&["sync", "status"])["server_url"].is_null());

    // The right one, piped: connected; the password is nowhere in the database file.
    let login = desk.run_with_input(
        &[
            "--json", "sync", "login", "--server", &base, "--user", ADMIN,
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(login.code, 0, "{}", login.describe());
    let bytes = std::fs::read(&desk.db).unwrap_or_else(|e| panic!("the database file: {e}"));
    assert!(
        !bytes
            .windows(PASSWORD.len())
            .any(|w| w == PASSWORD.as_bytes()),
        "the password must not be stored"
    );

    // The first sync: the administrator's own work is applied; what others recorded on
    // this laptop waits for them to sign in here (the server takes each person's work
    // only from their own session).
    let run = desk.run(&["--json", "sync", "now"]);
    let report = run.json();
    let applied = report["applied"].as_i64().unwrap_or_default();
    assert!(
        applied >= 7,
        "the organisation and the team: {}",
        run.describe()
    );
    assert_eq!(report["refused"], 0, "{}", run.describe());
    let after = desk.read(&["sync", "status"]);
    assert_eq!(after["server_url"], base.as_str(), "{after}");
    assert!(after["last_sync_at"].is_string(), "{after}");
    assert_eq!(
        after["pending"].as_i64().unwrap_or(-1),
        report["deferred"].as_i64().unwrap_or(-2),
        "what was not taken now stays pending: {after}"
    );

    // Nobody else edited anything: no edit conflict to show, in words or as JSON.
    let none = desk.run(&["sync", "conflicts"]);
    assert_eq!(none.code, 0, "{}", none.describe());
    assert!(
        none.stdout.contains("Ningún conflicto de edición"),
        "{}",
        none.describe()
    );
    assert_eq!(desk.read(&["sync", "conflicts"]), serde_json::json!([]));
}
