//! # nimbo-app
//!
//! The use cases of Nimbo: one function per action a person takes, shared by the laptop's
//! front doors (the `nimbo` command line and the desktop app). Every use case that
//! changes anything takes the one path (`docs/one-path.md`): it reads what the person
//! means, makes the facts only a laptop makes (numbers, rendered PDFs, files read), builds
//! the domain's `Command`, and [`journal`]'s `act` lets the domain's
//! `nimbo_domain::operation::apply` decide it — the function the sync server and a
//! replaying laptop run — then writes in ONE SQLite transaction the outcome (through the
//! writer the pull uses), an append-only audit event and the outbox operation for sync, or
//! nothing at all.
//!
//! The `views` module turns what the use cases return into view models for a user
//! interface: already in the user's language, with plain fields only. The `sync` module
//! pushes and pulls through the sync client (`nimbo-sync`), the only network this crate
//! reaches.
//!
//! May depend on: `nimbo-domain`, `nimbo-store`, `nimbo-docs` (rendering documents),
//! `nimbo-sync` (the sync client and wire types), `specta` (only to describe the view
//! types to the UI's generated bindings), `dirs` (where the per-user database lives).
//! Must not depend on: any front door, UI toolkit, terminal or HTTP server code. Rules are
//! not written here: they are the domain's.

mod clock;
mod error;
mod journal;
mod outcome;

pub mod actions;
pub mod attachments;
pub mod demo;
pub mod sync;
pub mod views;

pub use actions::{audit, catalogue, customers, documents, orders, organisation, users};

use std::path::{Path, PathBuf};

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, ErrorPayload, FieldMessage, FileProblem};
pub use nimbo_store::Store;

/// The per-user database file both the desktop app and the command line use by default.
pub fn default_database() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("com.nimbo.desktop")
        .join("nimbo.sqlite")
}

/// The database to open: the `NIMBO_DB` variable when set and not empty, else
/// [`default_database`].
pub fn database_path() -> PathBuf {
    std::env::var_os("NIMBO_DB")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(default_database)
}

/// An open Nimbo database and the clock its use cases read.
#[derive(Clone)]
pub struct Nimbo {
    store: Store,
    clock: std::sync::Arc<dyn Clock>,
}

impl Nimbo {
    /// Opens the database at `path`, creating it if needed, on the system clock.
    pub async fn open(path: &Path) -> Result<Nimbo, AppError> {
        Ok(Nimbo::with_clock(
            Store::open(path).await?,
            std::sync::Arc::new(SystemClock),
        ))
    }

    /// Uses a store with a given clock (tests and benchmarks).
    pub fn with_clock(store: Store, clock: std::sync::Arc<dyn Clock>) -> Nimbo {
        Nimbo { store, clock }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The time now.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Closes the database.
    pub async fn close(&self) {
        self.store.close().await;
    }
}
