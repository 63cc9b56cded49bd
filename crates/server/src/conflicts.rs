//! `GET /v1/conflicts`: the conflicts the signed-in user is part of — as the author of the
//! edit that arrived second, or as the person whose value it found — newest first, so
//! both see what was kept and can correct it.

use axum::Json;
use axum::extract::State;
use sqlx::Row;

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::error::ServerError;
use crate::wire::{ConflictRecord, Conflicts};

/// The most conflicts listed at once.
const LIMIT: i64 = 500;

/// `GET /v1/conflicts`.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Conflicts>, ServerError> {
    let rows = sqlx::query(
        "SELECT operation_id, entity_kind, entity_id, field, author, other, yours, theirs, kept,
                by_hand, recorded_at
         FROM conflicts WHERE author = $1 OR other = $1
         ORDER BY recorded_at DESC, operation_id DESC LIMIT $2",
    )
    .bind(&signed_in.user.username)
    .bind(LIMIT)
    .fetch_all(&state.pool)
    .await?;
    let mut conflicts = Vec::with_capacity(rows.len());
    for row in rows {
        conflicts.push(ConflictRecord {
            operation_id: row.try_get("operation_id")?,
            entity_kind: row.try_get("entity_kind")?,
            entity_id: row.try_get("entity_id")?,
            field: row.try_get("field")?,
            author: row.try_get("author")?,
            other: row.try_get("other")?,
            yours: row.try_get("yours")?,
            theirs: row.try_get("theirs")?,
            kept: row.try_get("kept")?,
            by_hand: row.try_get("by_hand")?,
            recorded_at: row.try_get("recorded_at")?,
        });
    }
    Ok(Json(Conflicts { conflicts }))
}
