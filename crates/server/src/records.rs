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
        "subscription" => RecordKey::Subscription(id()?),
        "invoice" => RecordKey::Invoice(id()?),
        "process" => RecordKey::Process(id()?),
        "statement" => RecordKey::Statement(id()?),
        "plan" => RecordKey::Plans,
        "risk" => RecordKey::Risks,
        "holiday" => RecordKey::Holidays,
        "period_lock" => RecordKey::PeriodLock(key.trim().parse().map_err(
            |e: nimbo_domain::billing::period::NotAPeriod| ServerError::BadRequest(e.to_string()),
        )?),
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
        RecordKey::Subscription(id) => view.subscription(id).map(Record::Subscription),
        RecordKey::Invoice(id) => view.invoice(id).map(Record::Invoice),
        RecordKey::Process(id) => view.process(id).map(Record::Process),
        RecordKey::Statement(id) => view.statement(id).map(Record::Statement),
        RecordKey::PeriodLock(period) => view.period_lock(period).map(Record::PeriodLock),
        RecordKey::Plans => view
            .plan_records()
            .into_iter()
            .find(|p| p.code == key.trim())
            .map(Record::Plan),
        RecordKey::Risks => view
            .risk_records()
            .into_iter()
            .find(|r| r.code == key.trim())
            .map(Record::Risk),
        RecordKey::Holidays => view
            .holidays()
            .into_iter()
            .find(|h| h.date.to_string() == key.trim())
            .map(Record::Holiday),
        _ => None,
    };
    Ok(Json(RecordState { record }))
}
