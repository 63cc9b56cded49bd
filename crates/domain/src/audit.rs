//! The audit trail: append-only events, one per accepted change, each sealed with the
//! SHA-256 of its content and of the event before it on the same device, so that a row
//! altered behind the app's back breaks the chain at that row.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The hash before the first event of a device.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One accepted change, as the trail keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    /// UUIDv7.
    pub id: Uuid,
    /// The device that wrote it.
    pub device: Uuid,
    /// Its place in the device's chain, from 1, without gaps.
    pub seq: i64,
    /// When, in UTC, to the microsecond.
    pub at: DateTime<Utc>,
    /// When, on the device's hybrid logical clock: orders events across devices and
    /// survives a wall clock set back.
    pub hlc: String,
    /// Who acted (a username).
    pub actor: String,
    /// What was done, e.g. `order.step_completed`.
    pub action: String,
    /// The kind of record touched.
    pub entity: String,
    /// The record touched.
    pub entity_id: Uuid,
    /// What changed, as JSON text (hashed as stored).
    pub changes: String,
    /// The hash of the event before on this device.
    pub prev_hash: String,
    /// The hash of this event.
    pub hash: String,
}

/// The canonical text of a time in the trail: RFC 3339, microseconds, `Z`.
pub fn canonical_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Cuts a time to the microseconds the trail keeps.
pub fn trail_time(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&canonical_time(at))
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(at)
}

impl AuditEvent {
    /// Computes the hash of the event's content chained to `prev_hash`.
    pub fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        let at = canonical_time(self.at);
        let seq = self.seq.to_string();
        let id = self.id.to_string();
        let device = self.device.to_string();
        let entity_id = self.entity_id.to_string();
        for part in [
            self.prev_hash.as_str(),
            id.as_str(),
            device.as_str(),
            seq.as_str(),
            at.as_str(),
            self.hlc.as_str(),
            self.actor.as_str(),
            self.action.as_str(),
            self.entity.as_str(),
            entity_id.as_str(),
            self.changes.as_str(),
        ] {
            // Length-prefixed so that moving text from one part to the next changes the hash.
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    }

    /// Seals a new event after the device's last one (`prev` is its seq and hash).
    #[allow(clippy::too_many_arguments)]
    pub fn seal(
        id: Uuid,
        device: Uuid,
        prev: (i64, &str),
        at: DateTime<Utc>,
        hlc: &crate::hlc::Hlc,
        actor: &str,
        action: &str,
        entity: &str,
        entity_id: Uuid,
        changes: String,
    ) -> AuditEvent {
        let mut event = AuditEvent {
            id,
            device,
            seq: prev.0 + 1,
            at: trail_time(at),
            hlc: hlc.to_string(),
            actor: actor.to_string(),
            action: action.to_string(),
            entity: entity.to_string(),
            entity_id,
            changes,
            prev_hash: prev.1.to_string(),
            hash: String::new(),
        };
        event.hash = event.compute_hash();
        event
    }
}

/// Where and why the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenLink {
    /// The device's chain.
    pub device: Uuid,
    /// The place of the first bad event.
    pub seq: i64,
    /// Its id.
    pub id: Uuid,
    /// What is wrong with it.
    pub reason: BreakReason,
}

/// What is wrong with a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BreakReason {
    /// Its content does not give its hash: it was altered.
    ContentAltered,
    /// It does not point at the event before: one was altered, removed or inserted.
    PreviousHashMismatch,
    /// Its place is not the next one: an event is missing.
    Gap {
        /// The place expected.
        expected: i64,
    },
    /// The chain ends before the device's own record of its last event: the newest
    /// events were removed.
    Truncated {
        /// The last event the device recorded.
        expected_last: i64,
    },
    /// The device's record of its last event names another hash: the newest event was
    /// replaced.
    HeadMismatch,
}

/// Checks events, given sorted by device and place, one at a time.
#[derive(Debug, Default)]
pub struct ChainVerifier {
    device: Option<Uuid>,
    last_seq: i64,
    last_hash: String,
    checked: u64,
    heads: std::collections::BTreeMap<Uuid, (i64, String)>,
}

impl ChainVerifier {
    /// A verifier at the start of the trail.
    pub fn new() -> ChainVerifier {
        ChainVerifier::default()
    }

