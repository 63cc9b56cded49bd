//! Access and refresh tokens. An access token is a short-lived HS256 JWT naming the user
//! and the session; it carries no role (roles are read from the database on every
//! request). A refresh token is 32 random bytes the server keeps only as their SHA-256.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ServerError;

/// What an access token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: Uuid,
    /// The session's id.
    pub sid: Uuid,
    /// Issued at, in seconds since 1970.
    pub iat: i64,
    /// Expires at, in seconds since 1970.
    pub exp: i64,
}

/// The key access tokens are signed and checked with.
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    lifetime: chrono::Duration,
}

impl Keys {
    /// Keys from the configured secret, with the access tokens' lifetime.
    pub fn new(secret: &[u8], lifetime: chrono::Duration) -> Keys {
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            lifetime,
        }
    }

    /// Issues an access token for the session, good until the returned time.
    pub fn issue(
        &self,
        user: Uuid,
        session: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(String, DateTime<Utc>), ServerError> {
        let expires = now + self.lifetime;
        let claims = Claims {
            sub: user,
            sid: session,
            iat: now.timestamp(),
            exp: expires.timestamp(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| {
            ServerError::Internal(format!("signing an access token failed: {e}"))
        })?;
        Ok((token, expires))
    }

    /// Checks the signature, then the expiry against `now` (no leeway: the server's clock
    /// is the only one that counts, and it issued the token).
    pub fn check(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, ServerError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| ServerError::TokenInvalid)?
            .claims;
        if claims.exp <= now.timestamp() {
            return Err(ServerError::SessionExpired);
        }
        Ok(claims)
    }
}

/// A new refresh token and the SHA-256 under which it is stored.
pub fn new_refresh_token() -> Result<(String, String), ServerError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| ServerError::Internal(format!("the system's randomness failed: {e}")))?;
    let token = hex::encode(bytes);
    let stored = sha256_hex(token.as_bytes());
    Ok((token, stored))
}

/// The lowercase hex SHA-256 of bytes.
pub use nimbo_sync::sha256_hex;

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &[u8]) -> Keys {
        Keys::new(secret, chrono::Duration::minutes(15))
    }

    #[test]
    fn a_token_is_good_until_its_expiry_and_not_a_second_more() {
        let k = keys(&[7; 32]);
        let now = Utc::now();
        let (token, expires) = k.issue(Uuid::nil(), Uuid::max(), now).unwrap();
        assert_eq!(k.check(&token, now).unwrap().sid, Uuid::max());
        assert!(matches!(
            k.check(&token, expires),
            Err(ServerError::SessionExpired)
        ));
    }

    #[test]
    fn a_token_signed_with_another_key_or_altered_is_invalid() {
        let now = Utc::now();
        let (token, _) = keys(&[1; 32]).issue(Uuid::nil(), Uuid::nil(), now).unwrap();
        assert!(matches!(
            keys(&[2; 32]).check(&token, now),
            Err(ServerError::TokenInvalid)
        ));
        let mut altered = token.clone();
        altered.insert(token.len() / 2, 'x');
        assert!(matches!(
            keys(&[1; 32]).check(&altered, now),
            Err(ServerError::TokenInvalid)
        ));
    }

    #[test]
    fn refresh_tokens_are_random_and_stored_by_hash() {
        let (a, stored) = new_refresh_token().unwrap();
        let (b, _) = new_refresh_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(stored, sha256_hex(a.as_bytes()));
        assert_eq!(a.len(), 64);
    }
}
