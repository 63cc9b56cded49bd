//! # nimbo-app
//!
//! The use cases of Nimbo: one function per action a person takes, shared by the laptop's
//! front doors (the `nimbo` command line and the desktop app). Every use case that
//! changes anything takes the one path (`docs/one-path.md`): it reads what the person
//! means, makes the facts only a laptop makes (numbers, rendered PDFs, files read), builds
//! the domain's `Command`, and `journal::act` lets the domain's
//! `nimbo_domain::operation::apply` decide it — the function the sync server and a
//! replaying laptop run — then writes in ONE SQLite transaction the outcome (through the
//! writer the pull uses), an append-only audit event and the outbox operation for sync, or
//! nothing at all.
//!
//! Its layers, each importing only those below it:
//!
//! - [`views`]: what the use cases return, turned into view models for a user interface,
//!   already in the user's language, with plain fields only;
//! - [`actions`]: the use cases, one module per area (organisation, users, customers,
//!   orders, documents, catalogue, audit); an area does not import another area's actions
//!   (the doors reach them as `nimbo_app::orders`, `nimbo_app::documents`…);
//! - `issuing`: issuing a document version (rendered, stored, issued on the one path),
//!   shared by the documents area and by completing the step that produces a document;
//! - `context`: the [`Nimbo`] handle and what the areas share to read what a person means
//!   (the organisation, the acting user, a customer by RUC, an order by number);
//! - `journal` and `outcome`: the one path every change takes, and the writer a pulled
//!   operation goes through too;
//! - beside them, [`sync`] pushes and pulls, [`demo`] fills a database with demonstration
//!   data, and [`attachments`] reads the files a person hands in.
//!
//! The network: [`sync`] reaches the sync server over HTTP through the sync client of
//! `nimbo-sync`; nothing else in this crate touches the network.
//!
//! May depend on: `nimbo-domain`, `nimbo-store`, `nimbo-docs` (rendering documents),
//! `nimbo-sync` (the sync client and wire types), `specta` (only to describe the view
//! types to the UI's generated bindings), `dirs` (where the per-user database lives),
//! `sqlx` (only to turn the store's database errors into [`AppError`]), and small helpers
//! (tokio's synchronisation, serde, chrono, uuid, sha2, hex, base64, fastrand).
//! Must not depend on: any front door, UI toolkit, terminal or HTTP server code. Rules are
//! not written here: they are the domain's.

#![warn(missing_docs)]

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

pub use actions::{
    audit, billing, catalogue, customers, documents, orders, organisation, processes, users,
};

pub use clock::{Clock, FixedClock, SystemClock};
pub use context::{Nimbo, database_path, default_database};
pub use error::{AppError, ErrorPayload, FieldMessage, FileProblem};
