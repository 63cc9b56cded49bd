//! `GET /v1/conflicts`: the conflicts the signed-in user is part of — as the author of the
//! edit that arrived second, or as the person whose value it found — newest first, so
//! both see what was kept and can correct it.

use axum::Json;
use axum::extract::State;

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::error::ServerError;
use crate::postgres::conflicts;
use crate::wire::Conflicts;

/// The most conflicts listed at once.
const LIMIT: i64 = 500;

/// `GET /v1/conflicts`.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Conflicts>, ServerError> {
    let mut conn = state.pool.acquire().await?;
    let conflicts = conflicts::of_user(&mut conn, &signed_in.user.username, LIMIT).await?;
    Ok(Json(Conflicts { conflicts }))
}
