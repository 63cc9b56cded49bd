//! Sync as the desktop shows it: the indicator (connected or not, online or not, pending
//! work, the last sync), the connection form, and the changes the server refused or
//! found in conflict, with its reasons.

use nimbo_domain::Lang;
use nimbo_domain::operation::{EntityKind, field_label};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::{People, instant};
use crate::{AppError, Nimbo, sync};

/// Where sync stands, for the indicator and the sync screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SyncStatusView {
    /// Whether this computer is connected to a server.
    pub connected: bool,
    /// The server's address.
    pub server_url: Option<String>,
    /// Who connected it.
    pub username: Option<String>,
    /// Whether the last attempt reached the server (false before any).
    pub online: bool,
    /// Operations waiting to be sent.
    pub pending: i64,
    /// Operations refused or in conflict.
    pub unaccepted: u32,
    /// The last server sequence number applied here.
    pub pulled_through: i64,
    /// When the last sync finished (RFC 3339).
    pub last_sync_at: Option<String>,
    /// Why the last sync failed, in the user's language's words from the core.
    pub last_error: Option<String>,
    /// While operations are being brought down: how many so far.
    pub pulling_done: Option<i64>,
    /// While operations are being brought down: how many in all.
    pub pulling_total: Option<i64>,
}

/// What one sync did, in words ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct SyncDoneView {
    /// The status afterwards.
    pub status: SyncStatusView,
    /// One line: sent, refused, in conflict, received.
    pub summary: String,
}

/// A change the server did not accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct UnacceptedView {
    /// The operation's id.
    pub operation: String,
    /// Who made it.
    pub actor: String,
    /// The kind of record.
    pub entity: String,
    /// `refused` or `conflict`.
    pub state: String,
    /// The server's reason.
    pub reason: String,
    /// When the server answered (RFC 3339).
    pub answered_at: String,
}

fn view(s: sync::SyncStatus) -> SyncStatusView {
    // Read once: the two halves must come from the same moment of the pull.
    let pulling = sync::progress::current();
    SyncStatusView {
        connected: s.server_url.is_some(),
        online: s.server_url.is_some() && s.last_sync_at.is_some() && s.last_error.is_none(),
        server_url: s.server_url,
        username: s.username,
        pending: s.pending,
        unaccepted: u32::try_from(s.unaccepted).unwrap_or(u32::MAX),
        pulled_through: s.pulled_through,
        last_sync_at: s.last_sync_at.map(instant),
        last_error: s.last_error,
        pulling_done: pulling.map(|p| p.0),
        pulling_total: pulling.map(|p| p.1),
    }
}

/// Where sync stands.
pub async fn status(nimbo: &Nimbo) -> Result<SyncStatusView, AppError> {
    Ok(view(sync::status(nimbo).await?))
}

/// Connects this computer to a server.
pub async fn login(
    nimbo: &Nimbo,
    server_url: &str,
    username: &str,
    password: &str,
) -> Result<SyncStatusView, AppError> {
    Ok(view(
        sync::login(nimbo, server_url, username, password).await?,
    ))
}

/// Disconnects this computer (pending work stays queued).
pub async fn logout(nimbo: &Nimbo) -> Result<SyncStatusView, AppError> {
    sync::logout(nimbo).await?;
    status(nimbo).await
}

/// Syncs now.
pub async fn now(nimbo: &Nimbo, lang: Lang) -> Result<SyncDoneView, AppError> {
    let r = sync::sync(nimbo).await?;
    let summary = if lang == Lang::Es {
        format!(
            "{} enviados, {} rechazados, {} en conflicto, {} recibidos",
            r.applied, r.refused, r.conflicts, r.pulled
        )
    } else {
        format!(
            "{} sent, {} refused, {} in conflict, {} received",
            r.applied, r.refused, r.conflicts, r.pulled
        )
    };
    Ok(SyncDoneView {
        status: status(nimbo).await?,
        summary,
    })
}

/// The changes the server refused or found in conflict, newest first.
pub async fn unaccepted(nimbo: &Nimbo) -> Result<Vec<UnacceptedView>, AppError> {
    Ok(sync::unaccepted(nimbo)
        .await?
        .into_iter()
        .map(|u| UnacceptedView {
            operation: u.op_id.to_string(),
            actor: u.actor,
            entity: u.entity,
            state: u.state,
            reason: u.answer["message"].as_str().unwrap_or_default().to_string(),
            answered_at: u.answered_at,
        })
        .collect())
}

/// An edit conflict the connected user is part of, in words ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct EditConflictView {
    /// The operation that arrived second.
    pub operation: String,
    /// The record, e.g. «Cliente Agroganadera del Sur S.A.».
    pub record: String,
    /// The customer's RUC, when the record is a customer (to open its page).
    pub customer_ruc: Option<String>,
    /// The field's key, as the restore command names it.
    pub field_key: String,
    /// The field, in words.
    pub field: String,
    /// Whether the connected user sent the edit that arrived second.
    pub mine: bool,
    /// A money field: nothing was applied, to be settled by hand.
    pub by_hand: bool,
    /// What happened, one sentence.
    pub text: String,
    /// What the field holds now.
    pub kept: String,
    /// The connected user's value that lost, in words, when they may put it back.
    pub restorable: Option<String>,
    /// When the server recorded it (RFC 3339).
    pub recorded_at: String,
}

