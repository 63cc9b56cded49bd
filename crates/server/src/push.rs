//! `POST /v1/operations`: a batch of a laptop's outbox, each operation answered on its
//! own. The whole batch is one transaction that holds the lock on the sequence counter
//! from its start, so pushes are decided one after the other: a re-send racing its
//! original still sees it, and sequence numbers are given out in commit order with no
//! hole.
//!
//! Each operation is checked in turn: well formed, its actor the signed-in user, its id
//! new or carrying the same content as before, its files uploaded, the user's roles on
//! the server allowing it, its time not ahead of the server's clock by more than the
//! configured bound. Then the domain's [`apply`] runs it against the records as the
//! server holds them ([`crate::state`]): a command the domain refuses for the record's
//! state (an order not at that step, a customer without a master contract) is refused
//! with the domain's code and Spanish message and changes nothing; per-field edits merge
//! by the domain's rule and may answer `conflict`. The new records, the answer and the
//! sequence number are written in this same transaction.

mod refusal;

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use nimbo_domain::hlc::Hlc;
use nimbo_domain::operation::{
    EntityKind, FieldConflict, Operation, OperationBody, RecordKey, Refusal, apply,
    authorize_command, field_label,
};
use nimbo_domain::permission::authorize;
use nimbo_domain::{DomainError, ErrorCode, Lang};
use serde::Deserialize;
use uuid::Uuid;

use crate::answered::content_sha256;
use crate::app::AppState;
use crate::auth::SignedIn;
use crate::blobs::is_sha256;
use crate::error::ServerError;
use crate::postgres::conflicts::NewConflict;
use crate::postgres::operations::{self, Rows};
use crate::postgres::{Connection, blobs, conflicts, sequence};
use crate::session::json;
use crate::state::PushState;
use crate::wire::{Answer, OperationAnswer, PushAnswers};

pub use refusal::PushRefusal;

/// The batch as it comes: each operation parsed on its own, so one that this server
/// cannot read is refused alone and the rest still go through.
#[derive(Deserialize)]
struct RawPush {
    operations: Vec<serde_json::Value>,
}

fn refused(code: ErrorCode, message: String) -> Answer {
    Answer::Refused { code, message }
}

fn refused_by_domain(error: &DomainError) -> Answer {
    refused(error.code(), error.message(Lang::Es))
}

/// The records' refusal of an operation, as the server answers it.
fn refused_by(refusal: &Refusal) -> Answer {
    refused(refusal.code(), refusal.message(Lang::Es))
}

/// An operation ready to be decided.
struct Incoming {
    op: Operation,
    content_sha256: String,
}

