//! Files by hash: a laptop uploads a file's bytes under their SHA-256 before any operation
//! that refers to it. The bytes are checked against the name; uploading again is harmless.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::error::ServerError;
use crate::postgres::blobs;
use crate::tokens::sha256_hex;
use crate::wire::BlobStored;

/// Whether the text is a lowercase hex SHA-256.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `PUT /v1/blobs/{sha256}`: stores the body if it hashes to the name.
pub async fn put_blob(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(sha256): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<BlobStored>), ServerError> {
    if !is_sha256(&sha256) {
        return Err(ServerError::BadHash(sha256));
    }
    let max = state.config.max_blob_bytes;
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ServerError::BlobTooLarge { max }
        } else {
            ServerError::BadRequest(rejection.body_text())
        }
    })?;
    let size = body.len() as u64;
    if size > max {
        return Err(ServerError::BlobTooLarge { max });
    }
    let actual = sha256_hex(&body);
    if actual != sha256 {
        return Err(ServerError::BlobHashMismatch {
            expected: sha256,
            actual,
        });
    }
    let mut conn = state.pool.acquire().await?;
    let created = blobs::store(&mut conn, &sha256, &body, signed_in.user.id, state.now()).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(BlobStored {
            sha256,
            size,
            created,
        }),
    ))
}

/// `GET /v1/blobs/{sha256}`: the file's bytes.
pub async fn get_blob(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    Path(sha256): Path<String>,
) -> Result<Response, ServerError> {
    if !is_sha256(&sha256) {
        return Err(ServerError::BadHash(sha256));
    }
    let mut conn = state.pool.acquire().await?;
    match blobs::content(&mut conn, &sha256).await? {
        Some(bytes) => {
            Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
        }
        None => Err(ServerError::BlobNotFound(sha256)),
    }
}
