//! # nimbo-domain
//!
//! The pure centre of Nimbo: customers and the RUC, users, roles and who may do what,
//! the workflow engine (`workflow`) and its first process, the 22-step onboarding
//! (`order`), subscriptions, the catalogue's initial content, the hash-chained audit
//! trail, hybrid logical clocks, the operation types of sync and the edit conflicts it records.
//!
//! House rules: no I/O, no tokio, no sqlx, no clock reads (time comes in as an argument).
//! Every rule of DOMAIN.md lives here once; the desktop app, the command line and the sync
//! server call it through the use cases and never re-implement it. Refusals are typed
//! ([`DomainError`]) with a stable code and a message in Spanish or English that says how
//! to fix what was wrong; every layer's codes are one closed list, [`ErrorCode`].

pub mod audit;
pub mod billing;
pub mod catalogue;
pub mod code;
pub mod conflict;
pub mod contract;
pub mod customer;
pub mod document;
pub mod error;
pub mod external_id;
pub mod history;
pub mod hlc;
pub mod lang;
pub mod operation;
pub mod order;
pub mod organisation;
pub mod permission;
pub mod problem;
pub mod role;
pub mod ruc;
pub mod segment;
pub mod service;
pub mod subscription;
pub mod time;
pub mod user;
pub mod workflow;

pub use code::ErrorCode;
pub use error::DomainError;
pub use lang::Lang;
