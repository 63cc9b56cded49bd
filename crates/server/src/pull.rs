//! `GET /v1/operations?after=SEQ&limit=N`: what was applied, in pages by the gap-free
//! sequence. A page is everything after the cursor up to the limit; an empty page means
//! the client has caught up.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::error::ServerError;
use crate::postgres::{operations, sequence};
use crate::wire::PullPage;

/// The query of a pull.
#[derive(Debug, Deserialize)]
pub struct PullQuery {
    /// The last sequence number the client holds (0 at first).
    #[serde(default)]
    pub after: i64,
    /// The most operations wanted (the server's maximum when absent or larger).
    pub limit: Option<i64>,
}

/// `GET /v1/operations`.
pub async fn pull(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullPage>, ServerError> {
    let Query(query) = query.map_err(|e| ServerError::BadRequest(e.body_text()))?;
    let max = state.config.max_pull_operations;
    let limit = query.limit.unwrap_or(max).clamp(1, max);
    if query.after < 0 {
        return Err(ServerError::BadRequest("after debe ser 0 o más".into()));
    }
    let mut conn = state.pool.acquire().await?;
    let operations = operations::after(&mut conn, query.after, limit).await?;
    // Read after the page, so the progress figure is never behind the page itself.
    let latest_seq = sequence::last(&mut conn).await?;
    let next_after = operations.last().map_or(query.after, |p| p.seq);
    Ok(Json(PullPage {
        operations,
        next_after,
        latest_seq,
    }))
}
