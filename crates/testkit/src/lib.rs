//! The fixtures more than one of Nimbo's test suites or benchmarks use, written once:
//!
//! - [`office`]: the office the command-line and window stories are told in (one user per
//!   role, the customer, the `nimbo` arguments that set it up, what each step is given);
//! - [`cli`]: the `nimbo` binary run as a process on a database in a temporary folder,
//!   and the checks every run gets;
//! - [`dates`], [`customers`], [`files`]: dates relative to today, valid RUCs, customer
//!   drafts and contracts, attachments and small real PDFs;
//! - [`steps`]: what each of the 22 steps is given, as the domain takes it;
//! - `submissions` (feature `app`): step submissions to the use cases, built from each
//!   step's field table;
//! - `server` (feature `server`): the throwaway sync server on the test PostgreSQL.
//!
//! It may depend on the domain, and behind features on the use cases (`app`) and the
//! sync server (`server`), so that a suite compiles only what it uses. It
//! must never be a dependency of production code: only `[dev-dependencies]` name it, and
//! it is not published. What only one suite uses stays in that suite's own support
//! module. A fixture that cannot be set up fails the test that asked for it, with a
//! message.

#![warn(missing_docs)]
// Test support: a fixture that cannot be made fails its test, saying why.
#![allow(clippy::expect_used)]

pub mod cli;
pub mod customers;
pub mod dates;
pub mod files;
pub mod office;
#[cfg(feature = "server")]
pub mod server;
pub mod steps;
#[cfg(feature = "app")]
pub mod submissions;

/// Every person's password on a test sync server.
pub const PASSWORD: &str = "clave-de-prueba-123";
