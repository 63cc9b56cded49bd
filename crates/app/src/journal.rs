//! The one path of a change made on this laptop: the use case builds its [`Command`] (or
//! per-field edit) from what a person asked and the facts only a laptop makes (numbers,
//! rendered PDFs, files read), and [`act`] does the rest in the caller's transaction —
//! stamps the operation on the device's hybrid clock, loads what the domain's
//! [`apply`] reads, lets it decide exactly as the sync server and a replay on another
//! laptop will, writes the outcome through the writer the pull uses
//! ([`crate::outcome::write`]), and seals the audit event and queues the outbox
//! operation. This is the one place that seals audit events and ticks the device's clock.

use chrono::{DateTime, Utc};
use nimbo_domain::audit::AuditEvent;
use nimbo_domain::operation::{
    Command, EntityKind, MemoryRecords, Operation, OperationBody, Outcome, Record, apply,
};
use nimbo_domain::user::User;
use nimbo_store::device::{self, DeviceState};
use nimbo_store::{Connection, audit, outbox, records};
use uuid::Uuid;

use crate::AppError;

/// A change a person asks for on this laptop, before the domain decides it.
pub(crate) struct Change<'a> {
    /// Who acts.
    pub actor: &'a User,
    /// The kind of record it touches.
    pub entity: EntityKind,
    /// The record it touches.
    pub entity_id: Uuid,
    /// What the server is sent.
    pub body: OperationBody,
}

impl<'a> Change<'a> {
    /// A change that is a command.
    pub fn command(
        actor: &'a User,
        entity: EntityKind,
        entity_id: Uuid,
        command: Command,
    ) -> Change<'a> {
        Change {
            actor,
            entity,
            entity_id,
            body: OperationBody::Command { command },
        }
    }
}

/// Decides a change as `apply` does, writing nothing: the operation it would be (stamped
/// after the device's clock, which is not moved) and its outcome, or the refusal.
pub(crate) async fn decide(
    conn: &mut Connection,
    device_state: &DeviceState,
    now: DateTime<Utc>,
    change: Change<'_>,
) -> Result<(Operation, Outcome), AppError> {
    let op = Operation {
        id: Uuid::now_v7(),
        hlc: device_state.hlc.tick(now.timestamp_millis()),
        device: device_state.id,
        actor: change.actor.username.clone(),
        entity: change.entity,
        entity_id: change.entity_id,
        body: change.body,
    };
    let mut view = MemoryRecords::default();
    records::load_wanted(conn, &op, &mut view).await?;
    let outcome = apply(&op, change.actor, &view)?;
    Ok((op, outcome))
}

/// Decides and writes a change with the device state the caller holds (and may have
/// moved on, as numbering an order does): outcome, audit event and outbox operation.
pub(crate) async fn act_on(
    conn: &mut Connection,
    device_state: &mut DeviceState,
    now: DateTime<Utc>,
    change: Change<'_>,
) -> Result<Outcome, AppError> {
    let (op, outcome) = decide(conn, device_state, now, change).await?;
    crate::outcome::write(conn, &op, &outcome, now).await?;
    // One tick stamps both the audit event and the operation: they are the same change.
    device_state.hlc = op.hlc.clone();
    let changes = serde_json::to_string(&outcome.changes).unwrap_or_else(|_| "null".into());
    let event = AuditEvent::seal(
        Uuid::now_v7(),
        device_state.id,
        (device_state.audit_seq, &device_state.audit_head),
        now,
        &device_state.hlc,
        &op.actor,
        op.body.history_action(),
        op.entity.id(),
        op.entity_id,
        changes,
    );
    audit::append(conn, &event).await?;
    device_state.audit_seq = event.seq;
    device_state.audit_head = event.hash;
    outbox::push(conn, &op, now).await?;
    device::save(conn, device_state).await?;
    Ok(outcome)
}

/// Decides and writes a change in a transaction that has not touched the device yet.
pub(crate) async fn act(
    conn: &mut Connection,
    now: DateTime<Utc>,
    change: Change<'_>,
) -> Result<Outcome, AppError> {
    let mut state = device::load(conn).await?;
    act_on(conn, &mut state, now, change).await
}

/// The record an accepted change wrote that `pick` takes (the order an order command
/// moved on, the customer a customer change wrote…); `what` names it if it is missing.
pub(crate) fn written<T>(
    outcome: Outcome,
    what: &str,
    pick: impl Fn(Record) -> Option<T>,
) -> Result<T, AppError> {
    outcome.records.into_iter().find_map(pick).ok_or_else(|| {
        AppError::Store(nimbo_store::StoreError::Corrupt(format!(
            "an accepted change wrote no {what}"
        )))
    })
}
