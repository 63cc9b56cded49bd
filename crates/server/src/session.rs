//! Sign-in, refresh and sign-out. A session is one sign-in on one device; its refresh
//! token is spent by each refresh and replaced, and presenting a spent one again (a stolen
//! copy, or a replay) closes the whole session.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use nimbo_domain::user::User;
use sqlx::{PgConnection, Row};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::error::ServerError;
use crate::password;
use crate::tokens::{new_refresh_token, sha256_hex};
use crate::users;
use crate::wire::{Refresh, SessionTokens, SessionUser, SignIn};

/// Reads a JSON body, refusing it with the protocol's error shape.
pub(crate) fn json<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, ServerError> {
    serde_json::from_slice(body).map_err(|e| ServerError::BadRequest(format!("JSON: {e}")))
}

/// `POST /v1/session`: signs in with a username and password.
pub async fn sign_in(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<SessionTokens>, ServerError> {
    let request: SignIn = json(&body)?;
    let found = users::find_for_sign_in(&state.pool, request.username.trim()).await?;
    let (phc, known) = match &found {
        Some((_, phc)) => (phc.clone(), true),
        None => (password::decoy().to_string(), false),
    };
    let typed = request.password;
    let matches = tokio::task::spawn_blocking(move || password::verify(&typed, &phc))
        .await
        .map_err(|e| ServerError::Internal(format!("the verifying task failed: {e}")))??;
    let user = match found {
        Some((user, _)) if known && matches => user,
        _ => {
            tracing::info!(username = %request.username.trim(), "sign-in refused");
            return Err(ServerError::BadCredentials);
        }
    };
    if !user.active {
        return Err(ServerError::UserInactive(user.username));
    }
    let now = state.now();
    let session = Uuid::now_v7();
    let mut tx = state.pool.begin().await?;
    sqlx::query("INSERT INTO sessions (id, user_id, created_at) VALUES ($1, $2, $3)")
        .bind(session)
        .bind(user.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let tokens = issue(&state, &mut tx, &user, session, now).await?;
    tx.commit().await?;
    tracing::info!(username = %user.username, %session, "signed in");
    Ok(Json(tokens))
}

/// How long a spent refresh token may be presented again because the answer to its
/// refresh was lost (a connection cut on the way back), as long as the token that answer
/// carried was never used. Past it, or once the successor was used, a spent token means
/// someone holds a copy, and the session closes.
const REFRESH_RETRY_GRACE: chrono::Duration = chrono::Duration::seconds(30);

/// Whether the tokens issued when a refresh token was spent (at `spent_at`) are all
/// still unused: nothing of the session was spent by a refresh after it (tokens voided by
/// an earlier retry do not count: that retry's answer may have been lost too).
async fn successor_unused(
    conn: &mut PgConnection,
    session: Uuid,
    spent_at: DateTime<Utc>,
) -> Result<bool, ServerError> {
    let later: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM refresh_tokens
         WHERE session_id = $1 AND spent_at > $2 AND NOT voided",
    )
    .bind(session)
    .bind(spent_at)
    .fetch_one(&mut *conn)
    .await?;
    Ok(later == 0)
}

/// `POST /v1/session/refresh`: spends a refresh token for a new pair.
pub async fn refresh(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<SessionTokens>, ServerError> {
    let request: Refresh = json(&body)?;
    let stored = sha256_hex(request.refresh_token.trim().as_bytes());
    let now = state.now();
    let mut tx = state.pool.begin().await?;
    let row = sqlx::query(
        "SELECT r.session_id, r.expires_at, r.spent_at IS NOT NULL AS spent, r.spent_at, r.voided,
                s.revoked_at IS NOT NULL AS revoked, s.user_id
         FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
         WHERE r.token_sha256 = $1
         FOR UPDATE OF r, s",
    )
    .bind(&stored)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Err(ServerError::TokenInvalid);
    };
    let session: Uuid = row.try_get("session_id")?;
    let expires_at: DateTime<Utc> = row.try_get("expires_at")?;
    if row.try_get::<bool, _>("revoked")? {
        return Err(ServerError::TokenInvalid);
    }
    if row.try_get::<bool, _>("spent")? {
        let spent_at: Option<DateTime<Utc>> = row.try_get("spent_at")?;
        let voided: bool = row.try_get("voided")?;
        if let Some(at) = spent_at
            && !voided
            && now - at <= REFRESH_RETRY_GRACE
            && successor_unused(&mut tx, session, at).await?
        {
            // The answer to that refresh was lost on the way (a cut connection): the
            // laptop still holds this token and its successor was never used. Hand out a
            // new pair and make the unused successor worthless, so one token stays valid.
            sqlx::query(
                "UPDATE refresh_tokens SET spent_at = $2, voided = true
                 WHERE session_id = $1 AND spent_at IS NULL",
            )
            .bind(session)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let user = users::load(&mut tx, row.try_get("user_id")?)
                .await?
                .ok_or(ServerError::TokenInvalid)?;
            if !user.active {
                return Err(ServerError::UserInactive(user.username));
            }
            let tokens = issue(&state, &mut tx, &user, session, now).await?;
            tx.commit().await?;
            tracing::info!(%session, "a refresh was retried after its answer was lost");
            return Ok(Json(tokens));
        }
        // A spent token came back: someone holds a copy. Close the session for both.
        sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE id = $1")
            .bind(session)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::warn!(%session, "a spent refresh token was presented again; session closed");
        return Err(ServerError::TokenInvalid);
    }
    if expires_at <= now {
        return Err(ServerError::SessionExpired);
    }
    let user = users::load(&mut tx, row.try_get("user_id")?)
        .await?
        .ok_or(ServerError::TokenInvalid)?;
    if !user.active {
        return Err(ServerError::UserInactive(user.username));
    }
    sqlx::query("UPDATE refresh_tokens SET spent_at = $2 WHERE token_sha256 = $1")
        .bind(&stored)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let tokens = issue(&state, &mut tx, &user, session, now).await?;
    tx.commit().await?;
    Ok(Json(tokens))
}

/// `DELETE /v1/session`: closes the session of the access token.
pub async fn sign_out(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<StatusCode, ServerError> {
    sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(signed_in.session)
        .bind(state.now())
        .execute(&state.pool)
        .await?;
    tracing::info!(username = %signed_in.user.username, session = %signed_in.session, "signed out");
    Ok(StatusCode::NO_CONTENT)
}

async fn issue(
    state: &AppState,
    conn: &mut PgConnection,
    user: &User,
    session: Uuid,
    now: DateTime<Utc>,
) -> Result<SessionTokens, ServerError> {
    let (access_token, access_expires_at) = state.keys.issue(user.id, session, now)?;
    let (refresh_token, stored) = new_refresh_token()?;
    let refresh_expires_at = now + state.config.refresh_lifetime;
    sqlx::query(
        "INSERT INTO refresh_tokens (token_sha256, session_id, issued_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(&stored)
    .bind(session)
    .bind(now)
    .bind(refresh_expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(SessionTokens {
        access_token,
        access_expires_at,
        refresh_token,
        refresh_expires_at,
        user: SessionUser {
            id: user.id,
            username: user.username.clone(),
            full_name: user.full_name.clone(),
            roles: user.roles.iter().copied().collect(),
        },
    })
}
