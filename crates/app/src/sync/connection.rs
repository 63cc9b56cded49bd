//! Connecting this database to a sync server, and a signed-in client for each sync: the
//! password is sent once, at login, and never kept; each sync spends the stored refresh
//! token for a fresh pair and keeps the new one.

use nimbo_store::sync as store;
use nimbo_sync::client::{Client, ClientError};

use super::SyncStatus;
use crate::{AppError, Nimbo};

/// The server's refusal or the network's failure, as the app says it.
pub(crate) fn client_error(e: ClientError) -> AppError {
    match e {
        ClientError::Network(e) => AppError::SyncUnreachable {
            detail: e.to_string(),
        },
        ClientError::Refused { code, message, .. } => AppError::SyncRefused { code, message },
        ClientError::Unexpected { status, detail } => AppError::SyncUnexpected { status, detail },
    }
}

/// Connects this database to the server at `server_url` as `username`: checks that both
/// speak the same protocol, signs in, and keeps the session (not the password).
pub async fn login(
    nimbo: &Nimbo,
    server_url: &str,
    username: &str,
    password: &str,
) -> Result<SyncStatus, AppError> {
    let url = server_url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(AppError::SyncBadServerUrl { url: url.into() });
    }
    let client = Client::new(url).map_err(client_error)?;
    client.handshake().await.map_err(client_error)?;
    let (_, tokens) = client
        .sign_in(username.trim(), password)
        .await
        .map_err(client_error)?;
    let mut tx = nimbo.store().begin().await?;
    store::start(
        &mut tx,
        url,
        &tokens.user.username,
        &tokens.refresh_token,
        tokens.refresh_expires_at,
    )
    .await?;
    tx.commit().await?;
    super::status(nimbo).await
}

/// Forgets the session with the server; what was synced stays, and queued work waits
/// for the next login.
pub async fn logout(nimbo: &Nimbo) -> Result<(), AppError> {
    let mut tx = nimbo.store().begin().await?;
    store::forget(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

/// A client signed in with a fresh access token, the rotated refresh token kept.
pub(crate) async fn client(nimbo: &Nimbo) -> Result<Client, AppError> {
    let session = {
        let mut conn = nimbo.store().read().await?;
        store::session(&mut conn)
            .await?
            .ok_or(AppError::SyncNotConnected)?
    };
    let client = Client::new(&session.server_url).map_err(client_error)?;
    client.handshake().await.map_err(client_error)?;
    let (signed_in, tokens) = client
        .refresh(&session.refresh_token)
        .await
        .map_err(client_error)?;
    let mut tx = nimbo.store().begin().await?;
    store::rotate(&mut tx, &tokens.refresh_token, tokens.refresh_expires_at).await?;
    tx.commit().await?;
    Ok(signed_in)
}
