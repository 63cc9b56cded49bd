//! # nimbo-store
//!
//! The local store of a laptop: one SQLite file in WAL mode, opened through sqlx, with
//! its migrations embedded. It reads and writes the domain's types, plus the few shapes
//! of its own that a query needs (a list's filter and lines, the device's state, the
//! audit chain's verification, the sync session): no rule is decided here (that is
//! `nimbo-domain`), and no transaction is begun or committed on its own initiative (that
//! is the use cases of `nimbo-app`, which put state, audit event and outbox operation in
//! one transaction).
//!
//! May depend on: `nimbo-domain`, sqlx, serde and serde_json, and small helpers
//! (thiserror, chrono, uuid, futures-util). Must not depend on: `nimbo-app`, the network,
//! any UI.

#![warn(missing_docs)]

mod error;

pub mod attachments;
pub mod audit;
pub mod billing;
pub mod bulk;
pub mod catalogue;
pub mod conflicts;
pub mod customers;
pub mod device;
pub mod documents;
pub mod history;
pub mod orders;
pub mod organisation;
pub mod outbox;
pub mod processes;
pub mod records;
pub mod stamps;
pub mod subscriptions;
pub mod sync;
pub mod users;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub use error::StoreError;
pub use sqlx::SqliteConnection as Connection;

/// A transaction on the local store.
pub type Tx = Transaction<'static, Sqlite>;

/// The local database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        let url = format!("sqlite://{}", path.display());
        let options = SqliteConnectOptions::from_str(&url)
            .map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 8 MB of pages per connection (4 at most): the lists walk indexes and read
            // a page of rows, so a bigger cache buys little and the desktop app's memory
            // with 100,000 orders stays small (BENCHMARKS.md).
            .pragma("cache_size", "-8000")
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        MIGRATOR.run(&pool).await.map_err(|e| StoreError::Migrate {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Ok(Store {
            pool,
            path: path.to_path_buf(),
        })
    }

    /// Begins a write transaction, taking the write lock at once so that two processes
    /// on the same file queue instead of failing half-way.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A connection for reading.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<Sqlite>, StoreError> {
        Ok(self.pool.acquire().await?)
    }

    /// The file the store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Times are stored as RFC 3339 text with microseconds, so that they sort as text.
pub(crate) fn time_text(t: chrono::DateTime<chrono::Utc>) -> String {
    nimbo_domain::audit::canonical_time(t)
}

pub(crate) fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| StoreError::Corrupt(format!("not a time: {text}")))
}

pub(crate) fn parse_uuid(text: &str) -> Result<uuid::Uuid, StoreError> {
    uuid::Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("not an id: {text}")))
}

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("unreadable record: {e}")))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("unwritable record: {e}")))
}
