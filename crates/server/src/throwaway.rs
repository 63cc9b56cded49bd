//! A sync server on a fresh database of a PostgreSQL server, listening on a free port of
//! 127.0.0.1 — for tests of both sides (the server's, the laptop's use cases, the command
//! line) and for trying Nimbo on one machine. Not for production: the database is named
//! at random and never dropped.

use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection, PgPool};
use uuid::Uuid;

use crate::{AppState, Config, ServerError, db};

/// A running throwaway server.
pub struct Throwaway {
    /// Its base address (`http://127.0.0.1:PORT`).
    pub base: String,
    /// Its database.
    pub pool: PgPool,
    config: Config,
    task: tokio::task::JoinHandle<Result<(), ServerError>>,
}

impl Throwaway {
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

async fn serve_on(
    pool: PgPool,
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
    let name = format!("nimbo_tmp_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect(admin_url).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    admin.close().await?;
    let options = PgConnectOptions::from_str(admin_url)?.database(&name);
    let pool = db::pool_options()
        .max_connections(8)
        .connect_with(options)
        .await?;
    db::migrate(&pool).await?;
    let config = Config::new(admin_url, token_secret);
    let (base, task) = serve_on(pool.clone(), config.clone()).await?;
    Ok(Throwaway {
        base,
        pool,
        config,
        task,
    })
}
