//! `POST /v1/operations`: a batch of a laptop's outbox, each operation answered on its
//! own. The whole batch is one transaction that holds the lock on the sequence counter
//! from its start, so pushes are decided one after the other: a re-send racing its
//! original still sees it, and sequence numbers are given out in commit order with no
//! hole.
//!
//! What is checked here: the operation is well formed, its actor is the signed-in user,
//! its id is new or carries the same content as before, the files it refers to are
//! uploaded, and the user's roles on the server allow it (the domain's
//! [`authorize_command`] and [`EntityKind::edit_action`]). What is not checked yet: the
//! command against the record's current state (an order at the right step, a field's
//! version). That needs the server to keep each record's state — a table such as
//! `entities(kind, id, state jsonb, version)` updated in this same transaction by the
//! domain's own transitions — and conflicts come with it.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use nimbo_domain::operation::{EntityKind, Operation, OperationBody, authorize_command};
use nimbo_domain::permission::authorize;
use nimbo_domain::{DomainError, Lang};
use serde::Deserialize;
use sqlx::Row;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::blobs::is_sha256;
use crate::error::ServerError;
use crate::session::json;
use crate::tokens::sha256_hex;
use crate::wire::{Answer, OperationAnswer, PushAnswers};

/// The batch as it comes: each operation parsed on its own, so one that this server
/// cannot read is refused alone and the rest still go through.
#[derive(Deserialize)]
struct RawPush {
    operations: Vec<serde_json::Value>,
}

fn refused(code: &str, message: String) -> Answer {
    Answer::Refused {
        code: code.to_string(),
        message,
    }
}

fn refused_by_domain(error: &DomainError) -> Answer {
    refused(error.code(), error.message(Lang::Es))
}

/// An operation ready to be decided.
struct Incoming {
    op: Operation,
    content_sha256: String,
}

