//! # nimbo-server
//!
//! Nimbo's sync server (DOMAIN.md §9, ../shared/SYNC.md): it holds the users and their
//! roles, signs them in (argon2id passwords, short-lived HS256 access tokens, one-use
//! refresh tokens kept only as their SHA-256), and carries the sync protocol over HTTP —
//! the version handshake, files by hash, pushes of the outbox answered operation by
//! operation, and pulls by a gap-free sequence. The protocol's JSON and the laptop's client
//! live in `nimbo-sync`, re-exported here as [`wire`] and [`client`].
//!
//! May depend on `nimbo-domain` (roles, users, who may do what, the operation types) and
//! on axum, sqlx with PostgreSQL and tokio. Must not depend on the laptop's SQLite store,
//! the use-case crate or tauri: the laptop and the server share the domain, not storage.
//!
//! The server keeps nothing in memory that matters — every session, answer and sequence
//! number lives in PostgreSQL — so several may run side by side on one database.
//!
//! The server is the authority on the records, not only on who may act: every operation
//! it accepts is run through the domain's own `operation::apply` — the transitions the
//! laptop ran — against the records as the server holds them ([`state`], a PostgreSQL
//! table of records written in the push's transaction). A command the domain refuses for
//! the record's state is refused with the domain's code and message; per-field edits
//! merge by the domain's rule (the later hybrid-clock time wins, money fields are never
//! merged) and their conflicts are kept for both people ([`conflicts`]).

pub mod admin;
pub mod answered;
pub mod app;
pub mod auth;
pub mod blobs;
pub mod config;
pub mod conflicts;
pub mod error;
pub mod handshake;
pub mod password;
pub mod postgres;
pub mod pull;
pub mod push;
pub mod records;
pub mod request_log;
pub mod session;
pub mod state;
pub mod throwaway;
pub mod tokens;
pub mod users;

pub use app::{AppState, router, serve};
pub use config::Config;
pub use error::ServerError;
/// The protocol's JSON and the laptop's client, shared with the laptop (`nimbo-sync`).
pub use nimbo_sync::{client, wire};
