//! How failures get their codes: a database another connection holds is busy (judged by
//! SQLite's error code, not its words), and the sync server's refusals as the app says
//! them.

use std::time::Duration;

use nimbo_app::AppError;
use nimbo_domain::{ErrorCode, Lang};
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
    assert_eq!(error.code(), ErrorCode::DatabaseBusy);
    assert_eq!(error.payload(Lang::Es).code, ErrorCode::DatabaseBusy);

    // Words are not what decides: a failure that only mentions being locked is not busy.
    let missing = sqlx::query("SELECT x FROM locked_and_busy")
        .execute(&mut other)
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("locked_and_busy"), "{missing}");
    let error = AppError::from(missing);
    assert!(matches!(error, AppError::Store(_)), "{error:?}");
    assert_eq!(error.code(), ErrorCode::DatabaseError);

    // Once the writer is done, the other connection writes.
    sqlx::query("COMMIT").execute(&mut holder).await.unwrap();
    sqlx::query("INSERT INTO t VALUES (1)")
        .execute(&mut other)
        .await
        .unwrap();
}

#[test]
fn the_servers_refusal_of_a_password_is_wrong_credentials_and_others_are_refusals() {
    let refused = |code| AppError::SyncRefused {
        code,
        message: "Usuario o contraseña incorrectos: revíselos e intente de nuevo.".into(),
    };
    assert_eq!(
        refused(ErrorCode::BadCredentials).code(),
        ErrorCode::SyncWrongCredentials
    );
    for code in [
        ErrorCode::SessionExpired,
        ErrorCode::UpdateRequired,
        ErrorCode::Unknown,
    ] {
        assert_eq!(refused(code).code(), ErrorCode::SyncRefused, "{code}");
    }
    let unexpected = AppError::SyncUnexpected {
        status: 502,
        detail: "Bad Gateway".into(),
    };
    assert_eq!(unexpected.code(), ErrorCode::SyncRefused);
    assert_eq!(
        unexpected.message(Lang::Es),
        "el servidor de sincronización no aceptó la solicitud: Bad Gateway"
    );
    assert_eq!(
        unexpected.message(Lang::En),
        "the sync server refused the request (unexpected_502): Bad Gateway"
    );
}

#[test]
fn a_payload_carries_its_code_as_the_string_scripts_read() {
    let payload = AppError::NoActor.payload(Lang::En);
    let json = serde_json::to_value(&payload).unwrap();
    assert_eq!(json["code"], "no_actor");
    assert_eq!(json["message"], "Nobody is acting: choose your user.");
    assert_eq!(json["fields"], serde_json::json!([]));
}
