//! Per-field edits and their merge rule (SYNC.md §2). Each [`FieldChange`] carries the
//! value its author saw (`old`) and the one they want (`new`); `old` is the base. If the
//! base is still the record's value, the change applies. If not, someone else changed the
//! field meanwhile: the change with the later hybrid-clock timestamp wins and a
//! [`FieldConflict`] is kept for both people to see — except on money fields, which are
//! never settled by a rule: the later edit is refused, to be settled by hand.
//!
//! Using `old` as the base (rather than a version number) means an edit that comes back
//! to the value its author saw (A→B→A) is not seen as a conflict; the value is then what
//! the author saw, so nothing is lost.
//!
//! The new values are applied through the record's own `patched` (the domain's checks of
//! what a person may type), so a value refused on the laptop is refused here too.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::DomainError;
use crate::problem::FieldError;

use super::records::{FieldStamp, Records};
use super::refusal::Refusal;
use super::{EntityKind, FieldChange, Operation};

/// The words that make a field a money field wherever they end its name (`unit_price`,
/// `monthly_fee`, `amount`): a field added later under such a name is protected from the
/// start, without anyone remembering to list it. No per-field edit carries one yet.
pub const MONEY_WORDS: &[&str] = &[
    "price", "amount", "quantity", "fee", "cost", "total", "rate", "minimum",
];

/// Whether a field holds money (a price, a quantity, an amount).
pub fn is_money_field(field: &str) -> bool {
    let last = field.rsplit(['_', '.']).next().unwrap_or(field);
    MONEY_WORDS
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w) || last.eq_ignore_ascii_case(&format!("{w}s")))
}

/// A field of a record editable field by field, in the user's words (the field's id when
/// it is not one people edit).
pub fn field_label(entity: EntityKind, field: &str, lang: crate::Lang) -> String {
    let (es, en) = match (entity, field) {
        (EntityKind::Customer, "name") => ("razón social", "legal name"),
        (EntityKind::Customer, "segment") => ("segmento", "segment"),
        (EntityKind::Customer, "billing_account") => ("cuenta de facturación", "billing account"),
        (EntityKind::Customer, "billing_cycle") => ("ciclo de facturación", "billing cycle"),
        (EntityKind::Organisation, "name") => ("nombre", "name"),
        (EntityKind::Organisation, "ruc") => ("RUC", "RUC"),
        (_, "address") => ("dirección", "address"),
        (_, "phone") => ("teléfono", "phone"),
        (_, "email") => ("correo", "e-mail"),
        (_, "website") => ("sitio web", "website"),
        (EntityKind::Organisation, "tbo_url") => ("portal TBO de facturas", "TBO invoices portal"),
        (EntityKind::Organisation, "mco_password_delivery") => {
            ("entrega de la contraseña del MCO", "MCO password delivery")
        }
        (EntityKind::Organisation, "ticket_instructions") => {
            ("cómo abrir un ticket", "how to open a ticket")
        }
        (EntityKind::Organisation, "response_critical") => (
            "respuesta a incidentes críticos",
            "response to critical incidents",
        ),
        (EntityKind::Organisation, "response_high") => (
            "respuesta a incidentes de severidad alta",
            "response to high-severity incidents",
        ),
        (EntityKind::Organisation, "response_normal") => (
            "respuesta a incidentes de severidad normal",
            "response to normal incidents",
        ),
        (EntityKind::Organisation, "suspension_grace_days") => (
            "período de gracia para suspensión (días)",
            "suspension grace period (days)",
        ),
        (_, "full_name") => ("nombre completo", "full name"),
        _ => return field.to_string(),
    };
    lang.pick(es, en).to_string()
}

impl FieldChange {
    /// Whether the field holds money, which is never merged automatically.
    pub fn is_money(&self) -> bool {
        is_money_field(&self.field)
    }
}

/// Two people changed the same field: what each wanted and what was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldConflict {
    /// The field.
    pub field: String,
    /// What this operation's author wanted.
    pub yours: Value,
    /// What the field held when it arrived (the other person's value).
    pub theirs: Value,
    /// What the field holds now.
    pub kept: Value,
    /// Who wrote `theirs`, when known.
    #[serde(default)]
    pub other: Option<String>,
}

/// What a per-field edit decided: the record's new state (if anything applied), the new
/// stamps of the fields written, and the conflicts.
pub(super) struct FieldEdit<T> {
    pub next: Option<T>,
    pub stamps: BTreeMap<String, FieldStamp>,
    pub conflicts: Vec<FieldConflict>,
}

