//! An edit conflict as the sync server records it: two people changed the same field of
//! the same record offline. One type for the server's list on the wire and the laptop's
//! kept copy of it, so the two cannot drift apart.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// One conflict: two people changed the same field of the same record offline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditConflict {
    /// The operation that arrived second.
    pub operation_id: Uuid,
    /// The kind of record (`customer`, `organisation`, `user`).
    pub entity_kind: String,
    /// The record.
    pub entity_id: Uuid,
    /// The field.
    pub field: String,
    /// Who sent the edit that arrived second.
    pub author: String,
    /// Who wrote the value it met, when known.
    pub other: Option<String>,
    /// What the author wanted.
    pub yours: Value,
    /// What the field held when the edit arrived.
    pub theirs: Value,
    /// What the field holds since.
    pub kept: Value,
    /// A money field: nothing was applied, the two people settle it by hand.
    pub by_hand: bool,
    /// When the server recorded it.
    pub recorded_at: DateTime<Utc>,
}