/// `POST /v1/operations`.
pub async fn push(
    State(state): State<AppState>,
    signed_in: SignedIn,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<PushAnswers>, ServerError> {
    let max = state.config.max_push_operations;
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ServerError::BatchTooLarge { given: 0, max }
        } else {
            ServerError::BadRequest(rejection.body_text())
        }
    })?;
    let raw: RawPush = json(&body)?;
    if raw.operations.len() > max {
        return Err(ServerError::BatchTooLarge {
            given: raw.operations.len(),
            max,
        });
    }
    let mut batch: Vec<(Uuid, Result<Incoming, Answer>)> = Vec::with_capacity(raw.operations.len());
    for value in raw.operations {
        let id = value
            .get("id")
            .and_then(|v| v.as_str())
            .and_then(|v| Uuid::parse_str(v).ok())
            .ok_or_else(|| ServerError::BadRequest("una operación sin id".into()))?;
        let parsed = serde_json::from_value::<Operation>(value)
            .map_err(|e| {
                PushRefusal::Malformed {
                    detail: e.to_string(),
                }
                .answer()
            })
            .and_then(|op| {
                let content_sha256 = content_sha256(&op).map_err(|e| {
                    PushRefusal::Unreadable {
                        detail: e.to_string(),
                    }
                    .answer()
                })?;
                Ok(Incoming { content_sha256, op })
            });
        batch.push((id, parsed));
    }

    let ids: Vec<Uuid> = batch.iter().map(|(id, _)| *id).collect();
    let wanted: Vec<String> = batch
        .iter()
        .filter_map(|(_, p)| p.as_ref().ok())
        .flat_map(|i| i.op.body.attachments())
        .map(|a| a.sha256.clone())
        .filter(|h| is_sha256(h))
        .collect();

    let now = state.now();
    let mut tx = state.pool.begin().await?;
    let last = sequence::lock(&mut tx).await?;
    let mut known = operations::answered(&mut tx, &ids).await?;
    let present = blobs::present(&mut tx, &wanted).await?;

    let mut seq = last;
    let mut rows = Rows::default();
    let mut records = PushState::default();
    let mut conflicts = Vec::new();
    let mut answers = Vec::with_capacity(batch.len());
    let decider = Decider {
        signed_in: &signed_in,
        now,
        max_skew_ms: state.config.max_clock_skew.num_milliseconds(),
    };
    // What the batch's operations read, fetched up front by kind (twice: an order names
    // its customer); each operation's own load then finds it held.
    for _ in 0..2 {
        let keys: Vec<RecordKey> = batch
            .iter()
            .filter_map(|(_, incoming)| incoming.as_ref().ok())
            .flat_map(|incoming| nimbo_domain::operation::wanted(&incoming.op, records.view()))
            .collect();
        records.preload(&mut tx, &keys).await?;
    }
    for (id, incoming) in batch {
        let answer = match incoming {
            Err(answer) => answer,
            Ok(incoming) => {
                let answer = match precheck(&signed_in, &incoming, &known, &present) {
                    Some(answer) => answer,
                    None => {
                        decider
                            .decide(
                                &mut tx,
                                &mut records,
                                &incoming.op,
                                &mut seq,
                                &mut conflicts,
                            )
                            .await?
                    }
                };
                let fresh = !known.contains_key(&id);
                if fresh && answer.is_final() {
                    rows.push(&incoming.op, &incoming.content_sha256, &answer)?;
                    known.insert(id, (incoming.content_sha256.clone(), answer.clone()));
                }
                answer
            }
        };
        answers.push(OperationAnswer { id, answer });
    }

    records.flush(&mut tx).await?;
    rows.insert(&mut tx, Some(signed_in.user.id), now).await?;
    conflicts::insert(&mut tx, &conflicts, now).await?;
    if seq != last {
        sequence::advance(&mut tx, seq).await?;
    }
    tx.commit().await?;
    Ok(Json(PushAnswers { answers }))
}

/// The checks that need no record: identity, a re-send, files, roles. `None` when the
/// operation passes them.
fn precheck(
    signed_in: &SignedIn,
    incoming: &Incoming,
    known: &HashMap<Uuid, (String, Answer)>,
    present: &HashSet<String>,
) -> Option<Answer> {
    let op = &incoming.op;
    let user = &signed_in.user;
    if op.actor != user.username {
        return Some(
            PushRefusal::ActorMismatch {
                actor: op.actor.clone(),
                user: user.username.clone(),
            }
            .answer(),
        );
    }
    if let Some((content, answer)) = known.get(&op.id) {
        return Some(if *content == incoming.content_sha256 {
            answer.clone()
        } else {
            PushRefusal::IdReused { id: op.id }.answer()
        });
    }
    let files = op.body.attachments();
    if let Some(bad) = files.iter().find(|a| !is_sha256(&a.sha256)) {
        return Some(
            PushRefusal::BadAttachment {
                name: bad.name.clone(),
            }
            .answer(),
        );
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|a| !present.contains(&a.sha256))
        .map(|a| a.name.clone())
        .collect();
    if !missing.is_empty() {
        return Some(PushRefusal::BlobMissing { names: missing }.answer());
    }
    let allowed = match &op.body {
        OperationBody::Command { command } => authorize_command(user, command),
        OperationBody::Fields {
            entity, entity_id, ..
        } => {
            if *entity != op.entity || *entity_id != op.entity_id {
                return Some(PushRefusal::Inconsistent.answer());
            }
            match entity.edit_action() {
                Some(action) => authorize(user, action),
                None => return Some(refused_by(&Refusal::NotEditable { kind: *entity })),
            }
        }
    };
    allowed.err().map(|error| refused_by_domain(&error))
}

