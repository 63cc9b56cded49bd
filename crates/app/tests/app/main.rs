//! The use cases of Nimbo on a real SQLite file: the journal property, the stories of
//! the onboarding, two programs on one database at once, and the codes failures carry;
//! with a server, laptops that sync (orders, billing, a termination's authorisations).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod concurrency;
mod conflicts;
mod documents;
mod errors;
mod faults;
mod one_path;
mod order_words;
mod process_tasks;
mod property;
mod recorded;
mod statement_sync;
mod stories;
mod support;
mod sync;
mod team;
mod termination_sync;
mod views;
