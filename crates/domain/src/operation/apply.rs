//! Applying an operation to the records: the one function the sync server runs for every
//! operation it accepts, and that a laptop's pull can run again on its own records to
//! replay what others did — the same code on both sides, so they cannot disagree.
//!
//! [`apply`] takes the operation, its actor as the caller knows them (the server: its own
//! users table, never the roles the laptop claims) and a read-only view of the records it
//! needs ([`wanted`] names them, so a store that reads asynchronously loads them first).
//! It edits fields here and hands a command to its area (see [`super::area`]), which runs
//! the domain's own transitions (`Order::open`, `Order::complete_step`,
//! `SignatureRecord::sign`…) and returns the records to write, or the [`Refusal`]; nothing
//! is written on refusal.
//!
//! Time is the operation's: its hybrid clock's wall time. "Today" for a step's dates is
//! that instant in Asunción, so the server decides as the laptop did when the person
//! acted, and a replay decides the same way whenever it runs.
//!
//! What the laptop's use case does beyond the domain (numbering, rendering PDFs) is taken
//! as a fact: a document version carries its snapshot, hashes and the PDF by hash; its
//! snapshot is checked against its hash and the order against the rules, never re-rendered.
//! The caller checks that the files an operation names exist (see
//! [`super::OperationBody::attachments`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::customer::{Customer, CustomerPatch};
use crate::document::TrailEvent;
use crate::order::OrderStatus;
use crate::organisation::{Organisation, OrganisationPatch};
use crate::permission::authorize;
use crate::subscription::Subscription;
use crate::time::today_in_asuncion;
use crate::user::User;

use super::area::Context;
use super::fields::{Editable, FieldConflict};
use super::records::{FieldStamp, Record, RecordKey, Records};
use super::refusal::Refusal;
use super::{EntityKind, FieldChange, Operation, OperationBody, authorize_command};

/// What an applied operation wrote.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// The records created or changed, in their new state.
    pub records: Vec<Record>,
    /// The fields a per-field edit wrote, with who and when, by record.
    pub stamps: BTreeMap<(EntityKind, uuid::Uuid), BTreeMap<String, FieldStamp>>,
    /// The fields two people changed at once, and what was kept.
    pub conflicts: Vec<FieldConflict>,
    /// What changed, for the history entry (the JSON the author's laptop recorded).
    pub changes: Value,
    /// The signature-trail events the operation adds, not yet stamped.
    pub trail: Vec<TrailEvent>,
}

impl Outcome {
    /// Whether any record changed.
    pub fn changed(&self) -> bool {
        !self.records.is_empty()
    }

    /// The subscriptions the outcome leaves: each order it completes sets one up
    /// (DOMAIN §4, step 22), under the id derived from the order, so that every laptop
    /// that writes the outcome names it the same way.
    pub fn subscriptions(&self) -> Vec<Subscription> {
        let written: Vec<uuid::Uuid> = self
            .records
            .iter()
            .filter_map(|record| match record {
                Record::Subscription(s) => Some(s.id),
                _ => None,
            })
            .collect();
        self.records
            .iter()
            .filter_map(|record| match record {
                Record::Order(order) if order.status == OrderStatus::Completed => {
                    Subscription::from_completed_order(order)
                }
                _ => None,
            })
            .filter(|s| !written.contains(&s.id))
            .collect()
    }

    /// An outcome that writes one record.
    pub(super) fn one(record: Record) -> Outcome {
        Outcome {
            records: vec![record],
            ..Outcome::default()
        }
    }

    /// The outcome with the history entry's changes.
    pub(super) fn noting(mut self, changes: Value) -> Outcome {
        self.changes = changes;
        self
    }
}

/// The records [`apply`] will read for the operation, given what the view holds so far
/// (an order names its customer: ask again once the order is loaded, until nothing new).
pub fn wanted(op: &Operation, view: &dyn Records) -> Vec<RecordKey> {
    use RecordKey as K;
    match &op.body {
        OperationBody::Fields {
            entity, entity_id, ..
        } => match entity {
            EntityKind::Organisation => vec![K::Organisation, K::Stamps(*entity, *entity_id)],
            EntityKind::Customer => vec![K::Customer(*entity_id), K::Stamps(*entity, *entity_id)],
            _ => Vec::new(),
        },
        OperationBody::Command { command } => command.area().wanted(command, view),
    }
}

