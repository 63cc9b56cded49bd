//! No password or token is kept or logged in clear. This story runs the real
//! `nimbo-server` program, adds the user with its command line and reads its log as an
//! operator would.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::database;

/// Every row of every table of the server's schema, as text.
async fn everything_stored(pool: &sqlx::PgPool) -> String {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(tables.len() >= 6, "{tables:?}");
    let mut all = String::new();
    for table in tables {
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT t::text FROM \"{table}\" t"
        )))
        .fetch_all(pool)
        .await
        .unwrap();
        all.push_str(&rows.join("\n"));
    }
    all
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn server_command(db_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nimbo-server"));
    command
        .env_clear()
        .env("NIMBO_SERVER_DATABASE_URL", db_url)
        .env("NIMBO_SERVER_TOKEN_SECRET", "x".repeat(48))
        .env("NIMBO_SERVER_LOG", "debug");
    command
}

#[tokio::test]
async fn after_signing_in_and_refreshing_no_password_or_token_is_in_the_database_or_the_log() {
    let Some((pool, db_url)) = database().await else {
        return;
    };
    let password = "una clave larga, con espacios y ñandutí";

    // The administrator adds the user, typing the password on standard input.
    let mut add = server_command(&db_url)
        .args([
            "user",
            "add",
            "--username",
            "karina",
            "--name",
            "Karina Ortiz",
            "--role",
            "kam",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(add.stdin.take().unwrap(), "{password}").unwrap();
    let added = add.wait_with_output().unwrap();
    let add_out = String::from_utf8_lossy(&added.stdout).to_string()
        + &String::from_utf8_lossy(&added.stderr);
    assert!(added.status.success(), "{add_out}");
    assert!(
        add_out.contains("karina") && add_out.contains("kam"),
        "{add_out}"
    );

    let port = free_port();
    let mut serve = server_command(&db_url)
        .env("NIMBO_SERVER_LISTEN", format!("127.0.0.1:{port}"))
        .arg("serve")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let client = nimbo_server::client::Client::new(&format!("http://127.0.0.1:{port}")).unwrap();
    let started = Instant::now();
    while client.handshake().await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let (_, first) = client.sign_in("karina", password).await.unwrap();
    let (signed_in, second) = client.refresh(&first.refresh_token).await.unwrap();
    signed_in.pull(0, 10).await.unwrap();
    assert!(
        client
            .sign_in("karina", "clave-equivocada-1")
            .await
            .is_err()
    );
    signed_in.sign_out().await.unwrap();

    let stored = everything_stored(&pool).await;
    serve.kill().unwrap();
    let mut logged = String::new();
    serve
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logged)
        .unwrap();
    serve
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut logged)
        .unwrap();
    serve.wait().unwrap();

    assert!(
        logged.contains("signed in") && logged.contains("/v1/session/refresh"),
        "{logged}"
    );
    assert!(logged.contains("sign-in refused"), "{logged}");
    assert!(stored.contains("$argon2id$"), "the hash is there");
    assert!(
        stored.contains(&nimbo_server::tokens::sha256_hex(
            first.refresh_token.as_bytes()
        )),
        "refresh tokens are kept by their hash"
    );
    let secrets = [
        password,
        "clave-equivocada-1",
        &first.access_token,
        &first.refresh_token,
        &second.access_token,
        &second.refresh_token,
    ];
    for secret in secrets {
        assert!(
            !stored.contains(secret),
            "the database holds a secret in clear"
        );
        assert!(!logged.contains(secret), "the log holds a secret in clear");
        assert!(
            !add_out.contains(secret),
            "the command line printed a secret"
        );
    }
    // Nor the signature of an access token, the part that makes it worth stealing.
    for token in [&first.access_token, &second.access_token] {
        let signature = token.rsplit('.').next().unwrap();
        assert!(!stored.contains(signature) && !logged.contains(signature));
    }
}
