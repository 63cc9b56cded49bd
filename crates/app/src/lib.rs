//! # nimbo-app
//!
//! The use cases of Nimbo: one function per action a person takes, shared by every front
//! door (the `nimbo` command line, the desktop app, and later the sync server). Each use
//! case that changes anything reads what it needs, asks the domain whether the action is
//! allowed and what it changes, and writes in ONE SQLite transaction the new state, an
//! append-only audit event and the outbox operation for sync — or nothing at all.
//!
//! May depend on: `nimbo-domain`, `nimbo-store`. Must not depend on: any front door, UI,
//! terminal or HTTP code. Rules are not written here: they are the domain's.

mod clock;
mod error;
mod journal;

pub mod attachments;
pub mod audit;
pub mod customers;
pub mod demo;
pub mod orders;
pub mod organisation;
pub mod users;

use std::path::Path;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, ErrorPayload, FieldMessage, FileProblem};
pub use nimbo_store::Store;

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
