//! A sync server on a fresh database of a PostgreSQL server, listening on a free port of
//! 127.0.0.1 — for tests of both sides (the server's, the laptop's use cases, the command
//! line) and for trying Nimbo on one machine. Not for production: the database is named
//! at random and never dropped.

use crate::postgres::{self, Pool};
use crate::{AppState, Config, ServerError};

/// A running throwaway server.
pub struct Throwaway {
    /// Its base address (`http://127.0.0.1:PORT`).
    pub base: String,
    /// Its database.
    pub pool: Pool,
    config: Config,
    task: tokio::task::JoinHandle<Result<(), ServerError>>,
}

/// The variable tests name the test PostgreSQL in (`scripts/with-postgres` sets it).
pub const DATABASE_VARIABLE: &str = "NIMBO_TEST_DATABASE_URL";

/// A server for a test, on the test PostgreSQL of [`DATABASE_VARIABLE`]; `None` after a
/// notice when the variable is not set outside CI (a developer's `cargo test` without
/// PostgreSQL), and a failure naming the fix under CI, where a skipped story would be a
/// lie.
pub async fn for_tests(story: &str) -> Option<Throwaway> {
    let Ok(url) = std::env::var(DATABASE_VARIABLE) else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        let fix = format!(
            "{DATABASE_VARIABLE} is not set: {story} needs a PostgreSQL (scripts/test starts \
             one; by hand: ./scripts/with-postgres cargo test …)"
        );
        if ci {
            panic!("{fix}");
        }
        eprintln!("notice: {fix}; skipped");
        return None;
    };
    match start(&url, b"a test server's token secret, 32 bytes or more").await {
        Ok(server) => Some(server),
        Err(e) => panic!("a sync server on the test PostgreSQL: {e}"),
    }
}

impl Throwaway {
    /// Adds a user with a password as `nimbo-server user add` does: a `CreateUser` by the
    /// server, which laptops pull like any other operation.
    pub async fn add_user(
        &self,
        username: &str,
        full_name: &str,
        roles: &[nimbo_domain::role::Role],
        password: &str,
    ) -> Result<(), ServerError> {
        let draft = nimbo_domain::user::UserDraft {
            username: username.into(),
            full_name: full_name.into(),
            email: None,
            roles: roles.to_vec(),
        };
        crate::admin::add_user(&self.pool, &draft, password, chrono::Utc::now()).await?;
        Ok(())
    }

    /// Gives an existing user a password (as `nimbo-server user set-password` does).
    pub async fn set_password(&self, username: &str, password: &str) -> Result<(), ServerError> {
        crate::users::set_password(&self.pool, username, password, chrono::Utc::now()).await
    }

    /// Takes a role from a user (as `nimbo-server user revoke` does).
    pub async fn revoke(
        &self,
        username: &str,
        role: nimbo_domain::role::Role,
    ) -> Result<(), ServerError> {
        crate::admin::revoke(&self.pool, username, role, chrono::Utc::now()).await?;
        Ok(())
    }

    /// Kills the server at once, as a crash would: requests under way are cut.
    pub fn kill(&self) {
        self.task.abort();
    }

    /// Starts a server again on the same database (on a new port: see [`Throwaway::base`]).
    pub async fn restart(&mut self) -> Result<(), ServerError> {
        self.task.abort();
        let (base, task) = serve_on(self.pool.clone(), self.config.clone()).await?;
        self.base = base;
        self.task = task;
        Ok(())
    }
}

/// Serves on `pool` with `config` from a task of the current tokio runtime, on a free
/// port of 127.0.0.1: its base address and the task.
pub async fn serve_on(
    pool: Pool,
    config: Config,
) -> Result<(String, tokio::task::JoinHandle<Result<(), ServerError>>), ServerError> {
    let state = AppState::new(pool, config)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| ServerError::Internal(format!("no free port: {e}")))?;
    let address = listener
        .local_addr()
        .map_err(|e| ServerError::Internal(format!("no address: {e}")))?;
    let task = tokio::spawn(crate::serve(listener, state, std::future::pending()));
    Ok((format!("http://{address}"), task))
}

/// Creates a database next to the one `admin_url` names, migrates it and serves on it
/// from a task of the current tokio runtime.
pub async fn start(admin_url: &str, token_secret: &[u8]) -> Result<Throwaway, ServerError> {
    let (pool, _) = postgres::pool::fresh_database(admin_url, "nimbo_tmp_", 8).await?;
    postgres::migrate(&pool).await?;
    let config = Config::new(admin_url, token_secret);
    let (base, task) = serve_on(pool.clone(), config.clone()).await?;
    Ok(Throwaway {
        base,
        pool,
        config,
        task,
    })
}
