//! The query layer: every statement the server sends to PostgreSQL, one file per table
//! or concern, and the only part of the crate that uses sqlx. Each function takes a
//! connection (or the pool), binds typed arguments and returns the domain's or the
//! wire's types, so the HTTP handlers, the administrator's commands and the push's
//! records cache never see a row, a column name or SQL.
//!
//! What the layer does not decide: who may do what, what an answer is, when a
//! transaction begins and commits. Its callers open the transaction (`pool.begin()`),
//! pass it down as a [`Connection`] and commit it, so one push's reads and writes stay
//! one transaction while the domain decides between them.

pub mod blobs;
pub mod conflicts;
pub mod operations;
pub mod pool;
pub mod records;
pub mod sequence;
pub mod sessions;
pub mod subscriptions;
pub mod users;

pub use pool::{connect, migrate};

/// The connection pool the server shares between requests.
pub type Pool = sqlx::PgPool;

/// One connection; a transaction is one too (`&mut tx`).
pub type Connection = sqlx::PgConnection;

/// What PostgreSQL or its driver failed with.
pub type DatabaseError = sqlx::Error;

/// What bringing the schema up to date failed with.
pub type MigrateError = sqlx::migrate::MigrateError;