/// What deciding an operation against the records needs from the request.
struct Decider<'a> {
    signed_in: &'a SignedIn,
    now: chrono::DateTime<chrono::Utc>,
    max_skew_ms: i64,
}

impl Decider<'_> {
    /// Runs the operation through the domain against the records, giving it the next
    /// sequence number when it changes them (every applied command takes one).
    async fn decide(
        &self,
        conn: &mut Connection,
        records: &mut PushState,
        op: &Operation,
        seq: &mut i64,
        conflicts: &mut Vec<NewConflict>,
    ) -> Result<Answer, ServerError> {
        // The server keeps no clock of its own to move: receiving into a zero clock is
        // only the domain's bound check.
        if let Err(skew) =
            Hlc::zero("server").receive(&op.hlc, self.now.timestamp_millis(), self.max_skew_ms)
        {
            return Ok(PushRefusal::ClockAhead {
                ahead_ms: skew.ahead_ms,
                max_ms: skew.max_ms,
            }
            .answer());
        }
        records.load_for(conn, op).await?;
        let actor = records
            .user(&self.signed_in.user.username)
            .unwrap_or_else(|| self.signed_in.user.clone());
        let outcome = match apply(op, &actor, records.view()) {
            Ok(outcome) => outcome,
            Err(refusal) => {
                if let Refusal::MoneyConflict {
                    field,
                    yours,
                    theirs,
                } = &refusal
                {
                    let other = records
                        .view()
                        .stamp(op.entity, op.entity_id, field)
                        .map(|s| s.actor);
                    conflicts.push(NewConflict {
                        operation: op.id,
                        entity: op.entity,
                        entity_id: op.entity_id,
                        author: op.actor.clone(),
                        conflict: FieldConflict {
                            field: field.clone(),
                            yours: yours.clone(),
                            theirs: theirs.clone(),
                            kept: theirs.clone(),
                            other,
                        },
                        by_hand: true,
                    });
                }
                return Ok(refused_by(&refusal));
            }
        };
        if outcome.conflicts.is_empty() {
            *seq += 1;
            records.absorb(&outcome, *seq);
            return Ok(Answer::Applied { seq: *seq });
        }
        let placed = outcome.changed().then(|| {
            *seq += 1;
            records.absorb(&outcome, *seq);
            *seq
        });
        for conflict in &outcome.conflicts {
            conflicts.push(NewConflict {
                operation: op.id,
                entity: op.entity,
                entity_id: op.entity_id,
                author: op.actor.clone(),
                conflict: conflict.clone(),
                by_hand: false,
            });
        }
        Ok(Answer::Conflict {
            seq: placed,
            message: conflict_message(op.entity, &outcome.conflicts),
            conflicts: outcome.conflicts,
        })
    }
}

/// A value as the conflict message quotes it: a text as typed, anything else as JSON would
/// write it, and nothing as «(vacío)».
fn quoted(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "(vacío)".into(),
        serde_json::Value::String(s) if s.is_empty() => "(vacío)".into(),
        serde_json::Value::String(s) => format!("«{s}»"),
        other => format!("«{other}»"),
    }
}

/// The answer's one message, in usted, naming each field in words.
fn conflict_message(entity: EntityKind, conflicts: &[FieldConflict]) -> String {
    let each: Vec<String> = conflicts
        .iter()
        .map(|c| {
            let who = c.other.as_deref().unwrap_or("otra persona");
            let field = field_label(entity, &c.field, Lang::Es);
            if c.kept == c.yours {
                format!(
                    "en «{field}» quedó su valor {} (el cambio más reciente) y {who} había puesto {}",
                    quoted(&c.yours),
                    quoted(&c.theirs)
                )
            } else {
                format!(
                    "en «{field}» quedó {} de {who} (el cambio más reciente) y su valor {} no se aplicó",
                    quoted(&c.kept),
                    quoted(&c.yours)
                )
            }
        })
        .collect();
    format!(
        "Otra persona cambió los mismos datos mientras usted trabajaba sin conexión: {}; revíselo en «Conflictos de edición» (Sincronización) y corríjalo si hace falta.",
        each.join("; ")
    )
}
