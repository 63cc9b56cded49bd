//! `GET /v1/records/{kind}/{key}`: a record as the server holds it now. A laptop whose
//! own change was refused, or whose replay of someone else's found its records differing,
//! brings the record back in line with the server's — the authority — from here.

use axum::Json;
use axum::extract::{Path, State};
use nimbo_domain::operation::{Record, RecordKey};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::SignedIn;
use crate::error::ServerError;
use crate::state::PushState;
use crate::wire::RecordState;

/// `GET /v1/records/{kind}/{key}`: `key` is the record's id, a user's username, or
/// anything for the organisation (there is one).
pub async fn record(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    Path((kind, key)): Path<(String, String)>,
) -> Result<Json<RecordState>, ServerError> {
    let id = || {
        Uuid::parse_str(key.trim()).map_err(|_| {
            ServerError::BadRequest(format!("«{key}» no es el identificador de un registro"))
        })
    };
    let wanted = match kind.as_str() {
        "organisation" => RecordKey::Organisation,
        "user" => RecordKey::User(key.trim().to_string()),
        "customer" => RecordKey::Customer(id()?),
        "order" => RecordKey::Order(id()?),
        "document" => RecordKey::Document(id()?),
        other => {
            return Err(ServerError::BadRequest(format!(
                "«{other}» no es un tipo de registro que el servidor guarde"
            )));
        }
    };
    let mut conn = state.pool.acquire().await?;
    let mut held = PushState::default();
    held.load(&mut conn, std::slice::from_ref(&wanted)).await?;
    let view = held.view();
    let record = match wanted {
        RecordKey::Organisation => view.organisation().map(Record::Organisation),
        RecordKey::User(username) => view.user(&username).map(Record::User),
        RecordKey::Customer(id) => view.customer(id).map(Record::Customer),
        RecordKey::Order(id) => view.order(id).map(Record::Order),
        RecordKey::Document(id) => view.document(id).map(Record::Document),
        _ => None,
    };
    Ok(Json(RecordState { record }))
}
