//! A record's history as people read it: what was done to it on this laptop (its own
//! audit chain, with the server's refusal when there was one) and what was done on other
//! laptops and replayed here from the server — one list, ordered by hybrid-clock time.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::operation::{Operation, Outcome, operation_time};

/// Where an entry of a history comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "origin", rename_all = "snake_case")]
pub enum Origin {
    /// Done on this laptop (its audit chain); `refused` holds the server's reason when the
    /// server refused the operation, and the records were put back as the server has them.
    Here {
        /// Its place in this device's audit chain.
        seq: i64,
        /// The server's reason, when it refused.
        refused: Option<String>,
    },
    /// Done on another laptop and replayed here from the server's pull.
    Replayed {
        /// The operation's id.
        op_id: Uuid,
        /// Its place in the server's sequence.
        seq: i64,
        /// The device that made it.
        device: Uuid,
    },
}

/// One entry of a record's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// When, by its author's clock.
    pub at: DateTime<Utc>,
    /// When, on its author's hybrid logical clock: orders entries across laptops.
    pub hlc: String,
    /// Who acted (a username).
    pub actor: String,
    /// What was done, e.g. `order.step_completed`.
    pub action: String,
    /// The kind of record touched.
    pub entity: String,
    /// The record touched.
    pub entity_id: Uuid,
    /// What changed, as JSON text.
    pub changes: String,
    /// Where it comes from.
    #[serde(flatten)]
    pub origin: Origin,
}

impl HistoryEntry {
    /// The entry a replayed operation leaves: its author, its time, and the action and
    /// changes the domain's `apply` gave, worded as the author's laptop words them.
    pub fn replayed(op: &Operation, seq: i64, outcome: &Outcome) -> Option<HistoryEntry> {
        Some(HistoryEntry {
            at: operation_time(op)?,
            hlc: op.hlc.to_string(),
            actor: op.actor.clone(),
            action: op.body.history_action().to_string(),
            entity: op.entity.id().to_string(),
            entity_id: op.entity_id,
            changes: outcome.changes.to_string(),
            origin: Origin::Replayed {
                op_id: op.id,
                seq,
                device: op.device,
            },
        })
    }

    /// The server's reason, when it refused this entry's operation.
    pub fn refused(&self) -> Option<&str> {
        match &self.origin {
            Origin::Here { refused, .. } => refused.as_deref(),
            Origin::Replayed { .. } => None,
        }
    }

    /// Whether it was done on another laptop.
    pub fn from_elsewhere(&self) -> bool {
        matches!(self.origin, Origin::Replayed { .. })
    }
}
