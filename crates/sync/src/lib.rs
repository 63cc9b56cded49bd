//! # nimbo-sync
//!
//! The sync protocol of ../shared/SYNC.md as both sides speak it: [`wire`] is the JSON the
//! laptop and the sync server exchange (handshake, sign-in, files by hash, pushes answered
//! operation by operation, pulls by a gap-free sequence), and [`client`] is the laptop's
//! HTTP client for it. The server (`nimbo-server`) and the laptop's use cases
//! (`nimbo-app`) both depend on this crate, so the two sides cannot drift apart.
//!
//! May depend on `nimbo-domain` (the operation types), on reqwest (the client's HTTP),
//! serde and serde_json, and small helpers (thiserror, chrono, uuid, sha2, hex). Must not
//! depend on storage of either side (SQLite, PostgreSQL), on axum or on tauri.

#![warn(missing_docs)]

pub mod client;
pub mod wire;

use sha2::{Digest, Sha256};

/// The SHA-256 of some bytes, in lowercase hex: how files are named on both sides.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
