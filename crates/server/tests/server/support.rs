//! A fresh database and server per test, users with known passwords, and operations
//! made by hand the way a laptop would make them.

use chrono::Utc;
use nimbo_domain::ErrorCode;
use nimbo_domain::customer::{Customer, CustomerDraft};
use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{Command, EntityKind, Operation, OperationBody};
use nimbo_domain::order::{AttachmentRef, Step, StepInput};
use nimbo_domain::role::Role;
use nimbo_domain::user::{User, UserDraft};
use nimbo_server::client::Client;
use nimbo_server::wire::{Answer, SessionTokens};
use nimbo_server::{Config, postgres, throwaway, users};
use sqlx::PgPool;
use uuid::Uuid;

/// The token secret of every test server.
pub const SECRET: &[u8] = b"the test servers' token secret, 32+ bytes long";
pub use nimbo_testkit::PASSWORD;

/// A fresh database on the test PostgreSQL, migrated, and its URL, or `None` (after a
/// notice) when there is none and this is not CI.
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
    let (pool, own_url) = postgres::pool::fresh_database(&url, "nimbo_t_", 20)
        .await
        .expect("the test PostgreSQL answers");
    postgres::migrate(&pool).await.unwrap();
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
        seed_customer(
            &pool,
            &customer(SEEDED_CUSTOMER, "Cooperativa Ñandutí Ltda.", "80028061-0"),
        )
        .await;
        let (base, _task) = throwaway::serve_on(pool.clone(), config).await.unwrap();
        let client = Client::new(&base).unwrap();
        Some(TestServer { pool, client, base })
    }

    /// Adds a user with [`PASSWORD`], written straight into the server's users (as
    /// [`seed_customer`] writes a record): these stories are about pushes and count the
    /// sequence from 1. `nimbo-server user add`, which puts a `CreateUser` in the
    /// sequence, has its own stories (users.rs).
    pub async fn user(&self, username: &str, roles: &[Role]) -> User {
        let user = UserDraft {
            username: username.into(),
            full_name: format!("{username} de prueba"),
            email: None,
            roles: roles.to_vec(),
        }
        .validate(Uuid::now_v7(), Utc::now())
        .unwrap();
        let mut conn = self.pool.acquire().await.unwrap();
        postgres::users::upsert(&mut conn, &user).await.unwrap();
        users::set_password(&self.pool, username, PASSWORD, Utc::now())
            .await
            .unwrap();
        user
    }

    /// Adds a user and signs them in.
    pub async fn signed_in(&self, username: &str, roles: &[Role]) -> (Client, SessionTokens) {
        self.user(username, roles).await;
        self.client.sign_in(username, PASSWORD).await.unwrap()
    }
}

/// The customer every test server starts with, written straight into its records.
pub const SEEDED_CUSTOMER: Uuid = Uuid::from_u128(0x0199_0000_0000_7000_8000_0000_0000_0001);

/// A customer as a laptop makes one, without master contract.
pub fn customer(id: Uuid, name: &str, ruc: &str) -> Customer {
    CustomerDraft {
        name: name.into(),
        ruc: ruc.into(),
        segment: "corporate".into(),
        billing_account: Some("100234567".into()),
        billing_cycle: Some("15".into()),
        ..CustomerDraft::default()
    }
    .validate(id, Utc::now())
    .unwrap()
}

