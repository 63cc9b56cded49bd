//! What can go wrong in the store.

use std::path::PathBuf;

/// A failure of the local database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened or created.
    #[error("no se pudo abrir la base de datos {path}: {reason}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The schema could not be brought up to date.
    #[error("no se pudo actualizar la base de datos {path}: {reason}")]
    Migrate {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A row could not be read back into the domain's types.
    #[error("la base de datos tiene un registro ilegible: {0}")]
    Corrupt(String),
    /// A record received from elsewhere contradicts what this database holds and may
    /// never change (a document version's data and hashes).
    #[error("la base de datos ya tiene otra versión de este registro: {0}")]
    Diverged(String),
    /// SQLite refused or failed.
    #[error("error de la base de datos: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Whether the error is a uniqueness violation (a duplicate key).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }

    /// Whether another connection or process holds the database locked: SQLite's
    /// `SQLITE_BUSY` (5) or `SQLITE_LOCKED` (6), or one of their extended codes (517,
    /// `SQLITE_BUSY_SNAPSHOT`, is 5 in its low byte).
    pub fn is_busy(&self) -> bool {
        const SQLITE_BUSY: i32 = 5;
        const SQLITE_LOCKED: i32 = 6;
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => e
                .code()
                .and_then(|code| code.parse::<i32>().ok())
                .is_some_and(|code| matches!(code & 0xff, SQLITE_BUSY | SQLITE_LOCKED)),
            _ => false,
        }
    }
}
