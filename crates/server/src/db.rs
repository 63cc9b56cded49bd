//! The connection pool and the schema's migrations (crates/server/migrations).

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::error::ServerError;

/// The server's migrations, embedded at build time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connects to PostgreSQL.
pub async fn connect(url: &str) -> Result<PgPool, ServerError> {
    Ok(PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await?)
}

/// Brings the schema up to date; several servers starting at once take turns on
/// PostgreSQL's advisory lock.
pub async fn migrate(pool: &PgPool) -> Result<(), ServerError> {
    MIGRATOR.run(pool).await?;
    Ok(())
}
