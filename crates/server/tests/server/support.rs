//! A fresh database and server per test, users with known passwords, and operations
//! made by hand the way a laptop would make them.

use std::str::FromStr;

use chrono::Utc;
use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{Command, EntityKind, Operation, OperationBody};
use nimbo_domain::order::{AttachmentRef, Step, StepInput};
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use nimbo_server::client::Client;
use nimbo_server::wire::SessionTokens;
use nimbo_server::{AppState, Config, db, users};
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};
use uuid::Uuid;

/// The token secret of every test server.
pub const SECRET: &[u8] = b"the test servers' token secret, 32+ bytes long";
/// Every test user's password.
pub const PASSWORD: &str = "clave-de-prueba-123";

/// A fresh database on the test PostgreSQL and its URL, or `None` (after a notice) when
/// there is none and this is not CI.
pub async fn database() -> Option<(PgPool, String)> {
    let Ok(url) = std::env::var("NIMBO_TEST_DATABASE_URL") else {
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!(
                "NIMBO_TEST_DATABASE_URL is not set: the sync server's tests need a PostgreSQL \
                 (scripts/test starts one; by hand: ./scripts/with-postgres cargo test -p nimbo-server)"
            );
        }
        // Straight to stderr, once: the test harness would swallow an eprintln! of a test
        // that passes, and the notice is the point.
        static NOTICE: std::sync::Once = std::sync::Once::new();
        NOTICE.call_once(|| {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "notice: the sync server's tests are skipped: NIMBO_TEST_DATABASE_URL is not set \
                 (run ./scripts/with-postgres cargo test -p nimbo-server)"
            );
        });
        return None;
    };
    let name = format!("nimbo_t_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(&url)
        .await
        .expect("the test PostgreSQL answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let options = PgConnectOptions::from_str(&url).unwrap().database(&name);
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(20)
        .connect_with(options)
        .await
        .unwrap();
    db::migrate(&pool).await.unwrap();
    let (before_query, query) = url.split_once('?').unwrap_or((&url, ""));
    let server = before_query
        .rsplit_once('/')
        .map_or(before_query, |(s, _)| s);
    let own_url = if query.is_empty() {
        format!("{server}/{name}")
    } else {
        format!("{server}/{name}?{query}")
    };
    Some((pool, own_url))
}

/// A server on its own database, listening on a free port of 127.0.0.1.
pub struct TestServer {
    /// Its database.
    pub pool: PgPool,
    /// An anonymous client.
    pub client: Client,
    /// Its address, `http://127.0.0.1:PORT`.
    pub base: String,
}

impl TestServer {
    /// With the default settings.
    pub async fn start() -> Option<TestServer> {
        TestServer::start_with(|_| {}).await
    }

    /// With settings changed by `tweak`.
    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Option<TestServer> {
        let (pool, url) = database().await?;
        let mut config = Config::new(&url, SECRET);
        tweak(&mut config);
        let state = AppState::new(pool.clone(), config).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(nimbo_server::serve(listener, state, std::future::pending()));
        let base = format!("http://{address}");
        let client = Client::new(&base).unwrap();
        Some(TestServer { pool, client, base })
    }

    /// Adds a user with [`PASSWORD`].
    pub async fn user(&self, username: &str, roles: &[Role]) -> User {
        let draft = UserDraft {
            username: username.into(),
            full_name: format!("{username} de prueba"),
            email: None,
            roles: roles.to_vec(),
        };
        users::add(&self.pool, &draft, PASSWORD, Utc::now())
            .await
            .unwrap()
    }

    /// Adds a user and signs them in.
    pub async fn signed_in(&self, username: &str, roles: &[Role]) -> (Client, SessionTokens) {
        self.user(username, roles).await;
        self.client.sign_in(username, PASSWORD).await.unwrap()
    }
}

/// An operation carrying a command, by `actor`.
pub fn command(actor: &str, entity: EntityKind, entity_id: Uuid, command: Command) -> Operation {
    Operation {
        id: Uuid::now_v7(),
        hlc: Hlc {
            wall_ms: Utc::now().timestamp_millis(),
            counter: 0,
            node: "laptop-1".into(),
        },
        device: Uuid::nil(),
        actor: actor.into(),
        entity,
        entity_id,
        body: OperationBody::Command { command },
    }
}

/// A KAM's or pre-sales engineer's new order.
pub fn open_order(actor: &str, number: u32) -> Operation {
    let order_id = Uuid::now_v7();
    command(
        actor,
        EntityKind::Order,
        order_id,
        Command::OpenOrder {
            order_id,
            number: format!("PED-{number:05}"),
            customer_id: Uuid::nil(),
            title: "Internet dedicado 100 Mbps".into(),
        },
    )
}

/// Completing a step of an order, with files attached.
pub fn complete_step(actor: &str, step: Step, files: &[AttachmentRef]) -> Operation {
    let order_id = Uuid::now_v7();
    let mut input = StepInput::default();
    for (i, file) in files.iter().enumerate() {
        input = input.file(&format!("file_{i}"), file.clone());
    }
    command(
        actor,
        EntityKind::Order,
        order_id,
        Command::CompleteStep {
            order_id,
            step,
            input,
        },
    )
}

/// A reference to bytes, as the laptop makes one when a file is attached.
pub fn attachment(name: &str, bytes: &[u8]) -> AttachmentRef {
    AttachmentRef {
        sha256: nimbo_server::tokens::sha256_hex(bytes),
        name: name.into(),
        size: bytes.len() as u64,
        media_type: "application/pdf".into(),
    }
}
