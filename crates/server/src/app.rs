//! The HTTP front door: the shared state every handler reads, the `/v1` routes and the
//! loop that serves them until asked to stop.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post, put};
use chrono::{DateTime, Utc};
use tokio::net::TcpListener;

use crate::config::Config;
use crate::error::ServerError;
use crate::postgres::Pool;
use crate::tokens::Keys;
use crate::{blobs, conflicts, handshake, pull, push, records, request_log, session};

/// What every handler shares. Nothing in it changes while serving: all that matters lives
/// in PostgreSQL, so several servers can run side by side.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub pool: Pool,
    /// The access tokens' key.
    pub keys: Arc<Keys>,
    /// The settings.
    pub config: Arc<Config>,
    /// The clock (fixed in tests that need a given time).
    pub clock: fn() -> DateTime<Utc>,
}

impl AppState {
    /// The state for a configuration and a pool; fails without a token secret.
    pub fn new(pool: Pool, config: Config) -> Result<AppState, ServerError> {
        let keys = Keys::new(config.require_secret()?, config.access_lifetime);
        Ok(AppState {
            pool,
            keys: Arc::new(keys),
            config: Arc::new(config),
            clock: Utc::now,
        })
    }

    /// Now, by the server's clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }
}

/// The largest push body: a full batch of operations with room to spare (a typical
/// operation is well under a kilobyte; files travel separately).
pub const PUSH_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The `/v1` routes.
pub fn router(state: AppState) -> Router {
    let blob_limit = usize::try_from(state.config.max_blob_bytes).unwrap_or(usize::MAX);
    Router::new()
        .route("/v1/handshake", get(handshake::handshake))
        .route(
            "/v1/session",
            post(session::sign_in).delete(session::sign_out),
        )
        .route("/v1/session/refresh", post(session::refresh))
        .route(
            "/v1/blobs/{sha256}",
            put(blobs::put_blob)
                .get(blobs::get_blob)
                .layer(DefaultBodyLimit::max(blob_limit)),
        )
        .route(
            "/v1/operations",
            post(push::push)
                .get(pull::pull)
                .layer(DefaultBodyLimit::max(PUSH_BODY_LIMIT)),
        )
        .route("/v1/conflicts", get(conflicts::list))
        .route("/v1/records/{kind}/{key}", get(records::record))
        .layer(middleware::from_fn(handshake::check_protocol))
        .layer(middleware::from_fn(request_log::log_request))
        .with_state(state)
}

/// Serves on the listener until `shutdown` completes, then finishes the requests under way.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| ServerError::Internal(format!("serving failed: {e}")))
}
