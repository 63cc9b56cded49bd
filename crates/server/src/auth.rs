//! Who is asking: the access token is checked, then the user and their roles are read
//! from the database on every request, so a revoked role or a closed session counts at
//! once and no role the client claims is ever believed.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use nimbo_domain::user::User;
use uuid::Uuid;

use crate::app::AppState;
use crate::error::ServerError;
use crate::postgres::{sessions, users};

/// The signed-in user of a request, as the server's database holds them.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The user with their roles.
    pub user: User,
    /// The session the token belongs to.
    pub session: Uuid,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ServerError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or(ServerError::NotSignedIn)?;
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ServerError::TokenInvalid)?;
        let claims = state.keys.check(token, state.now())?;
        let mut conn = state.pool.acquire().await?;
        if !sessions::is_open(&mut conn, claims.sid, claims.sub).await? {
            return Err(ServerError::TokenInvalid);
        }
        let user = users::load(&mut conn, claims.sub)
            .await?
            .ok_or(ServerError::TokenInvalid)?;
        if !user.active {
            return Err(ServerError::UserInactive(user.username));
        }
        Ok(SignedIn {
            user,
            session: claims.sid,
        })
    }
}
