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
mod context;
mod error;
mod issuing;
mod journal;
mod outcome;

pub mod actions;
pub mod attachments;
pub mod demo;
pub mod sync;
pub mod views;

pub use actions::{audit, catalogue, customers, documents, orders, organisation, users};

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, ErrorPayload, FieldMessage, FileProblem};
pub use context::{Nimbo, database_path, default_database};
pub use nimbo_store::Store;