/// The rows a push writes, column by column, for one `UNNEST` insert.
#[derive(Default)]
struct Rows {
    id: Vec<Uuid>,
    content_sha256: Vec<String>,
    device: Vec<Uuid>,
    entity_kind: Vec<String>,
    entity_id: Vec<Uuid>,
    operation: Vec<String>,
    answer: Vec<String>,
    seq: Vec<Option<i64>>,
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
                refused(
                    "malformed",
                    format!("El servidor no entiende esta operación ({e}): actualizá Nimbo."),
                )
            })
            .and_then(|op| {
                let bytes = serde_json::to_vec(&op)
                    .map_err(|e| refused("malformed", format!("operación ilegible: {e}")))?;
                Ok(Incoming {
                    content_sha256: sha256_hex(&bytes),
                    op,
                })
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
    let last: i64 =
        sqlx::query_scalar("SELECT last_seq FROM sync_sequence WHERE only_row FOR UPDATE")
            .fetch_one(&mut *tx)
            .await?;
    let mut known: HashMap<Uuid, (String, Answer)> = HashMap::new();
    for row in sqlx::query(
        "SELECT id, content_sha256, answer::text AS answer FROM operations WHERE id = ANY($1)",
    )
    .bind(&ids)
    .fetch_all(&mut *tx)
    .await?
    {
        let answer: String = row.try_get("answer")?;
        let answer: Answer = serde_json::from_str(&answer)
            .map_err(|e| ServerError::Internal(format!("a stored answer is unreadable: {e}")))?;
        known.insert(row.try_get("id")?, (row.try_get("content_sha256")?, answer));
    }
    let present: HashSet<String> =
        sqlx::query_scalar::<_, String>("SELECT sha256 FROM blobs WHERE sha256 = ANY($1)")
            .bind(&wanted)
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();

    let mut seq = last;
    let mut rows = Rows::default();
    let mut answers = Vec::with_capacity(batch.len());
    for (id, incoming) in batch {
        let answer = match incoming {
            Err(answer) => answer,
            Ok(incoming) => {
                let answer = decide(&signed_in, &incoming, &known, &present, &mut seq);
                let fresh = !known.contains_key(&id);
                if fresh && answer.is_final() {
                    rows.push(&incoming, &answer)?;
                    known.insert(id, (incoming.content_sha256.clone(), answer.clone()));
                }
                answer
            }
        };
        answers.push(OperationAnswer { id, answer });
    }

    if !rows.id.is_empty() {
        sqlx::query(
            "INSERT INTO operations
               (id, content_sha256, actor_id, device, entity_kind, entity_id, operation, answer, seq, received_at)
             SELECT u.id, u.content_sha256, $9, u.device, u.entity_kind, u.entity_id,
                    u.operation::jsonb, u.answer::jsonb, u.seq, $10
             FROM UNNEST($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[],
                         $7::text[], $8::int8[])
               AS u(id, content_sha256, device, entity_kind, entity_id, operation, answer, seq)",
        )
        .bind(&rows.id)
        .bind(&rows.content_sha256)
        .bind(&rows.device)
        .bind(&rows.entity_kind)
        .bind(&rows.entity_id)
        .bind(&rows.operation)
        .bind(&rows.answer)
        .bind(&rows.seq)
        .bind(signed_in.user.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    if seq != last {
        sqlx::query("UPDATE sync_sequence SET last_seq = $1 WHERE only_row")
            .bind(seq)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Json(PushAnswers { answers }))
}

/// Decides one operation, giving it the next sequence number when it is applied.
fn decide(
    signed_in: &SignedIn,
    incoming: &Incoming,
    known: &HashMap<Uuid, (String, Answer)>,
    present: &HashSet<String>,
    seq: &mut i64,
) -> Answer {
    let op = &incoming.op;
    let user = &signed_in.user;
    if op.actor != user.username {
        return refused(
            "actor_mismatch",
            format!(
                "La operación es de «{}», pero la sesión es de «{}»: solo se envían las operaciones propias.",
                op.actor, user.username
            ),
        );
    }
    if let Some((content, answer)) = known.get(&op.id) {
        return if *content == incoming.content_sha256 {
            answer.clone()
        } else {
            refused(
                "id_reused",
                format!(
                    "El servidor ya recibió otra operación con el id {}: la copia local está dañada; avisá al administrador.",
                    op.id
                ),
            )
        };
    }
    let files = op.body.attachments();
    if let Some(bad) = files.iter().find(|a| !is_sha256(&a.sha256)) {
        return refused(
            "bad_attachment",
            format!("El archivo «{}» no tiene un SHA-256 válido.", bad.name),
        );
    }
    let missing: Vec<&str> = files
        .iter()
        .filter(|a| !present.contains(&a.sha256))
        .map(|a| a.name.as_str())
        .collect();
    if !missing.is_empty() {
        return refused(
            "blob_missing",
            format!(
                "Faltan los archivos {} en el servidor: Nimbo los sube y vuelve a enviar la operación.",
                missing.join(", ")
            ),
        );
    }
    let allowed = match &op.body {
        OperationBody::Command { command } => authorize_command(user, command),
        OperationBody::Fields {
            entity, entity_id, ..
        } => {
            if *entity != op.entity || *entity_id != op.entity_id {
                return refused(
                    "inconsistent",
                    "La operación nombra dos registros distintos: actualizá Nimbo.".into(),
                );
            }
            match entity.edit_action() {
                Some(action) => authorize(user, action),
                None => return not_editable(*entity),
            }
        }
    };
    if let Err(error) = allowed {
        return refused_by_domain(&error);
    }
    *seq += 1;
    Answer::Applied { seq: *seq }
}

fn not_editable(entity: EntityKind) -> Answer {
    refused(
        "not_editable",
        format!(
            "Los registros de tipo «{}» no se editan campo por campo: actualizá Nimbo.",
            entity.id()
        ),
    )
}

impl Rows {
    fn push(&mut self, incoming: &Incoming, answer: &Answer) -> Result<(), ServerError> {
        let op = &incoming.op;
        let unwritable = |e: serde_json::Error| ServerError::Internal(format!("serialising: {e}"));
        self.id.push(op.id);
        self.content_sha256.push(incoming.content_sha256.clone());
        self.device.push(op.device);
        self.entity_kind.push(op.entity.id().to_string());
        self.entity_id.push(op.entity_id);
        self.operation
            .push(serde_json::to_string(op).map_err(unwritable)?);
        self.answer
            .push(serde_json::to_string(answer).map_err(unwritable)?);
        self.seq.push(match answer {
            Answer::Applied { seq } => Some(*seq),
            _ => None,
        });
        Ok(())
    }
}
