//! The second half of every change: the audit event and the outbox operation, written
//! in the transaction that writes the new state. This is the one place that seals audit
//! events and ticks the device's clock.

use chrono::{DateTime, Utc};
use nimbo_domain::audit::AuditEvent;
use nimbo_domain::operation::{Command, EntityKind, FieldStamp, Operation, OperationBody};
use nimbo_store::device::{self, DeviceState};
use nimbo_store::{Connection, audit, outbox, stamps};
use serde_json::Value;
use uuid::Uuid;

use crate::AppError;

/// What one accepted action changed.
pub(crate) struct Entry<'a> {
    /// Who acted.
    pub actor: &'a str,
    /// The kind of record touched.
    pub entity: EntityKind,
    /// The record touched.
    pub entity_id: Uuid,
    /// What changed, for the audit trail.
    pub changes: Value,
    /// What the server is sent; it names the action (`order.step_completed`…) as a
    /// replay of it on another laptop names it.
    pub body: OperationBody,
}

impl<'a> Entry<'a> {
    /// An entry whose operation is a command.
    pub fn command(
        actor: &'a str,
        entity: EntityKind,
        entity_id: Uuid,
        changes: Value,
        command: Command,
    ) -> Entry<'a> {
        Entry {
            actor,
            entity,
            entity_id,
            changes,
            body: OperationBody::Command { command },
        }
    }
}

/// Appends the audit event and queues the operation, advancing the device's chain and clock.
pub(crate) async fn write(
    conn: &mut Connection,
    device_state: &mut DeviceState,
    now: DateTime<Utc>,
    entry: Entry<'_>,
) -> Result<(), AppError> {
    let changes = serde_json::to_string(&entry.changes).unwrap_or_else(|_| "null".into());
    // One tick stamps both the audit event and the operation: they are the same change.
    device_state.hlc = device_state.hlc.tick(now.timestamp_millis());
    let event = AuditEvent::seal(
        Uuid::now_v7(),
        device_state.id,
        (device_state.audit_seq, &device_state.audit_head),
        now,
        &device_state.hlc,
        entry.actor,
        entry.body.history_action(),
        entry.entity.id(),
        entry.entity_id,
        changes,
    );
    audit::append(conn, &event).await?;
    device_state.audit_seq = event.seq;
    device_state.audit_head = event.hash;
    let op = Operation {
        id: Uuid::now_v7(),
        hlc: device_state.hlc.clone(),
        device: device_state.id,
        actor: entry.actor.to_string(),
        entity: entry.entity,
        entity_id: entry.entity_id,
        body: entry.body,
    };
    // A field edited here is stamped as the server stamps it, so a pulled edit of the
    // same field is merged here by the server's rule (the later change wins).
    if let OperationBody::Fields {
        entity,
        entity_id,
        changes,
        ..
    } = &op.body
    {
        let stamp = FieldStamp {
            hlc: op.hlc.clone(),
            actor: op.actor.clone(),
            operation: op.id,
        };
        for change in changes {
            stamps::write(conn, *entity, *entity_id, &change.field, &stamp).await?;
        }
    }
    outbox::push(conn, &op, now).await?;
    device::save(conn, device_state).await?;
    Ok(())
}

/// Writes one entry in a transaction that has not touched the device yet.
pub(crate) async fn write_one(
    conn: &mut Connection,
    now: DateTime<Utc>,
    entry: Entry<'_>,
) -> Result<(), AppError> {
    let mut state = device::load(conn).await?;
    write(conn, &mut state, now, entry).await
}
