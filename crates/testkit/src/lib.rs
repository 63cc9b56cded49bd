//! The fixtures more than one of Nimbo's test suites or benchmarks use, written once: the
//! office the command-line and window stories are told in (one user per role, the
//! customer, what each step is given), dates relative to today, valid RUCs and customers,
//! the inputs and submissions that take an order through its 22 steps, files to attach,
//! the `nimbo` binary run as a process, and (feature `server`) the throwaway sync server.
//!
//! It may depend on the domain, and behind features on the use cases (`app`) and the sync
//! server (`server`), so that a suite compiles only what it uses. It is a dev-dependency
//! only: never a dependency of production code, and nothing here is published. A fixture
//! that cannot be set up fails the test that asked for it, with a message.

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
