//! The sync server against a real PostgreSQL (NIMBO_TEST_DATABASE_URL; scripts/test and
//! scripts/with-postgres start a throwaway one). Each test makes its own database and its
//! own server on 127.0.0.1:0, and talks to it over HTTP with the crate's client.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod authority;
mod blobs;
mod fields;
mod handshake;
mod layers;
mod operations;
mod processes;
mod pull;
mod replay;
mod secrets;
mod sign_in;
mod support;
mod users;