/// The text a patch takes for a value: `null` clears, as an empty text does when typed.
fn as_typed(field: &str, value: &Value) -> Result<Value, Refusal> {
    Ok(Value::String(match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => {
            return Err(Refusal::BadValue {
                field: field.to_string(),
                given: other.clone(),
            });
        }
    }))
}

/// A record's own patch: the new record and its changes, or every field's problem.
type Patched<T, P> = fn(&T, &P) -> Result<(T, Vec<FieldChange>), Vec<FieldError>>;

/// A record that is edited field by field through a patch `P` (every field optional).
pub(super) struct Editable<'a, T, P> {
    pub kind: EntityKind,
    pub id: Uuid,
    pub current: &'a T,
    /// The field's value, as the laptop's `patched` reports it in its changes.
    pub value_of: fn(&T, &str) -> Value,
    /// The record's own patch.
    pub patched: Patched<T, P>,
}

impl<T, P: Default + Serialize + DeserializeOwned> Editable<'_, T, P> {
    /// Merges the changes into the record.
    pub fn edit(
        &self,
        op: &Operation,
        changes: &[FieldChange],
        view: &dyn Records,
    ) -> Result<FieldEdit<T>, Refusal> {
        // The fields a patch has are the ones that may be edited.
        let known = serde_json::to_value(P::default())
            .ok()
            .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()))
            .unwrap_or_default();
        // A money field changed under its author is refused before anything else, so
        // the conflict to settle by hand is never hidden behind another refusal.
        for change in changes.iter().filter(|c| c.is_money()) {
            let current = (self.value_of)(self.current, &change.field);
            if change.old != current && change.new != current {
                return Err(Refusal::MoneyConflict {
                    field: change.field.clone(),
                    yours: change.new.clone(),
                    theirs: current,
                });
            }
        }
        if let Some(change) = changes.iter().find(|c| !known.contains(&c.field)) {
            return Err(Refusal::UnknownField {
                kind: self.kind,
                field: change.field.clone(),
            });
        }
        let mut accepted = Map::new();
        let mut conflicts = Vec::new();
        for change in changes {
            let current = (self.value_of)(self.current, &change.field);
            if change.old == current {
                accepted.insert(change.field.clone(), as_typed(&change.field, &change.new)?);
                continue;
            }
            if change.new == current {
                // Both wanted the same value: nothing to settle.
                continue;
            }
            let stamp = view.stamp(self.kind, self.id, &change.field);
            // A value no per-field edit wrote (set when the record was made) is older
            // than any edit.
            let wins = stamp.as_ref().is_none_or(|s| op.hlc > s.hlc);
            if wins {
                accepted.insert(change.field.clone(), as_typed(&change.field, &change.new)?);
            }
            conflicts.push(FieldConflict {
                field: change.field.clone(),
                yours: change.new.clone(),
                kept: if wins {
                    change.new.clone()
                } else {
                    current.clone()
                },
                theirs: current,
                other: stamp.map(|s| s.actor),
            });
        }
        if accepted.is_empty() {
            return Ok(FieldEdit {
                next: None,
                stamps: BTreeMap::new(),
                conflicts,
            });
        }
        let patch: P = serde_json::from_value(Value::Object(accepted.clone())).map_err(|_| {
            Refusal::BadValue {
                field: accepted.keys().cloned().collect::<Vec<_>>().join(", "),
                given: Value::Object(accepted.clone()),
            }
        })?;
        let (next, _) = (self.patched)(self.current, &patch)
            .map_err(|errors| Refusal::Domain(DomainError::InvalidFields { errors }))?;
        let stamp = FieldStamp {
            hlc: op.hlc.clone(),
            actor: op.actor.clone(),
            operation: op.id,
        };
        Ok(FieldEdit {
            next: Some(next),
            stamps: accepted
                .keys()
                .map(|f| (f.clone(), stamp.clone()))
                .collect(),
            conflicts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_fees_and_quantities_are_money_and_names_and_cycles_are_not() {
        for money in [
            "unit_price",
            "monthly_fee",
            "amount",
            "hours_quantity",
            "prices",
            "plan.minimum",
        ] {
            assert!(is_money_field(money), "{money}");
        }
        for plain in [
            "name",
            "segment",
            "billing_cycle",
            "billing_account",
            "email",
        ] {
            assert!(!is_money_field(plain), "{plain}");
        }
        let change = FieldChange {
            field: "monthly_fee".into(),
            old: Value::from(75),
            new: Value::from(80),
        };
        assert!(change.is_money());
    }
}