/// Writes a customer into the server's records, as if a push had created it.
pub async fn seed_customer(pool: &PgPool, customer: &Customer) {
    sqlx::query("INSERT INTO entities (kind, id, state, version) VALUES ('customer', $1, $2, 0)")
        .bind(customer.id)
        .bind(serde_json::to_value(customer).unwrap())
        .execute(pool)
        .await
        .unwrap();
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

/// A KAM's or pre-sales engineer's new order for the seeded customer; its number is the
/// actor's, as each laptop numbers its own.
pub fn open_order(actor: &str, number: u32) -> Operation {
    let order_id = Uuid::now_v7();
    command(
        actor,
        EntityKind::Order,
        order_id,
        Command::OpenOrder {
            order_id,
            number: format!("{actor}-{number:05}"),
            customer_id: SEEDED_CUSTOMER,
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

/// A laptop of one signed-in user: it stamps its operations with its own hybrid clock,
/// which may run ahead of or behind the real time by `skew_ms`.
pub struct Laptop {
    /// The connection, signed in.
    pub client: Client,
    /// Whose laptop it is.
    pub user: String,
    /// How far its clock is off the real time, in milliseconds.
    pub skew_ms: i64,
    last: Hlc,
}

impl Laptop {
    /// A laptop for a user added to the server with these roles.
    pub async fn of(server: &TestServer, username: &str, roles: &[Role]) -> Laptop {
        let (client, _) = server.signed_in(username, roles).await;
        Laptop::signed_in(client, username)
    }

    /// A laptop for a user already signed in.
    pub fn signed_in(client: Client, username: &str) -> Laptop {
        Laptop {
            client,
            user: username.into(),
            last: Hlc::zero(&format!("{username}-laptop")),
            skew_ms: 0,
        }
    }

    /// Stamps a body as the laptop's next operation.
    pub fn op(&mut self, entity: EntityKind, entity_id: Uuid, body: OperationBody) -> Operation {
        self.last = self.last.tick(Utc::now().timestamp_millis() + self.skew_ms);
        Operation {
            id: Uuid::now_v7(),
            hlc: self.last.clone(),
            device: Uuid::nil(),
            actor: self.user.clone(),
            entity,
            entity_id,
            body,
        }
    }

    /// Stamps a command.
    pub fn command(&mut self, entity: EntityKind, entity_id: Uuid, command: Command) -> Operation {
        self.op(entity, entity_id, OperationBody::Command { command })
    }

    /// Pushes one operation and returns its answer.
    pub async fn send(&self, op: &Operation) -> Answer {
        let mut answers = self.client.push(std::slice::from_ref(op)).await.unwrap();
        answers.remove(0).answer
    }

    /// Makes and pushes a command that must be applied.
    pub async fn applied(&mut self, entity: EntityKind, entity_id: Uuid, command: Command) {
        let op = self.command(entity, entity_id, command);
        match self.send(&op).await {
            Answer::Applied { .. } => {}
            other => panic!("{} expected the operation applied: {other:?}", self.user),
        }
    }
}

/// The code and message of an answer that must be a refusal.
pub fn refusal(answer: &Answer) -> (ErrorCode, &str) {
    match answer {
        Answer::Refused { code, message } => (*code, message),
        other => panic!("{other:?}"),
    }
}

/// The code of an answer: the refusal's, or `applied` / `conflict`.
pub fn code(answer: &Answer) -> &str {
    match answer {
        Answer::Refused { code, .. } => code.as_str(),
        Answer::Applied { .. } => "applied",
        Answer::Conflict { .. } => "conflict",
    }
}

/// The state the server holds for a record, if any.
pub async fn stored<T: serde::de::DeserializeOwned>(
    pool: &PgPool,
    kind: EntityKind,
    id: Uuid,
) -> Option<T> {
    let state: Option<serde_json::Value> =
        sqlx::query_scalar("SELECT state FROM entities WHERE kind = $1 AND id = $2")
            .bind(kind.id())
            .bind(id)
            .fetch_optional(pool)
            .await
            .unwrap();
    state.map(|s| serde_json::from_value(s).unwrap())
}

/// Every record's kind, id and version, to see that nothing changed.
pub async fn fingerprint(pool: &PgPool) -> Vec<(String, Uuid, i64, String)> {
    sqlx::query_as("SELECT kind, id, version, state::text FROM entities ORDER BY kind, id")
        .fetch_all(pool)
        .await
        .unwrap()
}
