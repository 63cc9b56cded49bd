//! The protocol version handshake. Every request may name its version in the
//! `Nimbo-Protocol` header (the client in this crate always does); one the server does not
//! speak is refused with 426 and a message telling the person to update Nimbo, while the
//! laptop keeps queueing its work.

use axum::Json;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::ServerError;
use crate::wire::{Handshake, MIN_PROTOCOL, PROTOCOL, PROTOCOL_HEADER};

/// `GET /v1/handshake`: the versions the server speaks and its clock.
pub async fn handshake(State(state): State<AppState>) -> Json<Handshake> {
    Json(Handshake {
        protocol: PROTOCOL,
        min_protocol: MIN_PROTOCOL,
        server_version: env!("CARGO_PKG_VERSION").to_string(),
        server_time: state.now(),
    })
}

/// Refuses a request whose protocol version the server does not speak.
pub async fn check_protocol(request: Request, next: Next) -> Response {
    if let Some(value) = request.headers().get(PROTOCOL_HEADER) {
        let version = value
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok());
        match version {
            Some(v) if (MIN_PROTOCOL..=PROTOCOL).contains(&v) => {}
            Some(v) => {
                return ServerError::UpdateRequired {
                    client: v,
                    min: MIN_PROTOCOL,
                    max: PROTOCOL,
                }
                .into_response();
            }
            None => {
                return ServerError::BadRequest(format!(
                    "la cabecera {PROTOCOL_HEADER} debe ser un número"
                ))
                .into_response();
            }
        }
    }
    next.run(request).await
}
