//! Passwords: argon2id with its default parameters, stored as PHC strings. Hashing is
//! slow on purpose, so the server runs it off the async threads.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::ServerError;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 8;

/// Hashes a new password into a PHC string (`$argon2id$v=19$…`) with a fresh salt.
pub fn hash(password: &str) -> Result<String, ServerError> {
    if password.chars().count() < MIN_LENGTH {
        return Err(ServerError::PasswordTooShort(MIN_LENGTH));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ServerError::Internal(format!("argon2 hashing failed: {e}")))
}

/// Whether the password matches the stored PHC string.
pub fn verify(password: &str, phc: &str) -> Result<bool, ServerError> {
    let parsed = PasswordHash::new(phc)
        .map_err(|e| ServerError::Internal(format!("a stored password hash is malformed: {e}")))?;
    Ok(Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

/// A hash of no one's password, checked when the username is unknown so that a wrong
/// username takes as long to refuse as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password of no user").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let phc = hash("correcto caballo batería").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(!phc.contains("caballo"));
        assert!(verify("correcto caballo batería", &phc).unwrap());
        assert!(!verify("otra clave cualquiera", &phc).unwrap());
        assert_ne!(phc, hash("correcto caballo batería").unwrap(), "fresh salt");
    }

    #[test]
    fn a_short_password_is_refused() {
        assert!(matches!(
            hash("corta"),
            Err(ServerError::PasswordTooShort(8))
        ));
    }
}