/// The instant an operation was made, by its author's hybrid clock.
pub fn operation_time(op: &Operation) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(op.hlc.wall_ms)
}

/// Applies the operation by `actor` to the records `view` shows: the new records, or why not.
pub fn apply(op: &Operation, actor: &User, view: &dyn Records) -> Result<Outcome, Refusal> {
    let at = operation_time(op).ok_or_else(|| Refusal::BadValue {
        field: "hlc".into(),
        given: serde_json::Value::String(op.hlc.to_string()),
    })?;
    match &op.body {
        OperationBody::Fields {
            entity,
            entity_id,
            changes,
        } => {
            if *entity != op.entity || *entity_id != op.entity_id {
                return Err(Refusal::Inconsistent { id: op.entity_id });
            }
            match entity.edit_action() {
                Some(action) => authorize(actor, action)?,
                None => return Err(Refusal::NotEditable { kind: *entity }),
            }
            edit_fields(op, *entity, *entity_id, changes, view)
        }
        OperationBody::Command { command } => {
            authorize_command(actor, command)?;
            let cx = Context {
                actor,
                at,
                today: today_in_asuncion(at),
                view,
            };
            let mut outcome = command.area().apply(command, &cx)?;
            // An order completed here sets up its subscription (DOMAIN §4 step 22), as a
            // record the server keeps too: billing, suspension and termination name it.
            let set_up: Vec<Record> = outcome
                .subscriptions()
                .into_iter()
                .filter(|s| view.subscription(s.id).is_none())
                .map(Record::Subscription)
                .collect();
            outcome.records.extend(set_up);
            Ok(outcome)
        }
    }
}

/// A customer's field as a per-field edit compares it (the billing account is two fields).
pub fn customer_value(c: &Customer, field: &str) -> serde_json::Value {
    use serde_json::json;
    // As `Customer::patched` reports them: the billing account is two fields.
    match field {
        "billing_account" => json!(c.billing_account.as_ref().map(|a| &a.number)),
        "billing_cycle" => json!(c.billing_account.as_ref().map(|a| a.cycle)),
        other => serde_json::to_value(c)
            .ok()
            .and_then(|v| v.get(other).cloned())
            .unwrap_or_default(),
    }
}

/// The organisation's field as a per-field edit compares it.
pub fn organisation_value(o: &Organisation, field: &str) -> serde_json::Value {
    serde_json::to_value(o)
        .ok()
        .and_then(|v| v.get(field).cloned())
        .unwrap_or_default()
}

fn edit_fields(
    op: &Operation,
    kind: EntityKind,
    id: uuid::Uuid,
    changes: &[FieldChange],
    view: &dyn Records,
) -> Result<Outcome, Refusal> {
    let (record, stamps, conflicts) = match kind {
        EntityKind::Customer => {
            let current = view
                .customer(id)
                .ok_or_else(|| Refusal::unknown(kind, id))?;
            let edit = Editable::<Customer, CustomerPatch> {
                kind,
                id,
                current: &current,
                value_of: customer_value,
                patched: Customer::patched,
            }
            .edit(op, changes, view)?;
            (edit.next.map(Record::Customer), edit.stamps, edit.conflicts)
        }
        EntityKind::Organisation => {
            let current = view
                .organisation()
                .ok_or_else(|| Refusal::unknown(kind, "organización"))?;
            let edit = Editable::<Organisation, OrganisationPatch> {
                kind,
                id,
                current: &current,
                value_of: organisation_value,
                patched: Organisation::patched,
            }
            .edit(op, changes, view)?;
            (
                edit.next.map(Record::Organisation),
                edit.stamps,
                edit.conflicts,
            )
        }
        // Users change through their commands only: no patch for them exists.
        other => return Err(Refusal::NotEditable { kind: other }),
    };
    let mut outcome = Outcome {
        records: record.into_iter().collect(),
        conflicts,
        changes: json!(changes),
        ..Outcome::default()
    };
    if !stamps.is_empty() {
        outcome.stamps.insert((kind, id), stamps);
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests;
