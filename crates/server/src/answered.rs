//! What an answered operation is known by: the SHA-256 of its JSON, stored with its
//! answer ([`crate::postgres::operations`]), so a re-send of the same operation gets the
//! same answer and a different operation under a used id is refused.

use nimbo_domain::operation::Operation;

use crate::error::ServerError;
use crate::tokens::sha256_hex;

/// The SHA-256 of an operation's JSON: a re-send must carry the same.
pub fn content_sha256(op: &Operation) -> Result<String, ServerError> {
    let bytes = serde_json::to_vec(op)
        .map_err(|e| ServerError::Internal(format!("serialising an operation: {e}")))?;
    Ok(sha256_hex(&bytes))
}
