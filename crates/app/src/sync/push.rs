//! Sending the outbox: oldest first (a customer before its orders), the files each
//! operation refers to uploaded by hash before it, and each answer kept with the
//! operation — applied, refused with the server's reason, or in conflict — so its author
//! sees it. Answers the server does not keep (a file it lacks, the laptop's clock ahead)
//! leave the operation queued for the next sync.

use std::collections::HashSet;

use nimbo_store::{attachments, device, outbox};
use nimbo_sync::client::Client;
use nimbo_sync::wire::Answer;

use super::SyncReport;
use super::connection::client_error;
use crate::{AppError, Nimbo};

/// Operations per request: small enough for a slow line, large enough for speed.
const BATCH: i64 = 200;

/// Sends every pending operation the server will take now.
pub async fn push(nimbo: &Nimbo, client: &Client) -> Result<SyncReport, AppError> {
    let device = {
        let mut tx = nimbo.store().begin().await?;
        let d = device::load(&mut tx).await?;
        tx.commit().await?;
        d.id
    };
    let mut report = SyncReport::default();
    let mut uploaded: HashSet<String> = HashSet::new();
    loop {
        let batch = {
            let mut conn = nimbo.store().read().await?;
            outbox::pending_batch(&mut conn, device, report.deferred as i64, BATCH).await?
        };
        if batch.is_empty() {
            break;
        }
        for op in &batch {
            for file in op.body.attachments() {
                if uploaded.contains(&file.sha256) {
                    continue;
                }
                let bytes = {
                    let mut conn = nimbo.store().read().await?;
                    attachments::content(&mut conn, &file.sha256).await?
                };
                // A file this database lacks is the server's to refuse (`blob_missing`).
                if let Some(bytes) = bytes {
                    client
                        .put_blob_as(&file.sha256, &bytes)
                        .await
                        .map_err(client_error)?;
                    report.files_sent += 1;
                }
                uploaded.insert(file.sha256.clone());
            }
        }
        let answers = client.push(&batch).await.map_err(client_error)?;
        let now = nimbo.now();
        let mut tx = nimbo.store().begin().await?;
        for a in &answers {
            if !a.answer.is_final() {
                report.deferred += 1;
                continue;
            }
            let state = match &a.answer {
                Answer::Applied { .. } => {
                    report.applied += 1;
                    "applied"
                }
                Answer::Refused { .. } => {
                    report.refused += 1;
                    "refused"
                }
                Answer::Conflict { .. } => {
                    report.conflicts += 1;
                    "conflict"
                }
            };
            let json = serde_json::to_value(&a.answer).unwrap_or_default();
            outbox::answered(&mut tx, a.id, state, &json, now).await?;
        }
        tx.commit().await?;
        // What the server refused did not happen: the records it touched take the
        // server's state again.
        for a in &answers {
            if matches!(a.answer, Answer::Refused { .. })
                && a.answer.is_final()
                && let Some(op) = batch.iter().find(|op| op.id == a.id)
                && super::realign::realign(nimbo, client, op).await?
            {
                report.realigned += 1;
            }
        }
        if answers.len() < batch.len() {
            // The server answers every operation it was sent; fewer means a protocol fault.
            return Err(AppError::SyncRefused {
                code: nimbo_domain::ErrorCode::IncompleteAnswer,
                message: format!(
                    "el servidor respondió {} de {} operaciones; vuelva a sincronizar",
                    answers.len(),
                    batch.len()
                ),
            });
        }
    }
    Ok(report)
}
