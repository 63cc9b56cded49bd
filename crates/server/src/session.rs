//! Sign-in, refresh and sign-out. A session is one sign-in on one device; its refresh
//! token is spent by each refresh and replaced, and presenting a spent one again (a stolen
//! copy, or a replay) closes the whole session.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use nimbo_domain::user::User;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::error::ServerError;
use crate::password;
use crate::postgres::{Connection, sessions, users};
use crate::tokens::{new_refresh_token, sha256_hex};
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
    sessions::open(&mut tx, session, user.id, now).await?;
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

/// `POST /v1/session/refresh`: spends a refresh token for a new pair.
pub async fn refresh(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Json<SessionTokens>, ServerError> {
    let request: Refresh = json(&body)?;
    let stored = sha256_hex(request.refresh_token.trim().as_bytes());
    let now = state.now();
    let mut tx = state.pool.begin().await?;
    let Some(stored_token) = sessions::refresh_for_update(&mut tx, &stored).await? else {
        return Err(ServerError::TokenInvalid);
    };
    let session = stored_token.session;
    if stored_token.revoked {
        return Err(ServerError::TokenInvalid);
    }
    if let Some(at) = stored_token.spent_at {
        // The tokens issued when this one was spent are all still unused when nothing of
        // the session was spent by a refresh after it (tokens voided by an earlier retry
        // do not count: that retry's answer may have been lost too).
        if !stored_token.voided
            && now - at <= REFRESH_RETRY_GRACE
            && !sessions::spent_after(&mut tx, session, at).await?
        {
            // The answer to that refresh was lost on the way (a cut connection): the
            // laptop still holds this token and its successor was never used. Hand out a
            // new pair and make the unused successor worthless, so one token stays valid.
            sessions::void_unspent(&mut tx, session, now).await?;
            let user = users::load(&mut tx, stored_token.user_id)
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
        sessions::close(&mut tx, session, now).await?;
        tx.commit().await?;
        tracing::warn!(%session, "a spent refresh token was presented again; session closed");
        return Err(ServerError::TokenInvalid);
    }
    if stored_token.expires_at <= now {
        return Err(ServerError::SessionExpired);
    }
    let user = users::load(&mut tx, stored_token.user_id)
        .await?
        .ok_or(ServerError::TokenInvalid)?;
    if !user.active {
        return Err(ServerError::UserInactive(user.username));
    }
    sessions::spend(&mut tx, &stored, now).await?;
    let tokens = issue(&state, &mut tx, &user, session, now).await?;
    tx.commit().await?;
    Ok(Json(tokens))
}

/// `DELETE /v1/session`: closes the session of the access token.
pub async fn sign_out(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<StatusCode, ServerError> {
    let mut conn = state.pool.acquire().await?;
    sessions::close(&mut conn, signed_in.session, state.now()).await?;
    tracing::info!(username = %signed_in.user.username, session = %signed_in.session, "signed out");
    Ok(StatusCode::NO_CONTENT)
}

/// A new access token and refresh token for the session, the latter stored.
async fn issue(
    state: &AppState,
    conn: &mut Connection,
    user: &User,
    session: Uuid,
    now: DateTime<Utc>,
) -> Result<SessionTokens, ServerError> {
    let (access_token, access_expires_at) = state.keys.issue(user.id, session, now)?;
    let (refresh_token, stored) = new_refresh_token()?;
    let refresh_expires_at = now + state.config.refresh_lifetime;
    sessions::add_refresh(conn, &stored, session, now, refresh_expires_at).await?;
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