    /// Checks the next event; the first error is the first broken link.
    pub fn push(&mut self, event: &AuditEvent) -> Result<(), BrokenLink> {
        if self.device != Some(event.device) {
            self.device = Some(event.device);
            self.last_seq = 0;
            self.last_hash = GENESIS.to_string();
        }
        let broken = |reason| BrokenLink {
            device: event.device,
            seq: event.seq,
            id: event.id,
            reason,
        };
        if event.seq != self.last_seq + 1 {
            return Err(broken(BreakReason::Gap {
                expected: self.last_seq + 1,
            }));
        }
        if event.compute_hash() != event.hash {
            return Err(broken(BreakReason::ContentAltered));
        }
        if event.prev_hash != self.last_hash {
            return Err(broken(BreakReason::PreviousHashMismatch));
        }
        self.last_seq = event.seq;
        self.last_hash = event.hash.clone();
        self.heads
            .insert(event.device, (event.seq, event.hash.clone()));
        self.checked += 1;
        Ok(())
    }

    /// After every event was pushed: checks that a device's chain ends where the device
    /// says its last event is, so that removing the newest events is caught too.
    pub fn expect_head(&self, device: Uuid, seq: i64, hash: &str) -> Result<(), BrokenLink> {
        let (last_seq, last_hash) = self
            .heads
            .get(&device)
            .map(|(s, h)| (*s, h.as_str()))
            .unwrap_or((0, GENESIS));
        if last_seq < seq {
            return Err(BrokenLink {
                device,
                seq: last_seq + 1,
                id: Uuid::nil(),
                reason: BreakReason::Truncated { expected_last: seq },
            });
        }
        if last_seq == seq && last_hash != hash {
            return Err(BrokenLink {
                device,
                seq,
                id: Uuid::nil(),
                reason: BreakReason::HeadMismatch,
            });
        }
        Ok(())
    }

    /// How many events were checked and found sound.
    pub fn checked(&self) -> u64 {
        self.checked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Vec<AuditEvent> {
        let device = Uuid::now_v7();
        let mut out: Vec<AuditEvent> = Vec::new();
        for i in 0..n {
            let (seq, hash) = out
                .last()
                .map(|e| (e.seq, e.hash.clone()))
                .unwrap_or((0, GENESIS.into()));
            out.push(AuditEvent::seal(
                Uuid::now_v7(),
                device,
                (seq, &hash),
                Utc::now(),
                &crate::hlc::Hlc {
                    wall_ms: i64::try_from(i).unwrap_or(0),
                    counter: 0,
                    node: "TEST".into(),
                },
                "ana",
                "order.step_completed",
                "order",
                Uuid::now_v7(),
                format!("{{\"i\":{i}}}"),
            ));
        }
        out
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let mut v = ChainVerifier::new();
        for e in chain(5) {
            v.push(&e).unwrap();
        }
        assert_eq!(v.checked(), 5);
    }

    #[test]
    fn an_edited_row_is_the_first_broken_link() {
        let mut events = chain(5);
        events[2].changes = "{\"i\":99}".into();
        let mut v = ChainVerifier::new();
        let err = events.iter().try_for_each(|e| v.push(e)).unwrap_err();
        assert_eq!(err.seq, 3);
        assert_eq!(err.reason, BreakReason::ContentAltered);
    }

    #[test]
    fn a_rehashed_row_still_breaks_the_link_after_it() {
        let mut events = chain(5);
        events[2].actor = "mallory".into();
        events[2].hash = events[2].compute_hash();
        let mut v = ChainVerifier::new();
        let err = events.iter().try_for_each(|e| v.push(e)).unwrap_err();
        assert_eq!(err.seq, 4);
        assert_eq!(err.reason, BreakReason::PreviousHashMismatch);
    }

    #[test]
    fn removing_the_newest_event_is_caught_by_the_devices_head() {
        let mut events = chain(4);
        let head = events
            .last()
            .map(|e| (e.device, e.seq, e.hash.clone()))
            .unwrap();
        events.pop();
        let mut v = ChainVerifier::new();
        events.iter().try_for_each(|e| v.push(e)).unwrap();
        let err = v.expect_head(head.0, head.1, &head.2).unwrap_err();
        assert_eq!(err.reason, BreakReason::Truncated { expected_last: 4 });
        assert_eq!(err.seq, 4);
    }

    #[test]
    fn a_deleted_row_is_a_gap() {
        let mut events = chain(5);
        events.remove(1);
        let mut v = ChainVerifier::new();
        let err = events.iter().try_for_each(|e| v.push(e)).unwrap_err();
        assert_eq!(err.reason, BreakReason::Gap { expected: 2 });
    }
}
