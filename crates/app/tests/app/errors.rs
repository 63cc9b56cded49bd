//! How failures get their codes: a database another connection holds is busy, judged by
//! SQLite's error code, not its words.

use std::time::Duration;

use nimbo_app::AppError;
use nimbo_domain::Lang;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode};

async fn connect(options: &SqliteConnectOptions) -> SqliteConnection {
    SqliteConnection::connect_with(options).await.unwrap()
}

#[tokio::test]
async fn a_database_another_connection_is_writing_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let options = SqliteConnectOptions::new()
        .filename(dir.path().join("busy.sqlite"))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::ZERO);
    let mut holder = connect(&options).await;
    sqlx::query("CREATE TABLE t (x INTEGER)")
        .execute(&mut holder)
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut holder)
        .await
        .unwrap();

    let mut other = connect(&options).await;
    let refused = sqlx::query("INSERT INTO t VALUES (1)")
        .execute(&mut other)
        .await
        .unwrap_err();
    let sqlite_code = refused
        .as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.into_owned());
    assert_eq!(
        sqlite_code.as_deref(),
        Some("5"),
        "SQLITE_BUSY: {refused:?}"
    );
    let error = AppError::from(refused);
    assert!(matches!(error, AppError::Busy), "{error:?}");
    assert_eq!(error.code(), "database_busy");
    assert_eq!(error.payload(Lang::Es).code, "database_busy");

    // Words are not what decides: a failure that only mentions being locked is not busy.
    let missing = sqlx::query("SELECT x FROM locked_and_busy")
        .execute(&mut other)
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("locked_and_busy"), "{missing}");
    let error = AppError::from(missing);
    assert!(matches!(error, AppError::Store(_)), "{error:?}");
    assert_eq!(error.code(), "database_error");

    // Once the writer is done, the other connection writes.
    sqlx::query("COMMIT").execute(&mut holder).await.unwrap();
    sqlx::query("INSERT INTO t VALUES (1)")
        .execute(&mut other)
        .await
        .unwrap();
}