fn shown(value: &serde_json::Value, lang: Lang) -> String {
    match value {
        serde_json::Value::Null => lang.pick("(vacío)", "(empty)").to_string(),
        serde_json::Value::String(s) if s.is_empty() => lang.pick("(vacío)", "(empty)").to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn record_name(
    conn: &mut nimbo_store::Connection,
    kind: Option<EntityKind>,
    id: uuid::Uuid,
    lang: Lang,
) -> Result<String, AppError> {
    Ok(match kind {
        Some(EntityKind::Customer) => format!(
            "{} {}",
            lang.pick("Cliente", "Customer"),
            nimbo_store::customers::by_id(conn, id)
                .await?
                .map_or_else(|| id.to_string(), |c| c.name)
        ),
        Some(EntityKind::Organisation) => lang.pick("La organización", "The organisation").into(),
        Some(EntityKind::User) => format!("{} {id}", lang.pick("Usuario", "User")),
        _ => id.to_string(),
    })
}

/// The edit conflicts kept at the last sync, newest first, from the connected user's side.
pub async fn edit_conflicts(nimbo: &Nimbo, lang: Lang) -> Result<Vec<EditConflictView>, AppError> {
    let mut conn = nimbo.store().read().await?;
    let me = nimbo_store::sync::session(&mut conn)
        .await?
        .map(|s| s.username)
        .unwrap_or_default();
    let people = People(nimbo_store::users::all(&mut conn).await?);
    let mut views = Vec::new();
    for c in nimbo_store::conflicts::list(&mut conn).await? {
        let kind: Option<EntityKind> =
            serde_json::from_value(serde_json::Value::String(c.entity_kind.clone())).ok();
        let field = kind.map_or_else(|| c.field.clone(), |k| field_label(k, &c.field, lang));
        let mine = c.author == me;
        let theirs_mine = c.other.as_deref() == Some(me.as_str());
        let other = match &c.other {
            Some(username) => people.name(username),
            None => lang.pick("otra persona", "someone else").to_string(),
        };
        let author = people.name(&c.author);
        let (yours, theirs, kept) = (
            shown(&c.yours, lang),
            shown(&c.theirs, lang),
            shown(&c.kept, lang),
        );
        let mut text = match (lang, mine, theirs_mine) {
            (Lang::Es, true, _) => {
                format!("Usted escribió «{yours}» sin conocer el cambio de {other} («{theirs}»).")
            }
            (Lang::Es, false, true) => {
                format!("{author} escribió «{yours}» sin conocer su cambio («{theirs}»).")
            }
            (Lang::Es, false, false) => format!(
                "{author} escribió «{yours}» sin conocer el cambio de {other} («{theirs}»)."
            ),
            (Lang::En, true, _) => {
                format!("You wrote «{yours}» without knowing {other}'s change («{theirs}»).")
            }
            (Lang::En, false, true) => {
                format!("{author} wrote «{yours}» without knowing your change («{theirs}»).")
            }
            (Lang::En, false, false) => {
                format!("{author} wrote «{yours}» without knowing {other}'s change («{theirs}»).")
            }
        };
        text.push(' ');
        text.push_str(&if c.by_hand {
            format!(
                "{} «{kept}». {}",
                lang.pick(
                    "Es un monto: no se aplicó y el campo conserva",
                    "It is an amount: it was not applied and the field keeps"
                ),
                lang.pick(
                    "Acuerden el valor y corríjanlo a mano.",
                    "Agree on the value and correct it by hand."
                )
            )
        } else {
            format!(
                "{} «{kept}» {}",
                lang.pick("Quedó", "The field kept"),
                lang.pick(
                    "(gana el cambio hecho más tarde); corríjalo si no es el correcto.",
                    "(the change made later wins); correct it if it is wrong."
                )
            )
        });
        let restorable = sync::conflicts::restorable(&mut conn, &c, &me)
            .await?
            .map(|v| shown(&v, lang));
        let customer_ruc = match kind {
            Some(EntityKind::Customer) => nimbo_store::customers::by_id(&mut conn, c.entity_id)
                .await?
                .map(|customer| customer.ruc.to_string()),
            _ => None,
        };
        views.push(EditConflictView {
            operation: c.operation_id.to_string(),
            record: record_name(&mut conn, kind, c.entity_id, lang).await?,
            customer_ruc,
            field_key: c.field.clone(),
            restorable,
            field,
            mine,
            by_hand: c.by_hand,
            text,
            kept,
            recorded_at: instant(c.recorded_at),
        });
    }
    Ok(views)
}

/// Puts back the connected user's value that lost in a conflict (an ordinary edit by
/// `by`), and lists the conflicts again.
pub async fn restore_mine(
    nimbo: &Nimbo,
    by: &str,
    operation: &str,
    field: &str,
    lang: Lang,
) -> Result<Vec<EditConflictView>, AppError> {
    let operation = operation
        .parse::<uuid::Uuid>()
        .map_err(|_| AppError::ConflictNotRestorable)?;
    sync::restore_mine(nimbo, by, operation, field).await?;
    edit_conflicts(nimbo, lang).await
}
