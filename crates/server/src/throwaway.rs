//! A sync server on a fresh database of a PostgreSQL server, listening on a free port of
//! 127.0.0.1 — for tests of both sides (the server's, the laptop's use cases, the command
//! line) and for trying Nimbo on one machine. Not for production: the database is named
//! at random and never dropped.

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use uuid::Uuid;

use crate::{AppState, Config, ServerError, db};

/// A running throwaway server.
pub struct Throwaway {
    /// Its base address (`http://127.0.0.1:PORT`).
    pub base: String,
    /// Its database.
    pub pool: PgPool,
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
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    db::migrate(&pool).await?;
    let state = AppState::new(pool.clone(), Config::new(admin_url, token_secret))?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| ServerError::Internal(format!("no free port: {e}")))?;
    let address = listener
        .local_addr()
        .map_err(|e| ServerError::Internal(format!("no address: {e}")))?;
    tokio::spawn(crate::serve(listener, state, std::future::pending()));
    Ok(Throwaway {
        base: format!("http://{address}"),
        pool,
    })
}
