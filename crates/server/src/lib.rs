//! # nimbo-server
//!
//! Nimbo's sync server (DOMAIN.md §9, ../shared/SYNC.md): it holds the users and their
//! roles, signs them in (argon2id passwords, short-lived HS256 access tokens, one-use
//! refresh tokens kept only as their SHA-256), and carries the sync protocol over HTTP —
//! the version handshake, files by hash, pushes of the outbox answered operation by
//! operation, and pulls by a gap-free sequence. The protocol's JSON and the laptop's client
//! live in `nimbo-sync`, re-exported here as [`wire`] and [`client`]; the binary
//! `nimbo-server` serves them and manages the users from the command line.
//!
//! The server is the authority on the records, not only on who may act: every operation
//! it accepts is run through the domain's own `operation::apply` — the transitions the
//! laptop ran — against the records as the server holds them ([`state`]), and written in
//! the push's transaction. A command the domain refuses for the record's state is refused
//! with the domain's code and message; per-field edits merge by the domain's rule (the
//! later hybrid-clock time wins, money fields are never merged) and their conflicts are
//! kept for both people ([`conflicts`]). The administrator's changes to users are
//! operations the server authors and decides the same way ([`admin`]).
//!
//! Two layers, the way the files show them:
//! - **HTTP handlers** ([`app`]'s routes: [`handshake`], [`session`], [`blobs`], [`push`],
//!   [`pull`], [`conflicts`], [`records`]; who is asking: [`auth`]) read the request with
//!   axum's extractors, decide with the domain, and answer with a status code and JSON;
//!   errors become `{ code, message }` through [`ServerError`]. Beside them, what is not
//!   HTTP: the push's records cache ([`state`]), the administrator's commands ([`admin`]),
//!   passwords ([`users`], [`password`]) and tokens ([`tokens`]).
//! - **PostgreSQL queries** ([`postgres`], one file per table or concern) are the only
//!   code that uses sqlx: typed functions that take a connection and return the domain's
//!   or the wire's types. Their callers open and commit the transactions.
//!
//! May depend on `nimbo-domain` (roles, users, who may do what, the operation types and
//! `apply`), `nimbo-sync` (the wire types and the client), and on axum, sqlx with
//! PostgreSQL and tokio. Must not depend on the laptop's SQLite store, the use-case crate
//! (`nimbo-app`) or tauri: the laptop and the server share the domain and the wire, not
//! storage. No rule is written here that the domain already holds.
//!
//! The server keeps nothing in memory that matters — every session, answer and sequence
//! number lives in PostgreSQL — so several may run side by side on one database.

#![warn(missing_docs)]

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
