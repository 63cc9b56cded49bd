//! How failures get their codes: a database another connection holds is busy (judged by
//! SQLite's error code, not its words), the sync server's refusals as the app says
//! them, and a document that cannot be rendered in the renderer's own sentence.

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
    // SQLite's words go to the log, not after the person's sentence.
    let said = error.sentence(Lang::Es);
    assert!(
        said.starts_with("La base de datos de este equipo falló")
            && !said.contains("locked_and_busy"),
        "{said}"
    );
    assert!(
        error
            .detail()
            .is_some_and(|d| d.contains("locked_and_busy"))
    );

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
    // One sentence for the person, without program words; the rest is for the log.
    assert_eq!(
        unexpected.sentence(Lang::Es),
        "El servidor de sincronización respondió algo que este equipo no entiende; actualice Nimbo o avise al administrador."
    );
    assert!(!unexpected.sentence(Lang::En).contains("Bad Gateway"));
    assert_eq!(
        unexpected.detail().as_deref(),
        Some("HTTP 502: Bad Gateway")
    );

    // The server's refusal is its own sentence, not chained after another.
    let wrong = refused(ErrorCode::BadCredentials);
    assert_eq!(
        wrong.sentence(Lang::Es),
        "Usuario o contraseña incorrectos: revíselos e intente de nuevo."
    );
    assert_eq!(
        wrong.sentence(Lang::En),
        "Wrong username or password: check them and try again."
    );
    let errors = || {
        [
            refused(ErrorCode::BadCredentials),
            AppError::SyncUnexpected {
                status: 502,
                detail: "Bad Gateway".into(),
            },
            AppError::SyncUnreachable {
                detail: "error sending request: connection refused".into(),
            },
        ]
    };
    for lang in [Lang::Es, Lang::En] {
        for error in errors() {
            let said = error.sentence(lang);
            assert!(
                !said.contains("solicitud") && !said.contains("request") && !said.contains("JSON"),
                "{said}"
            );
            assert!(said.starts_with(char::is_uppercase), "{said}");
        }
    }
}

#[test]
fn a_payload_carries_its_code_as_the_string_scripts_read() {
    let payload = AppError::NoActor.payload(Lang::En);
    let json = serde_json::to_value(&payload).unwrap();
    assert_eq!(json["code"], "no_actor");
    assert_eq!(json["message"], "Nobody is acting: choose your user.");
    assert_eq!(json["fields"], serde_json::json!([]));
}

#[test]
fn a_rendering_failure_is_the_renderers_own_sentence_in_the_users_language() {
    let error = AppError::Render(nimbo_docs::DocsError::Logo {
        reason: "the file does not start like a PNG".into(),
    });
    assert_eq!(error.code(), ErrorCode::DocsLogo);
    let es = error.message(Lang::Es);
    assert_eq!(
        es,
        "el logotipo de la organización no es una imagen PNG legible; vuelva a cargar el logotipo como archivo PNG"
    );
    let en = error.message(Lang::En);
    assert!(en.starts_with("the organisation's logo"), "{en}");
    assert!(!en.contains("the PDF could not be made"), "{en}");
}
