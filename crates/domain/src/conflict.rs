//! An edit conflict as the sync server records it: two people changed the same field of
//! the same record offline. One type for the server's list on the wire and the laptop's
//! kept copy of it, so the two cannot drift apart.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
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

impl EditConflict {
    /// The value `person` wanted in this conflict, when they are part of it: theirs as the
    /// author of the edit that arrived second, or the value that edit met.
    pub fn value_of(&self, person: &str) -> Option<&Value> {
        if self.author == person {
            Some(&self.yours)
        } else if self.other.as_deref() == Some(person) {
            Some(&self.theirs)
        } else {
            None
        }
    }

    /// The value `person` lost and may put back, given what the field holds now: none when
    /// they are not part of the conflict, when the field holds their value, or when the
    /// field is money (the two people settle it by hand, SYNC.md §2).
    pub fn restorable(&self, person: &str, now_held: &Value) -> Option<&Value> {
        if self.by_hand {
            return None;
        }
        self.value_of(person).filter(|v| *v != now_held)
    }

    /// The one-field patch that puts `value` back, in the shape a record's patch reads: a
    /// text per field, an empty text for nothing (as when typed).
    pub fn patch_restoring(&self, value: &Value) -> Value {
        let text = match value {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut patch = Map::new();
        patch.insert(self.field.clone(), Value::String(text));
        Value::Object(patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn conflict(by_hand: bool) -> EditConflict {
        EditConflict {
            operation_id: Uuid::nil(),
            entity_kind: "customer".into(),
            entity_id: Uuid::nil(),
            field: "billing_cycle".into(),
            author: "pedro.gimenez".into(),
            other: Some("karina.duarte".into()),
            yours: json!(1),
            theirs: json!(15),
            kept: json!(1),
            by_hand,
            recorded_at: DateTime::<Utc>::MIN_UTC,
        }
    }

    #[test]
    fn the_person_whose_value_lost_may_restore_it_and_no_one_else() {
        let c = conflict(false);
        assert_eq!(c.restorable("karina.duarte", &json!(1)), Some(&json!(15)));
        // The author's value is the one held: nothing to restore for them.
        assert_eq!(c.restorable("pedro.gimenez", &json!(1)), None);
        // Once restored, the field holds it: nothing more to restore.
        assert_eq!(c.restorable("karina.duarte", &json!(15)), None);
        // Someone else later put another value: the author may put theirs back.
        assert_eq!(c.restorable("pedro.gimenez", &json!(7)), Some(&json!(1)));
        assert_eq!(c.restorable("ana.duarte", &json!(7)), None);
        assert_eq!(conflict(true).restorable("karina.duarte", &json!(1)), None);
    }

    #[test]
    fn the_restoring_patch_is_the_field_as_typed() {
        let c = conflict(false);
        assert_eq!(
            c.patch_restoring(&json!(15)),
            json!({ "billing_cycle": "15" })
        );
        assert_eq!(
            c.patch_restoring(&Value::Null),
            json!({ "billing_cycle": "" })
        );
    }
}
